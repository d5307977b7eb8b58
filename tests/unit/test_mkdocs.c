/* Unit tests of the MkDocs generator (src/input/gen/mkdocs.c): small
 * MkDocs and Zensical blogs of our own writing in a temporary folder,
 * opened and collected as MkDocs with Material's blog plugin reads them. */
#define _DEFAULT_SOURCE /* mkdtemp, setenv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/markdown.h"
#include "fixture.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-mkdocs-XXXXXX";

static struct post *S_find(const struct post_list *pl, const char *relpath)
{
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i]->relpath, relpath) == 0)
			return pl->v[i];
	return NULL;
}

static bool S_warned(const struct diag_list *dl, const char *part)
{
	for (size_t i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].message, part))
			return true;
	return false;
}

/* Opens and collects the site in S_tmp/name; false (reported) when it
 * does not open as an MkDocs site. */
static bool S_open(const char *name, struct site **site, struct post_list *posts, struct diag_list *dl)
{
	char *root = path_join(S_tmp, name);
	bool ok_ = site_open(site, root, NULL, dl) == 0;
	free(root);
	if (!ok(ok_ && strcmp((*site)->gen->name, "mkdocs") == 0, "%s: read as an MkDocs site", name)) {
		if (ok_)
			site_free(*site);
		*site = NULL;
		return false;
	}
	site_collect(*site, posts, dl);
	return true;
}

static void S_post(const char *site, const char *rel, const char *date, const char *title)
{
	char *path = xasprintf("%s/docs/blog/posts/%s", site, rel);
	char *text = xasprintf("---\ndate: %s\n---\n\n# %s\n\nA line of %s.\n", date, title, title);
	fx_writes(S_tmp, path, text);
	free(text);
	free(path);
}

/* A configuration split over files, built with `mkdocs build -f
 * mkdocs-web.yml`: no mkdocs.yml, the file that enables the blog plugin
 * is the one read, INHERIT merges mappings and the child wins. */
static void test_inherit(void)
{
	fx_writes(S_tmp, "split/mkdocs-base.yml",
		  "site_name: Lantern Notes\n"
		  "copyright: >-\n    Copyright &copy; 2024\n    <a href=\"https://lantern.example/\">Lantern</a> &amp; co\n"
		  "site_url: https://old.example/\n"
		  "theme:\n  name: material\n  language: de\n"
		  "plugins:\n  search:\n");
	fx_writes(S_tmp, "split/mkdocs-web.yml",
		  "INHERIT: mkdocs-base.yml\n"
		  "site_url: https://lantern.example/\n"
		  "theme:\n  features: [navigation.tabs]\n"
		  "plugins:\n  blog:\n    post_url_format: \"{slug}\"\n");
	fx_writes(S_tmp, "split/mkdocs-print.yml", "INHERIT: mkdocs-base.yml\nsite_dir: print\n");
	S_post("split", "wick.md", "2024-03-02", "Trimming the wick");
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	if (S_open("split", &site, &posts, &dl)) {
		is_str(site->config_file, "mkdocs-web.yml", "split: the file enabling the blog is the config");
		is_str(site->title, "Lantern Notes", "INHERIT: a key of the parent");
		is_str(site->url, "https://lantern.example/", "INHERIT: the child's value wins");
		is_str(site->language, "de", "INHERIT: mappings merge key by key");
		is_str(site->copyright, "Copyright © 2024 Lantern & co", "copyright: HTML reduced to its text");
		ok(fm_get(fm_get(site->config, "plugins"), "search") != NULL, "INHERIT: plugins merged");
		ok(fm_get(site->config, "INHERIT") == NULL, "INHERIT: the key itself is gone");
		struct post *p = S_find(&posts, "docs/blog/posts/wick.md");
		is_str(p ? p->live_url : NULL, "https://lantern.example/blog/trimming-the-wick/",
		       "the child's blog options apply");
		is_int(dl.n, 0, "split: no diagnostics");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);

	/* A parent outside the site is not read. */
	fx_writes(S_tmp, "outside.yml", "site_name: Not Ours\n");
	fx_writes(S_tmp, "escape/mkdocs.yml", "INHERIT: ../outside.yml\nsite_name: Ours\nplugins: [blog]\n");
	S_post("escape", "a.md", "2024-01-01", "One");
	posts = (struct post_list)POST_LIST_INIT;
	if (S_open("escape", &site, &posts, &dl)) {
		is_str(site->title, "Ours", "INHERIT outside the site: the file is read alone");
		ok(S_warned(&dl, "INHERIT: '../outside.yml' points outside the site; not read"), "with a warning naming the key");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* MkDocs' !ENV tag and PyYAML's !!python tags never stop a config. */
static void test_tags(void)
{
	setenv("SHEAF_TEST_MKDOCS_NAME", "Named by the environment", 1);
	unsetenv("SHEAF_TEST_MKDOCS_UNSET");
	fx_writes(S_tmp, "env/mkdocs.yml",
		  "site_name: !ENV SHEAF_TEST_MKDOCS_NAME\n"
		  "site_url: !ENV [SHEAF_TEST_MKDOCS_UNSET, 'https://env.example/']\n"
		  "site_author: !ENV SHEAF_TEST_MKDOCS_UNSET\n"
		  "plugins:\n  - blog\n"
		  "markdown_extensions:\n"
		  "  - pymdownx.emoji:\n"
		  "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n");
	S_post("env", "a.md", "2024-01-01", "One");
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	if (S_open("env", &site, &posts, &dl)) {
		is_str(site->title, "Named by the environment", "!ENV VAR: the variable's value");
		is_str(site->url, "https://env.example/", "!ENV [VAR, default]: the default when unset");
		ok(site->author == NULL, "!ENV VAR unset, no default: no value");
		is_int((int)posts.n, 1, "a !!python tag does not stop the config");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* Zensical reads zensical.toml: mkdocs.yml's keys under [project]. */
static void test_zensical(void)
{
	fx_writes(S_tmp, "zen/zensical.toml",
		  "[project]\n"
		  "site_name = \"Quiet Harbour\"\n"
		  "site_url = \"https://harbour.example/\"\n"
		  "site_author = \"Ines Vale\"\n"
		  "docs_dir = \"pages\"\n"
		  "\n[project.theme]\nlanguage = \"pt\"\n"
		  "\n[project.plugins.blog]\npost_url_format = \"{date}/{file}\"\n"
		  "post_url_date_format = \"yyyy\"\n");
	fx_writes(S_tmp, "zen/pages/blog/posts/tide-log.md",
		  "---\ndate: 2023-05-06\n---\n\n# Tide log\n\nLow water at six.\n");
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	if (S_open("zen", &site, &posts, &dl)) {
		is_str(site->config_file, "zensical.toml", "zensical.toml is the config");
		is_str(site->title, "Quiet Harbour", "zensical: site_name");
		is_str(site->author, "Ines Vale", "zensical: site_author");
		is_str(site->language, "pt", "zensical: theme.language");
		struct post *p = S_find(&posts, "pages/blog/posts/tide-log.md");
		ok(p != NULL, "zensical: docs_dir and the blog's posts");
		is_str(p ? p->live_url : NULL, "https://harbour.example/blog/2023/tide-log/",
		       "zensical: the blog plugin's options");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* post_slugify and post_slugify_separator make the slug of post URLs. */
static void test_slugify(void)
{
	fx_writes(S_tmp, "slug-toc/mkdocs.yml",
		  "site_url: https://s.example/\nplugins:\n  - blog:\n      post_url_format: \"{slug}\"\n"
		  "      post_slugify: !!python/name:markdown.extensions.toc.slugify\n");
	S_post("slug-toc", "a.md", "2024-01-01", "Crème brûlée -- at 9 PM!");
	S_post("slug-toc", "b.md", "2024-01-02", "바다 Notes");
	fx_writes(S_tmp, "slug-default/mkdocs.yml",
		  "site_url: https://s.example/\nplugins:\n  - blog:\n      post_url_format: \"{slug}\"\n");
	S_post("slug-default", "a.md", "2024-01-01", "Crème brûlée -- at 9 PM!");
	S_post("slug-default", "b.md", "2024-01-02", "Ebb &mdash; and *flow*");
	fx_writes(S_tmp, "slug-py/mkdocs.yml",
		  "site_url: https://s.example/\n"
		  "plugins:\n  - blog:\n"
		  "      post_url_format: \"{slug}\"\n"
		  "      post_slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
		  "        kwds:\n          case: lower\n"
		  "      post_slugify_separator: _\n");
	S_post("slug-py", "a.md", "2024-01-01", "바다 Notes, Part 2");
	fx_writes(S_tmp, "slug-uni/mkdocs.yml",
		  "site_url: https://s.example/\n"
		  "plugins:\n  - blog:\n"
		  "      post_url_format: \"{slug}\"\n"
		  "      post_slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n");
	S_post("slug-uni", "a.md", "2024-01-01", "Über  바다 -- Zwei");
	static const struct {
		const char *site, *rel, *url, *name;
	} cases[] = {
		{"slug-toc", "docs/blog/posts/a.md", "https://s.example/blog/creme-brulee-at-9-pm/",
		 "toc.slugify: accents dropped, punctuation gone, runs one hyphen"},
		{"slug-toc", "docs/blog/posts/b.md", "https://s.example/blog/notes/",
		 "toc.slugify: other scripts dropped"},
		{"slug-default", "docs/blog/posts/a.md", "https://s.example/blog/crème-brûlée----at-9-pm/",
		 "default pymdownx.slugs.slugify(case=lower): letters kept, each space a hyphen"},
		{"slug-default", "docs/blog/posts/b.md", "https://s.example/blog/ebb-mdash-and-flow/",
		 "a title from the first heading is slugified as written (MkDocs' get_markdown_title)"},
		{"slug-py", "docs/blog/posts/a.md", "https://s.example/blog/바다_notes_part_2/",
		 "pymdownx.slugs.slugify(case=lower) as a Python tag, with its separator"},
		{"slug-uni", "docs/blog/posts/a.md", "https://s.example/blog/über-바다-zwei/",
		 "toc.slugify_unicode: letters of any script kept"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct site *site = NULL;
		struct post_list posts = POST_LIST_INIT;
		struct diag_list dl = DIAG_LIST_INIT;
		if (S_open(cases[i].site, &site, &posts, &dl)) {
			struct post *p = S_find(&posts, cases[i].rel);
			is_str(p ? p->live_url : NULL, cases[i].url, cases[i].name);
		}
		post_list_free(&posts, true);
		site_free(site);
		diag_list_free(&dl);
	}
}

/* draft_if_future_date: a post dated after today is a draft. */
static void test_future(void)
{
	fx_writes(S_tmp, "future/mkdocs.yml", "plugins:\n  - blog:\n      draft_if_future_date: true\n");
	S_post("future", "past.md", "2001-02-03", "Past");
	S_post("future", "later.md", "2999-01-01", "Later");
	fx_writes(S_tmp, "present/mkdocs.yml", "plugins:\n  - blog\n");
	S_post("present", "later.md", "2999-01-01", "Later");
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	if (S_open("future", &site, &posts, &dl)) {
		struct post *a = S_find(&posts, "docs/blog/posts/past.md");
		struct post *b = S_find(&posts, "docs/blog/posts/later.md");
		ok(a && !a->draft, "draft_if_future_date: a past post is published");
		ok(b && b->draft, "draft_if_future_date: a future post is a draft");
	}
	post_list_free(&posts, true);
	site_free(site);
	posts = (struct post_list)POST_LIST_INIT;
	if (S_open("present", &site, &posts, &dl)) {
		struct post *b = S_find(&posts, "docs/blog/posts/later.md");
		ok(b && !b->draft, "without the option a future post is published");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* The blog plugin's other options: draft, categories_allowed, authors,
 * authors_file, post_url_max_categories, categories_slugify,
 * post_url_date_format. */
static void test_blog_options(void)
{
	fx_writes(S_tmp, "opts/mkdocs.yml",
		  "site_url: https://s.example/\n"
		  "plugins:\n  - blog:\n"
		  "      draft: true\n"
		  "      draft_on_serve: false\n"
		  "      categories_allowed: [Sailing, Tides, Knots]\n"
		  "      authors: false\n"
		  "      post_url_format: \"{categories}/{date}/{file}\"\n"
		  "      post_url_max_categories: 2\n"
		  "      post_url_date_format: \"yy-M-d'h'\"\n"
		  "      categories_slugify: !!python/name:markdown.extensions.toc.slugify\n"
		  "      categories_slugify_separator: _\n");
	fx_writes(S_tmp, "opts/docs/blog/.authors.yml", "authors:\n  ann:\n    name: Ann Quay\n");
	fx_writes(S_tmp, "opts/docs/blog/posts/rough.md",
		  "---\ndate: 2024-03-05\ndraft: true\nauthors: [ann]\n"
		  "categories: [Tides, Sailing, Knots]\n---\n\n# Rough\n\nWords.\n");
	fx_writes(S_tmp, "opts/docs/blog/posts/bad.md",
		  "---\ndate: 2024-03-06\ncategories: [Kites]\n---\n\n# Bad\n\nWords.\n");
	fx_writes(S_tmp, "kept/mkdocs.yml",
		  "plugins:\n  - blog:\n      draft_if_future_date: true\n"
		  "      authors_file: \"../../outside.yml\"\n");
	fx_writes(S_tmp, "kept/docs/blog/posts/later.md",
		  "---\ndate: 2999-01-01\ndraft: false\nauthors: [ann]\n---\n\n# Later\n\nWords.\n");
	fx_writes(S_tmp, "kept/docs/blog/posts/hidden.md", "---\ndate: 2001-01-01\ndraft: true\n---\n\n# Hidden\n");
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	if (S_open("opts", &site, &posts, &dl)) {
		struct post *a = S_find(&posts, "docs/blog/posts/rough.md");
		struct post *b = S_find(&posts, "docs/blog/posts/bad.md");
		ok(a && !a->draft, "draft: true publishes drafts");
		ok(a && a->authors.n == 0 && a->author_names.n == 0, "authors: false: posts have no authors");
		is_str(a ? a->live_url : NULL, "https://s.example/blog/tides/sailing/24-3-5h/rough/",
		       "{categories}: the first post_url_max_categories, categories_slugify with its separator; "
		       "{date} in post_url_date_format; {file}");
		ok(b != NULL, "a category not allowed: the post is kept");
		ok(S_warned(&dl, "category 'Kites' is not in the blog's categories_allowed"),
		   "a category not allowed: a warning naming it");
		ok(!S_warned(&dl, "'Knots'") && !S_warned(&dl, "'Tides'"), "allowed categories: no warning");
		size_t i = 0;
		while (i < dl.n && !strstr(dl.v[i].message, "Kites"))
			i++;
		ok(i < dl.n && strstr(dl.v[i].file, "bad.md"), "the warning names the post");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
	posts = (struct post_list)POST_LIST_INIT;
	dl = (struct diag_list)DIAG_LIST_INIT;
	fx_writes(S_tmp, "outside.yml", "authors:\n  ann:\n    name: Outsider\n");
	if (S_open("kept", &site, &posts, &dl)) {
		struct post *a = S_find(&posts, "docs/blog/posts/later.md");
		struct post *h = S_find(&posts, "docs/blog/posts/hidden.md");
		ok(a && !a->draft, "draft_if_future_date: a post saying draft: false stays published");
		ok(h && h->draft, "without draft: true a draft stays a draft");
		ok(S_warned(&dl, "authors_file: '../../outside.yml' points outside the site; not read"),
		   "authors_file outside the site: a warning");
		is_str(a && a->author_names.n ? a->author_names.v[0] : NULL, "ann",
		       "authors_file outside the site: not read");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* post_url_date_format's Babel names: months and weekdays in each width,
 * day of the year, quarter (English names). */
static void test_url_date_names(void)
{
	fx_writes(S_tmp, "names/mkdocs.yml",
		  "site_url: https://s.example/\n"
		  "plugins:\n  - blog:\n"
		  "      post_url_date_format: \"yyyy/MMMM/MMM/MMMMM/LLLL/EEEE/EEE/EEEEEE/e/D/QQQ/'at-'d\"\n");
	fx_writes(S_tmp, "names/docs/blog/posts/names.md", "---\ndate: 2024-03-05\n---\n\n# Names\n\nWords.\n");
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	if (S_open("names", &site, &posts, &dl)) {
		struct post *a = S_find(&posts, "docs/blog/posts/names.md");
		is_str(a ? a->live_url : NULL,
		       "https://s.example/blog/2024/March/Mar/M/March/Tuesday/Tue/Tu/3/65/Q1/at-5/names/",
		       "post_url_date_format: MMMM, MMM, MMMMM, LLLL, EEEE, EEE, EEEEEE, e, D, QQQ, quoted text");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_inherit();
	test_tags();
	test_zensical();
	test_slugify();
	test_future();
	test_blog_options();
	test_url_date_names();
	fx_rm_rf(S_tmp);
	return done_testing();
}
