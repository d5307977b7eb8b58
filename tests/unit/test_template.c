/* Unit tests of template.h: the small Mustache subset and template loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "base/template.h"

static struct tvars S_tv;

/* Renders tmpl with S_tv; returns the text, or NULL when rendering failed. */
static char *S_render(const char *tmpl, struct diag_list *dl)
{
	char *out = NULL;
	if (template_render(&out, tmpl, &S_tv, "t.xhtml", dl) < 0)
		return NULL;
	return out;
}

static void check(const char *tmpl, const char *expected, const char *name)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *out = S_render(tmpl, &dl);
	is_str(out, expected, name);
	if (dl.n)
		diag("unexpected diagnostic: %s", dl.v[0].message);
	free(out);
	diag_list_free(&dl);
}

static void test_render(void)
{
	struct strvec tags = STRVEC_INIT, none = STRVEC_INIT;
	sv_push(&tags, "c");
	sv_push(&tags, "<b>&");
	tvars_set(&S_tv, "title", "A <b>\"bold\"</b> & 'quoted'");
	tvars_set(&S_tv, "empty", "");
	tvars_set(&S_tv, "nullish", NULL);
	tvars_set(&S_tv, "name", "Ann");
	tvars_set_list(&S_tv, "tags", &tags);
	tvars_set_list(&S_tv, "notags", &none);

	check("<t>{{title}}</t>", "<t>A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; &#39;quoted&#39;</t>",
	      "{{var}} escapes < & \" ' >");
	check("[{{ name }}]", "[Ann]", "spaces inside {{ }} ignored");
	check("[{{missing}}]", "[]", "an unknown variable is empty");
	check("[{{nullish}}]", "[]", "a NULL value is empty");
	check("{{#name}}Hi {{.}}!{{/name}}", "Hi Ann!", "section on a non-empty value, {{.}} is the value");
	check("a{{#empty}}X{{/empty}}b", "ab", "section on an empty value is skipped");
	check("a{{#missing}}X{{/missing}}b", "ab", "section on a missing value is skipped");
	check("a{{^empty}}none{{/empty}}b", "anoneb", "inverted section on an empty value");
	check("a{{^name}}none{{/name}}b", "ab", "inverted section on a value is skipped");
	check("<ul>{{#tags}}<li>{{.}}</li>{{/tags}}</ul>", "<ul><li>c</li><li>&lt;b&gt;&amp;</li></ul>",
	      "list iteration with {{.}}, items escaped");
	check("{{#notags}}X{{/notags}}{{^notags}}no tags{{/notags}}", "no tags", "empty list: section skipped, inverted shown");
	check("{{^tags}}X{{/tags}}", "", "inverted section on a non-empty list skipped");
	check("{{tags}}", "c, &lt;b&gt;&amp;", "a list as a value joins its items");
	check("{{#name}}{{#tags}}[{{.}}]{{/tags}}{{/name}}", "[c][&lt;b&gt;&amp;]", "nested sections");
	check("{{#name}}a{{#name}}b{{/name}}c{{/name}}", "abc", "a section nested in itself");
	check("no tags at all\nline 2", "no tags at all\nline 2", "text without tags unchanged");
	check("", "", "empty template");

	tvars_set(&S_tv, "name", "Bob");
	check("{{name}}", "Bob", "tvars_set replaces a value");
	tvars_set_list(&S_tv, "name", &tags);
	check("{{#name}}{{.}};{{/name}}", "c;&lt;b&gt;&amp;;", "a value replaced by a list");
	sv_free(&tags);
}

static void test_errors(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *out = S_render("line 1\n{{#tags}}\n<li>{{.}}</li>\n", &dl);
	ok(out == NULL, "unclosed section: render fails (-1)");
	is_int(diag_count(&dl, DIAG_ERROR), 1, "unclosed section: one error");
	if (dl.n) {
		is_int(dl.v[0].line, 2, "unclosed section: error at the section's line");
		is_str(dl.v[0].file, "t.xhtml", "unclosed section: error names the origin");
		like(dl.v[0].message, "tags", "unclosed section: the message names the section");
	}
	diag_list_free(&dl);

	out = S_render("a {{/tags}} b", &dl);
	ok(out == NULL && dl.n == 1, "a stray {{/x}} is an error");
	diag_list_free(&dl);

	out = S_render("a\nb {{title", &dl);
	ok(out == NULL && dl.n == 1 && dl.v[0].line == 2, "an unclosed '{{' is an error at its line");
	diag_list_free(&dl);

	out = S_render("{{#tags}}{{/name}}{{/tags}}", &dl);
	ok(out == NULL && dl.n >= 1, "a mismatched close inside a section is an error");
	free(out);
	diag_list_free(&dl);
}

static void test_load(const char *root)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const char *const *names = template_names();
	bool has_chapter = false;
	size_t n = 0;
	for (; names[n]; n++)
		has_chapter |= strcmp(names[n], "chapter.xhtml") == 0;
	ok(n >= 3 && has_chapter, "template_names lists the built-in templates (%zu)", n);

	char *text, *origin;
	is_int(template_load(&text, &origin, "chapter.xhtml", NULL, &dl), 0, "built-in chapter.xhtml loads");
	is_str(origin, "<built-in>/chapter.xhtml", "built-in origin");
	char *path = path_join(root, "templates/chapter.xhtml"), *disk;
	if (read_file(path, &disk, NULL) == 0) {
		is_str(text, disk, "the built-in template is templates/chapter.xhtml");
		free(disk);
	}
	free(path);
	free(text);
	free(origin);

	char dir[] = "/tmp/sheaf-template-XXXXXX";
	if (mkdtemp(dir)) {
		char *file = path_join(dir, "chapter.xhtml");
		FILE *f = fopen(file, "w");
		fputs("<custom/>", f);
		fclose(f);
		is_int(template_load(&text, &origin, "chapter.xhtml", dir, &dl), 0, "a template folder overrides");
		is_str(text, "<custom/>", "overriding template text");
		is_str(origin, file, "origin is the file's path");
		free(text);
		free(origin);
		is_int(template_load(&text, &origin, "style.css", dir, &dl), 0,
		       "a template missing from the folder falls back to the built-in one");
		free(text);
		free(origin);
		remove(file);
		rmdir(dir);
		free(file);
	}
	is_int(template_load(&text, &origin, "nope.xhtml", NULL, &dl), -1, "an unknown template name fails");
	ok(text == NULL && origin == NULL && dl.n == 1, "and reports one error");
	diag_list_free(&dl);
}

static void test_render_xml(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct tvars tv = TVARS_INIT;
	tvars_set(&tv, "title", "A & B");
	char *out = NULL;
	is_int(template_render_xml(&out, "<p>{{ title }}</p>", &tv, "t.xhtml", "the page", &dl), 0,
	       "render_xml: escaped values keep the page well-formed");
	is_str(out, "<p>A &amp; B</p>", "render_xml: the page");
	free(out);
	out = NULL;
	is_int(template_render_xml(&out, "<p>{{ title }}</b>", &tv, "t.xhtml", "the page", &dl), -1,
	       "render_xml: a page that is not well-formed is refused");
	ok(out == NULL && dl.n == 1 && strstr(dl.v[0].message, "the page is not well-formed XML") &&
		   strcmp(dl.v[0].file, "t.xhtml") == 0,
	   "render_xml: the error names the page and its template");
	tvars_free(&tv);
	diag_list_free(&dl);
}

int main(int argc, char **argv)
{
	test_render_xml();
	test_render();
	test_errors();
	test_load(argc > 1 ? argv[1] : ".");
	tvars_free(&S_tv);
	return done_testing();
}
