/* zola.c — Zola's shortcodes: `{{ name(key=value, ...) }}` and, with a
 * body, `{% name(...) %}` … `{% end %}`. Embeds (gist, streamable,
 * youtube, vimeo…) become links; other calls are left out with a
 * warning, a body kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "convert/dialect/scan.h"
#include "convert/dialect/tmpl.h"

#define S_BLOCKS_MAX 8
#define S_HREF_MAX 512

struct S_zola {
	int blocks; /* {% shortcode() %} bodies left open */
	/* For each of the first S_BLOCKS_MAX open bodies: the URL its
	 * {% end %} closes a link to (a site shortcode linking its body), or
	 * "" when none. */
	char href[S_BLOCKS_MAX][S_HREF_MAX];
	struct tmpl_cache uses; /* what each site template shows */
};

static void S_fini(void *self)
{
	struct S_zola *z = self;
	tmpl_cache_free(&z->uses);
}

/* A call written between the comment marks (slash-star after the opener,
 * star-slash before the closer) is printed as written, without them. The
 * scan stops at the end of the line, at the next `{{` or `{%`, or after
 * S_ZOLA_MAX bytes, so trying every opener of a post stays linear. */
#define S_ZOLA_MAX 1024

static size_t S_zola_stop(const char *s, size_t n, size_t from)
{
	size_t lim = from + S_ZOLA_MAX < n ? from + S_ZOLA_MAX : n;
	for (size_t k = from; k < lim; k++)
		if (s[k] == '\n' || (s[k] == '{' && k + 1 < n && (s[k + 1] == '{' || s[k + 1] == '%')))
			return k;
	return lim;
}

/* Parses the call after the opener at s[i] ("{{" or "{%") into sc (name
 * and key=value arguments pointing into s); sc->end is after the closer. */
static bool S_zola_parse(const char *s, size_t n, size_t i, struct ds_call *sc)
{
	char kind = s[i + 1];
	size_t stop = S_zola_stop(s, n, i + 2), k = i + 2;
	sc->na = 0;
	sc->closing = sc->selfclose = false;
	sc->kind = kind;
	while (k < stop && ds_sp(s[k]))
		k++;
	size_t nb = k;
	while (k < stop && (ds_alnum(s[k]) || s[k] == '_'))
		k++;
	if (k == nb)
		return false;
	sc->name = s + nb;
	sc->nl = k - nb;
	if (kind == '%' && ds_eq(sc->name, sc->nl, "end")) {
		sc->closing = true;
	} else {
		if (k >= stop || s[k] != '(')
			return false;
		k++;
		for (;;) {
			while (k < stop && (ds_sp(s[k]) || s[k] == ','))
				k++;
			if (k >= stop)
				return false;
			if (s[k] == ')') {
				k++;
				break;
			}
			if (sc->na == DS_MAX_ARGS)
				return false;
			struct ds_arg *a = &sc->a[sc->na];
			memset(a, 0, sizeof *a);
			size_t kb = k;
			while (k < stop && (ds_alnum(s[k]) || s[k] == '_'))
				k++;
			if (k == kb)
				return false;
			a->key = s + kb;
			a->kl = k - kb;
			while (k < stop && ds_sp(s[k]))
				k++;
			if (k >= stop || s[k] != '=')
				return false;
			k++;
			while (k < stop && ds_sp(s[k]))
				k++;
			if (k >= stop)
				return false;
			if (s[k] == '"' || s[k] == '\'' || s[k] == '`' || s[k] == '[') {
				char q = s[k] == '[' ? ']' : s[k];
				size_t vb = ++k;
				while (k < stop && s[k] != q)
					k++;
				if (k >= stop)
					return false;
				a->val = s + vb;
				a->vl = k - vb;
				k++;
			} else {
				size_t vb = k;
				while (k < stop && !ds_sp(s[k]) && s[k] != ',' && s[k] != ')')
					k++;
				a->val = s + vb;
				a->vl = k - vb;
			}
			sc->na++;
		}
	}
	while (k < stop && ds_sp(s[k]))
		k++;
	const char *close = kind == '{' ? "}}" : "%}";
	if (k + 2 > n || !ds_at(s, n, k, close))
		return false;
	sc->end = k + 2;
	return true;
}

/* A URL that can go into a Markdown link as it is. */
static bool S_zola_url(const char *u)
{
	if (!url_is_http(u))
		return false;
	for (const char *c = u; *c; c++)
		if ((unsigned char)*c <= ' ' || strchr("()<>\"\\", *c))
			return false;
	return true;
}

static size_t S_zola(struct ds_inl *x, size_t i, struct S_zola *z)
{
	struct ds_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n;
	char kind = s[i + 1];
	if (ds_at(s, n, i + 2, "/*")) {
		const char *close = kind == '{' ? "*/}}" : "*/%}";
		size_t stop = S_zola_stop(s, n, i + 4);
		for (size_t k = i + 4; k < stop; k++)
			if (ds_at(s, n, k, close)) {
				/* Printed as written, without the comment marks, and
				 * escaped for Markdown so that nothing reads it again. */
				char open[3] = {'{', kind, '\0'}, close_[3] = {kind == '{' ? '}' : '%', '}', '\0'};
				ds_md_literal(x->out, open, 2);
				ds_md_literal(x->out, s + i + 4, k - (i + 4));
				ds_md_literal(x->out, close_, 2);
				return k + 4 - i;
			}
		return 0;
	}
	struct ds_call sc;
	if (!S_zola_parse(s, n, i, &sc))
		return 0;
	int line = ds_inl_line(x, i);
	size_t used = sc.end - i;
	if (sc.closing) {
		if (z->blocks == 0)
			return 0; /* not ours: kept as text */
		z->blocks--;
		if (z->blocks < S_BLOCKS_MAX && z->href[z->blocks][0]) {
			sb_adds(x->out, "](");
			sb_adds(x->out, z->href[z->blocks]);
			sb_addc(x->out, ')');
			z->href[z->blocks][0] = '\0';
		}
		return used;
	}
	char *qname = ds_quote(sc.name, sc.nl);
	char *key = xasprintf("zola:%s", qname);
	const struct site_data *sd = st->ctx ? st->ctx->data : NULL;
	const struct site_template *t = site_data_template(sd, sc.name, sc.nl);
	if (t) {
		/* The site's own: shown by what its template does (tmpl.h). */
		bool lost;
		char *href = NULL;
		used = tmpl_show(x, i, &sc, tmpl_cached(&z->uses, sd, t, true), &lost, &href);
		if (kind == '%') {
			if (z->blocks < S_BLOCKS_MAX) {
				z->href[z->blocks][0] = '\0';
				if (href && strlen(href) < S_HREF_MAX / 2) {
					struct strbuf u = STRBUF_INIT;
					ds_url(&u, href, strlen(href));
					snprintf(z->href[z->blocks], S_HREF_MAX, "%s", u.s ? u.s : "");
					sb_release(&u);
				} else if (href) {
					x->out->len--; /* no room: the `[` goes, the body stays */
				}
			} else if (href) {
				x->out->len--;
			}
			z->blocks++;
		}
		free(href);
		if (lost) {
			char *qpath = ds_quote(t->path, strlen(t->path));
			ds_warn(st, line, key,
				"Zola shortcode '%s' (%s) is a template sheaf does not run: what it shows besides "
				"its pictures, links and text parameters is left out%s",
				qname, qpath, kind == '%' ? ", its body is kept" : "");
			free(qpath);
		}
	} else if (kind == '%') {
		z->blocks++;
		ds_warn(st, line, key,
		       "Zola shortcode '%s' with a body is a template sheaf does not run: its tags are left out and its body kept",
		       qname);
	} else {
		struct strbuf link = STRBUF_INIT;
		char *url = ds_call_arg(&sc, "url", -1), *id = ds_call_arg(&sc, "id", -1);
		const struct words *w = ds_words(x->st);
		bool made = false;
		if (ds_eq(sc.name, sc.nl, "gist") && url && S_zola_url(url)) {
			char *what = words_fill(w->gist_on, "GitHub");
			ds_embed_md_link(&link, w, what, url);
			free(what);
			made = true;
		} else if (ds_eq(sc.name, sc.nl, "streamable") && id && *id &&
			   strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(id)) {
			char *u = xasprintf("https://streamable.com/%s", id);
			char *what = words_fill(w->video_on, "Streamable");
			ds_embed_md_link(&link, w, what, u);
			free(what);
			free(u);
			made = true;
		} else {
			made = ds_embed_link(&sc, w, sc.name, sc.nl, &link);
		}
		if (made) {
			size_t ls, after;
			if (ds_alone(x, i, sc.end, &ls, &after))
				used = ds_put_block(x, i, sc.end, link.s, link.len, true);
			else
				sb_add(x->out, link.s, link.len);
		} else {
			bool lost;
			char *href = NULL;
			used = tmpl_show(x, i, &sc, NULL, &lost, &href);
			free(href);
			if (lost)
				ds_warn(st, line, key, "unknown Zola shortcode '%s': left out", qname);
		}
		free(url);
		free(id);
		sb_release(&link);
	}
	free(key);
	free(qname);
	return used;
}


static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	char c1 = i + 1 < x->n ? x->s[i + 1] : 0;
	return c1 == '{' || c1 == '%' ? S_zola(x, i, self) : 0;
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_zola = {
	.name = "zola",
	.state_size = sizeof(struct S_zola),
	.triggers = S_triggers,
	.fini = S_fini,
	/* title_size 0: Zola reads shortcodes before Markdown, a body opened
	 * in a heading runs on to its {% end %}. */
};
