/* Hugo: the configuration is hugo.{toml,yaml,json} or config.{toml,yaml,json}
 * at the root, merged with config/_default/ and config/production/ (keys
 * are case-insensitive, as in Hugo); posts are the pages of the content
 * sections, single Markdown files or leaf bundles (`slug/index.md` with its
 * resources beside it). A post's live URL follows Hugo's rules: front
 * matter `url`, else the section's `permalinks` pattern, else the path of
 * the file under contentDir with `slug` as its last part. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/tz.h"
#include "base/url.h"
#include "base/utf8.h"
#include "convert/dialect.h"
#include "convert/markdown.h"
#include "input/site.h"
#include "input/sitedata.h"

static const char *const S_page_exts[] = {".md", ".markdown", ".mdown", NULL};
static const char *const S_cfg_exts[] = {".toml", ".yaml", ".yml", ".json", NULL};
/* Root configuration files in the order Hugo looks for them. */
static const char *const S_cfg_names[] = {"hugo.toml",   "hugo.yaml",   "hugo.yml",   "hugo.json",
					  "config.toml", "config.yaml", "config.yml", "config.json"};
#define S_NCFG (sizeof S_cfg_names / sizeof *S_cfg_names)

/* ---- small helpers ---- */

static bool S_has_ext(const char *name, const char *const *exts)
{
	for (; *exts; exts++)
		if (str_ends_with(name, *exts) && strlen(name) > strlen(*exts))
			return true;
	return false;
}

/* name without its extension (the last dot), malloc'd. */
static char *S_strip_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	return xstrndup(name, dot && dot != name ? (size_t)(dot - name) : strlen(name));
}

static char *S_lower(const char *s)
{
	char *out = xstrdup(s);
	for (char *c = out; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return out;
}

/* A mapping's value for key, keys compared case-insensitively (Hugo reads
 * front matter and configuration keys so). */
static const struct fm_node *S_get(const struct fm_node *map, const char *key)
{
	if (!map || map->kind != FM_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i] && str_casecmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

/* True when a node holds something: a non-empty string, list or mapping. */
static bool S_has_value(const struct fm_node *n)
{
	if (!n)
		return false;
	if (n->kind == FM_SCALAR) {
		const char *s = fm_str(n);
		return s && *s;
	}
	return n->n > 0;
}

/* A string, or the first string of a list. */
static const char *S_first_str(const struct fm_node *n)
{
	if (n && n->kind == FM_LIST)
		for (size_t i = 0; i < n->n; i++)
			if (S_has_value(n->items[i]) && n->items[i]->kind == FM_SCALAR)
				return fm_str(n->items[i]);
	const char *s = fm_str(n);
	return s && *s ? s : NULL;
}

/* A person's name: a string, a mapping with `name` (or `title`), or the
 * first of a list of either. */
static const char *S_person_name(const struct fm_node *n)
{
	if (!n)
		return NULL;
	if (n->kind == FM_LIST) {
		for (size_t i = 0; i < n->n; i++) {
			const char *s = n->items[i] && n->items[i]->kind != FM_LIST ? S_person_name(n->items[i]) : NULL;
			if (s)
				return s;
		}
		return NULL;
	}
	if (n->kind == FM_MAP) {
		const char *s = S_first_str(S_get(n, "name"));
		return s ? s : S_first_str(S_get(n, "title"));
	}
	return S_first_str(n);
}

static struct fm_node *S_node_new(enum fm_kind kind, int line, int col)
{
	struct fm_node *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = line;
	n->col = col;
	return n;
}

/* Sets map[key] = val, replacing an existing value; takes key and val. */
static void S_map_put(struct fm_node *map, char *key, struct fm_node *val)
{
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i], key) == 0) {
			fm_node_free(map->items[i]);
			map->items[i] = val;
			free(key);
			return;
		}
	}
	fm_node_push(map, key, val);
}

/* Lower-cases every key of a tree: Hugo's configuration keys are
 * case-insensitive (baseURL, baseurl). Depth is bounded by the parsers. */
static void S_lower_keys(struct fm_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == FM_MAP && n->keys && n->keys[i])
			for (char *k = n->keys[i]; *k; k++)
				*k = (char)tolower((unsigned char)*k);
		S_lower_keys(n->items[i]);
	}
}

/* Merges the mapping src into the mapping dst, consuming src: mappings
 * merge key by key, anything else replaces what dst had. */
static void S_merge(struct fm_node *dst, struct fm_node *src)
{
	for (size_t i = 0; i < src->n; i++) {
		char *key = src->keys[i];
		struct fm_node *val = src->items[i];
		src->keys[i] = NULL;
		src->items[i] = NULL;
		if (!val || !key) {
			free(key);
			fm_node_free(val);
			continue;
		}
		struct fm_node *have = (struct fm_node *)fm_get(dst, key);
		if (val->kind == FM_MAP) {
			if (have && have->kind == FM_MAP) {
				S_merge(have, val);
				free(key);
			} else {
				struct fm_node *m = S_node_new(FM_MAP, val->line, val->col);
				S_merge(m, val);
				S_map_put(dst, key, m);
			}
		} else {
			S_map_put(dst, key, val);
		}
	}
	src->n = 0;
	fm_node_free(src);
}

/* ---- finding and reading the configuration ---- */

/* Zola's config.toml sets `base_url` among its top-level keys (Hugo's
 * spelling is baseURL): such a file is not Hugo's. */
static bool S_is_zola_toml(const char *path)
{
	char *text;
	size_t len;
	if (read_file(path, &text, &len) < 0)
		return false;
	bool zola = false;
	for (const char *line = text; line && *line;) {
		const char *s = line;
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (*s == '[')
			break; /* top-level keys come before the first table */
		if (str_starts_with(s, "base_url")) {
			const char *t = s + 8;
			while (*t == ' ' || *t == '\t')
				t++;
			if (*t == '=') {
				zola = true;
				break;
			}
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	free(text);
	return zola;
}

/* The root configuration file Hugo reads, or NULL. */
static const char *S_root_config(const char *root, bool allow_zola)
{
	for (size_t i = 0; i < S_NCFG; i++) {
		char *p = path_join(root, S_cfg_names[i]);
		bool ok = path_is_file(p) &&
			  (allow_zola || strcmp(S_cfg_names[i], "config.toml") != 0 || !S_is_zola_toml(p));
		free(p);
		if (ok)
			return S_cfg_names[i];
	}
	return NULL;
}

/* The main file of a configuration folder (config/_default/hugo.toml …). */
static char *S_dir_config(const char *root, const char *dir)
{
	for (size_t i = 0; i < S_NCFG; i++) {
		char *rel = path_join(dir, S_cfg_names[i]);
		char *p = path_join(root, rel);
		bool ok = path_is_file(p);
		free(p);
		if (ok)
			return rel;
		free(rel);
	}
	return NULL;
}

static bool S_detect(const char *root)
{
	const char *name = S_root_config(root, false);
	if (name && str_starts_with(name, "hugo."))
		return true;
	char *dir = S_dir_config(root, "config/_default");
	free(dir);
	if (dir)
		return true;
	if (!name)
		return false;
	/* config.yaml is a common name: also want a content folder or a key
	 * only Hugo has. */
	char *content = path_join(root, "content");
	bool ok = path_is_dir(content);
	free(content);
	if (!ok) {
		char *p = path_join(root, name), *text;
		size_t len;
		if (read_file(p, &text, &len) == 0) {
			char *low = S_lower(text);
			ok = strstr(low, "baseurl") || strstr(low, "contentdir");
			free(low);
			free(text);
		}
		free(p);
	}
	return ok;
}

/* Reads one configuration file (TOML, YAML or JSON by its extension). */
static int S_load(struct fm_node **out, const char *root, const char *rel, struct diag_list *dl)
{
	int ret = -1;
	char *path = path_join(root, rel), *text = NULL;
	size_t len = 0;
	*out = NULL;
	int rc = read_file(path, &text, &len);
	if (rc < 0) {
		diag_error(dl, path, 0, 0, "cannot read: %s", strerror(-rc));
		goto out;
	}
	if (str_ends_with(rel, ".toml"))
		rc = fm_parse_toml(out, text, len, path, 1, dl);
	else if (str_ends_with(rel, ".json"))
		rc = fm_parse_json(out, text, len, path, 1, dl);
	else
		rc = fm_parse_yaml(out, text, len, path, 1, DIAG_WARNING, dl);
	if (rc < 0)
		goto out;
	if (*out && (*out)->kind != FM_MAP) {
		diag_error(dl, path, (*out)->line, (*out)->col,
			   "a Hugo configuration file must be a mapping of settings");
		fm_node_free(*out);
		*out = NULL;
		goto out;
	}
	S_lower_keys(*out);
	ret = 0;
out:
	free(text);
	free(path);
	return ret;
}

/* Merges a configuration folder: hugo.* / config.* at the top, every
 * other `key.ext` (params.toml, languages.yaml …) under its key. */
static int S_load_dir(struct fm_node *cfg, const char *root, const char *dir, char **first,
		      struct diag_list *dl)
{
	int ret = 0;
	char *abs = path_join(root, dir);
	DIR *d = opendir(abs);
	free(abs);
	if (!d)
		return 0;
	struct strvec names = STRVEC_INIT;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && S_has_ext(e->d_name, S_cfg_exts))
			sv_push(&names, e->d_name);
	closedir(d);
	sv_sort(&names);
	/* The main file first, then the files of one key each. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < names.n; i++) {
			char *stem = S_strip_ext(names.v[i]);
			bool main_file = strcmp(stem, "hugo") == 0 || strcmp(stem, "config") == 0;
			char *rel = path_join(dir, names.v[i]);
			char *p = path_join(root, rel);
			struct fm_node *t = NULL;
			if ((pass == 0) != main_file || strchr(stem, '.') || !path_is_file(p)) {
				/* another pass's, or per-language (menus.en.toml): not read */
			} else if (S_load(&t, root, rel, dl) < 0) {
				ret = -1;
			} else if (t) {
				if (main_file) {
					if (!*first)
						*first = xstrdup(rel);
					S_merge(cfg, t);
				} else {
					struct fm_node *wrap = S_node_new(FM_MAP, 1, 1);
					S_map_put(wrap, S_lower(stem), t);
					S_merge(cfg, wrap);
				}
			}
			free(p);
			free(rel);
			free(stem);
		}
	}
	sv_free(&names);
	return ret;
}

/* ---- languages ---- */

static const char *S_default_lang(const struct fm_node *cfg)
{
	const char *l = fm_str(fm_get(cfg, "defaultcontentlanguage"));
	if (l && *l)
		return l;
	const struct fm_node *langs = fm_get(cfg, "languages");
	if (langs && langs->kind == FM_MAP && langs->n && !fm_get(langs, "en")) {
		/* The language of the lowest weight (Hugo's order), else the first. */
		size_t best = 0;
		long best_w = 0;
		bool have = false;
		for (size_t i = 0; i < langs->n; i++) {
			const char *w = fm_str(fm_get(langs->items[i], "weight"));
			if (w) {
				long v = strtol(w, NULL, 10);
				if (!have || v < best_w) {
					best = i;
					best_w = v;
					have = true;
				}
			}
		}
		return langs->keys[best];
	}
	return "en";
}

/* Two or more languages that are not disabled: URLs then carry a
 * language prefix. */
static bool S_multilingual(const struct fm_node *cfg)
{
	const struct fm_node *langs = fm_get(cfg, "languages");
	size_t n = 0;
	for (size_t i = 0; langs && langs->kind == FM_MAP && i < langs->n; i++) {
		bool disabled = false;
		fm_bool(fm_get(langs->items[i], "disabled"), &disabled);
		n += !disabled;
	}
	return n > 1;
}

/* What configure learned of the languages, for the other hooks (read-only
 * once posts are read). */
struct S_state {
	char *lang;         /* the book's language: a key of `languages`, or the default one */
	struct strvec keys; /* languages with a content folder of their own … */
	struct strvec dirs; /* … and that folder (normalized, relative to the root) */
	/* Section pages (list_posts reads them): the folder of each _index
	 * page in the book's language (in Hugo's content: "" its top,
	 * "posts"), and its front matter (for `cascade`,
	 * and the slug or title :sectionslug gives). */
	struct strvec sec_dirs;
	struct fm_node **sec_fm;
	/* The custom keys of the book language's block (`[languages.fr]
	 * tagline = …`), which Hugo reads as that language's params; NULL
	 * when none. */
	struct fm_node *lang_custom;
	/* The book's content mounts: each folder (relative to the root) and
	 * where it lies under Hugo's content ("" its top, "blog" for a
	 * target content/blog); the first is site->content_dir. */
	struct strvec msrc, mdst;
	bool *mown; /* the mount is the book language's own (its files need no .lang) */
};

static void S_free_state(void *state)
{
	struct S_state *st = state;
	if (!st)
		return;
	free(st->lang);
	sv_free(&st->keys);
	sv_free(&st->dirs);
	for (size_t i = 0; i < st->sec_dirs.n; i++)
		fm_node_free(st->sec_fm[i]);
	free(st->sec_fm);
	sv_free(&st->sec_dirs);
	fm_node_free(st->lang_custom);
	sv_free(&st->msrc);
	sv_free(&st->mdst);
	free(st->mown);
	free(st);
}

static const char *S_book_lang(const struct site *site)
{
	const struct S_state *st = site->state;
	return st && st->lang ? st->lang : S_default_lang(site->config);
}

/* A language's block under `languages`, or NULL. */
static const struct fm_node *S_lang_block(const struct fm_node *cfg, const char *lang)
{
	return lang ? S_get(fm_get(cfg, "languages"), lang) : NULL;
}

/* A setting as a language sees it: its own block's, else the site's
 * (Hugo lets a language override any root key: title, baseURL,
 * permalinks, frontmatter …). */
static const struct fm_node *S_setting(const struct site *site, const char *lang, const char *key)
{
	const struct fm_node *n = fm_get(S_lang_block(site->config, lang ? lang : S_book_lang(site)), key);
	return n ? n : fm_get(site->config, key);
}

/* The language key --language names: a key of `languages`, or the key
 * whose languageCode/locale it is, or the key of its primary subtag
 * (pt-BR → pt); NULL when none is, or the language is disabled. */
static const char *S_pick_lang(const struct fm_node *cfg, const char *want)
{
	const struct fm_node *langs = fm_get(cfg, "languages");
	if (!want || !langs || langs->kind != FM_MAP)
		return NULL;
	const char *found = NULL;
	char *primary = xstrndup(want, strcspn(want, "-_"));
	for (int pass = 0; pass < 3 && !found; pass++) {
		for (size_t i = 0; i < langs->n && !found; i++) {
			const char *key = langs->keys[i];
			const struct fm_node *b = langs->items[i];
			const char *code = S_first_str(fm_get(b, "languagecode"));
			const char *locale = S_first_str(fm_get(b, "locale"));
			if ((pass == 0 && str_casecmp(key, want) == 0) ||
			    (pass == 1 && ((code && str_casecmp(code, want) == 0) ||
					   (locale && str_casecmp(locale, want) == 0))) ||
			    (pass == 2 && str_casecmp(key, primary) == 0))
				found = key;
		}
	}
	free(primary);
	bool disabled = false;
	if (found)
		fm_bool(fm_get(S_get(langs, found), "disabled"), &disabled);
	return disabled ? NULL : found;
}

/* The content folder a language's pages are mounted from: its
 * `contentDir`, else a `module.mounts` entry with target `content` and
 * that `lang`; NULL when it shares the site's. */
static const char *S_lang_content_src(const struct fm_node *cfg, const char *key)
{
	const char *s = S_first_str(fm_get(S_lang_block(cfg, key), "contentdir"));
	if (s)
		return s;
	const struct fm_node *mounts = fm_get(fm_get(cfg, "module"), "mounts");
	for (size_t i = 0; mounts && mounts->kind == FM_LIST && i < mounts->n; i++) {
		const struct fm_node *m = mounts->items[i];
		const char *target = S_first_str(fm_get(m, "target"));
		const char *lang = S_first_str(fm_get(m, "lang"));
		const char *src = S_first_str(fm_get(m, "source"));
		if (src && target && lang && str_casecmp(lang, key) == 0 &&
		    strcmp(target, "content") == 0)
			return src;
	}
	return NULL;
}

static struct fm_node *S_clone(const struct fm_node *n);

/* The keys of a language's block that are settings (Hugo's language
 * options and the root settings a language may override), not params. */
static const char *const S_lang_settings[] = {
	"baseurl", "cascade", "contentdir", "copyright", "direction", "disabled", "disablepathtolower",
	"frontmatter", "label", "languagecode", "languagedirection", "languagename", "locale", "markup",
	"menu", "menus", "outputs", "paginate", "pagination", "params", "permalinks", "services",
	"staticdir", "taxonomies", "timezone", "title", "uglyurls", "weight", NULL};

/* The custom keys of a language's block, as a mapping, or NULL. */
static struct fm_node *S_lang_custom(const struct fm_node *block)
{
	struct fm_node *out = NULL;
	for (size_t i = 0; block && block->kind == FM_MAP && i < block->n; i++) {
		size_t k = 0;
		while (S_lang_settings[k] && str_casecmp(S_lang_settings[k], block->keys[i]) != 0)
			k++;
		if (S_lang_settings[k] || !block->keys[i])
			continue;
		if (!out)
			out = S_node_new(FM_MAP, block->line, block->col);
		S_map_put(out, xstrdup(block->keys[i]), S_clone(block->items[i]));
	}
	return out;
}

/* Builds the state: the book's language and every language's content
 * folder. When no language names one but contentDir holds a folder
 * named after the default language (content/en/, content/fr/ … as
 * Docsy's module mounts arrange them, the mounts often in a file of
 * their own), each language's pages are in its folder there. */
static struct S_state *S_languages(const struct site *site, const char *content)
{
	const struct fm_node *cfg = site->config;
	struct S_state *st = xcalloc(1, sizeof *st);
	const char *pick = S_pick_lang(cfg, site->want_language);
	st->lang = xstrdup(pick ? pick : S_default_lang(cfg));
	st->lang_custom = S_lang_custom(S_lang_block(cfg, st->lang));
	const struct fm_node *langs = fm_get(cfg, "languages");
	for (size_t i = 0; langs && langs->kind == FM_MAP && i < langs->n; i++) {
		const char *src = S_lang_content_src(cfg, langs->keys[i]);
		if (!src)
			continue;
		char *norm = path_normalize(src);
		sv_push(&st->keys, langs->keys[i]);
		sv_push_owned(&st->dirs, norm);
	}
	if (!st->keys.n && S_multilingual(cfg)) {
		char *def = path_join(content, S_default_lang(cfg));
		char *abs = path_join(site->root, def);
		bool layout = path_is_dir(abs);
		free(abs);
		free(def);
		for (size_t i = 0; layout && i < langs->n; i++) {
			char *dir = path_join(content, langs->keys[i]);
			char *norm = path_normalize(dir);
			sv_push(&st->keys, langs->keys[i]);
			sv_push_owned(&st->dirs, norm);
			free(dir);
		}
	}
	return st;
}

/* The content folder of a language with one of its own, or NULL. */
static const char *S_lang_dir(const struct site *site, const char *lang)
{
	const struct S_state *st = site->state;
	for (size_t i = 0; st && i < st->keys.n; i++)
		if (str_casecmp(st->keys.v[i], lang) == 0)
			return st->dirs.v[i];
	return NULL;
}

/* When the stem ends in `.xx` naming a configured language (post.fr),
 * returns that suffix (after the dot); else NULL. */
static const char *S_file_lang(const struct fm_node *cfg, const char *stem)
{
	const char *dot = strrchr(stem, '.');
	if (!dot || dot == stem)
		return NULL;
	return S_get(fm_get(cfg, "languages"), dot + 1) ? dot + 1 : NULL;
}

/* ---- configure ---- */

/* A folder setting (contentDir, staticDir) normalized; one leading out of
 * the site is ignored with a warning (site_config_path) for def, an
 * error only when def leaves it too. */
static int S_folder(char **out, const char *root, const struct fm_node *node, const char *def, const char *what,
		    const char *cfgpath, struct diag_list *dl)
{
	const char *s = S_first_str(node);
	if (s) {
		char *instead = xasprintf("the default %s/ is read", def);
		*out = site_config_path(root, ".", s, cfgpath, node->line, node->col, what, instead, dl);
		free(instead);
		if (*out)
			return 0;
	}
	char *norm = path_normalize(def);
	if (norm[0] == '/' || strcmp(norm, "..") == 0 || str_starts_with(norm, "../")) {
		diag_error(dl, cfgpath, node ? node->line : 0, node ? node->col : 0, "%s '%s' lies outside the site",
			   what, def);
		free(norm);
		return -1;
	}
	*out = norm;
	return 0;
}

/* baseURL as the site's URL (ending in '/'), or NULL when it is not a real
 * address: "/", a relative path, localhost or the example.org placeholder
 * that `hugo new site` writes. */
static char *S_base_url(const char *s)
{
	if (!s)
		return NULL;
	struct url_parts u;
	url_split(&u, s);
	if (!u.scheme.p || !u.authority.p)
		return NULL;
	char *h = xstrndup(u.host.p, u.host.n);
	for (char *c = h; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	const char *bare = str_starts_with(h, "www.") ? h + 4 : h;
	bool fake = !*bare || strcmp(bare, "example.org") == 0 || strcmp(bare, "example.com") == 0 ||
		    strcmp(bare, "example.net") == 0 || strcmp(bare, "localhost") == 0 ||
		    strcmp(bare, "127.0.0.1") == 0;
	free(h);
	if (fake)
		return NULL;
	return str_ends_with(s, "/") ? xstrdup(s) : xasprintf("%s/", s);
}

/* Author names of data/authors/<id>.{yaml,toml,json} and of the authors
 * taxonomy's term pages (content/authors/<id>/_index.md `title`), so that
 * `authors: [jdoe]` shows a name: collected into site->authors as
 * id → {name: …}. */
static void S_load_authors(struct site *site)
{
	struct diag_list quiet = DIAG_LIST_INIT;
	struct fm_node *map = S_node_new(FM_MAP, 1, 1);
	char *abs = path_join(site->root, "data/authors");
	DIR *d = opendir(abs);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !S_has_ext(e->d_name, S_cfg_exts))
			continue;
		char *rel = path_join("data/authors", e->d_name);
		struct fm_node *t = NULL;
		if (S_load(&t, site->root, rel, &quiet) == 0 && t) {
			const char *name = S_person_name(t);
			if (name) {
				struct fm_node *entry = S_node_new(FM_MAP, 1, 1);
				struct fm_node *v = S_node_new(FM_SCALAR, 1, 1);
				v->value = xstrdup(name);
				S_map_put(entry, xstrdup("name"), v);
				S_map_put(map, S_strip_ext(e->d_name), entry);
			}
		}
		fm_node_free(t);
		free(rel);
	}
	if (d)
		closedir(d);
	free(abs);
	char *terms = path_join(site->content_dir, "authors");
	abs = path_join(site->root, terms);
	d = opendir(abs);
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || fm_get(map, e->d_name))
			continue;
		char *rel = xasprintf("%s/%s/_index.md", terms, e->d_name);
		struct post *p = NULL;
		char *path = path_join(site->root, rel);
		if (path_is_file(path) && site_read_post(&p, site, rel, &quiet) == 0 && p->title) {
			struct fm_node *entry = S_node_new(FM_MAP, 1, 1);
			struct fm_node *v = S_node_new(FM_SCALAR, 1, 1);
			v->value = xstrdup(p->title);
			S_map_put(entry, xstrdup("name"), v);
			S_map_put(map, xstrdup(e->d_name), entry);
		}
		post_free(p);
		free(path);
		free(rel);
	}
	if (d)
		closedir(d);
	free(abs);
	free(terms);
	diag_list_free(&quiet);
	if (map->n)
		site->authors = map;
	else
		fm_node_free(map);
}

static void S_warn_git(const struct site *site, const char *cfgpath, struct diag_list *dl);
static bool S_glob_slice(const struct fm_node *n, const char *str);

/* A folder setting outside the site (../shared, /abs): its files are not
 * the site's, and never go into a book. */
static bool S_outside(const char *path)
{
	char *norm = path_normalize(path);
	bool out = norm[0] == '/' || strcmp(norm, "..") == 0 || str_starts_with(norm, "../");
	free(norm);
	return out;
}

/* The language a mount is for: `lang` (before Hugo 0.153) or
 * `sites.matrix.languages`; true when it takes lang (a mount naming none
 * takes every language). */
static bool S_mount_takes(const struct fm_node *m, const char *lang)
{
	const struct fm_node *l = fm_get(m, "lang");
	if (l && S_first_str(l) && *S_first_str(l))
		return str_casecmp(S_first_str(l), lang) == 0;
	l = S_get(S_get(S_get(m, "sites"), "matrix"), "languages");
	return !l || S_glob_slice(l, lang);
}

/* Calls fn for each `module.mounts` entry whose target is component
 * (content, static) or a folder in it, that takes lang (NULL: only those
 * for every language), with its source, the target's folder under the
 * component ("" its top) and whether it names its languages. A source outside the site is left out with a
 * warning: the rest of the site can still be read. */
static void S_mounts(const struct fm_node *cfg, const char *component, const char *lang, const char *cfgpath,
		     struct diag_list *dl, void (*fn)(void *arg, const char *src, const char *sub, bool named),
		     void *arg)
{
	const struct fm_node *mounts = fm_get(fm_get(cfg, "module"), "mounts");
	size_t cl = strlen(component);
	for (size_t i = 0; mounts && mounts->kind == FM_LIST && i < mounts->n; i++) {
		const struct fm_node *m = mounts->items[i];
		const char *t = S_first_str(fm_get(m, "target"));
		const char *src = S_first_str(fm_get(m, "source"));
		if (!t || !src || strncmp(t, component, cl) != 0 || (t[cl] && t[cl] != '/'))
			continue;
		bool any_lang = !fm_get(m, "lang") && !S_get(m, "sites");
		if (lang ? !S_mount_takes(m, lang) : !any_lang)
			continue;
		if (S_outside(src)) {
			diag_warning(dl, cfgpath, m->line, m->col,
				     "module.mounts: '%s' points outside the site; its files are left out", src);
			continue;
		}
		char *sub = path_normalize(t + cl + (t[cl] == '/'));
		fn(arg, src, strcmp(sub, ".") == 0 ? "" : sub, !any_lang);
		free(sub);
	}
}

/* S_mounts' callback: the first mount's source, for the site's own folder. */
static void S_first_mount(void *arg, const char *src, const char *sub, bool named)
{
	(void)named;
	const char **first = arg;
	if (!*first && !*sub)
		*first = src;
}

/* S_mounts' callback: the sources of the mounts of the whole static
 * folder, in order, each once. */
static void S_static_mount(void *arg, const char *src, const char *sub, bool named)
{
	(void)named;
	struct strvec *srcs = arg;
	if (*sub)
		return;
	char *norm = path_normalize(src);
	if (sv_contains_ci(srcs, norm))
		free(norm);
	else
		sv_push_owned(srcs, norm);
}

/* S_mounts' callback: a content mount of the book's language. */
static void S_add_mount(void *arg, const char *src, const char *sub, bool named)
{
	struct S_state *st = arg;
	char *norm = path_normalize(src);
	for (size_t i = 0; i < st->msrc.n; i++)
		if (strcmp(st->msrc.v[i], norm) == 0) {
			free(norm);
			return;
		}
	sv_push_owned(&st->msrc, norm);
	sv_push(&st->mdst, sub);
	st->mown = xrealloc(st->mown, st->msrc.n * sizeof *st->mown);
	st->mown[st->msrc.n - 1] = named;
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	int ret = -1;
	char *cfgpath = NULL;
	struct fm_node *cfg = S_node_new(FM_MAP, 1, 1);
	site->config = cfg;
	const char *name = S_root_config(site->root, true);
	int errors = 0;
	if (name) {
		struct fm_node *t = NULL;
		site->config_file = xstrdup(name);
		if (S_load(&t, site->root, name, dl) < 0)
			errors++;
		else if (t)
			S_merge(cfg, t);
	}
	char *first = NULL;
	if (S_load_dir(cfg, site->root, "config/_default", &first, dl) < 0)
		errors++;
	if (S_load_dir(cfg, site->root, "config/production", &first, dl) < 0)
		errors++;
	if (!site->config_file)
		site->config_file = first;
	else
		free(first);
	if (errors)
		goto out;
	if (!site->config_file) {
		diag_error(dl, site->root, 0, 0,
			   "no Hugo configuration here (hugo.toml, hugo.yaml, hugo.json, config.toml, "
			   "config.yaml, config.json or config/_default/)");
		goto out;
	}
	cfgpath = path_join(site->root, site->config_file);

	/* The content folder of the site, then of each language. */
	const struct fm_node *cdir = fm_get(cfg, "contentdir");
	char *root_content = NULL;
	const char *mounted = NULL;
	struct diag_list quiet = DIAG_LIST_INIT;
	S_mounts(cfg, "content", NULL, cfgpath, &quiet, S_first_mount, &mounted);
	diag_list_free(&quiet);
	if (S_folder(&root_content, site->root, cdir, mounted ? mounted : "content", "contentDir", cfgpath, dl) < 0)
		goto out;
	struct S_state *st = S_languages(site, root_content);
	site->state = st;
	/* A language's folder outside the site is left out with a warning
	 * (the language then reads the site's). */
	for (size_t i = 0; i < st->dirs.n;) {
		if (!S_outside(st->dirs.v[i])) {
			i++;
			continue;
		}
		diag_warning(dl, cfgpath, 0, 0,
			     "the content folder '%s' of language '%s' lies outside the site; it is left out",
			     st->dirs.v[i], st->keys.v[i]);
		free(st->dirs.v[i]);
		free(st->keys.v[i]);
		memmove(st->dirs.v + i, st->dirs.v + i + 1, (st->dirs.n - i - 1) * sizeof *st->dirs.v);
		memmove(st->keys.v + i, st->keys.v + i + 1, (st->keys.n - i - 1) * sizeof *st->keys.v);
		st->dirs.n--;
		st->keys.n--;
	}
	const char *own = S_lang_dir(site, st->lang);
	/* Every content mount of the book's language (files of a mount for
	 * every language are the default language's unless their name says
	 * otherwise), else the language's own contentDir, else the site's. */
	if (!fm_get(S_lang_block(cfg, st->lang), "contentdir"))
		S_mounts(cfg, "content", st->lang, cfgpath, dl, S_add_mount, st);
	if (!st->msrc.n)
		S_add_mount(st, own ? own : root_content, "", own != NULL);
	site->content_dir = xstrdup(st->msrc.v[0]);
	free(root_content);
	bool is_default = str_casecmp(st->lang, S_default_lang(cfg)) == 0;

	const struct fm_node *lang = S_lang_block(cfg, st->lang);
	const struct fm_node *params = fm_get(cfg, "params");
	const struct fm_node *lparams = fm_get(lang, "params");
	const char *s;

	s = S_first_str(fm_get(lang, "title"));
	site->title = str_dup_nonempty(s ? s : S_first_str(fm_get(cfg, "title")));
	s = S_first_str(fm_get(lang, "baseurl"));
	site->url = S_base_url(s ? s : S_first_str(fm_get(cfg, "baseurl")));
	if (site->url) {
		/* A base URL with a path (https://host/blog/): site paths start
		 * with it. */
		const char *path = url_path(site->url);
		if (path && strcmp(path, "/") != 0)
			site->baseurl = xstrndup(path, strlen(path) - 1);
	}
	s = S_first_str(fm_get(lang, "languagecode"));
	if (!s && is_default)
		s = S_first_str(fm_get(cfg, "languagecode"));
	if (!s)
		s = S_first_str(fm_get(lang, "locale"));
	if (!s && (fm_get(cfg, "defaultcontentlanguage") || fm_get(cfg, "languages")))
		s = st->lang;
	site->language = str_dup_nonempty(s);
	s = S_person_name(fm_get(lparams, "author"));
	if (!s)
		s = S_person_name(fm_get(lang, "author"));
	if (!s)
		s = S_person_name(fm_get(params, "author"));
	if (!s)
		s = S_person_name(fm_get(cfg, "author"));
	site->author = str_dup_nonempty(s);
	s = S_first_str(fm_get(lparams, "description"));
	if (!s)
		s = S_first_str(fm_get(lang, "description"));
	if (!s)
		s = S_first_str(fm_get(params, "description"));
	if (!s)
		s = S_first_str(fm_get(cfg, "description"));
	if (s)
		site->description = str_collapse_ws(s);
	s = S_first_str(fm_get(lang, "copyright"));
	site->copyright = str_dup_nonempty(s ? s : S_first_str(fm_get(cfg, "copyright")));

	const struct fm_node *sdir = fm_get(lang, "staticdir");
	if (!sdir)
		sdir = fm_get(cfg, "staticdir");
	/* Static files come from every static mount, else from staticDir (a
	 * folder or a list of them); the first is site->static_dir. */
	struct strvec statics = STRVEC_INIT;
	S_mounts(cfg, "static", st->lang, cfgpath, dl, S_static_mount, &statics);
	bool static_mounts = statics.n > 0;
	for (size_t i = 0; !static_mounts && sdir && sdir->kind == FM_LIST && i < sdir->n; i++) {
		const char *d = fm_str(sdir->items[i]);
		if (!d || !*d)
			continue;
		if (S_outside(d))
			diag_warning(dl, cfgpath, sdir->items[i]->line, sdir->items[i]->col,
				     "staticDir '%s' lies outside the site; its files are left out", d);
		else
			S_static_mount(&statics, d, "", false);
	}
	int folder = S_folder(&site->static_dir, site->root, statics.n ? NULL : sdir, statics.n ? statics.v[0] : "static",
			      "staticDir", cfgpath, dl);
	for (size_t i = 1; i < statics.n; i++)
		sv_push(&site->static_more, statics.v[i]);
	sv_free(&statics);
	if (folder < 0)
		goto out;
	site->posts_dir = xstrdup(site->content_dir);
	char *abs = path_join(site->root, site->content_dir);
	bool have = path_is_dir(abs);
	free(abs);
	if (!have) {
		const struct fm_node *at = fm_get(lang, "contentdir") ? fm_get(lang, "contentdir") : cdir;
		diag_error(dl, cfgpath, at ? at->line : 0, at ? at->col : 0,
			   "the content folder '%s' does not exist", site->content_dir);
		goto out;
	}
	S_warn_git(site, cfgpath, dl);
	S_load_authors(site);
	ret = 0;
out:
	free(cfgpath);
	return ret;
}

/* ---- listing the posts ---- */

struct S_walk {
	const struct site *site;
	struct strvec posts;      /* pages inside section folders */
	struct strvec root_pages; /* pages directly in contentDir */
	struct strvec skip;       /* other languages' content folders */
	struct diag_list *dl;     /* what is left out, and why */
};

/* The content mount relpath (a file or folder relative to the root)
 * lies in, the deepest; -1 when none. */
static int S_mount_of(const struct site *site, const char *relpath)
{
	const struct S_state *st = site->state;
	int best = -1;
	for (size_t i = 0; i < st->msrc.n; i++)
		if (path_under(relpath, st->msrc.v[i]) &&
		    (best < 0 || strlen(st->msrc.v[i]) > strlen(st->msrc.v[best])))
			best = (int)i;
	return best;
}

/* Where relpath (relative to the root) lies in Hugo's content: its
 * mount's target folder and its path in the mount ("posts/a.md",
 * "blog/a.md" for a mount on content/blog), malloc'd; NULL when it lies
 * in no content mount. */
static char *S_content_path(const struct site *site, const char *relpath)
{
	const struct S_state *st = site->state;
	int m = S_mount_of(site, relpath);
	if (m < 0)
		return NULL;
	const char *in = path_under(relpath, st->msrc.v[m]);
	char *j = path_join(st->mdst.v[m], in);
	char *out = path_normalize(j);
	free(j);
	if (strcmp(out, ".") == 0)
		out[0] = '\0';
	return out;
}

/* The page file (stem: its name without extension) in the folder dir is
 * in the book's language: its name says so (x.fr.md), or it says none
 * and its mount is that language's, or the book's language is the
 * default one. */
static bool S_own_lang(const struct site *site, const char *dir, const char *stem)
{
	const struct S_state *st = site->state;
	const char *l = S_file_lang(site->config, stem);
	if (l)
		return str_casecmp(l, st->lang) == 0;
	int m = S_mount_of(site, dir);
	return (m >= 0 && st->mown[m]) || str_casecmp(st->lang, S_default_lang(site->config)) == 0;
}

/* The stem of a page file without its language suffix, malloc'd. */
static char *S_page_stem(const struct site *site, const char *name)
{
	char *stem = S_strip_ext(name);
	if (S_file_lang(site->config, stem))
		*strrchr(stem, '.') = '\0';
	return stem;
}

/* A leaf bundle whose index says `headless: true` publishes no page. */
static bool S_headless(const struct site *site, const char *relpath, const struct fm_node *fm)
{
	bool headless = false;
	char *stem = S_page_stem(site, path_basename(relpath));
	if (strcmp(stem, "index") == 0)
		fm_bool(S_get(fm, "headless"), &headless);
	free(stem);
	return headless;
}

static void S_walk(struct S_walk *w, const char *dir, int depth)
{
	const struct site *site = w->site;
	char *abs = path_join(site->root, dir);
	struct strvec names = STRVEC_INIT;
	if (!site_list_dir(abs, &names)) {
		site_warn_unreadable_dir(abs, errno, w->dl);
		free(abs);
		return;
	}

	/* A folder (below contentDir) with an index page is a leaf bundle:
	 * one page, and everything else in it are its resources. */
	if (depth > 0) {
		bool bundle = false;
		const char *page = NULL;
		for (size_t i = 0; i < names.n; i++) {
			if (!S_has_ext(names.v[i], S_page_exts))
				continue;
			char *stem = S_page_stem(site, names.v[i]);
			char *full = path_join(abs, names.v[i]);
			if (strcmp(stem, "index") == 0 && path_is_file(full)) {
				bundle = true;
				char *own = S_strip_ext(names.v[i]);
				if (!page && S_own_lang(site, dir, own))
					page = names.v[i];
				free(own);
			}
			free(full);
			free(stem);
		}
		if (bundle) {
			if (page) {
				/* Whether it is headless, its front matter says:
				 * post_fields reads that, when it is read (once). */
				char *rel = path_join(dir, page);
				sv_push(depth == 1 ? &w->root_pages : &w->posts, rel);
				free(rel);
			}
			goto out;
		}
	}
	for (size_t i = 0; i < names.n; i++) {
		char *rel = strcmp(dir, ".") == 0 ? xstrdup(names.v[i]) : path_join(dir, names.v[i]);
		char *full = path_join(site->root, rel);
		struct stat st;
		if (lstat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				/* Symlinked folders are not followed (loops, escapes). */
				bool skip = false;
				for (size_t k = 0; k < w->skip.n && !skip; k++)
					skip = strcmp(w->skip.v[k], rel) == 0;
				if (!skip)
					S_walk(w, rel, depth + 1);
			} else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
				   S_has_ext(names.v[i], S_page_exts) && path_is_file(full)) {
				char *own = S_strip_ext(names.v[i]);
				char *stem = S_page_stem(site, names.v[i]);
				if (S_own_lang(site, dir, own) && strcmp(stem, "_index") != 0)
					sv_push(depth == 0 ? &w->root_pages : &w->posts, rel);
				free(stem);
				free(own);
			} else if (S_has_ext(names.v[i], S_page_exts)) {
				site_warn_not_post(full, w->dl);
			}
		}
		free(full);
		free(rel);
	}
out:
	sv_free(&names);
	free(abs);
}

/* Notes in the state every section page (_index.md, in
 * the book's language) of the content folder, other languages' folders
 * (skip) left out. */
static void S_read_sections(const struct site *site, const struct strvec *skip)
{
	struct S_state *st = site->state;
	for (size_t i = 0; i < st->sec_dirs.n; i++)
		fm_node_free(st->sec_fm[i]);
	free(st->sec_fm);
	st->sec_fm = NULL;
	sv_free(&st->sec_dirs);
	struct strvec files = STRVEC_INIT;
	for (size_t i = 0; i < st->msrc.n; i++)
		site_walk(site->root, st->msrc.v[i], S_page_exts, &files);
	struct diag_list quiet = DIAG_LIST_INIT;
	for (size_t i = 0; i < files.n; i++) {
		const char *base = path_basename(files.v[i]);
		char *stem = S_page_stem(site, base);
		char *own = S_strip_ext(base);
		bool index = strcmp(stem, "_index") == 0 && S_own_lang(site, files.v[i], own);
		for (size_t k = 0; index && k < skip->n; k++)
			index = !path_under(files.v[i], skip->v[k]);
		free(own);
		free(stem);
		struct fm_node *fm = NULL;
		enum fm_format format;
		if (!index || site_read_front_matter(&fm, &format, site, files.v[i], &quiet) < 0)
			continue;
		char *cpath = S_content_path(site, files.v[i]);
		char *dir = path_dirname(cpath);
		free(cpath);
		if (strcmp(dir, ".") == 0)
			dir[0] = '\0';
		st->sec_fm = xrealloc(st->sec_fm, (st->sec_dirs.n + 1) * sizeof *st->sec_fm);
		st->sec_fm[st->sec_dirs.n] = fm;
		sv_push_owned(&st->sec_dirs, dir);
	}
	diag_list_free(&quiet);
	sv_free(&files);
}

/* Posts are the pages inside section folders (content/posts/…, at any
 * depth); pages directly in contentDir (about.md) are not, unless the site
 * has no section pages at all. */
static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	struct S_walk w = {site, STRVEC_INIT, STRVEC_INIT, STRVEC_INIT, dl};
	/* Other languages' content folders inside ours are not our pages. */
	const struct S_state *st = site->state;
	for (size_t i = 0; i < st->dirs.n; i++)
		for (size_t k = 0; k < st->msrc.n; k++)
			if (strcmp(st->dirs.v[i], st->msrc.v[k]) != 0 && path_under(st->dirs.v[i], st->msrc.v[k]))
				sv_push(&w.skip, st->dirs.v[i]);
	for (size_t i = 0; i < st->msrc.n; i++) {
		int depth = 0;
		for (const char *c = st->mdst.v[i]; *c; c++)
			depth += c == st->mdst.v[i] || c[-1] == '/';
		S_walk(&w, st->msrc.v[i], depth);
	}
	S_read_sections(site, &w.skip);
	struct strvec *take = w.posts.n ? &w.posts : &w.root_pages;
	for (size_t i = 0; i < take->n; i++)
		sv_push(files, take->v[i]);
	sv_free(&w.posts);
	sv_free(&w.root_pages);
	sv_free(&w.skip);
	return 0;
}

/* ---- page matchers ---- */

/* Hugo's globs (gobwas/glob with '/' as separator): `*` and `?` within a
 * path part, `**` across parts, `{a,b}` alternatives; case-insensitive. */
static bool S_glob(const char *pat, const char *str)
{
	const char *brace = strchr(pat, '{');
	if (brace) {
		const char *close = strchr(brace, '}');
		if (close) {
			for (const char *alt = brace + 1; alt <= close;) {
				size_t n = strcspn(alt, ",}");
				if (alt + n > close)
					n = (size_t)(close - alt);
				char *one = xasprintf("%.*s%.*s%s", (int)(brace - pat), pat, (int)n, alt, close + 1);
				bool m = S_glob(one, str);
				free(one);
				if (m)
					return true;
				alt += n + 1;
			}
			return false;
		}
	}
	for (; *pat; pat++, str++) {
		if (pat[0] == '*' && pat[1] == '*') {
			for (const char *t = str;; t++) {
				if (S_glob(pat + 2, t))
					return true;
				if (!*t)
					return false;
			}
		}
		if (*pat == '*') {
			for (const char *t = str;; t++) {
				if (S_glob(pat + 1, t))
					return true;
				if (!*t || *t == '/')
					return false;
			}
		}
		if (!*str || (*pat == '?' ? *str == '/' : tolower((unsigned char)*pat) != tolower((unsigned char)*str)))
			return false;
	}
	return !*str;
}

/* A glob slice (a string, or a list of them): matches when no negated
 * glob ("! en") matches and any other does (or there is none). */
static bool S_glob_slice(const struct fm_node *n, const char *str)
{
	const struct fm_node *one[1] = {n};
	const struct fm_node *const *items = n->kind == FM_LIST ? (const struct fm_node *const *)n->items : one;
	size_t count = n->kind == FM_LIST ? n->n : 1;
	bool any = false, positive = false;
	for (size_t i = 0; i < count; i++) {
		const char *g = fm_str(items[i]);
		if (!g)
			continue;
		while (*g == ' ')
			g++;
		if (!*g)
			continue;
		if (g[0] == '!' && g[1] == ' ') {
			if (S_glob(g + 2, str))
				return false;
			continue;
		}
		positive = true;
		any = any || S_glob(g, str);
	}
	return any || !positive;
}

/* Whether a page matcher (cascade's and permalinks' `target`) takes the
 * page of kind at the logical path lpath in lang: `path`, `kind`,
 * `environment` (a book is a production build), `lang` and, since Hugo
 * 0.153, `sites.matrix.languages` (roles and versions: every page is the
 * default site's). */
static bool S_target_matches(const struct fm_node *target, const char *lpath, const char *kind,
			     const char *lang)
{
	const struct fm_node *n;
	if ((n = S_get(target, "path")) && !S_glob_slice(n, lpath))
		return false;
	if ((n = S_get(target, "kind")) && !S_glob_slice(n, kind))
		return false;
	if ((n = S_get(target, "environment")) && !S_glob_slice(n, "production"))
		return false;
	if ((n = S_get(target, "lang")) && !S_glob_slice(n, lang))
		return false;
	n = S_get(S_get(S_get(target, "sites"), "matrix"), "languages");
	return !n || S_glob_slice(n, lang);
}

/* ---- URLs ---- */

/* Punctuation and symbols Hugo drops from paths (what is not a letter,
 * digit or mark), for the ranges blogs use. */
static bool S_is_punct_cp(unsigned cp)
{
	if (cp < 0x80)
		return !isalnum((int)cp) && !strchr("./\\_#+~-@%", (int)cp);
	return utf8_is_punct(cp);
}

static bool S_hex(char c)
{
	return isxdigit((unsigned char)c) != 0;
}

/* Hugo's path sanitizing (urlize without the escaping): letters, digits,
 * marks and . / \ _ # + ~ - @ kept, lower-cased; a run of spaces between
 * kept characters becomes one hyphen; everything else is dropped. */
static char *S_urlize(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	bool prepend = false, was_hyphen = false;
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	while (left) {
		unsigned cp;
		size_t n = utf8_decode(p, left, &cp);
		if (!n) {
			p++;
			left--;
			continue;
		}
		bool allowed = !S_is_punct_cp(cp) && !utf8_is_space(cp);
		if (cp == '%')
			allowed = left >= 3 && S_hex((char)p[1]) && S_hex((char)p[2]);
		if (allowed) {
			was_hyphen = cp == '-';
			if (prepend) {
				if (!was_hyphen)
					sb_addc(&sb, '-');
				prepend = false;
			}
			char b[4];
			sb_add(&sb, b, utf8_encode(b, utf8_lower(cp)));
		} else if (sb.len && !was_hyphen && utf8_is_space(cp)) {
			prepend = true;
		}
		p += n;
		left -= n;
	}
	return sb_detach(&sb);
}

/* Where a content file lies, the way Hugo's paths see it. */
struct S_loc {
	struct strvec sections; /* folders from contentDir down to the page (a bundle's own
				   folder not included) */
	char *name;             /* file name without extension and language, or the bundle's folder */
	const char *lang;       /* the page's language: its file name's (x.fr.md), else its content
				   folder's, else NULL (the default); points into cfg or the state */
	bool bundle;            /* the index of a leaf bundle */
	bool list;              /* _index.md: a section's (or the home) page */
};

static void S_loc_free(struct S_loc *loc)
{
	sv_free(&loc->sections);
	free(loc->name);
}

static bool S_locate(const struct site *site, const char *relpath, struct S_loc *loc)
{
	memset(loc, 0, sizeof *loc);
	if (!S_has_ext(relpath, S_page_exts))
		return false;
	char *copy = S_content_path(site, relpath), *save = NULL;
	if (!copy || !*copy) {
		free(copy);
		return false;
	}
	struct strvec parts = STRVEC_INIT;
	for (char *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save))
		sv_push(&parts, tok);
	free(copy);
	char *stem = S_strip_ext(parts.v[parts.n - 1]);
	const char *l = S_file_lang(site->config, stem);
	if (l) {
		/* Point at the configuration's own key, which outlives stem. */
		const struct fm_node *langs = fm_get(site->config, "languages");
		for (size_t i = 0; i < langs->n && !loc->lang; i++)
			if (str_casecmp(langs->keys[i], l) == 0)
				loc->lang = langs->keys[i];
		stem[l - 1 - stem] = '\0';
	} else {
		/* Unnamed: the language of the folder, else the default one. */
		const struct S_state *st = site->state;
		for (size_t i = 0; i < st->dirs.n && !loc->lang; i++)
			if (path_under(relpath, st->dirs.v[i]))
				loc->lang = st->keys.v[i];
	}
	size_t nsec = parts.n - 1;
	if (strcmp(stem, "index") == 0 && parts.n >= 2) {
		loc->bundle = true;
		loc->name = xstrdup(parts.v[parts.n - 2]);
		nsec--;
		free(stem);
	} else if (strcmp(stem, "_index") == 0) {
		loc->list = true;
		loc->name = xstrdup("");
		free(stem);
	} else {
		loc->name = stem;
	}
	for (size_t i = 0; i < nsec; i++)
		sv_push(&loc->sections, parts.v[i]);
	sv_free(&parts);
	return true;
}

/* "/fr" when URLs of this language carry a prefix, else "". */
static char *S_lang_prefix(const struct site *site, const char *lang)
{
	const struct fm_node *cfg = site->config;
	if (!S_multilingual(cfg))
		return xstrdup("");
	const char *def = S_default_lang(cfg);
	/* Each language on a host of its own (a baseURL per language): no
	 * prefix. */
	if (fm_get(S_lang_block(cfg, lang ? lang : def), "baseurl"))
		return xstrdup("");
	bool in_subdir = false;
	fm_bool(fm_get(cfg, "defaultcontentlanguageinsubdir"), &in_subdir);
	if (!lang || str_casecmp(lang, def) == 0) {
		if (!in_subdir)
			return xstrdup("");
		lang = def;
	}
	char *low = S_lower(lang);
	char *out = xasprintf("/%s", low);
	free(low);
	return out;
}

/* The page's logical path as Hugo's page matchers see it: /sections/name
 * ("/posts" for a section page, "/" for the home page), lower-cased and
 * with spaces as hyphens. malloc'd. */
static char *S_logical_path(const struct S_loc *loc)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < loc->sections.n; i++) {
		sb_addc(&sb, '/');
		sb_adds(&sb, loc->sections.v[i]);
	}
	if (*loc->name) {
		sb_addc(&sb, '/');
		sb_adds(&sb, loc->name);
	}
	if (!sb.len)
		sb_addc(&sb, '/');
	char *out = S_lower(sb.s);
	sb_release(&sb);
	for (char *c = out; *c; c++)
		if (*c == ' ')
			*c = '-';
	return out;
}

/* The page's kind: page, section or home. */
static const char *S_kind(const struct S_loc *loc)
{
	return !loc->list ? "page" : loc->sections.n ? "section" : "home";
}

/* Whether a `permalinks` key of the map form (a section path; "/" or ""
 * the root) takes the page at lpath: Hugo makes it a glob of the section
 * and all below it, or of the pages directly in the root. Returns the
 * key's length + 1 when it does (the more specific key wins), else 0. */
static size_t S_permalink_key(const char *key, const char *lpath)
{
	key += strspn(key, " /");
	size_t kl = strlen(key);
	while (kl && strchr(" /", key[kl - 1]))
		kl--;
	char *cut = xstrndup(key, kl), *low = S_lower(cut);
	free(cut);
	char *glob = kl ? xasprintf("/{%s,%s/**}", low, low) : xstrdup("/*");
	bool match = S_glob(glob, lpath);
	free(glob);
	free(low);
	return match ? kl + 1 : 0;
}

/* The `permalinks` pattern for a page, from its language's own
 * `permalinks`, else the site's. Hugo's three forms: the legacy map
 * (`posts = "/:year/:slug/"`: pages and terms), the map by kind
 * (`[permalinks.page]`, `.section`, `.term`, `.taxonomy`, `.home`), where
 * the most specific section key that takes the page wins; and since
 * Hugo 0.161 a list of `pattern`s with a `target` page matcher, the first
 * that takes the page winning (one without a target takes any page). */
static const char *S_permalink(const struct site *site, const struct S_loc *loc)
{
	const char *lang = loc->lang ? loc->lang : S_default_lang(site->config);
	const struct fm_node *pl = S_setting(site, lang, "permalinks");
	if (!pl)
		return NULL;
	const char *kind = S_kind(loc);
	char *lpath = S_logical_path(loc);
	const char *best = NULL;
	if (pl->kind == FM_LIST) {
		for (size_t i = 0; !best && i < pl->n; i++) {
			const struct fm_node *target = S_get(pl->items[i], "target");
			const char *pattern = fm_str(S_get(pl->items[i], "pattern"));
			if (pattern && (!target || S_target_matches(target, lpath, kind, lang)))
				best = pattern;
		}
	} else if (pl->kind == FM_MAP) {
		size_t best_len = 0;
		for (size_t i = 0; i < pl->n; i++) {
			const struct fm_node *v = pl->items[i];
			/* A string is the legacy form (kinds page and term); a
			 * mapping is one kind's. */
			const struct fm_node *one[1] = {v};
			const char *const keys[1] = {pl->keys[i]};
			const struct fm_node *const *items = one;
			const char *const *ks = keys;
			size_t n = 1;
			if (v->kind == FM_MAP) {
				if (str_casecmp(pl->keys[i], kind) != 0)
					continue;
				items = (const struct fm_node *const *)v->items;
				ks = (const char *const *)v->keys;
				n = v->n;
			} else if (strcmp(kind, "page") != 0) {
				continue;
			}
			for (size_t k = 0; k < n; k++) {
				const char *pattern = items[k]->kind == FM_SCALAR ? fm_str(items[k]) : NULL;
				size_t len = pattern && ks[k] ? S_permalink_key(ks[k], lpath) : 0;
				if (len > best_len) {
					best = pattern;
					best_len = len;
				}
			}
		}
	}
	free(lpath);
	return best;
}

/* One index of a slice: a number, `last`, or def when left out. */
static size_t S_index(const char *s, size_t n, size_t def)
{
	if (*s == ']' || *s == ':')
		return def;
	if (str_starts_with(s, "last"))
		return n ? n - 1 : 0;
	return (size_t)strtoul(s, NULL, 10);
}

/* sections[last], sections[1], sections[1:], sections[:2] … of Hugo's
 * patterns: spec is the text after '[' (NULL: all). */
static void S_slice(const struct strvec *sv, const char *spec, size_t *lo, size_t *hi)
{
	size_t n = sv->n;
	*lo = 0;
	*hi = n;
	if (!spec)
		return;
	const char *colon = strchr(spec, ':');
	if (!colon || colon > strchr(spec, ']')) {
		size_t i = S_index(spec, n, 0);
		*lo = i < n ? i : n;
		*hi = i < n ? i + 1 : n;
		return;
	}
	size_t a = S_index(spec, n, 0), b = S_index(colon + 1, n, n);
	*lo = a < n ? a : n;
	*hi = b < n ? b : n;
	if (*hi < *lo)
		*hi = *lo;
}

/* The date in a Go time layout made of the parts a permalink word can
 * hold (letters, digits, '_'); anything else is copied. */
static char *S_go_format(const struct date *d, const char *layout)
{
	static const struct {
		const char *std;
		int what; /* 0 year 1 month 2 day 3 weekday 4 yearday 5 hour 6 minute 7 second 8 AM/PM */
		int width; /* digits; 0: as is; -1: a name; -2: a short name; -3: day padded with a space */
	} parts[] = {
		{"January", 1, -1}, {"Jan", 1, -2}, {"Monday", 3, -1}, {"Mon", 3, -2}, {"2006", 0, 4},
		{"002", 4, 3},      {"__2", 4, -3}, {"_2", 2, -3},      {"01", 1, 2},   {"02", 2, 2},
		{"03", 5, 2},       {"04", 6, 2},   {"05", 7, 2},       {"06", 0, 2},   {"15", 5, 0},
		{"1", 1, 0},        {"2", 2, 0},    {"3", 5, 0},        {"4", 6, 0},    {"5", 7, 0},
		{"PM", 8, 0},       {"pm", 8, 1},
	};
	struct strbuf sb = STRBUF_INIT;
	for (const char *c = layout; *c;) {
		size_t k = 0, nparts = sizeof parts / sizeof *parts;
		while (k < nparts && !str_starts_with(c, parts[k].std))
			k++;
		/* Go reads Jan and Mon only when no lower-case letter follows
		 * (Monthly is a word). */
		if (k < nparts && parts[k].width == -2 && islower((unsigned char)c[3]))
			k = nparts;
		if (k == nparts) {
			sb_addc(&sb, *c++);
			continue;
		}
		int val = 0;
		switch (parts[k].what) {
		case 0: val = parts[k].width == 2 ? d->year % 100 : d->year; break;
		case 1: val = d->month; break;
		case 2: val = d->day; break;
		case 3: val = date_weekday(d); break;
		case 4: val = date_yearday(d); break;
		case 5: val = parts[k].std[0] == '1' && parts[k].std[1] == '5' ? d->hour
			      : (d->hour % 12 ? d->hour % 12 : 12); break;
		case 6: val = d->minute; break;
		case 7: val = d->second; break;
		default: break;
		}
		if (parts[k].what == 8)
			sb_adds(&sb, d->hour >= 12 ? (parts[k].width ? "pm" : "PM") : (parts[k].width ? "am" : "AM"));
		else if (parts[k].width == -1 || parts[k].width == -2) {
			const char *name = parts[k].what == 1 ? date_month_name(val) : date_weekday_name(val);
			sb_add(&sb, name, parts[k].width == -2 ? 3 : strlen(name));
		} else if (parts[k].width == -3)
			sb_addf(&sb, parts[k].what == 4 ? "%3d" : "%2d", val);
		else if (parts[k].width > 0)
			sb_addf(&sb, "%0*d", parts[k].width, val);
		else
			sb_addf(&sb, "%d", val);
		c += strlen(parts[k].std);
	}
	return sb_detach(&sb);
}

/* The front matter of the _index page of the section made of loc's
 * first n folders, or NULL; *found says whether it has one. */
static const struct fm_node *S_section_fm(const struct site *site, const struct S_loc *loc, size_t n,
					  bool *found)
{
	const struct S_state *st = site->state;
	struct strbuf dir = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(&dir, '/');
		sb_adds(&dir, loc->sections.v[i]);
	}
	const struct fm_node *fm = NULL;
	*found = false;
	for (size_t i = 0; i < st->sec_dirs.n && !*found; i++) {
		if (strcmp(st->sec_dirs.v[i], dir.s ? dir.s : "") == 0) {
			*found = true;
			fm = st->sec_fm[i];
		}
	}
	sb_release(&dir);
	return fm;
}

/* How many of loc's folders make its current section: a section page's
 * own, else the nearest folder that is a section (a top-level folder, or
 * one with an _index page: Hugo's other folders are no sections). */
static size_t S_current_section(const struct site *site, const struct S_loc *loc)
{
	if (loc->list)
		return loc->sections.n;
	for (size_t n = loc->sections.n; n > 1; n--) {
		bool found;
		S_section_fm(site, loc, n, &found);
		if (found)
			return n;
	}
	return loc->sections.n ? 1 : 0;
}

/* The slug of the section made of loc's first n folders, as
 * :sectionslug(s) give it: its `slug`, else its `title`, else its
 * automatic title (the folder's name), made a path. */
static char *S_section_slug(const struct site *site, const struct S_loc *loc, size_t n)
{
	bool found;
	const struct fm_node *fm = S_section_fm(site, loc, n, &found);
	const char *s = fm_str(S_get(fm, "slug"));
	if (!s || !*s)
		s = fm_str(S_get(fm, "title"));
	if (!s || !*s)
		s = loc->sections.v[n - 1];
	return S_urlize(s);
}

/* The sections of the current section joined by '/', sliced as spec
 * says (NULL: all): their folder names, or with slugs their slugs (the
 * sections only, folders that are none left out). */
static char *S_sections(const struct site *site, const struct S_loc *loc, const char *spec, bool slugs)
{
	size_t cur = S_current_section(site, loc);
	struct strvec names = STRVEC_INIT;
	for (size_t i = 0; i < cur; i++) {
		bool found = i == 0 || i + 1 == cur;
		if (slugs && !found)
			S_section_fm(site, loc, i + 1, &found);
		if (!slugs)
			sv_push_owned(&names, S_urlize(loc->sections.v[i]));
		else if (found)
			sv_push_owned(&names, S_section_slug(site, loc, i + 1));
	}
	size_t lo, hi;
	S_slice(&names, spec, &lo, &hi);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = lo; i < hi; i++) {
		if (i > lo)
			sb_addc(&sb, '/');
		sb_adds(&sb, names.v[i]);
	}
	sv_free(&names);
	return sb_detach(&sb);
}

/* Expands a permalink pattern's tokens for a page. */
static char *S_expand(const struct site *site, const char *pattern, const struct S_loc *loc,
		      const struct post *p, const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	/* Without a date, Go's zero time: 0001-01-01. */
	struct date d = p->date.valid ? p->date : (struct date){.year = 1, .month = 1, .day = 1};
	int year = d.year, month = d.month, day = d.day;
	int weekday = date_weekday(&d), yearday = date_yearday(&d);
	for (const char *c = pattern; *c;) {
		if (c[0] == '\\' && c[1] == ':') {
			sb_addc(&sb, ':');
			c += 2;
			continue;
		}
		if (c[0] != ':' || !(isalnum((unsigned char)c[1]) || c[1] == '_')) {
			sb_addc(&sb, *c++);
			continue;
		}
		const char *t = c + 1;
		size_t tl = 0;
		while (isalnum((unsigned char)t[tl]) || t[tl] == '_')
			tl++;
		const char *spec = t[tl] == '[' && strchr(t + tl, ']') ? t + tl + 1 : NULL;
		const char *next = spec ? strchr(spec, ']') + 1 : t + tl;
		char *tok = xstrndup(t, tl);
		char *slug = p->slug ? S_urlize(p->slug) : NULL;
		char *v = NULL;
		if (strcmp(tok, "year") == 0)
			v = xasprintf("%d", year);
		else if (strcmp(tok, "month") == 0)
			v = xasprintf("%02d", month);
		else if (strcmp(tok, "monthname") == 0)
			v = xstrdup(date_month_name(month));
		else if (strcmp(tok, "day") == 0)
			v = xasprintf("%02d", day);
		else if (strcmp(tok, "weekday") == 0)
			v = xasprintf("%d", weekday);
		else if (strcmp(tok, "weekdayname") == 0)
			v = xstrdup(date_weekday_name(weekday));
		else if (strcmp(tok, "yearday") == 0)
			v = xasprintf("%d", yearday);
		else if (strcmp(tok, "section") == 0)
			v = S_urlize(loc->sections.n ? loc->sections.v[0] : "");
		else if (strcmp(tok, "sectionslug") == 0)
			v = loc->sections.n ? S_section_slug(site, loc, 1) : xstrdup("");
		else if (strcmp(tok, "sections") == 0 || strcmp(tok, "sectionslugs") == 0)
			v = S_sections(site, loc, spec, strcmp(tok, "sectionslugs") == 0);
		else if (strcmp(tok, "title") == 0)
			v = S_urlize(title);
		else if (strcmp(tok, "slug") == 0)
			v = slug ? xstrdup(slug) : S_urlize(title);
		else if (strcmp(tok, "filename") == 0 || strcmp(tok, "contentbasename") == 0)
			v = S_urlize(loc->name);
		else if (strcmp(tok, "slugorfilename") == 0 || strcmp(tok, "slugorcontentbasename") == 0)
			v = slug ? xstrdup(slug) : S_urlize(loc->name);
		else if (!spec) {
			/* Any other word that Go's time layouts read (:2006, :01,
			 * :Jan, :_2 …) is the date in that layout. */
			v = S_go_format(&d, tok);
			if (strcmp(v, tok) == 0) {
				free(v);
				v = NULL;
			}
		}
		if (v) {
			sb_adds(&sb, v);
			c = next;
		} else {
			sb_addc(&sb, *c++); /* not a token Hugo knows: kept as written */
		}
		free(v);
		free(slug);
		free(tok);
	}
	return sb_detach(&sb);
}

/* A path relative to the base URL made tidy: one leading slash, no
 * doubled slashes, and a trailing slash unless the last part names a file
 * (`page.html`). */
static char *S_tidy_path(const char *prefix, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addc(&sb, '/');
	const char *parts[3] = {prefix, "/", path};
	for (size_t k = 0; k < 3; k++)
		for (const char *c = parts[k]; *c; c++)
			if (*c != '/' || sb.s[sb.len - 1] != '/')
				sb_addc(&sb, *c);
	const char *last = strrchr(sb.s, '/') + 1;
	const char *dot = strrchr(last, '.');
	bool file = false;
	if (dot && dot[1]) {
		file = true;
		for (const char *c = dot + 1; *c; c++)
			file = file && isalpha((unsigned char)*c);
		file = file && strlen(dot + 1) <= 5;
	}
	if (!file && sb.s[sb.len - 1] != '/')
		sb_addc(&sb, '/');
	return sb_detach(&sb);
}

/* The page's path under the base URL, as Hugo makes it. p gives slug,
 * title, date and url. */
static char *S_page_path(const struct site *site, const struct S_loc *loc, const struct post *p)
{
	char *prefix = S_lang_prefix(site, loc->lang);
	char *out;
	/* The home page takes no pattern. */
	const char *pattern = loc->list && !loc->sections.n ? NULL : S_permalink(site, loc);
	if (pattern) {
		const char *title = p->title ? p->title : loc->name;
		char *path = S_expand(site, pattern, loc, p, title);
		/* As Hugo: unescaped, cleaned, then made a path (what is not a
		 * letter, digit, mark or one of . / _ # + ~ - @ dropped, spaces
		 * as hyphens: `:_2` leaves none in a URL), lower-cased. */
		for (char *c = path; *c; c++)
			if (*c == '+')
				*c = ' ';
		char *plain = url_decode(path);
		char *clean = path_normalize(plain);
		char *sane = S_urlize(strcmp(clean, ".") == 0 ? "" : clean);
		out = S_tidy_path(prefix, sane);
		free(sane);
		free(clean);
		free(plain);
		free(path);
	} else {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < loc->sections.n; i++) {
			char *u = S_urlize(loc->sections.v[i]);
			sb_adds(&sb, u);
			sb_addc(&sb, '/');
			free(u);
		}
		if (!loc->list) {
			char *u = S_urlize(p->slug ? p->slug : loc->name);
			sb_adds(&sb, u);
			free(u);
		}
		out = S_tidy_path(prefix, sb.s ? sb.s : "");
		sb_release(&sb);
	}
	free(prefix);
	/* uglyURLs (for every section, or per section): page.html. */
	const struct fm_node *ugly = S_setting(site, loc->lang, "uglyurls");
	bool is_ugly = false;
	if (ugly && ugly->kind == FM_MAP)
		fm_bool(S_get(ugly, loc->sections.n ? loc->sections.v[0] : ""), &is_ugly);
	else
		fm_bool(ugly, &is_ugly);
	size_t n = strlen(out);
	if (is_ugly && !loc->list && n > 1 && out[n - 1] == '/') {
		char *u = xasprintf("%.*s.html", (int)n - 1, out);
		free(out);
		out = u;
	}
	return out;
}

/* site->url (ending in '/') joined with a path starting with '/'. */
static char *S_abs(const struct site *site, const char *path)
{
	return xasprintf("%.*s%s", (int)strlen(site->url) - 1, site->url, path);
}

/* ---- dates as Hugo reads them ---- */

/* The layouts Hugo's front matter accepts (spf13/cast's list, which Hugo's
 * htime hands strings to), in Go's reference-time notation; the layouts
 * of a time alone are left out (they give no day). */
static const char *const S_go_layouts[] = {
	"2006-01-02",
	"2006-01-02T15:04:05Z07:00", /* RFC 3339 */
	"2006-01-02T15:04:05",
	"Mon, 02 Jan 2006 15:04:05 -0700", /* RFC 1123Z */
	"Mon, 02 Jan 2006 15:04:05 MST",   /* RFC 1123 */
	"02 Jan 06 15:04 -0700",           /* RFC 822Z */
	"02 Jan 06 15:04 MST",             /* RFC 822 */
	"Monday, 02-Jan-06 15:04:05 MST",  /* RFC 850 */
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05",
	"Mon Jan _2 15:04:05 2006",        /* ANSI C */
	"Mon Jan _2 15:04:05 MST 2006",    /* Unix date */
	"Mon Jan 02 15:04:05 -0700 2006",  /* Ruby date */
	"2006-01-02 15:04:05Z07:00",
	"02 Jan 2006",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700",
	NULL,
};

static const char *const S_month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const S_day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday"};

/* n digits (min to max of them) at *v as a number; advances *v. */
static bool S_num(const char **v, int min, int max, int *out)
{
	int n = 0, val = 0;
	while (n < max && isdigit((unsigned char)(*v)[n]))
		val = val * 10 + ((*v)[n++] - '0');
	if (n < min)
		return false;
	*v += n;
	*out = val;
	return true;
}

/* A word of names at *v, matched case-insensitively as Go does; its
 * index, or -1. long_names: the whole name, else its first three letters. */
static int S_name(const char **v, const char *const *names, size_t n, bool long_names)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = long_names ? strlen(names[i]) : 3;
		size_t k = 0;
		while (k < len && (*v)[k] && tolower((unsigned char)(*v)[k]) == tolower((unsigned char)names[i][k]))
			k++;
		if (k == len) {
			*v += len;
			return (int)i;
		}
	}
	return -1;
}

/* A numeric zone at *v: ±hh:mm (colon true) or ±hhmm; with z, `Z` too. */
static bool S_zone_num(const char **v, bool colon, bool z, int *minutes)
{
	if (z && (**v == 'Z' || **v == 'z')) {
		(*v)++;
		*minutes = 0;
		return true;
	}
	if (**v != '+' && **v != '-')
		return false;
	int sign = **v == '-' ? -1 : 1, hh, mm;
	(*v)++;
	if (!S_num(v, 2, 2, &hh))
		return false;
	if (colon && *(*v)++ != ':')
		return false;
	if (!S_num(v, 2, 2, &mm) || hh > 23 || mm > 59)
		return false;
	*minutes = sign * (hh * 60 + mm);
	return true;
}

/* A zone abbreviation (MST, CEST, UTC): Go takes one it does not know at
 * offset zero; GMT+h / GMT-h give an offset. */
static bool S_zone_abbr(const char **v, int *minutes)
{
	size_t n = 0;
	while (n < 5 && isupper((unsigned char)(*v)[n]))
		n++;
	if (n < 3)
		return false;
	*minutes = 0;
	bool gmt = n == 3 && strncmp(*v, "GMT", 3) == 0;
	*v += n;
	int h;
	if (gmt && (**v == '+' || **v == '-')) {
		int sign = **v == '-' ? -1 : 1;
		const char *t = *v + 1;
		if (S_num(&t, 1, 2, &h) && h <= 14) {
			*minutes = sign * h * 60;
			*v = t;
		}
	}
	return true;
}

/* The field of d a numeric layout part at l fills (01 month, 02 day, 15
 * hour, 04 minute), and the fewest digits it takes; NULL for others. */
static int *S_num_field(const char *l, struct date *d, int *min_digits)
{
	*min_digits = 2;
	if (str_starts_with(l, "01"))
		return &d->month;
	if (str_starts_with(l, "02"))
		return &d->day;
	if (str_starts_with(l, "04"))
		return &d->minute;
	if (str_starts_with(l, "15")) {
		*min_digits = 1;
		return &d->hour;
	}
	return NULL;
}

/* Parses s by one Go layout, with Go's rules: fixed two digits for the
 * month, day, minute and second, one or two for the hour, optional
 * fractional seconds after the seconds, nothing left over. */
static bool S_go_parse(struct date *out, bool *zoned, const char *s, const char *layout)
{
	struct date d = {0};
	int *num, width;
	const char *v = s, *l = layout;
	bool has_zone = false;
	while (*l) {
		if (str_starts_with(l, "2006")) {
			if (!S_num(&v, 4, 4, &d.year))
				return false;
			l += 4;
		} else if (str_starts_with(l, "Monday")) {
			if (S_name(&v, S_day_names, 7, true) < 0)
				return false;
			l += 6;
		} else if (str_starts_with(l, "Mon")) {
			if (S_name(&v, S_day_names, 7, false) < 0)
				return false;
			l += 3;
		} else if (str_starts_with(l, "Jan")) {
			int m = S_name(&v, S_month_abbr, 12, false);
			if (m < 0)
				return false;
			d.month = m + 1;
			l += 3;
		} else if (str_starts_with(l, "MST")) {
			/* After a numeric offset, the name says nothing more. */
			int m;
			if (!S_zone_abbr(&v, &m))
				return false;
			if (!has_zone)
				d.tz_minutes = m;
			has_zone = true;
			l += 3;
		} else if (str_starts_with(l, "Z07:00") || str_starts_with(l, "Z0700") ||
			   str_starts_with(l, "-07:00") || str_starts_with(l, "-0700")) {
			bool colon = l[3] == ':';
			if (!S_zone_num(&v, colon, *l == 'Z', &d.tz_minutes))
				return false;
			has_zone = true;
			l += colon ? 6 : 5;
		} else if (str_starts_with(l, ".999999999")) {
			if (*v == '.' && isdigit((unsigned char)v[1]))
				for (v++; isdigit((unsigned char)*v); v++)
					;
			l += 10;
		} else if (str_starts_with(l, "_2")) {
			if (*v == ' ')
				v++;
			if (!S_num(&v, 1, 2, &d.day))
				return false;
			l += 2;
		} else if (str_starts_with(l, "06")) {
			int yy;
			if (!S_num(&v, 2, 2, &yy))
				return false;
			d.year = yy >= 69 ? 1900 + yy : 2000 + yy;
			l += 2;
		} else if ((num = S_num_field(l, &d, &width)) != NULL) {
			/* 01 02 04 fixed two digits; 15 one or two */
			if (!S_num(&v, width, 2, num))
				return false;
			d.has_time = d.has_time || num == &d.hour;
			l += 2;
		} else if (str_starts_with(l, "05")) {
			if (!S_num(&v, 2, 2, &d.second))
				return false;
			l += 2;
			/* Fractional seconds the layout does not name. */
			if ((*v == '.' || *v == ',') && isdigit((unsigned char)v[1]) && *l != '.')
				for (v++; isdigit((unsigned char)*v); v++)
					;
		} else if (*v == *l) {
			v++;
			l++;
		} else {
			return false;
		}
	}
	if (*v)
		return false;
	int dim = d.month >= 1 && d.month <= 12
			  ? (int)(date_days_from_civil(d.month == 12 ? d.year + 1 : d.year, d.month % 12 + 1, 1) -
				  date_days_from_civil(d.year, d.month, 1))
			  : 0;
	if (d.day < 1 || d.day > dim || d.hour > 23 || d.minute > 59 || d.second > 59)
		return false;
	d.valid = true;
	*out = d;
	if (zoned)
		*zoned = has_zone;
	return true;
}

/* A front-matter date as Hugo reads it: 0 and *out, or -1. Besides Hugo's
 * layouts, whatever date_parse reads (2024-12-27T10:30) is taken too: a
 * book loses nothing by being kinder than the site's build. */
static int S_hugo_date(struct date *out, bool *zoned, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *t = xstrndup(s, n);
	int rc = -1;
	for (const char *const *l = S_go_layouts; *l && rc < 0; l++)
		if (S_go_parse(out, zoned, t, *l))
			rc = 0;
	if (rc < 0 && (rc = date_parse(out, t)) == 0)
		*zoned = date_written_with_zone(t, out);
	free(t);
	return rc;
}

/* ---- post fields ---- */

/* The four dates of a page and the sources Hugo tries for each, in its
 * order (`frontmatter` in the configuration changes them): front-matter
 * keys, `:filename` (a date the file name starts with), `:fileModTime`,
 * `:git` (the Git author date, which sheaf does not read). */
enum { S_DATE, S_LASTMOD, S_PUBDATE, S_EXPIRY, S_NDATES };
static const char *const S_date_keys[S_NDATES] = {"date", "lastmod", "publishdate", "expirydate"};
static const char *const S_date_defaults[S_NDATES][4] = {
	{"date", "publishdate", "lastmod", NULL},
	{":git", "lastmod", "date", "publishdate"},
	{"publishdate", "date", NULL, NULL},
	{"expirydate", NULL, NULL, NULL},
};

/* Hugo's other spellings of a date key, tried right after it. */
static const char *const *S_date_aliases(const char *key)
{
	static const char *const lastmod[] = {"modified", NULL};
	static const char *const pub[] = {"pubdate", "published", NULL};
	static const char *const expiry[] = {"unpublishdate", NULL};
	static const char *const none[] = {NULL};
	if (strcmp(key, "lastmod") == 0)
		return lastmod;
	if (strcmp(key, "publishdate") == 0)
		return pub;
	if (strcmp(key, "expirydate") == 0)
		return expiry;
	return none;
}

static void S_push_source(struct strvec *out, const char *id)
{
	if (!sv_contains_ci(out, id))
		sv_push(out, id);
	for (const char *const *a = S_date_aliases(id); *a; a++)
		if (!sv_contains_ci(out, *a))
			sv_push(out, *a);
}

/* The sources of date k for a page in lang: the configured list with
 * `:default` expanded, each key followed by its aliases, lower-cased. */
static void S_date_sources(const struct site *site, const char *lang, int k, struct strvec *out)
{
	const struct fm_node *conf = fm_get(S_setting(site, lang, "frontmatter"), S_date_keys[k]);
	struct strvec ids = STRVEC_INIT;
	if (conf)
		fm_strings(conf, &ids);
	if (!ids.n)
		sv_push(&ids, ":default");
	for (size_t i = 0; i < ids.n; i++) {
		char *id = S_lower(ids.v[i]);
		if (strcmp(id, ":default") == 0) {
			for (size_t d = 0; d < 4 && S_date_defaults[k][d]; d++)
				S_push_source(out, S_date_defaults[k][d]);
		} else {
			S_push_source(out, id);
		}
		free(id);
	}
	sv_free(&ids);
}

/* The date a file name starts with (YYYY-MM-DD, or YYYY-MM-DD-HH-MM-SS
 * with any separator between date and time) and the rest of the name as
 * its slug, as Hugo's `:filename` reads them. */
static bool S_filename_date(const char *base, struct date *out, char **slug)
{
	size_t n = strlen(base);
	if (n < 10)
		return false;
	size_t rest = 0;
	if (n >= 19) {
		char buf[20];
		memcpy(buf, base, 10);
		buf[10] = 'T';
		for (size_t i = 11; i < 19; i++)
			buf[i] = base[i] == '-' ? ':' : base[i];
		buf[19] = '\0';
		if (S_go_parse(out, NULL, buf, "2006-01-02T15:04:05"))
			rest = 19;
	}
	if (!rest) {
		char *ds = xstrndup(base, 10);
		bool okd = S_go_parse(out, NULL, ds, "2006-01-02");
		free(ds);
		if (!okd)
			return false;
		rest = 10;
	}
	const char *r = base + rest;
	size_t rl = strlen(r);
	while (rl && strchr(" -_", r[rl - 1]))
		rl--;
	while (rl && strchr(" -_", *r)) {
		r++;
		rl--;
	}
	*slug = xstrndup(r, rl);
	return true;
}

/* A front-matter key as the file spells it (publishDate), matched in any
 * case. */
static const char *S_key_as_written(const struct fm_node *fm, const char *key)
{
	for (size_t i = 0; fm && fm->kind == FM_MAP && i < fm->n; i++)
		if (fm->keys[i] && str_casecmp(fm->keys[i], key) == 0)
			return fm->keys[i];
	return key;
}

/* Reads the four dates of a page by Hugo's rules. A date Hugo cannot read
 * is an error (Hugo's build fails on one), reported once per field. */
static void S_dates(const struct site *site, struct post *p, const struct fm_node *fm,
		    const struct S_loc *loc, struct diag_list *dl)
{
	const char *lang = loc && loc->lang ? loc->lang : S_book_lang(site);
	const char *zone = S_first_str(S_setting(site, lang, "timezone"));
	struct date got[S_NDATES] = {{0}};
	struct strvec bad = STRVEC_INIT;
	for (int k = 0; k < S_NDATES; k++) {
		struct strvec ids = STRVEC_INIT;
		S_date_sources(site, lang, k, &ids);
		for (size_t i = 0; i < ids.n && !got[k].valid; i++) {
			const char *id = ids.v[i];
			struct date d = {0};
			bool zoned = false;
			if (strcmp(id, ":filename") == 0) {
				char *slug = NULL;
				if (loc && S_filename_date(loc->name, &d, &slug)) {
					if (zone)
						tz_localize(&d, zone, false);
					got[k] = d;
					if (!S_get(fm, "slug") && *slug) {
						free(p->slug);
						p->slug = slug;
						slug = NULL;
					}
				}
				free(slug);
			} else if (strcmp(id, ":filemodtime") == 0) {
				struct stat st;
				if (stat(p->path, &st) == 0) {
					got[k] = date_from_epoch((int64_t)st.st_mtime);
					if (zone)
						tz_localize(&got[k], zone, true);
				}
			} else if (id[0] == ':') {
				/* :git, or a token Hugo does not know: nothing here. */
			} else {
				const struct fm_node *n = S_get(fm, id);
				const char *v = fm_str(n);
				if (!n) {
					/* A date an earlier list settled is a value
					 * by its key for the lists after it. */
					for (int j = 0; j < k; j++)
						if (strcmp(id, S_date_keys[j]) == 0 && got[j].valid)
							got[k] = got[j];
				} else if (v && *v && S_hugo_date(&d, &zoned, v) == 0) {
					/* A written offset stays; a local time is the zone's. */
					if (zone && !zoned)
						tz_localize(&d, zone, false);
					got[k] = d;
				} else if (v && *v && !sv_contains_ci(&bad, id)) {
					sv_push(&bad, id);
					diag_error(dl, p->path, n->line, n->col,
						   "'%s' is not a date Hugo reads: '%s' (expected YYYY-MM-DD, "
						   "optionally with a time)",
						   S_key_as_written(fm, id), v);
				}
			}
		}
		sv_free(&ids);
	}
	sv_free(&bad);
	p->date = got[S_DATE];
	if (got[S_LASTMOD].valid)
		p->updated = got[S_LASTMOD];
	p->publish_date = got[S_PUBDATE];
	p->expiry_date = got[S_EXPIRY];
}

/* Says once, when the configuration asks for Git dates, that they are not
 * read. */
static void S_warn_git(const struct site *site, const char *cfgpath, struct diag_list *dl)
{
	const struct fm_node *langs = fm_get(site->config, "languages");
	for (size_t l = 0; l <= (langs && langs->kind == FM_MAP ? langs->n : 0); l++) {
		const struct fm_node *fmc = fm_get(l ? langs->items[l - 1] : site->config, "frontmatter");
		for (int k = 0; k < S_NDATES; k++) {
			struct strvec ids = STRVEC_INIT;
			fm_strings(fm_get(fmc, S_date_keys[k]), &ids);
			bool git = sv_contains_ci(&ids, ":git");
			sv_free(&ids);
			if (git) {
				const struct fm_node *n = fm_get(fmc, S_date_keys[k]);
				diag_warning(dl, cfgpath, n->line, n->col,
					     "frontmatter: ':git' (the Git author date) is not read; the next "
					     "source in the list gives the date");
				return;
			}
		}
	}
}

static void S_add_author(const struct site *site, struct post *p, const struct fm_node *n)
{
	if (!n)
		return;
	if (n->kind == FM_MAP) {
		const char *name = S_person_name(n);
		if (name && *name) {
			char *clean = str_collapse_ws(name);
			sv_push(&p->authors, clean);
			sv_push(&p->author_names, clean);
			free(clean);
		}
		return;
	}
	const char *id = fm_str(n);
	if (n->kind != FM_SCALAR || !id || !*id)
		return;
	char *clean = str_collapse_ws(id);
	const char *name = S_person_name(S_get(site->authors, clean));
	if (!name) {
		char *u = S_urlize(clean);
		name = S_person_name(S_get(site->authors, u));
		free(u);
	}
	sv_push(&p->authors, clean);
	sv_push(&p->author_names, name && *name ? name : clean);
	free(clean);
}

/* author/authors: a string, a list of strings, a mapping with `name`, or a
 * list of mappings; ids are mapped to names through data/authors and the
 * authors taxonomy's pages. */
static void S_authors(const struct site *site, struct post *p, const struct fm_node *fm)
{
	const struct fm_node *a = S_get(fm, "authors");
	if (!S_has_value(a))
		a = S_get(fm, "author");
	if (!S_has_value(a))
		return;
	sv_free(&p->authors);
	sv_free(&p->author_names);
	if (a->kind == FM_LIST)
		for (size_t i = 0; i < a->n; i++)
			S_add_author(site, p, a->items[i]);
	else
		S_add_author(site, p, a);
}

/* aliases as paths under the base URL: "/old/" stays, "old" is taken
 * relative to the page's folder (Hugo's page-relative aliases), full URLs
 * stay as written. */
static void S_aliases(const struct site *site, struct post *p, const struct fm_node *node,
		      const char *page_path, const char *lang)
{
	struct strvec raw = STRVEC_INIT;
	fm_strings(node, &raw);
	char *prefix = S_lang_prefix(site, lang);
	char *dir = xstrdup(page_path);
	/* The page's folder: its path without the last part. */
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dir[--dl] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	for (size_t i = 0; i < raw.n; i++) {
		const char *a = raw.v[i];
		if (url_has_authority(a)) {
			sv_push(&p->aliases, a);
			continue;
		}
		char *joined = a[0] == '/' ? xasprintf("%s%s", prefix, a) : xasprintf("%s%s", dir, a);
		char *norm = path_normalize(joined);
		char *tidy = S_tidy_path("", str_starts_with(norm, "..") ? a : norm);
		sv_push_owned(&p->aliases, tidy);
		free(norm);
		free(joined);
	}
	free(dir);
	free(prefix);
	sv_free(&raw);
}

/* ---- cascade ---- */

/* Deep copy of a front-matter tree. */
static struct fm_node *S_clone(const struct fm_node *n)
{
	if (!n)
		return NULL;
	struct fm_node *c = S_node_new(n->kind, n->line, n->col);
	c->value = n->value ? xstrdup(n->value) : NULL;
	c->plain = n->plain;
	c->n = n->n;
	if (n->n) {
		c->items = xcalloc(n->n, sizeof *c->items);
		if (n->keys)
			c->keys = xcalloc(n->n, sizeof *c->keys);
		for (size_t i = 0; i < n->n; i++) {
			c->items[i] = S_clone(n->items[i]);
			if (n->keys)
				c->keys[i] = n->keys[i] ? xstrdup(n->keys[i]) : NULL;
		}
	}
	return c;
}

/* Adds to merged the values of one `cascade` (a mapping, or a list of
 * them each with its target) the page takes and has none of yet: a
 * page's own value, or a nearer section's, wins. */
static void S_cascade_into(struct fm_node *merged, const struct fm_node *casc, const char *lpath,
			   const char *lang)
{
	if (!casc)
		return;
	size_t n = casc->kind == FM_LIST ? casc->n : 1;
	for (size_t e = 0; e < n; e++) {
		const struct fm_node *entry = casc->kind == FM_LIST ? casc->items[e] : casc;
		if (!entry || entry->kind != FM_MAP)
			continue;
		const struct fm_node *target = S_get(entry, "target");
		if (!target)
			target = S_get(entry, "_target");
		if (target && !S_target_matches(target, lpath, "page", lang))
			continue;
		for (size_t i = 0; i < entry->n; i++) {
			const char *key = entry->keys[i];
			if (!key || str_casecmp(key, "target") == 0 || str_casecmp(key, "_target") == 0)
				continue;
			struct fm_node *have = (struct fm_node *)S_get(merged, key);
			if (!have) {
				S_map_put(merged, xstrdup(key), S_clone(entry->items[i]));
			} else if (have->kind == FM_MAP && entry->items[i]->kind == FM_MAP) {
				/* params: the keys the page lacks */
				for (size_t k = 0; k < entry->items[i]->n; k++)
					if (!S_get(have, entry->items[i]->keys[k]))
						S_map_put(have, xstrdup(entry->items[i]->keys[k]),
							  S_clone(entry->items[i]->items[k]));
			}
		}
	}
}

/* The page's front matter with what the `cascade` of its sections (the
 * nearest first) and of the configuration give it, or NULL when nothing
 * cascades to it. */
static struct fm_node *S_with_cascade(const struct site *site, const struct fm_node *fm,
				      const struct S_loc *loc)
{
	const struct S_state *st = site->state;
	const char *lang = loc->lang ? loc->lang : S_default_lang(site->config);
	const struct fm_node *lang_casc = fm_get(S_lang_block(site->config, lang), "cascade");
	const struct fm_node *site_casc = fm_get(site->config, "cascade");
	bool any = lang_casc || site_casc;
	for (size_t i = 0; i < st->sec_dirs.n && !any; i++)
		any = S_get(st->sec_fm[i], "cascade") != NULL;
	if (!any)
		return NULL;
	char *lpath = S_logical_path(loc);
	struct fm_node *merged = fm && fm->kind == FM_MAP ? S_clone(fm) : S_node_new(FM_MAP, 1, 1);
	/* Section folders from the page's up to the content folder. */
	struct strvec dirs = STRVEC_INIT;
	struct strbuf d = STRBUF_INIT;
	sv_push(&dirs, "");
	for (size_t i = 0; i < loc->sections.n; i++) {
		if (i)
			sb_addc(&d, '/');
		sb_adds(&d, loc->sections.v[i]);
		sv_push(&dirs, d.s);
	}
	sb_release(&d);
	for (size_t k = dirs.n; k-- > 0;)
		for (size_t i = 0; i < st->sec_dirs.n; i++)
			if (strcmp(st->sec_dirs.v[i], dirs.v[k]) == 0)
				S_cascade_into(merged, S_get(st->sec_fm[i], "cascade"), lpath, lang);
	sv_free(&dirs);
	if (lang_casc)
		S_cascade_into(merged, lang_casc, lpath, lang);
	if (site_casc)
		S_cascade_into(merged, site_casc, lpath, lang);
	free(lpath);
	return merged;
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *own,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format;
	const struct fm_node *cfg = site->config;
	struct S_loc loc;
	bool located = S_locate(site, p->relpath, &loc);
	/* What the page's sections cascade to it counts as its own front
	 * matter where it has none of its own. */
	struct fm_node *merged = located ? S_with_cascade(site, own, &loc) : NULL;
	const struct fm_node *fm = merged ? merged : own;
	if (S_headless(site, p->relpath, fm)) {
		fm_node_free(merged);
		if (located)
			S_loc_free(&loc);
		return false;
	}

	/* Keys in other cases than the common reader's (Title:, Date:). */
	const char *s;
	if (!p->title && (s = fm_str(S_get(fm, "title"))) && *s)
		p->title = str_collapse_ws(s);
	if (!fm_get(own, "tags"))
		fm_strings(S_get(fm, "tags"), &p->tags);
	if (!fm_get(own, "categories"))
		fm_strings(S_get(fm, "categories"), &p->categories);
	if (!p->slug && (s = fm_str(S_get(fm, "slug"))) && *s)
		p->slug = xstrdup(s);
	if (!p->description && (s = fm_str(S_get(fm, "description"))))
		p->description = str_collapse_ws(s);
	if (!fm_get(own, "draft"))
		fm_bool(S_get(fm, "draft"), &p->draft);

	S_dates(site, p, fm, located ? &loc : NULL, dl);

	/* What Hugo does not publish is a draft here: expired, or not yet due
	 * (unless buildExpired / buildFuture), or never rendered. */
	int64_t now = (int64_t)time(NULL);
	bool build_expired = false, build_future = false;
	fm_bool(fm_get(cfg, "buildexpired"), &build_expired);
	fm_bool(fm_get(cfg, "buildfuture"), &build_future);
	if (p->expiry_date.valid && date_epoch(&p->expiry_date) <= now && !build_expired)
		p->draft = true;
	const struct date *due = p->publish_date.valid ? &p->publish_date : &p->date;
	if (due->valid && date_epoch(due) > now && !build_future)
		p->draft = true;
	const struct fm_node *build = S_get(fm, "build");
	if (!build)
		build = S_get(fm, "_build");
	const struct fm_node *render = S_get(build, "render");
	bool rb;
	if ((fm_bool(render, &rb) && !rb) ||
	    (fm_str(render) && (str_ieq(fm_str(render), "never") || str_ieq(fm_str(render), "link"))))
		p->draft = true;

	if (!p->series.n)
		fm_strings(S_get(fm, "series"), &p->series);
	if (!p->summary && (s = fm_str(S_get(fm, "summary"))) && *s)
		p->summary = str_collapse_ws(s);
	if ((s = fm_str(S_get(fm, "weight"))))
		p->weight = (int)strtol(s, NULL, 10);
	S_authors(site, p, fm);

	/* A leaf bundle is named by its folder, not "index". */
	if (!p->title)
		p->title = markdown_first_h1(p->body, p->body_len);
	if (!p->title && located && loc.bundle)
		p->title = xstrdup(loc.name);

	/* url, aliases and the live URL as Hugo makes them, whatever was read
	 * before. */
	const char *url = fm_str(S_get(fm, "url"));
	char *path = NULL;
	free(p->url);
	p->url = NULL;
	free(p->live_url);
	p->live_url = NULL;
	sv_free(&p->aliases);
	if (url && *url && url_has_authority(url)) {
		p->url = xstrdup(url);
	} else if (url && *url && located) {
		/* Relative to the base URL; without a leading slash also to the
		 * language prefix; tokens as in permalinks. */
		char *prefix = url[0] == '/' ? xstrdup("") : S_lang_prefix(site, loc.lang);
		char *expanded = S_expand(site, url, &loc, p, p->title ? p->title : loc.name);
		p->url = S_tidy_path(prefix, expanded);
		path = xstrdup(p->url);
		free(expanded);
		free(prefix);
	} else if (located) {
		path = S_page_path(site, &loc, p);
	}
	if (path)
		S_aliases(site, p, S_get(fm, "aliases"), path, loc.lang);
	/* The page's path on its site, as other generators give it: links
	 * written as site paths reach the post even when the config names no
	 * address (baseURL = "/"). */
	if (path && !p->url)
		p->url = xstrdup(path);
	if (site->url && p->url && url_has_authority(p->url))
		p->live_url = xstrdup(p->url);
	else if (site->url && path)
		p->live_url = S_abs(site, path);
	free(path);
	if (located)
		S_loc_free(&loc);
	fm_node_free(merged);
	return true;
}

/* ---- page_url ---- */

static char *S_read_url(const struct site *site, const char *relpath)
{
	struct diag_list quiet = DIAG_LIST_INIT;
	struct post *p = NULL;
	char *url = NULL;
	if (site_read_post(&p, site, relpath, &quiet) == 0 && p->live_url)
		url = xstrdup(p->live_url);
	post_free(p);
	diag_list_free(&quiet);
	return url;
}

/* The page a bundle folder holds (dir/index.md, dir/index.<lang>.md …),
 * relative to the root, or NULL. */
static char *S_bundle_index(const struct site *site, const char *dir)
{
	char *abs = path_join(site->root, dir);
	DIR *d = opendir(abs);
	free(abs);
	if (!d)
		return NULL;
	char *found = NULL;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && !found) {
		if (!S_has_ext(e->d_name, S_page_exts))
			continue;
		char *stem = S_page_stem(site, e->d_name);
		char *own = S_strip_ext(e->d_name);
		if (strcmp(stem, "index") == 0 && S_own_lang(site, dir, own))
			found = path_join(dir, e->d_name);
		free(own);
		free(stem);
	}
	closedir(d);
	return found;
}

/* Pages: their permalink. A leaf bundle's resources: under the page's URL.
 * Files of staticDir: at the site's root. Other files of contentDir: where
 * they lie. */
static char *S_page_url(const struct site *site, const char *relpath)
{
	const char *in_static = site->static_dir ? path_under(relpath, site->static_dir) : NULL;
	if (in_static && *in_static)
		return xasprintf("%s%s", site->url, in_static);
	const struct S_state *st = site->state;
	int m = S_mount_of(site, relpath);
	char *in = m >= 0 ? S_content_path(site, relpath) : NULL;
	if (!in || !*in || S_has_ext(relpath, S_page_exts)) {
		char *page = in && *in ? S_read_url(site, relpath) : NULL;
		free(in);
		return page;
	}
	/* The nearest folder above holding an index page is the bundle. */
	const char *top = st->msrc.v[m];
	char *dir = path_dirname(relpath);
	char *url = NULL;
	while (strcmp(dir, top) != 0 && strcmp(dir, ".") != 0 && path_under(dir, top)) {
		char *index = S_bundle_index(site, dir);
		if (index) {
			char *page = S_read_url(site, index);
			if (page)
				url = xasprintf("%s%s%s", page, str_ends_with(page, "/") ? "" : "/",
						relpath + strlen(dir) + 1);
			free(page);
			free(index);
			break;
		}
		char *up = path_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	if (!url)
		url = xasprintf("%s%s", site->url, in);
	free(in);
	return url;
}

/* Besides the folder named after the file (x.md → x/): a translated leaf
 * bundle shares the resources of the same bundle in the other languages'
 * content folders, as Hugo shares them (a translation without its own
 * image shows the default language's), the default language's first. */
static void S_image_folders(const struct site *site, const struct post *p, struct strvec *out)
{
	const struct S_state *st = site->state;
	char *dir = path_dirname(p->relpath);
	char *stem = S_strip_ext(path_basename(p->relpath));
	sv_push_owned(out, path_join(dir, stem));
	free(stem);
	stem = S_page_stem(site, path_basename(p->relpath));
	const char *rel = NULL;
	for (size_t i = 0; strcmp(stem, "index") == 0 && i < st->dirs.n && !rel; i++)
		rel = path_under(dir, st->dirs.v[i]);
	const char *def = S_lang_dir(site, S_default_lang(site->config));
	if (rel && *rel) {
		for (size_t i = 0; i <= st->dirs.n; i++) {
			const char *other = i == 0 ? def : st->dirs.v[i - 1];
			if (!other || (i > 0 && def && strcmp(other, def) == 0) || path_under(dir, other))
				continue;
			sv_push_owned(out, path_join(other, rel));
		}
	}
	free(stem);
	free(dir);
}

/* Where Hugo sites name a cover: `images` (Hugo's own Open Graph
 * template), `image`/`cover_image` (themes), PaperMod's `cover.image`; the
 * site-wide defaults under `params`. */
static const char *const S_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};
static const char *const S_config_cover_keys[] = {"cover_image", "image", "images", "cover.image",
	"params.cover_image", "params.image", "params.images", "params.cover.image", NULL};

/* ---- References ---- */

/* A page is x.md, or the index of a bundle (x/index.md) or of a section
 * (x/_index.md). */
static void S_page_forms(const struct site *site, const char *path, struct strvec *out)
{
	(void)site;
	for (const char *const *e = S_page_exts; *e; e++) {
		sv_push_owned(out, xasprintf("%s%s", path, *e));
		sv_push_owned(out, xasprintf("%s/index%s", path, *e));
		sv_push_owned(out, xasprintf("%s/_index%s", path, *e));
	}
}


/* ---- What the dialect passes read of the site (issue 12) ---- */

/* The params a `{{< param >}}` falls back to (the book language's
 * `params`, then its block's custom keys as Hugo reads them, then the
 * site's), enableEmoji, and the shortcode templates Hugo looks up:
 * the site's layouts/_shortcodes/ and layouts/shortcodes/, then each
 * theme's (`theme` is a name or a list, the first winning; themesDir). */
static struct site_data *S_site_data(const struct site *site)
{
	static const char *const exts[] = {".html", ".md", NULL};
	const struct fm_node *cfg = site->config;
	struct site_data *sd = site_data_new(site);
	const struct fm_node *lparams = fm_get(S_lang_block(cfg, S_book_lang(site)), "params"), *params = fm_get(cfg, "params");
	const struct S_state *st = site->state;
	if (lparams)
		sd->params[sd->nparams++] = lparams;
	if (st && st->lang_custom)
		sd->params[sd->nparams++] = st->lang_custom;
	if (params)
		sd->params[sd->nparams++] = params;
	bool on = false;
	sd->emoji = fm_bool(fm_get(cfg, "enableemoji"), &on) && on;
	site_data_add_templates(sd, "layouts/_shortcodes", exts);
	site_data_add_templates(sd, "layouts/shortcodes", exts);
	struct strvec themes = STRVEC_INIT;
	fm_strings(fm_get(cfg, "theme"), &themes);
	const char *tdir = S_first_str(fm_get(cfg, "themesdir"));
	for (size_t i = 0; i < themes.n; i++) {
		if (strstr(themes.v[i], "..") || themes.v[i][0] == '/')
			continue;
		char *base = path_join(tdir && *tdir && !strstr(tdir, "..") && tdir[0] != '/' ? tdir : "themes",
				       themes.v[i]);
		char *d1 = path_join(base, "layouts/_shortcodes"), *d2 = path_join(base, "layouts/shortcodes");
		site_data_add_templates(sd, d1, exts);
		site_data_add_templates(sd, d2, exts);
		free(d1);
		free(d2);
		free(base);
	}
	sv_free(&themes);
	return sd;
}

const struct site_generator site_hugo = {
	.name = "hugo",
	.detect = S_detect,
	.configure = S_configure,
	.free_state = S_free_state,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.page_url = S_page_url,
	.dialects = DIALECTS(&dialect_hugo, &dialect_site_emoji, &dialect_math, &dialect_heading_ids),
	.cover_keys = S_cover_keys,
	.config_cover_keys = S_config_cover_keys,
	.post_exts = S_page_exts,
	.lenient_dates = true, /* post_fields reads every date, by Hugo's layouts */
	.keep_front_matter = true, /* {{< param >}} reads the page's own keys */
	.page_forms = S_page_forms,
	.ref_targets = site_ref_targets_usual, /* ref/relref: a path, or a page by name */
	.image_folders = S_image_folders,
	.site_data = S_site_data,
};
