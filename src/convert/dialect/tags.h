/* tags.h — the `{% tag %}` and `{{ value }}` syntax Liquid (Jekyll) and
 * Nunjucks (Eleventy) share (private to src/convert/dialect/): raw,
 * comment and highlight tags, values, and what is left out with a warning.
 * Each of the two dialects keeps a struct tags in its state and passes its
 * syntax; the hooks below take that struct as `self`. */
#ifndef SHEAF_DIALECT_TAGS_H
#define SHEAF_DIALECT_TAGS_H

#include "convert/dialect/scan.h"

struct tags_syntax {
	const char *lang; /* "Liquid", "Nunjucks": named in warnings */
	/* The value of an expression the dialect knows (malloc'd), else NULL;
	 * NULL: no value is known. */
	char *(*value)(struct ds_state *st, const char *e, size_t el);
	bool refs; /* {% post_url %} and {% link %} name other pages */
};

enum { TAGS_LCLOSE, TAGS_LOPEN, TAGS_OCLOSE, TAGS_OOPEN, TAGS_ENDRAW, TAGS_ENDCOMMENT, TAGS_ENDHL, TAGS_NCACHE };

struct tags {
	const struct tags_syntax *syn;
	/* Tags that are not the language's own are the site's shortcodes
	 * (Eleventy): their string arguments are kept as text. */
	bool shortcodes;
	bool raw;     /* pass 2: inside {% raw %} */
	bool blk_raw; /* pass 1: the current line starts inside {% raw %} */
	struct ds_cache b_endhl, b_endcomment; /* pass 1 */
	struct ds_cache c[TAGS_NCACHE];        /* pass 2, per paragraph */
};

/* Lines inside {% raw %} are text; a {% highlight %} block is code, a
 * {% comment %} block goes. */
bool tags_block(struct ds_blk *b, const struct ds_line *l, void *self);
void tags_line(void *self, const char *l, size_t ln);
/* {% tag %} and {{ value }} at x->s[i]. */
size_t tags_brace(struct ds_inl *x, size_t i, void *self);
size_t tags_hold(struct ds_inl *x, size_t i, void *self);
/* In code, raw tags go (Jekyll removes them everywhere). */
void tags_code(void *self, struct strbuf *out, const char *s, size_t n);
void tags_run_begin(void *self);
void tags_title_begin(void *self);

#endif
