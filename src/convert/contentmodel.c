/* contentmodel.c — see contentmodel.h. The model is a table (S_elements)
 * of the elements sanitize.c keeps: what each may hold and where it may
 * stand, from EPUB 3's schemas (the .rnc files and assertions.sch under
 * com/adobe/epubcheck/schema/30/mod/html5 in epubcheck.jar). The repairs are those of WHATWG HTML's tree construction
 * (foster parenting, implied <tr>/<tbody>/<colgroup>, the adoption agency
 * for a link in a link) done on a finished tree. */
#include "convert/contentmodel.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "convert/sanitize.h"

enum S_model {
	M_FLOW,        /* text and flow content */
	M_PHRASING,    /* text and phrasing content; blocks inside make it a <div>
			* (in preformatted text, lines) */
	M_HEADING,     /* phrasing content; blocks inside lose their tags, it keeps its name */
	M_TRANSPARENT, /* what its parent may hold (a, ins, del) */
	M_EMPTY,       /* nothing */
	M_LIST,        /* <li> only */
	M_DL,          /* (<dt>+ <dd>+)* */
	M_FIGURE,      /* flow content, a <figcaption> first or last */
	M_TABLE,       /* caption? colgroup* thead? (tbody* | tr+) tfoot? */
	M_PART,        /* thead/tbody/tfoot/tr/colgroup: checked with their table */
	M_RUBY,        /* ((phrasing)+ (rt+ | rp (rt rp)+))+ */
	M_TEXT,        /* text only (rp) */
};

enum {
	F_PHRASING = 1, /* phrasing content: may stand in a <p> */
	F_TABLE = 2,    /* a part of a table: only its table may hold it */
};

struct S_element {
	const char *name;
	unsigned char model;
	unsigned char flags;
	const char *parents; /* the only parents it may have (space-separated), or NULL */
};

/* Sorted by name (binary search). */
static const struct S_element S_elements[] = {
	{"a", M_TRANSPARENT, F_PHRASING, NULL},
	{"abbr", M_PHRASING, F_PHRASING, NULL},
	{"address", M_FLOW, 0, NULL},
	{"article", M_FLOW, 0, NULL},
	{"aside", M_FLOW, 0, NULL},
	{"b", M_PHRASING, F_PHRASING, NULL},
	{"bdi", M_PHRASING, F_PHRASING, NULL},
	{"bdo", M_PHRASING, F_PHRASING, NULL},
	{"blockquote", M_FLOW, 0, NULL},
	{"br", M_EMPTY, F_PHRASING, NULL},
	{"caption", M_FLOW, F_TABLE, "table"},
	{"cite", M_PHRASING, F_PHRASING, NULL},
	{"code", M_PHRASING, F_PHRASING, NULL},
	{"col", M_EMPTY, F_TABLE, "colgroup table"},
	{"colgroup", M_PART, F_TABLE, "table"},
	{"dd", M_FLOW, 0, "dl"},
	{"del", M_TRANSPARENT, F_PHRASING, NULL},
	{"dfn", M_PHRASING, F_PHRASING, NULL},
	{"div", M_FLOW, 0, NULL},
	{"dl", M_DL, 0, NULL},
	{"dt", M_FLOW, 0, "dl"},
	{"em", M_PHRASING, F_PHRASING, NULL},
	{"figcaption", M_FLOW, 0, "figure"},
	{"figure", M_FIGURE, 0, NULL},
	{"footer", M_FLOW, 0, NULL},
	{"h1", M_HEADING, 0, NULL},
	{"h2", M_HEADING, 0, NULL},
	{"h3", M_HEADING, 0, NULL},
	{"h4", M_HEADING, 0, NULL},
	{"h5", M_HEADING, 0, NULL},
	{"h6", M_HEADING, 0, NULL},
	{"header", M_FLOW, 0, NULL},
	{"hr", M_EMPTY, 0, NULL},
	{"i", M_PHRASING, F_PHRASING, NULL},
	{"img", M_EMPTY, F_PHRASING, NULL},
	{"ins", M_TRANSPARENT, F_PHRASING, NULL},
	{"kbd", M_PHRASING, F_PHRASING, NULL},
	{"li", M_FLOW, 0, "ol ul"},
	{"mark", M_PHRASING, F_PHRASING, NULL},
	{"ol", M_LIST, 0, NULL},
	{"p", M_PHRASING, 0, NULL},
	{"pre", M_PHRASING, 0, NULL},
	{"q", M_PHRASING, F_PHRASING, NULL},
	{"rp", M_TEXT, 0, "ruby"},
	{"rt", M_HEADING, 0, "ruby"},
	{"ruby", M_RUBY, F_PHRASING, NULL},
	{"s", M_PHRASING, F_PHRASING, NULL},
	{"samp", M_PHRASING, F_PHRASING, NULL},
	{"section", M_FLOW, 0, NULL},
	{"small", M_PHRASING, F_PHRASING, NULL},
	{"span", M_PHRASING, F_PHRASING, NULL},
	{"strong", M_PHRASING, F_PHRASING, NULL},
	{"sub", M_PHRASING, F_PHRASING, NULL},
	{"sup", M_PHRASING, F_PHRASING, NULL},
	{"table", M_TABLE, 0, NULL},
	{"tbody", M_PART, F_TABLE, "table"},
	{"td", M_FLOW, F_TABLE, "tr"},
	{"tfoot", M_PART, F_TABLE, "table"},
	{"th", M_FLOW, F_TABLE, "tr"},
	{"thead", M_PART, F_TABLE, "table"},
	{"time", M_PHRASING, F_PHRASING, NULL},
	{"tr", M_PART, F_TABLE, "tbody thead tfoot table"},
	{"u", M_PHRASING, F_PHRASING, NULL},
	{"ul", M_LIST, 0, NULL},
	{"var", M_PHRASING, F_PHRASING, NULL},
	{"wbr", M_EMPTY, F_PHRASING, NULL},
};

/* An element sanitize.c does not make: flow content that holds flow. */
static const struct S_element S_other = {"", M_FLOW, 0, NULL};

static bool S_html(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       xmlStrEqual(n->ns->href, (const xmlChar *)XHTML_NS);
}

static int S_by_name(const void *key, const void *el)
{
	return strcmp(key, ((const struct S_element *)el)->name);
}

static const struct S_element *S_named(const char *name)
{
	return bsearch(name, S_elements, sizeof S_elements / sizeof *S_elements, sizeof *S_elements,
		       S_by_name);
}

/* The model of an XHTML element; NULL for anything else (text, SVG). */
static const struct S_element *S_el(xmlNodePtr n)
{
	if (!S_html(n))
		return NULL;
	const struct S_element *e = S_named((const char *)n->name);
	return e ? e : &S_other;
}

bool contentmodel_phrasing(const char *name)
{
	const struct S_element *e = S_named(name);
	return e && (e->flags & F_PHRASING);
}

bool contentmodel_void(const char *name)
{
	static const char *const voids[] = {"area", "base",  "br",    "col",    "embed", "hr",    "img",
					    "input", "link", "meta", "param", "source", "track", "wbr"};
	for (size_t i = 0; i < sizeof voids / sizeof *voids; i++)
		if (strcmp(name, voids[i]) == 0)
			return true;
	return false;
}

static bool S_is(xmlNodePtr n, const char *name)
{
	return S_html(n) && strcmp((const char *)n->name, name) == 0;
}

static bool S_word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static bool S_blank(xmlNodePtr n)
{
	if (n->type != XML_TEXT_NODE)
		return false;
	const char *s = n->content ? (const char *)n->content : "";
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* Content that counts: elements, and text that is not blank. */
static bool S_counts(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE || (n->type == XML_TEXT_NODE && !S_blank(n));
}

static void S_free(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Whether n is text that has one of the characters of set at its end
 * (or start). */
static bool S_ws_at(xmlNodePtr n, bool at_end, const char *set)
{
	if (!n || n->type != XML_TEXT_NODE || !n->content || !*n->content)
		return false;
	const char *s = (const char *)n->content;
	return strchr(set, at_end ? s[strlen(s) - 1] : s[0]) != NULL;
}

/* What keeps the words of a block apart from those around it once its
 * tags go: a space, or in preformatted text a line break. */
static const char *S_sep(const char *sep)
{
	return strcmp(sep, "\n") == 0 ? "\n" : " \t\r\n";
}

/* sep before n unless what precedes it already ends a word. (Put in
 * before the blocks' text moves: libxml2 merges adjacent text nodes.) */
static void S_space_before(xmlNodePtr n, const char *sep)
{
	if (n->prev && !S_ws_at(n->prev, true, S_sep(sep)) && !S_ws_at(n, false, S_sep(sep)))
		xmlAddPrevSibling(n, xmlNewDocText(n->doc, (const xmlChar *)sep));
}

static void S_space_after(xmlNodePtr n, const char *sep)
{
	if (n->next && !S_ws_at(n->next, false, S_sep(sep)) && !S_ws_at(n, true, S_sep(sep)))
		xmlAddNextSibling(n, xmlNewDocText(n->doc, (const xmlChar *)sep));
}

/* el's children take its place; el is freed. A block's words are kept
 * apart from those around it by sep (NULL: an inline element). el is an
 * XHTML element: an <svg> holds the namespace its shapes point to. */
static void S_unwrap(xmlNodePtr el, const char *sep)
{
	if (sep) {
		S_space_before(el, sep);
		S_space_after(el, sep);
	}
	while (el->children) {
		xmlNodePtr c = el->children;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(el, c);
	}
	S_free(el);
}

/* A copy of el without its children or its id (ids stay unique). */
static xmlNodePtr S_clone(xmlNodePtr el)
{
	xmlNodePtr c = xmlNewDocNode(el->doc, el->ns, el->name, NULL);
	c->properties = xmlCopyPropList(c, el->properties);
	xmlUnsetProp(c, (const xmlChar *)"id");
	return c;
}

/* A new element of el's namespace, put before `before` (or appended to
 * parent when before is NULL). */
static xmlNodePtr S_new(xmlNodePtr parent, xmlNodePtr before, const char *name)
{
	xmlNodePtr el = xmlNewDocNode(parent->doc, parent->ns, (const xmlChar *)name, NULL);
	if (before)
		xmlAddPrevSibling(before, el);
	else
		xmlAddChild(parent, el);
	return el;
}

/* n moved to the end of el. */
static void S_move_into(xmlNodePtr el, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlAddChild(el, n);
}

/* Renamed, without the attributes only the old name takes. */
static void S_rename(xmlNodePtr el, const char *name)
{
	static const char *const own[] = {"cite", "datetime", "value", "start", "reversed",
					  "colspan", "rowspan", "scope", "span", NULL};
	for (const char *const *a = own; *a; a++)
		xmlUnsetProp(el, (const xmlChar *)*a);
	xmlNodeSetName(el, (const xmlChar *)name);
}

/* The nearest ancestor of n named name, below stop (NULL: any). */
static xmlNodePtr S_ancestor(xmlNodePtr n, const char *name, xmlNodePtr stop)
{
	for (xmlNodePtr a = n->parent; a && a != stop && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (S_is(a, name))
			return a;
	return NULL;
}

/* ---- Blocks where only phrasing content may stand ---- */

/* The mark of an element a split may have left empty. */
static const char S_emptied = 0;

static bool S_block(xmlNodePtr n);

/* A child that is not phrasing content, directly or through a
 * transparent element (an <a> holding a <div>). */
static bool S_has_block(xmlNodePtr el)
{
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (S_block(c))
			return true;
	return false;
}

static bool S_block(xmlNodePtr n)
{
	const struct S_element *e = S_el(n);
	if (!e || (n->_private == &S_emptied && !n->children && !xmlHasProp(n, (const xmlChar *)"id")))
		return false; /* not a block when it goes (S_drop_emptied keeps a target) */
	if (e->model == M_TRANSPARENT)
		return S_has_block(n);
	return !(e->flags & F_PHRASING);
}

/* The blocks in el lose their tags, innermost transparent ones too: what
 * a heading (or <rt>) does with blocks, so its rank stays; in
 * preformatted text each block is a line. */
static void S_unwrap_blocks(xmlNodePtr el, const char *sep)
{
	bool again = true;
	while (again) {
		again = false;
		for (xmlNodePtr c = el->children; c;) {
			xmlNodePtr next = c->next;
			const struct S_element *e = S_el(c);
			if (e && e->model == M_TRANSPARENT && S_has_block(c)) {
				S_unwrap_blocks(c, sep);
			} else if (S_block(c)) {
				S_unwrap(c, sep);
				again = true;
			}
			c = next;
		}
	}
}

/* Each run of el's phrasing content (text, inline elements holding no
 * block) wrapped in a copy of fmt, and so in the blocks el holds: the
 * formatting HTML's parser reconstructs in a block opened inside it. */
static void S_wear(xmlNodePtr el, xmlNodePtr fmt)
{
	const struct S_element *e = S_el(el);
	bool text = e && (e->model == M_FLOW || e->model == M_PHRASING || e->model == M_HEADING ||
			  e->model == M_TRANSPARENT || e->model == M_FIGURE);
	xmlNodePtr run = NULL;
	for (xmlNodePtr c = el->children; c;) {
		xmlNodePtr next = c->next;
		if (S_block(c)) {
			run = NULL;
			S_wear(c, fmt);
		} else if (text && (run || !S_blank(c))) {
			if (!run) {
				run = S_clone(fmt);
				xmlAddPrevSibling(c, run);
			}
			S_move_into(run, c);
		}
		c = next;
	}
}

/* An element that may hold only phrasing content split around the blocks
 * it holds, as HTML's parser closes a paragraph at a block: each run of
 * its inline content keeps a copy of it (the first one its id), the
 * blocks stand between them, wearing it inside (when wear: bold, code…).
 * el is freed. */
static void S_split(xmlNodePtr el, bool wear)
{
	xmlNodePtr run = NULL;
	xmlChar *id = xmlGetProp(el, (const xmlChar *)"id");
	if (id) {
		/* The target stays where the element began: the first run,
		 * or an empty copy before the first block. */
		run = S_clone(el);
		xmlSetProp(run, (const xmlChar *)"id", id);
		xmlAddPrevSibling(el, run);
		xmlFree(id);
	}
	while (el->children) {
		xmlNodePtr c = el->children;
		xmlUnlinkNode(c);
		if (S_block(c)) {
			run = NULL;
			xmlAddPrevSibling(el, c);
			if (wear)
				S_wear(c, el);
		} else if (run || !S_blank(c)) {
			if (!run) {
				run = S_clone(el);
				xmlAddPrevSibling(el, run);
			}
			xmlAddChild(run, c);
		} else {
			xmlAddPrevSibling(el, c);
		}
	}
	S_free(el);
}

/* ---- Where an element may stand ---- */

/* Consecutive siblings from first on (blank text between them included)
 * that match, wrapped in a new element named wrapper. Returns it. */
static xmlNodePtr S_wrap_run(xmlNodePtr first, const char *const *names, const char *wrapper)
{
	xmlNodePtr w = S_new(first->parent, first, wrapper);
	for (xmlNodePtr c = first; c;) {
		xmlNodePtr next = c->next;
		bool match = false;
		for (const char *const *nm = names; *nm && !match; nm++)
			match = S_is(c, *nm);
		if (!match && !S_blank(c))
			break;
		if (match || (next && S_blank(c)))
			S_move_into(w, c);
		c = next;
	}
	/* Blank text moved in last belongs after the run. */
	while (w->last && S_blank(w->last)) {
		xmlNodePtr b = w->last;
		xmlUnlinkNode(b);
		xmlAddNextSibling(w, b);
	}
	return w;
}

static bool S_rowgroup(xmlNodePtr n)
{
	return S_is(n, "thead") || S_is(n, "tbody") || S_is(n, "tfoot");
}

/* A table part (caption, row, cell, column…) where its table's repair
 * looks at it: in its table, directly or through the parts that may hold
 * it (a cell in a row in a body), or directly in the table. */
static bool S_in_table(xmlNodePtr el)
{
	xmlNodePtr p = el->parent;
	if ((S_is(el, "td") || S_is(el, "th")) && S_is(p, "tr"))
		p = p->parent;
	if ((S_is(el, "td") || S_is(el, "th") || S_is(el, "tr")) && S_rowgroup(p))
		p = p->parent;
	if (S_is(el, "col") && S_is(p, "colgroup"))
		p = p->parent;
	return S_is(p, "table");
}

/* A table part outside a table: its tags go, and those of the parts it
 * holds (a row's cells), its words stay. A column holds nothing. */
static void S_untable(xmlNodePtr el)
{
	if (S_is(el, "col")) {
		S_free(el);
		return;
	}
	for (xmlNodePtr c = el->children; c;) {
		xmlNodePtr next = c->next;
		const struct S_element *e = S_el(c);
		if (e && (e->flags & F_TABLE))
			S_untable(c);
		c = next;
	}
	S_unwrap(el, " ");
}

static void S_dl(xmlNodePtr dl);

/* A <div> grouping terms in a <dl> (EPUB 3's dl takes either groups
 * like these only, or terms and descriptions only). */
static bool S_dl_group(xmlNodePtr div)
{
	return S_is(div, "div") && S_is(div->parent, "dl");
}

/* Whether el has a parent its model allows (any parent, for most). A
 * <dt> or <dd> in a <div> of a <dl> does: S_dl looks at the group. */
static bool S_parent_ok(xmlNodePtr el, const struct S_element *e)
{
	if (!e->parents || (el->parent && S_html(el->parent) &&
			    S_word_in(e->parents, (const char *)el->parent->name)))
		return true;
	return (S_is(el, "dt") || S_is(el, "dd")) && S_dl_group(el->parent);
}

/* el where its model does not let it stand: it gets the parent it needs
 * or loses its tag. False when el is gone. */
static bool S_place(xmlNodePtr el, const struct S_element *e)
{
	if (e->flags & F_TABLE) {
		if (S_in_table(el))
			return true;
		S_untable(el);
		return false;
	}
	if (S_parent_ok(el, e))
		return true;
	/* Items of one run make one list: the run's first item wraps it
	 * (the walk meets the last first). */
	xmlNodePtr prev = el->prev;
	while (prev && !S_counts(prev))
		prev = prev->prev;
	if (S_is(el, "li")) {
		static const char *const li[] = {"li", NULL};
		if (!S_is(prev, "li")) {
			/* Numbered items (value="3") are an ordered list's. */
			xmlNodePtr list = S_wrap_run(el, li, "ul");
			for (xmlNodePtr c = list->children; c; c = c->next)
				if (S_is(c, "li") && xmlHasProp(c, (const xmlChar *)"value"))
					xmlNodeSetName(list, (const xmlChar *)"ol");
		}
	} else if (S_is(el, "dt") || S_is(el, "dd")) {
		static const char *const dtdd[] = {"dt", "dd", NULL};
		if (!S_is(prev, "dt") && !S_is(prev, "dd"))
			S_dl(S_wrap_run(el, dtdd, "dl"));
	} else if (S_is(el, "figcaption")) {
		S_rename(el, "div");
	} else { /* rt, rp */
		S_rename(el, "span");
	}
	return true;
}

/* ---- Elements that may not stand inside others (assertions.sch) ---- */

/* Rebuilt around n: every element from n's parent up to top is split
 * in two at n, so that n ends up right after top and the words keep
 * their order. The inline elements between them are worn by n again
 * (as HTML's parser reconstructs formatting), links excepted: this is
 * how a link inside a link becomes two links. */
static void S_hoist(xmlNodePtr n, xmlNodePtr top)
{
	xmlNodePtr wear = NULL; /* clones of the inline elements crossed, outermost first */
	for (;;) {
		xmlNodePtr a = n->parent;
		if (a != top && !S_is(a, "a") && S_el(a) && (S_el(a)->flags & F_PHRASING)) {
			xmlNodePtr w = S_clone(a);
			if (wear)
				xmlAddChild(w, wear);
			wear = w;
		}
		if (n->next) {
			xmlNodePtr after = S_clone(a);
			while (n->next)
				S_move_into(after, n->next);
			xmlAddNextSibling(a, after);
			after->_private = (void *)&S_emptied; /* white space only, maybe */
		}
		xmlUnlinkNode(n);
		xmlAddNextSibling(a, n);
		/* Maybe left empty: looked at when the walk is done (it has yet
		 * to see a). */
		a->_private = (void *)&S_emptied;
		if (a == top)
			break;
	}
	if (wear) {
		xmlNodePtr inner = wear;
		while (inner->children)
			inner = inner->children;
		xmlAddPrevSibling(n, wear);
		xmlUnlinkNode(n);
		xmlAddChild(inner, n);
	}
}

/* The outermost ancestor of n named name. */
static xmlNodePtr S_outermost(xmlNodePtr n, const char *name)
{
	xmlNodePtr found = NULL;
	for (xmlNodePtr a = n; (a = S_ancestor(a, name, NULL));)
		found = a;
	return found;
}

/* Repairs el against what its ancestors forbid (links in links aside:
 * S_links). */
static void S_exclusions(xmlNodePtr el)
{
	const char *name = (const char *)el->name;
	if (strcmp(name, "header") == 0 || strcmp(name, "footer") == 0) {
		if (S_ancestor(el, "header", NULL) || S_ancestor(el, "footer", NULL) ||
		    S_ancestor(el, "address", NULL))
			S_rename(el, "div");
	} else if (strcmp(name, "address") == 0 || strcmp(name, "section") == 0 ||
		   strcmp(name, "article") == 0 || strcmp(name, "aside") == 0) {
		if (S_ancestor(el, "address", NULL))
			S_rename(el, "div");
	} else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
		if (S_ancestor(el, "address", NULL))
			S_rename(el, "p");
	} else if (strcmp(name, "dfn") == 0 || strcmp(name, "time") == 0) {
		if (S_ancestor(el, name, NULL))
			S_rename(el, "span");
	} else if (strcmp(name, "table") == 0) {
		/* A table in a caption: HTML's parser closes the caption and
		 * the table at it; the inner table follows the outer one. */
		xmlNodePtr caption = S_ancestor(el, "caption", NULL);
		xmlNodePtr outer = caption ? S_ancestor(caption, "table", NULL) : NULL;
		if (outer) {
			xmlUnlinkNode(el);
			xmlAddNextSibling(outer, el);
		}
	}
}

/* ---- What an element may hold ---- */

static void S_list(xmlNodePtr list)
{
	/* Anything that is not an item gets an item of its own; value= numbers
	 * an ordered list's items only. */
	bool ul = S_is(list, "ul");
	for (xmlNodePtr c = list->children; c;) {
		xmlNodePtr next = c->next;
		if (ul && S_is(c, "li"))
			xmlUnsetProp(c, (const xmlChar *)"value");
		if (!S_is(c, "li") && S_counts(c)) {
			xmlNodePtr li = S_new(list, c, "li");
			S_move_into(li, c);
		}
		c = next;
	}
}

/* Whether el's children are (dt+ dd+)+: terms and descriptions only,
 * a term first, a description last. */
static bool S_groups(xmlNodePtr el)
{
	xmlNodePtr first = NULL, last = NULL;
	for (xmlNodePtr c = el->children; c; c = c->next) {
		if (!S_counts(c))
			continue;
		if (!S_is(c, "dt") && !S_is(c, "dd"))
			return false;
		if (!first)
			first = c;
		last = c;
	}
	return S_is(first, "dt") && S_is(last, "dd");
}

/* A <dl>: a list of groups in <div>s stays; otherwise the groups lose
 * their tags, and what is neither term nor description goes into the
 * description before it, or one of its own. Terms with no description,
 * or descriptions with no term first, do not make a list: the list and
 * its items become <div>s. */
static void S_dl(xmlNodePtr dl)
{
	bool groups = true, any = false;
	for (xmlNodePtr c = dl->children; c && groups; c = c->next)
		if (S_counts(c)) {
			groups = S_is(c, "div") && S_groups(c);
			any = true;
		}
	if (groups && any)
		return;
	for (xmlNodePtr c = dl->children; c;) {
		xmlNodePtr next = c->next;
		bool items = false;
		for (xmlNodePtr i = S_is(c, "div") ? c->children : NULL; i && !items; i = i->next)
			items = S_is(i, "dt") || S_is(i, "dd");
		if (items)
			S_unwrap(c, " ");
		c = next;
	}
	for (xmlNodePtr c = dl->children; c;) {
		xmlNodePtr next = c->next;
		if (S_counts(c) && !S_is(c, "dt") && !S_is(c, "dd")) {
			xmlNodePtr prev = c->prev;
			while (prev && !S_counts(prev))
				prev = prev->prev;
			xmlNodePtr dd = S_is(prev, "dd") ? prev : S_new(dl, c, "dd");
			if (dd->last && !S_ws_at(dd->last, true, S_sep(" ")) && !S_ws_at(c, false, S_sep(" ")))
				xmlAddChild(dd, xmlNewDocText(dl->doc, (const xmlChar *)" "));
			S_move_into(dd, c);
		}
		c = next;
	}
	if (!dl->children || S_groups(dl))
		return;
	for (xmlNodePtr c = dl->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			S_rename(c, "div");
	S_rename(dl, "div");
}

/* One <figcaption>, first or last: any other is a <div>. */
static void S_figure(xmlNodePtr fig)
{
	xmlNodePtr first = NULL, last = NULL;
	for (xmlNodePtr c = fig->children; c; c = c->next)
		if (S_counts(c)) {
			if (!first)
				first = c;
			last = c;
		}
	xmlNodePtr keep = S_is(first, "figcaption") ? first : S_is(last, "figcaption") ? last : NULL;
	for (xmlNodePtr c = fig->children; c; c = c->next)
		if (c != keep && S_is(c, "figcaption"))
			S_rename(c, "div");
}

/* <rp> holds text only: blocks in it lose their tags; one that still
 * holds elements (an image, a drawing, an <em>) is a <span>, which its
 * ruby then cannot hold as a parenthesis either. */
static void S_text_only(xmlNodePtr el)
{
	if (S_has_block(el))
		S_unwrap_blocks(el, " ");
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			S_rename(el, "span");
			return;
		}
}

/* ((phrasing)+ (rt+ | rp (rt rp)+))+; a ruby that is not one is a <span>
 * (a <div> if it holds blocks) and so are its rt and rp: the words stay,
 * the annotation inline. */
static void S_ruby(xmlNodePtr ruby)
{
	enum { BASE, RT, RP };
	/* 0: wants a base; 1: in a base; 2: in rts; 3: after an opening rp;
	 * 4: after its rt; 5: after the closing rp */
	int state = 0;
	bool ok = true;
	for (xmlNodePtr c = ruby->children; c && ok; c = c->next) {
		if (!S_counts(c))
			continue;
		int kind = S_is(c, "rt") ? RT : S_is(c, "rp") ? RP : BASE;
		switch (state) {
		case 0:
			ok = kind == BASE;
			state = 1;
			break;
		case 1:
			state = kind == BASE ? 1 : kind == RT ? 2 : 3;
			break;
		case 2:
			ok = kind != RP;
			state = kind == RT ? 2 : 1;
			break;
		case 3:
			ok = kind == RT;
			state = 4;
			break;
		case 4:
			ok = kind == RP;
			state = 5;
			break;
		case 5: /* (rt rp) again, or a new base */
			ok = kind != RP;
			state = kind == RT ? 4 : 1;
			break;
		}
	}
	bool blocks = false;
	for (xmlNodePtr c = ruby->children; c; c = c->next)
		blocks |= !S_is(c, "rt") && !S_is(c, "rp") && S_block(c);
	if (ok && (state == 2 || state == 5) && !blocks)
		return;
	for (xmlNodePtr c = ruby->children; c; c = c->next)
		if (S_is(c, "rt") || S_is(c, "rp"))
			S_rename(c, "span");
	S_rename(ruby, blocks ? "div" : "span");
}

/* ---- Tables ---- */

static bool S_cells_only(xmlNodePtr row)
{
	for (xmlNodePtr c = row->children; c; c = c->next)
		if (S_counts(c) && !S_is(c, "td") && !S_is(c, "th"))
			return false;
	return true;
}

static bool S_rows_only(xmlNodePtr group)
{
	for (xmlNodePtr c = group->children; c; c = c->next)
		if (S_counts(c) && !(S_is(c, "tr") && S_cells_only(c)))
			return false;
	return true;
}

static bool S_cols_only(xmlNodePtr group)
{
	bool cols = false;
	for (xmlNodePtr c = group->children; c; c = c->next) {
		if (S_counts(c) && !S_is(c, "col"))
			return false;
		cols |= S_is(c, "col");
	}
	return !cols || !xmlHasProp(group, (const xmlChar *)"span");
}

/* caption? colgroup* thead? (tbody* | tr+) tfoot?, each part holding
 * what it may. */
static bool S_table_ok(xmlNodePtr table)
{
	static const char *const order[] = {"caption", "colgroup", "thead", "tbody", "tr", "tfoot"};
	static const bool repeats[] = {false, true, false, true, true, false};
	int last = -1;
	bool tbody = false, tr = false;
	for (xmlNodePtr c = table->children; c; c = c->next) {
		if (!S_counts(c))
			continue;
		int k = -1;
		for (int i = 0; i < 6 && k < 0; i++)
			if (S_is(c, order[i]))
				k = i;
		if (k < 0 || k < last || (k == last && !repeats[k]))
			return false;
		tbody |= k == 3;
		tr |= k == 4;
		if (tbody && tr)
			return false;
		last = k;
		if (k == 1 ? !S_cols_only(c) : k == 4 ? !S_cells_only(c) : k >= 2 && !S_rows_only(c))
			return false;
	}
	return true;
}

/* What a table's repair puts where: content the table cannot hold goes
 * before it; its parts are taken out, each with the blank text before
 * it, to be put back in order. */
struct S_part {
	xmlNodePtr ws; /* blank text that stood before it, or NULL */
	xmlNodePtr el;
};

struct S_rebuild {
	xmlNodePtr table;
	struct S_part caption, thead, tfoot;
	struct S_part *parts; /* colgroups first, then tbodys and trs, in order */
	size_t n, cap;
	size_t ncolgroups;
	xmlNodePtr ws;  /* blank text waiting for the next part */
	xmlNodePtr row; /* a <tr> made for cells found outside one, still open */
};

static void S_untable(xmlNodePtr el);

static void S_foster(struct S_rebuild *rb, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	S_space_before(rb->table, " ");
	xmlAddPrevSibling(rb->table, n);
	S_space_before(rb->table, " ");
	/* Rows and cells in what moved out have no table around them now. */
	const struct S_element *e = S_el(n);
	if (e && (e->flags & F_TABLE))
		S_untable(n);
}

static struct S_part S_take(struct S_rebuild *rb, xmlNodePtr el)
{
	struct S_part p = {rb->ws, el};
	rb->ws = NULL;
	xmlUnlinkNode(el);
	return p;
}

static void S_add_part(struct S_rebuild *rb, xmlNodePtr el, bool colgroup)
{
	if (rb->n == rb->cap)
		rb->parts = xrealloc(rb->parts, (rb->cap = rb->cap ? 2 * rb->cap : 8) * sizeof *rb->parts);
	size_t at = colgroup ? rb->ncolgroups++ : rb->n;
	memmove(rb->parts + at + 1, rb->parts + at, (rb->n - at) * sizeof *rb->parts);
	rb->parts[at] = S_take(rb, el);
	rb->n++;
}

static void S_put(xmlNodePtr table, struct S_part p)
{
	if (p.ws)
		xmlAddChild(table, p.ws);
	if (p.el)
		xmlAddChild(table, p.el);
}

/* A row's children: cells stay, anything else is fostered. */
static void S_row(struct S_rebuild *rb, xmlNodePtr row)
{
	for (xmlNodePtr c = row->children; c;) {
		xmlNodePtr next = c->next;
		if (!S_is(c, "td") && !S_is(c, "th") && !S_blank(c))
			S_foster(rb, c);
		c = next;
	}
}

/* A cell outside a row: into the row made for the cells before it, or a
 * new one (what HTML's parser does with <td> in table or body mode). */
static void S_cell(struct S_rebuild *rb, xmlNodePtr cell, bool in_group)
{
	if (!rb->row) {
		rb->row = xmlNewDocNode(cell->doc, cell->ns, (const xmlChar *)"tr", NULL);
		if (in_group)
			xmlAddPrevSibling(cell, rb->row);
	}
	S_move_into(rb->row, cell);
}

static void S_group(struct S_rebuild *rb, xmlNodePtr group)
{
	for (xmlNodePtr c = group->children; c;) {
		xmlNodePtr next = c->next;
		if (S_is(c, "td") || S_is(c, "th")) {
			S_cell(rb, c, true);
		} else if (!S_blank(c)) {
			rb->row = NULL;
			if (S_is(c, "tr"))
				S_row(rb, c);
			else
				S_foster(rb, c);
		}
		c = next;
	}
	rb->row = NULL;
}

static void S_colgroup(struct S_rebuild *rb, xmlNodePtr group)
{
	bool cols = false;
	for (xmlNodePtr c = group->children; c;) {
		xmlNodePtr next = c->next;
		if (S_is(c, "col"))
			cols = true;
		else if (!S_blank(c))
			S_foster(rb, c);
		c = next;
	}
	if (cols) /* the columns say how many */
		xmlUnsetProp(group, (const xmlChar *)"span");
}

static void S_table(xmlNodePtr table)
{
	if (S_table_ok(table))
		return;
	struct S_rebuild rb = {.table = table};
	xmlNodePtr colgroup = NULL; /* the one made for <col>s directly in the table */
	for (xmlNodePtr c = table->children; c;) {
		xmlNodePtr next = c->next;
		if (S_blank(c)) {
			xmlUnlinkNode(c);
			if (rb.ws)
				xmlFreeNode(c);
			else
				rb.ws = c;
			c = next;
			continue;
		}
		bool cell = S_is(c, "td") || S_is(c, "th");
		if (!cell && rb.row) {
			S_add_part(&rb, rb.row, false);
			rb.row = NULL;
		}
		if (!S_is(c, "col"))
			colgroup = NULL;
		if (cell) {
			S_cell(&rb, c, false);
		} else if (S_is(c, "caption") && !rb.caption.el) {
			rb.caption = S_take(&rb, c);
		} else if (S_is(c, "colgroup")) {
			S_colgroup(&rb, c);
			S_add_part(&rb, c, true);
		} else if (S_is(c, "col")) {
			if (!colgroup) {
				colgroup = xmlNewDocNode(c->doc, c->ns, (const xmlChar *)"colgroup", NULL);
				S_add_part(&rb, colgroup, true);
			}
			S_move_into(colgroup, c);
		} else if (S_rowgroup(c)) {
			S_group(&rb, c);
			struct S_part *slot = S_is(c, "thead") ? &rb.thead : S_is(c, "tfoot") ? &rb.tfoot : NULL;
			if (slot && !slot->el) {
				*slot = S_take(&rb, c);
			} else {
				/* a second head or foot is one more body */
				xmlNodeSetName(c, (const xmlChar *)"tbody");
				S_add_part(&rb, c, false);
			}
		} else if (S_is(c, "tr")) {
			S_row(&rb, c);
			S_add_part(&rb, c, false);
		} else if (S_is(c, "caption")) {
			/* a second caption: its words before the table, as a block */
			xmlNodeSetName(c, (const xmlChar *)"div");
			S_foster(&rb, c);
		} else {
			S_foster(&rb, c);
		}
		c = next;
	}
	if (rb.row)
		S_add_part(&rb, rb.row, false);
	/* Rows and bodies do not mix: rows beside a body get one of their own. */
	bool bodies = false;
	for (size_t i = rb.ncolgroups; i < rb.n; i++)
		bodies |= S_is(rb.parts[i].el, "tbody");
	S_put(table, rb.caption);
	xmlNodePtr body = NULL;
	for (size_t i = 0; i < rb.n; i++) {
		if (i == rb.ncolgroups)
			S_put(table, rb.thead), rb.thead.el = rb.thead.ws = NULL;
		struct S_part p = rb.parts[i];
		if (bodies && S_is(p.el, "tr")) {
			if (!body)
				body = S_new(table, NULL, "tbody");
			S_put(body, p);
		} else {
			body = NULL;
			S_put(table, p);
		}
	}
	S_put(table, rb.thead);
	S_put(table, rb.tfoot);
	/* The blank text that ended the table. */
	S_put(table, (struct S_part){rb.ws, NULL});
	free(rb.parts);
}

/* ---- The walk ---- */

/* XHTML elements below root in document order; SVG subtrees skipped. */
static xmlNodePtr *S_walk(xmlNodePtr root, size_t *count)
{
	size_t n = 0, cap = 64;
	xmlNodePtr *v = xmalloc(cap * sizeof *v);
	xmlNodePtr c = root->children;
	while (c) {
		bool html = S_html(c);
		if (html) {
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof *v);
			v[n++] = c;
		}
		if (html && c->children) {
			c = c->children;
			continue;
		}
		while (c && !c->next && c != root)
			c = c->parent;
		c = c && c != root ? c->next : NULL;
	}
	*count = n;
	return v;
}

/* Links out of links, outermost first: when a link is moved out, the
 * links above it already were, so the elements split on its way (and
 * the copies made of them) hold no link but the outermost; the links
 * those copies hold are met later in the walk. True when one moved. */
static bool S_links(xmlNodePtr root)
{
	size_t n;
	bool moved = false;
	xmlNodePtr *els = S_walk(root, &n);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr outer = S_is(els[i], "a") ? S_outermost(els[i], "a") : NULL;
		if (outer) {
			S_hoist(els[i], outer);
			moved = true;
		}
	}
	free(els);
	return moved;
}

/* Everything else, innermost elements first, so that a parent sees its
 * children repaired. */
static void S_pass(xmlNodePtr root)
{
	size_t n;
	xmlNodePtr *els = S_walk(root, &n);
	for (size_t i = n; i-- > 0;) {
		xmlNodePtr el = els[i];
		const struct S_element *e = S_el(el);
		if (!S_place(el, e))
			continue; /* freed */
		S_exclusions(el);
		e = S_el(el); /* renamed, maybe */
		switch (e->model) {
		case M_PHRASING:
			/* Preformatted text keeps its layout: its blocks become
			 * lines (as HTML's parser keeps them, <pre> stays). */
			if (!S_has_block(el))
				break;
			if (S_is(el, "pre") || S_ancestor(el, "pre", NULL))
				S_unwrap_blocks(el, "\n");
			else if (S_is(el, "dfn") || S_is(el, "time") || S_is(el, "q"))
				S_rename(el, "div"); /* one term, date, quotation */
			else
				S_split(el, !S_is(el, "p"));
			break;
		case M_HEADING:
			if (S_has_block(el))
				S_unwrap_blocks(el, " ");
			break;
		case M_LIST:
			S_list(el);
			break;
		case M_DL:
			S_dl(el);
			break;
		case M_FIGURE:
			S_figure(el);
			break;
		case M_TABLE:
			S_table(el);
			break;
		case M_RUBY:
			S_ruby(el);
			break;
		case M_TEXT:
			S_text_only(el);
			break;
		default:
			break;
		}
	}
	free(els);
}

/* Elements a split left empty or holding white space only go (a link
 * with no text has no name for a screen reader); one with an id stays,
 * as a target, and so does a part of its parent's structure in that
 * parent (an <rt> in its <ruby>, a <dd> in its <dl>, a cell in its row:
 * checked with the parent before this, which wants them; empty, they are
 * valid). A part the split carried out of its parent still goes. */
static void S_drop_emptied(xmlNodePtr root)
{
	size_t n;
	xmlNodePtr *els = S_walk(root, &n);
	for (size_t i = n; i-- > 0;) {
		xmlNodePtr el = els[i];
		if (el->_private == &S_emptied) {
			el->_private = NULL;
			const struct S_element *e = S_el(el);
			bool blank = !(e && e->parents && S_parent_ok(el, e)) && !xmlHasProp(el, (const xmlChar *)"id");
			for (xmlNodePtr c = el->children; c && blank; c = c->next)
				blank = S_blank(c);
			if (blank) /* its white space stays, between words */
				S_unwrap(el, NULL);
		}
	}
	free(els);
}

/* ---- Landmarks ---- */

/* The chapter template holds the post in <section role="doc-chapter">,
 * which, having a role, scopes no landmark (HTML-AAM; axe-core, which
 * DAISY Ace runs, follows it): a post's own <header> and <footer> would
 * be a second banner and a contentinfo of the page, its <aside>s
 * complementary landmarks Ace wants told apart by name. What scopes them
 * is a sectioning element of the post's own, without a role (sanitize
 * makes <nav> and <main> <div>s). */
static bool S_scoped(xmlNodePtr el, xmlNodePtr root)
{
	for (xmlNodePtr a = el->parent; a && a != root && S_html(a); a = a->parent)
		if ((S_is(a, "article") || S_is(a, "aside") || S_is(a, "section")) &&
		    !xmlHasProp(a, (const xmlChar *)"role"))
			return true;
	return false;
}

/* An <aside> that is a landmark and was the post's: not a footnote (nor
 * any aside given a role), and either unscoped or named. *name: its
 * accessible name as axe compares them (aria-label, else title;
 * lowercased, white space collapsed; "" for none), malloc'd when it is
 * one. */
static bool S_complementary(xmlNodePtr el, xmlNodePtr root, char **name)
{
	*name = NULL;
	if (!S_is(el, "aside") || xmlHasProp(el, (const xmlChar *)"role") ||
	    xmlHasNsProp(el, (const xmlChar *)"type", (const xmlChar *)EPUB_NS))
		return false;
	for (const char *const *a = (const char *const[]){"aria-label", "title", NULL}; *a && !*name; a++) {
		xmlChar *v = xmlGetProp(el, (const xmlChar *)*a);
		char *s = v ? str_collapse_ws((const char *)v) : NULL;
		if (v)
			xmlFree(v);
		if (s && *s)
			*name = s;
		else
			free(s);
	}
	for (char *p = *name; p && *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	if (*name || !S_scoped(el, root)) {
		if (!*name)
			*name = xstrdup("");
		return true;
	}
	return false;
}

/* el becomes <div class="NAME …">, its words and attributes kept; an
 * aria-label, which a <div> may not carry, becomes its title. */
static void S_landmark_div(xmlNodePtr el)
{
	xmlChar *cls = xmlGetProp(el, (const xmlChar *)"class");
	char *c = cls ? xasprintf("%s %s", (const char *)el->name, (const char *)cls) : xstrdup((const char *)el->name);
	if (cls)
		xmlFree(cls);
	xmlSetProp(el, (const xmlChar *)"class", (const xmlChar *)c);
	free(c);
	xmlChar *label = xmlGetProp(el, (const xmlChar *)"aria-label");
	if (label) {
		if (!xmlHasProp(el, (const xmlChar *)"title"))
			xmlSetProp(el, (const xmlChar *)"title", label);
		xmlFree(label);
		xmlUnsetProp(el, (const xmlChar *)"aria-label");
	}
	xmlNodeSetName(el, (const xmlChar *)"div");
}

struct S_named_aside {
	xmlNodePtr el;
	char *name; /* "" when it has none */
};

static int S_by_aside_name(const void *a, const void *b)
{
	return strcmp(((const struct S_named_aside *)a)->name, ((const struct S_named_aside *)b)->name);
}

/* A post's unscoped <header>s and <footer>s become <div>s; its
 * complementary <aside>s that share a name (or have none) with another
 * become <div>s, until every one left is told apart (a div no longer
 * scopes the asides inside it, so it is asked again). */
static void S_landmarks(xmlNodePtr root)
{
	for (bool again = true; again;) {
		again = false;
		size_t n, k = 0;
		xmlNodePtr *els = S_walk(root, &n);
		struct S_named_aside *as = xmalloc((n ? n : 1) * sizeof *as);
		for (size_t i = 0; i < n; i++)
			if (S_complementary(els[i], root, &as[k].name))
				as[k++].el = els[i];
		/* Sorted by name, twins are neighbours. */
		qsort(as, k, sizeof *as, S_by_aside_name);
		for (size_t i = 0; i < k; i++) {
			bool twin = (i > 0 && strcmp(as[i - 1].name, as[i].name) == 0) ||
				    (i + 1 < k && strcmp(as[i + 1].name, as[i].name) == 0);
			if (twin)
				S_landmark_div(as[i].el); /* its name stays, as a title */
			again |= twin;
		}
		for (size_t i = 0; i < k; i++)
			free(as[i].name);
		free(as);
		free(els);
	}
	size_t n;
	xmlNodePtr *els = S_walk(root, &n);
	for (size_t i = 0; i < n; i++)
		if ((S_is(els[i], "header") || S_is(els[i], "footer")) && !S_scoped(els[i], root))
			S_landmark_div(els[i]);
	free(els);
}

void contentmodel_repair(xmlNodePtr root)
{
	S_landmarks(root);
	bool split = S_links(root);
	S_pass(root);
	if (split)
		S_drop_emptied(root);
}
