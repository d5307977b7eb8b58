/* Unit tests of dialect.h: each generator's Markdown dialect → CommonMark
 * and HTML, checked as text and, end to end, through cmark-gfm
 * (markdown_to_html) and libxml2's HTML parser. argv[1] is the source root
 * (unused: snippet fixtures are written to a temporary folder). */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convert/dialect.h"
#include "fixture.h"
#include "convert/markdown.h"
#include "tap.h"
#include "base/util.h"

/* The generators' sets of passes, as bits that tests combine. */
#define MK (1u << 0)   /* MkDocs: snippets, mkdocs, emoji */
#define HUGO (1u << 1) /* hugo */
#define LIQ (1u << 2)  /* Jekyll: liquid, kramdown, emoji */
#define NJK (1u << 3)  /* nunjucks */
#define MATH (1u << 4) /* math */
#define HIDS (1u << 5) /* heading_ids */
#define ZOLA (1u << 6) /* zola */

/* The list of passes for a set of bits, in a fixed order (a static buffer:
 * good until the next call). */
static const struct dialect *const *S_list(unsigned d)
{
	static const struct dialect *v[16];
	size_t n = 0;
	if (d & MK)
		v[n++] = &dialect_snippets, v[n++] = &dialect_mkdocs;
	if (d & HUGO)
		v[n++] = &dialect_hugo;
	if (d & ZOLA)
		v[n++] = &dialect_zola;
	if (d & LIQ)
		v[n++] = &dialect_liquid;
	if (d & NJK)
		v[n++] = &dialect_nunjucks;
	if (d & LIQ)
		v[n++] = &dialect_kramdown;
	if (d & (MK | LIQ))
		v[n++] = &dialect_emoji;
	if (d & MATH)
		v[n++] = &dialect_math;
	if (d & HIDS)
		v[n++] = &dialect_heading_ids;
	v[n] = NULL;
	return v;
}

static char S_root[256];

static char *S_resolve(void *data, const char *ref)
{
	(void)data;
	if (strcmp(ref, "a.md") == 0 || strcmp(ref, "_posts/2020-01-01-a.md") == 0)
		return xstrdup("../a/index.md");
	if (strcmp(ref, "2010-07-21-name") == 0)
		return xstrdup("2010-07-21-name.md");
	if (strcmp(ref, "with space.md") == 0)
		return xstrdup("with space (1).md");
	return NULL;
}

static struct dialect_context S_ctx = {NULL, "posts/p.md", "https://example.com/", "/blog",
				       S_resolve, NULL};

/* The rewrite of in; warnings go to dl (may be NULL: then dropped). The
 * body starts at line 10 of its file. */
static char *R(unsigned d, const char *in, struct diag_list *dl)
{
	struct diag_list local = DIAG_LIST_INIT;
	size_t len;
	char *out = dialect_rewrite(S_list(d), &S_ctx, in, strlen(in), &len, "post.md", 10, dl ? dl : &local);
	diag_list_free(&local);
	if (strlen(out) != len)
		diag("output holds a NUL byte");
	return out;
}

static char *H(const char *md)
{
	char *html = NULL;
	if (markdown_to_html(&html, md, strlen(md)) < 0)
		return xstrdup("");
	return html;
}

/* Rewrite, then cmark-gfm. */
static char *RH(unsigned d, const char *in)
{
	char *md = R(d, in, NULL);
	char *html = H(md);
	free(md);
	return html;
}

static htmlDocPtr S_parse(const char *html)
{
	char *w = xasprintf("<html><body>%s</body></html>", html);
	htmlDocPtr doc = htmlReadMemory(w, (int)strlen(w), "t.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
	free(w);
	return doc;
}

/* An XPath count on the HTML cmark-gfm makes of the rewrite. */
static void S_xcount(unsigned d, const char *in, const char *expr, double want, const char *name)
{
	char *html = RH(d, in);
	htmlDocPtr doc = S_parse(html);
	double got = doc ? fx_xpath_num(doc, expr) : -1;
	if (!ok(got == want, "%s", name)) {
		diag("  %s = %g, expected %g", expr, got, want);
		tap_diag_value("html:", html);
	}
	if (doc)
		xmlFreeDoc(doc);
	free(html);
}

/* The HTML with every <pre>…</pre> and <code>…</code> cut out: the text a
 * reader sees outside code. */
static char *S_outside_code(const char *html)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = html;
	for (;;) {
		const char *a = strstr(p, "<pre"), *b = strstr(p, "<code");
		const char *o = a && (!b || a < b) ? a : b;
		if (!o)
			break;
		const char *close = o == a ? "</pre>" : "</code>";
		sb_add(&sb, p, (size_t)(o - p));
		const char *e = strstr(o, close);
		if (!e) {
			p = o + strlen(o);
			break;
		}
		p = e + strlen(close);
	}
	sb_adds(&sb, p);
	return sb_detach(&sb);
}

static bool S_has_warning(const struct diag_list *dl, int line, const char *needle)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].severity == DIAG_WARNING && (line == 0 || dl->v[i].line == line) &&
		    strstr(dl->v[i].message, needle) && dl->v[i].file && strcmp(dl->v[i].file, "post.md") == 0)
			return true;
	return false;
}

static void S_dump(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		diag("  warning at %d: %s", dl->v[i].line, dl->v[i].message);
}

#define IS(d, in, want, name)                 \
	do {                                  \
		char *o_ = R((d), (in), NULL); \
		is_str(o_, (want), (name));   \
		free(o_);                     \
	} while (0)
#define LIKE(d, in, want, name)               \
	do {                                  \
		char *o_ = R((d), (in), NULL); \
		like(o_, (want), (name));     \
		free(o_);                     \
	} while (0)
#define UNLIKE(d, in, want, name)             \
	do {                                  \
		char *o_ = R((d), (in), NULL); \
		unlike(o_, (want), (name));   \
		free(o_);                     \
	} while (0)
#define HLIKE(d, in, want, name)               \
	do {                                   \
		char *o_ = RH((d), (in));      \
		like(o_, (want), (name));      \
		free(o_);                      \
	} while (0)
#define HUNLIKE(d, in, want, name)             \
	do {                                   \
		char *o_ = RH((d), (in));      \
		unlike(o_, (want), (name));    \
		free(o_);                      \
	} while (0)

static void test_plain(void)
{
	IS(0, "Nothing *to* do {{< x >}} $a$ :smile:\n", "Nothing *to* do {{< x >}} $a$ :smile:\n",
	   "no dialect: the text is unchanged");
	IS(MK | HUGO | LIQ | MATH | HIDS, "", "", "empty post");
	IS(MK | HUGO | LIQ | MATH | HIDS, "Plain text,\nno syntax.\r\n\r\nSecond.", "Plain text,\nno syntax.\r\n\r\nSecond.",
	   "plain Markdown (CRLF, no final newline) is left as it is");
	size_t len;
	struct diag_list dl = DIAG_LIST_INIT;
	char *out = dialect_rewrite(S_list(MK | HUGO | LIQ | MATH | HIDS), NULL, "a\0b {{< x >}}", 13, &len, "post.md", 1, &dl);
	ok(len == 4 && memcmp(out, "a\0b ", 4) == 0, "a NUL byte and no context are no trouble (%zu bytes)", len);
	free(out);
	diag_list_free(&dl);
}

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
	S_xcount(MK, in, "count(//div[@class='admonition note']/p/strong)", 1,
		 "admonition: its content is Markdown inside the box");
	S_xcount(MK, in, "count(//div[@class='admonition note']/following-sibling::p)", 1,
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
	S_xcount(MK,
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
	S_xcount(MK,
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
	S_xcount(MK, "!!! note\n\n        indented code\n", "count(//div[@class='admonition note']/pre)", 1,
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
	S_xcount(MK, in, "count(//div[@class='tab'])", 2, "tabs: one box per tab");
	S_xcount(MK, in, "count(//div[@class='tab'][2]/p[.='Two.']) + count(/html/body/p[.='Done.'])", 2,
		 "tabs: each tab holds its content");
	S_xcount(MK,
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
	char *text = S_outside_code(html);
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
	S_xcount(MK, in, "count(//figure/p/img) + count(//figure/figcaption/p/em) + count(/html/body/p/em)", 3,
		 "md_in_html: the inside is Markdown, and what follows too");
	IS(MK, "<div class=\"grid\" markdown=\"1\">\n*a*\n</div>\n",
	   "<div class=\"grid\">\n\n*a*\n\n</div>\n\n", "md_in_html: markdown=\"1\", blank lines around");
	S_xcount(MK,
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
	S_xcount(MK, "```py title=\"a.py\"\nprint(1)  # (1)!\n```\n\n1. An annotation.\n",
		 "count(//p[@class='code-title']) + count(//pre/code[@class='language-py']) + count(//ol/li)", 3,
		 "fence attributes end to end; annotations stay readable");
	S_xcount(MK,
		 "1. __Word__: a list item\n"
		 "\n"
		 "    ```\n"
		 "    :smile: in code\n"
		 "    ```\n",
		 "count(//li/pre/code[contains(., ':smile:')])", 1, "a fence in a list item is code");
	LIKE(MK | MATH, "> ```\n> $a$ :smile:\n> ```\n", "> $a$ :smile:\n", "a fence in a blockquote is code");
}

static void test_snippets(void)
{
	fx_writes(S_root, "inc/part.md", "Included *text* :smile:\n\n--8<-- \"inc/nested.md\"\n");
	fx_writes(S_root, "inc/nested.md", "Nested line.\n");
	fx_writes(S_root, "posts/beside.md", "Beside the post.\n");
	fx_writes(S_root, "inc/sections.md",
		  "one\n--8<-- [start:mid]\ntwo\nthree\n--8<-- [end:mid]\nfour\n");
	char *outside = xasprintf("%s-outside.md", S_root);
	fx_writes("/", outside, "SECRET\n");
	char *link = path_join(S_root, "inc/link.md");
	if (symlink(outside, link) != 0)
		diag("symlink failed");

	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(MK, "Before.\n\n--8<-- \"inc/part.md\"\n\nAfter.\n", &dl);
	like(o, "Included *text* 😄", "snippet: the file's text, rewritten like the post's");
	like(o, "Nested line.", "snippet: snippets inside snippets");
	unlike(o, "--8<--", "snippet: no marker left");
	ok(dl.n == 0, "snippet: no warning");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);

	o = R(MK, "!!! note\n    --8<-- \"beside.md\"\n", NULL);
	like(o, "Beside the post.", "snippet: found beside the post, inside a box");
	free(o);
	o = R(MK, "```\n  --8<-- 'inc/nested.md'\n```\n", NULL);
	is_str(o, "```\n  Nested line.\n```\n", "snippet: in code too (the usual use), indented like its line");
	free(o);
	IS(MK, "--8<-- \"inc/sections.md:mid\"\n", "two\nthree\n", "snippet: a named section");
	IS(MK, "--8<-- \"inc/sections.md:1:1\"\n", "one\n", "snippet: a line range");
	IS(MK, "--8<--\ninc/nested.md\nposts/beside.md\n--8<--\nend\n", "Nested line.\nBeside the post.\nend\n",
	   "snippet: the block form");
	IS(MK, ";--8<-- \"inc/nested.md\"\n", "--8<-- \"inc/nested.md\"\n", "snippet: escaped with ';'");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(MK,
	      "a\n"
	      "--8<-- \"../outside.md\"\n"
	      "--8<-- \"/etc/passwd\"\n"
	      "--8<-- \"inc/link.md\"\n"
	      "--8<-- \"missing.md\"\n"
	      "--8<-- \"https://example.com/x.md\"\n",
	      &dl);
	unlike(o, "SECRET", "snippet: nothing from outside the site");
	unlike(o, "root:", "snippet: no absolute path");
	like(o, "--8<-- \"../outside.md\"\n--8<-- \"/etc/passwd\"\n--8<-- \"inc/link.md\"\n--8<-- \"missing.md\"\n",
	     "snippet: refused lines are kept as written");
	ok(S_has_warning(&dl, 11, "outside the site"), "snippet: '..' refused, warned at its line");
	ok(S_has_warning(&dl, 12, "outside the site"), "snippet: an absolute path refused");
	ok(S_has_warning(&dl, 13, "leads outside the site"), "snippet: a symlink out of the site refused");
	ok(S_has_warning(&dl, 14, "not found"), "snippet: a missing file warned");
	ok(S_has_warning(&dl, 15, "not fetched"), "snippet: a URL warned");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(MK | HUGO, "--8<-- \"inc/part.md\"\n\n{{< unknownsc >}}\n", &dl);
	ok(S_has_warning(&dl, 12, "unknownsc"), "lines after a snippet keep their numbers in warnings");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);
	unlink(link);
	unlink(outside);
	free(link);
	free(outside);
}

static void test_emoji(void)
{
	IS(MK, ":smile: :+1: :rocket::tada: :warning:\n",
	   "\xF0\x9F\x98\x84 \xF0\x9F\x91\x8D \xF0\x9F\x9A\x80\xF0\x9F\x8E\x89 \xE2\x9A\xA0\xEF\xB8\x8F\n",
	   "emoji shortcodes become Unicode");
	IS(MK, "Icons :material-trash-can: :octicons-heart-fill-24: :fontawesome-brands-x-twitter: :simple-github: go.\n",
	   "Icons     go.\n", "icon shortcodes go");
	IS(MK, "At 12:30:45 the :not_an_emoji: stays, http://x.org too.\n",
	   "At 12:30:45 the :not_an_emoji: stays, http://x.org too.\n", "times, unknown names and URLs stay");
	IS(MK, "`:smile:` and\n\n```\n:smile:\n```\n", "`:smile:` and\n\n```\n:smile:\n```\n", "not in code");
	IS(LIQ, "Jekyll :tada: (jemoji)\n", "Jekyll \xF0\x9F\x8E\x89 (jemoji)\n", "Jekyll posts too");
	IS(LIQ, ":material-x:\n", ":material-x:\n", "icons are MkDocs only");
	IS(HUGO, ":smile:\n", ":smile:\n", "Hugo's emoji need a setting sheaf cannot see: left");
}

static void test_math(void)
{
	IS(MATH, "Inline $x_1 + y_2 * z$ here.\n", "Inline <span class=\"math\">x&#95;1 + y&#95;2 &#42; z</span> here.\n",
	   "$…$: a math span, Markdown characters escaped");
	IS(MATH, "It costs $5 and $6, or $10.\n", "It costs $5 and $6, or $10.\n", "prices are not math");
	IS(MATH, "From $ to $ no.\n", "From $ to $ no.\n", "a space after the opening $ is not math");
	IS(MATH, "A $x$5 no.\n", "A $x$5 no.\n", "a digit after the closing $ is not math");
	IS(MATH, "Escaped \\$x$ no.\n", "Escaped \\$x$ no.\n", "an escaped $ is not math");
	IS(MATH, "$$\na_1 = b <c>\n$$\n", "<div class=\"math\">&#10;a&#95;1 = b &lt;c&gt;&#10;</div>\n\n",
	   "$$…$$ on lines of its own: a math block");
	IS(MATH, "Say $$a$$ inline.\n", "Say <span class=\"math display\">a</span> inline.\n",
	   "$$…$$ inside a line: a display span");
	IS(MATH, "\\(a_b\\) and\n\\[\nc_d\n\\]\n",
	   "<span class=\"math\">a&#95;b</span> and\n<div class=\"math\">&#10;c&#95;d&#10;</div>\n\n",
	   "\\(…\\) and \\[…\\]");
	IS(MATH, "Quoted \\[a large company\\] and \\[..\\] stay, \\[x^2\\] not.\n",
	   "Quoted \\[a large company\\] and \\[..\\] stay, <span class=\"math display\">x^2</span> not.\n",
	   "\\[…\\] inside a line: math only when it reads as TeX");
	IS(MATH, "`$a$` and\n\n```\n$$b$$\n```\n", "`$a$` and\n\n```\n$$b$$\n```\n", "math is not looked for in code");
	char *html = RH(MATH, "Text $a_b_c * d*e$ and $$\\frac{1}{2}_x$$ end.\n\n$$\nx_1\n$$\n");
	unlike(html, "<em>", "no emphasis inside math");
	like(html, "<span class=\"math\">a_b_c * d*e</span>", "the TeX reaches the HTML as written");
	like(html, "<div class=\"math\">", "a math block reaches the HTML");
	free(html);
	IS(MATH, "<img alt=\"$a$\" src=\"x.png\">\n", "<img alt=\"$a$\" src=\"x.png\">\n", "no math inside HTML tags");
}

static void test_heading_ids(void)
{
	IS(HIDS, "## Title {#my-id}\nText\n", "<h2 id=\"my-id\">Title</h2>\n\nText\n", "## Title {#id}");
	IS(HIDS, "### *Em* and `code` {#x .y}\n", "<h3 id=\"x\"><em>Em</em> and <code>code</code></h3>\n\n",
	   "the title keeps its inline Markdown");
	IS(HIDS, "# A < B & C {#amp}\n", "<h1 id=\"amp\">A &lt; B &amp; C</h1>\n\n", "the title is escaped");
	IS(HIDS, "## Ends with {braces}\n", "## Ends with {braces}\n", "not an attribute list");
	IS(HIDS, "## Closed ## {#c}\n", "<h2 id=\"c\">Closed ##</h2>\n\n", "hashes before the braces are text (Goldmark)");
	IS(HIDS, "## Closed {#c} ##\n", "<h2 id=\"c\">Closed</h2>\n\n", "closing hashes after the braces");
	IS(HIDS, "```\n## In code {#x}\n```\n", "```\n## In code {#x}\n```\n", "not in code");
	IS(HIDS, "> ## Quoted {#q}\n", "> ## Quoted\n", "in a blockquote: the id is dropped, the heading stays");
	S_xcount(HIDS, "## Title *x* {#tid}\n\nPara.\n", "count(//h2[@id='tid']/em) + count(//p[.='Para.'])", 2,
		 "end to end: an h2 with the id");
}

static void test_hugo(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o, *html;

	o = R(HUGO, "{{< figure src=\"/img/a.png\" alt=\"An A\" title=\"Tee\" caption=\"The *A* caption\" link=\"https://x.org\" >}}\n", NULL);
	like(o, "<figure>\n<a href=\"https://x.org\"><img src=\"/img/a.png\" alt=\"An A\" /></a>\n<figcaption>\n<p><strong>Tee</strong></p>\n\nThe *A* caption\n\n</figcaption>\n</figure>",
	     "figure: <figure>, <img>, a Markdown caption");
	free(o);
	S_xcount(HUGO, "Text before\n{{< figure src=\"b.png\" caption=\"Cap **b**\" >}}\nText after.\n",
		 "count(//figure/img[@src='b.png']) + count(//figure/figcaption/p/strong) + count(/html/body/p)", 4,
		 "figure end to end, between lines of text");
	LIKE(HUGO, "Inline {{< figure src=\"c.png\" >}} here.\n", "Inline <img src=\"c.png\" alt=\"\" /> here.",
	     "figure inside a line: the image");

	o = R(HUGO, "{{< youtube w7Ft2ymGmfc >}}\n\n{{< youtube id=\"abc\" title=\"T\" >}}\n", NULL);
	like(o, "[Video on YouTube\\: https\\://www\\.youtube\\.com/watch?v\\=w7Ft2ymGmfc](https://www.youtube.com/watch?v=w7Ft2ymGmfc)",
	     "youtube: a link with a label");
	free(o);
	html = RH(HUGO, "{{< youtube w7Ft2ymGmfc >}}\n{{< vimeo 146022717 >}}\n{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n"
			"{{< gist spf13 7896402 >}}\n{{< instagram BWNjjyYFxVx >}}\n{{< youtube_simple xyz >}}\n");
	ok(str_starts_with(html, "<p data-sourcepos=\"1:1-1:") &&
	       strstr(html, "\"><a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\">Video on YouTube: https://www.youtube.com/watch?v=w7Ft2ymGmfc</a></p>\n<p"),
	   "youtube: a paragraph of its own");
	like(html, ">Video on Vimeo: https://vimeo.com/146022717</a>", "vimeo");
	like(html, ">Post on X (Twitter): https://twitter.com/SanDiegoZoo/status/1453110110599868418</a>", "tweet");
	like(html, ">Gist on GitHub: https://gist.github.com/spf13/7896402</a>", "gist");
	like(html, ">Post on Instagram: https://www.instagram.com/p/BWNjjyYFxVx/</a>", "instagram");
	like(html, ">Video on YouTube: https://www.youtube.com/watch?v=xyz</a>", "the _simple variants");
	free(html);

	IS(HUGO, "[a]({{< relref \"a.md#sec\" >}}) [b]({{<ref other.md >}}) [c]({{< relref path=\"with space.md\" >}})\n",
	   "[a](../a/index.md#sec) [b](other.md) [c](with%20space%20%281%29.md)\n",
	   "ref/relref: the resolver's path, else as written; the fragment kept; made safe for a link");
	IS(HUGO, "[ga]: {{< relref a.md >}}\n", "[ga]: ../a/index.md\n", "relref in a link definition");

	IS(HUGO, "{{< highlight go \"linenos=table\" >}}\nfunc() {{< notme >}}\n  `x`\n{{< /highlight >}}\nNext.\n",
	   "```go\nfunc() {{< notme >}}\n  `x`\n```\nNext.\n", "highlight: a fenced code block, untouched");
	IS(HUGO, "Inline {{< highlight sh >}}ls -l{{< /highlight >}}.\n", "Inline ` ls -l `.\n",
	   "highlight inside a line: inline code");

	o = R(HUGO, "{{% alert title=\"Note\" color=\"info\" %}}\n  Alert **content**.\n{{% /alert %}}\nAfter.\n", NULL);
	like(o, "<div class=\"admonition info\">\n<p class=\"admonition-title\">Note</p>", "callout: a box with its title");
	free(o);
	S_xcount(HUGO, "{{% alert title=\"Note\" color=\"info\" %}}\nAlert **content**.\n{{% /alert %}}\nAfter.\n",
		 "count(//div[@class='admonition info']/p/strong) + count(/html/body/p[.='After.'])", 2,
		 "callout end to end: its Markdown inside, what follows outside");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(HUGO,
	      "Line one\n"
	      "{{< mything arg=\"1\" >}}inner *text*{{< /mything >}}\n"
	      "\n"
	      "{{% other %}}\n"
	      "Markdown **inside**.\n"
	      "{{% /other %}}\n"
	      "{{< mything />}}\n",
	      &dl);
	is_str(o, "Line one\ninner *text*\n\n\nMarkdown **inside**.\n\n\n", "unknown shortcodes: tags go, the inside stays");
	ok(S_has_warning(&dl, 11, "unknown Hugo shortcode 'mything'") && S_has_warning(&dl, 11, "2 times"),
	   "unknown shortcode: one warning naming it, its first line and the count");
	ok(S_has_warning(&dl, 13, "'other'"), "unknown shortcode: the %% form");
	is_int(dl.n, 2, "unknown shortcode: no warning for closing tags");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);

	o = R(HUGO, "Shown: {{</* figure src=\"x\" */>}} and {{%/* note */%}}.\n", NULL);
	html = H(o);
	like(html, "Shown: {{&lt; figure src=&quot;x&quot; &gt;}} and {{% note %}}.", "escaped shortcodes shown as plain ones");
	free(html);
	free(o);
	dl = (struct diag_list)DIAG_LIST_INIT;
	free(R(HUGO, "{{</* unknownthing */>}}\n", &dl));
	is_int(dl.n, 0, "an escaped shortcode is not read again (no warning)");
	diag_list_free(&dl);
	IS(HUGO, "```\n{{</* gist a b */>}}\n```\n", "```\n{{< gist a b >}}\n```\n",
	   "escaped shortcodes in code lose the escape, as Hugo shows them");
	IS(HUGO, "`{{< x >}}` and\n\n```\n{{< youtube x >}}\n```\n", "`{{< x >}}` and\n\n```\n{{< youtube x >}}\n```\n",
	   "shortcodes in code are left alone");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(HUGO, "Version {{< param \"version\" >}}.\n", &dl);
	is_str(o, "Version .\n", "param: left out");
	ok(S_has_warning(&dl, 10, "param"), "param: warned");
	free(o);
	diag_list_free(&dl);

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(HUGO | MATH, "{{< math.inline >}}\n{{ if .Page.Params.math }}<p>Inline \\(x\\)</p>{{ end }}\n{{< /math.inline >}}\n",
	      &dl);
	unlike(o, "{{", "inline shortcode: template actions go");
	like(o, "<p>Inline <span class=\"math\">x</span></p>", "inline shortcode: its text stays");
	ok(S_has_warning(&dl, 10, "math.inline"), "inline shortcode: warned");
	free(o);
	diag_list_free(&dl);

	IS(HUGO, "Not one: {{< >}} {{<}} {{< a \"unclosed >}}\n", "Not one: {{< >}} {{<}} {{< a \"unclosed >}}\n",
	   "broken shortcodes are text");

	const char *all = "{{< figure src=\"a.png\" >}}\n\n{{% alert %}}\nx\n{{% /alert %}}\n\n"
			  "[r]({{< relref \"a.md\" >}}) {{< unknown >}}y{{< /unknown >}} {{< youtube a >}}\n\n"
			  "```\n{{< keep >}}\n```\n";
	html = RH(HUGO, all);
	char *text = S_outside_code(html);
	unlike(text, "{{&lt;", "no {{< outside code");
	unlike(text, "{{%", "no {{% outside code");
	like(html, "{{&lt; keep &gt;}}", "code untouched");
	free(text);
	free(html);
}

static void test_liquid(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o, *html;

	IS(LIQ, "{% raw %}\n```liquid\n{{ page.title }} {% if x %}\n```\n{% endraw %}\n",
	   "\n```liquid\n{{ page.title }} {% if x %}\n```\n\n", "raw: the inside kept literally");
	IS(LIQ, "Stop {% raw %}`{{ site.url }}`{% endraw %} and [`{% raw %}{% raw %}{% endraw %}`](x).\n",
	   "Stop `{{ site.url }}` and [`{% raw %}`](x).\n", "raw inline, and a raw tag inside raw");
	IS(LIQ, "`{% raw %}{{ a }}{% endraw %}`\n", "`{{ a }}`\n", "raw tags in code go");
	IS(LIQ, "{% raw %}\n\n## {{ not.liquid }} {#x}\n\n{% endraw %}\n", "\n\n## {{ not.liquid }} {#x}\n\n\n",
	   "raw over paragraphs: nothing inside read");
	IS(LIQ, "{% highlight ruby linenos %}\ndef foo\n  '{{ x }}'\nend\n{% endhighlight %}\n",
	   "```ruby\ndef foo\n  '{{ x }}'\nend\n```\n", "highlight: a fenced code block");
	IS(LIQ, "[p]({% post_url 2010-07-21-name %}) [l]({% link _posts/2020-01-01-a.md %}) [u]({% post_url unknown %})\n",
	   "[p](2010-07-21-name.md) [l](../a/index.md) [u](unknown)\n", "post_url and link: resolved, else as written");
	IS(LIQ, "[l]({% link _docs/x y.md %})\n", "[l](/_docs/x%20y.md)\n", "link unresolved: a path from the site's root");
	IS(LIQ, "[l]({% link\n  _posts/2020-01-01-a.md %})\n", "[l](../a/index.md)\n", "a tag over two lines");
	IS(LIQ, "{{ site.baseurl }}/x {{ site.url }} {{ \"/a.png\" | relative_url }} {{ 'b' | absolute_url }} {{site.baseurl | append: \"/c\"}}\n",
	   "/blog/x https://example.com/ /blog/a.png https://example.com/blog/b /blog/c\n",
	   "site.baseurl, site.url and the URL filters");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ,
	      "{% include footer.html %}\n"
	      "{% if page.x %}\n"
	      "Conditional *text*.\n"
	      "{% endif %}\n"
	      "{% if page.y %}y{% else %}z{% endif %}\n"
	      "{{ page.title }} and {{ site.repository }}/issues\n"
	      "{% assign a = 1 %}\n",
	      &dl);
	is_str(o, "\n\nConditional *text*.\n\nyz\n and /issues\n\n", "tags go, what they enclose stays");
	ok(S_has_warning(&dl, 10, "include footer.html"), "include: warned");
	ok(S_has_warning(&dl, 11, "'{% if %}'") && S_has_warning(&dl, 11, "2 times"), "if: one warning, counted");
	ok(S_has_warning(&dl, 15, "{{ page.title }}"), "an unknown value: warned");
	is_int(dl.n, 4, "no warning for else, endif, assign");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);

	IS(LIQ, "{% comment %}\nHidden words.\n{% endcomment %}\nShown.\n", "Shown.\n", "comment: dropped");
	IS(LIQ, "A{% comment %} hidden {% endcomment %}B\n", "AB\n", "comment inside a line");
	IS(LIQ, "{::comment}\ngone\n{:/comment}\nkept\n", "kept\n", "kramdown comment: dropped");
	IS(LIQ, "* TOC\n{:toc}\n\nText.\n", "\nText.\n", "* TOC + {:toc}: gone");
	IS(LIQ, "1. Table\n{: toc}\n", "", "1. x + {: toc}: gone");
	IS(LIQ, "A para.\n{: .class #id}\n", "A para.\n", "kramdown IAL on its own line");
	IS(LIQ, "Link [x](http://a.b){:target=\"_blank\"} done.\n", "Link [x](http://a.b) done.\n",
	   "kramdown IAL after a link");
	IS(LIQ, "*Emph*{: .c} {::options parse_block_html=\"true\" /}\n", "*Emph* \n", "kramdown IAL and extension tags");
	IS(LIQ, "## Kramdown heading {#kh}\n", "<h2 id=\"kh\">Kramdown heading</h2>\n\n", "kramdown heading ids");
	IS(LIQ, "Braces {a: 1} stay.\n", "Braces {a: 1} stay.\n", "prose with braces stays");

	const char *all = "{% raw %}{{ a }}{% endraw %} {% if x %}y{% endif %} {{ site.url }}\n{: .x}\n\n"
			  "```\n{% keep %}\n```\n";
	html = RH(LIQ, all);
	char *text = S_outside_code(html);
	unlike(text, "{%", "no {% outside code");
	unlike(text, "{:", "no {: outside code");
	like(html, "{% keep %}", "code untouched");
	free(text);
	free(html);
}

static void test_nunjucks(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(NJK,
		    "Hello {{ name }} and {% set x = 1 %}.\n"
		    "\n"
		    "{% mytag \"a\" %}\n"
		    "Inner *md*.\n"
		    "{% endmytag %}\n"
		    "{% mytag %}x{% endmytag %}\n"
		    "{# a comment #} {#\nmulti\n#}\n"
		    "{% raw %}{{ kept }}{% endraw %}\n",
		    &dl);
	is_str(o, "Hello  and .\n\n\nInner *md*.\n\nx\n \n{{ kept }}\n", "Nunjucks: tags and values go, text stays");
	ok(S_has_warning(&dl, 12, "Nunjucks tag '{% mytag %}'") && S_has_warning(&dl, 12, "2 times"),
	   "Nunjucks: one warning per distinct tag");
	ok(S_has_warning(&dl, 10, "{{ name }}"), "Nunjucks: a value warned");
	is_int(dl.n, 2, "Nunjucks: nothing else warned");
	free(o);
	diag_list_free(&dl);
	IS(NJK, "{% highlight \"js\" %}\nlet a = 1;\n{% endhighlight %}\n", "```js\nlet a = 1;\n```\n",
	   "Eleventy's highlight");
	IS(NJK, "{{ site.baseurl }}\n", "\n", "Nunjucks values are not Jekyll's");
}

static void test_zola(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(ZOLA,
		    "{{ youtube(id=\"dQw4w9WgXcQ\", autoplay=true) }}\n"
		    "\n"
		    "Inline {{ gist(url=\"https://gist.github.com/a/b\") }} here.\n"
		    "\n"
		    "{% note(kind='info', tags=[1, 2]) %}\n"
		    "Body *kept*.\n"
		    "{% end %}\n"
		    "{{ mystery() }}\n"
		    "{{/* youtube(id=\"x\") */}} {%/* note() */%}\n"
		    "{% end %} stays\n"
		    "`{{ code(x=1) }}`\n",
		    &dl);
	like(o, "](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
	     "Zola: youtube becomes a link");
	like(o, "Inline [Gist on GitHub\\: https\\://gist\\.github\\.com/a/b](https://gist.github.com/a/b) here.",
	     "Zola: gist by URL, inline");
	like(o, "\nBody *kept*.\n", "Zola: a body shortcode's body kept");
	unlike(o, "kind=", "Zola: its tags gone");
	unlike(o, "mystery", "Zola: an unknown call left out");
	like(o, "\\{\\{ youtube\\(id\\=\\\"x\\\"\\) \\}\\} \\{% note\\(\\) %\\}",
	     "Zola: the comment form prints the call, escaped so nothing reads it again");
	like(o, "{% end %} stays", "Zola: an {% end %} without an opening is text");
	like(o, "`{{ code(x=1) }}`", "Zola: calls in code untouched");
	ok(S_has_warning(&dl, 14, "Zola shortcode 'note' with a body"), "Zola: the body shortcode warned at its line");
	ok(S_has_warning(&dl, 17, "unknown Zola shortcode 'mystery'"), "Zola: the unknown call warned at its line");
	is_int(dl.n, 2, "Zola: nothing else warned");
	free(o);
	diag_list_free(&dl);
	IS(ZOLA, "{{ name }} and {% if x %}\n", "{{ name }} and {% if x %}\n", "Zola: Tera that is no call stays text");
	IS(HUGO, "{{ youtube(id=\"x\") }}\n", "{{ youtube(id=\"x\") }}\n", "Zola calls only for Zola");
}

static void test_lines(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(MK | HUGO,
		    "!!! note\n"           /* 10 */
		    "    a\n"              /* 11 */
		    "\n"                   /* 12 */
		    "    {{< inbox >}}\n"  /* 13 */
		    "\n"                   /* 14 */
		    "=== \"T\"\n"          /* 15 */
		    "    b\n"              /* 16 */
		    "<figure markdown>\n"  /* 17 */
		    "x\n"                  /* 18 */
		    "</figure>\n"          /* 19 */
		    "{{< after >}}\n",     /* 20 */
		    &dl);
	ok(S_has_warning(&dl, 13, "'inbox'"), "a warning inside a box names its line");
	ok(S_has_warning(&dl, 20, "'after'"), "a warning after boxes and HTML blocks names its line");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% highlight c %}\nx\n{% endhighlight %}\n{% comment %}\na\n{% endcomment %}\n{% bad %}\n", &dl);
	ok(S_has_warning(&dl, 16, "bad"), "a warning after consumed blocks names its line");
	S_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

/* Every construct at once, end to end: nothing of any dialect left in the
 * text a reader sees. */
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
	char *text = S_outside_code(html);
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

/* A test input shown on one line. */
static char *S_quote_test(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++)
		if (*s == '\n')
			sb_adds(&sb, "\\n");
		else
			sb_addc(&sb, *s);
	return sb_detach(&sb);
}

/* Inputs that would take quadratic time in a naive pass: each must finish
 * (no timing asserted; the implementation is linear). */
static void test_pathological(void)
{
	struct {
		const char *unit;
		int count;
	} cases[] = {
		{"{{< ", 100000}, {"{{% x ", 50000}, {"!!! note\n", 100000}, {"$", 100000},
		{"a $b ", 50000}, {"{% ", 100000}, {"{{ ", 100000}, {"{: ", 50000},
		{"`", 100000}, {"![a](b)", 50000}, {"){ width=1 }", 50000}, {"\\(", 100000},
		{"\\[", 100000}, {":smile", 100000}, {"<figure markdown>\n", 20000}, {"{{</* ", 50000},
		{"{{< highlight go >}}\n", 30000}, {"{% highlight x %}\n", 30000}, {"{% comment %}\n", 30000},
		{"{% raw %}", 30000}, {"## a {#x}\n", 20000}, {"=== \"t\"\n    a\n", 30000}, {"--8<--\n", 30000},
		{"--8<-- \"missing.md\"\n", 2000}, {"<!--", 50000}, {"<script>", 50000}, {"[", 100000},
		{"{{ a(", 50000}, {"{% b(x=1) %}", 30000}, {"{{/* ", 50000}, {"{{ c(x=\"", 50000},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		struct strbuf sb = STRBUF_INIT;
		for (int i = 0; i < cases[c].count; i++)
			sb_adds(&sb, cases[c].unit);
		sb_adds(&sb, "\nend of post\n");
		struct diag_list dl = DIAG_LIST_INIT;
		size_t len;
		char *out = dialect_rewrite(S_list(MK | HUGO | LIQ | MATH | HIDS | ZOLA), &S_ctx, sb.s, sb.len, &len, "post.md", 1, &dl);
		char *unit = S_quote_test(cases[c].unit);
		ok(out && strstr(out, "end of post"), "%d × '%s': done, the text kept", cases[c].count, unit);
		free(unit);
		free(out);
		diag_list_free(&dl);
		sb_release(&sb);
	}
	/* A line that ends nested 500 lists and boxes deep. */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 500; i++) {
		for (int k = 0; k < i; k++)
			sb_adds(&sb, "  ");
		sb_adds(&sb, "- item\n");
	}
	char *o = R(MK | HUGO | LIQ | MATH | HIDS, sb.s, NULL);
	ok(strstr(o, "- item"), "500 nested lists");
	free(o);
	sb_release(&sb);
}

/* Random mixes of every dialect's pieces: no crash, no sanitizer report,
 * and a paragraph after them always survives (nothing may swallow what
 * follows a construct it could not close). */
static void test_mixes(void)
{
	static const char *const pieces[] = {
		"!!! note \"T\"\n", "    ", "=== \"Tab\"\n", "??? x\n", "```", "~~~", "`", "``", "{{<", ">}}",
		"{{%", "%}}", "{{</*", "*/>}}", "/", "figure src=\"a\" ", "highlight go ", "{%", "%}", "raw",
		"endraw", "comment", "endcomment", "{{", "}}", "{:", "{", "}", "#id", ".cls", " width=\"2\"",
		"$", "$$", "\\(", "\\)", "\\[", "\\]", ":smile:", ":material-x:", "<figure markdown>",
		"</figure>", "<div markdown=\"1\">", "</div>", "## h ", "\n", "\n\n", "  ", "word", "![a](b)",
		"[l](u)", "--8<-- \"x.md\"\n", "* TOC\n{:toc}\n", "<!--", "-->", "<script>", "\r\n", "\t",
		"<pre>", "</pre>", "- item\n", "> ", "\"", "'", "=", "\\", "{#", "#}", "{::comment}", "{:/}",
		"{{% alert %}}", "{{< /alert >}}", "x.inline", "{% highlight c %}\n", "{% endhighlight %}",
	};
	unsigned long long seed = 0x5eedULL;
	size_t npieces = sizeof pieces / sizeof *pieces;
	int fails = 0;
	for (int round = 0; round < 4000; round++) {
		struct strbuf sb = STRBUF_INIT;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int count = 1 + (int)((seed >> 40) % 60);
		for (int i = 0; i < count; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			sb_adds(&sb, pieces[(seed >> 33) % npieces]);
		}
		sb_adds(&sb, "\n\nzqxword\n");
		unsigned d = (unsigned)((seed >> 20) & 0x3f);
		struct diag_list dl = DIAG_LIST_INIT;
		size_t len;
		char *out = dialect_rewrite(S_list(d), &S_ctx, sb.s, sb.len, &len, "post.md", 1, &dl);
		char *html = NULL;
		if (markdown_to_html(&html, out, len) < 0 || !strstr(out, "zqxword")) {
			if (fails++ < 3) {
				diag("round %d, dialects %#x, lost the last paragraph", round, d);
				tap_diag_value("input:", sb.s);
				tap_diag_value("output:", out);
			}
		}
		free(html);
		free(out);
		diag_list_free(&dl);
		sb_release(&sb);
	}
	is_int(fails, 0, "4000 random mixes: no crash, the paragraph after them kept");
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	markdown_init();
	snprintf(S_root, sizeof S_root, "/tmp/sheaf-dialect-XXXXXX");
	if (!mkdtemp(S_root)) {
		diag("mkdtemp failed");
		return 1;
	}
	S_ctx.site_root = S_root;
	test_plain();
	test_admonitions();
	test_tabs();
	test_attr_list();
	test_md_in_html();
	test_fences();
	test_snippets();
	test_emoji();
	test_math();
	test_heading_ids();
	test_hugo();
	test_liquid();
	test_nunjucks();
	test_zola();
	test_lines();
	test_end_to_end();
	test_pathological();
	test_mixes();
	fx_rm_rf(S_root);
	return done_testing();
}
