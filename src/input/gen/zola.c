/* Zola: a folder with config.toml holding `base_url`. Posts are the pages
 * under content/: every .md file but sections (`_index.md`), bundle
 * folders (`slug/index.md`, images beside it) included. Front matter is
 * TOML between `+++` lines. A page's date comes from its `date`, else a
 * `YYYY-MM-DD-` / `YYYY-MM-DD_` file-name prefix, else a YYYY/MM/DD in
 * its `path`; its URL is base_url + `path` when set, else the section's
 * folders + the slug (front matter `slug`, else the file or bundle name
 * without a date prefix, slugified as config `slugify.paths` says). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "base/slug.h"
#include "base/url.h"
#include "convert/dialect.h"
#include "input/site.h"
#include "input/sitedata.h"

#define S_CONFIG "config.toml"
#define S_CONTENT "content"

/* A line `base_url = …` at the start of a line, for a config.toml that
 * does not parse (configure then reports why). */
static bool S_mentions_base_url(const char *text)
{
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (str_starts_with(p, "base_url")) {
			p += 8;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '=')
				return true;
		}
	}
	return false;
}

static bool S_detect(const char *root)
{
	char *path = path_join(root, S_CONFIG);
	char *text = NULL;
	size_t len = 0;
	bool found = false;
	if (path_is_file(path) && read_file(path, &text, &len) == 0) {
		struct diag_list quiet = DIAG_LIST_INIT;
		struct fm_node *cfg = NULL;
		if (fm_parse_toml(&cfg, text, len, path, 1, &quiet) == 0)
			found = fm_get(cfg, "base_url") != NULL;
		else
			found = S_mentions_base_url(text);
		fm_node_free(cfg);
		diag_list_free(&quiet);
	}
	free(text);
	free(path);
	return found;
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	int ret = -1;
	char *text = NULL;
	size_t len = 0;
	char *cfgpath = path_join(site->root, S_CONFIG);
	site->config_file = xstrdup(S_CONFIG);
	int rc = read_file(cfgpath, &text, &len);
	if (rc < 0) {
		diag_error(dl, cfgpath, 0, 0, "cannot read: %s", strerror(-rc));
		goto out;
	}
	if (fm_parse_toml(&site->config, text, len, cfgpath, 1, dl) < 0)
		goto out;
	const struct fm_node *cfg = site->config;
	site->title = str_dup_nonempty(fm_str(fm_get(cfg, "title")));
	site->description = str_dup_nonempty(fm_str(fm_get(cfg, "description")));
	site->author = str_dup_nonempty(fm_str(fm_get(cfg, "author")));
	site->language = str_dup_nonempty(fm_str(fm_get(cfg, "default_language")));
	/* `base_url = "/"` or a bare host is for local previews: only a full
	 * URL makes live links. */
	const char *base = fm_str(fm_get(cfg, "base_url"));
	if (base && url_is_http(base))
		site->url = xstrdup(base);
	site->content_dir = xstrdup(S_CONTENT);
	site->posts_dir = xstrdup(S_CONTENT);
	site->static_dir = xstrdup("static");

	char *content = path_join(site->root, S_CONTENT);
	bool have = path_is_dir(content);
	free(content);
	if (!have) {
		diag_error(dl, cfgpath, 0, 0, "the site has no '%s' folder", S_CONTENT);
		goto out;
	}
	ret = 0;
out:
	free(text);
	free(cfgpath);
	return ret;
}

/* A file name stripped of ".md" and of a language suffix (`post.fr.md`)
 * when the config lists that language; *lang gets the language or NULL. */
static char *S_stem(const struct site *site, const char *name, const char **lang)
{
	size_t n = strlen(name);
	char *stem = xstrndup(name, str_ends_with(name, ".md") ? n - 3 : n);
	*lang = NULL;
	char *dot = strrchr(stem, '.');
	const struct fm_node *langs = fm_get(site->config, "languages");
	if (dot && langs && langs->kind == FM_MAP) {
		for (size_t i = 0; i < langs->n; i++) {
			if (strcmp(langs->keys[i], dot + 1) == 0) {
				*lang = langs->keys[i];
				*dot = '\0';
				break;
			}
		}
		const char *def = fm_str(fm_get(site->config, "default_language"));
		if (*lang && def && strcmp(*lang, def) == 0)
			*lang = NULL;
	}
	return stem;
}

/* True when the page file is a bundle's `index.md` (or `index.LANG.md`). */
static bool S_is_bundle(const struct site *site, const char *relpath)
{
	const char *lang;
	char *stem = S_stem(site, path_basename(relpath), &lang);
	bool bundle = strcmp(stem, "index") == 0;
	free(stem);
	return bundle;
}

static bool S_ignored(const struct site *site, const char *in_content)
{
	const struct fm_node *globs = fm_get(site->config, "ignored_content");
	for (size_t i = 0; globs && globs->kind == FM_LIST && i < globs->n; i++) {
		const char *g = fm_str(globs->items[i]);
		if (g && (fnmatch(g, in_content, 0) == 0 || fnmatch(g, path_basename(in_content), 0) == 0))
			return true;
	}
	return false;
}

/* The files it reads as posts. */
static const char *const S_post_exts[] = {".md", NULL};

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	struct strvec all = STRVEC_INIT;
	(void)dl;
	site_walk_report(site->root, site->content_dir, S_post_exts, &all, dl);
	for (size_t i = 0; i < all.n; i++) {
		const char *name = path_basename(all.v[i]);
		const char *in_content = path_under(all.v[i], site->content_dir);
		/* _index.md (and _index.fr.md) is a section, not a page. */
		if (str_starts_with(name, "_index.") || (in_content && S_ignored(site, in_content)))
			continue;
		sv_push(files, all.v[i]);
	}
	sv_free(&all);
	return 0;
}

/* The length of a Zola date prefix of a file name (`2024-05-01-`,
 * `2024-05-01_`, or an RFC 3339 date-time, optionally one blank before
 * the separator), the date in *d; 0 when there is none. */
static size_t S_date_prefix(const char *name, struct date *d)
{
	for (int i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? name[i] != '-' : !isdigit((unsigned char)name[i]))
			return 0;
	size_t end = 10;
	if (name[end] == 'T') {
		/* Thh:mm:ss[.frac](Z|±hh:mm) */
		const char *t = name + end + 1;
		static const char shape[] = "dd:dd:dd";
		for (int i = 0; i < 8; i++)
			if (shape[i] == 'd' ? !isdigit((unsigned char)t[i]) : t[i] != ':')
				return 0;
		t += 8;
		if (*t == '.') {
			t++;
			if (!isdigit((unsigned char)*t))
				return 0;
			while (isdigit((unsigned char)*t))
				t++;
		}
		if (*t == 'Z') {
			t++;
		} else if ((*t == '+' || *t == '-') && isdigit((unsigned char)t[1]) &&
			   isdigit((unsigned char)t[2]) && t[3] == ':' && isdigit((unsigned char)t[4]) &&
			   isdigit((unsigned char)t[5])) {
			t += 6;
		} else {
			return 0;
		}
		end = (size_t)(t - name);
	}
	size_t i = end;
	if (isspace((unsigned char)name[i]))
		i++;
	if ((name[i] != '-' && name[i] != '_') || !name[i + 1])
		return 0;
	char *text = xstrndup(name, end);
	int rc = date_parse(d, text);
	free(text);
	return rc == 0 ? i + 1 : 0;
}

/* A date in a `path` field: three segments YYYY/MM/DD in a row. */
static bool S_path_date(const char *path, struct date *d)
{
	for (const char *p = path; *p; p++) {
		if (p != path && p[-1] != '/')
			continue;
		int y, m, dd, n = 0;
		if (sscanf(p, "%4d/%2d/%2d%n", &y, &m, &dd, &n) == 3 && n >= 8 &&
		    isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[3]) &&
		    (p[n] == '/' || p[n] == '\0')) {
			char buf[16];
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
			if (date_parse(d, buf) == 0)
				return true;
		}
	}
	return false;
}

/* Zola's slugify.paths: "on" (the default: the text transliterated to
 * ASCII, letters and digits in lower case, every other run a hyphen),
 * "safe" (only characters a path cannot hold removed) or "off". */
static char *S_slugify(const struct site *site, const char *s)
{
	const char *how = fm_str(fm_get_path(site->config, "slugify", "paths", NULL));
	if (how && strcmp(how, "off") == 0)
		return xstrdup(s);
	struct strbuf sb = STRBUF_INIT;
	if (how && strcmp(how, "safe") == 0) {
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
			n--;
		for (size_t i = 0; i < n; i++)
			if (!strchr("<>:\"/\\|?*", s[i]))
				sb_addc(&sb, s[i]);
		return sb_detach(&sb);
	}
	bool dash = false;
	for (size_t at = 0, left = strlen(s); left;) {
		unsigned cp;
		char ascii[4];
		size_t k = slug_read(s + at, left, &cp, ascii);
		/* Latin letters lose their accents as Zola's transliteration
		 * has them; other scripts, which it spells out in Latin letters
		 * from tables sheaf does not carry, are kept. */
		const char *piece = *ascii ? ascii : s + at;
		size_t pl = *ascii ? strlen(ascii) : k;
		for (size_t i = 0; i < pl; i++) {
			unsigned char c = (unsigned char)piece[i];
			if (isalnum(c) || c >= 0x80) {
				if (dash && sb.len)
					sb_addc(&sb, '-');
				dash = false;
				sb_addc(&sb, (char)(c < 0x80 ? tolower(c) : c));
			} else {
				dash = true;
			}
		}
		at += k;
		left -= k;
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* The page's path on the site, "/…/" (Zola's page.path), from its file
 * and front matter (fm may be NULL). */
static char *S_page_path(const struct site *site, const char *relpath, const struct fm_node *fm)
{
	const char *path = fm_str(fm_get(fm, "path"));
	if (path) {
		while (*path == ' ' || *path == '\t' || *path == '/')
			path++;
		char *trimmed = str_collapse_ws(path);
		char *out = xasprintf("/%s%s", trimmed, *trimmed && !str_ends_with(trimmed, "/") ? "/" : "");
		free(trimmed);
		return out;
	}
	const char *in_content = path_under(relpath, site->content_dir);
	if (!in_content)
		in_content = relpath;
	const char *lang;
	char *stem = S_stem(site, path_basename(in_content), &lang);
	char *dir = path_dirname(in_content);
	char *name;
	if (strcmp(stem, "index") == 0) {
		/* A bundle: the page is named after its folder. */
		name = xstrdup(strcmp(dir, ".") == 0 ? "" : path_basename(dir));
		char *parent = path_dirname(dir);
		free(dir);
		dir = parent;
	} else {
		name = xstrdup(stem);
	}
	struct date d;
	bool keep_dates = false;
	fm_bool(fm_get_path(site->config, "slugify", "paths_keep_dates", NULL), &keep_dates);
	size_t skip = keep_dates ? 0 : S_date_prefix(name, &d);
	const char *slug_src = fm_str(fm_get(fm, "slug"));
	char *slug = *name || slug_src ? S_slugify(site, slug_src ? slug_src : name + skip) : xstrdup("");
	struct strbuf sb = STRBUF_INIT;
	if (lang)
		sb_addf(&sb, "/%s", lang);
	if (strcmp(dir, ".") != 0 && strcmp(dir, "") != 0)
		sb_addf(&sb, "/%s", dir);
	if (*slug)
		sb_addf(&sb, "/%s", slug);
	sb_addc(&sb, '/');
	free(slug);
	free(name);
	free(dir);
	free(stem);
	return sb_detach(&sb);
}

static char *S_url(const struct site *site, const char *path)
{
	size_t n = strlen(site->url);
	while (n && site->url[n - 1] == '/')
		n--;
	return xasprintf("%.*s%s", (int)n, site->url, path);
}

static void S_push_taxonomy(struct strvec *sv, const struct fm_node *node)
{
	struct strvec vals = STRVEC_INIT;
	fm_strings(node, &vals);
	for (size_t i = 0; i < vals.n; i++)
		sv_push_unique_ci(sv, vals.v[i]);
	sv_free(&vals);
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format;
	/* A page with `render = false` is written nowhere: no post. */
	bool render = true;
	if (fm_bool(fm_get(fm, "render"), &render) && !render)
		return false;
	const struct fm_node *tax = fm_get(fm, "taxonomies");
	S_push_taxonomy(&p->tags, fm_get(tax, "tags"));
	S_push_taxonomy(&p->categories, fm_get(tax, "categories"));
	S_push_taxonomy(&p->series, fm_get(tax, "series"));
	if (!p->authors.n)
		S_push_taxonomy(&p->authors, fm_get(tax, "authors"));
	fm_strings(fm_get(fm, "aliases"), &p->aliases);

	const struct fm_node *weight = fm_get(fm, "weight");
	const char *w = fm_str(weight);
	if (w) {
		char *end;
		long v = strtol(w, &end, 10);
		if (*end || end == w || v < -1000000000L || v > 1000000000L)
			diag_warning(dl, p->path, weight->line, weight->col,
				     "'weight' is not a whole number: '%s'; ignored", w);
		else
			p->weight = (int)v;
	}

	char *page_path = S_page_path(site, p->relpath, fm);
	if (fm_str(fm_get(fm, "path")))
		p->url = xstrdup(page_path);
	if (site->url)
		p->live_url = S_url(site, page_path);
	free(page_path);

	if (!p->date.valid) {
		/* The file (or bundle folder) name's date prefix, else the path's. */
		const char *name = path_basename(p->relpath);
		char *dir = NULL;
		if (S_is_bundle(site, p->relpath)) {
			dir = path_dirname(p->relpath);
			name = path_basename(dir);
		}
		struct date d;
		if (S_date_prefix(name, &d))
			p->date = d;
		else if (fm_str(fm_get(fm, "path")) && S_path_date(fm_str(fm_get(fm, "path")), &d))
			p->date = d;
		free(dir);
	}
	return true;
}

/* Site files: pages by their page path, sections by their folder, a
 * bundle's files beside its page, static/ at the root. */
static char *S_page_url(const struct site *site, const char *relpath)
{
	const char *in_static = path_under(relpath, site->static_dir);
	if (in_static)
		return xasprintf("%s%s%s", site->url, str_ends_with(site->url, "/") ? "" : "/", in_static);
	const char *in_content = path_under(relpath, site->content_dir);
	if (!in_content)
		return NULL;
	const char *name = path_basename(in_content);
	char *dir = path_dirname(in_content);
	char *url = NULL;
	if (str_ends_with(name, ".md") && str_starts_with(name, "_index.")) {
		char *path = strcmp(dir, ".") == 0 ? xstrdup("/") : xasprintf("/%s/", dir);
		url = S_url(site, path);
		free(path);
	} else if (str_ends_with(name, ".md")) {
		struct diag_list quiet = DIAG_LIST_INIT;
		struct post *p = NULL;
		if (site_read_post(&p, site, relpath, &quiet) == 0 && p->live_url)
			url = xstrdup(p->live_url);
		else {
			char *path = S_page_path(site, relpath, NULL);
			url = S_url(site, path);
			free(path);
		}
		post_free(p);
		diag_list_free(&quiet);
	} else {
		/* An asset: beside its bundle's page, else at its folder's path. */
		char *index = path_join(site->root, site->content_dir);
		char *bundle_rel = strcmp(dir, ".") == 0 ? xstrdup("index.md") : path_join(dir, "index.md");
		char *bundle_abs = path_join(index, bundle_rel);
		if (strcmp(dir, ".") != 0 && path_is_file(bundle_abs)) {
			char *page_rel = path_join(site->content_dir, bundle_rel);
			char *page = S_page_url(site, page_rel);
			url = xasprintf("%s%s", page, name);
			free(page);
			free(page_rel);
		} else {
			char *path = xasprintf("/%s", in_content);
			url = S_url(site, path);
			free(path);
		}
		free(bundle_abs);
		free(bundle_rel);
		free(index);
	}
	free(dir);
	return url;
}

/* Themes' `cover_image`/`image`; the site-wide one under `extra`. */
static const char *const S_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};
static const char *const S_config_cover_keys[] = {"cover_image", "image", "images", "cover.image",
	"extra.cover_image", "extra.image", "extra.images", "extra.cover.image", NULL};

/* ---- References ---- */

/* `@/path` names a file under content/, in a Markdown link as in a
 * shortcode's argument. */
static void S_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			  const char *ref, bool link, struct strvec *out)
{
	bool internal = str_starts_with(ref, "@/");
	if (link) {
		if (!internal)
			return;
		char *rest = xstrndup(ref + 2, strcspn(ref + 2, "?#"));
		char *dec = url_decode(rest);
		sv_push_owned(out, path_join(site->content_dir, dec));
		free(dec);
		free(rest);
		return;
	}
	if (internal)
		ref += 2;
	site_ref_paths(site, from, ref, out);
	site_ref_by_name(posts, ref, out);
}

/* ---- What the dialect passes read of the site (issue 12) ---- */

/* `[markdown] render_emoji`, and the shortcode templates Zola looks up:
 * templates/shortcodes/ (NAME.html, or NAME.md whose output is Markdown),
 * then the theme's. */
static struct site_data *S_site_data(const struct site *site)
{
	static const char *const exts[] = {".html", ".md", NULL};
	struct site_data *sd = site_data_new(site);
	bool on = false;
	sd->emoji = fm_bool(fm_get_path(site->config, "markdown", "render_emoji", NULL), &on) && on;
	site_data_add_templates(sd, "templates/shortcodes", exts);
	const char *theme = fm_str(fm_get(site->config, "theme"));
	if (theme && *theme && !strstr(theme, "..") && !strchr(theme, '/')) {
		char *dir = xasprintf("themes/%s/templates/shortcodes", theme);
		site_data_add_templates(sd, dir, exts);
		free(dir);
	}
	return sd;
}

const struct site_generator site_zola = {
	.name = "zola",
	.detect = S_detect,
	.configure = S_configure,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.page_url = S_page_url,
	.dialects = DIALECTS(&dialect_zola, &dialect_site_emoji, &dialect_math, &dialect_heading_ids),
	.cover_keys = S_cover_keys,
	.config_cover_keys = S_config_cover_keys,
	.post_exts = S_post_exts,
	.ref_targets = S_ref_targets,
	.site_data = S_site_data,
};
