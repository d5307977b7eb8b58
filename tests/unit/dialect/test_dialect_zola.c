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

/* The site's shortcode templates (templates/shortcodes/, Tera; .md ones
 * write Markdown): what they do with their arguments decides what a call
 * shows (tmpl.h). */
static void test_zola_site_shortcodes(void)
{
	fx_writes(dt_root, "zs/config.toml", "base_url = 'https://z.example'\ntitle = 'Z'\n");
	fx_writes(dt_root, "zs/content/posts/p/index.md", "+++\ntitle = 'P'\n+++\n");
	fx_writes(dt_root, "zs/content/posts/p/gull.png", "not read here");
	fx_writes(dt_root, "zs/templates/shortcodes/pic.html",
		  "{% set image = resize_image(path=file, width=800, op=\"fit_width\") %}\n"
		  "<figure><img src=\"{{ image.url }}\" alt=\"{{ desc | default(value='') }}\">"
		  "<figcaption>{{ caption | markdown | safe }}</figcaption></figure>\n");
	fx_writes(dt_root, "zs/templates/shortcodes/mdimg.md", "![{{ alt }}]({{ src }})\n");
	fx_writes(dt_root, "zs/templates/shortcodes/ext.html", "<a class=\"x\" href=\"{{ url | safe }}\">{{ body }}</a>\n");
	fx_writes(dt_root, "zs/templates/shortcodes/aside.html", "<aside>{{ body | markdown | safe }}</aside>\n");
	fx_writes(dt_root, "zs/templates/shortcodes/stars.html", "<span>{% for i in range(end=n) %}*{% endfor %}</span>\n");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = dt_in_site("zola", "zs", ZOLA, "content/posts/p/index.md",
			     "{{ pic(file=\"gull.png\", desc=\"A gull\", caption=\"On the rail\") }}\n\n"
			     "Inline {{ mdimg(src=\"gull.png\", alt=\"Gull\") }} here.\n\n"
			     "{% ext(url=\"https://x.example/\") %}the site{% end %}\n\n"
			     "{% aside() %}\nAside *text*.\n{% end %}\n\n"
			     "{{ stars(n=3) }}\n",
			     &dl);
	like(o, "<img src=\"gull.png\" alt=\"A gull\" />", "Zola: a picture through `set`");
	like(o, "<figcaption>\n\nOn the rail\n\n</figcaption>", "Zola: its caption");
	like(o, "Inline <img src=\"gull.png\" alt=\"Gull\" /> here.", "Zola: a Markdown template's image, inline");
	like(o, "[the site](https://x.example/)", "Zola: a body linked");
	like(o, "Aside *text*.", "Zola: a body kept");
	unlike(o, "{%", "Zola: no tag left");
	unlike(o, "{{", "Zola: no call left");
	ok(dt_has_warning(&dl, 20, "'stars' (templates/shortcodes/stars.html) is a template"), "Zola: stars warned");
	if (!is_int((long)dl.n, 1, "Zola: nothing else warned"))
		dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

int main(void)
{
	static void (*const tests[])(void) = {test_zola, test_zola_site_shortcodes, NULL};
	return dt_run(tests);
}
