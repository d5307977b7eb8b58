/* attrs.c — attribute lists, read the way a dialect's syntax says (see
 * attrs.h). */
#include "convert/dialect/attrs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* An attribute list: `#id .class key=value key="value"`, after `{` or
 * `{:`. Strict: only those forms; lenient: bare words too (attr_list and
 * kramdown accept them). */
struct S_attrs {
	const char *id, *width, *height, *cls;
	size_t idl, wl, hl, cl;
};

static bool S_parse(const char *s, size_t n, bool lenient, struct S_attrs *a)
{
	memset(a, 0, sizeof *a);
	size_t k = 0, tokens = 0;
	if (k < n && s[k] == ':')
		k++;
	while (k < n) {
		while (k < n && ds_wsnl(s[k]))
			k++;
		if (k >= n)
			break;
		if (s[k] == '#' || s[k] == '.') {
			char c = s[k];
			size_t b = ++k;
			while (k < n && (ds_ident(s[k]) || (c == '#' && (s[k] == ':' || s[k] == '.'))))
				k++;
			if (k == b)
				return false;
			if (c == '#' && !a->id)
				a->id = s + b, a->idl = k - b;
			if (c == '.' && !a->cls)
				a->cls = s + b, a->cl = k - b;
		} else if (ds_ident(s[k]) || s[k] == ':') {
			size_t b = k;
			while (k < n && (ds_ident(s[k]) || s[k] == ':' || s[k] == '.'))
				k++;
			size_t ke = k;
			if (k < n && s[k] == '=') {
				k++;
				size_t vb, ve;
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
					while (k < n && !ds_wsnl(s[k]))
						k++;
					ve = k;
					if (ve == vb)
						return false;
				}
				if (ds_eq(s + b, ke - b, "id") && !a->id)
					a->id = s + vb, a->idl = ve - vb;
				else if (ds_eq(s + b, ke - b, "width"))
					a->width = s + vb, a->wl = ve - vb;
				else if (ds_eq(s + b, ke - b, "height"))
					a->height = s + vb, a->hl = ve - vb;
			} else if (!lenient) {
				return false;
			}
		} else {
			return false;
		}
		tokens++;
		if (k < n && !ds_wsnl(s[k]))
			return false;
	}
	return tokens > 0;
}

/* An ATX heading ending in an attribute list: `## Title {#id .class}`. */
bool attrs_heading(struct ds_blk *b, const struct ds_line *line, const struct attrs_syntax *syn)
{
	struct ds_state *st = b->st;
	const char *l = line->l;
	size_t ln = line->ln, lf = line->lf;
	int rel = line->rel;
	if (!line->opens)
		return false;
	const char *s = l + lf;
	size_t n = ln - lf, h = 0;
	while (h < n && h < 7 && s[h] == '#')
		h++;
	if (h < 1 || h > 6 || (h < n && !ds_sp(s[h])))
		return false;
	const char *txt = s + h;
	size_t tl = n - h;
	ds_trim(&txt, &tl);
	size_t e = tl;
	while (e && txt[e - 1] == '#')
		e--;
	if (e < tl && (e == 0 || ds_sp(txt[e - 1]))) {
		tl = e;
		ds_trim(&txt, &tl);
	}
	if (tl < 3 || txt[tl - 1] != '}')
		return false;
	size_t lb = tl - 1;
	while (lb > 0 && txt[lb - 1] != '{' && txt[lb - 1] != '}')
		lb--;
	if (lb == 0 || txt[lb - 1] != '{')
		return false;
	lb--;
	if (lb == 0 || (!ds_sp(txt[lb - 1]) && !syn->tight))
		return false;
	const char *in = txt + lb + 1;
	size_t il = tl - lb - 2;
	bool mk = syn->attr_list;
	if (il && in[0] == ':' && !syn->colon)
		return false;
	struct S_attrs a;
	if (!S_parse(in, il, mk || (il && in[0] == ':'), &a))
		return false;
	const char *title = txt;
	size_t ttl = lb;
	ds_trim(&title, &ttl);
	struct strbuf o = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&o, rel);
	if (a.id && a.idl) {
		sb_addf(&o, "<h%zu id=\"", h);
		ds_esc(&o, a.id, a.idl);
		sb_adds(&o, "\">");
		ds_title_html(st, &o, title, ttl, ds_line_of_text(st, b->tline));
		sb_addf(&o, "</h%zu>\n", h);
		ds_emit_sb(b, DS_GEN, &o);
		ds_blank_line(b);
	} else {
		for (size_t i = 0; i < h; i++)
			sb_addc(&o, '#');
		sb_addc(&o, ' ');
		sb_add(&o, title, ttl);
		sb_addc(&o, '\n');
		ds_emit_sb(b, DS_TEXT, &o);
	}
	b->prev_blank = true;
	return true;
}

/* A line that is only an attribute list: `{: .class}`, `{:toc}`, `{ #id }`. */
static bool S_attr_line(const char *l, size_t ln, size_t lf, const struct attrs_syntax *syn)
{
	const char *s = l + lf;
	size_t n = ln - lf;
	ds_trim(&s, &n);
	if (n < 3 || s[0] != '{' || s[n - 1] != '}' || memchr(s + 1, '{', n - 2) || memchr(s + 1, '}', n - 2))
		return false;
	if (s[1] == ':')
		return true;
	struct S_attrs a;
	return syn->attr_list && S_parse(s + 1, n - 2, false, &a);
}

static bool S_is_toc_line(const char *s, size_t n)
{
	ds_trim(&s, &n);
	if (n < 6 || !ds_at(s, n, 0, "{:") || s[n - 1] != '}')
		return false;
	const char *in = s + 2;
	size_t il = n - 3;
	ds_trim(&in, &il);
	return ds_eq(in, il, "toc");
}

bool attrs_drop_line(struct ds_blk *b, const struct ds_line *l, const struct attrs_syntax *syn)
{
	if (S_attr_line(l->l, l->ln, l->lf, syn))
		return true;
	if (l->item < 0 || l->next >= b->n)
		return false;
	const char *t = b->t;
	size_t next = l->next, n = b->n;
	const char *nl2 = memchr(t + next, '\n', n - next);
	size_t n2 = nl2 ? (size_t)(nl2 - t) + 1 : n;
	if (!S_is_toc_line(t + next, n2 - next))
		return false;
	/* `* TOC` + `{:toc}`: kramdown's place for a table of contents,
	 * which the book has already. */
	b->i = n2;
	b->tline++;
	return true;
}

/* Fenced-code attributes: ```py title="a.py" linenums="1" → a caption
 * and ```py. */
/* `![alt](src)` just written, followed by an attribute list with a size
 * or id: made an <img> element carrying them. */
static void S_img_attrs(struct ds_inl *x, const struct S_attrs *a)
{
	struct strbuf *o = x->out;
	size_t e = o->len, lo = x->barrier, k, m;
	if (e < lo + 5 || o->s[e - 1] != ')')
		return;
	int depth = 0;
	for (k = e; k-- > lo;) {
		char c = o->s[k];
		if (c == '\n' || c == '<')
			return;
		if (c == ')')
			depth++;
		else if (c == '(' && --depth == 0)
			break;
		if (k == lo)
			return;
	}
	if (k <= lo || o->s[k - 1] != ']')
		return;
	depth = 0;
	for (m = k - 1;; m--) {
		char c = o->s[m];
		if (c == '\n')
			return;
		if (c == ']')
			depth++;
		else if (c == '[' && --depth == 0)
			break;
		if (m == lo)
			return;
	}
	if (m <= lo || o->s[m - 1] != '!')
		return;
	const char *alt = o->s + m + 1;
	size_t altl = k - 1 - (m + 1);
	const char *d = o->s + k + 1;
	size_t dl = e - 1 - (k + 1);
	ds_trim(&d, &dl);
	const char *src = d;
	size_t sl = 0;
	if (dl && d[0] == '<') {
		const char *gt = memchr(d, '>', dl);
		if (!gt)
			return;
		src = d + 1;
		sl = (size_t)(gt - d) - 1;
	} else {
		while (sl < dl && !ds_wsnl(d[sl]))
			sl++;
	}
	if (!sl)
		return;
	struct strbuf h = STRBUF_INIT;
	sb_adds(&h, "<img src=\"");
	ds_esc(&h, src, sl);
	sb_adds(&h, "\" alt=\"");
	struct strbuf plain = STRBUF_INIT;
	for (size_t i = 0; i < altl; i++) {
		if (alt[i] == '\\' && i + 1 < altl && ispunct((unsigned char)alt[i + 1]))
			i++;
		else if (alt[i] == '*' || alt[i] == '`')
			continue;
		sb_addc(&plain, alt[i]);
	}
	if (plain.len)
		ds_esc(&h, plain.s, plain.len);
	sb_release(&plain);
	sb_addc(&h, '"');
	if (a->width && a->wl && strspn(a->width, "0123456789") >= a->wl) {
		sb_adds(&h, " width=\"");
		sb_add(&h, a->width, a->wl);
		sb_addc(&h, '"');
	}
	if (a->height && a->hl && strspn(a->height, "0123456789") >= a->hl) {
		sb_adds(&h, " height=\"");
		sb_add(&h, a->height, a->hl);
		sb_addc(&h, '"');
	}
	if (a->id && a->idl) {
		sb_adds(&h, " id=\"");
		ds_esc(&h, a->id, a->idl);
		sb_addc(&h, '"');
	}
	if (a->cls && a->cl) {
		sb_adds(&h, " class=\"");
		ds_esc(&h, a->cls, a->cl);
		sb_addc(&h, '"');
	}
	sb_adds(&h, " />");
	o->len = m - 1;
	sb_add(o, h.s, h.len);
	sb_release(&h);
}

/* Attribute lists: kramdown `{: …}` and `{::…}`, attr_list `{ … }` after
 * an inline element or at the end of a line. Never printed. */
size_t attrs_inline(struct ds_inl *x, size_t i, const struct attrs_syntax *syn, struct ds_cache *kd)
{
	const char *s = x->s;
	size_t n = x->n, k = i + 1;
	if (x->in_tag)
		return 0;
	while (k < n && s[k] != '}' && s[k] != '\n' && s[k] != '{')
		k++;
	if (k >= n || s[k] != '}')
		return 0;
	const char *in = s + i + 1;
	size_t il = k - i - 1, end = k + 1;
	bool colon = il && in[0] == ':';
	if (colon && !syn->colon)
		return 0;
	if (colon && il >= 2 && (in[1] == ':' || in[1] == '/')) {
		if (!syn->ext)
			return 0;
		if (ds_at(in, il, 0, "::comment")) {
			size_t cp = ds_cached(kd, s, n, end, ds_find_lit, "{:/");
			if (cp != DS_NONE) {
				const char *cb = memchr(s + cp, '}', n - cp);
				end = cb ? (size_t)(cb - s) + 1 : n;
			}
		}
		x->barrier = x->out->len;
		return end - i;
	}
	struct strbuf *o = x->out;
	char prev = o->len ? o->s[o->len - 1] : '\n';
	bool after_inline = prev == ')' || prev == ']' || prev == '*' || prev == '_' || prev == '`' || prev == '>';
	size_t j = end;
	while (j < n && (ds_sp(s[j]) || s[j] == '\r'))
		j++;
	bool at_eol = j >= n || s[j] == '\n';
	bool after_space = i > 0 && ds_sp(s[i - 1]);
	struct S_attrs a;
	if (colon) {
		if (!S_parse(in, il, true, &a))
			return 0;
	} else {
		if (!(after_inline || (after_space && at_eol)))
			return 0;
		if (!S_parse(in, il, after_inline && syn->attr_list, &a))
			return 0;
		if (!syn->attr_list) {
			/* Heading ids alone: only at the end of a heading line. */
			size_t b = i;
			while (b > 0 && s[b - 1] != '\n')
				b--;
			while (b < i && (ds_sp(s[b]) || s[b] == '>'))
				b++;
			if (!at_eol || !a.id || s[b] != '#')
				return 0;
		}
	}
	if (prev == ')' && (a.width || a.height || a.id || a.cls))
		S_img_attrs(x, &a);
	else if (after_space && at_eol && !after_inline)
		while (o->len && ds_sp(o->s[o->len - 1]))
			o->s[--o->len] = '\0';
	x->barrier = o->len;
	return end - i;
}

