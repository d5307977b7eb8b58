/* list.h — what --list prints: one line a post; what --list-tags and the
 * like print: one line a value.
 *
 * Borrows the posts; writes nothing but f.
 */
#ifndef SHEAF_LIST_H
#define SHEAF_LIST_H

#include <stdbool.h>
#include <stdio.h>

#include "input/post.h"
#include "input/select.h"

/* Prints date (YYYY-MM-DD, empty when the post has none), title and path,
 * tab-separated, one line a post. On a terminal each field is shown as
 * diagnostics are (diag_escape); else the lines are data: a backslash, tab,
 * line feed or carriage return inside a field is written \\ \t \n \r, so
 * a line is always one post and a field never holds a tab. */
void list_print(FILE *f, const struct post_list *posts, bool terminal);
/* Prints each value's name and post count, tab-separated, one line a
 * value, in the order of vals; the name escaped as list_print's fields. */
void list_print_values(FILE *f, const struct sel_values *vals, bool terminal);

#endif
