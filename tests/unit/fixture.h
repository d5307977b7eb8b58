/* fixture.h — helpers shared by the unit tests (tests/unit/test_*.c).
 *
 * Every function is static inline, so a test program that uses only some
 * of them compiles without "defined but not used" warnings.
 *
 * Temporary folders (base is the folder made by the test, e.g. by mkdtemp):
 *   fx_mkdirs(dir)                     mkdir -p
 *   fx_write(base, rel, data, len)     writes base/rel, making its folders
 *   fx_writes(base, rel, text)         the same for a NUL-terminated text
 *   fx_rm_rf(path)                     removes a tree, not following symlinks
 *
 * XPath (prefixes h: XHTML, epub: EPUB ops, n: NCX, opf: and o: OPF,
 * dc: Dublin Core, c: OCF container):
 *   fx_xpath_num(doc, expr)            a number: use count(…) or string-length(…);
 *                                      -1 when the expression does not evaluate
 *   fx_xpath_str(doc, expr)            the string value (malloc'd; "" on error)
 *   fx_is_xstr(doc, expr, expected, name)
 *                                      is_str on the string value
 *   fx_parse_strict(text, len)         parses XML with no recovery, no network
 *                                      and nothing printed; NULL on error
 *
 * Sites (posts of a post_list, diagnostics of a diag_list):
 *   fx_open_site(&site, &posts, &dl, base, name, gen, opts)
 *                                      opens and collects base/name; false
 *                                      (a failed check) unless gen reads it
 *   fx_find_post(pl, relpath)          the post read from relpath (borrowed), or NULL
 *   fx_join(sv)                        the items joined with '|' (malloc'd)
 *   fx_is_list(sv, expected, name)     is_str on fx_join
 *   fx_is_relpaths(pl, expected, name) is_str on the posts' files, sorted and joined
 *   fx_is_date(d, "YYYY-MM-DD", name)  is_str on a date ("(none)" when not valid)
 *   fx_count_diag(dl, sev, file_end, needle, line)
 *                                      how many diagnostics match (line < 0: any)
 *   fx_has_diag(dl, sev, file_end, needle)
 *                                      whether one does, at any line
 *   fx_is_passes(site, DIALECTS(…))    whether site_dialects is that list, in order
 */
#ifndef SHEAF_TEST_FIXTURE_H
#define SHEAF_TEST_FIXTURE_H

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/date.h"
#include "base/diag.h"
#include "input/post.h"
#include "input/site.h"
#include "tap.h"
#include "base/util.h"

#define FX_XHTML_NS "http://www.w3.org/1999/xhtml"
#define FX_EPUB_NS "http://www.idpf.org/2007/ops"
#define FX_NCX_NS "http://www.daisy.org/z3986/2005/ncx/"
#define FX_OPF_NS "http://www.idpf.org/2007/opf"
#define FX_DC_NS "http://purl.org/dc/elements/1.1/"
#define FX_CONTAINER_NS "urn:oasis:names:tc:opendocument:xmlns:container"

/* ---- Temporary folders ---- */

/* mkdir -p: every folder on the way (existing ones just fail). */
static inline void fx_mkdirs(const char *path)
{
	char *dir = xstrdup(path);
	for (char *slash = strchr(dir + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	mkdir(dir, 0755);
	free(dir);
}

/* Writes len bytes of data to base/rel, making the folders. */
static inline void fx_write(const char *base, const char *rel, const void *data, size_t len)
{
	char *path = path_join(base, rel);
	char *dir = path_dirname(path);
	fx_mkdirs(dir);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	free(dir);
	free(path);
}

/* Writes text to base/rel, making the folders. */
static inline void fx_writes(const char *base, const char *rel, const char *text)
{
	fx_write(base, rel, text, strlen(text));
}

/* Removes a tree without following symlinks. */
static inline void fx_rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *child = path_join(path, e->d_name);
			fx_rm_rf(child);
			free(child);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* ---- XPath ---- */

/* An XPath context on doc with the prefixes above registered. */
static inline xmlXPathContextPtr fx_xpath_ctx(xmlDocPtr doc)
{
	static const char *const ns[][2] = {
		{"h", FX_XHTML_NS},
		{"epub", FX_EPUB_NS},
		{"n", FX_NCX_NS},
		{"opf", FX_OPF_NS},
		{"o", FX_OPF_NS},
		{"dc", FX_DC_NS},
		{"c", FX_CONTAINER_NS},
	};
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	for (size_t i = 0; ctx && i < sizeof ns / sizeof *ns; i++)
		xmlXPathRegisterNs(ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]);
	return ctx;
}

/* Evaluates an XPath expression to a number: use count(…) or
 * string-length(…). -1 when it does not evaluate. */
static inline double fx_xpath_num(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = fx_xpath_ctx(doc);
	xmlXPathObjectPtr r = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	double v = r ? xmlXPathCastToNumber(r) : -1;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return v;
}

/* The string value of an XPath expression (malloc'd; "" when it does not
 * evaluate). */
static inline char *fx_xpath_str(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = fx_xpath_ctx(doc);
	xmlXPathObjectPtr r = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	xmlChar *s = r ? xmlXPathCastToString(r) : NULL;
	char *out = xstrdup(s ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return out;
}

/* One check: the string value of expr is expected. */
static inline void fx_is_xstr(xmlDocPtr doc, const char *expr, const char *expected, const char *name)
{
	char *s = fx_xpath_str(doc, expr);
	is_str(s, expected, name);
	free(s);
}

/* Parses text strictly: no recovery, no network, no messages printed. */
static inline xmlDocPtr fx_parse_strict(const char *text, size_t len)
{
	return xmlReadMemory(text, (int)len, "fixture.xml", NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* Site tests: open and collect a site, find a collected post, compare
 * lists, dates and diagnostics. */

/* Opens base/name (o: NULL for the defaults) and collects its posts into
 * *posts (diagnostics into dl); one check that it opened as the generator
 * gen. False when it did not, with *site NULL. The caller frees *site
 * (site_free), *posts (post_list_free) and dl, whichever the answer. */
static inline bool fx_open_site(struct site **site, struct post_list *posts, struct diag_list *dl,
				const char *base, const char *name, const char *gen,
				const struct site_open_options *o)
{
	char *root = path_join(base, name);
	*site = NULL;
	bool opened = site_open_ext(site, root, o, dl) == 0;
	free(root);
	if (!ok(opened && strcmp((*site)->gen->name, gen) == 0, "%s: read as a %s site", name, gen)) {
		if (opened)
			site_free(*site);
		*site = NULL;
		return false;
	}
	site_collect(*site, posts, dl);
	return true;
}

static inline const struct post *fx_find_post(const struct post_list *pl, const char *relpath)
{
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i]->relpath, relpath) == 0)
			return pl->v[i];
	return NULL;
}

/* The items of sv joined with '|' (malloc'd). */
static inline char *fx_join(const struct strvec *sv)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			sb_addc(&sb, '|');
		sb_adds(&sb, sv->v[i]);
	}
	return sb_detach(&sb);
}

static inline void fx_is_list(const struct strvec *sv, const char *expected, const char *name)
{
	char *s = fx_join(sv);
	is_str(s, expected, name);
	free(s);
}

static inline void fx_is_date(const struct date *d, const char *expected, const char *name)
{
	char buf[16] = "(none)";
	if (d->valid)
		date_format_ymd(d, buf);
	is_str(buf, expected, name);
}

/* The posts' files (relpath), sorted and joined with '|', is expected. */
static inline void fx_is_relpaths(const struct post_list *pl, const char *expected, const char *name)
{
	struct strvec rel = STRVEC_INIT;
	for (size_t i = 0; i < pl->n; i++)
		sv_push(&rel, pl->v[i]->relpath);
	sv_sort(&rel);
	fx_is_list(&rel, expected, name);
	sv_free(&rel);
}

/* How many diagnostics of sev dl has for a file ending in file_end ("" for
 * any file) at line (negative for any line) whose message contains needle. */
static inline int fx_count_diag(const struct diag_list *dl, enum diag_severity sev, const char *file_end,
				const char *needle, int line)
{
	int n = 0;
	for (size_t i = 0; i < dl->n; i++)
		n += dl->v[i].severity == sev && dl->v[i].file && str_ends_with(dl->v[i].file, file_end) &&
		     (line < 0 || dl->v[i].line == line) && strstr(dl->v[i].message, needle);
	return n;
}

/* True when dl has a diagnostic of sev for a file ending in file_end whose
 * message contains needle. */
static inline bool fx_has_diag(const struct diag_list *dl, enum diag_severity sev,
			       const char *file_end, const char *needle)
{
	return fx_count_diag(dl, sev, file_end, needle, -1) > 0;
}

/* True when the site's dialect passes (site_dialects) are want
 * (NULL-terminated), in that order. */
static inline bool fx_is_passes(const struct site *site, const struct dialect *const *want)
{
	const struct dialect *const *have = site_dialects(site);
	size_t i = 0;
	while (have && have[i] && want[i] && have[i] == want[i])
		i++;
	return !want[i] && !(have && have[i]);
}

#endif
