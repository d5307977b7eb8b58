/* sanitize.h — an HTML tree (libxml2's HTML parser output) → clean XHTML.
 *
 * Copies nodes into an XHTML document keeping only elements and attributes
 * that are safe and valid in EPUB 3: scripts, styles, frames, forms, event
 * handlers and dangerous URLs never come through; obsolete elements become
 * their modern equivalents; unknown elements give up their tag but keep
 * their text. Nothing here allocates outside the target document.
 *
 * Inline <svg> is copied into the SVG namespace through the SVG policy
 * (svg.h), with the names the HTML parser lower-cased given back their
 * case (viewBox, linearGradient…). <picture> and srcset
 * come down to one <img>; a video's poster becomes an <img>.
 *
 * Copied elements carry, in xmlNode.line, the body line of the Markdown
 * block they came from (from cmark-gfm's data-sourcepos), for diagnostics.
 * Footnote markers of cmark-gfm are kept as data-sheaf-* attributes for
 * the chapter stage, which removes them.
 */
#ifndef SHEAF_SANITIZE_H
#define SHEAF_SANITIZE_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>

#include "base/url.h" /* url_classify and url_escape, used with sanitize's policy */
#include "base/words.h"
#include "convert/svg.h" /* SVG_NS, XLINK_NS */

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_NS "http://www.idpf.org/2007/ops"

/* Elements nested deeper than this (below dst) lose their tags, not their
 * text: e-readers choke on deep trees, and posts can nest thousands deep. */
#define SANITIZE_MAX_DEPTH 100

/* Parses an HTML document (len bytes of UTF-8) as libxml2's HTML parser
 * does with the options ../shared/CONVENTIONS.md gives (no network, no
 * messages, no implied DTD, no depth limit), but keeps each element's
 * data-sourcepos line on the element rather than as an attribute, where
 * sanitize_copy_children reads it. Free with xmlFreeDoc; NULL on failure. */
htmlDocPtr sanitize_parse(const char *html, size_t len, const char *url);

/* Moves the children of src (an HTML tree) under dst, cleaned, without
 * recursion: each source node is freed once copied, so src is left
 * without children. ns is the XHTML namespace of dst's document, epub_ns
 * its epub: namespace. Returns how many elements were flattened (see
 * above). */
size_t sanitize_copy_children(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, xmlNsPtr epub_ns);

/* The fixed words (words.h) of the document node belongs to: the language
 * its root declares (the chapter template's xml:lang, the book's), so a
 * label sheaf adds to a post reads like the book's other labels; English
 * when it declares none. */
const struct words *sanitize_words(xmlNodePtr node);

#endif
