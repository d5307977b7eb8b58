/* tmpl.h — what a site's own shortcode shows, read from its template
 * (private to src/convert/dialect/; Hugo's and Zola's passes use it).
 *
 * sheaf runs neither Go templates nor Tera, but a shortcode template says
 * in its HTML (or Markdown) which of its parameters end up where: an
 * `<img src="{{ .Get "src" }}">` (or `![…]({{ src }})`) shows a picture
 * from the call's `src`, an `<a href="{{ .Get 0 }}">` links to its first
 * argument, `{{ .Inner }}` / `{{ body }}` keeps what the call encloses.
 * tmpl_read finds those uses (through variables, `with` and `set`), and
 * tmpl_show writes a call of it: a figure, a link, or the text of its
 * text parameters. A call whose shortcode has no readable template is
 * shown by its parameters' names and values alone (an image of the site
 * under `src`, `image`…; `title`, `caption`… as text).
 *
 * Ownership: everything points into the template text or the call; no
 * allocation outlives a call, except a tmpl_cache's (its owner frees it). */
#ifndef SHEAF_DIALECT_TMPL_H
#define SHEAF_DIALECT_TMPL_H

#include "convert/dialect/scan.h"
#include "input/sitedata.h"

#define TMPL_KEY 32

/* A parameter of a call: a name (Hugo `.Get "src"`, Tera `src`) or a
 * position (Hugo `.Get 0`). */
struct tmpl_param {
	char key[TMPL_KEY]; /* "" when by position */
	int pos;            /* -1: none (nothing set) */
};

enum tmpl_role { TR_SRC, TR_ALT, TR_TITLE, TR_CAPTION, TR_HREF, TR_TEXT, TR_NROLES };

struct tmpl_use {
	bool figure; /* shows an image from roles[TR_SRC] */
	bool link;   /* links to roles[TR_HREF] */
	bool inner;  /* shows what the call encloses */
	bool other;  /* shows a parameter in no role sheaf knows */
	struct tmpl_param roles[TR_NROLES];
};

/* Reads a template (tera: Zola's Tera, else Hugo's Go templates). */
void tmpl_read(struct tmpl_use *u, const char *text, size_t len, bool tera);

/* What a post's site templates show, each read the first time the post
 * calls it: zeroed in a pass's state, freed with tmpl_cache_free. */
struct tmpl_cache {
	struct tmpl_use *uses; /* in sd->tmpl's order */
	bool *read;            /* uses[i] was read */
};

/* What the template t (one of sd's) shows, read once; NULL when t is NULL
 * or could not be read. tera as for tmpl_read. */
const struct tmpl_use *tmpl_cached(struct tmpl_cache *c, const struct site_data *sd, const struct site_template *t,
				   bool tera);
void tmpl_cache_free(struct tmpl_cache *c);

/* A figure: what a figure-like shortcode shows (any may be NULL). */
struct tmpl_fig {
	const char *src, *alt, *caption, *title, *link, *attr, *attrlink, *width, *height;
};

/* Writes the figure made in place of x->s[i..end): a <figure> block when
 * the call stands alone on its lines, else the image inline. Returns what
 * it consumed from i. */
size_t tmpl_figure(struct ds_inl *x, size_t i, size_t end, const struct tmpl_fig *f);

/* Shows the call sc (at x->s[i..sc->end)) of a site shortcode: by u when
 * its template was read (u NULL: by its parameters alone). Returns what
 * it consumed from i, and *lost: whether something the shortcode shows
 * was left out (the caller warns). A link whose text is what the call
 * encloses is opened here (`[`): *open_href (malloc'd, else NULL) is then
 * the URL the caller writes as `](URL)` at the closing tag. */
size_t tmpl_show(struct ds_inl *x, size_t i, const struct ds_call *sc, const struct tmpl_use *u, bool *lost,
		 char **open_href);

#endif
