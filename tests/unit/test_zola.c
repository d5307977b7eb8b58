/* Unit tests of the Zola generator (src/input/gen/zola.c): a small Zola site of
 * our own writing in a temporary folder, opened, detected and collected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convert/dialect.h"
#include "fixture.h"
#include "convert/markdown.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-zola-XXXXXX";





static void S_make_site(void)
{
	fx_writes(S_tmp, "z/config.toml",
		"# A Zola site\n"
		"base_url = \"https://zola.example/notes\"\n"
		"title = \"Field Notes\"\n"
		"description = \"Notes from the field\"\n"
		"default_language = \"fr\"\n"
		"author = \"Ada Writer\"\n"
		"compile_sass = false\n"
		"taxonomies = [{ name = \"tags\" }, { name = \"categories\" }]\n"
		"\n"
		"[markdown]\n"
		"highlight_code = true\n"
		"\n"
		"[extra]\n"
		"title = \"not the title\"\n");
	fx_writes(S_tmp, "z/content/_index.md", "+++\ntitle = \"Home\"\nsort_by = \"date\"\n+++\n");
	fx_writes(S_tmp, "z/content/about.md", "+++\ntitle = \"About\"\n+++\nAbout us.\n");
	fx_writes(S_tmp, "z/content/blog/_index.md",
		"+++\ntitle = \"Blog\"\nsort_by = \"date\"\npaginate_by = 5\n+++\n");
	fx_writes(S_tmp, "z/content/blog/2024-03-05-dated-post.md",
		"+++\n"
		"title = \"Dated by its name\"\n"
		"+++\n"
		"The date is in the file name.\n");
	fx_writes(S_tmp, "z/content/blog/2024-04-01_front-wins.md",
		"+++\n"
		"title = \"Front matter wins\"\n"
		"date = 2024-05-06T10:00:00Z\n"
		"+++\n"
		"Text.\n");
	fx_writes(S_tmp, "z/content/blog/2024-01-02T10:20:30Z-rfc.md",
		"+++\ntitle = \"RFC 3339 prefix\"\n+++\nText.\n");
	fx_writes(S_tmp, "z/content/blog/2024-13-01-not-a-date.md",
		"+++\ntitle = \"Month thirteen\"\n+++\nText.\n");
	fx_writes(S_tmp, "z/content/blog/bundle-post/index.md",
		"+++\n"
		"title = \"A bundle\"\n"
		"date = 2024-02-10\n"
		"+++\n"
		"![A photo](photo.png)\n");
	fx_write(S_tmp, "z/content/blog/bundle-post/photo.png", "\x89PNG\r\n\x1a\n", 8);
	fx_writes(S_tmp, "z/content/blog/2023-12-24-xmas/index.md",
		"+++\ntitle = \"Dated bundle\"\n+++\nText.\n");
	fx_writes(S_tmp, "z/content/blog/draft.md",
		"+++\n"
		"title = \"Not yet\"\n"
		"date = 2024-06-01\n"
		"draft = true\n"
		"+++\n"
		"Draft.\n");
	fx_writes(S_tmp, "z/content/blog/by-path.md",
		"+++\n"
		"path = \"2023/07/08/by-path-slug\"\n"
		"title = \"Dated by its path\"\n"
		"authors = [\"Bea\"]\n"
		"+++\n"
		"Text.\n");
	fx_writes(S_tmp, "z/content/blog/tagged.md",
		"+++\n"
		"title = \"Tagged\"\n"
		"description = \"A post with  every field\"\n"
		"date = 2024-01-15\n"
		"updated = 2024-06-01T09:00:00+02:00\n"
		"slug = \"Custom Slug!\"\n"
		"weight = 3\n"
		"authors = [\"Ann\", \"Bob\"]\n"
		"aliases = [\"old/tagged\", \"/older.html\"]\n"
		"\n"
		"[taxonomies]\n"
		"tags = [\"Rust\", \"C\"]\n"
		"categories = [\"News\"]\n"
		"series = [\"Basics\"]\n"
		"\n"
		"[extra]\n"
		"tags = [\"ignored\"]\n"
		"+++\n"
		"Tagged text.\n");
	fx_writes(S_tmp, "z/content/blog/Mixed Case.File.md", "+++\n+++\n# Heading title\n");
	fx_writes(S_tmp, "z/content/blog/yaml.md", "---\ntitle: YAML is read too\ndate: 2022-02-02\n---\nText.\n");
	fx_writes(S_tmp, "z/content/notes/orphan.md", "+++\ntitle = \"No section\"\n+++\nText.\n");
	fx_writes(S_tmp, "z/content/.hidden/secret.md", "+++\ntitle = \"Hidden\"\n+++\n");
	fx_writes(S_tmp, "z/static/img/logo.png", "png");
	fx_writes(S_tmp, "z/templates/page.html", "{{ page.content }}\n");
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

/* References: `@/` from content/, in links and in arguments. */
static void test_hooks(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	char *root = path_join(S_tmp, "z");
	bool opened = site_open(&site, root, NULL, &dl) == 0;
	free(root);
	if (!ok(opened, "hooks: the site opens")) {
		diag_list_free(&dl);
		return;
	}
	struct post_list posts = POST_LIST_INIT;
	struct strvec out = STRVEC_INIT;
	site_ref_targets(site, &posts, "content/blog/a.md", "@/blog/by%20path.md#top", true, &out);
	is_str(S_joined(&out), "content/blog/by path.md", "link @/: decoded, under content/, fragment gone");
	sv_free(&out);
	site_ref_targets(site, &posts, "content/blog/a.md", "blog/b.md", true, &out);
	is_int((int)out.n, 0, "a plain link is no reference");
	sv_free(&out);
	site_ref_targets(site, &posts, "content/blog/a.md", "@/about.md", false, &out);
	ok(sv_contains_ci(&out, "content/about.md"), "argument @/: under content/ (%s)", S_joined(&out));
	sv_free(&out);
	site_page_forms(site, "content/blog/x", &out);
	is_str(S_joined(&out), "content/blog/x.md|content/blog/x/index.md", "page forms: .md only");
	sv_free(&out);
	site_free(site);
	diag_list_free(&dl);
}

static void test_site(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	char *root = path_join(S_tmp, "z");
	if (!ok(site_open(&site, root, NULL, &dl) == 0 && site, "zola: the site opens")) {
		free(root);
		diag_list_free(&dl);
		return;
	}
	is_str(site->gen->name, "zola", "zola: detected from config.toml with base_url");
	is_str(site->title, "Field Notes", "config: title (not extra.title)");
	is_str(site->description, "Notes from the field", "config: description");
	is_str(site->url, "https://zola.example/notes", "config: base_url is the site URL");
	is_str(site->language, "fr", "config: default_language");
	is_str(site->author, "Ada Writer", "config: author");
	is_str(site->config_file, "config.toml", "config file");
	is_str(site->content_dir, "content", "content folder");
	is_str(site->static_dir, "static", "static folder for site-absolute paths");
	ok(site->gen->dialects[0] == &dialect_zola && site->gen->dialects[1] == &dialect_site_emoji &&
	   site->gen->dialects[2] == &dialect_math && site->gen->dialects[3] == &dialect_heading_ids &&
	   !site->gen->dialects[4],
	   "dialects: shortcodes, math, heading ids");

	struct post_list pl = POST_LIST_INIT;
	is_int(site_collect(site, &pl, &dl), 0, "collect: no errors");
	is_int(diag_count(&dl, DIAG_ERROR), 0, "collect: no error diagnostics");
	is_int(pl.n, 13, "collect: thirteen pages (sections and hidden folders left out)");
	ok(!fx_find_post(&pl, "content/_index.md") && !fx_find_post(&pl, "content/blog/_index.md"),
	   "_index.md files are sections, not posts");
	ok(!fx_find_post(&pl, "content/.hidden/secret.md"), "hidden folders are skipped");
	ok(fx_find_post(&pl, "content/about.md") && fx_find_post(&pl, "content/notes/orphan.md"),
	   "pages outside the blog section are pages too");

	const struct post *p = fx_find_post(&pl, "content/blog/2024-03-05-dated-post.md");
	if (ok(p != NULL, "dated file found")) {
		is_str(p->title, "Dated by its name", "dated file: title");
		fx_is_date(&p->date, "2024-03-05", "dated file: date from the file name");
		is_str(p->live_url, "https://zola.example/notes/blog/dated-post/",
		       "dated file: URL without the date prefix");
		ok(!p->draft, "dated file: not a draft");
		ok(p->url == NULL, "dated file: no path field, no url");
	}
	p = fx_find_post(&pl, "content/blog/2024-04-01_front-wins.md");
	if (ok(p != NULL, "underscore-dated file found")) {
		fx_is_date(&p->date, "2024-05-06", "front matter date wins over the file name");
		is_str(p->live_url, "https://zola.example/notes/blog/front-wins/", "'_' after the date is dropped too");
	}
	p = fx_find_post(&pl, "content/blog/2024-01-02T10:20:30Z-rfc.md");
	if (ok(p != NULL, "RFC 3339 prefix found")) {
		fx_is_date(&p->date, "2024-01-02", "RFC 3339 prefix: the date");
		ok(p->date.has_time && p->date.hour == 10 && p->date.second == 30, "RFC 3339 prefix: the time");
		is_str(p->live_url, "https://zola.example/notes/blog/rfc/", "RFC 3339 prefix: slug after it");
	}
	p = fx_find_post(&pl, "content/blog/2024-13-01-not-a-date.md");
	if (ok(p != NULL, "bad date prefix found")) {
		ok(!p->date.valid, "month 13: no date");
		is_str(p->live_url, "https://zola.example/notes/blog/2024-13-01-not-a-date/",
		       "month 13: the name stays whole");
	}
	p = fx_find_post(&pl, "content/blog/bundle-post/index.md");
	if (ok(p != NULL, "bundle found")) {
		is_str(p->title, "A bundle", "bundle: title");
		is_str(p->live_url, "https://zola.example/notes/blog/bundle-post/", "bundle: URL of its folder");
	}
	p = fx_find_post(&pl, "content/blog/2023-12-24-xmas/index.md");
	if (ok(p != NULL, "dated bundle found")) {
		fx_is_date(&p->date, "2023-12-24", "dated bundle: date from the folder name");
		is_str(p->live_url, "https://zola.example/notes/blog/xmas/", "dated bundle: URL without the date");
	}
	p = fx_find_post(&pl, "content/blog/draft.md");
	if (ok(p != NULL, "draft found"))
		ok(p->draft, "draft = true is a draft");
	p = fx_find_post(&pl, "content/blog/by-path.md");
	if (ok(p != NULL, "path-dated post found")) {
		fx_is_date(&p->date, "2023-07-08", "path = \"2023/07/08/…\" gives the date");
		is_str(p->url, "/2023/07/08/by-path-slug/", "path: the post's url");
		is_str(p->live_url, "https://zola.example/notes/2023/07/08/by-path-slug/",
		       "path: the live URL ignores the section");
		fx_is_list(&p->authors, "Bea", "authors");
	}
	p = fx_find_post(&pl, "content/blog/tagged.md");
	if (ok(p != NULL, "tagged post found")) {
		fx_is_list(&p->tags, "Rust|C", "taxonomies.tags (extra.tags ignored)");
		fx_is_list(&p->categories, "News", "taxonomies.categories");
		fx_is_list(&p->series, "Basics", "taxonomies.series");
		fx_is_list(&p->authors, "Ann|Bob", "authors list");
		fx_is_list(&p->aliases, "old/tagged|/older.html", "aliases");
		is_int(p->weight, 3, "weight");
		is_str(p->slug, "Custom Slug!", "slug as written");
		is_str(p->description, "A post with every field", "description");
		fx_is_date(&p->date, "2024-01-15", "date");
		ok(p->updated.valid && p->updated.tz_minutes == 120, "updated with its offset");
		is_str(p->live_url, "https://zola.example/notes/blog/custom-slug/", "slug field: slugified in the URL");
	}
	p = fx_find_post(&pl, "content/blog/Mixed Case.File.md");
	if (ok(p != NULL, "file with spaces and dots found")) {
		is_str(p->title, "Heading title", "no title: the first heading");
		is_str(p->live_url, "https://zola.example/notes/blog/mixed-case-file/", "file name slugified");
	}
	p = fx_find_post(&pl, "content/blog/yaml.md");
	if (ok(p != NULL, "YAML post found")) {
		is_str(p->title, "YAML is read too", "YAML front matter is read");
		fx_is_date(&p->date, "2022-02-02", "YAML date");
	}
	p = fx_find_post(&pl, "content/about.md");
	if (ok(p != NULL, "about found"))
		is_str(p->live_url, "https://zola.example/notes/about/", "a page at the root");

	char *u = site_page_url(site, "content/blog/bundle-post/photo.png");
	is_str(u, "https://zola.example/notes/blog/bundle-post/photo.png", "page_url: a bundle's image");
	free(u);
	u = site_page_url(site, "content/blog/tagged.md");
	is_str(u, "https://zola.example/notes/blog/custom-slug/", "page_url: a page");
	free(u);
	u = site_page_url(site, "content/blog/_index.md");
	is_str(u, "https://zola.example/notes/blog/", "page_url: a section");
	free(u);
	u = site_page_url(site, "content/_index.md");
	is_str(u, "https://zola.example/notes/", "page_url: the home section");
	free(u);
	u = site_page_url(site, "static/img/logo.png");
	is_str(u, "https://zola.example/notes/img/logo.png", "page_url: a static file at the root");
	free(u);
	u = site_page_url(site, "templates/page.html");
	ok(u == NULL, "page_url: templates are not on the site");
	free(u);

	post_list_free(&pl, true);
	site_free(site);
	free(root);
	diag_list_free(&dl);
}

static void test_detect_and_errors(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;

	/* A config.toml without base_url (Hugo's has baseURL) is not Zola. */
	fx_writes(S_tmp, "hugo/config.toml", "baseURL = \"https://hugo.example/\"\ntitle = \"Hugo\"\n");
	fx_writes(S_tmp, "hugo/content/post.md", "+++\ntitle = \"Hugo post\"\n+++\n");
	char *root = path_join(S_tmp, "hugo");
	if (site_open(&site, root, NULL, &dl) == 0)
		ok(strcmp(site->gen->name, "zola") != 0, "baseURL is not Zola's base_url (got %s)", site->gen->name);
	else
		ok(0, "hugo-like site opens");
	site_free(site);
	site = NULL;
	free(root);

	/* base_url = "/" is for previews: no live URLs. */
	fx_writes(S_tmp, "local/config.toml", "base_url = \"/\"\n");
	fx_writes(S_tmp, "local/content/a.md", "+++\ntitle = \"A\"\n+++\n");
	root = path_join(S_tmp, "local");
	struct post_list pl = POST_LIST_INIT;
	if (ok(site_open(&site, root, NULL, &dl) == 0 && strcmp(site->gen->name, "zola") == 0,
	       "base_url = \"/\": still Zola")) {
		ok(site->url == NULL, "base_url = \"/\": no site URL");
		ok(site_collect(site, &pl, &dl) == 0 && pl.n == 1 && pl.v[0]->live_url == NULL,
		   "base_url = \"/\": no live URL");
		ok(site->title == NULL && site->language == NULL, "no title or language in config: NULL");
	}
	post_list_free(&pl, true);
	site_free(site);
	site = NULL;
	free(root);

	/* A broken config.toml is still recognised, and its error reported. */
	fx_writes(S_tmp, "brokencfg/config.toml", "title = \"x\"\nbase_url = \"https://b.example\"\n[extra\n");
	fx_writes(S_tmp, "brokencfg/content/a.md", "+++\n+++\n");
	root = path_join(S_tmp, "brokencfg");
	is_int(site_open(&site, root, NULL, &dl), -1, "broken config.toml: site_open fails");
	ok(dl.n >= 1 && dl.v[dl.n - 1].line == 3 && str_ends_with(dl.v[dl.n - 1].file, "config.toml"),
	   "broken config.toml: error at config.toml line 3");
	site_free(site);
	site = NULL;
	free(root);
	diag_list_free(&dl);

	/* No content folder. */
	fx_writes(S_tmp, "nocontent/config.toml", "base_url = \"https://n.example\"\n");
	root = path_join(S_tmp, "nocontent");
	is_int(site_open(&site, root, NULL, &dl), -1, "no content folder: an error");
	site_free(site);
	site = NULL;
	free(root);
	diag_list_free(&dl);

	/* Malformed TOML in a post: an error at the file's line. */
	fx_writes(S_tmp, "badpost/config.toml", "base_url = \"https://p.example\"\n");
	fx_writes(S_tmp, "badpost/content/ok.md", "+++\ntitle = \"Fine\"\n+++\n");
	fx_writes(S_tmp, "badpost/content/bad.md",
		"+++\n"
		"title = \"Broken\"\n"
		"date = 2024-01-01\n"
		"tags = [\"a\"\n"
		"+++\n"
		"Text\n");
	fx_writes(S_tmp, "badpost/content/baddate.md", "+++\ndate = \"yesterday\"\n+++\n");
	root = path_join(S_tmp, "badpost");
	if (ok(site_open(&site, root, "zola", &dl) == 0, "--generator zola opens a site")) {
		is_int(site_collect(site, &pl, &dl), -1, "a malformed post fails the collection");
		is_int(pl.n, 1, "the good post is still read");
		bool at_line = false, date_err = false;
		for (size_t i = 0; i < dl.n; i++) {
			if (str_ends_with(dl.v[i].file, "bad.md") && dl.v[i].severity == DIAG_ERROR &&
			    dl.v[i].line >= 4 && dl.v[i].line <= 5 && strstr(dl.v[i].message, "TOML"))
				at_line = true;
			if (str_ends_with(dl.v[i].file, "baddate.md") && dl.v[i].line == 2 &&
			    strstr(dl.v[i].message, "not a date"))
				date_err = true;
		}
		ok(at_line, "malformed TOML: error at the post's file line 4 or 5");
		ok(date_err, "a date that is not one: error at its line");
	}
	post_list_free(&pl, true);
	site_free(site);
	free(root);
	diag_list_free(&dl);
}

/* A small site with the [slugify] table given: its posts, read. */
static struct site *S_slug_site(const char *dir, const char *slugify, struct post_list *pl, struct diag_list *dl)
{
	char *cfg = xasprintf("base_url = \"https://s.example\"\n[slugify]\n%s\n", slugify);
	char *rel = xasprintf("%s/config.toml", dir);
	fx_writes(S_tmp, rel, cfg);
	free(rel);
	free(cfg);
	static const char *const pages[][2] = {
		{"content/posts/Crème Brûlée (v2).md", "+++\ntitle = \"Dessert\"\n+++\n"},
		{"content/posts/2024-01-02_Stew: Day One.md", "+++\ntitle = \"Stew\"\n+++\n"},
		{"content/posts/2024-03-04-soup/index.md", "+++\ntitle = \"Soup\"\n+++\n"},
		{"content/posts/hidden.md", "+++\ntitle = \"Hidden\"\nrender = false\n+++\n"},
		{"content/posts/_index.md", "+++\ntitle = \"Posts\"\nrender = false\ntransparent = true\n+++\n"},
		{"content/posts/2023/_index.md", "+++\ntransparent = true\n+++\n"},
		{"content/posts/2023/kept.md", "+++\ntitle = \"Kept\"\n+++\n"},
	};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		char *r = xasprintf("%s/%s", dir, pages[i][0]);
		fx_writes(S_tmp, r, pages[i][1]);
		free(r);
	}
	char *root = path_join(S_tmp, dir);
	struct site *site = NULL;
	if (site_open(&site, root, NULL, dl) == 0)
		site_collect(site, pl, dl);
	else
		site = NULL;
	free(root);
	return site;
}

static void S_is_url(const struct post_list *pl, const char *file, const char *want, const char *name)
{
	const struct post *p = fx_find_post(pl, file);
	is_str(p ? p->live_url : "(no post)", want, name);
}

/* [slugify] paths = on | safe | off, paths_keep_dates; render = false
 * pages; the pages of unrendered and transparent sections. */
static void test_slugify(void)
{
	static const struct {
		const char *dir, *cfg, *dessert, *stew, *soup;
	} cases[] = {
		{"on", "paths = \"on\"", "https://s.example/posts/creme-brulee-v2/",
		 "https://s.example/posts/stew-day-one/", "https://s.example/posts/soup/"},
		{"safe", "paths = \"safe\"", "https://s.example/posts/Crème Brûlée (v2)/",
		 "https://s.example/posts/Stew Day One/", "https://s.example/posts/soup/"},
		{"off", "paths = \"off\"", "https://s.example/posts/Crème Brûlée (v2)/",
		 "https://s.example/posts/Stew: Day One/", "https://s.example/posts/soup/"},
		{"keep", "paths_keep_dates = true", "https://s.example/posts/creme-brulee-v2/",
		 "https://s.example/posts/2024-01-02-stew-day-one/", "https://s.example/posts/2024-03-04-soup/"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct post_list pl = POST_LIST_INIT;
		struct site *site = S_slug_site(cases[i].dir, cases[i].cfg, &pl, &dl);
		if (!ok(site != NULL, "slugify %s: the site opens", cases[i].dir)) {
			diag_list_free(&dl);
			continue;
		}
		S_is_url(&pl, "content/posts/Crème Brûlée (v2).md", cases[i].dessert, cases[i].cfg);
		S_is_url(&pl, "content/posts/2024-01-02_Stew: Day One.md", cases[i].stew, cases[i].cfg);
		S_is_url(&pl, "content/posts/2024-03-04-soup/index.md", cases[i].soup, cases[i].cfg);
		const struct post *p = fx_find_post(&pl, "content/posts/2024-01-02_Stew: Day One.md");
		if (p)
			fx_is_date(&p->date, "2024-01-02", "the date from the name, whatever the slug keeps");
		p = fx_find_post(&pl, "content/posts/2024-03-04-soup/index.md");
		if (p)
			fx_is_date(&p->date, "2024-03-04", "the date from the bundle's folder");
		ok(!fx_find_post(&pl, "content/posts/hidden.md"), "render = false: the page is no post");
		S_is_url(&pl, "content/posts/2023/kept.md", "https://s.example/posts/2023/kept/",
			 "a transparent section's page: a post, at its own folder's path");
		is_int((long long)pl.n, 4, "four posts: the unrendered section's pages are rendered");
		post_list_free(&pl, true);
		site_free(site);
		diag_list_free(&dl);
	}
}

int main(void)
{
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	markdown_init();
	S_make_site();
	test_site();
	test_detect_and_errors();
	test_hooks();
	test_slugify();
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
	return done_testing();
}
