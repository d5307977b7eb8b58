/* MkDocs with Material's blog plugin: posts are every .md file under
 * <docs_dir>/<blog_dir>/posts, authors come from .authors.yml. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "convert/dialect.h"
#include "base/slug.h"
#include "base/utf8.h"
#include "input/site.h"

/* The files MkDocs (or Zensical) is run with, in the order they are
 * looked for: Zensical's own file, mkdocs.yml, then a root file named
 * mkdocs*.yml for sites whose configuration is split and built with
 * `mkdocs build -f mkdocs-online.yml`. Appended to out, sorted. */
static void S_config_candidates(const char *root, struct strvec *out)
{
	static const char *const names[] = {"zensical.toml", "mkdocs.yml", "mkdocs.yaml"};
	for (size_t i = 0; i < 3; i++) {
		char *p = path_join(root, names[i]);
		if (path_is_file(p))
			sv_push(out, names[i]);
		free(p);
	}
	if (out->n)
		return;
	struct strvec all = STRVEC_INIT;
	site_list_dir(root, &all);
	for (size_t i = 0; i < all.n; i++) {
		char *p = path_join(root, all.v[i]);
		if (str_starts_with(all.v[i], "mkdocs") &&
		    (str_ends_with(all.v[i], ".yml") || str_ends_with(all.v[i], ".yaml")) && path_is_file(p))
			sv_push(out, all.v[i]);
		free(p);
	}
	sv_free(&all);
}

static bool S_detect(const char *root)
{
	struct strvec names = STRVEC_INIT;
	S_config_candidates(root, &names);
	bool found = names.n > 0;
	sv_free(&names);
	return found;
}

/* MkDocs' `!ENV VAR` and `!ENV [VAR, OTHER, default]`: the first variable
 * set, else the default (the last item of a list of two or more), else
 * null. Applied through the whole tree, in place. */
static void S_resolve_env(struct fm_node *n)
{
	if (!n)
		return;
	if (n->tag && strcmp(n->tag, "!ENV") == 0 && n->kind != FM_MAP) {
		const char *val = NULL;
		bool plain = true;
		if (n->kind == FM_SCALAR) {
			val = getenv(n->value);
			plain = val == NULL;
		} else {
			size_t vars = n->n > 1 ? n->n - 1 : n->n;
			for (size_t i = 0; i < vars && !val; i++)
				if (n->items[i]->kind == FM_SCALAR)
					val = getenv(n->items[i]->value);
			plain = val == NULL;
			if (!val && n->n > 1 && fm_str(n->items[n->n - 1])) {
				val = n->items[n->n - 1]->value;
				plain = n->items[n->n - 1]->plain;
			}
		}
		char *copy = xstrdup(val ? val : "");
		for (size_t i = 0; i < n->n; i++) {
			fm_node_free(n->items[i]);
			if (n->keys)
				free(n->keys[i]);
		}
		free(n->items);
		free(n->keys);
		free(n->value);
		n->items = NULL;
		n->keys = NULL;
		n->n = n->cap = 0;
		n->kind = FM_SCALAR;
		n->value = copy;
		n->plain = plain;
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		S_resolve_env(n->items[i]);
}

/* INHERIT as MkDocs merges it: mappings merge key by key, the child's
 * value wins for anything else (lists are replaced, not joined). Takes
 * over; base is changed in place. */
static void S_merge(struct fm_node *base, struct fm_node *over)
{
	for (size_t i = 0; i < over->n; i++) {
		struct fm_node *v = over->items[i];
		size_t j = 0;
		while (j < base->n && strcmp(base->keys[j], over->keys[i]) != 0)
			j++;
		if (j < base->n && base->items[j]->kind == FM_MAP && v->kind == FM_MAP) {
			S_merge(base->items[j], v);
		} else if (j < base->n) {
			fm_node_free(base->items[j]);
			base->items[j] = v;
		} else {
			fm_node_push(base, over->keys[i], v);
			over->keys[i] = NULL;
		}
		over->items[i] = NULL;
	}
	fm_node_free(over);
}

/* Removes key from map (its value freed). */
static void S_drop_key(struct fm_node *map, const char *key)
{
	for (size_t i = 0; map && map->kind == FM_MAP && i < map->n; i++) {
		if (strcmp(map->keys[i], key) == 0) {
			fm_node_free(map->items[i]);
			free(map->keys[i]);
			memmove(map->keys + i, map->keys + i + 1, (map->n - i - 1) * sizeof *map->keys);
			memmove(map->items + i, map->items + i + 1, (map->n - i - 1) * sizeof *map->items);
			map->n--;
			return;
		}
	}
}

/* Nested INHERIT files are followed this deep at most (a cycle stops). */
#define S_MAX_INHERIT 8

/* Reads the YAML config at rel (relative to root) with what it INHERITs:
 * the parent's path is relative to the file naming it and must stay
 * inside the site (else a warning and the file is read alone). Returns 0
 * and *out (NULL for an empty file), or -1 after reporting an error. */
static int S_load_yaml(struct fm_node **out, const char *root, const char *rel, int depth,
		       struct diag_list *dl)
{
	char *path = path_join(root, rel), *text = NULL;
	size_t len = 0;
	int ret = -1;
	*out = NULL;
	int rc = read_file(path, &text, &len);
	if (rc < 0) {
		diag_error(dl, path, 0, 0, "cannot read: %s", strerror(-rc));
		goto out;
	}
	/* Config files use !ENV and !!python tags and sometimes anchors: an
	 * alias there is only worth a warning. */
	if (fm_parse_yaml(out, text, len, path, 1, DIAG_WARNING, dl) < 0)
		goto out;
	ret = 0;
	const struct fm_node *inherit = fm_get(*out, "INHERIT");
	const char *parent_name = fm_str(inherit);
	if (!parent_name)
		goto out;
	char *dir = path_dirname(rel);
	int line = inherit->line, col = inherit->col;
	char *parent_rel = site_config_path(root, dir, parent_name, path, line, col, "INHERIT", "not read", dl);
	char *parent_path = parent_rel ? path_join(root, parent_rel) : NULL;
	if (!parent_rel) {
		/* outside the site: said */
	} else if (!path_is_file(parent_path)) {
		diag_warning(dl, path, line, col, "INHERIT '%s' does not exist: not read", parent_name);
	} else if (depth >= S_MAX_INHERIT) {
		diag_warning(dl, path, line, col, "INHERIT '%s' nests too deep (a cycle?): not read",
			     parent_name);
	} else {
		struct fm_node *parent = NULL;
		ret = S_load_yaml(&parent, root, parent_rel, depth + 1, dl);
		if (ret == 0 && parent && parent->kind == FM_MAP && (*out)->kind == FM_MAP) {
			S_drop_key(*out, "INHERIT");
			S_merge(parent, *out);
			*out = parent;
		} else {
			fm_node_free(parent);
		}
	}
	S_drop_key(*out, "INHERIT");
	free(parent_path);
	free(parent_rel);
	free(dir);
out:
	if (ret < 0) {
		fm_node_free(*out);
		*out = NULL;
	}
	free(text);
	free(path);
	return ret;
}

/* Zensical's zensical.toml: the keys mkdocs.yml has, under [project]. */
static int S_load_toml(struct fm_node **out, const char *root, const char *rel, struct diag_list *dl)
{
	char *path = path_join(root, rel), *text = NULL;
	size_t len = 0;
	struct fm_node *doc = NULL;
	int ret = -1;
	*out = NULL;
	int rc = read_file(path, &text, &len);
	if (rc < 0)
		diag_error(dl, path, 0, 0, "cannot read: %s", strerror(-rc));
	else if (fm_parse_toml(&doc, text, len, path, 1, dl) == 0)
		ret = 0;
	for (size_t i = 0; doc && i < doc->n; i++) {
		if (strcmp(doc->keys[i], "project") == 0 && doc->items[i]->kind == FM_MAP) {
			*out = doc->items[i];
			doc->items[i] = NULL;
		}
	}
	fm_node_free(doc);
	free(text);
	free(path);
	return ret;
}

/* The blog plugin's settings: `plugins: [blog]` or `- blog: {…}`, also
 * under its namespaced name. Returns NULL when listed without settings. */
static const struct fm_node *S_blog_plugin(const struct fm_node *config, bool *listed)
{
	const struct fm_node *plugins = fm_get(config, "plugins");
	*listed = false;
	if (!plugins)
		return NULL;
	static const char *const names[] = {"blog", "material/blog"};
	for (size_t i = 0; i < plugins->n; i++) {
		const struct fm_node *item = plugins->items[i];
		for (size_t k = 0; k < 2; k++) {
			if (plugins->kind == FM_LIST && item->kind == FM_SCALAR &&
			    strcmp(item->value, names[k]) == 0) {
				*listed = true;
				return NULL;
			}
			if (plugins->kind == FM_LIST && item->kind == FM_MAP && fm_get(item, names[k])) {
				*listed = true;
				return fm_get(item, names[k]);
			}
			if (plugins->kind == FM_MAP && strcmp(plugins->keys[i], names[k]) == 0) {
				*listed = true;
				return item;
			}
		}
	}
	return NULL;
}

/* Expands the plugin's "{blog}" placeholder. */
static char *S_expand_blog(const char *pattern, const char *blog_dir)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = pattern; *p;) {
		if (str_starts_with(p, "{blog}")) {
			sb_adds(&sb, blog_dir);
			p += 6;
		} else {
			sb_addc(&sb, *p++);
		}
	}
	return sb_detach(&sb);
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	int ret = -1;
	char *cfgpath = NULL, *authors_text = NULL, *authors_path = NULL;
	size_t len = 0;
	struct strvec names = STRVEC_INIT;
	S_config_candidates(site->root, &names);
	if (!names.n) {
		diag_error(dl, site->root, 0, 0, "no mkdocs.yml in this folder");
		goto out;
	}
	/* Of several mkdocs*.yml, the one that builds the blog. */
	for (size_t i = 0; i < names.n && !site->config_file; i++) {
		struct fm_node *cfg = NULL;
		int rc = str_ends_with(names.v[i], ".toml") ? S_load_toml(&cfg, site->root, names.v[i], dl)
							    : S_load_yaml(&cfg, site->root, names.v[i], 0, dl);
		if (rc < 0)
			goto out;
		bool listed;
		S_blog_plugin(cfg, &listed);
		if (listed || i + 1 == names.n) {
			site->config_file = xstrdup(names.v[i]);
			site->config = cfg;
		} else {
			fm_node_free(cfg);
		}
	}
	cfgpath = path_join(site->root, site->config_file);
	S_resolve_env(site->config);
	const struct fm_node *cfg = site->config;
	site->title = str_dup_nonempty(fm_str(fm_get(cfg, "site_name")));
	site->author = str_dup_nonempty(fm_str(fm_get(cfg, "site_author")));
	site->url = str_dup_nonempty(fm_str(fm_get(cfg, "site_url")));
	site->description = str_dup_nonempty(fm_str(fm_get(cfg, "site_description")));
	site->copyright = str_dup_nonempty(fm_str(fm_get(cfg, "copyright")));
	site->language = str_dup_nonempty(fm_str(fm_get_path(cfg, "theme", "language", NULL)));

	/* Every folder the config names stays inside the site (else the
	 * default is read, with a warning). */
	const struct fm_node *dn = fm_get(cfg, "docs_dir");
	char *docs_norm = site_config_path(site->root, ".", fm_str(dn), cfgpath, dn ? dn->line : 0, dn ? dn->col : 0,
					   "docs_dir", "the default docs/ is read", dl);
	site->content_dir = docs_norm = docs_norm ? docs_norm : xstrdup("docs");

	bool listed;
	const struct fm_node *blog = S_blog_plugin(cfg, &listed);
	const char *blog_dir = fm_str(fm_get(blog, "blog_dir"));
	const char *post_dir = fm_str(fm_get(blog, "post_dir"));
	const char *authors_file = fm_str(fm_get(blog, "authors_file"));
	char *blog_rel = path_normalize(blog_dir ? blog_dir : "blog");
	site->state = xstrdup(blog_rel); /* the blog's folder: post URLs start there */
	char *posts_pat = S_expand_blog(post_dir ? post_dir : "{blog}/posts", blog_rel);
	char *authors_pat = S_expand_blog(authors_file ? authors_file : "{blog}/.authors.yml", blog_rel);
	const struct fm_node *pn = post_dir ? fm_get(blog, "post_dir") : fm_get(blog, "blog_dir");
	site->posts_dir = site_config_path(site->root, docs_norm, posts_pat, cfgpath, pn ? pn->line : 0,
					   pn ? pn->col : 0, post_dir ? "post_dir" : "blog_dir",
					   "the default blog/posts is read", dl);
	if (!site->posts_dir)
		site->posts_dir = path_join(docs_norm, "blog/posts");
	bool authors_on = true;
	fm_bool(fm_get(blog, "authors"), &authors_on);
	const struct fm_node *af = fm_get(blog, "authors_file");
	char *authors_rel = site_config_path(site->root, docs_norm, authors_pat, cfgpath, af ? af->line : 0,
					     af ? af->col : 0, "authors_file", "not read", dl);
	if (authors_rel && authors_on)
		authors_path = path_join(site->root, authors_rel);
	free(blog_rel);
	free(posts_pat);
	free(authors_pat);
	free(authors_rel);

	char *posts_abs = path_join(site->root, site->posts_dir);
	bool have_posts = path_is_dir(posts_abs);
	free(posts_abs);
	if (!have_posts) {
		diag_error(dl, cfgpath, 0, 0, "the blog's posts folder '%s' does not exist%s",
			   site->posts_dir,
			   listed ? "" : " (and the blog plugin is not listed under plugins)");
		goto out;
	}

	if (authors_path && path_is_file(authors_path)) {
		struct fm_node *authors = NULL;
		if (read_file(authors_path, &authors_text, &len) == 0 &&
		    fm_parse_yaml(&authors, authors_text, len, authors_path, 1, DIAG_WARNING, dl) == 0) {
			/* `authors:` wraps the map in current Material; older files
			 * are the map itself. */
			const struct fm_node *map = fm_get(authors, "authors");
			if (map && map->kind == FM_MAP) {
				for (size_t i = 0; i < authors->n; i++) {
					if (authors->items[i] == map) {
						authors->items[i] = NULL;
						site->authors = (struct fm_node *)map;
					}
				}
				fm_node_free(authors);
			} else {
				site->authors = authors;
			}
		}
	}
	ret = 0;
out:
	sv_free(&names);
	free(cfgpath);
	free(authors_text);
	free(authors_path);
	return ret;
}

/* The files it reads as posts. */
static const char *const S_post_exts[] = {".md", ".markdown", NULL};

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	(void)dl;
	site_walk_report(site->root, site->posts_dir, S_post_exts, files, dl);
	return 0;
}

/* Material's meta plugin: a `.meta.yml` in a folder gives defaults to every
 * page below it; the page's own front matter wins, lists add up. Applied
 * from docs_dir down to the post's folder, so nearer files win. */
static bool S_meta_defaults(const struct site *site, struct post *p, const struct fm_node *fm,
			    struct diag_list *dl)
{
	bool draft_set = false;
	char *dir = path_dirname(p->relpath);
	const char *below = path_under(dir, site->content_dir);
	struct strvec folders = STRVEC_INIT;
	sv_push(&folders, site->content_dir);
	if (below && *below) {
		char *acc = xstrdup(site->content_dir);
		for (const char *q = below; *q;) {
			const char *slash = strchr(q, '/');
			size_t n = slash ? (size_t)(slash - q) : strlen(q);
			char *seg = xstrndup(q, n);
			char *next = path_join(acc, seg);
			free(seg);
			free(acc);
			acc = next;
			sv_push(&folders, acc);
			q += n + (slash ? 1 : 0);
		}
		free(acc);
	}
	/* Nearest first: the first value found for a field is the one kept. */
	for (size_t k = folders.n; k-- > 0;) {
		char *rel = path_join(folders.v[k], ".meta.yml");
		char *path = path_join(site->root, rel);
		char *text = NULL;
		size_t len;
		struct fm_node *meta = NULL;
		if (path_is_file(path) && read_file(path, &text, &len) == 0 &&
		    fm_parse_yaml(&meta, text, len, path, 1, DIAG_WARNING, dl) == 0 && meta) {
			bool draft;
			if (!fm_get(fm, "draft") && !draft_set && fm_bool(fm_get(meta, "draft"), &draft)) {
				p->draft = draft;
				draft_set = true;
			}
			const char *desc = fm_str(fm_get(meta, "description"));
			if (!p->description && desc)
				p->description = str_collapse_ws(desc);
			struct strvec more = STRVEC_INIT;
			fm_strings(fm_get(meta, "tags"), &more);
			for (size_t i = 0; i < more.n; i++)
				sv_push_unique_ci(&p->tags, more.v[i]);
			sv_free(&more);
			fm_strings(fm_get(meta, "categories"), &more);
			for (size_t i = 0; i < more.n; i++)
				sv_push_unique_ci(&p->categories, more.v[i]);
			sv_free(&more);
			if (!p->authors.n)
				fm_strings(fm_get(meta, "authors"), &p->authors);
		}
		fm_node_free(meta);
		free(text);
		free(path);
		free(rel);
	}
	sv_free(&folders);
	free(dir);
	return draft_set;
}

/* gen_marks: the post's title is its body's first heading. */
#define S_TITLE_FROM_BODY 1u

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format;
	if (!p->title)
		p->gen_marks |= S_TITLE_FROM_BODY;
	bool draft_set = S_meta_defaults(site, p, fm, dl);
	bool drafts_published = false, future_drafts = false, listed, flag;
	draft_set |= fm_bool(fm_get(fm, "draft"), &flag);
	const struct fm_node *blog = S_blog_plugin(site->config, &listed);
	/* draft: true publishes drafts (a deploy preview); draft_on_serve is
	 * for `mkdocs serve` only, and sheaf builds. draft_if_future_date
	 * makes a post dated after the build a draft unless it says itself
	 * (or its .meta.yml says) whether it is one. */
	fm_bool(fm_get(blog, "draft"), &drafts_published);
	if (!draft_set && fm_bool(fm_get(blog, "draft_if_future_date"), &future_drafts) && future_drafts &&
	    p->date.valid && date_epoch(&p->date) > (int64_t)time(NULL))
		p->draft = true;
	if (drafts_published)
		p->draft = false;
	/* categories_allowed: Material stops the build on any other category;
	 * sheaf says so and keeps the post. */
	const struct fm_node *allowed = fm_get(blog, "categories_allowed");
	if (allowed && allowed->kind == FM_LIST && allowed->n) {
		struct strvec ok = STRVEC_INIT;
		fm_strings(allowed, &ok);
		const struct fm_node *cats = fm_get(fm, "categories");
		for (size_t i = 0; i < p->categories.n; i++) {
			size_t k = 0;
			while (k < ok.n && strcmp(ok.v[k], p->categories.v[i]) != 0)
				k++;
			if (k == ok.n)
				diag_warning(dl, p->path, cats ? cats->line : 0, cats ? cats->col : 0,
					     "category '%s' is not in the blog's categories_allowed (MkDocs "
					     "would stop the build): the post is kept",
					     p->categories.v[i]);
		}
		sv_free(&ok);
	}
	/* authors: false turns the blog's authors off. */
	bool authors_on = true;
	if (fm_bool(fm_get(blog, "authors"), &authors_on) && !authors_on) {
		sv_free(&p->authors);
		sv_free(&p->author_names);
		return true;
	}
	for (size_t i = 0; i < p->authors.n; i++) {
		const char *name = fm_str(fm_get_path(site->authors, p->authors.v[i], "name", NULL));
		sv_push(&p->author_names, name && *name ? name : p->authors.v[i]);
	}
	return true;
}

/* The slug functions post_slugify names. */
enum S_slugger {
	S_TOC,         /* markdown.extensions.toc.slugify, the default: ASCII only */
	S_TOC_UNICODE, /* toc.slugify_unicode */
	S_PYMDOWNX,    /* pymdownx.slugs.slugify(case=…) and the older uslugify */
};

/* What post_slugify (or categories_slugify) names: a dotted name, given
 * as the value or (PyYAML's !!python/name: and !!python/object/apply:) in
 * the tag; *lower tells whether the slug is lowercased. Unset: the
 * plugin's default, pymdownx.slugs.slugify(case="lower"). */
static enum S_slugger S_slugger_of(const struct fm_node *node, bool *lower)
{
	*lower = true;
	const char *name = !node ? NULL : node->tag ? node->tag : fm_str(node);
	if (!name)
		return S_PYMDOWNX;
	if (strstr(name, "slugify_unicode"))
		return S_TOC_UNICODE;
	if (strstr(name, "pymdownx.slugs.slugify")) {
		/* A factory: its case defaults to none. */
		const char *c = fm_str(fm_get_path(node, "kwds", "case", NULL));
		*lower = c && (strcmp(c, "lower") == 0 || strcmp(c, "fold") == 0 || strcmp(c, "lower-ascii") == 0);
		return S_PYMDOWNX;
	}
	if (strstr(name, "pymdownx.slugs.uslugify"))
		return S_PYMDOWNX;
	return S_TOC;
}

/* A post's slug from its title (what is "post"), or a category's slug
 * from its name ("categories"), as post_slugify makes it with
 * post_slugify_separator (default "-"), or categories_slugify with its
 * separator: Python-Markdown's toc slugify
 * (accents dropped, only ASCII word characters, runs of spaces and
 * hyphens one separator), its Unicode form (letters of any script kept),
 * or pymdownx's (word characters of any script, hyphens and spaces kept,
 * each space one separator). */
static char *S_slug(const struct fm_node *blog, const char *what, const char *title)
{
	bool lower;
	char *fn_key = xasprintf("%s_slugify", what), *sep_key = xasprintf("%s_slugify_separator", what);
	enum S_slugger how = S_slugger_of(fm_get(blog, fn_key), &lower);
	const char *sep = fm_str(fm_get(blog, sep_key));
	free(fn_key);
	free(sep_key);
	if (!sep)
		sep = "-";
	struct strbuf kept = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)(title ? title : "");
	for (size_t left = strlen((const char *)p); left;) {
		unsigned cp;
		size_t k = utf8_decode(p, left, &cp);
		if (!k) {
			p++;
			left--;
			continue;
		}
		p += k;
		left -= k;
		if (lower)
			cp = utf8_lower(cp);
		if (cp < 0x80) {
			if (isalnum((int)cp) || cp == '_' || cp == '-' || cp == ' ' ||
			    (how != S_PYMDOWNX && isspace((int)cp)))
				sb_addc(&kept, (char)cp);
		} else if (how == S_TOC) {
			char ascii[3];
			size_t n = slug_latin(cp, ascii);
			sb_add(&kept, ascii, n);
		} else if (!utf8_is_punct(cp) && !utf8_is_space(cp)) {
			char u[4];
			sb_add(&kept, u, utf8_encode(u, cp));
		} else if (how == S_TOC_UNICODE && utf8_is_space(cp)) {
			sb_addc(&kept, ' ');
		}
	}
	const char *t = kept.s ? kept.s : "";
	size_t n = kept.len;
	while (n && isspace((unsigned char)t[n - 1]))
		n--;
	while (n && isspace((unsigned char)*t)) {
		t++;
		n--;
	}
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < n;) {
		bool spacey = isspace((unsigned char)t[i]) || (how != S_PYMDOWNX && t[i] == '-');
		if (!spacey) {
			sb_addc(&out, t[i++]);
			continue;
		}
		if (how == S_PYMDOWNX) {
			sb_adds(&out, sep);
			i++;
			continue;
		}
		while (i < n && (isspace((unsigned char)t[i]) || t[i] == '-'))
			i++;
		sb_adds(&out, sep);
	}
	sb_release(&kept);
	return out.s ? sb_detach(&out) : xstrdup("");
}

/* The title MkDocs reads from a page's Markdown before rendering it (its
 * get_markdown_title), which the blog plugin slugifies: the first line
 * that is not blank, when it starts with "# ", as written (`&mdash;`
 * and all). Malloc'd, or NULL. */
static char *S_markdown_title(const char *body, size_t len)
{
	for (size_t i = 0; body && i < len;) {
		const char *nl = memchr(body + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - body) + 1 : len;
		const char *l = body + i;
		size_t n = next - i;
		while (n && isspace((unsigned char)*l))
			l++, n--;
		while (n && isspace((unsigned char)l[n - 1]))
			n--;
		i = next;
		if (!n)
			continue;
		if (n < 2 || l[0] != '#' || l[1] != ' ')
			return NULL;
		while (n && (*l == '#' || *l == ' '))
			l++, n--;
		return xstrndup(l, n);
	}
	return NULL;
}

/* A name in one of CLDR's widths for a run of n pattern letters:
 * abbreviated (up to 3: "Jan", "Mon"), wide (4), narrow (5: "J"), short
 * (6, weekdays: "Mo"). English: sheaf has no other language's names (the
 * blog plugin writes them in the theme's language; a site whose URLs name
 * months in another language gets English ones here). */
static void S_url_name(struct strbuf *out, const char *wide, size_t n)
{
	size_t len = strlen(wide);
	size_t keep = n <= 3 ? 3 : n == 4 ? len : n == 5 ? 1 : 2;
	sb_add(out, wide, keep < len ? keep : len);
}

/* A date written with a Unicode (Babel) date pattern, as
 * post_url_date_format is: runs of y (yy: two digits, a longer run pads),
 * M and L (1, 2: a number, unpadded or padded; 3, 4, 5: the month's name,
 * abbreviated, wide, narrow), d, D (day of the year), E (1-3 abbreviated,
 * 4 wide, 5 narrow, 6 short weekday), e and c (as E from 3 letters on;
 * fewer: the local weekday's number, Sunday first as English counts),
 * Q (quarter), G (era); 'quoted' text as it is, other characters kept. */
static void S_url_date(struct strbuf *out, const char *fmt, const struct date *d)
{
	for (const char *f = fmt; *f;) {
		size_t run = 1;
		while (f[run] == f[0])
			run++;
		if (*f == '\'') {
			const char *end = strchr(f + 1, '\'');
			if (f[1] == '\'') {
				sb_addc(out, '\'');
				f += 2;
				continue;
			}
			size_t n = end ? (size_t)(end - f - 1) : strlen(f + 1);
			sb_add(out, f + 1, n);
			f += n + 1 + (end != NULL);
			continue;
		}
		int wd = date_weekday(d);
		if (*f == 'y' && run == 2)
			sb_addf(out, "%02d", d->year % 100);
		else if (*f == 'y')
			sb_addf(out, "%0*d", (int)run, d->year);
		else if ((*f == 'M' || *f == 'L') && run >= 3)
			S_url_name(out, date_month_name(d->month), run);
		else if (*f == 'M' || *f == 'L')
			sb_addf(out, run >= 2 ? "%02d" : "%d", d->month);
		else if (*f == 'd')
			sb_addf(out, run >= 2 ? "%02d" : "%d", d->day);
		else if (*f == 'D')
			sb_addf(out, "%0*d", (int)(run > 3 ? 3 : run), date_yearday(d));
		else if (*f == 'E' || ((*f == 'e' || *f == 'c') && run >= 3))
			S_url_name(out, date_weekday_name(wd), run);
		else if (*f == 'e' || *f == 'c')
			sb_addf(out, run >= 2 ? "%02d" : "%d", wd + 1);
		else if (*f == 'Q' || *f == 'q') {
			static const char *const wide[] = {"1st quarter", "2nd quarter", "3rd quarter", "4th quarter"};
			int q = (d->month + 2) / 3;
			if (run >= 4 && q >= 1 && q <= 4)
				sb_adds(out, wide[q - 1]);
			else
				sb_addf(out, run == 3 ? "Q%d" : run == 2 ? "%02d" : "%d", q);
		}
		else if (*f == 'G')
			sb_adds(out, run == 4 ? (d->year > 0 ? "Anno Domini" : "Before Christ")
					      : run == 5 ? (d->year > 0 ? "A" : "B") : (d->year > 0 ? "AD" : "BC"));
		else
			sb_add(out, f, run);
		f += run;
	}
}

/* A blog post's URL, as the blog plugin makes it: post_url_format
 * (default "{date}/{slug}") under the blog's folder, the date written with
 * post_url_date_format (default "yyyy/MM/dd"), the slug from front matter
 * or the title. */
static char *S_post_url(const struct site *site, const struct post *p)
{
	char *url = NULL;
	const char *relpath = p->relpath;
	if (!p->date.valid || !site->url)
		return NULL;
	bool listed;
	const struct fm_node *blog = S_blog_plugin(site->config, &listed);
	const char *fmt = fm_str(fm_get(blog, "post_url_format"));
	const char *dfmt = fm_str(fm_get(blog, "post_url_date_format"));
	struct strbuf date = STRBUF_INIT, path = STRBUF_INIT;
	S_url_date(&date, dfmt ? dfmt : "yyyy/MM/dd", &p->date);
	char *raw = p->slug || !(p->gen_marks & S_TITLE_FROM_BODY) ? NULL : S_markdown_title(p->body, p->body_len);
	char *slug = p->slug ? xstrdup(p->slug) : S_slug(blog, "post", raw ? raw : p->title);
	free(raw);
	char *file = xstrdup(path_basename(relpath));
	if (strrchr(file, '.'))
		*strrchr(file, '.') = '\0';
	for (const char *f = fmt ? fmt : "{date}/{slug}"; *f;) {
		if (str_starts_with(f, "{date}")) {
			sb_adds(&path, date.s ? date.s : "");
			f += 6;
		} else if (str_starts_with(f, "{slug}")) {
			sb_adds(&path, slug);
			f += 6;
		} else if (str_starts_with(f, "{file}")) {
			sb_adds(&path, file);
			f += 6;
		} else if (str_starts_with(f, "{categories}")) {
			/* The first post_url_max_categories (default 1), each
			 * slugified, joined with '/'. */
			const char *max_s = fm_str(fm_get(blog, "post_url_max_categories"));
			size_t max = max_s ? strtoul(max_s, NULL, 10) : 1;
			for (size_t i = 0; i < p->categories.n && i < max; i++) {
				char *cat = S_slug(blog, "categories", p->categories.v[i]);
				if (i)
					sb_addc(&path, '/');
				sb_adds(&path, cat);
				free(cat);
			}
			f += 12;
		} else {
			sb_addc(&path, *f++);
		}
	}
	const char *blog_dir = site->state;
	char *joined = strcmp(blog_dir, ".") == 0 ? xstrdup(path.s ? path.s : "")
						  : path_join(blog_dir, path.s ? path.s : "");
	char *norm = path_normalize(joined);
	url = xasprintf("%s%s%s/", site->url, str_ends_with(site->url, "/") ? "" : "/", norm);
	free(norm);
	free(joined);
	free(slug);
	free(file);
	sb_release(&date);
	sb_release(&path);
	return url;
}

/* MkDocs' use_directory_urls: docs/a/b.md is served at a/b/, docs/a/index.md
 * at a/; blog posts where the blog plugin puts them. */
static char *S_page_url(const struct site *site, const char *relpath)
{
	const char *in_docs = path_under(relpath, site->content_dir);
	if (!in_docs)
		return NULL;
	if (str_ends_with(relpath, ".md") && path_under(relpath, site->posts_dir)) {
		/* A post left out of the book: read it for its date and slug. */
		struct diag_list quiet = DIAG_LIST_INIT;
		struct post *p = NULL;
		char *url = NULL;
		if (site_read_post(&p, site, relpath, &quiet) == 0)
			url = S_post_url(site, p);
		post_free(p);
		diag_list_free(&quiet);
		if (url)
			return url;
	}
	const char *sep = str_ends_with(site->url, "/") ? "" : "/";
	if (!str_ends_with(in_docs, ".md"))
		return xasprintf("%s%s%s", site->url, sep, in_docs);
	char *page = xstrndup(in_docs, strlen(in_docs) - 3);
	const char *base = path_basename(page);
	if (strcmp(base, "index") == 0 || strcmp(base, "README") == 0)
		page[base - page] = '\0';
	else
		strcat(page = xrealloc(page, strlen(page) + 2), "/");
	char *url = xasprintf("%s%s%s", site->url, sep, page);
	free(page);
	return url;
}

/* Posts' `cover_image`/`image`; the site-wide one under `extra`. */
static const char *const S_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};
static const char *const S_config_cover_keys[] = {"cover_image", "image", "images", "cover.image",
	"extra.cover_image", "extra.image", "extra.images", "extra.cover.image", NULL};

const struct site_generator site_mkdocs = {
	.name = "mkdocs",
	.detect = S_detect,
	.configure = S_configure,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.page_url = S_page_url,
	.post_url = S_post_url,
	.free_state = free,
	.dialects = DIALECTS(&dialect_snippets, &dialect_pymdownx, &dialect_mkdocs, &dialect_emoji,
			     &dialect_math),
	.cover_keys = S_cover_keys,
	.config_cover_keys = S_config_cover_keys,
	.post_exts = S_post_exts,
};
