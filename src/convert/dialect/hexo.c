/* hexo.c — Hexo's tag plugins (hexo lib/plugins/tag/), as Hexo renders
 * them, over the {% %} syntax Hexo shares with Nunjucks (tags.h: raw,
 * comment, and the warning for what sheaf does not run):
 *
 * - {% codeblock [caption] [lang:x] [url] [link text] %}…{% endcodeblock %}
 *   (also `code`): a fenced code block, its caption (and source link) above;
 * - {% blockquote [author[, source]] [link] [link title] %}…{% endblockquote %}
 *   (also `quote`) and {% pullquote [class] %}…{% endpullquote %}: a quote
 *   whose content stays Markdown, the attribution in its last paragraph; themes'
 *   {% note [class] %}…{% endnote %} likewise, as a box;
 * - {% img [class] path [width] [height] ['"title" "alt"'] %} (also `image`),
 *   {% asset_img … %} (also `asset_image`), {% asset_path slug %},
 *   {% asset_link slug [title] %}: the post's asset folder is the post's
 *   path without its extension;
 * - {% post_link slug [title] [escape] %} and {% post_path slug %}: links
 *   to another post, by the name Hexo gives it;
 * - {% link text url [external] [title] %} (also `a`, `anchor`) and
 *   {% iframe url %}: links.
 *
 * Arguments are split as Hexo's tag parser does (Nunjucks tokens): white
 * space separates, a quoted string is one argument without its quotes.
 * `<!-- more -->` (the excerpt mark) is an HTML comment, dropped later.
 */
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "convert/dialect/tags.h"

#define S_MAX_QUOTES 16 /* quotes open in each other */

struct S_hexo {
	struct tags tags; /* raw, comment, and tags not run; first: a title saves it (title_size) */
	char *end[S_MAX_QUOTES]; /* each open block's end (HTML) */
	size_t nquotes;
	struct ds_cache b_endcode, b_endcodeblock; /* pass 1 */
};

static const struct tags_syntax S_syntax = {"Hexo", NULL, false};

static void S_init(struct ds_state *st, void *self)
{
	(void)st;
	struct S_hexo *h = self;
	h->tags.syn = &S_syntax;
}

static void S_fini(void *self)
{
	struct S_hexo *h = self;
	for (size_t i = 0; i < h->nquotes; i++)
		free(h->end[i]);
}

/* ---- Arguments ---- */

/* Splits s[0..n) into args as Nunjucks tokens: quoted strings lose their
 * quotes (and backslash escapes), pieces not separated by white space are
 * one argument. */
static void S_args(const char *s, size_t n, struct strvec *args)
{
	struct strbuf a = STRBUF_INIT;
	bool have = false;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || ds_wsnl(s[i])) {
			if (have)
				sv_push_owned(args, sb_detach(&a));
			have = false;
			continue;
		}
		have = true;
		if (s[i] == '"' || s[i] == '\'') {
			char q = s[i++];
			for (; i < n && s[i] != q; i++) {
				if (s[i] == '\\' && i + 1 < n)
					i++;
				sb_addc(&a, s[i]);
			}
			if (!a.s)
				sb_adds(&a, "");
		} else {
			sb_addc(&a, s[i]);
		}
	}
	sb_release(&a);
}

static char *S_join(const struct strvec *v, size_t from)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = from; i < v->n; i++) {
		if (i > from)
			sb_addc(&sb, ' ');
		sb_adds(&sb, v->v[i]);
	}
	return sb_detach(&sb);
}

/* Hexo's rUrl (a scheme or www.) or a site path: what img takes as its src. */
static bool S_is_src(const char *s)
{
	if (s[0] == '/' || str_starts_with(s, "www."))
		return true;
	size_t k = 0;
	while (s[k] && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	return k >= 3 && k <= 9 && s[k] == ':';
}

static bool S_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* ---- Images ---- */

/* The folder of the post's assets, relative to the post's folder: its file
 * name without extension. */
static char *S_asset_dir(const struct ds_state *st)
{
	const char *rel = ds_post_relpath(st);
	const char *base = rel ? path_basename(rel) : "";
	const char *dot = strrchr(base, '.');
	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* img's arguments after the classes and src: [width [height]] then the
 * title and alt, each in double (or single) quotes within one argument. */
static void S_img_html(struct strbuf *o, const char *src, const struct strvec *classes, const struct strvec *args,
		       size_t from)
{
	const char *w = NULL, *hgt = NULL;
	if (from < args->n && S_digits(args->v[from])) {
		w = args->v[from++];
		if (from < args->n && S_digits(args->v[from]))
			hgt = args->v[from++];
	}
	char *meta = S_join(args, from);
	char *title = NULL, *alt = NULL;
	/* rMetaTitle, rMetaAlt: `"title" "alt"`, or the whole as a title. */
	char q = meta[0] == '\'' ? '\'' : '"';
	const char *p = meta;
	if (*p == q)
		p++;
	const char *e = strchr(p, q);
	size_t tl = e ? (size_t)(e - p) : strlen(p);
	if (tl)
		title = xstrndup(p, tl);
	if (e) {
		p = e + 1;
		while (*p == ' ')
			p++;
		char aq = *p == '\'' ? '\'' : '"';
		if (*p == aq)
			p++;
		const char *ae = strchr(p, aq);
		size_t al = ae ? (size_t)(ae - p) : strlen(p);
		if (al)
			alt = xstrndup(p, al);
	}
	sb_adds(o, "<img src=\"");
	ds_esc(o, src, strlen(src));
	sb_adds(o, "\"");
	if (classes->n) {
		char *c = S_join(classes, 0);
		sb_adds(o, " class=\"");
		ds_esc(o, c, strlen(c));
		sb_adds(o, "\"");
		free(c);
	}
	if (w)
		sb_addf(o, " width=\"%s\"", w);
	if (hgt)
		sb_addf(o, " height=\"%s\"", hgt);
	if (title) {
		sb_adds(o, " title=\"");
		ds_esc(o, title, strlen(title));
		sb_adds(o, "\"");
	}
	/* Hexo writes no alt without one; the title is then what a reader
	 * of the book is told. */
	const char *a = alt ? alt : title;
	sb_adds(o, " alt=\"");
	if (a)
		ds_esc(o, a, strlen(a));
	sb_adds(o, "\" />");
	free(title);
	free(alt);
	free(meta);
}

/* Whether the post's asset folder holds name. */
static bool S_asset_exists(const struct ds_state *st, const char *dir, const char *name)
{
	const char *root = ds_site_root(st), *rel = ds_post_relpath(st);
	if (!root || !rel || strstr(name, ".."))
		return false;
	char *post_dir = path_dirname(rel);
	char *path = xasprintf("%s/%s/%s/%s", root, post_dir, dir, name);
	bool found = path_is_file(path);
	free(path);
	free(post_dir);
	return found;
}

/* img: classes up to the src (a URL or a site path). asset_img: the
 * argument naming a file of the post's asset folder is the src, those
 * before it classes (as Hexo tries each); when none does, the first. */
static bool S_img(struct ds_state *st, struct strbuf *o, const struct strvec *args, bool asset)
{
	size_t at = args->n;
	char *dir = asset ? S_asset_dir(st) : NULL;
	for (size_t i = 0; i < args->n && at == args->n; i++)
		if (asset ? S_asset_exists(st, dir, args->v[i]) : S_is_src(args->v[i]))
			at = i;
	if (asset && at == args->n && args->n)
		at = 0;
	if (at == args->n) {
		free(dir);
		return false;
	}
	struct strvec classes = STRVEC_INIT;
	for (size_t i = 0; i < at; i++)
		sv_push(&classes, args->v[i]);
	char *src = asset ? xasprintf("%s/%s", dir, args->v[at]) : xstrdup(args->v[at]);
	S_img_html(o, src, &classes, args, at + 1);
	free(src);
	free(dir);
	sv_free(&classes);
	return true;
}

/* ---- Inline tags ---- */

/* A tag's name and arguments at s[i] ("{%"), the end of the tag in *end. */
static bool S_tag(const char *s, size_t n, size_t i, const char **name, size_t *nl, const char **args, size_t *al,
		  size_t *end)
{
	size_t k = i + 2;
	while (k < n && ds_wsnl(s[k]))
		k++;
	size_t b = k;
	while (k < n && (ds_alnum(s[k]) || s[k] == '_' || s[k] == '-'))
		k++;
	if (k == b)
		return false;
	/* The tag ends at the first `%}` outside quotes, on the same paragraph. */
	char q = 0;
	size_t e = k;
	for (; e + 1 < n; e++) {
		if (q) {
			if (s[e] == q)
				q = 0;
		} else if (s[e] == '"' || s[e] == '\'') {
			q = s[e];
		} else if (s[e] == '%' && s[e + 1] == '}') {
			break;
		} else if (s[e] == '{' && s[e + 1] == '%') {
			return false;
		}
	}
	if (e + 1 >= n)
		return false;
	*name = s + b;
	*nl = k - b;
	*args = s + k;
	*al = e - k;
	ds_trim(args, al);
	*end = e + 2;
	return true;
}

static void S_link(struct strbuf *o, const char *text, const char *href, const char *title)
{
	sb_adds(o, "<a href=\"");
	ds_esc(o, href, strlen(href));
	sb_adds(o, "\"");
	if (title && *title) {
		sb_adds(o, " title=\"");
		ds_esc(o, title, strlen(title));
		sb_adds(o, "\"");
	}
	sb_adds(o, ">");
	ds_esc(o, text, strlen(text));
	sb_adds(o, "</a>");
}

/* post_link slug [title] [escape]: the post Hexo names slug (its file
 * name read against new_post_name), through the generator's reference
 * forms; the text is the title given, else the post's. */
static void S_post_link(struct ds_state *st, struct strbuf *o, struct strvec *args, bool path_only)
{
	const char *slug = args->v[0];
	if (path_only) {
		ds_ref(st, o, slug, strlen(slug), false);
		return;
	}
	size_t last = args->n;
	if (last > 1 && (strcmp(args->v[last - 1], "true") == 0 || strcmp(args->v[last - 1], "false") == 0))
		last--;
	struct strvec t = STRVEC_INIT;
	for (size_t i = 1; i < last; i++)
		sv_push(&t, args->v[i]);
	char *title = t.n ? S_join(&t, 0) : NULL;
	sv_free(&t);
	/* Without a title the link is the post's title on the site: left
	 * empty here, the book names it from the post it reaches. */
	sb_addc(o, '[');
	if (title)
		ds_md_literal(o, title, strlen(title));
	sb_adds(o, "](");
	ds_ref(st, o, slug, strlen(slug), false);
	sb_addc(o, ')');
	free(title);
}

static size_t S_inline(struct ds_inl *x, size_t i, void *self)
{
	struct S_hexo *h = self;
	struct ds_state *st = x->st;
	const char *name, *a;
	size_t nl, al, end;
	if (x->in_tag || i + 1 >= x->n || x->s[i + 1] != '%' ||
	    !S_tag(x->s, x->n, i, &name, &nl, &a, &al, &end))
		return tags_brace(x, i, &h->tags);
	struct strvec args = STRVEC_INIT;
	S_args(a, al, &args);
	bool done = true;
	if (ds_eq(name, nl, "img") || ds_eq(name, nl, "image")) {
		done = S_img(st, x->out, &args, false);
	} else if (ds_eq(name, nl, "asset_img") || ds_eq(name, nl, "asset_image")) {
		done = args.n && S_img(st, x->out, &args, true);
	} else if ((ds_eq(name, nl, "asset_path") || ds_eq(name, nl, "asset_link")) && args.n) {
		char *dir = S_asset_dir(st);
		char *href = xasprintf("%s/%s", dir, args.v[0]);
		if (ds_eq(name, nl, "asset_path")) {
			ds_url(x->out, href, strlen(href));
		} else {
			char *t = args.n > 1 ? S_join(&args, 1) : xstrdup(args.v[0]);
			S_link(x->out, t, href, NULL);
			free(t);
		}
		free(href);
		free(dir);
	} else if ((ds_eq(name, nl, "post_link") || ds_eq(name, nl, "post_path")) && args.n) {
		S_post_link(st, x->out, &args, ds_eq(name, nl, "post_path"));
	} else if (ds_eq(name, nl, "link") || ds_eq(name, nl, "a") || ds_eq(name, nl, "anchor")) {
		/* link text… url [external] [title]: the text is every word before
		 * the URL. */
		size_t u = 0;
		while (u < args.n && !url_is_http(args.v[u]) && args.v[u][0] != '/')
			u++;
		if (u < args.n) {
			struct strvec t = STRVEC_INIT;
			for (size_t k = 0; k < u; k++)
				sv_push(&t, args.v[k]);
			char *text = t.n ? S_join(&t, 0) : xstrdup(args.v[u]);
			size_t k = u + 1;
			if (k < args.n && (strcmp(args.v[k], "true") == 0 || strcmp(args.v[k], "false") == 0))
				k++;
			char *title = k < args.n ? S_join(&args, k) : NULL;
			S_link(x->out, text, args.v[u], title);
			free(text);
			free(title);
			sv_free(&t);
		} else {
			done = false;
		}
	} else if (ds_eq(name, nl, "iframe") && args.n) {
		const struct words *w = ds_words(x->st);
		ds_embed_md_link(x->out, w, w->embedded_page, args.v[0]);
	} else {
		done = false;
	}
	sv_free(&args);
	if (!done)
		return tags_brace(x, i, &h->tags);
	return end - i;
}

/* ---- Blocks ---- */

/* The tag opening a line of b: its name, arguments and end (the rest of
 * the line must be blank when alone). */
static bool S_line_tag(const struct ds_blk *b, const struct ds_line *l, const char **name, size_t *nl,
		       const char **args, size_t *al, size_t *end)
{
	const char *s = b->t;
	size_t p = l->ls + l->f;
	const char *nlc = memchr(s + p, '\n', b->n - p);
	size_t le = nlc ? (size_t)(nlc - s) : b->n;
	return ds_at(s, le, p, "{%") && S_tag(s, le, p, name, nl, args, al, end);
}

/* Next `{% NAME %}` at or after from: a finder. */
static size_t S_find_end(const char *s, size_t n, size_t from, const void *arg)
{
	const char *want = arg;
	for (size_t p = from; (p = ds_find(s, n, p, "{%", 2)) != DS_NONE; p += 2) {
		const char *nm, *a;
		size_t nl, al, e;
		if (S_tag(s, n, p, &nm, &nl, &a, &al, &e) && ds_eq(nm, nl, want) && !al)
			return p;
	}
	return DS_NONE;
}

/* codeblock's caption: `caption url link-text`, `caption url` or
 * `caption` (rCaptionUrlTitle, rCaptionUrl, rCaption). */
static void S_caption(struct strbuf *h, const struct strvec *rest)
{
	size_t u = rest->n;
	for (size_t i = 1; i < rest->n; i++)
		if (url_is_http(rest->v[i])) {
			u = i;
			break;
		}
	struct strvec cap = STRVEC_INIT;
	for (size_t i = 0; i < u; i++)
		sv_push(&cap, rest->v[i]);
	char *c = S_join(&cap, 0);
	sv_free(&cap);
	sb_adds(h, "<p class=\"code-title\">");
	ds_esc(h, c, strlen(c));
	free(c);
	if (u < rest->n) {
		char *t = u + 1 < rest->n ? S_join(rest, u + 1) : xstrdup("link");
		sb_adds(h, " ");
		S_link(h, t, rest->v[u], NULL);
		free(t);
	}
	sb_adds(h, "</p>\n");
}

static bool S_codeblock(struct S_hexo *hx, struct ds_blk *b, const struct ds_line *l, const char *name, size_t nl,
			const char *a, size_t al, size_t oe)
{
	bool code = ds_eq(name, nl, "code");
	size_t cp = ds_cached(code ? &hx->b_endcode : &hx->b_endcodeblock, b->t, b->n, oe, S_find_end,
			      code ? "endcode" : "endcodeblock");
	if (cp == DS_NONE)
		return false;
	const char *cn, *ca;
	size_t cnl, cal, ce;
	S_tag(b->t, b->n, cp, &cn, &cnl, &ca, &cal, &ce);
	struct strvec args = STRVEC_INIT, rest = STRVEC_INIT;
	S_args(a, al, &args);
	const char *lang = NULL;
	static const char *const options[] = {"line_number:", "line_threshold:", "first_line:", "mark:",
					      "wrap:", "language_attr:", "highlight:", NULL};
	for (size_t i = 0; i < args.n; i++) {
		bool option = false;
		for (const char *const *o = options; *o; o++)
			option |= str_starts_with(args.v[i], *o);
		if (str_starts_with(args.v[i], "lang:"))
			lang = args.v[i] + 5;
		else if (!option)
			sv_push(&rest, args.v[i]);
	}
	ds_end_line(b);
	if (rest.n) {
		struct strbuf h = STRBUF_INIT;
		ds_spaces(&h, l->rel);
		S_caption(&h, &rest);
		ds_emit_sb(b, DS_GEN, &h);
		ds_blank_line(b);
	}
	struct strbuf lg = STRBUF_INIT;
	if (lang)
		ds_lang(&lg, lang, strlen(lang));
	ds_tag_code_block(b, l, oe, cp, ce, lg.s, lg.len);
	sb_release(&lg);
	sv_free(&args);
	sv_free(&rest);
	b->prev_blank = false;
	return true;
}

/* blockquote's attribution: `author, source`, `author url [title]`, or author
 * alone (rFullCiteWithTitle, rFullCite, rAuthorTitle). */
static char *S_attribution(const char *a, size_t al)
{
	struct strvec args = STRVEC_INIT;
	S_args(a, al, &args);
	char *all = S_join(&args, 0);
	struct strbuf f = STRBUF_INIT;
	size_t u = args.n;
	for (size_t i = 1; i < args.n; i++)
		if (url_is_http(args.v[i])) {
			u = i;
			break;
		}
	char *author = NULL, *source = NULL, *title = NULL;
	if (u < args.n) {
		struct strvec au = STRVEC_INIT;
		for (size_t i = 0; i < u; i++)
			sv_push(&au, args.v[i]);
		author = S_join(&au, 0);
		sv_free(&au);
		source = xstrdup(args.v[u]);
		if (u + 1 < args.n)
			title = S_join(&args, u + 1);
	} else if (strchr(all, ',')) {
		char *comma = strchr(all, ',');
		author = xstrndup(all, (size_t)(comma - all));
		const char *t = comma + 1;
		while (*t == ' ')
			t++;
		const char *c2 = strchr(t, ',');
		title = c2 ? xstrndup(t, (size_t)(c2 - t)) : xstrdup(t);
	} else if (*all) {
		author = xstrdup(all);
	}
	if (author && *author) {
		sb_adds(&f, "<strong>");
		ds_esc(&f, author, strlen(author));
		sb_adds(&f, "</strong>");
	}
	if (source) {
		/* The link's text: its title, else the URL without scheme and
		 * index page. */
		char *shown = NULL;
		if (!title) {
			struct url_parts u;
			url_split(&u, source);
			shown = xstrdup(u.authority.p); /* the address without its scheme */
			size_t n = strlen(shown);
			if (n >= 11 && strcmp(shown + n - 11, "/index.html") == 0)
				shown[n -= 11] = '\0';
			else if (n >= 10 && strcmp(shown + n - 10, "/index.htm") == 0)
				shown[n -= 10] = '\0';
			else if (n && shown[n - 1] == '/')
				shown[--n] = '\0';
		}
		sb_adds(&f, " <cite>");
		S_link(&f, title ? title : shown, source, NULL);
		sb_adds(&f, "</cite>");
		free(shown);
	} else if (title && *title) {
		sb_adds(&f, " <cite>");
		ds_esc(&f, title, strlen(title));
		sb_adds(&f, "</cite>");
	}
	free(author);
	free(source);
	free(title);
	free(all);
	sv_free(&args);
	if (!f.len) {
		sb_release(&f);
		return NULL;
	}
	return sb_detach(&f);
}

static bool S_quote_open(struct S_hexo *hx, struct ds_blk *b, const struct ds_line *l, const char *name, size_t nl,
			 const char *a, size_t al, size_t oe)
{
	if (hx->nquotes == S_MAX_QUOTES)
		return false;
	bool pull = ds_eq(name, nl, "pullquote"), note = ds_eq(name, nl, "note");
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_spaces(&h, l->rel);
	if (pull) {
		struct strvec args = STRVEC_INIT;
		S_args(a, al, &args);
		char *cls = S_join(&args, 0);
		sb_adds(&h, "<blockquote class=\"pullquote");
		if (*cls) {
			sb_addc(&h, ' ');
			ds_esc(&h, cls, strlen(cls));
		}
		sb_adds(&h, "\">\n");
		free(cls);
		sv_free(&args);
		hx->end[hx->nquotes++] = xstrdup("</blockquote>\n");
	} else if (note) {
		/* Themes' note (NexT, Butterfly, hexo.io's own): a box of the
		 * class its first argument names. */
		struct strvec args = STRVEC_INIT;
		S_args(a, al, &args);
		sb_adds(&h, "<div class=\"admonition note");
		if (args.n) {
			sb_addc(&h, ' ');
			ds_esc(&h, args.v[0], strlen(args.v[0]));
		}
		sb_adds(&h, "\">\n");
		sv_free(&args);
		hx->end[hx->nquotes++] = xstrdup("</div>\n");
	} else {
		sb_adds(&h, "<blockquote>\n");
		char *f = S_attribution(a, al);
		/* Hexo writes the attribution in a <footer>; readers' accessibility
		 * checks take a footer for the page's (a contentinfo landmark), so
		 * it is a paragraph of its own here. */
		hx->end[hx->nquotes++] = f ? xasprintf("<p class=\"attribution\">%s</p></blockquote>\n", f)
					      : xstrdup("</blockquote>\n");
		free(f);
	}
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	ds_drop_lines(b, l, oe);
	b->prev_blank = true;
	return true;
}

static bool S_quote_close(struct S_hexo *hx, struct ds_blk *b, const struct ds_line *l, size_t ce)
{
	char *footer = hx->end[--hx->nquotes];
	struct strbuf h = STRBUF_INIT;
	ds_end_line(b);
	ds_blank_line(b);
	ds_spaces(&h, l->rel);
	sb_adds(&h, footer);
	free(footer);
	ds_emit_sb(b, DS_GEN, &h);
	ds_blank_line(b);
	ds_drop_lines(b, l, ce);
	b->prev_blank = true;
	return true;
}

static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	struct S_hexo *hx = self;
	if (hx->tags.blk_raw || !l->opens)
		return tags_block(b, l, &hx->tags);
	const char *name, *a;
	size_t nl, al, end;
	if (S_line_tag(b, l, &name, &nl, &a, &al, &end)) {
		if ((ds_eq(name, nl, "codeblock") || ds_eq(name, nl, "code")) && S_codeblock(hx, b, l, name, nl, a, al, end))
			return true;
		if (ds_eq(name, nl, "blockquote") || ds_eq(name, nl, "quote") || ds_eq(name, nl, "pullquote") ||
		    ds_eq(name, nl, "note"))
			return S_quote_open(hx, b, l, name, nl, a, al, end);
		if (hx->nquotes && !al &&
		    (ds_eq(name, nl, "endblockquote") || ds_eq(name, nl, "endquote") || ds_eq(name, nl, "endpullquote") ||
		     ds_eq(name, nl, "endnote")))
			return S_quote_close(hx, b, l, end);
	}
	return tags_block(b, l, &hx->tags);
}

/* Quotes left open at the end: closed, so that the markup is whole. */
static void S_finish(void *self, struct strbuf *out)
{
	struct S_hexo *hx = self;
	while (hx->nquotes) {
		char *end = hx->end[--hx->nquotes];
		sb_addc(out, '\n');
		sb_adds(out, end);
		free(end);
	}
}

static void S_line(void *self, const char *l, size_t ln)
{
	struct S_hexo *hx = self;
	tags_line(&hx->tags, l, ln);
}

static size_t S_hold(struct ds_inl *x, size_t i, void *self)
{
	struct S_hexo *hx = self;
	return tags_hold(x, i, &hx->tags);
}

static void S_code(void *self, struct strbuf *out, const char *s, size_t n)
{
	struct S_hexo *hx = self;
	tags_code(&hx->tags, out, s, n);
}

static void S_run_begin(void *self)
{
	struct S_hexo *hx = self;
	tags_run_begin(&hx->tags);
}

static void S_title_begin(void *self)
{
	struct S_hexo *hx = self;
	tags_title_begin(&hx->tags);
}

static const struct ds_trigger S_triggers[] = {{'{', S_inline}, {0, NULL}};

const struct dialect dialect_hexo = {
	.name = "hexo",
	.state_size = sizeof(struct S_hexo),
	.title_size = sizeof(struct tags), /* the inline state, first in S_hexo */
	.init = S_init,
	.fini = S_fini,
	.block = S_block,
	.line = S_line,
	.triggers = S_triggers,
	.hold = S_hold,
	.code = S_code,
	.run_begin = S_run_begin,
	.title_begin = S_title_begin,
	.finish = S_finish,
};
