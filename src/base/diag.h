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
