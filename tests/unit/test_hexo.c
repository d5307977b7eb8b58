/* Unit tests of the Hexo generator (src/input/gen/hexo.c): small Hexo
 * sites of our own writing in a temporary folder, detected, opened and
 * collected as Hexo's post processor and permalink filter read them. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "convert/markdown.h"
#include "fixture.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-hexo-XXXXXX";

static struct post *S_find(const struct post_list *pl, const char *relpath)
{
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i]->relpath, relpath) == 0)
			return pl->v[i];
	return NULL;
}

static const char *S_joined(const struct strvec *sv)
{
	static char buf[1024];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sv->n && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", sv->v[i]);
	return buf;
}

/* Opens and collects the site in S_tmp/name; false (reported) when it
 * does not open as a Hexo site. */
static bool S_open(const char *name, struct site **site, struct post_list *posts, struct diag_list *dl)
{
	char *root = path_join(S_tmp, name);
	bool ok_ = site_open(site, root, NULL, dl) == 0;
	free(root);
	if (!ok(ok_ && strcmp((*site)->gen->name, "hexo") == 0, "%s: read as a Hexo site", name))
		return false;
	site_collect(*site, posts, dl);
	return true;
}

static void test_site(void)
{
	fx_writes(S_tmp, "tide/_config.yml",
		  "title: Tide Tables\n"
		  "description: A harbour log\n"
		  "author: Mira Castell\n"
		  "language: [pt, en]\n"
		  "timezone: Europe/Lisbon\n"
		  "url: https://tides.example/log\n"
		  "permalink: :year/:month/:title/\n"
		  "new_post_name: :year-:month-:day-:title.md\n"
		  "post_asset_folder: true\n");
	fx_writes(S_tmp, "tide/source/_posts/2023-04-05-first-light.md",
		  "---\ntitle: First light\ntags: boats\ncategories:\n- Harbour\n- Night\n---\nText.\n");
	fx_writes(S_tmp, "tide/source/_posts/2023-04-05-first-light/lantern.png", "png");
	fx_writes(S_tmp, "tide/source/_posts/2023-04-05-first-light/notes.markdown", "An asset, not a post.\n");
	fx_writes(S_tmp, "tide/source/_posts/2023-05-01-two.md",
		  "---\ntitle: Two\ndate: 2023-05-01 18:30:00\ntag: [Sea]\ncategories: [[Library], [Harbour, Visitors]]\n"
		  "slug: ignored-by-hexo\n---\nText.\n");
	fx_writes(S_tmp, "tide/source/_posts/notes/winter moorings.md",
		  "---\ntitle: Winter moorings\ndate: 2023-01-15T10:00:00Z\ncategory: Harbour\n---\nText.\n");
	fx_writes(S_tmp, "tide/source/_posts/_hidden.md", "---\ntitle: Hidden\n---\n");
	fx_writes(S_tmp, "tide/source/_posts/.dot.md", "---\ntitle: Dot\n---\n");
	fx_writes(S_tmp, "tide/source/_posts/_partials/x.md", "---\ntitle: Partial\n---\n");
	fx_writes(S_tmp, "tide/source/_posts/2023-06-01-backup.md~", "---\ntitle: Backup\n---\n");
	fx_writes(S_tmp, "tide/source/_posts/2023-06-02-not-yet.md", "---\ntitle: Not yet\npublished: false\n---\n");
	fx_writes(S_tmp, "tide/source/_drafts/next.md", "---\ntitle: Next\n---\nDraft.\n");
	fx_writes(S_tmp, "tide/source/about/index.md", "---\ntitle: About\n---\nA page.\n");

	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("tide", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->title, "Tide Tables", "title from _config.yml");
	is_str(site->author, "Mira Castell", "author");
	is_str(site->language, "pt", "a list of languages: the first");
	is_str(site->baseurl, "/log", "root: the path of url");
	is_str(site->posts_dir, "source/_posts", "posts under source/_posts");

	struct strvec rel = STRVEC_INIT;
	for (size_t i = 0; i < posts.n; i++)
		sv_push(&rel, posts.v[i]->relpath);
	sv_sort(&rel);
	is_str(S_joined(&rel),
	       "source/_drafts/next.md|source/_posts/2023-04-05-first-light.md|source/_posts/2023-05-01-two.md|"
	       "source/_posts/2023-06-02-not-yet.md|source/_posts/notes/winter moorings.md",
	       "posts and drafts; hidden and temporary files, and (post_asset_folder) other extensions left out");
	sv_free(&rel);

	struct post *first = S_find(&posts, "source/_posts/2023-04-05-first-light.md");
	struct post *two = S_find(&posts, "source/_posts/2023-05-01-two.md");
	struct post *winter = S_find(&posts, "source/_posts/notes/winter moorings.md");
	struct post *notyet = S_find(&posts, "source/_posts/2023-06-02-not-yet.md");
	struct post *next = S_find(&posts, "source/_drafts/next.md");
	if (!ok(first && two && winter && notyet && next, "each post found"))
		goto out;

	char ymd[11];
	date_format_ymd(&first->date, ymd);
	is_str(ymd, "2023-04-05", "a date from the file name (new_post_name)");
	is_int(first->date.tz_minutes, 60, "a date without zone is the site zone's (Lisbon, summer)");
	is_str(first->slug, "first-light", "the slug: new_post_name's :title");
	is_str(first->url, "/2023/04/first-light/", "permalink :year/:month/:title/");
	is_str(first->live_url, "https://tides.example/log/2023/04/first-light/", "under url");
	is_str(S_joined(&first->tags), "boats", "tags: one name");
	is_str(S_joined(&first->categories), "Harbour|Night", "categories: a flat list is one hierarchy");

	is_int(two->date.hour, 18, "a front-matter date wins, its time kept");
	is_str(two->slug, "two", "front-matter slug is ignored, as Hexo does");
	is_str(S_joined(&two->tags), "Sea", "tag: the singular key");
	is_str(S_joined(&two->categories), "Library|Harbour|Visitors", "categories: a list of lists");

	is_str(winter->slug, "notes-winter-moorings",
	       "a name new_post_name does not match: the whole path slugized");
	is_int(winter->date.hour, 10, "a date with zone converted to the site's zone (Lisbon, winter: +0)");
	is_str(winter->url, "/2023/01/notes-winter-moorings/", "its permalink");

	ok(notyet->draft, "published: false is a draft");
	ok(next->draft && !next->live_url, "_drafts: drafts, with no live URL");

	struct strvec out = STRVEC_INIT;
	site_ref_targets(site, &posts, first->relpath, "two", false, &out);
	is_str(S_joined(&out), "source/_posts/2023-05-01-two.md", "post_link by slug");
	sv_free(&out);
	site_ref_targets(site, &posts, first->relpath, "Winter moorings", false, &out);
	is_str(S_joined(&out), "source/_posts/notes/winter moorings.md", "post_link by title");
	sv_free(&out);
	site_ref_targets(site, &posts, first->relpath, "two", true, &out);
	is_int((int)out.n, 0, "a Markdown link is no reference");
	sv_free(&out);
	site_image_folders(site, first, &out);
	is_str(S_joined(&out), "source/_posts/2023-04-05-first-light", "images: the post's asset folder");
	sv_free(&out);
out:
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* Every token of permalink, pretty_urls, and a front-matter permalink. */
static void test_permalinks(void)
{
	fx_writes(S_tmp, "perma/_config.yml",
		  "url: https://h.example\n"
		  "permalink: ':year/:i_month/:i_day/:hour-:minute-:second/:name/:post_title/:category/:lang/:theme/:timestamp/:hash.html'\n"
		  "permalink_defaults:\n  lang: en\n  theme: plain\n"
		  "pretty_urls:\n  trailing_html: false\n"
		  "category_map:\n  Día a día: daily\n");
	fx_writes(S_tmp, "perma/source/_posts/sub/Été Ça.md",
		  "---\ntitle: \"Été: ça va?\"\ndate: 2024-03-07T08:09:10Z\nlang: fr\ncategories: [Día a día, Café au lait]\n---\n");
	fx_writes(S_tmp, "perma/source/_posts/fixed.md",
		  "---\ntitle: Fixed\ndate: 2024-01-01\npermalink: about/fixed/\n---\n");
	fx_writes(S_tmp, "perma/source/_posts/no-cat.md",
		  "---\ntitle: No category\ndate: 2024-01-02\n---\n");
	fx_writes(S_tmp, "perma/_config.yml.bak", "");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("perma", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	struct post *p = S_find(&posts, "source/_posts/sub/Été Ça.md");
	struct post *fixed = S_find(&posts, "source/_posts/fixed.md");
	if (ok(p != NULL, "the post with accents is found")) {
		is_str(p->slug, "sub/Été Ça", "new_post_name :title.md takes the path as it is");
		/* :hash is sha1(slug + unix time), its first twelve digits. */
		is_str(p->url,
		       "/2024/3/7/08-09-10/Été Ça/ete-ca-va/daily/Cafe-au-lait/fr/plain/1709798950/218bc205ea87.html",
		       "each token: dates, :name, :post_title, :category (mapped, slugized), front matter, defaults");
		is_str(p->live_url,
		       "https://h.example/2024/3/7/08-09-10/Été Ça/ete-ca-va/daily/Cafe-au-lait/fr/plain/1709798950/"
		       "218bc205ea87",
		       "trailing_html: false drops .html from the live URL");
	}
	if (ok(fixed != NULL, "the post with a permalink is found"))
		is_str(fixed->url, "/about/fixed/", "a front-matter permalink, made site-absolute");
	struct post *nc = S_find(&posts, "source/_posts/no-cat.md");
	if (ok(nc != NULL, "the post without category is found"))
		like(nc->url, "/uncategorized/", ":category without categories: default_category");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* Detection: a Jekyll site also has _config.yml; only a source folder
 * with _posts is Hexo's. A missing date falls back as Hexo's does. */
static void test_detect_and_dates(void)
{
	fx_writes(S_tmp, "jek/_config.yml", "title: A Jekyll site\n");
	fx_writes(S_tmp, "jek/_posts/2024-01-01-a.md", "---\ntitle: A\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	char *root = path_join(S_tmp, "jek");
	if (ok(site_open(&site, root, NULL, &dl) == 0, "the Jekyll site opens"))
		ok(strcmp(site->gen->name, "hexo") != 0, "a _config.yml without source/_posts is not Hexo's");
	site_free(site);
	site = NULL;
	free(root);

	/* A Jekyll site whose source folder is source/ has source/_posts too. */
	fx_writes(S_tmp, "jsrc/_config.yml", "title: Jekyll from source/\nsource: source\n");
	fx_writes(S_tmp, "jsrc/source/_posts/2024-01-01-a.md", "---\ntitle: A\n---\n");
	root = path_join(S_tmp, "jsrc");
	if (ok(site_open(&site, root, NULL, &dl) == 0, "the Jekyll site with source: source opens"))
		ok(strcmp(site->gen->name, "hexo") != 0, "Jekyll's `source` key: not Hexo's");
	site_free(site);
	site = NULL;
	free(root);
	/* A Hexo site whose config has no Hexo-only key: scaffolds/ or
	 * package.json tell. */
	fx_writes(S_tmp, "bare/_config.yml", "title: Bare\n");
	fx_writes(S_tmp, "bare/source/_posts/a.md", "---\ntitle: A\n---\n");
	fx_writes(S_tmp, "bare/package.json", "{\"dependencies\": {\"hexo\": \"^7.0.0\"}}\n");
	root = path_join(S_tmp, "bare");
	if (ok(site_open(&site, root, NULL, &dl) == 0, "a bare Hexo site opens"))
		is_str(site->gen->name, "hexo", "hexo in package.json: Hexo's");
	site_free(site);
	site = NULL;
	free(root);

	fx_writes(S_tmp, "own/_config.yml", "source_dir: src\nnew_post_name: :year/:i_month/:i_day-:title.md\n");
	fx_writes(S_tmp, "own/src/_posts/2022/7/3-x.md", "---\ntitle: X\n---\n");
	fx_writes(S_tmp, "own/src/_posts/2022/7/y.markdown", "---\ntitle: Y\ndate: 2022-07-09\n---\n");
	fx_writes(S_tmp, "own/src/_posts/undated.md", "---\ntitle: Undated\n---\n");
	char *undated = path_join(S_tmp, "own/src/_posts/undated.md");
	struct utimbuf t = {1600000000, 1600000000};
	utime(undated, &t);
	free(undated);
	struct post_list posts = POST_LIST_INIT;
	if (S_open("own", &site, &posts, &dl)) {
		struct post *x = S_find(&posts, "src/_posts/2022/7/3-x.md");
		ok(S_find(&posts, "src/_posts/2022/7/y.markdown") != NULL, "any Markdown extension is a post");
		struct post *u = S_find(&posts, "src/_posts/undated.md");
		char ymd[11] = "";
		if (x)
			date_format_ymd(&x->date, ymd);
		is_str(ymd, "2022-07-03", "source_dir; :year/:i_month/:i_day- across folders gives the date");
		is_str(x ? x->slug : NULL, "x", "and the slug");
		ymd[0] = '\0';
		if (u)
			date_format_ymd(&u->date, ymd);
		is_str(ymd, "2020-09-13", "no date at all: the file's time");
		bool warned = false;
		for (size_t i = 0; i < dl.n; i++)
			warned |= strstr(dl.v[i].message, "modification time") != NULL;
		ok(warned, "with a warning");
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
	test_site();
	test_permalinks();
	test_detect_and_dates();
	fx_rm_rf(S_tmp);
	return done_testing();
}
