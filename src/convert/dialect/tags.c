/* tags.c — the `{% tag %}` and `{{ value }}` syntax of Liquid and
 * Nunjucks (see tags.h). */
#include "convert/dialect/tags.h"

#include <stdlib.h>
#include <string.h>

/* The name of the Liquid/Nunjucks tag at s[i] ("{%"): *after is where
 * its arguments start. */
static bool S_name(const char *s, size_t n, size_t i, const char **name, size_t *nlen, size_t *after)
{
	size_t k = i + 2;
	if (k < n && s[k] == '-')
		k++;
	while (k < n && ds_wsnl(s[k]))
		k++;
	size_t b = k;
	while (k < n && (ds_alnum(s[k]) || s[k] == '_'))
		k++;
	if (k == b)
		return false;
	*name = s + b;
	*nlen = k - b;
	*after = k;
	return true;
}

/* The end of a tag without arguments, its name ending at k; or DS_NONE. */
static size_t S_bare_end(const char *s, size_t n, size_t k)
{
	while (k < n && ds_wsnl(s[k]))
		k++;
	if (k < n && s[k] == '-')
		k++;
	return ds_at(s, n, k, "%}") ? k + 2 : DS_NONE;
}

/* Next `{% NAME %}` (no arguments) at or after from: a finder. */
static size_t S_find_end(const char *s, size_t n, size_t from, const void *arg)
{
	const char *want = arg;
	for (size_t p = from; (p = ds_find(s, n, p, "{%", 2)) != DS_NONE; p += 2) {
		const char *nm;
		size_t nl, after;
		if (S_name(s, n, p, &nm, &nl, &after) && ds_eq(nm, nl, want) &&
		    S_bare_end(s, n, after) != DS_NONE)
			return p;
	}
	return DS_NONE;
}

static size_t S_end_end(const char *s, size_t n, size_t p)
{
	const char *nm;
	size_t nl, after;
	S_name(s, n, p, &nm, &nl, &after);
	return S_bare_end(s, n, after);
}

/* Liquid's raw tags toggle *raw along a line. */
static void S_raw_scan(const char *s, size_t n, bool *raw)
{
	for (size_t p = 0; (p = ds_find(s, n, p, "{%", 2)) != DS_NONE;) {
		const char *nm;
		size_t nl, after, e;
		if (S_name(s, n, p, &nm, &nl, &after) && ds_eq(nm, nl, *raw ? "endraw" : "raw") &&
		    (e = S_bare_end(s, n, after)) != DS_NONE) {
			*raw = !*raw;
			p = e;
		} else {
			p += 2;
		}
	}
}

/* Where the closer of the construct opened at i lies (`}}`, `%}`), or
 * DS_NONE when there is none before the next opener: an unclosed construct
 * is text. */
static size_t S_closer(struct tags *t, struct ds_inl *x, size_t i, int close_cache, const char *closer,
		       int open_cache, const char *opener)
{
	size_t close = ds_cached(&t->c[close_cache], x->s, x->n, i + 2, ds_find_lit, closer);
	if (close == DS_NONE)
		return DS_NONE;
	size_t open = ds_cached(&t->c[open_cache], x->s, x->n, i + 2, ds_find_lit, opener);
	return open != DS_NONE && open < close ? DS_NONE : close;
}

/* Liquid and Nunjucks outputs: {{ site.baseurl }} and the like. */
static size_t S_lout(struct tags *t, struct ds_inl *x, size_t i)
{
	struct ds_state *st = x->st;
	const char *s = x->s;
	size_t close = S_closer(t, x, i, TAGS_OCLOSE, "}}", TAGS_OOPEN, "{{");
	if (close == DS_NONE)
		return 0;
	const char *e = s + i + 2;
	size_t el = close - i - 2;
	ds_trim(&e, &el);
	if (el && e[0] == '-') {
		e++;
		el--;
	}
	if (el && e[el - 1] == '-')
		el--;
	ds_trim(&e, &el);
	if (!el)
		return 0;
	char *v = t->syn->value ? t->syn->value(st, e, el) : NULL;
	if (v) {
		sb_adds(x->out, v);
		free(v);
	} else {
		size_t w = 0;
		while (w < el && !ds_wsnl(e[w]) && e[w] != '|')
			w++;
		char *qe = ds_quote(e, w);
		char *key = xasprintf("out:%s", qe);
		ds_warn(st, ds_inl_line(x, i), key, "%s value '{{ %s }}' is not known to sheaf: left out",
		       t->syn->lang, qe);
		free(key);
		free(qe);
	}
	return close + 2 - i;
}

/* The tags of Nunjucks and LiquidJS themselves (not a site's shortcodes),
 * their end tags aside. */
static bool S_builtin(const char *nm, size_t nl)
{
	static const char *const names[] = {"if", "unless", "case", "for", "tablerow", "cycle", "capture",
					    "increment", "decrement", "liquid", "echo", "layout", "macro",
					    "call", "filter", "block", "asyncEach", "asyncAll", "verbatim",
					    "ifAsync", "with"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (ds_eq(nm, nl, names[i]))
			return true;
	return false;
}

/* The string literals among a shortcode's arguments, as text. */
static void S_string_args(struct strbuf *out, const char *a, size_t al)
{
	bool first = true;
	for (size_t i = 0; i < al; i++) {
		char q = a[i];
		if (q != '"' && q != '\'' && q != '`')
			continue;
		size_t e = i + 1;
		while (e < al && a[e] != q)
			e += a[e] == '\\' && e + 1 < al ? 2 : 1;
		if (e >= al)
			break;
		if (e > i + 1) {
			if (!first)
				sb_addc(out, ' ');
			ds_md_literal(out, a + i + 1, e - i - 1);
			first = false;
		}
		i = e;
	}
}

/* Liquid and Nunjucks tags. */
static size_t S_ltag(struct tags *t, struct ds_inl *x, size_t i)
{
	struct ds_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n;
	size_t close = S_closer(t, x, i, TAGS_LCLOSE, "%}", TAGS_LOPEN, "{%");
	if (close == DS_NONE)
		return 0;
	const char *nm;
	size_t nl, after;
	if (!S_name(s, n, i, &nm, &nl, &after) || after > close)
		return 0;
	const char *args = s + after;
	size_t al = close - after;
	if (al && args[al - 1] == '-')
		al--;
	ds_trim(&args, &al);
	size_t end = close + 2;
	const char *lang = t->syn->lang;
	int line = ds_inl_line(x, i);
	if (ds_eq(nm, nl, "raw")) {
		t->raw = true;
	} else if (ds_eq(nm, nl, "comment")) {
		size_t cp = ds_cached(&t->c[TAGS_ENDCOMMENT], s, n, end, S_find_end, "endcomment");
		if (cp != DS_NONE)
			end = S_end_end(s, n, cp);
	} else if (ds_eq(nm, nl, "highlight")) {
		size_t cp = ds_cached(&t->c[TAGS_ENDHL], s, n, end, S_find_end, "endhighlight");
		if (cp != DS_NONE) {
			ds_code_span(x->out, s + end, cp - end);
			end = S_end_end(s, n, cp);
		} else {
			ds_warn(st, line, "ltag-highlight",
			       "'{%% highlight %%}' without its '{%% endhighlight %%}': the tag is left out");
		}
	} else if (t->syn->refs && (ds_eq(nm, nl, "post_url") || ds_eq(nm, nl, "link"))) {
		ds_ref(st, x->out, args, al, ds_eq(nm, nl, "link"));
	} else if (ds_eq(nm, nl, "include") || ds_eq(nm, nl, "include_relative") ||
		   ds_eq(nm, nl, "include_cached") || ds_eq(nm, nl, "render") || ds_eq(nm, nl, "import") ||
		   ds_eq(nm, nl, "extends") || ds_eq(nm, nl, "from")) {
		char *qa = ds_quote(args, al), *qn = ds_quote(nm, nl);
		char *key = xasprintf("include:%s %s", qn, qa);
		ds_warn(st, line, key, "'{%% %s %s %%}' is not run by sheaf: left out", qn, qa);
		free(key);
		free(qa);
		free(qn);
	} else if (!(nl > 3 && ds_at(nm, nl, 0, "end")) && !ds_eq(nm, nl, "else") && !ds_eq(nm, nl, "elsif") &&
		   !ds_eq(nm, nl, "elif") && !ds_eq(nm, nl, "elseif") && !ds_eq(nm, nl, "when") &&
		   !ds_eq(nm, nl, "assign") && !ds_eq(nm, nl, "set") && !ds_eq(nm, nl, "break") &&
		   !ds_eq(nm, nl, "continue") && !ds_eq(nm, nl, "endraw")) {
		char *qn = ds_quote(nm, nl);
		bool shortcode = t->shortcodes && !S_builtin(nm, nl);
		if (shortcode)
			S_string_args(x->out, args, al);
		char *key = xasprintf("ltag:%s", qn);
		if (shortcode)
			ds_warn(st, line, key,
				"shortcode '{%% %s %%}' is not run by sheaf: its text arguments and what it encloses are kept",
				qn);
		else
			ds_warn(st, line, key,
				"%s tag '{%% %s %%}' is not run by sheaf: the tag is left out, what it encloses is kept",
				lang, qn);
		free(key);
		free(qn);
	}
	return end - i;
}

/* Inside {% raw %}: copied as it is up to {% endraw %}. */
size_t tags_hold(struct ds_inl *x, size_t i, void *self)
{
	struct tags *t = self;
	if (!t->raw)
		return 0;
	size_t p = ds_cached(&t->c[TAGS_ENDRAW], x->s, x->n, i, S_find_end, "endraw");
	if (p == DS_NONE) {
		sb_add(x->out, x->s + i, x->n - i);
		return x->n - i;
	}
	sb_add(x->out, x->s + i, p - i);
	t->raw = false;
	x->barrier = x->out->len;
	return S_end_end(x->s, x->n, p) - i;
}

size_t tags_brace(struct ds_inl *x, size_t i, void *self)
{
	char c1 = i + 1 < x->n ? x->s[i + 1] : 0;
	size_t a;
	if (c1 == '%' && (a = S_ltag(self, x, i)))
		return a;
	if (c1 == '{' && (a = S_lout(self, x, i)))
		return a;
	return 0;
}

void tags_code(void *self, struct strbuf *out, const char *s, size_t n)
{
	struct tags *t = self;
	size_t i = 0;
	while (i < n) {
		const char *q = memchr(s + i, '{', n - i);
		size_t j = q ? (size_t)(q - s) : n;
		sb_add(out, s + i, j - i);
		if (j >= n)
			break;
		i = j;
		const char *nm;
		size_t nl, after, e;
		if (ds_at(s, n, i, "{%") && S_name(s, n, i, &nm, &nl, &after) &&
		    ds_eq(nm, nl, t->raw ? "endraw" : "raw") && (e = S_bare_end(s, n, after)) != DS_NONE) {
			t->raw = !t->raw;
			i = e;
			continue;
		}
		sb_addc(out, s[i++]);
	}
}

void tags_line(void *self, const char *l, size_t ln)
{
	struct tags *t = self;
	S_raw_scan(l, ln, &t->blk_raw);
}

void tags_run_begin(void *self)
{
	struct tags *t = self;
	memset(t->c, 0, sizeof t->c);
}

void tags_title_begin(void *self)
{
	struct tags *t = self;
	t->raw = false;
}

/* `{% highlight lang %}…{% endhighlight %}` starting a line: a fenced
 * code block. */
static bool S_highlight_block(struct tags *t, struct ds_blk *b, const struct ds_line *l)
{
	const char *s = b->t;
	size_t n = b->n, p = l->at, le = l->end;
	const char *nm;
	size_t nlen, after;
	if (!ds_at(s, le, p, "{%") || !S_name(s, le, p, &nm, &nlen, &after) || !ds_eq(nm, nlen, "highlight"))
		return false;
	size_t close = ds_find(s, le, after, "%}", 2);
	if (close == DS_NONE)
		return false;
	size_t oe = close + 2;
	const char *a = s + after;
	size_t al = close - after;
	ds_trim(&a, &al);
	size_t w = 0;
	while (w < al && !ds_sp(a[w]))
		w++;
	size_t cp = ds_cached(&t->b_endhl, s, n, oe, S_find_end, "endhighlight");
	if (cp == DS_NONE)
		return false;
	struct strbuf lang = STRBUF_INIT;
	ds_lang(&lang, a, w);
	ds_tag_code_block(b, l, oe, cp, S_end_end(s, n, cp), lang.s, lang.len);
	sb_release(&lang);
	return true;
}

/* `{% comment %}` starting a line and closing on a later one: its lines
 * go, as the generator drops them before Markdown sees them. */
static bool S_comment_block(struct tags *t, struct ds_blk *b, const struct ds_line *l)
{
	const char *s = b->t;
	size_t n = b->n, p = l->at, le = l->end;
	const char *nm;
	size_t nlen, after;
	if (!ds_at(s, le, p, "{%") || !S_name(s, le, p, &nm, &nlen, &after) || !ds_eq(nm, nlen, "comment") ||
	    S_bare_end(s, le, after) == DS_NONE)
		return false;
	size_t cp = ds_cached(&t->b_endcomment, s, n, after, S_find_end, "endcomment");
	if (cp == DS_NONE || cp < le)
		return false;
	ds_drop_lines(b, l, S_end_end(s, n, cp));
	return true;
}

bool tags_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	struct tags *t = self;
	if (t->blk_raw) {
		ds_put(b, DS_TEXT, l);
		S_raw_scan(l->l, l->ln, &t->blk_raw);
		b->prev_blank = false;
		return true;
	}
	if (!l->opens)
		return false;
	if (S_highlight_block(t, b, l)) {
		b->prev_blank = false;
		return true;
	}
	return S_comment_block(t, b, l);
}
