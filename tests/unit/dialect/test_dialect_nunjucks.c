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
	is_str(o, "Hello  and .\n\na\nInner *md*.\n\nx\n \n{{ kept }}\n",
	       "Nunjucks: tags and values go, text and a shortcode's string arguments stay");
	ok(dt_has_warning(&dl, 12, "shortcode '{% mytag %}'") && dt_has_warning(&dl, 12, "2 times"),
	   "Nunjucks: one warning per distinct shortcode");
	ok(dt_has_warning(&dl, 10, "{{ name }}"), "Nunjucks: a value warned");
	is_int(dl.n, 2, "Nunjucks: nothing else warned");
	free(o);
	diag_list_free(&dl);
	IS(NJK, "{% highlight \"js\" %}\nlet a = 1;\n{% endhighlight %}\n", "```js\nlet a = 1;\n```\n",
	   "Eleventy's highlight");
	IS(NJK, "{{ site.baseurl }}\n", "\n", "Nunjucks values are not Jekyll's");
}

/* A site's shortcodes (Eleventy's addShortcode, addPairedShortcode):
 * string arguments and what a paired one encloses are text; the
 * language's own tags keep nothing of their arguments. */
static void test_shortcodes(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(NJK,
		    "{% youtube \"dQw4\" %}\n"
		    "\n"
		    "{% callout \"Mind*\", 'the step' %}Careful.{% endcallout %}\n"
		    "\n"
		    "{% if kind == \"loud\" %}Shown.{% endif %} {% youtube 'x' %}\n"
		    "\n"
		    "{%- figure `lit`, size=3 -%}\n",
		    &dl);
	is_str(o, "dQw4\n\nMind\\* the stepCareful.\n\nShown. x\n\nlit\n",
	       "string arguments kept (Markdown-escaped), inner text kept, an if's string left out");
	ok(dt_has_warning(&dl, 10, "shortcode '{% youtube %}'") && dt_has_warning(&dl, 10, "2 times"),
	   "one warning per shortcode and post");
	ok(dt_has_warning(&dl, 12, "shortcode '{% callout %}'"), "a paired shortcode warned");
	ok(dt_has_warning(&dl, 14, "Nunjucks tag '{% if %}'"), "the language's own tag warned as a tag");
	is_int(dl.n, 4, "nothing else warned");
	free(o);
	diag_list_free(&dl);
	IS(NJK, "<video poster=\"{{ '/img/a.png' | url }}\"></video>\n",
	   "<video poster=\"/blog/img/a.png\"></video>\n", "url filter: the pathPrefix before a site path");
	IS(NJK, "{{ \"https://h.example/a.png\" | url | safe }} {{ 'AbC' | lower }}\n", "https://h.example/a.png abc\n",
	   "url leaves a URL alone; safe and lower");
}

int main(void)
{
	static void (*const tests[])(void) = {test_nunjucks, test_shortcodes, NULL};
	return dt_run(tests);
}
