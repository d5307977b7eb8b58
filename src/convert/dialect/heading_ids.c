/* heading_ids.c — `## Title {#id}`: a heading's own id, which most
 * generators' Markdown (Hugo's Goldmark, Zola's, markdown-it's attrs)
 * accept, also written right after the text (`## Title{#id}`); a list of
 * classes alone (`{.class}`) is dropped. Only a list at the end of a
 * heading line; a setext heading's (`Title {#id}` over `===` or `---`)
 * too, as Goldmark reads it. */
#include <string.h>

#include "convert/dialect/attrs.h"

static const struct attrs_syntax S_syntax = {.colon = false, .ext = false, .attr_list = false, .tight = true};

/* The level of the setext underline at t[i..n) (a line of `=` or `-`
 * alone, up to three spaces in), or 0; *end is where the line after it
 * starts. */
static int S_underline(const char *t, size_t i, size_t n, size_t *end)
{
	const char *nl = memchr(t + i, '\n', n - i);
	size_t e = nl ? (size_t)(nl - t) : n;
	*end = nl ? e + 1 : n;
	size_t k = i;
	while (k < e && k - i < 4 && t[k] == ' ')
		k++;
	char c = k < e ? t[k] : 0;
	if (k - i > 3 || (c != '=' && c != '-'))
		return 0;
	while (k < e && t[k] == c)
		k++;
	while (k < e && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
		k++;
	return k == e ? (c == '=' ? 1 : 2) : 0;
}

/* A one-line paragraph with an attribute list over a setext underline:
 * written as the ATX heading it is, the underline consumed. A line that
 * opens another block (a list item, a quote, a table row …) is none. */
static bool S_setext(struct ds_blk *b, const struct ds_line *l)
{
	if (!l->opens || !b->prev_blank || l->lf >= l->ln || l->next >= b->n)
		return false;
	const char *s = l->l + l->lf;
	size_t sn = l->ln - l->lf;
	if (strchr("#>-*+|<`~=", s[0]) || (sn > 1 && s[0] >= '0' && s[0] <= '9' && strpbrk(s, ".)")))
		return false;
	size_t end;
	int level = S_underline(b->t, l->next, b->n, &end);
	if (!level)
		return false;
	struct strbuf atx = STRBUF_INIT;
	for (int k = 0; k < l->rel; k++)
		sb_addc(&atx, ' ');
	sb_adds(&atx, level == 1 ? "# " : "## ");
	sb_add(&atx, s, sn);
	struct ds_line h = *l;
	h.l = atx.s;
	h.ln = atx.len;
	h.lf = (size_t)l->rel;
	bool taken = attrs_heading(b, &h, &S_syntax);
	sb_release(&atx);
	if (taken) {
		b->i = end;
		b->tline++;
	}
	return taken;
}

static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	(void)self;
	return attrs_heading(b, l, &S_syntax) || S_setext(b, l);
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	(void)self;
	return attrs_inline(x, i, &S_syntax, NULL);
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_heading_ids = {
	.name = "heading_ids",
	.markdown_only = true,
	.block = S_block,
	.triggers = S_triggers,
};
