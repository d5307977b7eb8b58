/* nunjucks.c — Eleventy's Nunjucks (and LiquidJS, which Eleventy runs
 * over Markdown by default): the tags it shares with Liquid (tags.c: raw,
 * highlight, comment, paired tags left out, what they enclose kept), the
 * site's shortcodes (their string arguments kept as text), a string
 * literal through Eleventy's `url` filter (the pathPrefix before a site
 * path) or safe/lower/upper, and {# comments #}. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/tags.h"

struct S_njk {
	struct tags t;
	struct ds_cache b_comment; /* pass 1 */
	struct ds_cache c_comment; /* pass 2, per paragraph */
};

/* `'literal' | filter | …` with the filters url, safe, lower and
 * upper; NULL for anything else. */
static char *S_value(struct ds_state *st, const char *e, size_t el)
{
	size_t bar = 0;
	char q = el ? e[0] : 0;
	if (q != '"' && q != '\'')
		return NULL;
	while (++bar < el && e[bar] != q)
		if (e[bar] == '\\')
			return NULL;
	if (bar >= el)
		return NULL;
	char *val = xstrndup(e + 1, bar - 1);
	for (size_t i = bar + 1; i < el;) {
		while (i < el && ds_wsnl(e[i]))
			i++;
		if (i >= el)
			break;
		size_t b = i + 1, k;
		if (e[i] != '|')
			goto unknown;
		while (b < el && ds_wsnl(e[b]))
			b++;
		for (k = b; k < el && ds_ident(e[k]); k++)
			;
		const char *f = e + b;
		size_t fl = k - b;
		if (ds_eq(f, fl, "url")) {
			const char *pre = ds_baseurl(st) && val[0] == '/' && val[1] != '/' ? ds_baseurl(st) : "";
			char *nv = xasprintf("%s%s", pre, val);
			free(val);
			val = nv;
		} else if (ds_eq(f, fl, "lower") || ds_eq(f, fl, "upper")) {
			for (char *c = val; *c; c++)
				*c = (char)(f[0] == 'l' ? tolower((unsigned char)*c) : toupper((unsigned char)*c));
		} else if (!ds_eq(f, fl, "safe")) {
			goto unknown;
		}
		i = k;
	}
	return val;
unknown:
	free(val);
	return NULL;
}

static const struct tags_syntax S_nunjucks = {"Nunjucks", S_value, false};

static void S_init(struct ds_state *st, void *self)
{
	(void)st;
	struct S_njk *j = self;
	j->t.syn = &S_nunjucks;
	j->t.shortcodes = true;
}

/* A {# comment #} starting a line and closing on a later one: its lines
 * go. */
static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	struct S_njk *j = self;
	if (tags_block(b, l, &j->t))
		return true;
	if (!l->opens)
		return false;
	const char *t = b->t;
	size_t n = b->n, p = l->at, le = l->end;
	if (!ds_at(t, le, p, "{#"))
		return false;
	size_t cp = ds_cached(&j->b_comment, t, n, p + 2, ds_find_lit, "#}");
	if (cp == DS_NONE || cp < le)
		return false;
	ds_drop_lines(b, l, cp + 2);
	return true;
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	struct S_njk *j = self;
	size_t a = tags_brace(x, i, &j->t);
	if (a)
		return a;
	if (i + 1 < x->n && x->s[i + 1] == '#') {
		size_t e = ds_cached(&j->c_comment, x->s, x->n, i + 2, ds_find_lit, "#}");
		if (e != DS_NONE)
			return e + 2 - i;
	}
	return 0;
}

static void S_run_begin(void *self)
{
	struct S_njk *j = self;
	tags_run_begin(&j->t);
	memset(&j->c_comment, 0, sizeof j->c_comment);
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

/* struct tags comes first in struct S_njk: the shared hooks take self. */
const struct dialect dialect_nunjucks = {
	.name = "nunjucks",
	.state_size = sizeof(struct S_njk),
	.title_size = sizeof(struct S_njk),
	.init = S_init,
	.block = S_block,
	.line = tags_line,
	.triggers = S_triggers,
	.hold = tags_hold,
	.code = tags_code,
	.run_begin = S_run_begin,
	.title_begin = tags_title_begin,
};
