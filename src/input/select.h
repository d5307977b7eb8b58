/* select.h — which posts go into the book, and in what order.
 *
 * Pure functions over a post_list: no I/O; select_resolve reports into a
 * diag_list. A post is selected when it matches any value given for a
 * kind (tags, categories, series, authors) and every kind given;
 * comparisons are case-insensitive. The output list borrows the posts of
 * the input.
 *
 * Values are resolved against the site first (select_resolve): a value
 * some post has (case-insensitively) stands; else one whose slug key
 * (letters and digits only, accents dropped, lower case: the part every
 * generator's URL slug keeps) is a value's key names that value, so
 * `software-development` selects "Software development"; else it is an
 * error naming the closest values ("did you mean").
 */
#ifndef SHEAF_SELECT_H
#define SHEAF_SELECT_H

#include <stdbool.h>

#include "base/date.h"
#include "base/diag.h"
#include "input/post.h"
#include "base/util.h"

enum order { ORDER_OLDEST, ORDER_NEWEST, ORDER_TITLE };

struct selection {
	struct strvec tags, categories, authors, series;
	struct date since, until; /* inclusive; invalid = unbounded */
	bool drafts;
	enum order order;
};

enum sel_kind { SEL_TAG, SEL_CATEGORY, SEL_SERIES, SEL_AUTHOR };

/* One value of a kind and how many posts have it. An author's name is
 * its display name and id its id as front matter writes it; for other
 * kinds id is name. Both owned. */
struct sel_value {
	char *name, *id;
	size_t posts;
};
struct sel_values {
	struct sel_value *v;
	size_t n, cap;
};
#define SEL_VALUES_INIT {NULL, 0, 0}

/* Appends the distinct values of kind over the posts of pl (drafts only
 * when drafts is true) to out: values equal case-insensitively are one,
 * spelt as the first post writes it; authors are one per id. Sorted by
 * post count, most first, then by name. */
void select_values(const struct post_list *pl, enum sel_kind kind, bool drafts, struct sel_values *out);
void sel_values_free(struct sel_values *vals);

/* Replaces each value of sel by the values of the posts of all it names
 * (see the top), spelt as select_values spells them: a tag, category or
 * series as the site writes it (so a book's title can show it), an author
 * by id. A value naming nothing is an error in dl, with up to three
 * suggestions, and is dropped; returns -1 when there was one, else 0. */
int select_resolve(struct selection *sel, const struct post_list *all, struct diag_list *dl);
/* Whether p can match sel once resolved: as select_matches, but comparing
 * slug keys. For deciding early (while posts are read) what to keep. */
bool select_may_match(const struct selection *sel, const struct post *p);

bool select_matches(const struct selection *sel, const struct post *p);
/* Appends the matching posts of in to out (borrowed), ordered. */
void select_posts(const struct selection *sel, const struct post_list *in, struct post_list *out);
void select_sort(struct post_list *pl, enum order order);
/* Parses "oldest", "newest" or "title"; returns -1 for anything else. */
int order_parse(const char *s, enum order *out);

#endif
