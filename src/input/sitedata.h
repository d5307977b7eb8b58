/* sitedata.h — what a generator hands its dialect passes besides a post's
 * body: the site's parameters (Hugo's `params`, read by `{{< param >}}`),
 * its options for the Markdown it renders (Hugo's enableEmoji), and the
 * site's own shortcode templates (Hugo's layouts/shortcodes/, Zola's
 * templates/shortcodes/), whose text a pass reads to learn what a call
 * shows (convert/dialect/hugo.c, zola.c).
 *
 * A generator fills one in its site_data hook (input/site.h), once, before
 * the posts convert; the book pipeline hands it read-only to every post's
 * conversion through dialect_context.data. Plain data: no generator
 * knowledge is here, only the reading of what the generator named.
 *
 * Ownership: site_data_new gives a structure freed with site_data_free; it
 * owns the templates' names and texts and the admonition names, and borrows the parameter trees and
 * the site (both outlive the book). */
#ifndef SHEAF_SITEDATA_H
#define SHEAF_SITEDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "input/frontmatter.h"

struct site;

#define SITE_DATA_MAX_PARAMS 4

/* A site's shortcode template. */
struct site_template {
	char *name; /* as a post calls it: `gallery`, `docs/note` */
	char *path; /* the file, relative to the site root */
	char *text; /* its content; NULL when it cannot be read */
};

struct site_data {
	const struct site *site; /* whose template files are read; may be NULL */
	/* Parameter trees a `param` reads after the page's own, most specific
	 * first (the language's `params`, then the site's); borrowed. */
	const struct fm_node *params[SITE_DATA_MAX_PARAMS];
	size_t nparams;
	bool emoji; /* `:name:` codes are emoji (Hugo enableEmoji, Zola render_emoji) */
	bool mdx_md; /* `.md` posts are MDX too, not only `.mdx` ones (Docusaurus'
		       markdown.format 'mdx', its default) */
	struct strvec admonitions; /* `:::name` box names the site adds to the usual ones
				      (Docusaurus' admonitions.keywords) */
	/* The title the site shows on a box given none, by its name: pairs
	 * {name, title, …, NULL} (Docusaurus' theme translations of its
	 * admonitions in the site's language); static, borrowed. NULL, or a
	 * name not listed: the name, capitalized. */
	const char *const *box_titles;
	struct site_template *tmpl;
	size_t ntmpl;
	struct strmap by_name; /* name → index in tmpl */
};

struct site_data *site_data_new(const struct site *site);
void site_data_free(struct site_data *sd);

/* Adds every template under dir (relative to the site root) whose name
 * ends in one of exts (".html"), named by its path under dir without the
 * extension (`docs/note.html` → `docs/note`); a name already known keeps
 * its first template (add the site's folders before its theme's). A
 * template whose file name has more dots (`note.en.html`, `note.amp.html`:
 * a language's or an output format's) is added only when no plain one is. */
void site_data_add_templates(struct site_data *sd, const char *dir, const char *const *exts);

/* The template of the shortcode name[0..nl), or NULL when the site has
 * none. */
const struct site_template *site_data_template(const struct site_data *sd, const char *name, size_t nl);

/* A value under a dotted key (`grpc_vers.core`), keys compared without
 * ASCII case (Hugo's are case-insensitive), in tree; NULL when absent. */
const struct fm_node *site_data_lookup(const struct fm_node *tree, const char *key, size_t kl);

#endif
