/* Unit tests of plan.h: the index a chapter needs from the other posts,
 * and links resolved from it by chapter index. argv[1] is the source root
 * (templates/chapter.xhtml). */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "convert/chapter.h"
#include "fixture.h"
#include "convert/markdown.h"
#include "book/plan.h"
#include "input/site.h"
#include "base/slug.h"
#include "base/template.h"
#include "tap.h"
#include "base/util.h"

static char S_tmp[] = "/tmp/sheaf-plan-XXXXXX";

/* What the names callback was asked, and what it answers. */
struct S_names {
	struct chapter_ids *by_chapter[3];
	int asked[3];
};

static const struct chapter_ids *S_names_of(void *data, size_t chapter)
{
	struct S_names *n = data;
	if (chapter >= 3)
		return NULL;
	n->asked[chapter]++;
	return n->by_chapter[chapter];
}

static struct post *S_find(const struct post_list *pl, const char *relpath)
{
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i]->relpath, relpath) == 0)
			return pl->v[i];
	return NULL;
}

/* The href the chapter's link number i ended with (NULL when removed). */
static char *S_href(const struct chapter *ch, size_t i)
{
	xmlChar *v = i < ch->nlinks ? xmlGetProp(ch->links[i].a, (const xmlChar *)"href") : NULL;
	char *s = v ? xstrdup((const char *)v) : NULL;
	if (v)
		xmlFree(v);
	return s;
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	fx_writes(S_tmp, "a.md",
		  "---\ntitle: Alpha\ndate: 2020-01-01\n---\n"
		  "[1](b.md#two) [2](b.md#nope) [3](c.md) [4](/old/d/) "
		  "[5](https://example.org/blog/d-url/#sec) [6](#own) [7](missing.md) [8](https://other.test/x) "
		  "[](b.md) [](gone.md) [](https://example.org/blog/c/)\n\n"
		  "## Own\n\nText.\n");
	fx_writes(S_tmp, "b.md", "---\ntitle: Beta\ndate: 2020-01-02\n---\n## Two\n");
	fx_writes(S_tmp, "c.md", "---\ntitle: Gamma\ndate: 2020-01-03\n---\nNot in the book.\n");
	fx_writes(S_tmp, "d.md", "---\ntitle: Delta\ndate: 2020-01-04\naliases: [/old/d/]\n---\n## Sec\n");
	fx_writes(S_tmp, "notes/e.md", "---\ntitle: Epsilon\ndate: 2020-01-05\n---\nE.\n");

	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list all = POST_LIST_INIT, book = POST_LIST_INIT;
	if (!ok(site_open(&site, S_tmp, "generic", &dl) == 0, "the folder opens") ||
	    !ok(site_collect(site, &all, &dl) == 0 && all.n == 5, "five posts collected"))
		return done_testing();
	free(site->url);
	site->url = xstrdup("https://example.org/blog");
	struct post *c = S_find(&all, "c.md"), *d = S_find(&all, "d.md");
	c->live_url = xstrdup("https://example.org/blog/c/");
	d->url = xstrdup("/d-url/");
	if (!d->aliases.n)
		sv_push(&d->aliases, "/old/d/"); /* what Hugo's or Zola's post_fields give */
	post_list_push(&book, S_find(&all, "a.md"));
	post_list_push(&book, S_find(&all, "b.md"));
	post_list_push(&book, d);

	struct plan pl;
	plan_build(&pl, site, &book, &all);
	is_str(pl.hrefs[0], "text/001-alpha.xhtml", "chapter files are named by index and title");
	is_str(pl.hrefs[2], "text/003-delta.xhtml", "the third chapter's file");
	size_t k;
	ok(strmap_get(&pl.chapter_of, "d.md", &k) && k == 2, "d.md is chapter 2");
	ok(!strmap_get(&pl.chapter_of, "c.md", NULL), "c.md is in no chapter");

	/* Chapter 0, converted; the other chapters' names given by hand. */
	char *tmpl = NULL, *origin = NULL;
	char *tdir = path_join(root, "templates");
	template_load(&tmpl, &origin, "chapter.xhtml", tdir, &dl);
	free(tdir);
	struct convert_options co = {.language = "en", .template_text = tmpl, .template_origin = origin,
				     .content_dir = ".", .index = 1};
	struct chapter ch;
	is_int(chapter_convert(&ch, book.v[0], &co, &dl), 0, "chapter 0 converts");
	is_int(ch.nlinks, 11, "its eleven links are recorded");
	struct chapter_ids b_ids = CHAPTER_IDS_INIT, d_ids = CHAPTER_IDS_INIT;
	idset_add(&b_ids.ids, "two");
	idset_add(&d_ids.ids, "sec");
	struct S_names names = {{&ch.names, &b_ids, &d_ids}, {0, 0, 0}};
	struct diag_list ldl = DIAG_LIST_INIT;
	plan_resolve_links(&pl, &ch, 0, S_names_of, &names, &ldl);

	static const char *const want[] = {
		"002-beta.xhtml#two",          /* a heading of another chapter */
		"002-beta.xhtml",              /* no such heading: the chapter's start */
		"https://example.org/blog/c/", /* a post left out: its live address */
		"003-delta.xhtml",             /* an alias */
		"003-delta.xhtml#sec",         /* the site's own URL of a post, with a fragment */
		"#own",                        /* a place in the same chapter */
		NULL,                          /* nowhere to go: the text stays, the link goes */
		"https://other.test/x",        /* elsewhere: as written */
	};
	for (size_t i = 0; i < 8; i++) {
		char *href = S_href(&ch, i);
		if (want[i])
			is_str(href, want[i], want[i]);
		else
			ok(href == NULL, "a link leading nowhere loses its href");
		free(href);
	}
	/* Links written without text read as what they point to. */
	static const char *const named[] = {"Beta", "gone.md", "Gamma"};
	for (size_t i = 0; i < 3; i++) {
		xmlChar *t = xmlNodeGetContent(ch.links[8 + i].a);
		is_str((const char *)t, named[i], named[i]);
		xmlFree(t);
	}
	ok(names.asked[1] >= 1 && names.asked[2] >= 1 && names.asked[0] >= 1,
	   "names are asked for by chapter index (others and its own)");
	size_t warnings = 0;
	bool nope = false, missing = false;
	for (size_t i = 0; i < ldl.n; i++) {
		warnings += ldl.v[i].severity == DIAG_WARNING;
		nope |= strstr(ldl.v[i].message, "'#nope'") != NULL;
		missing |= strstr(ldl.v[i].message, "missing.md") != NULL;
	}
	is_int(warnings, 3, "three warnings: the missing heading and the two links leading nowhere");
	ok(nope && missing, "each names what it is about");

	/* Generator references: a path from the referring post's folder. */
	char *ref = refs_resolve(&pl.refs, book.v[0]->relpath, "notes/e");
	is_str(ref, "notes/e.md", "a reference to a post in a subfolder");
	free(ref);
	ref = refs_resolve(&pl.refs, "notes/e.md", "/a.md");
	is_str(ref, "../a.md", "a site-absolute reference, from a subfolder");
	free(ref);
	ref = refs_resolve(&pl.refs, book.v[0]->relpath, "no-such-post");
	ok(ref == NULL, "a reference to no post");
	free(ref);

	chapter_free(&ch);
	chapter_ids_free(&b_ids);
	chapter_ids_free(&d_ids);
	diag_list_free(&ldl);
	free(tmpl);
	free(origin);
	plan_free(&pl);
	post_list_free(&book, false);
	post_list_free(&all, true);
	site_free(site);
	diag_list_free(&dl);
	fx_rm_rf(S_tmp);
	xmlCleanupParser();
	return done_testing();
}
