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
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "convert/dialect.h"
#include "base/slug.h"
#include "base/text.h"
#include "base/utf8.h"
#include "base/tz.h"
#include "base/url.h"
#include "input/site.h"
#include "input/sitedata.h"

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
		if (fm_parse_yaml_quiet(&site->config, utf8, ulen, cfgpath, 1, DIAG_WARNING, true, dl) < 0) {
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
	const struct fm_node *sn = fm_get(cfg, "source");
	const char *source = fm_str(sn);
	if (source && *source && strcmp(source, ".") != 0) {
		char *norm = site_config_path(site->root, src, source, cfgpath, sn->line, sn->col, "source",
					      "the config's folder is read instead", dl);
		if (norm) {
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
	/* includes_dir is read by the Liquid pass, which refuses what lies
	 * outside the site anyway: said here once, at the config's line. */
	const struct fm_node *id = fm_get(cfg, "includes_dir");
	free(site_config_path(site->root, src, fm_str(id), cfgpath, id ? id->line : 0, id ? id->col : 0,
			      "includes_dir", "its includes are left out", dl));
	const struct fm_node *dd = fm_get(cfg, "data_dir");
	char *data_rel = site_config_path(site->root, src, fm_str(dd) ? fm_str(dd) : "_data", cfgpath,
					  dd ? dd->line : 0, dd ? dd->col : 0, "data_dir", "the default _data/ is read", dl);
	if (!data_rel)
		data_rel = path_join(src, "_data");
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
	bool jemoji;                    /* the jemoji plugin is loaded: :emoji: shortcodes */
};

/* Whether the Gemfile at root/dir names gem in its :jekyll_plugins group
 * (Jekyll loads those without a word in _config.yml). */
static bool S_gemfile_plugin(const char *root, const char *dir, const char *gem)
{
	char *rel = path_join(dir, "Gemfile");
	char *abs = path_join(root, rel);
	char *text = NULL;
	size_t len = 0;
	bool found = false, in_group = false;
	if (read_file(abs, &text, &len) == 0) {
		char *quoted = xasprintf("gem \"%s\"", gem), *single = xasprintf("gem '%s'", gem);
		for (char *l = text, *next; l && *l && !found; l = next) {
			next = strchr(l, '\n');
			if (next)
				*next++ = '\0';
			while (*l == ' ' || *l == '\t')
				l++;
			if (str_starts_with(l, "group") && strstr(l, ":jekyll_plugins"))
				in_group = true;
			else if (str_starts_with(l, "end") && !isalnum((unsigned char)l[3]))
				in_group = false;
			else if (str_starts_with(l, quoted) || str_starts_with(l, single))
				found = in_group || strstr(l, ":jekyll_plugins") != NULL;
		}
		free(quoted);
		free(single);
	}
	free(text);
	free(abs);
	free(rel);
	return found;
}

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
	/* Plugins: `plugins` (`gems` before Jekyll 3.5), GitHub Pages'
	 * `whitelist`, or the Gemfile's :jekyll_plugins group. */
	static const char *const plugin_keys[] = {"plugins", "gems", "whitelist"};
	for (size_t i = 0; i < 3 && !w->jemoji; i++) {
		struct strvec names = STRVEC_INIT;
		S_config_list(fm_get(site->config, plugin_keys[i]), &names);
		w->jemoji = sv_contains_ci(&names, "jemoji");
		sv_free(&names);
	}
	if (!w->jemoji)
		w->jemoji = S_gemfile_plugin(site->root, ".", "jemoji") ||
			    S_gemfile_plugin(site->root, site->content_dir, "jemoji");
	S_config_list(fm_get(site->config, "include"), &w->include);
	S_config_list(fm_get(site->config, "exclude"), &w->exclude);
	for (size_t i = 0; i < sizeof default_excludes / sizeof *default_excludes; i++)
		sv_push(&w->exclude, default_excludes[i]);
	const char *dest = fm_str(fm_get(site->config, "destination"));
	if (dest && *dest)
		sv_push(&w->exclude, dest);
	/* Jekyll's markdown_ext (default markdown,mkdown,mkdn,mkd,md): only
	 * these are Markdown; a post with another extension is published as
	 * written (Jekyll's Identity converter). */
	const char *md = fm_str(fm_get(site->config, "markdown_ext"));
	char *list = xstrdup(md && *md ? md : "markdown,mkdown,mkdn,mkd,md"), *save = NULL;
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

/* Whether relsrc is, or lies under, a path the glob matches (`*` stays
 * within a folder, `**` crosses them). */
static bool S_glob_prefix(const char *glob, const char *relsrc)
{
	bool hit = false;
	char *copy = xstrdup(relsrc);
	for (char *end = copy + strlen(copy); !hit;) {
		*end = '\0';
		hit = fnmatch(glob, copy, strstr(glob, "**") ? 0 : FNM_PATHNAME) == 0;
		end = strrchr(copy, '/');
		if (!end)
			break;
	}
	free(copy);
	return hit;
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
		/* A post's type is its collection's, `posts`, drafts' too ("post"
		 * is Jekyll's deprecated spelling of it). */
		if (type && strcmp(type, "posts") != 0 && strcmp(type, "post") != 0)
			continue;
		if (!path)
			path = "";
		while (*path == '/')
			path++;
		/* A glob names the files and folders it matches; a scope applies
		 * to what lies under one of them. */
		if (*path && !(strchr(path, '*') ? S_glob_prefix(path, relsrc) : str_starts_with(relsrc, path)))
			continue;
		size_t score = 1 + strlen(path) * 2 + (type != NULL);
		if (score >= best_score) {
			best = val;
			best_score = score;
		}
	}
	return best;
}

/* ---- Dates as Ruby's Time.parse reads them ----
 *
 * Jekyll reads a front-matter date string with Time.parse, which picks a
 * date, a time and a zone out of the text wherever they are and ignores
 * the rest: `2023-01-29 18:30:22 2023 -0800`, `Jan 29, 2023 6:30 pm`,
 * `29 January 2023 18:30 PST`. */

/* The month a word starting at s names (its first three letters), 0 when
 * none. */
static int S_month_word(const char *s, size_t *len)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	*len = n;
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++)
		if (strncasecmp(s, names + 3 * m, 3) == 0)
			return m + 1;
	return 0;
}

/* The zone a word names (Ruby's Date::ZONES for North America and UTC),
 * in minutes east of UTC; false when it names none. */
static bool S_zone_word(const char *s, size_t n, int *minutes)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {{"utc", 0},  {"gmt", 0},  {"z", 0},   {"ut", 0},   {"est", -5}, {"edt", -4},
		     {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		if (strlen(zones[i].name) == n && strncasecmp(s, zones[i].name, n) == 0) {
			*minutes = zones[i].hours * 60;
			return true;
		}
	return false;
}

/* s rewritten as `YYYY-MM-DD hh:mm:ss ±hhmm` (time and zone when s has
 * them), which date_parse reads; NULL when s holds no date. */
static char *S_ruby_date(const char *s)
{
	int y = 0, m = 0, d = 0, hh = -1, mi = 0, ss = 0, zone = 0;
	bool have_zone = false;
	const char *p = s;
	while (*p) {
		size_t n = 0;
		int a, b, c, used = 0;
		if (!y && isdigit((unsigned char)*p) &&
		    (sscanf(p, "%4d-%2d-%2d%n", &a, &b, &c, &used) == 3 ||
		     sscanf(p, "%4d/%2d/%2d%n", &a, &b, &c, &used) == 3) &&
		    used >= 8) {
			y = a, m = b, d = c;
			p += used;
		} else if (hh < 0 && isdigit((unsigned char)*p) && sscanf(p, "%2d:%2d%n", &a, &b, &used) == 2) {
			hh = a, mi = b;
			p += used;
			if (sscanf(p, ":%2d%n", &c, &used) == 1)
				ss = c, p += used;
			while (*p == '.' || isdigit((unsigned char)*p))
				p++; /* fractions of a second */
			while (*p == ' ')
				p++;
			if ((p[0] == 'p' || p[0] == 'P' || p[0] == 'a' || p[0] == 'A') &&
			    (p[1] == 'm' || p[1] == 'M') && !isalpha((unsigned char)p[2])) {
				hh = hh % 12 + (tolower((unsigned char)p[0]) == 'p' ? 12 : 0);
				p += 2;
			}
		} else if (hh >= 0 && !have_zone && (*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
			int sign = *p == '-' ? -1 : 1;
			p++;
			if (sscanf(p, "%2d:%2d%n", &a, &b, &used) == 2 || (sscanf(p, "%2d%2d%n", &a, &b, &used) == 2 && used == 4))
				zone = sign * (a * 60 + b), have_zone = true, p += used;
			else if (sscanf(p, "%2d%n", &a, &used) == 1)
				zone = sign * a * 60, have_zone = true, p += used;
		} else if (isalpha((unsigned char)*p)) {
			int month = S_month_word(p, &n);
			if (month && !y) {
				/* `Jan 29 2023`, `January 29, 2023`, or after `29 `. */
				const char *q = p + n;
				int day = 0;
				while (*q == ' ' || *q == ',' || *q == '.')
					q++;
				if (sscanf(q, "%2d%n", &a, &used) == 1 && !isdigit((unsigned char)q[used]) && !strchr(":", q[used])) {
					day = a;
					q += used;
					while (*q == ' ' || *q == ',' || (isalpha((unsigned char)*q) && q[-1] != ' '))
						q++; /* `29th,` */
				} else {
					/* `29 Jan 2023`: the day before the month */
					const char *b2 = p;
					while (b2 > s && (b2[-1] == ' ' || b2[-1] == '-' || b2[-1] == '.'))
						b2--;
					if (b2 - s >= 3 && isdigit((unsigned char)b2[-3]) &&
					    (strncasecmp(b2 - 2, "st", 2) == 0 || strncasecmp(b2 - 2, "nd", 2) == 0 ||
					     strncasecmp(b2 - 2, "rd", 2) == 0 || strncasecmp(b2 - 2, "th", 2) == 0))
						b2 -= 2; /* `29th January` */
					const char *b1 = b2;
					while (b1 > s && isdigit((unsigned char)b1[-1]))
						b1--;
					if (b2 - b1 >= 1 && b2 - b1 <= 2)
						day = atoi(b1);
					while (*q == ' ' || *q == '-')
						q++;
				}
				if (day && sscanf(q, "%4d%n", &a, &used) == 1 && used == 4 && q[used] != ':') {
					y = a, m = month, d = day;
					p = q + used;
					continue;
				}
			} else if (!month && hh >= 0 && !have_zone && S_zone_word(p, n, &zone)) {
				have_zone = true;
			}
			p += n ? n : 1;
		} else {
			p++;
		}
	}
	if (!y || m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 60)
		return NULL;
	if (hh < 0)
		return xasprintf("%04d-%02d-%02d", y, m, d);
	int off = zone < 0 ? -zone : zone;
	if (!have_zone)
		return xasprintf("%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mi, ss);
	return xasprintf("%04d-%02d-%02d %02d:%02d:%02d %c%02d%02d", y, m, d, hh, mi, ss, zone < 0 ? '-' : '+',
			 off / 60, off % 60);
}

/* A front-matter date as Jekyll reads it: 0 and *d, or -1. The text
 * date_parse read goes to *written when it is not NULL (malloc'd). */
static int S_read_date(struct date *d, const char *s, char **written)
{
	if (written)
		*written = NULL;
	if (date_parse(d, s) == 0) {
		if (written)
			*written = xstrdup(s);
		return 0;
	}
	char *canon = S_ruby_date(s);
	int rc = canon ? date_parse(d, canon) : -1;
	if (written && rc == 0)
		*written = canon;
	else
		free(canon);
	return rc;
}

/* A field as Jekyll sees it: front matter, else the defaults. */
static const struct fm_node *S_value(const struct site *site, const struct fm_node *fm,
				     const char *relsrc, const char *key)
{
	const struct fm_node *v = fm_get(fm, key);
	return v ? v : S_default(site, relsrc, key);
}

/* True unless `published: false` leaves the post out (and _config.yml
 * does not say `unpublished: true`). A post needs no front matter:
 * Jekyll's PostReader reads every file with a dated name. */
static bool S_publishable(const struct site *site, const struct fm_node *fm, const char *relsrc)
{
	bool published = true, unpublished = false;
	fm_bool(S_value(site, fm, relsrc, "published"), &published);
	fm_bool(fm_get(site->config, "unpublished"), &unpublished);
	return published || unpublished;
}

/* Every file under src/base (a _posts or _drafts folder), as Jekyll's
 * Dir glob of every path lists them: hidden folders are not entered. What
 * is left out unseen (a folder it cannot read, a FIFO, a symlink to
 * nothing) is warned about into dl. */
static void S_entries(const char *root, const char *base, const char *sub, struct strvec *out, int depth,
		      struct diag_list *dl)
{
	char *dir = *sub ? path_join(base, sub) : xstrdup(base);
	char *abs = path_join(root, dir);
	struct strvec names = STRVEC_INIT;
	if (!site_list_dir(abs, &names))
		site_warn_unreadable_dir(abs, errno, dl);
	for (size_t i = 0; i < names.n; i++) {
		char *entry = *sub ? path_join(sub, names.v[i]) : xstrdup(names.v[i]);
		char *full = path_join(abs, names.v[i]);
		struct stat st;
		if (lstat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (depth < 32)
					S_entries(root, base, entry, out, depth + 1, dl);
			} else if (path_is_file(full)) {
				sv_push(out, entry);
			} else {
				site_warn_not_post(full, dl);
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

/* How Jekyll converts a post: Markdown (markdown_ext), HTML, or neither
 * (its text published as it is). */
enum S_kind { S_MARKDOWN, S_HTML, S_OTHER };

static enum S_kind S_kind_of(const struct S_walk *w, const char *name)
{
	if (S_is_markdown(w, name))
		return S_MARKDOWN;
	const char *dot = strrchr(name, '.');
	if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
		return S_HTML;
	return S_OTHER;
}

/* Jekyll reads a YAML file as data (no content: never a post) and skips
 * a post whose content is not valid text (an image named like a post). */
static bool S_is_text_post(const struct S_walk *w, const char *relroot)
{
	const char *dot = strrchr(path_basename(relroot), '.');
	if (dot && (strcasecmp(dot, ".yml") == 0 || strcasecmp(dot, ".yaml") == 0))
		return false;
	if (S_kind_of(w, relroot) != S_OTHER)
		return true;
	char *abs = path_join(w->site->root, relroot), *text = NULL;
	size_t len = 0;
	bool ok = read_file(abs, &text, &len) == 0;
	free(abs);
	const unsigned char *u = (const unsigned char *)text;
	bool utf16 = ok && len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
	for (size_t i = 0; ok && !utf16 && i < len;) {
		size_t n = utf8_decode(u + i, len - i, NULL);
		ok = n > 0;
		i += n;
	}
	free(text);
	return ok;
}

/* Reads dir/magic (magic is _posts or _drafts) of the source folder. */
static void S_read_magic(const struct S_walk *w, const char *dir, const char *magic, struct strvec *files,
			 struct diag_list *dl)
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
	S_entries(w->site->root, base_root, "", &entries, 0, dl);
	bool drafts = strcmp(magic, "_drafts") == 0;
	for (size_t i = 0; i < entries.n; i++) {
		const char *entry = entries.v[i];
		char *relsrc = path_join(base_src, entry);
		char *relroot = path_join(base_root, entry);
		/* Whether it is published, its front matter says: post_fields
		 * reads that, when the file is read (once). */
		if (!S_filtered(w, entry, relsrc) && S_parse_name(path_basename(entry), !drafts, NULL, NULL) &&
		    S_is_text_post(w, relroot))
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
static void S_read_dir(const struct S_walk *w, const char *dir, struct strvec *files, int depth,
		       struct diag_list *dl)
{
	S_read_magic(w, dir, "_posts", files, dl);
	S_read_magic(w, dir, "_drafts", files, dl);
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
			S_read_dir(w, sub, files, depth + 1, dl);
		free(sub);
	}
	sv_free(&names);
	free(abs);
	free(rel);
}

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	S_read_dir(site->state, "", files, 0, dl);
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

/* Jekyll's URL#sanitize_url: a leading slash, every ".." made a slash,
 * every "./" removed, runs of slashes squeezed. */
static char *S_sanitize_url(const char *url)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	sb_addc(&a, '/');
	for (const char *p = url; *p; p++) {
		if (p[0] == '.' && p[1] == '.') {
			sb_addc(&a, '/');
			p++;
		} else {
			sb_addc(&a, *p);
		}
	}
	for (size_t i = 0; i < a.len; i++) {
		if (a.s[i] == '.' && a.s[i + 1] == '/') {
			i++;
			continue;
		}
		if (a.s[i] == '/' && b.len && b.s[b.len - 1] == '/')
			continue;
		sb_addc(&b, a.s[i]);
	}
	sb_release(&a);
	return sb_detach(&b);
}

struct S_urlvars {
	const struct date *date;
	const char *slug;            /* front matter slug, else the file's */
	const char *name;            /* the file name without extension */
	const struct strvec *categories;
	const char *output_ext;      /* ".html" for Markdown, else the file's own */
	const char *relsrc;          /* the file, relative to the source */
};

/* Jekyll's date placeholders and the strftime directive of each. */
static const char *const S_date_placeholders[][2] = {
	{"year", "%Y"},       {"month", "%m"},     {"day", "%d"},         {"hour", "%H"},
	{"minute", "%M"},     {"second", "%S"},    {"i_day", "%-d"},      {"i_month", "%-m"},
	{"short_month", "%b"}, {"long_month", "%B"}, {"short_year", "%y"}, {"w_year", "%G"},
	{"week", "%V"},       {"w_day", "%u"},     {"short_day", "%a"},   {"long_day", "%A"},
	{"y_day", "%j"},
};

/* The strings of sv joined by sep (malloc'd). */
static char *S_joined_by(const struct strvec *sv, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			sb_adds(&sb, sep);
		sb_adds(&sb, sv->v[i]);
	}
	return sb_detach(&sb);
}

/* A list as template_value gives one: each item followed by U+001F. */
static char *S_liquid_list(const struct strvec *sv)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	for (size_t i = 0; i < sv->n; i++) {
		sb_adds(&sb, sv->v[i]);
		sb_addc(&sb, '\x1F');
	}
	return sb_detach(&sb);
}

/* The value of placeholder name (Jekyll's UrlDrop), or NULL: unknown,
 * or a date the post does not have. */
static char *S_placeholder(const char *name, const struct S_urlvars *v)
{
	const struct date *d = v->date;
	char *val = NULL;
	if (strcmp(name, "categories") == 0) {
		struct strvec lower = STRVEC_INIT;
		for (size_t i = 0; i < v->categories->n; i++) {
			char *c = xstrdup(v->categories->v[i]);
			for (char *q = c; *q; q++)
				*q = (char)tolower((unsigned char)*q);
			S_push_unique(&lower, c);
			free(c);
		}
		val = S_joined_by(&lower, "/");
		sv_free(&lower);
	} else if (strcmp(name, "title") == 0) {
		val = slug_hyphens(v->slug, true, true);
	} else if (strcmp(name, "slug") == 0) {
		val = slug_hyphens(v->slug, false, false);
	} else if (strcmp(name, "name") == 0) {
		val = slug_hyphens(v->name, false, false);
	} else if (strcmp(name, "output_ext") == 0) {
		val = xstrdup(v->output_ext ? v->output_ext : ".html");
	} else if (strcmp(name, "collection") == 0) {
		val = xstrdup("posts");
	} else if (strcmp(name, "slugified_categories") == 0) {
		struct strvec slugs = STRVEC_INIT;
		for (size_t i = 0; i < v->categories->n; i++)
			sv_push_owned(&slugs, slug_hyphens(v->categories->v[i], false, false));
		struct strvec uniq = STRVEC_INIT;
		for (size_t i = 0; i < slugs.n; i++)
			S_push_unique(&uniq, slugs.v[i]);
		val = S_joined_by(&uniq, "/");
		sv_free(&uniq);
		sv_free(&slugs);
	} else if (strcmp(name, "path") == 0 && v->relsrc) {
		/* Document#cleaned_relative_path: no extension, the first
		 * `_posts` out, no trailing dots. */
		char *rel = xstrdup(v->relsrc);
		char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');
		if (dot && (!slash || dot > slash))
			*dot = '\0';
		char *at = strstr(rel, "_posts");
		if (at)
			memmove(at, at + 6, strlen(at + 6) + 1);
		size_t n = strlen(rel);
		while (n && rel[n - 1] == '.')
			rel[--n] = '\0';
		val = rel;
	} else if (d->valid) {
		/* UrlDrop: each a strftime of the date. */
		for (size_t i = 0; i < sizeof S_date_placeholders / sizeof *S_date_placeholders; i++)
			if (strcmp(name, S_date_placeholders[i][0]) == 0)
				val = date_strftime(d, S_date_placeholders[i][1]);
	}
	return val;
}

static bool S_needs_date(const char *name)
{
	for (size_t i = 0; i < sizeof S_date_placeholders / sizeof *S_date_placeholders; i++)
		if (strcmp(name, S_date_placeholders[i][0]) == 0)
			return true;
	return false;
}

/* Fills a permalink pattern (Jekyll's :placeholders) and sanitizes it;
 * NULL when the pattern needs a date the post does not have. */
static char *S_expand(const char *pattern, const struct S_urlvars *v)
{
	struct strbuf sb = STRBUF_INIT;
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
		char *val = S_placeholder(name, v);
		bool underscore = false;
		if (!val && !S_needs_date(name) && n > 1 && name[n - 1] == '_') {
			/* `:title_`: Jekyll reads `:title` followed by `_`. */
			name[n - 1] = '\0';
			val = S_placeholder(name, v);
			underscore = val != NULL;
			if (!val && !S_needs_date(name))
				name[n - 1] = '_';
		}
		bool needs_date = S_needs_date(name);
		if (val) {
			S_add_escaped(&sb, val);
			if (underscore)
				sb_addc(&sb, '_');
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
	/* A post's own (or defaults') permalink is a pattern as written;
	 * only the site's `permalink` may name a style. */
	const char *pattern = fm_str(S_value(site, fm, relsrc, "permalink"));
	if (!pattern || !*pattern)
		pattern = fm_str(fm_get_path(site->config, "collections", "posts", "permalink", NULL));
	if (!pattern || !*pattern) {
		pattern = fm_str(fm_get(site->config, "permalink"));
		pattern = S_style(pattern && *pattern ? pattern : "date");
	}
	return S_expand(pattern, v);
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

/* A post that is not Markdown, made into what the Markdown reader keeps
 * as it is, line for line: HTML as one HTML block (`<div>` opening its
 * first line, blank lines made comments so the block never ends), other
 * text as preformatted text, with a warning. */
static void S_convertible_body(struct post *p, enum S_kind kind, struct diag_list *dl)
{
	if (kind == S_MARKDOWN || !p->body)
		return;
	struct strbuf sb = STRBUF_INIT;
	if (kind == S_HTML) {
		sb_adds(&sb, "<div>");
		for (const char *l = p->body; *l;) {
			size_t n = strcspn(l, "\n");
			bool blank = true;
			for (size_t i = 0; i < n && blank; i++)
				blank = l[i] == ' ' || l[i] == '\t' || l[i] == '\r';
			if (blank)
				sb_adds(&sb, "<!-- -->");
			else
				sb_add(&sb, l, n);
			l += n;
			if (*l)
				sb_addc(&sb, *l++);
		}
		if (sb.len && sb.s[sb.len - 1] != '\n')
			sb_addc(&sb, '\n');
		sb_adds(&sb, "</div>\n");
	} else {
		diag_warning(dl, p->path, p->body_line, 0,
			     "'%s' is neither Markdown (markdown_ext) nor HTML: its text is kept as written, "
			     "preformatted",
			     strrchr(p->relpath, '.') ? strrchr(p->relpath, '.') : p->relpath);
		sb_adds(&sb, "<pre>");
		sb_add_xml_escaped(&sb, p->body);
		sb_adds(&sb, "</pre>\n");
	}
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
	(void)format; /* Jekyll knows only `---`: a `+++` block is read, not shown */
	if (!S_publishable(site, fm, relsrc))
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
		if (fd && fds && S_read_date(&p->date, fds, NULL) == 0) {
			/* read as Ruby reads it */
		} else if (fd && fds) {
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

	/* jekyll-redirect-from: the post's older URLs, site paths under
	 * baseurl, by which other posts may still link to it. */
	struct strvec from = STRVEC_INIT;
	fm_strings(S_value(site, fm, relsrc, "redirect_from"), &from);
	for (size_t i = 0; i < from.n; i++)
		if (*from.v[i])
			sv_push_owned(&p->aliases, from.v[i][0] == '/' || url_has_authority(from.v[i])
							  ? xstrdup(from.v[i])
							  : xasprintf("/%s", from.v[i]));
	sv_free(&from);

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
		const char *fds = fm_str(fm_get(fm, "date"));
		char *written = NULL;
		struct date check;
		bool from_fm = fds && S_read_date(&check, fds, &written) == 0 &&
			       date_cmp(&check, &p->date) == 0 && check.tz_minutes == p->date.tz_minutes;
		tz_localize(&p->date, zone, from_fm && date_written_with_zone(written, &p->date));
		free(written);
		const char *lm = fm_str(fm_get(fm, "updated"));
		if (!lm)
			lm = fm_str(fm_get(fm, "last_modified_at"));
		if (lm && p->updated.valid)
			tz_localize(&p->updated, zone, date_written_with_zone(lm, &p->updated));
	}

	/* Jekyll's `future: false` (its default) leaves out posts dated after
	 * the build. */
	bool future = false;
	fm_bool(fm_get(site->config, "future"), &future);
	if (!future && p->date.valid && date_epoch(&p->date) > (int64_t)time(NULL)) {
		free(name);
		free(file_slug);
		sv_free(&dirs);
		return false;
	}
	enum S_kind kind = S_kind_of(site->state, base);

	struct S_urlvars v = {&p->date, p->slug ? p->slug : file_slug, name, &p->categories,
			      kind == S_MARKDOWN ? ".html" : strrchr(base, '.'), relsrc};
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
	/* Only a post the book holds is said to be shown preformatted. */
	if (!site->collect.keep_body || site->collect.keep_body(p, site->collect.keep_body_data))
		S_convertible_body(p, kind, dl);
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
		bool post = !draft && S_parse_name(path_basename(rel), true, NULL, NULL) &&
			    S_is_text_post(w, relpath);
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

/* ---- Liquid variables ---- */

/* A Liquid value as template_value gives it: a scalar as written (nil
 * as nothing), a list's items each followed by U+001F (site.h); NULL for
 * a mapping (Ruby's inspect of a Hash is no text of the post's). */
static char *S_liquid_text(const struct fm_node *n)
{
	if (!n)
		return xstrdup("");
	if (n->kind == FM_SCALAR) {
		const char *v = fm_str(n);
		return xstrdup(v ? v : "");
	}
	if (n->kind == FM_MAP)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n->n; i++) {
		char *item = S_liquid_text(n->items[i]);
		if (!item) {
			sb_release(&sb);
			return NULL;
		}
		sb_adds(&sb, item);
		sb_addc(&sb, '\x1F');
		free(item);
	}
	return sb_detach(&sb);
}

/* The value at a dotted path (`a.b.c`) below n, or NULL. */
static const struct fm_node *S_dotted(const struct fm_node *n, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	for (char *k = strtok_r(copy, ".", &save); k && n; k = strtok_r(NULL, ".", &save))
		n = fm_get(n, k);
	free(copy);
	return n;
}

/* Ruby's Time#to_s, which Liquid prints: `2021-03-04 00:00:00 +0000`. */
static char *S_time_text(const struct date *d)
{
	if (!d->valid)
		return xstrdup("");
	int off = d->tz_minutes < 0 ? -d->tz_minutes : d->tz_minutes;
	return xasprintf("%04d-%02d-%02d %02d:%02d:%02d %c%02d%02d", d->year, d->month, d->day, d->hour,
			 d->minute, d->second, d->tz_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

/* A field of the post's `page`: what Jekyll's DocumentDrop gives, else
 * the front matter's (then defaults') key. */
static char *S_page_value(const struct site *site, const struct post *p, const char *key)
{
	static const char *const unknown[] = {"content", "output", "next", "previous", "related_posts"};
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++)
		if (strcmp(key, unknown[i]) == 0)
			return NULL; /* rendered text, or other posts: not known here */
	const char *relsrc = S_in_source(site, p->relpath);
	if (!relsrc)
		return NULL;
	char *slug = NULL;
	S_parse_name(path_basename(relsrc), false, NULL, &slug);
	struct fm_node *fm = NULL;
	S_front_matter(site, p->relpath, &fm);
	const char *fm_slug = fm_str(fm_get(fm, "slug"));
	char *val = NULL;
	if (strcmp(key, "title") == 0) {
		val = xstrdup(p->title ? p->title : "");
	} else if (strcmp(key, "url") == 0) {
		val = xstrdup(p->url ? p->url : "");
	} else if (strcmp(key, "date") == 0) {
		val = S_time_text(&p->date);
	} else if (strcmp(key, "slug") == 0) {
		val = xstrdup(fm_slug ? fm_slug : slug ? slug : "");
	} else if (strcmp(key, "id") == 0) {
		/* Document#id: the URL's folder and the slug. */
		char *url = xstrdup(p->url ? p->url : "/");
		size_t n = strlen(url);
		while (n > 1 && url[n - 1] == '/')
			url[--n] = '\0';
		char *slash = strrchr(url, '/');
		if (slash)
			slash[slash == url ? 1 : 0] = '\0';
		val = xasprintf("%s%s%s", url, strcmp(url, "/") == 0 ? "" : "/", fm_slug ? fm_slug : slug ? slug : "");
		free(url);
	} else if (strcmp(key, "categories") == 0) {
		val = S_liquid_list(&p->categories);
	} else if (strcmp(key, "tags") == 0) {
		val = S_liquid_list(&p->tags);
	} else if (strcmp(key, "path") == 0 || strcmp(key, "relative_path") == 0) {
		val = xstrdup(relsrc);
	} else if (strcmp(key, "collection") == 0) {
		val = xstrdup("posts");
	} else if (strcmp(key, "draft") == 0) {
		val = xstrdup(p->draft ? "true" : "false");
	} else if (strcmp(key, "excerpt") == 0) {
		/* Only an excerpt written in front matter is text before rendering. */
		const char *ex = fm_str(fm_get(fm, "excerpt"));
		val = ex ? xstrdup(ex) : NULL;
	} else {
		char *first = xstrdup(key), *dot = strchr(first, '.');
		if (dot)
			*dot = '\0';
		const struct fm_node *n = S_value(site, fm, relsrc, first);
		val = S_liquid_text(dot ? S_dotted(n, dot + 1) : n);
		free(first);
	}
	fm_node_free(fm);
	free(slug);
	return val;
}

/* `site.x`: any value of _config.yml (nothing for a key it lacks), except
 * what Jekyll computes from the whole site. */
static char *S_site_value(const struct site *site, const char *key)
{
	static const char *const computed[] = {"time", "posts", "pages", "data", "categories", "tags",
					       "static_files", "html_pages", "html_files", "collections",
					       "documents", "related_posts"};
	char *first = xstrdup(key), *dot = strchr(first, '.');
	if (dot)
		*dot = '\0';
	bool known = true;
	for (size_t i = 0; i < sizeof computed / sizeof *computed; i++)
		known &= strcmp(first, computed[i]) != 0;
	free(first);
	if (!known)
		return NULL;
	if (strcmp(key, "baseurl") == 0)
		return xstrdup(site->baseurl ? site->baseurl : "");
	return S_liquid_text(S_dotted(site->config, key));
}

static char *S_template_value(const struct site *site, const struct post *p, const char *name)
{
	if (str_starts_with(name, "site."))
		return S_site_value(site, name + 5);
	if (str_starts_with(name, "page.") && p)
		return S_page_value(site, p, name + 5);
	/* The live site is built for production (JEKYLL_ENV=production, as
	 * GitHub Pages and Jekyll's deployment guide build it), and a book is
	 * made of the live site: `{% if jekyll.environment == "production" %}`
	 * shows what its readers saw. */
	if (strcmp(name, "jekyll.environment") == 0)
		return xstrdup("production");
	return NULL;
}

/* :emoji: shortcodes are jemoji's: without the plugin they are text. */
static struct site_data *S_site_data(const struct site *site)
{
	struct site_data *sd = site_data_new(site);
	const struct S_walk *w = site->state;
	sd->emoji = w && w->jemoji;
	return sd;
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
	.dialects = DIALECTS(&dialect_liquid, &dialect_kramdown, &dialect_site_emoji, &dialect_math),
	.site_data = S_site_data,
	.cover_keys = S_cover_keys,
	.config_cover_keys = S_config_cover_keys,
	.free_state = S_free_state,
	.page_forms = S_page_forms,
	.ref_targets = site_ref_targets_usual, /* link: a path; post_url: a post by name */
	.image_folders = S_image_folders,
	.template_value = S_template_value,
	.yaml_quiet_duplicates = true,
};
