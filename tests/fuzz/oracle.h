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

#endif
