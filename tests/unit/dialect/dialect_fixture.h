/* dialect_fixture.h — what the dialect tests share: the passes of each
 * generator as bits a test combines, a context whose resolver knows a few
 * references, the rewrite (R), the rewrite through cmark-gfm (RH), XPath
 * counts on the result, and a temporary site folder for snippets. */
#ifndef SHEAF_TEST_DIALECT_FIXTURE_H
#define SHEAF_TEST_DIALECT_FIXTURE_H

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "convert/dialect.h"
#include "convert/markdown.h"
#include "input/refs.h"
#include "input/site.h"
#include "fixture.h"
#include "tap.h"

/* The generators' sets of passes, as bits that tests combine. */
#define MK (1u << 0)   /* MkDocs: snippets, mkdocs, pymdownx, emoji */
#define HUGO (1u << 1) /* hugo */
#define LIQ (1u << 2)  /* Jekyll: liquid, kramdown, emoji */
#define NJK (1u << 3)  /* nunjucks */
#define MATH (1u << 4) /* math */
#define HIDS (1u << 5) /* heading_ids */
#define ZOLA (1u << 6) /* zola */
#define KD (1u << 7)   /* kramdown alone */
#define SEMO (1u << 8) /* site_emoji (Hugo, Zola: when the site data turns them on) */

/* The list of passes for a set of bits, in a fixed order (a static buffer:
 * good until the next call). */
static inline const struct dialect *const *dt_list(unsigned d)
{
	static const struct dialect *v[16];
	size_t n = 0;
	if (d & MK)
		v[n++] = &dialect_snippets, v[n++] = &dialect_pymdownx, v[n++] = &dialect_mkdocs;
	if (d & HUGO)
		v[n++] = &dialect_hugo;
	if (d & ZOLA)
		v[n++] = &dialect_zola;
	if (d & LIQ)
		v[n++] = &dialect_liquid;
	if (d & NJK)
		v[n++] = &dialect_nunjucks;
	if (d & (LIQ | KD))
		v[n++] = &dialect_kramdown;
	if (d & (MK | LIQ))
		v[n++] = &dialect_emoji;
	if (d & SEMO)
		v[n++] = &dialect_site_emoji;
	if (d & MATH)
		v[n++] = &dialect_math;
	if (d & HIDS)
		v[n++] = &dialect_heading_ids;
	v[n] = NULL;
	return v;
}

static char dt_root[256]; /* the site folder: a temporary one */

/* A site whose generator's references name a few posts, as the
 * generators' own tests check them: the references the dialects resolve
 * through input/refs. */
static void dt_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			   const char *ref, bool link, struct strvec *out)
{
	(void)site, (void)posts, (void)from;
	if (link)
		return;
	if (strcmp(ref, "a.md") == 0 || strcmp(ref, "_posts/2020-01-01-a.md") == 0)
		sv_push(out, "a/index.md");
	else if (strcmp(ref, "2010-07-21-name") == 0)
		sv_push(out, "posts/2010-07-21-name.md");
	else if (strcmp(ref, "with space.md") == 0)
		sv_push(out, "posts/with space (1).md");
}

/* Template variables (Jekyll's site.x and page.x): a few known, one
 * known to be empty, the rest unknown. */
static char *dt_template_value(const struct site *site, const struct post *p, const char *name)
{
	(void)site;
	if (strcmp(name, "site.repository") == 0)
		return xstrdup("https://git.example/r");
	if (strcmp(name, "site.nothing") == 0)
		return xstrdup("");
	if (strcmp(name, "page.list") == 0)
		return xstrdup("a\x1F" "b c\x1F");
	if (strcmp(name, "page.title") == 0 && p)
		return xasprintf("Title of %s", p->relpath);
	return NULL;
}

static const char *const dt_exts[] = {".md", NULL};
static const struct site_generator dt_gen = {.name = "test", .ref_targets = dt_ref_targets, .post_exts = dt_exts,
					     .template_value = dt_template_value};
static struct site dt_site = {.gen = &dt_gen};
static struct post_list dt_posts = POST_LIST_INIT;
static struct refs dt_refs;

static struct dialect_context dt_ctx = {NULL, "posts/p.md", "https://example.com/", "/blog", &dt_refs, NULL, NULL, NULL, NULL};

/* The rewrite of in; warnings go to dl (may be NULL: then dropped). The
 * body starts at line 10 of its file. */
/* Makes the site configuration (YAML, e.g. its markdown_extensions) the
 * context's config; the caller frees it and resets dt_ctx.config. */
static inline struct fm_node *dt_config(const char *yaml)
{
	struct fm_node *cfg = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	fm_parse_yaml(&cfg, yaml, strlen(yaml), "mkdocs.yml", 1, DIAG_WARNING, &dl);
	diag_list_free(&dl);
	dt_ctx.config = cfg;
	return cfg;
}

static inline char *R(unsigned d, const char *in, struct diag_list *dl)
{
	struct diag_list local = DIAG_LIST_INIT;
	size_t len;
	char *out = dialect_rewrite(dt_list(d), &dt_ctx, in, strlen(in), &len, NULL, "post.md", 10, dl ? dl : &local);
	diag_list_free(&local);
	if (strlen(out) != len)
		diag("output holds a NUL byte");
	return out;
}

/* Opens the site written under dt_root/name as generator gen does, and
 * rewrites body as its post relpath (passes d) with the site data the
 * generator hands its passes (input/sitedata.h). Warnings go to dl. */
static inline char *dt_in_site(const char *gen, const char *name, unsigned d, const char *relpath, const char *body,
			       struct diag_list *dl)
{
	char *root = path_join(dt_root, name);
	struct site *site = NULL;
	struct diag_list odl = DIAG_LIST_INIT;
	char *out = NULL;
	if (!ok(site_open(&site, root, gen, &odl) == 0 && site, "%s: opens as a %s site", name, gen)) {
		for (size_t i = 0; i < odl.n; i++)
			diag("  %s", odl.v[i].message);
	} else {
		struct site_data *sd = site->gen->site_data(site);
		struct dialect_context ctx = dt_ctx;
		/* The post as the book reads it: its front matter comes with it
		 * when the generator keeps it. */
		struct post *p = NULL;
		struct diag_list pdl = DIAG_LIST_INIT;
		if (site_read_post(&p, site, relpath, &pdl) == 0)
			ctx.front_matter = p->front_matter;
		ctx.site_root = site->root;
		ctx.post_relpath = relpath;
		ctx.data = sd;
		size_t len;
		out = dialect_rewrite(dt_list(d), &ctx, body, strlen(body), &len, NULL, "post.md", 10, dl);
		site_data_free(sd);
		post_free(p);
		diag_list_free(&pdl);
	}
	site_free(site);
	diag_list_free(&odl);
	free(root);
	return out ? out : xstrdup("");
}

static inline char *H_flags(const char *md, unsigned flags)
{
	char *html = NULL;
	if (markdown_to_html_flags(&html, md, strlen(md), flags, NULL, NULL) < 0)
		return xstrdup("");
	return html;
}

static inline char *H(const char *md)
{
	return H_flags(md, 0);
}

/* Rewrite, then cmark-gfm. */
static inline char *RH(unsigned d, const char *in)
{
	char *md = R(d, in, NULL);
	char *html = H(md);
	free(md);
	return html;
}

static inline htmlDocPtr dt_parse(const char *html)
{
	char *w = xasprintf("<html><body>%s</body></html>", html);
	htmlDocPtr doc = htmlReadMemory(w, (int)strlen(w), "t.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
	free(w);
	return doc;
}

/* An XPath count on html (which it frees). */
static inline void dt_xcount_html(char *html, const char *expr, double want, const char *name)
{
	htmlDocPtr doc = dt_parse(html);
	double got = doc ? fx_xpath_num(doc, expr) : -1;
	if (!ok(got == want, "%s", name)) {
		diag("  %s = %g, expected %g", expr, got, want);
		tap_diag_value("html:", html);
	}
	if (doc)
		xmlFreeDoc(doc);
	free(html);
}

/* An XPath count on the HTML cmark-gfm makes of the rewrite. */
static inline void dt_xcount(unsigned d, const char *in, const char *expr, double want, const char *name)
{
	dt_xcount_html(RH(d, in), expr, want, name);
}

/* The rewrite of in by the passes given (a test of one pass), in the
 * context given; warnings go to dl (may be NULL: then dropped). */
static inline char *dt_rewrite(const struct dialect *const *passes, const struct dialect_context *ctx, const char *in,
			       struct diag_list *dl)
{
	struct diag_list local = DIAG_LIST_INIT;
	size_t len;
	char *out = dialect_rewrite(passes, ctx, in, strlen(in), &len, NULL, "post.md", 10, dl ? dl : &local);
	diag_list_free(&local);
	return out;
}

/* The HTML with every <pre>…</pre> and <code>…</code> cut out: the text a
 * reader sees outside code. */
static inline char *dt_outside_code(const char *html)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = html;
	for (;;) {
		const char *a = strstr(p, "<pre"), *b = strstr(p, "<code");
		const char *o = a && (!b || a < b) ? a : b;
		if (!o)
			break;
		const char *close = o == a ? "</pre>" : "</code>";
		sb_add(&sb, p, (size_t)(o - p));
		const char *e = strstr(o, close);
		if (!e) {
			p = o + strlen(o);
			break;
		}
		p = e + strlen(close);
	}
	sb_adds(&sb, p);
	return sb_detach(&sb);
}

static inline bool dt_has_warning(const struct diag_list *dl, int line, const char *needle)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].severity == DIAG_WARNING && (line == 0 || dl->v[i].line == line) &&
		    strstr(dl->v[i].message, needle) && dl->v[i].file && strcmp(dl->v[i].file, "post.md") == 0)
			return true;
	return false;
}

static inline void dt_dump(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		diag("  warning at %d: %s", dl->v[i].line, dl->v[i].message);
}

#define IS(d, in, want, name)                 \
	do {                                  \
		char *o_ = R((d), (in), NULL); \
		is_str(o_, (want), (name));   \
		free(o_);                     \
	} while (0)
#define LIKE(d, in, want, name)               \
	do {                                  \
		char *o_ = R((d), (in), NULL); \
		like(o_, (want), (name));     \
		free(o_);                     \
	} while (0)
#define UNLIKE(d, in, want, name)             \
	do {                                  \
		char *o_ = R((d), (in), NULL); \
		unlike(o_, (want), (name));   \
		free(o_);                     \
	} while (0)
#define HLIKE(d, in, want, name)               \
	do {                                   \
		char *o_ = RH((d), (in));      \
		like(o_, (want), (name));      \
		free(o_);                      \
	} while (0)
#define HUNLIKE(d, in, want, name)             \
	do {                                   \
		char *o_ = RH((d), (in));      \
		unlike(o_, (want), (name));    \
		free(o_);                      \
	} while (0)

/* Runs the tests (a NULL-terminated list) with cmark-gfm set up and a
 * temporary site folder, which is removed after; the TAP exit status. */
static inline int dt_run(void (*const tests[])(void))
{
	markdown_init();
	snprintf(dt_root, sizeof dt_root, "/tmp/sheaf-dialect-XXXXXX");
	if (!mkdtemp(dt_root)) {
		diag("mkdtemp failed");
		return 1;
	}
	dt_ctx.site_root = dt_root;
	static const char *const known[] = {"a/index.md", "posts/2010-07-21-name.md", "posts/with space (1).md",
					    "posts/p.md"};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		post_list_push(&dt_posts, post_new(known[i], known[i]));
	refs_init(&dt_refs, &dt_site, &dt_posts);
	for (size_t i = 0; tests[i]; i++)
		tests[i]();
	fx_rm_rf(dt_root);
	refs_free(&dt_refs);
	post_list_free(&dt_posts, true);
	return done_testing();
}

#endif
