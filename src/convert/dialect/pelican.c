/* pelican.c — Pelican's link syntax (pelican/contents.py _link_replacer):
 * a link's or an image's address, in Markdown (`[a]({filename}b.md)`,
 * a reference definition) or an HTML attribute (`href="{static}/x.png"`),
 * starting with {filename}, {static} or {attach} (or the legacy
 * |filename| and |static|) names a file of the site: relative to the
 * post's folder, or to PATH when it starts with `/` (which is where sheaf
 * reads a site-absolute path of a Pelican site). The prefix is dropped
 * and the path left for the book to resolve (a post → its chapter, an
 * image → its file). {tag}NAME, {category}NAME and {author}NAME name the
 * pages Pelican makes (TAG_URL, CATEGORY_URL, AUTHOR_URL with the name's
 * slug) and {index} INDEX_SAVE_AS: written as site paths, which lead to
 * the live site when its URL is known. Another {word} there is left as
 * it is, as Pelican leaves it.
 * Python-Markdown's codehilite and toc, which Pelican's MARKDOWN setting
 * turns on, change a post's text too: an indented code block's first line
 * `:::lang` or `#!lang` is not shown, and `[TOC]` is where the table of
 * contents goes (the book has its own). */
#include <stdlib.h>
#include <string.h>

#include "base/slug.h"
#include "base/url.h"
#include "base/utf8.h"
#include "convert/dialect/pelican.h"
#include "convert/dialect/scan.h"

char *pelican_ascii(const char *s)
{
	struct strbuf kept = STRBUF_INIT;
	sb_adds(&kept, "");
	size_t left = strlen(s);
	while (left) {
		if (*s == '<') {
			const char *e = strchr(s, '>');
			if (e) {
				left -= (size_t)(e + 1 - s);
				s = e + 1;
				continue;
			}
		}
		unsigned cp;
		char ascii[4];
		size_t k = slug_read(s, left, &cp, ascii);
		s += k;
		left -= k;
		if (cp >= 0x80 && utf8_is_space(cp))
			sb_addc(&kept, ' ');
		else
			sb_adds(&kept, ascii);
	}
	return sb_detach(&kept);
}

char *pelican_slugify(const char *s, bool preserve_case)
{
	/* [^\w\s-] removed, white space at the ends stripped, [-\s]+ one
	 * `-` (a hyphen at an end stays), lower case. */
	char *ascii = pelican_ascii(s);
	size_t n = 0;
	for (const char *c = ascii; *c; c++)
		if (isalnum((unsigned char)*c) || *c == '_' || *c == '-' || isspace((unsigned char)*c))
			ascii[n++] = *c;
	ascii[n] = '\0';
	const char *b = ascii, *e = ascii + n;
	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	struct strbuf out = STRBUF_INIT;
	sb_adds(&out, "");
	for (const char *c = b; c < e;) {
		if (*c == '-' || isspace((unsigned char)*c)) {
			while (c < e && (*c == '-' || isspace((unsigned char)*c)))
				c++;
			sb_addc(&out, '-');
		} else {
			sb_addc(&out, preserve_case ? *c : (char)tolower((unsigned char)*c));
			c++;
		}
	}
	free(ascii);
	return sb_detach(&out);
}

/* Whether s[i] starts a link's address: after `](` or `](<`, after `=`
 * and a quote (an HTML attribute), or after a reference definition's
 * `]:` and spaces. *end gets the character that ends the address. */
static bool S_address(const char *s, size_t i, char *end)
{
	size_t k = i;
	if (k >= 2 && s[k - 1] == '<' && s[k - 2] == '(')
		k--, *end = '>';
	else
		*end = ')';
	if (k >= 2 && s[k - 1] == '(' && s[k - 2] == ']')
		return true;
	if (k >= 1 && (s[k - 1] == '"' || s[k - 1] == '\'')) {
		*end = s[k - 1];
		size_t j = k - 1;
		while (j > 0 && ds_sp(s[j - 1]))
			j--;
		return j > 0 && s[j - 1] == '=';
	}
	size_t j = k;
	while (j > 0 && ds_sp(s[j - 1]))
		j--;
	*end = ' ';
	return j < k && j >= 2 && s[j - 1] == ':' && s[j - 2] == ']';
}

static const char *const S_files[] = {"filename", "static", "attach", NULL};

static size_t S_link(struct ds_inl *x, size_t i, void *self)
{
	(void)self;
	const char *s = x->s;
	size_t n = x->n;
	char close = s[i] == '{' ? '}' : '|', end;
	size_t k = i + 1;
	while (k < n && k - i <= 10 && ds_alnum(s[k]))
		k++;
	if (k >= n || s[k] != close || k == i + 1 || !S_address(s, i, &end))
		return 0;
	const char *what = s + i + 1;
	size_t wl = k - i - 1;
	size_t after = k + 1;
	for (const char *const *f = S_files; *f; f++)
		if (ds_eq(what, wl, *f) && (close == '}' || strcmp(*f, "attach") != 0))
			return after - i; /* the path stays, resolved as the book resolves paths */
	if (close != '}')
		return 0;
	const char *setting = ds_eq(what, wl, "tag")	     ? "TAG_URL"
			      : ds_eq(what, wl, "category") ? "CATEGORY_URL"
			      : ds_eq(what, wl, "author")   ? "AUTHOR_URL"
			      : ds_eq(what, wl, "index")    ? "INDEX_SAVE_AS"
							    : NULL;
	if (!setting)
		return 0;
	const char *cfg = x->st->ctx ? fm_str(fm_get(x->st->ctx->config, setting)) : NULL;
	if (!cfg)
		cfg = ds_eq(what, wl, "tag")	    ? "tag/{slug}.html"
		      : ds_eq(what, wl, "category") ? "category/{slug}.html"
		      : ds_eq(what, wl, "author")   ? "author/{slug}.html"
						    : "index.html";
	size_t ve = after;
	while (ve < n && s[ve] != end && s[ve] != '\n' && !((end == ')' || end == ' ') && ds_sp(s[ve])) &&
	       s[ve] != '#' && s[ve] != '?')
		ve++;
	char *raw = xstrndup(s + after, ve - after);
	char *name = url_decode(raw); /* `Rust%20Lang` as another pass wrote it */
	free(raw);
	char *slug = pelican_slugify(name, false);
	struct strbuf path = STRBUF_INIT;
	sb_addc(&path, '/');
	for (const char *c = cfg; *c; c++) {
		if (strncmp(c, "{slug}", 6) == 0) {
			sb_adds(&path, slug);
			c += 5;
		} else if (strncmp(c, "{name}", 6) == 0) {
			sb_adds(&path, name);
			c += 5;
		} else {
			sb_addc(&path, *c);
		}
	}
	ds_url(x->out, path.s, path.len);
	sb_release(&path);
	free(slug);
	free(name);
	return ve - i;
}

/* Whether the site's MARKDOWN setting turns on the Python-Markdown
 * extension ext (`toc`): in extension_configs or in extensions, by its
 * short or its full name. */
static bool S_extension(const struct fm_node *config, const char *ext)
{
	const struct fm_node *md = fm_get(config, "MARKDOWN");
	char *full = xasprintf("markdown.extensions.%s", ext);
	bool on = fm_get_path(md, "extension_configs", ext, NULL) || fm_get_path(md, "extension_configs", full, NULL);
	const struct fm_node *list = fm_get(md, "extensions");
	for (size_t i = 0; !on && list && list->kind == FM_LIST && i < list->n; i++) {
		const char *e = fm_str(list->items[i]);
		on = e && (strcmp(e, ext) == 0 || strcmp(e, full) == 0);
	}
	free(full);
	return on;
}

struct S_pel {
	bool toc, codehilite; /* the extensions the site's MARKDOWN turns on */
};

/* Pelican's default MARKDOWN (used when the setting is absent or
 * computed) has codehilite, extra and meta, not toc. */
static void S_init(struct ds_state *st, void *self)
{
	struct S_pel *pl = self;
	const struct fm_node *cfg = st->ctx ? st->ctx->config : NULL;
	bool set = fm_get(cfg, "MARKDOWN") != NULL;
	pl->toc = S_extension(cfg, "toc");
	pl->codehilite = !set || S_extension(cfg, "codehilite");
}

/* `[TOC]` alone on a line, with the toc extension: where Python-Markdown
 * puts the table of contents, which the book has already. */
static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	(void)b;
	struct S_pel *pl = self;
	const char *t = l->l + l->lf;
	size_t n = l->ln - l->lf;
	while (n && ds_wsnl(t[n - 1]))
		n--;
	return pl->toc && l->opens && ds_eq(t, n, "[TOC]");
}

/* codehilite: an indented code block whose first line is `:::lang` (or
 * `#!lang` without a path: a shebang with one stays) names its language
 * there, and the line is not shown. It is written blank, so the lines
 * keep their places and the block starts after it. */
static void S_code(void *self, struct strbuf *out, const char *s, size_t n)
{
	struct S_pel *pl = self;
	size_t k = 0;
	if (!pl->codehilite) {
		sb_add(out, s, n);
		return;
	}
	while (k < n && s[k] == ' ')
		k++;
	size_t m = k;
	if (k >= 4 && m < n && s[m] == ':') {
		while (m < n && s[m] == ':')
			m++;
		if (m - k < 3)
			m = k;
	} else if (k >= 4 && m + 1 < n && s[m] == '#' && s[m + 1] == '!') {
		m += 2;
	}
	if (m > k) {
		size_t e = m;
		while (e < n && (ds_alnum(s[e]) || strchr("_#.+-", s[e])))
			e++;
		size_t end = e;
		while (end < n && ds_sp(s[end]))
			end++;
		if (end == n || s[end] == '\n') {
			sb_add(out, s, k);
			sb_add(out, s + end, n - end);
			return;
		}
	}
	sb_add(out, s, n);
}

static const struct ds_trigger S_triggers[] = {{'{', S_link}, {'|', S_link}, {0, NULL}};

const struct dialect dialect_pelican = {
	.name = "pelican",
	.state_size = sizeof(struct S_pel),
	.init = S_init,
	.block = S_block,
	.code = S_code,
	.triggers = S_triggers,
};
