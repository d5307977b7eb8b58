#define _DEFAULT_SOURCE /* realpath */
#include "base/path.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"

const char *path_refusal_why(enum path_refusal r)
{
	switch (r) {
	case PATH_OK:
		return "";
	case PATH_MISSING:
		return "does not exist";
	case PATH_OUTSIDE:
		return "points outside the site";
	case PATH_HIDDEN:
		return "is a hidden path";
	case PATH_VCS:
		return "is in a version-control folder";
	case PATH_NOT_FILE:
		return "is not a regular file";
	case PATH_UNREADABLE:
		return "cannot be read";
	}
	return "";
}

/* Version-control folders whose names do not start with a dot (the
 * dotted ones, .git .hg .svn .bzr, are hidden anyway). */
static bool S_vcs(const char *c, size_t n)
{
	static const char *const names[] = {"CVS", "_darcs", "RCS", "SCCS"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == n && memcmp(names[i], c, n) == 0)
			return true;
	return false;
}

enum path_refusal path_check_rel(const char *rel)
{
	if (!rel || rel[0] == '/')
		return PATH_OUTSIDE;
	enum path_refusal r = PATH_OK;
	bool climbs = false;
	int depth = 0;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			climbs |= --depth < 0;
		} else if (n == 1 && p[0] == '.') {
			/* the folder itself */
		} else if (n) {
			depth++;
			/* Every component is looked at, even one a later ".."
			 * takes back: `.git/../x` names nothing a post needs. */
			if (p[0] == '.' && r == PATH_OK)
				r = PATH_HIDDEN;
			else if (S_vcs(p, n) && r == PATH_OK)
				r = PATH_VCS;
		}
		p += n;
		while (*p == '/')
			p++;
	}
	/* A hidden part is the more telling reason (`../.env` from a base
	 * folder names the site's .env). */
	return r == PATH_OK && climbs ? PATH_OUTSIDE : r;
}

enum path_refusal path_confine(char *out, const char *root, const char *root_real, const char *rel, bool want_dir)
{
	*out = '\0';
	enum path_refusal r = path_check_rel(rel);
	if (r != PATH_OK)
		return r;
	char root_buf[PATH_MAX];
	if (!root_real) {
		if (!realpath(root, root_buf))
			return PATH_MISSING;
		root_real = root_buf;
	}
	char *full = path_join(root, rel);
	bool found = realpath(full, out) != NULL;
	int err = errno;
	free(full);
	if (!found) {
		*out = '\0';
		return err == EACCES ? PATH_UNREADABLE : PATH_MISSING;
	}
	const char *below = path_under(out, root_real);
	if (!below)
		return PATH_OUTSIDE;
	/* A symlink inside the site may lead into its hidden folders. */
	if ((r = path_check_rel(below)) != PATH_OK)
		return r;
	struct stat st;
	if (stat(out, &st) != 0)
		return PATH_MISSING;
	if (want_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
		return PATH_NOT_FILE;
	return PATH_OK;
}

enum path_refusal path_read_confined(const char *root, const char *root_real, const char *rel, size_t max,
				     char **out, size_t *len, int *err)
{
	char real[PATH_MAX];
	*out = NULL;
	if (len)
		*len = 0;
	if (err)
		*err = 0;
	enum path_refusal r = path_confine(real, root, root_real, rel, false);
	if (r != PATH_OK)
		return r;
	struct stat st;
	int e = read_file_stat(real, max, out, len, &st);
	if (err)
		*err = e;
	if (e == -EINVAL)
		return PATH_NOT_FILE;
	return e < 0 ? PATH_UNREADABLE : PATH_OK;
}
