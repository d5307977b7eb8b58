/* liquid.c — Jekyll's Liquid: {% raw %}, {% highlight %}, {% comment %},
 * {% post_url %} and {% link %} (references to other pages),
 * {% include %} and {% include_relative %} of Markdown and HTML files,
 * {{ site.baseurl }}, {{ site.url }} and the variables the generator knows
 * (`site.x` from _config.yml, `page.x` of the post: its template_value
 * hook, `include.x` in an include), with the relative_url, absolute_url,
 * prepend, append, default, case and date filters; assign, capture, for
 * loops, and if/unless/case where every value they read is known (else
 * every branch is kept, with a warning); whitespace control. Other tags
 * and values are left out with a warning. kramdown's syntax is its own pass
 * (kramdown.c). */
#define _DEFAULT_SOURCE /* realpath */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "base/date.h"
#include "base/path.h"
#include "base/slug.h"
#include "base/text.h"
#include "base/url.h"
#include "input/site.h"
#include "convert/dialect/tags.h"

/* Jekyll's relative_url: the site's baseurl before a site path. */
static char *S_relative_url(const char *baseurl, const char *path)
{
	if (url_has_authority(path) || str_starts_with(path, "//"))
		return xstrdup(path);
	const char *b = baseurl ? baseurl : "";
	size_t bl = strlen(b);
	while (bl && b[bl - 1] == '/')
		bl--;
	return xasprintf("%.*s%s%s", (int)bl, b, path[0] == '/' ? "" : "/", path);
}

/* A variable (`site.repository`, `page.title`): the generator's value,
 * or NULL when it has none or the name is no plain variable. */
static char *S_variable(struct ds_state *st, const char *v, size_t vl)
{
	const struct dialect_context *ctx = st->ctx;
	if (!ctx || !ctx->refs || !ctx->refs->site || !ctx->refs->site->gen->template_value || !vl)
		return NULL;
	for (size_t i = 0; i < vl; i++)
		if (!isalnum((unsigned char)v[i]) && !strchr("_-.", v[i]))
			return NULL;
	const struct site *site = ctx->refs->site;
	const struct post *p = ctx->post_relpath ? refs_post_by_path(ctx->refs, ctx->post_relpath) : NULL;
	char *name = xstrndup(v, vl);
	char *val = site->gen->template_value(site, p, name);
	free(name);
	return val;
}

/* Liquid's filters of one string that take no argument, or NULL. */
static char *S_plain_filter(const char *f, size_t fl, const char *val)
{
	if (ds_eq(f, fl, "downcase") || ds_eq(f, fl, "upcase") || ds_eq(f, fl, "capitalize")) {
		char *out = xstrdup(val);
		for (char *c = out; *c; c++) {
			bool up = ds_eq(f, fl, "upcase") || (ds_eq(f, fl, "capitalize") && c == out);
			*c = (char)(up ? toupper((unsigned char)*c) : tolower((unsigned char)*c));
		}
		return out;
	}
	if (ds_eq(f, fl, "strip")) {
		const char *b = val;
		size_t n = strlen(val);
		ds_trim(&b, &n);
		return xstrndup(b, n);
	}
	/* The value goes into Markdown, which escapes what HTML needs. */
	if (ds_eq(f, fl, "escape") || ds_eq(f, fl, "xml_escape") || ds_eq(f, fl, "escape_once"))
		return xstrdup(val);
	return NULL;
}

/* Jekyll's date filters of a value that is a date, or NULL. */
static char *S_date_filter(const char *f, size_t fl, const char *val, const char *arg, size_t al)
{
	static const struct {
		const char *name, *fmt;
	} named[] = {{"date_to_string", "%d %b %Y"},
		     {"date_to_long_string", "%d %B %Y"},
		     {"date_to_xmlschema", "%Y-%m-%dT%H:%M:%S%z"},
		     {"date_to_rfc822", "%a, %d %b %Y %H:%M:%S %z"}};
	const char *fmt = NULL;
	size_t fmtl = 0;
	if (ds_eq(f, fl, "date") && arg && al >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg[al - 1] == arg[0]) {
		fmt = arg + 1;
		fmtl = al - 2;
	}
	for (size_t i = 0; i < sizeof named / sizeof *named && !fmt && !arg; i++)
		if (ds_eq(f, fl, named[i].name))
			fmt = named[i].fmt, fmtl = strlen(fmt);
	struct date d;
	if (!fmt || date_parse(&d, val) < 0)
		return NULL;
	char *f0 = xstrndup(fmt, fmtl);
	char *out = date_strftime(&d, f0);
	free(f0);
	if (ds_eq(f, fl, "date_to_xmlschema") && strlen(out) >= 5) {
		/* %:z: the offset with a colon */
		size_t n = strlen(out);
		char *c = xasprintf("%.*s:%s", (int)(n - 2), out, out + n - 2);
		free(out);
		out = c;
	}
	return out;
}

/* Variables a post's Liquid sets (assign, a for loop's, an include's
 * parameters as include.x): names and values in pairs, the innermost
 * scope first through up. A list's value is its items, each ended by
 * S_ITEM. */
#define S_ITEM '\x1F'
/* The value of a variable set where sheaf cannot tell whether Liquid
 * runs the tag (in a block it keeps whole) or to what. */
#define S_NOT_KNOWN "\x1E"
struct S_scope {
	struct strvec vars; /* name, value, name, value… */
	const struct S_scope *up;
	bool include; /* an include's: include.x not given is nil */
};

static const char *S_lookup(const struct S_scope *sc, const char *v, size_t vl)
{
	for (; sc; sc = sc->up)
		for (size_t i = sc->vars.n; i >= 2; i -= 2)
			if (ds_eq(v, vl, sc->vars.v[i - 2]))
				return sc->vars.v[i - 1];
	return NULL;
}

static void S_set(struct S_scope *sc, const char *name, size_t nl, char *value)
{
	sv_push_owned(&sc->vars, xstrndup(name, nl));
	sv_push_owned(&sc->vars, value);
}

/* A value as Liquid prints it: a list's items one after the other. */
static char *S_printed(char *v)
{
	char *w = v;
	for (char *r = v; *r; r++)
		if (*r != S_ITEM)
			*w++ = *r;
	*w = '\0';
	return v;
}

/* The list filters: split makes one, join prints one; NULL for another
 * filter of a list. */
static char *S_list_filter(const char *f, size_t fl, const char *val, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	if (ds_eq(f, fl, "split") && sep && !strchr(val, S_ITEM)) {
		size_t sl = strlen(sep);
		for (const char *p = val; *p;) {
			const char *at = sl ? strstr(p, sep) : NULL;
			size_t n = at ? (size_t)(at - p) : sl ? strlen(p) : 1;
			sb_add(&sb, p, n);
			sb_addc(&sb, S_ITEM);
			p += n + (at ? sl : 0);
		}
		return sb_detach(&sb);
	}
	if (ds_eq(f, fl, "join") && strchr(val, S_ITEM)) {
		for (const char *p = val; *p; p++) {
			if (*p != S_ITEM)
				sb_addc(&sb, *p);
			else if (p[1])
				sb_adds(&sb, sep ? sep : " ");
		}
		return sb_detach(&sb);
	}
	sb_release(&sb);
	return NULL;
}

static bool S_number(const char *s, size_t n, double *out)
{
	size_t i = s[0] == '-';
	size_t d = i;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	if (i == d)
		return false;
	if (i < n && s[i] == '.') {
		size_t f = ++i;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i == f)
			return false;
	}
	if (i != n)
		return false;
	char *c = xstrndup(s, n);
	*out = strtod(c, NULL);
	free(c);
	return true;
}

/* The value of a Liquid expression sheaf knows, or NULL; sc holds the
 * variables set so far (NULL: none). */
static char *S_eval(struct ds_state *st, const char *e, size_t el, const struct S_scope *sc)
{
	char *val = NULL;
	size_t i = 0;
	bool first = true;
	while (i <= el) {
		/* One part between '|' (outside quotes). */
		size_t b = i;
		char q = 0;
		while (i < el && (q || e[i] != '|')) {
			if (q && e[i] == q)
				q = 0;
			else if (!q && (e[i] == '"' || e[i] == '\''))
				q = e[i];
			i++;
		}
		const char *p = e + b;
		size_t pl = i - b;
		ds_trim(&p, &pl);
		i++;
		const char *arg = NULL;
		size_t al = 0;
		if (!first) {
			const char *colon = memchr(p, ':', pl);
			if (colon) {
				arg = colon + 1;
				al = pl - (size_t)(arg - p);
				pl = (size_t)(colon - p);
				ds_trim(&p, &pl);
				ds_trim(&arg, &al);
			}
		}
		const char *v = first ? p : arg;
		size_t vl = first ? pl : al;
		char *lit = NULL;
		if (v && vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0])
			lit = xstrndup(v + 1, vl - 2);
		else if (v && ds_eq(v, vl, "site.baseurl"))
			lit = xstrdup(ds_baseurl(st) ? ds_baseurl(st) : "");
		else if (v && ds_eq(v, vl, "site.url"))
			lit = xstrdup(ds_site_url(st) ? ds_site_url(st) : "");
		else if (v && first && vl && !memchr(v, '.', vl) && S_number(v, vl, &(double){0}))
			lit = xstrndup(v, vl); /* an integer, printed as written (a float would not be) */
		else if (v && S_lookup(sc, v, vl))
			lit = strcmp(S_lookup(sc, v, vl), S_NOT_KNOWN) ? xstrdup(S_lookup(sc, v, vl)) : NULL;
		else if (v && sc && vl > 8 && memcmp(v, "include.", 8) == 0)
			lit = xstrdup(""); /* a parameter not given: nil */
		else if (v)
			lit = S_variable(st, v, vl);
		char *nv = NULL;
		if (first) {
			nv = lit;
			lit = NULL;
		} else if (ds_eq(p, pl, "split") || ds_eq(p, pl, "join") || strchr(val, S_ITEM)) {
			nv = S_list_filter(p, pl, val, lit);
		} else if (ds_eq(p, pl, "slugify") && !arg) {
			nv = slug_hyphens(val, false, false);
		} else if (ds_eq(p, pl, "relative_url") && !arg) {
			nv = S_relative_url(ds_baseurl(st), val);
		} else if (ds_eq(p, pl, "absolute_url") && !arg) {
			char *rel = S_relative_url(ds_baseurl(st), val);
			const char *u = ds_site_url(st) ? ds_site_url(st) : "";
			size_t ul = strlen(u);
			while (ul && u[ul - 1] == '/')
				ul--;
			nv = url_has_authority(rel) ? xstrdup(rel) : xasprintf("%.*s%s", (int)ul, u, rel);
			free(rel);
		} else if (ds_eq(p, pl, "prepend") && lit) {
			nv = xasprintf("%s%s", lit, val);
		} else if (ds_eq(p, pl, "append") && lit) {
			nv = xasprintf("%s%s", val, lit);
		} else if (ds_eq(p, pl, "default") && lit) {
			nv = xstrdup(*val ? val : lit);
		} else if (str_starts_with(p, "date")) {
			nv = S_date_filter(p, pl, val, arg, al);
		} else if (!arg) {
			nv = S_plain_filter(p, pl, val);
		}
		free(lit);
		free(val);
		val = nv;
		if (!val)
			return NULL;
		first = false;
		if (i > el)
			break;
	}
	return val;
}


static char *S_liquid_value(struct ds_state *st, const char *e, size_t el)
{
	char *v = S_eval(st, e, el, NULL);
	return v ? S_printed(v) : NULL;
}

/* ---- {% include %} and {% include_relative %} (pass 0) ----
 *
 * Jekyll pastes the file an include names, its Liquid rendered with the
 * tag's parameters as `include.x`, before Markdown is read. Here a
 * Markdown or HTML file is pasted, from the site's includes folder
 * (`includes_dir`, default _includes) or, for include_relative, beside
 * the post inside the site; `{{ include.x }}` in it is filled in and the
 * rest of its Liquid read with the post's. A name with `..`, a hidden
 * part, or leading out of its folder (a symlink) is refused. */

#define S_MAX_INCLUDE_DEPTH 4
/* Blocks run inside each other (loops, conditions, captures, includes):
 * deeper ones are pass 2's. */
#define S_MAX_NEST 16
#define S_MAX_INCLUDE_FILE ((size_t)1 << 20)
#define S_MAX_INCLUDE_TOTAL ((size_t)16 << 20)
/* What the searches for closing tags may read in all, so that a post of
 * many unclosed blocks stays linear. */
#define S_MAX_SCAN ((size_t)64 << 20)

/* s[0..n)'s first lit, or NULL. */
static const char *S_find(const char *s, size_t n, const char *lit)
{
	size_t at = ds_find(s, n, 0, lit, strlen(lit));
	return at == DS_NONE ? NULL : s + at;
}

struct S_inc {
	struct ds_state *st;
	struct strbuf out;
	size_t lines;  /* newlines written to out */
	size_t budget; /* bytes includes may still add */
	bool any;      /* a tag was replaced */
	size_t scan;   /* bytes searches for closing tags may still read */
	struct S_scope *root; /* what `assign` sets */
	bool frozen; /* inside a block kept whole: what is set there is not known */
	int includes; /* includes inside each other here */
};

static void S_inc_add(struct S_inc *in, const char *s, size_t n)
{
	sb_add(&in->out, s, n);
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		in->lines++;
}

/* The first name of an expression (`x` of `x.y | f`) is a variable of sc. */
static bool S_scoped(const struct S_scope *sc, const char *t, size_t tl)
{
	size_t k = 0;
	while (k < tl && (ds_ident(t[k]) || t[k] == '.'))
		k++;
	return S_lookup(sc, t, k) || (sc && k > 8 && memcmp(t, "include.", 8) == 0);
}

/* The text with `{{ … }}` filled in through S_eval: all of them (a
 * name `{{ page.file | append: '.md' }}`; NULL when one has no known
 * value), or those naming a variable of sc, the rest left for pass 2. */
static char *S_fill(struct ds_state *st, const char *s, size_t n, const struct S_scope *sc, bool all)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	for (size_t i = 0; i < n;) {
		bool opens = i + 1 < n && s[i] == '{' && s[i + 1] == '{';
		const char *close = opens ? S_find(s + i, n - i, "}}") : NULL;
		if (opens && !close) {
			sb_add(&sb, s + i, n - i); /* none closes after this one either */
			break;
		}
		if (!close) {
			sb_addc(&sb, s[i++]);
			continue;
		}
		const char *e = s + i + 2;
		size_t el = (size_t)(close - e);
		if (el && *e == '-')
			e++, el--;
		if (el && e[el - 1] == '-')
			el--;
		const char *t = e;
		size_t tl = el;
		ds_trim(&t, &tl);
		char *v = all || S_scoped(sc, t, tl) ? S_eval(st, e, el, sc) : NULL;
		if (!v && all) {
			sb_release(&sb);
			return NULL;
		}
		if (v)
			sb_adds(&sb, S_printed(v));
		else
			sb_add(&sb, s + i, (size_t)(close + 2 - (s + i)));
		free(v);
		i = (size_t)(close + 2 - s);
	}
	return sb_detach(&sb);
}

/* Jekyll's IncludeTag parameters: key="v", key='v' or key=variable,
 * appended to params as name, value. */
static void S_params(struct ds_state *st, const char *a, size_t n, const struct S_scope *outer, struct S_scope *params)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && ds_wsnl(a[i]))
			i++;
		size_t kb = i;
		while (i < n && (ds_ident(a[i])))
			i++;
		size_t ke = i;
		while (i < n && ds_sp(a[i]))
			i++;
		if (ke == kb || i >= n || a[i] != '=') {
			while (i < n && !ds_wsnl(a[i]))
				i++; /* not a parameter: skipped, as Jekyll's pattern does */
			continue;
		}
		i++;
		while (i < n && ds_sp(a[i]))
			i++;
		char *val = NULL;
		if (i < n && (a[i] == '"' || a[i] == '\'')) {
			char q = a[i++];
			struct strbuf v = STRBUF_INIT;
			sb_adds(&v, "");
			while (i < n && a[i] != q) {
				if (a[i] == '\\' && i + 1 < n && a[i + 1] == q)
					i++;
				sb_addc(&v, a[i++]);
			}
			i++;
			val = sb_detach(&v);
		} else {
			size_t vb = i;
			while (i < n && (ds_ident(a[i]) || a[i] == '.'))
				i++;
			val = S_eval(st, a + vb, i - vb, outer);
			if (!val)
				val = xstrdup("");
		}
		sv_push_owned(&params->vars, xasprintf("include.%.*s", (int)(ke - kb), a + kb));
		sv_push_owned(&params->vars, val);
	}
}

static void S_inc_text(struct S_inc *in, const char *md, size_t len, int depth, size_t fixed,
		       struct S_scope *sc);

/* Jekyll's valid file name (no `..` or `//`, only word characters and
 * /.-()+~#@), and no hidden part. */
static bool S_include_name_ok(const char *name)
{
	if (!*name || name[0] == '/' || name[0] == '.')
		return false;
	for (const char *c = name; *c; c++) {
		if (!isalnum((unsigned char)*c) && !strchr("_/.-()+~#@", *c))
			return false;
		if ((*c == '.' || *c == '/') && (c[1] == '.' || c[1] == '/'))
			return false;
		if (*c == '/' && c[1] == '.')
			return false;
	}
	return true;
}

/* The text of the file an include names (malloc'd), or NULL after a
 * warning. */
static char *S_include_file(struct S_inc *in, const char *name, bool relative, int line, size_t *len)
{
	struct ds_state *st = in->st;
	const struct dialect_context *ctx = st->ctx;
	const struct site *site = ctx && ctx->refs ? ctx->refs->site : NULL;
	const char *tag = relative ? "include_relative" : "include";
	char *key = xasprintf("%s:%s", tag, name);
	char *text = NULL, *dir = NULL, *dir_real = NULL, *root_real = NULL;
	if (!S_include_name_ok(name)) {
		ds_warn(st, line, key, "'{%% %s %s %%}' names a file outside its folder or a hidden one: refused, left out",
			tag, name);
		goto out;
	}
	const char *dot = strrchr(name, '.');
	const char *md_ext = site ? fm_str(fm_get(site->config, "markdown_ext")) : NULL;
	char *exts = xasprintf(",%s,html,htm,", md_ext && *md_ext ? md_ext : "markdown,mkdown,mkdn,mkd,md");
	char *want = dot ? xasprintf(",%s,", dot + 1) : NULL;
	for (char *c = want; c && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	bool known = want && strstr(exts, want) != NULL; /* Jekyll's extensions are lower case */
	free(exts);
	free(want);
	if (!known) {
		ds_warn(st, line, key, "'{%% %s %s %%}' is neither Markdown nor HTML: left out", tag, name);
		goto out;
	}
	const char *root = ds_site_root(st);
	if (!root || !site) {
		ds_warn(st, line, key, "'{%% %s %s %%}' cannot be looked up (no site folder): left out", tag, name);
		goto out;
	}
	const char *src = site->content_dir ? site->content_dir : ".";
	if (relative) {
		const char *post = ds_post_relpath(st);
		dir = path_dirname(post ? post : ".");
	} else {
		const char *inc = fm_str(fm_get(site->config, "includes_dir"));
		inc = inc && *inc ? inc : "_includes";
		dir = strcmp(src, ".") == 0 ? xstrdup(inc) : path_join(src, inc);
	}
	char *dir_abs = path_join(root, relative ? src : dir);
	dir_real = realpath(dir_abs, NULL); /* the folder it may not leave */
	free(dir_abs);
	char *rel = path_join(dir, name);
	char real[PATH_MAX];
	/* The site's rule first (nothing hidden, nothing outside, a file),
	 * then the folder's. */
	root_real = realpath(root, NULL);
	enum path_refusal why = root_real ? path_confine(real, root, root_real, rel, false) : PATH_MISSING;
	/* Named as what it resolved to: a symlink names its target. */
	const char *below = (why == PATH_HIDDEN || why == PATH_VCS) && *real ? path_under(real, root_real) : NULL;
	size_t max = in->budget < S_MAX_INCLUDE_FILE ? in->budget : S_MAX_INCLUDE_FILE;
	char *data = NULL;
	size_t dlen;
	int err = -1;
	if (why == PATH_HIDDEN || why == PATH_VCS) {
		ds_warn(st, line, key, "'{%% %s %s %%}' refused: '%s' %s, left out", tag, name,
			below && *below ? below : rel, path_refusal_why(why));
	} else if (why == PATH_MISSING || why == PATH_NOT_FILE || !dir_real) {
		ds_warn(st, line, key, "'{%% %s %s %%}': no such file in %s: left out", tag, name,
			relative ? "the post's folder" : dir);
	} else if (why == PATH_OUTSIDE || !path_under(real, dir_real)) {
		ds_warn(st, line, key, "'{%% %s %s %%}' leads outside its folder: refused, left out", tag, name);
	} else if (why == PATH_OK && (!max || (err = read_file_stat(real, max, &data, &dlen, NULL)) == -EFBIG)) {
		ds_warn(st, line, key, "'{%% %s %s %%}' is too large: left out", tag, name);
	} else if (err != 0) {
		ds_warn(st, line, key, "'{%% %s %s %%}' cannot be read: left out", tag, name);
	} else {
		text_to_utf8(&text, len, data, dlen, real, st->dl);
		in->budget -= *len;
	}
	free(data);
	free(rel);
out:
	free(dir_real);
	free(root_real);
	free(dir);
	free(key);
	return text;
}

/* An include tag whose arguments are a[0..n): its file pasted (true), or
 * left out with a warning (false). */
static void S_include(struct S_inc *in, const char *a, size_t n, bool relative, int depth, size_t srcline,
		      const struct S_scope *params)
{
	struct ds_state *st = in->st;
	int line = st->first_line + (int)srcline - 1; /* srcline is the body's */
	/* The name: up to white space outside {{ }}. */
	size_t e = 0;
	while (e < n && !ds_wsnl(a[e])) {
		if (a[e] == '{' && e + 1 < n && a[e + 1] == '{') {
			const char *c = S_find(a + e, n - e, "}}");
			e = c ? (size_t)(c - a) + 2 : n;
		} else {
			e++;
		}
	}
	char *name = S_fill(st, a, e, params, true);
	if (!name) {
		char *q = ds_quote(a, n);
		char *key = xasprintf("include:%s", q);
		ds_warn(st, line, key, "'{%% include %s %%}': the file's name is not known to sheaf: left out", q);
		free(key);
		free(q);
		return;
	}
	size_t tlen = 0;
	char *text = NULL;
	if (in->includes < S_MAX_INCLUDE_DEPTH && depth < S_MAX_NEST) {
		text = S_include_file(in, name, relative, line, &tlen);
	} else {
		char *key = xasprintf("include:%s", name);
		ds_warn(st, line, key, "'{%% include %s %%}' is inside too many includes or blocks: left out", name);
		free(key);
	}
	if (text) {
		struct S_scope inner = {STRVEC_INIT, params, true};
		S_params(st, a + e, n - e, params, &inner);
		if (!depth)
			ds_map_add(&st->snip, in->lines + 1, srcline, true);
		/* Jekyll renders the file; a final newline of it stays. */
		in->includes++;
		S_inc_text(in, text, tlen, depth + 1, srcline, &inner);
		in->includes--;
		sv_free(&inner.vars);
		free(text);
	}
	free(name);
}

/* The end of a `{% … %}` tag starting at s[i], or DS_NONE; its name in
 * nm, nl and its arguments in args, al. */
static size_t S_tag_at(const char *s, size_t n, size_t i, const char **nm, size_t *nl, const char **args, size_t *al)
{
	/* The close is searched after the opening `{%`: in `{%}` the `%}`
	 * shares its `%` and closes nothing. */
	if (n - i < 4)
		return DS_NONE;
	const char *close = S_find(s + i + 2, n - i - 2, "%}");
	if (!close)
		return DS_NONE;
	size_t b = i + 2, e = (size_t)(close - s);
	if (b < e && s[b] == '-')
		b++;
	while (b < e && ds_wsnl(s[b]))
		b++;
	size_t k = b;
	while (k < e && (ds_alnum(s[k]) || s[k] == '_'))
		k++;
	*nm = s + b;
	*nl = k - b;
	size_t ae = e;
	if (ae > k && s[ae - 1] == '-')
		ae--;
	*args = s + k;
	*al = ae - k;
	ds_trim(args, al);
	return e + 2;
}

/* The end of the tag named closer that closes a block whose body
 * starts at md[from] (for: nested loops counted), or DS_NONE; its start
 * in *at when at is not NULL. Reads from the scan budget. */
static size_t S_closing_at(struct S_inc *in, const char *md, size_t len, size_t from, const char *closer, size_t *at)
{
	int open = 1;
	bool nests = strcmp(closer, "endfor") == 0;
	for (size_t k = from; k + 1 < len; k++) {
		if (!in->scan)
			return DS_NONE;
		in->scan--;
		if (md[k] != '{' || md[k + 1] != '%')
			continue;
		const char *nm, *args;
		size_t nml, al;
		size_t end = S_tag_at(md, len, k, &nm, &nml, &args, &al);
		if (end == DS_NONE)
			return DS_NONE;
		open += nests && ds_eq(nm, nml, "for");
		open -= ds_eq(nm, nml, closer);
		if (!open) {
			if (at)
				*at = k;
			return end;
		}
		in->scan -= in->scan < end - 1 - k ? in->scan : end - 1 - k;
		k = end - 1;
	}
	return DS_NONE;
}

/* `{% for x in list %}` whose tag ends at md[tag_end]: the body pasted
 * once for each item, x set to it. Returns where the text goes on after
 * its `{% endfor %}`, or DS_NONE when the loop is not one sheaf can run
 * (pass 2 then keeps its body once, with a warning). */
static size_t S_for(struct S_inc *in, const char *md, size_t len, size_t tag_end, const char *a, size_t al,
		    int depth, size_t srcline, struct S_scope *sc)
{
	size_t vn = 0;
	while (vn < al && ds_ident(a[vn]))
		vn++;
	const char *e = a + vn;
	size_t el = al - vn;
	ds_trim(&e, &el);
	if (!vn || el < 3 || memcmp(e, "in", 2) != 0 || !ds_wsnl(e[2]) || depth >= S_MAX_NEST)
		return DS_NONE;
	e += 3, el -= 3;
	ds_trim(&e, &el);
	for (size_t k = 0; k < el; k++)
		if (!ds_ident(e[k]) && e[k] != '.')
			return DS_NONE; /* limit:, offset:, reversed, a range: not run */
	char *list = S_eval(in->st, e, el, sc);
	size_t at = 0, end = list ? S_closing_at(in, md, len, tag_end, "endfor", &at) : DS_NONE;
	if (end == DS_NONE) {
		free(list);
		list = NULL;
	}
	if (!list)
		return DS_NONE;
	if (!depth)
		ds_map_add(&in->st->snip, in->lines + 1, srcline, true);
	for (const char *it = list; *it;) {
		const char *stop = strchr(it, S_ITEM);
		size_t n = stop ? (size_t)(stop - it) : strlen(it);
		if (at - tag_end > in->budget)
			break;
		in->budget -= at - tag_end;
		struct S_scope inner = {STRVEC_INIT, sc, false};
		S_set(&inner, a, vn, xstrndup(it, n));
		S_inc_text(in, md + tag_end, at - tag_end, depth + 1, srcline, &inner);
		sv_free(&inner.vars);
		it += n + (stop != NULL);
	}
	free(list);
	return end;
}

/* ---- {% if %}, {% unless %}, {% case %} and {% capture %} (pass 0) ----
 *
 * Liquid's conditions (Liquid's condition.rb) where every value they read
 * is known: literals, variables set here, and the generator's values.
 * The generator gives text (site.h): nothing is nil, YAML's booleans and
 * numbers are written as such. A value set here that is nothing or a
 * boolean's word may be either, so it is not known. */

enum S_kind { S_UNKNOWN, S_NIL, S_FALSE, S_TRUE, S_STR, S_NUM, S_LIST, S_EMPTY, S_BLANK };
struct S_val {
	enum S_kind k;
	char *s; /* S_STR, S_LIST (its items each ended by S_ITEM) */
	double num;
};

/* A word of YAML 1.1 (Ruby's Psych): its boolean or nil, or S_STR. */
static enum S_kind S_yaml_word(const char *s)
{
	static const char *const t[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
	static const char *const f[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
	static const char *const z[] = {"null", "Null", "NULL", "~"};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (strcmp(s, t[i]) == 0)
			return S_TRUE;
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if (strcmp(s, f[i]) == 0)
			return S_FALSE;
	for (size_t i = 0; i < sizeof z / sizeof *z; i++)
		if (strcmp(s, z[i]) == 0)
			return S_NIL;
	return S_STR;
}

/* An operand of a condition; v.s is malloc'd. */
static struct S_val S_operand(struct ds_state *st, const char *e, size_t el, const struct S_scope *sc)
{
	struct S_val v = {S_UNKNOWN, NULL, 0};
	if (!el)
		return v;
	if (el >= 2 && (e[0] == '"' || e[0] == '\'') && e[el - 1] == e[0]) {
		v.k = S_STR;
		v.s = xstrndup(e + 1, el - 2);
		return v;
	}
	if (S_number(e, el, &v.num)) {
		v.k = S_NUM;
		return v;
	}
	static const struct {
		const char *w;
		enum S_kind k;
	} words[] = {{"true", S_TRUE}, {"false", S_FALSE}, {"nil", S_NIL}, {"null", S_NIL},
		     {"empty", S_EMPTY}, {"blank", S_BLANK}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (ds_eq(e, el, words[i].w)) {
			v.k = words[i].k;
			return v;
		}
	for (size_t i = 0; i < el; i++)
		if (!ds_ident(e[i]) && e[i] != '.')
			return v; /* a range, a filter, an index: not read */
	bool set_here = S_scoped(sc, e, el);
	char *t = S_eval(st, e, el, sc);
	if (!t)
		return v;
	enum S_kind w = *t ? S_yaml_word(t) : S_NIL;
	if (strchr(t, S_ITEM)) {
		v.k = S_LIST;
	} else if (set_here && w != S_STR) {
		v.k = S_UNKNOWN; /* nothing or a word: a string or not */
	} else if (w != S_STR) {
		v.k = w;
	} else {
		v.k = S_number(t, strlen(t), &v.num) ? S_NUM : S_STR;
	}
	if (v.k == S_STR || v.k == S_LIST)
		v.s = t;
	else
		free(t);
	return v;
}

/* Liquid's `x == empty` and `x == blank`: 1, 0, or -1 when not known. */
static int S_is_empty(struct S_val a, bool blank)
{
	switch (a.k) {
	case S_NIL:
		return blank ? 1 : -1; /* nothing: also an empty list */
	case S_FALSE:
		return blank;
	case S_STR: {
		if (!blank)
			return !*a.s;
		for (const char *c = a.s; *c; c++)
			if (!ds_wsnl(*c))
				return 0;
		return 1;
	}
	case S_LIST:
		return !*a.s;
	case S_TRUE:
	case S_NUM:
		return 0;
	default:
		return -1;
	}
}

static int S_equal(struct S_val a, struct S_val b)
{
	if (a.k == S_UNKNOWN || b.k == S_UNKNOWN)
		return -1;
	if (b.k == S_EMPTY || b.k == S_BLANK)
		return a.k == S_EMPTY || a.k == S_BLANK ? -1 : S_is_empty(a, b.k == S_BLANK);
	if (a.k == S_EMPTY || a.k == S_BLANK)
		return S_is_empty(b, a.k == S_BLANK);
	if (a.k != b.k)
		return 0;
	if (a.k == S_NUM)
		return a.num == b.num;
	if (a.k == S_STR || a.k == S_LIST)
		return strcmp(a.s, b.s) == 0;
	return 1;
}

/* `a op b`: 1, 0, or -1 when not known. */
static int S_compare(struct S_val a, const char *op, size_t ol, struct S_val b)
{
	if (ds_eq(op, ol, "=="))
		return S_equal(a, b);
	if (ds_eq(op, ol, "!=") || ds_eq(op, ol, "<>")) {
		int r = S_equal(a, b);
		return r < 0 ? r : !r;
	}
	if (a.k == S_UNKNOWN || b.k == S_UNKNOWN)
		return -1;
	if (ds_eq(op, ol, "contains")) {
		if (a.k == S_NIL)
			return 0;
		if (b.k != S_STR)
			return -1;
		if (a.k == S_STR)
			return strstr(a.s, b.s) != NULL;
		if (a.k != S_LIST)
			return -1;
		for (const char *it = a.s; *it;) {
			const char *stop = strchr(it, S_ITEM);
			if (ds_eq(it, (size_t)(stop - it), b.s))
				return 1;
			it = stop + 1;
		}
		return 0;
	}
	int c;
	if (a.k == S_NUM && b.k == S_NUM)
		c = a.num < b.num ? -1 : a.num > b.num;
	else if (a.k == S_STR && b.k == S_STR)
		c = strcmp(a.s, b.s);
	else if (a.k == S_NIL)
		return 0; /* nil has no order: the condition is false */
	else
		return -1; /* Liquid's error */
	if (ds_eq(op, ol, "<"))
		return c < 0;
	if (ds_eq(op, ol, ">"))
		return c > 0;
	if (ds_eq(op, ol, "<="))
		return c <= 0;
	if (ds_eq(op, ol, ">="))
		return c >= 0;
	return -1;
}

/* The tokens of a tag's arguments: quoted strings, ',' and words. */
static size_t S_tokens(const char *a, size_t n, const char **tok, size_t *tl, size_t max)
{
	size_t c = 0;
	for (size_t i = 0; i < n;) {
		if (ds_wsnl(a[i])) {
			i++;
			continue;
		}
		if (c == max)
			return max + 1;
		size_t b = i;
		if (a[i] == '"' || a[i] == '\'') {
			const char *q = memchr(a + i + 1, a[i], n - i - 1);
			if (!q)
				return max + 1;
			i = (size_t)(q - a) + 1;
		} else if (a[i] == ',') {
			i++;
		} else {
			while (i < n && !ds_wsnl(a[i]) && a[i] != ',' && a[i] != '"' && a[i] != '\'')
				i++;
		}
		tok[c] = a + b;
		tl[c++] = i - b;
	}
	return c;
}

#define S_MAX_TOKENS 64

/* Three-valued and/or: -1 is not known. */
static int S_and_or(bool and, int x, int y)
{
	if (and)
		return x == 0 || y == 0 ? 0 : x < 0 || y < 0 ? -1 : 1;
	return x == 1 || y == 1 ? 1 : x < 0 || y < 0 ? -1 : 0;
}

/* A condition: `a`, `a op b`, joined by and/or (read right to left, as
 * Liquid does). 1, 0, or -1 when a value it reads is not known. */
static int S_condition(struct ds_state *st, const char *a, size_t n, const struct S_scope *sc)
{
	const char *tok[S_MAX_TOKENS];
	size_t tl[S_MAX_TOKENS];
	size_t nt = S_tokens(a, n, tok, tl, S_MAX_TOKENS);
	if (!nt || nt > S_MAX_TOKENS)
		return -1;
	int res[S_MAX_TOKENS];
	bool ands[S_MAX_TOKENS];
	size_t nc = 0;
	for (size_t i = 0; i < nt;) {
		struct S_val x = S_operand(st, tok[i], tl[i], sc);
		int r;
		static const char *const ops[] = {"==", "!=", "<>", "<", ">", "<=", ">=", "contains"};
		bool op = false;
		for (size_t o = 0; i + 2 < nt + 1 && i + 1 < nt && o < sizeof ops / sizeof *ops; o++)
			op |= ds_eq(tok[i + 1], tl[i + 1], ops[o]);
		if (op && i + 2 < nt) {
			struct S_val y = S_operand(st, tok[i + 2], tl[i + 2], sc);
			r = S_compare(x, tok[i + 1], tl[i + 1], y);
			free(y.s);
			i += 3;
		} else if (op) {
			r = -1, i = nt;
		} else {
			r = x.k == S_UNKNOWN || x.k == S_EMPTY || x.k == S_BLANK ? -1 : x.k != S_NIL && x.k != S_FALSE;
			i++;
		}
		free(x.s);
		res[nc] = r;
		ands[nc] = false;
		if (i < nt) {
			if (!ds_eq(tok[i], tl[i], "and") && !ds_eq(tok[i], tl[i], "or"))
				return -1;
			ands[nc] = ds_eq(tok[i], tl[i], "and");
			if (++i == nt)
				return -1;
		}
		nc++;
	}
	int r = res[nc - 1];
	for (size_t c = nc - 1; c-- > 0;)
		r = S_and_or(ands[c], res[c], r);
	return r;
}

/* `{% case v %}`'s `when a, b` (or `a or b`): 1, 0 or -1. */
static int S_when(struct ds_state *st, struct S_val v, const char *a, size_t n, const struct S_scope *sc)
{
	const char *tok[S_MAX_TOKENS];
	size_t tl[S_MAX_TOKENS];
	size_t nt = S_tokens(a, n, tok, tl, S_MAX_TOKENS);
	if (!nt || nt > S_MAX_TOKENS)
		return -1;
	int r = 0;
	for (size_t i = 0; i < nt; i += 2) {
		struct S_val x = S_operand(st, tok[i], tl[i], sc);
		r = S_and_or(false, r, S_equal(v, x));
		free(x.s);
		if (i + 1 < nt && !ds_eq(tok[i + 1], tl[i + 1], ",") && !ds_eq(tok[i + 1], tl[i + 1], "or"))
			return -1;
	}
	return r;
}

/* A tag's whitespace control: `{%-` strips the white space before it,
 * `-%}` after it. */
static bool S_trim_left(const char *md, size_t tag)
{
	return md[tag + 2] == '-';
}

static bool S_trim_right(const char *md, size_t end)
{
	return end >= 5 && md[end - 3] == '-';
}

static size_t S_skip_ws(const char *md, size_t len, size_t i)
{
	while (i < len && ds_wsnl(md[i]))
		i++;
	return i;
}

/* The output's white space at its end, after floor, goes (`{%-`). */
static void S_out_rtrim(struct S_inc *in, size_t floor)
{
	while (in->out.len > floor && ds_wsnl(in->out.s[in->out.len - 1]))
		in->lines -= in->out.s[--in->out.len] == '\n';
	if (in->out.s)
		in->out.s[in->out.len] = '\0';
}

/* The tags of a block at its own level (`elsif`, `else`, `when` and its
 * closer): where each starts and ends. */
struct S_part {
	size_t at, end;
	const char *nm, *args;
	size_t nml, al;
};

#define S_MAX_PARTS 64

/* The parts of a block whose body starts at from, up to its closer;
 * their number, or 0 when it is not closed (or has too many parts). */
static size_t S_parts(struct S_inc *in, const char *md, size_t len, size_t from, const char *closer,
		      struct S_part *parts)
{
	static const char *const blocks[] = {"if", "unless", "case", "for", "capture", "tablerow"};
	size_t np = 0;
	int open = 1;
	for (size_t k = from; k + 1 < len; k++) {
		if (!in->scan)
			return 0;
		in->scan--;
		if (md[k] != '{' || md[k + 1] != '%')
			continue;
		struct S_part p = {k, 0, NULL, NULL, 0, 0};
		p.end = S_tag_at(md, len, k, &p.nm, &p.nml, &p.args, &p.al);
		if (p.end == DS_NONE)
			return 0;
		size_t skip = p.end;
		if (ds_eq(p.nm, p.nml, "raw") || ds_eq(p.nm, p.nml, "comment")) {
			skip = S_closing_at(in, md, len, p.end, ds_eq(p.nm, p.nml, "raw") ? "endraw" : "endcomment", NULL);
			if (skip == DS_NONE)
				return 0;
		}
		for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++)
			open += ds_eq(p.nm, p.nml, blocks[b]);
		if (p.nml > 3 && ds_at(p.nm, p.nml, 0, "end"))
			open--;
		if (open == 1 && (ds_eq(p.nm, p.nml, "elsif") || ds_eq(p.nm, p.nml, "else") ||
				  ds_eq(p.nm, p.nml, "when"))) {
			if (np + 1 >= S_MAX_PARTS)
				return 0;
			parts[np++] = p;
		}
		if (!open) {
			if (!ds_eq(p.nm, p.nml, closer))
				return 0;
			parts[np++] = p;
			return np;
		}
		in->scan -= in->scan < skip - 1 - k ? in->scan : skip - 1 - k;
		k = skip - 1;
	}
	return 0;
}

/* `{% if %}`, `{% unless %}` or `{% case %}` whose tag is md[tag..end):
 * the branches Liquid takes, pasted. Returns where the text goes on, or
 * DS_NONE when a value is not known (pass 2 then keeps every branch). */
static size_t S_cond_block(struct S_inc *in, const char *md, size_t len, size_t end, const char *nm, size_t nml,
			   const char *a, size_t al, int depth, size_t srcline, struct S_scope *sc)
{
	if (depth >= S_MAX_NEST)
		return DS_NONE;
	bool is_case = ds_eq(nm, nml, "case");
	const char *closer = is_case ? "endcase" : ds_eq(nm, nml, "if") ? "endif" : "endunless";
	struct S_part parts[S_MAX_PARTS];
	size_t np = S_parts(in, md, len, end, closer, parts);
	if (!np)
		return DS_NONE;
	bool take[S_MAX_PARTS] = {false};
	if (is_case) {
		/* Every `when` that matches, else the `else`s. */
		struct S_val v = S_operand(in->st, a, al, sc);
		bool any = false;
		for (size_t j = 0; j + 1 < np; j++) {
			int r = ds_eq(parts[j].nm, parts[j].nml, "when") ? S_when(in->st, v, parts[j].args, parts[j].al, sc)
				: ds_eq(parts[j].nm, parts[j].nml, "else") ? 0 : -1;
			if (r < 0) {
				free(v.s);
				return DS_NONE;
			}
			take[j] = r;
			any |= r;
		}
		free(v.s);
		for (size_t j = 0; j + 1 < np && !any; j++)
			take[j] = ds_eq(parts[j].nm, parts[j].nml, "else");
	} else {
		/* The first branch whose condition holds; -1 is the tag's own. */
		for (size_t j = 0; j < np; j++) {
			const struct S_part *p = j ? &parts[j - 1] : NULL;
			int r;
			if (!p)
				r = S_condition(in->st, a, al, sc), r = r < 0 || !ds_eq(nm, nml, "unless") ? r : !r;
			else if (ds_eq(p->nm, p->nml, "elsif"))
				r = S_condition(in->st, p->args, p->al, sc);
			else if (ds_eq(p->nm, p->nml, "else"))
				r = 1;
			else
				r = -1;
			if (r < 0)
				return DS_NONE;
			if (r) {
				take[j] = true;
				break;
			}
		}
	}
	/* take[j]: the body after parts[j - 1] (the tag itself for 0) for if;
	 * after parts[j] for case (its body before the first when is none). */
	if (!depth)
		ds_map_add(&in->st->snip, in->lines + 1, srcline, true);
	for (size_t j = 0; j < np; j++) {
		if (!take[j])
			continue;
		size_t from = is_case ? parts[j].end : j ? parts[j - 1].end : end;
		size_t to = is_case ? parts[j + 1].at : parts[j].at;
		bool rtrim = is_case ? S_trim_right(md, parts[j].end) : S_trim_right(md, j ? parts[j - 1].end : end);
		if (rtrim)
			from = S_skip_ws(md, to, from);
		size_t before = in->out.len;
		S_inc_text(in, md + from, to - from, depth + 1, srcline, sc);
		if (S_trim_left(md, is_case ? parts[j + 1].at : parts[j].at))
			S_out_rtrim(in, before);
	}
	size_t after = parts[np - 1].end;
	return S_trim_right(md, after) ? S_skip_ws(md, len, after) : after;
}

/* `{% capture x %}…{% endcapture %}`: x set to the text, when all of it
 * is known. Returns where the text goes on, or DS_NONE. */
static size_t S_capture(struct S_inc *in, const char *md, size_t len, size_t end, const char *a, size_t al,
			int depth, size_t srcline, struct S_scope *sc)
{
	size_t vn = 0;
	while (vn < al && ds_ident(a[vn]))
		vn++;
	size_t at = 0, after = DS_NONE;
	if (vn && in->frozen)
		S_set(in->root, a, vn, xstrdup(S_NOT_KNOWN));
	if (!vn || vn != al || depth >= S_MAX_NEST || in->frozen ||
	    (after = S_closing_at(in, md, len, end, "endcapture", &at)) == DS_NONE)
		return DS_NONE;
	size_t before = in->out.len, lines = in->lines;
	size_t from = S_trim_right(md, end) ? S_skip_ws(md, at, end) : end;
	S_inc_text(in, md + from, at - from, depth + 1, srcline, sc);
	if (S_trim_left(md, at))
		S_out_rtrim(in, before);
	const char *text = in->out.s ? in->out.s + before : "";
	char *v = S_find(text, strlen(text), "{%") ? NULL : S_fill(in->st, text, strlen(text), sc, true);
	in->out.len = before;
	if (in->out.s)
		in->out.s[before] = '\0';
	in->lines = lines;
	S_set(in->root, a, vn, v ? v : xstrdup(S_NOT_KNOWN));
	if (!v)
		return DS_NONE;
	return S_trim_right(md, after) ? S_skip_ws(md, len, after) : after;
}

/* Adds text, its `{{ … }}` of variables sc knows filled in. */
static void S_inc_fill(struct S_inc *in, const char *s, size_t n, const struct S_scope *sc)
{
	bool vars = false;
	for (const struct S_scope *c = sc; c && !vars; c = c->up)
		vars = c->vars.n > 0 || c->include;
	char *filled = vars && memchr(s, '{', n) ? S_fill(in->st, s, n, sc, false) : NULL;
	S_inc_add(in, filled ? filled : s, filled ? strlen(filled) : n);
	free(filled);
}

/* The text before a tag done here, without its white space at the end
 * when the tag at md[tag] begins `{%-`. */
static void S_inc_before(struct S_inc *in, const char *s, size_t n, const struct S_scope *sc, const char *md,
			 size_t tag)
{
	S_inc_fill(in, s, n, sc);
	if (S_trim_left(md, tag)) {
		S_out_rtrim(in, 0);
		in->any = true;
	}
}

/* `{%-` of a block done here: the white space before out[mark), where
 * the block's output begins, goes. */
static void S_out_cut_ws(struct S_inc *in, size_t mark)
{
	if (!in->out.s)
		return;
	size_t w = mark;
	while (w && ds_wsnl(in->out.s[w - 1]))
		in->lines -= in->out.s[--w] == '\n';
	memmove(in->out.s + w, in->out.s + mark, in->out.len - mark + 1);
	in->out.len -= mark - w;
}

/* The end of the block a tag named nm opens, its body from md[end]; the
 * text's end when it is not closed. */
static size_t S_block_end(struct S_inc *in, const char *md, size_t len, size_t end, const char *nm, size_t nml)
{
	struct S_part parts[S_MAX_PARTS];
	char *closer = xasprintf("end%.*s", (int)nml, nm);
	size_t np = S_parts(in, md, len, end, closer, parts);
	free(closer);
	return np ? parts[np - 1].end : len;
}

/* The end of a code span (CommonMark: a run of backticks closed by one as
 * long) starting at l[k] on this line, or of the run when none closes. */
static size_t S_code_span_end(const char *l, size_t ln, size_t k)
{
	size_t r = 0;
	while (k + r < ln && l[k + r] == '`')
		r++;
	for (size_t c = k + r; c < ln;) {
		size_t cr = 0;
		while (c + cr < ln && l[c + cr] == '`')
			cr++;
		if (cr == r)
			return c + cr;
		c += cr ? cr : 1;
	}
	return k + r;
}

/* Copies md, pasting includes, running loops and assignments; depth 0 is
 * the post (its lines mapped), deeper an included file or a loop's body
 * (its lines all from fixed). Code fences and raw regions are copied as
 * they are. */
static void S_inc_text(struct S_inc *in, const char *md, size_t len, int depth, size_t fixed,
		       struct S_scope *sc)
{
	struct ds_state *st = in->st;
	size_t i = 0, line = 0, fence = 0;
	char fch = 0;
	bool mid = false; /* i is inside a line (after a loop) */
	size_t none_after[3] = {DS_NONE, DS_NONE, DS_NONE}; /* no raw/highlight/comment closer from here */
	size_t until = 0; /* the end of the blocks kept whole so far */
	while (i < len) {
		const char *nl = memchr(md + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - md) + 1 : len;
		if (!mid)
			line++;
		size_t srcline = depth ? fixed : line;
		if (!depth)
			ds_map_add(&st->snip, in->lines + 1, line, false);
		const char *l = md + i;
		size_t ln = next - i, f;
		ds_indent(l, ln, &f);
		size_t run = 0;
		while (!mid && f < 4 && f + run < ln && (l[f + run] == '`' || l[f + run] == '~') && l[f + run] == l[f])
			run++;
		mid = false;
		if (run >= 3 && (!fence || (l[f] == fch && run >= fence))) {
			fence = fence ? 0 : run;
			fch = l[f];
			S_inc_add(in, l, ln);
			i = next;
			continue;
		}
		if (fence) {
			S_inc_add(in, l, ln);
			i = next;
			continue;
		}
		size_t k = 0, copied = 0, resume = DS_NONE;
		while (k + 1 < ln && resume == DS_NONE) {
			if (l[k] == '`') {
				k = S_code_span_end(l, ln, k); /* inline code: kept as it is */
				continue;
			}
			if (l[k] == '{' && l[k + 1] == '{') {
				/* An output's whitespace control; its value is filled
				 * here or in pass 2. */
				const char *c = S_find(l + k, ln - k, "}}");
				size_t tend = c ? (size_t)(c - l) + 2 : DS_NONE;
				if (tend != DS_NONE && l[k + 2] == '-') {
					S_inc_fill(in, l + copied, k - copied, sc);
					S_out_rtrim(in, 0);
					copied = k;
					in->any = true;
				}
				if (tend != DS_NONE && tend >= k + 5 && l[tend - 3] == '-') {
					S_inc_fill(in, l + copied, tend - copied, sc);
					copied = tend;
					in->any = true;
					size_t after = S_skip_ws(md, len, i + tend);
					for (size_t n = i; n < after; n++)
						line += md[n] == '\n';
					resume = after;
				}
				k = tend != DS_NONE ? tend : k + 2;
				continue;
			}
			if (l[k] != '{' || l[k + 1] != '%') {
				k++;
				continue;
			}
			const char *nm, *args;
			size_t nml, al;
			size_t end = S_tag_at(md, len, i + k, &nm, &nml, &args, &al);
			if (end == DS_NONE)
				break;
			static const char *const closers[][2] = {
				{"raw", "endraw"}, {"highlight", "endhighlight"}, {"comment", "endcomment"}};
			const char *closer = NULL;
			size_t ci = 0;
			for (size_t c = 0; c < 3 && !closer; c++)
				if (ds_eq(nm, nml, closers[c][0]))
					closer = closers[c][1], ci = c;
			size_t after = DS_NONE;
			bool was_frozen = in->frozen;
			in->frozen |= i + k < until;
			if (closer) {
				/* Text Liquid does not read here: copied as it is, for
				 * pass 2 (tags may span lines). */
				/* No closer after one point: none after a later one. */
				after = end >= none_after[ci] ? DS_NONE : S_closing_at(in, md, len, end, closer, NULL);
				if (after == DS_NONE && end < none_after[ci])
					none_after[ci] = end;
				if (after != DS_NONE) {
					S_inc_fill(in, l + copied, k - copied, sc);
					if (S_trim_left(md, i + k)) {
						S_out_rtrim(in, 0);
						in->any = true;
					}
					S_inc_add(in, md + i + k, after - (i + k));
					if (S_trim_right(md, after)) { /* the closing tag's */
						after = S_skip_ws(md, len, after);
						in->any = true;
					}
				}
			} else if (end > next) {
				break; /* another tag over several lines: pass 2's */
			} else if (ds_eq(nm, nml, "include") || ds_eq(nm, nml, "include_relative")) {
				S_inc_before(in, l + copied, k - copied, sc, md, i + k);
				S_include(in, args, al, ds_eq(nm, nml, "include_relative"), depth, srcline, sc);
				in->any = true;
				copied = end - i;
			} else if (ds_eq(nm, nml, "assign")) {
				/* `{% assign x = value %}`: known values are set, others
				 * left for pass 2 (which drops the tag). */
				size_t vn = 0;
				while (vn < al && ds_ident(args[vn]))
					vn++;
				const char *eq = memchr(args, '=', al);
				char *v = vn && eq ? S_eval(st, eq + 1, al - (size_t)(eq + 1 - args), sc) : NULL;
				if (vn && (!v || in->frozen)) {
					free(v); /* pass 2's; what it sets is not known */
					v = NULL;
					S_set(in->root, args, vn, xstrdup(S_NOT_KNOWN));
				}
				if (v) {
					S_set(in->root, args, vn, v);
					S_inc_before(in, l + copied, k - copied, sc, md, i + k);
					in->any = true;
					copied = end - i;
				}
			} else if (ds_eq(nm, nml, "for")) {
				/* The text before the tag, then the loop's. */
				size_t before = in->out.len, lines = in->lines;
				S_inc_fill(in, l + copied, k - copied, sc);
				after = S_for(in, md, len, end, args, al, depth, srcline, sc);
				if (after == DS_NONE) { /* not run: pass 2's */
					in->out.len = before;
					in->out.s[before] = '\0';
					in->lines = lines;
				} else {
					in->any = true;
				}
			} else if (ds_eq(nm, nml, "if") || ds_eq(nm, nml, "unless") || ds_eq(nm, nml, "case") ||
				   ds_eq(nm, nml, "capture")) {
				size_t before = in->out.len, lines = in->lines;
				S_inc_fill(in, l + copied, k - copied, sc);
				size_t mark = in->out.len;
				after = ds_eq(nm, nml, "capture")
						? S_capture(in, md, len, end, args, al, depth, srcline, sc)
						: S_cond_block(in, md, len, end, nm, nml, args, al, depth, srcline, sc);
				if (after == DS_NONE) { /* a value not known: pass 2's */
					in->out.len = before;
					if (in->out.s)
						in->out.s[before] = '\0';
					in->lines = lines;
				} else {
					if (S_trim_left(md, i + k))
						S_out_cut_ws(in, mark);
					in->any = true;
				}
			}
			in->frozen = was_frozen;
			if (after == DS_NONE && !closer && end <= next &&
			    (ds_eq(nm, nml, "for") || ds_eq(nm, nml, "if") || ds_eq(nm, nml, "unless") ||
			     ds_eq(nm, nml, "case") || ds_eq(nm, nml, "capture"))) {
				size_t be = S_block_end(in, md, len, end, nm, nml);
				until = be > until ? be : until;
			}
			if (after == DS_NONE && !closer && end <= next && copied != end - i &&
			    (S_trim_left(md, i + k) || S_trim_right(md, end))) {
				/* A tag pass 2 reads: its whitespace control is done here. */
				if (S_trim_left(md, i + k)) {
					S_inc_fill(in, l + copied, k - copied, sc);
					S_out_rtrim(in, 0);
					copied = k;
				}
				if (S_trim_right(md, end)) {
					S_inc_fill(in, l + copied, end - i - copied, sc);
					copied = end - i;
				}
				in->any = true;
			}
			if (after == DS_NONE && copied == end - i && S_trim_right(md, end)) {
				after = S_skip_ws(md, len, end); /* `-%}` of a tag done here */
				in->any = true;
			}
			if (after != DS_NONE) {
				/* The lines it spans are counted; the text goes on after it. */
				for (size_t c = i; c < after; c++)
					line += md[c] == '\n';
				resume = after;
			}
			k = end - i;
		}
		if (resume != DS_NONE) {
			i = resume;
			mid = i < len && md[i - 1] != '\n';
			continue;
		}
		S_inc_fill(in, l + copied, ln - copied, sc);
		i = next;
	}
}

static bool S_pre(struct ds_state *st, const char *md, size_t len, struct strbuf *out, void *self)
{
	(void)self;
	if (!S_find(md, len, "{%") && !S_find(md, len, "{{-") && !S_find(md, len, "-}}"))
		return false;
	struct S_scope root = {STRVEC_INIT, NULL, false};
	struct S_inc in = {st, STRBUF_INIT, 0, S_MAX_INCLUDE_TOTAL, false, S_MAX_SCAN, &root, false, 0};
	S_inc_text(&in, md, len, 0, 0, &root);
	sv_free(&root.vars);
	if (!in.any) {
		sb_release(&in.out);
		return false;
	}
	*out = in.out;
	return true;
}

static const struct tags_syntax S_liquid = {"Liquid", S_liquid_value, true};

/* The pass's state: the tags' (first, so their hooks take it as it is)
 * and the per-paragraph search for the end of a gist tag. */
struct S_liq {
	struct tags t;
	struct ds_cache gist_end;
};

static void S_init(struct ds_state *st, void *self)
{
	(void)st;
	struct S_liq *l = self;
	l->t.syn = &S_liquid;
}

/* jekyll-gist's `{% gist [user/]id [file] %}` (on by default on GitHub
 * Pages): a link to the gist the page embedded. */
static size_t S_gist(struct S_liq *l, struct ds_inl *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n, k = i + 2;
	if (k < n && s[k] == '-')
		k++;
	while (k < n && ds_sp(s[k]))
		k++;
	if (!ds_at(s, n, k, "gist") || k + 4 >= n || !ds_sp(s[k + 4]))
		return 0;
	size_t close = ds_cached(&l->gist_end, s, n, k, ds_find_lit, "%}");
	if (close == DS_NONE)
		return 0;
	const char *args = s + k + 4;
	size_t al = close - (k + 4);
	if (al && args[al - 1] == '-')
		al--;
	ds_trim(&args, &al);
	size_t end = close + 2;
	k = 0;
	while (k < al && !ds_wsnl(args[k]))
		k++;
	const char *file = args + k;
	size_t fl = al - k;
	ds_trim(&file, &fl);
	if (!k)
		return 0;
	for (size_t c = 0; c < k; c++)
		if (!ds_ident(args[c]) && args[c] != '/')
			return 0; /* a variable or a quoted id: not read */
	struct strbuf url = STRBUF_INIT;
	sb_adds(&url, "https://gist.github.com/");
	sb_add(&url, args, k);
	if (fl) {
		/* GitHub's anchor of a gist's file: #file-name-ext */
		sb_adds(&url, "#file-");
		for (size_t c = 0; c < fl; c++)
			sb_addc(&url, ds_alnum(file[c]) ? (char)tolower((unsigned char)file[c]) : '-');
	}
	ds_embed_md_link(x->out, ds_words(x->st), "Gist", url.s);
	sb_release(&url);
	return end - i;
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	struct S_liq *l = self;
	size_t a = i + 1 < x->n && x->s[i + 1] == '%' ? S_gist(l, x, i) : 0;
	return a ? a : tags_brace(x, i, &l->t);
}

static void S_run_begin(void *self)
{
	struct S_liq *l = self;
	tags_run_begin(&l->t);
	memset(&l->gist_end, 0, sizeof l->gist_end);
}

static void S_title_begin(void *self)
{
	struct S_liq *l = self;
	tags_title_begin(&l->t);
	memset(&l->gist_end, 0, sizeof l->gist_end);
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_liquid = {
	.name = "liquid",
	.state_size = sizeof(struct S_liq),
	.title_size = sizeof(struct S_liq),
	.init = S_init,
	.pre = S_pre,
	.block = tags_block, /* these take the tags, the state's first member */
	.line = tags_line,
	.triggers = S_triggers,
	.hold = tags_hold,
	.code = tags_code,
	.run_begin = S_run_begin,
	.title_begin = S_title_begin,
};
