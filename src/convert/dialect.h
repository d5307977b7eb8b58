/* dialect.h — a generator's Markdown dialect → the CommonMark and HTML that
 * cmark-gfm and the rest of sheaf understand.
 *
 * Static site generators extend Markdown: MkDocs has admonitions, content
 * tabs and attribute lists; Hugo has shortcodes; Jekyll has Liquid tags and
 * kramdown attribute lists; Eleventy has Nunjucks/Liquid paired tags; Zola
 * has shortcode calls. Left alone they show in the book as raw text.
 * dialect_rewrite turns each into plain Markdown or HTML (which the
 * sanitizer then cleans), keeping every word of the author's; what it does
 * not know it keeps as text, with a warning naming the construct, file and
 * line.
 *
 * A dialect is a pass: one file in src/convert/dialect/ over the scanner
 * there (dialect/scan.h), which finds code, lists, blockquotes and HTML
 * once for every pass. A generator names the passes its posts need, in
 * order, as a NULL-terminated list:
 *
 *     .dialects = DIALECTS(&dialect_hugo, &dialect_math, &dialect_heading_ids),
 *
 * Order matters where two passes read the same text: at each line and each
 * trigger character the passes are asked in list order, the first that
 * takes it wins.
 *
 * Adding a dialect (say Hexo's tag plugins): write
 * src/convert/dialect/hexo.c defining `const struct dialect dialect_hexo`
 * with the hooks it needs (see struct dialect in dialect/scan.h: a block
 * hook for lines, triggers for inline characters, its own state struct
 * through state_size), declare it below, add the file to meson.build, and
 * name it in the generator's list. Nothing else changes.
 *
 * Lines: the rewrite moves lines (a box's body dedented under a made-up
 * <div>, snippets pasted in, a tag block become a fenced block, a shortcode
 * over several lines become one). It writes down, as it moves them, which
 * body line each output line came from, and returns that map: the one
 * source of line numbers after it (chapter.c reads cmark-gfm's line of a
 * node through it). A line the rewrite made up maps to the line of the
 * construct that made it.
 *
 * A pure text pass: no global state, reentrant.
 * Ownership: the returned string is malloc'd and owned by the caller, as
 * is the map (linemap_free); the dialects are static constants.
 */
#ifndef SHEAF_DIALECT_H
#define SHEAF_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/linemap.h"
#include "input/frontmatter.h"
#include "input/refs.h"
#include "input/sitedata.h"

struct dialect;

extern const struct dialect dialect_mkdocs;      /* !!! admonitions, ??? details, === tabs, attr_list,
						    md_in_html, fenced-code titles, icons */
extern const struct dialect dialect_snippets;    /* MkDocs --8<-- includes */
extern const struct dialect dialect_pymdownx;    /* MkDocs' configured pymdownx: /// blocks, ==mark==,
						    ^^ins^^ ^sup^, ~~del~~ ~sub~, ++keys++ */
extern const struct dialect dialect_hugo;        /* {{< shortcodes >}} and {{% shortcodes %}} */
extern const struct dialect dialect_liquid;      /* Jekyll: {% raw %}, {% highlight %}, {% post_url %},
						    {% link %}, {{ site.baseurl }}, includes, assign,
						    for, if/unless/case, capture */
extern const struct dialect dialect_kramdown;    /* Jekyll's Markdown: {: .class}, {::comment}, {:toc} */
extern const struct dialect dialect_nunjucks;    /* Eleventy: paired {% tag %}…{% endtag %}, {# #} */
extern const struct dialect dialect_zola;        /* {{ shortcode(k=v) }}, {% shortcode() %}…{% end %} */
extern const struct dialect dialect_math;        /* $…$, $$…$$, \(…\), \[…\] kept as TeX */
extern const struct dialect dialect_emoji;       /* :smile: */
extern const struct dialect dialect_site_emoji;  /* :smile: when the site turns emoji on (Hugo
						    enableEmoji, Zola render_emoji) */
extern const struct dialect dialect_heading_ids; /* ## Title {#id} (mkdocs and kramdown read
						    these themselves, and more) */
extern const struct dialect dialect_hexo;        /* Hexo tag plugins: {% codeblock %}, {% asset_img %}, … */
extern const struct dialect dialect_mdx;         /* MDX (.mdx; Docusaurus .md too): import/export, JSX comments,
						    JSX components, {expressions} */
extern const struct dialect dialect_directives;  /* :::note[Title] … ::: admonitions (Docusaurus,
						    Starlight asides) */
extern const struct dialect dialect_rst;         /* reStructuredText (.rst) read into CommonMark */
extern const struct dialect dialect_pelican;     /* Pelican's {filename}/{static}/{attach}/{tag}/{category}/
						    {author}/{index} and |filename| link prefixes */
extern const struct dialect dialect_markdoc;     /* Markdoc (.mdoc, Astro): {% tag %} … {% /tag %} */

/* A NULL-terminated list of passes, usable in a static initializer. */
#define DIALECTS(...) ((const struct dialect *const[]){__VA_ARGS__, NULL})

struct dialect_context {
	const char *site_root;    /* for snippet includes, which must stay inside it */
	const char *post_relpath; /* the post, relative to site_root */
	const char *site_url;     /* may be NULL */
	const char *baseurl;      /* the site's path on its host (Jekyll baseurl), may be NULL */
	/* The site's posts, by which a generator's reference to another page
	 * (Hugo ref/relref, Jekyll post_url/link, Zola @/path, Hexo post_link)
	 * becomes a path from the post's folder (input/refs.h). May be NULL:
	 * references are then written as they are. */
	const struct refs *refs;
	/* The site's parsed configuration (struct site's config), or NULL:
	 * passes whose syntax exists only when the site turns it on (MkDocs'
	 * markdown_extensions) read it here. */
	const struct fm_node *config;
	/* What the generator read of the site for its passes: params, options,
	 * shortcode templates (input/sitedata.h). May be NULL. */
	const struct site_data *data;
	/* The book's language (BCP 47), for the words a pass writes itself
	 * (reST's "See also"); NULL: English. */
	const char *language;
	/* The post's parsed front matter when its generator keeps it
	 * (site.h's keep_front_matter), else NULL. */
	const struct fm_node *front_matter;
};

/* Rewrites md (len bytes; the body of the post starting at file line
 * first_line) through the passes of dialects (NULL-terminated, in order;
 * NULL: none). Returns a malloc'd string of *out_len bytes; when lines is
 * not NULL it gets, for each line of the result, the body line (from 1)
 * it came from. Warnings go to dl under file. */
char *dialect_rewrite(const struct dialect *const *dialects, const struct dialect_context *ctx, const char *md,
		      size_t len, size_t *out_len, struct linemap *lines, const char *file, int first_line,
		      struct diag_list *dl);

/* Whether a pass of dialects reads the post of ctx from another format
 * (reST): what dialect_rewrite makes of it is then that format's, with
 * its links written out, and cmark-gfm's autolinks would add links its
 * generator does not make. */
bool dialect_foreign(const struct dialect *const *dialects, const struct dialect_context *ctx);

#endif
