/* cover.h — the book's cover: an image the user, the site or a post chose,
 * or one generated from the book's title, and the page that shows it.
 *
 * The cover image goes into the book's resources like any image (the
 * resources own it); the generated SVG and the cover page are malloc'd
 * strings the caller frees. Same text, same bytes: nothing depends on the
 * clock or the machine.
 */
#ifndef SHEAF_COVER_H
#define SHEAF_COVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "book/fetch.h"
#include "input/post.h"
#include "book/resources.h"
#include "input/site.h"
#include "base/util.h"

/* What a generated cover says. */
struct cover_text {
	const char *title;             /* required */
	const char *subtitle;          /* may be NULL or "" */
	const struct strvec *creators; /* may be NULL */
	const char *date_range;        /* may be NULL or "" */
	const char *language;          /* BCP 47, may be NULL */
};

/* The cover a book got. */
struct cover {
	const char *href; /* "images/cover.png", owned by the resources: the
			     cover-image, a PNG or JPEG whenever it can be */
	const char *id;   /* its manifest id, owned by the resources */
	bool generated;   /* made from cover_text, not from a file */
};

/* The generated cover: a 1600×2560 SVG with the title (wrapped over at
 * most a few lines, cut with "…"), subtitle, creators and date range, in
 * plain colours and generic fonts, with no external reference. */
char *cover_svg(const struct cover_text *t, size_t *len);

/* The largest raster cover: the e-reader cover ratio (5:8), at the size
 * Kindle's store asks for. */
#define COVER_PNG_WIDTH 1600
#define COVER_PNG_HEIGHT 2560

/* Renders svg (len bytes: the generated cover, or a site's SVG already
 * cleaned by svg.c's policy) to a PNG on white, as large as fits in
 * COVER_PNG_WIDTH × COVER_PNG_HEIGHT with the drawing's proportions (an SVG
 * without a size fills the whole). Nothing outside the bytes is loaded.
 * Text is drawn with the fonts installed (fontconfig), so the pixels are
 * the same on one machine, not across machines; no time is written into
 * the PNG. Returns 0 and *png (malloc'd, *png_len bytes), or -1 and *why
 * (malloc'd). */
int cover_png(unsigned char **png, size_t *png_len, const unsigned char *svg, size_t len, char **why);

/* The characters of t's text that no installed font has (at most five,
 * each once), which a PNG of the generated cover would show as boxes; NULL
 * when every one has a font. Malloc'd. */
char *cover_unfonted(const struct cover_text *t);

/* The place in the site of the cover image a post's front matter names,
 * relative to the site root: a path relative to the post, or one starting
 * with '/' under the static folder (where a relative path is tried too
 * when it is not beside the post), else the other readings imagefile.h
 * tries for a post's images. NULL for URLs. Malloc'd. */
char *cover_resolve(const struct site *site, const struct post *p, const char *ref);

/* Chooses the cover, first found: path (--cover: any readable image file;
 * anything else is an error), the site configuration's cover image, the
 * front matter of the first post (in book order) that names one; else a
 * generated one. calibre and Kindle show no SVG cover: a generated cover
 * is stored as its PNG only (cover_png; the SVG, with a warning, when no
 * font here has some of its characters: cover_unfonted), a given SVG keeps its (cleaned)
 * file and gets a PNG beside it, which is the cover; when drawing fails
 * (a warning) the SVG is the cover. A site or front-matter image that cannot be used is a
 * warning, and the next choice is taken. A front matter or configuration
 * cover given as an http(s) URL is fetched with fetch (through its cache;
 * NULL: never fetched). Adds the image to res. Returns 0
 * and *out, or -1 after reporting an error. */
int cover_add(struct cover *out, struct resources *res, const char *path, const struct site *site,
	      const struct post_list *posts, const struct cover_text *t, const struct fetch_options *fetch,
	      struct diag_list *dl);

/* cover.xhtml (from the cover.xhtml template, which may be replaced in
 * templates_dir): the cover image alone on a page. */
int cover_page(char **out, size_t *len, const struct cover *c, const struct cover_text *t,
	       const char *templates_dir, struct diag_list *dl);

#endif
