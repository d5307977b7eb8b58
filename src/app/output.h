/* output.h — the book file: its default name, and which paths a book may
 * be written to.
 *
 * The rule is by path, not by post list: an existing file inside the
 * site's folder (a post read or not, selected or not, the config, a
 * template, an image, a data file), inside the --templates folder, the
 * --cover file or any post read is never replaced, unless it is a book
 * sheaf wrote earlier (epub_is_ours), -f or not; any other existing file is
 * replaced only with -f (force) or when sheaf wrote it; a file that does
 * not exist yet may be created anywhere, the site's folder included. A symbolic link is written
 * through: the book replaces the link's final target (the same rule
 * applies to that target), the link stays. Only a regular file is ever
 * replaced: a device, a FIFO, a socket or a folder is refused.
 *
 * Ownership: strings returned are malloc'd; the caller frees them.
 */
#ifndef SHEAF_APP_OUTPUT_H
#define SHEAF_APP_OUTPUT_H

#include <stddef.h>

#include "base/diag.h"
#include "input/site.h"

/* At most this many bytes, ".epub" included, in a default file name:
 * below NAME_MAX (255 on every file system sheaf runs on) with room for
 * the temporary file's ".NAME.XXXXXX". */
#define OUTPUT_NAME_MAX 200

/* The default file name of a book titled title: its slug, or, when a slug
 * would keep nothing of it (a Chinese or Russian title), its letters with
 * '-' for spaces; cut on a character boundary to fit OUTPUT_NAME_MAX, and
 * ".epub". */
char *output_default_name(const char *title);

/* What the book must not replace. */
struct output_guard {
	const char *site;      /* the folder the user named as the site */
	const char *templates; /* --templates, or NULL */
	const char *cover;     /* --cover when a local file, or NULL */
	const struct post_list *posts; /* every post read (dev and inode) */
	bool force;            /* -f: an existing file sheaf did not write may go */
};

/* Checks output against the rule above. Returns 0 and *target (the path
 * to write: output, or the final target of the link output is), or -1
 * after reporting an error naming output. */
int output_target(char **target, const char *output, const struct output_guard *g,
		  struct diag_list *dl);

#endif
