/* Hexo: a folder with _config.yml whose source folder (`source_dir`,
 * default source/) holds _posts/.
 *
 * As Hexo's post processor reads them (hexo lib/plugins/processor/post.ts,
 * filter/post_permalink.ts, hexo-util's Permalink and slugize):
 * - Posts are the Markdown files under source/_posts/ (any folders);
 *   source/_drafts/ holds drafts. A path with a component starting with
 *   `_` or `.` is hidden, a name ending in `~` or `%` is a temporary file.
 *   With `post_asset_folder`, only files with new_post_name's extension are
 *   posts (the rest are their assets).
 * - The file name, read against `new_post_name` (`:title.md`,
 *   `:year-:month-:day-:title.md`, …; :year four digits, :month and :day
 *   two, :i_month and :i_day one or two, :hash twelve hex digits, anything
 *   else as short as it can be), gives the slug (:title; else the whole
 *   path slugized) and a date when front matter has none. Hexo ignores a
 *   front-matter `slug`.
 * - `published: false` makes a post a draft; `tags`/`tag` and
 *   `categories`/`category` are a name or a list; a flat list of categories
 *   is one hierarchy (Parent, Child), a list of lists several.
 * - Dates without a zone are in the config's `timezone`.
 * - The URL is front matter `permalink`, else `permalink` of the config
 *   (default `:year/:month/:day/:title/`) with :year :month :day :hour
 *   :minute :second :i_month :i_day :timestamp :title :name :post_title
 *   :category :hash, any front-matter field, then `permalink_defaults`;
 *   under `url`, whose path is the site's `root`.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/hash.h"
#include "base/url.h"
#include "base/slug.h"
#include "base/tz.h"
#include "base/utf8.h"
#include "convert/dialect.h"
#include "input/site.h"

#define S_CONFIG "_config.yml"

/* hexo-renderer-marked's extensions (Hexo's default Markdown renderer). */
static const char *const S_exts[] = {".md", ".markdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext", NULL};

static const char *S_source_dir(const struct fm_node *cfg)
{
	const char *s = fm_str(fm_get(cfg, "source_dir"));
	return s && *s ? s : "source";
}

static int S_read_config(struct fm_node **out, const char *root, struct diag_list *dl)
{
	char *path = path_join(root, S_CONFIG);
	char *text = NULL;
	size_t len = 0;
	int ret = -1;
	*out = NULL;
	int rc = read_file(path, &text, &len);
	if (rc < 0) {
		if (dl)
			diag_error(dl, path, 0, 0, "cannot read: %s", strerror(-rc));
	} else {
		struct diag_list quiet = DIAG_LIST_INIT;
		ret = fm_parse_yaml(out, text, len, path, 1, DIAG_ERROR, dl ? dl : &quiet);
		diag_list_free(&quiet);
		if (ret == 0 && !*out)
			*out = NULL; /* an empty config: every default */
	}
	free(text);
	free(path);
	return ret;
}

/* Whether the site says it is Hexo's: a key only Hexo's config has, a
 * scaffolds/ folder (`hexo new` templates), or hexo in package.json. A
 * Jekyll site may also have _config.yml and source/_posts (`source:
 * source`), so the folder alone does not tell. */
static bool S_says_hexo(const char *root, const struct fm_node *cfg)
{
	static const char *const keys[] = {"new_post_name", "source_dir", "public_dir", "permalink_defaults",
					   "post_asset_folder", "render_drafts", "skip_render", "i18n_dir",
					   "code_dir", "default_category", NULL};
	if (fm_get(cfg, "source"))
		return false; /* Jekyll's name for its source folder */
	for (const char *const *k = keys; *k; k++)
		if (fm_get(cfg, *k))
			return true;
	char *scaffolds = path_join(root, "scaffolds");
	bool found = path_is_dir(scaffolds);
	free(scaffolds);
	if (found)
		return true;
	char *pkg = path_join(root, "package.json"), *text = NULL;
	size_t len = 0;
	found = read_file_stat(pkg, (size_t)1 << 20, &text, &len, NULL) == 0 && strstr(text, "\"hexo\"");
	free(text);
	free(pkg);
	return found;
}

static bool S_detect(const char *root)
{
	char *cfgpath = path_join(root, S_CONFIG);
	bool have = path_is_file(cfgpath);
	free(cfgpath);
	if (!have)
		return false;
	struct fm_node *cfg = NULL;
	if (S_read_config(&cfg, root, NULL) < 0)
		return false;
	char *posts = xasprintf("%s/%s/_posts", root, S_source_dir(cfg));
	bool found = path_is_dir(posts) && S_says_hexo(root, cfg);
	free(posts);
	fm_node_free(cfg);
	return found;
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	site->config_file = xstrdup(S_CONFIG);
	if (S_read_config(&site->config, site->root, dl) < 0)
		return -1;
	const struct fm_node *cfg = site->config;
	site->title = str_dup_nonempty(fm_str(fm_get(cfg, "title")));
	site->description = str_dup_nonempty(fm_str(fm_get(cfg, "description")));
	site->author = str_dup_nonempty(fm_str(fm_get(cfg, "author")));
	/* `language` may be a list (the theme's languages): the first is the
	 * site's. */
	const struct fm_node *lang = fm_get(cfg, "language");
	if (lang && lang->kind == FM_LIST && lang->n)
		lang = lang->items[0];
	site->language = str_dup_nonempty(fm_str(lang));
	const char *url = fm_str(fm_get(cfg, "url"));
	if (url && url_is_http(url))
		site->url = xstrdup(url);
	/* `root` is the site's path on its host (default: url's path); links
	 * in posts are written with it, as Jekyll's are with baseurl. */
	const char *root = fm_str(fm_get(cfg, "root"));
	if (!root && site->url)
		root = url_path(site->url);
	if (root && *root && strcmp(root, "/") != 0) {
		size_t n = strlen(root);
		while (n > 1 && root[n - 1] == '/')
			n--;
		site->baseurl = xstrndup(root, n);
	}
	const struct fm_node *sd = fm_get(cfg, "source_dir");
	char *cfgpath = path_join(site->root, S_CONFIG);
	char *src = site_config_path(site->root, ".", S_source_dir(cfg), cfgpath, sd ? sd->line : 0, sd ? sd->col : 0,
				     "source_dir", "the default source/ is read", dl);
	free(cfgpath);
	site->content_dir = src ? src : xstrdup("source");
	site->posts_dir = xasprintf("%s/_posts", site->content_dir);
	site->static_dir = xstrdup(site->content_dir); /* source/images/x.png is /images/x.png */
	return 0;
}

/* Hexo's isHiddenFile (a component starting with `_` or `.`) and
 * isTmpFile. */
static bool S_hidden(const char *rel)
{
	for (const char *c = rel; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (*c == '_' || *c == '.')
			return true;
	}
	size_t n = strlen(rel);
	return n && (rel[n - 1] == '~' || rel[n - 1] == '%');
}

static const char *S_ext(const char *name)
{
	const char *b = path_basename(name);
	const char *dot = strrchr(b, '.');
	return dot && dot != b ? dot : b + strlen(b);
}

static void S_list_dir(const struct site *site, const char *dir, struct strvec *files, struct diag_list *dl)
{
	bool assets = false;
	fm_bool(fm_get(site->config, "post_asset_folder"), &assets);
	const char *npn = fm_str(fm_get(site->config, "new_post_name"));
	const char *want = S_ext(npn && *npn ? npn : ":title.md");
	struct strvec all = STRVEC_INIT;
	site_walk_report(site->root, dir, S_exts, &all, dl);
	for (size_t i = 0; i < all.n; i++) {
		const char *in = path_under(all.v[i], dir);
		if (!in || S_hidden(in))
			continue;
		if (assets && strcmp(S_ext(in), want) != 0)
			continue;
		sv_push(files, all.v[i]);
	}
	sv_free(&all);
}

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	char *drafts = xasprintf("%s/_drafts", site->content_dir);
	S_list_dir(site, site->posts_dir, files, dl);
	S_list_dir(site, drafts, files, dl);
	free(drafts);
	return 0;
}

/* ---- hexo-util: slugize and Permalink ---- */

/* slugize(s, {transform}): accented Latin letters read as ASCII, control
 * characters dropped, runs of white space and of ASCII punctuation
 * (rSpecial) one separator, none at either end; transform 1 lower case. */
static char *S_slugize(const char *s, bool lower)
{
	static const char special[] = "~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/";
	struct strbuf sb = STRBUF_INIT;
	bool sep = false;
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	while (left) {
		unsigned cp;
		size_t k = utf8_decode(p, left, &cp);
		if (!k)
			k = 1;
		p += k;
		left -= k;
		if (cp < 0x20)
			continue; /* removed */
		if (utf8_is_space(cp) || (cp < 0x80 && strchr(special, (int)cp))) {
			sep = true;
			continue;
		}
		if (sep && sb.len)
			sb_addc(&sb, '-');
		sep = false;
		char latin[3], enc[4];
		if (slug_latin(cp, latin)) {
			for (char *c = latin; lower && *c; c++)
				*c = (char)tolower((unsigned char)*c);
			sb_adds(&sb, latin);
		} else {
			sb_add(&sb, enc, utf8_encode(enc, lower ? utf8_lower(cp) : cp));
		}
	}
	return sb_detach(&sb);
}

/* The length of a parameter name at rule[i] (after ':'): Permalink's
 * /:(\w*[^_\W])/, word characters not ending in `_`. */
static size_t S_param(const char *rule, size_t i)
{
	size_t n = 0;
	while (isalnum((unsigned char)rule[i + n]) || rule[i + n] == '_')
		n++;
	while (n && rule[i + n - 1] == '_')
		n--;
	return n;
}

struct S_fields {
	char *year, *month, *day, *i_month, *i_day, *title, *hash;
};

static char **S_field(struct S_fields *f, const char *name, size_t n)
{
	static const char *const names[] = {"year", "month", "day", "i_month", "i_day", "title", "hash"};
	char **slots[] = {&f->year, &f->month, &f->day, &f->i_month, &f->i_day, &f->title, &f->hash};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (strlen(names[k]) == n && memcmp(names[k], name, n) == 0)
			return slots[k];
	return NULL;
}

/* Whether s[0..n) is what new_post_name's segment `name` takes. */
static bool S_segment_ok(const char *name, size_t nl, const char *s, size_t n)
{
	size_t lo = 1, hi = (size_t)-1;
	bool digits = true, hex = false;
	if (nl == 4 && memcmp(name, "year", 4) == 0)
		lo = hi = 4;
	else if ((nl == 5 && memcmp(name, "month", 5) == 0) || (nl == 3 && memcmp(name, "day", 3) == 0))
		lo = hi = 2;
	else if ((nl == 7 && memcmp(name, "i_month", 7) == 0) || (nl == 5 && memcmp(name, "i_day", 5) == 0))
		hi = 2;
	else if (nl == 4 && memcmp(name, "hash", 4) == 0)
		lo = hi = 12, digits = false, hex = true;
	else
		digits = false;
	if (n < lo || n > hi)
		return false;
	for (size_t k = 0; k < n; k++) {
		if (digits && !isdigit((unsigned char)s[k]))
			return false;
		if (hex && !(isdigit((unsigned char)s[k]) || (s[k] >= 'a' && s[k] <= 'f')))
			return false;
	}
	return true;
}

/* Permalink.parse: rule[ri..] against s[si..], anchored at both ends, each
 * (.+?) as short as it can be. Matched segments go to f. */
static bool S_match(const char *rule, size_t ri, const char *s, size_t si, struct S_fields *f, int depth)
{
	if (depth > 32)
		return false;
	while (rule[ri] && !(rule[ri] == ':' && S_param(rule, ri + 1))) {
		if (s[si] != rule[ri])
			return false;
		ri++;
		si++;
	}
	if (!rule[ri])
		return !s[si];
	size_t nl = S_param(rule, ri + 1);
	const char *name = rule + ri + 1;
	size_t left = strlen(s + si);
	for (size_t len = 1; len <= left; len++) {
		if (!S_segment_ok(name, nl, s + si, len))
			continue;
		if (S_match(rule, ri + 1 + nl, s, si + len, f, depth + 1)) {
			char **slot = S_field(f, name, nl);
			if (slot && !*slot)
				*slot = xstrndup(s + si, len);
			return true;
		}
	}
	return false;
}

static void S_fields_free(struct S_fields *f)
{
	free(f->year);
	free(f->month);
	free(f->day);
	free(f->i_month);
	free(f->i_day);
	free(f->title);
	free(f->hash);
}

/* parseFilename: path (under _posts/, without extension) against
 * new_post_name (without extension); the slug is :title, else the path
 * slugized. */
static void S_parse_name(const char *npn, const char *path, struct S_fields *f)
{
	memset(f, 0, sizeof *f);
	char *rule = xstrdup(npn && *npn ? npn : ":title.md");
	char *dot = strrchr(rule, '.');
	if (dot && !strchr(dot, '/') && dot != rule)
		*dot = '\0';
	if (!S_match(rule, 0, path, 0, f, 0)) {
		S_fields_free(f);
		memset(f, 0, sizeof *f);
	}
	if (!f->title)
		f->title = S_slugize(path, false);
	free(rule);
}

/* ---- Post fields ---- */

/* Hexo's categories: a name, a flat list (one hierarchy, parent first) or
 * a list whose items are lists (each a hierarchy). *last gets the
 * hierarchy :category names (malloc'd), or NULL. */
static void S_categories(const struct fm_node *n, struct strvec *names, struct strvec *last)
{
	if (!n)
		return;
	if (n->kind == FM_SCALAR) {
		const char *s = fm_str(n);
		if (s && *s) {
			sv_push_unique_ci(names, s);
			sv_free(last);
			sv_push(last, s);
		}
		return;
	}
	if (n->kind != FM_LIST)
		return;
	bool nested = false;
	for (size_t i = 0; i < n->n; i++)
		nested |= n->items[i]->kind == FM_LIST;
	if (nested) {
		for (size_t i = 0; i < n->n; i++)
			S_categories(n->items[i], names, last);
		return;
	}
	sv_free(last);
	for (size_t i = 0; i < n->n; i++) {
		const char *s = fm_str(n->items[i]);
		if (s && *s) {
			sv_push_unique_ci(names, s);
			sv_push(last, s);
		}
	}
}

/* A category's slug as Category#slug makes it: category_map applied, then
 * slugize with filename_case; a child's slug is under its parent's. */
static char *S_category_slug(const struct site *site, const struct strvec *path)
{
	const char *fc = fm_str(fm_get(site->config, "filename_case"));
	bool lower = fc && strcmp(fc, "1") == 0;
	const struct fm_node *map = fm_get(site->config, "category_map");
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < path->n; i++) {
		const char *name = path->v[i];
		const char *mapped = fm_str(fm_get(map, name));
		char *slug = S_slugize(mapped ? mapped : name, lower);
		if (i)
			sb_addc(&sb, '/');
		sb_adds(&sb, slug);
		free(slug);
	}
	return sb_detach(&sb);
}

static void S_two(struct strbuf *sb, int v)
{
	sb_addf(sb, "%02d", v);
}

/* Permalink.stringify of the config's rule for post p. Returns NULL when a
 * parameter has no value sheaf can know (:id is Hexo's database id). */
static char *S_permalink(const struct site *site, const struct post *p, const struct fm_node *fm,
			 const char *slug, const struct strvec *cat_path)
{
	const char *rule = fm_str(fm_get(site->config, "permalink"));
	if (!rule || !*rule)
		rule = ":year/:month/:day/:title/";
	const struct fm_node *defaults = fm_get(site->config, "permalink_defaults");
	const struct date *d = &p->date;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; rule[i];) {
		size_t nl = rule[i] == ':' ? S_param(rule, i + 1) : 0;
		if (!nl) {
			sb_addc(&sb, rule[i++]);
			continue;
		}
		char *name = xstrndup(rule + i + 1, nl);
		i += 1 + nl;
		bool ok = true;
		if (strcmp(name, "year") == 0) {
			sb_addf(&sb, "%04d", d->year);
		} else if (strcmp(name, "month") == 0) {
			S_two(&sb, d->month);
		} else if (strcmp(name, "day") == 0) {
			S_two(&sb, d->day);
		} else if (strcmp(name, "hour") == 0) {
			S_two(&sb, d->hour);
		} else if (strcmp(name, "minute") == 0) {
			S_two(&sb, d->minute);
		} else if (strcmp(name, "second") == 0) {
			S_two(&sb, d->second);
		} else if (strcmp(name, "i_month") == 0) {
			sb_addf(&sb, "%d", d->month);
		} else if (strcmp(name, "i_day") == 0) {
			sb_addf(&sb, "%d", d->day);
		} else if (strcmp(name, "timestamp") == 0) {
			sb_addf(&sb, "%lld", (long long)date_epoch(d));
		} else if (strcmp(name, "title") == 0) {
			sb_adds(&sb, slug);
		} else if (strcmp(name, "name") == 0) {
			sb_adds(&sb, path_basename(slug));
		} else if (strcmp(name, "post_title") == 0) {
			char *t = S_slugize(p->title ? p->title : "", true);
			sb_adds(&sb, t);
			free(t);
		} else if (strcmp(name, "hash") == 0) {
			/* sha1(slug + date.unix()), its first 12 hex digits. */
			char *in = xasprintf("%s%lld", slug, (long long)date_epoch(d));
			char hex[41];
			sha1_hex(in, strlen(in), hex);
			free(in);
			sb_add(&sb, hex, 12);
		} else if (strcmp(name, "category") == 0) {
			if (cat_path->n) {
				char *c = S_category_slug(site, cat_path);
				sb_adds(&sb, c);
				free(c);
			} else {
				const char *dc = fm_str(fm_get(site->config, "default_category"));
				sb_adds(&sb, dc ? dc : "uncategorized");
			}
		} else if (strcmp(name, "id") == 0) {
			ok = false;
		} else {
			const char *v = fm_str(fm_get(fm, name));
			if (!v)
				v = fm_str(fm_get(defaults, name));
			if (v)
				sb_adds(&sb, v);
			else
				ok = false;
		}
		free(name);
		if (!ok) {
			sb_release(&sb);
			return NULL;
		}
	}
	return sb_detach(&sb);
}

/* The live URL of a site path: url + path, with pretty_urls applied. */
static char *S_full_url(const struct site *site, const char *path)
{
	const struct fm_node *pretty = fm_get(site->config, "pretty_urls");
	bool trailing_index = true, trailing_html = true;
	fm_bool(fm_get(pretty, "trailing_index"), &trailing_index);
	fm_bool(fm_get(pretty, "trailing_html"), &trailing_html);
	char *p = xstrdup(path);
	size_t n = strlen(p);
	if (!trailing_index && str_ends_with(p, "index.html"))
		p[n -= 10] = '\0';
	else if (!trailing_html && str_ends_with(p, ".html"))
		p[n -= 5] = '\0';
	const char *u = site->url;
	size_t ul = strlen(u);
	while (ul && u[ul - 1] == '/')
		ul--;
	char *url = xasprintf("%.*s/%s", (int)ul, u, p[0] == '/' ? p + 1 : p);
	free(p);
	return url;
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format; /* Hexo reads a file without front matter as a post too */
	char *drafts = xasprintf("%s/_drafts", site->content_dir);
	const char *in = path_under(p->relpath, site->posts_dir);
	bool draft = false;
	if (!in) {
		in = path_under(p->relpath, drafts);
		draft = true;
	}
	free(drafts);
	if (!in)
		return true;
	bool published = true;
	fm_bool(fm_get(fm, "published"), &published);
	if (draft || !published)
		p->draft = true;

	char *stem = xstrndup(in, (size_t)(S_ext(in) - in));
	struct S_fields f;
	S_parse_name(fm_str(fm_get(site->config, "new_post_name")), stem, &f);

	/* The date: front matter, else the file name's, else (as Hexo takes
	 * the file's creation time) its modification time. */
	const struct fm_node *fd = fm_get(fm, "date");
	bool zoned = false;
	if (p->date.valid) {
		const char *s = fm_str(fd);
		zoned = s && date_written_with_zone(s, &p->date);
	} else {
		if (fd && fm_str(fd))
			diag_warning(dl, p->path, fd->line, fd->col, "'date' is not a date: '%s'%s", fm_str(fd),
				     f.year ? "; the file name's date is used" : "");
		if (f.year && (f.month || f.i_month) && (f.day || f.i_day)) {
			char *ymd = xasprintf("%s-%02d-%02d", f.year, atoi(f.month ? f.month : f.i_month),
					      atoi(f.day ? f.day : f.i_day));
			date_parse(&p->date, ymd);
			free(ymd);
		} else {
			struct stat st;
			if (stat(p->path, &st) == 0) {
				p->date = date_from_epoch((int64_t)st.st_mtime);
				zoned = true;
				/* A draft has no date until Hexo publishes it. */
				if (!fd && !p->draft)
					diag_warning(dl, p->path, 1, 1,
						     "no date in the front matter or the file name: the file's "
						     "modification time is used, as Hexo uses its creation time");
			}
		}
	}
	const char *zone = fm_str(fm_get(site->config, "timezone"));
	if (zone && *zone && p->date.valid)
		tz_localize(&p->date, zone, zoned);

	/* tags/tag, categories/category (the plural wins, as in Hexo). */
	const struct fm_node *tags = fm_get(fm, "tags");
	sv_free(&p->tags);
	fm_strings(tags ? tags : fm_get(fm, "tag"), &p->tags);
	const struct fm_node *cats = fm_get(fm, "categories");
	struct strvec cat_path = STRVEC_INIT;
	sv_free(&p->categories);
	S_categories(cats ? cats : fm_get(fm, "category"), &p->categories, &cat_path);

	free(p->slug);
	p->slug = xstrdup(f.title);
	const char *fixed = fm_str(fm_get(fm, "permalink"));
	char *path = NULL;
	if (fixed && *fixed)
		path = fixed[0] == '/' ? xstrdup(fixed) : xasprintf("/%s", fixed);
	else if (p->date.valid)
		path = S_permalink(site, p, fm, f.title, &cat_path);
	if (path && path[0] != '/') {
		char *abs = xasprintf("/%s", path);
		free(path);
		path = abs;
	}
	if (path) {
		free(p->url);
		p->url = path;
		if (!p->draft && site->url) {
			free(p->live_url);
			p->live_url = S_full_url(site, path);
		}
	}
	sv_free(&cat_path);
	S_fields_free(&f);
	free(stem);
	return true;
}

/* Themes' keys for a post's picture: cover (many), thumbnail (NexT,
 * icarus), banner, photos (Hexo's own list), index_img (Fluid), top_img
 * (Butterfly). */
static const char *const S_cover_keys[] = {"cover", "thumbnail", "banner", "photos", "photo",
					   "index_img", "top_img", "image", NULL};

/* post_link and post_path name a post by its slug (what new_post_name
 * read from its file name), else by its title (Hexo's Post.findOne). A
 * Markdown link is no reference in Hexo. */
static void S_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			  const char *ref, bool link, struct strvec *out)
{
	(void)site;
	(void)from;
	if (link)
		return;
	for (size_t i = 0; i < posts->n; i++)
		if (posts->v[i]->slug && strcmp(posts->v[i]->slug, ref) == 0) {
			sv_push(out, posts->v[i]->relpath);
			return;
		}
	for (size_t i = 0; i < posts->n; i++)
		if (posts->v[i]->title && strcmp(posts->v[i]->title, ref) == 0) {
			sv_push(out, posts->v[i]->relpath);
			return;
		}
}

const struct site_generator site_hexo = {
	.name = "hexo",
	.lenient_dates = true,
	.detect = S_detect,
	.configure = S_configure,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.dialects = DIALECTS(&dialect_hexo, &dialect_math, &dialect_heading_ids),
	.cover_keys = S_cover_keys,
	.post_exts = S_exts,
	.ref_targets = S_ref_targets,
};
