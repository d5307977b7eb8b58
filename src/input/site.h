/* site.h — finding a blog's posts the way its generator does.
 *
 * One file per generator under src/input/gen/ implements struct site_generator;
 * site.c holds the table they are tried in (generic last: it takes any
 * folder). Adding a generator touches only this folder and that table.
 *
 * Ownership: site_open gives a struct site freed with site_free.
 * site_collect appends posts the caller owns (post_list_free(pl, true)).
 *
 * Threads: site_collect reads posts on collect.jobs threads at once, so a
 * generator's post_fields and post_url must touch only the post they are
 * given (the site is shared, read-only).
 */
#ifndef SHEAF_SITE_H
#define SHEAF_SITE_H

#include <stdbool.h>

#include "base/diag.h"
#include "input/frontmatter.h"
#include "input/post.h"
#include "base/util.h"

struct site;

struct site_generator {
	const char *name;
	/* True when root looks like this generator's site. */
	bool (*detect)(const char *root);
	/* Reads the site's configuration into site (title, author, language,
	 * url, folders). Returns 0, or -1 after reporting an error. */
	int (*configure)(struct site *site, struct diag_list *dl);
	/* Appends the post files, relative to the site root, to files. */
	int (*list_posts)(const struct site *site, struct strvec *files, struct diag_list *dl);
	/* Applies the generator's own rules after the common fields were read
	 * (author names, defaults). fm may be NULL. May be NULL. */
	void (*post_fields)(const struct site *site, struct post *p, const struct fm_node *fm,
			    struct diag_list *dl);
	/* The live URL of a site file given relative to the root, or NULL when
	 * unknown. May be NULL. */
	char *(*page_url)(const struct site *site, const char *relpath);
	/* The dialect passes the generator's posts need, in order
	 * (NULL-terminated, see dialect.h), or NULL: plain Markdown. */
	const struct dialect *const *dialects;
	/* The post's URL on the live site (malloc'd), or NULL; called once a
	 * post is fully read (title fallbacks applied) when the site's URL is
	 * known and post_fields left live_url unset. May be NULL. */
	char *(*post_url)(const struct site *site, const struct post *p);
	/* True when a front-matter `date` site_read_post cannot read is left
	 * unset instead of being an error: post_fields then warns and supplies
	 * a date (Jekyll: the file name's; Eleventy: the path's). */
	bool lenient_dates;
	/* Front-matter keys naming a post's cover image, most preferred
	 * first, NULL-terminated; matched in any case, a dotted key names a
	 * field of a mapping ("cover.image"). NULL: posts name none. */
	const char *const *cover_keys;
	/* Keys of the site's configuration naming the book's cover, likewise
	 * ("params.images"). NULL: the configuration names none. */
	const char *const *config_cover_keys;
};

/* How posts are read; site_open sets the defaults, the caller may change
 * them before site_collect. */
struct collect_options {
	size_t max_post_size;        /* bytes; a larger post is an error */
	size_t max_front_matter;     /* bytes of front matter; more is an error */
	bool keep_going;             /* a post that cannot be read is left out with
					warnings instead of errors */
	int jobs;                    /* threads reading posts; 0 or 1: this one */
	/* Whether a post's body will be needed (the post goes into the book);
	 * when this says no, the body is dropped as soon as the post is read,
	 * so a selection from a large blog does not hold the whole blog.
	 * NULL: every body is kept. */
	bool (*keep_body)(const struct post *p, const void *data);
	const void *keep_body_data;
};
#define SITE_MAX_POST_SIZE ((size_t)8 << 20)
#define SITE_MAX_FRONT_MATTER ((size_t)256 << 10)

struct site {
	const struct site_generator *gen;
	struct collect_options collect;
	struct {
		size_t files;    /* post files found by the last site_collect */
		size_t left_out; /* of which left out (unreadable, outside the site) */
	} stats;
	char *root;        /* normalized path of SITE */
	char *config_file; /* relative to root; NULL for the generic site */
	char *content_dir; /* relative to root: where pages live ("." when the root) */
	char *posts_dir;   /* relative to root: where posts live */
	char *blog_dir;    /* MkDocs: the blog's folder, relative to content_dir; else NULL */
	char *static_dir;  /* relative to root: where site-absolute paths of images
			      resolve (Hugo static/, Jekyll the root); NULL: content_dir */
	char *baseurl;     /* Jekyll baseurl, may be NULL */
	/* Book metadata defaults from the site's config; any may be NULL. */
	char *title, *author, *language, *url, *description;
	struct fm_node *config;  /* the parsed config, when there is one */
	struct fm_node *authors; /* MkDocs .authors.yml `authors` mapping, or NULL */
};

/* Opens the site at root: detects the generator (or uses the one named by
 * generator, when not NULL) and reads its configuration. Returns 0 and
 * *out, or -1 after reporting errors. */
int site_open(struct site **out, const char *root, const char *generator, struct diag_list *dl);
/* Reads every post of the site. Posts that cannot be read are reported and
 * left out; returns -1 when any was (0 with collect.keep_going, when the
 * problems were reported as warnings). */
int site_collect(struct site *site, struct post_list *out, struct diag_list *dl);
/* The live URL of a site file (relative to root), or NULL. */
char *site_page_url(const struct site *site, const char *relpath);
/* Names of the known generators, NULL-terminated. */
const char *const *site_generator_names(void);
void site_free(struct site *site);

/* Helpers shared by the generators (site/common.c). */

/* Appends the names in the folder at path (hidden ones left out) to names,
 * sorted. Returns false when the folder cannot be opened. */
bool site_list_dir(const char *path, struct strvec *names);
/* Appends to files every file under dir (relative to root) whose name ends
 * in one of exts, sorted, skipping hidden folders and symlinked folders. */
void site_walk(const char *root, const char *dir, const char *const *exts, struct strvec *files);
/* The scalar naming a cover image in fm (a front matter or a site's
 * configuration) under the first of keys (see cover_keys above) that
 * names one: the value itself, a list's first item, or a mapping's `path`,
 * `src`, `url` or `image`. NULL when none does. Borrowed from fm. */
const struct fm_node *site_cover_field(const struct fm_node *fm, const char *const *keys);
/* Reads one post: front matter, common fields, title fallbacks. Returns
 * 0 and *out, or -1 after reporting errors. */
int site_read_post(struct post **out, const struct site *site, const char *relpath,
		   struct diag_list *dl);

extern const struct site_generator site_mkdocs;
extern const struct site_generator site_hugo;
extern const struct site_generator site_zola;
extern const struct site_generator site_eleventy;
extern const struct site_generator site_jekyll;
extern const struct site_generator site_generic;

#endif
