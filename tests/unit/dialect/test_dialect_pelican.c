/* Unit tests of src/convert/dialect/pelican.c: Pelican's link prefixes in
 * Markdown links, reference definitions and HTML attributes, as
 * pelican/contents.py's _link_replacer reads them. */
#include "dialect/dialect_fixture.h"

static char *S_pel(const char *in, struct diag_list *dl)
{
	return dt_rewrite(DIALECTS(&dialect_pelican), &dt_ctx, in, dl);
}

#define PL(in, want, name)                     \
	do {                                   \
		char *o_ = S_pel((in), NULL);  \
		is_str(o_, (want), (name));    \
		free(o_);                      \
	} while (0)

static void test_files(void)
{
	PL("[a]({filename}other.md)\n", "[a](other.md)\n", "{filename}: relative to the post");
	PL("[a]({filename}/2020/b.md#part)\n", "[a](/2020/b.md#part)\n", "{filename}/: from PATH, fragment kept");
	PL("![i]({static}/images/x.png)\n", "![i](/images/x.png)\n", "{static} in an image");
	PL("![i]({attach}pics/x.png)\n", "![i](pics/x.png)\n", "{attach}");
	PL("[a](|filename|b.md)\n", "[a](b.md)\n", "the legacy |filename|");
	PL("![i](|static|/images/x.png)\n", "![i](/images/x.png)\n", "the legacy |static|");
	PL("[a](<{filename}with space.md>)\n", "[a](<with space.md>)\n", "in an angle-bracket address");
	PL("[ref]: {filename}/c.md\n\nSee [ref].\n", "[ref]: /c.md\n\nSee [ref].\n", "a reference definition");
	PL("<a href=\"{filename}d.md\">d</a>\n", "<a href=\"d.md\">d</a>\n", "an HTML attribute");
	PL("<img src='{static}/e.png'>\n", "<img src='/e.png'>\n", "an HTML attribute in single quotes");
}

static void test_pages(void)
{
	PL("[t]({tag}Rust)\n", "[t](/tag/rust.html)\n", "{tag}: TAG_URL with the name's slug");
	PL("[c](<{category}Field Notes>)\n", "[c](</category/field-notes.html>)\n", "{category}, a name with a space");
	PL("<a href=\"{author}Ann Lee\">a</a>\n", "<a href=\"/author/ann-lee.html\">a</a>\n", "{author} in an attribute");
	PL("[home]({index})\n", "[home](/index.html)\n", "{index}: INDEX_SAVE_AS");
	PL("[t]({tag}Rust%20Lang)\n", "[t](/tag/rust-lang.html)\n", "a name percent-encoded (another pass wrote it)");
	struct fm_node *cfg = dt_config("TAG_URL: 'tags/{slug}/'\nINDEX_SAVE_AS: 'blog/index.html'\n");
	PL("[t]({tag}sea)\n", "[t](/tags/sea/)\n", "TAG_URL from the settings");
	PL("[home]({index})\n", "[home](/blog/index.html)\n", "INDEX_SAVE_AS from the settings");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_left_alone(void)
{
	PL("Text {filename}x.md and |static|y.\n", "Text {filename}x.md and |static|y.\n",
	   "outside an address: text");
	PL("`[a]({filename}x.md)`\n", "`[a]({filename}x.md)`\n", "in code");
	PL("[a]({unknown}x)\n", "[a]({unknown}x)\n", "an unknown word: as Pelican leaves it");
	PL("    [a]({filename}x.md)\n", "    [a]({filename}x.md)\n", "in an indented code block");
}

static void test_markdown_extensions(void)
{
	PL("Text.\n\n    :::python\n    x = 1\n\nAfter.\n", "Text.\n\n    \n    x = 1\n\nAfter.\n",
	   "codehilite (Pelican's default): an indented block's :::lang line is not shown, its line kept blank");
	PL("Text.\n\n    #!rust\n    fn main() {}\n", "Text.\n\n    \n    fn main() {}\n", "and #!lang");
	PL("Text.\n\n    #!/usr/bin/env python\n    x\n", "Text.\n\n    #!/usr/bin/env python\n    x\n",
	   "a shebang with a path stays");
	PL("```\n    :::python\n```\n", "```\n    :::python\n```\n", "not in a fenced block");
	PL("Text.\n\n    ::python\n", "Text.\n\n    ::python\n", "two colons are not codehilite's");
	PL("Intro.\n\n[TOC]\n\n# One\n", "Intro.\n\n[TOC]\n\n# One\n", "[TOC] without the toc extension: text");
	struct fm_node *cfg = dt_config("MARKDOWN:\n  extension_configs:\n    markdown.extensions.toc: {}\n");
	PL("Intro.\n\n[TOC]\n\n# One\n", "Intro.\n\n\n# One\n", "[TOC] with toc: the book's own TOC stands for it");
	PL("Text.\n\n    :::python\n    x = 1\n", "Text.\n\n    :::python\n    x = 1\n",
	   "MARKDOWN without codehilite: the line stays");
	fm_node_free(cfg);
	cfg = dt_config("MARKDOWN:\n  extensions: [codehilite, toc]\n");
	PL("[TOC]\n\n    :::c\n    int x;\n", "\n    \n    int x;\n", "extensions by their short names");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_through_cmark(void)
{
	char *md = S_pel("See [the post]({filename}/2020/b.md) and ![x]({static}/img/x.png).\n", NULL);
	char *html = H(md);
	like(html, "href=\"/2020/b.md\"", "a link cmark-gfm reads");
	like(html, "src=\"/img/x.png\"", "an image cmark-gfm reads");
	free(html);
	free(md);
	md = S_pel("Text.\n\n    :::python\n    x = 1\n", NULL);
	html = H(md);
	like(html, "><code>x = 1\n</code></pre>", "the code block starts at its code");
	free(html);
	free(md);
}

int main(void)
{
	markdown_init();
	test_files();
	test_pages();
	test_left_alone();
	test_markdown_extensions();
	test_through_cmark();
	return done_testing();
}
