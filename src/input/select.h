/* select.h — which posts go into the book, and in what order.
 *
 * Pure functions over a post_list: no I/O, no diagnostics.
 * A post is selected when it matches any value given for a kind (tags,
 * categories, authors) and every kind given; comparisons are
 * case-insensitive. The output list borrows the posts of the input.
 */
#ifndef SHEAF_SELECT_H
#define SHEAF_SELECT_H

#include <stdbool.h>

#include "base/date.h"
#include "input/post.h"
#include "base/util.h"

enum order { ORDER_OLDEST, ORDER_NEWEST, ORDER_TITLE };

struct selection {
	struct strvec tags, categories, authors, series;
	struct date since, until; /* inclusive; invalid = unbounded */
	bool drafts;
	enum order order;
};

bool select_matches(const struct selection *sel, const struct post *p);
/* Appends the matching posts of in to out (borrowed), ordered. */
void select_posts(const struct selection *sel, const struct post_list *in, struct post_list *out);
void select_sort(struct post_list *pl, enum order order);
/* Parses "oldest", "newest" or "title"; returns -1 for anything else. */
int order_parse(const char *s, enum order *out);

#endif
