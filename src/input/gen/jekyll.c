/* Jekyll: a folder with _config.yml (or a _posts folder), at SITE or in a
 * subfolder of it (GitHub Pages' docs/, a repository's site folder).
 *
 * Posts are <dir>/_posts/(any folders)/YYYY-MM-DD-slug.<Markdown extension> under the
 * source folder, for every <dir> Jekyll reads (folders not starting with
 * `.`, `_`, `#` or `~`, not excluded); the folders of <dir> are the post's
 * first categories. Drafts are the same under <dir>/_drafts, marked draft.
 * A file without front matter is not a post (Jekyll copies it as a static
 * file), nor one with `published: false`. Front-matter fields fall back on
 * _config.yml's `defaults`. Title, date and slug come from the file name
 * when front matter has none; the live URL follows `permalink`.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dirent.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "convert/dialect.h"
#include "base/text.h"
#include "base/tz.h"
#include "input/site.h"

/* ---- Finding the site ---- */

static const char *S_config_in(const char *root, const char *dir)
{
	static const char *const names[] = {"_config.yml", "_config.yaml"};
	for (size_t i = 0; i < 2; i++) {
		char *rel = path_join(dir, names[i]);
		char *p = path_join(root, rel);
		bool ok = path_is_file(p);
		free(p);
		free(rel);
		if (ok)
			return names[i];
	}
	return NULL;
}

/* A real folder (not a symlink) at root/dir/name. */
static bool S_has_dir(const char *root, const char *dir, const char *name)
{
	char *rel = path_join(dir, name);
	char *p = path_join(root, rel);
	struct stat st;
	bool ok = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	free(rel);
	return ok;
}

/* At SITE itself a config file is enough; in a subfolder the folder must
 * also hold posts or Jekyll's other folders. */
static bool S_is_source(const char *root, const char *dir, bool top)
{
	if (S_has_dir(root, dir, "_posts"))
		return true;
	if (!S_config_in(root, dir))
		return false;
	return top || S_has_dir(root, dir, "_drafts") || S_has_dir(root, dir, "_layouts") ||
	       S_has_dir(root, dir, "_includes");
}

/* The Jekyll source folder relative to root: "." when SITE is one, else
 * docs/, GitHub Pages' other publishing source. A site further down is
 * found by site_open, as for every generator. */
static char *S_find_source(const char *root)
{
	if (S_is_source(root, ".", true))
		return xstrdup(".");
	if (S_is_source(root, "docs", false))
		return xstrdup("docs");
	return NULL;
}

static bool S_detect(const char *root)
{
	char *src = S_find_source(root);
	free(src);
	return src != NULL;
}

/* ---- Time zones ----
 *
 * Jekyll shows every date in the site's `timezone` (an IANA name): a date
 * written with an offset is converted to it, one without is taken as its
 * local time (base/tz). */

/* ---- Configuration ---- */

static int S_read_config(struct site *site, struct diag_list *dl)
{
	int ret = -1;
	char *text = NULL, *cfgpath = NULL;
	size_t len = 0;
	char *src = S_find_source(site->root);
	if (!src) {
		diag_error(dl, site->root, 0, 0, "no Jekyll site here (no _config.yml and no _posts folder)");
		goto out;
	}
	const char *name = S_config_in(site->root, src);
	if (name) {
		site->config_file = strcmp(src, ".") == 0 ? xstrdup(name) : path_join(src, name);
		cfgpath = path_join(site->root, site->config_file);
		int rc = read_file(cfgpath, &text, &len);
		if (rc < 0) {
			diag_error(dl, cfgpath, 0, 0, "cannot read: %s", strerror(-rc));
			goto out;
		}
		char *utf8;
		size_t ulen;
		text_to_utf8(&utf8, &ulen, text, len, cfgpath, dl);
		if (fm_parse_yaml(&site->config, utf8, ulen, cfgpath, 1, DIAG_WARNING, dl) < 0) {
			free(utf8);
			goto out;
		}
		free(utf8);
		if (site->config && site->config->kind != FM_MAP) {
			diag_warning(dl, cfgpath, site->config->line, site->config->col,
				     "_config.yml is not a mapping of settings; it is ignored");
			fm_node_free(site->config);
			site->config = NULL;
		}
	}
	const struct fm_node *cfg = site->config;
	/* `source` moves the site's files to another folder. */
	const char *source = fm_str(fm_get(cfg, "source"));
	if (source && *source && strcmp(source, ".") != 0) {
		char *joined = path_join(src, source);
		char *norm = path_normalize(joined);
		free(joined);
		if (norm[0] == '/' || str_starts_with(norm, "..")) {
			diag_warning(dl, cfgpath, fm_get(cfg, "source")->line, fm_get(cfg, "source")->col,
				     "source '%s' lies outside the site; the config's folder is read instead",
				     source);
			free(norm);
		} else {
			free(src);
			src = norm;
		}
	}
	site->content_dir = xstrdup(src);
	site->posts_dir = xstrdup(src);
	/* Site-absolute paths (/assets/x.png) resolve from the source root. */
	site->static_dir = xstrdup(src);

	const char *title = fm_str(fm_get(cfg, "title"));
	site->title = str_dup_nonempty(title ? title : fm_str(fm_get(cfg, "name")));
	site->description = str_dup_nonempty(fm_str(fm_get(cfg, "description")));
	site->author = str_dup_nonempty(fm_person(fm_get(cfg, "author")));
	site->url = str_dup_nonempty(fm_str(fm_get(cfg, "url")));
	const char *baseurl = fm_str(fm_get(cfg, "baseurl"));
	if (baseurl && *baseurl && strcmp(baseurl, "/") != 0) {
		/* Always "/path", without a trailing slash. */
		struct strbuf sb = STRBUF_INIT;
		if (baseurl[0] != '/')
			sb_addc(&sb, '/');
		sb_adds(&sb, baseurl);
		while (sb.len > 1 && sb.s[sb.len - 1] == '/')
			sb.s[--sb.len] = '\0';
		site->baseurl = sb_detach(&sb);
	}
	const char *lang = fm_str(fm_get(cfg, "lang"));
	if (!lang)
		lang = fm_str(fm_get(cfg, "locale"));
	if (lang && *lang) {
		site->language = xstrdup(lang);
		for (char *c = site->language; *c; c++)
			if (*c == '_')
				*c = '-'; /* en_US → en-US */
	}

	const char *zone = fm_str(fm_get(cfg, "timezone"));
	int zone_off;
	if (zone && *zone && tz_offset(&zone_off, zone, 0) < 0) {
		const struct fm_node *zn = fm_get(cfg, "timezone");
		diag_warning(dl, cfgpath, zn->line, zn->col,
			     "timezone '%s' is not in the system's time-zone data (/usr/share/zoneinfo); "
			     "dates are read as written",
			     zone);
	}

	/* Author names: _data/authors.yml maps ids to people (jekyll-seo-tag's
	 * convention). */
	const char *data_dir = fm_str(fm_get(cfg, "data_dir"));
	char *data_rel = path_join(src, data_dir ? data_dir : "_data");
	static const char *const author_files[] = {"authors.yml", "authors.yaml", "authors.json"};
	for (size_t i = 0; i < 3 && !site->authors; i++) {
		char *rel = path_join(data_rel, author_files[i]);
		char *abs = path_join(site->root, rel);
		char *atext;
		size_t alen;
		if (path_is_file(abs) && read_file(abs, &atext, &alen) == 0) {
			struct fm_node *authors = NULL;
			if (fm_parse_yaml(&authors, atext, alen, abs, 1, DIAG_WARNING, dl) == 0 && authors &&
			    authors->kind == FM_MAP)
				site->authors = authors;
			else
				fm_node_free(authors);
			free(atext);
		}
		free(abs);
		free(rel);
	}
	free(data_rel);
	ret = 0;
out:
	free(src);
	free(text);
	free(cfgpath);
	return ret;
}

/* ---- Which files are posts ---- */

/* The path of a site file relative to the source folder, or NULL when it
 * lies elsewhere. */
static const char *S_in_source(const struct site *site, const char *relpath)
{
	if (strcmp(site->content_dir, ".") == 0)
		return relpath;
	return path_under(relpath, site->content_dir);
}

/* Jekyll's EntryFilter#glob_include?: entry and patterns get a leading
 * slash; a pattern matches as a glob or as a prefix. */
static bool S_glob_any(const struct strvec *patterns, const char *entry)
{
	char *e = xasprintf("/%s", entry[0] == '/' ? entry + 1 : entry);
	bool hit = false;
	for (size_t i = 0; i < patterns->n && !hit; i++) {
		const char *p = patterns->v[i];
		char *item = xasprintf("/%s", p[0] == '/' ? p + 1 : p);
		hit = fnmatch(item, e, 0) == 0 || str_starts_with(e, item);
		free(item);
	}
	free(e);
	return hit;
}

struct S_walk {
	const struct site *site;
	struct strvec include, exclude; /* _config.yml's, with Jekyll's default excludes */
	struct strvec exts;             /* Markdown extensions, with the dot */
};

static void S_config_list(const struct fm_node *n, struct strvec *out)
{
	fm_strings(n, out);
}

static void S_walk_init(struct S_walk *w, const struct site *site)
{
	static const char *const default_excludes[] = {
		".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
		"vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"};
	memset(w, 0, sizeof *w);
	w->site = site;
	S_config_list(fm_get(site->config, "include"), &w->include);
	S_config_list(fm_get(site->config, "exclude"), &w->exclude);
	for (size_t i = 0; i < sizeof default_excludes / sizeof *default_excludes; i++)
		sv_push(&w->exclude, default_excludes[i]);
	const char *dest = fm_str(fm_get(site->config, "destination"));
	if (dest && *dest)
		sv_push(&w->exclude, dest);
	/* Jekyll's markdown_ext (default markdown,mkdown,mkdn,mkd,md), and the
	 * .mdown and .text files Markdown blogs also use. */
	const char *md = fm_str(fm_get(site->config, "markdown_ext"));
	char *list = xasprintf("%s,mdown,text", md && *md ? md : "markdown,mkdown,mkdn,mkd,md"), *save = NULL;
	for (char *tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		char *ext = xasprintf(".%s", tok[0] == '.' ? tok + 1 : tok);
		sv_push_unique_ci(&w->exts, ext);
		free(ext);
	}
	free(list);
}

static void S_walk_free(struct S_walk *w)
{
	sv_free(&w->include);
	sv_free(&w->exclude);
	sv_free(&w->exts);
}

/* The walker's rules are the site's state: made once, read by the hooks. */
static void S_free_state(void *state)
{
	S_walk_free(state);
	free(state);
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	if (S_read_config(site, dl) < 0)
		return -1;
	struct S_walk *w = xmalloc(sizeof *w);
	S_walk_init(w, site);
	site->state = w;
	return 0;
}

/* Jekyll's EntryFilter: entry is relative to the folder being read,
 * relsrc the same file relative to the source. */
static bool S_filtered(const struct S_walk *w, const char *entry, const char *relsrc)
{
	if (S_glob_any(&w->include, entry) || S_glob_any(&w->include, relsrc))
		return false;
	const char *base = path_basename(entry);
	if (strchr(".#_~", entry[0]) || strchr(".#_~", base[0]) || str_ends_with(entry, "~"))
		return true;
	char *dir = xasprintf("%s/", relsrc);
	bool excluded = S_glob_any(&w->exclude, relsrc) || S_glob_any(&w->exclude, dir);
	free(dir);
	return excluded;
}

/* A post's file name: `YYYY-MM-DD-slug.ext` (Jekyll accepts 2- to 4-digit
 * years and 1- or 2-digit months and days). Fills what it finds; returns
 * false when name is not one. With need_date false (drafts), any `name.ext`
 * matches and a date prefix is used when there is one. */
static bool S_parse_name(const char *name, bool need_date, struct date *date, char **slug)
{
	const char *dot = strrchr(name, '.');
	if (date)
		memset(date, 0, sizeof *date);
	if (slug)
		*slug = NULL;
	if (!dot || !dot[1])
		return false;
	const char *p = name;
	int parts[3] = {0, 0, 0}, mins[3] = {2, 1, 1}, maxs[3] = {4, 2, 2};
	bool dated = true;
	for (int i = 0; i < 3 && dated; i++) {
		int n = 0;
		while (isdigit((unsigned char)p[n]) && n < maxs[i] + 1)
			n++;
		if (n < mins[i] || n > maxs[i] || p[n] != '-') {
			dated = false;
			break;
		}
		for (int k = 0; k < n; k++)
			parts[i] = parts[i] * 10 + (p[k] - '0');
		p += n + 1;
	}
	if (dated && p > dot)
		dated = false; /* the date runs into the extension */
	if (!dated) {
		if (need_date)
			return false;
		p = name;
	}
	if (dated && date) {
		int year = parts[0];
		if (year < 100)
			year += year < 69 ? 2000 : 1900; /* Ruby's reading of two-digit years */
		char buf[16];
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", year % 10000, parts[1] % 100, parts[2] % 100);
		date_parse(date, buf);
	}
	if (slug) {
		/* Slugs never end with a period: `trailing-dots...md`. */
		size_t n = (size_t)(dot - p);
		while (n && p[n - 1] == '.')
			n--;
		*slug = xstrndup(p, n);
	}
	return true;
}

/* Reads a file's front matter: 0 and *fm (NULL when empty) when it has
 * one, 1 when it has none, -1 when the file is unreadable or its front
 * matter broken (site_read_post reports that). */
static int S_front_matter(const struct site *site, const char *relpath, struct fm_node **fm)
{
	struct diag_list quiet = DIAG_LIST_INIT;
	enum fm_format format;
	int rc = site_read_front_matter(fm, &format, site, relpath, &quiet);
	diag_list_free(&quiet);
	if (rc == 0 && format != FM_YAML) {
		fm_node_free(*fm); /* Jekyll knows only `---` front matter */
		*fm = NULL;
		return 1;
	}
	return rc;
}

/* _config.yml's `defaults` for a post (relsrc relative to the source):
 * the value of key from the most specific scope that applies (longest
 * path, then one naming the type, then the later one), or NULL. */
static const struct fm_node *S_default(const struct site *site, const char *relsrc, const char *key)
{
	const struct fm_node *defs = fm_get(site->config, "defaults");
	const struct fm_node *best = NULL;
	size_t best_score = 0;
	if (!defs || defs->kind != FM_LIST)
		return NULL;
	for (size_t i = 0; i < defs->n; i++) {
		const struct fm_node *val = fm_get(fm_get(defs->items[i], "values"), key);
		if (!val)
			continue;
		const struct fm_node *scope = fm_get(defs->items[i], "scope");
		const char *path = fm_str(fm_get(scope, "path"));
		const char *type = fm_str(fm_get(scope, "type"));
		if (type && strcmp(type, "posts") != 0 && strcmp(type, "post") != 0 &&
		    strcmp(type, "drafts") != 0)
			continue;
		if (!path)
			path = "";
		while (*path == '/')
			path++;
		if (*path && !(strchr(path, '*') ? fnmatch(path, relsrc, 0) == 0
						 : str_starts_with(relsrc, path)))
			continue;
		size_t score = 1 + strlen(path) * 2 + (type != NULL);
		if (score >= best_score) {
			best = val;
			best_score = score;
		}
	}
	return best;
}

/* A field as Jekyll sees it: front matter, else the defaults. */
static const struct fm_node *S_value(const struct site *site, const struct fm_node *fm,
				     const char *relsrc, const char *key)
{
	const struct fm_node *v = fm_get(fm, key);
	return v ? v : S_default(site, relsrc, key);
}

/* True when the file is a post Jekyll publishes: `---` front matter
 * present (else a static file), not `published: false` (unless
 * _config.yml says `unpublished: true`). */
static bool S_publishable(const struct site *site, const struct fm_node *fm, enum fm_format format,
			  const char *relsrc)
{
	if (format != FM_YAML)
		return false;
	bool published = true, unpublished = false;
	fm_bool(S_value(site, fm, relsrc, "published"), &published);
	fm_bool(fm_get(site->config, "unpublished"), &unpublished);
	return published || unpublished;
}

/* Every file under src/base (a _posts or _drafts folder), as Jekyll's
 * Dir glob of every path lists them: hidden folders are not entered. */
static void S_entries(const char *root, const char *base, const char *sub, struct strvec *out, int depth)
{
	char *dir = *sub ? path_join(base, sub) : xstrdup(base);
	char *abs = path_join(root, dir);
	struct strvec names = STRVEC_INIT;
	site_list_dir(abs, &names);
	for (size_t i = 0; i < names.n; i++) {
		char *entry = *sub ? path_join(sub, names.v[i]) : xstrdup(names.v[i]);
		char *full = path_join(abs, names.v[i]);
		struct stat st;
		if (lstat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (depth < 32)
					S_entries(root, base, entry, out, depth + 1);
			} else if (path_is_file(full)) {
				sv_push(out, entry);
			}
		}
		free(full);
		free(entry);
	}
	sv_free(&names);
	free(dir);
	free(abs);
}

static bool S_is_markdown(const struct S_walk *w, const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && sv_contains_ci(&w->exts, dot);
}

/* Reads dir/magic (magic is _posts or _drafts) of the source folder. */
static void S_read_magic(const struct S_walk *w, const char *dir, const char *magic, struct strvec *files)
{
	const char *src = w->site->content_dir;
	char *base_src = *dir ? path_join(dir, magic) : xstrdup(magic);
	char *base_root = strcmp(src, ".") == 0 ? xstrdup(base_src) : path_join(src, base_src);
	if (!S_has_dir(w->site->root, ".", base_root)) {
		free(base_src);
		free(base_root);
		return;
	}
	struct strvec entries = STRVEC_INIT;
	S_entries(w->site->root, base_root, "", &entries, 0);
	bool drafts = strcmp(magic, "_drafts") == 0;
	for (size_t i = 0; i < entries.n; i++) {
		const char *entry = entries.v[i];
		char *relsrc = path_join(base_src, entry);
		char *relroot = path_join(base_root, entry);
		/* Whether it is published, its front matter says: post_fields
		 * reads that, when the file is read (once). */
		if (!S_filtered(w, entry, relsrc) && S_is_markdown(w, entry) &&
		    S_parse_name(path_basename(entry), !drafts, NULL, NULL))
			sv_push(files, relroot);
		free(relsrc);
		free(relroot);
	}
	sv_free(&entries);
	free(base_src);
	free(base_root);
}

/* Jekyll's Reader#read_directories: posts and drafts of dir, then every
 * folder below that the entry filter lets through. dir is relative to the
 * source ("" for the source itself). */
static void S_read_dir(const struct S_walk *w, const char *dir, struct strvec *files, int depth)
{
	S_read_magic(w, dir, "_posts", files);
	S_read_magic(w, dir, "_drafts", files);
	const char *src = w->site->content_dir;
	char *rel = *dir ? (strcmp(src, ".") == 0 ? xstrdup(dir) : path_join(src, dir)) : xstrdup(src);
	char *abs = path_join(w->site->root, rel);
	DIR *d = opendir(abs);
	struct strvec names = STRVEC_INIT;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			sv_push(&names, e->d_name);
	if (d)
		closedir(d);
	sv_sort(&names);
	for (size_t i = 0; i < names.n && depth < 32; i++) {
		char *sub = *dir ? path_join(dir, names.v[i]) : xstrdup(names.v[i]);
		if (S_has_dir(w->site->root, rel, names.v[i]) && !S_filtered(w, names.v[i], sub))
			S_read_dir(w, sub, files, depth + 1);
		free(sub);
	}
	sv_free(&names);
	free(abs);
	free(rel);
}

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	(void)dl;
	S_read_dir(site->state, "", files, 0);
	return 0;
}

/* ---- A post's fields ---- */

/* Where a post lies: the folders above its _posts/_drafts folder (its
 * first categories), and whether it is a draft. relsrc is relative to the
 * source. Returns false when no such folder is in the path. */
static bool S_magic_split(const char *relsrc, struct strvec *dirs, bool *draft)
{
	char *copy = xstrdup(relsrc);
	bool found = false;
	char *save = NULL;
	struct strvec parts = STRVEC_INIT;
	for (char *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save))
		sv_push(&parts, tok);
	for (size_t i = 0; i + 1 < parts.n; i++) {
		if (strcmp(parts.v[i], "_posts") == 0 || strcmp(parts.v[i], "_drafts") == 0) {
			*draft = strcmp(parts.v[i], "_drafts") == 0;
			found = true;
			break;
		}
		if (dirs)
			sv_push(dirs, parts.v[i]);
	}
	sv_free(&parts);
	free(copy);
	return found;
}

static void S_push_unique(struct strvec *sv, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return;
	sv_push(sv, s);
}

/* Appends a value's words: a string split on white space (when split), or
 * the scalars of a list (nested lists flattened). */
static void S_add_words(struct strvec *sv, const struct fm_node *n, bool split, int depth)
{
	if (!n || depth > 4)
		return;
	if (n->kind == FM_LIST) {
		for (size_t i = 0; i < n->n; i++)
			S_add_words(sv, n->items[i], false, depth + 1);
		return;
	}
	const char *s = fm_str(n);
	if (!s)
		return;
	if (!split) {
		char *c = str_collapse_ws(s);
		S_push_unique(sv, c);
		free(c);
		return;
	}
	char *copy = xstrdup(s), *save = NULL;
	for (char *tok = strtok_r(copy, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save))
		S_push_unique(sv, tok);
	free(copy);
}

/* Jekyll's Utils.pluralized_array_from_hash: the singular key when set,
 * else the plural one (a string there is split on white space). */
static void S_pluralized(struct strvec *sv, const struct fm_node *singular, const struct fm_node *plural)
{
	if (fm_str(singular) || (singular && singular->kind == FM_LIST))
		S_add_words(sv, singular, false, 0);
	else
		S_add_words(sv, plural, true, 0);
}

/* Jekyll's Utils.titleize_slug: words between hyphens, each capitalized
 * the way Ruby's String#capitalize does (first letter up, the rest down;
 * ASCII only here). */
static char *S_titleize(const char *slug)
{
	struct strbuf sb = STRBUF_INIT;
	bool start = true;
	for (const char *c = slug; *c; c++) {
		if (*c == '-') {
			sb_addc(&sb, ' ');
			start = true;
			continue;
		}
		sb_addc(&sb, start ? (char)toupper((unsigned char)*c) : (char)tolower((unsigned char)*c));
		start = false;
	}
	char *raw = sb_detach(&sb);
	char *out = str_collapse_ws(raw);
	free(raw);
	return out;
}

/* Jekyll's Utils.slugify: runs of other characters become one hyphen, one
 * leading and one trailing hyphen go. Pretty mode keeps ._~!$&'()+,;=@
 * as well as letters and digits (non-ASCII letters kept as they are);
 * without cased, ASCII letters are lowered. */
static char *S_jslugify(const char *s, bool pretty, bool cased)
{
	struct strbuf sb = STRBUF_INIT;
	bool hyphen = false;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		bool keep = isalnum(*c) || *c >= 0x80 || (pretty && strchr("._~!$&'()+,;=@", *c));
		if (!keep) {
			hyphen = true;
			continue;
		}
		if (hyphen)
			sb_addc(&sb, '-');
		hyphen = false;
		sb_addc(&sb, cased ? (char)*c : (char)tolower(*c));
	}
	char *out = sb_detach(&sb);
	return out;
}

/* Jekyll's URL.escape_path: everything but unreserved characters,
 * sub-delims, ':', '@' and '/' percent-encoded. */
static void S_add_escaped(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (isalnum(*c) || strchr("-._~!$&'()*+,;=:@/", *c)) {
			sb_addc(sb, (char)*c);
		} else {
			sb_addc(sb, '%');
			sb_addc(sb, hex[*c >> 4]);
			sb_addc(sb, hex[*c & 15]);
		}
	}
}

/* Jekyll's built-in permalink styles. */
static const char *S_style(const char *permalink)
{
	static const struct {
		const char *name, *pattern;
	} styles[] = {
		{"date", "/:categories/:year/:month/:day/:title:output_ext"},
		{"pretty", "/:categories/:year/:month/:day/:title/"},
		{"ordinal", "/:categories/:year/:y_day/:title:output_ext"},
		{"weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"},
		{"none", "/:categories/:title:output_ext"},
	};
	for (size_t i = 0; i < sizeof styles / sizeof *styles; i++)
		if (strcmp(permalink, styles[i].name) == 0)
			return styles[i].pattern;
	return permalink;
}

/* A segment made only of dots, written or percent-encoded. */
static bool S_dot_segment(const char *seg, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n;) {
		if (seg[i] == '.') {
			i++;
		} else if (i + 2 < n + 1 && seg[i] == '%' && seg[i + 1] == '2' &&
			   (seg[i + 2] == 'e' || seg[i + 2] == 'E')) {
			i += 3;
		} else {
			return false;
		}
	}
	return true;
}

/* Jekyll's URL#sanitize_url: one leading slash, no empty or dot-only
 * segments, the trailing slash kept when there was one. */
static char *S_sanitize_url(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = url;
	while (*p) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n && !S_dot_segment(p, n)) {
			sb_addc(&sb, '/');
			sb_add(&sb, p, n);
		}
		p += n;
	}
	size_t len = strlen(url);
	if (!sb.len || (len && url[len - 1] == '/'))
		sb_addc(&sb, '/');
	return sb_detach(&sb);
}

struct S_urlvars {
	const struct date *date;
	const char *slug;            /* front matter slug, else the file's */
	const char *name;            /* the file name without extension */
	const struct strvec *categories;
};

/* Fills a permalink pattern (Jekyll's :placeholders) and sanitizes it;
 * NULL when the pattern needs a date the post does not have. */
static char *S_expand(const char *pattern, const struct S_urlvars *v)
{
	struct strbuf sb = STRBUF_INIT;
	const struct date *d = v->date;
	for (const char *p = pattern; *p;) {
		size_t n = 0;
		if (*p == ':')
			while ((p[1 + n] >= 'a' && p[1 + n] <= 'z') || p[1 + n] == '_')
				n++;
		if (!n) {
			sb_addc(&sb, *p++);
			continue;
		}
		char *name = xstrndup(p + 1, n);
		char *val = NULL;
		if (strcmp(name, "categories") == 0) {
			struct strvec lower = STRVEC_INIT;
			struct strbuf cs = STRBUF_INIT;
			for (size_t i = 0; i < v->categories->n; i++) {
				char *c = xstrdup(v->categories->v[i]);
				for (char *q = c; *q; q++)
					*q = (char)tolower((unsigned char)*q);
				S_push_unique(&lower, c);
				free(c);
			}
			for (size_t i = 0; i < lower.n; i++) {
				if (i)
					sb_addc(&cs, '/');
				sb_adds(&cs, lower.v[i]);
			}
			sv_free(&lower);
			val = sb_detach(&cs);
		} else if (strcmp(name, "title") == 0) {
			val = S_jslugify(v->slug, true, true);
		} else if (strcmp(name, "slug") == 0) {
			val = S_jslugify(v->slug, false, false);
		} else if (strcmp(name, "name") == 0) {
			val = S_jslugify(v->name, false, false);
		} else if (strcmp(name, "output_ext") == 0) {
			val = xstrdup(".html");
		} else if (strcmp(name, "collection") == 0) {
			val = xstrdup("posts");
		} else if (d->valid) {
			int yday = date_yearday(d);
			const char *month_name = date_month_name(d->month);
			int wday = date_weekday(d);
			const char *day_name = date_weekday_name(wday);
			if (strcmp(name, "year") == 0)
				val = xasprintf("%04d", d->year);
			else if (strcmp(name, "month") == 0)
				val = xasprintf("%02d", d->month);
			else if (strcmp(name, "day") == 0)
				val = xasprintf("%02d", d->day);
			else if (strcmp(name, "hour") == 0)
				val = xasprintf("%02d", d->hour);
			else if (strcmp(name, "minute") == 0)
				val = xasprintf("%02d", d->minute);
			else if (strcmp(name, "second") == 0)
				val = xasprintf("%02d", d->second);
			else if (strcmp(name, "i_day") == 0)
				val = xasprintf("%d", d->day);
			else if (strcmp(name, "i_month") == 0)
				val = xasprintf("%d", d->month);
			else if (strcmp(name, "short_year") == 0)
				val = xasprintf("%02d", d->year % 100);
			else if (strcmp(name, "y_day") == 0)
				val = xasprintf("%03d", yday);
			else if (strcmp(name, "long_month") == 0)
				val = xstrdup(month_name);
			else if (strcmp(name, "short_month") == 0) {
				val = xstrndup(month_name, 3);
				for (char *q = val; *q; q++)
					*q = (char)toupper((unsigned char)*q);
			} else if (strcmp(name, "long_day") == 0)
				val = xstrdup(day_name);
			else if (strcmp(name, "short_day") == 0) {
				val = xstrndup(day_name, 3);
				for (char *q = val; *q; q++)
					*q = (char)toupper((unsigned char)*q);
			} else if (strcmp(name, "w_day") == 0)
				val = xasprintf("%d", wday ? wday : 7);
			else if (strcmp(name, "week") == 0) {
				/* ISO 8601 week number */
				int wd = wday ? wday : 7;
				int week = (yday - wd + 10) / 7;
				val = xasprintf("%02d", week < 1 ? 52 : week > 52 ? 1 : week);
			}
		}
		static const char *const dated[] = {"year", "month", "day", "hour", "minute", "second",
						    "i_day", "i_month", "short_year", "y_day", "long_month",
						    "short_month", "long_day", "short_day", "w_day", "week"};
		bool needs_date = false;
		for (size_t i = 0; i < sizeof dated / sizeof *dated; i++)
			needs_date |= strcmp(name, dated[i]) == 0;
		if (val) {
			S_add_escaped(&sb, val);
			free(val);
		} else if (needs_date) {
			/* An undated draft: Jekyll would use the time of the build. */
			free(name);
			sb_release(&sb);
			return NULL;
		} else {
			sb_add(&sb, p, n + 1); /* unknown: kept as written */
		}
		free(name);
		p += n + 1;
	}
	char *raw = sb_detach(&sb);
	char *out = S_sanitize_url(raw);
	free(raw);
	return out;
}

/* The post's URL path on the site (without baseurl): its front matter's
 * or defaults' permalink, else _config.yml's for posts, else Jekyll's
 * default `date` style. NULL when it cannot be known. */
static char *S_url_path(const struct site *site, const struct fm_node *fm, const char *relsrc,
			const struct S_urlvars *v)
{
	const char *pattern = fm_str(S_value(site, fm, relsrc, "permalink"));
	if (!pattern || !*pattern)
		pattern = fm_str(fm_get_path(site->config, "collections", "posts", "permalink", NULL));
	if (!pattern || !*pattern)
		pattern = fm_str(fm_get(site->config, "permalink"));
	if (!pattern || !*pattern)
		pattern = "date";
	return S_expand(S_style(pattern), v);
}

/* url + baseurl + path. */
static char *S_full_url(const struct site *site, const char *path)
{
	size_t n = strlen(site->url);
	while (n && site->url[n - 1] == '/')
		n--;
	return xasprintf("%.*s%s%s", (int)n, site->url, site->baseurl ? site->baseurl : "", path);
}

/* Removes the first excerpt separator from the body (its line breaks
 * stay, so later line numbers hold); the text before it is the summary. */
static void S_excerpt(struct post *p, const char *sep)
{
	char *at = p->body ? strstr(p->body, sep) : NULL;
	if (!at)
		return;
	size_t before = (size_t)(at - p->body), seplen = strlen(sep), nl = 0;
	for (size_t i = 0; i < seplen; i++)
		nl += sep[i] == '\n';
	if (!p->summary) {
		char *ex = xstrndup(p->body, before);
		char *c = str_collapse_ws(ex);
		if (*c)
			p->summary = c;
		else
			free(c);
		free(ex);
	}
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, p->body, before);
	for (size_t i = 0; i < nl; i++)
		sb_addc(&sb, '\n');
	sb_adds(&sb, at + seplen);
	free(p->body);
	p->body_len = sb.len;
	p->body = sb_detach(&sb);
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	const char *relsrc = S_in_source(site, p->relpath);
	if (!relsrc)
		return true;
	if (!S_publishable(site, fm, format, relsrc))
		return false;
	struct strvec dirs = STRVEC_INIT;
	bool draft = false;
	S_magic_split(relsrc, &dirs, &draft);
	if (draft)
		p->draft = true;

	const char *base = path_basename(relsrc);
	struct date name_date;
	char *file_slug = NULL;
	S_parse_name(base, false, &name_date, &file_slug);
	if (!file_slug)
		file_slug = xstrdup(base);
	char *name = xstrdup(base);
	if (strrchr(name, '.') && strrchr(name, '.') != name)
		*strrchr(name, '.') = '\0';

	/* Date: front matter, else the defaults', else the file name's. A
	 * front-matter date site_read_post could not read is only a warning
	 * here: Jekyll reads many more forms (Ruby's Time.parse). */
	if (!p->date.valid) {
		const struct fm_node *fd = fm_get(fm, "date");
		const char *fds = fm_str(fd);
		if (fd && fds) {
			char ymd[11];
			if (name_date.valid) {
				date_format_ymd(&name_date, ymd);
				diag_warning(dl, p->path, fd->line, fd->col,
					     "'date' is not a date: '%s'; the file name's date %s is used", fds, ymd);
			} else {
				diag_warning(dl, p->path, fd->line, fd->col,
					     "'date' is not a date: '%s'; the post is left undated", fds);
			}
		} else {
			const char *dd = fm_str(S_default(site, relsrc, "date"));
			if (dd)
				date_parse(&p->date, dd);
		}
		if (!p->date.valid && name_date.valid)
			p->date = name_date;
	}
	if (!p->updated.valid) {
		const char *lm = fm_str(fm_get(fm, "last_modified_at"));
		if (lm)
			date_parse(&p->updated, lm);
	}

	if (!p->title) {
		const char *t = fm_str(S_default(site, relsrc, "title"));
		p->title = t && *t ? str_collapse_ws(t) : S_titleize(file_slug);
		if (!*p->title) {
			free(p->title);
			p->title = NULL; /* common.c falls back on the first H1, then the file name */
		}
	}
	if (!p->description) {
		const char *d = fm_str(S_default(site, relsrc, "description"));
		if (d && *d)
			p->description = str_collapse_ws(d);
	}
	const char *excerpt = fm_str(fm_get(fm, "excerpt"));
	if (excerpt && *excerpt && !p->summary)
		p->summary = str_collapse_ws(excerpt);

	/* Categories: the folders above _posts, then `categories` (defaults',
	 * front matter's), then `category`. Tags: `tag`, else `tags`. */
	sv_free(&p->categories);
	for (size_t i = 0; i < dirs.n; i++)
		S_push_unique(&p->categories, dirs.v[i]);
	S_add_words(&p->categories, S_default(site, relsrc, "categories"), true, 0);
	S_add_words(&p->categories, fm_get(fm, "categories"), true, 0);
	S_pluralized(&p->categories, S_value(site, fm, relsrc, "category"),
		     S_value(site, fm, relsrc, "categories"));
	sv_free(&p->tags);
	S_pluralized(&p->tags, S_value(site, fm, relsrc, "tag"), S_value(site, fm, relsrc, "tags"));

	sv_free(&p->authors);
	sv_free(&p->author_names);
	const struct fm_node *authors = S_value(site, fm, relsrc, "authors");
	if (!authors || (!fm_str(authors) && authors->kind == FM_SCALAR))
		authors = S_value(site, fm, relsrc, "author");
	fm_people(authors, &p->authors);
	for (size_t i = 0; i < p->authors.n; i++) {
		const struct fm_node *a = fm_get(site->authors, p->authors.v[i]);
		const char *n = fm_person(a);
		sv_push(&p->author_names, n && *n ? n : p->authors.v[i]);
	}

	/* excerpt_separator: the marker is not text of the post. Jekyll's
	 * default, a blank line, only picks the first paragraph. */
	const char *sep = fm_str(S_value(site, fm, relsrc, "excerpt_separator"));
	if (!sep)
		sep = fm_str(fm_get(site->config, "excerpt_separator"));
	if (sep && *sep && strcmp(sep, "\n\n") != 0)
		S_excerpt(p, sep);

	/* Dates in the site's time zone, as Jekyll shows them. */
	const char *zone = fm_str(fm_get(site->config, "timezone"));
	if (zone && *zone) {
		const char *written = fm_str(fm_get(fm, "date"));
		struct date check;
		bool from_fm = written && date_parse(&check, written) == 0 &&
			       date_cmp(&check, &p->date) == 0 && check.tz_minutes == p->date.tz_minutes;
		tz_localize(&p->date, zone, from_fm && date_written_with_zone(written, &p->date));
		const char *lm = fm_str(fm_get(fm, "updated"));
		if (!lm)
			lm = fm_str(fm_get(fm, "last_modified_at"));
		if (lm && p->updated.valid)
			tz_localize(&p->updated, zone, date_written_with_zone(lm, &p->updated));
	}

	struct S_urlvars v = {&p->date, p->slug ? p->slug : file_slug, name, &p->categories};
	char *path = S_url_path(site, fm, relsrc, &v);
	if (path) {
		free(p->url);
		p->url = path;
	}
	/* Drafts are not on the live site. */
	if (path && !draft && site->url && *site->url) {
		free(p->live_url);
		p->live_url = S_full_url(site, path);
	}
	free(name);
	free(file_slug);
	sv_free(&dirs);
	return true;
}

/* The live URL of a site file: a post's permalink; a page with front
 * matter becomes .html (index pages their folder); other files are
 * copied as they are. Files in `_` folders are not published. */
static char *S_page_url(const struct site *site, const char *relpath)
{
	const char *rel = S_in_source(site, relpath);
	if (!rel || !*rel || strcmp(rel, ".") == 0)
		return NULL;
	bool draft = false;
	if (S_magic_split(rel, NULL, &draft)) {
		/* Only published posts have a URL: not drafts, not files Jekyll
		 * leaves out. */
		const struct S_walk *w = site->state;
		bool post = !draft && S_is_markdown(w, rel) && S_parse_name(path_basename(rel), true, NULL, NULL);
		if (!post)
			return NULL;
		struct diag_list quiet = DIAG_LIST_INIT;
		struct post *p = NULL;
		char *url = NULL;
		if (site_read_post(&p, site, relpath, &quiet) == 0 && p->live_url)
			url = xstrdup(p->live_url);
		post_free(p);
		diag_list_free(&quiet);
		return url;
	}
	for (const char *c = rel; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (*c == '_' || *c == '.')
			return NULL;
	}
	bool md = S_is_markdown(site->state, rel);
	char *abs = path_join(site->root, relpath);
	bool exists = path_is_file(abs);
	free(abs);
	if (md && !exists)
		return NULL; /* a page that is not there has no URL */
	struct strbuf path = STRBUF_INIT;
	struct fm_node *fm = NULL;
	if (md && S_front_matter(site, relpath, &fm) == 0) {
		const char *permalink = fm_str(fm_get(fm, "permalink"));
		if (permalink && *permalink && !strchr(permalink, ':')) {
			char *s = S_sanitize_url(permalink);
			sb_adds(&path, s);
			free(s);
		} else {
			char *stem = xstrdup(rel);
			*strrchr(stem, '.') = '\0';
			const char *b = path_basename(stem);
			const char *style = fm_str(fm_get(site->config, "permalink"));
			bool pretty = style && (strcmp(style, "pretty") == 0 || str_ends_with(style, "/"));
			sb_addc(&path, '/');
			if (strcmp(b, "index") == 0) {
				sb_add(&path, stem, (size_t)(b - stem));
			} else {
				S_add_escaped(&path, stem);
				sb_adds(&path, pretty ? "/" : ".html");
			}
			free(stem);
		}
	} else {
		sb_addc(&path, '/');
		S_add_escaped(&path, rel);
	}
	fm_node_free(fm);
	char *url = S_full_url(site, path.s);
	sb_release(&path);
	return url;
}

/* jekyll-seo-tag's `image` (a path or {path:}), and `cover_image` of
 * themes; the site-wide default is `image` in _config.yml. */
static const char *const S_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};
static const char *const S_config_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};

/* ---- References and images ---- */

/* A page is x.EXT or x/index.EXT, for each Markdown extension the site
 * reads. */
static void S_page_forms(const struct site *site, const char *path, struct strvec *out)
{
	const struct S_walk *w = site->state;
	for (size_t i = 0; i < w->exts.n; i++) {
		sv_push_owned(out, xasprintf("%s%s", path, w->exts.v[i]));
		sv_push_owned(out, xasprintf("%s/index%s", path, w->exts.v[i]));
	}
}

/* `link` names a file from the source; `post_url` a post by its file name
 * without extension ("2010-07-21-name", or "cat/2010-07-21-name"). */
static void S_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			  const char *ref, bool link, struct strvec *out)
{
	if (link)
		return; /* a Markdown link is no reference in Jekyll */
	site_ref_paths(site, from, ref, out);
	site_ref_by_name(posts, ref, out);
}

/* A post's images often lie in a folder named after it, with or without
 * its date (_posts/2020-01-02-x.md → _posts/2020-01-02-x/, _posts/x/). */
static void S_image_folders(const struct site *site, const struct post *p, struct strvec *out)
{
	(void)site;
	char *dir = path_dirname(p->relpath);
	const char *base = path_basename(p->relpath);
	const char *dot = strrchr(base, '.');
	char *stem = xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	sv_push_owned(out, path_join(dir, stem));
	if (strlen(stem) > 11 && stem[4] == '-' && stem[7] == '-' && stem[10] == '-')
		sv_push_owned(out, path_join(dir, stem + 11));
	free(stem);
	free(dir);
}

const struct site_generator site_jekyll = {
	.lenient_dates = true,
	.name = "jekyll",
	.detect = S_detect,
	.configure = S_configure,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.page_url = S_page_url,
	.dialects = DIALECTS(&dialect_liquid, &dialect_kramdown, &dialect_emoji, &dialect_math),
	.cover_keys = S_cover_keys,
	.config_cover_keys = S_config_cover_keys,
	.free_state = S_free_state,
	.page_forms = S_page_forms,
	.ref_targets = S_ref_targets,
	.image_folders = S_image_folders,
};
