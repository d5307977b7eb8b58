/* Unit tests of src/convert/dialect/snippets.c: MkDocs snippets (--8<--).
 * Checked as text and, end to end, through cmark-gfm and libxml2's HTML
 * parser (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_snippets(void)
{
	fx_writes(dt_root, "inc/part.md", "Included *text* :smile:\n\n--8<-- \"inc/nested.md\"\n");
	fx_writes(dt_root, "inc/nested.md", "Nested line.\n");
	fx_writes(dt_root, "posts/beside.md", "Beside the post.\n");
	fx_writes(dt_root, "inc/sections.md",
		  "one\n--8<-- [start:mid]\ntwo\nthree\n--8<-- [end:mid]\nfour\n");
	char *outside = xasprintf("%s-outside.md", dt_root);
	fx_writes("/", outside, "SECRET\n");
	char *link = path_join(dt_root, "inc/link.md");
	if (symlink(outside, link) != 0)
		diag("symlink failed");

	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(MK, "Before.\n\n--8<-- \"inc/part.md\"\n\nAfter.\n", &dl);
	like(o, "Included *text* 😄", "snippet: the file's text, rewritten like the post's");
	like(o, "Nested line.", "snippet: snippets inside snippets");
	unlike(o, "--8<--", "snippet: no marker left");
	ok(dl.n == 0, "snippet: no warning");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	o = R(MK, "!!! note\n    --8<-- \"beside.md\"\n", NULL);
	like(o, "Beside the post.", "snippet: found beside the post, inside a box");
	free(o);
	o = R(MK, "```\n  --8<-- 'inc/nested.md'\n```\n", NULL);
	is_str(o, "```\n  Nested line.\n```\n", "snippet: in code too (the usual use), indented like its line");
	free(o);
	IS(MK, "--8<-- \"inc/sections.md:mid\"\n", "two\nthree\n", "snippet: a named section");
	IS(MK, "--8<-- \"inc/sections.md:1:1\"\n", "one\n", "snippet: a line range");
	IS(MK, "--8<--\ninc/nested.md\nposts/beside.md\n--8<--\nend\n", "Nested line.\nBeside the post.\nend\n",
	   "snippet: the block form");
	IS(MK, ";--8<-- \"inc/nested.md\"\n", "--8<-- \"inc/nested.md\"\n", "snippet: escaped with ';'");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(MK,
	      "a\n"
	      "--8<-- \"../outside.md\"\n"
	      "--8<-- \"/etc/passwd\"\n"
	      "--8<-- \"inc/link.md\"\n"
	      "--8<-- \"missing.md\"\n"
	      "--8<-- \"https://example.com/x.md\"\n",
	      &dl);
	unlike(o, "SECRET", "snippet: nothing from outside the site");
	unlike(o, "root:", "snippet: no absolute path");
	like(o, "--8<-- \"../outside.md\"\n--8<-- \"/etc/passwd\"\n--8<-- \"inc/link.md\"\n--8<-- \"missing.md\"\n",
	     "snippet: refused lines are kept as written");
	ok(dt_has_warning(&dl, 11, "outside the site"), "snippet: '..' refused, warned at its line");
	ok(dt_has_warning(&dl, 12, "outside the site"), "snippet: an absolute path refused");
	ok(dt_has_warning(&dl, 13, "leads outside the site"), "snippet: a symlink out of the site refused");
	ok(dt_has_warning(&dl, 14, "not found"), "snippet: a missing file warned");
	ok(dt_has_warning(&dl, 15, "not fetched"), "snippet: a URL warned");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(MK | HUGO, "--8<-- \"inc/part.md\"\n\n{{< unknownsc >}}\n", &dl);
	ok(dt_has_warning(&dl, 12, "unknownsc"), "lines after a snippet keep their numbers in warnings");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
	unlink(link);
	unlink(outside);
	free(link);
	free(outside);
}

int main(void)
{
	static void (*const tests[])(void) = {test_snippets, NULL};
	return dt_run(tests);
}
