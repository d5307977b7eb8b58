/* linemap.h — which line of a text another text's line came from.
 *
 * The dialect pass rewrites a post before cmark-gfm reads it: it adds lines
 * (an admonition's <div> and title), removes some (a shortcode's closing
 * tag) and moves others (snippets pasted in, a tag block become a fenced
 * block). Line numbers the later stages see are lines of the rewritten
 * text; this map takes them back to the post's own lines, so that
 * diagnostics point where the author looks.
 *
 * The map is written by the rewrite itself (dialect_rewrite), exactly, as
 * it moves each line: nothing here guesses by comparing texts. It is the
 * one line mechanism from the rewrite on: cmark-gfm's source positions
 * (data-sourcepos, and markdown.c's marks where cmark-gfm writes none)
 * give the line in the rewritten text, this map the body's line.
 *
 * Ownership: line is malloc'd by whoever fills the map; free it with
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

/* The original's line of rewritten line (from 1); line itself when the map
 * is empty (the text was not rewritten); the map's last line past its end. */
int linemap_get(const struct linemap *m, int line);
void linemap_free(struct linemap *m);

#endif
