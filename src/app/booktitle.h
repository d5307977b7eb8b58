/* booktitle.h — the book's title when --title gives none: named for what
 * is in it.
 *
 * A one-post book is that post's title. Otherwise the title is a base —
 * the series' name for exactly one --series, else the site's title —
 * followed, after " — ", by the rest of the selection, kinds in this order
 * and joined by " · ": categories, tags ("Career, Tools"), "by" authors,
 * and the years of --since/--until ("2019–2021", "since 2019", "until
 * 2021"). Values within a kind are sorted, so the order of the options does
 * not change the title (nor the file name made from it), and each value is
 * written as the posts write it ("career" → "Career", an author's id → the
 * author's name). --drafts and --order do not enter the title.
 *
 * Pure: no I/O, no diagnostics. Strings returned are malloc'd; the
 * caller frees them.
 */
#ifndef SHEAF_APP_BOOKTITLE_H
#define SHEAF_APP_BOOKTITLE_H

#include "input/post.h"
#include "input/select.h"

/* The title of a book of posts (the selected ones, at least one) chosen by
 * sel, on a site titled site_title. */
char *booktitle_default(const char *site_title, const struct selection *sel, const struct post_list *posts);

/* The series value as the posts write it (borrowed from them), else value. */
const char *booktitle_series(const struct post_list *posts, const char *value);

#endif
