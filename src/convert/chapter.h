/* chapter.h — one post → one XHTML chapter (a libxml2 tree).
 *
 * Markdown goes through cmark-gfm to HTML, the HTML through libxml2's HTML
 * parser and the sanitizer into the chapter template's tree; then headings
 * get ids, footnotes become EPUB pop-up notes, and the links and images
 * that point outside the chapter are recorded for the book stage to
 * resolve (it knows which posts and files the book holds).
 *
 * Each conversion touches only its own chapter and diag_list: posts can be
 * converted in parallel.
 *
 * Ownership: chapter_convert fills a chapter the caller releases with
 * chapter_free (which frees the document with xmlFreeDoc). The post is
 * borrowed and must outlive the chapter.
 */
#ifndef SHEAF_CHAPTER_H
#define SHEAF_CHAPTER_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "convert/dialect.h"
#include "input/post.h"
#include "base/slug.h"

struct heading {
	int level; /* 2..6: the rank in the chapter, under the title's h1 */
	char *id;
	char *text;
};

/* A link that leaves the chapter, to a path in the site. */
/* A link the book stage resolves: a relative one (to a path in the site,
 * or a site-absolute URL path) or an absolute URL that may point at a post
 * of the site itself. */
struct chapter_link {
	xmlNodePtr a;
	char *raw;      /* the href as written (trimmed) */
	char *target;   /* relative links: normalized, relative to the site root;
			   may start with ".."; NULL for absolute URLs */
	char *fragment; /* decoded; NULL when none */
	int line;       /* file line, 0 when unknown */
};

/* An image file the chapter shows. */
struct chapter_image {
	xmlNodePtr img;
	char *target;        /* normalized, relative to the site root; may start
				with ".."; NULL for a data: URL */
	char *raw;           /* the src as written, for the book stage's other
				readings (folder named after the post, permalink-
				relative, site-absolute under another root) */
	unsigned char *data; /* the bytes of a data: URL (its src is removed), or
				of a remote image once the book stage fetched it */
	size_t len;
	int line;
	char *url;           /* an http(s) image (escaped), for the book stage to
				fetch; target is then NULL; NULL otherwise */
	char *why;           /* set by the book stage: why url was not fetched */
};

/* The names of the places in a chapter: what a link from another chapter
 * needs to land on a heading or note. */
struct chapter_ids {
	struct idset ids;
	/* Other names of places in the chapter → index in ids.v: the footnote
	 * anchors generators write (`#fn:label`), so links made against the
	 * website still land on the note. */
	struct strmap aliases;
	/* Each id's letters and digits (as chapter_find_id compares them as
	 * a last resort) → the index in ids.v of the first id so squashed:
	 * made once the chapter is converted, so a post of N links to N
	 * headings under other names is not N × N comparisons. Until then
	 * (squashed_ready false) chapter_find_id compares each id. */
	struct strmap squashed;
	bool squashed_ready;
};
#define CHAPTER_IDS_INIT {IDSET_INIT, STRMAP_INIT, STRMAP_INIT, false}

struct chapter {
	const struct post *post;
	char *href; /* "text/001-slug.xhtml", relative to the package folder */
	xmlDocPtr doc;
	struct heading *headings;
	size_t nheadings;
	struct chapter_ids names;
	struct chapter_link *links;
	size_t nlinks;
	struct chapter_image *images;
	size_t nimages;
	bool has_svg; /* holds inline SVG: its manifest item needs the svg property */
};

struct convert_options {
	const char *language;     /* the book's, for the chapter's xml:lang */
	const char *template_text; /* the chapter template */
	const char *template_origin;
	const char *content_dir;  /* site-relative folder that site-absolute paths start from */
	size_t index;             /* position in the book, from 1: names the file */
	const struct dialect *const *dialects; /* the generator's passes (dialect.h), or NULL */
	const struct dialect_context *dialect; /* may be NULL when dialects is NULL */
	const char *href; /* the file's name when the caller made it already
			     (chapter_href), else NULL */
};

int chapter_convert(struct chapter *ch, const struct post *p, const struct convert_options *o,
		    struct diag_list *dl);
/* The file name of the chapter of p at index (from 1) in the book:
 * "text/001-slug.xhtml". Malloc'd. */
char *chapter_href(const struct post *p, size_t index);
/* The id that fragment names in a chapter (as written, as an alias, or
 * as its slug), or NULL when the chapter has no such place. */
const char *chapter_find_id(const struct chapter_ids *names, const char *fragment);
/* Makes names->squashed from the ids (final from now on): chapter_convert
 * does it when it succeeds. */
void chapter_ids_index(struct chapter_ids *names);
void chapter_ids_free(struct chapter_ids *names);
/* Replaces an element by its children (a link that leads nowhere keeps its
 * text), or by a text when the element is an image. */
void chapter_unwrap(xmlNodePtr node);
/* Replaces an image by its alt text. */
void chapter_image_to_alt(xmlNodePtr img);
/* Replaces an image by its alt text made a link to url (only the alt text
 * when the image already sits in a link). */
void chapter_image_to_link(xmlNodePtr img, const char *url);
/* Gives what needs an accessible name one (DAISY Ace: link-name,
 * image-alt), after everything that removes content from the chapter (the
 * book stage calls it last, once failed images are replaced): an image
 * without alt gets its file's stem ("my-photo_2.png": "my photo 2"), or
 * alt="" when it sits in a link whose words name it; a link with nothing
 * to say gets its URL as text (host and path, shortened), or its
 * decorative image the image's stem. Words are only ever added. Running it
 * again changes nothing. */
void chapter_names(xmlNodePtr root);
/* Serializes as XML with declaration, UTF-8. *out is xmlMalloc'd: free it
 * with xmlFree. */
int chapter_serialize(xmlChar **out, int *len, xmlDocPtr doc);
/* Frees the tree and what points into it (links, images): what stays is
 * the chapter's entry in the book's index (href, headings, names). */
void chapter_drop_tree(struct chapter *ch);
void chapter_free(struct chapter *ch);

#endif
