/* Unit tests of src/convert/dialect/kramdown.c: kramdown's attribute lists
 * and extensions. Checked as text and, end to end, through cmark-gfm and
 * libxml2's HTML parser (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_kramdown(void)
{
	IS(KD, "{::comment}\ngone\n{:/comment}\nkept\n", "kept\n", "kramdown comment: dropped");
	IS(KD, "* TOC\n{:toc}\n\nText.\n", "\nText.\n", "* TOC + {:toc}: gone");
	IS(KD, "1. Table\n{: toc}\n", "", "1. x + {: toc}: gone");
	IS(KD, "A para.\n{: .class #id}\n", "A para.\n", "kramdown IAL on its own line");
	IS(KD, "Link [x](http://a.b){:target=\"_blank\"} done.\n", "Link [x](http://a.b) done.\n",
	   "kramdown IAL after a link");
	IS(KD, "*Emph*{: .c} {::options parse_block_html=\"true\" /}\n", "*Emph* \n", "kramdown IAL and extension tags");
	IS(KD, "## Kramdown heading {#kh}\n", "<h2 id=\"kh\">Kramdown heading</h2>\n\n", "kramdown heading ids");
}

int main(void)
{
	static void (*const tests[])(void) = {test_kramdown, NULL};
	return dt_run(tests);
}
