/* Unit tests of src/convert/dialect/zola.c: Zola shortcodes. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

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
	ok(dt_has_warning(&dl, 14, "Zola shortcode 'note' with a body"), "Zola: the body shortcode warned at its line");
	ok(dt_has_warning(&dl, 17, "unknown Zola shortcode 'mystery'"), "Zola: the unknown call warned at its line");
	is_int(dl.n, 2, "Zola: nothing else warned");
	free(o);
	diag_list_free(&dl);
	IS(ZOLA, "{{ name }} and {% if x %}\n", "{{ name }} and {% if x %}\n", "Zola: Tera that is no call stays text");
	IS(HUGO, "{{ youtube(id=\"x\") }}\n", "{{ youtube(id=\"x\") }}\n", "Zola calls only for Zola");
}

int main(void)
{
	static void (*const tests[])(void) = {test_zola, NULL};
	return dt_run(tests);
}
