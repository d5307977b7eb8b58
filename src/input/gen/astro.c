/* Astro: a folder with astro.config.{mjs,js,ts,mts,cjs}; the posts are the
 * entries of the site's blog content collection.
 *
 * As Astro reads them (packages/astro/src/content/loaders/glob.ts,
 * content/utils.ts getContentEntryIdAndSlug, core/constants.ts):
 * - Collections are defined in <srcDir>/content.config.{ts,js,mjs,mts}
 *   (Astro 5+), or the legacy <srcDir>/content/config.*: each
 *   `defineCollection({ loader: glob({ pattern, base, generateId }) })`,
 *   or a loader-less legacy collection (`type: 'content'`, the default)
 *   reading <srcDir>/content/<name>/. Without any config, every folder of
 *   <srcDir>/content/ is a legacy collection (Astro 2-4).
 * - A glob collection holds the files under `base` (relative to the root)
 *   that `pattern` (a picomatch glob, or a list with `!` negations)
 *   matches and that an entry type reads: Markdown (.md .markdown .mdown
 *   .mkdn .mkd .mdwn) always, .mdx with the MDX integration (Starlight
 *   brings it), .mdoc with Markdoc's. A legacy collection takes every
 *   such file, except those whose name or folder starts with `_`.
 * - An entry's id is its `slug` field, else its path without extension,
 *   each segment through github-slugger, a trailing `/index` dropped. A
 *   `generateId` function is JavaScript: sheaf does not run it and keeps
 *   the default ids (reported once).
 * The configs are JavaScript: only their literal parts are read
 * (base/jsliteral.h); nothing is run.
 *
 * Astro itself knows no drafts, dates, authors or covers: those are the
 * fields its blog templates and themes define (the blog starter's
 * pubDate/updatedDate/heroImage, AstroPaper's pubDatetime/modDatetime/
 * ogImage, …), read here by their usual names. The post URL
 * /<collection>/<id>/ is the common route (src/pages/blog/[...slug].astro),
 * a convention, not something Astro fixes.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/glob.h"
#include "base/jsliteral.h"
#include "base/url.h"
#include "base/utf8.h"
#include "base/words.h"
#include "convert/dialect.h"
#include "input/site.h"
#include "input/sitedata.h"

static const char *const S_configs[] = {"astro.config.mjs", "astro.config.js", "astro.config.ts",
					"astro.config.mts", "astro.config.cjs", NULL};
/* Under srcDir: Astro 5's name first, then the legacy one. */
static const char *const S_content_configs[] = {"content.config.ts", "content.config.js", "content.config.mjs",
						"content.config.mts", "content/config.ts", "content/config.js",
						"content/config.mjs", "content/config.mts", NULL};
/* Astro's SUPPORTED_MARKDOWN_FILE_EXTENSIONS, then MDX's and Markdoc's. */
static const char *const S_exts[] = {".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdx", ".mdoc", NULL};
/* Collections whose name says they are the blog, most likely first. */
static const char *const S_blog_names[] = {"blog", "posts", "post", "articles", "news", NULL};

struct S_collection {
	char *name;
	char *base;              /* relative to the root, normalized */
	struct strvec patterns;  /* picomatch globs relative to base */
	bool legacy;             /* a loader-less collection: `_` files left out */
	bool computed_id;        /* generateId: a function sheaf does not run */
	char *file;              /* file() loader: the data file, relative to the root */
	const char *computed;    /* the glob option that is no literal ("base",
				    "pattern"): sheaf cannot know the entries; or NULL */
	bool pages;              /* Markdown pages of src/pages (no collection): routes
				    are paths as written; only dated ones are posts */
	int line;                /* of its definition in the content config; 0: none */
};

struct S_state {
	struct S_collection *cols;
	size_t n;
	const struct S_collection *blog; /* the collection read; NULL when none */
	bool mdx, markdoc;               /* the entry types the integrations add */
	bool starlight;                  /* the Starlight integration: its asides' titles */
	char *content_config;            /* relative to the root; NULL when none */
	struct fm_node *blog_authors;    /* starlight-blog's `authors`: id → {name}; or NULL */
	char *route;                     /* the blog's posts' URL prefix (`/blog`, ""), malloc'd */
	const char *url_end;             /* after a post's id: "/", "" (trailingSlash 'never')
					    or ".html" (build.format 'file') */
	struct strvec locale_dirs;       /* the blog's folders named after an i18n locale */
	char *locale_dir;                /* the one whose entries the book holds; NULL: those
					    outside every locale folder */
	struct strmap people;            /* an authors collection's entry id → index in people_names */
	struct strvec people_names;
	struct strvec alias_from;        /* tsconfig paths: `~/` … */
	struct strvec alias_to;          /* … and the folder it names, relative to the root */
};

static void S_state_free(void *state)
{
	struct S_state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < st->n; i++) {
		free(st->cols[i].name);
		free(st->cols[i].base);
		free(st->cols[i].file);
		sv_free(&st->cols[i].patterns);
	}
	free(st->cols);
	free(st->content_config);
	fm_node_free(st->blog_authors);
	free(st->route);
	sv_free(&st->locale_dirs);
	free(st->locale_dir);
	strmap_free(&st->people);
	sv_free(&st->people_names);
	sv_free(&st->alias_from);
	sv_free(&st->alias_to);
	free(st);
}

/* ---- Reading JavaScript without running it ---- */

static size_t S_ident_len(const char *t, size_t len, size_t i)
{
	size_t n = 0;
	while (i + n < len && (isalnum((unsigned char)t[i + n]) || t[i + n] == '_' || t[i + n] == '$'))
		n++;
	return n;
}

/* One member of an object literal. */
struct S_member {
	char *key;      /* decoded; NULL for a spread or a computed key */
	size_t value;   /* where its value starts (for shorthand `{a}`, the key) */
	size_t end;     /* just past the value */
	bool shorthand; /* `{a}`: the value is the variable a */
};

/* The next direct member of the object literal being read at *i (just
 * inside its `{`, or past the previous member): true and m (free m->key),
 * false at its `}` or the end of the text. */
static bool S_next_member(const char *t, size_t len, size_t *i, struct S_member *m)
{
	memset(m, 0, sizeof *m);
	size_t j = js_skip_space(t, len, *i);
	while (j < len && t[j] == ',')
		j = js_skip_space(t, len, j + 1);
	if (j >= len || t[j] == '}' || t[j] == ')' || t[j] == ']')
		return false;
	size_t k = j, kl = 0;
	if (t[j] == '"' || t[j] == '\'') {
		struct js_value *v = NULL;
		if (js_read(&v, &k, t, len, j, 1) == 0 && v->kind == JS_STRING)
			m->key = xstrdup(v->text);
		js_value_free(v);
	} else if ((kl = S_ident_len(t, len, j)) > 0) {
		m->key = xstrndup(t + j, kl);
		k = j + kl;
	}
	size_t after = js_skip_space(t, len, k);
	if (m->key && after < len && t[after] == ':') {
		m->value = js_skip_space(t, len, after + 1);
		m->end = js_skip_value(t, len, m->value);
	} else if (m->key && kl && (after >= len || t[after] == ',' || t[after] == '}')) {
		m->shorthand = true;
		m->value = j;
		m->end = after;
	} else {
		free(m->key); /* a spread, a method, a computed key */
		m->key = NULL;
		m->value = j;
		m->end = js_skip_value(t, len, j);
	}
	if (m->end <= j)
		m->end = j + 1; /* malformed: step on */
	*i = m->end;
	return true;
}

/* The position of the value of key among the direct members of the object
 * whose `{` is at t[open], or (size_t)-1. */
static size_t S_member_value(const char *t, size_t len, size_t open, const char *key)
{
	size_t i = open + 1, found = (size_t)-1;
	struct S_member m;
	while (found == (size_t)-1 && S_next_member(t, len, &i, &m)) {
		if (m.key && !m.shorthand && strcmp(m.key, key) == 0)
			found = m.value;
		free(m.key);
	}
	return found;
}

/* The literal at t[at] as a tree, or NULL. */
static struct fm_node *S_literal(const char *t, size_t len, size_t at)
{
	if (at == (size_t)-1)
		return NULL;
	struct js_value *v = NULL;
	size_t end;
	struct fm_node *n = js_read(&v, &end, t, len, at, 1) == 0 ? fm_from_js(v) : NULL;
	js_value_free(v);
	return n;
}

/* The string literal of key in the object at t[open] (malloc'd), or
 * NULL (absent, empty, or not a string literal). */
static char *S_member_string(const char *t, size_t len, size_t open, const char *key)
{
	struct fm_node *n = S_literal(t, len, S_member_value(t, len, open, key));
	char *s = n && n->kind == FM_SCALAR && !n->plain ? str_dup_nonempty(n->value) : NULL;
	fm_node_free(n);
	return s;
}

/* The line of t[at]. */
static int S_line(const char *t, size_t at)
{
	int line = 1;
	for (size_t i = 0; i < at && t[i]; i++)
		line += t[i] == '\n';
	return line;
}

/* The object literal passed first to the call `fn(` : the position of its
 * `{`, or (size_t)-1. */
static size_t S_call_object(const char *t, size_t len, const char *fn)
{
	size_t at = js_call(t, len, fn);
	if (at == (size_t)-1)
		return at;
	at = js_skip_space(t, len, at);
	return at < len && t[at] == '{' ? at : (size_t)-1;
}

/* Whether the config calls the integration a module exports by default. */
static bool S_integration(const char *t, size_t len, const char *module)
{
	char *name = js_import_name(t, len, module);
	bool used = name && js_call(t, len, name) != (size_t)-1;
	free(name);
	return used;
}

static char *S_read(const char *root, const char *rel)
{
	char *path = path_join(root, rel), *text = NULL;
	size_t len = 0;
	if (read_file_stat(path, (size_t)1 << 20, &text, &len, NULL) < 0)
		text = NULL;
	free(path);
	return text;
}

static const char *S_first_file(const char *root, const char *dir, const char *const *names, char **out)
{
	for (const char *const *n = names; *n; n++) {
		char *rel = strcmp(dir, ".") == 0 ? xstrdup(*n) : path_join(dir, *n);
		char *abs = path_join(root, rel);
		bool is = path_is_file(abs);
		free(abs);
		if (is) {
			*out = rel;
			return *n;
		}
		free(rel);
	}
	*out = NULL;
	return NULL;
}

/* A folder a config names, relative to the root and inside the site, or
 * NULL. */
static char *S_folder(const char *name)
{
	if (!name || !*name)
		return NULL;
	char *norm = path_normalize(name);
	if (norm[0] == '/' || str_starts_with(norm, "..")) {
		free(norm);
		return NULL;
	}
	return norm;
}

/* ---- Detection and configuration ---- */

/* The posts' passes by what the config adds: [`:::` directives][math].
 * MDX acts on .mdx entries only, Markdoc on .mdoc ones. `:::name` is a
 * directive only under remark-directive: Starlight's (it reads
 * `:::name[label]` containers in every collection; its asides box them in
 * docs only, elsewhere they are a plain block) or one the site lists;
 * else it is text. `$…$` is math only under remark-math: a price is no
 * formula. */
static const struct dialect *const S_passes[2][2][5] = {
	{{&dialect_mdx, &dialect_markdoc}, {&dialect_mdx, &dialect_math, &dialect_markdoc}},
	{{&dialect_mdx, &dialect_directives, &dialect_markdoc},
	 {&dialect_mdx, &dialect_directives, &dialect_math, &dialect_markdoc}},
};

/* Whether the site's remark plugins include module: `markdown: {
 * remarkPlugins }` of the config object at t[obj], or the MDX
 * integration's own (a plugin there acts on .mdx entries only; sheaf
 * lists the site's passes once, for every post). */
static bool S_remark_plugin(const char *t, size_t len, size_t obj, const char *module)
{
	size_t md = obj != (size_t)-1 ? S_member_value(t, len, obj, "markdown") : (size_t)-1;
	size_t at = md != (size_t)-1 && t[md] == '{' ? S_member_value(t, len, md, "remarkPlugins") : (size_t)-1;
	if (at != (size_t)-1 && js_value_mentions(t, len, at, module))
		return true;
	char *mdx = js_import_name(t, len, "@astrojs/mdx");
	size_t opts = mdx ? S_call_object(t, len, mdx) : (size_t)-1;
	free(mdx);
	at = opts != (size_t)-1 ? S_member_value(t, len, opts, "remarkPlugins") : (size_t)-1;
	return at != (size_t)-1 && js_value_mentions(t, len, at, module);
}

/* A warning about the site file rel (relative to the root). */
static void S_warn(struct diag_list *dl, const struct site *site, const char *rel, int line, const char *fmt, ...)
	SHEAF_PRINTF(5, 6);
static void S_warn(struct diag_list *dl, const struct site *site, const char *rel, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *path = path_join(site->root, rel);
	diag_warning(dl, path, line, 0, "%s", msg);
	free(path);
	free(msg);
}

static bool S_detect(const char *root)
{
	char *rel = NULL;
	bool found = S_first_file(root, ".", S_configs, &rel) != NULL;
	free(rel);
	return found;
}

/* A collection defined at t[at] (`defineCollection({...})`), added to st
 * as name. */
static void S_define(struct S_state *st, const char *name, const char *t, size_t len, size_t at,
		     const char *src_dir, const struct site *site, struct diag_list *dl)
{
	size_t n = S_ident_len(t, len, at);
	if (!(n == 16 && memcmp(t + at, "defineCollection", 16) == 0))
		return;
	size_t obj = js_skip_space(t, len, at + n);
	if (obj >= len || t[obj] != '(')
		return;
	obj = js_skip_space(t, len, obj + 1);
	if (obj >= len || t[obj] != '{')
		return;
	struct S_collection c = {0};
	c.line = S_line(t, at);
	size_t loader = S_member_value(t, len, obj, "loader");
	if (loader == (size_t)-1) {
		char *type = S_member_string(t, len, obj, "type");
		bool data = type && strcmp(type, "data") == 0;
		free(type);
		if (data)
			return;
		c.legacy = true;
		c.base = xasprintf("%s/content/%s", src_dir, name);
		sv_push(&c.patterns, "**/*");
	} else {
		size_t ln = S_ident_len(t, len, loader);
		size_t open = js_skip_space(t, len, loader + ln);
		if (ln == 4 && memcmp(t + loader, "glob", 4) == 0 && open < len && t[open] == '(') {
			open = js_skip_space(t, len, open + 1);
			if (open >= len || t[open] != '{')
				return;
			char *base = S_member_string(t, len, open, "base");
			/* A base out of the site: the collection is left out. */
			char *cfgpath = path_join(site->root, st->content_config ? st->content_config : ".");
			c.base = site_config_path(site->root, ".", base ? base : ".", cfgpath, S_line(t, open), 0,
						  "base", "the collection is left out", dl);
			free(cfgpath);
			if (!base && S_member_value(t, len, open, "base") != (size_t)-1)
				c.computed = "base";
			free(base);
			struct fm_node *pat = S_literal(t, len, S_member_value(t, len, open, "pattern"));
			if (!fm_strings(pat, &c.patterns))
				c.computed = "pattern";
			fm_node_free(pat);
			c.computed_id = S_member_value(t, len, open, "generateId") != (size_t)-1;
		} else if (ln == 4 && memcmp(t + loader, "file", 4) == 0 && open < len && t[open] == '(') {
			/* Data from one file (authors.json): no entries of text. */
			struct fm_node *path = S_literal(t, len, js_skip_space(t, len, open + 1));
			char *cfgpath = path_join(site->root, st->content_config ? st->content_config : ".");
			c.file = site_config_path(site->root, ".", fm_str(path), cfgpath, S_line(t, open), 0, "file",
						  "not read", dl);
			free(cfgpath);
			fm_node_free(path);
			if (c.file)
				c.base = xstrdup(".");
		} else if (ln == 10 && memcmp(t + loader, "docsLoader", 10) == 0) {
			/* Starlight's docs: a glob loader over src/content/docs. */
			c.base = xasprintf("%s/content/docs", src_dir);
			sv_push(&c.patterns, "**/[^_]*");
		}
		if (!c.computed && !c.file && (!c.base || !c.patterns.n)) {
			free(c.base);
			sv_free(&c.patterns);
			return; /* another loader (file(), a custom one): no Markdown entries */
		}
		if (!c.base)
			c.base = xstrdup(".");
	}
	c.name = xstrdup(name);
	st->cols = xrealloc(st->cols, (st->n + 1) * sizeof *st->cols);
	st->cols[st->n++] = c;
}

/* The collections of the content config t: the members of its exported
 * `collections` object, each defined inline or by a variable. */
static void S_read_collections(struct S_state *st, const char *t, const char *src_dir, const struct site *site,
			       struct diag_list *dl)
{
	size_t len = strlen(t);
	size_t at = js_find(t, 0, len, "collections");
	if (at == (size_t)-1)
		return;
	at = js_skip_space(t, len, at);
	if (at >= len || t[at] != '{')
		return;
	size_t i = at + 1;
	struct S_member m;
	while (S_next_member(t, len, &i, &m)) {
		if (m.key) {
			size_t v = m.value, n = S_ident_len(t, len, v);
			size_t after = js_skip_space(t, len, v + n);
			if (n && (m.shorthand || after >= m.end)) {
				/* A variable: its `const name = defineCollection(…)`. */
				char *var = xstrndup(t + v, n);
				size_t def = js_find(t, 0, len, var);
				free(var);
				if (def != (size_t)-1)
					S_define(st, m.key, t, len, js_skip_space(t, len, def), src_dir, site, dl);
			} else {
				S_define(st, m.key, t, len, v, src_dir, site, dl);
			}
		}
		free(m.key);
	}
}

/* Without a content config: each folder of <srcDir>/content/ (Astro 2-4). */
static void S_auto_collections(struct S_state *st, const char *root, const char *src_dir)
{
	char *dir = xasprintf("%s/%s/content", root, src_dir);
	struct strvec names = STRVEC_INIT;
	site_list_dir(dir, &names);
	for (size_t i = 0; i < names.n; i++) {
		char *sub = path_join(dir, names.v[i]);
		if (path_is_dir(sub) && names.v[i][0] != '_') {
			struct S_collection c = {0};
			c.name = xstrdup(names.v[i]);
			c.base = xasprintf("%s/content/%s", src_dir, names.v[i]);
			c.legacy = true;
			sv_push(&c.patterns, "**/*");
			st->cols = xrealloc(st->cols, (st->n + 1) * sizeof *st->cols);
			st->cols[st->n++] = c;
		}
		free(sub);
	}
	sv_free(&names);
	free(dir);
}

static bool S_ext_read(const struct S_state *st, const char *rel)
{
	const char *dot = strrchr(path_basename(rel), '.');
	if (!dot)
		return false;
	if (strcmp(dot, ".mdx") == 0)
		return st->mdx;
	if (strcmp(dot, ".mdoc") == 0)
		return st->markdoc;
	for (const char *const *e = S_exts; *e; e++)
		if (strcmp(dot, *e) == 0)
			return true;
	return false;
}

/* Whether a legacy collection leaves in out (a name or folder starting
 * with `_`). */
static bool S_underscored(const char *rel)
{
	for (const char *c = rel; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (*c == '_')
			return true;
	}
	return false;
}

/* The entries of a collection: files under its base, relative to the
 * root, sorted. */
static void S_entries(const struct site *site, const struct S_state *st, const struct S_collection *c,
		      struct strvec *files, struct diag_list *dl)
{
	if (c->computed || c->file)
		return; /* which files, sheaf cannot know; data, not text */
	struct strvec all = STRVEC_INIT;
	site_walk_report(site->root, c->base, S_exts, &all, dl);
	for (size_t i = 0; i < all.n; i++) {
		const char *in = path_under(all.v[i], c->base);
		if (!in || !S_ext_read(st, in))
			continue;
		if (c->legacy ? S_underscored(in)
			      : !glob_match_list((const char *const *)c->patterns.v, c->patterns.n, in))
			continue;
		/* The legacy content config is no entry. */
		if (st->content_config && strcmp(all.v[i], st->content_config) == 0)
			continue;
		sv_push(files, all.v[i]);
	}
	sv_free(&all);
}

/* Whether any of a collection's first entries has a date field. */
static bool S_dated(const struct site *site, const struct S_state *st, const struct S_collection *c)
{
	static const char *const keys[] = {"date", "pubDate", "publishDate", "pubDatetime", "published", NULL};
	struct strvec files = STRVEC_INIT;
	S_entries(site, st, c, &files, NULL);
	bool dated = false;
	for (size_t i = 0; i < files.n && i < 16 && !dated; i++) {
		struct fm_node *fm = NULL;
		enum fm_format fmt;
		struct diag_list quiet = DIAG_LIST_INIT;
		if (site_read_front_matter(&fm, &fmt, site, files.v[i], &quiet) == 0)
			for (const char *const *k = keys; *k && !dated; k++)
				dated = fm_str(fm_get(fm, *k)) != NULL;
		fm_node_free(fm);
		diag_list_free(&quiet);
	}
	sv_free(&files);
	return dated;
}

/* The blog among the collections: one named so, else the only one with
 * dated entries, else (with a warning) the first with any entry. */
static const struct S_collection *S_pick(const struct site *site, const struct S_state *st, struct diag_list *dl)
{
	for (const char *const *n = S_blog_names; *n; n++)
		for (size_t i = 0; i < st->n; i++)
			if (str_ieq(st->cols[i].name, *n))
				return &st->cols[i];
	const struct S_collection *dated = NULL, *first = NULL;
	size_t ndated = 0;
	struct strbuf names = STRBUF_INIT;
	for (size_t i = 0; i < st->n; i++) {
		struct strvec files = STRVEC_INIT;
		S_entries(site, st, &st->cols[i], &files, NULL);
		bool any = files.n > 0;
		sv_free(&files);
		if (!any)
			continue;
		if (!first)
			first = &st->cols[i];
		sb_addf(&names, "%s'%s'", names.len ? ", " : "", st->cols[i].name);
		if (S_dated(site, st, &st->cols[i])) {
			dated = &st->cols[i];
			ndated++;
		}
	}
	const struct S_collection *pick = ndated == 1 ? dated : first;
	if (pick && ndated != 1 && strchr(names.s ? names.s : "", ','))
		S_warn(dl, site, st->content_config ? st->content_config : site->config_file, pick->line,
			     "no collection is named blog, posts, post, articles or news, and %s of the "
			     "collections %s have dated entries: '%s' is read as the blog",
			     ndated ? "several" : "none", names.s, pick->name);
	sb_release(&names);
	return pick;
}

/* What package.json's `author` names: a string without its `<email>` and
 * `(url)`, or an object's `name`. Malloc'd, or NULL. */
static char *S_package_author(const struct fm_node *pkg)
{
	const char *a = fm_person(fm_get(pkg, "author"));
	if (!a)
		return NULL;
	size_t n = strcspn(a, "<(");
	while (n && a[n - 1] == ' ')
		n--;
	return n ? xstrndup(a, n) : NULL;
}

/* The book's metadata the site writes as literals besides astro.config:
 * the blog starter's src/consts.ts (SITE_TITLE, SITE_DESCRIPTION),
 * AstroPaper's src/config.ts (`SITE = { title, author, desc, lang,
 * website }`), then package.json's `author` and `description`. */
static void S_site_metadata(struct site *site, const char *src_dir)
{
	static const char *const consts[] = {"consts.ts", "consts.js", "consts.mjs", "config.ts", "config.js",
					     "config.mjs", NULL};
	for (const char *const *c = consts; *c; c++) {
		char *rel = path_join(src_dir, *c);
		char *t = S_read(site->root, rel);
		free(rel);
		if (!t)
			continue;
		size_t len = strlen(t);
		struct fm_node *title = S_literal(t, len, js_find(t, 0, len, "SITE_TITLE"));
		struct fm_node *desc = S_literal(t, len, js_find(t, 0, len, "SITE_DESCRIPTION"));
		struct fm_node *obj = S_literal(t, len, js_find(t, 0, len, "SITE"));
		if (!site->title)
			site->title = str_dup_nonempty(fm_str(title ? title : fm_get(obj, "title")));
		if (!site->description)
			site->description = str_dup_nonempty(fm_str(desc ? desc : fm_get(obj, "desc")));
		if (!site->author)
			site->author = str_dup_nonempty(fm_str(fm_get(obj, "author")));
		if (!site->language)
			site->language = str_dup_nonempty(fm_str(fm_get(obj, "lang")));
		const char *web = fm_str(fm_get(obj, "website"));
		if (!site->url && web && url_is_http(web))
			site->url = xstrdup(web);
		fm_node_free(title);
		fm_node_free(desc);
		fm_node_free(obj);
		free(t);
	}
	char *pkg_text = S_read(site->root, "package.json");
	struct fm_node *pkg = NULL;
	struct diag_list quiet = DIAG_LIST_INIT;
	if (pkg_text && fm_parse_json(&pkg, pkg_text, strlen(pkg_text), "package.json", 1, &quiet) == 0) {
		if (!site->author)
			site->author = S_package_author(pkg);
		if (!site->description)
			site->description = str_dup_nonempty(fm_str(fm_get(pkg, "description")));
	}
	diag_list_free(&quiet);
	fm_node_free(pkg);
	free(pkg_text);
}

/* Starlight's options: the site's title (a string, or one per language:
 * the default locale's, else English, else the first), its language. */
static void S_starlight(struct site *site, const char *t, size_t len)
{
	char *name = js_import_name(t, len, "@astrojs/starlight");
	size_t obj = S_call_object(t, len, name ? name : "starlight");
	free(name);
	if (obj == (size_t)-1)
		return;
	/* The default locale's language: its `lang`, else its key (`root`
	 * is no language). */
	char *locale = S_member_string(t, len, obj, "defaultLocale");
	struct fm_node *locales = S_literal(t, len, S_member_value(t, len, obj, "locales"));
	const char *lang = fm_str(fm_get_path(locales, locale ? locale : "root", "lang", NULL));
	if (!lang && locale && strcmp(locale, "root") != 0)
		lang = locale;
	if (!site->language)
		site->language = str_dup_nonempty(lang);
	/* A title per language is keyed by language tags. */
	struct fm_node *title = S_literal(t, len, S_member_value(t, len, obj, "title"));
	const char *s = fm_str(title);
	if (!s && title && title->kind == FM_MAP && title->n) {
		s = fm_str(fm_get(title, lang ? lang : "en"));
		if (!s)
			s = fm_str(title->items[0]);
	}
	if (!site->title)
		site->title = str_dup_nonempty(s);
	char *desc = S_member_string(t, len, obj, "description");
	if (!site->description)
		site->description = desc;
	else
		free(desc);
	fm_node_free(locales);
	fm_node_free(title);
	free(locale);
}

/* One entry of an authors collection: id → its `name` (or itself
 * when a string). */
static void S_person(struct S_state *st, const char *id, const struct fm_node *item)
{
	const char *name = fm_person(item);
	if (!id || !*id || !name || !*name || strmap_get(&st->people, id, NULL))
		return;
	strmap_put(&st->people, id, st->people_names.n);
	sv_push(&st->people_names, name);
}

static struct fm_node *S_data(const struct site *site, const char *rel)
{
	char *text = S_read(site->root, rel);
	struct fm_node *tree = NULL;
	struct diag_list quiet = DIAG_LIST_INIT;
	if (text) {
		if (str_ends_with(rel, ".json"))
			fm_parse_json(&tree, text, strlen(text), rel, 1, &quiet);
		else
			fm_parse_yaml(&tree, text, strlen(text), rel, 1, DIAG_WARNING, &quiet);
	}
	diag_list_free(&quiet);
	free(text);
	return tree;
}

static char *S_entry_id(const char *in);

/* The people of the site's authors collection (`authors`, `author`,
 * `people`, `team`: the collection a schema's reference('authors')
 * names), for entries naming them by id: a file() loader's JSON or YAML
 * (a list of objects with `id`, or a mapping id → object), or a glob
 * loader's data files (one person each, its id from its path). */
static void S_people(const struct site *site, struct S_state *st)
{
	static const char *const names[] = {"authors", "author", "people", "team", NULL};
	static const char *const data_exts[] = {".json", ".yaml", ".yml", NULL};
	for (size_t i = 0; i < st->n; i++) {
		const struct S_collection *c = &st->cols[i];
		bool named = false;
		for (const char *const *n = names; *n && !named; n++)
			named = str_ieq(c->name, *n);
		if (!named || c->computed)
			continue;
		if (c->file) {
			struct fm_node *tree = S_data(site, c->file);
			for (size_t k = 0; tree && k < tree->n; k++) {
				if (tree->kind == FM_LIST)
					S_person(st, fm_str(fm_get(tree->items[k], "id")), tree->items[k]);
				else if (tree->kind == FM_MAP)
					S_person(st, tree->keys[k], tree->items[k]);
			}
			fm_node_free(tree);
			continue;
		}
		struct strvec files = STRVEC_INIT;
		site_walk(site->root, c->base, data_exts, &files);
		for (size_t k = 0; k < files.n; k++) {
			const char *in = path_under(files.v[k], c->base);
			if (!in || (!c->legacy && !glob_match_list((const char *const *)c->patterns.v, c->patterns.n, in)))
				continue;
			struct fm_node *tree = S_data(site, files.v[k]);
			char *id = S_entry_id(in);
			S_person(st, id, tree);
			free(id);
			fm_node_free(tree);
		}
		sv_free(&files);
	}
}

/* Whether the language tags a and b name the same language: equal, or
 * one the other's primary subtag (`pt` and `pt-BR`), ASCII case aside. */
static bool S_same_language(const char *a, const char *b)
{
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
	return str_ieq(a, b) || (la == lb && strncasecmp(a, b, la) == 0 && (!a[la] || !b[lb]));
}

/* A blog written in several languages, one folder each (blog/en/,
 * blog/fr/, named as i18n.locales): the book holds one, the --language
 * asked for, else i18n.defaultLocale's; a default locale without a folder
 * has the entries outside them. */
static void S_locale(struct site *site, struct S_state *st, const struct strvec *dirs, const struct strvec *codes)
{
	for (size_t i = 0; i < dirs->n; i++) {
		char *abs = xasprintf("%s/%s/%s", site->root, st->blog->base, dirs->v[i]);
		if (path_is_dir(abs))
			sv_push(&st->locale_dirs, dirs->v[i]);
		free(abs);
	}
	if (!st->locale_dirs.n)
		return;
	const char *want = site->want_language ? site->want_language : site->language;
	size_t pick = dirs->n;
	for (size_t i = 0; want && i < dirs->n && pick == dirs->n; i++)
		if (str_ieq(want, dirs->v[i]) || str_ieq(want, codes->v[i]))
			pick = i;
	for (size_t i = 0; want && i < dirs->n && pick == dirs->n; i++)
		if (S_same_language(want, codes->v[i]))
			pick = i;
	if (pick == dirs->n) {
		sv_free(&st->locale_dirs); /* no language to choose by: every entry */
		return;
	}
	free(site->language);
	site->language = xstrdup(codes->v[pick]);
	if (sv_contains_ci(&st->locale_dirs, dirs->v[pick]))
		st->locale_dir = xstrdup(dirs->v[pick]);
}

/* Whether text calls getCollection('name') (any quotes). */
static bool S_gets_collection(const char *text, const char *name)
{
	size_t nl = strlen(name);
	for (const char *c = strstr(text, "getCollection("); c; c = strstr(c + 1, "getCollection(")) {
		const char *q = c + 14;
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		if ((*q == '\'' || *q == '"' || *q == '`') && strncmp(q + 1, name, nl) == 0 && q[1 + nl] == *q)
			return true;
	}
	return false;
}

/* The URL prefix of a collection's posts: the folder under src/pages of
 * the page that renders one post of it (a dynamic route `[...slug]`,
 * `[slug]`, `[...id]`, `[id]`, `[post]`… as the file's name or its
 * folder's, that calls getCollection('<name>') and does not paginate:
 * src/pages/posts/[...slug].astro is "/posts"); "/<name>" when no page
 * says (the blog templates' route). Malloc'd. */
static char *S_route(const struct site *site, const char *src_dir, const char *name)
{
	static const char *const exts[] = {".astro", NULL};
	static const char *const params[] = {"[...slug]", "[slug]", "[...id]", "[id]", "[...post]", "[post]",
					     "[...path]", NULL};
	char *pages = xasprintf("%s/pages", src_dir);
	struct strvec files = STRVEC_INIT;
	site_walk(site->root, pages, exts, &files);
	char *route = NULL;
	for (size_t i = 0; i < files.n && !route; i++) {
		const char *in = path_under(files.v[i], pages);
		if (!in)
			continue;
		/* The dynamic segment: the file's stem, or (x/index.astro) its
		 * folder; every segment before it static. */
		char *rel = xstrndup(in, strlen(in) - 6);
		size_t rl = strlen(rel);
		if (rl > 6 && strcmp(rel + rl - 6, "/index") == 0)
			rel[rl -= 6] = '\0';
		const char *last = path_basename(rel);
		bool param = false;
		for (const char *const *p = params; *p && !param; p++)
			param = strcmp(last, *p) == 0;
		size_t plen = (size_t)(last - rel);
		if (param && !memchr(rel, '[', plen)) {
			char *text = S_read(site->root, files.v[i]);
			if (text && S_gets_collection(text, name) && !strstr(text, "paginate("))
				route = plen ? xasprintf("/%.*s", (int)(plen - 1), rel) : xstrdup("");
			free(text);
		}
		free(rel);
	}
	sv_free(&files);
	free(pages);
	return route ? route : xasprintf("/%s", name);
}

/* The site's name as its web app manifest gives it, through the
 * integrations that write one (astro-favicons' and astro-webmanifest's
 * `name`, @vite-pwa/astro's `manifest.name`): malloc'd, or NULL. */
static char *S_manifest_name(const char *t, size_t len)
{
	static const char *const modules[] = {"astro-favicons", "astro-webmanifest", "@vite-pwa/astro", NULL};
	char *found = NULL;
	for (const char *const *m = modules; *m && !found; m++) {
		char *name = js_import_name(t, len, *m);
		size_t obj = name ? S_call_object(t, len, name) : (size_t)-1;
		free(name);
		if (obj == (size_t)-1)
			continue;
		found = S_member_string(t, len, obj, "name");
		size_t man = S_member_value(t, len, obj, "manifest");
		if (!found && man != (size_t)-1 && t[man] == '{')
			found = S_member_string(t, len, man, "name");
	}
	return found;
}

/* The starlight-blog plugin (HiDeoo/starlight-blog): its posts are the
 * Starlight docs under src/content/docs/<prefix>/ (default `blog`) but
 * the blog's index page (<prefix>/index.mdx); its `authors` map ids to
 * people. Returns the collection, or NULL when the plugin is not used. */
static const struct S_collection *S_starlight_blog(struct S_state *st, const char *t, size_t len,
						    const char *src_dir)
{
	char *name = js_import_name(t, len, "starlight-blog");
	size_t args = name ? js_call(t, len, name) : (size_t)-1;
	free(name);
	if (args == (size_t)-1)
		return NULL;
	args = js_skip_space(t, len, args);
	char *prefix = NULL;
	if (args < len && t[args] == '{') {
		prefix = S_member_string(t, len, args, "prefix");
		st->blog_authors = S_literal(t, len, S_member_value(t, len, args, "authors"));
	}
	char *p = prefix ? prefix : xstrdup("blog");
	size_t n = strlen(p);
	while (n && p[n - 1] == '/')
		p[--n] = '\0';
	struct S_collection c = {0};
	c.name = xstrdup(p + strspn(p, "/"));
	c.base = xasprintf("%s/content/docs/%s", src_dir, c.name);
	sv_push(&c.patterns, "**/[^_]*");
	sv_push(&c.patterns, "!index.mdx");
	free(p);
	st->cols = xrealloc(st->cols, (st->n + 1) * sizeof *st->cols);
	st->cols[st->n++] = c;
	return &st->cols[st->n - 1];
}

/* The import aliases of tsconfig.json (or jsconfig.json)
 * `compilerOptions.paths` whose key and first target both end in `/` and
 * an asterisk (AstroWind's `~/` for `src/`): from `baseUrl`, else the
 * file's folder. tsconfig is JSON with comments and trailing commas, which
 * the JS-literal reader takes. */
static void S_aliases(struct S_state *st, const char *root)
{
	static const char *const names[] = {"tsconfig.json", "jsconfig.json", NULL};
	for (const char *const *n = names; *n && !st->alias_from.n; n++) {
		char *t = S_read(root, *n);
		if (!t)
			continue;
		struct fm_node *cfg = S_literal(t, strlen(t), js_skip_space(t, strlen(t), 0));
		const struct fm_node *opts = fm_get(cfg, "compilerOptions");
		const char *base = fm_str(fm_get(opts, "baseUrl"));
		const struct fm_node *paths = fm_get(opts, "paths");
		for (size_t i = 0; paths && paths->kind == FM_MAP && i < paths->n; i++) {
			const char *from = paths->keys[i];
			const struct fm_node *to = paths->items[i];
			const char *target = fm_str(to && to->kind == FM_LIST && to->n ? to->items[0] : to);
			if (!target || !str_ends_with(from, "/*") || !str_ends_with(target, "/*"))
				continue;
			char *dir = xstrndup(target, strlen(target) - 2);
			char *joined = base ? path_join(base, dir) : xstrdup(dir);
			char *folder = S_folder(joined);
			if (folder) {
				sv_push_owned(&st->alias_from, xstrndup(from, strlen(from) - 1)); /* `~/` */
				sv_push_owned(&st->alias_to, folder);
			}
			free(joined);
			free(dir);
		}
		fm_node_free(cfg);
		free(t);
	}
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	char *cfg_rel = NULL;
	S_first_file(site->root, ".", S_configs, &cfg_rel);
	if (!cfg_rel) {
		diag_error(dl, site->root, 0, 0, "no astro.config.mjs here");
		return -1;
	}
	site->config_file = cfg_rel;
	char *t = S_read(site->root, cfg_rel);
	if (!t) {
		char *path = path_join(site->root, cfg_rel);
		diag_error(dl, path, 0, 0, "cannot read it");
		free(path);
		return -1;
	}
	size_t len = strlen(t);
	/* The options object: defineConfig({…}), or `export default {…}`. */
	size_t obj = S_call_object(t, len, "defineConfig");
	if (obj == (size_t)-1) {
		const char *d = strstr(t, "export default");
		size_t at = d ? js_skip_space(t, len, (size_t)(d - t) + 14) : len;
		obj = at < len && t[at] == '{' ? at : (size_t)-1;
	}
	char *src_dir = NULL, *public_dir = NULL;
	const char *url_end = "/";
	struct strvec loc_dirs = STRVEC_INIT, loc_codes = STRVEC_INIT;
	if (obj != (size_t)-1) {
		char *url = S_member_string(t, len, obj, "site");
		if (url && url_is_http(url))
			site->url = url;
		else
			free(url);
		char *base = S_member_string(t, len, obj, "base");
		if (base) {
			size_t n = strlen(base);
			while (n > 1 && base[n - 1] == '/')
				n--;
			if (!(n == 1 && base[0] == '/') && !(n == 1 && base[0] == '.'))
				site->baseurl = base[0] == '/' ? xstrndup(base, n) : xasprintf("/%.*s", (int)n, base);
			free(base);
		}
		char *s = S_member_string(t, len, obj, "srcDir");
		char *cfgpath = path_join(site->root, cfg_rel);
		size_t sv = S_member_value(t, len, obj, "srcDir");
		src_dir = site_config_path(site->root, ".", s, cfgpath, sv != (size_t)-1 ? S_line(t, sv) : 0, 0,
					   "srcDir", "src/ is read", dl);
		free(cfgpath);
		free(s);
		s = S_member_string(t, len, obj, "publicDir");
		public_dir = S_folder(s);
		free(s);
		size_t i18n = S_member_value(t, len, obj, "i18n");
		if (i18n != (size_t)-1 && t[i18n] == '{') {
			site->language = S_member_string(t, len, i18n, "defaultLocale");
			/* locales: codes, or {path, codes} (the folder is path). */
			struct fm_node *locs = S_literal(t, len, S_member_value(t, len, i18n, "locales"));
			for (size_t k = 0; locs && locs->kind == FM_LIST && k < locs->n; k++) {
				const struct fm_node *l = locs->items[k];
				const struct fm_node *codes = fm_get(l, "codes");
				const char *dir = fm_str(l) ? fm_str(l) : fm_str(fm_get(l, "path"));
				const char *code = fm_str(l) ? fm_str(l)
					: fm_str(codes && codes->kind == FM_LIST && codes->n ? codes->items[0] : codes);
				if (dir && *dir) {
					sv_push(&loc_dirs, dir);
					sv_push(&loc_codes, code && *code ? code : dir);
				}
			}
			fm_node_free(locs);
		}
		/* How page URLs end: build.format 'file' makes x.html, else
		 * trailingSlash 'never' drops the slash. */
		char *slash = S_member_string(t, len, obj, "trailingSlash");
		size_t build = S_member_value(t, len, obj, "build");
		char *format = build != (size_t)-1 && t[build] == '{' ? S_member_string(t, len, build, "format") : NULL;
		if (format && strcmp(format, "file") == 0)
			url_end = ".html";
		else if (slash && strcmp(slash, "never") == 0)
			url_end = "";
		free(format);
		free(slash);
	}
	if (!src_dir)
		src_dir = xstrdup("src");
	S_starlight(site, t, len);

	struct S_state *st = xcalloc(1, sizeof *st);
	site->state = st;
	st->url_end = url_end;
	st->mdx = S_integration(t, len, "@astrojs/mdx") || S_integration(t, len, "@astrojs/starlight");
	st->markdoc = S_integration(t, len, "@astrojs/markdoc");
	st->starlight = S_integration(t, len, "@astrojs/starlight");
	bool directives = S_integration(t, len, "@astrojs/starlight") ||
			  S_remark_plugin(t, len, obj, "remark-directive");
	site->dialects = S_passes[directives][S_remark_plugin(t, len, obj, "remark-math")];
	bool sblog = S_starlight_blog(st, t, len, src_dir) != NULL;
	char *manifest = S_manifest_name(t, len);
	free(t);

	S_site_metadata(site, src_dir);
	if (!site->title)
		site->title = manifest;
	else
		free(manifest);
	S_aliases(st, site->root);

	char *cc = NULL;
	S_first_file(site->root, src_dir, S_content_configs, &cc);
	st->content_config = cc;
	if (cc) {
		char *ct = S_read(site->root, cc);
		if (ct) {
			S_read_collections(st, ct, src_dir, site, dl);
			free(ct);
		}
	}
	if (!st->n)
		S_auto_collections(st, site->root, src_dir);
	/* starlight-blog's collection came first; the config's were added
	 * after it (the array may have moved). */
	st->blog = sblog ? &st->cols[0] : S_pick(site, st, dl);
	S_people(site, st);
	if (st->blog)
		S_locale(site, st, &loc_dirs, &loc_codes);
	sv_free(&loc_dirs);
	sv_free(&loc_codes);
	if (st->blog && st->blog->computed)
		S_warn(dl, site, cc, st->blog->line,
		       "collection '%s': the glob loader's %s is not a literal (sheaf runs no JavaScript): "
		       "its entries are unknown",
		       st->blog->name, st->blog->computed);
	if (st->blog && st->blog->computed_id)
		S_warn(dl, site, cc, st->blog->line,
			     "collection '%s': generateId is a function sheaf does not run; entries keep "
			     "Astro's default ids (their paths) in their URLs",
			     st->blog->name);
	if (!st->blog) {
		/* Before content collections (Astro 1), posts were Markdown
		 * pages: src/pages/posts/x.md is /posts/x/. */
		struct S_collection c = {0};
		c.name = xstrdup("");
		c.base = xasprintf("%s/pages", src_dir);
		c.pages = true;
		sv_push(&c.patterns, "**/[^_]*");
		st->cols = xrealloc(st->cols, (st->n + 1) * sizeof *st->cols);
		st->cols[st->n++] = c;
		struct strvec files = STRVEC_INIT;
		S_entries(site, st, &st->cols[st->n - 1], &files, NULL);
		if (files.n)
			st->blog = &st->cols[st->n - 1];
		sv_free(&files);
	}
	if (!st->blog)
		S_warn(dl, site, cc ? cc : site->config_file, 0,
			     "no content collection and no page with Markdown entries: the book has no posts");

	if (st->blog)
		st->route = st->blog->pages || sblog ? xasprintf("%s%s", *st->blog->name ? "/" : "", st->blog->name)
						     : S_route(site, src_dir, st->blog->name);
	site->content_dir = xasprintf("%s/content", src_dir);
	site->posts_dir = xstrdup(st->blog ? st->blog->base : site->content_dir);
	site->static_dir = public_dir ? public_dir : xstrdup("public");
	free(src_dir);
	return 0;
}

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	const struct S_state *st = site->state;
	if (!st->blog)
		return 0;
	struct strvec all = STRVEC_INIT;
	S_entries(site, st, st->blog, &all, dl);
	for (size_t i = 0; i < all.n; i++) {
		const char *in = path_under(all.v[i], st->blog->base);
		bool keep = true;
		if (st->locale_dir)
			keep = path_under(in, st->locale_dir) != NULL;
		for (size_t k = 0; keep && !st->locale_dir && k < st->locale_dirs.n; k++)
			keep = path_under(in, st->locale_dirs.v[k]) == NULL;
		if (keep)
			sv_push(files, all.v[i]);
	}
	sv_free(&all);
	return 0;
}

/* ---- Entries ---- */

/* github-slugger's slug of one path segment: lower case, spaces made
 * hyphens, punctuation and symbols other than `-` and `_` removed. */
static void S_github_slug(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	while (n) {
		unsigned cp;
		size_t k = utf8_decode(p, n, &cp);
		if (!k)
			k = 1, cp = 0xFFFD;
		p += k;
		n -= k;
		if (cp == ' ') {
			sb_addc(sb, '-');
		} else if (cp == '-' || cp == '_') {
			sb_addc(sb, (char)cp);
		} else if (cp < 0x80 ? isalnum((int)cp) : !utf8_is_punct(cp) && !utf8_is_space(cp)) {
			char enc[4];
			sb_add(sb, enc, utf8_encode(enc, utf8_lower(cp)));
		}
	}
}

/* The entry's id as Astro's default generateId makes it from its path
 * under the collection's base. */
static char *S_entry_id(const char *in)
{
	const char *dot = strrchr(path_basename(in), '.');
	size_t n = dot ? (size_t)(dot - in) : strlen(in);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i <= n;) {
		size_t seg = strcspn(in + i, "/");
		if (i + seg > n)
			seg = n - i;
		if (i)
			sb_addc(&sb, '/');
		S_github_slug(&sb, in + i, seg);
		i += seg + 1;
	}
	char *id = sb_detach(&sb);
	size_t l = strlen(id);
	if (l > 6 && strcmp(id + l - 6, "/index") == 0)
		id[l - 6] = '\0';
	return id;
}

/* The forms JavaScript's Date reads besides ISO 8601, as a blog's
 * `z.coerce.date()` gives them to it (the blog starter's `Jul 08 2022`):
 * month names (`Jul`, `July`), weekday names (ignored), `2022/07/08`,
 * `07/08/2022` (month first), a time `hh:mm[:ss]` with `am`/`pm`, a zone
 * (`Z`, `UTC`, `GMT`, `+0200`, `GMT+02:00`); commas and periods ignored.
 * Without a zone the date is UTC, as every date sheaf reads. */
static int S_js_date(struct date *out, const char *s)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
	int y = -1, m = -1, d = -1, hh = 0, mm = 0, ss = 0, pm = -1, zone = 0;
	bool zoned = false, timed = false;
	for (const char *c = s; *c;) {
		if (isspace((unsigned char)*c) || *c == ',' || *c == '.') {
			c++;
		} else if (isalpha((unsigned char)*c)) {
			const char *w = c;
			while (isalpha((unsigned char)*c))
				c++;
			size_t wl = (size_t)(c - w);
			bool known = false;
			for (int k = 0; k < 12 && !known && wl >= 3; k++)
				if (strncasecmp(w, months[k], 3) == 0)
					m = k + 1, known = true;
			for (int k = 0; k < 7 && !known && wl >= 3; k++)
				known = strncasecmp(w, days[k], 3) == 0;
			if (!known && wl == 2 && (strncasecmp(w, "am", 2) == 0 || strncasecmp(w, "pm", 2) == 0))
				pm = tolower((unsigned char)w[0]) == 'p', known = true;
			if (!known && ((wl == 1 && (*w == 'Z' || *w == 'z')) ||
				       (wl == 3 && (strncasecmp(w, "utc", 3) == 0 || strncasecmp(w, "gmt", 3) == 0))))
				zoned = known = true;
			if (!known)
				return -1;
		} else if ((*c == '+' || *c == '-') && timed && isdigit((unsigned char)c[1])) {
			int sign = *c == '-' ? -1 : 1, oh = 0, om = 0;
			c++;
			if (sscanf(c, "%2d:%2d", &oh, &om) == 2 && c[2] == ':')
				c += 5;
			else if (sscanf(c, "%2d%2d", &oh, &om) >= 1)
				c += isdigit((unsigned char)c[2]) ? 4 : 2;
			zone = sign * (oh * 60 + om);
			zoned = true;
		} else if (isdigit((unsigned char)*c)) {
			const char *nb = c;
			long v = strtol(c, (char **)&c, 10);
			size_t digits = (size_t)(c - nb);
			if (*c == ':') {
				int a = 0, b2 = 0;
				int k = sscanf(nb, "%d:%d:%d", &a, &b2, &ss);
				if (k < 2)
					return -1;
				hh = a, mm = b2, timed = true;
				while (isdigit((unsigned char)*c) || *c == ':')
					c++;
			} else if (*c == '/') {
				int a = 0, b2 = 0, e = 0;
				if (sscanf(nb, "%d/%d/%d", &a, &b2, &e) != 3)
					return -1;
				if (digits == 4)
					y = a, m = b2, d = e;
				else
					m = a, d = b2, y = e;
				while (isdigit((unsigned char)*c) || *c == '/')
					c++;
			} else if (digits >= 3 || v > 31) {
				y = (int)v;
			} else if (d < 0) {
				d = (int)v;
			} else if (y < 0) {
				y = (int)v < 50 ? 2000 + (int)v : 1900 + (int)v;
			} else {
				return -1;
			}
		} else {
			return -1;
		}
	}
	if (y < 0 || m < 0 || d < 0)
		return -1;
	if (pm >= 0 && hh >= 1 && hh <= 12)
		hh = hh % 12 + (pm ? 12 : 0);
	char iso[48];
	snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, hh, mm, ss,
		 zone < 0 ? '-' : '+', abs(zone) / 60, abs(zone) % 60);
	if (date_parse(out, iso) < 0)
		return -1;
	out->has_time = timed;
	if (!zoned)
		out->tz_minutes = 0;
	return 0;
}

/* A date field among keys, read as ISO 8601 or as JavaScript's Date
 * reads it: true when one is present (*out set, or a warning given when
 * it is no date sheaf can read). */
static bool S_date_field(struct date *out, const struct fm_node *fm, const char *const *keys, const struct post *p,
			 struct diag_list *dl)
{
	for (; *keys; keys++) {
		const struct fm_node *n = fm_get(fm, *keys);
		const char *s = fm_str(n);
		bool b;
		if (!s || !*s || fm_bool(n, &b))
			continue;
		if (date_parse(out, s) < 0 && S_js_date(out, s) < 0) {
			diag_warning(dl, p->path, n->line, n->col,
				     "'%s' is not a date sheaf can read: '%s'; the post has none from it", *keys, s);
			continue;
		}
		return true;
	}
	return false;
}

/* A `YYYY-MM-DD` starting the entry's file or folder name, followed by
 * `-`, `_`, `.` or nothing. */
static bool S_name_date(struct date *out, const char *in)
{
	char *copy = xstrdup(in);
	bool found = false;
	for (char *seg = copy; seg && !found;) {
		char *slash = strchr(seg, '/');
		if (slash)
			*slash = '\0';
		if (strlen(seg) >= 10 && strchr("-_.", seg[10] ? seg[10] : '-')) {
			char ymd[11];
			memcpy(ymd, seg, 10);
			ymd[10] = '\0';
			bool digits = isdigit((unsigned char)ymd[0]) && ymd[4] == '-' && ymd[7] == '-';
			found = digits && date_parse(out, ymd) == 0;
		}
		seg = slash ? slash + 1 : NULL;
	}
	free(copy);
	return found;
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format;
	const struct S_state *st = site->state;
	const char *in = st->blog ? path_under(p->relpath, st->blog->base) : NULL;
	if (!in)
		return true;

	const struct S_collection *c = st->blog;
	/* The id: `slug`, else the path's (see the top); a page's route is
	 * its path as written. */
	const char *dot = strrchr(path_basename(in), '.');
	char *raw = xstrndup(in, dot ? (size_t)(dot - in) : strlen(in));
	size_t rl = strlen(raw);
	bool index = rl > 6 && strcmp(raw + rl - 6, "/index") == 0;
	char *id = c->pages ? xstrndup(raw, index ? rl - 6 : rl) : p->slug ? xstrdup(p->slug) : S_entry_id(in);
	free(p->slug);
	p->slug = id;

	static const char *const created[] = {"date", "pubDate", "publishDate", "pubDatetime", "published", NULL};
	static const char *const updated[] = {"updatedDate", "modDatetime", "updatedAt", "lastUpdated", NULL};
	if (!p->date.valid)
		S_date_field(&p->date, fm, created, p, dl);
	if (!p->date.valid)
		S_name_date(&p->date, in);
	if (c->pages && !p->date.valid) {
		free(raw);
		return false; /* a page (about, index), not a post */
	}
	if (!p->updated.valid)
		S_date_field(&p->updated, fm, updated, p, dl);

	/* Authors: strings, lists, objects with `name`; an id of the
	 * starlight-blog plugin's authors or of the authors collection (a
	 * reference: `ada`, or `{collection, id}`) is that person's name. */
	sv_free(&p->authors);
	sv_free(&p->author_names);
	const struct fm_node *authors = fm_get(fm, "authors");
	if (!authors)
		authors = fm_get(fm, "author");
	size_t na = authors && authors->kind == FM_LIST ? authors->n : authors ? 1 : 0;
	for (size_t i = 0; i < na; i++) {
		const struct fm_node *a = authors->kind == FM_LIST ? authors->items[i] : authors;
		const char *id = fm_str(fm_get(a, "id"));
		const char *who = id ? id : fm_person(a);
		if (!who || !*who || sv_contains_ci(&p->authors, who))
			continue;
		const char *known = fm_person(fm_get(st->blog_authors, who));
		size_t k;
		if (!known && strmap_get(&st->people, who, &k))
			known = st->people_names.v[k];
		sv_push(&p->authors, who);
		sv_push(&p->author_names, known ? known : who);
	}

	if (!p->categories.n)
		fm_strings(fm_get(fm, "category"), &p->categories);
	/* A cover through an import alias (`~/assets/x.png`): the same file
	 * as a path from the entry's folder. */
	for (size_t i = 0; p->cover_image && i < st->alias_from.n; i++) {
		if (!str_starts_with(p->cover_image, st->alias_from.v[i]))
			continue;
		struct strbuf sb = STRBUF_INIT;
		for (const char *c = strchr(p->relpath, '/'); c; c = strchr(c + 1, '/'))
			sb_adds(&sb, "../");
		sb_addf(&sb, "%s/%s", st->alias_to.v[i], p->cover_image + strlen(st->alias_from.v[i]));
		free(p->cover_image);
		p->cover_image = sb_detach(&sb);
		break;
	}
	if (!p->description) {
		const char *ex = fm_str(fm_get(fm, "excerpt"));
		if (ex && *ex)
			p->description = str_collapse_ws(ex);
	}

	/* Under the collection's route (S_route). */
	free(p->url);
	p->url = xasprintf("%s/%s%s", st->route, id, st->url_end);
	/* The path's own form, as a generateId keeping it would make it
	 * (`Post-1.0/` rather than `post-10/`), and a bundle's `x/index`
	 * (a link written to its file): links written so find the post too. */
	if (index) {
		sv_push_owned(&p->aliases, xasprintf("%s/%s", st->route, raw));
		raw[rl - 6] = '\0';
	}
	if (strcmp(st->url_end, "/") != 0)
		sv_push_owned(&p->aliases, xasprintf("%s/%s/", st->route, id)); /* `/blog/x` */
	char *alias = xasprintf("%s/%s/", st->route, raw);
	if (strcmp(alias, p->url) != 0)
		sv_push_owned(&p->aliases, alias);
	else
		free(alias);
	free(raw);
	return true;
}

/* site + base + the post's path. */
static char *S_post_url(const struct site *site, const struct post *p)
{
	if (!p->url)
		return NULL;
	const char *u = site->url;
	size_t ul = strlen(u);
	while (ul && u[ul - 1] == '/')
		ul--;
	const char *base = site->baseurl ? site->baseurl : "";
	/* The site's URL may already end in the base. */
	const char *upath = url_path(u);
	if (*base && upath && str_starts_with(upath, base))
		base = "";
	return xasprintf("%.*s%s%s", (int)ul, u, base, p->url);
}

/* The blog starter's heroImage, AstroPaper's ogImage, and the usual
 * names; each a path, or an image object's `src`. */
static const char *const S_cover_keys[] = {"heroImage", "cover", "coverImage", "image", "ogImage", "cover.light", NULL};

/* The titles Starlight gives an aside without one, in its translations
 * of the book's languages (@astrojs/starlight 0.42, translations/LANG.json,
 * aside.*). Its English is the name capitalized, as the box writes it. */
static const struct {
	const char *lang; /* the words.h row (base/words.h) */
	const char *const titles[9];
} S_aside_titles[] = {
	{"zh", {"note", "注意", "tip", "提示", "caution", "警告", "danger", "危险", NULL}},
	{"zh-Hant", {"note", "注意", "tip", "提示", "caution", "警告", "danger", "危險", NULL}},
	{"ja", {"note", "ノート", "tip", "ヒント", "caution", "注意", "danger", "危険", NULL}},
	{"ko", {"note", "참고", "tip", "팁", "caution", "주의", "danger", "위험", NULL}},
	{"fr", {"note", "Note", "tip", "Astuce", "caution", "Attention", "danger", "Danger", NULL}},
	{"de", {"note", "Hinweis", "tip", "Tipp", "caution", "Achtung", "danger", "Gefahr", NULL}},
	{"es", {"note", "Nota", "tip", "Consejo", "caution", "Precaución", "danger", "Peligro", NULL}},
	{"pt", {"note", "Nota", "tip", "Dica", "caution", "Cuidado", "danger", "Perigo", NULL}},
	{"fi", {"note", "Huomio", "tip", "Vinkki", "caution", "Varoitus", "danger", "Vaara", NULL}},
};

/* Only a Starlight site has data for the passes: its asides' titles. */
static struct site_data *S_site_data(const struct site *site)
{
	const struct S_state *st = site->state;
	if (!st || !st->starlight)
		return NULL;
	struct site_data *sd = site_data_new(site);
	const char *row = words_for(site->language)->lang;
	for (size_t i = 0; i < sizeof S_aside_titles / sizeof *S_aside_titles; i++)
		if (strcmp(S_aside_titles[i].lang, row) == 0)
			sd->box_titles = S_aside_titles[i].titles;
	return sd;
}

const struct site_generator site_astro = {
	.name = "astro",
	/* `date` too is read as JavaScript's Date reads it (S_date_field). */
	.lenient_dates = true,
	.detect = S_detect,
	.configure = S_configure,
	.free_state = S_state_free,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.post_url = S_post_url,
	/* A site without remark plugins; configure sets the site's (S_passes). */
	.dialects = S_passes[0][0],
	.cover_keys = S_cover_keys,
	.post_exts = S_exts,
	.site_data = S_site_data,
};
