/* Unit tests of the Eleventy generator (src/input/gen/eleventy.c): small
 * Eleventy sites of our own writing in a temporary folder, detected,
 * opened and collected. Their JavaScript is never run: sheaf scans it. */
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

static char S_tmp[] = "/tmp/sheaf-eleventy-XXXXXX";





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
	fx_writes(S_tmp, "el/eleventy.config.js",
		"// input: \"commented-out\" must not count\n"
		"/* dir: { input: \"nor-this\" } */\n"
		"export default function (eleventyConfig) {\n"
		"\televentyConfig.addFilter(\"shout\", (s) => s.toUpperCase());\n"
		"\televentyConfig.addPassthroughCopy({ \"./public/\": \"/\" });\n"
		"};\n"
		"export const config = {\n"
		"\tmarkdownTemplateEngine: \"njk\",\n"
		"\tdir: {\n"
		"\t\tinput: \"src\", // where pages live\n"
		"\t\tincludes: \"../layouts\",\n"
		"\t\tdata: \"../globals\",\n"
		"\t},\n"
		"\tpathPrefix: \"/garden/\",\n"
		"};\n");
	fx_writes(S_tmp, "el/globals/metadata.json",
		"{\n"
		"\t\"title\": \"Kitchen Garden\",\n"
		"\t\"description\": \"Seeds and soil\",\n"
		"\t\"language\": \"en-AU\",\n"
		"\t\"url\": \"https://garden.example/\",\n"
		"\t\"author\": {\"name\": \"Pat Sower\", \"email\": \"pat@garden.example\"}\n"
		"}\n");
	fx_writes(S_tmp, "el/layouts/post.njk", "<article>{{ content | safe }}</article>\n");
	fx_writes(S_tmp, "el/src/index.md", "---\ntitle: Home\n---\nWelcome.\n");
	fx_writes(S_tmp, "el/src/about.md", "---\ntitle: About\nauthor: Pat\n---\nA page.\n");
	fx_writes(S_tmp, "el/src/notes/notes.json",
		"{ \"tags\": [\"posts\", \"notes\"], \"author\": \"Data Author\" }\n");
	fx_writes(S_tmp, "el/src/notes/2024-02-03-sowing.md",
		"---\ntitle: Sowing\ntags: spring\n---\nSeeds in.\n");
	fx_writes(S_tmp, "el/src/notes/watering.md",
		"---\ntitle: Watering\ndate: 2024-03-01\nauthor: Front Author\n---\nDaily.\n");
	fx_writes(S_tmp, "el/src/notes/2024-04/harvest.md", "---\ntitle: Harvest\n---\nBaskets.\n");
	fx_writes(S_tmp, "el/src/notes/2024-04/harvest.11tydata.json", "{ \"tags\": \"autumn\" }\n");
	fx_writes(S_tmp, "el/src/notes/2024-07-08/index.md", "---\ntitle: Dated folder\n---\n");
	fx_writes(S_tmp, "el/src/notes/compost/compost.md",
		"---\ntitle: Compost\ndate: 2024-05-01\npermalink: /heap/index.html\n---\nWarm.\n");
	fx_writes(S_tmp, "el/src/journal/journal.11tydata.js",
		"module.exports = {\n"
		"\t// a comment with tags: \"nope\"\n"
		"\ttags: [\n\t\t\"posts\",\n\t\t'journal',\n\t],\n"
		"\tlayout: \"post.njk\",\n"
		"\televentyComputed: { title: (data) => data.title.toUpperCase() },\n"
		"};\n");
	fx_writes(S_tmp, "el/src/journal/2024-06-01-rain.md", "---\ntitle: Rain\n---\nWet.\n");
	fx_writes(S_tmp, "el/src/journal/scripted.md",
		"---js\n"
		"const title = \"Scripted \\\"title\\\"\";\n"
		"const date = \"2024-06-02\";\n"
		"const draft = true;\n"
		"const tags = [\"posts\", \"code\"];\n"
		"const computed = new Date();\n"
		"---\n"
		"The body of a JS page.\n");
	fx_writes(S_tmp, "el/src/journal/object-js.md",
		"---js\n"
		"{\n"
		"  title: \"Object form\",\n"
		"  date: `2024-06-03`,\n"
		"}\n"
		"---\n"
		"Body.\n");
	fx_writes(S_tmp, "el/src/journal/json-page.md",
		"---json\n{\n\t\"title\": \"From JSON\",\n\t\"date\": \"2024-06-04\",\n\t\"tags\": [\"data\"]\n}\n---\n"
		"JSON body.\n");
	fx_writes(S_tmp, "el/src/journal/broken/broken.json", "{ \"tags\": [\"x\", }\n");
	fx_writes(S_tmp, "el/src/journal/broken/one.md", "---\ntitle: One\n---\n");
	fx_writes(S_tmp, "el/src/journal/broken/two.md", "---\ntitle: Two\n---\n");
	fx_writes(S_tmp, "el/src/journal/excluded.md",
		"---\ntitle: Feed\neleventyExcludeFromCollections: true\n---\n");
	fx_writes(S_tmp, "el/src/_includes/partial.md", "---\ntags: posts\n---\nIncluded.\n");
	fx_writes(S_tmp, "el/src/_data/stuff.md", "---\ntags: posts\n---\n");
	fx_writes(S_tmp, "el/src/node_modules/pkg/readme.md", "---\ntags: posts\n---\n");
	fx_writes(S_tmp, "el/src/.hidden/secret.md", "---\ntags: posts\n---\n");
	fx_writes(S_tmp, "el/src/drafts-ignored/idea.md", "---\ntags: posts\n---\n");
	fx_writes(S_tmp, "el/src/.eleventyignore", "# not built\ndrafts-ignored/\n");
	fx_writes(S_tmp, "el/_site/notes/copy.md", "---\ntags: posts\n---\n");
	fx_writes(S_tmp, "el/README.md", "---\ntags: posts\n---\nOutside the input folder.\n");
	fx_writes(S_tmp, "el/src/notes/pic.png", "PNG");
	fx_writes(S_tmp, "el/public/logo.png", "PNG");
}

static void test_blog(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	S_make_blog();
	struct site *site = S_open("el", &posts, &dl);
	if (!ok(site != NULL, "an Eleventy site opens")) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->gen->name, "eleventy", "detected by eleventy.config.js");
	is_str(site->config_file, "eleventy.config.js", "config file");
	is_str(site->content_dir, "src", "input folder from dir.input (comments ignored)");
	is_str(site->title, "Kitchen Garden", "title from the data folder's metadata.json");
	is_str(site->description, "Seeds and soil", "description");
	is_str(site->language, "en-AU", "language");
	is_str(site->url, "https://garden.example/", "url");
	is_str(site->author, "Pat Sower", "author {name}");
	is_str(site->baseurl, "/garden", "pathPrefix");
	is_str(site->static_dir, "public", "passthrough copy of ./public/ to / : site-absolute paths");
	ok(site->gen->dialects[0] == &dialect_nunjucks && site->gen->dialects[1] == &dialect_math &&
	   site->gen->dialects[2] == &dialect_heading_ids && !site->gen->dialects[3],
	   "dialects: Nunjucks, math, heading ids");

	static const char *const in[] = {
		"src/notes/2024-02-03-sowing.md", "src/notes/watering.md", "src/notes/2024-04/harvest.md",
		"src/notes/compost/compost.md", "src/journal/2024-06-01-rain.md", "src/journal/scripted.md",
		"src/notes/2024-07-08/index.md", "src/journal/object-js.md", "src/journal/json-page.md",
		"src/journal/broken/one.md", "src/journal/broken/two.md",
	};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		ok(fx_find_post(&posts, in[i]) != NULL, "a post (tagged posts): %s", in[i]);
	static const char *const out[] = {
		"src/index.md", "src/about.md", "src/journal/excluded.md",
		"src/_includes/partial.md", "src/_data/stuff.md", "src/node_modules/pkg/readme.md",
		"src/.hidden/secret.md", "src/drafts-ignored/idea.md", "_site/notes/copy.md", "README.md",
	};
	for (size_t i = 0; i < sizeof out / sizeof *out; i++)
		ok(fx_find_post(&posts, out[i]) == NULL, "not a post: %s", out[i]);
	is_int((long long)posts.n, (long long)(sizeof in / sizeof *in), "no other posts");
	is_int((long long)diag_count(&dl, DIAG_ERROR), 0, "no errors");

	const struct post *p = fx_find_post(&posts, "src/notes/2024-02-03-sowing.md");
	if (p) {
		fx_is_date(&p->date, "2024-02-03", "date from the file name");
		fx_is_list(&p->tags, "notes|spring", "folder data tags, then front matter's; posts dropped");
		fx_is_list(&p->author_names, "Data Author", "author from the folder data file");
		is_str(p->url, "/notes/2024-02-03-sowing/", "URL path: Eleventy's default");
		is_str(p->live_url, "https://garden.example/garden/notes/2024-02-03-sowing/", "live URL with pathPrefix");
	}
	p = fx_find_post(&posts, "src/notes/watering.md");
	if (p) {
		fx_is_date(&p->date, "2024-03-01", "date from front matter");
		fx_is_list(&p->author_names, "Front Author", "front matter's author wins over the data file's");
		fx_is_list(&p->tags, "notes", "a tag string from the data file");
	}
	p = fx_find_post(&posts, "src/notes/2024-04/harvest.md");
	if (p) {
		fx_is_date(&p->date, "(none)", "no date anywhere: a folder's YYYY-MM does not count");
		fx_is_list(&p->tags, "notes|autumn", "tags of the template's own data file added");
	}
	p = fx_find_post(&posts, "src/notes/2024-07-08/index.md");
	if (p) {
		fx_is_date(&p->date, "2024-07-08", "date from a folder name");
		is_str(p->url, "/notes/2024-07-08/", "index page: its folder's URL");
	}
	p = fx_find_post(&posts, "src/notes/compost/compost.md");
	if (p) {
		is_str(p->url, "/heap/", "permalink: index.html dropped from the URL");
	}
	p = fx_find_post(&posts, "src/journal/2024-06-01-rain.md");
	if (p)
		fx_is_list(&p->tags, "journal", "tags from an .11tydata.js file (scanned, not run)");
	p = fx_find_post(&posts, "src/journal/scripted.md");
	if (p) {
		is_str(p->title, "Scripted \"title\"", "---js: title read from its literal");
		fx_is_date(&p->date, "2024-06-02", "---js: date read");
		ok(p->draft, "---js: draft read");
		is_str(p->live_url, NULL, "a draft has no live URL");
		fx_is_list(&p->tags, "journal|code", "---js: tags added to the folder's");
		unlike(p->body, "const title", "---js block not part of the text");
		like(p->body, "The body of a JS page.", "the Markdown kept");
		is_int(p->body_line, 8, "body line after the ---js block");
		ok(fx_has_diag(&dl, DIAG_WARNING, "scripted.md", "(---js) is not run"),
		   "a warning names the ---js file");
	}
	p = fx_find_post(&posts, "src/journal/json-page.md");
	if (p) {
		is_str(p->title, "From JSON", "---json: title");
		fx_is_date(&p->date, "2024-06-04", "---json: date");
		fx_is_list(&p->tags, "journal|data", "---json: tags");
		is_str(p->body, "JSON body.\n", "---json block not part of the text");
	}
	size_t broken = 0;
	for (size_t i = 0; i < dl.n; i++)
		broken += dl.v[i].severity == DIAG_WARNING && str_ends_with(dl.v[i].file, "broken/broken.json") &&
			  strstr(dl.v[i].message, "its fields are left out");
	is_int((long long)broken, 1, "a broken data file: one warning, for all the pages below it");
	p = fx_find_post(&posts, "src/journal/object-js.md");
	if (p) {
		is_str(p->title, "Object form", "---js object literal: title");
		fx_is_date(&p->date, "2024-06-03", "---js: a template literal without ${} is a string");
	}

	char *u = site_page_url(site, "src/notes/pic.png");
	is_str(u, "https://garden.example/garden/notes/pic.png", "a file's URL under the input folder");
	free(u);
	u = site_page_url(site, "src/index.md");
	is_str(u, "https://garden.example/garden/", "index page URL");
	free(u);
	u = site_page_url(site, "src/notes/compost/compost.md");
	is_str(u, "https://garden.example/garden/heap/", "a permalinked page's URL");
	free(u);
	u = site_page_url(site, "src/notes/notes/missing.md");
	is_str(u, NULL, "a page that does not exist has no URL");
	free(u);
	u = site_page_url(site, "src/_includes/partial.md");
	is_str(u, NULL, "includes have no URL");
	free(u);

	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* Without a `posts` collection every page is a post; other config file
 * names; metadata.js; setInputDirectory; the object form of ---js. */
static void test_variants(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_rm_rf(S_tmp);
	fx_mkdirs(S_tmp);
	fx_writes(S_tmp, "pages/.eleventy.js",
		"module.exports = function (cfg) {\n  cfg.setInputDirectory('pages');\n  return {};\n};\n");
	fx_writes(S_tmp, "pages/pages/_data/metadata.js",
		"export default {\n"
		"\ttitle: \"Scanned Site\",\n"
		"\turl: 'https://scan.example',\n"
		"\tlanguage: \"de\",\n"
		"\tauthor: { name: \"Sam Scan\", url: \"https://scan.example/sam/\" },\n"
		"};\n");
	fx_writes(S_tmp, "pages/pages/one.md", "---\ntitle: One\ntags: misc\n---\n");
	fx_writes(S_tmp, "pages/pages/two/index.md", "# Two\n");
	fx_writes(S_tmp, "pages/pages/three.md",
		"---js\n{\n  title: \"Three\",\n  tags: \"misc\",\n}\n---\nBody.\n");
	fx_writes(S_tmp, "pages/pages/404.md", "---\neleventyExcludeFromCollections: true\n---\n");
	fx_writes(S_tmp, "pages/other/stray.md", "---\ntitle: Outside input\n---\n");
	struct site *site = S_open("pages", &posts, &dl);
	if (ok(site != NULL, ".eleventy.js site opens")) {
		is_str(site->gen->name, "eleventy", "detected by .eleventy.js");
		is_str(site->content_dir, "pages", "input from setInputDirectory('pages')");
		is_str(site->static_dir, NULL, "no passthrough to the root: the input folder");
		is_str(site->title, "Scanned Site", "title scanned from metadata.js");
		is_str(site->url, "https://scan.example", "url (the top-level one, not the author's)");
		is_str(site->language, "de", "language");
		is_str(site->author, "Sam Scan", "author name");
		is_int((long long)posts.n, 3, "no page tagged posts: every page is a post");
		ok(fx_find_post(&posts, "pages/one.md") && fx_find_post(&posts, "pages/two/index.md") &&
		   fx_find_post(&posts, "pages/three.md"), "one, two and three");
		ok(!fx_find_post(&posts, "pages/404.md"), "eleventyExcludeFromCollections leaves a page out");
		const struct post *p = fx_find_post(&posts, "pages/three.md");
		if (p) {
			is_str(p->title, "Three", "---js object form: title");
			fx_is_list(&p->tags, "misc", "---js object form: a tag string");
		}
		p = fx_find_post(&posts, "pages/two/index.md");
		if (p) {
			is_str(p->title, "Two", "title from the H1");
			is_str(p->live_url, "https://scan.example/two/", "index page URL is its folder");
		}
	}
	post_list_free(&posts, true);
	site_free(site);

	static const char *const names[] = {"eleventy.config.mjs", "eleventy.config.cjs"};
	for (size_t i = 0; i < 2; i++) {
		char *dir = xasprintf("v%zu", i);
		char *cfg = path_join(dir, names[i]);
		char *post = path_join(dir, "post.md");
		fx_writes(S_tmp, cfg, "export default {};\n");
		fx_writes(S_tmp, post, "---\ntitle: Post\n---\n");
		posts = (struct post_list)POST_LIST_INIT;
		site = S_open(dir, &posts, &dl);
		ok(site && strcmp(site->gen->name, "eleventy") == 0 && posts.n == 1 &&
		   strcmp(site->content_dir, ".") == 0, "%s: detected, input folder the root", names[i]);
		post_list_free(&posts, true);
		site_free(site);
		free(dir);
		free(cfg);
		free(post);
	}

	/* --generator eleventy on a folder without a config: input is the root. */
	fx_writes(S_tmp, "noconf/a.md", "---\ntitle: A\ntags: [posts, x]\n---\n");
	fx_writes(S_tmp, "noconf/b.md", "---\ntitle: B\n---\n");
	fx_writes(S_tmp, "noconf/odd.md", "---js\n{ title: [1, ; broken ), tags: 'posts' }\n---\nOdd.\n");
	char *nc = path_join(S_tmp, "noconf");
	posts = (struct post_list)POST_LIST_INIT;
	site = NULL;
	if (ok(site_open(&site, nc, "eleventy", &dl) == 0, "--generator eleventy without a config opens")) {
		site_collect(site, &posts, &dl);
		is_str(site->config_file, NULL, "no config file");
		is_str(site->content_dir, ".", "input folder: the root");
		ok(posts.n == 2 && fx_find_post(&posts, "a.md") && fx_find_post(&posts, "odd.md"),
		   "tagged pages only; broken ---js still read for what it can");
	}
	post_list_free(&posts, true);
	site_free(site);
	free(nc);

	/* A posts collection built by the config: a glob, or another tag. */
	fx_writes(S_tmp, "coll/eleventy.config.js",
		"module.exports = function (eleventyConfig) {\n"
		"  eleventyConfig.addCollection(\"posts\", function (api) {\n"
		"    return api.getFilteredByGlob(\"./src/articles/**/*.md\").reverse();\n"
		"  });\n"
		"  eleventyConfig.addCollection(\"notes\", (api) => api.getFilteredByTag(\"note\"));\n"
		"  return { dir: { input: \"src\" } };\n"
		"};\n");
	fx_writes(S_tmp, "coll/src/articles/a.md", "---\ntitle: A\n---\n");
	fx_writes(S_tmp, "coll/src/articles/2021/b.md", "---\ntitle: B\n---\n");
	fx_writes(S_tmp, "coll/src/about.md", "---\ntitle: About\n---\n");
	fx_writes(S_tmp, "coll/src/notes/n.md", "---\ntags: note\n---\n");
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("coll", &posts, &dl);
	ok(site && posts.n == 2 && fx_find_post(&posts, "src/articles/a.md") &&
	   fx_find_post(&posts, "src/articles/2021/b.md"),
	   "addCollection(\"posts\", …getFilteredByGlob(\"…/**/*.md\")): the pages it matches");
	post_list_free(&posts, true);
	site_free(site);
	fx_writes(S_tmp, "ctag/.eleventy.js",
		"module.exports = (cfg) => { cfg.addCollection('posts', (c) => c.getFilteredByTag('post')); };\n");
	fx_writes(S_tmp, "ctag/one.md", "---\ntitle: One\ntags: [post, rust]\n---\n");
	fx_writes(S_tmp, "ctag/two.md", "---\ntitle: Two\ntags: rust\n---\n");
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("ctag", &posts, &dl);
	ok(site && posts.n == 1 && fx_find_post(&posts, "one.md"),
	   "addCollection(\"posts\", …getFilteredByTag(\"post\"))");
	if (posts.n == 1)
		fx_is_list(&posts.v[0]->tags, "rust", "the collection's tag is not shown");
	post_list_free(&posts, true);
	site_free(site);

	/* A config naming an input folder that does not exist is an error. */
	fx_writes(S_tmp, "bad/eleventy.config.js", "export const config = { dir: { input: \"missing\" } };\n");
	char *root = path_join(S_tmp, "bad");
	struct diag_list bad = DIAG_LIST_INIT;
	ok(site_open(&site, root, NULL, &bad) < 0 && diag_count(&bad, DIAG_ERROR) == 1,
	   "a missing input folder is an error");
	free(root);
	diag_list_free(&bad);
	is_int((long long)diag_count(&dl, DIAG_ERROR), 0, "no errors in the good sites");
	diag_list_free(&dl);
}

/* Each page is read once, as a post; which pages are posts is settled
 * after all are read (the collected hook), and a page that is not one
 * leaves no word, however broken its front matter. */
static void test_one_read(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_rm_rf(S_tmp);
	fx_mkdirs(S_tmp);

	/* Some pages are in the posts collection: only they are posts. */
	fx_writes(S_tmp, "some/eleventy.config.js", "export const config = { dir: { input: \"src\" } };\n");
	fx_writes(S_tmp, "some/src/index.md", "---\ntitle: Home\n---\nWelcome.\n");
	fx_writes(S_tmp, "some/src/broken.md", "---\ntitle: [never closed\ndate: 2024-13-45\n---\nBad.\n");
	fx_writes(S_tmp, "some/src/js.md", "---js\nconst title = \"Scripted\";\n---\nNot run.\n");
	fx_writes(S_tmp, "some/src/a.md", "---\ntitle: A\ntags: [posts, x]\n---\n");
	fx_writes(S_tmp, "some/src/blog/blog.json", "{ \"tags\": \"posts\" }\n");
	fx_writes(S_tmp, "some/src/blog/b.md", "---\ntitle: B\n---\n");
	fx_writes(S_tmp, "some/src/blog/c.md", "---\ntitle: C\neleventyExcludeFromCollections: true\n---\n");
	struct site *site = S_open("some", &posts, &dl);
	if (ok(site != NULL, "a site with a posts collection opens")) {
		ok(posts.n == 2 && fx_find_post(&posts, "src/a.md") && fx_find_post(&posts, "src/blog/b.md"),
		   "only the pages tagged posts (front matter or folder data) are posts");
		if (posts.n == 2)
			ok(strcmp(posts.v[0]->relpath, "src/a.md") == 0, "in the order of the walk");
		is_int((long long)site->stats.files, 2, "stats.files counts the posts, not the pages");
		is_int((long long)site->stats.left_out, 0, "none left out");
		is_int((long long)dl.n, 0,
		       "a page that is not a post gives no word (broken front matter, ---js)");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);

	/* No page is: every page is a post, and a broken one is reported. */
	fx_writes(S_tmp, "none/eleventy.config.js", "export default {};\n");
	fx_writes(S_tmp, "none/one.md", "---\ntitle: One\ntags: misc\n---\n");
	fx_writes(S_tmp, "none/two.md", "# Two\n");
	fx_writes(S_tmp, "none/feed.md", "---\neleventyExcludeFromCollections: true\n---\n");
	fx_writes(S_tmp, "none/broken.md", "---\ntitle: [never closed\n---\nBad.\n");
	posts = (struct post_list)POST_LIST_INIT;
	site = S_open("none", &posts, &dl);
	if (ok(site != NULL, "a site without a posts collection opens")) {
		ok(posts.n == 2 && fx_find_post(&posts, "one.md") && fx_find_post(&posts, "two.md"),
		   "every page not excluded is a post");
		is_int((long long)site->stats.files, 3, "stats.files: the broken page is a post too");
		ok(diag_count(&dl, DIAG_ERROR) >= 1 && strstr(dl.v[0].file, "broken.md"),
		   "the broken page, a post, is reported");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);

	/* The hook itself, on posts post_fields marked. */
	char *root = path_join(S_tmp, "none");
	site = NULL;
	if (ok(site_open(&site, root, NULL, &dl) == 0 && site_eleventy.collected, "the collected hook exists")) {
		struct strvec files = STRVEC_INIT;
		struct post *v[4];
		static const char *const names[] = {"one.md", "two.md", "feed.md", "broken.md"};
		for (size_t i = 0; i < 4; i++) {
			sv_push(&files, names[i]);
			v[i] = post_new(names[i], names[i]);
		}
		/* one.md and feed.md tagged, but feed.md excluded. */
		v[0]->gen_marks = 1; /* S_IN_POSTS */
		v[2]->gen_marks = 1 | 2; /* and S_EXCLUDED */
		bool keep[4] = {true, true, true, false};
		site_eleventy.collected(site, &files, v, keep);
		ok(keep[0] && !keep[1] && !keep[2] && !keep[3],
		   "a tagged post stays; untagged, excluded, and already dropped files go");
		for (size_t i = 0; i < 4; i++)
			v[i]->gen_marks = i == 2 ? 2 : 0;
		bool all[4] = {true, true, true, true};
		site_eleventy.collected(site, &files, v, all);
		ok(all[0] && all[1] && !all[2] && all[3], "none tagged: all stay but the excluded");
		for (size_t i = 0; i < 4; i++)
			post_free(v[i]);
		sv_free(&files);
	}
	site_free(site);
	free(root);
	diag_list_free(&dl);
}

/* Permalinks and computed data rendered over the page's data; fileSlug
 * without the date; permalink: false; date keywords. */
static void test_permalinks(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "pl/eleventy.config.js",
		"module.exports = function (c) {\n"
		"\treturn { dir: { input: \"src\" }, pathPrefix: \"/shop/\" };\n};\n");
	fx_writes(S_tmp, "pl/src/_data/metadata.json", "{ \"url\": \"https://bakery.example\" }\n");
	fx_writes(S_tmp, "pl/src/blog/blog.json",
		"{ \"tags\": [\"posts\"], \"permalink\": \"/blog/{{ page.fileSlug }}/\" }\n");
	fx_writes(S_tmp, "pl/src/blog/2023-05-06-first-bake.md", "---\ntitle: First bake\n---\nFlour.\n");
	fx_writes(S_tmp, "pl/src/blog/2023-06-07-sourdough/index.md", "---\ntitle: Sourdough\n---\nStarter.\n");
	fx_writes(S_tmp, "pl/src/blog/titled.md",
		"---\ntitle: \"Crème Brûlée & Tarts\"\npermalink: \"/recipes/{{ title | slugify }}/\"\n---\n");
	fx_writes(S_tmp, "pl/src/blog/old.md",
		"---\ntitle: \"Hello, World!\"\npermalink: \"/{{ title | slug }}/\"\n---\n");
	fx_writes(S_tmp, "pl/src/blog/dated.md",
		"---\ntitle: Dated\ndate: 2022-01-02\n"
		"permalink: \"/{{ page.date | date: '%Y/%m' }}/{{ page.fileSlug }}/\"\n---\n");
	fx_writes(S_tmp, "pl/src/blog/stem.md",
		"---\ntitle: Stem\npermalink: \"{{ page.filePathStem }}.html\"\n---\n");
	fx_writes(S_tmp, "pl/src/blog/hidden.md", "---\ntitle: Hidden\npermalink: false\n---\n");
	fx_writes(S_tmp, "pl/src/blog/custom.md",
		"---\ntitle: Custom\npermalink: \"/{{ page.fileSlug | shout }}/\"\n---\n");
	fx_writes(S_tmp, "pl/src/_data/site.json", "{ \"blog\": { \"path\": \"journal\" } }\n");
	fx_writes(S_tmp, "pl/src/_data/paths.js", "// paths\nmodule.exports = { extra: 'more' };\n");
	fx_writes(S_tmp, "pl/src/blog/global.md",
		"---\ntitle: Global\npermalink: \"/{{ site.blog.path }}/{{ paths.extra }}/{{ page.fileSlug }}/\"\n---\n");
	fx_writes(S_tmp, "pl/src/blog/touched.md", "---\ntitle: Touched\ndate: Last Modified\n---\n");
	fx_writes(S_tmp, "pl/src/blog/committed.md", "---\ntitle: Committed\ndate: git Last Modified\n---\n");
	char *touched = path_join(S_tmp, "pl/src/blog/touched.md");
	char *committed = path_join(S_tmp, "pl/src/blog/committed.md");
	struct timespec times[2] = {{1700000000, 0}, {1700000000, 0}}; /* 2023-11-14 */
	utimensat(AT_FDCWD, touched, times, 0);
	utimensat(AT_FDCWD, committed, times, 0);
	free(touched);
	free(committed);
	fx_writes(S_tmp, "pl/src/notes/notes.11tydata.json",
		"{ \"tags\": \"posts\", \"eleventyComputed\": {\n"
		"\t\"title\": \"Note {{ page.fileSlug }}\",\n\t\"permalink\": \"/n/{{ page.fileSlug }}/\" } }\n");
	fx_writes(S_tmp, "pl/src/notes/2021-03-04-seed.md", "Seeds.\n");
	fx_writes(S_tmp, "pl/src/notes/own.md",
		"---\neleventyComputed:\n  title: \"Own {{ page.fileSlug | upper }}\"\n---\n");
	struct site *site = S_open("pl", &posts, &dl);
	if (!ok(site != NULL, "permalink site opens")) {
		diag_list_free(&dl);
		return;
	}
	static const struct {
		const char *file, *url;
	} want[] = {
		{"src/blog/2023-05-06-first-bake.md", "/blog/first-bake/"},
		{"src/blog/2023-06-07-sourdough/index.md", "/blog/sourdough/"},
		{"src/blog/titled.md", "/recipes/creme-brulee-and-tarts/"},
		{"src/blog/old.md", "/hello-world!/"},
		{"src/blog/dated.md", "/2022/01/dated/"},
		{"src/blog/stem.md", "/blog/stem.html"},
		{"src/blog/custom.md", NULL},
		{"src/blog/global.md", "/journal/more/global/"},
		{"src/notes/2021-03-04-seed.md", "/n/seed/"},
		{"src/notes/own.md", "/n/own/"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const struct post *p = fx_find_post(&posts, want[i].file);
		if (ok(p != NULL, "a post: %s", want[i].file))
			is_str(p->url, want[i].url, "its URL from the permalink");
	}
	ok(!fx_find_post(&posts, "src/blog/hidden.md"), "permalink: false: not written, not a post");
	const struct post *p = fx_find_post(&posts, "src/blog/2023-05-06-first-bake.md");
	if (p) {
		fx_is_date(&p->date, "2023-05-06", "date from the file name");
		is_str(p->live_url, "https://bakery.example/shop/blog/first-bake/", "live URL");
	}
	p = fx_find_post(&posts, "src/notes/2021-03-04-seed.md");
	if (p)
		is_str(p->title, "Note seed", "title computed by a data file");
	p = fx_find_post(&posts, "src/notes/own.md");
	if (p)
		is_str(p->title, "Own OWN", "title computed by the front matter");
	p = fx_find_post(&posts, "src/blog/touched.md");
	if (p)
		fx_is_date(&p->date, "2023-11-14", "Last Modified: the file's time");
	p = fx_find_post(&posts, "src/blog/committed.md");
	if (p)
		fx_is_date(&p->date, "2023-11-14", "git Last Modified: the file's time");
	ok(fx_has_diag(&dl, DIAG_WARNING, "committed.md", "git history"), "a warning for the git keyword");
	ok(!fx_has_diag(&dl, DIAG_WARNING, "touched.md", ""), "none for Last Modified");
	char *u = site_page_url(site, "src/blog/2023-05-06-first-bake.md");
	is_str(u, "https://bakery.example/shop/blog/first-bake/", "a page's URL from its folder's permalink");
	free(u);
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* The config and options the package.json scripts pass; the default
 * names in Eleventy's order. */
static void test_cli_config(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "cli/package.json",
		"{ \"scripts\": {\n"
		"\t\"start\": \"npx @11ty/eleventy --serve --config=other.js\",\n"
		"\t\"build\": \"npx @11ty/eleventy --config=config/site.config.js --input pages --pathprefix=/docs/ && echo ok\"\n"
		"} }\n");
	fx_writes(S_tmp, "cli/config/site.config.js",
		"module.exports = () => ({ dir: { input: \"wrong\", data: \"facts\" } });\n");
	fx_writes(S_tmp, "cli/pages/facts/metadata.json", "{ \"title\": \"Docs site\" }\n");
	fx_writes(S_tmp, "cli/pages/guide.md", "---\ntitle: Guide\n---\nRead.\n");
	struct site *site = S_open("cli", &posts, &dl);
	if (ok(site != NULL, "a site whose config only package.json names is detected")) {
		is_str(site->gen->name, "eleventy", "as Eleventy");
		is_str(site->config_file, "config/site.config.js", "the build script's --config");
		is_str(site->content_dir, "pages", "--input wins over dir.input");
		is_str(site->title, "Docs site", "the data folder relative to --input");
		is_str(site->baseurl, "/docs", "--pathprefix");
		ok(fx_find_post(&posts, "pages/guide.md") != NULL, "its page read");
		post_list_free(&posts, true);
		site_free(site);
	}
	fx_writes(S_tmp, "two/.eleventy.js", "module.exports = () => ({ dir: { input: \"a\" } });\n");
	fx_writes(S_tmp, "two/eleventy.config.js", "export const config = { dir: { input: \"b\" } };\n");
	fx_writes(S_tmp, "two/a/x.md", "x\n");
	fx_writes(S_tmp, "two/b/y.md", "y\n");
	site = S_open("two", &posts, &dl);
	if (ok(site != NULL, "a site with two config files opens")) {
		is_str(site->config_file, ".eleventy.js", ".eleventy.js comes first");
		post_list_free(&posts, true);
		site_free(site);
	}
	is_int((long long)diag_count(&dl, DIAG_ERROR), 0, "no errors");
	diag_list_free(&dl);
}

/* Links to input paths (the InputPathToUrl plugin): relative to the
 * input folder, or to the page's folder. */
static void test_input_paths(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	fx_writes(S_tmp, "ip/eleventy.config.js", "export const config = { dir: { input: \"site\" } };\n");
	fx_writes(S_tmp, "ip/site/log/log.json", "{ \"tags\": \"posts\" }\n");
	fx_writes(S_tmp, "ip/site/log/kiln.md", "---\ntitle: Kiln\n---\nHot.\n");
	fx_writes(S_tmp, "ip/site/log/glaze.md", "---\ntitle: Glaze\n---\nShiny.\n");
	struct site *site = S_open("ip", &posts, &dl);
	if (!ok(site != NULL, "input-path site opens")) {
		diag_list_free(&dl);
		return;
	}
	struct refs r;
	refs_init(&r, site, &posts);
	static const char *const links[] = {"log/glaze.md", "/log/glaze.md#top", "./log/glaze.md",
					    "site/log/glaze.md", "glaze.md", "log/gl%61ze.md"};
	for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
		const struct post *p = refs_post_by_ref(&r, "site/log/kiln.md", links[i], true);
		ok(p && strcmp(p->relpath, "site/log/glaze.md") == 0, "input path link '%s' reaches its post",
		   links[i]);
	}
	ok(!refs_post_by_ref(&r, "site/log/kiln.md", "https://h.example/log/glaze.md", true),
	   "a URL elsewhere is not an input path");
	ok(!refs_post_by_ref(&r, "site/log/kiln.md", "log/glaze.md", false), "only links, not tag arguments");
	refs_free(&r);
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* ---js and ---json front matter obey YAML's 256 KiB cap, with its
 * error; a block under the cap is read, and a long list in it (200 KB:
 * once seconds, line numbers counted from the start) costs little. */
static void test_front_matter_cap(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;
	struct strbuf big = STRBUF_INIT, ok_js = STRBUF_INIT, json = STRBUF_INIT;
	sb_adds(&big, "---js\n{\n  title: 'Big',\n  list: [\n");
	sb_adds(&json, "---json\n{ \"title\": \"Big\", \"list\": [\n");
	sb_adds(&ok_js, "---js\n{\n  title: 'Under',\n  list: [\n");
	for (int i = 0; i < 30000; i++) {
		sb_addf(&big, "    'item number %d',\n", i);
		sb_addf(&json, "    \"item number %d\",\n", i);
		if (i < 8000)
			sb_addf(&ok_js, "    {a: 'x%d', b: [1, 2]},\n", i);
	}
	sb_adds(&big, "  ]\n}\n---\nText.\n");
	sb_adds(&json, "    \"end\"\n] }\n---\nText.\n");
	sb_adds(&ok_js, "  ]\n}\n---\nText.\n");
	fx_writes(S_tmp, "cap/eleventy.config.js", "export default function () {}\n");
	fx_writes(S_tmp, "cap/big.md", big.s);
	fx_writes(S_tmp, "cap/big-json.md", json.s);
	fx_writes(S_tmp, "cap/under.md", ok_js.s);
	struct site *site = S_open("cap", &posts, &dl);
	ok(site != NULL, "site with large ---js front matter opens");
	ok(fx_has_diag(&dl, DIAG_ERROR, "big.md", "the front matter is "),
	   "---js over 256 KiB: the front matter cap's error");
	ok(fx_has_diag(&dl, DIAG_ERROR, "big.md", "more than the limit of 256.0 KiB"), "  which names the limit");
	ok(fx_has_diag(&dl, DIAG_ERROR, "big-json.md", "more than the limit of 256.0 KiB"),
	   "---json over 256 KiB: the same");
	bool under = false;
	for (size_t i = 0; i < posts.n; i++)
		under |= strcmp(posts.v[i]->title, "Under") == 0;
	ok(under, "---js under the cap (%zu bytes) is read", ok_js.len);
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
	sb_release(&big);
	sb_release(&json);
	sb_release(&ok_js);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_blog();
	test_variants();
	test_one_read();
	test_input_paths();
	test_permalinks();
	test_cli_config();
	test_front_matter_cap();
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
	return done_testing();
}
