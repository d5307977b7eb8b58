/* Unit tests of the Docusaurus generator (src/input/gen/docusaurus.c):
 * small Docusaurus sites of our own writing in a temporary folder, their
 * JS/TS configs read without running them, and their blog posts read as
 * the blog plugin reads them. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "convert/dialect.h"
#include "convert/markdown.h"
#include "fixture.h"
#include "input/site.h"
#include "input/sitedata.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-docusaurus-XXXXXX";

/* How many warnings say needle. */
static int S_warnings(const struct diag_list *dl, const char *needle)
{
	return fx_count_diag(dl, DIAG_WARNING, "", needle, -1);
}

static void S_done(struct site *site, struct post_list *posts, struct diag_list *dl)
{
	post_list_free(posts, true);
	site_free(site);
	diag_list_free(dl);
}

/* Opens and collects the site in S_tmp/name (language: --language);
 * false (reported) when it does not open as a Docusaurus site. */
static bool S_open(const char *name, const char *language, struct site **site, struct post_list *posts,
		   struct diag_list *dl)
{
	struct site_open_options o = {NULL, NULL, language};
	return fx_open_site(site, posts, dl, S_tmp, name, "docusaurus", &o);
}

static void S_write_lantern(void)
{
	fx_writes(S_tmp, "lantern/docusaurus.config.ts",
		  "import type {Config} from '@docusaurus/types';\n"
		  "import {siteInfo} from './data/site';\n"
		  "type Shape = { title: string; url: string };\n"
		  "const config: Config = {\n"
		  "  title: 'Lantern Notes',\n"
		  "  tagline: 'Light for the harbour' as const,\n"
		  "  url: siteInfo.url,\n"
		  "  baseUrl: '/notes/',\n"
		  "  i18n: { defaultLocale: 'pt-BR', locales: ['pt-BR', 'en'] },\n"
		  "  markdown: { format: 'detect' },\n"
		  "  staticDirectories: ['public', 'static'],\n"
		  "  presets: [\n"
		  "    ['classic', /** @type {import('x').Options} */ ({\n"
		  "      docs: { path: '../docs', routeBasePath: '/' },\n"
		  "      blog: {\n"
		  "        path: 'journal',\n"
		  "        routeBasePath: '/log/',\n"
		  "        authorsMapPath: 'people.yml',\n"
		  "        editUrl: ({locale}) => `https://x.example/${locale}`,\n"
		  "      } satisfies Partial<Options>,\n"
		  "    })],\n"
		  "  ],\n"
		  "  plugins: [\n"
		  "    'docusaurus-plugin-sass',\n"
		  "    async function tail() { return { name: 'tail', path: 'nowhere' }; },\n"
		  "    ['./src/plugin/plugin-content-blog', { id: 'second', path: 'essays', routeBasePath: 'essays' }],\n"
		  "    ['@docusaurus/plugin-content-docs', { id: 'guide', path: 'guide' }],\n"
		  "  ],\n"
		  "  themeConfig: /** @type {x} */ ({ footer: { copyright: 'Copyright &copy; 2024 <b>Lantern</b>' } }),\n"
		  "} satisfies Config;\n"
		  "export default config;\n");
	fx_writes(S_tmp, "lantern/journal/people.yml",
		  "mira:\n  name: Mira Castell\n  title: Keeper\n  image_url: /img/mira.png\n"
		  "tomas:\n  name: Tomas Brae\n");
	fx_writes(S_tmp, "lantern/journal/tags.yml", "sea:\n  label: The Sea\n  permalink: /sea\nfog:\n");
	fx_writes(S_tmp, "lantern/journal/2021-03-04-first-light.md",
		  "---\nauthors: [mira, {name: Guest Keeper, title: Visitor}, {key: tomas, name: Tomas B.}]\n"
		  "tags: [sea, fog, {label: Night Watch, permalink: /nw}, sea]\n---\n\n"
		  "# First light {#first}\n\nThe lamp was lit.\n");
	fx_writes(S_tmp, "lantern/journal/2021-05-06-bundle/index.mdx",
		  "---\nauthors: tomas\n---\nimport Tabs from '@theme/Tabs';\nimport {\n  A,\n  B,\n} from './parts';\n\n"
		  "Bundle heading\n==============\n\nText.\n");
	fx_writes(S_tmp, "lantern/journal/2022/07/08/tide-table.md",
		  "---\ntitle: Tide table\nauthors: [nobody]\n---\n\n# Not the title\n");
	fx_writes(S_tmp, "lantern/journal/2023-1-2-short.md", "---\ntitle: Short\n---\n{/* x */}\n# Kept heading\n");
	fx_writes(S_tmp, "lantern/journal/2023-2-3-code.md",
		  "---\ntags: []\n---\n\n# The `lamp.js` file\n\nexport const x = 1;\n");
	fx_writes(S_tmp, "lantern/journal/2023-2-4-export.md", "export const y = 2;\n\n# After an export\n");
	fx_writes(S_tmp, "lantern/journal/notes/plain.md",
		  "---\nslug: /custom/place\nauthor: Old Keeper\nauthorURL: https://keeper.example\n"
		  "authors: [mira]\n---\nNo heading.\n");
	fx_writes(S_tmp, "lantern/journal/dated.md",
		  "---\ntitle: Dated\ndate: 2020-02-03T04:05:06\nauthor_title: Only a title\n---\n");
	fx_writes(S_tmp, "lantern/journal/_partial.md", "---\ntitle: Partial\n---\n");
	fx_writes(S_tmp, "lantern/journal/_drafts/later.md", "---\ntitle: Later\n---\n");
	fx_writes(S_tmp, "lantern/journal/__tests__/x.md", "---\ntitle: Test\n---\n");
	fx_writes(S_tmp, "lantern/journal/2024-01-01-draft.md", "---\ntitle: Draft\ndraft: true\n---\n");
	fx_writes(S_tmp, "lantern/journal/2024-01-02-unlisted.md", "---\ntitle: Unlisted\nunlisted: true\n---\n");
	fx_writes(S_tmp, "lantern/journal/cover.png", "png");
	fx_writes(S_tmp, "lantern/essays/2020-01-01-on-glass.md", "---\ntitle: On glass\nimage: ./cover.png\n---\n");
	fx_writes(S_tmp, "lantern/essays/2020-02-01-on-sand.md", "---\ntitle: On sand\n---\n");
	fx_writes(S_tmp, "lantern/guide/intro.md", "---\ntitle: A doc, not a post\n---\n");
	fx_writes(S_tmp, "lantern/i18n/en/docusaurus-plugin-content-blog-second/2020-01-01-on-glass.md",
		  "---\ntitle: On glass (English)\n---\n");
	fx_writes(S_tmp, "lantern/i18n/en/docusaurus-plugin-content-blog-second/2020-03-01-only-here.md",
		  "---\ntitle: Only translated\n---\n");
	fx_writes(S_tmp, "lantern/i18n/en/docusaurus-plugin-content-blog/people.yml",
		  "mira:\n  name: Mira Castell (en)\ntomas:\n  name: Tomas Brae\n");
	fx_writes(S_tmp, "lantern/i18n/en/docusaurus-plugin-content-blog/2021-03-04-first-light.md",
		  "---\nauthors: [mira]\n---\n# First light, translated\n");
	/* No date anywhere: the file's time. */
	char *plain = path_join(S_tmp, "lantern/journal/notes/plain.md");
	struct utimbuf t = {1600000000, 1600000000};
	utime(plain, &t);
	free(plain);
}

static void test_site(void)
{
	S_write_lantern();
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("lantern", NULL, &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->title, "Lantern Notes", "title: the config object's, not a type's");
	is_str(site->description, "Light for the harbour", "tagline, `as const` left aside");
	is_str(site->language, "pt-BR", "i18n.defaultLocale");
	is_str(site->copyright, "Copyright © 2024 Lantern", "themeConfig.footer.copyright, as text");
	is_str(site->baseurl, "/notes", "baseUrl");
	ok(site->url == NULL, "a computed url is not guessed");
	is_int(S_warnings(&dl, "'url' is not a literal (siteInfo.url)"), 1, "it is reported once");
	is_int(fx_count_diag(&dl, DIAG_WARNING, "docusaurus.config.ts", "'url' is not", 7), 1, "at its line");
	is_int(S_warnings(&dl, "editUrl"), 0, "options sheaf does not read are not reported");
	struct site_data *sd = site->gen->site_data(site);
	ok(!sd->mdx_md, "markdown.format 'detect': .md is not MDX");
	/* Docusaurus' pt locale is pt-BR's words: an admonition's title. */
	const char *const *t = sd->box_titles;
	while (t && *t && strcmp(*t, "note") != 0)
		t += 2;
	is_str(t && *t ? t[1] : NULL, "observação", "a box without a title: Docusaurus' pt-BR word for note");
	site_data_free(sd);
	is_str(site->static_dir, "public", "site-absolute images under staticDirectories, in order");
	fx_is_list(&site->static_more, "static", "the further ones");

	fx_is_relpaths(&posts,
		       "essays/2020-01-01-on-glass.md|essays/2020-02-01-on-sand.md|journal/2021-03-04-first-light.md|"
		       "journal/2021-05-06-bundle/index.mdx|journal/2022/07/08/tide-table.md|journal/2023-1-2-short.md|"
		       "journal/2023-2-3-code.md|journal/2023-2-4-export.md|journal/2024-01-01-draft.md|journal/2024-01-02-unlisted.md|journal/dated.md|journal/notes/plain.md",
		       "both instances' .md and .mdx; `_` files and folders and __tests__ left out; docs are not posts");

	const struct post *first = fx_find_post(&posts, "journal/2021-03-04-first-light.md");
	const struct post *bundle = fx_find_post(&posts, "journal/2021-05-06-bundle/index.mdx");
	const struct post *tide = fx_find_post(&posts, "journal/2022/07/08/tide-table.md");
	const struct post *shortp = fx_find_post(&posts, "journal/2023-1-2-short.md");
	const struct post *plain = fx_find_post(&posts, "journal/notes/plain.md");
	const struct post *dated = fx_find_post(&posts, "journal/dated.md");
	const struct post *draft = fx_find_post(&posts, "journal/2024-01-01-draft.md");
	const struct post *unlisted = fx_find_post(&posts, "journal/2024-01-02-unlisted.md");
	const struct post *glass = fx_find_post(&posts, "essays/2020-01-01-on-glass.md");
	if (!ok(first && bundle && tide && shortp && plain && dated && draft && unlisted && glass,
		"each post found"))
		goto out;

	fx_is_date(&first->date, "2021-03-04", "date from YYYY-MM-DD-name.md");
	is_str(first->title, "First light", "title: the opening H1, its {#id} left aside");
	ok(!strstr(first->body, "# First light"), "the content title is taken out of the body");
	ok(strstr(first->body, "The lamp was lit.") != NULL, "the rest of the body stays");
	fx_is_list(&first->author_names, "Mira Castell|Guest Keeper|Tomas B.",
		   "authors: a key of authorsMapPath, an inline object, an inline object overriding its key's name");
	fx_is_list(&first->authors, "mira|Guest Keeper|tomas", "author ids: the keys");
	fx_is_list(&first->tags, "The Sea|fog|Night Watch", "tags: tags.yml labels, keys, objects' labels");
	is_str(first->url, "/notes/log/2021/03/04/first-light", "permalink: baseUrl + routeBasePath + date path");

	fx_is_date(&bundle->date, "2021-05-06", "date from YYYY-MM-DD-name/index.mdx");
	is_str(bundle->title, "Bundle heading", "a setext H1 after import statements is the content title");
	fx_is_list(&bundle->author_names, "Tomas Brae", "authors: one key");
	is_str(bundle->url, "/notes/log/2021/05/06/bundle", "the folder's name, /index left out");

	fx_is_date(&tide->date, "2022-07-08", "date from YYYY/MM/DD/name.md");
	is_str(tide->title, "Tide table", "front matter title wins");
	ok(!strstr(tide->body, "Not the title"), "the content title goes all the same");
	is_str(tide->url, "/notes/log/2022/07/08/tide-table", "its permalink");
	fx_is_list(&tide->author_names, "nobody", "an unknown key is shown as it is");
	is_int(S_warnings(&dl, "the author 'nobody' is not in journal/people.yml"), 1, "with a warning");

	fx_is_date(&shortp->date, "2023-01-02", "one-digit month and day");
	is_str(shortp->url, "/notes/log/2023/1/2/short", "kept as written in the permalink");
	ok(strstr(shortp->body, "# Kept heading") != NULL, "an H1 after other content is no content title");
	const struct post *code = fx_find_post(&posts, "journal/2023-2-3-code.md");
	const struct post *exp = fx_find_post(&posts, "journal/2023-2-4-export.md");
	if (ok(code && exp, "the content title posts are found")) {
		is_str(code->title, "The lamp.js file", "the content title's inline code unwrapped");
		is_str(exp->title, "export", "an export before the H1: no content title, the name's text");
	}

	fx_is_date(&plain->date, "2020-09-13", "no date anywhere: the file's time");
	ok(S_warnings(&dl, "first git commit") == 1, "with one warning");
	is_str(plain->title, "notes/plain", "no title, no heading: the path's text");
	is_str(plain->url, "/notes/log/custom/place", "front matter slug");
	fx_is_list(&plain->author_names, "Old Keeper", "legacy author fields win over authors");
	is_int(S_warnings(&dl, "legacy author fields are both given"), 1, "mixing them is reported");

	is_int(dated->date.hour, 4, "front matter date with time");
	is_int((int)dated->author_names.n, 0, "a legacy author with no name has none to show");
	is_str(dated->url, "/notes/log/dated", "no date in the name: the path is the slug");

	ok(draft->draft, "draft: true is a draft");
	ok(!unlisted->draft, "unlisted: kept");

	is_str(glass->url, "/notes/essays/2020/01/01/on-glass", "a second instance: its own routeBasePath");
	is_str(glass->cover_image, "./cover.png", "image: the cover");
out:
	S_done(site, &posts, &dl);
}

/* --language naming another locale: its translations replace the posts
 * (a translation without an original is not built), and its authors map. */
static void test_i18n(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("lantern", "en", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->language, "en", "the locale asked for");
	struct site_data *sd = site->gen->site_data(site);
	ok(sd->box_titles == NULL, "en: a box without a title shows its name, as Docusaurus' English does");
	site_data_free(sd);
	const struct post *glass =
		fx_find_post(&posts, "i18n/en/docusaurus-plugin-content-blog-second/2020-01-01-on-glass.md");
	const struct post *first =
		fx_find_post(&posts, "i18n/en/docusaurus-plugin-content-blog/2021-03-04-first-light.md");
	ok(fx_find_post(&posts, "essays/2020-01-01-on-glass.md") == NULL, "the original is replaced");
	ok(fx_find_post(&posts, "i18n/en/docusaurus-plugin-content-blog-second/2020-03-01-only-here.md") == NULL,
	   "a translation without an original is not a post");
	if (ok(glass && first, "the translations are read")) {
		is_str(glass->title, "On glass (English)", "the translated title");
		is_str(glass->url, "/notes/essays/2020/01/01/on-glass", "the original's permalink");
		fx_is_list(&first->author_names, "Mira Castell (en)", "the localized authors map");
		fx_is_date(&first->date, "2021-03-04", "the date from the file name");
	}
	is_int((int)posts.n, 12, "as many posts as the default locale");
	S_done(site, &posts, &dl);
}

/* JS configs: module.exports, a preset given by name alone, blog: false,
 * include, live URLs. */
static void test_js_configs(void)
{
	fx_writes(S_tmp, "plain/docusaurus.config.js",
		  "// @ts-check\nmodule.exports = {\n  title: \"Plain\",\n  url: 'https://plain.example/',\n"
		  "  presets: ['@docusaurus/preset-classic'],\n"
		  "  themeConfig: { footer: { copyright: `Copyright © ${new Date().getFullYear()} Plain` } },\n};\n");
	fx_writes(S_tmp, "plain/blog/2019-09-09-hello world.md", "---\ntitle: Hello\n---\n");
	fx_writes(S_tmp, "plain/blog/2019-10-11-odd-date.md", "---\ntitle: Odd\ndate: Oct 12 2019\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("plain", NULL, &site, &posts, &dl)) {
		is_str(site->url, "https://plain.example/", "url with the base path");
		is_str(site->language, "en", "no i18n: English, Docusaurus' default");
		is_str(site->static_dir, "static", "no staticDirectories: static/");
		ok(site->copyright == NULL, "a computed copyright gives none");
		is_int(S_warnings(&dl, "copyright"), 0, "... without a word");
		ok(fx_is_passes(site, DIALECTS(&dialect_mdx, &dialect_directives, &dialect_heading_ids)),
		   "admonitions on by default, no math");
		struct site_data *sd = site->gen->site_data(site);
		ok(sd->mdx_md, "markdown.format defaults to mdx");
		site_data_free(sd);
		const struct post *p = fx_find_post(&posts, "blog/2019-09-09-hello world.md");
		if (ok(p != NULL, "the preset's default blog/ is read"))
			is_str(p->live_url, "https://plain.example/blog/2019/09/09/hello%20world",
			       "the live URL, escaped");
		const struct post *odd = fx_find_post(&posts, "blog/2019-10-11-odd-date.md");
		if (ok(odd != NULL, "a date sheaf cannot read leaves the post in"))
			fx_is_date(&odd->date, "2019-10-11", "the file name's date is used");
		is_int(S_warnings(&dl, "'date' is not a date sheaf reads: 'Oct 12 2019'; the file name's date is used"), 1,
		       "with a warning");
	}
	S_done(site, &posts, &dl);

	fx_writes(S_tmp, "noblog/docusaurus.config.mjs",
		  "export default {\n  title: 'Docs only',\n"
		  "  presets: [['classic', { docs: {}, blog: false }]],\n};\n");
	fx_writes(S_tmp, "noblog/blog/2019-09-09-x.md", "---\ntitle: X\n---\n");
	fx_writes(S_tmp, "other/docusaurus.config.js",
		  "module.exports = {\n  title: 'Other',\n  presets: [['docusaurus-preset-openapi', {api: {}}],\n"
		  "    ['docusaurus-preset-openapi', {blog: {path: 'news'}}]],\n};\n");
	fx_writes(S_tmp, "other/blog/2019-09-09-x.md", "---\ntitle: X\n---\n");
	fx_writes(S_tmp, "other/news/2019-09-09-y.md", "---\ntitle: Y\n---\n");
	dl = (struct diag_list)DIAG_LIST_INIT;
	posts = (struct post_list)POST_LIST_INIT;
	if (S_open("other", NULL, &site, &posts, &dl))
		fx_is_relpaths(&posts, "news/2019-09-09-y.md",
			       "another preset: a blog only where its options give one");
	S_done(site, &posts, &dl);
	dl = (struct diag_list)DIAG_LIST_INIT;
	posts = (struct post_list)POST_LIST_INIT;
	if (S_open("noblog", NULL, &site, &posts, &dl))
		is_int((int)posts.n, 0, "blog: false: no posts");
	S_done(site, &posts, &dl);

	fx_writes(S_tmp, "inc/docusaurus.config.js",
		  "const config = {\n  title: 'Inc',\n  plugins: [\n    [require.resolve('@docusaurus/plugin-content-blog'), {include: ['**/*.md', '!**/wip-*'], "
		  "exclude: ['old/**', '**/draft-[0-9].md'], "
		  "authorsMapPath: 'authors.json'}],\n  ],\n};\nmodule.exports = config;\n");
	fx_writes(S_tmp, "inc/blog/a.md", "---\ntitle: A\nauthors: ann\n---\n");
	fx_writes(S_tmp, "inc/blog/authors.json", "{\"ann\": {\"name\": \"Ann Lee\"}}\n");
	fx_writes(S_tmp, "inc/blog/b.mdx", "---\ntitle: B\n---\n");
	fx_writes(S_tmp, "inc/blog/old/c.md", "---\ntitle: C\n---\n");
	fx_writes(S_tmp, "inc/blog/_d.md", "---\ntitle: D\n---\n");
	fx_writes(S_tmp, "inc/blog/wip-e.md", "---\ntitle: E\n---\n");
	fx_writes(S_tmp, "inc/blog/draft-1.md", "---\ntitle: F\n---\n");
	fx_writes(S_tmp, "inc/blog/draft-x.md", "---\ntitle: G\n---\n");
	dl = (struct diag_list)DIAG_LIST_INIT;
	posts = (struct post_list)POST_LIST_INIT;
	if (S_open("inc", NULL, &site, &posts, &dl)) {
		fx_is_relpaths(&posts, "blog/_d.md|blog/a.md|blog/draft-x.md",
			       "a literal include and exclude (replacing the default exclusions), as picomatch reads "
			       "them: a negated include, a character class");
		const struct post *a = fx_find_post(&posts, "blog/a.md");
		if (ok(a != NULL, "the post with a key of authors.json"))
			fx_is_list(&a->author_names, "Ann Lee", "authorsMapPath naming a JSON file");
	}
	S_done(site, &posts, &dl);
}

/* remark-math among a blog's remark plugins makes `$…$` math;
 * `admonitions: false` makes `:::` text; admonitions.keywords add names. */
static void test_passes(void)
{
	const struct {
		const char *config, *config_text;
		const struct dialect *const *want;
		const char *what, *keywords;
	} sites[] = {
		{"maths/docusaurus.config.js",
		 "const math = require('remark-math');\n"
		 "const katex = require('rehype-katex');\n"
		 "module.exports = {\n  title: 'Maths',\n"
		 "  presets: [['classic', {\n"
		 "    docs: false,\n"
		 "    blog: { remarkPlugins: [math], rehypePlugins: [katex], admonitions: false },\n"
		 "  }]],\n};\n",
		 DIALECTS(&dialect_mdx, &dialect_math, &dialect_heading_ids),
		 "remark-math required and listed: math; admonitions: false: no directives", ""},
		/* remark-math for the docs only, a second blog with admonitions. */
		{"docsmath/docusaurus.config.ts",
		 "import remarkMath from 'remark-math';\n"
		 "export default {\n  title: 'Docs math',\n"
		 "  presets: [['classic', { docs: { remarkPlugins: [remarkMath] }, blog: { admonitions: false } }]],\n"
		 "  plugins: [['@docusaurus/plugin-content-blog', { id: 'news', path: 'news',\n"
		 "    beforeDefaultRemarkPlugins: [], admonitions: { keywords: ['aside'] } }]],\n};\n",
		 DIALECTS(&dialect_mdx, &dialect_directives, &dialect_heading_ids),
		 "remark-math in the docs' options only: no math in the blog; one blog with admonitions keeps the "
		 "directives, its keywords known",
		 "aside"},
		{"twomath/docusaurus.config.mjs",
		 "import remarkMath from 'remark-math';\n"
		 "const plugins = [[remarkMath, {}]];\n"
		 "export default {\n  title: 'Two',\n"
		 "  plugins: [['content-blog', { beforeDefaultRemarkPlugins: plugins }]],\n};\n",
		 DIALECTS(&dialect_mdx, &dialect_directives, &dialect_math, &dialect_heading_ids),
		 "remark-math before the default plugins, through a variable: math after the directives", ""},
	};
	for (size_t i = 0; i < sizeof sites / sizeof *sites; i++) {
		fx_writes(S_tmp, sites[i].config, sites[i].config_text);
		char *name = xstrndup(sites[i].config, strcspn(sites[i].config, "/"));
		char *post = xasprintf("%s/blog/2020-01-01-sum.md", name);
		fx_writes(S_tmp, post, "---\ntitle: Sum\n---\nIt costs $5, or $6: $a+b$.\n");
		struct diag_list dl = DIAG_LIST_INIT;
		struct site *site = NULL;
		struct post_list posts = POST_LIST_INIT;
		if (S_open(name, NULL, &site, &posts, &dl)) {
			ok(fx_is_passes(site, sites[i].want), "%s", sites[i].what);
			struct site_data *sd = site->gen->site_data(site);
			fx_is_list(&sd->admonitions, sites[i].keywords, "  the names admonitions.keywords add");
			site_data_free(sd);
		}
		S_done(site, &posts, &dl);
		free(post);
		free(name);
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
	test_i18n();
	test_js_configs();
	test_passes();
	fx_rm_rf(S_tmp);
	return done_testing();
}
