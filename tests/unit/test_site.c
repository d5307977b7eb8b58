/* Unit tests of the site layer (site/site.h): opening and collecting an
 * MkDocs blog and a generic folder, both written into a temporary
 * directory by this program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "convert/markdown.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-site-XXXXXX";




static void S_make_mkdocs(void)
{
	fx_writes(S_tmp, "mk/mkdocs.yml",
		"site_name: Test Blog\n"
		"site_url: https://blog.example/\n"
		"site_author: Site Owner\n"
		"theme:\n"
		"  name: material\n"
		"  language: fr\n"
		"plugins: [search, blog]\n");
	fx_writes(S_tmp, "mk/docs/index.md", "# Home\n\nNot a post.\n");
	fx_writes(S_tmp, "mk/docs/blog/.authors.yml",
		"authors:\n"
		"  jdoe:\n"
		"    name: Jane Doe\n"
		"    description: Writer\n"
		"  asmith:\n"
		"    name: Al Smith\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/first.md",
		"---\n"
		"title: First post\n"
		"date: 2024-01-02\n"
		"authors: [jdoe, unknown]\n"
		"tags: solo\n"
		"categories:\n"
		"  - News\n"
		"description: >\n"
		"  A short\n"
		"  description.\n"
		"---\n"
		"\n"
		"Hello.\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/2024/nested.md",
		"---\n"
		"date:\n"
		"  created: 2024-01-02\n"
		"  updated: 2024-02-03\n"
		"authors:\n"
		"  - asmith\n"
		"---\n"
		"\n"
		"Intro.\n"
		"\n"
		"# Title  From *H1*\n"
		"\n"
		"Text.\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/draft.md", "---\ntitle: Draft\ndate: 2024-03-01\ndraft: true\n---\nBody\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/no-title.md", "Just text, no heading.\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/crlf.md",
		"\xEF\xBB\xBF---\r\ntitle: Windows post\r\ndate: 2024-01-05\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nBody\r\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/broken.md", "---\ntitle: ok\ndate: 2024-01-01\n  oops: x\n---\nBody\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/bad-date.md", "---\ntitle: Bad date\ndate: 2024-02-30\n---\nBody\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/.hidden/secret.md", "---\ntitle: Hidden\n---\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/.dotfile.md", "---\ntitle: Dotfile\n---\n");
	fx_writes(S_tmp, "mk/docs/blog/posts/notes.txt", "not markdown\n");
}

static void test_mkdocs(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	S_make_mkdocs();
	char *root = path_join(S_tmp, "mk");
	struct site *site = NULL;
	if (!ok(site_open(&site, root, NULL, &dl) == 0 && site, "site_open detects and reads an MkDocs site")) {
		for (size_t i = 0; i < dl.n; i++)
			diag("%s", dl.v[i].message);
		free(root);
		diag_list_free(&dl);
		return;
	}
	is_str(site->gen->name, "mkdocs", "generator mkdocs");
	is_str(site->root, root, "root kept (normalized)");
	is_str(site->config_file, "mkdocs.yml", "config file");
	is_str(site->title, "Test Blog", "site_name → title");
	is_str(site->author, "Site Owner", "site_author → author");
	is_str(site->language, "fr", "theme.language → language");
	is_str(site->url, "https://blog.example/", "site_url → url");
	is_str(site->content_dir, "docs", "docs_dir defaults to docs");
	is_str(site->posts_dir, "docs/blog/posts", "posts under docs/blog/posts");
	ok(site->authors && site->authors->kind == FM_MAP && site->authors->n == 2,
	   ".authors.yml read (its authors: mapping)");
	is_int(dl.n, 0, "no diagnostics opening the site");

	char *url = site_page_url(site, "docs/about/index.md");
	is_str(url, "https://blog.example/about/", "page URL of an index page");
	free(url);
	url = site_page_url(site, "docs/about/team.md");
	is_str(url, "https://blog.example/about/team/", "page URL with directory URLs");
	free(url);
	url = site_page_url(site, "elsewhere/x.md");
	ok(url == NULL, "no page URL outside docs_dir");
	free(url);
	url = site_page_url(site, "docs/blog/posts/first.md");
	is_str(url, "https://blog.example/blog/2024/01/02/first-post/",
	       "page URL of a blog post follows the blog plugin's post_url_format");
	free(url);

	struct post_list posts = POST_LIST_INIT;
	int rc = site_collect(site, &posts, &dl);
	is_int(rc, -1, "site_collect returns -1 when a post could not be read");
	is_int(posts.n, 5, "the five readable posts are collected");
	for (size_t i = 0; i < posts.n; i++)
		ok(str_starts_with(posts.v[i]->relpath, "docs/blog/posts/"), "collected %s is under posts/",
		   posts.v[i]->relpath);
	ok(!fx_find_post(&posts, "docs/blog/posts/.hidden/secret.md"), "hidden folders skipped");
	ok(!fx_find_post(&posts, "docs/blog/posts/.dotfile.md"), "hidden files skipped");
	ok(!fx_find_post(&posts, "docs/blog/posts/notes.txt"), "non-Markdown files skipped");
	ok(!fx_find_post(&posts, "docs/index.md"), "pages outside the posts folder are not posts");
	ok(posts.n >= 1 && strcmp(posts.v[0]->relpath, "docs/blog/posts/2024/nested.md") == 0,
	   "posts come in sorted path order, subfolders included");

	const struct diag *broken = NULL, *bad_date = NULL;
	for (size_t i = 0; i < dl.n; i++) {
		if (dl.v[i].file && str_ends_with(dl.v[i].file, "posts/broken.md"))
			broken = &dl.v[i];
		if (dl.v[i].file && str_ends_with(dl.v[i].file, "posts/bad-date.md"))
			bad_date = &dl.v[i];
	}
	ok(broken && broken->severity == DIAG_ERROR, "malformed YAML: an error naming the file");
	ok(broken && broken->line == 4 && broken->col == 7, "malformed YAML: at file line 4, column 7 (got %d:%d)",
	   broken ? broken->line : 0, broken ? broken->col : 0);
	ok(bad_date && bad_date->line == 3 && strstr(bad_date->message, "2024-02-30"),
	   "an impossible date: an error at its line, quoting it");
	is_int(diag_count(&dl, DIAG_ERROR), 2, "exactly two errors");

	const struct post *p = fx_find_post(&posts, "docs/blog/posts/first.md");
	if (ok(p != NULL, "first.md collected")) {
		is_str(p->title, "First post", "title from front matter");
		char *expected_path = path_join(root, "docs/blog/posts/first.md");
		is_str(p->path, expected_path, "path is the site root joined with relpath");
		free(expected_path);
		ok(p->date.valid && p->date.year == 2024 && p->date.month == 1 && p->date.day == 2, "date read");
		ok(!p->updated.valid, "no updated date");
		fx_is_list(&p->tags, "solo", "tags from a single string");
		fx_is_list(&p->categories, "News", "categories from a list");
		fx_is_list(&p->authors, "jdoe|unknown", "author ids as written");
		fx_is_list(&p->author_names, "Jane Doe|unknown", "author names through .authors.yml, unknown id kept");
		is_str(p->description, "A short description.", "folded description, whitespace collapsed");
		ok(!p->draft, "not a draft");
		is_str(p->body, "\nHello.\n", "body after the front matter");
		is_int(p->body_line, 12, "body line");
	}
	p = fx_find_post(&posts, "docs/blog/posts/2024/nested.md");
	if (ok(p != NULL, "2024/nested.md collected (subfolder)")) {
		is_str(p->title, "Title From H1", "title from the first H1, as plain text");
		ok(p->date.valid && p->date.month == 1 && p->date.day == 2, "date.created read");
		ok(p->updated.valid && p->updated.month == 2 && p->updated.day == 3, "date.updated read");
		fx_is_list(&p->author_names, "Al Smith", "author name from a block list of ids");
	}
	p = fx_find_post(&posts, "docs/blog/posts/draft.md");
	ok(p && p->draft, "draft: true read");
	p = fx_find_post(&posts, "docs/blog/posts/no-title.md");
	if (ok(p != NULL, "a post without front matter collected")) {
		is_str(p->title, "no-title", "no title and no H1: the file stem");
		ok(!p->date.valid, "no date");
		is_int(p->body_line, 1, "body from line 1");
	}
	p = fx_find_post(&posts, "docs/blog/posts/crlf.md");
	if (ok(p != NULL, "a BOM + CRLF post collected")) {
		is_str(p->title, "Windows post", "CRLF front matter: title without \\r");
		fx_is_list(&p->tags, "a|b", "CRLF front matter: list items without \\r");
		ok(p->date.valid && p->date.day == 5, "CRLF front matter: date");
		is_str(p->body, "Body\r\n", "CRLF body");
		is_int(p->body_line, 8, "CRLF body line");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);

	/* The same folder opened as a generic site on request. */
	ok(site_open(&site, root, "generic", &dl) == 0 && site && strcmp(site->gen->name, "generic") == 0,
	   "a generator named explicitly is used");
	site_free(site);
	is_int(site_open(&site, root, "hugo-or-something", &dl), -1, "an unknown generator name fails");
	ok(site == NULL && dl.n == 1 && strstr(dl.v[0].message, "hugo-or-something"), "naming the generator");
	diag_list_free(&dl);
	free(root);
}

static void test_mkdocs_config(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;

	fx_writes(S_tmp, "mk2/mkdocs.yml", "site_name: No posts\nplugins:\n  - blog\n");
	fx_writes(S_tmp, "mk2/docs/index.md", "# Home\n");
	char *root = path_join(S_tmp, "mk2");
	is_int(site_open(&site, root, NULL, &dl), -1, "an MkDocs site without a posts folder fails");
	ok(dl.n == 1 && strstr(dl.v[0].message, "docs/blog/posts"), "naming the missing folder");
	ok(site == NULL, "and gives no site");
	diag_list_free(&dl);
	free(root);

	fx_writes(S_tmp, "mk3/mkdocs.yml",
		"site_name: Custom\n"
		"docs_dir: content\n"
		"plugins:\n"
		"  - search\n"
		"  - blog:\n"
		"      blog_dir: news\n"
		"      post_dir: \"{blog}/articles\"\n");
	fx_writes(S_tmp, "mk3/content/news/articles/a.md", "---\ntitle: A\n---\n");
	root = path_join(S_tmp, "mk3");
	if (ok(site_open(&site, root, NULL, &dl) == 0, "a site with a custom docs_dir, blog_dir and post_dir")) {
		is_str(site->content_dir, "content", "docs_dir read");
		is_str(site->posts_dir, "content/news/articles", "blog_dir and post_dir with {blog} expanded");
		struct post_list posts = POST_LIST_INIT;
		ok(site_collect(site, &posts, &dl) == 0 && posts.n == 1, "its one post collected");
		post_list_free(&posts, true);
	}
	site_free(site);
	diag_list_free(&dl);
	free(root);

	fx_writes(S_tmp, "mk4/mkdocs.yml", "site_name: Escape\ndocs_dir: ../elsewhere\n");
	root = path_join(S_tmp, "mk4");
	is_int(site_open(&site, root, NULL, &dl), -1, "a docs_dir outside the site is refused");
	ok(dl.n >= 1 && dl.v[0].line == 2, "at the docs_dir line");
	diag_list_free(&dl);
	free(root);

	fx_writes(S_tmp, "mk5/mkdocs.yml", "site_name: [unclosed\n");
	root = path_join(S_tmp, "mk5");
	is_int(site_open(&site, root, NULL, &dl), -1, "a malformed mkdocs.yml fails");
	ok(dl.n == 1 && dl.v[0].file && str_ends_with(dl.v[0].file, "mkdocs.yml"), "with an error in mkdocs.yml");
	diag_list_free(&dl);
	free(root);

	/* Config files may use anchors: an alias there is only a warning. */
	fx_writes(S_tmp, "mk6/mkdocs.yml", "site_name: &n Anchored\nsite_description: *n\nplugins: [blog]\n");
	fx_writes(S_tmp, "mk6/docs/blog/posts/a.md", "# A\n");
	root = path_join(S_tmp, "mk6");
	ok(site_open(&site, root, NULL, &dl) == 0 && diag_count(&dl, DIAG_WARNING) == 1 &&
		   diag_count(&dl, DIAG_ERROR) == 0,
	   "an alias in mkdocs.yml is a warning, not an error");
	site_free(site);
	site = NULL;
	diag_list_free(&dl);
	free(root);

	char *file = path_join(S_tmp, "mk/mkdocs.yml");
	is_int(site_open(&site, file, NULL, &dl), -1, "a file is not a site");
	free(file);
	diag_list_free(&dl);
}

static bool S_keep_tagged_x(const struct post *p, const void *data)
{
	(void)data;
	return sv_contains_ci(&p->tags, "x");
}

static void test_generic(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	fx_writes(S_tmp, "gen/a.md", "---\ntitle: A\ntags: [x]\n---\nText\n");
	fx_writes(S_tmp, "gen/sub/deeper/b.markdown", "# Bee\n");
	fx_writes(S_tmp, "gen/.git/c.md", "# hidden\n");
	fx_writes(S_tmp, "gen/.hidden.md", "# hidden\n");
	fx_writes(S_tmp, "gen/notes.txt", "no\n");
	fx_writes(S_tmp, "outside/secret.md", "---\ntitle: Secret\n---\nOutside the site.\n");
	char *root = path_join(S_tmp, "gen");
	char *loop = path_join(S_tmp, "gen/loop");
	ok(symlink(".", loop) == 0, "a symlinked folder looping back made");
	free(loop);
	char *target = path_join(S_tmp, "outside/secret.md");
	char *link = path_join(S_tmp, "gen/linked.md");
	ok(symlink(target, link) == 0, "a symlinked post pointing outside the site made");
	free(target);
	free(link);

	struct site *site = NULL;
	if (!ok(site_open(&site, root, NULL, &dl) == 0 && site, "a folder without mkdocs.yml opens")) {
		free(root);
		return;
	}
	is_str(site->gen->name, "generic", "detected as generic");
	ok(site->config_file == NULL, "no config file");
	is_str(site->content_dir, ".", "content_dir is the root");
	char *url = site_page_url(site, "a.md");
	ok(url == NULL, "no page URLs for a generic site");
	free(url);
	struct post_list posts = POST_LIST_INIT;
	is_int(site_collect(site, &posts, &dl), 0, "collect succeeds");
	ok(fx_find_post(&posts, "a.md") != NULL, "a.md collected");
	ok(fx_find_post(&posts, "sub/deeper/b.markdown") != NULL, "a .markdown file in a subfolder collected");
	ok(!fx_find_post(&posts, ".git/c.md"), "hidden folder .git skipped");
	ok(!fx_find_post(&posts, ".hidden.md"), "hidden file skipped");
	ok(!fx_find_post(&posts, "loop/a.md"), "symlinked folder not followed");
	const struct post *b = fx_find_post(&posts, "sub/deeper/b.markdown");
	is_str(b ? b->title : NULL, "Bee", "title from the H1");
	ok(!fx_find_post(&posts, "linked.md"), "a symlinked post resolving outside the site is not read");
	is_int(dl.n, 1, "one diagnostic: the symlinked post left out");
	ok(dl.n == 1 && dl.v[0].severity == DIAG_WARNING && str_ends_with(dl.v[0].file, "linked.md"),
	   "a warning naming the symlinked post");
	post_list_free(&posts, true);

	/* Bodies the book will not need are dropped as the posts are read;
	 * their fields (and the title the body gave) stay. */
	site->collect.keep_body = S_keep_tagged_x;
	is_int(site_collect(site, &posts, &dl), 0, "collect with a body filter succeeds");
	const struct post *a = fx_find_post(&posts, "a.md");
	b = fx_find_post(&posts, "sub/deeper/b.markdown");
	ok(a && a->body && strstr(a->body, "Text"), "a wanted post keeps its body");
	ok(b && !b->body && b->body_len == 0, "a post not wanted loses its body");
	is_str(b ? b->title : NULL, "Bee", "and keeps the title its body gave");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
	free(root);
}

/* A repository whose site sits a folder or two down (core/, v2/,
 * test/source/) is read as that site; two sites at one level are an
 * error naming both; hidden folders and node_modules hold none. */
static void test_subfolder(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;

	fx_writes(S_tmp, "wrap/README.md", "# The repository\n");
	fx_writes(S_tmp, "wrap/v2/config.toml", "base_url = \"https://example.org\"\ntitle = \"Deep\"\n");
	fx_writes(S_tmp, "wrap/v2/content/blog/a.md", "+++\ntitle = \"A\"\ndate = 2024-01-02\n+++\nText\n");
	fx_writes(S_tmp, "wrap/.cache/hugo.toml", "title = 'hidden'\n");
	fx_writes(S_tmp, "wrap/node_modules/pkg/mkdocs.yml", "site_name: a package\n");
	char *root = path_join(S_tmp, "wrap");
	if (ok(site_open(&site, root, NULL, &dl) == 0 && site, "a folder holding one site in v2/ opens")) {
		is_str(site->gen->name, "zola", "read as the site in v2/");
		is_str(site->subfolder, "v2", "which it names");
		ok(str_ends_with(site->root, "/wrap/v2"), "its root is v2/");
		is_str(site->folder_name, "wrap", "the folder named as SITE still names the book");
		is_int(dl.n, 0, "no diagnostic");
		site_free(site);
	}
	free(root);

	fx_writes(S_tmp, "wrap2/test/source/_posts/2020-01-01-a.md", "---\ntitle: A\n---\nText\n");
	root = path_join(S_tmp, "wrap2");
	if (ok(site_open(&site, root, NULL, &dl) == 0 && site, "a site two folders down opens")) {
		is_str(site->gen->name, "jekyll", "read as the Jekyll site in test/source/");
		is_str(site->subfolder, "test/source", "named by its path");
		site_free(site);
	}
	free(root);

	fx_writes(S_tmp, "wrap3/one/hugo.toml", "title = 'One'\n");
	fx_writes(S_tmp, "wrap3/one/content/posts/a.md", "---\ntitle: A\n---\n");
	fx_writes(S_tmp, "wrap3/two/config.toml", "base_url = \"https://example.org\"\n");
	fx_writes(S_tmp, "wrap3/two/content/b.md", "+++\ntitle = \"B\"\n+++\n");
	root = path_join(S_tmp, "wrap3");
	is_int(site_open(&site, root, NULL, &dl), -1, "two sites side by side: no guess");
	ok(dl.n == 1 && strstr(dl.v[0].message, "one/ and two/"), "the error names both folders");
	diag_list_free(&dl);
	ok(site_open(&site, root, "generic", &dl) == 0 && site && !site->subfolder,
	   "--generator reads SITE itself, never a subfolder");
	site_free(site);
	free(root);

	/* A site of its own is read as itself, whatever its folders hold
	 * (a theme's exampleSite). */
	fx_writes(S_tmp, "wrap4/hugo.toml", "title = 'Top'\n");
	fx_writes(S_tmp, "wrap4/content/posts/a.md", "---\ntitle: A\n---\n");
	fx_writes(S_tmp, "wrap4/themes/t/exampleSite/config.toml", "base_url = \"https://example.org\"\n");
	root = path_join(S_tmp, "wrap4");
	ok(site_open(&site, root, NULL, &dl) == 0 && site && strcmp(site->gen->name, "hugo") == 0 &&
		   !site->subfolder,
	   "a site of its own is read as itself");
	site_free(site);
	free(root);
	diag_list_free(&dl);
}

/* --site-url names the live site when the config names none; a config's
 * own address wins. */
static void test_site_url(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	fx_writes(S_tmp, "nourl/hugo.toml", "baseURL = '/'\ntitle = 'No address'\n");
	fx_writes(S_tmp, "nourl/content/posts/a.md", "---\ntitle: A\n---\n");
	char *root = path_join(S_tmp, "nourl");
	struct site_open_options so = {NULL, "https://h.test/blog", NULL};
	if (ok(site_open_ext(&site, root, &so, &dl) == 0 && site, "a site without an address opens with --site-url")) {
		is_str(site->url, "https://h.test/blog/", "its address is the one given, as a folder");
		is_str(site->baseurl, "/blog", "whose path is where site paths start");
		site_free(site);
	}
	ok(site_open_ext(&site, root, NULL, &dl) == 0 && site && !site->url, "no options: no address");
	site_free(site);
	free(root);
	fx_writes(S_tmp, "withurl/hugo.toml", "baseURL = 'https://own.test/'\ntitle = 'Own'\n");
	fx_writes(S_tmp, "withurl/content/posts/a.md", "---\ntitle: A\n---\n");
	root = path_join(S_tmp, "withurl");
	if (ok(site_open_ext(&site, root, &so, &dl) == 0 && site, "a site with an address opens")) {
		is_str(site->url, "https://own.test/", "the config's own address wins");
		ok(!site->baseurl, "and no base path is made up");
		site_free(site);
	}
	free(root);
	is_int(dl.n, 0, "no diagnostic");
	diag_list_free(&dl);
}

/* A folder inside a site is read as that site, found by walking up; the
 * book's posts are then those in that folder (site_post_within). $HOME
 * ends the walk. */
static void test_walk_up(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	fx_writes(S_tmp, "walk/hugo.toml", "title = 'Walk'\n");
	fx_writes(S_tmp, "walk/content/posts/2024/a.md", "---\ntitle: A\n---\n");
	fx_writes(S_tmp, "walk/content/posts/2023/b.md", "---\ntitle: B\n---\n");
	char *root = path_join(S_tmp, "walk/content/posts/2024");
	if (ok(site_open(&site, root, NULL, &dl) == 0 && site, "a folder inside a Hugo site opens")) {
		is_str(site->gen->name, "hugo", "read as the Hugo site above it");
		ok(str_ends_with(site->root, "/walk"), "its root is the site's");
		is_str(site->within, "content/posts/2024", "where the folder lies in it");
		ok(!site->subfolder, "not a subfolder site");
		is_str(site->folder_name, "walk", "the site's folder names the book");
		struct post *in = post_new("x", "content/posts/2024/a.md");
		struct post *out = post_new("x", "content/posts/2023/b.md");
		struct post *near = post_new("x", "content/posts/2024x/c.md");
		ok(site_post_within(site, in), "a post in the folder is within");
		ok(!site_post_within(site, out), "one in another folder is not");
		ok(!site_post_within(site, near), "nor one in a folder whose name starts alike");
		post_free(in);
		post_free(out);
		post_free(near);
		site_free(site);
	}
	ok(site_open(&site, root, "hugo", &dl) == 0 && site && site->within, "a named generator is looked for above");
	site_free(site);
	ok(site_open(&site, root, "generic", &dl) == 0 && site && !site->within, "generic reads the folder itself");
	site_free(site);
	char *site_root = path_join(S_tmp, "walk");
	ok(site_open(&site, site_root, NULL, &dl) == 0 && site && !site->within, "the site's own folder: no within");
	site_free(site);
	free(site_root);

	/* $HOME inside the site: the walk from below it stops there. */
	const char *old = getenv("HOME");
	char *keep = old ? xstrdup(old) : NULL;
	char *home = path_join(S_tmp, "walk/content");
	setenv("HOME", home, 1);
	ok(site_open(&site, root, NULL, &dl) == 0 && site && strcmp(site->gen->name, "generic") == 0,
	   "the walk stops at $HOME");
	site_free(site);
	if (keep)
		setenv("HOME", keep, 1);
	else
		unsetenv("HOME");
	free(keep);
	free(home);
	free(root);
	is_int(dl.n, 0, "no diagnostic");
	diag_list_free(&dl);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	/* The site walk stops at $HOME: no folder above the fixtures is read. */
	setenv("HOME", S_tmp, 1);
	test_mkdocs();
	test_mkdocs_config();
	test_generic();
	test_subfolder();
	test_walk_up();
	test_site_url();
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
	const char *const *names = site_generator_names();
	size_t ngen = 0;
	while (names[ngen])
		ngen++;
	ok(ngen >= 2 && strcmp(names[0], "mkdocs") == 0 && strcmp(names[ngen - 1], "generic") == 0,
	   "generators: mkdocs first, generic last");
	return done_testing();
}
