/* site.h — finding a blog's posts the way its generator does.
 *
 * A generator is a plug-in: one file, src/input/gen/NAME.c, defines a
 * `const struct site_generator site_NAME` with everything that generator
 * knows and nothing else does (detection, configuration, which files are
 * posts, fields from the parsed front matter, URLs, reference forms, where
 * images lie, cover keys, dialect passes); it keeps what it needs between
 * hooks in site->state. The rest of sheaf asks it through the hooks below
 * and names no generator.
 *
 * Adding one (Pelican, say): write src/input/gen/pelican.c (detect, configure
 * and list_posts are required; every other hook may be NULL and then has
 * the default its comment gives), add `extern const struct site_generator
 * site_pelican;` below, its line in site.c's table (before generic, which
 * takes any folder; before any generator whose sites it would also
 * detect), the file to meson.build's sources, its dialect passes if it
 * needs new ones (src/convert/dialect/), and its tests
 * (tests/unit/test_pelican.c with a site of our own, in tests/unit/meson.build).
 * src/input/gen/hexo.c was added so.
 * Helpers every generator may use are below the table: site_walk,
 * site_list_dir, site_read_front_matter, site_ref_paths …
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
#include "input/refs.h" /* site_page_forms, site_ref_targets */
#include "base/util.h"

struct site;
struct site_data;
struct dialect;

struct site_generator {
	const char *name;
	/* True when root looks like this generator's site. */
	bool (*detect)(const char *root);
	/* Reads the site's configuration into site (title, author, language,
	 * url, folders), and may set site->state: whatever the generator
	 * keeps for its other hooks (built once, read-only once site_collect
	 * starts, as the hooks run on several threads), and site->dialects
	 * when the config decides the posts' passes. Returns 0, or -1 after
	 * reporting an error. */
	int (*configure)(struct site *site, struct diag_list *dl);
	/* Frees site->state. May be NULL (no state). */
	void (*free_state)(void *state);
	/* Appends the post files, relative to the site root, to files: each
	 * is read once, as a post, and post_fields or collected may still
	 * say it is not one (a page is not read here to learn that). May note
	 * in site->state what it learned (the walk is single-threaded). */
	int (*list_posts)(const struct site *site, struct strvec *files, struct diag_list *dl);
	/* Applies the generator's own rules after the common fields were read
	 * (author names, defaults), from the front matter site_read_post
	 * parsed: fm (NULL when none or empty), in format (FM_NONE: the file
	 * has no block). Returns false when the file is not a post after all
	 * (Jekyll: no `---` front matter, or `published: false`; Hugo: a
	 * headless bundle): it is then left out, and of what was reported of it
	 * only what post_fields itself reported stays (say there why a file the
	 * generator would warn about is skipped; a file that is simply no post
	 * gets no word). May be NULL. */
	bool (*post_fields)(const struct site *site, struct post *p, const struct fm_node *fm,
			    enum fm_format format, struct diag_list *dl);
	/* Run once after every file list_posts gave was read, for what only
	 * all of them together tell (Eleventy: the pages that are posts are
	 * those in the `posts` collection, or all when none is). posts[i] is
	 * the post read from files->v[i], NULL when there is none (a problem
	 * reported, a file left out, not a post); post_fields may have left
	 * its verdict in posts[i]->gen_marks. Clears keep[i] for each file
	 * that is not a post after all: it is then dropped without a word
	 * (its post and what was reported of it) and counts nowhere in
	 * site->stats. Runs on site_collect's thread. May be NULL: every
	 * file read stays. */
	void (*collected)(const struct site *site, const struct strvec *files, struct post *const *posts,
			  bool *keep);
	/* The live URL of a site file given relative to the root, or NULL when
	 * unknown. May be NULL. */
	char *(*page_url)(const struct site *site, const char *relpath);
	/* The dialect passes the generator's posts need, in order
	 * (NULL-terminated, see dialect.h), or NULL: plain Markdown. A site
	 * whose config decides them sets site->dialects instead. */
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
	/* The extensions of the files the generator reads as posts (".md"),
	 * NULL-terminated: a link to `x` or `x/` may mean x.EXT or
	 * x/index.EXT. */
	const char *const *post_exts;
	/* Appends to out the files (relative to the root) a site path names
	 * when it is the source of a page: `posts/x` → posts/x.md,
	 * posts/x/index.md (Hugo also posts/x/_index.md). NULL: x.EXT and
	 * x/index.EXT for each of post_exts (see site_page_forms). */
	void (*page_forms)(const struct site *site, const char *path, struct strvec *out);
	/* Appends to out the files (relative to the root, most likely first)
	 * a reference written in a post names: ref as the generator writes it
	 * (Hugo ref/relref, Jekyll post_url/link, Zola @/path), from the post
	 * at from (relative to the root); posts are the site's. With link
	 * true, ref is a Markdown link's destination and only the
	 * generator's own reference syntax (Zola's `@/`) gives anything. Each
	 * is then tried as it is and in its page_forms. May be NULL. */
	void (*ref_targets)(const struct site *site, const struct post_list *posts, const char *from,
			    const char *ref, bool link, struct strvec *out);
	/* Appends to out the folders (relative to the root) where a post's
	 * images written as relative paths may lie besides its own folder.
	 * NULL: the folder named after the post's file (x.md → x/). */
	void (*image_folders)(const struct site *site, const struct post *p, struct strvec *out);
	/* What the generator's dialect passes read besides a post's body
	 * (input/sitedata.h: the site's params, enableEmoji, the site's and
	 * its theme's shortcode templates), made once before the posts
	 * convert (the caller frees it with site_data_free). May be NULL:
	 * the passes know nothing of the site. */
	struct site_data *(*site_data)(const struct site *site);
	/* The value of a template variable a post's text names (Jekyll's
	 * `site.repository`, `page.title`), as text (malloc'd): "" when the
	 * generator would print nothing (a key the site or the page does not
	 * have), NULL when sheaf cannot know it. A list is its items, each
	 * followed by U+001F (which a template prints as nothing, and
	 * iterates over). p is the post converted.
	 * Called by dialect passes on worker threads: reads site and p only.
	 * May be NULL: no variable is known. */
	char *(*template_value)(const struct site *site, const struct post *p, const char *name);
	/* True when the generator's YAML takes the last of duplicate keys
	 * without a word (Jekyll: Ruby's Psych); else sheaf warns. */
	bool yaml_quiet_duplicates;
	/* True when the generator's dialect passes read a post's own front
	 * matter (Hugo's `{{< param >}}`): site_read_post keeps the tree it
	 * parsed in post->front_matter instead of a pass reading the file
	 * again. */
	bool keep_front_matter;
	/* Reads a post's metadata written in the generator's own form, when
	 * the file has no `---`/`+++`/JSON front matter (Pelican: Markdown's
	 * `Key: value` header, reST's title and field list): *fm gets a
	 * mapping built as front matter is (the caller frees it; NULL when
	 * the file has none), *body_off and *body_line where the body then
	 * starts (the byte offset in text, its file line). text is the whole
	 * file (len bytes, NUL-terminated), relpath relative to the root.
	 * Returns 0, or -1 after reporting an error. Called on worker
	 * threads: reads site only. May be NULL: such a file has no
	 * metadata. */
	int (*read_metadata)(struct fm_node **fm, size_t *body_off, int *body_line, const struct site *site,
			     const char *relpath, const char *text, size_t len, struct diag_list *dl);
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
	char *root;        /* normalized path of SITE, or of its subfolder below */
	char *subfolder;   /* the folder of SITE holding the site, when SITE itself
			      is none (`v2`), else NULL */
	char *within;      /* when SITE is a folder inside a site, found above it
			      (site_open walks up as git does): SITE relative
			      to root ("content/post"), else NULL */
	char *folder_name; /* the name of the site's folder (SITE's, or the one
			      found above it): a book's title when the config
			      gives none */
	char *config_file; /* relative to root; NULL for the generic site */
	char *content_dir; /* relative to root: where pages live ("." when the root) */
	char *posts_dir;   /* relative to root: where posts live */
	char *static_dir;  /* relative to root: where site-absolute paths of images
			      resolve (Hugo static/, Jekyll the root); NULL: content_dir */
	struct strvec static_more; /* relative to root: further folders they resolve
				      under, after static_dir (Hugo's staticDir list,
				      its static mounts), in order */
	char *baseurl;     /* the path on its host site-absolute links start with
			      (Jekyll baseurl, Hexo root); may be NULL */
	/* Book metadata defaults from the site's config; any may be NULL. */
	char *title, *author, *language, *url, *description;
	/* The site's copyright notice as the generator's config documents it
	 * (MkDocs and Hugo `copyright`, Docusaurus
	 * `themeConfig.footer.copyright`), a book's rights by default; the
	 * markup a config may write there (MkDocs, Docusaurus: HTML) is
	 * reduced to its text by site_open (`&copy;` → ©). May be NULL. */
	char *copyright;
	struct fm_node *config;  /* the parsed config, when there is one */
	struct fm_node *authors; /* MkDocs .authors.yml `authors` mapping, or NULL */
	void *state;             /* the generator's own (configure), freed by free_state */
	/* The language the book is asked to be in (--language), or NULL;
	 * set before configure, which picks that language's posts when the
	 * site has several (Hugo's languages). */
	char *want_language;
	/* The passes this site's posts need when its config decides them
	 * (Docusaurus' and Astro's remark plugins: remark-math makes `$…$`
	 * math; admonitions off, or no remark-directive, leaves `:::` text):
	 * one of the generator's static lists, set by configure. NULL:
	 * gen->dialects. Read through site_dialects. */
	const struct dialect *const *dialects;
};

/* Opens the site at root: detects the generator (or uses the one named by
 * generator, when not NULL) and reads its configuration. Returns 0 and
 * *out, or -1 after reporting errors. When root is no site (of the
 * generator named), the nearest folder above it that is one is the site
 * (site->within says where root lies in it; the walk stops at the file
 * system's root, a mount point and $HOME), else the one folder below it
 * that is one (site->subfolder), else root is a generic site. */
int site_open(struct site **out, const char *root, const char *generator, struct diag_list *dl);
struct site_open_options {
	const char *generator; /* NULL: detect */
	const char *site_url;  /* the live site's address, used when the config
				  names none (--site-url); NULL: none */
	const char *language;  /* the book's language (--language, BCP 47): a site of
				  several languages gives that one's posts; NULL: the
				  site's default */
};
/* site_open with options (opts may be NULL: the defaults). */
int site_open_ext(struct site **out, const char *root, const struct site_open_options *opts,
		  struct diag_list *dl);
/* Reads every post of the site. Posts that cannot be read are reported and
 * left out; returns -1 when any was (0 with collect.keep_going, when the
 * problems were reported as warnings). */
int site_collect(struct site *site, struct post_list *out, struct diag_list *dl);
/* Whether the post's file lies in the folder site->within names (true
 * when it names none). */
bool site_post_within(const struct site *site, const struct post *p);
/* The live URL of a site file (relative to root), or NULL. */
char *site_page_url(const struct site *site, const char *relpath);
/* The dialect passes of the site's posts: site->dialects, else its
 * generator's (NULL: plain Markdown). */
const struct dialect *const *site_dialects(const struct site *site);
/* Where site-absolute paths (`/img/x.png`) start: the folder the
 * generator serves static files from, else the content folder, else the
 * root. */
const char *site_static_dir(const struct site *site);
/* The folders besides its own where a post's relative images may lie
 * (image_folders), appended to out. */
void site_image_folders(const struct site *site, const struct post *p, struct strvec *out);
/* Names of the known generators, NULL-terminated. */
const char *const *site_generator_names(void);
void site_free(struct site *site);

/* Helpers shared by the generators (site/common.c). */

/* A folder or file a site's config names under key (value, relative to
 * base, itself relative to root; "." or NULL: the root): its normalized
 * path relative to root (malloc'd), or NULL when value is empty, or
 * points outside the site — as written or, when it exists, through a
 * symlink — after a warning at cfgfile:line:col naming the key and
 * saying why and what is done instead (instead, e.g. "the default
 * content/ is read"; NULL: "ignored"). Not for what a post names
 * (path.h): a config may name the generator's own dot files
 * (.authors.yml). */
char *site_config_path(const char *root, const char *base, const char *value, const char *cfgfile, int line,
		       int col, const char *key, const char *instead, struct diag_list *dl);

/* Appends the names in the folder at path (hidden ones left out) to names,
 * sorted. Returns false when the folder cannot be opened (errno says
 * why). */
bool site_list_dir(const char *path, struct strvec *names);
/* Appends to files every file under dir (relative to root) whose name ends
 * in one of exts, sorted, skipping hidden folders and symlinked folders. */
void site_walk(const char *root, const char *dir, const char *const *exts, struct strvec *files);
/* The same, and into dl (may be NULL) a warning for each file named like
 * a post that is none (a FIFO, socket or device, a symlink to nothing)
 * and each folder below dir that cannot be read: they are left out. */
void site_walk_report(const char *root, const char *dir, const char *const *exts, struct strvec *files,
		      struct diag_list *dl);
/* For generators walking folders their own way: a warning into dl (may
 * be NULL) when the file at full, named like a post, is none (a FIFO,
 * socket or device, a symlink to nothing): true then. */
bool site_warn_not_post(const char *full, struct diag_list *dl);
/* A warning when opening the folder at abs failed with err for another
 * reason than its absence (EACCES). */
void site_warn_unreadable_dir(const char *abs, int err, struct diag_list *dl);
/* The usual readings of a reference to a page (ref_targets) made from
 * the post at from: "/x" from the content folder, then from the root;
 * "x" from the post's folder, the content folder, the root. Appended to
 * out. */
void site_ref_paths(const struct site *site, const char *from, const char *ref, struct strvec *out);
/* Appends to out the first of posts whose file name without extension is
 * the last part of ref (a reference by name: "2010-07-21-name"). */
void site_ref_by_name(const struct post_list *posts, const char *ref, struct strvec *out);
/* A ref_targets hook for generators whose references mean what a path
 * means, else a post's name (Hugo's ref/relref, Jekyll's post_url and
 * link): site_ref_paths then site_ref_by_name; a Markdown link is none. */
void site_ref_targets_usual(const struct site *site, const struct post_list *posts, const char *from,
			    const char *ref, bool link, struct strvec *out);
/* The scalar naming a cover image in fm (a front matter or a site's
 * configuration) under the first of keys (see cover_keys above) that
 * names one: the value itself, a list's first item, or a mapping's `path`,
 * `src`, `url` or `image`. NULL when none does. Borrowed from fm. */
const struct fm_node *site_cover_field(const struct fm_node *fm, const char *const *keys);
/* The site file at relpath (relative to the root) as UTF-8, read as a post
 * is (the size cap, BOM and UTF-16 decoding): 0 and *text (malloc'd,
 * NUL-terminated) and *len, or -1 after reporting why not. */
int site_read_text(char **text, size_t *len, const struct site *site, const char *relpath,
		   struct diag_list *dl);
/* The front matter of the site file at relpath, read and parsed as a
 * post's is: 0, *fm (the caller frees it; NULL when there is none) and
 * *format (FM_NONE when the file has no block), or -1 after reporting why
 * not. For files a generator reads that are not posts (a page whose URL
 * it needs); a post's own front matter reaches post_fields. */
int site_read_front_matter(struct fm_node **fm, enum fm_format *format, const struct site *site,
			   const char *relpath, struct diag_list *dl);
/* Reads one post: front matter, common fields, title fallbacks. Returns
 * 0 and *out, 1 when post_fields says the file is no post (dl then holds
 * only what post_fields reported of it), or -1 after reporting errors. */
int site_read_post(struct post **out, const struct site *site, const char *relpath,
		   struct diag_list *dl);

extern const struct site_generator site_mkdocs;
extern const struct site_generator site_hugo;
extern const struct site_generator site_zola;
extern const struct site_generator site_eleventy;
extern const struct site_generator site_hexo;
extern const struct site_generator site_docusaurus;
extern const struct site_generator site_astro;
extern const struct site_generator site_pelican;
extern const struct site_generator site_jekyll;
extern const struct site_generator site_generic;

#endif
