/* diag.h — the one list every stage reports problems into.
 *
 * Stages append; only main prints the list and decides the exit status.
 * A diag_list owns its entries (file and message strings are copied).
 * Each post conversion may fill a list of its own, merged afterwards, so
 * posts can be converted in parallel.
 */
#ifndef SHEAF_DIAG_H
#define SHEAF_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/util.h"

enum diag_severity { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_severity severity;
	char *file; /* may be NULL: a problem of the run, not of a file */
	int line;   /* 1-based; 0 when unknown */
	int col;    /* 1-based; 0 when unknown */
	char *message;
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
};
#define DIAG_LIST_INIT {NULL, 0, 0}

void diag_add(struct diag_list *dl, enum diag_severity sev, const char *file,
	      int line, int col, const char *fmt, ...) SHEAF_PRINTF(6, 7);
#define diag_error(dl, file, line, col, ...) diag_add(dl, DIAG_ERROR, file, line, col, __VA_ARGS__)
#define diag_warning(dl, file, line, col, ...) diag_add(dl, DIAG_WARNING, file, line, col, __VA_ARGS__)

size_t diag_count(const struct diag_list *dl, enum diag_severity sev);
/* Moves every entry of src to the end of dst; src is left empty. */
void diag_merge(struct diag_list *dst, struct diag_list *src);
/* Orders the list by file, then line and column, keeping the order of
 * entries that compare equal; problems of the run (no file) come last. */
void diag_sort(struct diag_list *dl);
/* Prints `file:line:col: severity: message`, one a line, in the order added.
 * Warnings are left out when with_warnings is false. The file and the
 * message go through diag_escape: what a site wrote (a title, a file name)
 * can neither drive the terminal nor start a line of its own. */
void diag_print(const struct diag_list *dl, FILE *f, bool color, bool with_warnings);

/* Which warnings diag_print_ext shows; errors are always shown. */
enum diag_warnings {
	DIAG_WARNINGS_ALL,     /* each problem, and the summary line */
	DIAG_WARNINGS_SUMMARY, /* the summary line only */
	DIAG_WARNINGS_NONE,    /* none, and no summary */
};

struct diag_print_options {
	bool color;
	enum diag_warnings warnings;
	/* Every repeat on a line of its own. Else the entries of one file
	 * with the same severity and message are one line, at the first
	 * one's position, ending ` (N times in this post)`. */
	bool each;
	bool summary; /* the closing count (below) */
	/* Paths are shown relative to cwd when cwd is given (not NULL):
	 * a file below it is shown relative to it, a file below root (the
	 * site's folder, as named; may be NULL) relative to root when root
	 * is an absolute path outside cwd; any other path as it is. */
	const char *cwd;
	const char *root;
};

/* Lines are not shortened to a terminal's width: sheaf's own words in a
 * message pass 80 columns alone, so only cutting them would make a line
 * fit, and a URL or path cut in the middle can no longer be opened; the
 * terminal wraps without losing anything.
 *
 * Prints the list as diag_print does, the way opts says (see above), and
 * with opts->summary, when it holds warnings and opts->warnings is not
 * NONE, a closing line
 * `sheaf: 42 warnings in 17 files, 1 error`, with `; --warnings=all to
 * see each` when they were not shown, `; -v to see each repeat` when
 * repeats of a warning were merged. The list is expected sorted
 * (diag_sort): repeats are merged within a run of entries of one file. */
void diag_print_ext(const struct diag_list *dl, FILE *f, const struct diag_print_options *opts);
/* Appends s as it is safe to show on a terminal, as git and GCC show it:
 * tab, line feed and carriage return as \t \n \r, the other C0 controls
 * and DEL as \x1b, the C1 controls (U+0080-U+009F) and the bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069:
 * "Trojan Source") as \u009b, each byte of invalid UTF-8 as \xNN. All
 * else, other UTF-8 included, is copied as it is. */
void diag_escape(struct strbuf *sb, const char *s);
/* Prints `sheaf: message` and a newline to f at once, the message through
 * diag_escape: a note of the run (-v) naming a folder of the site. */
void diag_note(FILE *f, const char *fmt, ...) SHEAF_PRINTF(2, 3);
/* Frees the entries from the n-th on (n ≤ dl->n): what a step reported
 * is taken back. */
void diag_truncate(struct diag_list *dl, size_t n);
void diag_list_free(struct diag_list *dl);

#endif
