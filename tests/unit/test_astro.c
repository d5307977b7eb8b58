/* Unit tests of the Astro generator (src/input/gen/astro.c): small Astro
 * projects of our own writing in a temporary folder, detected, opened and
 * collected as Astro's content collections read them. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/dialect.h"
#include "convert/markdown.h"
#include "fixture.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-astro-XXXXXX";

/* Whether a warning in dl says needle. */
static bool S_warned(const struct diag_list *dl, const char *needle)
{
	return fx_has_diag(dl, DIAG_WARNING, "", needle);
}

/* Frees what S_open gave (the posts emptied for the next site). */
static void S_done(struct site *site, struct post_list *posts)
{
	post_list_free(posts, true);
	*posts = (struct post_list)POST_LIST_INIT;
	site_free(site);
}

/* Opens and collects the site in S_tmp/name; false (reported) when it
 * does not open as an Astro site. */
static bool S_open(const char *name, struct site **site, struct post_list *posts, struct diag_list *dl)
{
	return fx_open_site(site, posts, dl, S_tmp, name, "astro", NULL);
}

/* The blog starter's shape: a glob loader, consts.ts, MDX. */
static void test_glob_collection(void)
{
	fx_writes(S_tmp, "lamp/astro.config.mjs",
		  "// @ts-check\n"
		  "import { defineConfig } from 'astro/config';\n"
		  "import mdx from '@astrojs/mdx';\n"
		  "import sitemap from '@astrojs/sitemap';\n"
		  "const extra = process.env.X ? [sitemap()] : [];\n"
		  "export default defineConfig({\n"
		  "  site: 'https://lamp.example',\n"
		  "  base: '/notes/',\n"
		  "  integrations: [mdx(), ...extra],\n"
		  "  vite: { build: { base: 'ignored' } },\n"
		  "});\n");
	fx_writes(S_tmp, "lamp/src/consts.ts",
		  "export const SITE_TITLE = 'Lamp Notes';\n"
		  "export const SITE_DESCRIPTION = \"Evenings with a soldering iron\";\n");
	fx_writes(S_tmp, "lamp/package.json", "{\"name\": \"lamp\", \"author\": \"Ines Varga <ines@lamp.example>\"}\n");
	fx_writes(S_tmp, "lamp/src/content.config.ts",
		  "import { defineCollection, z } from 'astro:content';\n"
		  "import { glob, file } from 'astro/loaders';\n"
		  "\n"
		  "const blog = defineCollection({\n"
		  "  // Only Markdown and MDX, no partials, no drafts folder.\n"
		  "  loader: glob({ base: './src/content/blog', pattern: ['**/[^_]*.{md,mdx,mdoc}', '!drafts/**'] }),\n"
		  "  schema: ({ image }) => z.object({ title: z.string(), pattern: z.string().optional() }),\n"
		  "});\n"
		  "const people = defineCollection({ loader: file('src/data/people.json') });\n"
		  "export const collections = { blog, people };\n");
	fx_writes(S_tmp, "lamp/src/content/blog/first-post.md",
		  "---\ntitle: First post\npubDate: 2024-03-01\nupdatedDate: 2024-03-05\n"
		  "heroImage: ../../assets/lamp.jpg\ntags: [solder, night]\n"
		  "author: Ines Varga\n---\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/Second Post.mdx",
		  "---\ntitle: Second\ndate: 2024-04-01T10:00:00+02:00 # moved twice\n"
		  "cover: {src: ./second.png, alt: A lamp}\n---\nimport X from './x.astro';\n\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/trip/index.md",
		  "---\ntitle: Trip\npublishDate: 2024-05-02\ncoverImage: assets/road.png\n"
		  "authors:\n  - name: Ines Varga\n  - Tomas Rey\ncategory: Travel\nexcerpt: On the road.\n---\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/2023-05-06_named.md", "---\ntitle: Named\n---\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/untitled.md", "---\npubDate: 2024-06-01\n---\n# From the heading\n\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/moved.md",
		  "---\ntitle: Moved\npubDatetime: 2024-07-01T08:00:00Z\nslug: elsewhere/moved-here\n---\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/hidden.md",
		  "---\ntitle: Hidden\npubDate: 2024-08-01\ndraft: true\n---\nText.\n");
	fx_writes(S_tmp, "lamp/src/content/blog/_partial.md", "---\ntitle: Partial\n---\n");
	fx_writes(S_tmp, "lamp/src/content/blog/drafts/later.md", "---\ntitle: Later\n---\n");
	fx_writes(S_tmp, "lamp/src/content/blog/tags.mdoc", "---\ntitle: Markdoc without its integration\n---\n");
	fx_writes(S_tmp, "lamp/src/content/blog/data.json", "{}\n");
	fx_writes(S_tmp, "lamp/src/content/other/page.md", "---\ntitle: Not the blog\n---\n");
	fx_writes(S_tmp, "lamp/tsconfig.json",
		  "{\n  \"extends\": \"astro/tsconfigs/base\",\n  // aliases\n"
		  "  \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"~/*\": [\"src/*\"], \"@x\": [\"y\"], } },\n}\n");
	fx_writes(S_tmp, "lamp/src/content/blog/aliased.md",
		  "---\ntitle: Aliased\npubDate: 2024-08-08\nimage: ~/assets/lamp.jpg\n---\nText.\n");

	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("lamp", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->title, "Lamp Notes", "title: the blog starter's SITE_TITLE");
	is_str(site->description, "Evenings with a soldering iron", "description: SITE_DESCRIPTION");
	is_str(site->author, "Ines Varga", "author: package.json's, without the e-mail");
	is_str(site->url, "https://lamp.example", "site");
	is_str(site->baseurl, "/notes", "base, without its trailing slash (not vite's)");
	is_str(site->posts_dir, "src/content/blog", "the blog collection's base");
	is_str(site->static_dir, "public", "site-absolute paths under public/");
	fx_is_relpaths(&posts,
		       "src/content/blog/2023-05-06_named.md|src/content/blog/Second Post.mdx|src/content/blog/aliased.md|"
		       "src/content/blog/first-post.md|src/content/blog/hidden.md|src/content/blog/moved.md|"
		       "src/content/blog/trip/index.md|src/content/blog/untitled.md",
		       "entries: the pattern list (braces, a class, a negation); .mdx with the MDX integration, "
		       ".mdoc not without Markdoc's, data files not");
	is_int((long long)diag_count(&dl, DIAG_WARNING), 0, "no warning");

	const struct post *first = fx_find_post(&posts, "src/content/blog/first-post.md");
	const struct post *second = fx_find_post(&posts, "src/content/blog/Second Post.mdx");
	const struct post *trip = fx_find_post(&posts, "src/content/blog/trip/index.md");
	const struct post *named = fx_find_post(&posts, "src/content/blog/2023-05-06_named.md");
	const struct post *untitled = fx_find_post(&posts, "src/content/blog/untitled.md");
	const struct post *moved = fx_find_post(&posts, "src/content/blog/moved.md");
	const struct post *hidden = fx_find_post(&posts, "src/content/blog/hidden.md");
	if (!ok(first && second && trip && named && untitled && moved && hidden, "each entry found"))
		goto out;
	fx_is_date(&first->date, "2024-03-01", "pubDate");
	fx_is_date(&first->updated, "2024-03-05", "updatedDate");
	is_str(first->cover_image, "../../assets/lamp.jpg", "heroImage");
	fx_is_list(&first->tags, "solder|night", "tags");
	fx_is_list(&first->author_names, "Ines Varga", "author: a string");
	is_str(first->url, "/blog/first-post/", "the URL: /<collection>/<id>/");
	is_str(first->live_url, "https://lamp.example/notes/blog/first-post/", "under site and base");

	is_str(second->slug, "second-post", "the id: github-slugger's slug of the path");
	fx_is_date(&second->date, "2024-04-01", "date with a zone and a YAML comment");
	is_int(second->date.hour, 10, "  its time kept");
	is_str(second->cover_image, "./second.png", "cover: an image object's src");

	is_str(trip->slug, "trip", "the id of x/index.md: x");
	fx_is_date(&trip->date, "2024-05-02", "publishDate");
	is_str(trip->cover_image, "assets/road.png", "coverImage relative to the entry");
	fx_is_list(&trip->author_names, "Ines Varga|Tomas Rey", "authors: objects with name, strings");
	fx_is_list(&trip->categories, "Travel", "category");
	is_str(trip->description, "On the road.", "excerpt as the description");

	fx_is_date(&named->date, "2023-05-06", "no date field: the file name's");
	is_str(named->slug, "2023-05-06_named", "  the id keeps the whole name");
	is_str(untitled->title, "From the heading", "no title: the first heading");
	fx_is_date(&moved->date, "2024-07-01", "pubDatetime");
	is_str(moved->url, "/blog/elsewhere/moved-here/", "slug: the id");
	ok(hidden->draft, "draft: true is a draft");
	const struct post *aliased = fx_find_post(&posts, "src/content/blog/aliased.md");
	is_str(aliased ? aliased->cover_image : NULL, "../../../src/assets/lamp.jpg",
	       "a cover through tsconfig's `~/` alias: a path from the entry's folder");
out:
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);
}

/* Starlight: its title; a legacy collection by name; generateId. */
static void test_starlight(void)
{
	fx_writes(S_tmp, "guide/astro.config.ts",
		  "import { defineConfig } from 'astro/config';\n"
		  "import sl from '@astrojs/starlight';\n"
		  "export default defineConfig({\n"
		  "  integrations: [sl({ title: { fr: 'Le Guide', en: 'The Guide' }, defaultLocale: 'root',\n"
		  "    locales: { root: { label: 'Français', lang: 'fr' } } })],\n"
		  "});\n");
	fx_writes(S_tmp, "guide/src/content/config.ts",
		  "import { defineCollection, z } from 'astro:content';\n"
		  "import { docsLoader } from '@astrojs/starlight/loaders';\n"
		  "import { glob } from 'astro/loaders';\n"
		  "export const collections = {\n"
		  "  docs: defineCollection({ loader: docsLoader() }),\n"
		  "  articles: defineCollection({ type: 'content', schema: z.object({}) }),\n"
		  "  authors: defineCollection({ type: 'data' }),\n"
		  "};\n");
	fx_writes(S_tmp, "guide/src/content/docs/index.mdx", "---\ntitle: Docs\n---\n");
	fx_writes(S_tmp, "guide/src/content/articles/one.mdx", "---\ntitle: One\ndate: 2024-01-01\n---\n");
	fx_writes(S_tmp, "guide/src/content/articles/_two.md", "---\ntitle: Two\n---\n");
	fx_writes(S_tmp, "guide/src/content/articles/_old/three.md", "---\ntitle: Three\n---\n");
	fx_writes(S_tmp, "guide/src/content/articles/Four Ways.markdown", "---\ntitle: Four\n---\n");

	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (!S_open("guide", &site, &posts, &dl)) {
		diag_list_free(&dl);
		return;
	}
	is_str(site->title, "Le Guide", "Starlight's title per language: the default locale's");
	ok(fx_is_passes(site, DIALECTS(&dialect_mdx, &dialect_directives, &dialect_markdoc)),
	   "Starlight's remark-directive: `:::` directives in every collection");
	is_str(site->language, "fr", "Starlight's root locale's lang");
	struct site_data *sd = site->gen->site_data(site);
	const char *const *t = sd ? sd->box_titles : NULL;
	while (t && *t && strcmp(*t, "tip") != 0)
		t += 2;
	is_str(t && *t ? t[1] : NULL, "Astuce", "an aside without a title: Starlight's French word for tip");
	site_data_free(sd);
	fx_is_relpaths(&posts, "src/content/articles/Four Ways.markdown|src/content/articles/one.mdx",
		       "a legacy collection (src/content/config.ts), named articles: `_` files and folders "
		       "left out, .mdx (Starlight brings MDX) and .markdown in");
	const struct post *four = fx_find_post(&posts, "src/content/articles/Four Ways.markdown");
	is_str(four ? four->url : NULL, "/articles/four-ways/", "its URL");
	post_list_free(&posts, true);
	site_free(site);
	diag_list_free(&dl);

	fx_writes(S_tmp, "ids/astro.config.mjs", "export default {};\n");
	fx_writes(S_tmp, "ids/src/content.config.mjs",
		  "import { glob } from 'astro/loaders';\n"
		  "const posts = defineCollection({\n"
		  "  loader: glob({ pattern: '**/*.md', base: 'posts',\n"
		  "    generateId: ({ entry }) => entry.split('/').pop() }),\n"
		  "});\n"
		  "export const collections = { posts: posts };\n");
	fx_writes(S_tmp, "ids/posts/2024/Hello World.md", "---\ntitle: Hello\ndate: 2024-02-02\n---\n");
	fx_writes(S_tmp, "ids/posts/2024/bundle/index.md", "---\ntitle: Bundle\ndate: 2024-02-03\n---\n");
	struct diag_list dl2 = DIAG_LIST_INIT;
	if (S_open("ids", &site, &posts, &dl2)) {
		is_str(site->posts_dir, "posts", "a base outside src/");
		is_int((long long)posts.n, 2, "both entries");
		ok(S_warned(&dl2, "generateId is a function"), "generateId: reported as not run");
		const struct post *hello = fx_find_post(&posts, "posts/2024/Hello World.md");
		const struct post *bundle = fx_find_post(&posts, "posts/2024/bundle/index.md");
		is_str(hello ? hello->url : NULL, "/posts/2024/hello-world/", "the default id in the URL");
		is_str(hello && hello->aliases.n ? hello->aliases.v[0] : NULL, "/posts/2024/Hello World/",
		       "the path as written: another URL of the post");
		is_str(bundle && bundle->aliases.n ? bundle->aliases.v[0] : NULL, "/posts/2024/bundle/index",
		       "a bundle's /index: another");
		ok(!site->url && !(hello && hello->live_url), "no site: no live URL");
		S_done(site, &posts);
	}
	diag_list_free(&dl2);

	fx_writes(S_tmp, "url/astro.config.mjs", "export default {};\n");
	fx_writes(S_tmp, "url/src/content.config.ts",
		  "const blog = defineCollection({ loader: glob({ pattern: '*.md', base: new URL('./posts/', import.meta.url) }) });\n"
		  "export const collections = { blog };\n");
	fx_writes(S_tmp, "url/src/posts/a.md", "---\ntitle: A\n---\n");
	struct diag_list dl3 = DIAG_LIST_INIT;
	if (S_open("url", &site, &posts, &dl3)) {
		is_int((long long)posts.n, 0, "a base that is no literal: no entries guessed");
		ok(S_warned(&dl3, "the glob loader's base is not a literal"), "  said");
		S_done(site, &posts);
	}
	diag_list_free(&dl3);
}

/* `:::` is a directive only under remark-directive (Starlight's, or the
 * site's), `$…$` math only under remark-math. */
static void test_remark_plugins(void)
{
	const struct {
		const char *name, *config;
		const struct dialect *const *want;
		const char *what;
	} sites[] = {
		{"plain",
		 "import { defineConfig } from 'astro/config';\n"
		 "import mdx from '@astrojs/mdx';\n"
		 "import remarkMath from 'remark-math'; // installed, not used\n"
		 "export default defineConfig({ integrations: [mdx()], markdown: { remarkPlugins: [] } });\n",
		 DIALECTS(&dialect_mdx, &dialect_markdoc),
		 "no remark plugins: `:::` and `$` are text (remark-math imported but not listed)"},
		{"math",
		 "import { defineConfig } from 'astro/config';\n"
		 "import remarkMath from 'remark-math';\n"
		 "import rehypeKatex from 'rehype-katex';\n"
		 "const remark = [remarkMath, [require('remark-directive'), {}]];\n"
		 "export default defineConfig({\n"
		 "  markdown: { remarkPlugins: remark, rehypePlugins: [rehypeKatex] },\n"
		 "});\n",
		 DIALECTS(&dialect_mdx, &dialect_directives, &dialect_math, &dialect_markdoc),
		 "markdown.remarkPlugins (a variable) with remark-math and remark-directive: both, math after"},
		{"mdxmath",
		 "import { defineConfig } from 'astro/config';\n"
		 "import mdx from '@astrojs/mdx';\n"
		 "import * as maths from 'remark-math';\n"
		 "export default defineConfig({ integrations: [mdx({ remarkPlugins: [[maths, { singleDollar: true }]] })] });\n",
		 DIALECTS(&dialect_mdx, &dialect_math, &dialect_markdoc), "remark-math in the MDX integration's options: math"},
	};
	for (size_t i = 0; i < sizeof sites / sizeof *sites; i++) {
		char *cfg = xasprintf("%s/astro.config.mjs", sites[i].name);
		char *post = xasprintf("%s/src/content/blog/sums.md", sites[i].name);
		fx_writes(S_tmp, cfg, sites[i].config);
		fx_writes(S_tmp, post, "---\ntitle: Sums\npubDate: 2024-02-02\n---\nIt costs $5, or $6 with tax.\n");
		struct site *site;
		struct post_list posts = POST_LIST_INIT;
		struct diag_list dl = DIAG_LIST_INIT;
		if (S_open(sites[i].name, &site, &posts, &dl)) {
			ok(fx_is_passes(site, sites[i].want), "%s", sites[i].what);
			S_done(site, &posts);
		}
		diag_list_free(&dl);
		free(cfg);
		free(post);
	}
}

/* The starlight-blog plugin: posts under src/content/docs/<prefix>/,
 * its global authors. */
static void test_starlight_blog(void)
{
	fx_writes(S_tmp, "sb/astro.config.mjs",
		  "import starlight from '@astrojs/starlight';\n"
		  "import starlightBlog from 'starlight-blog';\n"
		  "export default defineConfig({\n"
		  "  integrations: [starlight({ title: 'Kiln Docs',\n"
		  "    plugins: [starlightBlog({ prefix: '/journal/', authors: {\n"
		  "      rosa: { name: 'Rosa Imrie', title: 'Potter', url: 'https://kiln.example' } } })] })],\n"
		  "});\n");
	fx_writes(S_tmp, "sb/src/content.config.ts",
		  "export const collections = {\n"
		  "  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: (c) => blogSchema(c) }) }),\n"
		  "};\n");
	fx_writes(S_tmp, "sb/src/content/docs/guide.md", "---\ntitle: Guide\n---\n");
	fx_writes(S_tmp, "sb/src/content/docs/journal/index.mdx", "---\ntitle: Journal\n---\n");
	fx_writes(S_tmp, "sb/src/content/docs/journal/first-firing.md",
		  "---\ntitle: First firing\ndate: 2024-02-10\nauthors: [rosa, Guest Writer]\n"
		  "cover:\n  alt: The kiln\n  image: ../../../assets/kiln.png\n---\nText.\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("sb", &site, &posts, &dl)) {
		is_str(site->title, "Kiln Docs", "Starlight's title");
		fx_is_relpaths(&posts, "src/content/docs/journal/first-firing.md",
			       "the docs under the plugin's prefix, not its index page");
		const struct post *p = posts.n ? posts.v[0] : NULL;
		if (ok(p != NULL, "the post read"))
			fx_is_list(&p->author_names, "Rosa Imrie|Guest Writer",
				   "authors: the plugin's ids as names, other strings as they are");
		is_str(p ? p->url : NULL, "/journal/first-firing/", "the URL under the prefix");
		is_str(p ? p->cover_image : NULL, "../../../assets/kiln.png", "cover.image");
		S_done(site, &posts);
	}
	diag_list_free(&dl);
}

/* No content config (Astro 2-4): each folder of src/content is a
 * collection; AstroPaper's SITE object; several collections. */
static void test_folders_and_choice(void)
{
	fx_writes(S_tmp, "paper/astro.config.mjs", "import { defineConfig } from 'astro/config';\n"
						   "export default defineConfig({ srcDir: './site', publicDir: './static/' });\n");
	fx_writes(S_tmp, "paper/site/config.ts",
		  "export const SITE = {\n  website: 'https://paper.example/',\n  author: 'Ada Quill',\n"
		  "  desc: 'Short notes',\n  title: 'Paper',\n  lang: 'de',\n  postPerPage: 4,\n};\n");
	fx_writes(S_tmp, "paper/site/content/journal/a.md", "---\ntitle: A\npubDatetime: 2022-01-01\n---\n");
	fx_writes(S_tmp, "paper/site/content/people/ada.json", "{}\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("paper", &site, &posts, &dl)) {
		is_str(site->title, "Paper", "AstroPaper's SITE.title");
		is_str(site->static_dir, "static", "publicDir");
		is_str(site->content_dir, "site/content", "srcDir");
		is_str(site->author, "Ada Quill", "SITE.author");
		is_str(site->language, "de", "SITE.lang");
		is_str(site->url, "https://paper.example/", "SITE.website");
		fx_is_relpaths(&posts, "site/content/journal/a.md",
			       "no content config: the folder collections under srcDir; the one with entries");
		is_int((long long)diag_count(&dl, DIAG_WARNING), 0, "no warning");
		S_done(site, &posts);
	}
	diag_list_free(&dl);

	fx_writes(S_tmp, "two/astro.config.mjs",
		  "import AstroPWA from '@vite-pwa/astro';\n"
		  "export default defineConfig({ integrations: [AstroPWA({ manifest: { name: 'Two Site' } })] })\n");
	fx_writes(S_tmp, "two/src/content/essays/e.md", "---\ntitle: E\ndate: 2021-01-01\n---\n");
	fx_writes(S_tmp, "two/src/content/pages/about.md", "---\ntitle: About\n---\n");
	fx_writes(S_tmp, "two/src/content/travel/t.md", "---\ntitle: T\npubDate: 2021-02-01\n---\n");
	struct diag_list dl2 = DIAG_LIST_INIT;
	if (S_open("two", &site, &posts, &dl2)) {
		fx_is_relpaths(&posts, "src/content/essays/e.md", "several dated collections: the first");
		is_str(site->title, "Two Site", "@vite-pwa/astro's manifest.name");
		ok(S_warned(&dl2, "'essays' is read as the blog"), "  with a warning naming it");
		S_done(site, &posts);
	}
	diag_list_free(&dl2);

	fx_writes(S_tmp, "one/astro.config.mjs",
		  "import favicons from 'astro-favicons';\n"
		  "export default defineConfig({ integrations: [favicons({ input: {}, name: 'One Site', short_name: 'One' })] })\n");
	fx_writes(S_tmp, "one/src/content/pages/about.md", "---\ntitle: About\n---\n");
	fx_writes(S_tmp, "one/src/content/writing/w.md", "---\ntitle: W\npubDate: 2021-02-01\n---\n");
	struct diag_list dl3 = DIAG_LIST_INIT;
	if (S_open("one", &site, &posts, &dl3)) {
		fx_is_relpaths(&posts, "src/content/writing/w.md", "one dated collection: that one");
		is_str(site->title, "One Site", "no title elsewhere: the web app manifest's name (astro-favicons)");
		is_int((long long)diag_count(&dl3, DIAG_WARNING), 0, "  without a word");
		S_done(site, &posts);
	}
	diag_list_free(&dl3);
}

/* Authors by reference: ids of the authors collection. */
static void test_references(void)
{
	fx_writes(S_tmp, "refs/astro.config.mjs", "export default defineConfig({})\n");
	fx_writes(S_tmp, "refs/src/content.config.ts",
		  "const blog = defineCollection({\n"
		  "  loader: glob({ pattern: '**/*.md', base: './src/content/blog' }),\n"
		  "  schema: z.object({ authors: z.array(reference('authors')) }),\n"
		  "});\n"
		  "const authors = defineCollection({ loader: glob({ pattern: '*.json', base: './src/content/authors' }) });\n"
		  "export const collections = { blog, authors };\n");
	fx_writes(S_tmp, "refs/src/content/authors/Ada Quill.json", "{\"name\": \"Ada Quill\", \"bio\": \"x\"}\n");
	fx_writes(S_tmp, "refs/src/content/authors/bo.json", "{\"name\": \"Bo Lind\"}\n");
	fx_writes(S_tmp, "refs/src/content/blog/a.md",
		  "---\ntitle: A\ndate: 2024-01-01\nauthors: [ada-quill, {collection: authors, id: bo}, Cy Guest]\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("refs", &site, &posts, &dl)) {
		const struct post *p = posts.n ? posts.v[0] : NULL;
		if (ok(p != NULL, "the post read")) {
			fx_is_list(&p->author_names, "Ada Quill|Bo Lind|Cy Guest",
				   "references to the authors collection (its entries' ids, slugged) are names");
			fx_is_list(&p->authors, "ada-quill|bo|Cy Guest", "  the ids kept");
		}
		S_done(site, &posts);
	}
	diag_list_free(&dl);

	fx_writes(S_tmp, "refs2/astro.config.mjs", "export default defineConfig({})\n");
	fx_writes(S_tmp, "refs2/src/content.config.ts",
		  "const posts = defineCollection({ loader: glob({ pattern: '*.md', base: 'src/posts' }) });\n"
		  "const team = defineCollection({ loader: file('src/data/team.yml') });\n"
		  "export const collections = { posts, team };\n");
	fx_writes(S_tmp, "refs2/src/data/team.yml", "- id: mo\n  name: Mo Reyes\n- id: li\n  name: Li Park\n");
	fx_writes(S_tmp, "refs2/src/posts/b.md", "---\ntitle: B\ndate: 2024-01-01\nauthor: li\n---\n");
	struct diag_list dl2 = DIAG_LIST_INIT;
	if (S_open("refs2", &site, &posts, &dl2)) {
		const struct post *p = posts.n ? posts.v[0] : NULL;
		if (ok(p != NULL, "the post read"))
			fx_is_list(&p->author_names, "Li Park", "a file() loader's list with ids");
		S_done(site, &posts);
	}
	diag_list_free(&dl2);
}

/* A blog in several languages: one folder each. */
static void test_locales(void)
{
	fx_writes(S_tmp, "i18n/astro.config.mjs",
		  "export default defineConfig({ i18n: { locales: ['en', { path: 'portugues', codes: ['pt-BR', 'pt'] }],\n"
		  "  defaultLocale: 'en' } })\n");
	fx_writes(S_tmp, "i18n/src/content.config.ts",
		  "const blog = defineCollection({ loader: glob({ pattern: '**/*.md', base: './src/content/blog' }) });\n"
		  "export const collections = { blog };\n");
	fx_writes(S_tmp, "i18n/src/content/blog/hello.md", "---\ntitle: Hello\ndate: 2024-01-01\n---\n");
	fx_writes(S_tmp, "i18n/src/content/blog/portugues/ola.md", "---\ntitle: Olá\ndate: 2024-01-01\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("i18n", &site, &posts, &dl)) {
		fx_is_relpaths(&posts, "src/content/blog/hello.md",
			       "the default locale's entries: those outside the locales' folders");
		is_str(site->language, "en", "  its language");
		S_done(site, &posts);
	}
	char *root = path_join(S_tmp, "i18n");
	struct site_open_options o = {NULL, NULL, "pt"};
	if (ok(site_open_ext(&site, root, &o, &dl) == 0, "i18n: opens with --language pt")) {
		site_collect(site, &posts, &dl);
		fx_is_relpaths(&posts, "src/content/blog/portugues/ola.md", "--language pt: the pt-BR folder (path)");
		is_str(site->language, "pt-BR", "  its language, as the locale's first code");
		S_done(site, &posts);
	}
	free(root);
	diag_list_free(&dl);
}

/* The post route from the page that renders a post. */
static void test_route(void)
{
	fx_writes(S_tmp, "route/astro.config.mjs",
		  "export default defineConfig({ site: 'https://r.example', trailingSlash: 'never',\n"
		  "  build: { format: 'file' } })\n");
	fx_writes(S_tmp, "route/src/content.config.ts",
		  "const blog = defineCollection({ loader: glob({ pattern: '**/*.md', base: './src/content/blog' }) });\n"
		  "export const collections = { blog };\n");
	fx_writes(S_tmp, "route/src/content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n");
	fx_writes(S_tmp, "route/src/pages/blog/[...page].astro",
		  "---\nexport async function getStaticPaths({ paginate }) {\n"
		  "  return paginate(await getCollection('blog'), { pageSize: 5 });\n}\n---\n");
	fx_writes(S_tmp, "route/src/pages/tags/[tag].astro", "---\nconst posts = await getCollection('blog');\n---\n");
	fx_writes(S_tmp, "route/src/pages/notes/[...slug].astro",
		  "---\nconst posts = await getCollection('notes');\n---\n");
	fx_writes(S_tmp, "route/src/pages/writing/[...slug]/index.astro",
		  "---\nimport { getCollection } from 'astro:content';\n"
		  "export async function getStaticPaths() {\n  const posts = await getCollection( \"blog\" );\n"
		  "  return posts.map((post) => ({ params: { slug: post.id }, props: post }));\n}\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("route", &site, &posts, &dl)) {
		is_str(posts.n ? posts.v[0]->live_url : NULL, "https://r.example/writing/a.html",
		       "the route of the page rendering one post of the collection (not a paginated list, "
		       "not a tag page, not another collection's); build.format 'file': x.html");
		S_done(site, &posts);
	}
	diag_list_free(&dl);
}

/* Markdoc's integration: .mdoc entries. */
static void test_markdoc(void)
{
	fx_writes(S_tmp, "doc/astro.config.mjs",
		  "import markdoc from '@astrojs/markdoc';\nexport default defineConfig({ integrations: [markdoc()] });\n");
	fx_writes(S_tmp, "doc/src/content.config.ts",
		  "const blog = defineCollection({ loader: glob({ pattern: '**/*.{md,mdx,mdoc}', base: 'src/content/blog' }) });\n"
		  "export const collections = { blog };\n");
	fx_writes(S_tmp, "doc/src/content/blog/a.mdoc", "---\ntitle: A\ndate: 2024-01-01\n---\n");
	fx_writes(S_tmp, "doc/src/content/blog/b.mdx", "---\ntitle: B\ndate: 2024-01-02\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("doc", &site, &posts, &dl)) {
		fx_is_relpaths(&posts, "src/content/blog/a.mdoc",
			       "Markdoc's integration: .mdoc entries; without MDX's, no .mdx");
		S_done(site, &posts);
	}
	diag_list_free(&dl);
}

/* Astro 1: no collections, posts are dated Markdown pages. */
static void test_pages(void)
{
	fx_writes(S_tmp, "old/astro.config.mjs",
		  "export default defineConfig({ site: 'https://old.example/', trailingSlash: 'never' })\n");
	fx_writes(S_tmp, "old/src/pages/index.astro", "---\n---\n<h1>Home</h1>\n");
	fx_writes(S_tmp, "old/src/pages/about.md", "---\ntitle: About\nlayout: ../layouts/Page.astro\n---\n");
	fx_writes(S_tmp, "old/src/pages/posts/Hello World.md",
		  "---\ntitle: Hello\npublishDate: 2022-06-01\nlayout: ../../layouts/Post.astro\n---\nText.\n");
	fx_writes(S_tmp, "old/src/pages/posts/_unlisted.md", "---\ntitle: U\npublishDate: 2022-06-02\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("old", &site, &posts, &dl)) {
		fx_is_relpaths(&posts, "src/pages/posts/Hello World.md",
			       "no collection: the dated Markdown pages of src/pages (not `_` ones, not undated ones)");
		is_str(posts.n ? posts.v[0]->live_url : NULL, "https://old.example/posts/Hello World",
		       "a page's route: its path as written; trailingSlash 'never'");
		is_int((long long)diag_count(&dl, DIAG_WARNING), 0, "no warning");
		S_done(site, &posts);
	}
	diag_list_free(&dl);
}

/* Dates as JavaScript's Date reads them (z.coerce.date()). */
static void test_js_dates(void)
{
	static const struct {
		const char *in, *ymd;
		int hour, tz;
	} cases[] = {
		{"Jul 08 2022", "2022-07-08", 0, 0},
		{"July 8, 2022 10:30 pm", "2022-07-08", 22, 0},
		{"Tue, 12 Jul 2022 08:00:00 GMT+0200", "2022-07-12", 8, 120},
		{"2022/07/08", "2022-07-08", 0, 0},
		{"07/08/2022", "2022-07-08", 0, 0},
		{"Sep 3 2021 12:15 am UTC", "2021-09-03", 0, 0},
		{"2023-03-04T23:00:00.000Z", "2023-03-04", 23, 0},
	};
	fx_writes(S_tmp, "dates/astro.config.mjs", "export default {}\n");
	char name[64];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(name, sizeof name, "dates/src/content/blog/p%zu.md", i);
		char *text = xasprintf("---\ntitle: P\n%s: \"%s\"\n---\n", i % 2 ? "date" : "pubDate", cases[i].in);
		fx_writes(S_tmp, name, text);
		free(text);
	}
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("dates", &site, &posts, &dl)) {
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
			snprintf(name, sizeof name, "src/content/blog/p%zu.md", i);
			const struct post *p = fx_find_post(&posts, name);
			char ymd[11] = "none";
			if (p && p->date.valid)
				date_format_ymd(&p->date, ymd);
			ok(strcmp(ymd, cases[i].ymd) == 0, "JavaScript's Date: '%s'", cases[i].in);
			ok(p && p->date.hour == cases[i].hour && p->date.tz_minutes == cases[i].tz, "  its time and zone");
		}
		is_int((long long)dl.n, 0, "no warning");
		S_done(site, &posts);
	}
	diag_list_free(&dl);
}

/* Detection; a project one folder down; a date that is none. */
static void test_detect(void)
{
	static const char *const names[] = {"astro.config.mjs", "astro.config.js", "astro.config.ts",
					    "astro.config.mts", "astro.config.cjs"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *dir = xasprintf("det%zu/%s", i, names[i]);
		fx_writes(S_tmp, dir, "export default {}\n");
		free(dir);
		char *root = xasprintf("%s/det%zu", S_tmp, i);
		ok(site_astro.detect(root), "detected by %s", names[i]);
		free(root);
	}
	fx_writes(S_tmp, "none/src/content/blog/x.md", "---\ntitle: X\n---\n");
	char *none = path_join(S_tmp, "none");
	ok(!site_astro.detect(none), "no astro.config: not Astro");
	free(none);

	fx_writes(S_tmp, "mono/core/astro.config.mjs", "export default defineConfig({ site: 'https://mono.example' })\n");
	fx_writes(S_tmp, "mono/core/src/content.config.ts",
		  "const blog = defineCollection({ loader: glob({ pattern: '**/*.md', base: './src/content/blog' }) });\n"
		  "export const collections = { blog };\n");
	fx_writes(S_tmp, "mono/core/src/content/blog/news/2020-01-02_launch.md",
		  "---\ntitle: Launch\ndate: 2020-01-02T09:00:00.000Z\n---\n");
	fx_writes(S_tmp, "mono/core/src/content/blog/news/bad.md", "---\ntitle: Bad\npubDate: soon\n---\n");
	fx_writes(S_tmp, "mono/README.md", "# A monorepo\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct site *site = NULL;
	struct post_list posts = POST_LIST_INIT;
	if (S_open("mono", &site, &posts, &dl)) {
		is_str(site->subfolder, "core", "the project in core/ (a shorthand collections member)");
		const struct post *launch = fx_find_post(&posts, "src/content/blog/news/2020-01-02_launch.md");
		is_str(launch ? launch->live_url : NULL, "https://mono.example/blog/news/2020-01-02_launch/",
		       "its URL keeps the folder");
		ok(S_warned(&dl, "'pubDate' is not a date sheaf can read: 'soon'") && !diag_count(&dl, DIAG_ERROR),
		   "a pubDate that is no date: a warning");
		const struct post *bad = fx_find_post(&posts, "src/content/blog/news/bad.md");
		ok(bad && !bad->date.valid, "  and no date");
		S_done(site, &posts);
	}
	diag_list_free(&dl);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_glob_collection();
	test_starlight();
	test_starlight_blog();
	test_remark_plugins();
	test_folders_and_choice();
	test_references();
	test_locales();
	test_route();
	test_markdoc();
	test_pages();
	test_js_dates();
	test_detect();
	fx_rm_rf(S_tmp);
	return done_testing();
}
