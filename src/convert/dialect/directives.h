/* directives.h — the admonition box of directives.c, for the passes that
 * make the same box another way (MDX's <Admonition type title>): one HTML
 * for every box, so the book's style sheet (.admonition) styles them all.
 * Private to src/convert/dialect/. */
#ifndef SHEAF_DIALECT_DIRECTIVES_H
#define SHEAF_DIALECT_DIRECTIVES_H

#include "convert/dialect/scan.h"

/* Is type[0..tyl) an admonition type Docusaurus or Starlight knows? */
bool directives_known(const char *type, size_t tyl);

/* Writes a box's opening to h: `<div class="admonition TYPE"><p
 * class="admonition-title">TITLE</p>` and a newline. The title is
 * Markdown (one line, read through the passes), or, when tl is 0, the
 * site's title for the type in its language (site_data's box_titles:
 * caution is Vorsicht on a German Docusaurus site), else the type
 * capitalized as Docusaurus shows it (caution: Caution). The closing
 * is `</div>`. Appends to h, which the caller owns; type and title are
 * read, not kept. */
void directives_box_open(struct ds_state *st, struct strbuf *h, const char *type, size_t tyl, const char *title,
			 size_t tl, int line);

#endif
