/* Unit tests of fm_parse_toml (frontmatter.h, src/input/frontmatter_toml.cpp):
 * TOML → the same fm_node trees as YAML, with positions in the file. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "input/frontmatter.h"
#include "tap.h"

static struct fm_node *S_parse(const char *toml, int first_line, struct diag_list *dl, int *rc)
{
	struct fm_node *n = (struct fm_node *)1;
	*rc = fm_parse_toml(&n, toml, strlen(toml), "post.md", first_line, dl);
	return n;
}

static void test_values(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	const char *doc = "title = \"Hello \\\"world\\\"\"\n"    /* line 2 */
			  "zeta = 'literal \\n'\n"               /* 3 */
			  "alpha = 42\n"                          /* 4 */
			  "neg = -7\n"                            /* 5 */
			  "hex = 0xff\n"                          /* 6 */
			  "pi = 3.25\n"                           /* 7 */
			  "draft = true\n"                        /* 8 */
			  "off = false\n"                         /* 9 */
			  "word = \"true\"\n"                     /* 10 */
			  "nothing = \"null\"\n"                  /* 11 */
			  "tags = [\"one\", \"two\"]\n"           /* 12 */
			  "empty = []\n"                          /* 13 */
			  "mixed = [[1, 2], [\"a\"]]\n"           /* 14 */
			  "point = { x = 1, y = 2 }\n"            /* 15 */
			  "site.name = \"dotted\"\n"              /* 16 */
			  "long = \"\"\"\nfirst\nsecond\"\"\"\n"  /* 17-19 */
			  "after = 1\n";                          /* 20 */
	struct fm_node *root = S_parse(doc, 2, &dl, &rc);
	is_int(rc, 0, "values: parses");
	is_int(dl.n, 0, "values: no diagnostics");
	if (!ok(root && root->kind == FM_MAP, "values: root is a mapping"))
		return;
	is_int(root->n, 17, "values: seventeen keys");
	ok(root->n == 17 && strcmp(root->keys[0], "title") == 0 && strcmp(root->keys[1], "zeta") == 0 &&
		   strcmp(root->keys[2], "alpha") == 0 && strcmp(root->keys[16], "after") == 0,
	   "values: keys in the document's order, not sorted");
	ok(root->line == 2 && root->col == 1, "values: the root starts at first_line");

	const struct fm_node *title = fm_get(root, "title");
	is_str(fm_str(title), "Hello \"world\"", "string: escapes decoded");
	ok(title && !title->plain, "string: not plain");
	ok(title && title->line == 2 && title->col == 9, "string: line (first_line added) and column of the value");
	is_str(fm_str(fm_get(root, "zeta")), "literal \\n", "literal string: no escapes");
	is_str(fm_str(fm_get(root, "alpha")), "42", "integer: decimal text");
	ok(fm_get(root, "alpha") && fm_get(root, "alpha")->plain, "integer: plain");
	is_str(fm_str(fm_get(root, "neg")), "-7", "integer: negative");
	is_str(fm_str(fm_get(root, "hex")), "255", "integer: hexadecimal written in decimal");
	is_str(fm_str(fm_get(root, "pi")), "3.25", "float");
	bool b = false;
	ok(fm_bool(fm_get(root, "draft"), &b) && b, "boolean true: fm_bool");
	b = true;
	ok(fm_bool(fm_get(root, "off"), &b) && !b, "boolean false: fm_bool");
	ok(!fm_bool(fm_get(root, "word"), &b), "a \"true\" string is not a boolean");
	is_str(fm_str(fm_get(root, "nothing")), "null", "a \"null\" string is the string");

	const struct fm_node *tags = fm_get(root, "tags");
	ok(tags && tags->kind == FM_LIST && tags->n == 2 && tags->keys == NULL, "array: a list of two");
	ok(tags && tags->line == 12 && tags->col == 8, "array: position of its '['");
	ok(tags && tags->n == 2 && tags->items[1]->line == 12 && tags->items[1]->col == 16,
	   "array item: its own position");
	struct strvec sv = STRVEC_INIT;
	is_int(fm_strings(tags, &sv), 2, "array: fm_strings");
	sv_free(&sv);
	ok(fm_get(root, "empty") && fm_get(root, "empty")->kind == FM_LIST && fm_get(root, "empty")->n == 0,
	   "empty array");
	const struct fm_node *mixed = fm_get(root, "mixed");
	ok(mixed && mixed->n == 2 && mixed->items[0]->kind == FM_LIST && mixed->items[0]->n == 2,
	   "nested arrays");
	is_str(fm_str(fm_get_path(root, "point", "y", NULL)), "2", "inline table");
	is_str(fm_str(fm_get_path(root, "site", "name", NULL)), "dotted", "dotted key makes a table");
	is_str(fm_str(fm_get(root, "long")), "first\nsecond", "multi-line string, first newline trimmed");
	ok(fm_get(root, "after") && fm_get(root, "after")->line == 20, "line after a multi-line string");
	fm_node_free(root);
	diag_list_free(&dl);
}

static void test_dates(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	const char *doc = "d = 2024-12-27\n"
			  "local = 2024-12-27T10:30:00\n"
			  "space = 2024-12-27 10:30:05\n"
			  "utc = 2024-12-27T10:30:00Z\n"
			  "zero = 2024-12-27T10:30:00+00:00\n"
			  "east = 2024-12-27T10:30:00+02:00\n"
			  "west = 2024-12-27T10:30:00-05:30\n"
			  "frac = 2024-12-27T10:30:00.250Z\n"
			  "t = 07:05:09\n"
			  "quoted = \"2024-01-02\"\n";
	struct fm_node *root = S_parse(doc, 1, &dl, &rc);
	is_int(rc, 0, "dates: parse");
	is_str(fm_str(fm_get(root, "d")), "2024-12-27", "local date: YYYY-MM-DD");
	ok(fm_get(root, "d") && fm_get(root, "d")->plain, "a date is plain");
	is_str(fm_str(fm_get(root, "local")), "2024-12-27T10:30:00", "local date-time: no zone");
	is_str(fm_str(fm_get(root, "space")), "2024-12-27T10:30:05", "a space for T: written with T");
	is_str(fm_str(fm_get(root, "utc")), "2024-12-27T10:30:00Z", "offset Z");
	is_str(fm_str(fm_get(root, "zero")), "2024-12-27T10:30:00Z", "offset +00:00 is Z");
	is_str(fm_str(fm_get(root, "east")), "2024-12-27T10:30:00+02:00", "offset +02:00");
	is_str(fm_str(fm_get(root, "west")), "2024-12-27T10:30:00-05:30", "offset -05:30");
	is_str(fm_str(fm_get(root, "frac")), "2024-12-27T10:30:00.25Z", "fractional seconds kept");
	is_str(fm_str(fm_get(root, "t")), "07:05:09", "local time");
	is_str(fm_str(fm_get(root, "quoted")), "2024-01-02", "a quoted date is a string");
	ok(fm_get(root, "quoted") && !fm_get(root, "quoted")->plain, "a quoted date is not plain");
	struct date dt;
	ok(date_parse(&dt, fm_str(fm_get(root, "west"))) == 0 && dt.tz_minutes == -330 && dt.hour == 10,
	   "date_parse reads what TOML dates become");
	ok(date_parse(&dt, fm_str(fm_get(root, "frac"))) == 0 && dt.second == 0, "date_parse reads fractions");
	fm_node_free(root);
	diag_list_free(&dl);
}

static void test_tables(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	const char *doc = "title = \"Site\"\n"            /* 1 */
			  "\n"                             /* 2 */
			  "[extra]\n"                      /* 3 */
			  "maintained_by = \"us\"\n"       /* 4 */
			  "[[extra.see_also]]\n"           /* 5 */
			  "path = \"/a/\"\n"               /* 6 */
			  "[[extra.see_also]]\n"           /* 7 */
			  "path = \"/b/\"\n"               /* 8 */
			  "text = \"\"\"B\"\"\"\n"         /* 9 */
			  "[taxonomies]\n"                 /* 10 */
			  "tags = [\"x\"]\n"               /* 11 */
			  "[a.b.c]\n"                      /* 12 */
			  "d = 1\n";                       /* 13 */
	struct fm_node *root = S_parse(doc, 1, &dl, &rc);
	is_int(rc, 0, "tables: parse");
	ok(root && root->n == 4 && strcmp(root->keys[1], "extra") == 0 &&
		   strcmp(root->keys[2], "taxonomies") == 0 && strcmp(root->keys[3], "a") == 0,
	   "tables: in the document's order");
	const struct fm_node *extra = fm_get(root, "extra");
	ok(extra && extra->kind == FM_MAP && extra->line == 3, "table: a mapping at its header's line");
	const struct fm_node *see = fm_get(extra, "see_also");
	ok(see && see->kind == FM_LIST && see->n == 2, "array of tables: a list of two");
	ok(see && see->n == 2 && see->items[0]->kind == FM_MAP &&
		   strcmp(fm_str(fm_get(see->items[1], "path")), "/b/") == 0 &&
		   strcmp(fm_str(fm_get(see->items[1], "text")), "B") == 0,
	   "array of tables: each a mapping with its keys");
	ok(see && see->n == 2 && see->items[1]->line == 7, "array of tables: item at its [[header]]");
	is_str(fm_str(fm_get_path(root, "a", "b", "c", "d", NULL)), "1", "implicit tables");
	struct strvec sv = STRVEC_INIT;
	fm_strings(fm_get_path(root, "taxonomies", "tags", NULL), &sv);
	ok(sv.n == 1 && strcmp(sv.v[0], "x") == 0, "taxonomies.tags");
	sv_free(&sv);
	fm_node_free(root);

	root = S_parse("", 5, &dl, &rc);
	ok(rc == 0 && root && root->kind == FM_MAP && root->n == 0, "empty document: an empty mapping");
	fm_node_free(root);
	root = S_parse("# just a comment\r\n", 5, &dl, &rc);
	ok(rc == 0 && root && root->kind == FM_MAP && root->n == 0, "comment only (CRLF): an empty mapping");
	fm_node_free(root);
	root = S_parse("a = 1\r\nb = \"x\"\r\n", 1, &dl, &rc);
	ok(rc == 0 && root && root->n == 2 && strcmp(fm_str(fm_get(root, "b")), "x") == 0,
	   "CRLF line endings");
	fm_node_free(root);
	is_int(dl.n, 0, "tables: no diagnostics");
	diag_list_free(&dl);
}

static void test_errors(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	/* Block line 3 (file line 4 when the block starts on line 2). */
	struct fm_node *root = S_parse("title = \"ok\"\ndate = 2024-01-01\nbroken = \n", 2, &dl, &rc);
	is_int(rc, -1, "malformed TOML returns -1");
	ok(root == NULL, "malformed TOML: no tree");
	is_int(diag_count(&dl, DIAG_ERROR), 1, "malformed TOML: one error");
	if (dl.n == 1) {
		is_str(dl.v[0].file, "post.md", "malformed TOML: error names the file");
		is_int(dl.v[0].line, 4, "malformed TOML: error at file line 4 (block line 3 + 1)");
		ok(dl.v[0].col >= 1, "malformed TOML: a column");
		like(dl.v[0].message, "not valid TOML", "malformed TOML: message says so");
	}
	diag_list_free(&dl);

	root = S_parse("a = 1\na = 2\n", 10, &dl, &rc);
	ok(rc == -1 && root == NULL && dl.n == 1 && dl.v[0].line == 11,
	   "duplicate key: an error at its line (TOML forbids it)");
	diag_list_free(&dl);

	root = S_parse("s = \"unterminated\nnext = 1\n", 1, &dl, &rc);
	ok(rc == -1 && dl.n == 1 && dl.v[0].line == 1, "unterminated string: error on its line");
	diag_list_free(&dl);

	root = S_parse("d = 2024-02-30\n", 1, &dl, &rc);
	ok(rc == -1 && dl.n == 1, "an impossible date is an error");
	diag_list_free(&dl);

	root = S_parse("s = \"\xC3\x28\"\n", 1, &dl, &rc);
	ok(rc == -1 && dl.n == 1 && root == NULL, "invalid UTF-8: an error, no crash");
	diag_list_free(&dl);

	const char nul[] = "a = 1\nb = \"x\0y\"\n";
	root = (struct fm_node *)1;
	rc = fm_parse_toml(&root, nul, sizeof nul - 1, "post.md", 1, &dl);
	ok(rc == -1 && root == NULL && dl.n == 1, "a NUL byte: an error");
	diag_list_free(&dl);

	/* Nesting: 70 arrays deep, 70 tables deep, and a header of 100,000
	 * segments (which would overflow the stack in toml++'s destructors). */
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "a = ");
	for (int i = 0; i < 70; i++)
		sb_addc(&sb, '[');
	for (int i = 0; i < 70; i++)
		sb_addc(&sb, ']');
	root = S_parse(sb.s, 1, &dl, &rc);
	ok(rc == -1 && root == NULL && dl.n == 1 && strstr(dl.v[0].message, "nested"),
	   "arrays nested 70 deep: refused");
	sb_release(&sb);
	diag_list_free(&dl);

	sb_adds(&sb, "x = 1\n[a");
	for (int i = 0; i < 70; i++)
		sb_adds(&sb, ".a");
	sb_adds(&sb, "]\nx = 1\n");
	root = S_parse(sb.s, 3, &dl, &rc);
	ok(rc == -1 && root == NULL && dl.n == 1 && strstr(dl.v[0].message, "nested") && dl.v[0].line == 4,
	   "a table 71 deep: refused at its header's line");
	sb_release(&sb);
	diag_list_free(&dl);

	sb_adds(&sb, "[a");
	for (int i = 0; i < 100000; i++)
		sb_adds(&sb, ".a");
	sb_adds(&sb, "]\n");
	root = S_parse(sb.s, 1, &dl, &rc);
	ok(rc == -1 && root == NULL && dl.n == 1, "a header of 100,000 segments: refused, no crash");
	sb_release(&sb);
	diag_list_free(&dl);

	/* Dots inside strings and comments are not key segments. */
	sb_adds(&sb, "s = \"");
	for (int i = 0; i < 500; i++)
		sb_addc(&sb, '.');
	sb_adds(&sb, "\" # ");
	for (int i = 0; i < 500; i++)
		sb_addc(&sb, '.');
	sb_adds(&sb, "\nm = '''\n");
	for (int i = 0; i < 500; i++)
		sb_addc(&sb, '.');
	sb_adds(&sb, "'''\n");
	root = S_parse(sb.s, 1, &dl, &rc);
	ok(rc == 0 && root && root->n == 2 && strlen(fm_str(fm_get(root, "s"))) == 500,
	   "dots in strings and comments are fine");
	fm_node_free(root);
	sb_release(&sb);
	diag_list_free(&dl);
}

int main(void)
{
	test_values();
	test_dates();
	test_tables();
	test_errors();
	return done_testing();
}
