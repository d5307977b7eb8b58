/* hugo.c — Hugo's shortcodes, `{{< name args >}}` and `{{% name args %}}`,
 * by a table of the names sheaf knows (S_shortcodes): callouts (notice,
 * alert, admonition… as admonition boxes), figure and themes' image
 * shortcodes, ref and relref (links to other pages), highlight (code),
 * param (the page's or the site's parameter), and embeds (youtube, vimeo, tweet, gist, instagram:
 * links). Others are left out with a warning, what they enclose kept.
 * Escaped shortcodes (the call between comment marks) show as written,
 * in code too;
 * inline shortcodes (`NAME.inline`) are templates whose actions go. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/scan.h"
#include "convert/dialect/tmpl.h"

enum { C_HESC_A, C_HESC_P, C_HL, C_GO, S_NCACHE };
#define S_LINKS_MAX 4
#define S_HREF_MAX 512

struct S_hugo {
	int tmpl;                    /* inside inline shortcodes (templates) */
	int callouts;                /* callout <div>s left open */
	struct ds_cache b_hl;        /* pass 1 */
	struct ds_cache c[S_NCACHE]; /* pass 2, per paragraph */
	/* Site shortcodes that link their enclosed text, open: the name and
	 * the URL their closing tag writes. */
	struct {
		char name[64];
		char href[S_HREF_MAX];
	} links[S_LINKS_MAX];
	int nlinks;
	/* Not saved around a title (title_size ends here): what the post
	 * loads once. */
	struct tmpl_cache uses;  /* what each site template shows */
};

/* The end of the Hugo closing shortcode `{{< /NAME >}}` at p, or DS_NONE. */
static size_t S_hugo_close_end(const char *s, size_t n, size_t p, const char *name)
{
	if (!ds_at(s, n, p, "{{<") && !ds_at(s, n, p, "{{%"))
		return DS_NONE;
	const char *close = s[p + 2] == '<' ? ">}}" : "%}}";
	size_t k = p + 3;
	while (k < n && ds_wsnl(s[k]))
		k++;
	if (k >= n || s[k] != '/')
		return DS_NONE;
	k++;
	while (k < n && ds_wsnl(s[k]))
		k++;
	if (!ds_at(s, n, k, name))
		return DS_NONE;
	k += strlen(name);
	while (k < n && ds_wsnl(s[k]))
		k++;
	return ds_at(s, n, k, close) ? k + 3 : DS_NONE;
}

static size_t S_find_hugo_close(const char *s, size_t n, size_t from, const void *arg)
{
	for (size_t p = from; (p = ds_find(s, n, p, "{{", 2)) != DS_NONE; p += 2)
		if (S_hugo_close_end(s, n, p, arg) != DS_NONE)
			return p;
	return DS_NONE;
}

/* Parses the shortcode at s[i]. Scanning never goes past the next "{{",
 * so trying every opener of a post stays linear. */
static bool S_parse(const char *s, size_t n, size_t i, struct ds_call *sc)
{
	sc->na = 0;
	sc->closing = sc->selfclose = false;
	if (!ds_at(s, n, i, "{{") || i + 2 >= n || (s[i + 2] != '<' && s[i + 2] != '%'))
		return false;
	char kind = s[i + 2];
	const char *close = kind == '<' ? ">}}" : "%}}";
	size_t k = i + 3;
	while (k < n && ds_wsnl(s[k]))
		k++;
	if (k < n && s[k] == '/') {
		sc->closing = true;
		k++;
		while (k < n && ds_wsnl(s[k]))
			k++;
	}
	size_t nb = k;
	while (k < n && (ds_alnum(s[k]) || s[k] == '_' || s[k] == '-' || s[k] == '.' || s[k] == '/'))
		k++;
	if (k == nb || s[nb] == '/')
		return false;
	sc->kind = kind;
	sc->name = s + nb;
	sc->nl = k - nb;
	for (;;) {
		while (k < n && ds_wsnl(s[k]))
			k++;
		if (k >= n)
			return false;
		if (ds_at(s, n, k, close)) {
			sc->end = k + 3;
			return true;
		}
		if (s[k] == '/' && ds_at(s, n, k + 1, close)) {
			sc->selfclose = true;
			sc->end = k + 4;
			return true;
		}
		if (ds_at(s, n, k, "{{") || sc->na == DS_MAX_ARGS)
			return false;
		struct ds_arg *a = &sc->a[sc->na];
		memset(a, 0, sizeof *a);
		size_t kb = k;
		while (k < n && (ds_ident(s[k]) || s[k] == '.'))
			k++;
		if (k > kb && k < n && s[k] == '=') {
			a->key = s + kb;
			a->kl = k - kb;
			k++;
		} else {
			k = kb;
		}
		if (k >= n)
			return false;
		if (s[k] == '"' || s[k] == '`') {
			char q = s[k];
			a->q = q;
			size_t vb = ++k;
			while (k < n && s[k] != q) {
				if (ds_at(s, n, k, "{{"))
					return false;
				if (q == '"' && s[k] == '\\' && k + 1 < n)
					k++;
				k++;
			}
			if (k >= n)
				return false;
			a->val = s + vb;
			a->vl = k - vb;
			k++;
		} else {
			size_t vb = k;
			while (k < n && !ds_wsnl(s[k]) && !ds_at(s, n, k, close) &&
			       !(s[k] == '/' && ds_at(s, n, k + 1, close)) && !ds_at(s, n, k, "{{"))
				k++;
			if (k == vb)
				return false;
			a->val = s + vb;
			a->vl = k - vb;
		}
		sc->na++;
	}
}

/* ------------------------------------------------------------------ */
/* The shortcodes sheaf knows                                           */
/* ------------------------------------------------------------------ */

/* A shortcode's handler: what it consumed from i (the whole call, unless
 * it takes more or writes a block), or DS_NONE when the call is not one it
 * can show (a warning then says it is unknown). */
typedef size_t (*S_handler)(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line);

static size_t S_figure(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	(void)h;
	(void)line;
	char *src = ds_call_arg(sc, "src", 0), *alt = ds_call_arg(sc, "alt", -1);
	char *caption = ds_call_arg(sc, "caption", -1), *title = ds_call_arg(sc, "title", -1);
	char *link = ds_call_arg(sc, "link", -1), *attr = ds_call_arg(sc, "attr", -1);
	char *attrlink = ds_call_arg(sc, "attrlink", -1);
	char *width = ds_call_arg(sc, "width", -1), *height = ds_call_arg(sc, "height", -1);
	struct tmpl_fig f = {src, alt, caption, title, link, attr, attrlink, width, height};
	size_t used = tmpl_figure(x, i, sc->end, &f);
	free(src);
	free(alt);
	free(caption);
	free(title);
	free(link);
	free(attr);
	free(attrlink);
	free(width);
	free(height);
	return used;
}

/* Themes' image shortcodes (`img`, `image`, Docsy's `imgproc NAME Fill
 * "400x300"`) show one picture like `figure` does; the name may be a page
 * resource's name without its extension, which the book stage finds. */
static size_t S_image(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	char *src = ds_call_arg(sc, "src", 0);
	bool ok = src && *src;
	free(src);
	return ok ? S_figure(h, x, i, sc, line) : DS_NONE;
}

/* notice, alert, admonition…: an admonition box, closed by the closing
 * tag (or at the end of the post). */
static size_t S_callout(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	const char *name = sc->name;
	size_t nl = sc->nl, used = sc->end - i;
	if (sc->closing) {
		if (h->callouts > 0) {
			h->callouts--;
			used = ds_put_block(x, i, sc->end, "</div>", 6, true);
		}
		return used;
	}
	if (sc->selfclose)
		return used;
	char *type = ds_call_arg(sc, "color", -1);
	if (!type)
		type = ds_call_arg(sc, "type", -1);
	if (!type && (ds_eq(name, nl, "notice") || ds_eq(name, nl, "admonition") || ds_eq(name, nl, "callout")))
		type = ds_call_arg(sc, NULL, 0);
	char *title = ds_call_arg(sc, "title", -1);
	if (!title)
		title = ds_call_arg(sc, "summary", -1);
	if (!title && ds_eq(name, nl, "notice"))
		title = ds_call_arg(sc, NULL, 1);
	struct strbuf b = STRBUF_INIT;
	sb_adds(&b, "<div class=\"admonition ");
	const char *ty = type && *type ? type : name;
	for (const char *c = ty; *c && c - ty < 40; c++)
		if (ds_ident(*c) && (type || c - ty < (ptrdiff_t)nl))
			sb_addc(&b, *c);
	sb_adds(&b, "\">");
	if (title && *title) {
		sb_adds(&b, "\n<p class=\"admonition-title\">");
		ds_title_html(x->st, &b, title, strlen(title), line);
		sb_adds(&b, "</p>");
	}
	used = ds_put_block(x, i, sc->end, b.s, b.len, false);
	h->callouts++;
	sb_release(&b);
	free(type);
	free(title);
	return used;
}

/* ref and relref: a link to another page. */
static size_t S_ref(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	(void)h;
	(void)line;
	char *path = ds_call_arg(sc, "path", 0);
	if (path)
		ds_ref(x->st, x->out, path, strlen(path), false);
	free(path);
	return sc->end - i;
}

/* highlight inside a paragraph: a code span. */
static size_t S_highlight(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	const char *s = x->s;
	size_t n = x->n;
	size_t cp = sc->selfclose ? DS_NONE : ds_cached(&h->c[C_HL], s, n, sc->end, S_find_hugo_close, "highlight");
	if (cp == DS_NONE) {
		ds_warn(x->st, line, "hugo-highlight",
			"Hugo shortcode 'highlight' without its closing {{< /highlight >}}: the tag is left out");
		return sc->end - i;
	}
	ds_code_span(x->out, s + sc->end, cp - sc->end);
	return S_hugo_close_end(s, n, cp, "highlight") - i;
}

/* The value `{{< param KEY >}}` shows, as Hugo's Page.Param finds it:
 * the page's `params`, its other front-matter keys, then the site's
 * params (sitedata.h); a dotted key walks mappings. NULL: none. */
static const struct fm_node *S_param_value(struct ds_state *st, const char *key, size_t kl)
{
	const struct site_data *sd = st->ctx ? st->ctx->data : NULL;
	if (!sd)
		return NULL;
	const struct fm_node *page = st->ctx->front_matter;
	const struct fm_node *v = site_data_lookup(fm_get(page, "params"), key, kl);
	if (!v)
		v = site_data_lookup(page, key, kl);
	for (size_t i = 0; !v && i < sd->nparams; i++)
		v = site_data_lookup(sd->params[i], key, kl);
	return v;
}

/* param: the page's or the site's parameter, as text ({{< >}}: Hugo
 * escapes it) or as Markdown ({{% %}}: rendered with the post). */
static size_t S_param(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	(void)h; /* every shortcode of the table takes it */
	char *p = ds_call_arg(sc, "name", 0);
	const struct fm_node *v = p && *p ? S_param_value(x->st, p, strlen(p)) : NULL;
	const char *text = v ? fm_str(v) : NULL;
	if (text) {
		if (sc->kind == '%')
			sb_adds(x->out, text);
		else
			ds_md_literal(x->out, text, strlen(text));
	} else {
		char *qp = p ? ds_quote(p, strlen(p)) : xstrdup("");
		char *key = xasprintf("hugo-param:%s", qp);
		ds_warn(x->st, line, key,
			v ? "Hugo shortcode 'param' (%s): the value is not text, it is left out"
			  : "Hugo shortcode 'param' (%s): no such parameter in the page's or the site's params, the value is left out",
			qp);
		free(key);
		free(qp);
	}
	free(p);
	return sc->end - i;
}

/* youtube, vimeo, tweet, gist, instagram (and their _simple forms): a
 * link to what the site embeds. */
static size_t S_embed(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line)
{
	(void)h;
	(void)line;
	size_t bl = sc->nl, used = DS_NONE;
	if (bl > 7 && ds_eq(sc->name + bl - 7, 7, "_simple"))
		bl -= 7;
	struct strbuf link = STRBUF_INIT;
	if (ds_embed_link(sc, ds_words(x->st), sc->name, bl, &link)) {
		size_t ls, after;
		used = sc->end - i;
		if (ds_alone(x, i, sc->end, &ls, &after))
			used = ds_put_block(x, i, sc->end, link.s, link.len, true);
		else
			sb_add(x->out, link.s, link.len);
	}
	sb_release(&link);
	return used;
}

#define S_PAIRED 1u /* the handler sees the closing tag too */
#define S_SIMPLE 2u /* NAME_simple is the same shortcode */

static const struct {
	const char *name;
	S_handler fn;
	unsigned flags;
} S_shortcodes[] = {
	{"admonition", S_callout, S_PAIRED}, {"alert", S_callout, S_PAIRED},
	{"callout", S_callout, S_PAIRED},    {"caution", S_callout, S_PAIRED},
	{"danger", S_callout, S_PAIRED},     {"details", S_callout, S_PAIRED},
	{"hint", S_callout, S_PAIRED},       {"important", S_callout, S_PAIRED},
	{"info", S_callout, S_PAIRED},       {"note", S_callout, S_PAIRED},
	{"notice", S_callout, S_PAIRED},     {"tip", S_callout, S_PAIRED},
	{"warning", S_callout, S_PAIRED},    {"figure", S_figure, 0},
	{"img", S_image, 0},                 {"image", S_image, 0},
	{"imgproc", S_image, 0},             {"ref", S_ref, 0},
	{"relref", S_ref, 0},                {"highlight", S_highlight, 0},
	{"param", S_param, 0},               {"youtube", S_embed, S_SIMPLE},
	{"vimeo", S_embed, S_SIMPLE},        {"tweet", S_embed, S_SIMPLE},
	{"twitter", S_embed, S_SIMPLE},      {"x", S_embed, S_SIMPLE},
	{"gist", S_embed, S_SIMPLE},         {"instagram", S_embed, S_SIMPLE},
};

/* The table's entry for a name, or -1. */
static int S_lookup(const char *name, size_t nl)
{
	size_t count = sizeof S_shortcodes / sizeof *S_shortcodes;
	for (size_t k = 0; k < count; k++)
		if (ds_eq(name, nl, S_shortcodes[k].name))
			return (int)k;
	if (nl > 7 && ds_eq(name + nl - 7, 7, "_simple"))
		for (size_t k = 0; k < count; k++)
			if ((S_shortcodes[k].flags & S_SIMPLE) && ds_eq(name, nl - 7, S_shortcodes[k].name))
				return (int)k;
	return -1;
}

/* Once per name and post: a shortcode (of template t, or none known)
 * left out in part. */
static void S_warn_left_out(struct ds_state *st, int line, const char *name, size_t nl,
			    const struct site_template *t)
{
	char *qname = ds_quote(name, nl);
	char *key = xasprintf("hugo:%s", qname);
	if (t) {
		char *qpath = ds_quote(t->path, strlen(t->path));
		ds_warn(st, line, key,
			"Hugo shortcode '%s' (%s) is a template sheaf does not run: what it shows besides "
			"its pictures, links and text parameters is left out, what it encloses is kept",
			qname, qpath);
		free(qpath);
	} else {
		ds_warn(st, line, key, "unknown Hugo shortcode '%s': its tags are left out and what it encloses is kept",
			qname);
	}
	free(key);
	free(qname);
}

/* A shortcode of the site's own (layouts/shortcodes/, or a theme's), or
 * one sheaf does not know: shown by what its template does with its
 * parameters (tmpl.h), else by their names. A site's template comes
 * before Hugo's built-in of the same name, unless it shows neither a
 * figure nor a link that sheaf can follow. */
static size_t S_site(struct S_hugo *h, struct ds_inl *x, size_t i, const struct ds_call *sc, int line,
		     const struct site_template *t, int k)
{
	struct ds_state *st = x->st;
	const struct site_data *sd = st->ctx->data;
	size_t used = sc->end - i;
	if (sc->closing) {
		if (h->nlinks > 0 && ds_eq(sc->name, sc->nl, h->links[h->nlinks - 1].name)) {
			h->nlinks--;
			sb_adds(x->out, "](");
			sb_adds(x->out, h->links[h->nlinks].href);
			sb_addc(x->out, ')');
		} else if (k >= 0 && (S_shortcodes[k].flags & S_PAIRED)) {
			return S_shortcodes[k].fn(h, x, i, sc, line);
		}
		return used;
	}
	const struct tmpl_use *u = tmpl_cached(&h->uses, sd, t, false);
	if (k >= 0 && !(u && (u->figure || u->link))) {
		/* Hugo's own, unless it is a figure the call gives no `src` of
		 * (a site's figure with its own parameters). */
		char *src = ds_call_arg(sc, "src", 0);
		bool builtin = src || (S_shortcodes[k].fn != S_figure && S_shortcodes[k].fn != S_image);
		free(src);
		size_t r = builtin ? S_shortcodes[k].fn(h, x, i, sc, line) : DS_NONE;
		if (r != DS_NONE)
			return r;
	}
	bool lost;
	char *href = NULL;
	used = tmpl_show(x, i, sc, u, &lost, &href);
	if (href) {
		if (h->nlinks < S_LINKS_MAX && strlen(href) < S_HREF_MAX && sc->nl < sizeof h->links[0].name) {
			memcpy(h->links[h->nlinks].name, sc->name, sc->nl);
			h->links[h->nlinks].name[sc->nl] = '\0';
			struct strbuf u8 = STRBUF_INIT;
			ds_url(&u8, href, strlen(href));
			snprintf(h->links[h->nlinks].href, S_HREF_MAX, "%s", u8.s ? u8.s : "");
			sb_release(&u8);
			h->nlinks++;
		} else {
			x->out->len--; /* too deep: the `[` goes, the text stays */
		}
		free(href);
	}
	if (lost)
		S_warn_left_out(st, line, sc->name, sc->nl, t);
	return used;
}

static size_t S_shortcode(struct S_hugo *h, struct ds_inl *x, size_t i)
{
	struct ds_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n;
	char kind = s[i + 2];
	if (ds_at(s, n, i + 3, "/*")) {
		/* An escaped shortcode: shown as the plain one, escaped for
		 * Markdown so that nothing reads it again. */
		size_t e = ds_cached(&h->c[kind == '<' ? C_HESC_A : C_HESC_P], s, n, i + 5, ds_find_lit,
				     kind == '<' ? "*/>}}" : "*/%}}");
		if (e == DS_NONE)
			return 0;
		sb_adds(x->out, kind == '<' ? "{{\\<" : "{{\\%");
		ds_md_literal(x->out, s + i + 5, e - i - 5);
		sb_adds(x->out, kind == '<' ? "\\>}}" : "\\%}}");
		return e + 5 - i;
	}
	struct ds_call sc;
	if (!S_parse(s, n, i, &sc))
		return 0;
	const char *name = sc.name;
	size_t nl = sc.nl;
	int line = ds_inl_line(x, i);
	size_t used = sc.end - i;
	if (nl > 7 && ds_eq(name + nl - 7, 7, ".inline")) {
		/* An inline shortcode is a template: its {{ actions }} go, its
		 * text stays. */
		if (sc.closing) {
			if (h->tmpl > 0)
				h->tmpl--;
		} else if (!sc.selfclose) {
			h->tmpl++;
			char *qname = ds_quote(name, nl);
			char *key = xasprintf("hugo:%s", qname);
			ds_warn(st, line, key,
				"Hugo inline shortcode '%s' is a template sheaf does not run: its template actions are left out, its text kept",
				qname);
			free(key);
			free(qname);
		}
		return used;
	}
	int k = S_lookup(name, nl);
	const struct site_data *sd = st->ctx ? st->ctx->data : NULL;
	const struct site_template *t = site_data_template(sd, name, nl);
	if (sd && (t || k < 0))
		return S_site(h, x, i, &sc, line, t, k);
	if (sc.closing && (k < 0 || !(S_shortcodes[k].flags & S_PAIRED)))
		return used; /* the end of a pair: its opening tag said what was needed */
	size_t u = k < 0 ? DS_NONE : S_shortcodes[k].fn(h, x, i, &sc, line);
	if (u != DS_NONE)
		return u;
	S_warn_left_out(st, line, name, nl, NULL);
	return used;
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	struct S_hugo *h = self;
	const char *s = x->s;
	size_t n = x->n, a;
	char c1 = i + 1 < n ? s[i + 1] : 0, c2 = i + 2 < n ? s[i + 2] : 0;
	if (c1 == '{' && (c2 == '<' || c2 == '%') && (a = S_shortcode(h, x, i)))
		return a;
	if (h->tmpl > 0 && c1 == '{') {
		/* A Go template action inside an inline shortcode: left out. */
		size_t e = ds_cached(&h->c[C_GO], s, n, i + 2, ds_find_lit, "}}");
		return e == DS_NONE ? 0 : e + 2 - i;
	}
	return 0;
}

/* `{{< highlight lang >}}…{{< /highlight >}}` starting a line: a fenced
 * code block. */
static bool S_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	struct S_hugo *h = self;
	if (!l->opens)
		return false;
	const char *t = b->t;
	size_t n = b->n, p = l->at, le = l->end;
	struct ds_call sc;
	if (!(ds_at(t, le, p, "{{<") || ds_at(t, le, p, "{{%")) || !S_parse(t, le, p, &sc) || sc.closing ||
	    sc.selfclose || !ds_eq(sc.name, sc.nl, "highlight"))
		return false;
	size_t cp = ds_cached(&h->b_hl, t, n, sc.end, S_find_hugo_close, "highlight");
	if (cp == DS_NONE)
		return false;
	struct strbuf lang = STRBUF_INIT;
	char *l0 = ds_call_arg(&sc, NULL, 0);
	if (l0)
		ds_lang(&lang, l0, strlen(l0));
	free(l0);
	ds_tag_code_block(b, l, sc.end, cp, S_hugo_close_end(t, n, cp, "highlight"), lang.s, lang.len);
	sb_release(&lang);
	b->prev_blank = false;
	return true;
}

/* In code, escaped shortcodes lose their escape (Hugo shows an escaped
 * shortcode as the plain one, in code too). */
static void S_code(void *self, struct strbuf *out, const char *s, size_t n)
{
	(void)self;
	size_t i = 0;
	int esc = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '{' && s[j] != '*')
			j++;
		sb_add(out, s + i, j - i);
		if (j >= n)
			break;
		i = j;
		if (ds_at(s, n, i, "{{</*") || ds_at(s, n, i, "{{%/*")) {
			sb_add(out, s + i, 3);
			esc++;
			i += 5;
		} else if (esc && (ds_at(s, n, i, "*/>}}") || ds_at(s, n, i, "*/%}}"))) {
			sb_add(out, s + i + 2, 3);
			esc--;
			i += 5;
		} else {
			sb_addc(out, s[i++]);
		}
	}
}

static void S_fini(void *self)
{
	struct S_hugo *h = self;
	tmpl_cache_free(&h->uses);
}

static void S_run_begin(void *self)
{
	struct S_hugo *h = self;
	memset(h->c, 0, sizeof h->c);
}

static void S_title_begin(void *self)
{
	struct S_hugo *h = self;
	h->tmpl = 0;
}

/* Callouts left open close at the end of the post. */
static void S_finish(void *self, struct strbuf *out)
{
	struct S_hugo *h = self;
	for (; h->callouts > 0; h->callouts--)
		sb_adds(out, "\n\n</div>\n");
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_hugo = {
	.name = "hugo",
	.state_size = sizeof(struct S_hugo),
	.title_size = offsetof(struct S_hugo, uses),
	.block = S_block,
	.triggers = S_triggers,
	.code = S_code,
	.fini = S_fini,
	.run_begin = S_run_begin,
	.title_begin = S_title_begin,
	.finish = S_finish,
};
