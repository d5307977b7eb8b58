/* mdx.c — MDX (mdxjs.com): Markdown with JavaScript modules, JSX and
 * {expressions}, as Docusaurus and Astro read `.mdx` posts (and Docusaurus
 * its `.md` ones, site_data.mdx_md). sheaf runs no JavaScript; what MDX
 * adds becomes what the reader of the site sees, as far as text can say:
 *
 *  - `import …` / `export …` at the top level (ESM, over lines until the
 *    statement is whole) go; `import X from './x.png'` is remembered, so
 *    that `<img src={X} />` gets the path;
 *  - JSX comments (a `{` then a slash-star comment and `}`) go (the one
 *    saying truncate is Docusaurus' excerpt marker), HTML comments too (MDX 2 has none, posts still write
 *    `<!-- truncate -->`); `{'a string'}` is its text; any other
 *    expression is kept as code, with a warning;
 *  - JSX elements: `<Tabs>`/`<TabItem label>` become MkDocs' titled tab
 *    boxes, `<Admonition type title>` (Docusaurus) and `<Aside type
 *    title>` (Starlight) the box of `:::type` (directives.h), `<Code
 *    code lang />` and `<CodeBlock language>{`…`}</CodeBlock>` code
 *    blocks, a self-closing card with an href (`<LinkCard title href
 *    description />`) a link;
 *    lowercase elements are HTML (className → class, `src={require(…)}`,
 *    `src={useBaseUrl(…)}`, `src={X}` → the path; object props dropped);
 *    any other component's tags go, its text props (title, label…) and
 *    what it encloses stay, with one warning naming it. An element alone
 *    on its line(s) is a block (flow): what it encloses is Markdown, as
 *    MDX reads it; one in a line of text is inline.
 *
 * Code (fenced, indented, spans) is never touched: the scanner finds it
 * first. Everything is bounded: an expression or a tag is looked for over
 * at most S_MAX_SPAN bytes, and a paragraph gives up after S_MAX_FAILS
 * tries that found no end, so a post of unclosed braces stays linear. */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/directives.h"

#define S_MAX_SPAN 16384 /* bytes an expression, a tag or an ESM statement may span */
#define S_MAX_FAILS 64   /* tries without an end, per paragraph (and per post in blocks) */
#define S_MAX_DEPTH 64   /* braces and template strings nested in an expression */
#define S_MAX_ATTRS 32   /* props of one tag */
#define S_MAX_ITEMS 16   /* tags and expressions on one flow line */

struct S_mdx {
	size_t fails;         /* this paragraph's tries that found no end */
	bool on;              /* the post is MDX */
	size_t block_fails;   /* the post's multi-line tries that found no end */
	bool codeblock;       /* inside a <CodeBlock> opened on a line of its own */
	char *code_lang;      /* its language */
	struct strvec binds;  /* pairs: an imported name, the path it names */
};

struct S_attr {
	const char *k, *v;
	size_t kl, vl;
	char kind; /* '"': a string, '{': an expression, 's': a spread, 0: no value */
};

struct S_tag {
	bool close, self;
	const char *name; /* NULL for a fragment */
	size_t nl;
	struct S_attr a[S_MAX_ATTRS];
	size_t na;
	size_t end; /* past its '>' */
};

/* ------------------------------------------------------------------ */
/* JavaScript, as far as finding ends goes                              */
/* ------------------------------------------------------------------ */

/* Past the end of a quoted string opening at s[k] (a line ends it too:
 * an apostrophe in text inside braces is no string), or lim. */
static size_t S_string_end(const char *s, size_t lim, size_t k)
{
	char q = s[k];
	for (k++; k < lim && s[k] != q && s[k] != '\n'; k++)
		if (s[k] == '\\')
			k++;
	return k < lim ? k + 1 : lim;
}

/* Past the '}' matching the '{' at s[i], or DS_NONE: strings, template
 * strings (their `${…}` nested), comments skipped. */
static size_t S_expr_end(const char *s, size_t n, size_t i)
{
	char stack[S_MAX_DEPTH];
	size_t d = 0, lim = n - i > S_MAX_SPAN ? i + S_MAX_SPAN : n;
	stack[d++] = '{';
	for (size_t k = i + 1; k < lim; k++) {
		char c = s[k];
		if (stack[d - 1] == '`') {
			if (c == '\\') {
				k++;
			} else if (c == '`') {
				d--;
			} else if (c == '$' && k + 1 < lim && s[k + 1] == '{') {
				if (d == S_MAX_DEPTH)
					return DS_NONE;
				stack[d++] = '{';
				k++;
			}
			continue;
		}
		if (c == '\'' || c == '"') {
			k = S_string_end(s, lim, k) - 1;
		} else if (c == '`' || c == '{') {
			if (d == S_MAX_DEPTH)
				return DS_NONE;
			stack[d++] = c;
		} else if (c == '}') {
			if (--d == 0)
				return k + 1;
		} else if (c == '/' && k + 1 < lim && s[k + 1] == '/') {
			while (k < lim && s[k] != '\n')
				k++;
		} else if (c == '/' && k + 1 < lim && s[k + 1] == '*') {
			size_t e = ds_find(s, lim, k + 2, "*/", 2);
			if (e == DS_NONE)
				return DS_NONE;
			k = e + 1;
		}
	}
	return DS_NONE;
}

/* Is the expression body e[0..el) (inside its braces) only comments? */
static bool S_only_comments(const char *e, size_t el)
{
	size_t k = 0;
	for (;;) {
		while (k < el && ds_wsnl(e[k]))
			k++;
		if (k == el)
			return true;
		if (ds_at(e, el, k, "/*")) {
			size_t c = ds_find(e, el, k + 2, "*/", 2);
			if (c == DS_NONE)
				return false;
			k = c + 2;
		} else if (ds_at(e, el, k, "//")) {
			while (k < el && e[k] != '\n')
				k++;
		} else {
			return false;
		}
	}
}

/* A string literal ('…', "…", or `…` with no ${}) filling e[0..el): its
 * text (escapes as written but for an escaped quote), malloc'd; else NULL. */
static char *S_literal(const char *e, size_t el)
{
	ds_trim(&e, &el);
	if (el < 2 || (e[0] != '\'' && e[0] != '"' && e[0] != '`') || e[el - 1] != e[0])
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 1; k + 1 < el; k++) {
		if (e[k] == e[0] || (e[0] == '`' && e[k] == '$' && e[k + 1] == '{')) {
			sb_release(&sb);
			return NULL;
		}
		if (e[k] == '\\' && k + 2 < el)
			k++;
		sb_addc(&sb, e[k]);
	}
	return sb_detach(&sb);
}

/* A call `fn('arg')` (optionally `.default` after it) filling e[0..el):
 * its argument, malloc'd; else NULL. */
static char *S_call_arg(const char *e, size_t el, const char *fn)
{
	size_t fl = strlen(fn);
	ds_trim(&e, &el);
	if (el > 8 && ds_at(e, el, el - 8, ".default"))
		el -= 8;
	if (el < fl + 2 || memcmp(e, fn, fl) != 0 || e[fl] != '(' || e[el - 1] != ')')
		return NULL;
	return S_literal(e + fl + 1, el - fl - 2);
}

/* Docusaurus' `@site/static/x` is served at /x; `@site/x` is the site's x. */
static char *S_site_path(char *p)
{
	if (!p)
		return NULL;
	size_t skip = strncmp(p, "@site/static/", 13) == 0 ? 12 : strncmp(p, "@site/", 6) == 0 ? 5 : 0;
	if (skip)
		memmove(p, p + skip, strlen(p + skip) + 1);
	return p;
}

/* A prop's expression as a string a reader or a link can use: a literal,
 * require('…'), useBaseUrl('…'), a number, or a name imported from a path;
 * else NULL. */
static char *S_value(const struct S_mdx *m, const char *e, size_t el)
{
	char *v = S_literal(e, el);
	if (!v)
		v = S_call_arg(e, el, "require");
	if (!v)
		v = S_call_arg(e, el, "useBaseUrl");
	if (v)
		return S_site_path(v);
	ds_trim(&e, &el);
	size_t k = 0;
	while (k < el && (isdigit((unsigned char)e[k]) || e[k] == '.'))
		k++;
	if (el && k == el)
		return xstrndup(e, el); /* a number */
	for (size_t i = 0; i + 1 < m->binds.n; i += 2)
		if (ds_eq(e, el, m->binds.v[i]))
			return xstrdup(m->binds.v[i + 1]);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* JSX tags                                                             */
/* ------------------------------------------------------------------ */

static bool S_id_start(char c)
{
	return isalpha((unsigned char)c) || c == '_' || c == '$';
}

static bool S_id(char c)
{
	return ds_alnum(c) || c == '_' || c == '$' || c == '-';
}

/* A JSX tag at s[i] ('<'): true and *t filled when it is one. */
static bool S_tag(const char *s, size_t n, size_t i, struct S_tag *t)
{
	memset(t, 0, sizeof *t);
	size_t lim = n - i > S_MAX_SPAN ? i + S_MAX_SPAN : n, k = i + 1;
	if (k < lim && s[k] == '/') {
		t->close = true;
		k++;
	}
	if (k < lim && s[k] != '>') {
		if (!S_id_start(s[k]))
			return false;
		size_t nb = k;
		while (k < lim && (S_id(s[k]) || ((s[k] == '.' || s[k] == ':') && k + 1 < lim && S_id_start(s[k + 1]))))
			k++;
		t->name = s + nb;
		t->nl = k - nb;
	}
	for (;;) {
		size_t ws = k;
		while (k < lim && ds_wsnl(s[k]))
			k++;
		if (k >= lim)
			return false;
		if (s[k] == '>') {
			t->end = k + 1;
			return true;
		}
		if (s[k] == '/' && k + 1 < lim && s[k + 1] == '>' && !t->close) {
			t->self = true;
			t->end = k + 2;
			return true;
		}
		if (t->close || !t->name || (k == ws && s[k] != '{'))
			return false;
		struct S_attr a = {0};
		if (s[k] == '{') {
			size_t e = S_expr_end(s, lim, k);
			if (e == DS_NONE)
				return false;
			a.kind = 's';
			k = e;
		} else {
			size_t kb = k;
			while (k < lim && (S_id(s[k]) || s[k] == ':'))
				k++;
			if (k == kb)
				return false;
			a.k = s + kb;
			a.kl = k - kb;
			size_t k2 = k;
			while (k2 < lim && ds_wsnl(s[k2]))
				k2++;
			if (k2 < lim && s[k2] == '=') {
				k = k2 + 1;
				while (k < lim && ds_wsnl(s[k]))
					k++;
				if (k < lim && (s[k] == '"' || s[k] == '\'')) {
					const char *q = memchr(s + k + 1, s[k], lim - k - 1);
					if (!q)
						return false;
					a.kind = '"';
					a.v = s + k + 1;
					a.vl = (size_t)(q - a.v);
					k = (size_t)(q - s) + 1;
				} else if (k < lim && s[k] == '{') {
					size_t e = S_expr_end(s, lim, k);
					if (e == DS_NONE)
						return false;
					a.kind = '{';
					a.v = s + k + 1;
					a.vl = e - k - 2;
					k = e;
				} else {
					return false;
				}
			}
		}
		if (t->na < S_MAX_ATTRS)
			t->a[t->na++] = a;
	}
}

static bool S_is(const struct S_tag *t, const char *name)
{
	return t->name && ds_eq(t->name, t->nl, name);
}

static const struct S_attr *S_attr(const struct S_tag *t, const char *key)
{
	for (size_t i = 0; i < t->na; i++)
		if (t->a[i].k && ds_eq(t->a[i].k, t->a[i].kl, key))
			return &t->a[i];
	return NULL;
}

/* A prop's string value (a string, or an expression that is one),
 * malloc'd; else NULL. */
static char *S_prop(const struct S_mdx *m, const struct S_tag *t, const char *key)
{
	const struct S_attr *a = S_attr(t, key);
	if (!a || !a->kind)
		return NULL;
	return a->kind == '"' ? xstrndup(a->v, a->vl) : a->kind == '{' ? S_value(m, a->v, a->vl) : NULL;
}

/* A component: capitalized, a member (`API.User`), or a fragment. */
static bool S_component(const struct S_tag *t)
{
	return !t->name || isupper((unsigned char)t->name[0]) || memchr(t->name, '.', t->nl) || t->name[0] == '_' ||
	       t->name[0] == '$';
}

/* Elements whose content the scanner keeps as written. */
static bool S_raw(const struct S_tag *t)
{
	static const char *const names[] = {"pre", "code", "script", "style", "textarea"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (t->name && ds_eq(t->name, t->nl, names[i]))
			return true;
	return false;
}

/* Does a lowercase tag say anything HTML would not (props in braces,
 * React's names, self-closing a non-void element)? */
static bool S_jsx_only(const struct S_tag *t)
{
	for (size_t i = 0; i < t->na; i++)
		if (t->a[i].kind == '{' || t->a[i].kind == 's' ||
		    (t->a[i].k && (ds_eq(t->a[i].k, t->a[i].kl, "className") || ds_eq(t->a[i].k, t->a[i].kl, "htmlFor"))))
			return true;
	return false;
}

static bool S_void(const struct S_tag *t)
{
	static const char *const names[] = {"area", "base", "br",   "col",   "embed", "hr",  "img",
					    "input", "link", "meta", "source", "track", "wbr"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (ds_ieq(t->name, t->nl, names[i]))
			return true;
	return false;
}

/* A lowercase element as HTML. */
static void S_html_tag(const struct S_mdx *m, const struct S_tag *t, struct strbuf *o)
{
	sb_addc(o, '<');
	if (t->close)
		sb_addc(o, '/');
	sb_add(o, t->name, t->nl);
	for (size_t i = 0; i < t->na; i++) {
		const struct S_attr *a = &t->a[i];
		if (a->kind == 's' || ds_eq(a->k, a->kl, "key") || ds_eq(a->k, a->kl, "ref"))
			continue;
		char *v = a->kind == '"' ? xstrndup(a->v, a->vl) : a->kind == '{' ? S_value(m, a->v, a->vl) : NULL;
		if (a->kind && !v)
			continue; /* an object, a function: nothing HTML can hold */
		sb_addc(o, ' ');
		if (ds_eq(a->k, a->kl, "className"))
			sb_adds(o, "class");
		else if (ds_eq(a->k, a->kl, "htmlFor"))
			sb_adds(o, "for");
		else
			sb_add(o, a->k, a->kl);
		if (v) {
			sb_adds(o, "=\"");
			ds_esc(o, v, strlen(v));
			sb_addc(o, '"');
			free(v);
		}
	}
	if (t->self && S_void(t))
		sb_adds(o, " />");
	else if (t->self)
		sb_addf(o, "></%.*s>", (int)t->nl, t->name);
	else
		sb_addc(o, '>');
}

/* The text props of an unknown component a reader should see, joined. */
static char *S_text_props(const struct S_mdx *m, const struct S_tag *t)
{
	static const char *const keys[] = {"title", "label", "caption", "alt", "text", "name", "description"};
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char *v = S_prop(m, t, keys[i]);
		if (v && *v) {
			if (sb.len)
				sb_adds(&sb, " — ");
			sb_adds(&sb, v);
		}
		free(v);
	}
	if (!sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

static void S_warn_component(struct ds_state *st, int line, const struct S_tag *t)
{
	char *q = ds_quote(t->name, t->nl);
	char *key = xasprintf("mdx:<%s>", q);
	ds_warn(st, line, key,
		"MDX component <%s> is React that sheaf does not run: its tags are left out, its text and what it "
		"encloses are kept",
		q);
	free(key);
	free(q);
}

static void S_warn_expr(struct ds_state *st, int line)
{
	ds_warn(st, line, "mdx:expression",
		"MDX {expression} is JavaScript that sheaf does not run: kept as code");
}

/* A code block of text: <pre><code class="language-lang">. */
static void S_code_block(struct strbuf *o, const char *code, const char *lang)
{
	sb_adds(o, "<pre><code");
	if (lang && *lang) {
		sb_adds(o, " class=\"language-");
		ds_esc(o, lang, strlen(lang));
		sb_addc(o, '"');
	}
	sb_addc(o, '>');
	ds_esc(o, code, strlen(code));
	sb_adds(o, "</code></pre>\n");
}

/* The components Docusaurus and Starlight ship whose meaning text can
 * show, as blocks: true when t is one and was written to o. Tabs are
 * MkDocs' titled tab boxes, Admonition and Aside the :::type box, Code
 * (its `code` prop) and CodeBlock (a string for its children, see
 * S_flow) code blocks, and a card with an `href` a link titled by its
 * title. */
static bool S_known_block(struct ds_state *st, struct S_mdx *m, const struct S_tag *t, struct strbuf *o, int line)
{
	if (S_is(t, "Tabs"))
		return true; /* the tabs follow each other, titled */
	if (S_is(t, "CodeBlock")) {
		m->codeblock = !t->close && !t->self;
		free(m->code_lang);
		m->code_lang = m->codeblock ? S_prop(m, t, "language") : NULL;
		return true;
	}
	if (S_is(t, "Code")) {
		char *code = S_prop(m, t, "code"), *lang = S_prop(m, t, "lang");
		if (code)
			S_code_block(o, code, lang);
		free(code);
		free(lang);
		return code != NULL || t->close;
	}
	char *href = t->close ? NULL : S_prop(m, t, "href");
	if (href && t->self) {
		char *title = S_prop(m, t, "title"), *desc = S_prop(m, t, "description");
		sb_adds(o, "<p><a href=\"");
		ds_esc(o, href, strlen(href));
		sb_adds(o, "\">");
		ds_esc(o, title ? title : href, strlen(title ? title : href));
		sb_adds(o, "</a>");
		if (desc) {
			sb_adds(o, " — ");
			ds_esc(o, desc, strlen(desc));
		}
		sb_adds(o, "</p>\n");
		free(title);
		free(desc);
		free(href);
		return true;
	}
	free(href);
	bool tab = S_is(t, "TabItem");
	if (!tab && !S_is(t, "Admonition") && !S_is(t, "Aside"))
		return false;
	if (!t->close) {
		if (tab) {
			char *label = S_prop(m, t, "label");
			if (!label)
				label = S_prop(m, t, "value");
			sb_adds(o, "<div class=\"tab\"><p class=\"tab-title\">");
			if (label)
				ds_title_html(st, o, label, strlen(label), line);
			sb_adds(o, "</p>\n");
			free(label);
		} else {
			char *type = S_prop(m, t, "type"), *title = S_prop(m, t, "title");
			directives_box_open(st, o, type ? type : "note", strlen(type ? type : "note"), title,
					    title ? strlen(title) : 0, line);
			free(type);
			free(title);
		}
	}
	if (t->close || t->self)
		sb_adds(o, "</div>\n");
	return true;
}

/* ------------------------------------------------------------------ */
/* Pass 1: ESM, and tags and expressions alone on their lines           */
/* ------------------------------------------------------------------ */

static bool S_word_at(const char *s, size_t n, size_t k, const char *w)
{
	size_t l = strlen(w);
	return ds_at(s, n, k, w) && (k + l == n || !S_id(s[k + l]));
}

/* Does the line at t[i] start an ESM statement? */
static bool S_esm_start(const char *t, size_t n, size_t i)
{
	if (S_word_at(t, n, i, "import")) {
		size_t k = i + 6;
		while (k < n && ds_sp(t[k]))
			k++;
		return k < n && k > i + 6 ? (S_id_start(t[k]) || t[k] == '{' || t[k] == '*' || t[k] == '\'' ||
					      t[k] == '"')
					  : k < n && (t[k] == '{' || t[k] == '*' || t[k] == '\'' || t[k] == '"');
	}
	if (!S_word_at(t, n, i, "export"))
		return false;
	size_t k = i + 6;
	while (k < n && ds_sp(t[k]))
		k++;
	static const char *const next[] = {"const", "let", "var", "function", "default", "class", "async", "type",
					   "interface"};
	for (size_t w = 0; w < sizeof next / sizeof *next; w++)
		if (S_word_at(t, n, k, next[w]))
			return true;
	return k < n && (t[k] == '{' || t[k] == '*');
}

/* `import Name from 'path'` in the statement text: Name → path. */
static void S_bindings(struct S_mdx *m, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (!(k == 0 || s[k - 1] == '\n' || s[k - 1] == ';') || !S_word_at(s, n, k, "import"))
			continue;
		size_t p = k + 6;
		while (p < n && ds_sp(s[p]))
			p++;
		size_t nb = p;
		while (p < n && S_id(s[p]))
			p++;
		size_t ne = p;
		while (p < n && ds_sp(s[p]))
			p++;
		if (ne == nb || !S_word_at(s, n, p, "from"))
			continue;
		p += 4;
		while (p < n && ds_sp(s[p]))
			p++;
		if (p >= n || (s[p] != '\'' && s[p] != '"'))
			continue;
		size_t e = S_string_end(s, n, p);
		char *path = S_literal(s + p, e - p);
		if (!path)
			continue;
		sv_push_owned(&m->binds, xstrndup(s + nb, ne - nb));
		sv_push_owned(&m->binds, S_site_path(path));
	}
}

/* ESM from the line asked about: through the line where its brackets
 * close and what follows is no continuation (a blank line, the end, or a
 * line that is not indented, another import/export, or a closing). */
static bool S_esm(struct S_mdx *m, struct ds_blk *b, const struct ds_line *L)
{
	const char *t = b->t;
	size_t n = b->n, lim = n - L->ls > S_MAX_SPAN ? L->ls + S_MAX_SPAN : n;
	if (m->block_fails >= S_MAX_FAILS)
		lim = L->next; /* out of budget: one line */
	char stack[S_MAX_DEPTH];
	size_t d = 0, k = L->ls, end = DS_NONE;
	for (; k < lim; k++) {
		char c = t[k];
		if (d && stack[d - 1] == '`') {
			if (c == '\\')
				k++;
			else if (c == '`')
				d--;
			else if (c == '$' && k + 1 < lim && t[k + 1] == '{' && d < S_MAX_DEPTH)
				stack[d++] = '{', k++;
			continue;
		}
		if (c == '\'' || c == '"') {
			k = S_string_end(t, lim, k) - 1;
		} else if ((c == '`' || c == '{' || c == '(' || c == '[') && d < S_MAX_DEPTH) {
			stack[d++] = c;
		} else if ((c == '}' || c == ')' || c == ']') && d) {
			d--;
		} else if (c == '/' && k + 1 < lim && t[k + 1] == '/') {
			while (k + 1 < lim && t[k + 1] != '\n')
				k++;
		} else if (c == '/' && k + 1 < lim && t[k + 1] == '*') {
			size_t e = ds_find(t, lim, k + 2, "*/", 2);
			k = e == DS_NONE ? lim - 1 : e + 1;
		} else if (c == '\n' && d == 0) {
			size_t nx = k + 1;
			const char *nl = memchr(t + nx, '\n', n - nx);
			size_t ne = nl ? (size_t)(nl - t) : n;
			if (ds_is_blank(t + nx, ne - nx) || (!ds_sp(t[nx]) && t[nx] != '}' && t[nx] != ')' &&
							       t[nx] != ']' && !S_esm_start(t, n, nx) &&
							       !S_word_at(t, n, nx, "from"))) {
				end = k;
				break;
			}
		}
	}
	if (end == DS_NONE) {
		if (lim == n && d == 0) {
			end = n; /* whole at the end of the post */
		} else if (m->block_fails++ >= S_MAX_FAILS) {
			end = L->end;
		} else {
			/* Never whole (MDX would stop there): up to the
			 * first blank line. */
			size_t bl = ds_find(t, n, L->ls, "\n\n", 2);
			end = bl == DS_NONE ? n : bl;
		}
	}
	S_bindings(m, t + L->ls, end - L->ls);
	ds_drop_lines(b, L, end);
	return true;
}

/* One tag or expression of a flow line. */
struct S_item {
	struct S_tag tag;
	size_t b, e; /* where it is in the text it was read from */
	bool expr;
};

/* The column a block written for the line starts at: its own, unless that
 * would make it code (MDX has no indented code; a list keeps its column). */
static int S_col(const struct ds_blk *b, const struct ds_line *L)
{
	int base = b->nlist ? b->list[b->nlist - 1] : 0;
	return L->rel - base < 4 ? L->rel : base;
}

/* Tags and expressions alone on their line(s): a block. */
static bool S_flow(struct S_mdx *m, struct ds_blk *b, const struct ds_line *L)
{
	bool multi = !L->stripped && !L->quotes && m->block_fails < S_MAX_FAILS;
	const char *s = multi ? b->t : L->l;
	size_t n = multi ? b->n : L->ln, k = multi ? L->at : L->lf;
	struct S_item *it = xcalloc(S_MAX_ITEMS, sizeof *it);
	size_t ni = 0;
	bool ok = true, lines = false;
	for (;;) {
		while (k < n && ds_sp(s[k]))
			k++;
		if (k >= n || s[k] == '\n' || s[k] == '\r')
			break;
		if (ni == S_MAX_ITEMS) {
			ok = false;
			break;
		}
		struct S_item *x = &it[ni];
		x->b = k;
		if (s[k] == '<') {
			if (!S_tag(s, n, k, &x->tag)) {
				/* A tag that looked like one and found no end:
				 * the post's budget of such searches shrinks. */
				m->block_fails += k + 1 < n && (S_id_start(s[k + 1]) || s[k + 1] == '/');
				ok = false;
				break;
			}
			if (S_raw(&x->tag) && !x->tag.close) {
				ok = false;
				break;
			}
			x->e = x->tag.end;
		} else if (s[k] == '{') {
			x->e = S_expr_end(s, n, k);
			x->expr = true;
			if (x->e == DS_NONE) {
				m->block_fails++;
				ok = false;
				break;
			}
		} else {
			ok = false;
			break;
		}
		lines |= memchr(s + x->b, '\n', x->e - x->b) != NULL;
		k = x->e;
		ni++;
	}
	/* One expression alone on one line: the inline pass reads it. */
	if (!ok || !ni || (ni == 1 && it[0].expr && !lines)) {
		free(it);
		return false;
	}
	struct ds_state *st = b->st;
	int line = ds_line_of_text(st, b->tline);
	struct strbuf h = STRBUF_INIT;
	for (size_t i = 0; i < ni; i++) {
		struct S_item *x = &it[i];
		if (x->expr) {
			const char *e = s + x->b + 1;
			size_t el = x->e - x->b - 2;
			char *lit = S_only_comments(e, el) ? NULL : S_literal(e, el);
			if (lit && m->codeblock) {
				S_code_block(&h, lit, m->code_lang);
				free(lit);
			} else if (lit) {
				sb_adds(&h, "<p>");
				ds_esc(&h, lit, strlen(lit));
				sb_adds(&h, "</p>\n");
				free(lit);
			} else if (!S_only_comments(e, el)) {
				S_warn_expr(st, line);
				sb_adds(&h, "<pre><code>");
				ds_esc(&h, s + x->b, x->e - x->b);
				sb_adds(&h, "</code></pre>\n");
			}
			continue;
		}
		struct S_tag *t = &x->tag;
		if (!t->name || S_known_block(st, m, t, &h, line))
			continue;
		if (!S_component(t)) {
			S_html_tag(m, t, &h);
			sb_addc(&h, '\n');
			continue;
		}
		if (!t->close) {
			S_warn_component(st, line, t);
			char *text = S_text_props(m, t);
			if (text) {
				sb_adds(&h, "<p>");
				ds_esc(&h, text, strlen(text));
				sb_adds(&h, "</p>\n");
			}
			free(text);
		}
	}
	free(it);
	ds_end_line(b);
	if (h.len) {
		struct strbuf o = STRBUF_INIT;
		int col = S_col(b, L);
		ds_blank_line(b);
		for (size_t p = 0; p < h.len;) {
			const char *nl = memchr(h.s + p, '\n', h.len - p);
			size_t e = nl ? (size_t)(nl - h.s) + 1 : h.len;
			ds_spaces(&o, col);
			sb_add(&o, h.s + p, e - p);
			p = e;
		}
		ds_emit_sb(b, DS_GEN, &o);
	}
	sb_release(&h);
	ds_blank_line(b);
	if (multi)
		ds_drop_lines(b, L, k);
	b->prev_blank = false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Pass 0: no indented code in MDX                                      */
/* ------------------------------------------------------------------ */

/* A line of only a tag (`<TabItem value="a">`, `</Tabs>`): +1 when it
 * opens an element, -1 when it closes one, 0 otherwise (self-closing, a
 * void element, not a tag line); *is_tag says whether it is one. */
static int S_tag_line(const char *s, size_t n, bool *is_tag)
{
	ds_trim(&s, &n);
	*is_tag = n >= 2 && s[0] == '<' && s[n - 1] == '>' && (S_id_start(s[1]) || s[1] == '/' || s[1] == '>');
	if (!*is_tag || s[n - 2] == '/' || memchr(s + 1, '<', n - 1))
		return 0;
	if (s[1] == '/')
		return -1;
	struct S_tag t = {0};
	t.name = s + 1;
	while (t.nl + 1 < n && S_id(t.name[t.nl]))
		t.nl++;
	return t.nl && !S_component(&t) && S_void(&t) ? 0 : 1;
}

/* A list item's marker at s[f]? */
static bool S_list_marker(const char *s, size_t n, size_t f)
{
	if (f < n && (s[f] == '-' || s[f] == '*' || s[f] == '+'))
		return f + 1 == n || ds_sp(s[f + 1]);
	size_t k = f;
	while (k < n && k - f < 9 && isdigit((unsigned char)s[k]))
		k++;
	return k > f && k < n && (s[k] == '.' || s[k] == ')') && (k + 1 == n || ds_sp(s[k + 1]));
}

/* s without its first cols columns of white space. */
static void S_dedent(struct strbuf *o, const char *s, size_t n, int cols)
{
	int col = 0;
	size_t k = 0;
	while (k < n && ds_sp(s[k]) && col < cols) {
		col = s[k] == '\t' ? (col / 4 + 1) * 4 : col + 1;
		k++;
	}
	ds_spaces(o, col > cols ? col - cols : 0);
	sb_add(o, s + k, n - k);
}

/* MDX reads no indented code: a block indented four columns or more
 * inside a JSX element (after a blank line or its tag line: the Tabs
 * of Docusaurus' docs, their fenced code indented under <TabItem>) is
 * what it says, a paragraph or a fenced block. Such blocks are moved
 * left to their element's column here (a fence's lines with it), out of
 * lists, where indentation means what CommonMark says; the lines stay
 * where they are, so no line map is needed. */
static bool S_pre(struct ds_state *st, const char *md, size_t len, struct strbuf *out, void *self)
{
	(void)st;
	struct S_mdx *m = self;
	if (!m->on)
		return false;
	bool changed = false, list = false, starts = true, para = false;
	int depth = 0, tag_col = 0, cut = 0;
	char fch = 0;
	size_t flen = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(md + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - md) : len, n = e - i, f;
		const char *l = md + i;
		int ind = ds_indent(l, n, &f);
		int c = 0;
		if (fch) {
			c = cut; /* a fence moved left: all its lines */
			size_t k = f;
			while (k < n && l[k] == fch)
				k++;
			if (k - f >= flen && ds_is_blank(l + k, n - k))
				fch = 0;
			starts = !fch;
		} else if (ds_is_blank(l, n)) {
			para = false;
			starts = true;
		} else {
			bool is_tag;
			int d = S_tag_line(l + f, n - f, &is_tag);
			if (para)
				c = cut;
			else if (starts && depth > 0 && !list && ind >= 4 && !is_tag)
				c = cut = ind - (tag_col < 4 ? tag_col : 3);
			if (is_tag) {
				depth = d < 0 && depth == 0 ? 0 : depth + d;
				tag_col = ind;
				list = false;
			} else if (c == 0 && S_list_marker(l, n, f)) {
				list = true;
			} else if (c == 0 && ind == 0) {
				list = false;
			}
			size_t k = f;
			while (k < n && l[k] == l[f] && (l[k] == '`' || l[k] == '~'))
				k++;
			if (k - f >= 3 && !(l[f] == '`' && memchr(l + k, '`', n - k))) {
				fch = l[f];
				flen = k - f;
				para = false;
				cut = c;
			} else {
				para = c > 0;
			}
			starts = is_tag && !fch;
		}
		if (c > 0) {
			S_dedent(out, l, n, c);
			changed = true;
		} else {
			sb_add(out, l, n);
		}
		if (nl)
			sb_addc(out, '\n');
		i = nl ? e + 1 : len;
	}
	return changed;
}

static void S_init(struct ds_state *st, void *self)
{
	struct S_mdx *m = self;
	const char *rel = ds_post_relpath(st);
	size_t rl = rel ? strlen(rel) : 0;
	m->on = (rl >= 4 && ds_ieq(rel + rl - 4, 4, ".mdx")) || (st->ctx && st->ctx->data && st->ctx->data->mdx_md);
}

static void S_fini(void *self)
{
	struct S_mdx *m = self;
	sv_free(&m->binds);
	free(m->code_lang);
}

static bool S_block(struct ds_blk *b, const struct ds_line *L, void *self)
{
	struct S_mdx *m = self;
	if (!m->on || L->quotes)
		return false;
	const char *s = L->l + L->lf;
	size_t n = L->ln - L->lf;
	if (L->rel == 0 && !L->stripped && b->nlist == 0 && b->prev_blank && S_esm_start(b->t, b->n, L->ls))
		return S_esm(m, b, L);
	if (n && (s[0] == '<' || s[0] == '{'))
		return S_flow(m, b, L);
	return false;
}

/* ------------------------------------------------------------------ */
/* Pass 2: inline                                                       */
/* ------------------------------------------------------------------ */

static void S_run_begin(void *self)
{
	struct S_mdx *m = self;
	m->fails = 0;
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	struct S_mdx *m = self;
	if (!m->on || x->in_tag || m->fails >= S_MAX_FAILS)
		return 0;
	size_t e = S_expr_end(x->s, x->n, i);
	if (e == DS_NONE) {
		m->fails++;
		return 0;
	}
	const char *b = x->s + i + 1;
	size_t bl = e - i - 2;
	size_t h = 1;
	while (bl && b[0] == '#' && h < bl && ds_ident(b[h]))
		h++;
	if (bl > 1 && h == bl)
		return 0; /* `{#id}`: a heading id, another pass's */
	if (S_only_comments(b, bl))
		return e - i;
	char *lit = S_literal(b, bl);
	if (lit) {
		ds_md_literal(x->out, lit, strlen(lit));
		free(lit);
		return e - i;
	}
	S_warn_expr(x->st, ds_inl_line(x, i));
	ds_code_span(x->out, x->s + i, e - i);
	return e - i;
}

static size_t S_angle(struct ds_inl *x, size_t i, void *self)
{
	struct S_mdx *m = self;
	if (!m->on || x->in_tag)
		return 0;
	if (ds_at(x->s, x->n, i, "<!--")) {
		/* No HTML comments in MDX: what posts still write goes. */
		size_t e = ds_cached(&x->c[DS_C_HCOMMENT], x->s, x->n, i + 4, ds_find_lit, "-->");
		return e == DS_NONE ? 0 : e + 3 - i;
	}
	if (m->fails >= S_MAX_FAILS)
		return 0;
	struct S_tag t;
	if (!S_tag(x->s, x->n, i, &t)) {
		if (i + 1 < x->n && (S_id_start(x->s[i + 1]) || x->s[i + 1] == '>'))
			m->fails++;
		return 0;
	}
	if (!S_component(&t)) {
		if (S_raw(&t) || !(S_jsx_only(&t) || (t.self && !S_void(&t))))
			return 0;
		S_html_tag(m, &t, x->out);
		return t.end - i;
	}
	if (!t.name)
		return t.end - i;
	int line = ds_inl_line(x, i);
	if (t.close || S_is(&t, "Tabs"))
		return t.end - i;
	char *text = S_is(&t, "TabItem") ? S_prop(m, &t, "label") : NULL;
	if (S_is(&t, "TabItem") && !text)
		text = S_prop(m, &t, "value");
	bool box = S_is(&t, "Admonition") || S_is(&t, "Aside");
	if (box)
		text = S_prop(m, &t, "title");
	if (text) {
		/* A tab's or a box's title, in a line of text. */
		sb_adds(x->out, "**");
		ds_md_literal(x->out, text, strlen(text));
		sb_adds(x->out, "** ");
	} else if (!S_is(&t, "TabItem") && !box) {
		S_warn_component(x->st, line, &t);
		text = S_text_props(m, &t);
		if (text)
			ds_md_literal(x->out, text, strlen(text));
	}
	free(text);
	return t.end - i;
}

/* `\{` and `\<` are the characters themselves. */
static size_t S_backslash(struct ds_inl *x, size_t i, void *self)
{
	struct S_mdx *m = self;
	if (!m->on || i + 1 >= x->n || (x->s[i + 1] != '{' && x->s[i + 1] != '<'))
		return 0;
	sb_add(x->out, x->s + i, 2);
	return 2;
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {'<', S_angle}, {'\\', S_backslash}, {0, NULL}};

const struct dialect dialect_mdx = {
	.name = "mdx",
	.state_size = sizeof(struct S_mdx),
	.title_size = offsetof(struct S_mdx, on),
	.init = S_init,
	.fini = S_fini,
	.pre = S_pre,
	.block = S_block,
	.triggers = S_triggers,
	.run_begin = S_run_begin,
};
