/* Unit tests of the Hugo generator (site/hugo.c): small Hugo sites of our
 * own writing, made in a temporary folder: detection, configuration (YAML,
 * TOML, JSON, config/_default/, languages), which pages are posts, Hugo's
 * front-matter fields and the live URLs of pages and resources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "convert/dialect.h"
#include "fixture.h"
#include "convert/markdown.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-hugo-XXXXXX";




/* The relative paths of the posts, sorted, joined with '|'. */
static char *S_paths(const struct post_list *pl)
{
	struct strvec sv = STRVEC_INIT;
	for (size_t i = 0; i < pl->n; i++)
		sv_push(&sv, pl->v[i]->relpath);
	sv_sort(&sv);
	char *s = fx_join(&sv);
	sv_free(&sv);
	return s;
}

static void S_print_diags(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		diag("%s:%d: %s", dl->v[i].file ? dl->v[i].file : "-", dl->v[i].line, dl->v[i].message);
}

/* Opens SITE (a folder under the temporary one) as generator (NULL:
 * detected) for a book in lang (NULL: the site's default) and collects its
 * posts; NULL after a failed check. */
static struct site *S_open_lang(const char *name, const char *generator, const char *lang,
				struct post_list *posts, struct diag_list *dl)
{
	char *root = path_join(S_tmp, name);
	struct site *site = NULL;
	struct site_open_options so = {.generator = generator, .language = lang};
	bool opened = site_open_ext(&site, root, &so, dl) == 0 && site;
	free(root);
	if (!ok(opened, "%s (%s): site_open", name, lang ? lang : "default")) {
		S_print_diags(dl);
		return NULL;
	}
	if (!ok(site_collect(site, posts, dl) == 0, "%s: site_collect", name))
		S_print_diags(dl);
	return site;
}

static struct site *S_open(const char *name, const char *generator, struct post_list *posts,
			   struct diag_list *dl)
{
	return S_open_lang(name, generator, NULL, posts, dl);
}

static void S_close(struct site *site, struct post_list *posts, struct diag_list *dl)
{
	post_list_free(posts, true);
	site_free(site);
	diag_list_free(dl);
}

static void S_url_is(const struct site *site, const char *relpath, const char *expected,
		     const char *name)
{
	char *url = site_page_url(site, relpath);
	is_str(url, expected, name);
	free(url);
}

/* ---- a YAML site with every kind of page ---- */

static void S_make_yaml(void)
{
	fx_writes(S_tmp, "y/hugo.yaml",
		"baseURL: https://blog.test/\n"
		"title: Field Notes\n"
		"copyright: \"© Field Notes\"\n"
		"languageCode: en-gb\n"
		"params:\n"
		"  author: Site Owner\n"
		"  description: Notes  from the field\n"
		"permalinks:\n"
		"  posts: /:year/:month/:slug/\n"
		"  notes/dated: /:section/:year/:monthname/:day/:filename/\n");
	fx_writes(S_tmp, "y/data/authors/jdoe.yaml", "name: Jane Doe\nbio: Writes.\n");
	fx_writes(S_tmp, "y/content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
	fx_writes(S_tmp, "y/content/about.md", "---\ntitle: About\n---\nNot a post.\n");
	fx_writes(S_tmp, "y/content/posts/_index.md", "---\ntitle: All posts\n---\n");
	fx_writes(S_tmp, "y/content/posts/single.md",
		"---\n"
		"title: A Single Post\n"
		"date: 2024-01-02T10:00:00+01:00\n"
		"author: Jane Doe\n"
		"tags: [walks]\n"
		"series: Travel\n"
		"weight: 2\n"
		"summary: |\n"
		"  A short\n"
		"  summary.\n"
		"aliases: [/old/single/, https://elsewhere.test/single]\n"
		"---\n"
		"Body.\n");
	fx_writes(S_tmp, "y/content/posts/bundle/index.md",
		"---\n"
		"title: A Bundle\n"
		"date: 2024-02-03\n"
		"slug: my-bundle\n"
		"authors: [Jane Doe, Bob Roe]\n"
		"---\n"
		"![A photo](photo.png)\n");
	fx_writes(S_tmp, "y/content/posts/bundle/photo.png", "not really a png");
	fx_writes(S_tmp, "y/content/posts/bundle/extra.md", "---\ntitle: A resource\n---\nNot a post.\n");
	fx_writes(S_tmp, "y/content/posts/bundle/more/deep.md", "Also a resource.\n");
	fx_writes(S_tmp, "y/content/posts/mapauthor.md",
		"---\n"
		"title: Mapped\n"
		"publishDate: 2024-03-04\n"
		"author:\n"
		"  name: Ann Map\n"
		"  position: Editor\n"
		"series: [Travel, Food]\n"
		"---\n"
		"Body.\n");
	fx_writes(S_tmp, "y/content/posts/listmap.md",
		"---\n"
		"title: Listed\n"
		"date: 2024-04-05\n"
		"lastmod: 2024-05-06\n"
		"authors:\n"
		"  - name: A One\n"
		"  - name: B Two\n"
		"    link: https://b.test/\n"
		"url: custom/path\n"
		"---\n"
		"Body.\n");
	fx_writes(S_tmp, "y/content/posts/byid.md",
		"---\ntitle: By id\ndate: 2024-06-01\nauthors: [jdoe]\n---\nBody.\n");
	fx_writes(S_tmp, "y/content/posts/tokens.md",
		"---\ntitle: Tokens\ndate: 2024-03-01\nurl: /:sections[last]/:year/:weekdayname/:yearday/\n---\nB\n");
	fx_writes(S_tmp, "y/content/posts/draft.md", "---\ntitle: Draft\ndate: 2024-01-09\ndraft: true\n---\nB\n");
	fx_writes(S_tmp, "y/content/posts/expired.md",
		"---\ntitle: Expired\ndate: 2000-01-01\nexpiryDate: 2001-01-01\n---\nB\n");
	fx_writes(S_tmp, "y/content/posts/future.md", "---\ntitle: Future\ndate: 2999-01-01\n---\nB\n");
	fx_writes(S_tmp, "y/content/posts/unrendered.md",
		"---\ntitle: Unrendered\ndate: 2024-01-10\nbuild:\n  render: never\n---\nB\n");
	fx_writes(S_tmp, "y/content/posts/crlf.md",
		"\xEF\xBB\xBF---\r\nTitle: Windows post\r\nDate: 2024-01-05\r\ntags:\r\n  - a\r\n---\r\nBody\r\n");
	fx_writes(S_tmp, "y/content/posts/headless/index.md", "---\nheadless: true\n---\n");
	fx_writes(S_tmp, "y/content/posts/headless/part.md", "---\ntitle: Part\n---\n");
	fx_writes(S_tmp, "y/content/posts/untitled/index.md", "---\ndate: 2024-07-01\n---\nNo heading here.\n");
	fx_writes(S_tmp, "y/content/notes/Mixed Case Name.md",
		"---\ntitle: Mixed\ndate: 2023-05-06\naliases: [old-mixed, ../gone/away]\n---\nB\n");
	fx_writes(S_tmp, "y/content/notes/2023/deep.md", "---\ntitle: Deep\ndate: 2023-01-02\n---\nB\n");
	fx_writes(S_tmp, "y/content/notes/dated/when.md", "---\ntitle: When\ndate: 2023-02-03\n---\nB\n");
	fx_writes(S_tmp, "y/content/about/index.md", "---\ntitle: Root bundle\n---\nNot a post.\n");
	fx_writes(S_tmp, "y/content/notes/readme.txt", "not a page\n");
	fx_writes(S_tmp, "y/static/img/logo.png", "png");
}

/* The strings of sv joined by '|' (static buffer). */
static const char *S_joined(const struct strvec *sv)
{
	static char buf[1024];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sv->n && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", sv->v[i]);
	return buf;
}

/* References and page forms: section indexes, names alone. */
static void S_hooks(struct site *site, const struct post_list *posts)
{
	struct strvec out = STRVEC_INIT;
	site_page_forms(site, "content/posts", &out);
	ok(sv_contains_ci(&out, "content/posts/_index.md") && sv_contains_ci(&out, "content/posts/index.md") &&
		   sv_contains_ci(&out, "content/posts.markdown"),
	   "page forms: bundle and section indexes (%s)", S_joined(&out));
	sv_free(&out);
	const char *from = posts->n ? posts->v[0]->relpath : "content/posts/a.md";
	const struct post *named = NULL; /* a post whose name is its own */
	for (size_t i = 0; i < posts->n && !named; i++)
		if (!str_starts_with(path_basename(posts->v[i]->relpath), "index."))
			named = posts->v[i];
	const char *name = named ? path_basename(named->relpath) : "x.md";
	char *stem = xstrndup(name, strcspn(name, "."));
	site_ref_targets(site, posts, from, stem, false, &out);
	ok(out.n == 4, "ref: beside the page, under content, from the root, and by name (%s)", S_joined(&out));
	ok(named && out.n && strcmp(out.v[out.n - 1], named->relpath) == 0, "ref by name: the post's file");
	sv_free(&out);
	site_ref_targets(site, posts, from, "/posts/x.md", false, &out);
	is_str(S_joined(&out), "content/posts/x.md|posts/x.md", "ref /path: from content, then the root");
	sv_free(&out);
	site_ref_targets(site, posts, from, "@/posts/x.md", true, &out);
	is_int((int)out.n, 0, "a Markdown link is no Hugo reference");
	sv_free(&out);
	free(stem);
}

static void test_yaml_site(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_make_yaml();
	struct site *site = S_open("y", NULL, &posts, &dl);
	if (!site) {
		S_close(site, &posts, &dl);
		return;
	}
	is_str(site->gen->name, "hugo", "hugo.yaml: detected as Hugo");
	S_hooks(site, &posts);
	is_str(site->config_file, "hugo.yaml", "config file");
	is_str(site->title, "Field Notes", "title");
	is_str(site->url, "https://blog.test/", "baseURL → url");
	ok(site->baseurl == NULL, "no base path when baseURL is a host");
	is_str(site->language, "en-gb", "languageCode → language");
	is_str(site->author, "Site Owner", "params.author → author");
	is_str(site->description, "Notes from the field", "params.description → description");
	is_str(site->copyright, "© Field Notes", "copyright");
	is_str(site->content_dir, "content", "contentDir defaults to content");
	is_str(site->static_dir, "static", "staticDir defaults to static");
	ok(site->gen->dialects[0] == &dialect_hugo && site->gen->dialects[1] == &dialect_site_emoji &&
	   site->gen->dialects[2] == &dialect_math && site->gen->dialects[3] == &dialect_heading_ids &&
	   !site->gen->dialects[4],
	   "Hugo's dialects");
	is_int(diag_count(&dl, DIAG_ERROR), 0, "no errors");
	is_int(diag_count(&dl, DIAG_WARNING), 0, "no warnings");
	S_print_diags(&dl);

	char *paths = S_paths(&posts);
	is_str(paths,
	       "content/notes/2023/deep.md|content/notes/Mixed Case Name.md|content/notes/dated/when.md|"
	       "content/posts/bundle/index.md|content/posts/byid.md|content/posts/crlf.md|"
	       "content/posts/draft.md|content/posts/expired.md|content/posts/future.md|"
	       "content/posts/listmap.md|content/posts/mapauthor.md|content/posts/single.md|"
	       "content/posts/tokens.md|content/posts/unrendered.md|content/posts/untitled/index.md",
	       "posts: section pages and leaf bundles; not _index.md, root pages, root bundles, bundle "
	       "resources, headless bundles or other files");
	free(paths);

	const struct post *p = fx_find_post(&posts, "content/posts/single.md");
	if (ok(p != NULL, "single-file post")) {
		is_str(p->title, "A Single Post", "title");
		fx_is_list(&p->authors, "Jane Doe", "author as a string: id");
		fx_is_list(&p->author_names, "Jane Doe", "author as a string: name");
		fx_is_list(&p->series, "Travel", "series as a string");
		is_int(p->weight, 2, "weight");
		is_str(p->summary, "A short summary.", "summary");
		fx_is_list(&p->aliases, "/old/single/|https://elsewhere.test/single", "aliases: paths and full URLs");
		is_str(p->live_url, "https://blog.test/2024/01/a-single-post/",
		       "permalink /:year/:month/:slug/ with the title standing in for the slug");
		ok(!p->draft, "not a draft");
	}
	p = fx_find_post(&posts, "content/posts/bundle/index.md");
	if (ok(p != NULL, "leaf bundle")) {
		fx_is_list(&p->authors, "Jane Doe|Bob Roe", "authors as a list of strings");
		fx_is_list(&p->author_names, "Jane Doe|Bob Roe", "their names");
		is_str(p->live_url, "https://blog.test/2024/02/my-bundle/", "permalink with the slug");
	}
	S_url_is(site, "content/posts/bundle/photo.png", "https://blog.test/2024/02/my-bundle/photo.png",
		 "a bundle's resource lives under its page");
	S_url_is(site, "content/posts/bundle/index.md", "https://blog.test/2024/02/my-bundle/",
		 "page URL of a bundle");
	S_url_is(site, "static/img/logo.png", "https://blog.test/img/logo.png", "static files at the site root");
	S_url_is(site, "content/about.md", "https://blog.test/about/", "page URL of a root page");
	S_url_is(site, "content/posts/_index.md", "https://blog.test/posts/", "page URL of a section");
	S_url_is(site, "content/_index.md", "https://blog.test/", "page URL of the home page");
	S_url_is(site, "elsewhere/x.md", NULL, "no page URL outside content and static");

	p = fx_find_post(&posts, "content/posts/mapauthor.md");
	if (ok(p != NULL, "post with an author mapping")) {
		fx_is_list(&p->authors, "Ann Map", "author as a mapping with name");
		fx_is_list(&p->author_names, "Ann Map", "its name");
		fx_is_list(&p->series, "Travel|Food", "series as a list");
		ok(p->publish_date.valid && p->publish_date.day == 4, "publishDate read");
		ok(p->date.valid && p->date.year == 2024 && p->date.month == 3 && p->date.day == 4,
		   "publishDate stands in for a missing date");
	}
	p = fx_find_post(&posts, "content/posts/listmap.md");
	if (ok(p != NULL, "post with a list of author mappings")) {
		fx_is_list(&p->authors, "A One|B Two", "authors as a list of mappings");
		fx_is_list(&p->author_names, "A One|B Two", "their names");
		ok(p->updated.valid && p->updated.month == 5 && p->updated.day == 6, "lastmod → updated");
		is_str(p->url, "/custom/path/", "url made site-relative");
		is_str(p->live_url, "https://blog.test/custom/path/", "url sets the live URL");
	}
	p = fx_find_post(&posts, "content/posts/byid.md");
	if (ok(p != NULL, "post with an author id")) {
		fx_is_list(&p->authors, "jdoe", "the id kept");
		fx_is_list(&p->author_names, "Jane Doe", "its name from data/authors/jdoe.yaml");
	}
	p = fx_find_post(&posts, "content/posts/tokens.md");
	if (ok(p != NULL, "post with tokens in url"))
		is_str(p->live_url, "https://blog.test/posts/2024/Friday/61/",
		       "url tokens :sections[last] :year :weekdayname :yearday");
	p = fx_find_post(&posts, "content/posts/draft.md");
	ok(p && p->draft, "draft: true is a draft");
	p = fx_find_post(&posts, "content/posts/expired.md");
	ok(p && p->draft && p->expiry_date.valid && p->expiry_date.year == 2001,
	   "a post past its expiryDate is left out like a draft");
	p = fx_find_post(&posts, "content/posts/future.md");
	ok(p && p->draft, "a post dated in the future is left out like a draft (buildFuture false)");
	p = fx_find_post(&posts, "content/posts/unrendered.md");
	ok(p && p->draft, "build.render: never is left out like a draft");
	p = fx_find_post(&posts, "content/posts/crlf.md");
	if (ok(p != NULL, "CRLF post")) {
		is_str(p->title, "Windows post", "CRLF front matter, key in another case (Title:)");
		ok(p->date.valid && p->date.day == 5, "Date: read case-insensitively");
		fx_is_list(&p->tags, "a", "tags");
		ok(!p->draft, "not a draft");
	}
	p = fx_find_post(&posts, "content/posts/untitled/index.md");
	if (ok(p != NULL, "untitled bundle"))
		is_str(p->title, "untitled", "a bundle without a title is named by its folder, not 'index'");
	p = fx_find_post(&posts, "content/notes/Mixed Case Name.md");
	if (ok(p != NULL, "post in a section without permalinks")) {
		is_str(p->live_url, "https://blog.test/notes/mixed-case-name/",
		       "default URL: section path and file name, lower case, spaces as hyphens");
		fx_is_list(&p->aliases, "/notes/old-mixed/|/gone/away/", "aliases relative to the page's folder");
	}
	p = fx_find_post(&posts, "content/notes/2023/deep.md");
	if (ok(p != NULL, "post in a nested folder"))
		is_str(p->live_url, "https://blog.test/notes/2023/deep/", "default URL of a nested page");
	p = fx_find_post(&posts, "content/notes/dated/when.md");
	if (ok(p != NULL, "post under a nested permalinks key"))
		is_str(p->live_url, "https://blog.test/notes/2023/february/03/when/",
		       "the most specific permalinks key; :section :year :monthname :day :filename; "
		       "lower-cased as Hugo makes paths");
	S_close(site, &posts, &dl);
}

/* ---- sites of other shapes ---- */

static void test_root_pages(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "flat/config.yaml", "title: Flat\nbaseURL: /\n");
	fx_writes(S_tmp, "flat/content/_index.md", "---\ntitle: Home\n---\n");
	fx_writes(S_tmp, "flat/content/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\nB\n");
	fx_writes(S_tmp, "flat/content/two/index.md", "---\ntitle: Two\ndate: 2024-01-02\n---\nB\n");
	fx_writes(S_tmp, "flat/content/images/x.png", "png");
	struct site *site = S_open("flat", NULL, &posts, &dl);
	if (site) {
		is_str(site->gen->name, "hugo", "config.yaml with a content folder: Hugo");
		ok(site->url == NULL, "baseURL '/' is no site URL");
		char *paths = S_paths(&posts);
		is_str(paths, "content/one.md|content/two/index.md",
		       "without sections, the root pages and root bundles are the posts");
		free(paths);
		for (size_t i = 0; i < posts.n; i++)
			ok(posts.v[i]->live_url == NULL, "no live URL without a site URL (%s)", posts.v[i]->relpath);
	}
	S_close(site, &posts, &dl);
}

static void test_config_dir(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "cd/config/_default/hugo.yaml",
		"baseURL: https://docs.test/sub/\n"
		"defaultContentLanguage: en\n"
		"staticDir: [assets, static]\n");
	fx_writes(S_tmp, "cd/config/_default/params.yaml", "author:\n  name: Param Author\n");
	fx_writes(S_tmp, "cd/config/_default/languages.yaml",
		"en:\n"
		"  title: English Title\n"
		"  languageCode: en-US\n"
		"  contentDir: content/en\n"
		"  weight: 1\n"
		"fr:\n"
		"  title: Titre\n"
		"  contentDir: content/fr\n"
		"  weight: 2\n");
	fx_writes(S_tmp, "cd/config/production/hugo.yaml", "title: Ignored for the English title\n");
	fx_writes(S_tmp, "cd/content/en/blog/_index.md", "---\ntitle: Blog\n---\n");
	fx_writes(S_tmp, "cd/content/en/blog/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\nB\n");
	fx_writes(S_tmp, "cd/content/en/about.md", "---\ntitle: About\n---\nB\n");
	fx_writes(S_tmp, "cd/content/fr/blog/bonjour.md", "---\ntitle: Bonjour\ndate: 2024-01-01\n---\nB\n");
	struct site *site = S_open("cd", NULL, &posts, &dl);
	if (site) {
		is_str(site->gen->name, "hugo", "config/_default/hugo.yaml: Hugo");
		is_str(site->config_file, "config/_default/hugo.yaml", "config file");
		is_str(site->title, "English Title", "the default language's title");
		is_str(site->language, "en-US", "the default language's languageCode");
		is_str(site->author, "Param Author", "params.yaml merged under params (author.name)");
		is_str(site->content_dir, "content/en", "the default language's contentDir");
		is_str(site->static_dir, "assets", "the first staticDir of a list");
		is_str(site->url, "https://docs.test/sub/", "baseURL with a path");
		is_str(site->baseurl, "/sub", "its path as the base path");
		char *paths = S_paths(&posts);
		is_str(paths, "content/en/blog/hello.md", "only the default language's section pages");
		free(paths);
		if (posts.n)
			is_str(posts.v[0]->live_url, "https://docs.test/sub/blog/hello/",
			       "two languages, the default one not in a subfolder: no prefix");
	}
	S_close(site, &posts, &dl);
}

static void test_languages_by_file_name(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "ml/hugo.yaml",
		"baseURL: https://ml.test\n"
		"defaultContentLanguage: de\n"
		"defaultContentLanguageInSubdir: true\n"
		"languages:\n"
		"  de: {weight: 1}\n"
		"  en: {weight: 2}\n");
	fx_writes(S_tmp, "ml/content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\naliases: [/alt/]\n---\nB\n");
	fx_writes(S_tmp, "ml/content/posts/a.en.md", "---\ntitle: A (en)\ndate: 2024-01-01\n---\nB\n");
	fx_writes(S_tmp, "ml/content/posts/b.de.md", "---\ntitle: B\ndate: 2024-01-02\n---\nB\n");
	fx_writes(S_tmp, "ml/content/posts/c/index.en.md", "---\ntitle: C en\n---\nB\n");
	fx_writes(S_tmp, "ml/content/posts/c/index.de.md", "---\ntitle: C de\n---\nB\n");
	struct site *site = S_open("ml", NULL, &posts, &dl);
	if (site) {
		is_str(site->language, "de", "defaultContentLanguage as the language");
		is_str(site->url, "https://ml.test/", "a slash added to baseURL");
		char *paths = S_paths(&posts);
		is_str(paths, "content/posts/a.md|content/posts/b.de.md|content/posts/c/index.de.md",
		       "translations into other languages (x.en.md) left out");
		free(paths);
		const struct post *p = fx_find_post(&posts, "content/posts/b.de.md");
		if (p)
			is_str(p->live_url, "https://ml.test/de/posts/b/",
			       "defaultContentLanguageInSubdir: a language prefix, no language in the name");
		p = fx_find_post(&posts, "content/posts/a.md");
		if (p)
			fx_is_list(&p->aliases, "/de/alt/", "site-relative aliases get the language prefix");
		p = fx_find_post(&posts, "content/posts/c/index.de.md");
		if (p)
			is_str(p->title, "C de", "the bundle's page in the default language");
	}
	S_close(site, &posts, &dl);
}

/* content/<lang>/ folders (as Docsy's mounts arrange them), a book per
 * language, translated bundles sharing the default language's images,
 * per-language permalinks. */
static void test_language_folders(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "lf/hugo.yaml",
		"baseURL: https://lf.test/\n"
		"defaultContentLanguage: en\n"
		"languages:\n"
		"  en: {title: Notes, weight: 1}\n"
		"  nl:\n"
		"    title: Notities\n"
		"    languageCode: nl-BE\n"
		"    permalinks: {posts: /:year/:slug/}\n");
	fx_writes(S_tmp, "lf/content/en/posts/_index.md", "---\ntitle: Posts\n---\n");
	fx_writes(S_tmp, "lf/content/en/posts/walk/index.md",
		"---\ntitle: A walk\ndate: 2023-05-01\n---\n![map](map.png)\n");
	fx_writes(S_tmp, "lf/content/en/posts/walk/map.png", "png");
	fx_writes(S_tmp, "lf/content/en/posts/tea.md", "---\ntitle: Tea\ndate: 2023-06-01\n---\nB\n");
	fx_writes(S_tmp, "lf/content/nl/posts/walk/index.md",
		"---\ntitle: Een wandeling\ndate: 2023-05-01\n---\n![kaart](map.png)\n");
	struct site *site = S_open_lang("lf", NULL, NULL, &posts, &dl);
	if (site) {
		is_str(site->content_dir, "content/en", "content/en/ is the default language's folder");
		char *paths = S_paths(&posts);
		is_str(paths, "content/en/posts/tea.md|content/en/posts/walk/index.md",
		       "the book holds the default language only: translations are no chapters");
		free(paths);
		const struct post *p = fx_find_post(&posts, "content/en/posts/tea.md");
		if (p)
			is_str(p->live_url, "https://lf.test/posts/tea/", "the language folder is no section");
	}
	S_close(site, &posts, &dl);

	posts = (struct post_list)POST_LIST_INIT;
	site = S_open_lang("lf", NULL, "nl-BE", &posts, &dl);
	if (site) {
		is_str(site->content_dir, "content/nl", "--language nl-BE (its languageCode) picks nl");
		is_str(site->title, "Notities", "the language's title");
		is_str(site->language, "nl-BE", "the language's code");
		char *paths = S_paths(&posts);
		is_str(paths, "content/nl/posts/walk/index.md", "only that language's posts");
		free(paths);
		const struct post *p = posts.n ? posts.v[0] : NULL;
		if (p) {
			is_str(p->live_url, "https://lf.test/nl/2023/een-wandeling/",
			       "the language's own permalinks (:slug: the title), under its prefix");
			struct strvec folders = STRVEC_INIT;
			site_image_folders(site, p, &folders);
			ok(sv_contains_ci(&folders, "content/en/posts/walk"),
			   "a translated bundle looks for its images in the default language's bundle");
			sv_free(&folders);
		}
	}
	S_close(site, &posts, &dl);

	posts = (struct post_list)POST_LIST_INIT;
	site = S_open_lang("lf", NULL, "fr", &posts, &dl);
	if (site)
		is_str(site->content_dir, "content/en", "a language the site does not have: the default one");
	S_close(site, &posts, &dl);
}

/* module.mounts with `lang`, and a baseURL per language (no prefix). */
static void test_language_mounts(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "mh/hugo.toml",
		"defaultContentLanguage = 'en'\n"
		"defaultContentLanguageInSubdir = true\n"
		"[languages.en]\nbaseURL = 'https://en.mh.test/'\n"
		"[languages.de]\nbaseURL = 'https://de.mh.test/'\n"
		"[[module.mounts]]\nsource = 'texts/english'\ntarget = 'content'\nlang = 'en'\n"
		"[[module.mounts]]\nsource = 'texts/deutsch'\ntarget = 'content'\nlang = 'de'\n");
	fx_writes(S_tmp, "mh/texts/english/posts/a.md", "---\ntitle: A\ndate: 2022-01-01\n---\nB\n");
	fx_writes(S_tmp, "mh/texts/deutsch/posts/b.md", "---\ntitle: B\ndate: 2022-01-01\n---\nB\n");
	struct site *site = S_open_lang("mh", NULL, "de", &posts, &dl);
	if (site) {
		is_str(site->content_dir, "texts/deutsch", "a language's content mount");
		is_str(site->url, "https://de.mh.test/", "the language's baseURL");
		if (ok(posts.n == 1, "its one post"))
			is_str(posts.v[0]->live_url, "https://de.mh.test/posts/b/",
			       "a host per language: no language prefix");
	}
	S_close(site, &posts, &dl);
}

/* Dates in every layout Hugo's front matter accepts, and `frontmatter`
 * lists: :filename (date and slug), :default, custom keys, :fileModTime,
 * :git (not read, said once), timeZone. */
static void test_dates(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "dt/hugo.toml",
		"baseURL = 'https://dt.test/'\n"
		"timeZone = 'Europe/Paris'\n"
		"[frontmatter]\n"
		"date = [':filename', 'shotOn', ':default']\n"
		"lastmod = [':git', 'lastmod', ':fileModTime']\n"
		"[permalinks]\nnotes = '/:year/:slug/'\n");
	static const struct {
		const char *file, *date;
		int y, m, d, hh, mm, tz;
	} cases[] = {
		{"a", "2022-04-03 7:05:00+00:00", 2022, 4, 3, 7, 5, 0},
		{"b", "2006-01-02 15:04:05 -07:00", 2006, 1, 2, 15, 4, -420},
		{"c", "2023-02-01T10:20:30.123456Z", 2023, 2, 1, 10, 20, 0},
		{"d", "Mon, 02 Jan 2006 15:04:05 -0700", 2006, 1, 2, 15, 4, -420},
		{"e", "02 Jan 2019", 2019, 1, 2, 0, 0, 60},
		{"f", "2019-03-04T05:06:07", 2019, 3, 4, 5, 6, 60},
		{"g", "2019-03-04 05:06:07.5 +0100 CET", 2019, 3, 4, 5, 6, 60},
		{"h", "Thu Mar  7 08:09:10 2019", 2019, 3, 7, 8, 9, 60},
		{"i", "2019-03-04 05:06:07Z", 2019, 3, 4, 5, 6, 0},
	};
	size_t ncases = sizeof cases / sizeof *cases;
	for (size_t i = 0; i < ncases; i++) {
		char rel[64], text[160];
		snprintf(rel, sizeof rel, "dt/content/notes/%s.md", cases[i].file);
		snprintf(text, sizeof text, "---\ntitle: %s\ndate: \"%s\"\n---\nB\n", cases[i].file,
			 cases[i].date);
		fx_writes(S_tmp, rel, text);
	}
	fx_writes(S_tmp, "dt/content/notes/2020-05-06-my-trip.md",
		  "---\ntitle: Trip\ndate: 2021-01-01\nlastmod: 2021-02-02\n---\nB\n");
	fx_writes(S_tmp, "dt/content/notes/2020-05-06-07-08-09_late night.md", "---\ntitle: Late\n---\nB\n");
	fx_writes(S_tmp, "dt/content/notes/photo.md", "---\ntitle: Photo\nshotOn: 2018-08-08\n---\nB\n");
	fx_writes(S_tmp, "dt/content/notes/toml.md", "+++\ntitle = 'T'\ndate = 2021-03-04T05:06:07+02:00\n+++\nB\n");
	char *mod = path_join(S_tmp, "dt/content/notes/photo.md");
	struct timespec times[2] = {{1500000000, 0}, {1500000000, 0}};
	utimensat(AT_FDCWD, mod, times, 0);
	free(mod);
	struct site *site = S_open("dt", NULL, &posts, &dl);
	if (site) {
		size_t git = 0;
		for (size_t i = 0; i < dl.n; i++)
			git += strstr(dl.v[i].message, ":git") != NULL;
		ok(git == 1 && dl.n == 1, "':git' in frontmatter: said once, for the site (%zu)", dl.n);
		for (size_t i = 0; i < ncases; i++) {
			char rel[64];
			snprintf(rel, sizeof rel, "content/notes/%s.md", cases[i].file);
			const struct post *p = fx_find_post(&posts, rel);
			ok(p && p->date.valid && p->date.year == cases[i].y && p->date.month == cases[i].m &&
				   p->date.day == cases[i].d && p->date.hour == cases[i].hh &&
				   p->date.minute == cases[i].mm && p->date.tz_minutes == cases[i].tz,
			   "'%s' read as Hugo reads it (zone %d)", cases[i].date, cases[i].tz);
		}
		const struct post *p = fx_find_post(&posts, "content/notes/2020-05-06-my-trip.md");
		if (ok(p != NULL, ":filename post")) {
			ok(p->date.year == 2020 && p->date.month == 5 && p->date.day == 6,
			   ":filename first: the file name's date wins over front matter");
			is_str(p->slug, "my-trip", "and the rest of the name is the slug");
			is_str(p->live_url, "https://dt.test/2020/my-trip/", "which the URL uses");
			ok(p->updated.valid && p->updated.month == 2, "lastmod after :git");
			ok(p->publish_date.valid && p->publish_date.year == 2021,
			   "publishDate falls back to the front matter's date");
		}
		p = fx_find_post(&posts, "content/notes/2020-05-06-07-08-09_late night.md");
		if (ok(p != NULL, "dated file name with a time"))
			ok(p->date.day == 6 && p->date.hour == 7 && p->date.minute == 8 && p->slug &&
				   strcmp(p->slug, "late night") == 0,
			   "YYYY-MM-DD-HH-MM-SS: date, time and slug");
		p = fx_find_post(&posts, "content/notes/photo.md");
		if (ok(p != NULL, "custom date key")) {
			ok(p->date.year == 2018 && p->date.month == 8, "a custom key in the date list");
			ok(p->updated.valid && p->updated.year == 2017, ":fileModTime: the file's time");
		}
		p = fx_find_post(&posts, "content/notes/toml.md");
		ok(p && p->date.hour == 5 && p->date.tz_minutes == 120, "a TOML date-time keeps its offset");
	}
	S_close(site, &posts, &dl);

	/* A date Hugo cannot read stops the book, as it stops Hugo's build. */
	posts = (struct post_list)POST_LIST_INIT;
	fx_writes(S_tmp, "bd/hugo.yaml", "title: Bad dates\n");
	fx_writes(S_tmp, "bd/content/posts/a.md", "---\ntitle: A\npublishDate: next tuesday\n---\nB\n");
	char *root = path_join(S_tmp, "bd");
	site = NULL;
	if (ok(site_open(&site, root, NULL, &dl) == 0, "bad dates: opens")) {
		ok(site_collect(site, &posts, &dl) < 0, "a publishDate Hugo cannot read is an error");
		ok(dl.n == 1 && strstr(dl.v[0].message, "publishDate") && dl.v[0].severity == DIAG_ERROR,
		   "naming the field");
	}
	free(root);
	S_close(site, &posts, &dl);
}

/* cascade from section pages (a mapping, a list with `_target` and
 * `target`, nearer sections first) and from the configuration; build
 * options that publish no page. */
static void test_cascade(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "cs/hugo.yaml", "title: Cascades\ncascade:\n  series: [Site Series]\n");
	fx_writes(S_tmp, "cs/content/_index.md",
		"---\ntitle: Home\ncascade:\n  tags: [far]\n  author: Casc Author\n---\n");
	fx_writes(S_tmp, "cs/content/posts/_index.md",
		"---\n"
		"title: Posts\n"
		"cascade:\n"
		"  - _target: {path: '/posts/drafts/**'}\n"
		"    draft: true\n"
		"  - target: {path: '{/posts/old,/posts/old/**}', kind: page}\n"
		"    build: {render: never}\n"
		"  - target: {path: '/posts/*', lang: fr}\n"
		"    categories: [French only]\n"
		"  - tags: [near]\n"
		"---\n");
	fx_writes(S_tmp, "cs/content/posts/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nB\n");
	fx_writes(S_tmp, "cs/content/posts/b.md", "---\ntitle: B\ndate: 2020-01-02\ntags: [own]\n---\nB\n");
	fx_writes(S_tmp, "cs/content/posts/drafts/c.md", "---\ntitle: C\ndate: 2020-01-03\n---\nB\n");
	fx_writes(S_tmp, "cs/content/posts/old/d/index.md", "---\ntitle: D\ndate: 2020-01-04\n---\nB\n");
	fx_writes(S_tmp, "cs/content/posts/e.md",
		"---\ntitle: E\ndate: 2020-01-05\n_build: {render: link}\n---\nB\n");
	struct site *site = S_open("cs", NULL, &posts, &dl);
	if (site) {
		const struct post *p = fx_find_post(&posts, "content/posts/a.md");
		if (ok(p != NULL, "cascade: a page")) {
			fx_is_list(&p->tags, "near", "the nearer section's cascade wins");
			fx_is_list(&p->author_names, "Casc Author", "the home page's cascade reaches every page");
			fx_is_list(&p->series, "Site Series", "the configuration's cascade too");
			ok(p->categories.n == 0, "a target for another language takes nothing");
			ok(!p->draft, "not a draft");
		}
		p = fx_find_post(&posts, "content/posts/b.md");
		if (p)
			fx_is_list(&p->tags, "own", "a page's own value stays");
		p = fx_find_post(&posts, "content/posts/drafts/c.md");
		ok(p && p->draft, "_target path: draft cascaded to the pages below");
		p = fx_find_post(&posts, "content/posts/old/d/index.md");
		ok(p && p->draft, "target path and kind: build.render never cascaded");
		p = fx_find_post(&posts, "content/posts/e.md");
		ok(p && p->draft, "_build.render: link publishes no page");
	}
	S_close(site, &posts, &dl);
}

/* Permalink tokens: Go layouts (:2006, :01, :Jan …), :sections slices,
 * :contentbasename; uglyURLs for every section and per section. */
static void test_permalink_tokens(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "pt/hugo.yaml",
		"baseURL: https://pt.test/base/\n"
		"uglyURLs: {diary: true}\n"
		"permalinks:\n"
		"  page:\n"
		"    diary: /:2006/:Jan/:02/:contentbasename/\n"
		"    essays: /:sections[1:]/:06-:1-:2/:slugorcontentbasename/\n"
		"    notes: /:Monthly/:yearday/:weekdayname/:filename/\n");
	fx_writes(S_tmp, "pt/content/diary/day-one.md", "---\ntitle: One\ndate: 2021-03-05\n---\nB\n");
	fx_writes(S_tmp, "pt/content/essays/long/_index.md", "---\ntitle: Long\n---\n");
	fx_writes(S_tmp, "pt/content/essays/long/form/_index.md", "---\ntitle: Form\n---\n");
	fx_writes(S_tmp, "pt/content/essays/long/form/e.md",
		"---\ntitle: E\ndate: 2009-11-07\nslug: On Reading\n---\nB\n");
	fx_writes(S_tmp, "pt/content/notes/n.md", "---\ntitle: N\ndate: 2021-02-03\n---\nB\n");
	struct site *site = S_open("pt", NULL, &posts, &dl);
	if (site) {
		const struct post *p = fx_find_post(&posts, "content/diary/day-one.md");
		if (p)
			is_str(p->live_url, "https://pt.test/base/2021/mar/05/day-one.html",
			       "Go layouts :2006 :Jan :02, and uglyURLs for the section");
		p = fx_find_post(&posts, "content/essays/long/form/e.md");
		if (p)
			is_str(p->live_url, "https://pt.test/base/long/form/09-11-7/on-reading/",
			       ":sections[1:], :06-:1-:2, slug over the file name; no uglyURLs here");
		p = fx_find_post(&posts, "content/notes/n.md");
		if (p)
			is_str(p->live_url, "https://pt.test/base/monthly/34/wednesday/n/",
			       "a word Go does not read stays, made a path; :yearday, :weekdayname, :filename");
	}
	S_close(site, &posts, &dl);
}

/* The forms of `permalinks`: the legacy map (a string: pages, whatever
 * the key is named), the map by kind (page, section, term), per language,
 * and Hugo 0.161's list of patterns with page matchers (path, kind,
 * sites.matrix.languages as a glob slice), the first match winning; an
 * expanded pattern is made a path as Hugo makes it (`:_2` leaves no
 * space); :sectionslug(s) from the sections' slug or title; :sections
 * counts only folders that are sections. */
static void test_permalink_forms(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "pf/hugo.toml",
		"baseURL = 'https://pf.test/'\n"
		"[permalinks]\n"
		"misc = '/m/:slug/'\n"
		"[permalinks.page]\n"
		"guides = '/g/:sectionslugs/:slug/'\n"
		"journal = '/:2006/:Jan/:_2/:contentbasename/'\n"
		"talks = '/:sectionslug/:sections/:sections[last]/:title/'\n"
		"[permalinks.section]\n"
		"guides = '/all-the-guides/'\n"
		"[permalinks.term]\n"
		"misc = '/never/'\n");
	fx_writes(S_tmp, "pf/content/misc/m.md", "---\ntitle: M Page\ndate: 2020-01-01\n---\nB\n");
	fx_writes(S_tmp, "pf/content/guides/_index.md", "---\ntitle: The Guides\nslug: howto\n---\n");
	fx_writes(S_tmp, "pf/content/guides/cooking/_index.md", "---\ntitle: Cooking Well\n---\n");
	fx_writes(S_tmp, "pf/content/guides/cooking/2019/bread.md",
		"---\ntitle: Bread\ndate: 2019-04-01\n---\nB\n");
	fx_writes(S_tmp, "pf/content/journal/Day Five.md", "---\ntitle: J\ndate: 2021-03-05\n---\nB\n");
	fx_writes(S_tmp, "pf/content/talks/2022/spring/t.md",
		"---\ntitle: A Talk!\ndate: 2022-05-01\n---\nB\n");
	struct site *site = S_open("pf", NULL, &posts, &dl);
	if (site) {
		const struct post *p = fx_find_post(&posts, "content/misc/m.md");
		if (p)
			is_str(p->live_url, "https://pf.test/m/m-page/",
			       "the legacy form beside the map by kind; [permalinks.term] takes no page");
		p = fx_find_post(&posts, "content/guides/cooking/2019/bread.md");
		if (p)
			is_str(p->live_url, "https://pf.test/g/howto/cooking-well/bread/",
			       ":sectionslugs: each section's slug, else its title; 2019 is no section");
		p = fx_find_post(&posts, "content/journal/Day Five.md");
		if (p)
			is_str(p->live_url, "https://pf.test/2021/mar/-5/day-five/",
			       ":_2 pads with a space, which Hugo's path makes a hyphen; lower case");
		p = fx_find_post(&posts, "content/talks/2022/spring/t.md");
		if (p)
			is_str(p->live_url, "https://pf.test/talks/talks/talks/a-talk/",
			       ":sectionslug without a section page: the folder; :sections stops at the "
			       "current section");
		S_url_is(site, "content/guides/_index.md", "https://pf.test/all-the-guides/",
			 "[permalinks.section] gives the section page's URL");
		S_url_is(site, "content/guides/cooking/_index.md", "https://pf.test/all-the-guides/",
			 "a section key takes the sections below it");
	}
	S_close(site, &posts, &dl);

	/* A string under a key named like a kind is the legacy form: that
	 * section's. */
	fx_writes(S_tmp, "pg/hugo.yaml", "baseURL: https://pg.test/\npermalinks: {page: /p/:slug/}\n");
	fx_writes(S_tmp, "pg/content/page/about-us.md", "---\ntitle: About Us\n---\nB\n");
	site = S_open("pg", NULL, &posts, &dl);
	if (site && ok(posts.n == 1, "pg: the page"))
		is_str(posts.v[0]->live_url, "https://pg.test/p/about-us/",
		       "legacy form: `page: PATTERN` is the section `page`'s");
	S_close(site, &posts, &dl);
	posts = (struct post_list)POST_LIST_INIT;
	dl = (struct diag_list)DIAG_LIST_INIT;

	/* The list form, per language. */
	fx_writes(S_tmp, "pl/hugo.yaml",
		"baseURL: https://pl.test/\n"
		"defaultContentLanguage: en\n"
		"languages:\n"
		"  en: {weight: 1}\n"
		"  fr:\n"
		"    weight: 2\n"
		"    permalinks:\n"
		"      page: {articles: /fr-articles/:slug/}\n"
		"  de: {weight: 3}\n"
		"permalinks:\n"
		"  - pattern: /news/:year/:slug/\n"
		"    target:\n"
		"      path: '{/articles,/articles/**}'\n"
		"      kind: page\n"
		"      sites: {matrix: {languages: ['! de', '**']}}\n"
		"  - pattern: /other/:contentbasename/\n");
	fx_writes(S_tmp, "pl/content/articles/a.md", "---\ntitle: First\ndate: 2023-01-01\n---\nB\n");
	fx_writes(S_tmp, "pl/content/articles/a.fr.md", "---\ntitle: Premier\ndate: 2023-01-01\n---\nB\n");
	fx_writes(S_tmp, "pl/content/articles/a.de.md", "---\ntitle: Erste\ndate: 2023-01-01\n---\nB\n");
	fx_writes(S_tmp, "pl/content/misc/b.md", "---\ntitle: Bee\ndate: 2023-01-02\n---\nB\n");
	const char *const langs[3][2] = {{"en", "https://pl.test/news/2023/first/"},
					 {"fr", "https://pl.test/fr/fr-articles/premier/"},
					 {"de", "https://pl.test/de/other/a/"}};
	for (size_t i = 0; i < 3; i++) {
		site = S_open_lang("pl", NULL, langs[i][0], &posts, &dl);
		if (site) {
			char *rel = i ? xasprintf("content/articles/a.%s.md", langs[i][0])
				      : xstrdup("content/articles/a.md");
			const struct post *p = fx_find_post(&posts, rel);
			if (ok(p != NULL, "list form: the %s page", langs[i][0]))
				is_str(p->live_url, langs[i][1],
				       "the first pattern whose target takes the page (a negated glob "
				       "excludes de); a language's own permalinks first");
			free(rel);
			p = fx_find_post(&posts, "content/misc/b.md");
			if (i == 0 && ok(p != NULL, "list form: another section"))
				is_str(p->live_url, "https://pl.test/other/b/", "a pattern without a target takes any page");
		}
		S_close(site, &posts, &dl);
		posts = (struct post_list)POST_LIST_INIT;
		dl = (struct diag_list)DIAG_LIST_INIT;
	}
}

/* module.mounts of the site's own content and static folders; a mount
 * from outside the site is refused with a warning. */
static void test_mounts(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "mo/hugo.yaml",
		"baseURL: https://mo.test/\n"
		"module:\n"
		"  mounts:\n"
		"    - {source: writing, target: content}\n"
		"    - {source: ../../etc, target: static}\n"
		"    - {source: assets/public, target: static}\n");
	fx_writes(S_tmp, "mo/writing/posts/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nB\n");
	struct site *site = S_open("mo", NULL, &posts, &dl);
	if (site) {
		is_str(site->content_dir, "writing", "a content mount is the content folder");
		is_str(site->static_dir, "assets/public", "a static mount inside the site is the static folder");
		ok(dl.n == 1 && dl.v[0].severity == DIAG_WARNING && strstr(dl.v[0].message, "outside"),
		   "a mount from outside the site: refused, with a warning");
		ok(posts.n == 1, "the mounted folder's post");
	}
	S_close(site, &posts, &dl);
}

/* Every content mount of the book's language, each where its target puts
 * it (content/blog: a section `blog`), per language by `lang` or
 * `sites.matrix.languages`; files of a mount for every language are the
 * default language's unless named x.LANG.md. A mount or a language's
 * contentDir outside the site: a warning, left out. */
static void test_mounts_every(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "mm/hugo.yaml",
		"baseURL: https://mm.test/\n"
		"defaultContentLanguage: en\n"
		"languages:\n"
		"  en: {weight: 1}\n"
		"  nl: {weight: 2}\n"
		"  de: {weight: 3, contentDir: ../../elsewhere}\n"
		"module:\n"
		"  mounts:\n"
		"    - {source: pages, target: content}\n"
		"    - {source: journal, target: content/blog}\n"
		"    - {source: ../outside, target: content}\n"
		"    - {source: dutch, target: content, sites: {matrix: {languages: [nl]}}}\n"
		"    - {source: english, target: content/extra, lang: en}\n");
	fx_writes(S_tmp, "mm/pages/posts/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nB\n");
	fx_writes(S_tmp, "mm/pages/posts/a.nl.md", "---\ntitle: A nl\ndate: 2020-01-01\n---\nB\n");
	fx_writes(S_tmp, "mm/journal/day.md", "---\ntitle: Day\ndate: 2020-01-02\n---\nB\n");
	fx_writes(S_tmp, "mm/journal/_index.md", "---\ntitle: Blog\ncascade: {tags: [journal]}\n---\n");
	fx_writes(S_tmp, "mm/dutch/posts/d.md", "---\ntitle: D\ndate: 2020-01-03\n---\nB\n");
	fx_writes(S_tmp, "mm/english/e.md", "---\ntitle: E\ndate: 2020-01-04\n---\nB\n");
	struct site *site = S_open("mm", NULL, &posts, &dl);
	if (site) {
		char *paths = S_paths(&posts);
		is_str(paths, "english/e.md|journal/day.md|pages/posts/a.md",
		       "every content mount for English; the Dutch ones left out");
		free(paths);
		const struct post *p = fx_find_post(&posts, "journal/day.md");
		if (ok(p != NULL, "a page of a mount on content/blog")) {
			is_str(p->live_url, "https://mm.test/blog/day/", "in the section its target names");
			fx_is_list(&p->tags, "journal", "the mounted section page's cascade");
		}
		p = fx_find_post(&posts, "english/e.md");
		if (p)
			is_str(p->live_url, "https://mm.test/extra/e/", "a mount for one language");
		ok(fx_has_diag(&dl, DIAG_WARNING, "hugo.yaml", "module.mounts: '../outside' points outside the site"),
		   "a mount outside the site: a warning");
		ok(fx_has_diag(&dl, DIAG_WARNING, "hugo.yaml", "of language 'de' lies outside the site"),
		   "a language's contentDir outside the site: a warning, not an error");
	}
	S_close(site, &posts, &dl);
	posts = (struct post_list)POST_LIST_INIT;
	dl = (struct diag_list)DIAG_LIST_INIT;
	site = S_open_lang("mm", NULL, "nl", &posts, &dl);
	if (site) {
		char *paths = S_paths(&posts);
		is_str(paths, "dutch/posts/d.md|pages/posts/a.nl.md",
		       "Dutch: its own mount, and the x.nl.md of a mount for every language");
		free(paths);
	}
	S_close(site, &posts, &dl);
}

static void test_toml_site(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "t/hugo.toml",
		"baseURL = 'https://toml.test/'\n"
		"title = 'TOML Site'\n"
		"DefaultContentLanguage = 'nl'\n"
		"contentDir = 'pages'\n"
		"[Params]\n"
		"  Description = 'In TOML'\n"
		"[params.author]\n"
		"  name = 'Toml Author'\n"
		"[permalinks]\n"
		"  [permalinks.page]\n"
		"    blog = '/:sections/:contentbasename/'\n");
	fx_writes(S_tmp, "t/pages/blog/eerste.md",
		"+++\n"
		"title = 'Eerste'\n"
		"date = 2024-03-02T08:00:00Z\n"
		"draft = false\n"
		"series = ['Reeks']\n"
		"[author]\n"
		"  name = 'Piet'\n"
		"+++\n"
		"Body.\n");
	fx_writes(S_tmp, "t/pages/blog/tweede.md",
		"---\n"
		"title: Tweede\n"
		"date: 2024-03-03\n"
		"---\n"
		"Body.\n");
	fx_writes(S_tmp, "t/pages/blog/derde.md",
		"{\n"
		"  \"title\": \"Derde\",\n"
		"  \"date\": \"2024-03-04\",\n"
		"  \"authors\": [{\"name\": \"Json Author\"}]\n"
		"}\n"
		"Body.\n");
	struct site *site = S_open("t", NULL, &posts, &dl);
	if (site) {
		is_str(site->gen->name, "hugo", "hugo.toml: Hugo");
		is_str(site->title, "TOML Site", "title from TOML");
		is_str(site->language, "nl", "DefaultContentLanguage (any case) as the language");
		is_str(site->description, "In TOML", "[Params] Description, keys in any case");
		is_str(site->author, "Toml Author", "[params.author] name");
		is_str(site->content_dir, "pages", "contentDir");
		is_int(posts.n, 3, "TOML, YAML and JSON front matter in one site");
		const struct post *p = fx_find_post(&posts, "pages/blog/eerste.md");
		if (ok(p != NULL, "TOML post")) {
			is_str(p->title, "Eerste", "TOML title");
			ok(p->date.valid && p->date.day == 2, "TOML date");
			fx_is_list(&p->author_names, "Piet", "[author] table with name");
			fx_is_list(&p->series, "Reeks", "series");
			is_str(p->live_url, "https://toml.test/blog/eerste/", "permalinks.page with :sections/:contentbasename");
		}
		p = fx_find_post(&posts, "pages/blog/derde.md");
		if (ok(p != NULL, "JSON post"))
			fx_is_list(&p->author_names, "Json Author", "JSON authors as a list of objects");
	}
	S_close(site, &posts, &dl);
	posts = (struct post_list)POST_LIST_INIT;

	/* Zola's config.toml is not Hugo's; Hugo's config.toml is. */
	fx_writes(S_tmp, "z/config.toml", "base_url = \"https://zola.test\"\ntitle = \"Z\"\n[extra]\nx = 1\n");
	fx_writes(S_tmp, "z/content/blog/a.md", "+++\ntitle = \"A\"\n+++\nB\n");
	char *root = path_join(S_tmp, "z");
	site = NULL;
	if (site_open(&site, root, NULL, &dl) == 0)
		ok(strcmp(site->gen->name, "hugo") != 0, "config.toml with base_url (Zola's) is not read as Hugo");
	else
		ok(true, "config.toml with base_url (Zola's) is not read as Hugo (another generator refused it)");
	site_free(site);
	diag_list_free(&dl);
	free(root);

	fx_writes(S_tmp, "ct/config.toml", "baseURL = \"https://ct.test/\"\ntitle = \"CT\"\n");
	fx_writes(S_tmp, "ct/content/posts/a.md", "+++\ntitle = \"A\"\n+++\nB\n");
	site = S_open("ct", NULL, &posts, &dl);
	if (site) {
		is_str(site->gen->name, "hugo", "config.toml with baseURL: Hugo");
		is_int(posts.n, 1, "its post");
	}
	S_close(site, &posts, &dl);
}

static void test_json_config(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "j/hugo.json",
		"{\n\t\"baseURL\": \"https://www.example.org/\",\n\t\"title\": \"Json\",\n"
		"\t\"author\": [\"First Author\", \"Second\"]\n}\n");
	fx_writes(S_tmp, "j/content/posts/a.md", "---\ntitle: A\n---\nB\n");
	struct site *site = S_open("j", NULL, &posts, &dl);
	if (site) {
		is_str(site->title, "Json", "hugo.json read (tabs and all)");
		is_str(site->author, "First Author", "author list: the first");
		ok(site->url == NULL, "the example.org placeholder is no site URL");
		ok(posts.n == 1 && posts.v[0]->live_url == NULL, "so no live URL");
	}
	S_close(site, &posts, &dl);
}

static void test_errors(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	char *root;

	fx_writes(S_tmp, "e1/hugo.yaml", "title: x\ncontentDir: ../elsewhere\n");
	root = path_join(S_tmp, "e1");
	is_int(site_open(&site, root, NULL, &dl), -1, "a contentDir outside the site is refused");
	ok(dl.n && strstr(dl.v[0].message, "outside"), "saying so");
	free(root);
	diag_list_free(&dl);

	fx_writes(S_tmp, "e2/hugo.yaml", "title: [unclosed\n");
	root = path_join(S_tmp, "e2");
	is_int(site_open(&site, root, NULL, &dl), -1, "a malformed hugo.yaml fails");
	ok(dl.n && dl.v[0].line > 0, "with a line number");
	free(root);
	diag_list_free(&dl);

	fx_writes(S_tmp, "e3/hugo.yaml", "title: no content\n");
	root = path_join(S_tmp, "e3");
	is_int(site_open(&site, root, NULL, &dl), -1, "a site without its content folder fails");
	ok(dl.n && strstr(dl.v[0].message, "content"), "naming the folder");
	free(root);
	diag_list_free(&dl);

	fx_writes(S_tmp, "e4/notes/a.md", "# A\n");
	root = path_join(S_tmp, "e4");
	is_int(site_open(&site, root, "hugo", &dl), -1, "--generator hugo without a Hugo configuration fails");
	free(root);
	diag_list_free(&dl);

	/* A config.yaml of something else, no content folder: not Hugo. */
	fx_writes(S_tmp, "e5/config.yaml", "setting: 1\n");
	fx_writes(S_tmp, "e5/a.md", "# A\n");
	root = path_join(S_tmp, "e5");
	if (ok(site_open(&site, root, NULL, &dl) == 0, "a folder with an unrelated config.yaml opens"))
		ok(strcmp(site->gen->name, "hugo") != 0, "not as Hugo");
	site_free(site);
	free(root);
	diag_list_free(&dl);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_yaml_site();
	test_root_pages();
	test_config_dir();
	test_languages_by_file_name();
	test_language_folders();
	test_language_mounts();
	test_dates();
	test_cascade();
	test_permalink_tokens();
	test_permalink_forms();
	test_mounts();
	test_mounts_every();
	test_toml_site();
	test_json_config();
	test_errors();
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
	const char *const *names = site_generator_names();
	bool before_generic = false;
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], "hugo") == 0)
			before_generic = names[i + 1] != NULL;
	ok(before_generic, "hugo is in the generator table, before generic");
	return done_testing();
}
