/* math.c — TeX kept as TeX: `$…$` and `\(…\)` spans, `$$…$$` and `\[…\]`
 * displays (a block when alone on their lines), written so that Markdown
 * leaves them alone; the book shows them as written (or MathML where a
 * reader renders it). */
#include <ctype.h>
#include <string.h>

#include "convert/dialect/scan.h"

enum { C_DD, C_DOLLAR, C_PAREN, C_BRACK, S_NCACHE };

struct S_math {
	struct ds_cache c[S_NCACHE]; /* per paragraph */
};

/* Math: a span, or a block when alone on its lines. */
static size_t S_math_out(struct ds_inl *x, size_t b, size_t e, const char *tex, size_t tl, bool display)
{
	struct strbuf h = STRBUF_INIT;
	size_t ls, after, used;
	if (display && ds_alone(x, b, e, &ls, &after)) {
		sb_adds(&h, "<div class=\"math\">");
		ds_tex(&h, tex, tl);
		sb_adds(&h, "</div>");
		used = ds_put_block(x, b, e, h.s, h.len, false);
	} else {
		sb_adds(x->out, display ? "<span class=\"math display\">" : "<span class=\"math\">");
		ds_tex(x->out, tex, tl);
		sb_adds(x->out, "</span>");
		used = e - b;
	}
	sb_release(&h);
	return used;
}

static size_t S_find_dollar(const char *s, size_t n, size_t from, const void *arg)
{
	(void)arg;
	for (size_t k = from; k < n; k++) {
		const char *q = memchr(s + k, '$', n - k);
		if (!q)
			return DS_NONE;
		k = (size_t)(q - s);
		if (k == 0 || s[k - 1] != '\\')
			return k;
	}
	return DS_NONE;
}

static size_t S_dollar(struct ds_inl *x, size_t i, void *self)
{
	struct S_math *m = self;
	const char *s = x->s;
	size_t n = x->n;
	if (x->in_tag)
		return 0;
	if (i + 1 < n && s[i + 1] == '$') {
		size_t e = ds_cached(&m->c[C_DD], s, n, i + 2, ds_find_lit, "$$");
		if (e == DS_NONE || ds_is_blank(s + i + 2, e - i - 2)) {
			sb_adds(x->out, "$$");
			return 2;
		}
		return S_math_out(x, i, e + 2, s + i + 2, e - i - 2, true);
	}
	if (i + 1 >= n || ds_wsnl(s[i + 1]))
		return 0;
	size_t e = ds_cached(&m->c[C_DOLLAR], s, n, i + 1, S_find_dollar, NULL);
	if (e == DS_NONE || e == i + 1 || ds_wsnl(s[e - 1]) || (e + 1 < n && isdigit((unsigned char)s[e + 1])) ||
	    (e + 1 < n && s[e + 1] == '$'))
		return 0;
	return S_math_out(x, i, e + 1, s + i + 1, e - i - 1, false);
}

/* TeX rather than prose: a command, a script, a brace or an operator, or
 * a symbol or two. */
static bool S_texish(const char *s, size_t n)
{
	const char *t = s;
	size_t tl = n;
	ds_trim(&t, &tl);
	if (tl <= 2 && (ds_alnum(t[0]) || (tl == 2 && ds_alnum(t[1]))))
		return true;
	for (size_t i = 0; i < n; i++)
		if (strchr("\\^_={}+<>|", s[i]) && s[i])
			return true;
	return false;
}

static size_t S_backslash(struct ds_inl *x, size_t i, void *self)
{
	struct S_math *m = self;
	const char *s = x->s;
	size_t n = x->n;
	if (i + 1 >= n || x->in_tag)
		return 0;
	char c = s[i + 1];
	if (c != '(' && c != '[')
		return 0;
	bool disp = c == '[';
	size_t e = ds_cached(&m->c[disp ? C_BRACK : C_PAREN], s, n, i + 2, ds_find_lit, disp ? "\\]" : "\\)");
	size_t ls, after;
	/* `\[…\]` inside a line is also Markdown's escaped brackets
	 * ("\[sic\]"): math only when it reads as TeX. */
	if (e != DS_NONE && e > i + 2 && !ds_is_blank(s + i + 2, e - i - 2) &&
	    (!disp || ds_alone(x, i, e + 2, &ls, &after) || S_texish(s + i + 2, e - i - 2)))
		return S_math_out(x, i, e + 2, s + i + 2, e - i - 2, disp);
	return 0;
}

static void S_run_begin(void *self)
{
	struct S_math *m = self;
	memset(m->c, 0, sizeof m->c);
}

static const struct ds_trigger S_triggers[] = {{'$', S_dollar}, {'\\', S_backslash}, {0, NULL}};

const struct dialect dialect_math = {
	.name = "math",
	.markdown_only = true,
	.state_size = sizeof(struct S_math),
	.title_size = sizeof(struct S_math),
	.triggers = S_triggers,
	.run_begin = S_run_begin,
};
