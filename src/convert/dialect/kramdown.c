/* kramdown.c — Jekyll's Markdown, kramdown: attribute lists `{: .class}`
 * after a block or an element, `{#id}` on headings, extensions
 * `{::comment}…{:/comment}` (dropped) and `{:toc}` (the book has its own
 * table of contents). */
#include <string.h>

#include "convert/dialect/attrs.h"

struct S_kd {
	struct ds_cache b_comment; /* pass 1 */
	struct ds_cache c_comment; /* pass 2, per paragraph */
};

static const struct attrs_syntax S_syntax = {.colon = true, .ext = true, .attr_list = false};

/* `{::comment}` starting a line and closing on a later one: its lines go. */
static bool S_comment_block(struct S_kd *k, struct ds_blk *b, const struct ds_line *l)
{
	const char *t = b->t;
	size_t n = b->n, p = l->at, le = l->end;
	if (!ds_at(t, le, p, "{::comment}"))
		return false;
	size_t cp = ds_cached(&k->b_comment, t, n, p + 11, ds_find_lit, "{:/");
	if (cp == DS_NONE || cp < le)
		return false;
	const char *cb = memchr(t + cp, '}', n - cp);
	ds_drop_lines(b, l, cb ? (size_t)(cb - t) + 1 : n);
	return true;
}

static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	if (l->opens && S_comment_block(self, b, l))
		return true;
	return attrs_heading(b, l, &S_syntax) || attrs_drop_line(b, l, &S_syntax);
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	struct S_kd *k = self;
	return attrs_inline(x, i, &S_syntax, &k->c_comment);
}

static void S_run_begin(void *self)
{
	struct S_kd *k = self;
	memset(&k->c_comment, 0, sizeof k->c_comment);
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_kramdown = {
	.name = "kramdown",
	.state_size = sizeof(struct S_kd),
	.title_size = sizeof(struct S_kd),
	.block = S_block,
	.triggers = S_triggers,
	.run_begin = S_run_begin,
};
