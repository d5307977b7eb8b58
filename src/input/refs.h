/* refs.h — what a name written in a post points at: the site's posts
 * indexed by file, read through the generator's own rules.
 *
 * A post names another by a path (`../b.md`, `b/`), or by a generator's
 * reference (Hugo ref/relref, Jekyll post_url and link, Zola @/path, Hexo
 * post_link); the generator says which files each may mean (its
 * page_forms and ref_targets hooks, site.h). Converting a post reads this
 * index directly: it is built before any post converts and read-only
 * after, so worker threads share it without locks, and nothing calls back
 * into the book stage.
 *
 * Only function pointers of the generator are called here, never the
 * registry, so the converting stage may depend on this module without a
 * cycle (tools/module-cycles.py).
 *
 * Ownership: refs_init fills an index the caller releases with refs_free;
 * the site and the posts are borrowed and must outlive it.
 */
#ifndef SHEAF_REFS_H
#define SHEAF_REFS_H

#include <stdbool.h>

#include "base/util.h"
#include "input/post.h"

struct site;

struct refs {
	const struct site *site;
	const struct post_list *posts;
	struct strmap by_relpath; /* relpath → index in posts */
};

/* The files a site path may name as the source of a page (the
 * generator's page_forms, else x.EXT and x/index.EXT for its post_exts),
 * appended to out, normalized. */
void site_page_forms(const struct site *site, const char *path, struct strvec *out);
/* The files a reference names (the generator's ref_targets), appended to
 * out. */
void site_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
		      const char *ref, bool link, struct strvec *out);

void refs_init(struct refs *r, const struct site *site, const struct post_list *posts);
void refs_free(struct refs *r);

/* The post a site path (normalized, relative to the root) names: as
 * written, else in the generator's page forms (x → x.md, x/index.md…);
 * NULL when none. */
const struct post *refs_post_by_path(const struct refs *r, const char *target);
/* The first post a generator's reference names, written in the post at
 * from; with link, ref is a Markdown link's destination. NULL when none. */
const struct post *refs_post_by_ref(const struct refs *r, const char *from, const char *ref, bool link);
/* The path from the folder of the post at from to the post ref names,
 * which links then resolve like any link (malloc'd); NULL when it names
 * no post. */
char *refs_resolve(const struct refs *r, const char *from, const char *ref);

#endif
