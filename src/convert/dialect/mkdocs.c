/* mkdocs.c — MkDocs with Material's extensions: admonitions (`!!!`),
 * collapsible details (`???`), content tabs (`===`) — boxes whose content
 * is indented under them —, md_in_html (`<div markdown>`), attr_list
 * (`{ #id .class width=… }`), fenced-code titles, and icons
 * (`:material-…:`, left out). Snippets are their own pass (snippets.c).
 * As in Python-Markdown, the first five exist only when the site lists
 * their extension in markdown_extensions (admonition, pymdownx.details,
 * pymdownx.tabbed, attr_list, md_in_html; the last two also by extra);
 * a site (or a test) without that key gets them all. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/attrs.h"
#include "convert/dialect/pyext.h"

#define S_MAX_MD 32 /* `markdown` HTML elements nested */

struct S_md {
	char name[16];
	int depth;   /* elements of the same name open inside it */
	size_t nbox; /* boxes open when it opened */
	int rel;
};

enum {
	S_ADMONITION = 1 << 0, /* `!!!` */
	S_DETAILS = 1 << 1,    /* `???` */
	S_TABBED = 1 << 2,     /* `===` */
	S_ATTR_LIST = 1 << 3,
	S_MD_IN_HTML = 1 << 4,
};

struct S_mkdocs {
	unsigned on; /* the extensions the site turns on */
	struct S_md md[S_MAX_MD];
	size_t nmd;
	const char *separator; /* the blog's post_excerpt_separator, until dropped */
};

/* The blog plugin's post_excerpt_separator (borrowed from config): the
 * plugin under `plugins`, as a name (its default) or a mapping to its
 * options, also under its namespaced name. */
static const char *S_excerpt_separator(const struct fm_node *config)
{
	const struct fm_node *plugins = fm_get(config, "plugins"), *blog = NULL;
	bool listed = false;
	for (size_t i = 0; plugins && i < plugins->n && !listed; i++) {
		const struct fm_node *it = plugins->items[i];
		const char *key = plugins->kind == FM_MAP ? plugins->keys[i] : fm_str(it);
		listed = key && (strcmp(key, "blog") == 0 || strcmp(key, "material/blog") == 0);
		if (listed && plugins->kind == FM_MAP)
			blog = it;
		for (size_t k = 0; !listed && it->kind == FM_MAP && k < it->n; k++)
			if (strcmp(it->keys[k], "blog") == 0 || strcmp(it->keys[k], "material/blog") == 0)
				blog = it->items[k], listed = true;
	}
	const char *sep = fm_str(fm_get(blog, "post_excerpt_separator"));
	return !listed ? NULL : sep && *sep ? sep : "<!-- more -->";
}

static void S_init(struct ds_state *st, void *self)
{
	struct S_mkdocs *mk = self;
	const struct fm_node *cfg = st->ctx ? st->ctx->config : NULL;
	mk->separator = S_excerpt_separator(cfg);
	const struct fm_node *exts = fm_get(cfg, "markdown_extensions");
	/* A reST post (Pelican) was never Python-Markdown's to read. */
	const char *rel = ds_post_relpath(st);
	if (rel && str_ends_with(rel, ".rst"))
		return;
	if (!exts) {
		mk->on = ~0u;
		return;
	}
	if (pyext_builtin(exts, "admonition", false))
		mk->on |= S_ADMONITION;
	if (pyext_listed(exts, "pymdownx.details"))
		mk->on |= S_DETAILS;
	if (pyext_listed(exts, "pymdownx.tabbed"))
		mk->on |= S_TABBED;
	if (pyext_builtin(exts, "attr_list", true))
		mk->on |= S_ATTR_LIST;
	if (pyext_builtin(exts, "md_in_html", true))
		mk->on |= S_MD_IN_HTML;
}

static const struct attrs_syntax S_syntax = {.colon = true, .ext = false, .attr_list = true};

static bool S_icon(const char *name, size_t n)
{
	static const char *const prefixes[] = {"material-", "octicons-", "fontawesome-", "simple-"};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t l = strlen(prefixes[i]);
		if (n > l && memcmp(name, prefixes[i], l) == 0)
			return true;
	}
	return false;
}

/* The end of a box: the `markdown` elements opened in it, then its <div>. */
static void S_box_close(struct ds_blk *b, const struct ds_box *x, void *self)
{
	struct S_mkdocs *mk = self;
	while (mk->nmd && mk->md[mk->nmd - 1].nbox >= b->nbox) {
		struct S_md *m = &mk->md[--mk->nmd];
		struct strbuf h = STRBUF_INIT;
		ds_blank_line(b);
		ds_spaces(&h, m->rel);
		sb_addf(&h, "</%s>\n", m->name);
		ds_emit_sb(b, DS_GEN, &h);
	}
	ds_blank_line(b);
	struct strbuf h = STRBUF_INIT;
	ds_spaces(&h, x->rel);
	sb_adds(&h, "</div>\n");
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
}

/* `!!! type "Title"`, `??? type "Title"`, `???+ …`, `=== "Tab"`. */
static bool S_box_open(struct S_mkdocs *mk, struct ds_blk *b, const char *l, size_t ln, size_t lf, int rel,
		       int indent)
{
	const char *s = l + lf;
	size_t n = ln - lf, k;
	int kind;
	if (ds_at(s, n, 0, "!!!") && (mk->on & S_ADMONITION)) {
		kind = 0;
		k = 3;
	} else if (ds_at(s, n, 0, "???") && (mk->on & S_DETAILS)) {
		kind = 1;
		k = 3 + (n > 3 && s[3] == '+');
	} else if (ds_at(s, n, 0, "===") && (mk->on & S_TABBED)) {
		kind = 2;
		k = 3 + (n > 3 && (s[3] == '+' || s[3] == '!'));
	} else {
		return false;
	}
	if (k < n && !ds_sp(s[k]))
		return false;
	while (k < n && ds_sp(s[k]))
		k++;
	size_t tb = k;
	while (k < n && s[k] != '"')
		k++;
	const char *types = s + tb;
	size_t tyl = k - tb;
	ds_trim(&types, &tyl);
	for (size_t i = 0; i < tyl; i++)
		if (!ds_ident(types[i]) && types[i] != ' ')
			return false;
	const char *title = NULL;
	size_t tl = 0;
	if (k < n) {
		size_t last = n;
		while (last > k && ds_wsnl(s[last - 1]))
			last--;
		if (last < k + 2 || s[last - 1] != '"')
			return false;
		title = s + k + 1;
		tl = last - 1 - (k + 1);
	}
	if ((kind == 0 && !tyl) || (kind == 1 && !tyl && !title) || (kind == 2 && (tyl || !title)))
		return false;
	struct ds_state *st = b->st;
	int line = ds_line_of_text(st, b->tline);
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&h, rel);
	if (kind == 2) {
		sb_adds(&h, "<div class=\"tab\"><p class=\"tab-title\">");
		ds_title_html(st, &h, title, tl, line);
		sb_adds(&h, "</p>\n");
	} else {
		sb_adds(&h, "<div class=\"admonition");
		if (tyl) {
			sb_addc(&h, ' ');
			ds_esc(&h, types, tyl);
		}
		sb_adds(&h, "\">");
		const char *t = title;
		size_t l2 = tl;
		if (t)
			ds_trim(&t, &l2);
		if (!t || l2) {
			sb_adds(&h, "<p class=\"admonition-title\">");
			if (t) {
				ds_title_html(st, &h, t, l2, line);
			} else {
				/* Python-Markdown: the type, capitalized. */
				size_t w = 0;
				while (w < tyl && types[w] != ' ')
					w++;
				char *word = xstrndup(types, w);
				word[0] = (char)toupper((unsigned char)word[0]);
				for (size_t i = 1; i < w; i++)
					word[i] = (char)tolower((unsigned char)word[i]);
				ds_esc(&h, word, w);
				free(word);
			}
			sb_adds(&h, "</p>");
		}
		sb_addc(&h, '\n');
	}
	bool full = b->nbox == DS_MAX_BOXES;
	if (full) {
		/* Too deep to nest: an empty box; its content stays as code. */
		ds_spaces(&h, rel);
		sb_adds(&h, "</div>\n");
	}
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	if (!full)
		ds_box_push(b, indent + 4, rel, S_box_close, mk);
	b->prev_blank = true;
	return true;
}

/* Elements that hold blocks (an image paragraph, a figcaption). */
static bool S_container(const char *name, size_t n)
{
	static const char *const names[] = {"figure", "div", "section", "article", "aside",
					    "details", "blockquote", "header", "footer", "main"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (ds_ieq(name, n, names[i]))
			return true;
	return false;
}

/* An HTML block with a `markdown` attribute (md_in_html): the attribute
 * goes, and blank lines around the tags let cmark-gfm parse the inside. */
static bool S_md_open(struct S_mkdocs *mk, struct ds_blk *b, const char *l, size_t ln, size_t lf, int rel)
{
	const char *s = l + lf;
	size_t n = ln - lf;
	if (n < 3 || s[0] != '<' || !isalpha((unsigned char)s[1]))
		return false;
	size_t k = 1;
	while (k < n && (ds_alnum(s[k]) || s[k] == '-'))
		k++;
	size_t namelen = k - 1;
	if (namelen >= sizeof mk->md[0].name)
		return false;
	size_t ab = DS_NONE, ae = 0;
	bool span = false;
	for (;;) {
		while (k < n && ds_sp(s[k]))
			k++;
		if (k >= n || s[k] == '>' || ds_at(s, n, k, "/>"))
			break;
		size_t nb = k;
		while (k < n && !ds_sp(s[k]) && s[k] != '=' && s[k] != '>' && !ds_at(s, n, k, "/>"))
			k++;
		size_t ne = k, vb = k, ve = k;
		if (ne == nb)
			return false;
		size_t k2 = k;
		while (k2 < n && ds_sp(s[k2]))
			k2++;
		if (k2 < n && s[k2] == '=') {
			k = k2 + 1;
			while (k < n && ds_sp(s[k]))
				k++;
			if (k < n && (s[k] == '"' || s[k] == '\'')) {
				char q = s[k++];
				vb = k;
				while (k < n && s[k] != q)
					k++;
				if (k >= n)
					return false;
				ve = k++;
			} else {
				vb = k;
				while (k < n && !ds_sp(s[k]) && s[k] != '>')
					k++;
				ve = k;
			}
		}
		if (ds_ieq(s + nb, ne - nb, "markdown")) {
			ab = nb;
			ae = k;
			span = ds_ieq(s + vb, ve - vb, "span") || ds_eq(s + vb, ve - vb, "0");
		}
	}
	if (k >= n || s[k] != '>' || ab == DS_NONE)
		return false;
	struct strbuf tag = STRBUF_INIT;
	ds_spaces(&tag, rel);
	size_t cut = ab;
	while (cut > 0 && ds_sp(s[cut - 1]))
		cut--;
	sb_add(&tag, s, cut);
	sb_add(&tag, s + ae, k + 1 - ae);
	const char *rest = s + k + 1;
	size_t rl = n - k - 1;
	ds_trim(&rest, &rl);
	ds_end_line(b);
	char closing[24];
	snprintf(closing, sizeof closing, "</%.*s>", (int)namelen, s + 1);
	size_t cl = strlen(closing);
	bool closes_here = rl >= cl && ds_ieq(rest + rl - cl, cl, closing);
	/* markdown="span" reads the inside as one paragraph's inline text:
	 * kept on its line when it closes there or the element holds only
	 * text (`<p markdown="span">`); a container over several lines
	 * (`<figure markdown="span">` with an image and a caption) is read
	 * as a block, which shows the same words and images. */
	if (span && (closes_here || !S_container(s + 1, namelen))) {
		sb_add(&tag, rest, rl);
		sb_addc(&tag, '\n');
		ds_emit_sb(b, DS_TEXT, &tag);
		return true;
	}
	sb_addc(&tag, '\n');
	ds_emit_sb(b, DS_GEN, &tag);
	ds_blank_line(b);
	b->prev_blank = true;
	if (closes_here) {
		struct strbuf h = STRBUF_INIT;
		ds_emit(b, DS_TEXT, rest, rl - cl);
		ds_blank_line(b);
		ds_spaces(&h, rel);
		sb_add(&h, closing, cl);
		sb_addc(&h, '\n');
		ds_emit_sb(b, DS_GEN, &h);
		ds_blank_line(b);
		return true;
	}
	if (rl) {
		ds_emit(b, DS_TEXT, rest, rl);
		ds_emit(b, DS_TEXT, "\n", 1);
	}
	if (mk->nmd < S_MAX_MD) {
		struct S_md *m = &mk->md[mk->nmd++];
		memcpy(m->name, s + 1, namelen);
		m->name[namelen] = '\0';
		for (size_t i = 0; i < namelen; i++)
			m->name[i] = (char)tolower((unsigned char)m->name[i]);
		m->depth = 0;
		m->nbox = b->nbox;
		m->rel = rel;
	}
	return true;
}

/* The closing tag of the innermost `markdown` element, on this line? */
static bool S_md_close(struct S_mkdocs *mk, struct ds_blk *b, const char *l, size_t ln)
{
	struct S_md *m = &mk->md[mk->nmd - 1];
	if (m->nbox != b->nbox)
		return false;
	size_t nl = strlen(m->name), p = 0, found = DS_NONE, inner_close = DS_NONE;
	for (const char *q; p < ln && (q = memchr(l + p, '<', ln - p)); p++) {
		p = (size_t)(q - l);
		bool close = p + 1 < ln && l[p + 1] == '/';
		size_t nb = p + 1 + close;
		if (nb + nl > ln || !ds_ieq(l + nb, nl, m->name))
			continue;
		char after = nb + nl < ln ? l[nb + nl] : '>';
		if (!(after == '>' || ds_sp(after) || (!close && after == '/')))
			continue;
		if (!close) {
			m->depth++;
		} else if (m->depth > 0) {
			m->depth--;
			inner_close = p;
		} else {
			found = p;
			break;
		}
	}
	if (found == DS_NONE) {
		/* An inner element of the same name closing the line: a blank
		 * line after it, so that Markdown starts again after it, as
		 * md_in_html reads it. */
		const char *gt = inner_close == DS_NONE ? NULL : memchr(l + inner_close, '>', ln - inner_close);
		if (!gt || !ds_is_blank(gt + 1, ln - (size_t)(gt + 1 - l)))
			return false;
		ds_emit(b, DS_TEXT, l, ln);
		ds_emit(b, DS_TEXT, "\n", 1);
		ds_blank_line(b);
		return true;
	}
	const char *gt = memchr(l + found, '>', ln - found);
	size_t ce = gt ? (size_t)(gt - l) + 1 : ln;
	size_t f;
	int ind = ds_indent(l, ln, &f);
	ds_end_line(b);
	if (!ds_is_blank(l, found)) {
		ds_emit(b, DS_TEXT, l, found);
		ds_emit(b, DS_TEXT, "\n", 1);
	}
	ds_blank_line(b);
	struct strbuf h = STRBUF_INIT;
	ds_spaces(&h, found == f ? ind : m->rel);
	sb_add(&h, l + found, ce - found);
	sb_addc(&h, '\n');
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	if (!ds_is_blank(l + ce, ln - ce)) {
		ds_emit(b, DS_TEXT, l + ce, ln - ce);
		ds_emit(b, DS_TEXT, "\n", 1);
	}
	mk->nmd--;
	b->prev_blank = true;
	return true;
}

/* Fenced-code attributes: ```py title="a.py" linenums="1" → a caption
 * and ```py. */
static bool S_fence(struct ds_blk *b, const struct ds_line *L, size_t ff, size_t flen, size_t info, void *self)
{
	(void)self;
	if (L->quotes)
		return false;
	const char *l = L->l;
	int rel = L->rel;
	const char *s = l + info;
	size_t n = L->ln - info;
	ds_trim(&s, &n);
	size_t k = 0;
	const char *lang = NULL, *title = NULL;
	size_t langl = 0, titlel = 0;
	bool braces = n && s[0] == '{';
	if (!braces) {
		while (k < n && !ds_sp(s[k]) && s[k] != '{')
			k++;
		if (!memchr(s, '=', k)) {
			lang = s;
			langl = k;
		} else {
			k = 0;
		}
	}
	const char *rest = s + k;
	size_t rl = n - k;
	ds_trim(&rest, &rl);
	if (!rl)
		return false;
	for (size_t i = 0; i < rl; i++) {
		if (braces && !lang && rest[i] == '.' && (i == 0 || rest[i - 1] == ' ' || rest[i - 1] == '{')) {
			size_t e = i + 1;
			while (e < rl && (ds_ident(rest[e]) || rest[e] == '+' || rest[e] == '#'))
				e++;
			lang = rest + i + 1;
			langl = e - i - 1;
		}
		if (!title && ds_at(rest, rl, i, "title=") && (i == 0 || !ds_ident(rest[i - 1])) && i + 6 < rl &&
		    (rest[i + 6] == '"' || rest[i + 6] == '\'')) {
			const char *q = memchr(rest + i + 7, rest[i + 6], rl - i - 7);
			if (q) {
				title = rest + i + 7;
				titlel = (size_t)(q - title);
			}
		}
	}
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	if (title) {
		ds_spaces(&h, rel);
		sb_adds(&h, "<p class=\"code-title\">");
		ds_esc(&h, title, titlel);
		sb_adds(&h, "</p>\n");
		ds_emit_sb(b, DS_GEN, &h);
		ds_blank_line(b);
	}
	sb_add(&h, l, ff + flen);
	if (lang)
		ds_lang(&h, lang, langl);
	sb_addc(&h, '\n');
	ds_emit_sb(b, DS_CODE, &h);
	return true;
}

static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	struct S_mkdocs *mk = self;
	/* The excerpt separator, on a line of its own: not text of the post
	 * (only the first: the plugin splits there). */
	if (mk->separator && !l->quotes) {
		const char *s = l->l + l->lf;
		size_t n = l->ln - l->lf;
		ds_trim(&s, &n);
		if (ds_eq(s, n, mk->separator)) {
			mk->separator = NULL;
			return true;
		}
	}
	if (l->opens && (S_box_open(mk, b, l->l, l->ln, l->lf, l->rel, l->indent) ||
			 ((mk->on & S_MD_IN_HTML) && S_md_open(mk, b, l->l, l->ln, l->lf, l->rel))))
		return true;
	if (mk->nmd && S_md_close(mk, b, l->l, l->ln))
		return true;
	return (mk->on & S_ATTR_LIST) && (attrs_heading(b, l, &S_syntax) || attrs_drop_line(b, l, &S_syntax));
}

/* Material's icons (`:material-…:`, `:fontawesome-…:`…): pictures a book
 * cannot show, left out. */
static size_t S_colon(struct ds_inl *x, size_t i, void *self)
{
	(void)self;
	if (x->in_tag)
		return 0;
	size_t nl = ds_colon_name(x->s, x->n, i);
	return nl && S_icon(x->s + i + 1, nl) ? nl + 2 : 0;
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	const struct S_mkdocs *mk = self;
	return (mk->on & S_ATTR_LIST) ? attrs_inline(x, i, &S_syntax, NULL) : 0;
}

static const struct ds_trigger S_triggers[] = {{':', S_colon}, {'{', S_brace}, {0, NULL}};

const struct dialect dialect_mkdocs = {
	.name = "mkdocs",
	.markdown_only = true,
	.state_size = sizeof(struct S_mkdocs),
	.init = S_init,
	.block = S_block,
	.fence = S_fence,
	.triggers = S_triggers,
};
