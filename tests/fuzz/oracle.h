/* oracle.h — what the fuzz harnesses check of what sheaf writes, with code
 * and lists of its own: nothing here calls or copies the sanitizers
 * (sanitize.c, svg.c), so their blind spots are not the oracle's.
 *
 * A chapter (XHTML) or an SVG file must be:
 *   - well-formed XML, parsed strictly by libxml2 (no recovery, no entity
 *     substitution, no DTD loading, no network), with no entity
 *     declaration and no processing instruction;
 *   - free of the elements on a short list written here (script, iframe,
 *     object, embed, form controls, frames, base, meta and link in the
 *     body, foreignObject, SVG image and feImage, style in a chapter's
 *     body…), compared by local name ignoring case, in any namespace;
 *   - free of foreign elements: in a chapter's body only XHTML, SVG and
 *     MathML; in an SVG file only SVG;
 *   - free of on* attributes (any case, any namespace);
 *   - free of javascript:, vbscript:, data: and file: URLs in any URL
 *     attribute (read as a browser reads a scheme: white space and control
 *     characters left out, any case);
 *   - free of remote URLs but in an XHTML <a href> or a cite: an image, a
 *     style sheet or anything an SVG element names must be in the book;
 *     an SVG href names "#id" only;
 *   - free of CSS that loads or runs (in style attributes, <style>, and
 *     SVG attribute values), read after CSS unescaping: @import, url() to
 *     anything but "#id", expression(), image-set(), script URLs;
 *   - free of <set>/<animate…> whose attributeName is an href, a handler
 *     or style, under any prefix.
 *
 * And valid, as epubcheck and DAISY Ace check a book. Each validity rule
 * has a name, which its sentence starts with ("schema: …"):
 *   - schema: valid against epubcheck's own RELAX NG schemas for EPUB 3
 *     XHTML (a chapter's <body>, inline SVG included) and SVG, made from
 *     the jar by tests/schema/make-rng.sh at build time (see
 *     oracle_schema_skipped);
 *   - a-interactive: no interactive content (a, button, label, details,
 *     iframe, embed, select, textarea, input, audio/video with controls,
 *     img/object with usemap, anything with tabindex) inside an <a>;
 *   - id-ncname, id-unique: every id (and xml:id) is an XML NCName, and
 *     none is used twice;
 *   - fragment: every same-document reference (<a href="#x">, an SVG
 *     href or xlink:href "#x", url(#x) in CSS and SVG values) names an id
 *     of the document (epubcheck RSC-012);
 *   - href-url: an <a href> is a relative reference, or an http, https or
 *     mailto URL; http(s) with a host of ASCII labels (letters, digits,
 *     hyphens, and underscores, which browsers and epubcheck take) or an
 *     IP literal; no space, control or excluded character; only %XX escapes;
 *   - img-alt: every <img> has an alt;
 *   - link-name: every <a href> has an accessible name (text, an img with
 *     a non-empty alt, an SVG with an aria-label or a <title>, an
 *     aria-label, aria-labelledby or title).
 * A rule may be pending (the table O_pending in oracle.c): not reported,
 * while the branch that makes sheaf meet it is under way. With
 * SHEAF_ORACLE_ALL=1 in the environment every rule is reported;
 * SHEAF_ORACLE_IGNORE="a|b" leaves out a complaint whose sentence holds a
 * or b (for a long run to look past what it found already),
 * SHEAF_ORACLE_ONLY=s leaves out every complaint that does not hold s (to
 * minimize a finding without drifting to another), and
 * SHEAF_ORACLE_DUMP=FILE writes the document that broke a rule.
 *
 * Unit tests may link it (tests/unit/meson.build gives every unit test
 * oracle_dep): ok(oracle_check(xhtml, len, ORACLE_CHAPTER) == NULL, …).
 */
#ifndef SHEAF_FUZZ_ORACLE_H
#define SHEAF_FUZZ_ORACLE_H

#include <stddef.h>

enum oracle_kind {
	ORACLE_CHAPTER, /* an XHTML chapter: its <body> holds the post */
	ORACLE_SVG      /* an SVG file of the book (its own <style> allowed) */
};

/* NULL when data passes every rule above; else the first rule broken, as
 * a malloc'd sentence (the caller frees it). */
char *oracle_check(const char *data, size_t len, enum oracle_kind kind);

/* NULL when the schema rule is checked; else why not (no epubcheck jar or
 * trang at build time, or libxml2 cannot compile the schemas), a static
 * sentence. The reason is also printed once on stderr. oracle_check then
 * checks every other rule. SHEAF_ORACLE_SCHEMA=DIR overrides the
 * directory of schemas compiled in (ORACLE_SCHEMA_DIR). */
const char *oracle_schema_skipped(void);

#endif
