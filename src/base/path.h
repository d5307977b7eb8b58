/* path.h — the one rule for what a site may make sheaf read.
 *
 * Every file read on behalf of a site's posts (a post, an include, a
 * snippet, an image, a file a config names) is looked up here first, so
 * that a post cannot paste `.git/config`, `.env` or a file outside the
 * site into a book, nor make the export wait forever on a FIFO.
 * Refused: a path resolving (through `..` or symlinks) outside the root;
 * any component below the root starting with `.` (the root itself may be
 * hidden); a version-control folder (`CVS`, `_darcs`: the dotted ones are
 * hidden already); anything not a regular file.
 * Nothing here allocates except path_read_confined's *out (free()).
 */
#ifndef SHEAF_PATH_H
#define SHEAF_PATH_H

#include <stdbool.h>
#include <stddef.h>

enum path_refusal {
	PATH_OK = 0,
	PATH_MISSING,  /* no such file, or a symlink to none */
	PATH_OUTSIDE,  /* resolves outside the root */
	PATH_HIDDEN,   /* a component below the root starts with '.' */
	PATH_VCS,      /* a version-control folder's */
	PATH_NOT_FILE, /* a folder, FIFO, socket or device */
	PATH_UNREADABLE, /* exists, but cannot be opened or read */
};

/* Why a path was refused, to follow it in a message ("is a hidden
 * path"); "" for PATH_OK. */
const char *path_refusal_why(enum path_refusal r);

/* Whether the relative path rel (normalized or not) has a hidden part
 * or a version-control folder (PATH_HIDDEN, PATH_VCS: said first, as the
 * more telling reason), else climbs above where it starts or is absolute
 * (PATH_OUTSIDE), else PATH_OK. Lexical only. */
enum path_refusal path_check_rel(const char *rel);

/* Resolves rel (relative to root; root_real is realpath(root)) to its
 * real path in out (PATH_MAX bytes) and says whether a site may read it:
 * the lexical rel and the real path below root_real both pass
 * path_check_rel, and it is a regular file (stat follows a last
 * symlink). With want_dir, a folder is asked for instead of a file. */
enum path_refusal path_confine(char *out, const char *root, const char *root_real, const char *rel, bool want_dir);

/* path_confine, then the file read whole (at most max bytes, 0: no
 * limit, else PATH_UNREADABLE with *err -EFBIG) without blocking on a
 * FIFO put in its place meanwhile. *err is 0 or the -errno of a failed
 * read (may be NULL). *out NUL-terminated, malloc'd, NULL unless
 * PATH_OK. */
enum path_refusal path_read_confined(const char *root, const char *root_real, const char *rel, size_t max,
				     char **out, size_t *len, int *err);

#endif
