/* Docusaurus: a folder with docusaurus.config.{js,ts,mjs,cjs,mts,cts}; its
 * blog is what @docusaurus/plugin-content-blog publishes.
 *
 * The configuration is JavaScript or TypeScript, which sheaf does not run:
 * the config object (`export default {…}`, `module.exports = {…}`, or the
 * `const config: Config = {…}` they name) is read member by member with
 * base/jsliteral, TypeScript's `satisfies T`, `as T` and parenthesized
 * values (`({…})`, a JSDoc cast) left aside. Read: title, tagline, url,
 * baseUrl, i18n.defaultLocale, markdown.format, and the blog instances:
 * the classic preset's `blog` options (`blog: false`: none) and each
 * plugin whose module ends in `plugin-content-blog` (the plugin, its
 * shorthand `content-blog`, a local wrapper of it) with its options
 * (among them remark-math in remarkPlugins or beforeDefaultRemarkPlugins,
 * and `admonitions: false`, which choose the posts' passes). A value that
 * is not a literal is reported once, never guessed.
 *
 * As the blog plugin reads posts (plugin-content-blog blogUtils.ts,
 * authors.ts, frontMatter.ts, options.ts):
 * - Posts are the files under the instance's `path` (default blog/)
 *   matching `include` (default: every .md and .mdx file) and not `exclude`
 *   (default: `_`-prefixed files and folders, tests), globby's patterns
 *   (picomatch's, base/glob: classes, `!` negations in include, hidden
 *   names matched only by name); `draft: true` is
 *   left out of a production build; `unlisted` posts are built.
 * - The file's path relative to the blog folder, matched against
 *   /^(folder.*)(\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(text.*?)(\/index)?.mdx?$/,
 *   gives the date when front matter has none (UTC) and the slug
 *   /YYYY/MM/DD/folder+text; without a date the slug is the path without
 *   extension (and /index). Front matter `slug` wins. Without any date
 *   Docusaurus takes the file's first git commit (else its creation
 *   time); sheaf, which reads no git history, takes its modification
 *   time and says so.
 * - The title is front matter `title`, else the content title (an H1
 *   opening the body, after import/export lines; removed from the body
 *   as Docusaurus removes it), else the file name's text.
 * - The permalink is baseUrl + routeBasePath (default blog) + slug.
 * - Authors: `authors` (a key of authorsMapPath, default authors.yml in the
 *   blog folder, YAML or JSON; an inline object with name/title/url/
 *   image_url/imageURL and maybe a key it overrides; a list of both), or
 *   the legacy author/author_title/authorTitle/author_url/authorURL/
 *   author_image_url/authorImageURL fields (one author).
 * - Tags: strings or {label, permalink}; a string that is a key of the
 *   tags file (`tags` option, default tags.yml) shows that key's label.
 * - `image` is the post's cover: relative to the post, or site-absolute
 *   under the staticDirectories (default static/).
 * - i18n: with --language naming another locale than i18n.defaultLocale,
 *   a post translated under i18n/<locale>/docusaurus-plugin-content-blog
 *   (-<id> for an instance with an id) replaces the original, as its
 *   authors and tags files do (Docusaurus looks in the localized folder
 *   first).
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/glob.h"
#include "base/jsliteral.h"
#include "base/url.h"
#include "base/words.h"
#include "convert/dialect.h"
#include "input/site.h"
#include "input/sitedata.h"

static const char *const S_config_names[] = {"docusaurus.config.js",  "docusaurus.config.ts",
					     "docusaurus.config.mjs", "docusaurus.config.cjs",
					     "docusaurus.config.mts", "docusaurus.config.cts", NULL};

static const char *const S_exts[] = {".md", ".mdx", NULL};

/* options.ts: GlobExcludeDefault. */
static const char *const S_default_exclude[] = {"**/_*.{js,jsx,ts,tsx,md,mdx}", "**/_*/**", "**/*.test.{js,jsx,ts,tsx}",
						"**/__tests__/**", NULL};

/* The posts' passes by the blog options: [admonitions][math]. `:::note`
 * is an admonition unless `admonitions: false`; `$…$` is math only when
 * remark-math is among the blog's remark plugins (Docusaurus' "Math
 * Equations"), else a price stays a price. */
static const struct dialect *const S_passes[2][2][5] = {
	{{&dialect_mdx, &dialect_heading_ids}, {&dialect_mdx, &dialect_math, &dialect_heading_ids}},
	{{&dialect_mdx, &dialect_directives, &dialect_heading_ids},
	 {&dialect_mdx, &dialect_directives, &dialect_math, &dialect_heading_ids}},
};

/* One instance of the blog plugin. */
struct S_blog {
	char *id;                 /* NULL: the default instance */
	char *dir;                /* `path`, relative to the root, normalized */
	char *l10n;               /* its localized folder for the asked locale, or NULL */
	char *route;              /* routeBasePath, without slashes at either end */
	struct strvec include;    /* globs relative to dir; empty: every .md and .mdx file */
	struct strvec exclude;    /* globs; the default unless the config gives some */
	struct fm_node *authors;  /* the authors map, or NULL */
	char *authors_file;       /* where it was read, relative to the root */
	char *tags_file;          /* the `tags` option (relative to dir); NULL: none */
	struct fm_node *tags;     /* the tags file, or NULL */
	bool math;                /* remark-math among its remark plugins */
	bool no_admonitions;      /* `admonitions: false` */
};

struct S_state {
	struct S_blog *blogs;
	size_t nblogs;
	char *origin;   /* the config's url without a trailing slash, or NULL */
	char *base_url; /* baseUrl, starting and ending with `/` */
	bool mdx_md;    /* markdown.format 'mdx' (the default): .md is MDX too */
	struct strvec admonitions; /* names the blogs' admonitions.keywords add */
};

/* ---- Reading the config without running it ---- */

static bool S_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

static int S_line_at(const char *t, size_t pos)
{
	int line = 1;
	for (size_t i = 0; i < pos; i++)
		line += t[i] == '\n';
	return line;
}

/* Where the value at t[i] starts: white space, comments and the `(` of a
 * parenthesized value (`({…})` after a JSDoc type cast) skipped. */
static size_t S_unwrap(const char *t, size_t len, size_t i)
{
	i = js_skip_space(t, len, i);
	while (i < len && t[i] == '(')
		i = js_skip_space(t, len, i + 1);
	return i;
}

/* Just past the bracket closing the one at t[open]. */
static size_t S_close(const char *t, size_t len, size_t open)
{
	size_t i = open + 1;
	while (i < len) {
		i = js_skip_value(t, len, i);
		if (i >= len)
			return len;
		if (t[i] == ',' || t[i] == ';') {
			i++;
			continue;
		}
		return i + 1;
	}
	return len;
}

/* A region of the config: the members of an object (from just past its
 * `{` to its `}`), or, when the config object could not be found, the
 * whole text searched as js_find does (direct false). */
struct S_obj {
	size_t from, to;
	bool direct;
};

/* The object whose `{` is at t[open]. */
static struct S_obj S_obj_at(const char *t, size_t len, size_t open)
{
	size_t end = S_close(t, len, open);
	struct S_obj o = {open + 1, end > open + 1 ? end - 1 : open + 1, true};
	return o;
}

/* Where the value of the member key of o starts, or (size_t)-1. */
static size_t S_member(const char *t, struct S_obj o, const char *key)
{
	if (!o.direct)
		return js_find(t, o.from, o.to, key);
	size_t kl = strlen(key);
	for (size_t i = o.from; i < o.to;) {
		i = js_skip_space(t, o.to, i);
		if (i >= o.to)
			break;
		size_t start = i, ks = i, ke = i;
		if (t[i] == '"' || t[i] == '\'') {
			char q = t[i];
			ks = ++i;
			while (i < o.to && t[i] != q && t[i] != '\n')
				i += t[i] == '\\' ? 2 : 1;
			ke = i < o.to ? i : ks;
			i = ke + 1;
		} else {
			while (i < o.to && S_ident_char(t[i]))
				i++;
			ke = i;
		}
		size_t k = js_skip_space(t, o.to, i);
		if (ke - ks == kl && memcmp(t + ks, key, kl) == 0 && k < o.to && t[k] == ':')
			return k + 1;
		size_t e = js_skip_value(t, o.to, start);
		if (e == start)
			e++;
		i = e < o.to ? e + 1 : o.to;
	}
	return (size_t)-1;
}

/* The member key of o as an object (false when absent or not one). */
static bool S_member_obj(const char *t, size_t len, struct S_obj o, const char *key, struct S_obj *out)
{
	size_t at = S_member(t, o, key);
	if (at == (size_t)-1)
		return false;
	at = S_unwrap(t, len, at);
	if (at >= len || t[at] != '{')
		return false;
	*out = S_obj_at(t, len, at);
	return true;
}

/* The literal at t[at] (up to to) as a tree, TypeScript's `as T` and
 * `satisfies T` after a string left aside; NULL when it is computed. */
static struct fm_node *S_literal(const char *t, size_t to, size_t at, int first_line)
{
	struct js_value *v = NULL;
	size_t end;
	struct fm_node *n = NULL;
	at = S_unwrap(t, to, at);
	if (js_read(&v, &end, t, to, at, first_line) == 0) {
		n = fm_from_js(v);
	} else if (at < to && (t[at] == '\'' || t[at] == '"')) {
		size_t i = at + 1;
		while (i < to && t[i] != t[at] && t[i] != '\n')
			i += t[i] == '\\' ? 2 : 1;
		size_t k = js_skip_space(t, to, i + 1);
		bool cast = k + 3 <= to && (strncmp(t + k, "as ", 3) == 0 ||
					   (k + 10 <= to && strncmp(t + k, "satisfies ", 10) == 0));
		if (i < to && cast && js_read(&v, &end, t, i + 1, at, first_line) == 0)
			n = fm_from_js(v);
	}
	js_value_free(v);
	return n;
}

/* What reading the config needs to report where. */
struct S_reader {
	const char *t;
	size_t len;
	const char *file; /* as reported */
	struct diag_list *dl;
	const char *root; /* the site's */
};

/* The member key of o as a literal; a computed value is reported (what
 * sheaf does instead: `instead`) and gives NULL. */
static struct fm_node *S_get(const struct S_reader *r, struct S_obj o, const char *key, const char *instead)
{
	size_t at = S_member(r->t, o, key);
	if (at == (size_t)-1)
		return NULL;
	struct fm_node *n = S_literal(r->t, o.to, at, 1);
	if (!n && r->dl) {
		size_t s = js_skip_space(r->t, o.to, at), e = js_skip_value(r->t, o.to, s);
		while (e > s && isspace((unsigned char)r->t[e - 1]))
			e--;
		int shown = (int)(e - s > 60 ? 60 : e - s);
		diag_warning(r->dl, r->file, S_line_at(r->t, s), 1,
			     "'%s' is not a literal (%.*s%s): sheaf does not run JavaScript; %s", key, shown,
			     r->t + s, e - s > 60 ? "…" : "", instead);
	}
	return n;
}

/* The member key of o as a string literal (malloc'd), or NULL. */
static char *S_get_str(const struct S_reader *r, struct S_obj o, const char *key, const char *instead)
{
	struct fm_node *n = S_get(r, o, key, instead);
	const char *s = fm_str(n);
	char *out = s && n->kind == FM_SCALAR && !n->plain ? xstrdup(s) : NULL;
	fm_node_free(n);
	return out;
}

/* The position of the `{` of the config object, or (size_t)-1: what
 * `export default` or `module.exports =` gives, or the declaration of
 * the name they give (`const config: Config = {`). */
static size_t S_find_config(const char *t, size_t len)
{
	static const char *const forms[] = {"export default", "module.exports", NULL};
	for (const char *const *f = forms; *f; f++) {
		const char *at = strstr(t, *f);
		if (!at)
			continue;
		size_t i = js_skip_space(t, len, (size_t)(at - t) + strlen(*f));
		if (i < len && t[i] == '=')
			i++;
		i = S_unwrap(t, len, i);
		if (i < len && t[i] == '{')
			return i;
		size_t e = i;
		while (e < len && S_ident_char(t[e]))
			e++;
		if (e == i)
			continue;
		char *name = xstrndup(t + i, e - i);
		size_t nl = e - i;
		static const char *const decls[] = {"const ", "let ", "var "};
		for (size_t d = 0; d < 3; d++) {
			for (const char *p = strstr(t, decls[d]); p; p = strstr(p + 1, decls[d])) {
				size_t k = js_skip_space(t, len, (size_t)(p - t) + strlen(decls[d]));
				if (k + nl > len || memcmp(t + k, name, nl) != 0 || S_ident_char(t[k + nl]))
					continue;
				/* Past a type annotation to the `=`. */
				k += nl;
				while (k < len && t[k] != '=' && t[k] != ';' && t[k] != '\n')
					k++;
				if (k >= len || t[k] != '=')
					continue;
				k = S_unwrap(t, len, k + 1);
				if (k < len && t[k] == '{') {
					free(name);
					return k;
				}
			}
		}
		free(name);
	}
	return (size_t)-1;
}

static bool S_ends_with_name(const char *name, const char *what)
{
	size_t n = strlen(name), w = strlen(what);
	return n >= w && strcmp(name + n - w, what) == 0 && (n == w || name[n - w - 1] == '/' ||
							     name[n - w - 1] == '-' || name[n - w - 1] == '@');
}

/* A blog plugin's module: @docusaurus/plugin-content-blog,
 * docusaurus-plugin-content-blog, the shorthand content-blog, or a local
 * module wrapping it (./src/plugin/plugin-content-blog). */
static bool S_is_blog_plugin(const char *name)
{
	char *s = xstrdup(name);
	size_t n = strlen(s);
	static const char *const tails[] = {"/index.js", "/index.ts", ".js", ".ts", ".mjs", ".cjs"};
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++)
		if (str_ends_with(s, tails[i])) {
			s[n - strlen(tails[i])] = '\0';
			break;
		}
	bool yes = strcmp(s, "content-blog") == 0 || S_ends_with_name(s, "plugin-content-blog");
	free(s);
	return yes;
}

static bool S_is_classic_preset(const char *name)
{
	return strcmp(name, "classic") == 0 || S_ends_with_name(name, "preset-classic");
}

static char *S_trim_slashes(const char *s)
{
	while (*s == '/')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

/* A folder named in the config, relative to the root, normalized; NULL
 * when it leaves the site. */
static char *S_folder(const char *name)
{
	char *norm = path_normalize(name && *name ? name : ".");
	if (norm[0] == '/' || strcmp(norm, "..") == 0 || str_starts_with(norm, "../")) {
		free(norm);
		return NULL;
	}
	return norm;
}

static void S_globs(const struct fm_node *n, struct strvec *out)
{
	if (n && n->kind == FM_LIST)
		fm_strings(n, out);
}

/* One blog instance from its options (NULL: every default). */
static void S_add_blog(struct S_state *st, const struct S_reader *r, const struct S_obj *opts)
{
	char *path = NULL, *route = NULL, *authors = NULL, *tags = NULL;
	struct S_blog b = {0};
	bool tags_off = false;
	if (opts) {
		b.id = S_get_str(r, *opts, "id", "the default instance is assumed");
		path = S_get_str(r, *opts, "path", "the default blog/ is used");
		route = S_get_str(r, *opts, "routeBasePath", "the default blog is used");
		authors = S_get_str(r, *opts, "authorsMapPath", "the default authors.yml is used");
		struct fm_node *tn = S_get(r, *opts, "tags", "the default tags.yml is used");
		if (tn && tn->kind == FM_SCALAR && !tn->plain)
			tags = xstrdup(tn->value);
		else if (tn && tn->plain && (strcmp(tn->value, "false") == 0 || strcmp(tn->value, "null") == 0))
			tags_off = true;
		fm_node_free(tn);
		struct fm_node *inc = S_get(r, *opts, "include", "the default **/*.{md,mdx} is used");
		struct fm_node *exc = S_get(r, *opts, "exclude", "the default exclusions are used");
		S_globs(inc, &b.include);
		if (exc && exc->kind == FM_LIST)
			S_globs(exc, &b.exclude);
		else
			for (const char *const *g = S_default_exclude; *g; g++)
				sv_push(&b.exclude, *g);
		fm_node_free(inc);
		fm_node_free(exc);
		static const char *const remark[] = {"remarkPlugins", "beforeDefaultRemarkPlugins"};
		for (size_t i = 0; i < 2 && !b.math; i++) {
			size_t at = S_member(r->t, *opts, remark[i]);
			b.math = at != (size_t)-1 && js_value_mentions(r->t, r->len, at, "remark-math");
		}
		size_t adm = S_member(r->t, *opts, "admonitions");
		adm = adm != (size_t)-1 ? js_skip_space(r->t, r->len, adm) : r->len;
		b.no_admonitions = adm + 5 <= r->len && strncmp(r->t + adm, "false", 5) == 0 &&
				   !S_ident_char(r->t[adm + 5]);
		struct S_obj ao;
		if (S_member_obj(r->t, r->len, *opts, "admonitions", &ao)) {
			struct fm_node *kw = S_get(r, ao, "keywords", "only the usual names are admonitions");
			if (kw && kw->kind == FM_LIST)
				fm_strings(kw, &st->admonitions);
			fm_node_free(kw);
		}
	} else {
		for (const char *const *g = S_default_exclude; *g; g++)
			sv_push(&b.exclude, *g);
	}
	if (b.id && strcmp(b.id, "default") == 0) {
		free(b.id);
		b.id = NULL;
	}
	b.dir = path ? site_config_path(r->root, ".", path, r->file, 0, 0, "path", "its posts are left out", r->dl)
		     : xstrdup("blog");
	if (!b.dir) {
		free(b.id);
		sv_free(&b.include);
		sv_free(&b.exclude);
	} else {
		b.route = S_trim_slashes(route ? route : "blog");
		/* Kept as given (relative to the blog folder) until the locale is known. */
		b.authors_file = xstrdup(authors && *authors ? authors : "authors.yml");
		if (!tags_off)
			b.tags_file = xstrdup(tags && *tags ? tags : "tags.yml");
		st->blogs = xrealloc(st->blogs, (st->nblogs + 1) * sizeof *st->blogs);
		st->blogs[st->nblogs++] = b;
	}
	free(path);
	free(route);
	free(authors);
	free(tags);
}

/* The plugin list entry at t[at]: its module name (malloc'd, NULL when
 * it has none written as a string) and its options object. */
static char *S_plugin_entry(const struct S_reader *r, size_t at, struct S_obj *opts, bool *has_opts)
{
	const char *t = r->t;
	size_t len = r->len;
	*has_opts = false;
	at = S_unwrap(t, len, at);
	if (at >= len)
		return NULL;
	if (t[at] == '\'' || t[at] == '"' || t[at] == '`') {
		struct fm_node *n = S_literal(t, len, at, 1);
		char *name = fm_str(n) ? xstrdup(fm_str(n)) : NULL;
		fm_node_free(n);
		return name;
	}
	if (t[at] != '[')
		return NULL;
	size_t end = S_close(t, len, at) - 1;
	size_t i = js_skip_space(t, end, at + 1);
	size_t name_end = js_skip_value(t, end, i);
	char *name = NULL;
	struct fm_node *n = S_literal(t, name_end, i, 1);
	if (fm_str(n)) {
		name = xstrdup(fm_str(n));
	} else {
		/* require.resolve('@docusaurus/plugin-content-blog'): the module
		 * named by the first string inside. */
		for (size_t q = i; q < name_end && !name; q++)
			if (t[q] == '\'' || t[q] == '"') {
				struct fm_node *s = S_literal(t, name_end, q, 1);
				if (fm_str(s))
					name = xstrdup(fm_str(s));
				fm_node_free(s);
				break;
			}
	}
	fm_node_free(n);
	if (name_end < end && t[name_end] == ',') {
		size_t o = S_unwrap(t, end, name_end + 1);
		if (o < end && t[o] == '{') {
			*opts = S_obj_at(t, len, o);
			*has_opts = true;
		}
	}
	return name;
}

/* The blog instances of the presets and plugins lists. */
static void S_read_blogs(struct S_state *st, const struct S_reader *r, struct S_obj cfg)
{
	const char *t = r->t;
	size_t len = r->len;
	bool unread = false;
	static const char *const lists[] = {"presets", "plugins"};
	for (size_t l = 0; l < 2; l++) {
		size_t at = S_member(t, cfg, lists[l]);
		if (at == (size_t)-1)
			continue;
		at = S_unwrap(t, len, at);
		if (at >= len || t[at] != '[') {
			diag_warning(r->dl, r->file, S_line_at(t, at), 1,
				     "'%s' is not a literal list: sheaf does not run JavaScript, and reads the "
				     "blog in blog/ if there is one",
				     lists[l]);
			unread = true;
			continue;
		}
		size_t end = S_close(t, len, at) - 1;
		for (size_t i = at + 1; i < end;) {
			i = js_skip_space(t, end, i);
			if (i >= end)
				break;
			size_t e = js_skip_value(t, end, i);
			struct S_obj opts;
			bool has_opts;
			char *name = S_plugin_entry(r, i, &opts, &has_opts);
			/* The classic preset has a blog unless `blog: false`; a
			 * preset built on it (docusaurus-preset-openapi) passes
			 * its `blog` options on too. */
			size_t b = name && l == 0 && has_opts ? S_member(t, opts, "blog") : (size_t)-1;
			if (name && l == 0 && (S_is_classic_preset(name) || b != (size_t)-1)) {
				if (b == (size_t)-1) {
					S_add_blog(st, r, NULL);
				} else {
					b = S_unwrap(t, len, b);
					if (b < len && t[b] == '{') {
						struct S_obj bo = S_obj_at(t, len, b);
						S_add_blog(st, r, &bo);
					} else if (strncmp(t + b, "false", 5) != 0 || S_ident_char(t[b + 5])) {
						diag_warning(r->dl, r->file, S_line_at(t, b), 1,
							     "the preset's 'blog' is not a literal: sheaf does not "
							     "run JavaScript, and reads the blog with the default "
							     "options");
						S_add_blog(st, r, NULL);
					}
				}
			} else if (name && l == 1 && S_is_blog_plugin(name)) {
				S_add_blog(st, r, has_opts ? &opts : NULL);
			}
			free(name);
			i = e < end ? e + 1 : end;
		}
	}
	if (!st->nblogs && (unread || !cfg.direct))
		S_add_blog(st, r, NULL);
}

/* The config file's name, or NULL. */
static const char *S_config_name(const char *root)
{
	for (const char *const *n = S_config_names; *n; n++) {
		char *p = path_join(root, *n);
		bool found = path_is_file(p);
		free(p);
		if (found)
			return *n;
	}
	return NULL;
}

static bool S_detect(const char *root)
{
	return S_config_name(root) != NULL;
}

/* A YAML or JSON data file of the blog (authors, tags): in the localized
 * folder first, then the blog folder. NULL when there is none. */
static struct fm_node *S_data_file(const struct site *site, const struct S_blog *b, const char *l10n,
				   const char *name, char **where, struct diag_list *dl)
{
	const char *dirs[] = {l10n, b->dir};
	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		/* authorsMapPath and tags stay inside the site (said once, of
		 * the blog folder's reading). */
		char *cfg = path_join(site->root, site->config_file ? site->config_file : "docusaurus.config.js");
		char *rel = site_config_path(site->root, dirs[i], name, cfg, 0, 0,
					     str_ends_with(name, "tags.yml") ? "tags" : "authorsMapPath", "not read",
					     i == 1 ? dl : NULL);
		free(cfg);
		if (!rel)
			continue;
		char *abs = path_join(site->root, rel);
		char *text = NULL;
		size_t len = 0;
		if (!path_is_file(abs) || read_file(abs, &text, &len) < 0) {
			free(abs);
			free(rel);
			continue;
		}
		struct fm_node *n = NULL;
		struct diag_list local = DIAG_LIST_INIT;
		int rc = str_ends_with(name, ".json") ? fm_parse_json(&n, text, len, abs, 1, &local)
						      : fm_parse_yaml(&n, text, len, abs, 1, DIAG_WARNING, &local);
		/* Docusaurus stops on a file it cannot read; sheaf shows the keys. */
		for (size_t k = 0; k < local.n; k++)
			local.v[k].severity = DIAG_WARNING;
		diag_merge(dl, &local);
		diag_list_free(&local);
		if (rc < 0)
			n = NULL;
		if (n && n->kind != FM_MAP) {
			diag_warning(dl, abs, n->line, n->col, "not a mapping of keys: left out");
			fm_node_free(n);
			n = NULL;
		}
		free(text);
		free(abs);
		if (where)
			*where = rel;
		else
			free(rel);
		return n;
	}
	return NULL;
}

static bool S_same_locale(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	const char *name = S_config_name(site->root);
	if (!name)
		return -1;
	site->config_file = xstrdup(name);
	char *text = NULL;
	size_t len = 0;
	if (site_read_text(&text, &len, site, name, dl) < 0)
		return -1;
	char *path = path_join(site->root, name);
	struct S_state *st = xcalloc(1, sizeof *st);
	site->state = st;
	struct S_reader r = {text, len, path, dl, site->root};
	size_t open = S_find_config(text, len);
	struct S_obj cfg = {0, len, false};
	if (open != (size_t)-1)
		cfg = S_obj_at(text, len, open);
	else
		diag_warning(dl, path, 0, 0,
			     "the config object is not written as `export default {…}`, `module.exports = {…}` "
			     "or a `const` they name: its keys are looked for anywhere in the file");

	site->title = S_get_str(&r, cfg, "title", "the folder's name is the title");
	site->description = S_get_str(&r, cfg, "tagline", "the book has no description from it");
	/* Most sites compute it (`${new Date().getFullYear()}`): a notice
	 * that changes with the year the book is made is no default, and
	 * not worth a warning either. */
	struct S_obj theme, footer;
	struct S_reader quiet = {text, len, path, NULL, site->root};
	if (S_member_obj(text, len, cfg, "themeConfig", &theme) && S_member_obj(text, len, theme, "footer", &footer))
		site->copyright = S_get_str(&quiet, footer, "copyright", NULL);
	char *url = S_get_str(&r, cfg, "url", "posts have no address on the live site");
	char *base = S_get_str(&r, cfg, "baseUrl", "'/' is assumed");
	char *trimmed = S_trim_slashes(base ? base : "/");
	st->base_url = *trimmed ? xasprintf("/%s/", trimmed) : xstrdup("/");
	if (*trimmed)
		site->baseurl = xasprintf("/%s", trimmed);
	free(trimmed);
	free(base);
	if (url && url_is_http(url)) {
		size_t n = strlen(url);
		while (n && url[n - 1] == '/')
			n--;
		st->origin = xstrndup(url, n);
		site->url = xasprintf("%s%s", st->origin, st->base_url);
	}
	free(url);

	struct S_obj sub;
	char *locale = NULL;
	if (S_member_obj(text, len, cfg, "i18n", &sub))
		locale = S_get_str(&r, sub, "defaultLocale", "the book's language is not taken from it");
	st->mdx_md = true;
	if (S_member_obj(text, len, cfg, "markdown", &sub)) {
		char *format = S_get_str(&r, sub, "format", "'mdx' (the default) is assumed");
		if (format && (strcmp(format, "md") == 0 || strcmp(format, "detect") == 0))
			st->mdx_md = false;
		free(format);
	}
	S_read_blogs(st, &r, cfg);
	/* One list of passes for the book: math when any instance reads it,
	 * admonitions unless every instance turns them off. */
	bool math = false, admonitions = !st->nblogs;
	for (size_t i = 0; i < st->nblogs; i++) {
		math |= st->blogs[i].math;
		admonitions |= !st->blogs[i].no_admonitions;
	}
	site->dialects = S_passes[admonitions][math];

	/* The locale asked for, when it is not the default one: its
	 * translations replace the posts. */
	const char *want = site->want_language;
	bool other = want && *want && !S_same_locale(want, locale);
	site->language = xstrdup(other ? want : locale ? locale : "en");
	for (size_t i = 0; i < st->nblogs; i++) {
		struct S_blog *b = &st->blogs[i];
		if (other) {
			char *l10n = xasprintf("i18n/%s/docusaurus-plugin-content-blog%s%s", want, b->id ? "-" : "",
					       b->id ? b->id : "");
			char *abs = path_join(site->root, l10n);
			if (path_is_dir(abs))
				b->l10n = l10n;
			else
				free(l10n);
			free(abs);
		}
		char *file = b->authors_file;
		b->authors_file = NULL;
		b->authors = S_data_file(site, b, b->l10n, file, &b->authors_file, dl);
		if (!b->authors_file)
			b->authors_file = path_join(b->dir, file);
		free(file);
		if (b->tags_file)
			b->tags = S_data_file(site, b, b->l10n, b->tags_file, NULL, dl);
	}
	free(locale);

	site->content_dir = xstrdup(".");
	site->posts_dir = xstrdup(st->nblogs ? st->blogs[0].dir : "blog");
	/* staticDirectories (default ['static']): where `/img/x.png` lies. */
	struct fm_node *sdirs = S_get(&r, cfg, "staticDirectories", "static/ is assumed");
	for (size_t i = 0; sdirs && sdirs->kind == FM_LIST && i < sdirs->n; i++) {
		char *dir = S_folder(fm_str(sdirs->items[i]));
		if (dir && !site->static_dir)
			site->static_dir = dir;
		else if (dir)
			sv_push_owned(&site->static_more, dir);
	}
	fm_node_free(sdirs);
	if (!site->static_dir)
		site->static_dir = xstrdup("static");
	free(text);
	free(path);
	return 0;
}

static void S_free_state(void *state)
{
	struct S_state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < st->nblogs; i++) {
		struct S_blog *b = &st->blogs[i];
		free(b->id);
		free(b->dir);
		free(b->l10n);
		free(b->route);
		sv_free(&b->include);
		sv_free(&b->exclude);
		fm_node_free(b->authors);
		free(b->authors_file);
		free(b->tags_file);
		fm_node_free(b->tags);
	}
	free(st->blogs);
	free(st->origin);
	free(st->base_url);
	sv_free(&st->admonitions);
	free(st);
}

/* ---- Globs (Globby's include/exclude: picomatch's patterns, base/glob) ---- */

static bool S_glob_any(const struct strvec *globs, const char *s)
{
	for (size_t i = 0; i < globs->n; i++)
		if (glob_match(globs->v[i], s))
			return true;
	return false;
}

/* ---- Posts ---- */

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	(void)dl;
	const struct S_state *st = site->state;
	for (size_t i = 0; i < st->nblogs; i++) {
		const struct S_blog *b = &st->blogs[i];
		struct strvec all = STRVEC_INIT;
		site_walk_report(site->root, b->dir, S_exts, &all, dl);
		for (size_t k = 0; k < all.n; k++) {
			const char *in = path_under(all.v[k], b->dir);
			if (!in)
				continue;
			if (b->include.n ? !glob_match_list((const char *const *)b->include.v, b->include.n, in)
					 : !glob_match("**/*.{md,mdx}", in))
				continue;
			if (S_glob_any(&b->exclude, in))
				continue;
			char *tr = b->l10n ? path_join(b->l10n, in) : NULL;
			char *abs = tr ? path_join(site->root, tr) : NULL;
			if (abs && path_is_file(abs))
				sv_push(files, tr);
			else
				sv_push(files, all.v[k]);
			free(abs);
			free(tr);
		}
		sv_free(&all);
	}
	return 0;
}

/* The blog instance a post file belongs to, and its path relative to
 * that blog's (or its translation's) folder. */
static const struct S_blog *S_blog_of(const struct S_state *st, const char *relpath, const char **in)
{
	const struct S_blog *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < st->nblogs; i++) {
		const struct S_blog *b = &st->blogs[i];
		const char *dirs[] = {b->dir, b->l10n};
		for (size_t d = 0; d < 2; d++) {
			const char *u = dirs[d] ? path_under(relpath, dirs[d]) : NULL;
			size_t l = dirs[d] ? strlen(dirs[d]) : 0;
			if (u && (!best || l > best_len)) {
				best = b;
				best_len = l;
				*in = u;
			}
		}
	}
	return best;
}

/* What the file's path tells (parseBlogFileName). */
struct S_name {
	bool dated;
	int year, month, day;
	char *text; /* the slug's text: folder + text, or the path */
	char *slug; /* /YYYY/MM/DD/text or /path */
};

/* Digits of s at i: between lo and hi of them, as many as allowed by
 * what follows (tried longest first by the caller). */
static bool S_digits(const char *s, size_t i, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!isdigit((unsigned char)s[i + k]))
			return false;
	return true;
}

static void S_parse_name(const char *in, struct S_name *out)
{
	memset(out, 0, sizeof *out);
	size_t n = strlen(in);
	/* Without (/index)?.mdx? at the end. */
	size_t stem = n;
	if (str_ends_with(in, ".mdx"))
		stem -= 4;
	else if (str_ends_with(in, ".md"))
		stem -= 3;
	size_t text_end = stem;
	if (text_end >= 6 && strncmp(in + text_end - 6, "/index", 6) == 0)
		text_end -= 6;
	/* The greedy (folder.*) takes the last place a date starts. */
	for (size_t i = stem >= 8 ? stem - 8 + 1 : 0; i-- > 0;) {
		if (i + 4 > stem || !S_digits(in, i, 4) || (in[i + 4] != '-' && in[i + 4] != '/'))
			continue;
		size_t j = i + 5;
		for (size_t ml = 2; ml >= 1; ml--) {
			if (j + ml >= stem || !S_digits(in, j, ml) || (in[j + ml] != '-' && in[j + ml] != '/'))
				continue;
			size_t k = j + ml + 1;
			size_t dl = k + 2 <= stem && S_digits(in, k, 2) ? 2 : k + 1 <= stem && S_digits(in, k, 1) ? 1 : 0;
			if (!dl)
				continue;
			size_t t = k + dl;
			if (t < stem && (in[t] == '-' || in[t] == '/'))
				t++;
			out->dated = true;
			out->year = atoi(in + i);
			out->month = atoi(in + j);
			out->day = atoi(in + k);
			char *date = xstrndup(in + i, k + dl - i);
			for (char *c = date; *c; c++)
				if (*c == '-')
					*c = '/';
			size_t tl = t <= text_end ? text_end - t : 0;
			out->text = xasprintf("%.*s%.*s", (int)i, in, (int)tl, in + t);
			out->slug = xasprintf("/%s/%s", date, out->text);
			free(date);
			return;
		}
	}
	out->text = xstrndup(in, text_end);
	out->slug = xasprintf("/%s", out->text);
}

static void S_name_free(struct S_name *n)
{
	free(n->text);
	free(n->slug);
}

/* The content title (parseMarkdownContentTitle): an ATX or setext H1
 * opening the body, after import blocks (up to a blank line) and blank
 * lines; its inline code unwrapped, a {#id} left aside.
 * Returns its text (malloc'd) and blanks its lines in body (Docusaurus
 * removes it from a blog post's content), or NULL. */
static char *S_content_title(char *body, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && body[e] != '\n')
			e++;
		size_t s = i;
		while (s < e && (body[s] == ' ' || body[s] == '\t' || body[s] == '\r'))
			s++;
		if (s == e) {
			i = e + 1;
			continue;
		}
		/* An import block: `import ` at the start, up to a blank line. */
		if (!(e - s > 7 && strncmp(body + s, "import", 6) == 0 && isspace((unsigned char)body[s + 6])))
			break;
		size_t k = e;
		while (k < len) {
			size_t ls = k + 1, le = ls;
			while (le < len && body[le] != '\n')
				le++;
			size_t q = ls;
			while (q < le && isspace((unsigned char)body[q]))
				q++;
			k = le;
			if (q == le)
				break;
		}
		i = k < len ? k + 1 : len;
	}
	if (i >= len)
		return NULL;
	size_t e = i;
	while (e < len && body[e] != '\n')
		e++;
	size_t s = i;
	while (s < e && body[s] == ' ' && s - i < 3)
		s++;
	size_t blank_to = e;
	char *title = NULL;
	if (body[s] == '#' && s + 1 < e && (body[s + 1] == ' ' || body[s + 1] == '\t')) {
		size_t a = s + 2, b = e;
		while (b > a && isspace((unsigned char)body[b - 1]))
			b--;
		if (b > a && body[b - 1] == '}') { /* {#id} */
			size_t o = b - 1;
			while (o > a && body[o] != '{')
				o--;
			if (body[o] == '{' && o + 1 < b && body[o + 1] == '#')
				b = o;
		}
		while (b > a && body[b - 1] == '#')
			b--;
		while (b > a && isspace((unsigned char)body[b - 1]))
			b--;
		while (a < b && isspace((unsigned char)body[a]))
			a++;
		if (b > a)
			title = xstrndup(body + a, b - a);
	} else if (e < len) {
		size_t u = e + 1, ue = u;
		while (ue < len && body[ue] != '\n')
			ue++;
		size_t q = u;
		while (q < ue && body[q] == '=')
			q++;
		size_t r = q;
		while (r < ue && isspace((unsigned char)body[r]))
			r++;
		if (q > u && r == ue) {
			size_t b = e;
			while (b > s && isspace((unsigned char)body[b - 1]))
				b--;
			title = xstrndup(body + s, b - s);
			blank_to = ue;
		}
	}
	if (title && strchr(title, '`')) {
		struct strbuf sb = STRBUF_INIT;
		for (const char *c = title; *c; c++)
			if (*c != '`')
				sb_addc(&sb, *c);
		free(title);
		title = sb_detach(&sb);
	}
	if (title)
		for (size_t k = i; k < blank_to; k++)
			if (body[k] != '\n')
				body[k] = ' ';
	return title;
}

/* An author's name from the authors map entry or inline object. */
static const char *S_author_name(const struct fm_node *n)
{
	const char *s = fm_str(fm_get(n, "name"));
	return s && *s ? s : NULL;
}

static void S_push_author(struct post *p, const char *id, const char *name)
{
	if (!name)
		return;
	sv_push(&p->authors, id ? id : name);
	sv_push(&p->author_names, name);
}

/* getBlogPostAuthors: the legacy fields make one author, else `authors`. */
static void S_authors(const struct S_blog *b, struct post *p, const struct fm_node *fm, struct diag_list *dl)
{
	sv_free(&p->authors);
	sv_free(&p->author_names);
	static const char *const legacy[] = {"author", "author_title", "authorTitle", "author_url", "authorURL",
					     "author_image_url", "authorImageURL"};
	bool has_legacy = false;
	for (size_t i = 0; i < sizeof legacy / sizeof *legacy; i++)
		has_legacy |= fm_get(fm, legacy[i]) != NULL;
	const struct fm_node *a = fm_get(fm, "authors");
	if (has_legacy) {
		/* Docusaurus refuses the post; sheaf keeps it with the legacy author. */
		if (a)
			diag_warning(dl, p->path, a->line, a->col,
				     "'authors' and the legacy author fields are both given (Docusaurus refuses "
				     "that): the legacy ones are used");
		const char *name = fm_str(fm_get(fm, "author"));
		S_push_author(p, NULL, name && *name ? name : NULL);
		return;
	}
	if (!a)
		return;
	size_t n = a->kind == FM_LIST ? a->n : 1;
	for (size_t i = 0; i < n; i++) {
		const struct fm_node *it = a->kind == FM_LIST ? a->items[i] : a;
		const char *key = it->kind == FM_SCALAR ? fm_str(it) : fm_str(fm_get(it, "key"));
		const struct fm_node *entry = key ? fm_get(b->authors, key) : NULL;
		if (key && !entry)
			diag_warning(dl, p->path, it->line, it->col,
				     "the author '%s' is not in %s: the key is shown as the name", key,
				     b->authors_file);
		/* Inline fields override the map's. */
		const char *name = it->kind == FM_MAP ? S_author_name(it) : NULL;
		if (!name && entry)
			name = S_author_name(entry);
		if (!name && key && !entry)
			name = key;
		S_push_author(p, key, name);
	}
}

/* Tags: strings (the tags file's label when it has the key) or objects
 * with a label. */
static void S_tags(const struct S_blog *b, struct post *p, const struct fm_node *fm)
{
	const struct fm_node *t = fm_get(fm, "tags");
	if (!t)
		return;
	sv_free(&p->tags);
	size_t n = t->kind == FM_LIST ? t->n : 1;
	for (size_t i = 0; i < n; i++) {
		const struct fm_node *it = t->kind == FM_LIST ? t->items[i] : t;
		const char *label = NULL;
		if (it->kind == FM_SCALAR) {
			label = fm_str(it);
			const struct fm_node *def = label ? fm_get(b->tags, label) : NULL;
			const char *l = fm_str(fm_get(def, "label"));
			if (l && *l)
				label = l;
		} else if (it->kind == FM_MAP) {
			label = fm_str(fm_get(it, "label"));
		}
		if (label && *label && !sv_contains_ci(&p->tags, label))
			sv_push(&p->tags, label);
	}
}

/* normalizeUrl of parts joined with `/`: repeated slashes made one. */
static char *S_join_url(const char *a, const char *b, const char *c)
{
	char *raw = xasprintf("%s/%s/%s", a, b, c);
	struct strbuf sb = STRBUF_INIT;
	for (const char *s = raw; *s; s++)
		if (!(*s == '/' && sb.len && sb.s[sb.len - 1] == '/'))
			sb_addc(&sb, *s);
	free(raw);
	return sb_detach(&sb);
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format;
	const struct S_state *st = site->state;
	const char *in = NULL;
	const struct S_blog *b = S_blog_of(st, p->relpath, &in);
	if (!b)
		return true;
	struct S_name name;
	S_parse_name(in, &name);

	const struct fm_node *fd = fm_get(fm, "date");
	if (!p->date.valid && fd && fm_str(fd))
		diag_warning(dl, p->path, fd->line, fd->col,
			     "'date' is not a date sheaf reads: '%s'; the %s is used", fm_str(fd),
			     name.dated ? "file name's date" : "file's modification time");
	if (!p->date.valid) {
		if (name.dated) {
			char *ymd = xasprintf("%04d-%02d-%02d", name.year, name.month, name.day);
			if (date_parse(&p->date, ymd) < 0)
				p->date.valid = false;
			free(ymd);
		}
		struct stat sb;
		if (!p->date.valid && stat(p->path, &sb) == 0) {
			p->date = date_from_epoch((int64_t)sb.st_mtime);
			if (!p->draft && !fd)
				diag_warning(dl, p->path, 1, 1,
					     "no date in the front matter or the file name: the file's modification "
					     "time is used (Docusaurus takes its first git commit's)");
		}
	}

	char *ct = p->body ? S_content_title(p->body, p->body_len) : NULL;
	if (!p->title)
		p->title = ct ? ct : xstrdup(name.text);
	else
		free(ct);

	S_authors(b, p, fm, dl);
	S_tags(b, p, fm);

	const char *slug = fm_str(fm_get(fm, "slug"));
	free(p->url);
	p->url = S_join_url(st->base_url, b->route, slug && *slug ? slug : name.slug);
	S_name_free(&name);
	return true;
}

static char *S_post_url(const struct site *site, const struct post *p)
{
	const struct S_state *st = site->state;
	if (!st->origin || !p->url)
		return NULL;
	char *esc = url_escape(p->url);
	char *u = xasprintf("%s%s", st->origin, esc);
	free(esc);
	return u;
}

/* The titles Docusaurus gives an admonition without one, in its locales
 * of the book's languages (@docusaurus/theme-translations 3.10,
 * locales/<locale>/theme-common.json, theme.admonition.*). Shown in
 * capitals by its stylesheet; the box writes them capitalized, as it
 * writes the English name. A locale with no row (English, Finnish,
 * pt-PT, whose file keeps the English words) shows the name. */
static const struct {
	const char *locale;
	const char *const titles[13];
} S_box_titles[] = {
	{"zh-Hans", {"note", "备注", "tip", "提示", "info", "信息", "warning", "注意", "danger", "危险", "caution", "警告", NULL}},
	{"zh-Hant", {"note", "備註", "tip", "提示", "info", "資訊", "warning", "注意", "danger", "危險", "caution", "警告", NULL}},
	{"ja", {"note", "注記", "tip", "ヒント", "info", "備考", "warning", "警告", "danger", "危険", "caution", "注意", NULL}},
	{"ko", {"note", "노트", "tip", "팁", "info", "정보", "warning", "경고", "danger", "위험", "caution", "주의", NULL}},
	{"fr", {"note", "remarque", "tip", "astuce", "info", "info", "warning", "attention", "danger", "danger", "caution",
		"attention", NULL}},
	{"de", {"note", "hinweis", "tip", "tipp", "info", "info", "warning", "warnung", "danger", "gefahr", "caution",
		"vorsicht", NULL}},
	{"es", {"note", "nota", "tip", "consejo", "info", "información", "warning", "aviso", "danger", "peligro", "caution",
		"precaución", NULL}},
	{"pt-BR", {"note", "observação", "tip", "dica", "info", "informação", "warning", "aviso", "danger", "perigo",
		   "caution", "cuidado", NULL}},
};

/* The row of the site's locale, as Docusaurus falls back (zh-CN is
 * zh-Hans, pt is pt-BR), or NULL. */
static const char *const *S_box_titles_for(const char *locale)
{
	const char *row = words_for(locale)->lang;
	if (strcmp(row, "zh") == 0)
		row = "zh-Hans";
	else if (strcmp(row, "pt") == 0)
		row = strncasecmp(locale, "pt-PT", 5) == 0 || strncasecmp(locale, "pt_PT", 5) == 0 ? NULL : "pt-BR";
	for (size_t i = 0; row && i < sizeof S_box_titles / sizeof *S_box_titles; i++)
		if (strcmp(S_box_titles[i].locale, row) == 0)
			return S_box_titles[i].titles;
	return NULL;
}

static struct site_data *S_site_data(const struct site *site)
{
	const struct S_state *st = site->state;
	struct site_data *sd = site_data_new(site);
	sd->mdx_md = st->mdx_md;
	sd->box_titles = site->language ? S_box_titles_for(site->language) : NULL;
	for (size_t i = 0; i < st->admonitions.n; i++)
		sv_push(&sd->admonitions, st->admonitions.v[i]);
	return sd;
}

static const char *const S_cover_keys[] = {"image", NULL};

const struct site_generator site_docusaurus = {
	.name = "docusaurus",
	/* JavaScript's Date reads more forms than sheaf: one it cannot read
	 * is a warning, the file name's date used. */
	.lenient_dates = true,
	.detect = S_detect,
	.configure = S_configure,
	.free_state = S_free_state,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.post_url = S_post_url,
	/* The blog plugin's defaults; configure sets the site's (S_passes). */
	.dialects = S_passes[1][0],
	.cover_keys = S_cover_keys,
	.post_exts = S_exts,
	.site_data = S_site_data,
};
