/* plan.h — what converting one post needs to know of the others.
 *
 * Built once, before any post converts, from the site's posts and the
 * book's selection: where each post is found by the names links use (its
 * path, permalink, `url`, `aliases`), which chapter of the book holds it,
 * and that chapter's file name. Read-only once built, so worker threads
 * share it without locks. The names of the places inside a chapter
 * (heading and note ids) are known only once that chapter converted: the
 * caller gives them through a callback, by chapter index, never as a
 * pointer into another chapter's tree.
 *
 * Ownership: plan_build fills a plan the caller releases with plan_free;
 * the site and post lists are borrowed and must outlive it.
 */
#ifndef SHEAF_PLAN_H
#define SHEAF_PLAN_H

#include <stddef.h>

#include "convert/chapter.h"
#include "base/diag.h"
#include "input/post.h"
#include "input/refs.h"
#include "input/site.h"
#include "base/util.h"

struct plan {
	const struct site *site;
	const struct post_list *book;       /* the book's posts, in order */
	const struct post_list *site_posts; /* every post of the site */
	char **hrefs;                       /* chapter i's file, "text/001-slug.xhtml" */
	struct refs refs;                   /* site_posts by file, and the generator's references */
	struct strmap by_urlpath;           /* normalized URL path → index in site_posts */
	struct strmap chapter_of;           /* relpath → chapter index */
};

/* site_posts may be NULL: then only the book's posts are known. */
void plan_build(struct plan *pl, const struct site *site, const struct post_list *book,
		const struct post_list *site_posts);
void plan_free(struct plan *pl);

/* The names of the places in chapter i (borrowed; valid to the end of
 * the book). May block until that chapter is converted. */
typedef const struct chapter_ids *(*plan_names_fn)(void *data, size_t chapter);

/* Points each link of ch, the chapter at index self, inside the book (at
 * the heading its fragment names) when it leads to a post of the book,
 * else at the page on the live site; a link that leads nowhere keeps its
 * text without href, with a warning. */
void plan_resolve_links(const struct plan *pl, struct chapter *ch, size_t self, plan_names_fn names,
			void *names_data, struct diag_list *dl);

#endif
