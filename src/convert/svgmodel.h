/* svgmodel.h — SVG 1.1's content model: which element may stand inside
 * which, as EPUB 3's SVG schema gives it (the modules of epubcheck's mod/svg11/).
 *
 * Applied after the policy (svg.h) on both roads: inline SVG once the
 * sanitizer has copied a post (sanitize_copy_children), an SVG file once
 * svg_clean_doc has cleaned it. An element its parent may not hold moves
 * out, as a parser closes the open element, to just after the nearest
 * ancestor level that may hold it (several in the order they came); a
 * <tspan> or <textPath> outside text gets a <text> of its own; what no
 * ancestor may hold goes, its words (those of its <title>, <desc> and
 * text) kept as a <desc> of the nearest element that may hold one. A
 * <title> or <desc> holding elements keeps their text. Order rules: a
 * <title>/<desc> comes before the rest where the schema says so, a
 * lighting filter holds one light first, feComponentTransfer one feFunc
 * of each channel in R, G, B, A order, animateMotion one <mpath>.
 * (Character data outside text content elements the policy takes out.)
 *
 * Only elements the policy keeps are known; others are left as they are.
 * It frees the nodes it takes out, allocates the nodes it adds (a <text>,
 * a <desc>) in the tree's document. */
#ifndef SHEAF_SVGMODEL_H
#define SHEAF_SVGMODEL_H

#include <libxml/tree.h>

/* Applies the content model to every drawing under root (root included):
 * each SVG element whose parent is not one (the root of an SVG file, an
 * inline <svg> in XHTML). */
void svgmodel_apply(xmlNodePtr root);

#endif
