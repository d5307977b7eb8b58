/* imagefile.c — which site file an image reference names.
 *
 * Generators let posts name a picture in several ways, and a post written
 * for one of them says only what the site's HTML needed; this module tries
 * each reading a generator allows and keeps the first file that exists.
 * It only reads the file system (stat and folder listings): embedding, and
 * with it confinement to the site, is resources.c's job.
 */
#include "book/imagefile.h"

#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "convert/sanitize.h"

/* Whether the site file at relpath exists. A file named without its
 * extension (Hugo's `imgproc NAME` finds page resources so) is looked for
 * as NAME.* among the image files of its folder; *found is then its path. */
static bool S_site_file(const struct site *site, const char *relpath, char **found)
{
	*found = NULL;
	if (str_starts_with(relpath, "..") || strcmp(relpath, ".") == 0)
		return false;
	char *abs = path_join(site->root, relpath);
	bool ok = path_is_file(abs);
	if (ok)
		*found = xstrdup(relpath);
	const char *base = path_basename(relpath);
	if (!ok && *base && !strchr(base, '.')) {
		static const char *const exts[] = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"};
		char *dir = path_dirname(abs);
		struct strvec names = STRVEC_INIT;
		site_list_dir(dir, &names);
		size_t blen = strlen(base);
		for (size_t i = 0; !ok && i < names.n; i++) {
			const char *nm = names.v[i];
			if (strncmp(nm, base, blen) != 0 || nm[blen] != '.')
				continue;
			for (size_t e = 0; !ok && e < sizeof exts / sizeof *exts; e++)
				ok = str_ieq(nm + blen, exts[e]);
			if (ok) {
				char *rdir = path_dirname(relpath);
				*found = strcmp(rdir, ".") == 0 ? xstrdup(nm) : path_join(rdir, nm);
				free(rdir);
			}
		}
		sv_free(&names);
		free(dir);
	}
	free(abs);
	return ok;
}

/* The site URL path (from the site's root, starting with '/') of a post
 * on the live site, or NULL when the generator cannot say. */
static char *S_post_urlpath(const struct site *site, const struct post *p)
{
	const char *path = NULL;
	if (p->live_url)
		path = url_path_under(p->live_url, site->url);
	if (!path && p->url && p->url[0] == '/')
		path = p->url;
	if (!path)
		return NULL;
	char *copy = xstrdup(path);
	copy[strcspn(copy, "?#")] = '\0';
	return copy;
}

/* A URL path normalized to start with exactly one '/', or NULL when its
 * ".." segments climb above the site. */
static char *S_abs_urlpath(const char *path)
{
	while (*path == '/')
		path++;
	char *norm = path_normalize(path);
	char *abs = str_starts_with(norm, "..") ? NULL : xasprintf("/%s", strcmp(norm, ".") == 0 ? "" : norm);
	free(norm);
	return abs;
}

/* Adds to out the site-relative readings of a site URL path (decoded):
 * under the static folder, the content folder and the root, each also
 * with the site's base path taken off. */
static void S_urlpath_readings(struct strvec *out, const struct site *site, const char *urlpath)
{
	size_t nroots = 0;
	const char **roots = xcalloc(site->static_more.n + 3, sizeof *roots);
	roots[nroots++] = site->static_dir;
	for (size_t i = 0; i < site->static_more.n; i++)
		roots[nroots++] = site->static_more.v[i];
	roots[nroots++] = site->content_dir;
	roots[nroots++] = ".";
	const char *bases[2] = {urlpath, NULL};
	const char *basepath = site->baseurl;
	if (!basepath && site->url) {
		basepath = url_path(site->url);
	}
	if (basepath && basepath[0] == '/' && basepath[1]) {
		size_t lb = strlen(basepath);
		while (lb > 1 && basepath[lb - 1] == '/')
			lb--;
		if (strncmp(urlpath, basepath, lb) == 0 && urlpath[lb] == '/')
			bases[1] = urlpath + lb;
	}
	for (size_t b = 0; b < 2; b++)
		for (size_t r = 0; bases[b] && r < nroots; r++) {
			if (!roots[r])
				continue;
			char *j = path_join(roots[r], bases[b] + 1);
			sv_push_owned(out, path_normalize(j));
			free(j);
		}
	free(roots);
}

void image_readings(struct strvec *out, const struct site *site, const struct post *p,
		    const char *target, const char *raw)
{
	sv_push(out, target);
	if (!raw)
		return;
	char *copy = xstrdup(raw);
	copy[strcspn(copy, "?#")] = '\0';
	char *ref = url_decode(copy);
	free(copy);
	if (ref[0] == '/') {
		char *abs = S_abs_urlpath(ref);
		if (abs)
			S_urlpath_readings(out, site, abs);
		free(abs);
	} else if (*ref) {
		struct strvec folders = STRVEC_INIT;
		site_image_folders(site, p, &folders);
		for (size_t i = 0; i < folders.n; i++) {
			char *j = path_join(folders.v[i], ref);
			char *norm = path_normalize(j);
			if (str_starts_with(norm, ".."))
				free(norm);
			else
				sv_push_owned(out, norm);
			free(j);
		}
		sv_free(&folders);
		char *urlpath = S_post_urlpath(site, p);
		if (urlpath) {
			/* A URL ending in a file name (`/2020/01/x.html`) is
			 * resolved from its folder, one ending in '/' from itself. */
			size_t n = strlen(urlpath);
			char *udir = n && urlpath[n - 1] == '/' ? xstrdup(urlpath) : path_dirname(urlpath);
			char *j = path_join(udir, ref);
			char *abs = S_abs_urlpath(j);
			if (abs)
				S_urlpath_readings(out, site, abs);
			free(abs);
			free(j);
			free(udir);
			free(urlpath);
		}
	}
	free(ref);
}

char *image_file(const struct site *site, const struct post *p, const char *target, const char *raw)
{
	struct strvec readings = STRVEC_INIT;
	image_readings(&readings, site, p, target, raw);
	char *found = NULL;
	for (size_t i = 0; !found && i < readings.n; i++)
		S_site_file(site, readings.v[i], &found);
	sv_free(&readings);
	return found ? found : xstrdup(target);
}
