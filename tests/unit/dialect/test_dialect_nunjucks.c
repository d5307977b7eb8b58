/* Unit tests of src/convert/dialect/nunjucks.c: Eleventy's Nunjucks.
 * Checked as text and, end to end, through cmark-gfm and libxml2's HTML
 * parser (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

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
	ok(dt_has_warning(&dl, 12, "Nunjucks tag '{% mytag %}'") && dt_has_warning(&dl, 12, "2 times"),
	   "Nunjucks: one warning per distinct tag");
	ok(dt_has_warning(&dl, 10, "{{ name }}"), "Nunjucks: a value warned");
	is_int(dl.n, 2, "Nunjucks: nothing else warned");
	free(o);
	diag_list_free(&dl);
	IS(NJK, "{% highlight \"js\" %}\nlet a = 1;\n{% endhighlight %}\n", "```js\nlet a = 1;\n```\n",
	   "Eleventy's highlight");
	IS(NJK, "{{ site.baseurl }}\n", "\n", "Nunjucks values are not Jekyll's");
}

int main(void)
{
	static void (*const tests[])(void) = {test_nunjucks, NULL};
	return dt_run(tests);
}
