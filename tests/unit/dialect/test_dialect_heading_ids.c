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
	dt_xcount(HIDS, "## Title *x* {#tid}\n\nPara.\n", "count(//h2[@id='tid']/em) + count(//p[.='Para.'])", 2,
		 "end to end: an h2 with the id");
}

int main(void)
{
	static void (*const tests[])(void) = {test_heading_ids, NULL};
	return dt_run(tests);
}
