/* Unit tests of the Pelican generator (src/input/gen/pelican.c): small
 * Pelican sites of our own writing in a temporary folder, detected,
 * opened and collected as Pelican's settings, readers and URL rules read
 * them. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect.h"
#include "convert/dialect/pelican.h"
#include "convert/markdown.h"
#include "fixture.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-pelican-XXXXXX";

/* Whether a warning says needle at line (negative: at any). */
static bool S_warned(const struct diag_list *dl, const char *needle, int line)
{
	return fx_count_diag(dl, DIAG_WARNING, "", needle, line) > 0;
}

static bool S_open(const char *name, struct site **site, struct post_list *posts, struct diag_list *dl)
{
	return fx_open_site(site, posts, dl, S_tmp, name, "pelican", NULL);
}

static void test_site(void)
{
	fx_writes(S_tmp, "gull/pelicanconf.py",
		  "#!/usr/bin/env python\n"
		  "import os\n"
		  "AUTHOR = u'Ines Marlow'\n"
		  "SITENAME = \"Gull Notes\"\n"
		  "LOCAL = False\n"
		  "SITEURL = 'https://gull.example' if not LOCAL else 'http://localhost:8000'\n"
		  "TIMEZONE = 'Europe/Lisbon'\n"
		  "DEFAULT_LANG = 'en'\n"
		  "THEME = os.path.join('themes', 'x')\n"
		  "ARTICLE_URL = 'posts/{date:%Y}/{date:%m}/{slug}/'\n"
		  "ARTICLE_LANG_URL = '{lang}/{slug}.html'\n"
		  "DEFAULT_CATEGORY = 'Misc'\n"
		  "FEED_DOMAIN = SITEURL\n"
		  "STATIC_PATHS = ['images', 'extra']\n"
		  "SITESUBTITLE = ('A log '\n"
		  "                'of birds')\n"
		  "TAG_URL = os.environ['TAGS']\n");
	fx_writes(S_tmp, "gull/content/2021-03-04-first.md",
		  "Title: First   light\n"
		  "Date: 2021-03-04 18:30\n"
		  "Tags: shore, birds; dawn\n"
		  "Category: Field Notes\n"
		  "Authors: Ines Marlow, Tom Ray\n"
		  "Summary: A first line\n"
		  "    and its second.\n"
		  "Number: 7\n"
		  "Image: {static}/images/cover.png\n"
		  "\n"
		  "Body starts here.\n");
	fx_writes(S_tmp, "gull/content/coast/tides.markdown",
		  "title: Tides\n"
		  "DATE: 2021/05/06\n"
		  "tags: sea, moon, sea\n"
		  "# Not metadata: the body\n");
	fx_writes(S_tmp, "gull/content/coast/2020-01-02-named.mkd", "Title: Named by its file\n\nText.\n");
	fx_writes(S_tmp, "gull/content/words.md",
		  "Title: Words\nDate: 12 June 2015\nSlug: my-own-slug\nAuthor: Ann Lee, Jr.\n\nText.\n");
	fx_writes(S_tmp, "gull/content/short.md", "Title: Short\nDate: 2016-7-4\n\nX.\n");
	fx_writes(S_tmp, "gull/content/us.md", "Title: US\nDate: 12/06/2015 08:00\n\nX.\n");
	fx_writes(S_tmp, "gull/content/eu.md", "Title: EU\nDate: 25.12.2015\n\nX.\n");
	fx_writes(S_tmp, "gull/content/rfc.md", "Title: RFC\nDate: Fri, 12 Jun 2015 10:20:00 +0000\n\nX.\n");
	fx_writes(S_tmp, "gull/content/month-first.md", "Title: Month first\nDate: June 3, 2016 10:20\n\nText.\n");
	fx_writes(S_tmp, "gull/content/draft.md", "Title: Later\nDate: 2022-01-01\nStatus: draft\n\nSoon.\n");
	fx_writes(S_tmp, "gull/content/hidden.md", "Title: Hidden\nDate: 2022-01-01\nStatus: hidden\n\nX.\n");
	fx_writes(S_tmp, "gull/content/skip.md", "Title: Skip\nDate: 2022-01-01\nStatus: skip\n\nX.\n");
	fx_writes(S_tmp, "gull/content/odd.md", "Title: Odd\nDate: 2022-01-01\nStatus: archived\n\nX.\n");
	fx_writes(S_tmp, "gull/content/undated.md", "Title: No date anywhere\n\nPelican skips me.\n");
	fx_writes(S_tmp, "gull/content/untitled.md", "Date: 2022-01-01\n\nNo title.\n");
	fx_writes(S_tmp, "gull/content/first-pt.md",
		  "Title: Primeira luz\nDate: 2021-03-04\nSlug: first-light\nLang: pt\n\nTexto.\n");
	fx_writes(S_tmp, "gull/content/first-again.md",
		  "Title: First light again\nDate: 2021-03-05\nSlug: first-light\nTranslation: true\n\nX.\n");
	fx_writes(S_tmp, "gull/content/pt.md", "Title: Olá\nDate: 2022-02-02\nLang: pt\n\nTexto.\n");
	fx_writes(S_tmp, "gull/content/yaml.md",
		  "---\ntitle: In YAML\ndate: 2022-03-03\ntags: a, b\nauthors: Ann Lee; Bo Chen\n---\nText.\n");
	fx_writes(S_tmp, "gull/content/pages/about.md", "Title: About the Gulls\n\nA page, not a post.\n");
	fx_writes(S_tmp, "gull/content/pages/contact.md", "Title: Contact\nURL: write-to-us/\n\nA page.\n");
	fx_writes(S_tmp, "gull/content/.hidden.md", "Title: Dot\nDate: 2022-01-01\n\nX.\n");
	fx_writes(S_tmp, "gull/content/images/x.png", "png");
	fx_writes(S_tmp, "gull/content/old.html", "<html><head><title>Old</title></head></html>\n");
	fx_writes(S_tmp, "gull/content/web.html",
		  "<html>\n<head>\n<title>An HTML &amp; note</title>\n"
		  "<meta name=\"date\" content=\"2020-02-02 10:00\" />\n"
		  "<meta name=\"keywords\" content=\"web, markup\">\n"
		  "<meta name=\"Authors\" contents=\"Ann Lee; Bo Chen\">\n"
		  "</head>\n<body class=\"x\">\n<p>The body.</p>\n</body>\n</html>\n");
	fx_writes(S_tmp, "gull/content/commented.rst",
		  ".. -*- mode: rst -*-\n"
		  "   a comment's second line\n"
		  "\n"
		  "Commented first\n"
		  "~~~~~~~~~~~~~~~\n"
		  "\n"
		  ":date: 2019-08-01\n"
		  "\n"
		  "Text.\n");
	fx_writes(S_tmp, "gull/content/two-sections.rst",
		  ":title: From the field\n"
		  ":date: 2019-08-02\n"
		  "\n"
		  "One\n"
		  "===\n"
		  "\n"
		  "Two\n"
		  "===\n");
	fx_writes(S_tmp, "gull/content/essay.rst",
		  "=================\n"
		  "Essay on the Tide\n"
		  "=================\n"
		  "\n"
		  ":date: 2019-07-15 15:40\n"
		  ":tags: sea, essays\n"
		  ":category: Long\n"
		  ":summary: A long look\n"
		  "   at tides.\n"
		  "\n"
		  "First paragraph.\n"
		  "\n"
		  "A section\n"
		  "---------\n"
		  "\n"
		  "Text.\n");

	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("gull", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->title, "Gull Notes", "SITENAME");
	is_str(site->author, "Ines Marlow", "AUTHOR, u'' prefix");
	is_str(site->url, "https://gull.example", "SITEURL from a conditional on a literal");
	is_str(site->description, "A log of birds", "SITESUBTITLE: adjacent strings");
	is_str(site->language, "en", "DEFAULT_LANG");
	is_str(site->content_dir, "content", "PATH: content/ when present");
	is_str(fm_str(fm_get(site->config, "FEED_DOMAIN")), "https://gull.example", "a name is its literal value");
	ok(S_warned(&dl, "TAG_URL is computed", 17), "a computed setting sheaf reads is reported with its line");
	ok(!S_warned(&dl, "THEME", -1), "a computed setting sheaf does not read is not");
	const struct fm_node *exts = fm_get(site->config, "markdown_extensions");
	bool abbr = false;
	for (size_t i = 0; exts && i < exts->n; i++)
		abbr |= strcmp(fm_str(exts->items[i]), "abbr") == 0;
	ok(abbr, "no MARKDOWN: Pelican's default extensions, extra's abbr among them, for the shared passes");

	fx_is_relpaths(&posts,
		       "content/2021-03-04-first.md|content/coast/2020-01-02-named.mkd|content/coast/tides.markdown|"
		       "content/commented.rst|content/draft.md|content/essay.rst|content/eu.md|content/hidden.md|content/month-first.md|content/pt.md|"
		       "content/rfc.md|content/short.md|content/two-sections.rst|content/us.md|content/web.html|content/words.md|"
		       "content/yaml.md",
		       "articles: pages, hidden files, skip/unknown status, articles without title or date, "
		       "and translations (another language's, or marked Translation: true, of one slug) left out");

	ok(S_warned(&dl, "left out: Pelican skips an article without a 'Title:'", 1) &&
		   S_warned(&dl, "left out: Pelican skips an article without a date", 1) &&
		   S_warned(&dl, "unknown status 'archived'", 3),
	   "an article Pelican skips with an error is left out with a warning saying why");
	ok(fx_count_diag(&dl, DIAG_WARNING, "content/skip.md", "", -1) == 0 &&
		   fx_count_diag(&dl, DIAG_WARNING, "pages/about.md", "", -1) == 0,
	   "Status: skip and pages are left out without a word");
	ok(fx_count_diag(&dl, DIAG_WARNING, "content/untitled.md", "", -1) == 1,
	   "one warning for a skipped article");
	const struct post *first = fx_find_post(&posts, "content/2021-03-04-first.md");
	const struct post *tides = fx_find_post(&posts, "content/coast/tides.markdown");
	const struct post *named = fx_find_post(&posts, "content/coast/2020-01-02-named.mkd");
	const struct post *words = fx_find_post(&posts, "content/words.md");
	const struct post *month = fx_find_post(&posts, "content/month-first.md");
	const struct post *draft = fx_find_post(&posts, "content/draft.md");
	const struct post *pt = fx_find_post(&posts, "content/pt.md");
	const struct post *yaml = fx_find_post(&posts, "content/yaml.md");
	const struct post *essay = fx_find_post(&posts, "content/essay.rst");
	if (!ok(first && tides && named && words && month && draft && pt && yaml && essay, "each article found"))
		goto out;

	is_str(first->title, "First light", "Title:, white space collapsed");
	fx_is_date(&first->date, "2021-03-04", "Date:");
	is_int(first->date.hour, 18, "its time");
	is_int(first->date.tz_minutes, 0, "in TIMEZONE (Lisbon, winter)");
	fx_is_list(&first->tags, "shore, birds|dawn", "Tags: split on ; when the value has one");
	fx_is_list(&first->categories, "Field Notes", "Category:");
	fx_is_list(&first->authors, "Ines Marlow|Tom Ray", "Authors: split on ,");
	is_str(first->description, "A first line and its second.", "Summary: with a continuation line");
	is_str(first->slug, "first-light", "the slug: slugify(title)");
	is_str(first->url, "/posts/2021/03/first-light/", "ARTICLE_URL with {date:%Y} {date:%m} {slug}");
	is_str(first->live_url, "https://gull.example/posts/2021/03/first-light/", "under SITEURL");
	ok(str_starts_with(first->body, "Body starts here"), "the body starts after the header and its blank line");
	is_int(first->body_line, 11, "at its line");
	is_str(first->cover_image, "/images/cover.png", "Image: the picture, its {static} prefix dropped");

	is_str(tides->title, "Tides", "keys without case");
	fx_is_date(&tides->date, "2021-05-06", "a date with slashes");
	fx_is_list(&tides->tags, "sea|moon", "a repeated tag once");
	fx_is_list(&tides->categories, "coast", "the folder is the category");
	ok(str_starts_with(tides->body, "# Not metadata"), "a line that is no metadata ends the header and stays");
	fx_is_list(&tides->authors, "Ines Marlow", "no author: AUTHOR");

	fx_is_date(&named->date, "2020-01-02", "no Date: FILENAME_METADATA's date from the file name");

	fx_is_date(&words->date, "2015-06-12", "12 June 2015");
	is_str(words->slug, "my-own-slug", "Slug:");
	is_str(words->url, "/posts/2015/06/my-own-slug/", "its URL");
	fx_is_list(&words->authors, "Ann Lee, Jr.", "Author: one author, not split (Authors: is)");
	fx_is_list(&words->categories, "Misc", "no category, not in a folder: DEFAULT_CATEGORY");

	fx_is_date(&month->date, "2016-06-03", "June 3, 2016 10:20");
	is_int(month->date.hour, 10, "and its time");

	const struct post *sh = fx_find_post(&posts, "content/short.md"), *us = fx_find_post(&posts, "content/us.md");
	const struct post *eu = fx_find_post(&posts, "content/eu.md"), *rfc = fx_find_post(&posts, "content/rfc.md");
	if (ok(sh && us && eu && rfc, "the numeric and RFC 2822 dates' articles found")) {
		fx_is_date(&sh->date, "2016-07-04", "2016-7-4");
		fx_is_date(&us->date, "2015-12-06", "12/06/2015: month first, as dateutil reads it");
		is_int(us->date.hour, 8, "and its time");
		fx_is_date(&eu->date, "2015-12-25", "25.12.2015: the day first when it cannot be a month");
		fx_is_date(&rfc->date, "2015-06-12", "an RFC 2822 date");
		is_int(rfc->date.hour, 11, "its zone converted to TIMEZONE (Lisbon, summer)");
	}
	ok(draft->draft && !draft->live_url, "Status: draft is a draft, with no live URL");
	is_str(pt->url, "/pt/ola.html", "another language: ARTICLE_LANG_URL; the slug ASCII-fied");
	fx_is_list(&yaml->tags, "a|b", "YAML front matter is read too, a string of tags split");
	fx_is_list(&yaml->authors, "Ann Lee|Bo Chen", "and a string of authors");

	char *u = site_page_url(site, "content/pages/about.md");
	is_str(u, "https://gull.example/pages/about-the-gulls.html", "a page's URL: PAGE_URL with its slug");
	free(u);
	u = site_page_url(site, "content/pages/contact.md");
	is_str(u, "https://gull.example/write-to-us/", "a page's URL: URL:");
	free(u);
	u = site_page_url(site, "content/images/x.png");
	is_str(u, "https://gull.example/images/x.png", "a static file's URL: its path under PATH");
	free(u);
	u = site_page_url(site, "content/no/such.png");
	ok(!u, "a file that is not there has no URL");
	free(u);
	u = site_page_url(site, "content/words.md");
	is_str(u, "https://gull.example/posts/2015/06/my-own-slug/", "an article's URL");
	free(u);

	const struct post *web = fx_find_post(&posts, "content/web.html");
	if (ok(web != NULL, "an HTML article")) {
		is_str(web->title, "An HTML & note", "HTML: <title>, its entity read");
		fx_is_date(&web->date, "2020-02-02", "HTML: <meta name=date>");
		fx_is_list(&web->tags, "web|markup", "HTML: keywords are the tags");
		fx_is_list(&web->authors, "Ann Lee|Bo Chen", "HTML: the older contents attribute, a name in any case");
		ok(str_starts_with(web->body, "\n<p>The body.</p>"), "HTML: the body after <body>");
		is_int(web->body_line, 8, "at its line");
	}

	const struct post *com = fx_find_post(&posts, "content/commented.rst");
	const struct post *two = fx_find_post(&posts, "content/two-sections.rst");
	is_str(com ? com->title : NULL, "Commented first", "reST: comments before the title are passed over");
	is_str(two ? two->title : NULL, "From the field",
	       "reST: two sections of one style are no document title; the :title: field is");
	ok(two && str_starts_with(two->body, "\nOne\n===\n"), "and the sections stay in the body");

	struct strvec out = STRVEC_INIT;
	site_ref_targets(site, &posts, "content/coast/tides.markdown", "%7Bfilename%7D/words.md#x", true, &out);
	site_ref_targets(site, &posts, "content/coast/tides.markdown", "{filename}../pt.md", true, &out);
	site_ref_targets(site, &posts, "content/coast/tides.markdown", "words.md", true, &out);
	site_ref_targets(site, &posts, "content/coast/tides.markdown", "{filename}/words.md", false, &out);
	fx_is_list(&out, "content/words.md|content/coast/../pt.md",
		   "a link's address still carrying {filename} (encoded or not) names the file; nothing else does");
	sv_free(&out);

	is_str(essay->title, "Essay on the Tide", "reST: the document title with its overline");
	fx_is_date(&essay->date, "2019-07-15", "reST: :date:");
	fx_is_list(&essay->tags, "sea|essays", "reST: :tags:");
	fx_is_list(&essay->categories, "Long", "reST: :category:");
	is_str(essay->description, "A long look at tides.", "reST: a field over two lines");
	ok(str_starts_with(essay->body, "\nFirst paragraph"), "reST: the body starts after the field list");
out:
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* --language: the book's language picks the original of a slug. */
static void test_language(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	char *root = path_join(S_tmp, "gull");
	struct site_open_options opts = {.language = "pt"};
	if (ok(site_open_ext(&site, root, &opts, &dl) == 0, "gull opens with --language pt")) {
		site_collect(site, &posts, &dl);
		ok(fx_find_post(&posts, "content/first-pt.md") && !fx_find_post(&posts, "content/2021-03-04-first.md"),
		   "the Portuguese article of a slug, not the English one");
		ok(fx_find_post(&posts, "content/words.md") != NULL, "an article in one language only stays");
	}
	free(root);
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

static void test_settings(void)
{
	fx_writes(S_tmp, "tern/pelicanconf.py",
		  "PATH = 'src'\n"
		  "ARTICLE_PATHS = ['blog']\n"
		  "ARTICLE_EXCLUDES = ['blog/old']\n"
		  "FILENAME_METADATA = r'(?P<date>\\d{4}-\\d{2}-\\d{2})_(?P<slug>.*)'\n"
		  "USE_FOLDER_AS_CATEGORY = False\n"
		  "DEFAULT_DATE = (2010, 5, 6, 7, 8)\n"
		  "SLUGIFY_SOURCE = 'basename'\n"
		  "ARTICLE_URL = '{category}/{author}/{slug}.html'\n"
		  "DEFAULT_METADATA = {'Status': 'draft'}\n"
		  "IGNORE_FILES = ['*.draft.md', 'wip']\n"
		  "WITH_FUTURE_DATES = False\n");
	fx_writes(S_tmp, "tern/src/blog/idea.draft.md", "Title: Idea\nDate: 2001-01-01\n\nX.\n");
	fx_writes(S_tmp, "tern/src/blog/wip/y.md", "Title: WIP\nDate: 2001-01-01\n\nX.\n");
	fx_writes(S_tmp, "tern/src/blog/future.md", "Title: Future\nDate: 2999-01-01\nStatus: published\n\nX.\n");
	fx_writes(S_tmp, "tern/src/blog/2019-01-02_from-name.md", "Title: A Title\nStatus: published\n\nX.\n");
	fx_writes(S_tmp, "tern/src/blog/notes/Big Note.md",
		  "Title: Big\nAuthor: Zoë Ñandú\nStatus: published\n\nX.\n");
	fx_writes(S_tmp, "tern/src/blog/default.md", "Title: Default\n\nX.\n");
	fx_writes(S_tmp, "tern/src/blog/old/x.md", "Title: Old\nDate: 2001-01-01\n\nX.\n");
	fx_writes(S_tmp, "tern/src/other/y.md", "Title: Other\nDate: 2001-01-01\n\nX.\n");
	fx_writes(S_tmp, "tern/content/z.md", "Title: Not PATH\nDate: 2001-01-01\n\nX.\n");

	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("tern", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->content_dir, "src", "PATH");
	fx_is_relpaths(&posts,
		       "src/blog/2019-01-02_from-name.md|src/blog/default.md|src/blog/future.md|src/blog/notes/Big Note.md",
		       "ARTICLE_PATHS, ARTICLE_EXCLUDES and IGNORE_FILES (a file's name, a folder's)");
	const struct post *fut = fx_find_post(&posts, "src/blog/future.md");
	ok(fut && fut->draft, "WITH_FUTURE_DATES = False: a future article is a draft");
	const struct post *a = fx_find_post(&posts, "src/blog/2019-01-02_from-name.md");
	const struct post *b = fx_find_post(&posts, "src/blog/notes/Big Note.md");
	const struct post *d = fx_find_post(&posts, "src/blog/default.md");
	if (ok(a && b && d, "each found")) {
		fx_is_date(&a->date, "2019-01-02", "FILENAME_METADATA's date group");
		is_str(a->slug, "from-name", "and its slug group");
		ok(!a->draft, "Status: published wins over DEFAULT_METADATA");
		is_str(a->url, "/misc//from-name.html",
		       "no folder category: DEFAULT_CATEGORY's slug; no author: {author} is empty");
		is_str(b->slug, "big-note", "SLUGIFY_SOURCE = 'basename'");
		is_str(b->url, "/misc/zoe-nandu/big-note.html", "{author}: the author's slug");
		fx_is_date(&b->date, "2010-05-06", "DEFAULT_DATE as a tuple");
		is_int(b->date.minute, 8, "with its time");
		ok(d->draft, "DEFAULT_METADATA's status");
	}
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* publishconf.py: what `make publish` builds the live site with. */
static void test_publishconf(void)
{
	fx_writes(S_tmp, "auk/pelicanconf.py", "SITENAME = 'Auk'\nSITEURL = ''\nRELATIVE_URLS = True\n");
	fx_writes(S_tmp, "auk/publishconf.py",
		  "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n\n"
		  "SITEURL = 'https://auk.example'\nTIMEZONE = os.environ['TZ']\n");
	fx_writes(S_tmp, "auk/content/2020-01-01-a.md", "Title: A\n\nX.\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("auk", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->url, "https://auk.example", "publishconf.py's SITEURL wins over pelicanconf.py's ''");
	is_str(site->title, "Auk", "pelicanconf.py's settings stay");
	bool found = false;
	for (size_t i = 0; i < dl.n; i++)
		found |= strstr(dl.v[i].message, "TIMEZONE is computed") && str_ends_with(dl.v[i].file, "publishconf.py") &&
			 dl.v[i].line == 6;
	ok(found, "a computed setting of publishconf.py is reported there");
	is_str(posts.n ? posts.v[0]->live_url : NULL, "https://auk.example/a.html", "the article's live URL");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

static void test_path_metadata(void)
{
	fx_writes(S_tmp, "skua/pelicanconf.py",
		  "PATH_METADATA = r'(?P<category>[^/]+)/(?P<date>\\d{4}-\\d{2}-\\d{2})/(?:.*)'\n"
		  "FILENAME_METADATA = '(?P<slug>(?!x).*)'\n"
		  "DEFAULT_DATE = 'fs'\n");
	fx_writes(S_tmp, "skua/content/Birds/2018-09-10/note.md", "Title: Path dated\n\nX.\n");
	fx_writes(S_tmp, "skua/content/loose.md", "Title: File dated\n\nX.\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("skua", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	const struct post *a = fx_find_post(&posts, "content/Birds/2018-09-10/note.md");
	const struct post *b = fx_find_post(&posts, "content/loose.md");
	if (ok(a && b, "both found")) {
		fx_is_date(&a->date, "2018-09-10", "PATH_METADATA's date");
		fx_is_list(&a->categories, "Birds", "and its category, before the folder's");
		ok(b->date.valid, "DEFAULT_DATE = 'fs': the file's time");
		is_str(b->slug, "file-dated", "a look-around has no POSIX form: FILENAME_METADATA not applied");
	}
	ok(S_warned(&dl, "FILENAME_METADATA: the regular expression", 2), "and that is reported");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

static void test_slug_subs(void)
{
	fx_writes(S_tmp, "puffin/pelicanconf.py",
		  "SLUG_REGEX_SUBSTITUTIONS = [\n"
		  "    (r'c\\+\\+', 'cpp'),\n"
		  "    (r'[^\\w\\s-]', ''),\n"
		  "    (r'(?u)\\A\\s*', ''),\n"
		  "    (r'(?u)\\s*\\Z', ''),\n"
		  "    (r'[-\\s]+', '-'),\n"
		  "]\n"
		  "SLUGIFY_PRESERVE_CASE = True\n");
	fx_writes(S_tmp, "puffin/content/a.md", "Title:  Learning C++ Today!\nDate: 2020-01-01\n\nX.\n");
	fx_writes(S_tmp, "razorbill/pelicanconf.py", "SLUG_REGEX_SUBSTITUTIONS = [(r'(?<=a)b', '')]\n");
	fx_writes(S_tmp, "razorbill/content/a.md", "Title: Abba Rocks\nDate: 2020-01-01\n\nX.\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("puffin", &site, &posts, &dl))
		is_str(posts.n ? posts.v[0]->slug : NULL, "Learning-cpp-Today",
		       "SLUG_REGEX_SUBSTITUTIONS applied in order, without case; SLUGIFY_PRESERVE_CASE");
	post_list_free(&posts, true);
	site_free(site);
	site = NULL;
	posts = (struct post_list)POST_LIST_INIT;
	if (S_open("razorbill", &site, &posts, &dl))
		is_str(posts.n ? posts.v[0]->slug : NULL, "abba-rocks", "a pattern without a POSIX form: the default");
	ok(S_warned(&dl, "SLUG_REGEX_SUBSTITUTIONS: a pattern", 1), "and a warning");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* Regression: warnings about a metadata field named the line before it. */
static void test_metadata_lines(void)
{
	fx_writes(S_tmp, "knot/pelicanconf.py", "SITENAME = 'Knot'\n");
	fx_writes(S_tmp, "knot/content/a.md", "Title: A\nDate: 2020-01-01\nModified: not a date\n\nX.\n");
	fx_writes(S_tmp, "knot/content/b.rst",
		  "Bee\n###\n\n:date: 2020-01-02\n:modified: never\n\nText.\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("knot", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	ok(fx_count_diag(&dl, DIAG_WARNING, "content/a.md", "'modified' is not a date", 3) == 1,
	   "a Markdown header's field is reported at its own line");
	ok(fx_count_diag(&dl, DIAG_WARNING, "content/b.rst", "'modified' is not a date", 5) == 1,
	   "a reST field list's too");
	const struct post *a = fx_find_post(&posts, "content/a.md");
	ok(a && a->body_line == 5, "the body starts after the header's blank line");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

static void test_slugify(void)
{
	char *s = pelican_slugify("State of Rust 0.11.0", false);
	is_str(s, "state-of-rust-0110", "dots are removed, not separators");
	free(s);
	s = pelican_slugify("  Café <em>crème</em> -- and_more!  ", false);
	is_str(s, "cafe-creme-and_more", "tags stripped, accents read as ASCII, runs of - and spaces one -");
	free(s);
	s = pelican_slugify("-Edge- ", false);
	is_str(s, "-edge-", "a hyphen at an end stays (only white space is stripped)");
	free(s);
	s = pelican_slugify("Keep Case", true);
	is_str(s, "Keep-Case", "SLUGIFY_PRESERVE_CASE");
	free(s);
}

/* A Markdown body through the site's passes, as the book reads it. */
static char *S_rewrite(const struct site *site, const char *body)
{
	struct dialect_context ctx = {.site_root = site->root, .post_relpath = "content/a.md", .config = site->config};
	struct diag_list dl = DIAG_LIST_INIT;
	size_t n = 0;
	char *out = dialect_rewrite(site_dialects(site), &ctx, body, strlen(body), &n, NULL, "content/a.md", 1, &dl);
	ok(dl.n == 0, "no warning from the passes");
	diag_list_free(&dl);
	return out;
}

/* Python-Markdown's admonition, attr_list and md_in_html, as MARKDOWN
 * turns them on: admonition named; Pelican's default (extra) brings
 * attr lists and markdown="1", not admonitions. */
static void test_extensions(void)
{
	const char *body = "!!! note \"Mind the tide\"\n"
			   "    Low water at noon.\n"
			   "\n"
			   "A wide picture.\n"
			   "{: .wide }\n"
			   "\n"
			   "## Shore {#shore}\n";
	fx_writes(S_tmp, "tern/pelicanconf.py",
		  "SITENAME = 'Tern'\n"
		  "MARKDOWN = {\n"
		  "    'extension_configs': {\n"
		  "        'markdown.extensions.admonition': {},\n"
		  "        'markdown.extensions.extra': {},\n"
		  "    },\n"
		  "}\n");
	fx_writes(S_tmp, "tern/content/a.md", "Title: A\nDate: 2022-01-02\n\nx\n");
	fx_writes(S_tmp, "plover/pelicanconf.py", "SITENAME = 'Plover'\n");
	fx_writes(S_tmp, "plover/content/a.md", "Title: A\nDate: 2022-01-02\n\nx\n");
	fx_writes(S_tmp, "stilt/pelicanconf.py", "SITENAME = 'Stilt'\nMARKDOWN = {'extensions': ['toc']}\n");
	fx_writes(S_tmp, "stilt/content/a.md", "Title: A\nDate: 2022-01-02\n\nx\n");
	const char *sites[] = {"tern", "plover", "stilt"};
	for (int i = 0; i < 3; i++) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct site *site = NULL;
		struct post_list posts = POST_LIST_INIT;
		if (!S_open(sites[i], &site, &posts, &dl)) {
			diag_list_free(&dl);
			continue;
		}
		char *out = S_rewrite(site, body);
		bool box = strstr(out, "<div class=\"admonition note\"><p class=\"admonition-title\">Mind the tide</p>");
		if (i == 0)
			ok(box, "admonition in MARKDOWN: `!!! note \"Title\"` is a box");
		else
			ok(!box && strstr(out, "!!! note"), "admonition not in MARKDOWN: `!!! note` stays text");
		if (i < 2)
			ok(!strstr(out, "{: .wide }") && !strstr(out, "{#shore}"),
			   "extra (named, or Pelican's default): attr lists are not text");
		else
			ok(strstr(out, "{: .wide }") && strstr(out, "{#shore}"),
			   "no extra, no attr_list: a list stays text, a heading's {#id} too");
		free(out);
		diag_list_free(&dl);
		post_list_free(&posts, true);
		site_free(site);
	}
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_site();
	test_language();
	test_settings();
	test_path_metadata();
	test_publishconf();
	test_slug_subs();
	test_slugify();
	test_metadata_lines();
	test_extensions();
	fx_rm_rf(S_tmp);
	return done_testing();
}
