/* book.h — selected posts → a complete EPUB 3 book on disk.
 *
 * Converts every post to a chapter on o->jobs worker threads, resolves the
 * links and images between them and the site, and streams the chapters
 * into the container as they are ready, in book order; then the title
 * page, nav, NCX and package document. Nothing is put at the output path
 * when any error was reported; warnings do not stop the book. The same
 * posts give the same bytes whatever the number of threads.
 */
#ifndef SHEAF_BOOK_H
#define SHEAF_BOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "input/post.h"
#include "input/site.h"
#include "base/util.h"

struct book_options {
	const char *title;       /* required */
	const char *subtitle;    /* may be NULL */
	const char *description; /* may be NULL */
	const char *language;    /* a valid BCP 47 tag */
	const char *source_url;  /* the site's URL, may be NULL */
	struct strvec creators;  /* names, in order */
	struct strvec subjects;  /* dc:subject values */
	const char *id_seed;     /* names the book's UUID: site and selection */
	int toc_depth;
	const char *templates_dir; /* may be NULL */
	bool have_epoch;           /* SOURCE_DATE_EPOCH given */
	int64_t epoch;
	/* stderr is a terminal: a line there says how far the export is (posts
	 * converted, images being fetched) once it has run half a second, and
	 * is cleared before book_build returns */
	bool progress;
	int jobs;      /* worker threads (-j); the book is the same for any number */
	bool offline;  /* remote images only from the cache, never the network */
	int fetch_budget_s; /* seconds for all downloads (fetch.h); 0: its default */
	/* Every post of the site (the book's and the others), for links to
	 * posts left out of the book; NULL: only the book's. */
	const struct post_list *site_posts;
	const char *series;          /* the series the book is, or NULL */
	int series_position;         /* the book's place in it; 0 when not given */
	const char *cover;           /* --cover: an image file anywhere, or NULL */
	const char *publisher, *rights; /* dc:publisher, dc:rights, or NULL */
	const char *date; /* dc:date as the OPF writes it (W3CDTF), or NULL: the newest post's day */
};

/* What a book holds, for the line a run ends with. */
struct book_stats {
	size_t posts;
	size_t images;  /* image files in the book, a generated cover not counted */
	uint64_t bytes; /* the book file's size */
};

/* Builds the book of posts (in order) into output. Returns 0 and *stats
 * (stats may be NULL), or -1 after reporting errors; output is then left
 * as it was. */
int book_build(struct book_stats *stats, const struct book_options *o, const struct site *site,
	       const struct post_list *posts, const char *output, struct diag_list *dl);

#endif
