/* Eleventy: a folder with eleventy.config.js (.mjs, .cjs) or .eleventy.js.
 *
 * The configuration is JavaScript, which sheaf does not run: the input,
 * data and includes folders and pathPrefix are read by scanning the text
 * for their string literals (`dir: { input: "content" }`,
 * setInputDirectory("content")). Pages are the Markdown files under the
 * input folder; the posts are those in the `posts` collection (tagged
 * `posts` by front matter or folder data files), or every page when no
 * page is. Folder data files (blog/blog.json, blog/blog.11tydata.json,
 * and .11tydata.js by the same scan) give their fields to every page
 * below: front matter wins, tags add up. A posts collection the config
 * builds with getFilteredByTag / getFilteredByGlob counts too. Site
 * metadata comes from _data/metadata.json (or .js, scanned).
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "convert/dialect.h"
#include "base/jsliteral.h"
#include "base/slug.h"
#include "base/text.h"
#include "base/url.h"
#include "input/site.h"

/* ---- Reading JavaScript without running it ----
 *
 * `key: literal` and `const key = literal` are found and read by
 * base/jsliteral; what is not a literal is left out. */

static struct fm_node *S_node(enum fm_kind kind, int line)
{
	struct fm_node *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = line;
	n->col = 1;
	return n;
}

static void S_node_push(struct fm_node *parent, const char *key, struct fm_node *child)
{
	fm_node_push(parent, parent->kind == FM_MAP ? xstrdup(key) : NULL, child);
}

/* The literal at text[i] as a tree, or NULL when it is not a literal. */
static struct fm_node *S_js_value(const char *text, size_t len, size_t i, size_t *end, int first_line)
{
	struct js_value *v = NULL;
	struct fm_node *n = js_read(&v, end, text, len, i, first_line) == 0 ? fm_from_js(v) : NULL;
	js_value_free(v);
	return n;
}

/* The value of key in text[from..to) when it is a literal, else NULL. */
static struct fm_node *S_js_get(const char *text, size_t from, size_t to, const char *key, int first_line)
{
	size_t at = js_find(text, from, to, key), end;
	return at == (size_t)-1 ? NULL : S_js_value(text, to, at, &end, first_line);
}

/* The string literal of key, or NULL. malloc'd. */
static char *S_js_get_str(const char *text, size_t len, const char *key)
{
	struct fm_node *n = S_js_get(text, 0, len, key, 1);
	char *s = n && n->kind == FM_SCALAR && !n->plain && n->value[0] ? xstrdup(n->value) : NULL;
	fm_node_free(n);
	return s;
}

/* The fields a data file or ---js front matter gives, as a mapping:
 * every literal among the keys Eleventy blogs use. */
static struct fm_node *S_js_fields(const char *text, size_t len, int first_line)
{
	static const char *const keys[] = {"title", "date", "draft", "tags", "description", "author",
					   "authors", "permalink", "eleventyExcludeFromCollections",
					   "eleventyComputed", "layout", "lang", "language"};
	struct fm_node *map = S_node(FM_MAP, first_line);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		struct fm_node *v = S_js_get(text, 0, len, keys[i], first_line);
		if (v)
			S_node_push(map, keys[i], v);
	}
	return map;
}

/* ---- Configuration ---- */

/* Eleventy's folders, relative to the site root. */
struct S_dirs {
	char *input, *data, *includes, *output;
};

/* A folder named in the config: relative to base, normalized, and kept
 * inside the site (NULL otherwise). */
static char *S_folder(const char *base, const char *name)
{
	if (!name || !*name)
		return NULL;
	char *joined = strcmp(base, ".") == 0 ? xstrdup(name) : path_join(base, name);
	char *norm = path_normalize(joined);
	free(joined);
	if (norm[0] == '/' || str_starts_with(norm, "..")) {
		free(norm);
		return NULL;
	}
	return norm;
}

/* The folders the config names; cli_input (--input), when not NULL,
 * wins over its input folder. */
static void S_read_dirs(const char *cfg, const char *cli_input, struct S_dirs *d, const char *root,
			const char *cfgname, struct diag_list *dl)
{
	size_t len = cfg ? strlen(cfg) : 0, from = 0, to = len;
	char *input = NULL, *data = NULL, *includes = NULL, *output = NULL;
	int line[3] = {0, 0, 0}; /* of input, data, includes */
	if (cfg) {
		/* Within `dir: { … }` when there is one. */
		size_t at = js_find(cfg, 0, len, "dir");
		if (at != (size_t)-1) {
			size_t i = js_skip_space(cfg, len, at);
			if (i < len && cfg[i] == '{') {
				from = i;
				to = js_skip_value(cfg, len, i);
			}
		}
		struct fm_node *n;
		if ((n = S_js_get(cfg, from, to, "input", 1)) && fm_str(n) && !n->plain) {
			input = xstrdup(n->value);
			line[0] = n->line;
		}
		fm_node_free(n);
		if ((n = S_js_get(cfg, from, to, "data", 1)) && fm_str(n) && !n->plain) {
			data = xstrdup(n->value);
			line[1] = n->line;
		}
		fm_node_free(n);
		if ((n = S_js_get(cfg, from, to, "includes", 1)) && fm_str(n) && !n->plain) {
			includes = xstrdup(n->value);
			line[2] = n->line;
		}
		fm_node_free(n);
		if ((n = S_js_get(cfg, from, to, "output", 1)) && fm_str(n) && !n->plain)
			output = xstrdup(n->value);
		fm_node_free(n);
		if (!input)
			input = js_call_string(cfg, len, "setInputDirectory");
		if (!data)
			data = js_call_string(cfg, len, "setDataDirectory");
		if (!includes)
			includes = js_call_string(cfg, len, "setIncludesDirectory");
		if (!output)
			output = js_call_string(cfg, len, "setOutputDirectory");
	}
	/* Each folder named stays inside the site, else its default is read. */
	char *cfgpath = path_join(root, cli_input ? "package.json" : cfgname ? cfgname : ".");
	d->input = site_config_path(root, ".", cli_input ? cli_input : input, cfgpath, cli_input ? 0 : line[0], 0,
				    "dir.input", "the site's root is read", dl);
	if (!d->input)
		d->input = xstrdup(".");
	d->data = site_config_path(root, d->input, data, cfgpath, line[1], 0, "dir.data", "_data is read", dl);
	if (!d->data)
		d->data = S_folder(d->input, "_data");
	d->includes = site_config_path(root, d->input, includes, cfgpath, line[2], 0, "dir.includes",
				       "_includes is read", dl);
	if (!d->includes)
		d->includes = S_folder(d->input, "_includes");
	free(cfgpath);
	d->output = S_folder(".", output ? output : "_site");
	free(input);
	free(data);
	free(includes);
	free(output);
}

static void S_dirs_free(struct S_dirs *d)
{
	free(d->input);
	free(d->data);
	free(d->includes);
	free(d->output);
}

/* Parses JSON; its problems become warnings in dl (may be NULL): a data
 * file Eleventy could not read leaves its fields out of the book, not the
 * posts. */
static struct fm_node *S_json(const char *text, size_t len, const char *path, int first_line,
			      struct diag_list *dl)
{
	struct diag_list local = DIAG_LIST_INIT;
	struct fm_node *n = NULL;
	if (fm_parse_json(&n, text, len, path, first_line, &local) < 0) {
		n = NULL;
		diag_warning(&local, path, first_line, 1, "the JSON cannot be read; its fields are left out");
	}
	for (size_t i = 0; i < local.n; i++)
		local.v[i].severity = DIAG_WARNING;
	if (dl)
		diag_merge(dl, &local);
	diag_list_free(&local);
	return n;
}

/* What the project's package.json scripts pass to `eleventy` (the build
 * script's call, else the first script's that calls it): --config,
 * --input and --pathprefix, each NULL when not given. */
struct S_cli {
	char *config, *input, *pathprefix;
};

static void S_cli_free(struct S_cli *cli)
{
	free(cli->config);
	free(cli->input);
	free(cli->pathprefix);
}

/* The options of the first `eleventy` call in the shell command cmd. */
static bool S_cli_parse(const char *cmd, struct S_cli *cli)
{
	struct strvec words = STRVEC_INIT;
	for (const char *p = cmd; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t");
		if (n)
			sv_push_owned(&words, xstrndup(p, n));
		p += n;
	}
	bool found = false;
	for (size_t i = 0; i < words.n && !found; i++) {
		const char *w = words.v[i];
		const char *b = strrchr(w, '/');
		if (strcmp(b ? b + 1 : w, "eleventy") != 0 && strcmp(w, "@11ty/eleventy") != 0)
			continue;
		found = true;
		for (size_t k = i + 1; k < words.n; k++) {
			const char *a = words.v[k];
			if (strchr("&|;", a[0]))
				break;
			static const char *const opts[] = {"--config", "--input", "--pathprefix"};
			char **dest[] = {&cli->config, &cli->input, &cli->pathprefix};
			for (size_t o = 0; o < 3; o++) {
				size_t ol = strlen(opts[o]);
				const char *val = NULL;
				if (strncmp(a, opts[o], ol) == 0 && a[ol] == '=')
					val = a + ol + 1;
				else if (strcmp(a, opts[o]) == 0 && k + 1 < words.n)
					val = words.v[++k];
				if (val && !*dest[o]) {
					size_t vl = strlen(val);
					if (vl >= 2 && (val[0] == '"' || val[0] == '\'') && val[vl - 1] == val[0])
						*dest[o] = xstrndup(val + 1, vl - 2);
					else
						*dest[o] = xstrdup(val);
				}
			}
		}
	}
	sv_free(&words);
	return found;
}

static void S_cli_read(const char *root, struct S_cli *cli)
{
	memset(cli, 0, sizeof *cli);
	char *path = path_join(root, "package.json"), *text = NULL;
	size_t len;
	if (path_is_file(path) && read_file(path, &text, &len) == 0) {
		struct fm_node *pkg = S_json(text, len, path, 1, NULL);
		const struct fm_node *scripts = fm_get(pkg, "scripts");
		const char *build = fm_str(fm_get(scripts, "build"));
		if (!build || !S_cli_parse(build, cli))
			for (size_t i = 0; scripts && scripts->kind == FM_MAP && i < scripts->n; i++) {
				const char *cmd = fm_str(scripts->items[i]);
				if (cmd && S_cli_parse(cmd, cli))
					break;
			}
		fm_node_free(pkg);
	}
	free(text);
	free(path);
}

/* The config file Eleventy reads (relative to the root, malloc'd): the
 * one the package.json scripts name, else the first of its default
 * names present; NULL when none is. */
static char *S_config_name(const char *root, const struct S_cli *cli)
{
	static const char *const names[] = {".eleventy.js", "eleventy.config.js", "eleventy.config.mjs",
					    "eleventy.config.cjs"};
	if (cli->config) {
		char *rel = S_folder(".", cli->config);
		char *p = rel ? path_join(root, rel) : NULL;
		bool ok = p && path_is_file(p);
		free(p);
		if (ok)
			return rel;
		free(rel);
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *p = path_join(root, names[i]);
		bool ok = path_is_file(p);
		free(p);
		if (ok)
			return xstrdup(names[i]);
	}
	return NULL;
}

static bool S_detect(const char *root)
{
	struct S_cli cli;
	S_cli_read(root, &cli);
	char *name = S_config_name(root, &cli);
	S_cli_free(&cli);
	free(name);
	return name != NULL;
}

/* The text of the config file name (NULL when none or unreadable). */
static char *S_config_text(const char *root, const char *name)
{
	if (!name)
		return NULL;
	char *path = path_join(root, name), *text = NULL;
	size_t len;
	if (read_file(path, &text, &len) < 0)
		text = NULL;
	free(path);
	return text;
}

/* A data file as a tree: JSON, or JavaScript scanned for literals. NULL
 * when absent or unreadable (a warning in dl, when not NULL). */
static struct fm_node *S_read_data(const char *root, const char *rel, struct diag_list *dl)
{
	char *path = path_join(root, rel), *text = NULL;
	size_t len;
	struct fm_node *n = NULL;
	if (path_is_file(path) && read_file(path, &text, &len) == 0) {
		if (str_ends_with(rel, ".json")) {
			n = S_json(text, len, path, 1, dl);
		} else {
			n = S_js_fields(text, len, 1);
		}
		if (n && n->kind != FM_MAP) {
			fm_node_free(n);
			n = NULL;
		}
	}
	free(text);
	free(path);
	return n;
}

/* The folder whose files a passthrough copy puts at the site's root
 * (`addPassthroughCopy({ "./public/": "/" })`), when it exists: there
 * site-absolute paths resolve. NULL otherwise (the input folder). */
static char *S_passthrough_root(const char *root, const char *cfg)
{
	size_t len = strlen(cfg);
	for (const char *at = strstr(cfg, "addPassthroughCopy"); at; at = strstr(at + 1, "addPassthroughCopy")) {
		size_t i = js_skip_space(cfg, len, (size_t)(at - cfg) + 18), end;
		if (i >= len || cfg[i] != '(')
			continue;
		i = js_skip_space(cfg, len, i + 1);
		if (i >= len || cfg[i] != '{')
			continue;
		struct fm_node *map = S_js_value(cfg, len, i, &end, 1);
		char *found = NULL;
		for (size_t k = 0; map && k < map->n && !found; k++) {
			const char *to = fm_str(map->items[k]);
			if (!to || strcmp(to, "/") != 0)
				continue;
			char *dir = S_folder(".", map->keys[k]);
			char *abs = dir ? path_join(root, dir) : NULL;
			if (abs && path_is_dir(abs))
				found = dir;
			else
				free(dir);
			free(abs);
		}
		fm_node_free(map);
		if (found)
			return found;
	}
	return NULL;
}

static void *S_state_new(const char *root, const char *cfg, const struct S_dirs *dirs);

static int S_configure(struct site *site, struct diag_list *dl)
{
	/* Eleventy runs without a config file too (--generator eleventy):
	 * then the input folder is the root. */
	struct S_cli cli;
	S_cli_read(site->root, &cli);
	char *name = S_config_name(site->root, &cli);
	site->config_file = name;
	char *cfg = S_config_text(site->root, name);
	struct S_dirs d;
	S_read_dirs(cfg, cli.input, &d, site->root, name, dl);
	char *input_abs = path_join(site->root, d.input);
	bool have_input = path_is_dir(input_abs);
	free(input_abs);
	if (!have_input) {
		diag_error(dl, site->root, 0, 0, "the Eleventy input folder '%s' (from %s) does not exist", d.input,
			   cli.input ? "package.json" : name ? name : "the default");
		S_dirs_free(&d);
		S_cli_free(&cli);
		free(cfg);
		return -1;
	}
	site->content_dir = xstrdup(d.input);
	site->posts_dir = xstrdup(d.input);
	if (cfg)
		site->static_dir = S_passthrough_root(site->root, cfg);
	char *prefix = cli.pathprefix ? xstrdup(cli.pathprefix)
				      : cfg ? S_js_get_str(cfg, strlen(cfg), "pathPrefix") : NULL;
	if (prefix && strcmp(prefix, "/") != 0) {
		struct strbuf sb = STRBUF_INIT;
		if (prefix[0] != '/')
			sb_addc(&sb, '/');
		sb_adds(&sb, prefix);
		while (sb.len > 1 && sb.s[sb.len - 1] == '/')
			sb.s[--sb.len] = '\0';
		site->baseurl = sb_detach(&sb);
	}
	free(prefix);

	/* Site metadata: _data/metadata.json or .js (the base blog's), else
	 * _data/site.json or .js. */
	static const char *const meta[] = {"metadata.json", "metadata.js", "metadata.mjs", "metadata.cjs",
					   "site.json", "site.js"};
	struct fm_node *m = NULL;
	for (size_t i = 0; i < sizeof meta / sizeof *meta && !m; i++) {
		char *rel = path_join(d.data, meta[i]);
		char *path = path_join(site->root, rel);
		if (path_is_file(path)) {
			char *text = NULL;
			size_t len;
			if (read_file(path, &text, &len) == 0) {
				if (str_ends_with(meta[i], ".json")) {
					m = S_json(text, len, path, 1, dl);
				} else {
					m = S_node(FM_MAP, 1);
					static const char *const keys[] = {"title", "description", "language", "lang",
									   "url", "author"};
					for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
						struct fm_node *v = S_js_get(text, 0, len, keys[k], 1);
						if (v)
							S_node_push(m, keys[k], v);
					}
				}
				free(text);
			}
		}
		free(path);
		free(rel);
	}
	if (m) {
		site->title = str_dup_nonempty(fm_str(fm_get(m, "title")));
		site->description = str_dup_nonempty(fm_str(fm_get(m, "description")));
		const char *lang = fm_str(fm_get(m, "language"));
		site->language = str_dup_nonempty(lang ? lang : fm_str(fm_get(m, "lang")));
		site->url = str_dup_nonempty(fm_str(fm_get(m, "url")));
		site->author = str_dup_nonempty(fm_person(fm_get(m, "author")));
		fm_node_free(m);
	}
	site->state = S_state_new(site->root, cfg, &d); /* takes d */
	S_cli_free(&cli);
	free(cfg);
	return 0;
}

/* ---- Pages, their data, and which are posts ---- */

/* Patterns of .eleventyignore (one a line, # comments), relative to the
 * site root. */
static void S_ignores(const char *root, const char *input, struct strvec *out)
{
	const char *dirs[] = {".", input};
	for (size_t k = 0; k < 2; k++) {
		if (k == 1 && strcmp(input, ".") == 0)
			break;
		char *rel = path_join(dirs[k], ".eleventyignore");
		char *path = path_join(root, rel), *text = NULL;
		size_t len;
		if (read_file(path, &text, &len) == 0) {
			char *save = NULL;
			for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
				char *t = str_collapse_ws(line);
				if (*t && *t != '#' && *t != '!') {
					char *p = t;
					while (str_starts_with(p, "./"))
						p += 2;
					char *full = k == 0 ? xstrdup(p) : path_join(input, p);
					char *norm = path_normalize(full);
					size_t n = strlen(norm);
					while (n > 1 && norm[n - 1] == '/')
						norm[--n] = '\0';
					sv_push_owned(out, norm);
					free(full);
				}
				free(t);
			}
			free(text);
		}
		free(path);
		free(rel);
	}
}

static bool S_ignored(const struct strvec *ignores, const char *rel)
{
	for (size_t i = 0; i < ignores->n; i++) {
		const char *pat = ignores->v[i];
		if (strcmp(pat, rel) == 0 || path_under(rel, pat) || fnmatch(pat, rel, 0) == 0)
			return true;
	}
	return false;
}

struct S_walk {
	const char *root;
	const struct S_dirs *dirs;
	struct strvec ignores;
	struct diag_list *dl; /* what is left out unseen, and why */
};

static void S_walk(const struct S_walk *w, const char *dir, struct strvec *files, int depth)
{
	char *abs = path_join(w->root, dir);
	struct strvec names = STRVEC_INIT;
	if (!site_list_dir(abs, &names))
		site_warn_unreadable_dir(abs, errno, w->dl);
	for (size_t i = 0; i < names.n; i++) {
		char *rel = strcmp(dir, ".") == 0 ? xstrdup(names.v[i]) : path_join(dir, names.v[i]);
		char *full = path_join(w->root, rel);
		struct stat st;
		if (lstat(full, &st) == 0 && !S_ignored(&w->ignores, rel)) {
			if (S_ISDIR(st.st_mode)) {
				bool skip = strcmp(names.v[i], "node_modules") == 0 ||
					    strcmp(rel, w->dirs->data) == 0 || strcmp(rel, w->dirs->includes) == 0 ||
					    strcmp(rel, w->dirs->output) == 0 || strcmp(names.v[i], "_includes") == 0 ||
					    strcmp(names.v[i], "_data") == 0 || strcmp(names.v[i], "_site") == 0;
				if (!skip && depth < 32)
					S_walk(w, rel, files, depth + 1);
			} else if (str_ends_with(names.v[i], ".md") && path_is_file(full)) {
				sv_push(files, rel);
			} else if (str_ends_with(names.v[i], ".md")) {
				site_warn_not_post(full, w->dl);
			}
		}
		free(full);
		free(rel);
	}
	sv_free(&names);
	free(abs);
}

/* The data files of dir named name: name.json, name.11tydata.json,
 * name.11tydata.cjs, .mjs, .js, lowest priority first, their paths
 * (relative to the root) appended to out. */
static void S_data_names(const char *dir, const char *name, struct strvec *out)
{
	static const char *const suffixes[] = {".json", ".11tydata.json", ".11tydata.cjs", ".11tydata.mjs",
					       ".11tydata.js"};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		char *file = xasprintf("%s%s", name, suffixes[i]);
		sv_push_owned(out, strcmp(dir, ".") == 0 ? xstrdup(file) : path_join(dir, file));
		free(file);
	}
}

/* The data files that may give the page at relpath its fields, lowest
 * priority first: the input folder's (when it has a name), each
 * folder's down to the page's, then the template's own
 * (page.11tydata.json beside page.md). Appended to out. */
static void S_data_paths(const char *input, const char *relpath, struct strvec *out)
{
	const char *in = strcmp(input, ".") == 0 ? relpath : path_under(relpath, input);
	if (!in)
		return;
	if (strcmp(input, ".") != 0)
		S_data_names(input, path_basename(input), out);
	char *dir = xstrdup(in);
	for (char *slash = strchr(dir, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		char *rel = strcmp(input, ".") == 0 ? xstrdup(dir) : path_join(input, dir);
		S_data_names(rel, path_basename(rel), out);
		free(rel);
		*slash = '/';
	}
	free(dir);
	char *stem = xstrndup(relpath, strlen(relpath) - 3);
	char *pdir = path_dirname(relpath);
	const char *parent = path_basename(pdir);
	if (strcmp(path_basename(stem), parent) != 0 || strcmp(pdir, ".") == 0)
		S_data_names(pdir, path_basename(stem), out);
	free(pdir);
	free(stem);
}

/* The data files the site's pages may read, each read and parsed once
 * (S_data_read, by list_posts); read-only afterwards, on any thread. */
struct S_data {
	struct strvec paths;    /* relative to the root, sorted, unique */
	struct fm_node **nodes; /* nodes[i]: paths.v[i] parsed; NULL when
				   absent, unreadable or not a mapping */
};

static void S_data_free(struct S_data *d)
{
	for (size_t i = 0; i < d->paths.n; i++)
		fm_node_free(d->nodes[i]);
	free(d->nodes);
	sv_free(&d->paths);
	d->nodes = NULL;
}

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t S_data_index(const struct S_data *d, const char *rel)
{
	char *const *at = d->paths.n ? bsearch(&rel, d->paths.v, d->paths.n, sizeof *d->paths.v, S_cmp_str) : NULL;
	return at ? (size_t)(at - d->paths.v) : (size_t)-1;
}

/* Reads the data files of every page in pages, each once, in the order
 * the pages first name them: their warnings in dl in that order. */
static void S_data_read(struct S_data *d, const char *root, const char *input, const struct strvec *pages,
			struct diag_list *dl)
{
	struct strvec named = STRVEC_INIT;
	for (size_t i = 0; i < pages->n; i++)
		S_data_paths(input, pages->v[i], &named);
	S_data_free(d);
	for (size_t i = 0; i < named.n; i++)
		sv_push(&d->paths, named.v[i]);
	sv_sort(&d->paths);
	size_t n = 0;
	for (size_t i = 0; i < d->paths.n; i++) {
		if (n && strcmp(d->paths.v[n - 1], d->paths.v[i]) == 0)
			free(d->paths.v[i]);
		else
			d->paths.v[n++] = d->paths.v[i];
	}
	d->paths.n = n;
	d->nodes = xcalloc(n ? n : 1, sizeof *d->nodes);
	bool *read = xcalloc(n ? n : 1, sizeof *read);
	for (size_t i = 0; i < named.n; i++) {
		size_t k = S_data_index(d, named.v[i]);
		if (!read[k]) {
			d->nodes[k] = S_read_data(root, named.v[i], dl);
			read[k] = true;
		}
	}
	free(read);
	sv_free(&named);
}

/* A page's layers of data, lowest priority first (see S_data_paths),
 * borrowed from the site's data files. */
struct S_layers {
	const struct fm_node *v[72];
	size_t n;
};

static void S_folder_layers(const struct S_data *d, const char *input, const char *relpath, struct S_layers *l)
{
	struct strvec paths = STRVEC_INIT;
	S_data_paths(input, relpath, &paths);
	for (size_t i = 0; i < paths.n; i++) {
		size_t k = S_data_index(d, paths.v[i]);
		if (k != (size_t)-1 && d->nodes[k] && l->n < sizeof l->v / sizeof *l->v)
			l->v[l->n++] = d->nodes[k];
	}
	sv_free(&paths);
}

enum S_block { S_BLOCK_NONE, S_BLOCK_JS, S_BLOCK_JSON };

/* A `---js` (`---javascript`) or `---json` block at the start of text:
 * *start and *end delimit its contents, *body_off is where the Markdown
 * begins, *lines how many lines the block takes. */
static enum S_block S_fm_block(const char *text, size_t len, size_t *start, size_t *end, size_t *body_off,
			       int *lines)
{
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	size_t nl = i;
	while (nl < len && text[nl] != '\n')
		nl++;
	size_t e = nl;
	while (e > i && (text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t'))
		e--;
	enum S_block kind = S_BLOCK_NONE;
	if ((e - i == 5 && memcmp(text + i, "---js", 5) == 0) ||
	    (e - i == 13 && memcmp(text + i, "---javascript", 13) == 0))
		kind = S_BLOCK_JS;
	else if (e - i == 7 && memcmp(text + i, "---json", 7) == 0)
		kind = S_BLOCK_JSON;
	else
		return S_BLOCK_NONE;
	*start = nl < len ? nl + 1 : len;
	int n = 1;
	for (size_t p = *start; p < len;) {
		size_t q = p;
		while (q < len && text[q] != '\n')
			q++;
		n++;
		size_t r = q;
		while (r > p && (text[r - 1] == '\r' || text[r - 1] == ' ' || text[r - 1] == '\t'))
			r--;
		if (r - p == 3 && memcmp(text + p, "---", 3) == 0) {
			*end = p;
			*body_off = q < len ? q + 1 : len;
			*lines = n;
			return kind;
		}
		p = q < len ? q + 1 : len;
	}
	return S_BLOCK_NONE;
}

/* A page's own front matter as a tree (YAML, ---json, or ---js scanned),
 * or NULL. */
static struct fm_node *S_page_front_matter(const struct site *site, const char *relpath)
{
	char *text = NULL;
	size_t len = 0;
	struct fm_node *fm = NULL;
	struct diag_list quiet = DIAG_LIST_INIT;
	if (site_read_text(&text, &len, site, relpath, &quiet) == 0) {
		char *path = path_join(site->root, relpath);
		size_t s, e, b;
		int lines;
		struct fm_split split;
		enum S_block kind = S_fm_block(text, len, &s, &e, &b, &lines);
		if (kind == S_BLOCK_JS) {
			fm = S_js_fields(text + s, e - s, 2);
		} else if (kind == S_BLOCK_JSON) {
			fm = S_json(text + s, e - s, path, 2, NULL);
		} else if (fm_split(&split, text, len, path, &quiet) == 0 && split.format == FM_YAML &&
			   fm_parse_yaml(&fm, text + split.fm_off, split.fm_len, path, split.fm_line, DIAG_ERROR,
					 &quiet) < 0) {
			fm = NULL;
		}
		if (fm && fm->kind != FM_MAP) {
			fm_node_free(fm);
			fm = NULL;
		}
		free(path);
	}
	diag_list_free(&quiet);
	free(text);
	return fm;
}

/* A field as the data cascade gives it: the highest layer that has it. */
static const struct fm_node *S_layer_get(const struct S_layers *l, const char *key)
{
	for (size_t i = l->n; i-- > 0;) {
		const struct fm_node *v = fm_get(l->v[i], key);
		if (v)
			return v;
	}
	return NULL;
}

/* Tags of every layer, in order, without repeats. */
static void S_layer_tags(const struct S_layers *l, struct strvec *tags)
{
	for (size_t i = 0; i < l->n; i++) {
		struct strvec t = STRVEC_INIT;
		fm_strings(fm_get(l->v[i], "tags"), &t);
		for (size_t k = 0; k < t.n; k++) {
			bool seen = false;
			for (size_t j = 0; j < tags->n && !seen; j++)
				seen = strcmp(tags->v[j], t.v[k]) == 0;
			if (!seen)
				sv_push(tags, t.v[k]);
		}
		sv_free(&t);
	}
}

static bool S_truthy(const struct fm_node *n)
{
	bool b = false;
	if (fm_bool(n, &b))
		return b;
	return false;
}

/* How the `posts` collection is made: by the tag `posts`, and by what
 * the config's addCollection("posts", …) filters on, getFilteredByTag
 * and getFilteredByGlob (globs relative to the site root). */
struct S_collection {
	struct strvec tags, globs;
};

static void S_collection_init(struct S_collection *c, const char *cfg)
{
	memset(c, 0, sizeof *c);
	sv_push(&c->tags, "posts");
	size_t len = cfg ? strlen(cfg) : 0;
	for (const char *at = cfg ? strstr(cfg, "addCollection") : NULL; at; at = strstr(at + 1, "addCollection")) {
		size_t i = js_skip_space(cfg, len, (size_t)(at - cfg) + 13), end;
		if (i >= len || cfg[i] != '(')
			continue;
		size_t close = js_skip_value(cfg, len, i);
		i = js_skip_space(cfg, len, i + 1);
		struct fm_node *name = i < len && strchr("\"'`", cfg[i]) ? S_js_value(cfg, len, i, &end, 1) : NULL;
		const char *nm = fm_str(name);
		bool posts = nm && (strcmp(nm, "posts") == 0 || strcmp(nm, "post") == 0);
		fm_node_free(name);
		if (!posts)
			continue;
		static const char *const fns[] = {"getFilteredByTag", "getFilteredByGlob"};
		for (size_t f = 0; f < 2; f++) {
			for (size_t k = end; k < close; k++) {
				size_t fl = strlen(fns[f]);
				if (k + fl > close || memcmp(cfg + k, fns[f], fl) != 0)
					continue;
				size_t j = js_skip_space(cfg, close, k + fl), vend;
				if (j >= close || cfg[j] != '(')
					continue;
				struct fm_node *v = S_js_value(cfg, close, j + 1, &vend, 1);
				struct strvec vals = STRVEC_INIT;
				fm_strings(v, &vals);
				for (size_t n = 0; n < vals.n; n++) {
					const char *g = vals.v[n];
					while (str_starts_with(g, "./"))
						g += 2;
					sv_push(f == 0 ? &c->tags : &c->globs, g);
				}
				sv_free(&vals);
				fm_node_free(v);
			}
		}
	}
}

static void S_collection_free(struct S_collection *c)
{
	sv_free(&c->tags);
	sv_free(&c->globs);
}

/* What the hooks share (site->state): made by configure, its data files
 * read by list_posts, read-only once posts are read. */
struct S_state {
	struct S_dirs dirs;
	struct S_collection coll; /* the posts collection */
	struct S_data data;
	struct fm_node *global;   /* the global data: file name → its value */
};

/* The value a JavaScript data file exports (`module.exports =`,
 * `export default`) when it is a literal, else NULL. */
static struct fm_node *S_js_export(const char *text, size_t len)
{
	static const char *const forms[] = {"module.exports", "export default"};
	for (size_t f = 0; f < 2; f++) {
		const char *at = strstr(text, forms[f]);
		if (!at)
			continue;
		size_t i = js_skip_space(text, len, (size_t)(at - text) + strlen(forms[f])), end;
		if (f == 0) {
			if (i >= len || text[i] != '=')
				continue;
			i = js_skip_space(text, len, i + 1);
		}
		struct fm_node *n = S_js_value(text, len, i, &end, 1);
		if (n)
			return n;
	}
	return NULL;
}

/* The global data folder's files (JSON, literal JavaScript), each under
 * its name without extension: what templates read as `name.key`. */
static struct fm_node *S_global_data(const char *root, const char *data_dir)
{
	struct fm_node *g = S_node(FM_MAP, 1);
	char *abs = path_join(root, data_dir);
	struct strvec names = STRVEC_INIT;
	site_list_dir(abs, &names);
	static const char *const exts[] = {".json", ".js", ".cjs", ".mjs"};
	for (size_t i = 0; i < names.n; i++) {
		const char *nm = names.v[i];
		for (size_t e = 0; e < sizeof exts / sizeof *exts; e++) {
			if (!str_ends_with(nm, exts[e]))
				continue;
			char *key = xstrndup(nm, strlen(nm) - strlen(exts[e]));
			char *path = path_join(abs, nm), *text = NULL;
			size_t len;
			struct fm_node *v = NULL;
			if (!fm_get(g, key) && path_is_file(path) && read_file(path, &text, &len) == 0)
				v = e == 0 ? S_json(text, len, path, 1, NULL) : S_js_export(text, len);
			if (v)
				S_node_push(g, key, v);
			free(text);
			free(path);
			free(key);
			break;
		}
	}
	sv_free(&names);
	free(abs);
	return g;
}

static void *S_state_new(const char *root, const char *cfg, const struct S_dirs *dirs)
{
	struct S_state *st = xcalloc(1, sizeof *st);
	st->dirs = *dirs;
	S_collection_init(&st->coll, cfg);
	st->global = S_global_data(root, dirs->data);
	return st;
}

static void S_free_state(void *state)
{
	struct S_state *st = state;
	S_dirs_free(&st->dirs);
	S_collection_free(&st->coll);
	S_data_free(&st->data);
	fm_node_free(st->global);
	free(st);
}

/* A glob of Eleventy's: `*` within a folder, `**` across folders. */
static bool S_glob(const char *pattern, const char *path)
{
	if (!strstr(pattern, "**"))
		return fnmatch(pattern, path, FNM_PATHNAME) == 0;
	if (fnmatch(pattern, path, 0) == 0)
		return true;
	/* A "**" folder part also matches no folder: try without each one. */
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = pattern; *p;) {
		if (str_starts_with(p, "**/")) {
			p += 3;
			continue;
		}
		sb_addc(&sb, *p++);
	}
	bool hit = sb.s && fnmatch(sb.s, path, FNM_PATHNAME) == 0;
	sb_release(&sb);
	return hit;
}

static bool S_in_collection(const struct S_collection *c, const struct strvec *tags, const char *relpath)
{
	for (size_t k = 0; k < tags->n; k++)
		for (size_t t = 0; t < c->tags.n; t++)
			if (strcmp(tags->v[k], c->tags.v[t]) == 0)
				return true;
	for (size_t g = 0; g < c->globs.n; g++)
		if (S_glob(c->globs.v[g], relpath))
			return true;
	return false;
}

/* What is known of a page once its front matter is read, for the
 * collected hook: whether it is in the posts collection, left out of
 * every collection, or not written at all (`permalink: false`: in its
 * collections, but no page of the site). post_fields leaves them in the
 * post's gen_marks. */
enum { S_IN_POSTS = 1u, S_EXCLUDED = 2u, S_UNWRITTEN = 4u };

/* The marks of the page at relpath, from its data files' layers (lowest
 * first) and its own front matter page (NULL when none): its tags add up
 * along the cascade, and the highest that says so excludes it. */
static unsigned S_marks(const struct S_collection *coll, const struct S_layers *l, const struct fm_node *page,
			const char *relpath)
{
	const struct fm_node *ex = fm_get(page, "eleventyExcludeFromCollections");
	if (S_truthy(ex ? ex : S_layer_get(l, "eleventyExcludeFromCollections")))
		return S_EXCLUDED;
	struct strvec tags = STRVEC_INIT;
	S_layer_tags(l, &tags);
	fm_strings(fm_get(page, "tags"), &tags);
	unsigned marks = S_in_collection(coll, &tags, relpath) ? S_IN_POSTS : 0;
	sv_free(&tags);
	const struct fm_node *pl = fm_get(page, "permalink");
	bool written = true;
	if (fm_bool(pl ? pl : S_layer_get(l, "permalink"), &written) && !written)
		marks |= S_UNWRITTEN;
	return marks;
}

/* Every page is listed, unread: whether it is a post is known only once
 * all are read (S_collected). */
static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	struct S_state *st = site->state;
	struct diag_list data_dl = DIAG_LIST_INIT;
	struct S_walk w = {site->root, &st->dirs, STRVEC_INIT, dl};
	S_ignores(site->root, st->dirs.input, &w.ignores);
	S_walk(&w, site->content_dir, files, 0);
	S_data_read(&st->data, site->root, site->content_dir, files, &data_dl);
	sv_free(&w.ignores);
	/* Each warning once (as when a data file was read per page). */
	for (size_t i = 0; i < data_dl.n; i++) {
		const struct diag *d = &data_dl.v[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = data_dl.v[k].line == d->line && strcmp(data_dl.v[k].file, d->file) == 0 &&
			       strcmp(data_dl.v[k].message, d->message) == 0;
		if (!seen)
			diag_warning(dl, d->file, d->line, d->col, "%s", d->message);
	}
	diag_list_free(&data_dl);
	return 0;
}

/* Eleventy blogs collect their posts by the tag `posts`; a site without
 * that collection is a folder of pages, every one a post. A page no
 * post was read from (a problem, or outside the site) is judged from its
 * front matter read quietly, as the post it might be. */
static void S_collected(const struct site *site, const struct strvec *files, struct post *const *posts,
			bool *keep)
{
	const struct S_state *st = site->state;
	unsigned *marks = xcalloc(files->n ? files->n : 1, sizeof *marks);
	bool any = false;
	for (size_t i = 0; i < files->n; i++) {
		if (!keep[i])
			continue;
		if (posts[i]) {
			marks[i] = posts[i]->gen_marks;
		} else {
			struct S_layers l = {{NULL}, 0};
			S_folder_layers(&st->data, site->content_dir, files->v[i], &l);
			struct fm_node *page = S_page_front_matter(site, files->v[i]);
			marks[i] = S_marks(&st->coll, &l, page, files->v[i]);
			fm_node_free(page);
		}
		any |= (marks[i] & S_IN_POSTS) && !(marks[i] & S_EXCLUDED);
	}
	for (size_t i = 0; i < files->n; i++)
		if ((marks[i] & (S_EXCLUDED | S_UNWRITTEN)) || (any && !(marks[i] & S_IN_POSTS)))
			keep[i] = false;
	free(marks);
}

/* ---- Templates in data: permalink, eleventyComputed ----
 *
 * Eleventy renders a `permalink` string and each string of
 * `eleventyComputed` as a template over the page's data. sheaf reads the
 * simple ones: `{{ expr | filter … }}` where expr is page.fileSlug,
 * page.filePathStem, page.inputPath, page.date, a field of the data
 * cascade or a string literal, and the filters slugify, slug, lower,
 * upper, url and Liquid's date with strftime codes. Anything else
 * (`{% %}` tags, other filters, JavaScript) leaves the value unknown. */

/* Eleventy's fileSlug rule: a `YYYY-MM-DD-` anywhere in the name is
 * dropped with what precedes it. */
static const char *S_strip_date(const char *name)
{
	for (const char *p = name; strlen(p) >= 11; p++) {
		bool date = true;
		for (int i = 0; i < 11 && date; i++)
			date = (i == 4 || i == 7 || i == 10) ? p[i] == '-' : isdigit((unsigned char)p[i]) != 0;
		if (date)
			return p + 11;
	}
	return name;
}

/* page.fileSlug (stem false) or page.filePathStem (stem true) of the
 * page at relpath under the input folder. */
static char *S_file_slug(const char *input, const char *relpath, bool stem)
{
	const char *in = strcmp(input, ".") == 0 ? relpath : path_under(relpath, input);
	if (!in)
		in = relpath;
	char *noext = xstrndup(in, strlen(in) - (str_ends_with(in, ".md") ? 3 : 0));
	char *dir = path_dirname(noext);
	const char *raw = S_strip_date(path_basename(noext));
	char *out;
	if (stem)
		out = strcmp(dir, ".") == 0 ? xasprintf("/%s", raw) : xasprintf("/%s/%s", dir, raw);
	else if (strcmp(raw, "index") != 0)
		out = xstrdup(raw);
	else
		out = xstrdup(strcmp(dir, ".") == 0 ? "" : S_strip_date(path_basename(dir)));
	free(dir);
	free(noext);
	return out;
}

/* Eleventy's slugify filter (@sindresorhus/slugify without decamelize):
 * Latin letters lose their accents, `&` reads "and", `it's` is `its`,
 * every other run of characters is one hyphen, lower case. */
static char *S_slugify11(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	bool sep = false;
	for (size_t at = 0, left = strlen(text); left;) {
		unsigned cp;
		char ascii[4];
		size_t k = slug_read(text + at, left, &cp, ascii);
		const char *s = text + at;
		bool contraction = cp == '\'' && at && isalnum((unsigned char)s[-1]) && (s[1] == 't' || s[1] == 's') &&
				   !isalnum((unsigned char)s[2]);
		at += k;
		left -= k;
		if (contraction)
			continue;
		const char *piece = cp == '&' ? "and" : ascii;
		sep |= cp == '&' || !*piece;
		for (const char *c = piece; *c; c++) {
			if (isalnum((unsigned char)*c)) {
				if (sep && sb.len)
					sb_addc(&sb, '-');
				sep = false;
				sb_addc(&sb, (char)tolower((unsigned char)*c));
			} else {
				sep = true;
			}
		}
		sep |= cp == '&';
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* The deprecated `slug` filter (the slugify package): Latin letters lose
 * their accents, characters other than letters, digits, white space and
 * $*_+~.()'"!-:@ go, white space runs are one hyphen, lower case. */
static char *S_slug11(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	bool space = false;
	for (size_t at = 0, left = strlen(text); left;) {
		unsigned cp;
		char ascii[4];
		size_t k = slug_read(text + at, left, &cp, ascii);
		at += k;
		left -= k;
		for (const char *c = ascii; *c; c++) {
			unsigned char ch = (unsigned char)*c;
			if (isspace(ch)) {
				space = true;
			} else if (isalnum(ch) || strchr("$*_+~.()'\"!-:@", ch)) {
				if (space && sb.len)
					sb_addc(&sb, '-');
				space = false;
				sb_addc(&sb, (char)tolower(ch));
			}
		}
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* Liquid's date filter: the strftime codes permalinks use. NULL when fmt
 * has another. */
static char *S_strftime(const struct date *d, const char *fmt)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			sb_addc(&sb, *f);
			continue;
		}
		switch (*++f) {
		case 'Y': sb_addf(&sb, "%04d", d->year); break;
		case 'y': sb_addf(&sb, "%02d", d->year % 100); break;
		case 'm': sb_addf(&sb, "%02d", d->month); break;
		case 'd': sb_addf(&sb, "%02d", d->day); break;
		case 'e': sb_addf(&sb, "%d", d->day); break;
		case 'j': sb_addf(&sb, "%03d", date_yearday(d)); break;
		case 'B': sb_adds(&sb, date_month_name(d->month)); break;
		case 'b': sb_addf(&sb, "%.3s", date_month_name(d->month)); break;
		case 'H': sb_addf(&sb, "%02d", d->hour); break;
		case 'M': sb_addf(&sb, "%02d", d->minute); break;
		case 'S': sb_addf(&sb, "%02d", d->second); break;
		case '%': sb_addc(&sb, '%'); break;
		default:
			sb_release(&sb);
			return NULL;
		}
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* What a page's templates read. */
struct S_page {
	const struct site *site;
	const char *relpath;
	const struct fm_node *fm; /* its front matter (a mapping), or NULL */
	const struct S_layers *l; /* its data files */
	const struct date *date;  /* page.date; may be invalid */
};

/* A field as the data cascade gives it, computed data left aside. */
static const struct fm_node *S_page_raw(const struct S_page *pg, const char *key)
{
	const struct fm_node *v = fm_get(pg->fm, key);
	return v ? v : S_layer_get(pg->l, key);
}

/* The variable e[0..n) as a malloc'd string, or NULL when unknown;
 * *is_date when it is page.date (its text then unused). */
static char *S_expr_value(const struct S_page *pg, const char *e, size_t n, bool *is_date)
{
	*is_date = false;
	char *name = xstrndup(e, n);
	char *v = NULL;
	if (strcmp(name, "page.fileSlug") == 0) {
		v = S_file_slug(pg->site->content_dir, pg->relpath, false);
	} else if (strcmp(name, "page.filePathStem") == 0) {
		v = S_file_slug(pg->site->content_dir, pg->relpath, true);
	} else if (strcmp(name, "page.inputPath") == 0) {
		v = xasprintf("./%s", pg->relpath);
	} else if (strcmp(name, "page.date") == 0 || strcmp(name, "date") == 0) {
		if (pg->date && pg->date->valid) {
			*is_date = true;
			v = xstrdup("");
		}
	} else {
		/* A field of the page (`title`, `series.name`), else of the
		 * global data (`site.blogPath`). */
		bool ident = n > 0 && !isdigit((unsigned char)e[0]);
		for (size_t i = 0; i < n && ident; i++)
			ident = isalnum((unsigned char)e[i]) || e[i] == '_' || e[i] == '$' || e[i] == '.';
		const struct fm_node *f = NULL;
		if (ident) {
			const struct S_state *st = pg->site->state;
			char *save = NULL, *part = strtok_r(name, ".", &save);
			f = part ? S_page_raw(pg, part) : NULL;
			if (!f && part)
				f = fm_get(st->global, part);
			while (f && (part = strtok_r(NULL, ".", &save)))
				f = fm_get(f, part);
		}
		const char *str = f && f->kind == FM_SCALAR ? f->value : NULL;
		if (str && !strstr(str, "{{") && !strstr(str, "{%"))
			v = xstrdup(str);
	}
	free(name);
	return v;
}

/* Template expressions, read left to right: e[*i…] past white space. */
static void S_skip_ws(const char *e, size_t el, size_t *i)
{
	while (*i < el && isspace((unsigned char)e[*i]))
		(*i)++;
}

/* A quoted literal at e[*i] (its contents, malloc'd, *i past it), else
 * NULL (*i unchanged). */
static char *S_quoted(const char *e, size_t el, size_t *i)
{
	char q = *i < el ? e[*i] : 0;
	if (q != '"' && q != '\'')
		return NULL;
	const char *close = memchr(e + *i + 1, q, el - *i - 1);
	if (!close)
		return NULL;
	char *lit = xstrndup(e + *i + 1, (size_t)(close - e) - *i - 1);
	*i = (size_t)(close - e) + 1;
	return lit;
}

/* The name at e[*i] (letters, digits, _ $ and, with dots, .): its length,
 * *i past it. */
static size_t S_name_at(const char *e, size_t el, size_t *i, bool dots)
{
	size_t b = *i;
	while (*i < el && (isalnum((unsigned char)e[*i]) || e[*i] == '_' || e[*i] == '$' || (dots && e[*i] == '.')))
		(*i)++;
	return *i - b;
}

/* A filter applied to val (freed): the new value, or NULL when sheaf does
 * not know the filter (or it does not apply). */
static char *S_filter(const struct S_page *pg, char *val, bool is_date, const char *f, size_t fl, const char *arg)
{
	char *nv = NULL;
	if (is_date) {
		if (fl == 4 && memcmp(f, "date", 4) == 0 && arg)
			nv = S_strftime(pg->date, arg);
	} else if (arg) {
		nv = NULL;
	} else if (fl == 7 && memcmp(f, "slugify", 7) == 0) {
		nv = S_slugify11(val);
	} else if (fl == 4 && memcmp(f, "slug", 4) == 0) {
		nv = S_slug11(val);
	} else if (fl == 5 && (memcmp(f, "lower", 5) == 0 || memcmp(f, "upper", 5) == 0)) {
		nv = xstrdup(val);
		for (char *c = nv; *c; c++)
			*c = (char)(f[0] == 'l' ? tolower((unsigned char)*c) : toupper((unsigned char)*c));
	} else if (fl == 3 && memcmp(f, "url", 3) == 0) {
		const char *pre = pg->site->baseurl && val[0] == '/' ? pg->site->baseurl : "";
		nv = xasprintf("%s%s", pre, val);
	}
	free(val);
	return nv;
}

/* The value of `expr | filter: "arg" | filter("arg") …` (Liquid's and
 * Nunjucks' forms), or NULL when any part is unknown. */
static char *S_pipeline(const struct S_page *pg, const char *e, size_t el)
{
	size_t i = 0;
	bool is_date;
	S_skip_ws(e, el, &i);
	char *val = S_quoted(e, el, &i);
	if (val) {
		is_date = false;
	} else {
		size_t b = i, n = S_name_at(e, el, &i, true);
		if (!n || !(val = S_expr_value(pg, e + b, n, &is_date)))
			return NULL;
	}
	for (;;) {
		S_skip_ws(e, el, &i);
		if (i >= el)
			break;
		if (e[i] != '|')
			goto unknown;
		i++;
		S_skip_ws(e, el, &i);
		size_t fb = i, fl = S_name_at(e, el, &i, false);
		S_skip_ws(e, el, &i);
		char *arg = NULL;
		bool paren = i < el && e[i] == '(';
		if (i < el && (e[i] == ':' || paren)) {
			i++;
			S_skip_ws(e, el, &i);
			if (!(arg = S_quoted(e, el, &i)))
				goto unknown;
			S_skip_ws(e, el, &i);
			if (paren && (i >= el || e[i++] != ')')) {
				free(arg);
				goto unknown;
			}
		}
		val = S_filter(pg, val, is_date, e + fb, fl, arg);
		free(arg);
		is_date = false;
		if (!val || !fl)
			goto unknown;
	}
	if (is_date)
		goto unknown;
	return val;
unknown:
	free(val);
	return NULL;
}

/* tmpl rendered over the page, or NULL when sheaf cannot. malloc'd. */
static char *S_render(const struct S_page *pg, const char *tmpl)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = tmpl;
	for (;;) {
		const char *o = strstr(s, "{{"), *t = strstr(s, "{%");
		if (t && (!o || t < o)) {
			sb_release(&sb);
			return NULL;
		}
		if (!o) {
			sb_adds(&sb, s);
			break;
		}
		sb_add(&sb, s, (size_t)(o - s));
		const char *c = strstr(o + 2, "}}");
		if (!c) {
			sb_release(&sb);
			return NULL;
		}
		const char *e = o + 2;
		size_t el = (size_t)(c - e);
		if (el && *e == '-')
			e++, el--;
		if (el && e[el - 1] == '-')
			el--;
		char *v = S_pipeline(pg, e, el);
		if (!v) {
			sb_release(&sb);
			return NULL;
		}
		sb_adds(&sb, v);
		free(v);
		s = c + 2;
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* Whether a data file of the page computes key. */
static bool S_layer_computes(const struct S_layers *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (fm_get(fm_get(l->v[i], "eleventyComputed"), key))
			return true;
	return false;
}

/* A field of the page after the data cascade and computed data: the
 * eleventyComputed entry of the highest layer that has one (front matter
 * first), rendered; else the plain field. *node gets the node it came
 * from (NULL when none). The string is malloc'd; NULL when the field is
 * not a string, or is a template sheaf cannot render (*unknown then). */
static char *S_page_field(const struct S_page *pg, const char *key, const struct fm_node **node, bool *unknown)
{
	*unknown = false;
	const struct fm_node *v = fm_get(fm_get(pg->fm, "eleventyComputed"), key);
	for (size_t i = pg->l->n; !v && i-- > 0;)
		v = fm_get(fm_get(pg->l->v[i], "eleventyComputed"), key);
	if (!v)
		v = S_page_raw(pg, key);
	*node = v;
	bool b;
	if (!v || v->kind != FM_SCALAR || fm_bool(v, &b))
		return NULL;
	char *r = S_render(pg, v->value);
	*unknown = r == NULL;
	return r;
}

/* ---- A post's fields ---- */

/* A `YYYY-MM-DD` in the file name, else in the innermost folder that has
 * one. */
static bool S_path_date(const char *relpath, struct date *out)
{
	char *copy = xstrdup(relpath);
	bool found = false;
	for (;;) {
		char *base = (char *)path_basename(copy);
		for (char *p = base; *p && !found; p++) {
			if (p != base && isdigit((unsigned char)p[-1]))
				continue;
			char buf[11];
			if (strlen(p) < 10)
				break;
			memcpy(buf, p, 10);
			buf[10] = '\0';
			if (!isdigit((unsigned char)p[10]) && date_parse(out, buf) == 0)
				found = true;
		}
		if (found || base == copy)
			break;
		base[-1] = '\0';
	}
	free(copy);
	return found;
}

/* The page's URL path, as Eleventy's default permalink makes it
 * (`blog/post.md` → /blog/post/, `index.md` and `x/x.md` → their
 * folder), or its permalink rendered. NULL when it cannot be known (a
 * template sheaf cannot render) or the page is not written
 * (`permalink: false`). */
static char *S_url_path(const struct S_page *pg)
{
	const struct site *site = pg->site;
	const char *relpath = pg->relpath;
	struct strbuf sb = STRBUF_INIT;
	const struct fm_node *node;
	bool unknown;
	char *permalink = S_page_field(pg, "permalink", &node, &unknown);
	if (permalink) {
		if (permalink[0] != '/')
			sb_addc(&sb, '/');
		sb_adds(&sb, permalink);
		free(permalink);
		if (str_ends_with(sb.s, "/index.html"))
			sb.s[sb.len -= 10] = '\0';
		return sb_detach(&sb);
	}
	if (node)
		return NULL;
	const char *in = strcmp(site->content_dir, ".") == 0 ? relpath : path_under(relpath, site->content_dir);
	if (!in)
		return NULL;
	char *stem = xstrndup(in, strlen(in) - 3);
	char *dir = path_dirname(stem);
	const char *base = path_basename(stem);
	sb_addc(&sb, '/');
	if (strcmp(dir, ".") != 0) {
		sb_adds(&sb, dir);
		sb_addc(&sb, '/');
	}
	if (strcmp(base, "index") != 0 && strcmp(base, path_basename(dir)) != 0) {
		sb_adds(&sb, base);
		sb_addc(&sb, '/');
	}
	free(dir);
	free(stem);
	return sb_detach(&sb);
}

/* url + pathPrefix + path. */
static char *S_full_url(const struct site *site, const char *path)
{
	size_t n = strlen(site->url);
	while (n && site->url[n - 1] == '/')
		n--;
	return xasprintf("%.*s%s%s", (int)n, site->url, site->baseurl ? site->baseurl : "", path);
}

/* Eleventy's date keywords: `Last Modified` and `Created` are the file's
 * times (its modification time stands for both: a copy of a site keeps
 * no creation time), `git Last Modified` and `git Created` the times of
 * its last and first commits, which a copy without the history cannot
 * give: the file's time then, with a warning. False when d is none. */
static bool S_keyword_date(struct post *p, const char *d, const struct fm_node *v, struct diag_list *dl)
{
	char *k = str_collapse_ws(d);
	bool git = strncasecmp(k, "git ", 4) == 0;
	const char *rest = git ? k + 4 : k;
	bool keyword = strcasecmp(rest, "Last Modified") == 0 || strcasecmp(rest, "Created") == 0;
	free(k);
	if (!keyword)
		return false;
	struct stat st;
	if (stat(p->path, &st) == 0) {
		p->date = date_from_epoch((int64_t)st.st_mtime);
		if (git)
			diag_warning(dl, p->path, v->line, v->col,
				     "'date: %s' is a time from the site's git history; the file's modification time is used",
				     d);
	}
	return true;
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	const struct S_state *st = site->state;
	struct S_layers l = {{NULL}, 0};
	S_folder_layers(&st->data, site->content_dir, p->relpath, &l);

	/* ---js front matter is JavaScript: not run, but its literals are
	 * read; ---json is read as JSON. Neither is part of the text. */
	size_t s, e, b;
	int lines;
	struct fm_node *own = NULL;
	enum S_block kind = !fm && p->body ? S_fm_block(p->body, p->body_len, &s, &e, &b, &lines)
					   : S_BLOCK_NONE;
	/* The same cap as YAML's: the error fails the post. */
	if (kind != S_BLOCK_NONE &&
	    !fm_size_ok(e - s, site->collect.max_front_matter, p->path, p->body_line + 1, dl))
		return true;
	if (kind == S_BLOCK_JSON) {
		own = S_json(p->body + s, e - s, p->path, p->body_line + 1, dl);
		if (own && own->kind != FM_MAP) {
			fm_node_free(own);
			own = NULL;
		}
	} else if (kind == S_BLOCK_JS) {
		own = S_js_fields(p->body + s, e - s, p->body_line + 1);
		struct strbuf read = STRBUF_INIT;
		for (size_t i = 0; i < own->n; i++)
			if (strcmp(own->keys[i], "layout") != 0)
				sb_addf(&read, "%s%s", read.len ? ", " : "", own->keys[i]);
		diag_warning(dl, p->path, p->body_line, 1, "JavaScript front matter (---js) is not run; %s%s",
			     read.len ? "read from it: " : "nothing could be read from it",
			     read.len ? read.s : "");
		sb_release(&read);
	}
	if (kind != S_BLOCK_NONE) {
		char *rest = xstrndup(p->body + b, p->body_len - b);
		free(p->body);
		p->body = rest;
		p->body_len -= b;
		p->body_line += lines;
	}
	const struct fm_node *page = own ? own : fm;

	/* What front matter did not give, the data files do; ---js fields
	 * were not read by site_read_post, so they are applied here. */
	const struct fm_node *v = fm_get(own, "title");
	if (!p->title && (v || (v = S_layer_get(&l, "title")))) {
		const char *t = fm_str(v);
		if (t && *t)
			p->title = str_collapse_ws(t);
	}
	if (!p->date.valid) {
		/* Front matter's date when site_read_post left it unread, else
		 * ---js's, else the data files'. */
		v = fm_get(fm, "date");
		if (!fm_str(v))
			v = fm_get(own, "date");
		if (!fm_str(v))
			v = S_layer_get(&l, "date");
		const char *d = fm_str(v);
		if (d && date_parse(&p->date, d) < 0 && !S_keyword_date(p, d, v, dl)) {
			bool from_path = S_path_date(p->relpath, &p->date);
			diag_warning(dl, p->path, v->line, v->col, "'date' is not a date: '%s'; %s", d,
				     from_path ? "the date in the file's path is used" : "the post is left undated");
		}
	}
	if (!p->date.valid)
		S_path_date(p->relpath, &p->date);
	if (!fm_get(fm, "draft")) {
		v = fm_get(own, "draft");
		if (!v)
			v = S_layer_get(&l, "draft");
		if (v)
			p->draft = S_truthy(v);
	}
	v = fm_get(own, "description");
	if (!p->description && (v || (v = S_layer_get(&l, "description")))) {
		const char *d = fm_str(v);
		if (d && *d)
			p->description = str_collapse_ws(d);
	}
	/* author: a string, a list, or {name}; the page's, else the data
	 * files'. */
	const struct fm_node *a = fm_get(page, "authors");
	if (!a)
		a = fm_get(page, "author");
	if (!a)
		a = S_layer_get(&l, "authors");
	if (!a)
		a = S_layer_get(&l, "author");
	if (a) {
		sv_free(&p->authors);
		sv_free(&p->author_names);
		fm_people(a, &p->authors);
	}

	/* Tags add up along the cascade, the page's last; `posts` (or the tag
	 * the config's posts collection is made of) and `all` name
	 * collections, not topics. */
	struct strvec tags = STRVEC_INIT;
	S_layer_tags(&l, &tags);
	fm_strings(fm_get(page, "tags"), &tags);
	/* Which collections the page is in, from its front matter as a
	 * page's is read (YAML, ---json, ---js; not TOML or bare JSON). */
	p->gen_marks = S_marks(&st->coll, &l, own ? own : format == FM_YAML ? fm : NULL, p->relpath);
	sv_free(&p->tags);
	for (size_t i = 0; i < tags.n; i++)
		if (!sv_contains_ci(&st->coll.tags, tags.v[i]) && strcasecmp(tags.v[i], "all") != 0)
			sv_push(&p->tags, tags.v[i]);
	sv_unique_ci(&p->tags, 0);
	sv_free(&tags);

	/* Computed data last: a title eleventyComputed gives, the URL from
	 * the permalink over the page's data. */
	struct S_page pg = {site, p->relpath, page && page->kind == FM_MAP ? page : NULL, &l, &p->date};
	const struct fm_node *node;
	bool unknown;
	char *title = fm_get(fm_get(pg.fm, "eleventyComputed"), "title") || S_layer_computes(&l, "title")
			      ? S_page_field(&pg, "title", &node, &unknown) : NULL;
	if (title && *title) {
		free(p->title);
		p->title = str_collapse_ws(title);
	}
	free(title);
	char *path = S_url_path(&pg);
	if (path) {
		free(p->url);
		p->url = path;
		/* Drafts are left out of builds (the base blog's convention). */
		if (site->url && *site->url && !p->draft) {
			free(p->live_url);
			p->live_url = S_full_url(site, path);
		}
	}
	fm_node_free(own);
	return true;
}

/* The live URL of a site file: pages by Eleventy's default permalink (or
 * a plain permalink of theirs), other files under the input folder at
 * their path below it. */
static char *S_page_url(const struct site *site, const char *relpath)
{
	const char *in = strcmp(site->content_dir, ".") == 0 ? relpath : path_under(relpath, site->content_dir);
	if (!in || !*in)
		return NULL;
	for (const char *c = in; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (*c == '.' || *c == '_')
			return NULL;
	}
	char *path;
	if (str_ends_with(in, ".md")) {
		/* A page that is not there has no URL (Eleventy would not turn
		 * the link into one either). */
		char *abs = path_join(site->root, relpath);
		bool exists = path_is_file(abs);
		free(abs);
		if (!exists)
			return NULL;
		const struct S_state *st = site->state;
		struct S_layers l = {{NULL}, 0};
		S_folder_layers(&st->data, site->content_dir, relpath, &l);
		struct fm_node *fm = S_page_front_matter(site, relpath);
		struct date d = {0};
		const char *ds = fm_str(fm_get(fm, "date"));
		if (!ds || date_parse(&d, ds) < 0)
			S_path_date(relpath, &d);
		struct S_page pg = {site, relpath, fm, &l, &d};
		path = S_url_path(&pg);
		fm_node_free(fm);
		if (!path)
			return NULL;
	} else {
		path = xasprintf("/%s", in);
	}
	char *url = S_full_url(site, path);
	free(path);
	return url;
}

/* A link to a template's input path (`blog/post.md`), as the
 * InputPathToUrl plugin writes it in Eleventy 3 (and which Eleventy's
 * own starter uses): the path relative to the input folder (the input
 * folder itself may lead it), else to the page's folder. */
static void S_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			  const char *ref, bool link, struct strvec *out)
{
	(void)posts;
	if (!link || url_classify(ref) != URL_RELATIVE)
		return;
	char *rest = xstrndup(ref, strcspn(ref, "?#"));
	char *path = url_decode(rest);
	free(rest);
	if (str_ends_with(path, ".md")) {
		const char *rel = path;
		while (*rel == '/')
			rel++;
		while (str_starts_with(rel, "./"))
			rel += 2;
		if (strcmp(site->content_dir, ".") != 0 && path_under(rel, site->content_dir))
			sv_push(out, rel);
		sv_push_owned(out, path_join(site->content_dir, rel));
		if (path[0] != '/') {
			char *dir = path_dirname(from);
			sv_push_owned(out, path_join(dir, rel));
			free(dir);
		}
	}
	free(path);
}

/* Starters' `image`/`cover_image`. */
static const char *const S_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};

static const char *const S_post_exts[] = {".md", NULL};

const struct site_generator site_eleventy = {
	.lenient_dates = true,
	.name = "eleventy",
	.detect = S_detect,
	.configure = S_configure,
	.free_state = S_free_state,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.collected = S_collected,
	.page_url = S_page_url,
	.dialects = DIALECTS(&dialect_nunjucks, &dialect_math, &dialect_heading_ids),
	.cover_keys = S_cover_keys,
	.post_exts = S_post_exts,
	.ref_targets = S_ref_targets,
};
