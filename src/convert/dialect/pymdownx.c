/* pymdownx.c — PyMdown Extensions that a MkDocs site turns on in its
 * markdown_extensions, each read only when it is listed there (as Python-
 * Markdown does): `///` blocks (pymdownx.blocks.admonition, .details, .tab,
 * .html, .caption, .definition), `==mark==` (pymdownx.mark), `^^insert^^`
 * and `^sup^` (pymdownx.caret), `~~delete~~` and `~sub~` (pymdownx.tilde),
 * `++ctrl+alt+del++` (pymdownx.keys); and Python-Markdown's abbr:
 * `*[HTML]: Hyper Text Markup Language` lines anywhere in the post (an
 * auto_append snippet too) never show, and each word they name becomes
 * <abbr title="…"> wherever it stands as a word outside code. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/pyext.h"
#include "convert/dialect/pykeys.h"
#include "convert/dialect/scan.h"

#define S_MAX_BLOCKS 16 /* `///` blocks open at once */
#define S_MAX_LEVELS 8  /* levels of a caption's number (1.2.3) */

enum {
	S_ADMONITION = 1 << 0,
	S_DETAILS = 1 << 1,
	S_TAB = 1 << 2,
	S_HTML = 1 << 3,
	S_CAPTION = 1 << 4,
	S_DEFINITION = 1 << 5,
	S_MARK = 1 << 6,
	S_CARET = 1 << 7,
	S_TILDE = 1 << 8,
	S_KEYS = 1 << 9,
	S_ABBR = 1 << 10,
};

struct S_block {
	size_t fence;    /* its number of slashes */
	char close[24];  /* what ends it */
	unsigned kind;   /* S_DEFINITION …: what it is */
	size_t nbox;     /* the scanner's boxes open inside it when it opened */
};

struct S_pmd {
	unsigned on; /* the extensions the site lists */
	struct S_block open[S_MAX_BLOCKS];
	size_t nopen;
	bool options; /* right after a header: indented lines are its YAML options */
	bool figure;  /* a <figure> was opened for a caption that follows */
	bool dt_open; /* a <dd> holds a code block of a `/// define` */
	struct strvec abbr; /* abbr: pairs of an abbreviation and its title */
	/* pymdownx.blocks.caption: auto (numbers, default on), prepend, the
	 * prefix templates of caption, figure-caption, table-caption. */
	bool cap_auto, cap_prepend;
	const char *cap_prefix[3];
	int counter[3][S_MAX_LEVELS]; /* each type's numbers, level by level */
	size_t cdepth[3];             /* levels in use, 0 before the first */
	char prefix[80];              /* a number's text waiting for its caption's first line */
	size_t skip_at;               /* a caption header already written first: where it starts + 1 */
	/* pymdownx.keys: camel_case, the site's key_map (borrowed from the
	 * config: key name → label), the separator between keys. */
	bool keys_camel;
	const struct fm_node *key_map;
	const char *key_sep;
};

static const char *const S_caption_names[] = {"caption", "figure-caption", "table-caption"};

/* The options of pymdownx.blocks.caption: auto (default true), prepend,
 * and types (a list of names or {name, prefix}: the prefix templates of
 * the three types sheaf knows; `{}` stands for the number). */
/* The options of the extension named (dotted) in the markdown_extensions
 * node list: the mapping after its name in mkdocs.yml's list, or its
 * table in zensical.toml (under the whole name, or split at its dots).
 * NULL when it has none. */
static const struct fm_node *S_options(const struct fm_node *list, const char *name)
{
	const struct fm_node *o = NULL;
	for (size_t i = 0; list && list->kind == FM_LIST && i < list->n && !o; i++)
		if (list->items[i]->kind == FM_MAP)
			o = fm_get(list->items[i], name);
	if (list && list->kind == FM_MAP && !(o = fm_get(list, name))) {
		o = list;
		char part[64];
		for (const char *p = name; o && *p;) {
			size_t k = strcspn(p, ".");
			if (k >= sizeof part)
				return NULL;
			memcpy(part, p, k);
			part[k] = 0;
			o = fm_get(o, part);
			p += k + (p[k] == '.');
		}
	}
	return o;
}

static void S_caption_config(struct S_pmd *pm, const struct fm_node *list)
{
	const struct fm_node *o = S_options(list, "pymdownx.blocks.caption");
	pm->cap_auto = true;
	pm->cap_prefix[0] = "";
	pm->cap_prefix[1] = "Figure {}.";
	pm->cap_prefix[2] = "Table {}.";
	fm_bool(fm_get(o, "auto"), &pm->cap_auto);
	fm_bool(fm_get(o, "prepend"), &pm->cap_prepend);
	const struct fm_node *types = fm_get(o, "types");
	if (!types || types->kind != FM_LIST)
		return;
	pm->cap_prefix[0] = pm->cap_prefix[1] = pm->cap_prefix[2] = "";
	for (size_t i = 0; i < types->n; i++) {
		const struct fm_node *t = types->items[i];
		const char *name = t->kind == FM_MAP ? fm_str(fm_get(t, "name")) : fm_str(t);
		const char *prefix = t->kind == FM_MAP ? fm_str(fm_get(t, "prefix")) : NULL;
		for (size_t k = 0; name && k < 3; k++)
			if (strcmp(name, S_caption_names[k]) == 0)
				pm->cap_prefix[k] = prefix ? prefix : "";
	}
}

/* A caption header's argument (after `|`): `<` puts the caption first,
 * `>` last (else the prepend option); a number (`1.2`) or `^level`, as
 * pymdownx's RE_FIG_NUM reads them. With a prefix template for its type
 * and auto on (or a number given), pm->prefix gets the template with the
 * number pymdownx counts: each type on its own, in the order of the
 * post, a level's count restarting under a new number above it, a number
 * given taking over when it is larger. */
static bool S_caption_arg(struct S_pmd *pm, size_t type, const char *a, size_t al)
{
	bool prepend = pm->cap_prepend;
	ds_trim(&a, &al);
	if (al && (a[0] == '<' || a[0] == '>')) {
		prepend = a[0] == '<';
		a++, al--;
		ds_trim(&a, &al);
	}
	bool level = al && a[0] == '^';
	size_t k = level, parts = 0;
	int num[S_MAX_LEVELS];
	while (k < al && parts < S_MAX_LEVELS && a[k] >= '1' && a[k] <= '9') {
		long v = 0;
		while (k < al && isdigit((unsigned char)a[k]) && v < 100000)
			v = v * 10 + (a[k++] - '0');
		num[parts++] = (int)v;
		if (k + 1 < al && a[k] == '.' && a[k + 1] >= '1' && a[k + 1] <= '9')
			k++;
		else
			break;
	}
	if (parts && k < al && !ds_sp(a[k]))
		parts = 0;
	if (level && parts != 1)
		level = false, parts = 0;
	pm->prefix[0] = '\0';
	const char *tmpl = pm->cap_prefix[type];
	if (!*tmpl)
		return prepend;
	int *c = pm->counter[type];
	size_t depth; /* the level this caption counts at, 0-based */
	if (!pm->cap_auto) {
		if (!parts)
			return prepend;
		if (level) {
			depth = (size_t)num[0] < S_MAX_LEVELS ? (size_t)num[0] : S_MAX_LEVELS - 1;
			for (size_t i = 0; i <= depth; i++)
				num[i] = 1;
			parts = depth + 1;
		}
		memcpy(c, num, parts * sizeof *num);
		depth = parts - 1;
	} else {
		depth = level ? ((size_t)num[0] < S_MAX_LEVELS ? (size_t)num[0] : S_MAX_LEVELS - 1)
			: parts ? parts - 1 : 0;
		size_t last = pm->cdepth[type] ? pm->cdepth[type] - 1 : 0;
		if (!pm->cdepth[type])
			c[0] = 0;
		if (depth > last)
			for (size_t i = last + 1; i <= depth; i++)
				c[i] = 1;
		else
			c[depth]++;
		/* Python compares the lists: the one given wins when larger. */
		if (parts && !level) {
			size_t i = 0;
			while (i < parts && i <= depth && num[i] == c[i])
				i++;
			if (i <= depth && i < parts && num[i] > c[i])
				memcpy(c, num, parts * sizeof *num);
		}
		pm->cdepth[type] = depth + 1;
	}
	struct strbuf nb = STRBUF_INIT;
	for (size_t i = 0; i <= depth; i++)
		sb_addf(&nb, i ? ".%d" : "%d", c[i]);
	struct strbuf h = STRBUF_INIT;
	sb_adds(&h, "<span class=\"caption-prefix\">");
	const char *brace = strstr(tmpl, "{}");
	if (brace) {
		ds_esc(&h, tmpl, (size_t)(brace - tmpl));
		sb_adds(&h, nb.s);
		ds_esc(&h, brace + 2, strlen(brace + 2));
	} else {
		ds_esc(&h, tmpl, strlen(tmpl));
	}
	sb_adds(&h, "</span>");
	if (h.len < sizeof pm->prefix)
		memcpy(pm->prefix, h.s, h.len + 1);
	sb_release(&h);
	sb_release(&nb);
	return prepend;
}

static void S_init(struct ds_state *st, void *self)
{
	struct S_pmd *pm = self;
	static const struct {
		const char *name;
		unsigned bit;
	} exts[] = {
		{"pymdownx.blocks.admonition", S_ADMONITION},
		{"pymdownx.blocks.details", S_DETAILS},
		{"pymdownx.blocks.tab", S_TAB},
		{"pymdownx.blocks.html", S_HTML},
		{"pymdownx.blocks.caption", S_CAPTION},
		{"pymdownx.blocks.definition", S_DEFINITION},
		{"pymdownx.mark", S_MARK},
		{"pymdownx.caret", S_CARET},
		{"pymdownx.tilde", S_TILDE},
		{"pymdownx.keys", S_KEYS},
		{"abbr", S_ABBR},
		{"markdown.extensions.abbr", S_ABBR},
	};
	const struct fm_node *cfg = st->ctx ? st->ctx->config : NULL;
	const struct fm_node *list = fm_get(cfg, "markdown_extensions");
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (pyext_listed(list, exts[i].name))
			pm->on |= exts[i].bit;
	if (pm->on & S_CAPTION)
		S_caption_config(pm, list);
	if (pm->on & S_KEYS) {
		const struct fm_node *o = S_options(list, "pymdownx.keys");
		fm_bool(fm_get(o, "camel_case"), &pm->keys_camel);
		const struct fm_node *km = fm_get(o, "key_map");
		pm->key_map = km && km->kind == FM_MAP ? km : NULL;
		pm->key_sep = fm_get(o, "separator") ? fm_str(fm_get(o, "separator")) : "+";
		if (!pm->key_sep)
			pm->key_sep = "";
	}
}

/* The admonition types pymdownx.blocks.admonition registers as blocks of
 * their own (`/// note`). */
static bool S_admonition_type(const char *s, size_t n)
{
	static const char *const types[] = {"note", "attention", "caution", "danger", "error",
					    "tip", "hint", "warning", "important", "admonition"};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (ds_eq(s, n, types[i]))
			return true;
	return false;
}

/* An element name written by `/// html | tag.class#id`: letters and digits. */
static size_t S_tag_name(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && ds_alnum(s[k]))
		k++;
	return k && isalpha((unsigned char)s[0]) ? k : 0;
}

/* `/// name | title`: writes the opening and remembers the closing. */
static bool S_header(struct S_pmd *pm, struct ds_blk *b, const struct ds_line *L, size_t fence)
{
	const char *s = L->l + L->lf + fence;
	size_t n = L->ln - L->lf - fence;
	ds_trim(&s, &n);
	size_t k = 0;
	while (k < n && (ds_ident(s[k]) || s[k] == '-'))
		k++;
	const char *name = s;
	size_t namel = k;
	const char *title = NULL;
	size_t tl = 0;
	while (k < n && ds_sp(s[k]))
		k++;
	if (k < n && s[k] == '|') {
		title = s + k + 1;
		tl = n - k - 1;
		ds_trim(&title, &tl);
	} else if (k < n) {
		return false;
	}
	if (!namel)
		return false;
	unsigned bit = S_admonition_type(name, namel) ? S_ADMONITION
		       : ds_eq(name, namel, "details")  ? S_DETAILS
		       : ds_eq(name, namel, "tab")      ? S_TAB
		       : ds_eq(name, namel, "html")     ? S_HTML
		       : ds_eq(name, namel, "caption") || ds_eq(name, namel, "figure-caption") ||
				 ds_eq(name, namel, "table-caption")
			       ? S_CAPTION
		       : ds_eq(name, namel, "define") ? S_DEFINITION
						      : 0;
	if (!(pm->on & bit) || pm->nopen == S_MAX_BLOCKS)
		return false;
	struct ds_state *st = b->st;
	int line = ds_line_of_text(st, b->tline);
	struct S_block *blk = &pm->open[pm->nopen++];
	blk->fence = fence;
	blk->kind = bit;
	blk->nbox = b->nbox;
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&h, L->rel);
	size_t tagl = bit == S_HTML && title ? S_tag_name(title, tl) : 0;
	if (bit == S_HTML && tagl) {
		sb_addc(&h, '<');
		sb_add(&h, title, tagl);
		sb_adds(&h, ">\n");
		snprintf(blk->close, sizeof blk->close, "</%.*s>", (int)tagl, title);
	} else if (bit == S_DEFINITION) {
		sb_adds(&h, "<dl>\n");
		strcpy(blk->close, "</dl>");
	} else if (bit == S_CAPTION) {
		/* The block before it went into the <figure> opened for it
		 * (S_figure); the caption is its <figcaption>, its number's
		 * prefix before its first line. */
		size_t type = ds_eq(name, namel, "figure-caption") ? 1 : ds_eq(name, namel, "table-caption") ? 2 : 0;
		S_caption_arg(pm, type, title ? title : "", tl);
		if (!pm->figure)
			sb_adds(&h, "<figure>\n");
		pm->figure = false;
		sb_adds(&h, "<figcaption>\n");
		strcpy(blk->close, "</figcaption>\n</figure>");
	} else if (bit == S_TAB || bit == S_ADMONITION || bit == S_DETAILS) {
		if (bit == S_TAB) {
			sb_adds(&h, "<div class=\"tab\"><p class=\"tab-title\">");
		} else {
			sb_adds(&h, "<div class=\"admonition");
			if (!ds_eq(name, namel, "admonition") && !ds_eq(name, namel, "details")) {
				sb_addc(&h, ' ');
				ds_esc(&h, name, namel);
			}
			sb_adds(&h, "\"><p class=\"admonition-title\">");
		}
		if (title && tl) {
			ds_title_html(st, &h, title, tl, line);
		} else {
			/* No title: the type, capitalized, as the extension writes it. */
			char *word = xstrndup(name, namel);
			word[0] = (char)toupper((unsigned char)word[0]);
			ds_esc(&h, word, namel);
			free(word);
		}
		sb_adds(&h, "</p>\n");
		strcpy(blk->close, "</div>");
	} else {
		sb_adds(&h, "<div>\n");
		strcpy(blk->close, "</div>");
	}
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	pm->options = true;
	b->prev_blank = false;
	return true;
}

/* A line of HTML made here, at column rel, a block of its own. */
static void S_gen_line(struct ds_blk *b, int rel, const char *html)
{
	struct strbuf h = STRBUF_INIT;
	ds_blank_line(b);
	ds_spaces(&h, rel);
	sb_adds(&h, html);
	sb_addc(&h, '\n');
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
}

/* Is the line at t[i] a caption block's header (`/// caption`,
 * `/// figure-caption | …`, `/// table-caption`)? Its type (0, 1, 2), its
 * number of slashes and its argument (after `|`) when it is. */
static bool S_caption_header_of(const char *t, size_t n, size_t i, size_t *type, size_t *fence, const char **arg,
				size_t *al)
{
	const char *nl = memchr(t + i, '\n', n - i);
	const char *s = t + i;
	size_t len = nl ? (size_t)(nl - s) : n - i, k = 0;
	ds_trim(&s, &len);
	while (k < len && s[k] == '/')
		k++;
	if (k < 3)
		return false;
	*fence = k;
	while (k < len && ds_sp(s[k]))
		k++;
	for (size_t j = 0; j < 3; j++) {
		size_t nl2 = strlen(S_caption_names[j]), e = k + nl2;
		if (!ds_at(s, len, k, S_caption_names[j]) || !(e == len || ds_sp(s[e]) || s[e] == '|'))
			continue;
		while (e < len && ds_sp(s[e]))
			e++;
		if (e < len && s[e] != '|')
			return false;
		*type = j;
		*arg = e < len ? s + e + 1 : s + e;
		*al = e < len ? len - e - 1 : 0;
		return true;
	}
	return false;
}

static bool S_caption_header(const char *t, size_t n, size_t i)
{
	size_t type, fence, al;
	const char *arg;
	return S_caption_header_of(t, n, i, &type, &fence, &arg, &al);
}

/* Where the line closing a block of `fence` slashes starts, from the
 * line at t[from]; DS_NONE when none does. */
static size_t S_closing_line(const char *t, size_t n, size_t from, size_t fence)
{
	for (size_t j = from; j < n;) {
		const char *nl = memchr(t + j, '\n', n - j);
		size_t next = nl ? (size_t)(nl - t) + 1 : n, f = 0;
		const char *l = t + j;
		size_t ln = next - j;
		ds_trim(&l, &ln);
		while (f < ln && l[f] == '/')
			f++;
		if (f == fence && f == ln)
			return j;
		j = next;
	}
	return DS_NONE;
}

/* Puts a caption asked first (`|<`, or prepend) at the head of the figure
 * opened for it: its lines up to its closing slashes, its number first;
 * its header, when the scanner reaches it, then closes the figure. */
static void S_caption_first(struct S_pmd *pm, struct ds_blk *b, const struct ds_line *L, size_t at)
{
	const char *t = b->t, *arg;
	size_t n = b->n, type, fence, al;
	if (!S_caption_header_of(t, n, at, &type, &fence, &arg, &al))
		return;
	/* Is it asked first? Counting it now keeps the order of the post. */
	int saved[S_MAX_LEVELS];
	size_t saved_depth = pm->cdepth[type];
	memcpy(saved, pm->counter[type], sizeof saved);
	bool first = S_caption_arg(pm, type, arg, al);
	const char *nl = memchr(t + at, '\n', n - at);
	size_t i = nl ? (size_t)(nl - t) + 1 : n;
	for (size_t f; i < n && ds_indent(t + i, n - i, &f) >= 4 && t[i + f] != '\n';) {
		/* The block's YAML options (indented under it) show nowhere. */
		nl = memchr(t + i, '\n', n - i);
		i = nl ? (size_t)(nl - t) + 1 : n;
	}
	size_t close = S_closing_line(t, n, i, fence);
	if (!first || close == DS_NONE) {
		/* Counted when its header comes. */
		memcpy(pm->counter[type], saved, sizeof saved);
		pm->cdepth[type] = saved_depth;
		pm->prefix[0] = '\0';
		return;
	}
	S_gen_line(b, L->rel, "<figcaption>");
	struct strbuf h = STRBUF_INIT;
	if (pm->prefix[0]) {
		ds_spaces(&h, L->rel);
		sb_adds(&h, pm->prefix);
		sb_addc(&h, '\n');
	}
	pm->prefix[0] = '\0';
	sb_add(&h, t + i, close - i);
	ds_emit_sb(b, DS_TEXT, &h);
	b->last_blank = false;
	S_gen_line(b, L->rel, "</figcaption>");
	pm->skip_at = at + 1;
}

/* A caption block captions the block before it: when the block starting
 * here (ending at the first blank line from `end`, or at a caption's
 * header; at `end` itself when end_is_last) is followed by one, it opens
 * a <figure> the caption closes. */
static void S_figure(struct S_pmd *pm, struct ds_blk *b, const struct ds_line *L, size_t end, bool end_is_last)
{
	const char *t = b->t;
	size_t n = b->n, i = end;
	if (!(pm->on & S_CAPTION) || pm->figure)
		return;
	/* A header may follow the block's last line at once: pymdownx finds
	 * headers inside a paragraph too, and splits it there. */
	for (bool blank_seen = end_is_last, first = !end_is_last; i < n; first = false) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t next = nl ? (size_t)(nl - t) + 1 : n;
		bool blank = ds_is_blank(t + i, next - i);
		if (!blank && (blank_seen || (!first && S_caption_header(t, n, i))))
			break;
		blank_seen |= blank;
		i = next;
	}
	if (i >= n || !S_caption_header(t, n, i))
		return;
	S_gen_line(b, L->rel, "<figure>");
	pm->figure = true;
	S_caption_first(pm, b, L, i);
}

/* Is the scanner at the level of the innermost open `/// define` (not
 * in one of its definitions)? */
static bool S_in_define(const struct S_pmd *pm, const struct ds_blk *b, const struct ds_line *L)
{
	return pm->nopen && pm->open[pm->nopen - 1].kind == S_DEFINITION &&
	       b->nbox == pm->open[pm->nopen - 1].nbox && L->opens;
}

/* The <dd> a `/// define` put a code block in ends before what follows. */
static void S_dt_close(struct S_pmd *pm, struct ds_blk *b, int rel)
{
	if (pm->dt_open)
		S_gen_line(b, rel, "</dd>");
	pm->dt_open = false;
}

/* A fenced code block followed by a caption: into a <figure>; one at the
 * level of a `/// define`: into a <dd> (pymdownx makes it a <dt>, as any
 * block there that is neither a paragraph nor a list; a term holds no
 * block in the book's XHTML). */
static bool S_fence(struct ds_blk *b, const struct ds_line *L, size_t ff, size_t flen, size_t info, void *self)
{
	(void)info;
	struct S_pmd *pm = self;
	if (S_in_define(pm, b, L)) {
		S_dt_close(pm, b, L->rel);
		S_gen_line(b, L->rel, "<dd>");
		pm->dt_open = true;
	}
	if (!(pm->on & S_CAPTION) || !L->opens)
		return false;
	char ch = L->l[ff];
	const char *t = b->t;
	size_t n = b->n;
	for (size_t i = L->next; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t next = nl ? (size_t)(nl - t) + 1 : n, f;
		ds_indent(t + i, next - i, &f);
		size_t run = 0;
		while (i + f + run < next && t[i + f + run] == ch)
			run++;
		if (run >= flen && ds_is_blank(t + i + f + run, next - i - f - run)) {
			S_figure(pm, b, L, next, true);
			break;
		}
		i = next;
	}
	return false;
}

/* The end of a definition's <dd> (a box: its item's content). */
static void S_dd_close(struct ds_blk *b, const struct ds_box *x, void *self)
{
	(void)self;
	S_gen_line(b, x->rel, "</dd>");
}

/* Inside `/// define`, as pymdownx.blocks.definition makes it: each item
 * of a list there is a definition (<dd>, its content indented under it,
 * as in the list), any other line a term (<dt>). */
static bool S_define_line(struct S_pmd *pm, struct ds_blk *b, const struct ds_line *L)
{
	if (!S_in_define(pm, b, L))
		return false;
	S_dt_close(pm, b, L->rel);
	const char *s = L->l + L->lf;
	size_t n = L->ln - L->lf;
	if (n >= 3 && s[0] == '/' && s[1] == '/' && s[2] == '/')
		return false;
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&h, L->rel);
	if (L->item < 0) {
		sb_adds(&h, "<dt>");
		ds_trim(&s, &n);
		ds_title_html(b->st, &h, s, n, ds_line_of_text(b->st, b->tline));
		sb_adds(&h, "</dt>\n");
		ds_emit_sb(b, DS_GEN, &h);
		ds_blank_line(b);
		b->prev_blank = true;
		return true;
	}
	/* The item's text after its marker. */
	size_t k = 0;
	while (k < n && !ds_sp(s[k]))
		k++;
	while (k < n && ds_sp(s[k]))
		k++;
	if (!ds_box_push(b, L->item, L->rel, S_dd_close, pm)) {
		sb_release(&h);
		return false;
	}
	sb_adds(&h, "<dd>\n");
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	if (k < n) {
		ds_emit(b, DS_TEXT, s + k, n - k);
		ds_emit(b, DS_TEXT, "\n", 1);
	}
	b->prev_blank = false;
	return true;
}

/* `*[ABBR]: title` (Python-Markdown's abbr RE: the abbreviation holds no
 * backslash, one space may come before the colon): the line goes, the
 * definition is kept for the whole post (a later one wins; an empty
 * title, or "" or '', takes the abbreviation back). */
static bool S_abbr_def(struct S_pmd *pm, struct ds_blk *b, const struct ds_line *L)
{
	const char *s = L->l + L->lf;
	size_t n = L->ln - L->lf;
	if (n < 4 || s[0] != '*' || s[1] != '[')
		return false;
	size_t k = 2;
	while (k < n && s[k] != ']' && s[k] != '\\')
		k++;
	if (k >= n || s[k] != ']' || k == 2)
		return false;
	size_t e = k + 1;
	if (e < n && s[e] == ' ')
		e++;
	if (e >= n || s[e] != ':')
		return false;
	const char *title = s + e + 1;
	size_t tl = n - e - 1;
	ds_trim(&title, &tl);
	if (tl >= 2 && (title[0] == '"' || title[0] == '\'') && title[tl - 1] == title[0])
		title++, tl -= 2;
	for (size_t i = 0; i < pm->abbr.n; i += 2)
		if (strlen(pm->abbr.v[i]) == k - 2 && !memcmp(pm->abbr.v[i], s + 2, k - 2)) {
			free(pm->abbr.v[i + 1]);
			pm->abbr.v[i + 1] = xstrndup(title, tl);
			goto done;
		}
	sv_push_owned(&pm->abbr, xstrndup(s + 2, k - 2));
	sv_push_owned(&pm->abbr, xstrndup(title, tl));
done:
	ds_drop_lines(b, L, L->end);
	return true;
}

/* Python's \w, bytes of UTF-8 letters included. */
static bool S_word(char c)
{
	return ds_ident(c) || (unsigned char)c >= 0x80;
}

/* Is s[i] on a link reference definition's line (`[id]: url`), whose
 * URL and title abbr leaves as they are? (Looked for within 256 bytes.) */
static bool S_in_link_definition(const char *s, size_t n, size_t i)
{
	size_t b = i, lim = i > 256 ? i - 256 : 0;
	while (b > lim && s[b - 1] != '\n')
		b--;
	if (b > 0 && s[b - 1] != '\n')
		return false; /* a line longer than that */
	size_t k = b, sp = 0;
	while (k < n && s[k] == ' ' && sp < 3)
		k++, sp++;
	if (k >= n || s[k] != '[')
		return false;
	while (k < n && s[k] != ']' && s[k] != '\n')
		k++;
	return k + 1 < n && s[k] == ']' && s[k + 1] == ':';
}

/* abbr: a run of plain text (up to the next character the walk stops at)
 * with each defined abbreviation standing as a word in an <abbr> (the
 * longest first, as Python-Markdown orders them); a link's destination
 * stays as it is. 0 when nothing is abbreviated. */
static size_t S_abbr_hold(struct ds_inl *x, size_t i, void *self)
{
	struct S_pmd *pm = self;
	const char *s = x->s;
	size_t n = x->n, j = i;
	if (!pm->abbr.n || x->in_tag || S_in_link_definition(s, x->n, i))
		return 0;
	while (j < n && !x->st->special[(unsigned char)s[j]])
		j++;
	if (j == i)
		return 0;
	size_t k = i, from = i;
	bool any = false;
	/* Inside a link's destination already (the walk stops at ':' and '/'
	 * for other passes): to its ')'. */
	for (size_t b = i, lim = i > 2048 ? i - 2048 : 0; b > lim && s[b - 1] != ')' && s[b - 1] != '\n'; b--)
		if (s[b - 1] == '(' && b > 1 && s[b - 2] == ']') {
			k = b - 1;
			break;
		}
	while (k < j) {
		if (s[k] == '(' && k > 0 && s[k - 1] == ']') {
			while (k < j && s[k] != ')')
				k++;
			continue;
		}
		size_t best = 0, which = 0;
		if (k == 0 || !S_word(s[k - 1]))
			for (size_t a = 0; a < pm->abbr.n; a += 2) {
				size_t al = strlen(pm->abbr.v[a]);
				if (al > best && pm->abbr.v[a + 1][0] && k + al <= j && !memcmp(s + k, pm->abbr.v[a], al) &&
				    (k + al == n || !S_word(s[k + al])))
					best = al, which = a;
			}
		if (!best) {
			k++;
			continue;
		}
		sb_add(x->out, s + from, k - from);
		sb_adds(x->out, "<abbr title=\"");
		ds_esc(x->out, pm->abbr.v[which + 1], strlen(pm->abbr.v[which + 1]));
		sb_adds(x->out, "\">");
		ds_esc(x->out, s + k, best);
		sb_adds(x->out, "</abbr>");
		k += best;
		from = k;
		any = true;
	}
	if (!any)
		return 0;
	sb_add(x->out, s + from, j - from);
	return j - i;
}

static void S_fini(void *self)
{
	struct S_pmd *pm = self;
	sv_free(&pm->abbr);
}

static bool S_block(struct ds_blk *b, const struct ds_line *L, void *self)
{
	struct S_pmd *pm = self;
	if (pm->options) {
		/* The block's YAML options: indented lines right below it. */
		if (L->rel >= 4 && !L->quotes)
			return true;
		pm->options = false;
	}
	if ((pm->on & S_ABBR) && L->opens && S_abbr_def(pm, b, L))
		return true;
	if (pm->prefix[0]) {
		/* The caption's number, first in its first paragraph (its own
		 * when the caption is empty). */
		struct strbuf h = STRBUF_INIT;
		ds_end_line(b);
		ds_spaces(&h, L->rel);
		sb_adds(&h, pm->prefix);
		sb_addc(&h, '\n');
		ds_emit_sb(b, DS_TEXT, &h);
		pm->prefix[0] = '\0';
		b->last_blank = false;
	}
	if (!(pm->on & (S_ADMONITION | S_DETAILS | S_TAB | S_HTML | S_CAPTION | S_DEFINITION)) || !L->opens)
		return false;
	if (pm->nopen && S_define_line(pm, b, L))
		return true;
	if (pm->skip_at && L->ls + 1 == pm->skip_at) {
		/* A caption written first: its lines go, the figure ends. */
		size_t type, fence, al;
		const char *arg;
		pm->skip_at = 0;
		pm->figure = false;
		if (S_caption_header_of(b->t, b->n, L->ls, &type, &fence, &arg, &al)) {
			size_t j = S_closing_line(b->t, b->n, L->next, fence);
			if (j != DS_NONE) {
				const char *nl2 = memchr(b->t + j, '\n', b->n - j);
				ds_drop_lines(b, L, nl2 ? (size_t)(nl2 - b->t) : b->n);
				S_gen_line(b, L->rel, "</figure>");
				b->prev_blank = true;
				return true;
			}
		}
	}
	if (b->prev_blank && !(L->ln - L->lf >= 3 && !memcmp(L->l + L->lf, "///", 3)))
		S_figure(pm, b, L, L->ls, false);
	const char *s = L->l + L->lf;
	size_t n = L->ln - L->lf, fence = 0;
	while (fence < n && s[fence] == '/')
		fence++;
	if (fence < 3)
		return false;
	if (ds_is_blank(s + fence, n - fence)) {
		for (size_t i = pm->nopen; i-- > 0;) {
			if (pm->open[i].fence != fence)
				continue;
			while (pm->nopen > i) {
				struct S_block *blk = &pm->open[--pm->nopen];
				struct strbuf h = STRBUF_INIT;
				ds_blank_line(b);
				ds_spaces(&h, L->rel);
				sb_adds(&h, blk->close);
				sb_addc(&h, '\n');
				ds_emit_sb(b, DS_GEN, &h);
			}
			ds_blank_line(b);
			b->prev_blank = true;
			return true;
		}
		return false;
	}
	return S_header(pm, b, L, fence);
}

/* The closing run of `mark` characters for an opening at i (the text
 * between is on the line, starts and ends with no space): its position,
 * or 0. */
static size_t S_closing(const char *s, size_t n, size_t i, char ch, size_t run)
{
	size_t b = i + run;
	if (b >= n || ds_wsnl(s[b]) || s[b] == ch)
		return 0;
	for (size_t k = b + 1; k + run <= n; k++) {
		if (s[k] == '\n')
			return 0;
		if (s[k] == '\\') {
			k++;
			continue;
		}
		if (s[k] != ch)
			continue;
		size_t e = k;
		while (e < n && s[e] == ch)
			e++;
		if (e - k == run && !ds_wsnl(s[k - 1]))
			return k;
		k = e - 1;
	}
	return 0;
}

/* `==x==`, `^^x^^`, `^x^`, `~~x~~`, `~x~` around inline Markdown. */
static size_t S_wrap(struct ds_inl *x, size_t i, const char *tag, char ch, size_t run)
{
	if (x->in_tag || (i > 0 && x->s[i - 1] == ch))
		return 0;
	size_t e = S_closing(x->s, x->n, i, ch, run);
	if (!e)
		return 0;
	const char *in = x->s + i + run;
	size_t inl = e - i - run;
	/* A single ^ or ~ takes no spaces (pymdownx: escape them). */
	if (run == 1 && memchr(in, ' ', inl))
		return 0;
	sb_addf(x->out, "<%s>", tag);
	ds_inline_text(x->st, in, inl, x->out, ds_inl_line(x, i));
	sb_addf(x->out, "</%s>", tag);
	return e + run - i;
}

static size_t S_run(const struct ds_inl *x, size_t i, char ch)
{
	size_t k = i;
	while (k < x->n && x->s[k] == ch)
		k++;
	return k - i;
}

static size_t S_equals(struct ds_inl *x, size_t i, void *self)
{
	struct S_pmd *pm = self;
	return pm->on & S_MARK && S_run(x, i, '=') == 2 ? S_wrap(x, i, "mark", '=', 2) : 0;
}

static size_t S_caret(struct ds_inl *x, size_t i, void *self)
{
	struct S_pmd *pm = self;
	size_t run = S_run(x, i, '^');
	if (!(pm->on & S_CARET) || run > 2)
		return 0;
	return S_wrap(x, i, run == 2 ? "ins" : "sup", '^', run);
}

static size_t S_tilde(struct ds_inl *x, size_t i, void *self)
{
	struct S_pmd *pm = self;
	size_t run = S_run(x, i, '~');
	if (!(pm->on & S_TILDE) || run > 2)
		return 0;
	return S_wrap(x, i, run == 2 ? "del" : "sub", '~', run);
}

/* The label of the unquoted key s[0..n) as pymdownx.keys finds it: the
 * name made lower-case with '-' before each capital inside it when
 * camel_case is on (PgDn → pg-dn), an alias taken to its key, then the
 * site's key_map before the built-in keymap. NULL for a key it does not
 * know (or whose label is empty): then the keys are no keys. Borrowed. */
static const char *S_key_label(const struct S_pmd *pm, const char *s, size_t n)
{
	struct strbuf norm = STRBUF_INIT;
	if (pm->keys_camel) {
		for (size_t k = 0; k < n; k++) {
			if (isupper((unsigned char)s[k])) {
				if (k && s[k - 1] != '-')
					sb_addc(&norm, '-');
				sb_addc(&norm, (char)tolower((unsigned char)s[k]));
			} else {
				sb_addc(&norm, s[k]);
			}
		}
		s = norm.s ? norm.s : s;
		n = norm.len;
	}
	const char *canon = pykeys_alias(s, n);
	size_t cl = canon ? strlen(canon) : n;
	if (!canon)
		canon = s;
	const char *label = NULL;
	for (size_t i = 0; pm->key_map && i < pm->key_map->n; i++) /* the last of a repeated name */
		if (ds_eq(canon, cl, pm->key_map->keys[i]))
			label = fm_str(pm->key_map->items[i]);
	if (!label)
		label = pykeys_label(canon, cl);
	sb_release(&norm);
	return label && label[0] ? label : NULL;
}

/* The length of the key of pymdownx.keys' grammar (its RE_KBD) at s[k],
 * 0 when none starts there: a run of \w and '-', or a quoted string of at
 * least one character in which a backslash escapes the next one. Within
 * one line, as the scan reads inline text. */
static size_t S_key_len(const char *s, size_t k, size_t n)
{
	size_t p = k;
	if (s[k] == '"' || s[k] == '\'') {
		for (p = k + 1; p < n && s[p] != s[k] && s[p] != '\n'; p++)
			if (s[p] == '\\' && p + 1 < n && s[p + 1] != '\n')
				p++;
		return p < n && s[p] == s[k] && p > k + 1 ? p + 1 - k : 0;
	}
	while (p < n && (S_word(s[p]) || s[p] == '-'))
		p++;
	return p - k;
}

/* `++ctrl+alt+"My Key"++` → <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>My Key</kbd>:
 * keys joined by single '+', up to the first `++` after a key, as
 * pymdownx.keys' patterns read them. A run of more '+' opens the keys with
 * its last two (where a search for its pattern finds them), an escaped
 * '+' (`\++`) none. A quoted key
 * shows its text unescaped and trimmed; another must be a key that
 * S_key_label knows, or the keys stay text, and so does what they span:
 * Python-Markdown looks for the next keys after it. */
static size_t S_plus(struct ds_inl *x, size_t i, void *self)
{
	struct S_pmd *pm = self;
	size_t run = S_run(x, i, '+'), bs = 0;
	while (bs < i && x->s[i - 1 - bs] == '\\')
		bs++;
	/* An escaped first '+' (`\++`) is text: it opens nothing. */
	if (!(pm->on & S_KEYS) || x->in_tag || run < 2 + bs % 2 || (i > 0 && x->s[i - 1] == '+'))
		return 0;
	const char *s = x->s;
	size_t n = x->n, k = i + run;
	struct strbuf h = STRBUF_INIT;
	bool known = true;
	for (;;) {
		size_t kl = S_key_len(s, k, n);
		if (!kl) {
			sb_release(&h);
			return 0;
		}
		const char *key = s + k;
		if (h.len)
			ds_esc(&h, pm->key_sep, strlen(pm->key_sep));
		sb_adds(&h, "<kbd>");
		if (key[0] == '"' || key[0] == '\'') {
			struct strbuf t = STRBUF_INIT;
			for (size_t c = 1; c + 1 < kl; c++)
				sb_addc(&t, key[c] == '\\' && c + 2 < kl ? key[++c] : key[c]);
			size_t a = 0, z = t.len;
			while (a < z && ds_sp(t.s[a]))
				a++;
			while (z > a && ds_sp(t.s[z - 1]))
				z--;
			ds_esc(&h, t.s + a, z - a);
			sb_release(&t);
		} else {
			const char *label = S_key_label(pm, key, kl);
			known &= label != NULL;
			if (label)
				ds_esc(&h, label, strlen(label));
		}
		sb_adds(&h, "</kbd>");
		k += kl;
		if (k + 1 < n && s[k] == '+' && s[k + 1] == '+')
			break;
		if (k + 1 >= n || s[k] != '+') {
			sb_release(&h);
			return 0;
		}
		k++;
	}
	if (known) {
		sb_add(x->out, s + i, run - 2);
		sb_add(x->out, h.s, h.len);
	} else {
		sb_add(x->out, s + i, k + 2 - i);
	}
	sb_release(&h);
	return k + 2 - i;
}

static const struct ds_trigger S_triggers[] = {
	{'=', S_equals}, {'^', S_caret}, {'~', S_tilde}, {'+', S_plus}, {0, NULL}};

const struct dialect dialect_pymdownx = {
	.name = "pymdownx",
	.markdown_only = true,
	.state_size = sizeof(struct S_pmd),
	.init = S_init,
	.fini = S_fini,
	.block = S_block,
	.fence = S_fence,
	.triggers = S_triggers,
	.hold = S_abbr_hold,
};
