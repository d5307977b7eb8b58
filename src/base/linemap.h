/* linemap.h — which line of a text another text's line came from.
 *
 * The dialect pass rewrites a post before cmark-gfm reads it: it adds lines
 * (an admonition's <div> and title), removes some (a shortcode's closing
 * tag) and changes others (indentation, inline shortcodes). Line numbers the
 * later stages see are lines of the rewritten text; a map back to the
 * post's own lines keeps diagnostics pointing where the author looks.
 *
 * The map is built by matching lines (compared without their leading and
 * trailing white space) in order, each rewritten line looking a bounded
 * distance ahead in the original: lines kept map to themselves; a changed
 * line maps to the original line it replaces; a made-up line (the next
 * original line shows up a little later) maps to the original line before
 * it; a blank line to the original's blank line there, else with the line
 * before it. Linear in the texts' size.
 *
 * Ownership: the map is malloc'd by linemap_build; free it with
 * linemap_free.
 */
#ifndef SHEAF_LINEMAP_H
#define SHEAF_LINEMAP_H

#include <stddef.h>

struct linemap {
	int *line; /* line[i]: the original's line (from 1) of rewritten line i + 1 */
	size_t n;  /* lines of the rewritten text */
};
#define LINEMAP_INIT {NULL, 0}

void linemap_build(struct linemap *m, const char *orig, size_t orig_len, const char *rewritten,
		   size_t rewritten_len);
/* The original's line of rewritten line (from 1); line itself when the map
 * is empty or line is out of its range. */
int linemap_get(const struct linemap *m, int line);
void linemap_free(struct linemap *m);

#endif
