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

/* Checks tmpl as template `name`; returns the number of errors, the first
 * one's message, line and column in *msg, *line and *col. */
static int S_check(const char *name, const char *tmpl, char **msg, int *line, int *col)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = template_check(tmpl, name, name, &dl);
	int n = (int)diag_count(&dl, DIAG_ERROR);
	*msg = dl.n ? xstrdup(dl.v[0].message) : NULL;
	*line = dl.n ? dl.v[0].line : 0;
	*col = dl.n ? dl.v[0].col : 0;
	ok((rc < 0) == (n > 0), "check returns -1 exactly when it reports an error");
	diag_list_free(&dl);
	return n;
}

static void test_check(const char *root)
{
	char *msg;
	int line, col;
	is_int(S_check("chapter.xhtml", "<h1>\n\n  <title>{{titel}}</title>", &msg, &line, &col), 1,
	       "unknown variable: one error");
	is_str(msg, "unknown variable 'titel'; did you mean 'title'?", "unknown variable: did you mean");
	ok(line == 3 && col == 10, "unknown variable: at the tag's line and column (%d:%d)", line, col);
	free(msg);
	is_int(S_check("chapter.xhtml", "{{nope}}{{nope}}\n{{#nope}}{{/nope}}", &msg, &line, &col), 1,
	       "an unknown name used three times is one error");
	like(msg, "chapter.xhtml has title, language", "no near name: the template's variables listed");
	free(msg);
	is_int(S_check("titlepage.xhtml", "{{date_human}}", &msg, &line, &col), 1,
	       "a variable of another template is unknown here");
	free(msg);
	is_int(S_check("chapter.xhtml", "é{{ title }}{{#tags}}{{.}}{{/tags}}{{^url}}x{{/url}}", &msg, &line, &col),
	       0, "valid tags, spaces inside, {{.}} in a list section");
	is_int(S_check("cover.xhtml", "a\n b{{#alt}}\nc", &msg, &line, &col), 1, "unclosed section: one error");
	like(msg, "section 'alt' is never closed with {{/alt}}", "unclosed section: the message");
	ok(line == 2 && col == 3, "unclosed section: at its opening (%d:%d)", line, col);
	free(msg);
	is_int(S_check("cover.xhtml", "{{#alt}}{{#image}}{{/alt}}", &msg, &line, &col), 1,
	       "mismatched end: one error, not one more for the section left open");
	like(msg, "'{{/alt}}' does not match section 'image' opened at 1:9", "mismatched end: the message");
	free(msg);
	is_int(S_check("cover.xhtml", "{{#alt}}{{/alts}}{{title}}", &msg, &line, &col), 1,
	       "a misspelt end is one error");
	free(msg);
	is_int(S_check("cover.xhtml", "x{{/alt}}", &msg, &line, &col), 1, "an end with no section");
	like(msg, "closes no open section", "an end with no section: the message");
	free(msg);
	is_int(S_check("cover.xhtml", "{{.}}", &msg, &line, &col), 1, "{{.}} outside a section");
	free(msg);
	is_int(S_check("cover.xhtml", "ü\n{{title", &msg, &line, &col), 1, "an unclosed '{{'");
	ok(line == 2 && col == 1, "an unclosed '{{': at its place (%d:%d)", line, col);
	free(msg);
	is_int(S_check("style.css", "{{anything}}", &msg, &line, &col), 0, "style.css is not filled in: not checked");
	free(msg);

	/* The table and the built-in templates agree. */
	for (const char *const *n = template_names(); *n; n++) {
		const struct template_info *ti = template_info(*n);
		ok(ti != NULL, "%s has an entry in the table", *n);
		char *path = path_join(root, "templates"), *file = path_join(path, *n), *text;
		if (read_file(file, &text, NULL) == 0) {
			struct diag_list dl = DIAG_LIST_INIT;
			ok(template_check(text, *n, file, &dl) == 0, "templates/%s passes the check", *n);
			for (size_t i = 0; i < dl.n; i++)
				diag("%s:%d:%d: %s", dl.v[i].file, dl.v[i].line, dl.v[i].col, dl.v[i].message);
			diag_list_free(&dl);
			free(text);
		} else {
			ok(false, "templates/%s is readable", *n);
		}
		free(file);
		free(path);
	}
}

/* Writes text to dir/name, or removes the file when text is NULL. */
static void S_file(const char *dir, const char *name, const char *text)
{
	char *file = path_join(dir, name);
	FILE *f = text ? fopen(file, "w") : NULL;
	if (f) {
		fputs(text, f);
		fclose(f);
	} else {
		remove(file);
	}
	free(file);
}

static void test_check_dir(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char dir[] = "/tmp/sheaf-template-XXXXXX";
	if (!mkdtemp(dir)) {
		ok(false, "a temporary folder");
		return;
	}
	S_file(dir, "chaptr.xhtml", "x");
	S_file(dir, "README.txt", "x");
	S_file(dir, ".hidden", "x");
	S_file(dir, "style.css", "p {}");
	is_int(template_check_dir(dir, &dl), 0, "misnamed files are not errors");
	is_int(diag_count(&dl, DIAG_WARNING), 2, "one warning per file that replaces nothing, hidden ones left out");
	if (dl.n == 2) {
		like(dl.v[1].message, "replaces no template; did you mean chapter.xhtml?", "the near name");
		like(dl.v[1].file, "chaptr.xhtml", "the warning names the file");
		like(dl.v[0].message, "the templates are chapter.xhtml, titlepage.xhtml, cover.xhtml, style.css",
		     "no near name: the templates listed");
	}
	diag_list_free(&dl);

	S_file(dir, "titlepage.xhtml", "<p>{{titel}}</p>");
	is_int(template_check_dir(dir, &dl), -1, "a faulty title page is an error before anything is built");
	is_int(diag_count(&dl, DIAG_ERROR), 1, "reported once");
	diag_list_free(&dl);
	char *text = NULL, *origin = NULL;
	is_int(template_load(&text, &origin, "titlepage.xhtml", dir, &dl), -1, "template_load refuses it too");
	ok(text == NULL && origin == NULL, "and gives nothing");
	diag_list_free(&dl);
	is_int(template_check_dir(NULL, &dl), 0, "no folder: nothing to check");

	S_file(dir, "chaptr.xhtml", NULL);
	S_file(dir, "README.txt", NULL);
	S_file(dir, ".hidden", NULL);
	S_file(dir, "style.css", NULL);
	S_file(dir, "titlepage.xhtml", NULL);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	test_render_xml();
	test_render();
	test_errors();
	test_load(argc > 1 ? argv[1] : ".");
	test_check(argc > 1 ? argv[1] : ".");
	test_check_dir();
	tvars_free(&S_tv);
	return done_testing();
}
