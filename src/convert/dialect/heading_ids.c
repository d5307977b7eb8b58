/* heading_ids.c — `## Title {#id}`: a heading's own id, which most
 * generators' Markdown (Hugo's Goldmark, Zola's, markdown-it's attrs)
 * accept, also written right after the text (`## Title{#id}`); a list of
 * classes alone (`{.class}`) is dropped. Only a list at the end of a
 * heading line. */
#include "convert/dialect/attrs.h"

static const struct attrs_syntax S_syntax = {.colon = false, .ext = false, .attr_list = false, .tight = true};

static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	(void)self;
	return attrs_heading(b, l, &S_syntax);
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	(void)self;
	return attrs_inline(x, i, &S_syntax, NULL);
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_heading_ids = {
	.name = "heading_ids",
	.block = S_block,
	.triggers = S_triggers,
};
