/* Unit tests of src/convert/dialect/mkdocs.c: MkDocs: admonitions,
 * details, tabs, attr_list, md_in_html, fenced-code titles. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_admonitions(void)
{
	const char *in = "!!! note \"Hello *world*\"\n"
			 "    Content **bold**\n"
			 "    over two lines.\n"
			 "\n"
			 "After.\n";
	LIKE(MK, in, "<div class=\"admonition note\"><p class=\"admonition-title\">Hello <em>world</em></p>",
	     "admonition: a box with its title rendered");
	LIKE(MK, in, "\nContent **bold**\nover two lines.\n", "admonition: content dedented");
	dt_xcount(MK, in, "count(//div[@class='admonition note']/p/strong)", 1,
		 "admonition: its content is Markdown inside the box");
	dt_xcount(MK, in, "count(//div[@class='admonition note']/following-sibling::p)", 1,
		 "admonition: the text after it is outside");
	LIKE(MK, "!!! warning\n    Careful.\n", "<p class=\"admonition-title\">Warning</p>",
	     "admonition: the title defaults to the type, capitalized");
	LIKE(MK, "!!! DANGER\n    x\n", "<p class=\"admonition-title\">Danger</p>", "admonition: capitalized as Python does");
	UNLIKE(MK, "!!! note \"\"\n    No title.\n", "admonition-title", "admonition: \"\" means no title");
	LIKE(MK, "!!! info inline end \"T\"\n    x\n", "<div class=\"admonition info inline end\">",
	     "admonition: every word of the type is a class");
	LIKE(MK, "??? tip \"Open me\"\n    Hidden.\n", "<div class=\"admonition tip\"><p class=\"admonition-title\">Open me</p>",
	     "details: ??? is a box as well");
	LIKE(MK, "???+ example\n    Shown.\n", "<p class=\"admonition-title\">Example</p>", "details: ???+");
	LIKE(MK, "!!! tip \"[Insiders is free] as well\"\n    x\n\n  [insiders is  FREE]: https://x.org/a\n",
	     "<p class=\"admonition-title\"><a href=\"https://x.org/a\">Insiders is free</a> as well</p>",
	     "admonition: a reference link in a title finds its definition");
	IS(MK, "!!!note\n", "!!!note\n", "not an admonition without a space");
	IS(MK, "!!! \"Only a title\"\n", "!!! \"Only a title\"\n", "!!! needs a type");
	dt_xcount(MK,
		 "!!! note\n"
		 "    Outer.\n"
		 "\n"
		 "    !!! warning \"Inner\"\n"
		 "        Inner text.\n"
		 "\n"
		 "        ??? tip\n"
		 "            Deepest.\n"
		 "\n"
		 "    Outer again.\n"
		 "\n"
		 "Out.\n",
		 "count(//div[@class='admonition note']/div[@class='admonition warning']/div[@class='admonition tip']/p[.='Deepest.'])"
		 " + count(//div[@class='admonition note']/p[.='Outer again.']) + count(/html/body/p[.='Out.'])",
		 3, "nested boxes nest, and each ends where its indentation does");
	dt_xcount(MK,
		 "1. Item\n"
		 "\n"
		 "    !!! note\n"
		 "        In the item.\n"
		 "\n"
		 "2. Next\n",
		 "count(//ol/li[1]/div[@class='admonition note']/p[.='In the item.']) + count(//ol/li)", 3,
		 "a box inside a list item stays in the item");
	const char *code = "!!! note\n"
			   "    ```md\n"
			   "    !!! warning\n"
			   "        :smile: {{< x >}} $a$\n"
			   "    ```\n";
	LIKE(MK | HUGO | MATH, code, "```md\n!!! warning\n    :smile: {{< x >}} $a$\n```\n",
	     "code inside a box: dedented, nothing in it rewritten");
	LIKE(MK, "!!! note\n    ```\n    code\nnot indented\n", "```\ncode\n```\n",
	     "a box ending inside its fenced code closes the fence first");
	dt_xcount(MK, "!!! note\n\n        indented code\n", "count(//div[@class='admonition note']/pre)", 1,
		 "indented code inside a box stays code");
	IS(MK, "    !!! note\n        code\n", "    !!! note\n        code\n",
	   "an indented code block is not an admonition");
	/* Deeper than the nesting limit: nothing lost, nothing crashes. */
	struct strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 100; i++) {
		for (int k = 0; k < i; k++)
			sb_adds(&deep, "    ");
		sb_addf(&deep, "!!! note \"L%d\"\n", i);
	}
	sb_adds(&deep, "tail\n");
	char *o = R(MK, deep.s, NULL);
	ok(strstr(o, "L99") && strstr(o, "tail"), "100 nested boxes: every title kept");
	free(o);
	sb_release(&deep);
}

static void test_tabs(void)
{
	const char *in = "=== \"First `tab`\"\n"
			 "\n"
			 "    One.\n"
			 "\n"
			 "=== \"Second\"\n"
			 "\n"
			 "    Two.\n"
			 "\n"
			 "Done.\n";
	LIKE(MK, in, "<div class=\"tab\"><p class=\"tab-title\">First <code>tab</code></p>",
	     "tabs: a titled box, its title rendered");
	dt_xcount(MK, in, "count(//div[@class='tab'])", 2, "tabs: one box per tab");
	dt_xcount(MK, in, "count(//div[@class='tab'][2]/p[.='Two.']) + count(/html/body/p[.='Done.'])", 2,
		 "tabs: each tab holds its content");
	dt_xcount(MK,
		 "??? example \"Inspect\"\n"
		 "\n"
		 "    === \":octicons-file-code-16: `docs/page.md`\"\n"
		 "\n"
		 "        ``` json\n"
		 "        {\"a\": 1}\n"
		 "        ```\n"
		 "\n"
		 "    === \"Now\"\n"
		 "\n"
		 "        Text.\n",
		 "count(//div[@class='admonition example']/div[@class='tab']) + "
		 "count(//div[@class='tab'][1]/pre/code[@class='language-json'])",
		 3, "tabs inside a details box, code inside a tab");
	LIKE(MK, "=== \":octicons-file-code-16: `docs/page.md`\"\n    x\n",
	     "<p class=\"tab-title\"><code>docs/page.md</code></p>", "tabs: an icon in a title goes");
	IS(MK, "=== not a tab\n", "=== not a tab\n", "=== without a quoted title is text");
}

static void test_attr_list(void)
{
	IS(MK, "![alt text](img/a.png){ width=\"200\" }\n", "<img src=\"img/a.png\" alt=\"alt text\" width=\"200\" />\n",
	   "attr_list: an image with a width becomes an <img> with it");
	IS(MK, "See ![a *b*](x.png \"T\"){: width=300 height=\"100\" .big }.\n",
	   "See <img src=\"x.png\" alt=\"a b\" width=\"300\" height=\"100\" class=\"big\" />.\n",
	   "attr_list: height, class, a title in the image");
	IS(MK, "![a](x.png){ loading=lazy }\n", "![a](x.png)\n", "attr_list: what an <img> cannot carry is dropped");
	IS(MK, "[link](https://x.org){ .md-button }\n", "[link](https://x.org)\n", "attr_list: after a link, dropped");
	IS(MK, "**bold**{ .x } and `code`{: #c }\n", "**bold** and `code`\n", "attr_list: after emphasis and code, dropped");
	IS(MK, "A paragraph\n{: .lead }\n", "A paragraph\n", "attr_list: a block list on its own line, dropped");
	IS(MK, "A paragraph\n{ #p .lead }\n", "A paragraph\n", "attr_list: without the colon too");
	IS(MK, "Text { .x }\n", "Text\n", "attr_list: at the end of a line, dropped");
	IS(MK, "Sets like {a, b} stay.\n", "Sets like {a, b} stay.\n", "braces in prose stay");
	IS(MK, "Say {hello} at the end {hello}\n", "Say {hello} at the end {hello}\n",
	   "a bare word in braces after a space stays");
	IS(MK, "## Title { #custom .c }\n", "<h2 id=\"custom\">Title</h2>\n\n", "attr_list on a heading: its id");
	IS(MK, "## Title { .c }\n", "## Title\n", "attr_list on a heading without an id: dropped");
	UNLIKE(MK, "```\n![a](x.png){ width=\"2\" }\n```\n", "<img", "attr_list: not in code");
	char *html = RH(MK, "![a](x.png){ width=\"200\" }\n\nPara {: .x }\n\n# H { #h }\n");
	char *text = dt_outside_code(html);
	unlike(text, "{", "attr_list: no brace reaches the HTML");
	free(text);
	free(html);
}

static void test_md_in_html(void)
{
	const char *in = "<figure markdown>\n"
			 "![search preview](a.png)\n"
			 "  <figcaption markdown>\n"
			 "Caption *here*\n"
			 "  </figcaption>\n"
			 "</figure>\n"
			 "After *this*.\n";
	UNLIKE(MK, in, "markdown", "md_in_html: the attribute goes");
	dt_xcount(MK, in, "count(//figure/p/img) + count(//figure/figcaption/p/em) + count(/html/body/p/em)", 3,
		 "md_in_html: the inside is Markdown, and what follows too");
	IS(MK, "<div class=\"grid\" markdown=\"1\">\n*a*\n</div>\n",
	   "<div class=\"grid\">\n\n*a*\n\n</div>\n\n", "md_in_html: markdown=\"1\", blank lines around");
	dt_xcount(MK,
		 "<div markdown=\"block\">\n"
		 "<div>\n"
		 "plain\n"
		 "</div>\n"
		 "*md*\n"
		 "</div>\n",
		 "count(/html/body/div/p/em)", 1, "md_in_html: inner plain elements of the same name are counted");
	IS(MK, "<div markdown>One *line*</div>\n", "<div>\n\nOne *line*\n\n</div>\n\n",
	   "md_in_html: on one line");
	IS(MK, "<span markdown=\"span\">x</span>\n", "<span>x</span>\n", "md_in_html: span keeps its line");
	dt_xcount(MK,
		 "<figure markdown=\"span\">\n"
		 "  ![A lighthouse](lamp.png)\n"
		 "  <figcaption>The lamp room</figcaption>\n"
		 "</figure>\n",
		 "count(//figure//img[@src='lamp.png']) + count(//figure/figcaption)", 2,
		 "md_in_html: a figure with markdown=\"span\" over lines shows its image");
	IS(MK, "<div class=\"x\">\n*raw*\n</div>\n", "<div class=\"x\">\n*raw*\n</div>\n",
	   "HTML without the attribute is left alone");
}

static void test_fences(void)
{
	IS(MK, "```py title=\"a.py\" linenums=\"1\"\nprint(1)\n```\n",
	   "<p class=\"code-title\">a.py</p>\n\n```py\nprint(1)\n```\n", "fence attributes: a caption and the language");
	IS(MK, "``` { .python .annotate title=\"b.py\" }\nx\n```\n",
	   "<p class=\"code-title\">b.py</p>\n\n```python\nx\n```\n", "fence attributes in braces");
	IS(MK, "```js hl_lines=\"2\"\nx\n```\n", "```js\nx\n```\n", "fence attributes without a title: dropped");
	IS(MK, "``` json\nx\n```\n", "``` json\nx\n```\n", "a plain info string is kept");
	IS(MK, "~~~~\n```py title=\"x\"\n~~~~\n", "~~~~\n```py title=\"x\"\n~~~~\n", "inside code, fences are code");
	dt_xcount(MK, "```py title=\"a.py\"\nprint(1)  # (1)!\n```\n\n1. An annotation.\n",
		 "count(//p[@class='code-title']) + count(//pre/code[@class='language-py']) + count(//ol/li)", 3,
		 "fence attributes end to end; annotations stay readable");
	dt_xcount(MK,
		 "1. __Word__: a list item\n"
		 "\n"
		 "    ```\n"
		 "    :smile: in code\n"
		 "    ```\n",
		 "count(//li/pre/code[contains(., ':smile:')])", 1, "a fence in a list item is code");
	LIKE(MK | MATH, "> ```\n> $a$ :smile:\n> ```\n", "> $a$ :smile:\n", "a fence in a blockquote is code");
}

static void test_end_to_end(void)
{
	const char *in = "Intro :smile: :material-x:\n"
			 "\n"
			 "!!! warning \"Material for MkDocs is in maintenance mode\"\n"
			 "    Text $a_b$.\n"
			 "\n"
			 "=== \"Now\"\n"
			 "\n"
			 "    ![a](x.png){ width=\"200\" }\n"
			 "\n"
			 "=== \"Before\"\n"
			 "\n"
			 "    Para\n"
			 "    { .x }\n"
			 "\n"
			 "## Heading { #h }\n"
			 "\n"
			 "```py title=\"a.py\"\n"
			 "!!! kept in code\n"
			 "```\n";
	char *html = RH(MK | MATH | HIDS, in);
	char *text = dt_outside_code(html);
	unlike(text, "!!! ", "MkDocs: no !!! outside code");
	unlike(text, "=== &quot;", "MkDocs: no === \" outside code");
	unlike(text, "=== \"", "MkDocs: no === \" outside code (raw)");
	unlike(text, "{ width", "MkDocs: no { width outside code");
	unlike(text, "{", "MkDocs: no attribute list outside code");
	unlike(text, ":smile:", "MkDocs: no emoji shortcode");
	like(html, "!!! kept in code", "MkDocs: code untouched");
	free(text);
	free(html);
}

/* The blog plugin's post_excerpt_separator on a line of its own is not
 * text of the post; any string may be one. */
static void test_excerpt_separator(void)
{
	struct fm_node *cfg = dt_config("plugins:\n  - search\n  - blog:\n      post_excerpt_separator: \"[[cut]]\"\n");
	IS(MK, "Teaser.\n\n[[cut]]\n\nRest.\n", "Teaser.\n\n\nRest.\n", "the separator's line is dropped");
	IS(MK, "Teaser.\n[[cut]]\nRest [[cut]].\n", "Teaser.\nRest [[cut]].\n",
	   "only the first, and only on a line of its own");
	IS(MK, "```\n[[cut]]\n```\n\n[[cut]]\n", "```\n[[cut]]\n```\n\n", "never in code");
	fm_node_free(cfg);
	cfg = dt_config("plugins:\n  - blog\n");
	IS(MK, "A.\n\n<!-- more -->\n\nB.\n", "A.\n\n\nB.\n", "the default: <!-- more -->");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
	IS(MK, "A.\n\n[[cut]]\n", "A.\n\n[[cut]]\n", "no blog plugin: no separator");
}

/* pymdownx.superfences' custom fences (mermaid, a site's own `textual`):
 * shown as code in their name's language, their title a caption; never
 * run, never dropped. */
static void test_custom_fences(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
			   "        - name: mermaid\n          class: mermaid\n"
			   "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
			   "        - name: harbour\n          class: harbour\n"
			   "          format: !!python/name:harbour.render\n");
	dt_xcount(MK, "```mermaid title=\"The flow\"\ngraph TD\n  A --> B\n```\n",
		  "count(//p[@class='code-title'][.='The flow']) + "
		  "count(//pre/code[@class='language-mermaid'][contains(., 'A --> B')])",
		  2, "mermaid: code in its language, the title a caption");
	dt_xcount(MK, "```{.harbour path=\"boats/app.py\" title=\"Boats\"}\nrun me\n```\n",
		  "count(//p[@class='code-title'][.='Boats']) + count(//pre/code[@class='language-harbour'][.='run me\n'])",
		  2, "a site's own fence with attributes: its text as code, never run");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

/* Each construct exists only when markdown_extensions lists its
 * extension (as Python-Markdown loads them); no such key: all of them. */
static void test_extensions(void)
{
	const char *adm = "!!! note \"T\"\n    Body.\n";
	const char *det = "??? tip \"T\"\n    Body.\n";
	const char *tab = "=== \"One\"\n    Body.\n";
	const char *attr = "Text with *it*{ .big } here.\n\n## Head { #here }\n";
	const char *html = "<div markdown>\n*in*\n</div>\n";
	struct fm_node *cfg = dt_config("markdown_extensions:\n  - toc\n");
	IS(MK, adm, adm, "admonition not listed: !!! stays text");
	IS(MK, det, det, "pymdownx.details not listed: ??? stays text");
	IS(MK, tab, tab, "pymdownx.tabbed not listed: === stays text");
	LIKE(MK, attr, "{ .big }", "attr_list not listed: an inline list stays text");
	LIKE(MK, attr, "{ #here }", "attr_list not listed: a heading's list stays text");
	LIKE(MK, html, "<div markdown>", "md_in_html not listed: the attribute stays");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - markdown.extensions.admonition\n  - pymdownx.details\n"
			"  - pymdownx.tabbed:\n      alternate_style: true\n  - attr_list\n  - md_in_html\n");
	LIKE(MK, adm, "<div class=\"admonition note\">", "admonition listed (by its full name): a box");
	LIKE(MK, det, "<div class=\"admonition tip\">", "pymdownx.details listed: a box");
	LIKE(MK, tab, "<div class=\"tab\">", "pymdownx.tabbed listed (with options): a tab");
	UNLIKE(MK, attr, "{", "attr_list listed: lists read");
	UNLIKE(MK, html, "markdown>", "md_in_html listed: the attribute goes");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - markdown.extensions.extra\n");
	UNLIKE(MK, attr, "{", "extra brings attr_list");
	UNLIKE(MK, html, "markdown>", "extra brings md_in_html");
	IS(MK, adm, adm, "extra does not bring admonition");
	fm_node_free(cfg);
	cfg = dt_config("site_name: x\n");
	LIKE(MK, adm, "<div class=\"admonition note\">", "no markdown_extensions: admonitions on");
	LIKE(MK, tab, "<div class=\"tab\">", "no markdown_extensions: tabs on");
	UNLIKE(MK, attr, "{", "no markdown_extensions: attr_list on");
	/* A reST post (Pelican) is not Python-Markdown's. */
	dt_ctx.post_relpath = "posts/p.rst";
	IS(MK, adm, adm, "a .rst post: no admonition");
	dt_ctx.post_relpath = "posts/p.md";
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_admonitions, test_tabs, test_attr_list, test_md_in_html, test_fences,
		test_end_to_end, test_excerpt_separator, test_custom_fences, test_extensions, NULL
	};
	return dt_run(tests);
}
