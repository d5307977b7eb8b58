#define _POSIX_C_SOURCE 200809L
#include "convert/chapter.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/linemap.h"
#include "base/slug.h"
#include "convert/contentmodel.h"
#include "convert/markdown.h"
#include "base/url.h"
#include "convert/sanitize.h"
#include "base/template.h"
#include "base/util.h"
#include "base/words.h"

/* Next node after n in document order, staying inside root. */
static xmlNodePtr S_next(xmlNodePtr n, xmlNodePtr root)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Whether s holds needle (lower case) in any case, as HTML's tag and
 * attribute names may be written. */
static bool S_mentions(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	char first[3] = {needle[0], (char)toupper((unsigned char)needle[0]), '\0'};
	for (const char *p = s; (p = strpbrk(p, first)); p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

/* The elements under root, in document order (root excluded). */
static xmlNodePtr *S_elements(xmlNodePtr root, size_t *count)
{
	size_t n = 0, cap = 64;
	xmlNodePtr *v = xmalloc(cap * sizeof *v);
	for (xmlNodePtr c = root->children ? root->children : NULL; c; c = S_next(c, root)) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = c;
	}
	*count = n;
	return v;
}

static bool S_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	       strcmp((const char *)n->name, name) == 0;
}

static char *S_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static bool S_has_prop(xmlNodePtr n, const char *name)
{
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

static void S_unset(xmlNodePtr n, const char *name)
{
	xmlUnsetProp(n, (const xmlChar *)name);
}

static void S_set(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static char *S_text_of(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = str_collapse_ws(t ? (const char *)t : "");
	if (t)
		xmlFree(t);
	return s;
}

/* The file line of a node: its line in the Markdown cmark-gfm read, mapped
 * back through the dialect pass's rewriting (lm may be NULL). */
static int S_file_line(const struct post *p, const struct linemap *lm, xmlNodePtr n)
{
	for (; n; n = n->parent)
		if (n->type == XML_ELEMENT_NODE && n->line > 0)
			return p->body_line + linemap_get(lm, n->line) - 1;
	return 0;
}

static xmlNodePtr S_find_pi(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type == XML_PI_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
		if (n->type == XML_ELEMENT_NODE) {
			xmlNodePtr found = S_find_pi(n->children, name);
			if (found)
				return found;
		}
	}
	return NULL;
}

static xmlDocPtr S_template_doc(const struct post *p, const struct convert_options *o,
				struct diag_list *dl)
{
	struct tvars tv = TVARS_INIT;
	char buf[40];
	const struct words *w = words_for(o->language);
	tvars_set(&tv, "title", p->title);
	tvars_set(&tv, "language", o->language);
	tvars_set(&tv, "description", p->description);
	if (p->date.valid) {
		date_format_ymd(&p->date, buf);
		tvars_set(&tv, "date_iso", buf);
		char *human = words_date(w, &p->date);
		tvars_set(&tv, "date_human", human);
		free(human);
	}
	if (p->updated.valid && (!p->date.valid || p->updated.year != p->date.year ||
				 p->updated.month != p->date.month || p->updated.day != p->date.day)) {
		date_format_ymd(&p->updated, buf);
		tvars_set(&tv, "updated_iso", buf);
		char *human = words_date(w, &p->updated);
		tvars_set(&tv, "updated_human", human);
		free(human);
	}
	struct strbuf authors = STRBUF_INIT;
	words_join(w, &authors, &p->author_names);
	tvars_set(&tv, "authors_text", authors.s ? authors.s : "");
	sb_release(&authors);
	tvars_set_list(&tv, "authors", &p->author_names);
	tvars_set_list(&tv, "tags", &p->tags);
	tvars_set_list(&tv, "categories", &p->categories);
	tvars_set(&tv, "has_tags", p->tags.n ? "1" : "");
	tvars_set(&tv, "updated_word", w->updated);
	tvars_set(&tv, "tags_word", w->tags);
	/* The post's canonical address on the live site, when known. */
	char *live = NULL;
	if (p->live_url && url_classify(p->live_url) == URL_ABSOLUTE &&
	    url_normalize(&live, p->live_url) == 0) {
		tvars_set(&tv, "url", live);
		free(live);
	}
	tvars_set(&tv, "has_categories", p->categories.n ? "1" : "");

	char *text = NULL;
	xmlDocPtr doc = NULL;
	if (template_render(&text, o->template_text, &tv, o->template_origin, dl) == 0) {
		doc = xmlReadMemory(text, (int)strlen(text), o->template_origin, "UTF-8",
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (!doc) {
			const xmlError *err = xmlGetLastError();
			diag_error(dl, o->template_origin, err ? err->line : 0, 0,
				   "the chapter template is not well-formed XML after filling in '%s': %s",
				   p->title, err && err->message ? err->message : "parse error");
		}
	}
	free(text);
	tvars_free(&tv);
	return doc;
}

/* Whether n lies inside ancestor. */
static bool S_within(xmlNodePtr n, xmlNodePtr ancestor)
{
	for (xmlNodePtr p = n->parent; p; p = p->parent)
		if (p == ancestor)
			return true;
	return false;
}

/* Whether a back link holds only what cmark-gfm puts in one: its arrow
 * and the reference's number in a <sup>. */
static bool S_backlink_shaped(xmlNodePtr a)
{
	for (xmlNodePtr c = a->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !S_is(c, "sup"))
			return false;
	return true;
}

/* cmark-gfm's footnotes → EPUB pop-up notes: each note an
 * <aside epub:type="footnote">, each reference an <a epub:type="noteref">,
 * with ASCII ids numbered in order (cmark-gfm percent-encodes non-ASCII
 * labels into ids). */
static void S_footnotes(struct chapter *ch, xmlNodePtr root, xmlNsPtr ns, xmlNsPtr epub_ns,
			const struct words *w)
{
	struct idset *ids = &ch->names.ids;
	size_t n;
	xmlNodePtr *els = S_elements(root, &n);
	xmlNodePtr section = NULL, ol = NULL;
	struct strvec new_fn = STRVEC_INIT;
	struct strmap old_fn = STRMAP_INIT;  /* cmark's note id → index in new_fn */
	struct strmap old_ref = STRMAP_INIT; /* cmark's reference id → index in ids */
	for (size_t i = 0; i < n && !section; i++)
		if (S_is(els[i], "section") && S_has_prop(els[i], "data-sheaf-footnotes"))
			section = els[i];
	for (xmlNodePtr c = section ? section->children : NULL; c && !ol; c = c->next)
		if (S_is(c, "ol"))
			ol = c;
	for (xmlNodePtr li = ol ? ol->children : NULL; li; li = li->next) {
		if (!S_is(li, "li"))
			continue;
		char *old = S_prop(li, "id");
		char base[32];
		snprintf(base, sizeof base, "fn-%zu", new_fn.n + 1);
		const char *id = idset_unique(ids, base);
		if (old && !strmap_get(&old_fn, old, NULL))
			strmap_put(&old_fn, old, new_fn.n);
		sv_push(&new_fn, id);
		if (old && str_starts_with(old, "fn-")) {
			char *label = url_decode(old + 3);
			char *alias = xasprintf("fn:%s", label);
			strmap_put(&ch->names.aliases, alias, ids->n - 1);
			free(alias);
			free(label);
		}
		free(old);
	}
	/* References, in reading order. */
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr a = els[i];
		if (!S_is(a, "a") || !S_has_prop(a, "data-sheaf-fnref"))
			continue;
		S_unset(a, "data-sheaf-fnref");
		char *href = S_prop(a, "href");
		size_t k;
		bool found = href && href[0] == '#' && strmap_get(&old_fn, href + 1, &k);
		free(href);
		if (!found) {
			S_unset(a, "href");
			S_unset(a, "id");
			continue;
		}
		char *old = S_prop(a, "id");
		char base[32];
		snprintf(base, sizeof base, "fnref-%zu", k + 1);
		const char *id = idset_unique(ids, base);
		if (old)
			strmap_put(&old_ref, old, ids->n - 1);
		free(old);
		S_set(a, "id", id);
		char *target = xasprintf("#%s", new_fn.v[k]);
		S_set(a, "href", target);
		free(target);
		xmlSetNsProp(a, epub_ns, (const xmlChar *)"type", (const xmlChar *)"noteref");
		S_set(a, "role", "doc-noteref");
	}
	/* Back links inside the notes. */
	xmlNodePtr *doomed = NULL;
	size_t ndoomed = 0, cdoomed = 0;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr a = els[i];
		if (!S_is(a, "a") || !S_has_prop(a, "data-sheaf-fnback"))
			continue;
		S_unset(a, "data-sheaf-fnback");
		/* cmark-gfm's stand in its notes. A post's own <a
		 * data-footnote-backref> elsewhere is a link like any other: one
		 * left open held the notes, and went with them. */
		if (!section || !S_within(a, section))
			continue;
		char *href = S_prop(a, "href");
		size_t k;
		bool found = href && href[0] == '#' && strmap_get(&old_ref, href + 1, &k);
		free(href);
		if (!found && !S_backlink_shaped(a)) {
			/* Not cmark-gfm's shape: its tag goes, what it holds stays. */
			for (xmlNodePtr c = a->children, cn; c; c = cn) {
				cn = c->next;
				xmlUnlinkNode(c);
				xmlAddPrevSibling(a, c);
			}
		}
		if (!found) {
			/* Freed after the loop: later entries of els may lie inside it. */
			xmlUnlinkNode(a);
			if (ndoomed == cdoomed)
				doomed = xrealloc(doomed, (cdoomed = cdoomed ? cdoomed * 2 : 8) * sizeof *doomed);
			doomed[ndoomed++] = a;
			continue;
		}
		char *target = xasprintf("#%s", ids->v[k]);
		S_set(a, "href", target);
		free(target);
		S_set(a, "role", "doc-backlink");
		S_set(a, "aria-label", w->backlink);
		S_unset(a, "class");
	}
	if (section) {
		S_unset(section, "data-sheaf-footnotes");
		S_set(section, "class", "footnotes");
		S_set(section, "aria-label", w->notes);
		size_t k = 0;
		xmlNodePtr li = ol ? ol->children : NULL;
		while (li) {
			xmlNodePtr next = li->next;
			if (S_is(li, "li")) {
				xmlNodePtr aside = xmlNewDocNode(root->doc, ns, (const xmlChar *)"aside", NULL);
				aside->line = li->line;
				S_set(aside, "id", new_fn.v[k++]);
				xmlSetNsProp(aside, epub_ns, (const xmlChar *)"type", (const xmlChar *)"footnote");
				S_set(aside, "role", "doc-footnote");
				xmlNodePtr c = li->children;
				while (c) {
					xmlNodePtr cn = c->next;
					xmlUnlinkNode(c);
					xmlAddChild(aside, c);
					c = cn;
				}
				xmlAddPrevSibling(ol, aside);
			}
			li = next;
		}
		if (ol) {
			xmlUnlinkNode(ol);
			xmlFreeNode(ol);
		}
	}
	for (size_t i = 0; i < ndoomed; i++)
		xmlFreeNode(doomed[i]);
	free(doomed);
	free(els);
	sv_free(&new_fn);
	strmap_free(&old_fn);
	strmap_free(&old_ref);
}

/* An empty heading (libxml2 closes a heading at a <p> inside it) says
 * nothing and would be an empty entry in the contents. */
static void S_drop_empty_headings(xmlNodePtr root)
{
	size_t n;
	xmlNodePtr *els = S_elements(root, &n);
	for (size_t i = n; i-- > 0;) {
		xmlNodePtr el = els[i];
		const char *name = (const char *)el->name;
		if (name[0] != 'h' || name[1] < '1' || name[1] > '6' || name[2] || !el->ns ||
		    !xmlStrEqual(el->ns->href, (const xmlChar *)XHTML_NS))
			continue;
		char *text = S_text_of(el);
		bool has_img = false;
		for (xmlNodePtr c = el->children; c; c = S_next(c, el))
			has_img |= S_is(c, "img");
		bool empty = !*text && !has_img;
		free(text);
		if (empty) {
			xmlUnlinkNode(el);
			xmlFreeNode(el);
		}
	}
	free(els);
}

/* Heading ranks made to follow from the chapter's title (the template's
 * h1) without gaps: a post that starts at ### gets h2, a body H1 that
 * differs from the title becomes h2 with its sections under it. Readers
 * and screen readers navigate by rank; a skipped rank reads as a missing
 * section. Relative nesting is kept. */
static void S_heading_ranks(xmlNodePtr root)
{
	int orig[8], mapped[8], depth = 0;
	size_t n;
	xmlNodePtr *els = S_elements(root, &n);
	for (size_t i = 0; i < n; i++) {
		const char *name = (const char *)els[i]->name;
		if (!(name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]))
			continue;
		int level = name[1] - '0';
		while (depth > 0 && orig[depth - 1] >= level)
			depth--;
		int rank = depth ? mapped[depth - 1] + 1 : 2;
		if (rank > 6)
			rank = 6;
		orig[depth] = level;
		mapped[depth] = rank;
		depth++;
		if (rank != level) {
			char newname[3] = {'h', (char)('0' + rank), '\0'};
			xmlNodeSetName(els[i], (const xmlChar *)newname);
		}
	}
	free(els);
}

/* An id as written and what it became, for the references to it. */
struct S_id {
	xmlNodePtr el;
	xmlNodePtr scope; /* the outermost <svg> it is in, or NULL */
	char *written;
	const char *now; /* owned by the chapter's idset */
	size_t same;     /* the next entry written the same, or (size_t)-1 */
};

struct S_id_map {
	struct S_id *v;
	size_t n;
	struct strmap first; /* written → the first entry written so */
};

static xmlNodePtr S_svg_scope(xmlNodePtr n)
{
	xmlNodePtr scope = NULL;
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)SVG_NS) && S_is(n, "svg"))
			scope = n;
	return scope;
}

/* A reference from at: to the element written with that id in the same
 * drawing (two drawings of a post may both have a "gradient1"), else to the
 * first one written so. */
static const char *S_id_now(void *ctx, xmlNodePtr at, const char *written)
{
	const struct S_id_map *m = ctx;
	size_t i;
	if (!strmap_get(&m->first, written, &i))
		return NULL;
	xmlNodePtr scope = S_svg_scope(at);
	for (size_t k = i; k != (size_t)-1; k = m->v[k].same)
		if (m->v[k].scope == scope)
			return m->v[k].now;
	return m->v[i].now;
}

/* Ids: every element's id made unique and an XML name (xsd:ID: no colon,
 * no leading digit), every heading given one (a slug of its text), in
 * document order so ids are stable; references inside the chapter follow
 * an id that changed, links from elsewhere find it by its old name. */
static void S_ids(struct chapter *ch, xmlNodePtr root)
{
	size_t n;
	xmlNodePtr *els = S_elements(root, &n);
	struct S_id_map map = {NULL, 0, STRMAP_INIT};
	size_t hcap = ch->nheadings, mcap = 0; /* allocated, for xgrow */
	bool changed = false;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr el = els[i];
		const char *name = (const char *)el->name;
		bool heading = name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2];
		char *id = S_prop(el, "id");
		bool footnote = (S_is(el, "aside") || S_is(el, "a")) && xmlHasNsProp(el, (const xmlChar *)"type", (const xmlChar *)EPUB_NS);
		if (footnote) {
			free(id);
			continue; /* numbered by S_footnotes */
		}
		char *base = NULL;
		if (id) {
			/* Ids stay as written when they are plain ASCII names (links
			 * from elsewhere use them); others become their slug, which
			 * chapter_find_id also tries for links. */
			bool plain = *id && isalpha((unsigned char)id[0]);
			for (const char *p = id; *p && plain; p++)
				plain = isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.';
			if (plain)
				base = xstrdup(id);
			else if (*id && strspn(id, " \t\r\n\f") < strlen(id))
				base = slugify(id);
		}
		char *text = heading ? S_text_of(el) : NULL;
		if (!base && heading)
			base = slugify(text);
		if (base) {
			const char *unique = idset_unique(&ch->names.ids, base);
			S_set(el, "id", unique);
			if (heading) {
				ch->headings = xgrow(ch->headings, ch->nheadings, &hcap, sizeof *ch->headings);
				struct heading *h = &ch->headings[ch->nheadings++];
				h->level = name[1] - '0';
				h->id = xstrdup(unique);
				h->text = xstrdup(text && *text ? text : sanitize_words(el)->section);
			}
			if (id) {
				changed |= strcmp(id, unique) != 0;
				map.v = xgrow(map.v, map.n, &mcap, sizeof *map.v);
				map.v[map.n] = (struct S_id){el, S_svg_scope(el), xstrdup(id), unique, (size_t)-1};
				size_t first;
				if (strmap_get(&map.first, id, &first)) {
					size_t k = first;
					while (map.v[k].same != (size_t)-1)
						k = map.v[k].same;
					map.v[k].same = map.n;
				} else {
					strmap_put(&map.first, id, map.n);
				}
				map.n++;
			}
		} else if (id) {
			S_unset(el, "id");
		}
		free(text);
		free(base);
		free(id);
	}
	free(els);
	if (changed) {
		svg_rewrite_refs(root, S_id_now, &map);
		/* A link from another chapter (or the book's pages) names the
		 * first element written with the id. */
		for (size_t i = 0; i < map.n; i++) {
			size_t first;
			const struct idset *ids = &ch->names.ids;
			if (strcmp(map.v[i].written, map.v[i].now) == 0 || !strmap_get(&map.first, map.v[i].written, &first) ||
			    first != i || idset_has(ids, map.v[i].written) ||
			    strmap_get(&ch->names.aliases, map.v[i].written, NULL))
				continue;
			size_t k;
			if (strmap_get(&ids->map, map.v[i].now, &k))
				strmap_put(&ch->names.aliases, map.v[i].written, k);
		}
	}
	for (size_t i = 0; i < map.n; i++)
		free(map.v[i].written);
	free(map.v);
	strmap_free(&map.first);
	/* Drawings may name what is not there (an element the policy took
	 * out, a part of a larger drawing): epubcheck follows their paints
	 * and uses within the page. */
	if (ch->has_svg)
		svg_fix_refs(root);
}

void chapter_unwrap(xmlNodePtr node)
{
	xmlNodePtr c = node->children;
	while (c) {
		xmlNodePtr next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(node, c);
		c = next;
	}
	xmlUnlinkNode(node);
	xmlFreeNode(node);
}

void chapter_image_to_alt(xmlNodePtr img)
{
	xmlChar *alt = xmlGetProp(img, (const xmlChar *)"alt");
	char *src = S_prop(img, "src");
	xmlNodePtr span = xmlNewDocNode(img->doc, img->ns, (const xmlChar *)"span", NULL);
	S_set(span, "class", "image-missing");
	char *text;
	if (alt && *alt) {
		text = xasprintf("[%s]", (const char *)alt);
	} else {
		const struct words *w = sanitize_words(img);
		text = xasprintf("[%s%s%s]", w->image, w->colon, src ? path_basename(src) : "?");
	}
	xmlAddChild(span, xmlNewDocText(img->doc, (const xmlChar *)text));
	free(text);
	free(src);
	if (alt)
		xmlFree(alt);
	/* The image's id goes to what stands for it: a link to the image (or
	 * an SVG <use> of it) still lands (a fuzz finding: "#g" of a missing
	 * <img id=g> pointed at nothing, which epubcheck rejects). */
	xmlChar *id = xmlGetProp(img, (const xmlChar *)"id");
	if (id) {
		S_set(span, "id", (const char *)id);
		xmlFree(id);
	}
	xmlAddPrevSibling(img, span);
	xmlUnlinkNode(img);
	xmlFreeNode(img);
}

void chapter_image_to_link(xmlNodePtr img, const char *url)
{
	bool in_link = false;
	for (xmlNodePtr up = img->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
		in_link |= S_is(up, "a");
	xmlNodePtr prev = img->prev, parent = img->parent;
	chapter_image_to_alt(img);
	/* Links may not nest: an image that was a link's content keeps only
	 * that link. */
	xmlNodePtr span = prev ? prev->next : parent ? parent->children : NULL;
	if (in_link || !span)
		return;
	xmlNodePtr a = xmlNewDocNode(span->doc, span->ns, (const xmlChar *)"a", NULL);
	S_set(a, "href", url);
	while (span->children) {
		xmlNodePtr c = span->children;
		xmlUnlinkNode(c);
		xmlAddChild(a, c);
	}
	xmlAddChild(span, a);
}

/* ---- accessible names: every link says where it goes, every image what
 * it shows (DAISY Ace: link-name, image-alt) ---- */

#define S_ALT_MARK "data-sheaf-alt"

/* What a file's name says: its stem, separators as spaces ("my-photo_2.png"
 * is "my photo 2"); "" when src names no file (a data: URL, none). */
static char *S_image_stem(const char *src)
{
	if (!src || url_classify(src) == URL_DANGEROUS)
		return xstrdup("");
	struct url_parts u;
	url_split(&u, src);
	char *path = xstrndup(u.path.p, u.path.n);
	char *decoded = url_decode(path);
	char *base = xstrdup(path_basename(decoded));
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	for (char *c = base; *c; c++)
		if (*c == '-' || *c == '_' || *c == '+' || *c == '.')
			*c = ' ';
	/* What XML cannot hold (a %00 in the name) goes too. */
	char *clean = str_xml_chars(base);
	char *stem = str_collapse_ws(clean);
	free(clean);
	free(base);
	free(decoded);
	free(path);
	return stem;
}

/* Whether n, an element of the chapter, gives a name to the link it is in:
 * words, an image with alt text, a drawing with a label. Skips skip (an
 * image whose own alt is being decided). */
static bool S_names_link(xmlNodePtr n, xmlNodePtr skip)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c == skip)
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)c->content;
			if (t && strspn(t, " \t\r\n\f") < strlen(t))
				return true;
		} else if (c->type == XML_ELEMENT_NODE) {
			xmlChar *label = xmlGetProp(c, (const xmlChar *)(S_is(c, "img") ? "alt" : "aria-label"));
			bool named = label && label[strspn((const char *)label, " \t\r\n\f")];
			if (label)
				xmlFree(label);
			if (named || (!S_is(c, "svg") && S_names_link(c, skip)))
				return true;
		}
	}
	return false;
}

static xmlNodePtr S_link_of(xmlNodePtr n)
{
	for (xmlNodePtr up = n->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
		if (S_is(up, "a") && S_has_prop(up, "href"))
			return up;
	return NULL;
}

/* A URL as a reader would say it: host and path (no scheme, query or
 * fragment; the address of a mailto:), an ellipsis past 40 characters. */
static char *S_url_display(const char *href)
{
	struct url_parts u;
	url_split(&u, href);
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	if (u.host.p)
		sb_add(&sb, u.host.p, u.host.n);
	sb_add(&sb, u.path.p, u.path.n);
	if (u.host.p && sb.len > u.host.n && strcmp(sb.s + u.host.n, "/") == 0)
		sb.s[--sb.len] = '\0';
	if (!sb.len && u.fragment.p)
		sb_add(&sb, u.fragment.p - 1, u.fragment.n + 1);
	if (!sb.len)
		sb_adds(&sb, href);
	char *shown = str_xml_chars(sb.s);
	sb_release(&sb);
	char *one_line = str_collapse_ws(shown);
	free(shown);
	size_t chars = 0, cut = 0;
	for (size_t i = 0; one_line[i]; i++)
		if (((unsigned char)one_line[i] & 0xC0) != 0x80 && ++chars == 41)
			cut = i;
	if (chars > 40) {
		one_line[cut] = '\0';
		char *short_ = xasprintf("%s\xE2\x80\xA6", one_line);
		free(one_line);
		return short_;
	}
	return one_line;
}

/* The file names images without alt were written with, kept for
 * chapter_names: the book stage gives the files names of its own. */
static void S_image_names(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = S_next(n, root)) {
		if (!S_is(n, "img") || S_has_prop(n, "alt"))
			continue;
		char *src = S_prop(n, "src");
		char *stem = S_image_stem(src);
		S_set(n, S_ALT_MARK, stem);
		free(stem);
		free(src);
	}
}

void chapter_names(xmlNodePtr root)
{
	size_t n;
	xmlNodePtr *els = S_elements(root, &n);
	/* Images first: an image-only link takes its name from the image. */
	for (size_t i = 0; i < n; i++) {
		if (!S_is(els[i], "img"))
			continue;
		char *mark = S_prop(els[i], S_ALT_MARK);
		S_unset(els[i], S_ALT_MARK);
		if (S_has_prop(els[i], "alt")) {
			free(mark);
			continue;
		}
		xmlNodePtr a = S_link_of(els[i]);
		char *src = S_prop(els[i], "src");
		char *stem = a && S_names_link(a, els[i]) ? xstrdup("") : mark ? xstrdup(mark) : S_image_stem(src);
		S_set(els[i], "alt", *stem || a ? stem : sanitize_words(els[i])->image);
		free(stem);
		free(src);
		free(mark);
	}
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr a = els[i];
		if (!S_is(a, "a") || !S_has_prop(a, "href") || S_names_link(a, NULL))
			continue;
		char *label = S_prop(a, "aria-label");
		bool named = label && label[strspn(label, " \t\r\n\f")];
		free(label);
		if (named)
			continue;
		/* An image the author marked decorative is all the link shows:
		 * it says what it is. */
		xmlNodePtr img = NULL;
		for (xmlNodePtr c = a->children; c && !img; c = S_next(c, a))
			if (S_is(c, "img"))
				img = c;
		char *src = img ? S_prop(img, "src") : NULL;
		char *stem = src ? S_image_stem(src) : NULL;
		if (stem && *stem) {
			S_set(img, "alt", stem);
		} else {
			char *href = S_prop(a, "href");
			char *shown = S_url_display(href);
			xmlAddChild(a, xmlNewDocText(a->doc, (const xmlChar *)shown));
			free(shown);
			free(href);
		}
		free(stem);
		free(src);
	}
	free(els);
}

/* Whether the absolute url (as url_classify reads it) is one a book may
 * link or fetch: http, https (a protocol-relative "//host" too) or, with
 * mail true, mailto. Other schemes (ftp:, tel:, irc:, magnet:) readers do
 * not open, and epubcheck flags some as unregistered. */
static bool S_link_scheme(const char *url, bool mail, char *scheme, size_t cap)
{
	url_scheme(url, scheme, cap);
	return !scheme[0] || strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	       (mail && strcmp(scheme, "mailto") == 0);
}

/* Warns once per post about key (a URL or a scheme): seen holds the keys
 * warned about. */
static bool S_first_time(struct strmap *seen, const char *kind, const char *key)
{
	char *k = xasprintf("%s\n%s", kind, key);
	bool first = !strmap_get(seen, k, NULL);
	if (first)
		strmap_put(seen, k, 0);
	free(k);
	return first;
}

/* An <a> whose address a book cannot link keeps its words and loses its
 * href; the address joins the text when the text does not show it already
 * (without its scheme, or its "scheme://", counts). */
static void S_unlink_showing(xmlNodePtr a, const char *raw)
{
	S_unset(a, "href");
	char *text = S_text_of(a);
	const char *bare = strchr(raw, ':');
	bare = bare ? bare + 1 : raw;
	while (*bare == '/')
		bare++;
	if (!strstr(text, raw) && (!*bare || !strstr(text, bare))) {
		char *shown = xasprintf(*text ? " (%s)" : "%s", raw);
		xmlAddChild(a, xmlNewDocText(a->doc, (const xmlChar *)shown));
		free(shown);
	}
	free(text);
}

/* A site-relative path for a relative reference made from the post. */
static char *S_resolve(const struct post *p, const struct convert_options *o, const char *ref,
		       char **fragment)
{
	char *copy = xstrdup(ref);
	*fragment = NULL;
	char *hash = strchr(copy, '#');
	if (hash) {
		*hash = '\0';
		if (hash[1])
			*fragment = url_decode(hash + 1);
	}
	char *q = strchr(copy, '?');
	if (q)
		*q = '\0';
	char *decoded = url_decode(copy);
	char *joined;
	if (!*decoded) {
		joined = xstrdup(p->relpath);
	} else if (decoded[0] == '/') {
		joined = path_join(o->content_dir, decoded + 1);
	} else {
		char *dir = path_dirname(p->relpath);
		joined = path_join(dir, decoded);
		free(dir);
	}
	char *norm = path_normalize(joined);
	free(joined);
	free(decoded);
	free(copy);
	return norm;
}

static int S_b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* The bytes of a data: URL (`data:[type][;base64],payload`). */
static int S_data_url(const char *url, unsigned char **out, size_t *len)
{
	const char *comma = strchr(url, ',');
	*out = NULL;
	*len = 0;
	if (!comma)
		return -1;
	bool base64 = false;
	for (const char *p = url; p + 7 <= comma; p++)
		if (strncmp(p, ";base64", 7) == 0)
			base64 = true;
	if (!base64) {
		char *d = url_decode(comma + 1);
		*len = strlen(d);
		*out = (unsigned char *)d;
		return 0;
	}
	size_t n = strlen(comma + 1);
	unsigned char *buf = xmalloc(n / 4 * 3 + 4);
	size_t o = 0;
	unsigned acc = 0;
	int bits = 0;
	for (const char *p = comma + 1; *p; p++) {
		if (*p == '=' || *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '%')
			continue;
		int v = S_b64((unsigned char)*p);
		if (v < 0) {
			free(buf);
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	*out = buf;
	*len = o;
	return 0;
}

static void S_refs(struct chapter *ch, xmlNodePtr root, const struct convert_options *o,
		   const struct linemap *lm, struct diag_list *dl)
{
	const struct post *p = ch->post;
	struct strmap seen = STRMAP_INIT; /* warned about, once per post */
	size_t icap = ch->nimages, lcap = ch->nlinks; /* allocated, for xgrow */
	size_t n;
	xmlNodePtr *els = S_elements(root, &n);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr el = els[i];
		int line = S_file_line(p, lm, el);
		if (S_is(el, "img")) {
			unsigned char *data;
			size_t data_len;
			char *url = NULL;
			char scheme[16] = "";
			int rc;
			char *src = S_prop(el, "src");
			enum url_kind kind = src ? url_classify(src) : URL_EMPTY;
			if (kind == URL_RELATIVE) {
				char *frag;
				ch->images = xgrow(ch->images, ch->nimages, &icap, sizeof *ch->images);
				struct chapter_image *im = &ch->images[ch->nimages++];
				im->img = el;
				im->target = S_resolve(p, o, src, &frag);
				im->raw = xstrdup(src);
				im->data = NULL;
				im->len = 0;
				im->line = line;
				im->url = im->why = NULL;
				free(frag);
			} else if (kind == URL_ABSOLUTE && S_link_scheme(src, false, scheme, sizeof scheme) &&
				   (rc = url_normalize(&url, src)) != 0) {
				diag_warning(dl, p->path, line, 0,
					     "remote image '%s' left out, its alt text shown instead: %s", src,
					     url_strerror(rc));
				chapter_image_to_alt(el);
			} else if (kind == URL_ABSOLUTE && url) {
				/* The book stage fetches it, once for every chapter. */
				ch->images = xgrow(ch->images, ch->nimages, &icap, sizeof *ch->images);
				struct chapter_image *im = &ch->images[ch->nimages++];
				memset(im, 0, sizeof *im);
				im->img = el;
				im->url = url;
				im->line = line;
			} else {
				if (kind == URL_ABSOLUTE)
					diag_warning(dl, p->path, line, 0,
						     "remote image left out, its alt text shown instead: only "
						     "http and https images are fetched, not %s", src);
				else if (src && str_starts_with(src, "data:") &&
					 S_data_url(src, &data, &data_len) == 0) {
					ch->images = xgrow(ch->images, ch->nimages, &icap, sizeof *ch->images);
					struct chapter_image *im = &ch->images[ch->nimages++];
					im->img = el;
					im->target = NULL;
					im->raw = NULL;
					im->data = data;
					im->len = data_len;
					im->line = line;
					im->url = im->why = NULL;
					/* The book stage gives it a file and a src. */
					S_unset(el, "src");
					free(src);
					continue;
				} else if (src && str_starts_with(src, "data:"))
					diag_warning(dl, p->path, line, 0,
						     "image given as a data: URL that cannot be decoded left out, "
						     "its alt text shown instead");
				else
					diag_warning(dl, p->path, line, 0, "image without a usable source left out");
				chapter_image_to_alt(el);
			}
			free(src);
			continue;
		}
		if (S_has_prop(el, "cite")) {
			/* Readers do not show it, so an address no book may hold
			 * goes without a word lost; a relative one names a page
			 * of the site, not of the book. */
			char *cite = S_prop(el, "cite"), *norm, scheme[16];
			if (url_classify(cite) == URL_ABSOLUTE && S_link_scheme(cite, false, scheme, sizeof scheme) &&
			    url_normalize(&norm, cite) == 0) {
				S_set(el, "cite", norm);
				free(norm);
			} else {
				S_unset(el, "cite");
			}
			free(cite);
		}
		if (!S_is(el, "a") || !S_has_prop(el, "href"))
			continue;
		char *href = S_prop(el, "href");
		enum url_kind kind = url_classify(href);
		char scheme[16], *norm = NULL;
		int rc = 0;
		bool linkable = S_link_scheme(href, true, scheme, sizeof scheme);
		if ((kind == URL_ABSOLUTE && !linkable) || (kind == URL_DANGEROUS && !url_is_script(href))) {
			char *raw = str_collapse_ws(href);
			S_unlink_showing(el, raw);
			if (S_first_time(&seen, "scheme", scheme))
				diag_warning(dl, p->path, line, 0,
					     "link to '%s' shown as text: a book links only http, https and "
					     "mailto addresses, not %s:",
					     raw, scheme);
			free(raw);
			kind = URL_DANGEROUS; /* no link: done */
		} else if (kind == URL_ABSOLUTE && (rc = url_normalize(&norm, href)) != 0) {
			char *raw = str_collapse_ws(href);
			S_unlink_showing(el, raw);
			if (S_first_time(&seen, "url", raw))
				diag_warning(dl, p->path, line, 0,
					     "link to '%s' shown as text: %s", raw, url_strerror(rc));
			free(raw);
			kind = URL_DANGEROUS; /* no link: done */
		}
		switch (kind) {
		case URL_ABSOLUTE:
		case URL_FRAGMENT:
		case URL_RELATIVE: {
			ch->links = xgrow(ch->links, ch->nlinks, &lcap, sizeof *ch->links);
			struct chapter_link *l = &ch->links[ch->nlinks++];
			l->a = el;
			l->line = line;
			l->raw = str_collapse_ws(href);
			l->fragment = NULL;
			if (kind == URL_ABSOLUTE) {
				/* Kept as written unless it is the site's own URL of a
				 * post in the book (the book stage decides). */
				S_set(el, "href", norm);
				l->target = NULL;
				const char *hash = strchr(l->raw, '#');
				if (hash && hash[1])
					l->fragment = url_decode(hash + 1);
			} else {
				if (href[0] == '#') {
					l->target = xstrdup(p->relpath);
					l->fragment = href[1] ? url_decode(href + 1) : NULL;
				} else {
					l->target = S_resolve(p, o, href, &l->fragment);
				}
				/* The book stage rewrites it; until then it is a
				 * valid reference too. */
				char *esc = url_escape(href);
				S_set(el, "href", esc);
				free(esc);
			}
			break;
		}
		default:
			S_unset(el, "href");
		}
		free(norm);
		free(href);
	}
	strmap_free(&seen);
	free(els);
}

/* Removes the sheaf-internal markers and gives every empty non-void element
 * an empty text, so it serializes as <p></p> and not <p/> (which HTML
 * parsers in some readers take for an opening tag). */
static void S_finish(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = S_next(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		S_unset(n, "data-sheaf-fnref");
		S_unset(n, "data-sheaf-fnback");
		S_unset(n, "data-sheaf-footnotes");
		/* hreflang describes an href: on an <a> without one (none given,
		 * or one that could not be made valid) the schema refuses it. */
		if (S_is(n, "a") && !S_has_prop(n, "href"))
			S_unset(n, "hreflang");
		if (S_is(n, "time") && !S_has_prop(n, "datetime")) {
			/* Without a datetime, XHTML's <time> holds text only: one
			 * holding markup (or whose datetime was not a date) is a
			 * span, its markup and words kept. */
			bool markup = false;
			for (xmlNodePtr c = n->children; c && !markup; c = c->next)
				markup = c->type == XML_ELEMENT_NODE;
			if (markup)
				xmlNodeSetName(n, (const xmlChar *)"span");
		}
		if (S_is(n, "th")) {
			/* A header cell with nothing to say is a data cell: screen
			 * readers announce empty headers as errors. */
			char *text = S_text_of(n);
			bool has_img = false;
			for (xmlNodePtr c = n->children; c; c = S_next(c, n))
				has_img |= S_is(c, "img");
			if (!*text && !has_img)
				xmlNodeSetName(n, (const xmlChar *)"td");
			free(text);
		}
		if (n->children)
			continue;
		/* The sanitizer let no other void element through (the schema
		 * check of the fuzz oracle and epubcheck would say). */
		if (!contentmodel_void((const char *)n->name))
			xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)""));
	}
}

/* Links made against the site name a post's title by the id its heading
 * had there (`#my-post-title`, or the id of the H1 the template's title
 * replaced): they reach the template's title heading. */
static void S_alias_title(struct chapter *ch, xmlNodePtr root, const char *title, const char *h1_id)
{
	const struct idset *ids = &ch->names.ids;
	size_t index = ids->n;
	for (xmlNodePtr n = root; n && index == ids->n; n = S_next(n, root)) {
		if (!S_is(n, "h1"))
			continue;
		char *id = S_prop(n, "id");
		for (size_t i = 0; id && i < ids->n; i++)
			if (strcmp(ids->v[i], id) == 0)
				index = i;
		free(id);
	}
	if (index == ids->n)
		return;
	char *slug = title ? slugify(title) : NULL;
	const char *names[] = {h1_id, slug};
	for (size_t i = 0; i < 2; i++)
		if (names[i] && *names[i] && !idset_has(ids, names[i]) &&
		    !strmap_get(&ch->names.aliases, names[i], NULL))
			strmap_put(&ch->names.aliases, names[i], index);
	free(slug);
}

static void S_collect_ids(struct idset *ids, xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = S_next(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		char *id = S_prop(n, "id");
		if (id)
			idset_add(ids, id);
		free(id);
	}
}

char *chapter_href(const struct post *p, size_t index)
{
	char *slug = slugify(p->title ? p->title : p->relpath);
	if (strlen(slug) > 48)
		slug[48] = '\0';
	size_t len = strlen(slug);
	while (len && slug[len - 1] == '-')
		slug[--len] = '\0';
	char *href = xasprintf("text/%03zu-%s.xhtml", index, slug);
	free(slug);
	return href;
}

int chapter_convert(struct chapter *ch, const struct post *p, const struct convert_options *o,
		    struct diag_list *dl)
{
	int ret = -1;
	char *html = NULL;
	htmlDocPtr hdoc = NULL;
	xmlNodePtr container = NULL;
	struct linemap lm = LINEMAP_INIT;
	memset(ch, 0, sizeof *ch);
	ch->post = p;
	ch->href = o->href ? xstrdup(o->href) : chapter_href(p, o->index);

	ch->doc = S_template_doc(p, o, dl);
	if (!ch->doc)
		goto out;
	xmlNodePtr root = xmlDocGetRootElement(ch->doc);
	xmlNsPtr ns = root ? xmlSearchNsByHref(ch->doc, root, (const xmlChar *)XHTML_NS) : NULL;
	xmlNsPtr epub_ns = root ? xmlSearchNsByHref(ch->doc, root, (const xmlChar *)EPUB_NS) : NULL;
	xmlNodePtr pi = root ? S_find_pi(root->children, "sheaf-content") : NULL;
	if (!ns || !epub_ns || !pi) {
		diag_error(dl, o->template_origin, 0, 0,
			   "the chapter template needs an <html> in the XHTML namespace, the epub: "
			   "namespace declared, and <?sheaf-content?> where the post goes");
		goto out;
	}
	S_collect_ids(&ch->names.ids, root);

	size_t md_len = p->body_len;
	char *md = o->dialects ? dialect_rewrite(o->dialects, o->dialect, p->body, p->body_len, &md_len, &lm,
						 p->path, p->body_line, dl)
			       : NULL;
	unsigned mflags = o->dialects && dialect_foreign(o->dialects, o->dialect) ? MARKDOWN_NO_AUTOLINK : 0;
	struct guard_note *notes = NULL;
	size_t nnotes = 0, guarded_len;
	char *guarded = markdown_guard(md ? md : p->body, md_len, &guarded_len, &notes, &nnotes);
	free(md);
	int rc = markdown_to_html_flags(&html, guarded, guarded_len, mflags, &notes, &nnotes);
	free(guarded);
	for (size_t i = 0; i < nnotes; i++) {
		diag_warning(dl, p->path, p->body_line + linemap_get(&lm, notes[i].line) - 1, 0, "%s",
			     notes[i].message);
		free(notes[i].message);
	}
	free(notes);
	if (rc < 0) {
		diag_error(dl, p->path, p->body_line, 0, "cmark-gfm could not convert this post");
		goto out;
	}
	/* Wrapped so that an empty or comment-only post still has a body. */
	struct strbuf wrapped = STRBUF_INIT;
	sb_adds(&wrapped, "<html><body>");
	sb_adds(&wrapped, html);
	sb_adds(&wrapped, "</body></html>");
	free(html);
	html = NULL;
	/* What two passes below look for, each in a walk of the whole tree,
	 * can only be there when the HTML names it: a scan of the text is
	 * cheaper than a walk of its nodes (a tenth of a large post's time
	 * went to walks). */
	bool may_svg = S_mentions(wrapped.s, "<svg"), may_notes = S_mentions(wrapped.s, "data-footnote");
	hdoc = sanitize_parse(wrapped.s, wrapped.len, p->path);
	sb_release(&wrapped);
	xmlNodePtr body = NULL;
	for (xmlNodePtr n = hdoc ? xmlDocGetRootElement(hdoc) : NULL; n && !body; n = S_next(n, NULL))
		if (S_is(n, "body"))
			body = n;

	container = xmlNewDocNode(ch->doc, ns, (const xmlChar *)"div", NULL);
	if (body && sanitize_copy_children(container, body, ns, epub_ns))
		diag_warning(dl, p->path, 0, 0,
			     "elements nested more than %d deep were flattened; their text is kept",
			     SANITIZE_MAX_DEPTH);
	/* The parse is copied: freed now, not after the passes below, so a
	 * post's peak holds one tree (markup-dense posts weigh kilobytes a
	 * construct: a footnote reference is two elements, eleven
	 * attributes, and their text nodes). */
	if (hdoc)
		xmlFreeDoc(hdoc);
	hdoc = NULL;
	for (xmlNodePtr n = may_svg ? container->children : NULL; n && !ch->has_svg; n = S_next(n, container))
		ch->has_svg = n->type == XML_ELEMENT_NODE && n->ns &&
			      xmlStrEqual(n->ns->href, (const xmlChar *)SVG_NS);

	/* The template prints the title: an opening H1 saying the same goes. */
	xmlNodePtr first = container->children;
	while (first && first->type == XML_TEXT_NODE && first->content &&
	       strspn((const char *)first->content, " \t\r\n") == strlen((const char *)first->content))
		first = first->next;
	char *title_id = NULL;
	if (S_is(first, "h1")) {
		char *text = S_text_of(first);
		if (p->title && str_ieq_utf8(text, p->title)) {
			title_id = S_prop(first, "id");
			xmlUnlinkNode(first);
			xmlFreeNode(first);
		}
		free(text);
	}
	S_alias_title(ch, root, p->title, title_id);
	free(title_id);

	contentmodel_repair(container);
	S_drop_empty_headings(container);
	S_heading_ranks(container);
	if (may_notes)
		S_footnotes(ch, container, ns, epub_ns, words_for(o->language));
	S_ids(ch, container);
	S_refs(ch, container, o, &lm, dl);
	S_image_names(container);

	xmlNodePtr c = container->children;
	while (c) {
		xmlNodePtr next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(pi, c);
		c = next;
	}
	xmlUnlinkNode(pi);
	xmlFreeNode(pi);
	/* The template's own empty elements too (a byline with no date). */
	S_finish(root);
	chapter_ids_index(&ch->names);
	ret = 0;
out:
	if (container)
		xmlFreeNode(container);
	if (hdoc)
		xmlFreeDoc(hdoc);
	free(html);
	linemap_free(&lm);
	return ret;
}

void chapter_ids_index(struct chapter_ids *names)
{
	for (size_t i = 0; i < names->ids.n; i++) {
		char *key = slug_key(names->ids.v[i]);
		if (*key && !strmap_get(&names->squashed, key, NULL))
			strmap_put(&names->squashed, key, i);
		free(key);
	}
	names->squashed_ready = true;
}

const char *chapter_find_id(const struct chapter_ids *names, const char *fragment)
{
	const struct idset *ids = &names->ids;
	const char *id = idset_get(ids, fragment);
	if (id)
		return id;
	size_t index;
	if (strmap_get(&names->aliases, fragment, &index))
		return ids->v[index];
	char *slug = slugify(fragment);
	id = idset_get(ids, slug);
	free(slug);
	if (id)
		return id;
	/* Generators slug headings differently ("ABI/Layout" is abi-layout to
	 * Zola, abilayout to Python-Markdown): compare letters and digits only,
	 * of the fragment as a browser reads it (%C3%A9 is é). */
	char *decoded = url_decode(fragment);
	char *want = slug_key(decoded);
	free(decoded);
	if (names->squashed_ready) {
		if (*want && strmap_get(&names->squashed, want, &index))
			id = ids->v[index];
		free(want);
		return id;
	}
	for (size_t i = 0; i < ids->n && !id && *want; i++) {
		char *have = slug_key(ids->v[i]);
		if (strcmp(have, want) == 0)
			id = ids->v[i];
		free(have);
	}
	free(want);
	return id;
}

int chapter_serialize(xmlChar **out, int *len, xmlDocPtr doc)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT); /* the default grows by 10 bytes */
	xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_AS_XML);
	*out = NULL;
	*len = 0;
	if (!save) {
		xmlBufferFree(buf);
		return -1;
	}
	xmlSaveDoc(save, doc);
	xmlSaveClose(save);
	*len = xmlBufferLength(buf);
	/* Taken, not copied: a chapter of 8 MiB of headings is 35 MB of
	 * XML, a copy of which stood beside the buffer and the tree. */
	*out = xmlBufferDetach(buf);
	xmlBufferFree(buf);
	return *out ? 0 : -1;
}

void chapter_ids_free(struct chapter_ids *names)
{
	idset_free(&names->ids);
	strmap_free(&names->aliases);
	strmap_free(&names->squashed);
	names->squashed_ready = false;
}

void chapter_drop_tree(struct chapter *ch)
{
	if (ch->doc)
		xmlFreeDoc(ch->doc);
	ch->doc = NULL;
	for (size_t i = 0; i < ch->nlinks; i++) {
		free(ch->links[i].raw);
		free(ch->links[i].target);
		free(ch->links[i].fragment);
	}
	free(ch->links);
	for (size_t i = 0; i < ch->nimages; i++) {
		free(ch->images[i].target);
		free(ch->images[i].raw);
		free(ch->images[i].data);
		free(ch->images[i].url);
		free(ch->images[i].why);
	}
	free(ch->images);
	ch->links = NULL;
	ch->images = NULL;
	ch->nlinks = ch->nimages = 0;
}

void chapter_free(struct chapter *ch)
{
	if (!ch)
		return;
	chapter_drop_tree(ch);
	free(ch->href);
	for (size_t i = 0; i < ch->nheadings; i++) {
		free(ch->headings[i].id);
		free(ch->headings[i].text);
	}
	free(ch->headings);
	chapter_ids_free(&ch->names);
	memset(ch, 0, sizeof *ch);
}
