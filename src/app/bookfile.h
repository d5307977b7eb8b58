/* bookfile.h — sheaf.toml: the books of a site, for repeatable work.
 *
 * A book file is TOML: keys before any table are defaults for every book;
 * each [[book]] table is one book, with a `name` (what --book NAME asks
 * for) and any key of cli.h's table a book may set (cli_key's book), named
 * as the long option without "--": title, tag (a string or an array of
 * them), since (a string or a TOML date), toc-depth (an integer), drafts
 * (a boolean) … A book's key replaces the default's (a list too); an
 * option the command line gave replaces both. Paths (output, cover,
 * templates) are relative to the file's folder, and so is a book's
 * default output name.
 *
 * Every problem of the file is reported at once, at its line and column
 * (an unknown key with the nearest known one, a value of the wrong type,
 * a value the option refuses, a book without a name, two books of one
 * name or writing one output).
 *
 * Ownership: bookfile_read gives a struct bookfile freed with
 * bookfile_free. The options bookfile_options fills borrow strings from
 * it: free them (options_free) before it.
 */
#ifndef SHEAF_APP_BOOKFILE_H
#define SHEAF_APP_BOOKFILE_H

#include <stddef.h>

#include "app/cli.h"
#include "base/diag.h"
#include "input/frontmatter.h"

/* The file's name at a site's root. */
#define BOOKFILE_NAME "sheaf.toml"

struct bookfile_book {
	const char *name;           /* borrowed from the tree */
	const struct fm_node *keys; /* its [[book]] table */
};

struct bookfile {
	char *path;             /* as it was given */
	char *dir;              /* its folder: paths in it are relative to it */
	char *text;             /* its text, for where its keys are */
	struct fm_node *root;   /* the parsed file */
	struct bookfile_book *books;
	size_t n;
	struct strvec kept;     /* strings made from it (paths joined to dir) */
};

/* Reads and checks the book file at path. Returns 0 and *out, or -1 after
 * reporting every problem found (*out NULL). */
int bookfile_read(struct bookfile **out, const char *path, struct diag_list *dl);

/* The index of the book named name, or -1 after an error naming the
 * nearest names and every name the file has. */
int bookfile_find(const struct bookfile *bf, const char *name, struct diag_list *dl);

/* The options of book i: cli (the command line's) with, for each key it
 * did not give, the file's defaults and then the book's own values. The
 * checks that look at several options together are reported at the
 * book's table. Returns 0 and *out (freed with options_free), or -1 after
 * reporting errors (*out is then freed already). */
int bookfile_options(struct options *out, struct bookfile *bf, size_t i, const struct options *cli,
		     struct diag_list *dl);

void bookfile_free(struct bookfile *bf);

#endif
