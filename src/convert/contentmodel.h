/* contentmodel.h — a chapter's XHTML tree made valid against the content
 * model of XHTML5 as EPUB 3 checks it (epubcheck's RELAX NG schemas and
 * Schematron rules), without losing a word.
 *
 * The tree comes from sanitize.c: libxml2's HTML parser made it
 * well-formed but, unlike an HTML5 tree builder, neither foster-parents
 * what a table cannot hold nor closes an element where another may not
 * stand; raw HTML in posts and sanitize's own flattening (past
 * SANITIZE_MAX_DEPTH) leave such trees. The repairs follow what an HTML5
 * parser would have built: content a table cannot hold moves before it,
 * cells get their row, rows their body, a column its column group, table
 * parts outside a table lose their tags, list items and terms get their
 * list, an inline element holding blocks becomes a block (a heading keeps
 * its rank and loses the inner tags instead), a link inside a link is
 * moved out of it so both still work. Words keep their order, except that
 * what a table cannot hold comes before it, as in a browser.
 *
 * Landmarks too (DAISY Ace, through axe-core, checks them as HTML-AAM
 * maps them): the template's <section role="doc-chapter"> scopes none, so
 * a post's <header> and <footer> not inside an <article>, <aside> or
 * <section> of its own become <div class="header|footer">, and <aside>s
 * that would be complementary landmarks of one name (or none) become
 * <div class="aside">; an aria-label a <div> may not carry becomes its
 * title. Footnotes (asides with a role) are left alone.
 *
 * Only XHTML elements are looked at: inline SVG is svg.c's and is left as
 * it is. Elements the repairs create carry no id (the ids stay unique). */
#ifndef SHEAF_CONTENTMODEL_H
#define SHEAF_CONTENTMODEL_H

#include <libxml/tree.h>
#include <stdbool.h>

/* Repairs root's descendants (root itself is a <div> standing where flow
 * content is allowed, and is left as it is). Nodes the repairs drop
 * (an empty column, blank text between table parts) are freed. */
void contentmodel_repair(xmlNodePtr root);

/* Whether an XHTML element of that name is phrasing content (may stand
 * in a <p>): the words on either side of its tags run on. */
bool contentmodel_phrasing(const char *name);

/* Whether an element of that name is void in HTML (holds nothing, written
 * <br/>): HTML's list (area, base, br, col, embed, hr, img, input, link,
 * meta, param, source, track, wbr), for the template's <head> too; of
 * them, the sanitizer lets br, col, hr, img and wbr into a post. */
bool contentmodel_void(const char *name);

#endif
