/* directives.c — container directives (remark-directive, the generic
 * directives proposal) as Docusaurus admonitions and Starlight asides use
 * them:
 *
 *     :::note[A *Markdown* title]        :::tip Legacy title (Docusaurus)
 *     Content, Markdown.                 ::::info{title="Outer"}
 *     :::                                :::danger
 *                                        Nested: the outer fence is longer.
 *                                        :::
 *                                        ::::
 *
 * An opening fence is three or more colons right before a name (letters,
 * digits, `-`, `_`), then an optional [label] (the title), an optional
 * {attributes} (title="…" is the title too), and, as Docusaurus reads its
 * legacy form, text after a space (the title). A line of colons alone
 * closes the innermost open box when it has at least as many colons as
 * that box's opening (micromark-extension-directive); fewer are text. The
 * content is Markdown between the fences, not indented: the box is HTML
 * written around it, the same box MkDocs admonitions make. A box left
 * open ends with the post. Fences in code are code (the scanner finds code
 * first). Unknown names (Docusaurus leaves them to other plugins) make a
 * box titled by the label or the name, with a warning; names the site adds
 * (site_data's admonitions) are known. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/directives.h"

#define S_MAX_OPEN 32 /* boxes open at once */

struct S_dir {
	size_t fence[S_MAX_OPEN]; /* colons of each open box's opening */
	size_t n;
};

bool directives_known(const char *type, size_t tyl)
{
	/* Docusaurus' default keywords (its admonitions plugin) and
	 * Starlight's aside types (a subset). */
	static const char *const types[] = {"note",    "tip",       "info",    "warning",  "danger",
					    "caution", "important", "success", "secondary"};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (ds_eq(type, tyl, types[i]))
			return true;
	return false;
}

void directives_box_open(struct ds_state *st, struct strbuf *h, const char *type, size_t tyl, const char *title,
			 size_t tl, int line)
{
	sb_adds(h, "<div class=\"admonition");
	if (tyl) {
		sb_addc(h, ' ');
		ds_esc(h, type, tyl);
	}
	sb_adds(h, "\"><p class=\"admonition-title\">");
	if (title)
		ds_trim(&title, &tl);
	if (tl) {
		ds_title_html(st, h, title, tl, line);
	} else if (tyl) {
		/* The site's title for the name (its language's), else the name. */
		const char *const *t = st->ctx && st->ctx->data ? st->ctx->data->box_titles : NULL;
		while (t && *t && !ds_eq(type, tyl, t[0]))
			t += 2;
		char *word = t && *t ? xstrdup(t[1]) : xstrndup(type, tyl);
		word[0] = (char)toupper((unsigned char)word[0]);
		ds_esc(h, word, strlen(word));
		free(word);
	}
	sb_adds(h, "</p>\n");
}

/* The end of a balanced [label] or {attributes} opening at s[i] (past its
 * closing bracket), or DS_NONE. Backslash escapes a bracket. */
static size_t S_balanced(const char *s, size_t n, size_t i, char open, char close)
{
	int depth = 0;
	for (size_t k = i; k < n; k++) {
		if (s[k] == '\\' && k + 1 < n)
			k++;
		else if (s[k] == open)
			depth++;
		else if (s[k] == close && --depth == 0)
			return k + 1;
	}
	return DS_NONE;
}

/* The value of title="…" (or '…') in attributes a[0..al). */
static bool S_title_attr(const char *a, size_t al, const char **v, size_t *vl)
{
	for (size_t i = 0; i + 7 < al; i++) {
		if (!ds_at(a, al, i, "title=") || (i && ds_ident(a[i - 1])))
			continue;
		char q = a[i + 6];
		if (q != '"' && q != '\'')
			continue;
		const char *e = memchr(a + i + 7, q, al - i - 7);
		if (!e)
			return false;
		*v = a + i + 7;
		*vl = (size_t)(e - *v);
		return true;
	}
	return false;
}

static bool S_open(struct S_dir *d, struct ds_blk *b, const struct ds_line *L, const char *s, size_t n, size_t fence)
{
	size_t k = fence;
	if (k >= n || !isalpha((unsigned char)s[k]))
		return false;
	while (k < n && ds_ident(s[k]))
		k++;
	const char *name = s + fence, *title = NULL;
	size_t namel = k - fence, tl = 0;
	if (k < n && s[k] == '[') {
		size_t e = S_balanced(s, n, k, '[', ']');
		if (e == DS_NONE)
			return false;
		title = s + k + 1;
		tl = e - k - 2;
		k = e;
	}
	if (k < n && s[k] == '{') {
		size_t e = S_balanced(s, n, k, '{', '}');
		if (e == DS_NONE)
			return false;
		if (!title)
			S_title_attr(s + k, e - k, &title, &tl);
		k = e;
	}
	if (k < n && !ds_sp(s[k]))
		return false;
	const char *rest = s + k;
	size_t rl = n - k;
	ds_trim(&rest, &rl);
	if (rl && !title) {
		/* Docusaurus' legacy title: `:::note Title`. */
		title = rest;
		tl = rl;
	}
	if (d->n == S_MAX_OPEN)
		return false;
	struct ds_state *st = b->st;
	int line = ds_line_of_text(st, b->tline);
	bool site_name = false;
	const struct site_data *sd = st->ctx ? st->ctx->data : NULL;
	for (size_t i = 0; sd && i < sd->admonitions.n && !site_name; i++)
		site_name = ds_eq(name, namel, sd->admonitions.v[i]);
	if (!site_name && !directives_known(name, namel)) {
		char *q = ds_quote(name, namel);
		char *key = xasprintf("directive:%s", q);
		ds_warn(st, line, key, "unknown directive ':::%s': shown as a box titled by its name", q);
		free(key);
		free(q);
	}
	d->fence[d->n++] = fence;
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&h, L->rel);
	directives_box_open(st, &h, name, namel, title, tl, line);
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	b->prev_blank = true;
	return true;
}

static bool S_block(struct ds_blk *b, const struct ds_line *L, void *self)
{
	struct S_dir *d = self;
	if (!L->opens)
		return false;
	const char *s = L->l + L->lf;
	size_t n = L->ln - L->lf, fence = 0;
	while (fence < n && s[fence] == ':')
		fence++;
	if (fence < 3)
		return false;
	if (!ds_is_blank(s + fence, n - fence))
		return S_open(d, b, L, s, n, fence);
	if (!d->n || fence < d->fence[d->n - 1])
		return false;
	d->n--;
	struct strbuf h = STRBUF_INIT;
	ds_blank_line(b);
	ds_spaces(&h, L->rel);
	sb_adds(&h, "</div>\n");
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	b->prev_blank = true;
	return true;
}

/* Boxes left open close at the end of the post. */
static void S_finish(void *self, struct strbuf *out)
{
	struct S_dir *d = self;
	for (; d->n > 0; d->n--)
		sb_adds(out, "\n\n</div>\n");
}

const struct dialect dialect_directives = {
	.name = "directives",
	.state_size = sizeof(struct S_dir),
	.block = S_block,
	.finish = S_finish,
};
