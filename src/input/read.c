#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* DT_* of readdir */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "convert/markdown.h"
#include "base/text.h"
#include "input/site.h"

static bool S_has_ext(const char *name, const char *const *exts)
{
	for (; *exts; exts++)
		if (str_ends_with(name, *exts))
			return true;
	return false;
}

/* An entry of a folder, with the type readdir gave (DT_UNKNOWN when the
 * file system gives none). */
struct S_entry {
	char *name;
	unsigned char type;
};

static int S_cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct S_entry *)a)->name, ((const struct S_entry *)b)->name);
}

/* The entries of the folder at path, hidden ones left out, sorted: the
 * order of a book never depends on the file system's. Returns 0, or the
 * errno of opening the folder. *v is malloc'd, and each name. */
static int S_list(const char *path, struct S_entry **v, size_t *n)
{
	DIR *d = opendir(path);
	*v = NULL;
	*n = 0;
	if (!d)
		return errno ? errno : EIO;
	size_t cap = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap)
			*v = xrealloc(*v, (cap = cap ? cap * 2 : 16) * sizeof **v);
		(*v)[(*n)++] = (struct S_entry){xstrdup(e->d_name), e->d_type};
	}
	closedir(d);
	if (*n > 1)
		qsort(*v, *n, sizeof **v, S_cmp_entry);
	return 0;
}

bool site_list_dir(const char *path, struct strvec *names)
{
	struct S_entry *v;
	size_t n;
	int err = S_list(path, &v, &n);
	if (err) {
		errno = err;
		return false;
	}
	for (size_t i = 0; i < n; i++)
		sv_push_owned(names, v[i].name);
	free(v);
	return true;
}

static unsigned char S_type(mode_t m)
{
	return S_ISDIR(m) ? DT_DIR : S_ISREG(m) ? DT_REG : S_ISLNK(m) ? DT_LNK : S_ISFIFO(m) ? DT_FIFO
	       : S_ISSOCK(m) ? DT_SOCK : S_ISCHR(m) ? DT_CHR : S_ISBLK(m) ? DT_BLK : DT_UNKNOWN;
}

/* Why a file named like a post is no post to read (a FIFO would hold the
 * export forever), or NULL when it is a file, or a folder. */
static const char *S_not_post(unsigned char type, const char *full)
{
	if (type == DT_LNK) {
		struct stat st;
		if (stat(full, &st) != 0)
			return errno == ENOENT || errno == ENOTDIR ? "a symlink to nothing"
								   : "a symlink that cannot be followed";
		type = S_type(st.st_mode);
	}
	switch (type) {
	case DT_FIFO:
		return "a FIFO, not a file";
	case DT_SOCK:
		return "a socket, not a file";
	case DT_CHR:
	case DT_BLK:
		return "a device, not a file";
	default:
		return NULL;
	}
}

bool site_warn_not_post(const char *full, struct diag_list *dl)
{
	struct stat st;
	const char *why = lstat(full, &st) == 0 ? S_not_post(S_type(st.st_mode), full) : NULL;
	if (why && dl)
		diag_warning(dl, full, 0, 0, "left out: %s", why);
	return why != NULL;
}

void site_warn_unreadable_dir(const char *abs, int err, struct diag_list *dl)
{
	/* A folder that is not there is no news (most generators look in
	 * several); one that is there and cannot be read hides posts. */
	if (err && err != ENOENT && err != ENOTDIR && dl)
		diag_warning(dl, abs, 0, 0, "folder left out: it cannot be read (%s)", strerror(err));
}

void site_walk(const char *root, const char *dir, const char *const *exts, struct strvec *files)
{
	site_walk_report(root, dir, exts, files, NULL);
}

void site_walk_report(const char *root, const char *dir, const char *const *exts, struct strvec *files,
		      struct diag_list *dl)
{
	char *abs = path_join(root, dir);
	struct S_entry *v;
	size_t n;
	int err = S_list(abs, &v, &n);
	site_warn_unreadable_dir(abs, err, dl);
	free(abs);
	if (err)
		return;
	for (size_t i = 0; i < n; i++) {
		char *rel = strcmp(dir, ".") == 0 ? xstrdup(v[i].name) : path_join(dir, v[i].name);
		char *full = path_join(root, rel);
		/* The type readdir gave saves an lstat per file, which a blog of
		 * thousands of post folders felt; a symlink or an unknown type
		 * is looked at. */
		unsigned char type = v[i].type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			type = lstat(full, &st) < 0 ? DT_UNKNOWN : S_type(st.st_mode);
		}
		/* Symlinked folders are not followed: they can loop, and can
		 * lead out of the site. A symlinked file counts when it leads
		 * to a file. */
		if (type == DT_DIR)
			site_walk_report(root, rel, exts, files, dl);
		else if ((type == DT_REG || (type == DT_LNK && path_is_file(full))) && S_has_ext(v[i].name, exts))
			sv_push(files, rel);
		else if (dl && S_has_ext(v[i].name, exts))
			site_warn_not_post(full, dl);
		free(full);
		free(rel);
		free(v[i].name);
	}
	free(v);
}

char *site_config_path(const char *root, const char *base, const char *value, const char *cfgfile, int line,
		       int col, const char *key, const char *instead, struct diag_list *dl)
{
	if (!value || !*value)
		return NULL;
	char *joined = value[0] == '/' || !base || strcmp(base, ".") == 0 ? xstrdup(value) : path_join(base, value);
	char *norm = path_normalize(joined);
	free(joined);
	bool outside = norm[0] == '/' || norm[0] == '~' || strcmp(norm, "..") == 0 || str_starts_with(norm, "../");
	const char *how = "points outside the site";
	if (!outside) {
		/* Inside as written; a symlink may still lead out. What does
		 * not exist is no escape (the generator says it is missing). */
		char root_real[PATH_MAX], real[PATH_MAX];
		char *full = path_join(root, norm);
		if (realpath(root, root_real) && realpath(full, real) && !path_under(real, root_real)) {
			outside = true;
			how = "leads outside the site (through a symlink)";
		}
		free(full);
	}
	if (outside) {
		if (dl)
			diag_warning(dl, cfgfile, line, col, "%s: '%s' %s; %s", key, value, how,
				     instead ? instead : "ignored");
		free(norm);
		return NULL;
	}
	return norm;
}

void site_ref_paths(const struct site *site, const char *from, const char *ref, struct strvec *out)
{
	const char *content = site->content_dir ? site->content_dir : ".";
	if (ref[0] == '/') {
		sv_push_owned(out, path_join(content, ref + 1));
		sv_push(out, ref + 1);
		return;
	}
	char *dir = path_dirname(from);
	sv_push_owned(out, path_join(dir, ref));
	sv_push_owned(out, path_join(content, ref));
	sv_push(out, ref);
	free(dir);
}

void site_ref_by_name(const struct post_list *posts, const char *ref, struct strvec *out)
{
	const char *last = path_basename(ref);
	size_t n = strlen(last);
	for (size_t i = 0; i < posts->n; i++) {
		const char *base = path_basename(posts->v[i]->relpath);
		const char *dot = strrchr(base, '.');
		size_t stem = dot ? (size_t)(dot - base) : strlen(base);
		if (n == stem && strncmp(base, last, stem) == 0) {
			sv_push(out, posts->v[i]->relpath);
			return;
		}
	}
}

void site_ref_targets_usual(const struct site *site, const struct post_list *posts, const char *from,
			    const char *ref, bool link, struct strvec *out)
{
	if (link)
		return;
	site_ref_paths(site, from, ref, out);
	site_ref_by_name(posts, ref, out);
}

static const struct fm_node *S_get_ci(const struct fm_node *map, const char *key, size_t n)
{
	if (!map || map->kind != FM_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strncasecmp(map->keys[i], key, n) == 0 && !map->keys[i][n])
			return map->items[i];
	return NULL;
}

/* The scalar naming an image: the value itself, a mapping's `path`, `src`,
 * `url` or `image`, a list's first item; depth bounds the nesting. */
static const struct fm_node *S_image_node(const struct fm_node *n, int depth)
{
	if (!n || depth > 2)
		return NULL;
	if (n->kind == FM_SCALAR)
		return fm_str(n) && *fm_str(n) ? n : NULL;
	if (n->kind == FM_LIST)
		return n->n ? S_image_node(n->items[0], depth + 1) : NULL;
	static const char *const keys[] = {"path", "src", "url", "image"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const struct fm_node *v = S_image_node(fm_get(n, keys[i]), depth + 1);
		if (v)
			return v;
	}
	return NULL;
}

const struct fm_node *site_cover_field(const struct fm_node *fm, const char *const *keys)
{
	for (; keys && *keys; keys++) {
		const struct fm_node *n = fm;
		for (const char *k = *keys; n && *k;) {
			size_t len = strcspn(k, ".");
			n = S_get_ci(n, k, len);
			k += len + (k[len] == '.');
		}
		const struct fm_node *v = S_image_node(n, 0);
		if (v)
			return v;
	}
	return NULL;
}

static void S_read_date(struct date *out, const struct fm_node *node, const char *field,
			const char *file, struct diag_list *dl, int *errors)
{
	const char *s = fm_str(node);
	if (!s)
		return;
	if (date_parse(out, s) < 0) {
		diag_error(dl, file, node->line, node->col,
			   "'%s' is not a date: '%s' (expected YYYY-MM-DD, optionally with a time)",
			   field, s);
		(*errors)++;
	}
}

/* The file name without folder and extension: the title of last resort. */
static char *S_stem(const char *relpath)
{
	const char *base = path_basename(relpath);
	const char *dot = strrchr(base, '.');
	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* The site file at relpath read (at most collect.max_post_size bytes) and
 * decoded to UTF-8: 0 and *text (malloc'd, NUL-terminated), *len, *st;
 * -1 after reporting why not. path is the file's path as reported. */
static int S_text(char **text, size_t *len, struct stat *st, const struct site *site, const char *path,
		  struct diag_list *dl)
{
	char *raw;
	size_t raw_len;
	*text = NULL;
	*len = 0;
	int rc = read_file_stat(path, site->collect.max_post_size, &raw, &raw_len, st);
	if (rc == -EFBIG) {
		char have[32], limit[32];
		fm_size_text(have, sizeof have, (size_t)st->st_size);
		fm_size_text(limit, sizeof limit, site->collect.max_post_size);
		diag_error(dl, path, 0, 0, "the post is %s, more than the limit of %s (--max-post-size)",
			   have, limit);
		return -1;
	}
	if (rc < 0) {
		diag_error(dl, path, 0, 0, "cannot read: %s", strerror(-rc));
		return -1;
	}
	text_to_utf8(text, len, raw, raw_len, path, dl);
	free(raw);
	return 0;
}

/* The front matter of text split off and parsed (at most
 * collect.max_front_matter bytes; a mapping): 0, *split and *fm (NULL
 * when there is none), or -1 after reporting why not. */
static int S_front_matter(struct fm_node **fm, struct fm_split *split, const struct site *site, const char *text,
			  size_t len, const char *path, struct diag_list *dl)
{
	*fm = NULL;
	if (fm_split(split, text, len, path, dl) < 0)
		return -1;
	if (!fm_size_ok(split->fm_len, site->collect.max_front_matter, path, split->fm_line, dl))
		return -1;
	const char *fm_text = text + split->fm_off;
	int rc = 0;
	if (split->format == FM_YAML)
		rc = fm_parse_yaml_quiet(fm, fm_text, split->fm_len, path, split->fm_line, DIAG_ERROR,
					 site->gen->yaml_quiet_duplicates, dl);
	else if (split->format == FM_TOML)
		rc = fm_parse_toml(fm, fm_text, split->fm_len, path, split->fm_line, dl);
	else if (split->format == FM_JSON)
		rc = fm_parse_json(fm, fm_text, split->fm_len, path, split->fm_line, dl);
	if (rc < 0)
		return -1;
	if (*fm && (*fm)->kind != FM_MAP) {
		diag_error(dl, path, (*fm)->line, (*fm)->col,
			   "front matter must be a mapping of fields (`title: …`), not a %s",
			   (*fm)->kind == FM_LIST ? "list" : "single value");
		fm_node_free(*fm);
		*fm = NULL;
		return -1;
	}
	return 0;
}

static char *S_path(const struct site *site, const char *relpath)
{
	return strcmp(site->root, ".") == 0 ? xstrdup(relpath) : path_join(site->root, relpath);
}

int site_read_text(char **text, size_t *len, const struct site *site, const char *relpath, struct diag_list *dl)
{
	struct stat st;
	char *path = S_path(site, relpath);
	int rc = S_text(text, len, &st, site, path, dl);
	free(path);
	return rc;
}

int site_read_front_matter(struct fm_node **fm, enum fm_format *format, const struct site *site,
			   const char *relpath, struct diag_list *dl)
{
	struct stat st;
	char *text;
	size_t len;
	struct fm_split split = {0};
	char *path = S_path(site, relpath);
	*fm = NULL;
	*format = FM_NONE;
	int rc = S_text(&text, &len, &st, site, path, dl);
	if (rc == 0) {
		rc = S_front_matter(fm, &split, site, text, len, path, dl);
		*format = split.format;
		free(text);
	}
	free(path);
	return rc;
}

int site_read_post(struct post **out, const struct site *site, const char *relpath,
		   struct diag_list *dl)
{
	int ret = -1, errors = 0;
	char *text = NULL;
	size_t len = 0;
	struct fm_node *fm = NULL;
	struct post *p = NULL;
	char *path = S_path(site, relpath);
	size_t dl_start = dl->n;
	*out = NULL;

	struct stat st;
	struct fm_split split;
	if (S_text(&text, &len, &st, site, path, dl) < 0 ||
	    S_front_matter(&fm, &split, site, text, len, path, dl) < 0)
		goto out;

	if (split.format == FM_NONE && site->gen->read_metadata) {
		size_t off = split.body_off;
		int line = split.body_line;
		if (site->gen->read_metadata(&fm, &off, &line, site, relpath, text, len, dl) < 0)
			goto out;
		if (fm) {
			split.body_off = off;
			split.body_line = line;
		}
	}

	p = post_new(path, relpath);
	p->dev = st.st_dev;
	p->ino = st.st_ino;
	p->body_len = len - split.body_off;
	p->body = xstrndup(text + split.body_off, p->body_len);
	p->body_line = split.body_line;

	const char *title = fm_str(fm_get(fm, "title"));
	if (title && *title)
		p->title = str_collapse_ws(title);

	const struct fm_node *date = fm_get(fm, "date");
	if (date && date->kind == FM_MAP) {
		/* MkDocs: date: {created: …, updated: …} */
		S_read_date(&p->date, fm_get(date, "created"), "date.created", path, dl, &errors);
		S_read_date(&p->updated, fm_get(date, "updated"), "date.updated", path, dl, &errors);
		/* Only updated: that is the one date the post has. */
		if (!p->date.valid && p->updated.valid)
			p->date = p->updated;
	} else if (site->gen->lenient_dates) {
		const char *s = fm_str(date);
		if (s)
			date_parse(&p->date, s); /* unreadable: post_fields reports it */
	} else {
		S_read_date(&p->date, date, "date", path, dl, &errors);
	}
	if (!p->updated.valid)
		S_read_date(&p->updated, fm_get(fm, "updated"), "updated", path, dl, &errors);

	const struct fm_node *draft = fm_get(fm, "draft");
	if (draft && !fm_bool(draft, &p->draft) && fm_str(draft)) {
		diag_error(dl, path, draft->line, draft->col,
			   "'draft' must be true or false, not '%s'", draft->value);
		errors++;
	}

	fm_strings(fm_get(fm, "tags"), &p->tags);
	fm_strings(fm_get(fm, "categories"), &p->categories);
	fm_strings(fm_get(fm, "series"), &p->series);
	if (!fm_strings(fm_get(fm, "authors"), &p->authors))
		fm_strings(fm_get(fm, "author"), &p->authors);
	const char *slug = fm_str(fm_get(fm, "slug"));
	if (slug && *slug)
		p->slug = xstrdup(slug);
	const char *desc = fm_str(fm_get(fm, "description"));
	if (desc)
		p->description = str_collapse_ws(desc);
	/* A picture of the post: the book's cover when it is the first to have one. */
	const struct fm_node *cover = site_cover_field(fm, site->gen->cover_keys);
	if (cover) {
		p->cover_image = xstrdup(fm_str(cover));
		p->cover_line = cover->line;
	}

	/* What the generator's rules report is kept apart: when they say the
	 * file is no post after all, what the common reading found of it is
	 * not news, but why they left it out (Pelican's article without a
	 * title, which Pelican skips with an error of its own) is. */
	struct diag_list own = DIAG_LIST_INIT;
	if (site->gen->post_fields && !site->gen->post_fields(site, p, fm, split.format, &own)) {
		diag_truncate(dl, dl_start);
		diag_merge(dl, &own);
		ret = 1;
		goto out;
	}
	/* An error the generator's rules found (a date it cannot read) fails
	 * the post as the reader's own do. */
	errors += (int)diag_count(&own, DIAG_ERROR);
	diag_merge(dl, &own);
	/* Without names from the generator, the ids are the names. */
	if (!p->author_names.n)
		for (size_t i = 0; i < p->authors.n; i++)
			sv_push(&p->author_names, p->authors.v[i]);

	if (!p->title)
		p->title = markdown_first_h1(p->body, p->body_len);
	if (!p->title)
		p->title = S_stem(relpath);
	post_clean_text(p, dl);

	if (errors)
		goto out;
	if (site->gen->keep_front_matter) {
		p->front_matter = fm;
		fm = NULL;
	}
	*out = p;
	p = NULL;
	ret = 0;
out:
	post_free(p);
	fm_node_free(fm);
	free(text);
	free(path);
	return ret;
}
