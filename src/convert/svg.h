/* svg.h — the one SVG policy: what of an SVG drawing may reach the book.
 *
 * An allow-list, used by both roads SVG takes into a book: inline <svg> in
 * a post (sanitize.c copies libxml2's HTML tree through it) and SVG files
 * or data: SVGs (resources.c parses the bytes and cleans the tree with
 * svg_clean_doc). What it keeps:
 *   - SVG 1.1 elements that draw, paint, filter or animate; no script,
 *     foreignObject, image, feImage, fonts, cursors or elements of another
 *     namespace (their content goes with them); <a> and <switch> give up
 *     their tag, not their children;
 *   - per element, its own attributes and the presentation attributes
 *     EPUB 3's SVG schema gives it (fill on a shape or a <g>, not on a
 *     gradient; font-size on text or a container, not on a shape); class
 *     and style where the schema allows them (not on <style>, nor on most
 *     filter primitives); id, xml:space, xml:lang, ARIA;
 *     never an event handler or anything not listed;
 *   - href and xlink:href only to an element of the drawing ("#id");
 *   - no animation (set, animate…) of an href, an event handler or style;
 *   - CSS (presentation values, style attributes, <style> sheets) judged
 *     after CSS unescaping and without comments: no @import, no url() but
 *     to "#id", no expression(), image-set(), script URLs or bindings;
 *   - <style> only in an SVG file of its own: inline, a sheet would style
 *     the whole chapter.
 * Nothing here allocates but the strings it returns (malloc'd, the
 * caller's), and svg_clean_doc frees only nodes of the tree it is given. */
#ifndef SHEAF_SVG_H
#define SHEAF_SVG_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

enum {
	SVG_TEXT = 1,   /* holds character data */
	SVG_STYLED = 2, /* takes class and style */
	SVG_ANIM = 4,   /* animation: dropped when svg_anim_target_ok says no */
	SVG_UNWRAP = 8, /* its tag goes, its children stay */
	SVG_LINK = 16,  /* means nothing without its href: goes without one */
	SVG_SHEET = 32  /* a style sheet: only in an SVG file of its own */
};

struct svg_element {
	const char *name; /* as SVG spells it: "linearGradient" */
	unsigned flags;
	unsigned pres;     /* the groups of presentation attributes it takes
			      (svg.c, after SVG 1.1's attribute modules) */
	const char *attrs; /* its own attributes, space-separated */
};

/* The element of the allow-list named name, ignoring case (the HTML
 * parser lower-cases names); NULL: the element goes with its content. */
const struct svg_element *svg_element(const char *name);

enum svg_attr_kind {
	SVG_ATTR_DROP,
	SVG_ATTR_KEEP,  /* keep value under the name written into canon */
	SVG_ATTR_HREF,  /* a reference svg_href_target accepts: xlink:href */
	SVG_ATTR_STYLE, /* a style attribute: its declarations, see svg_style_decls */
	SVG_ATTR_ARIA   /* role, aria-*: kept by a file as it is; a chapter gives its
			   <svg> an accessible name of its own (sanitize.c) */
};

/* What becomes of attribute name (qualified as written: "xlink:href",
 * "xml:space"; any case) with value on element el. For SVG_ATTR_KEEP,
 * canon (cap bytes) gets the name as SVG spells it ("viewBox"). */
enum svg_attr_kind svg_attr(const struct svg_element *el, const char *name, const char *value,
			    char *canon, size_t cap);

/* The reference of an href value, leading white space skipped, when it
 * names an element of the drawing ("#id", nothing a reader could take for
 * another kind of URL); NULL otherwise. Points into v. */
const char *svg_href_target(const char *v);

/* Whether an animation whose attributeName is target may stay: not one
 * that sets a link, an event handler or a style (under any prefix). */
bool svg_anim_target_ok(const char *target);

/* Whether an animation element (set, animate…) may stay, by its
 * attributeName (see svg_anim_target_ok); one without animates nothing
 * and goes (but animateMotion, which needs none). */
bool svg_anim_ok(xmlNodePtr n);

/* What takes the place of n, an element whose tag goes (SVG_UNWRAP: <a>,
 * <switch>), when its attributes style what it holds (fill, transform,
 * class…): a <g>, or in text a <tspan>; NULL when it has none of those and
 * its tag simply goes. */
const struct svg_element *svg_stand_in(xmlNodePtr n, bool in_text);

/* Gives n, an element el of the policy whose attributes are copied, the
 * attributes SVG 1.1's schema requires that it lacks, with the value their
 * absence means (a rect without width: width="0"). False when it cannot
 * be made whole (a feConvolveMatrix without kernel): it goes. */
bool svg_required(xmlNodePtr n, const struct svg_element *el);

/* Whether n has an href or xlink:href (as the HTML parser or an XML file
 * gives it) that svg_href_target accepts. */
bool svg_has_href(xmlNodePtr n);

/* Whether CSS text (a value, a declaration list or a sheet) loads nothing
 * and runs nothing, read after CSS unescaping, with and without comments
 * and white space. */
bool svg_css_safe(const char *css);

/* Calls each(ctx, property, value) for the declarations of a style
 * attribute that stay: a presentation property (spelt as SVG does), a
 * value svg_css_safe accepts (with its "!important", if any). Returns how
 * many declarations went. */
size_t svg_style_decls(const char *style, void (*each)(void *ctx, const char *prop, const char *value),
		       void *ctx);

/* A <style> sheet made local: @import rules go, a url() to anything but
 * "#id" becomes none. NULL when what is left is still not svg_css_safe
 * (escapes can hide what this rewriting reads): the sheet then goes.
 * malloc'd. */
char *svg_css_sheet(const char *css);

/* What an id referred to as id at element at is now called; NULL (or id)
 * when it stays. */
typedef const char *(*svg_id_map)(void *ctx, xmlNodePtr at, const char *id);

/* Rewrites, under root (root included), every reference to an id through
 * map: href and xlink:href "#id" on SVG elements, url(#id) in SVG
 * attributes (fill, clip-path, style…) and <style> sheets, and the id
 * lists of aria-labelledby, aria-describedby and headers on any element.
 * Only what map changes is written. */
void svg_rewrite_refs(xmlNodePtr root, svg_id_map map, void *ctx);

/* References within the document made to hold, under root (a chapter's
 * content, or an SVG file's root). epubcheck follows fill and stroke
 * written as url(#id), which must name a paint server (linearGradient,
 * radialGradient, pattern), and a <use>'s href, which must name an
 * element that is none of those nor a clipPath; any url(#id) or href
 * must name something there. What names nothing is what a reader makes
 * of it: a paint its fallback or none; a clip, mask, filter or marker
 * none (the attribute goes); a template href goes; a <use> or <mpath> of
 * nothing goes, a <textPath> leaves its words. Call it once ids are
 * final. */
void svg_fix_refs(xmlNodePtr root);

/* Applies the policy to a parsed SVG document in place: processing
 * instructions, elements and attributes it refuses are freed, unwrapped
 * elements' children take their place. The root is left in place. Ids
 * become XML names (an id such as "1:2" its slug), unique in the file,
 * and every reference to them follows (svg_rewrite_refs). */
void svg_clean_doc(xmlDocPtr doc);

#endif
