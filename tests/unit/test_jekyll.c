/* Unit tests of the Jekyll generator (src/input/gen/jekyll.c): small Jekyll
 * sites of our own writing in a temporary folder, detected, opened and
 * collected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convert/dialect.h"
#include "fixture.h"
#include "convert/markdown.h"
#include "input/site.h"
#include "input/sitedata.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-jekyll-XXXXXX";





/* An empty S_tmp for the next site. */
static void S_fresh(void)
{
	fx_rm_rf(S_tmp);
	fx_mkdirs(S_tmp);
}

/* Frees what S_open gave and the diagnostics. */
static void S_close(struct site *site, struct post_list *posts, struct diag_list *dl)
{
	post_list_free(posts, true);
	site_free(site);
	diag_list_free(dl);
}

/* Opens and collects S_tmp/dir; NULL when it cannot be opened. */
static struct site *S_open(const char *dir, struct post_list *posts, struct diag_list *dl)
{
	char *root = path_join(S_tmp, dir);
	struct site *site = NULL;
	if (site_open(&site, root, NULL, dl) < 0)
		site = NULL;
	else
		site_collect(site, posts, dl);
	free(root);
	return site;
}


static void S_make_blog(void)
{
	fx_writes(S_tmp, "jk/_config.yml",
		"title: Harbour Log\n"
		"description: Notes from the quay\n"
		"author:\n"
		"  name: Mira Quill\n"
		"  email: mira@example.org\n"
		"url: https://harbour.example\n"
		"baseurl: /log/\n"
		"lang: en_GB\n"
		"exclude: [scratch]\n"
		"defaults:\n"
		"  - scope: {path: \"\"}\n"
		"    values: {layout: default}\n"
		"  - scope: {path: \"travel\", type: posts}\n"
		"    values: {author: rover}\n");
	fx_writes(S_tmp, "jk/_data/authors.yml", "mira:\n  name: Mira Quill\nrover:\n  name: Rover Brown\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-04-first-light.md",
		"---\n"
		"title: First light\n"
		"categories: Harbour News\n"
		"tags: boats tides\n"
		"author: mira\n"
		"---\n"
		"The lamps came on.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-05-tide-tables.markdown",
		"---\n"
		"date: \"2021-03-06 02:12:52 +0200\"\n"
		"category: Almanac\n"
		"tag: tides of march\n"
		"---\n"
		"High water at noon.\n");
	fx_writes(S_tmp, "jk/_posts/2021-3-7-short-date.mkdn", "---\ntitle: Short date\n---\nBody.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-08-mdown-file.mdown", "---\ntitle: Mdown\n---\nBody.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-09-plain-text.text", "---\ntitle: Text\n---\nBody.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-10-no-front-matter.md", "Only text, and still a post.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-20-raw-page.html",
		"---\ntitle: Raw HTML\n---\n<p>One</p>\n\n    <p>indented, not code</p>\n<pre>a\n\nb</pre>\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-21-notebook.Rmd", "Plain <text> & *stars*\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-22-picture.gif", "GIF89a\xff\xfe\x80");
	fx_writes(S_tmp, "jk/_posts/2999-01-01-far-ahead.md", "---\ntitle: Not yet\n---\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-10-toml.md", "+++\ntitle = \"TOML is not Jekyll's\"\n+++\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-11-hidden.md", "---\npublished: false\ntitle: Hidden\n---\nNo.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-12-data.yml", "---\ntitle: Not Markdown\n---\n");
	fx_writes(S_tmp, "jk/_posts/no-date-here.md", "---\ntitle: No date in the name\n---\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-13-a-folder/inside.md", "---\ntitle: Inside a dated folder\n---\n");
	fx_writes(S_tmp, "jk/_posts/archive/2020-12-31-year-end.md", "---\ntitle: Year end\n---\nBye.\n");
	fx_writes(S_tmp, "jk/_posts/_private/2020-12-30-secret.md", "---\ntitle: Secret\n---\n");
	fx_writes(S_tmp, "jk/_posts/2020-12-29-backup.md~", "---\ntitle: Backup\n---\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-14-my-first-post.md", "---\n---\nNo title: from the slug.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-15-trailing-dots...md", "---\n---\nDots.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-16-excerpt.md",
		"---\n"
		"title: With an excerpt\n"
		"excerpt_separator: <!--more-->\n"
		"---\n"
		"The opening words.<!--more-->\n"
		"The rest.\n");
	fx_writes(S_tmp, "jk/_posts/2021-03-17-crlf-bom.md",
		"\xEF\xBB\xBF---\r\ntitle: Windows post\r\ntags: [a, b]\r\n---\r\nBody\r\n");
	static const char utf16[] =
		"\xFF\xFE-\0-\0-\0\n\0t\0i\0t\0l\0e\0:\0 \0W\0i\0d\0e\0\n\0-\0-\0-\0\n\0B\0o\0d\0y\0\n\0";
	fx_write(S_tmp, "jk/_posts/2021-03-18-utf16.md", utf16, sizeof utf16 - 1);
	fx_writes(S_tmp, "jk/_posts/2021-03-19-own-permalink.md",
		"---\ntitle: Own permalink\npermalink: /special/:title/\n---\n");
	fx_writes(S_tmp, "jk/travel/_posts/2021-04-01-north-coast.md",
		"---\ntitle: North coast\ncategories: [Coast]\n---\nCliffs.\n");
	fx_writes(S_tmp, "jk/travel/Far Away/_posts/2021-04-02-islands.md", "---\ntitle: Islands\n---\n");
	fx_writes(S_tmp, "jk/_private/_posts/2021-04-03-skipped.md", "---\ntitle: Skipped\n---\n");
	fx_writes(S_tmp, "jk/scratch/_posts/2021-04-04-excluded.md", "---\ntitle: Excluded\n---\n");
	fx_writes(S_tmp, "jk/node_modules/pkg/_posts/2021-04-05-vendored.md", "---\ntitle: Vendored\n---\n");
	fx_writes(S_tmp, "jk/.hidden/_posts/2021-04-06-hidden.md", "---\ntitle: Hidden folder\n---\n");
	fx_writes(S_tmp, "jk/_drafts/work-in-progress.md", "---\ntitle: Unfinished\n---\nSoon.\n");
	fx_writes(S_tmp, "jk/_drafts/2021-05-01-dated-draft.md", "---\n---\nDated draft.\n");
	fx_writes(S_tmp, "jk/_drafts/front-dated.md", "---\ndate: 2021-05-02\n---\n");
	fx_writes(S_tmp, "jk/about.md", "---\ntitle: About\n---\nA page, not a post.\n");
	fx_writes(S_tmp, "jk/notes.md", "No front matter: copied as is.\n");
	fx_writes(S_tmp, "jk/index.md", "---\n---\nHome.\n");
	fx_writes(S_tmp, "jk/assets/lamp.png", "PNG");
}

/* True when a diagnostic of a file whose path contains file says what
 * (a part of its message). */
static bool S_has_diag(const struct diag_list *dl, const char *file, const char *what)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].file && strstr(dl->v[i].file, file) && strstr(dl->v[i].message, what))
			return true;
	return false;
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

/* The hooks plan.c, imagefile.c and cover.c call. */
static void test_hooks(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_make_blog();
	struct site *site = S_open("jk", &posts, &dl);
	if (!ok(site != NULL, "hooks: the blog opens"))
		return;
	/* Unpublished, TOML and front-matter-less files are read once, as
	 * posts are, and are then no posts: not counted, nothing said. */
	is_int((int)(site->stats.files - site->stats.left_out), (int)posts.n,
	       "files found that are no posts are not counted as posts");
	struct strvec out = STRVEC_INIT;
	site_page_forms(site, "notes/x", &out);
	ok(sv_contains_ci(&out, "notes/x.md") && sv_contains_ci(&out, "notes/x/index.markdown") &&
		   sv_contains_ci(&out, "notes/x.mkdn") && !sv_contains_ci(&out, "notes/x.text"),
	   "page forms: every Markdown extension the site reads (%s)", S_joined(&out));
	ok(!sv_contains_ci(&out, "notes/x/_index.md"), "page forms: no Hugo section index");
	sv_free(&out);

	site_ref_targets(site, &posts, "_posts/2021-03-04-first-light.md", "2021-03-05-tide-tables", false, &out);
	ok(out.n && strcmp(out.v[out.n - 1], "_posts/2021-03-05-tide-tables.markdown") == 0,
	   "post_url: a post by its file name without extension (%s)", S_joined(&out));
	is_str(out.v[0], "_posts/2021-03-05-tide-tables", "post_url: first beside the post");
	sv_free(&out);
	site_ref_targets(site, &posts, "about.md", "/about.md", false, &out);
	is_str(S_joined(&out), "./about.md|about.md", "link: from the source (here the root), then the root");
	sv_free(&out);
	site_ref_targets(site, &posts, "about.md", "@/about.md", true, &out);
	is_int((int)out.n, 0, "a Markdown link is no Jekyll reference");
	sv_free(&out);

	struct post *p = post_new("jk/_posts/2021-03-04-first-light.md", "_posts/2021-03-04-first-light.md");
	site_image_folders(site, p, &out);
	is_str(S_joined(&out), "_posts/2021-03-04-first-light|_posts/first-light",
	       "image folders: named after the post, with and without its date");
	sv_free(&out);
	post_free(p);

	struct fm_node *fm = NULL;
	const char *yaml = "image:\n  path: /assets/seo.png\n";
	fm_parse_yaml(&fm, yaml, strlen(yaml), "t.md", 2, DIAG_ERROR, &dl);
	const struct fm_node *n = site_cover_field(fm, site->gen->cover_keys);
	is_str(n ? fm_str(n) : NULL, "/assets/seo.png", "cover key: jekyll-seo-tag's image: {path:}");
	fm_node_free(fm);
	S_close(site, &posts, &dl);
}

static void test_blog(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_make_blog();
	struct site *site = S_open("jk", &posts, &dl);
	if (!ok(site != NULL, "a folder with _config.yml opens")) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->gen->name, "jekyll", "detected as jekyll");
	is_str(site->config_file, "_config.yml", "config file");
	is_str(site->title, "Harbour Log", "title");
	is_str(site->description, "Notes from the quay", "description");
	is_str(site->author, "Mira Quill", "author as a mapping with name");
	is_str(site->url, "https://harbour.example", "url");
	is_str(site->baseurl, "/log", "baseurl without its trailing slash");
	is_str(site->language, "en-GB", "lang, with an underscore made a hyphen");
	is_str(site->content_dir, ".", "the site root holds the pages");
	is_str(site->static_dir, ".", "site-absolute paths resolve from the root");
	const struct dialect *const *dia = site->gen->dialects;
	ok(dia[0] == &dialect_liquid && dia[1] == &dialect_kramdown && dia[2] == &dialect_site_emoji &&
	   dia[3] == &dialect_math && !dia[4],
	   "dialects: Liquid, kramdown (heading ids too), emoji when the site turns them on, math");

	/* Which files are posts. */
	static const char *const in[] = {
		"_posts/2021-03-04-first-light.md", "_posts/2021-03-05-tide-tables.markdown",
		"_posts/2021-3-7-short-date.mkdn", "_posts/2021-03-08-mdown-file.mdown",
		"_posts/2021-03-09-plain-text.text", "_posts/archive/2020-12-31-year-end.md",
		"_posts/2021-03-14-my-first-post.md", "_posts/2021-03-15-trailing-dots...md",
		"_posts/2021-03-16-excerpt.md", "_posts/2021-03-17-crlf-bom.md", "_posts/2021-03-18-utf16.md",
		"_posts/2021-03-19-own-permalink.md", "travel/_posts/2021-04-01-north-coast.md",
		"_posts/2021-03-10-no-front-matter.md", "_posts/2021-03-10-toml.md",
		"_posts/2021-03-20-raw-page.html", "_posts/2021-03-21-notebook.Rmd",
		"travel/Far Away/_posts/2021-04-02-islands.md", "_drafts/work-in-progress.md",
		"_drafts/2021-05-01-dated-draft.md", "_drafts/front-dated.md"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		ok(fx_find_post(&posts, in[i]) != NULL, "a post: %s", in[i]);
	static const char *const out[] = {
		"_posts/2021-03-22-picture.gif", "_posts/2999-01-01-far-ahead.md", "_posts/2021-03-11-hidden.md",
		"_posts/2021-03-12-data.yml", "_posts/no-date-here.md", "_posts/2021-03-13-a-folder/inside.md",
		"_posts/_private/2020-12-30-secret.md", "_posts/2020-12-29-backup.md~",
		"_private/_posts/2021-04-03-skipped.md", "scratch/_posts/2021-04-04-excluded.md",
		"node_modules/pkg/_posts/2021-04-05-vendored.md", ".hidden/_posts/2021-04-06-hidden.md",
		"about.md", "notes.md", "index.md"};
	for (size_t i = 0; i < sizeof out / sizeof *out; i++)
		ok(fx_find_post(&posts, out[i]) == NULL, "not a post: %s", out[i]);
	is_int((long long)posts.n, (long long)(sizeof in / sizeof *in), "no other posts");
	is_int((long long)diag_count(&dl, DIAG_ERROR), 0, "no errors");

	const struct post *p = fx_find_post(&posts, "_posts/2021-03-04-first-light.md");
	if (p) {
		is_str(p->title, "First light", "title from front matter");
		fx_is_date(&p->date, "2021-03-04", "date from the file name");
		ok(!p->draft, "a post is not a draft");
		fx_is_list(&p->categories, "Harbour|News", "categories: a string is split on spaces");
		fx_is_list(&p->tags, "boats|tides", "tags: a string is split on spaces");
		fx_is_list(&p->authors, "mira", "author id");
		fx_is_list(&p->author_names, "Mira Quill", "author name from _data/authors.yml");
		is_str(p->url, "/harbour/news/2021/03/04/first-light.html", "URL path: default permalink");
		is_str(p->live_url, "https://harbour.example/log/harbour/news/2021/03/04/first-light.html",
		       "live URL: url + baseurl + categories (lower case) + date + slug.html");
	}
	p = fx_find_post(&posts, "_posts/2021-03-05-tide-tables.markdown");
	if (p) {
		fx_is_date(&p->date, "2021-03-06", "front matter date (with time and zone) wins over the name");
		ok(p->date.has_time && p->date.tz_minutes == 120, "time and zone of the front matter date kept");
		fx_is_list(&p->categories, "Almanac", "category: one value");
		fx_is_list(&p->tags, "tides of march", "tag: one value, not split");
		is_str(p->title, "Tide Tables", "title from the slug");
		is_str(p->url, "/almanac/2021/03/06/tide-tables.html", "URL from the front matter date");
		fx_is_list(&p->author_names, "", "no author");
	}
	p = fx_find_post(&posts, "_posts/2021-03-10-no-front-matter.md");
	if (p) {
		is_str(p->title, "No Front Matter", "no front matter: a post all the same, titled by its slug");
		fx_is_date(&p->date, "2021-03-10", "no front matter: dated by its name");
		is_str(p->body, "Only text, and still a post.\n", "no front matter: the whole file is the body");
	}
	p = fx_find_post(&posts, "_posts/2021-03-20-raw-page.html");
	if (p) {
		is_str(p->body,
		       "<div><p>One</p>\n<!-- -->\n    <p>indented, not code</p>\n<pre>a\n<!-- -->\nb</pre>\n</div>\n",
		       ".html post: one HTML block, line for line");
		is_str(p->url, "/2021/03/20/raw-page.html", ".html post: :output_ext .html");
	}
	p = fx_find_post(&posts, "_posts/2021-03-21-notebook.Rmd");
	if (p) {
		is_str(p->body, "<pre>Plain &lt;text&gt; &amp; *stars*\n</pre>\n", "other extension: preformatted text");
		is_str(p->url, "/2021/03/21/notebook.Rmd", "other extension: :output_ext is its own");
	}
	p = fx_find_post(&posts, "_posts/2021-03-08-mdown-file.mdown");
	if (p)
		like(p->body, "<pre>Body.", ".mdown is not in markdown_ext's default: preformatted");
	ok(S_has_diag(&dl, "2021-03-21-notebook.Rmd", "'.Rmd' is neither Markdown"),
	   "other extension: a warning says so");
	ok(!S_has_diag(&dl, "raw-page.html", ""), ".html post: no warning");
	p = fx_find_post(&posts, "_posts/2021-3-7-short-date.mkdn");
	if (p)
		fx_is_date(&p->date, "2021-03-07", "one-digit month in the file name");
	p = fx_find_post(&posts, "_posts/archive/2020-12-31-year-end.md");
	if (p)
		fx_is_list(&p->categories, "", "folders inside _posts are not categories");
	p = fx_find_post(&posts, "_posts/2021-03-14-my-first-post.md");
	if (p) {
		is_str(p->title, "My First Post", "empty front matter: title from the slug, words capitalized");
		fx_is_date(&p->date, "2021-03-14", "empty front matter: date from the name");
	}
	p = fx_find_post(&posts, "_posts/2021-03-15-trailing-dots...md");
	if (p) {
		is_str(p->title, "Trailing Dots", "trailing dots leave the slug");
		is_str(p->url, "/2021/03/15/trailing-dots.html", "and the URL");
	}
	p = fx_find_post(&posts, "_posts/2021-03-16-excerpt.md");
	if (p) {
		unlike(p->body, "<!--more-->", "excerpt_separator removed from the body");
		like(p->body, "The opening words.", "text before the separator kept");
		like(p->body, "The rest.", "text after the separator kept");
		is_str(p->summary, "The opening words.", "the excerpt becomes the summary");
	}
	p = fx_find_post(&posts, "_posts/2021-03-17-crlf-bom.md");
	if (p) {
		is_str(p->title, "Windows post", "BOM and CRLF: title");
		fx_is_list(&p->tags, "a|b", "BOM and CRLF: tags");
	}
	p = fx_find_post(&posts, "_posts/2021-03-18-utf16.md");
	if (p)
		is_str(p->title, "Wide", "UTF-16LE post read");
	p = fx_find_post(&posts, "_posts/2021-03-19-own-permalink.md");
	if (p)
		is_str(p->live_url, "https://harbour.example/log/special/own-permalink/",
		       "front matter permalink with a placeholder");
	p = fx_find_post(&posts, "travel/_posts/2021-04-01-north-coast.md");
	if (p) {
		fx_is_list(&p->categories, "travel|Coast", "the folder above _posts is a category, then front matter's");
		fx_is_list(&p->author_names, "Rover Brown", "author from _config.yml defaults for the path");
		is_str(p->url, "/travel/coast/2021/04/01/north-coast.html", "URL with both categories");
	}
	p = fx_find_post(&posts, "travel/Far Away/_posts/2021-04-02-islands.md");
	if (p) {
		fx_is_list(&p->categories, "travel|Far Away", "nested folders: each a category");
		is_str(p->url, "/travel/far%20away/2021/04/02/islands.html", "categories lower case, escaped");
	}
	p = fx_find_post(&posts, "_drafts/work-in-progress.md");
	if (p) {
		ok(p->draft, "_drafts: a draft");
		ok(!p->date.valid, "undated draft stays undated (no file times)");
		is_str(p->live_url, NULL, "undated draft: no URL");
		is_str(p->title, "Unfinished", "draft title");
	}
	p = fx_find_post(&posts, "_drafts/2021-05-01-dated-draft.md");
	if (p) {
		ok(p->draft, "dated draft is a draft");
		fx_is_date(&p->date, "2021-05-01", "a draft's name may date it");
		is_str(p->title, "Dated Draft", "draft title from the slug without the date");
		is_str(p->url, "/2021/05/01/dated-draft.html", "a dated draft's URL path");
		is_str(p->live_url, NULL, "but no live URL: drafts are not on the site");
	}
	p = fx_find_post(&posts, "_drafts/front-dated.md");
	if (p)
		fx_is_date(&p->date, "2021-05-02", "a draft's front matter dates it");

	/* Live URLs of other site files. */
	char *u = site_page_url(site, "assets/lamp.png");
	is_str(u, "https://harbour.example/log/assets/lamp.png", "static file URL");
	free(u);
	u = site_page_url(site, "about.md");
	is_str(u, "https://harbour.example/log/about.html", "page URL");
	free(u);
	u = site_page_url(site, "index.md");
	is_str(u, "https://harbour.example/log/", "index page URL");
	free(u);
	u = site_page_url(site, "_posts/2021-03-04-first-light.md");
	is_str(u, "https://harbour.example/log/harbour/news/2021/03/04/first-light.html", "a post's URL");
	free(u);
	u = site_page_url(site, "_posts/2021-03-11-hidden.md");
	is_str(u, NULL, "an unpublished post has no URL");
	free(u);
	u = site_page_url(site, "_drafts/2021-05-01-dated-draft.md");
	is_str(u, NULL, "nor has a draft");
	free(u);
	u = site_page_url(site, "missing.md");
	is_str(u, NULL, "a page that does not exist has no URL");
	free(u);
	u = site_page_url(site, "_data/authors.yml");
	is_str(u, NULL, "files in _ folders are not published");
	free(u);

	S_close(site, &posts, &dl);
}

/* Permalink styles and patterns of _config.yml. */
/* The live URL of the post file (its text text) under the site permalink
 * style, checked. */
static void S_permalink_at(const char *file, const char *text, const char *style, const char *expected,
			   const char *name)
{
	char *cfg = xasprintf("url: https://p.example\npermalink: %s\n", style);
	char *rel = xasprintf("pl/_posts/%s", file);
	S_fresh();
	fx_writes(S_tmp, "pl/_config.yml", cfg);
	fx_writes(S_tmp, rel, text);
	free(rel);
	free(cfg);
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	struct site *site = S_open("pl", &posts, &dl);
	is_str(site && posts.n == 1 ? posts.v[0]->live_url : NULL, expected, name);
	S_close(site, &posts, &dl);
}

static void S_permalink_case(const char *style, const char *expected, const char *name)
{
	S_permalink_at("2022-02-03-the-Post.md", "---\ncategories: [Cat]\nslug: Own Slug\n---\n", style, expected,
		       name);
}

static void test_permalinks(void)
{
	S_permalink_case("weekdate", "https://p.example/cat/2022/W05/Thu/Own-Slug.html", "style weekdate");
	S_permalink_case("/:long_day/:w_day/:long_month/:short_year/:hour:minute:second/:collection",
			 "https://p.example/Thursday/4/February/22/000000/posts", "day and month names, time, collection");
	S_permalink_at("2021-01-01-new-year.md", "---\n---\n", "/:w_year-W:week-:w_day/:year/",
		       "https://p.example/2020-W53-5/2021/", "an ISO week of the year before");
	S_permalink_at("2024-12-30-late.md", "---\n---\n", "/:w_year/:week/", "https://p.example/2025/01/",
		       "an ISO week of the year after");
	S_permalink_at("2022-02-03-x.md", "---\ncategories: [Big News, \"C++ & Co\"]\n---\n",
		       "/:slugified_categories/:categories/", "https://p.example/big-news/c-co/big%20news/c++%20&%20co/",
		       ":slugified_categories, and :categories lower case and escaped");
	S_permalink_at("2022-02-03-x.md", "---\n---\n", "/:path/:title_:day/",
		       "https://p.example/2022-02-03-x/x_03/", ":path without _posts; :title_ is :title then _");
	S_permalink_at("2022-02-03-x.md", "---\npermalink: pretty\n---\n", "date", "https://p.example/pretty",
		       "a post's own permalink is a path, not a style");
	S_permalink_at("2022-02-03-x.md", "---\npermalink: /a..b/./c//d.html\n---\n", "date",
		       "https://p.example/a/b/c/d.html", "sanitized as Jekyll does: .. a slash, ./ out, slashes squeezed");
	S_permalink_at("2022-02-03-x.md", "---\nslug: \"--Odd slug!--\"\n---\n", "/:slug/",
		       "https://p.example/odd-slug/", "slugify: no leading or trailing hyphen");
	S_permalink_case("date", "https://p.example/cat/2022/02/03/Own-Slug.html", "style date");
	S_permalink_case("pretty", "https://p.example/cat/2022/02/03/Own-Slug/", "style pretty");
	S_permalink_case("ordinal", "https://p.example/cat/2022/034/Own-Slug.html", "style ordinal");
	S_permalink_case("none", "https://p.example/cat/Own-Slug.html", "style none");
	S_permalink_case("/:year/:slug/", "https://p.example/2022/own-slug/", ":slug is lower case");
	S_permalink_case("\"/blog/:i_month/:i_day/:name:output_ext\"",
			 "https://p.example/blog/2/3/2022-02-03-the-post.html", ":name, :i_month, :i_day");
	S_permalink_case("/:categories/:short_month/:title", "https://p.example/cat/Feb/Own-Slug",
			 ":short_month, no trailing slash");

	/* collections.posts.permalink wins over permalink. */
	S_fresh();
	fx_writes(S_tmp, "cp/_config.yml",
		"url: https://c.example/\npermalink: pretty\n"
		"collections:\n  posts:\n    permalink: /news/:year/:title/\n");
	fx_writes(S_tmp, "cp/_posts/2022-02-03-hello.md", "---\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	struct site *site = S_open("cp", &posts, &dl);
	is_str(site && posts.n == 1 ? posts.v[0]->live_url : NULL, "https://c.example/news/2022/hello/",
	       "collections.posts.permalink used; a trailing slash on url is not doubled");
	S_close(site, &posts, &dl);
}

/* Sites found below SITE, config-less sites, excerpt_separator from the
 * config, `unpublished`, and site-level fallbacks. */
static void test_layouts(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();

	/* GitHub Pages' docs/ folder. */
	fx_writes(S_tmp, "repo/README.md", "# A project\n");
	fx_writes(S_tmp, "repo/src/main.c", "int main(void) { return 0; }\n");
	fx_writes(S_tmp, "repo/docs/_config.yaml",
		"name: Project News\nexcerpt_separator: \"\\n---\\n\"\nunpublished: true\n");
	fx_writes(S_tmp, "repo/docs/_posts/2019-01-02-release.md",
		"---\ntitle: Release\n---\nShort.\n\n---\n\nLong.\n");
	fx_writes(S_tmp, "repo/docs/_posts/2019-01-03-held-back.md", "---\npublished: false\n---\n");
	fx_writes(S_tmp, "repo/docs/img/x.png", "PNG");
	struct site *site = S_open("repo", &posts, &dl);
	if (ok(site != NULL, "a repository with docs/_config.yaml opens")) {
		is_str(site->gen->name, "jekyll", "docs/: detected as jekyll");
		is_str(site->config_file, "docs/_config.yaml", "config in docs/ (.yaml)");
		is_str(site->content_dir, "docs", "source folder docs");
		is_str(site->static_dir, "docs", "static files from docs");
		is_str(site->title, "Project News", "name when there is no title");
		is_int((long long)posts.n, 2, "docs posts, and published: false with unpublished: true");
		const struct post *p = fx_find_post(&posts, "docs/_posts/2019-01-02-release.md");
		if (p) {
			unlike(p->body, "\n---\n", "excerpt_separator of _config.yml removed");
			like(p->body, "Long.", "the rest kept");
			is_str(p->live_url, NULL, "no url in the config: no live URL");
			is_str(p->url, "/2019/01/02/release.html", "URL path known all the same");
		}
	}
	post_list_free(&posts, true);
	site_free(site);

	/* No config at all, the site two levels down. */
	fx_writes(S_tmp, "deep/test/site/_posts/2018-07-08-deep.md", "---\ntitle: Deep\n---\n");
	fx_writes(S_tmp, "deep/test/site/_posts/2018-07-09-plain.md", "No front matter.\n");
	fx_writes(S_tmp, "deep/notes/readme.md", "# Not a post\n");
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("deep", &posts, &dl);
	if (ok(site != NULL, "a site without _config.yml, two folders down, opens")) {
		is_str(site->gen->name, "jekyll", "found by its _posts folder");
		is_str(site->config_file, NULL, "no config file");
		is_str(site->subfolder, "test/site", "source folder found (by site_open, as for any generator)");
		is_int((long long)posts.n, 2, "two posts: one without front matter");
		ok(fx_find_post(&posts, "_posts/2018-07-08-deep.md") != NULL, "the post, relative to the site");
	}
	post_list_free(&posts, true);
	site_free(site);

	/* A _posts folder at the root, no config. */
	fx_writes(S_tmp, "bare/_posts/2018-07-08-bare.md", "---\n---\n");
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("bare", &posts, &dl);
	ok(site && strcmp(site->gen->name, "jekyll") == 0 && posts.n == 1, "a bare _posts folder is a Jekyll site");
	post_list_free(&posts, true);
	site_free(site);

	/* A folder of Markdown is not a Jekyll site. */
	fx_writes(S_tmp, "plain/a.md", "# A\n");
	fx_writes(S_tmp, "plain/sub/b.md", "# B\n");
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("plain", &posts, &dl);
	ok(site && strcmp(site->gen->name, "jekyll") != 0, "a plain folder is not read as Jekyll");
	post_list_free(&posts, true);
	site_free(site);
	is_int((long long)diag_count(&dl, DIAG_ERROR), 0, "no errors in these sites");
	diag_list_free(&dl);
}

/* Dates Jekyll reads and sheaf's date parser does not. */
static void test_odd_dates(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "odd/_config.yml", "title: Odd dates\n");
	static const char *const cases[][3] = {
		{"2023-01-29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00", "a stray year ignored"},
		{"Jan 29, 2023 6:30 pm", "2023-01-29T18:30:00+00:00", "month name first, 12-hour time"},
		{"29th January 2023 18:30 PST", "2023-01-29T18:30:00-08:00", "day first, a zone by name"},
		{"2023/1/9 07:05", "2023-01-09T07:05:00+00:00", "slashes, one-digit month and day"},
		{"Sunday, 29 Jan 2023 18:30:00 +01:00", "2023-01-29T18:30:00+01:00", "RFC 2822 style"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char rel[64], text[128];
		snprintf(rel, sizeof rel, "odd/_posts/2020-02-0%zu-case.md", i + 1);
		snprintf(text, sizeof text, "---\ndate: \"%s\"\n---\n", cases[i][0]);
		fx_writes(S_tmp, rel, text);
	}
	fx_writes(S_tmp, "odd/_posts/2023-01-30-bad.md", "---\ndate: sometime soon\n---\nBody.\n");
	struct site *site = S_open("odd", &posts, &dl);
	ok(site != NULL, "site with odd dates opens");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "_posts/2020-02-0%zu-case.md", i + 1);
		const struct post *p = fx_find_post(&posts, rel);
		char got[40] = "";
		if (p && p->date.valid) {
			int off = p->date.tz_minutes < 0 ? -p->date.tz_minutes : p->date.tz_minutes;
			snprintf(got, sizeof got, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", p->date.year, p->date.month,
				 p->date.day, p->date.hour, p->date.minute, p->date.second,
				 p->date.tz_minutes < 0 ? '-' : '+', off / 60, off % 60);
		}
		is_str(got, cases[i][1], cases[i][2]);
	}
	/* A date Ruby cannot read either: the file name's, with a warning. */
	ok(fx_find_post(&posts, "_posts/2023-01-30-bad.md") != NULL, "a post with an unreadable date is kept");
	is_int((long long)diag_count(&dl, DIAG_ERROR), 0, "no error for it");
	ok(fx_has_diag(&dl, DIAG_WARNING, "2023-01-30-bad.md", "the file name's date 2023-01-30 is used"),
	   "a warning says the file name's date is used");
	is_int((long long)diag_count(&dl, DIAG_WARNING), 1, "no warning for dates Ruby reads");
	S_close(site, &posts, &dl);
}

/* `timezone`: dates shown in the site's zone, as Jekyll does. */
static void test_timezone(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "tz/_config.yml", "url: https://tz.example\ntimezone: America/Los_Angeles\n");
	fx_writes(S_tmp, "tz/_posts/2013-05-06-early.md", "---\ndate: \"2013-05-06 02:12:52 +0200\"\n---\n");
	fx_writes(S_tmp, "tz/_posts/2013-01-15-winter.md", "---\n---\n");
	fx_writes(S_tmp, "tz/_posts/2013-07-15-summer.md", "---\ndate: 2013-07-15 23:30:00\n---\n");
	fx_writes(S_tmp, "tz2/_config.yml", "timezone: Nowhere/Atlantis\n");
	fx_writes(S_tmp, "tz2/_posts/2013-05-06-early.md", "---\ndate: \"2013-05-06 02:12:52 +0200\"\n---\n");
	struct site *site = S_open("tz", &posts, &dl);
	if (path_is_file("/usr/share/zoneinfo/America/Los_Angeles")) {
		const struct post *p = fx_find_post(&posts, "_posts/2013-05-06-early.md");
		ok(p && p->date.day == 5 && p->date.hour == 17 && p->date.tz_minutes == -420,
		   "a date with an offset is shown in the site's zone (the day before, in PDT)");
		is_str(p ? p->live_url : NULL, "https://tz.example/2013/05/05/early.html", "and the URL has that day");
		p = fx_find_post(&posts, "_posts/2013-01-15-winter.md");
		ok(p && p->date.day == 15 && p->date.tz_minutes == -480, "a file-name date is local time (PST)");
		p = fx_find_post(&posts, "_posts/2013-07-15-summer.md");
		ok(p && p->date.day == 15 && p->date.hour == 23 && p->date.tz_minutes == -420,
		   "a date without an offset is local time (PDT)");
		is_int((long long)dl.n, 0, "no diagnostics");
	} else {
		diag("no /usr/share/zoneinfo/America/Los_Angeles: only the unknown-zone case is checked");
	}
	post_list_free(&posts, true);
	site_free(site);
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("tz2", &posts, &dl);
	ok(fx_has_diag(&dl, DIAG_WARNING, "_config.yml", "timezone 'Nowhere/Atlantis' is not in"),
	   "an unknown timezone is a warning");
	ok(posts.n == 1 && posts.v[0]->date.day == 6 && posts.v[0]->date.tz_minutes == 120,
	   "dates then read as written");
	S_close(site, &posts, &dl);
}

/* The Liquid variables a post may print: site.x from _config.yml, page.x
 * of the post. */
static void test_variables(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "lv/_config.yml",
		"repository: owner/lamps\nsocial:\n  mastodon: \"@mira\"\nempty:\nlist: [a, b]\n"
		"defaults:\n  - scope: {type: posts}\n    values: {mood: calm}\n");
	fx_writes(S_tmp, "lv/_posts/2021-03-04-lamp-post.md",
		"---\ntitle: Lamp post\ncategories: [Night, Walks]\ntags: glow\nvolume: 11\n"
		"excerpt: Written by hand\nnested: {deep: yes}\n---\nText.\n");
	fx_writes(S_tmp, "lv/_posts/2021-03-05-other.md", "---\nslug: own-slug\n---\n");
	struct site *site = S_open("lv", &posts, &dl);
	const struct post *p = fx_find_post(&posts, "_posts/2021-03-04-lamp-post.md");
	const struct post *q = fx_find_post(&posts, "_posts/2021-03-05-other.md");
	if (!ok(site && p && q && site->gen->template_value, "a site with variables"))
		return;
	static const char *const cases[][2] = {
		{"site.repository", "owner/lamps"},
		{"site.social.mastodon", "@mira"},
		{"site.empty", ""},
		{"site.absent", ""},
		{"site.list", "a\x1F" "b\x1F"},
		{"page.title", "Lamp post"},
		{"page.url", "/night/walks/2021/03/04/lamp-post.html"},
		{"page.id", "/night/walks/2021/03/04/lamp-post"},
		{"page.date", "2021-03-04 00:00:00 +0000"},
		{"page.categories", "Night\x1FWalks\x1F"},
		{"page.tags", "glow\x1F"},
		{"page.volume", "11"},
		{"page.nested.deep", "yes"},
		{"page.mood", "calm"},
		{"page.excerpt", "Written by hand"},
		{"page.slug", "lamp-post"},
		{"page.path", "_posts/2021-03-04-lamp-post.md"},
		{"page.absent", ""},
		{"jekyll.environment", "production"}, /* the live site's build */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *v = site->gen->template_value(site, p, cases[i][0]);
		is_str(v, cases[i][1], cases[i][0]);
		free(v);
	}
	static const char *const unknown[] = {"site.posts", "site.data.authors", "page.content", "page.next", "x"};
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
		char *v = site->gen->template_value(site, p, unknown[i]);
		is_str(v, NULL, unknown[i]);
		free(v);
	}
	char *v = site->gen->template_value(site, q, "page.id");
	is_str(v, "/2021/03/05/own-slug", "page.id: the URL's folder and the front matter's slug");
	free(v);
	v = site->gen->template_value(site, q, "page.excerpt");
	is_str(v, NULL, "page.excerpt not written: the rendered one is not known");
	free(v);
	S_close(site, &posts, &dl);
}

/* jekyll-redirect-from's redirect_from: the post's other URLs. A key
 * written twice is Psych's: the last wins, without a word. */
static void test_redirects(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "rd/_config.yml", "baseurl: /b\ntitle: One\ntitle: Two\n");
	fx_writes(S_tmp, "rd/_posts/2021-06-01-moved.md",
		"---\nredirect_from: /never-used/\nredirect_from:\n  - /old/moved/\n  - older.html\n---\nText.\n");
	struct site *site = S_open("rd", &posts, &dl);
	if (ok(site && posts.n == 1, "a post with redirect_from")) {
		fx_is_list(&posts.v[0]->aliases, "/old/moved/|/older.html",
			   "redirect_from: the last key's list, each a site path");
		is_str(site->title, "Two", "a key twice in _config.yml: the last");
	}
	is_int((long long)dl.n, 0, "duplicate keys: no warning (Psych takes the last silently)");
	S_close(site, &posts, &dl);
}

/* jemoji's :shortcodes: only when the plugin is loaded. */
static bool S_has_emoji(const char *config, const char *gemfile)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "em/_config.yml", config);
	if (gemfile)
		fx_writes(S_tmp, "em/Gemfile", gemfile);
	fx_writes(S_tmp, "em/_posts/2021-01-01-x.md", "---\n---\n:tada:\n");
	struct site *site = S_open("em", &posts, &dl);
	struct site_data *sd = site ? site->gen->site_data(site) : NULL;
	bool emoji = sd && sd->emoji;
	site_data_free(sd);
	S_close(site, &posts, &dl);
	return emoji;
}

static void test_jemoji(void)
{
	ok(!S_has_emoji("title: x\n", NULL), "no plugin: :tada: stays text");
	ok(S_has_emoji("plugins: [jekyll-feed, jemoji]\n", NULL), "plugins: jemoji");
	ok(S_has_emoji("gems:\n  - jemoji\n", NULL), "gems: jemoji (before Jekyll 3.5)");
	ok(S_has_emoji("whitelist: [jemoji]\n", NULL), "whitelist: jemoji");
	ok(S_has_emoji("title: x\n", "source 'https://rubygems.org'\ngroup :jekyll_plugins do\n  gem \"jemoji\"\nend\n"),
	   "the Gemfile's :jekyll_plugins group");
	ok(S_has_emoji("title: x\n", "gem 'jemoji', group: :jekyll_plugins\n"), "a gem with group: :jekyll_plugins");
	ok(!S_has_emoji("title: x\n", "group :development do\n  gem \"jemoji\"\nend\n"),
	   "a gem in another group is not loaded");
}

/* _config.yml's defaults, by scope path (a prefix, or a glob naming
 * folders) and type. */
static void test_defaults(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "df/_config.yml",
		"defaults:\n"
		"  - scope: {path: \"\"}\n    values: {author: everyone, tags: [all]}\n"
		"  - scope: {type: posts}\n    values: {author: poster}\n"
		"  - scope: {type: drafts}\n    values: {tags: [never]}\n"
		"  - scope: {path: \"*/_posts\"}\n    values: {tags: [in-a-folder]}\n"
		"  - scope: {path: \"notes/**/2021-*\", type: post}\n    values: {author: deep}\n"
		"  - scope: {path: \"_posts/2021\"}\n    values: {title: From defaults}\n");
	fx_writes(S_tmp, "df/_posts/2021-01-01-a.md", "---\n---\n");
	fx_writes(S_tmp, "df/_posts/2022-01-01-b.md", "---\ntitle: Own\n---\n");
	fx_writes(S_tmp, "df/travel/_posts/2021-01-02-c.md", "---\n---\n");
	fx_writes(S_tmp, "df/notes/_posts/x/2021-01-03-d.md", "---\n---\n");
	struct site *site = S_open("df", &posts, &dl);
	const struct post *a = fx_find_post(&posts, "_posts/2021-01-01-a.md");
	const struct post *b = fx_find_post(&posts, "_posts/2022-01-01-b.md");
	const struct post *c = fx_find_post(&posts, "travel/_posts/2021-01-02-c.md");
	const struct post *d = fx_find_post(&posts, "notes/_posts/x/2021-01-03-d.md");
	if (ok(site && a && b && c && d, "four posts")) {
		fx_is_list(&a->authors, "poster", "type posts is more specific than an empty path");
		fx_is_list(&a->tags, "all", "type drafts applies to no post (drafts are of type posts)");
		is_str(a->title, "From defaults", "a path prefix (\"_posts/2021\")");
		is_str(b->title, "Own", "front matter wins over defaults");
		fx_is_list(&c->tags, "in-a-folder", "a glob naming folders applies to the files under them");
		fx_is_list(&a->tags, "all", "`*` does not cross a slash");
		fx_is_list(&d->authors, "deep", "`**` crosses folders; type post is posts");
	}
	S_close(site, &posts, &dl);
}

/* future: true publishes posts dated after the build. */
static void test_future(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_fresh();
	fx_writes(S_tmp, "fu/_config.yml", "future: true\n");
	fx_writes(S_tmp, "fu/_posts/2999-01-01-ahead.md", "---\n---\nSoon.\n");
	struct site *site = S_open("fu", &posts, &dl);
	ok(site && posts.n == 1, "future: true keeps a post dated after the build");
	S_close(site, &posts, &dl);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_blog();
	test_permalinks();
	test_layouts();
	test_odd_dates();
	test_timezone();
	test_hooks();
	test_future();
	test_variables();
	test_redirects();
	test_jemoji();
	test_defaults();
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
	return done_testing();
}
