/* Unit tests of src/convert/dialect/hexo.c: Hexo's tag plugins, as Hexo's
 * own tag functions render them (lib/plugins/tag/), checked as text and
 * through cmark-gfm (dialect_fixture.h). The post is posts/p.md of a
 * temporary site; its asset folder is posts/p/. */
#include "dialect/dialect_fixture.h"

/* The rewrite by the Hexo pass alone. */
static char *S_hexo(const char *in, struct diag_list *dl)
{
	struct diag_list local = DIAG_LIST_INIT;
	size_t len;
	char *out = dialect_rewrite(DIALECTS(&dialect_hexo), &dt_ctx, in, strlen(in), &len, NULL, "post.md", 10,
				    dl ? dl : &local);
	diag_list_free(&local);
	return out;
}

#define HX(in, want, name)                        \
	do {                                      \
		char *o_ = S_hexo((in), NULL);    \
		is_str(o_, (want), (name));       \
		free(o_);                         \
	} while (0)

static char *S_html(const char *in)
{
	char *md = S_hexo(in, NULL);
	char *html = H(md);
	free(md);
	return html;
}

#define HXH(in, want, name)                       \
	do {                                      \
		char *o_ = S_html(in);            \
		like(o_, (want), (name));         \
		free(o_);                         \
	} while (0)

static void test_codeblock(void)
{
	HX("{% codeblock Tide estimate lang:python https://tides.example/code the whole script %}\n"
	   "def high_water(hour):\n    return hour\n{% endcodeblock %}\n",
	   "<p class=\"code-title\">Tide estimate <a href=\"https://tides.example/code\">the whole script</a></p>\n"
	   "\n```python\ndef high_water(hour):\n    return hour\n```\n",
	   "codeblock: caption, source link and language");
	HX("{% codeblock a.js https://x.example/a.js %}\nx\n{% endcodeblock %}\n",
	   "<p class=\"code-title\">a.js <a href=\"https://x.example/a.js\">link</a></p>\n\n```\nx\n```\n",
	   "codeblock: a source URL without text is 'link'");
	HX("{% codeblock lang:js mark:2,5 line_number:false wrap:false %}\nconst a = 1;\n{% endcodeblock %}\n",
	   "```js\nconst a = 1;\n```\n", "codeblock: options are not a caption");
	HX("1. Install:\n\n    {% code %}\n    $ npm i hexo\n    {% endcode %}\n",
	   "1. Install:\n\n    ```\n    $ npm i hexo\n    ```\n", "code: inside a list item");
	HX("```\n{% codeblock %}\nkept\n{% endcodeblock %}\n```\n",
	   "```\n{% codeblock %}\nkept\n{% endcodeblock %}\n```\n", "tags inside fenced code stay as written");
	HX("`{% asset_img x.png %}` and\n\n    {% post_link a %}\n",
	   "`{% asset_img x.png %}` and\n\n    {% post_link a %}\n", "tags in code spans and indented code stay");
}

/* An XPath count on the HTML cmark-gfm makes of the rewrite. */
static void S_xcount(const char *in, const char *expr, double want, const char *name)
{
	char *html = S_html(in);
	htmlDocPtr doc = dt_parse(html);
	double got = doc ? fx_xpath_num(doc, expr) : -1;
	if (!ok(got == want, "%s", name)) {
		diag("  %s = %g, expected %g", expr, got, want);
		tap_diag_value("html:", html);
	}
	if (doc)
		xmlFreeDoc(doc);
	free(html);
}

static void test_quotes(void)
{
	const char *bq = "{% blockquote Old Ferryman, Harbour sayings %}\nEvery tide keeps *its* appointment.\n"
			 "{% endblockquote %}\n";
	S_xcount(bq, "count(//blockquote/p/em)", 1, "blockquote: its content is Markdown");
	HXH(bq, "<p class=\"attribution\"><strong>Old Ferryman</strong> <cite>Harbour sayings</cite></p></blockquote>",
	    "blockquote: author and source in its attribution");
	HXH("{% quote Ana Ruiz https://tides.example/ana Letters from the quay %}\nText.\n{% endquote %}\n",
	    "<p class=\"attribution\"><strong>Ana Ruiz</strong> <cite><a href=\"https://tides.example/ana\">Letters "
	    "from the quay</a></cite></p>",
	    "quote: author, link and its title");
	HXH("{% blockquote Ana https://tides.example/ana/index.html %}\nText.\n{% endblockquote %}\n",
	    "<cite><a href=\"https://tides.example/ana/index.html\">tides.example/ana</a></cite>",
	    "blockquote: a link without title shows the address without scheme and index page");
	S_xcount("{% blockquote %}\nNo attribution.\n{% endblockquote %}\n", "count(//blockquote/p)", 1,
		 "blockquote without arguments: no attribution");
	S_xcount("{% pullquote left %}\nPulled.\n{% endpullquote %}\n",
		 "count(//blockquote[@class='pullquote left']/p)", 1, "pullquote: its class");
	S_xcount("{% note warn %}\nCareful **now**.\n{% endnote %}\n",
		 "count(//div[@class='admonition note warn']/p/strong)", 1, "note (themes): a box of its class");
	S_xcount("{% blockquote %}\nOuter\n{% note info %}\nInner\n{% endnote %}\n{% endblockquote %}\n",
		 "count(//blockquote/div[@class='admonition note info']/p)", 1, "blocks nest");
	char *o = S_hexo("{% blockquote %}\nNever closed.\n", NULL);
	like(o, "</blockquote>", "a quote left open is closed at the end");
	free(o);
}

static void test_images(void)
{
	HX("{% asset_img lantern.png '\"The north pier lantern\" \"A brass lantern\"' %}\n",
	   "<img src=\"p/lantern.png\" title=\"The north pier lantern\" alt=\"A brass lantern\" />\n",
	   "asset_img: the post's asset folder; title and alt in one quoted argument");
	HX("{% asset_image \"spaced asset.jpg\" \"spaced title\" %}\n",
	   "<img src=\"p/spaced asset.jpg\" title=\"spaced title\" alt=\"spaced title\" />\n",
	   "asset_image: a quoted name; a title alone is the alt too");
	fx_writes(dt_root, "posts/p/b.png", "x");
	HX("{% asset_img big b.png 100 %}\n", "<img src=\"p/b.png\" class=\"big\" width=\"100\" alt=\"\" />\n",
	   "asset_img: the argument naming an asset is the src, those before it classes");
	HX("{% img left /images/x.png 100 200 '\"Title\" \"Alt\"' %}\n",
	   "<img src=\"/images/x.png\" class=\"left\" width=\"100\" height=\"200\" title=\"Title\" alt=\"Alt\" />\n",
	   "img: classes, size, title and alt");
	HX("{% image https://cdn.example/a.png %}\n", "<img src=\"https://cdn.example/a.png\" alt=\"\" />\n",
	   "image: a URL");
	HX("[f]({% asset_path f.pdf %}) {% asset_link f.pdf The file %}\n",
	   "[f](p/f.pdf) <a href=\"p/f.pdf\">The file</a>\n", "asset_path and asset_link");
}

static void test_links(void)
{
	HX("See {% post_link a.md %}.\n", "See [](../a/index.md).\n",
	   "post_link without a title: empty, the book names it from the post");
	HX("{% post_link a.md 'the other one' %} {% post_link a.md#sec Sec true %}\n",
	   "[the other one](../a/index.md) [Sec](../a/index.md#sec)\n", "post_link: a title; a fragment; escape");
	HX("{% post_link unknown-post %}\n", "[](unknown-post)\n", "post_link to no post: as written");
	HX("[x]({% post_path a.md %})\n", "[x](../a/index.md)\n", "post_path: the address only");
	HX("{% link Hexo site https://hexo.io true Hexo home %}\n",
	   "<a href=\"https://hexo.io\" title=\"Hexo home\">Hexo site</a>\n", "link: text, URL, external, title");
	HX("{% iframe https://tides.example/map 600 400 %}\n",
	   "[Embedded page\\: https\\://tides\\.example/map](https://tides.example/map)\n", "iframe: a link to the page");
}

static void test_raw_and_unknown(void)
{
	HX("{% raw %}{% codeblock %} and {{ x }}{% endraw %}\n", "{% codeblock %} and {{ x }}\n",
	   "raw: tags inside kept as written");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = S_hexo("{% youtube abc %}\n\n{% youtube def %}\n", &dl);
	ok(dt_has_warning(&dl, 10, "Hexo tag '{% youtube %}' is not run by sheaf") && dt_has_warning(&dl, 10, "2 times"),
	   "a tag sheaf does not run: one warning per post, counted");
	free(o);
	diag_list_free(&dl);
	/* A heading with an id is a title rendered on its own: a raw opened
	 * there does not run on into the post. */
	size_t len;
	struct diag_list tdl = DIAG_LIST_INIT;
	const char *in = "## Title {% raw %}{{ x }} {#t}\n\nAfter: {% post_link a.md %}\n";
	o = dialect_rewrite(DIALECTS(&dialect_hexo, &dialect_heading_ids), &dt_ctx, in, strlen(in), &len, NULL, "post.md",
			    10, &tdl);
	like(o, "After: [](../a/index.md)", "a raw opened in a title does not run on");
	free(o);
	diag_list_free(&tdl);
	HX("Text <!-- more --> more.\n", "Text <!-- more --> more.\n", "the excerpt mark is left to the sanitizer");
}

int main(void)
{
	static void (*const tests[])(void) = {test_codeblock, test_quotes, test_images, test_links,
					      test_raw_and_unknown, NULL};
	return dt_run(tests);
}
