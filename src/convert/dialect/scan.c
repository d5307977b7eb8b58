/* scan.c — the scanner every dialect pass runs over (see dialect/scan.h):
 * string helpers, line maps and warnings, the block walk, the inline walk,
 * titles, and dialect_rewrite, which runs a list of passes over a post.
 *
 * HTML made here is well-formed where it can be, and everything goes
 * through the sanitizer after cmark-gfm, so odd input can at worst give odd
 * structure, never unsafe output. Titles of boxes and headings are
 * rendered with cmark-gfm's inline parser (the document-wide parse cannot
 * reach text inside an HTML tag). */
#include "convert/dialect/scan.h"

#include <cmark-gfm.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define S_MAX_RENDERS 4000 /* titles rendered through cmark-gfm per post */
#define S_MAX_TITLE 4096   /* longer titles are escaped, not rendered */

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */








bool ds_ieq(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i]))
			return false;
	return true;
}


/* First occurrence of needle in s[from..n), or DS_NONE. */
size_t ds_find(const char *s, size_t n, size_t from, const char *needle, size_t nl)
{
	if (!nl || from >= n || n - from < nl)
		return DS_NONE;
	const char *p = s + from, *end = s + n - nl + 1;
	while (p < end) {
		const char *q = memchr(p, needle[0], (size_t)(end - p));
		if (!q)
			return DS_NONE;
		if (memcmp(q, needle, nl) == 0)
			return (size_t)(q - s);
		p = q + 1;
	}
	return DS_NONE;
}

size_t ds_find_lit(const char *s, size_t n, size_t from, const void *arg)
{
	const char *needle = arg;
	return ds_find(s, n, from, needle, strlen(needle));
}

/* Case-insensitive search of a lower-case ASCII needle. */
size_t ds_find_ci(const char *s, size_t n, size_t from, const void *arg)
{
	const char *needle = arg;
	size_t nl = strlen(needle);
	for (size_t i = from; i + nl <= n; i++) {
		if (tolower((unsigned char)s[i]) != needle[0])
			continue;
		size_t k = 1;
		while (k < nl && tolower((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == nl)
			return i;
	}
	return DS_NONE;
}

size_t ds_cached(struct ds_cache *c, const char *s, size_t n, size_t from, ds_finder f, const void *arg)
{
	if (from > n)
		return DS_NONE;
	if (c->valid && from >= c->q && (c->pos == DS_NONE || c->pos >= from))
		return c->pos;
	size_t pos = f(s, n, from, arg);
	if (!c->valid || from >= c->q) {
		c->valid = true;
		c->q = from;
		c->pos = pos;
	}
	return pos;
}

/* Columns of leading white space (tabs to the next multiple of 4);
 * *first gets the offset of the first other character. */
int ds_indent(const char *s, size_t n, size_t *first)
{
	int col = 0;
	size_t i = 0;
	while (i < n && ds_sp(s[i])) {
		col = s[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
		i++;
	}
	if (first)
		*first = i;
	return col;
}

void ds_spaces(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_addc(sb, ' ');
}

/* Text for an HTML attribute value or element content. */
void ds_esc(struct strbuf *sb, const char *s, size_t n)
{
	char *c = xstrndup(s, n);
	sb_add_xml_escaped(sb, c);
	free(c);
}

/* Text that cmark-gfm must show as it is: ASCII punctuation that could
 * start Markdown syntax is backslash-escaped. */
void ds_md_literal(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r') {
			sb_addc(sb, ' ');
			continue;
		}
		if (strchr("\\`*_[]{}<>()#+-.!|~&:$\"'=^", c) && c)
			sb_addc(sb, '\\');
		sb_addc(sb, c);
	}
}

/* A URL for a Markdown link destination: characters that would end or
 * split it are percent-encoded. */
void ds_url(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' ||
		    c == '\\' || c == '`' || c == '[' || c == ']') {
			sb_addc(sb, '%');
			sb_addc(sb, hex[c >> 4]);
			sb_addc(sb, hex[c & 15]);
		} else {
			sb_addc(sb, (char)c);
		}
	}
}

/* TeX for a math span or block: HTML-escaped, and every character
 * Markdown could act on written as a character reference, so emphasis,
 * escapes, tables and line structure leave it alone. */
void ds_tex(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r')
			continue;
		if (c == '&')
			sb_adds(sb, "&amp;");
		else if (c == '<')
			sb_adds(sb, "&lt;");
		else if (c == '>')
			sb_adds(sb, "&gt;");
		else if (c == '"')
			sb_adds(sb, "&quot;");
		else if (c == '\n' || (c && strchr("\\`*_[]!~|$#{}:@", (int)c)))
			sb_addf(sb, "&#%d;", (int)c);
		else if (c)
			sb_addc(sb, (char)c);
	}
}

/* A language name for a fence's info string. */
void ds_lang(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n && i < 40; i++)
		if (ds_alnum(s[i]) || strchr("_+#.-", s[i]))
			sb_addc(sb, s[i]);
}

/* State shared by the passes                                           */
/* ------------------------------------------------------------------ */

void ds_map_add(struct ds_linemap *m, size_t from, size_t to, bool fixed)
{
	if (m->n) {
		struct ds_anchor *a = &m->v[m->n - 1];
		if (from < a->from)
			return;
		if (!fixed && !a->fixed && a->to + (from - a->from) == to)
			return;
		if (fixed && a->fixed && a->to == to)
			return;
		if (a->from == from) {
			a->to = to;
			a->fixed = fixed;
			return;
		}
	}
	if (m->n == m->cap)
		m->v = xrealloc(m->v, (m->cap = m->cap ? m->cap * 2 : 16) * sizeof *m->v);
	m->v[m->n++] = (struct ds_anchor){from, to, fixed};
}

static size_t S_map(const struct ds_linemap *m, size_t x)
{
	if (!m->n || x < m->v[0].from)
		return x;
	size_t lo = 0, hi = m->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->v[mid].from <= x)
			lo = mid;
		else
			hi = mid;
	}
	const struct ds_anchor *a = &m->v[lo];
	if (a->fixed)
		return a->to;
	size_t to = a->to + (x - a->from);
	/* More lines written than read before the next anchor: the extra
	 * ones were made up (a box's <div> and title, its </div>) and belong
	 * to the last line read, not to lines further down. */
	if (lo + 1 < m->n && !m->v[lo + 1].fixed && m->v[lo + 1].to > a->to && to >= m->v[lo + 1].to)
		to = m->v[lo + 1].to - 1;
	return to;
}

/* Records the output lines started since the last call: out grew by what
 * the input in[0..n), which starts on pass-1 line line0, became. As many
 * new lines as input lines: one for one. Otherwise a construct made them:
 * they belong to its first line, except a line started by the output's
 * last newline, which holds what follows the construct. */
static void S_track_push(struct ds_track *t, size_t start, size_t from)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->start = xrealloc(t->start, t->cap * sizeof *t->start);
		t->from = xrealloc(t->from, t->cap * sizeof *t->from);
	}
	t->start[t->n] = start;
	t->from[t->n++] = from;
}

static void S_track(struct ds_track *t, const struct strbuf *out, size_t line0, const char *in, size_t n)
{
	if (!t->on)
		return;
	if (out->len < t->scan) {
		/* A hook took output back (attrs.c rewrites an image it wrote). */
		while (t->n > 1 && t->start[t->n - 1] > out->len)
			t->n--;
		t->scan = out->len;
	}
	if (out->len == t->scan)
		return;
	const char *s = out->s;
	size_t onl = ds_count_nl(s + t->scan, out->len - t->scan);
	if (onl) {
		size_t inl = ds_count_nl(in, n), k = 0;
		bool ends = s[out->len - 1] == '\n';
		for (const char *p = s + t->scan, *e = s + out->len; (p = memchr(p, '\n', (size_t)(e - p))); p++) {
			k++;
			S_track_push(t, (size_t)(p - s) + 1,
				     inl == onl ? line0 + k : k == onl && ends ? line0 + inl : line0);
		}
	}
	t->scan = out->len;
}

const char *ds_site_root(const struct ds_state *st)
{
	return st->ctx ? st->ctx->site_root : NULL;
}

const char *ds_post_relpath(const struct ds_state *st)
{
	return st->ctx ? st->ctx->post_relpath : NULL;
}

const char *ds_site_url(const struct ds_state *st)
{
	return st->ctx ? st->ctx->site_url : NULL;
}

const char *ds_baseurl(const struct ds_state *st)
{
	return st->ctx ? st->ctx->baseurl : NULL;
}

int ds_line_of_text(const struct ds_state *st, size_t tline)
{
	size_t l = S_map(&st->snip, tline);
	return st->first_line + (int)(l > (size_t)INT32_MAX / 2 ? 0 : l) - 1;
}

int ds_line_of_block(const struct ds_state *st, size_t oline)
{
	return ds_line_of_text(st, S_map(&st->blk, oline));
}

void ds_warn(struct ds_state *st, int line, const char *key, const char *fmt, ...)
{
	size_t idx;
	if (strmap_get(&st->warn_keys, key, &idx)) {
		st->warns[idx].count++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (st->nwarns == st->cwarns)
		st->warns = xrealloc(st->warns, (st->cwarns = st->cwarns ? st->cwarns * 2 : 8) * sizeof *st->warns);
	st->warns[st->nwarns] = (struct ds_warning){line, 1, msg};
	strmap_put(&st->warn_keys, key, st->nwarns++);
}

char *ds_quote(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;
	for (size_t i = 0; i < n && k < 60; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c < ' ' || c == 0x7F)
			continue;
		if (c == ' ' && sb.len && sb.s[sb.len - 1] == ' ')
			continue;
		sb_addc(&sb, (char)c);
		k++;
	}
	if (k >= 60)
		sb_adds(&sb, "…");
	if (!sb.s)
		sb_adds(&sb, "");
	char *q = sb_detach(&sb);
	char *clean = str_xml_chars(q); /* valid UTF-8 for the terminal */
	free(q);
	return clean;
}


/* A link label as cmark-gfm matches it: case and runs of white space
 * folded (ASCII only). */
static char *S_label(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	ds_trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		if (ds_wsnl(s[i])) {
			if (sb.len && sb.s[sb.len - 1] != ' ')
				sb_addc(&sb, ' ');
		} else {
			sb_addc(&sb, (char)tolower((unsigned char)s[i]));
		}
	}
	sb_add(&sb, "", 0);
	return sb_detach(&sb);
}

/* The post's link reference definitions (`[label]: url`), read once: a
 * title rendered on its own needs those its reference links use. */
static void S_defs_scan(struct ds_state *st)
{
	st->defs_done = true;
	const char *t = st->text;
	size_t n = st->tlen;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t next = nl ? (size_t)(nl - t) + 1 : n, f;
		const char *l = t + i;
		size_t ln = (nl ? next - 1 : n) - i;
		i = next;
		if (ds_indent(l, ln, &f) > 3 || f >= ln || l[f] != '[' || (f + 1 < ln && l[f + 1] == '^'))
			continue;
		const char *rb = memchr(l + f, ']', ln - f);
		if (!rb || (size_t)(rb - l) + 1 >= ln || rb[1] != ':' || memchr(l + f + 1, '[', (size_t)(rb - l) - f - 1))
			continue;
		char *label = S_label(l + f + 1, (size_t)(rb - l) - f - 1);
		if (*label && !strmap_get(&st->defs, label, NULL) && st->deflines.n < 100000) {
			strmap_put(&st->defs, label, st->deflines.n);
			sv_push_owned(&st->deflines, xstrndup(l + f, ln - f));
		}
		free(label);
	}
}

/* Appends the definitions of the labels in brackets in s. */
static void S_title_defs(struct ds_state *st, struct strbuf *in, const char *s, size_t n)
{
	if (!memchr(s, '[', n) || !st->text)
		return;
	if (!st->defs_done)
		S_defs_scan(st);
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '[')
			continue;
		const char *rb = memchr(s + i + 1, ']', n - i - 1);
		if (!rb)
			break;
		char *label = S_label(s + i + 1, (size_t)(rb - s) - i - 1);
		size_t k;
		if (*label && strmap_get(&st->defs, label, &k)) {
			sb_adds(in, first ? "\n\n" : "\n");
			sb_adds(in, st->deflines.v[k]);
			first = false;
		}
		free(label);
	}
}

/* A title that cmark-gfm would not make one paragraph of, or past the limits, is
 * escaped text with its emphasis markers removed. */
void ds_title_html(struct ds_state *st, struct strbuf *out, const char *s, size_t n, int line)
{
	ds_trim(&s, &n);
	if (!n)
		return;
	struct strbuf md = STRBUF_INIT;
	/* The title is read on its own: what a dialect holds open (Liquid's
	 * raw, a Hugo template) does not reach into it, nor what it opens
	 * out of it, unless the dialect says so. */
	unsigned char local[512];
	unsigned char *saved = st->title_total <= sizeof local ? local : xmalloc(st->title_total);
	size_t at = 0;
	for (size_t p = 0; p < st->npass; p++) {
		const struct dialect *d = st->pass[p].d;
		if (d->title_size) /* a pass without state has a NULL self */
			memcpy(saved + at, st->pass[p].self, d->title_size);
		at += d->title_size;
		if (d->title_begin)
			d->title_begin(st->pass[p].self);
	}
	ds_inline_text(st, s, n, &md, line);
	at = 0;
	for (size_t p = 0; p < st->npass; p++) {
		const struct dialect *d = st->pass[p].d;
		if (d->title_size)
			memcpy(st->pass[p].self, saved + at, d->title_size);
		at += d->title_size;
	}
	if (saved != local)
		free(saved);
	const char *m = md.s ? md.s : "";
	size_t ml = md.len;
	ds_trim(&m, &ml);
	bool done = false;
	if (ml && ml <= S_MAX_TITLE && st->renders < S_MAX_RENDERS) {
		st->renders++;
		struct strbuf in = STRBUF_INIT;
		size_t k = 0;
		while (k < ml && k < 10 && isdigit((unsigned char)m[k]))
			k++;
		char c0 = m[0], c1 = ml > 1 ? m[1] : ' ';
		if (k && k < ml && (m[k] == '.' || m[k] == ')')) {
			sb_add(&in, m, k);
			sb_addc(&in, '\\');
			sb_add(&in, m + k, ml - k);
		} else if (strchr("#>|=", c0) || ((c0 == '-' || c0 == '+' || c0 == '*') && (ds_sp(c1) || c1 == c0)) ||
			   ((c0 == '`' || c0 == '~') && c1 == c0)) {
			sb_addc(&in, '\\');
			sb_add(&in, m, ml);
		} else {
			sb_add(&in, m, ml);
		}
		S_title_defs(st, &in, m, ml);
		char *html = cmark_markdown_to_html(in.s, in.len, CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8);
		sb_release(&in);
		size_t hl = html ? strlen(html) : 0;
		if (hl >= 8 && memcmp(html, "<p>", 3) == 0 && memcmp(html + hl - 5, "</p>\n", 5) == 0 &&
		    ds_find(html, hl - 5, 3, "<p>", 3) == DS_NONE) {
			done = true;
			sb_add(out, html + 3, hl - 8);
		}
		free(html);
	}
	if (!done) {
		struct strbuf plain = STRBUF_INIT;
		for (size_t i = 0; i < n; i++)
			if (s[i] != '*' && s[i] != '`')
				sb_addc(&plain, s[i]);
		if (plain.len)
			ds_esc(out, plain.s, plain.len);
		sb_release(&plain);
	}
	sb_release(&md);
}

/* ------------------------------------------------------------------ */
/* Shortcode calls, embeds, references                                  */
/* ------------------------------------------------------------------ */

static char *S_argdup(const struct ds_arg *a)
{
	if (a->q != '"')
		return xstrndup(a->val, a->vl);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < a->vl; i++) {
		if (a->val[i] == '\\' && i + 1 < a->vl && (a->val[i + 1] == '"' || a->val[i + 1] == '\\'))
			i++;
		sb_addc(&sb, a->val[i]);
	}
	if (!sb.s)
		sb_adds(&sb, "");
	return sb_detach(&sb);
}

char *ds_call_arg(const struct ds_call *sc, const char *key, int pos)
{
	int k = 0;
	for (size_t i = 0; i < sc->na; i++)
		if (key && sc->a[i].key && ds_eq(sc->a[i].key, sc->a[i].kl, key))
			return S_argdup(&sc->a[i]);
	for (size_t i = 0; i < sc->na; i++)
		if (!sc->a[i].key && k++ == pos)
			return S_argdup(&sc->a[i]);
	return NULL;
}

/* Only [A-Za-z0-9_-] of an id that goes into a URL. */
static char *S_idpart(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; s && *s; s++)
		if (ds_ident(*s))
			sb_addc(&sb, *s);
	if (!sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

const struct words *ds_words(const struct ds_state *st)
{
	return words_for(st && st->ctx ? st->ctx->language : NULL);
}

void ds_embed_md_link(struct strbuf *o, const struct words *w, const char *what, const char *url)
{
	sb_addc(o, '[');
	char *label = xasprintf("%s%s%s", what, w->colon, url);
	ds_md_literal(o, label, strlen(label));
	free(label);
	sb_adds(o, "](");
	sb_adds(o, url);
	sb_addc(o, ')');
}

bool ds_embed_link(const struct ds_call *sc, const struct words *w, const char *base, size_t bl, struct strbuf *o)
{
	char *id = NULL, *user = NULL, *url = NULL;
	const char *what = NULL, *service = NULL;
	if (ds_eq(base, bl, "youtube")) {
		char *v = ds_call_arg(sc, "id", 0);
		id = S_idpart(v);
		free(v);
		if (id)
			url = xasprintf("https://www.youtube.com/watch?v=%s", id), what = w->video_on, service = "YouTube";
	} else if (ds_eq(base, bl, "vimeo")) {
		char *v = ds_call_arg(sc, "id", 0);
		id = S_idpart(v);
		free(v);
		if (id)
			url = xasprintf("https://vimeo.com/%s", id), what = w->video_on, service = "Vimeo";
	} else if (ds_eq(base, bl, "tweet") || ds_eq(base, bl, "twitter") || ds_eq(base, bl, "x")) {
		char *u = ds_call_arg(sc, "user", -1), *v = ds_call_arg(sc, "id", -1);
		if (!v) {
			char *p0 = ds_call_arg(sc, NULL, 0), *p1 = ds_call_arg(sc, NULL, 1);
			if (p1) {
				free(u);
				u = p0;
				v = p1;
			} else {
				v = p0;
			}
		}
		id = S_idpart(v);
		user = S_idpart(u);
		free(u);
		free(v);
		if (id)
			url = user ? xasprintf("https://twitter.com/%s/status/%s", user, id)
				   : xasprintf("https://twitter.com/i/status/%s", id),
			what = w->post_on, service = "X (Twitter)";
	} else if (ds_eq(base, bl, "gist")) {
		char *u = ds_call_arg(sc, "user", 0), *v = ds_call_arg(sc, "id", 1);
		user = S_idpart(u);
		id = S_idpart(v);
		free(u);
		free(v);
		if (user && id)
			url = xasprintf("https://gist.github.com/%s/%s", user, id), what = w->gist_on, service = "GitHub";
	} else if (ds_eq(base, bl, "instagram")) {
		char *v = ds_call_arg(sc, "id", 0);
		id = S_idpart(v);
		free(v);
		if (id)
			url = xasprintf("https://www.instagram.com/p/%s/", id), what = w->post_on, service = "Instagram";
	}
	if (url) {
		char *label = words_fill(what, service);
		ds_embed_md_link(o, w, label, url);
		free(label);
	}
	bool ok = url != NULL;
	free(url);
	free(id);
	free(user);
	return ok;
}
void ds_ref(struct ds_state *st, struct strbuf *o, const char *ref, size_t rl, bool root)
{
	ds_trim(&ref, &rl);
	if (rl >= 2 && (ref[0] == '"' || ref[0] == '\'') && ref[rl - 1] == ref[0]) {
		ref++;
		rl -= 2;
	}
	const char *hash = memchr(ref, '#', rl);
	size_t pl = hash ? (size_t)(hash - ref) : rl;
	char *path = xstrndup(ref, pl);
	char *res = NULL;
	if (st->ctx && st->ctx->refs && st->ctx->post_relpath && *path && !memchr(ref, '\0', pl))
		res = refs_resolve(st->ctx->refs, st->ctx->post_relpath, path);
	if (res) {
		ds_url(o, res, strlen(res));
	} else {
		if (root && pl && ref[0] != '/')
			sb_addc(o, '/');
		ds_url(o, ref, pl);
	}
	if (hash)
		ds_url(o, hash, rl - pl);
	free(res);
	free(path);
}
size_t ds_colon_name(const char *s, size_t n, size_t i)
{
	size_t k = i + 1;
	while (k < n && k - i <= 64 && (ds_alnum(s[k]) || s[k] == '_' || s[k] == '+' || s[k] == '-'))
		k++;
	if (k >= n || s[k] != ':' || k == i + 1)
		return 0;
	return k - i - 1;
}

/* ------------------------------------------------------------------ */
/* Pass 1: blocks                                                       */
/* ------------------------------------------------------------------ */

void ds_emit(struct ds_blk *b, enum ds_kind k, const char *s, size_t n)
{
	if (!n)
		return;
	if (b->nr && b->r[b->nr - 1].kind == k && b->r[b->nr - 1].end == b->o.len) {
		b->r[b->nr - 1].end += n;
	} else {
		if (b->nr == b->cr)
			b->r = xrealloc(b->r, (b->cr = b->cr ? b->cr * 2 : 64) * sizeof *b->r);
		b->r[b->nr++] = (struct ds_range){b->o.len, b->o.len + n, k};
	}
	sb_add(&b->o, s, n);
	b->ins_blank = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			b->olines++;
			b->last_blank = b->line_empty;
			b->line_empty = true;
		} else if (!ds_wsnl(s[i])) {
			b->line_empty = false;
		}
	}
}

void ds_emit_sb(struct ds_blk *b, enum ds_kind k, struct strbuf *sb)
{
	if (sb->len)
		ds_emit(b, k, sb->s, sb->len);
	sb_release(sb);
}

void ds_end_line(struct ds_blk *b)
{
	if (b->o.len && b->o.s[b->o.len - 1] != '\n')
		ds_emit(b, DS_TEXT, "\n", 1);
}

/* Ends the current output line and adds a blank line unless the last
 * one is blank; a blank source line right after it is then skipped, so
 * that line numbers drift as little as possible. */
void ds_blank_line(struct ds_blk *b)
{
	ds_end_line(b);
	if (!b->last_blank) {
		ds_emit(b, DS_TEXT, "\n", 1);
		b->ins_blank = true;
	}
}

/* A fence opening at s[f]. */
static bool S_fence_open(const char *s, size_t n, size_t f, char *ch, size_t *len, size_t *info)
{
	if (f >= n || (s[f] != '`' && s[f] != '~'))
		return false;
	size_t k = f;
	while (k < n && s[k] == s[f])
		k++;
	if (k - f < 3 || (s[f] == '`' && memchr(s + k, '`', n - k)))
		return false;
	*ch = s[f];
	*len = k - f;
	*info = k;
	return true;
}

static bool S_fence_close(const char *s, size_t n, size_t f, char ch, size_t len)
{
	size_t k = f;
	while (k < n && s[k] == ch)
		k++;
	return k - f >= len && ds_is_blank(s + k, n - k);
}

/* Blockquote markers at the start of a line; *rest: what follows them. */
static int S_quotes(const char *s, size_t n, size_t *rest)
{
	int q = 0;
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < n && s[j] == ' ' && j - i < 3)
			j++;
		if (j >= n || s[j] != '>' || q >= 100)
			break;
		q++;
		i = j + 1;
		if (i < n && s[i] == ' ')
			i++;
	}
	*rest = i;
	return q;
}

/* The content column of a list item starting at s[f] (column col), or -1. */
static int S_list_item(const char *s, size_t n, size_t f, int col)
{
	size_t k = f;
	if (k < n && (s[k] == '-' || s[k] == '*' || s[k] == '+')) {
		k++;
	} else {
		size_t d = k;
		while (k < n && k - d < 9 && isdigit((unsigned char)s[k]))
			k++;
		if (k == d || k >= n || (s[k] != '.' && s[k] != ')'))
			return -1;
		k++;
	}
	if (k < n && !ds_sp(s[k]))
		return -1;
	int w = (int)(k - f), sp = 0;
	size_t j = k;
	while (j < n && s[j] == ' ' && sp < 5)
		j++, sp++;
	if (j >= n || sp >= 5 || sp == 0)
		sp = 1;
	return col + w + sp;
}

/* Writes the current line as it is (or dedented, inside boxes). */
void ds_put(struct ds_blk *b, enum ds_kind k, const struct ds_line *l)
{
	if (l->stripped) {
		ds_emit(b, k, l->l, l->ln);
		ds_emit(b, k, "\n", 1);
	} else {
		ds_emit(b, k, l->orig, l->olen);
	}
}

/* Closes the innermost box: a fence left open in it first. */
static void S_close_box(struct ds_blk *b)
{
	struct ds_box *x = &b->box[b->nbox - 1];
	if (b->f.open && b->f.nbox >= b->nbox) {
		struct strbuf h = STRBUF_INIT;
		ds_end_line(b);
		ds_spaces(&h, b->f.indent);
		for (size_t i = 0; i < b->f.len && i < 64; i++)
			sb_addc(&h, b->f.ch);
		sb_addc(&h, '\n');
		ds_emit_sb(b, DS_CODE, &h);
		b->f.open = false;
	}
	b->icode = false;
	x->close(b, x, x->self);
	b->nlist = x->nlist;
	b->nbox--;
	b->prev_blank = true;
}

bool ds_box_push(struct ds_blk *b, int col, int rel, ds_box_close close, void *self)
{
	if (b->nbox == DS_MAX_BOXES)
		return false;
	b->box[b->nbox++] = (struct ds_box){col, rel, b->nlist, close, self};
	return true;
}

/* Writes text as code lines, each dedented by cols columns. */
void ds_code_lines(struct ds_blk *b, const char *s, size_t n, int cols)
{
	struct strbuf h = STRBUF_INIT;
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t next = nl ? (size_t)(nl - s) + 1 : n;
		size_t le = nl ? next - 1 : n;
		int col = 0;
		size_t k = i;
		while (k < le && ds_sp(s[k]) && col < cols) {
			col = s[k] == '\t' ? (col / 4 + 1) * 4 : col + 1;
			k++;
		}
		if (col > cols)
			ds_spaces(&h, col - cols);
		sb_add(&h, s + k, le - k);
		sb_addc(&h, '\n');
		i = next;
	}
	ds_emit_sb(b, DS_CODE, &h);
}

size_t ds_count_nl(const char *s, size_t n)
{
	size_t c = 0;
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		c++;
	return c;
}

void ds_tag_code_block(struct ds_blk *b, const struct ds_line *l, size_t oe, size_t cp, size_t ce,
		       const char *lang, size_t langl)
{
	const char *t = b->t;
	size_t n = b->n, le = l->end;
	int rel = l->rel;
	/* The code: from the end of the opening tag (its line's rest when not
	 * blank) to the closing tag (its line's start when not blank). */
	size_t cb = oe;
	if (ds_is_blank(t + oe, le - oe))
		cb = le < n ? le + 1 : n;
	size_t cls = cp;
	while (cls > cb && t[cls - 1] != '\n')
		cls--;
	size_t cend = ds_is_blank(t + cls, cp - cls) ? cls : cp;
	if (cend < cb)
		cend = cb;
	size_t run = 0, maxrun = 0;
	for (size_t k = cb; k < cend; k++) {
		run = t[k] == '`' ? run + 1 : 0;
		if (run > maxrun)
			maxrun = run;
	}
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&h, rel);
	for (size_t k = 0; k < (maxrun < 3 ? 3 : maxrun + 1); k++)
		sb_addc(&h, '`');
	size_t fence_at = h.len - (size_t)rel;
	sb_add(&h, lang ? lang : "", langl);
	sb_addc(&h, '\n');
	ds_emit(b, DS_CODE, h.s, h.len);
	ds_code_lines(b, t + cb, cend - cb, 4 * (int)b->nbox);
	h.len = (size_t)rel + fence_at;
	sb_addc(&h, '\n');
	ds_emit(b, DS_CODE, h.s, h.len);
	sb_release(&h);
	const char *nl2 = memchr(t + ce, '\n', n - ce);
	size_t cle = nl2 ? (size_t)(nl2 - t) : n;
	if (!ds_is_blank(t + ce, cle - ce)) {
		ds_emit(b, DS_TEXT, t + ce, cle - ce);
		ds_emit(b, DS_TEXT, "\n", 1);
	}
	b->tline += ds_count_nl(t + l->ls, cle - l->ls);
	b->i = nl2 ? cle + 1 : n;
}

void ds_drop_lines(struct ds_blk *b, const struct ds_line *l, size_t ce)
{
	const char *t = b->t;
	size_t n = b->n;
	const char *nl2 = memchr(t + ce, '\n', n - ce);
	size_t cle = nl2 ? (size_t)(nl2 - t) : n;
	if (!ds_is_blank(t + ce, cle - ce)) {
		ds_end_line(b);
		ds_emit(b, DS_TEXT, t + ce, cle - ce);
		ds_emit(b, DS_TEXT, "\n", 1);
	}
	b->tline += ds_count_nl(t + l->ls, cle - l->ls);
	b->i = nl2 ? cle + 1 : n;
}

/* The dialects that follow lines (Liquid's raw) see one. */
static void S_seen(struct ds_blk *b, const struct ds_line *l)
{
	const struct ds_state *st = b->st;
	for (size_t p = 0; p < st->npass; p++)
		if (st->pass[p].d->line)
			st->pass[p].d->line(st->pass[p].self, l->l, l->ln);
}

/* A line written as it is: the dialects that follow lines see it. */
static void S_put_seen(struct ds_blk *b, enum ds_kind k, const struct ds_line *l)
{
	ds_put(b, k, l);
	S_seen(b, l);
}

static void S_blk_run(struct ds_blk *b)
{
	struct ds_state *st = b->st;
	const char *t = b->t;
	size_t n = b->n;
	b->i = b->tline = 0;
	while (b->i < n) {
		size_t ls = b->i;
		const char *nlp = memchr(t + ls, '\n', n - ls);
		size_t next = nlp ? (size_t)(nlp - t) + 1 : n;
		size_t le = nlp ? next - 1 : n;
		if (le > ls && t[le - 1] == '\r')
			le--;
		b->tline++;
		b->i = next;
		struct ds_line L = {.orig = t + ls, .olen = next - ls, .ls = ls, .next = next, .item = -1};
		L.indent = ds_indent(t + ls, le - ls, &L.f);
		L.at = ls + L.f;
		L.end = nlp ? next - 1 : n;
		bool blank = L.f == le - ls;
		if (!blank)
			while (b->nbox && L.indent < b->box[b->nbox - 1].col)
				S_close_box(b);
		L.stripped = b->nbox > 0;
		if (L.stripped) {
			b->line.len = 0;
			L.rel = 0;
			if (!blank) {
				L.rel = L.indent - 4 * (int)b->nbox;
				if (L.rel < 0)
					L.rel = 0;
				ds_spaces(&b->line, L.rel);
				sb_add(&b->line, t + ls + L.f, le - ls - L.f);
			}
			sb_add(&b->line, "", 0);
			L.l = b->line.s ? b->line.s : "";
			L.ln = b->line.len;
			L.lf = (size_t)L.rel;
		} else {
			L.l = t + ls;
			L.ln = le - ls;
			L.lf = L.f;
			L.rel = L.indent;
		}
		const char *l = L.l;
		size_t ln = L.ln;
		int rel = L.rel;
		ds_end_line(b);
		ds_map_add(&st->blk, b->olines + 1, b->tline, false);

		if (b->f.open) {
			size_t qr = 0;
			int q = b->f.quotes ? S_quotes(l, ln, &qr) : 0;
			bool inside = blank || (b->f.quotes ? q >= b->f.quotes : rel >= b->f.base);
			if (inside) {
				size_t ff;
				int ind2 = ds_indent(l + qr, ln - qr, &ff);
				bool close = !blank && ind2 < b->f.indent + 4 &&
					     S_fence_close(l + qr, ln - qr, ff, b->f.ch, b->f.len);
				S_put_seen(b, DS_CODE, &L);
				if (close)
					b->f.open = false;
				continue;
			}
			b->f.open = false;
		}
		if (b->icode) {
			if (blank || rel >= b->icode_base + 4) {
				ds_put(b, DS_CODE, &L);
				continue;
			}
			b->icode = false;
		}
		if (blank) {
			if (!(b->ins_blank && b->last_blank))
				ds_put(b, DS_TEXT, &L);
			b->ins_blank = false;
			b->prev_blank = true;
			continue;
		}
		size_t floor = b->nbox ? b->box[b->nbox - 1].nlist : 0;
		L.item = S_list_item(l, ln, L.lf, rel);
		if (b->prev_blank || L.item >= 0)
			while (b->nlist > floor && b->list[b->nlist - 1] > rel)
				b->nlist--;
		int base = b->nlist ? b->list[b->nlist - 1] : 0;
		if (b->prev_blank && rel >= base + 4) {
			b->icode = true;
			b->icode_base = base;
			ds_put(b, DS_CODE, &L);
			continue;
		}
		if (L.item >= 0 && b->nlist < DS_MAX_LISTS && rel - base < 4)
			b->list[b->nlist++] = L.item;
		size_t qr = 0;
		L.quotes = rel - base < 4 && l[L.lf] == '>' ? S_quotes(l, ln, &qr) : 0;
		L.opens = !L.quotes && rel - base < 4;
		{
			size_t ff;
			int ind2 = ds_indent(l + qr, ln - qr, &ff);
			char ch;
			size_t flen, info;
			int q = L.quotes;
			if ((q ? ind2 < 4 : rel - base < 4) && S_fence_open(l + qr, ln - qr, ff, &ch, &flen, &info)) {
				b->f = (struct ds_fence){true, ch, flen, q ? ind2 : rel, q, q ? 0 : base, b->nbox};
				bool done = false;
				for (size_t p = 0; p < st->npass && !done; p++)
					if (st->pass[p].d->fence)
						done = st->pass[p].d->fence(b, &L, ff, flen, info, st->pass[p].self);
				if (!done)
					ds_put(b, DS_CODE, &L);
				S_seen(b, &L);
				b->prev_blank = false;
				continue;
			}
		}
		bool taken = false;
		for (size_t p = 0; p < st->npass && !taken; p++)
			if (st->pass[p].d->block)
				taken = st->pass[p].d->block(b, &L, st->pass[p].self);
		if (taken)
			continue;
		S_put_seen(b, DS_TEXT, &L);
		b->prev_blank = false;
	}
	while (b->nbox)
		S_close_box(b);
}

/* ------------------------------------------------------------------ */
/* Pass 2: inline                                                       */
/* ------------------------------------------------------------------ */

void ds_code_copy(struct ds_state *st, struct strbuf *out, const char *s, size_t n)
{
	/* Each dialect's changes in turn (in practice one dialect has any). */
	struct strbuf cur = STRBUF_INIT;
	const char *src = s;
	size_t sl = n;
	size_t last = st->npass;
	for (size_t p = 0; p < st->npass; p++)
		if (st->pass[p].d->code)
			last = p;
	for (size_t p = 0; p < st->npass; p++) {
		if (!st->pass[p].d->code)
			continue;
		struct strbuf next = STRBUF_INIT;
		st->pass[p].d->code(st->pass[p].self, p == last ? out : &next, src, sl);
		if (p == last)
			break;
		sb_release(&cur);
		cur = next;
		src = cur.s ? cur.s : "";
		sl = cur.len;
	}
	sb_release(&cur);
	if (last == st->npass)
		sb_add(out, s, n);
}

int ds_inl_line(struct ds_inl *x, size_t pos)
{
	if (x->fixed_line > 0)
		return x->fixed_line;
	if (pos > x->n)
		pos = x->n;
	while (x->lc_pos < pos) {
		const char *q = memchr(x->s + x->lc_pos, '\n', pos - x->lc_pos);
		if (!q) {
			x->lc_pos = pos;
			break;
		}
		x->lc_lines++;
		x->lc_pos = (size_t)(q - x->s) + 1;
	}
	while (x->lc_pos > pos) {
		x->lc_pos--;
		if (x->s[x->lc_pos] == '\n')
			x->lc_lines--;
	}
	return ds_line_of_block(x->st, x->oline0 + x->lc_lines);
}

/* s[b..e) stands alone on its line(s)? *ls: where that line starts,
 * *after: where the next one does. */
bool ds_alone(const struct ds_inl *x, size_t b, size_t e, size_t *ls, size_t *after)
{
	const char *s = x->s;
	size_t k = b;
	while (k > 0 && ds_sp(s[k - 1]))
		k--;
	if (k > 0 && s[k - 1] != '\n')
		return false;
	size_t j = e;
	while (j < x->n && (ds_sp(s[j]) || s[j] == '\r'))
		j++;
	if (j < x->n && s[j] != '\n')
		return false;
	*ls = k;
	*after = j < x->n ? j + 1 : x->n;
	return true;
}

/* Writes a block made in place of s[b..e): each of its lines indented
 * like the line it replaces, a blank line after it, and one before it
 * when it is a Markdown paragraph and text precedes it. A construct not
 * alone on its line is moved to lines of its own. Returns what was
 * consumed from b. */
size_t ds_put_block(struct ds_inl *x, size_t b, size_t e, const char *blk, size_t bl, bool para)
{
	struct strbuf *o = x->out;
	size_t ls, after;
	const char *ind = "";
	size_t il = 0;
	if (ds_alone(x, b, e, &ls, &after)) {
		ind = x->s + ls;
		il = b - ls;
		if (para && ls > 0) {
			sb_addc(o, '\n');
			sb_add(o, ind, il);
		}
	} else {
		after = e;
		sb_adds(o, "\n\n");
	}
	for (size_t i = 0; i < bl; i++) {
		sb_addc(o, blk[i]);
		if (blk[i] == '\n')
			sb_add(o, ind, il);
	}
	sb_adds(o, "\n\n");
	x->barrier = o->len;
	return after - b;
}

static void S_runs(struct ds_inl *x)
{
	size_t cap = 0, maxlen = 0;
	x->runs_done = true;
	for (size_t i = 0; i < x->n;) {
		const char *q = memchr(x->s + i, '`', x->n - i);
		if (!q)
			break;
		i = (size_t)(q - x->s);
		size_t b = i;
		while (i < x->n && x->s[i] == '`')
			i++;
		if (x->nruns == cap)
			x->runs = xrealloc(x->runs, (cap = cap ? cap * 2 : 16) * sizeof *x->runs);
		x->runs[x->nruns++] = (struct ds_run){b, i - b, DS_NONE};
		if (i - b > maxlen)
			maxlen = i - b;
	}
	if (!x->nruns)
		return;
	size_t *last = xmalloc((maxlen + 1) * sizeof *last);
	for (size_t k = 0; k <= maxlen; k++)
		last[k] = DS_NONE;
	for (size_t r = x->nruns; r-- > 0;) {
		x->runs[r].match = last[x->runs[r].len];
		last[x->runs[r].len] = r;
	}
	free(last);
}

/* Inline code: copied, with only ds_code_copy's changes. */
static size_t S_backtick(struct ds_inl *x, size_t i)
{
	if (!x->runs_done)
		S_runs(x);
	while (x->run_at < x->nruns && x->runs[x->run_at].pos + x->runs[x->run_at].len <= i)
		x->run_at++;
	if (x->run_at >= x->nruns)
		return 0;
	const struct ds_run *r = &x->runs[x->run_at];
	size_t re = r->pos + r->len;
	if (r->pos != i || r->match == DS_NONE) {
		sb_add(x->out, x->s + i, re - i);
		return re - i;
	}
	const struct ds_run *m = &x->runs[r->match];
	sb_add(x->out, x->s + i, r->len);
	ds_code_copy(x->st, x->out, x->s + re, m->pos - re);
	sb_add(x->out, x->s + m->pos, m->len);
	x->run_at = r->match + 1;
	return m->pos + m->len - i;
}

void ds_code_span(struct strbuf *o, const char *s, size_t n)
{
	size_t run = 0, maxrun = 0;
	for (size_t k = 0; k < n; k++) {
		run = s[k] == '`' ? run + 1 : 0;
		if (run > maxrun)
			maxrun = run;
	}
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(o, '`');
	sb_addc(o, ' ');
	for (size_t k = 0; k < n; k++)
		sb_addc(o, s[k] == '\n' || s[k] == '\r' ? ' ' : s[k]);
	sb_addc(o, ' ');
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(o, '`');
}

/* An escape that must stay one: `\\`, `\``, `\$` (the dialects asked first). */
static size_t S_backslash(struct ds_inl *x, size_t i)
{
	const char *s = x->s;
	if (i + 1 >= x->n)
		return 0;
	char c = s[i + 1];
	if (c == '\\' || c == '`' || c == '$') {
		sb_add(x->out, s + i, 2);
		return 2;
	}
	return 0;
}

/* HTML: comments, scripts and styles are copied untouched, <pre> and
 * <code> as code; inside a tag no math, emoji or attribute lists. */
static size_t S_angle(struct ds_inl *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n;
	if (ds_at(s, n, i, "<!--")) {
		size_t e = ds_cached(&x->c[DS_C_HCOMMENT], s, n, i + 4, ds_find_lit, "-->");
		if (e == DS_NONE)
			return 0;
		sb_add(x->out, s + i, e + 3 - i);
		return e + 3 - i;
	}
	if (i + 1 >= n || !(isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/'))
		return 0;
	static const struct {
		const char *open, *close;
		int cache;
		bool code;
	} raw[] = {{"script", "</script", DS_C_SCRIPT, false},
		   {"style", "</style", DS_C_STYLE, false},
		   {"pre", "</pre", DS_C_PRE, true},
		   {"code", "</code", DS_C_CODE, true}};
	for (size_t r = 0; r < sizeof raw / sizeof *raw; r++) {
		size_t l = strlen(raw[r].open);
		if (i + 1 + l >= n || !ds_ieq(s + i + 1, l, raw[r].open) ||
		    !(ds_wsnl(s[i + 1 + l]) || s[i + 1 + l] == '>'))
			continue;
		size_t e = ds_cached(&x->c[raw[r].cache], s, n, i + 1 + l, ds_find_ci, raw[r].close);
		if (e == DS_NONE)
			break;
		const char *gt = memchr(s + e, '>', n - e);
		size_t ce = gt ? (size_t)(gt - s) + 1 : n;
		if (raw[r].code) {
			const char *ot = memchr(s + i, '>', e - i);
			size_t oe = ot ? (size_t)(ot - s) + 1 : e;
			sb_add(x->out, s + i, oe - i);
			ds_code_copy(x->st, x->out, s + oe, e - oe);
			sb_add(x->out, s + e, ce - e);
		} else {
			sb_add(x->out, s + i, ce - i);
		}
		return ce - i;
	}
	x->in_tag = true;
	return 0;
}

static void S_inline_run(struct ds_inl *x)
{
	struct ds_state *st = x->st;
	for (size_t p = 0; p < st->npass; p++)
		if (st->pass[p].d->run_begin)
			st->pass[p].d->run_begin(st->pass[p].self);
	const char *s = x->s;
	size_t n = x->n, i = 0;
	x->barrier = x->out->len;
	size_t line = x->oline0; /* the pass-1 line of s[i], when tracked */
	while (i < n) {
		size_t adv = 0;
		for (size_t h = 0; h < st->nholds && !adv; h++)
			adv = st->holds[h]->d->hold(x, i, st->holds[h]->self);
		if (adv) {
			if (x->tracked && st->track.on) {
				S_track(&st->track, x->out, line, s + i, adv);
				line += ds_count_nl(s + i, adv);
			}
			i += adv;
			continue;
		}
		size_t j = i;
		while (j < n && !st->special[(unsigned char)s[j]])
			j++;
		if (j > i) {
			/* No newline ('\n' is special): no line to record. */
			sb_add(x->out, s + i, j - i);
			i = j;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		for (size_t h = st->hstart[c]; h < st->hstart[c + 1] && !adv; h++)
			adv = st->hv[h].fn(x, i, st->hv[h].self);
		if (!adv) {
			switch (c) {
			case '\\':
				adv = S_backslash(x, i);
				break;
			case '`':
				adv = S_backtick(x, i);
				break;
			case '<':
				adv = S_angle(x, i);
				break;
			case '>': /* '>' and '\n' end a tag */
			case '\n':
				x->in_tag = false;
				break;
			default:
				break;
			}
		}
		if (!adv) {
			sb_addc(x->out, s[i]);
			adv = 1;
		}
		if (x->tracked && st->track.on) {
			S_track(&st->track, x->out, line, s + i, adv);
			line += adv == 1 ? s[i] == '\n' : ds_count_nl(s + i, adv);
		}
		i += adv;
	}
	free(x->runs);
	x->runs = NULL;
}

void ds_inline_text(struct ds_state *st, const char *s, size_t n, struct strbuf *out, int line)
{
	struct ds_inl x;
	memset(&x, 0, sizeof x);
	x.st = st;
	x.s = s;
	x.n = n;
	x.out = out;
	x.fixed_line = line > 0 ? line : 1;
	S_inline_run(&x);
}

/* ------------------------------------------------------------------ */
/* The whole                                                            */
/* ------------------------------------------------------------------ */

/* The map dialect_rewrite returns: each output line through the three
 * maps to its body line. last: the pass-1 line past the last one written
 * (what the `finish` hooks wrote belongs there); md: the body. */
static void S_lines(struct ds_state *st, struct linemap *lines, const struct strbuf *out, size_t last,
		    const char *md, size_t len)
{
	struct ds_track *t = &st->track;
	S_track(t, out, last, "", 0);
	/* A hook that took output back and wrote it again with other line
	 * breaks (attrs.c, an image over lines) leaves the count off: the
	 * lines past it then keep the last one recorded. */
	size_t want = ds_count_nl(out->s, out->len) + 1;
	size_t body = ds_count_nl(md, len) + (len && md[len - 1] != '\n');
	lines->n = want;
	lines->line = xmalloc(want * sizeof *lines->line);
	for (size_t i = 0; i < want; i++) {
		size_t l = S_map(&st->snip, S_map(&st->blk, t->from[i < t->n ? i : t->n - 1]));
		if (l > body)
			l = body;
		lines->line[i] = l < 1 ? 1 : (int)l;
	}
}

/* The passes' states, and their inline handlers by character. */
static void S_passes(struct ds_state *st, const struct dialect *const *dialects)
{
	for (const struct dialect *const *d = dialects; d && *d; d++)
		st->npass++;
	st->pass = xcalloc(st->npass ? st->npass : 1, sizeof *st->pass);
	size_t nh = 0, count[256] = {0};
	for (size_t p = 0; p < st->npass; p++) {
		const struct dialect *d = dialects[p];
		st->pass[p].d = d;
		st->pass[p].self = d->state_size ? xcalloc(1, d->state_size) : NULL;
		if (d->init)
			d->init(st, st->pass[p].self);
		for (const struct ds_trigger *t = d->triggers; t && t->c; t++, nh++)
			count[(unsigned char)t->c]++;
		st->title_total += d->title_size;
		st->nholds += d->hold != NULL;
	}
	st->holds = xcalloc(st->nholds ? st->nholds : 1, sizeof *st->holds);
	for (size_t p = 0, k = 0; p < st->npass; p++)
		if (st->pass[p].d->hold)
			st->holds[k++] = &st->pass[p];
	st->hv = xcalloc(nh ? nh : 1, sizeof *st->hv);
	for (size_t c = 0; c < 256; c++)
		st->hstart[c + 1] = st->hstart[c] + count[c];
	size_t fill[256];
	memcpy(fill, st->hstart, sizeof fill);
	for (size_t p = 0; p < st->npass; p++)
		for (const struct ds_trigger *t = st->pass[p].d->triggers; t && t->c; t++)
			st->hv[fill[(unsigned char)t->c]++] = (struct ds_handler){t->fn, st->pass[p].self};
	for (size_t c = 0; c < 256; c++)
		st->special[c] = count[c] > 0;
	st->special['`'] = st->special['\\'] = st->special['<'] = st->special['>'] = st->special['\n'] = true;
}

/* A blank line, or one of blockquote markers only ("> >"): a paragraph
 * ends there either way, so inline markup does not run across it (math
 * once took "> \[a" and "> b\]" two paragraphs apart for one span,
 * swallowing the markers and the break between them). */
static bool S_blank_in_quote(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ds_wsnl(s[i]) && s[i] != '>')
			return false;
	return true;
}

bool dialect_foreign(const struct dialect *const *dialects, const struct dialect_context *ctx)
{
	for (const struct dialect *const *d = dialects; d && *d; d++)
		if ((*d)->reads && (*d)->reads(ctx))
			return true;
	return false;
}

char *dialect_rewrite(const struct dialect *const *dialects, const struct dialect_context *ctx, const char *md,
		      size_t len, size_t *out_len, struct linemap *lines, const char *file, int first_line,
		      struct diag_list *dl)
{
	if (!md)
		md = "", len = 0;
	struct ds_state st;
	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	st.file = file;
	st.first_line = first_line > 0 ? first_line : 1;
	st.dl = dl;
	/* The passes this post gets: none for Markdown only when a reader of
	 * another format takes it. */
	size_t nd = 0;
	bool foreign = dialect_foreign(dialects, ctx);
	for (const struct dialect *const *d = dialects; d && *d; d++)
		nd++;
	const struct dialect **kept = xmalloc((nd + 1) * sizeof *kept);
	size_t nk = 0;
	for (size_t k = 0; k < nd; k++)
		if (!foreign || !dialects[k]->markdown_only)
			kept[nk++] = dialects[k];
	kept[nk] = NULL;
	S_passes(&st, kept);
	free(kept);

	/* Pass 0 */
	const char *text = md;
	size_t tlen = len;
	struct strbuf pre = STRBUF_INIT;
	for (size_t p = 0; p < st.npass; p++) {
		const struct dialect *d = st.pass[p].d;
		struct strbuf next = STRBUF_INIT;
		if (d->pre && d->pre(&st, text, tlen, &next, st.pass[p].self)) {
			sb_release(&pre);
			pre = next;
			text = pre.s ? pre.s : "";
			tlen = pre.len;
		} else {
			sb_release(&next);
		}
	}

	/* Pass 1 */
	struct ds_blk b;
	memset(&b, 0, sizeof b);
	b.st = &st;
	b.t = text;
	b.n = tlen;
	st.text = text;
	st.tlen = tlen;
	b.line_empty = b.last_blank = b.prev_blank = true;
	S_blk_run(&b);

	/* Pass 2 */
	struct strbuf out = STRBUF_INIT;
	sb_add(&out, "", 0);
	sb_grow(&out, b.o.len + 64);
	size_t oline = 1;
	st.track.on = lines != NULL;
	if (lines)
		S_track_push(&st.track, 0, 1);
	for (size_t r = 0; r < b.nr; r++) {
		const char *seg = b.o.s + b.r[r].start;
		size_t sl = b.r[r].end - b.r[r].start;
		if (b.r[r].kind == DS_CODE) {
			ds_code_copy(&st, &out, seg, sl);
			S_track(&st.track, &out, oline, seg, sl);
		} else if (b.r[r].kind == DS_GEN) {
			sb_add(&out, seg, sl);
			S_track(&st.track, &out, oline, seg, sl);
		} else {
			/* Paragraph by paragraph: nothing inline crosses a blank line. */
			size_t k = 0, pb = 0, pline = oline, line = oline;
			while (k <= sl) {
				const char *nl = k < sl ? memchr(seg + k, '\n', sl - k) : NULL;
				size_t next = nl ? (size_t)(nl - seg) + 1 : sl;
				bool end = k >= sl;
				bool blank = !end && S_blank_in_quote(seg + k, next - k);
				if ((blank || end) && k > pb) {
					struct ds_inl x;
					memset(&x, 0, sizeof x);
					x.st = &st;
					x.s = seg + pb;
					x.n = k - pb;
					x.out = &out;
					x.oline0 = pline;
					x.tracked = true;
					S_inline_run(&x);
				}
				if (end)
					break;
				if (blank) {
					sb_add(&out, seg + k, next - k);
					S_track(&st.track, &out, line, seg + k, next - k);
					pb = next;
					pline = line + 1;
				}
				line++;
				k = next;
			}
		}
		oline += ds_count_nl(seg, sl);
	}
	for (size_t p = 0; p < st.npass; p++)
		if (st.pass[p].d->finish)
			st.pass[p].d->finish(st.pass[p].self, &out);
	if (lines)
		S_lines(&st, lines, &out, oline, md, len);

	for (size_t i = 0; i < st.nwarns; i++) {
		struct ds_warning *w = &st.warns[i];
		if (w->count > 1)
			diag_warning(dl, file, w->line, 0, "%s (%zu times in this post, the first here)", w->msg,
				     w->count);
		else
			diag_warning(dl, file, w->line, 0, "%s", w->msg);
		free(w->msg);
	}
	free(st.warns);
	strmap_free(&st.warn_keys);
	strmap_free(&st.defs);
	sv_free(&st.deflines);
	free(st.snip.v);
	free(st.blk.v);
	free(st.track.start);
	free(st.track.from);
	for (size_t p = 0; p < st.npass; p++) {
		if (st.pass[p].d->fini)
			st.pass[p].d->fini(st.pass[p].self);
		free(st.pass[p].self);
	}
	free(st.pass);
	free(st.hv);
	free(st.holds);
	sb_release(&pre);
	sb_release(&b.o);
	sb_release(&b.line);
	free(b.r);
	if (!out.s)
		sb_add(&out, "", 0);
	*out_len = out.len;
	char *res = sb_detach(&out);
	return res;
}
