/* Unit tests of src/convert/dialect/heading_ids.c: heading ids. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

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
	IS(HIDS, "## Title{#tight}\n", "<h2 id=\"tight\">Title</h2>\n\n", "no space before the list (Goldmark)");
	IS(HIDS, "## Classes {.wide .note}\n", "## Classes\n", "classes alone: the list goes, the heading stays");
	IS(HIDS, "## Both{#b .wide}\n", "<h2 id=\"b\">Both</h2>\n\n", "an id and a class, no space");
	IS(HIDS, "## Shell ${HOME}\n", "## Shell ${HOME}\n", "a word in braces is no list, even without a space");
	IS(HIDS, "Setext One {#one}\n==========\n\nText\n", "<h1 id=\"one\">Setext One</h1>\n\nText\n",
	   "setext level 1 with an id (Goldmark)");
	IS(HIDS, "Setext *Two*{#two .wide}\n---\nText\n", "<h2 id=\"two\">Setext <em>Two</em></h2>\n\nText\n",
	   "setext level 2, no space, a class beside the id");
	IS(HIDS, "Para line\nSetext {#late}\n---\n", "Para line\nSetext {#late}\n---\n",
	   "the last line of a longer paragraph: left to Markdown");
	IS(HIDS, "Plain setext\n===\n", "Plain setext\n===\n", "no attribute list: left to Markdown");
	IS(HIDS, "- item {#i}\n---\n", "- item {#i}\n---\n", "a list item over a rule is no heading");
	IS(HIDS, "Classes {.c}\n===\n", "# Classes\n", "classes alone over an underline: the list goes");
	dt_xcount(HIDS, "Title *s* {#sid}\n---\n\nPara.\n", "count(//h2[@id='sid']/em) + count(//p[.='Para.'])", 2,
		 "end to end: a setext h2 with the id");
	dt_xcount(HIDS, "## Title *x* {#tid}\n\nPara.\n", "count(//h2[@id='tid']/em) + count(//p[.='Para.'])", 2,
		 "end to end: an h2 with the id");
}

int main(void)
{
	static void (*const tests[])(void) = {test_heading_ids, NULL};
	return dt_run(tests);
}
