/* dialect.h — a generator's Markdown dialect → the CommonMark and HTML that
 * cmark-gfm and the rest of sheaf understand.
 *
 * Static site generators extend Markdown: MkDocs has admonitions, content
 * tabs and attribute lists; Hugo has shortcodes; Jekyll has Liquid tags and
 * kramdown attribute lists; Eleventy has Nunjucks/Liquid paired tags; Zola
 * has shortcode calls. Left
 * alone they show in the book as raw text. dialect_rewrite turns each into
 * plain Markdown or HTML (which the sanitizer then cleans), keeping every
 * word of the author's; what it does not know it keeps as text, with a
 * warning naming the construct, file and line.
 *
 * A pure text pass: no global state, reentrant.
 * Ownership: the returned string is malloc'd and owned by the caller.
 */
#ifndef SHEAF_DIALECT_H
#define SHEAF_DIALECT_H

#include <stddef.h>

#include "base/diag.h"

enum dialect {
	DIALECT_MKDOCS = 1u << 0,      /* !!! admonitions, ??? details, === tabs, attr_list,
					  md_in_html, fenced-code attributes, --8<-- snippets, emoji */
	DIALECT_HUGO = 1u << 1,        /* {{< shortcodes >}} and {{% shortcodes %}} */
	DIALECT_LIQUID = 1u << 2,      /* Jekyll: {% raw %}, {% highlight %}, {% post_url %},
					  {% link %}, {{ site.baseurl }}, kramdown {: .class} and {:toc} */
	DIALECT_NUNJUCKS = 1u << 3,    /* Eleventy: paired {% tag %}…{% endtag %} */
	DIALECT_MATH = 1u << 4,        /* $…$, $$…$$, \(…\), \[…\] kept as TeX */
	DIALECT_HEADING_IDS = 1u << 5, /* ## Title {#id} */
	DIALECT_ZOLA = 1u << 6,        /* {{ shortcode(k=v) }}, {% shortcode() %}…{% end %} */
};

struct dialect_context {
	const char *site_root;    /* for snippet includes, which must stay inside it */
	const char *post_relpath; /* the post, relative to site_root */
	const char *site_url;     /* may be NULL */
	const char *baseurl;      /* Jekyll baseurl, may be NULL */
	/* Resolves a generator's reference to another page (Hugo ref/relref,
	 * Jekyll post_url/link, Zola @/path) to a path relative to the post's
	 * folder, or NULL when unknown. malloc'd. May be NULL. */
	char *(*resolve_ref)(void *data, const char *ref);
	void *resolve_data;
};

/* Rewrites md (len bytes; the body of the post starting at file line
 * first_line) for the dialects given. Returns a malloc'd string of
 * *out_len bytes; warnings go to dl under file. */
char *dialect_rewrite(unsigned dialects, const struct dialect_context *ctx, const char *md,
		      size_t len, size_t *out_len, const char *file, int first_line,
		      struct diag_list *dl);

#endif
