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

	o = R(MK, "!!! note\n    --8<-- \"posts/beside.md\"\n", NULL);
	like(o, "Beside the post.", "snippet: inside a box");
	free(o);
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(MK, "--8<-- \"beside.md\"\n", &dl);
	unlike(o, "Beside the post.", "snippet: not looked up beside the post (pymdownx searches its base paths only)");
	ok(dt_has_warning(&dl, 10, "not found in the snippets' base_path"), "snippet: not found: warned");
	free(o);
	diag_list_free(&dl);
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
	is_str(o, "a\n", "snippet: a snippet refused or missing is left out, as pymdownx leaves it out");
	ok(dt_has_warning(&dl, 11, "outside the site"), "snippet: '..' refused, warned at its line");
	ok(dt_has_warning(&dl, 12, "outside the site"), "snippet: an absolute path refused");
	ok(dt_has_warning(&dl, 13, "leads outside the site"), "snippet: a symlink out of the site refused");
	ok(dt_has_warning(&dl, 14, "not found"), "snippet: a missing file warned");
	ok(dt_has_warning(&dl, 15, "url_download"), "snippet: a URL refused (url_download is off)");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	/* Secrets of the site's own hidden files (issue 16): inside the
	 * site, yet never pasted, whichever way the snippet names them. */
	fx_writes(dt_root, ".git/config", "[remote]\n\turl = https://u:SECRET-TOKEN-123@example.com/r\n");
	fx_writes(dt_root, ".env", "API_KEY=SECRET-TOKEN-123\n");
	fx_writes(dt_root, "CVS/Root", "SECRET-TOKEN-123\n");
	char *envlink = path_join(dt_root, "inc/env.md");
	if (symlink("../.env", envlink) != 0)
		diag("symlink failed");
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(MK,
	      "a\n"
	      "--8<-- \".git/config\"\n"
	      "--8<-- \".env\"\n"
	      "--8<-- \"inc/env.md\"\n"
	      "--8<-- \"inc/../.env\"\n"
	      "--8<-- \"CVS/Root\"\n",
	      &dl);
	unlike(o, "SECRET-TOKEN", "snippet: no secret of a hidden file reaches the post");
	is_str(o, "a\n", "snippet: each hidden file left out");
	ok(dt_has_warning(&dl, 11, "'.git/config' is a hidden path"), "snippet: .git/config refused, why said");
	ok(dt_has_warning(&dl, 12, "'.env' is a hidden path"), "snippet: .env refused");
	ok(dt_has_warning(&dl, 13, "'.env' is a hidden path"), "snippet: a symlink to .env refused, its target named");
	ok(dt_has_warning(&dl, 14, "hidden path"), "snippet: inc/../.env refused");
	ok(dt_has_warning(&dl, 15, "version-control folder"), "snippet: CVS/Root refused");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
	unlink(envlink);
	free(envlink);

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

/* pymdownx.snippets' options and forms: base_path (a list, searched in
 * order; a file), check_paths, dashes, ranges, sections. */
static void test_options(void)
{
	fx_writes(dt_root, "parts/a.md", "From parts.\n");
	fx_writes(dt_root, "more/a.md", "From more.\n");
	fx_writes(dt_root, "more/b.md", "Only in more.\n");
	fx_writes(dt_root, "one/c.md", "The one file.\n");
	fx_writes(dt_root, "one/d.md", "Not this.\n");
	fx_writes(dt_root, "lines.txt", "l1\nl2\nl3\nl4\nl5\n");
	struct fm_node *cfg = dt_config("markdown_extensions:\n"
				       "  - pymdownx.snippets:\n"
				       "      base_path: [parts, more, one/c.md, ../up]\n"
				       "      check_paths: true\n");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(MK, "--8<-- \"a.md\"\n--8<-- \"b.md\"\n--8<-- \"c.md\"\n--8<-- \"d.md\"\n", &dl);
	is_str(o, "From parts.\nOnly in more.\nThe one file.\n",
	       "base_path: searched in order; a base naming a file holds that file alone");
	ok(dt_has_warning(&dl, 10, "base_path '../up' lies outside the site"), "base_path outside the site: warned");
	ok(dt_has_warning(&dl, 13, "check_paths"), "check_paths: the warning says MkDocs would stop");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
	fm_node_free(cfg);

	cfg = dt_config("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: parts\n");
	IS(MK, "--8<-- \"a.md\"\n", "From parts.\n", "base_path: a string");
	IS(MK, "--8<-- \"../lines.txt\"\n", "", "restrict_base_path: nothing above the base");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: parts\n"
		       "      restrict_base_path: false\n");
	IS(MK, "--8<-- \"../lines.txt:1:1\"\n", "l1\n", "restrict_base_path: false: above the base, in the site");
	fm_node_free(cfg);
	dt_ctx.config = NULL;

	IS(MK, "-8<- \"lines.txt:2:2\"\n---8<--- \"lines.txt:3:3\"\n", "l2\nl3\n", "any run of dashes");
	IS(MK, "--8<-- \"lines.txt:1:2,4:4\"\n", "l1\nl2\nl4\n", "several ranges");
	IS(MK, "--8<-- \"lines.txt:4\"\n", "l4\nl5\n", "a range from a line to the end");
	IS(MK, "--8<-- \"lines.txt:-3:-2\"\n", "l4\nl5\n", "negative: from the end (the newline's empty line counts)");
	IS(MK, "Intro\n--8<-- [start:x]\nkept\n--8<-- [end:x]\n", "Intro\nkept\n",
	   "section markers in the post itself never show");
	IS(MK, ";--8<-- [start:x]\n", "--8<-- [start:x]\n", "an escaped section marker shows, one ';' less");
	IS(MK, "--8<--\nlines.txt:1:1\n\nlines.txt:5:5\n--8<--\n", "l1\n\nl5\n", "block form: an empty line stays one");
}

static void test_auto_append(void)
{
	fx_writes(dt_root, "inc/foot.md", "Appended *note*.\n");
	fx_writes(dt_root, "inc/second.md", "Second.");
	fx_writes(dt_root, ".hidden/x.md", "SECRET\n");
	struct fm_node *cfg = dt_config("markdown_extensions:\n"
				       "  - pymdownx.snippets:\n"
				       "      auto_append: [inc/foot.md, inc/second.md]\n");
	IS(MK, "Body line.\n", "Body line.\n\nAppended *note*.\n\nSecond.\n",
	   "auto_append: each file after the post, a blank line before each");
	IS(MK, "No newline", "No newline\n\nAppended *note*.\n\nSecond.\n", "auto_append: after a last line without newline");
	fm_node_free(cfg);

	cfg = dt_config("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [inc]\n"
		       "      auto_append: [foot.md, ../.hidden/x.md, ../../out.md]\n");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(MK, "Text.\n", &dl);
	is_str(o, "Text.\n\nAppended *note*.\n\n", "auto_append: found through base_path; hidden and outside paths refused");
	ok(dt_has_warning(&dl, 10, "hidden path"), "auto_append: a hidden path is warned about");
	ok(dt_has_warning(&dl, 10, "auto_append's snippet '../../out.md' is outside the site"), "auto_append: a path outside the site is warned about, as auto_append's");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_dedent(void)
{
	fx_writes(dt_root, "code.py", "def f():\n    # --8<-- [start:body]\n    x = 1\n\n      y = 2\n    # --8<-- [end:body]\n    return x\n");
	IS(MK, "--8<-- \"code.py:3:5\"\n", "    x = 1\n\n      y = 2\n", "without dedent_subsections: lines as they are");
	struct fm_node *cfg = dt_config("markdown_extensions:\n"
				       "  - pymdownx.snippets:\n"
				       "      dedent_subsections: true\n");
	IS(MK, "--8<-- \"code.py:3:5\"\n", "x = 1\n\n  y = 2\n", "dedent_subsections: a line range loses its common indent");
	IS(MK, "--8<-- \"code.py:body\"\n", "x = 1\n\n  y = 2\n", "dedent_subsections: a section too");
	IS(MK, "--8<-- \"code.py\"\n", "def f():\n    x = 1\n\n      y = 2\n    return x\n",
	   "dedent_subsections: a whole file is left as it is");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

int main(void)
{
	static void (*const tests[])(void) = {test_snippets, test_options, test_auto_append, test_dedent, NULL};
	return dt_run(tests);
}
