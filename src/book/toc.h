/* toc.h — the book's tables of contents: nav.xhtml (EPUB 3) and toc.ncx
 * (EPUB 2 readers, Kobo sideloads), in the order of the spine.
 *
 * Both are written with xmlTextWriter, so every title is escaped.
 * Strings returned are malloc'd.
 */
#ifndef SHEAF_TOC_H
#define SHEAF_TOC_H

#include <stddef.h>

#include "convert/chapter.h"

struct toc_input {
	const char *title;    /* the book's */
	const char *language;
	const char *uid;      /* dc:identifier, for the NCX */
	const char *titlepage_href;
	const char *nav_href;
	const char *stylesheet_href;
	struct chapter *chapters;
	size_t nchapters;
	int depth; /* heading levels under each post: 2 lists ## and ### */
	const char *cover_href; /* the cover page, or NULL */
};

/* Both, written as the chapters come, in spine order: so a large book's
 * contents are made while its later chapters convert. in is borrowed
 * until toc_finish (its chapters are not read); each chapter only during
 * toc_add. toc_finish gives both documents (malloc'd) and frees t. */
struct toc_writer;
struct toc_writer *toc_begin(const struct toc_input *in);
void toc_add(struct toc_writer *t, const struct chapter *ch);
void toc_finish(struct toc_writer *t, char **nav, size_t *nav_len, char **ncx, size_t *ncx_len);

/* The same for in's chapters at once. */
int toc_nav(char **out, size_t *len, const struct toc_input *in);
int toc_ncx(char **out, size_t *len, const struct toc_input *in);
/* The headings of ch listed in the TOC at depth, as indexes into
 * ch->headings, with each one's parent index (-1 for the top level).
 * Returns the count; *idx and *parent are malloc'd. */
size_t toc_outline(const struct chapter *ch, int depth, size_t **idx, long **parent);

#endif
