/* Unit tests of frontmatter.h: finding the block, YAML → fm_node trees. */
#include <stdlib.h>
#include <string.h>

#include "input/frontmatter.h"
#include "tap.h"

static int S_split(struct fm_split *sp, const char *text, struct diag_list *dl)
{
	return fm_split(sp, text, strlen(text), "post.md", dl);
}

/* The block's text, for comparisons. */
static char *S_block(const struct fm_split *sp, const char *text)
{
	return xstrndup(text + sp->fm_off, sp->fm_len);
}

static void test_split(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct fm_split sp;
	char *b;

	const char *plain = "---\ntitle: Hi\n---\nBody\n";
	is_int(S_split(&sp, plain, &dl), 0, "split: plain block");
	is_int(sp.format, FM_YAML, "split: plain block is YAML");
	b = S_block(&sp, plain);
	is_str(b, "title: Hi\n", "split: block text");
	free(b);
	is_int(sp.fm_line, 2, "split: block starts on line 2");
	is_str(plain + sp.body_off, "Body\n", "split: body after the closing fence");
	is_int(sp.body_line, 4, "split: body starts on line 4");

	const char *bom = "\xEF\xBB\xBF---\ntitle: Hi\nx: 1\n---\n\nBody";
	is_int(S_split(&sp, bom, &dl), 0, "split: UTF-8 BOM");
	is_int(sp.format, FM_YAML, "split: block found after a BOM");
	b = S_block(&sp, bom);
	is_str(b, "title: Hi\nx: 1\n", "split: BOM block text");
	free(b);
	is_str(bom + sp.body_off, "\nBody", "split: BOM body");
	is_int(sp.body_line, 5, "split: BOM body line");

	const char *crlf = "---\r\ntitle: Hi\r\n---\r\nBody\r\n";
	is_int(S_split(&sp, crlf, &dl), 0, "split: CRLF");
	is_int(sp.format, FM_YAML, "split: CRLF block found");
	b = S_block(&sp, crlf);
	is_str(b, "title: Hi\r\n", "split: CRLF block text");
	free(b);
	is_str(crlf + sp.body_off, "Body\r\n", "split: CRLF body");
	is_int(sp.body_line, 4, "split: CRLF body line");

	const char *dots = "---\na: 1\nb: 2\n...\nText";
	is_int(S_split(&sp, dots, &dl), 0, "split: '...' closes");
	is_int(sp.format, FM_YAML, "split: '...' block is YAML");
	is_str(dots + sp.body_off, "Text", "split: body after '...'");
	is_int(sp.body_line, 5, "split: body line after '...'");

	const char *trailing = "--- \t\na: 1\n---  \nText";
	is_int(S_split(&sp, trailing, &dl), 0, "split: fences with trailing blanks");
	is_int(sp.format, FM_YAML, "split: trailing blanks still fence");

	const char *eof = "---\na: 1\n---";
	is_int(S_split(&sp, eof, &dl), 0, "split: closing fence at end of file");
	ok(sp.format == FM_YAML && sp.body_off == strlen(eof), "split: empty body at end of file");

	const char *none = "# Title\n\n---\nnot: front matter\n---\n";
	is_int(S_split(&sp, none, &dl), 0, "split: no front matter");
	is_int(sp.format, FM_NONE, "split: FM_NONE when the first line is not a fence");
	ok(sp.body_off == 0 && sp.body_line == 1, "split: whole text is body");

	const char *bomnone = "\xEF\xBB\xBFHello";
	is_int(S_split(&sp, bomnone, &dl), 0, "split: BOM without front matter");
	ok(sp.format == FM_NONE && sp.body_off == 3, "split: body starts after the BOM");

	const char *four = "----\na: 1\n----\n";
	S_split(&sp, four, &dl);
	is_int(sp.format, FM_NONE, "split: '----' is not a fence");
	is_int(dl.n, 0, "split: no diagnostics so far");

	const char *unclosed = "---\ntitle: Hi\nBody without end\n";
	is_int(S_split(&sp, unclosed, &dl), -1, "split: unclosed block returns -1");
	is_int(dl.n, 1, "split: unclosed block adds one diagnostic");
	ok(dl.n == 1 && dl.v[0].severity == DIAG_ERROR && dl.v[0].line == 1 &&
		   strcmp(dl.v[0].file, "post.md") == 0,
	   "split: the diagnostic is an error at post.md line 1");
	diag_list_free(&dl);
}

static struct fm_node *S_parse(const char *yaml, int first_line, enum diag_severity sev,
			       struct diag_list *dl, int *rc)
{
	struct fm_node *n = NULL;
	*rc = fm_parse_yaml(&n, yaml, strlen(yaml), "post.md", first_line, sev, dl);
	return n;
}

static void test_parse(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	const char *yaml = "title: Hello world\n"
			   "tags:\n"
			   "  - one\n"
			   "  - \"two\"\n"
			   "theme:\n"
			   "  name: material\n"
			   "  palette:\n"
			   "    scheme: slate\n"
			   "draft: true\n"
			   "quoted: \"true\"\n"
			   "single: 'yes'\n"
			   "off_flag: off\n"
			   "word: maybe\n"
			   "nothing: null\n"
			   "tilde: ~\n"
			   "empty:\n"
			   "qnull: \"null\"\n"
			   "flow: [a, b, c]\n"
			   "solo: lonely\n"
			   "mixed: [x, {k: v}, null, y]\n";
	struct fm_node *root = S_parse(yaml, 2, DIAG_ERROR, &dl, &rc);
	is_int(rc, 0, "parse: a valid document");
	is_int(dl.n, 0, "parse: no diagnostics");
	if (!ok(root && root->kind == FM_MAP, "parse: root is a mapping"))
		return;
	is_int(root->n, 15, "parse: fifteen keys");
	is_str(root->keys[0], "title", "parse: keys keep their order");

	const struct fm_node *title = fm_get(root, "title");
	is_str(fm_str(title), "Hello world", "parse: scalar value");
	ok(title && title->plain, "parse: unquoted scalar is plain");
	ok(title && title->line == 2 && title->col == 8, "parse: line (first_line added) and column");

	const struct fm_node *tags = fm_get(root, "tags");
	ok(tags && tags->kind == FM_LIST && tags->n == 2, "parse: block list of two");
	ok(tags && tags->line == 4 && tags->col == 3, "parse: list position is its first '-'");
	ok(tags && tags->n == 2 && strcmp(tags->items[1]->value, "two") == 0 && !tags->items[1]->plain,
	   "parse: quoted list item is not plain");
	ok(tags && tags->keys == NULL, "parse: a list has no keys");

	is_str(fm_str(fm_get_path(root, "theme", "palette", "scheme", NULL)), "slate",
	       "fm_get_path through nested maps");
	ok(fm_get_path(root, "theme", "missing", "scheme", NULL) == NULL, "fm_get_path: missing key is NULL");
	ok(fm_get_path(root, "title", "sub", NULL) == NULL, "fm_get_path through a scalar is NULL");
	ok(fm_get_path(root, NULL) == root, "fm_get_path with no keys is the map itself");
	ok(fm_get(NULL, "x") == NULL && fm_get(title, "x") == NULL, "fm_get on NULL or a scalar is NULL");
	const struct fm_node *scheme = fm_get_path(root, "theme", "palette", "scheme", NULL);
	ok(scheme && scheme->line == 9, "parse: nested scalar line");

	bool b = false;
	ok(fm_bool(fm_get(root, "draft"), &b) && b, "fm_bool: plain true");
	b = true;
	ok(!fm_bool(fm_get(root, "quoted"), &b), "fm_bool: quoted \"true\" is not a boolean");
	ok(!fm_bool(fm_get(root, "single"), &b), "fm_bool: quoted 'yes' is not a boolean");
	b = true;
	ok(fm_bool(fm_get(root, "off_flag"), &b) && !b, "fm_bool: plain off is false");
	ok(!fm_bool(fm_get(root, "word"), &b), "fm_bool: other words are not booleans");
	ok(!fm_bool(tags, &b), "fm_bool: a list is not a boolean");
	is_str(fm_str(fm_get(root, "quoted")), "true", "fm_str: a quoted \"true\" is the string");

	ok(fm_get(root, "nothing") && fm_str(fm_get(root, "nothing")) == NULL, "fm_str: plain null is NULL");
	ok(fm_get(root, "tilde") && fm_str(fm_get(root, "tilde")) == NULL, "fm_str: ~ is NULL");
	ok(fm_get(root, "empty") && fm_str(fm_get(root, "empty")) == NULL, "fm_str: empty value is NULL");
	is_str(fm_str(fm_get(root, "qnull")), "null", "fm_str: quoted \"null\" is a string");
	ok(fm_str(tags) == NULL, "fm_str of a list is NULL");

	struct strvec sv = STRVEC_INIT;
	is_int(fm_strings(fm_get(root, "solo"), &sv), 1, "fm_strings: a single string is a list of one");
	is_int(fm_strings(fm_get(root, "flow"), &sv), 3, "fm_strings: flow list");
	is_int(fm_strings(fm_get(root, "mixed"), &sv), 2, "fm_strings: maps and nulls in a list skipped");
	is_int(fm_strings(fm_get(root, "nothing"), &sv), 0, "fm_strings: null adds nothing");
	is_int(fm_strings(fm_get(root, "theme"), &sv), 0, "fm_strings: a map adds nothing");
	is_int(fm_strings(NULL, &sv), 0, "fm_strings: NULL adds nothing");
	ok(sv.n == 6 && strcmp(sv.v[0], "lonely") == 0 && strcmp(sv.v[3], "c") == 0 &&
		   strcmp(sv.v[4], "x") == 0 && strcmp(sv.v[5], "y") == 0,
	   "fm_strings: values appended in order");
	sv_free(&sv);
	fm_node_free(root);

	root = S_parse("", 2, DIAG_ERROR, &dl, &rc);
	ok(rc == 0 && root == NULL, "parse: an empty document gives NULL");
	root = S_parse("# only a comment\n", 2, DIAG_ERROR, &dl, &rc);
	ok(rc == 0 && root == NULL, "parse: a comment-only document gives NULL");

	root = S_parse("just a string\n", 2, DIAG_ERROR, &dl, &rc);
	ok(rc == 0 && root && root->kind == FM_SCALAR, "parse: a lone scalar is a scalar root");
	fm_node_free(root);

	root = S_parse("a: 1\n---\nb: 2\n", 1, DIAG_ERROR, &dl, &rc);
	ok(rc == 0 && fm_get(root, "a") && !fm_get(root, "b"), "parse: only the first document");
	fm_node_free(root);
	is_int(dl.n, 0, "parse: still no diagnostics");
	diag_list_free(&dl);
}

static void test_duplicates_and_aliases(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	struct fm_node *root = S_parse("k: first\nother: x\nk: second\n", 10, DIAG_ERROR, &dl, &rc);
	is_int(rc, 0, "duplicate key: still parses");
	ok(root && root->n == 2, "duplicate key: one entry kept");
	is_str(fm_str(fm_get(root, "k")), "second", "duplicate key: the last one wins");
	is_int(diag_count(&dl, DIAG_WARNING), 1, "duplicate key: one warning");
	ok(dl.n == 1 && dl.v[0].line == 12 && strstr(dl.v[0].message, "'k'"),
	   "duplicate key: warning at the second key's line, naming it");
	fm_node_free(root);
	diag_list_free(&dl);

	root = S_parse("a: &anchor foo\nb: *anchor\n", 1, DIAG_WARNING, &dl, &rc);
	is_int(rc, 0, "alias: parse goes on");
	is_str(fm_str(fm_get(root, "a")), "foo", "alias: the anchored value is kept");
	ok(fm_get(root, "b") && fm_str(fm_get(root, "b")) == NULL, "alias: the alias becomes empty");
	is_int(diag_count(&dl, DIAG_WARNING), 1, "alias: one diagnostic of the given severity (warning)");
	ok(dl.n == 1 && dl.v[0].line == 2, "alias: reported at its line");
	fm_node_free(root);
	diag_list_free(&dl);

	root = S_parse("a: &x [1, 2]\nb: *x\n", 1, DIAG_ERROR, &dl, &rc);
	is_int(diag_count(&dl, DIAG_ERROR), 1, "alias: error severity when asked");
	is_int(rc, -1, "alias: an error fails the parse");
	fm_node_free(root);
	diag_list_free(&dl);

	/* A "billion laughs": nine levels of nine aliases each. Following the
	 * aliases would make 9^9 nodes; refusing them keeps it instant. */
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char c = 'b'; c <= 'i'; c++) {
		sb_addf(&sb, "%c: &%c [", c, c);
		for (int i = 0; i < 9; i++)
			sb_addf(&sb, "%s*%c", i ? "," : "", c - 1);
		sb_adds(&sb, "]\n");
	}
	root = S_parse(sb.s, 1, DIAG_ERROR, &dl, &rc);
	is_int(rc, -1, "billion laughs: refused");
	ok(root == NULL, "billion laughs: no tree");
	is_int(diag_count(&dl, DIAG_ERROR), 1, "billion laughs: one error, at the first alias");
	ok(dl.n == 1 && dl.v[0].line == 2 && strstr(dl.v[0].message, "*a"),
	   "billion laughs: the error names the first alias and its line");
	fm_node_free(root);
	sb_release(&sb);
	diag_list_free(&dl);
}

static void test_errors(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	/* Line 2 of the block (file line 3 when it starts on line 2) puts a
	 * mapping where a value already stands. */
	struct fm_node *root = S_parse("title: ok\ndate: 2024-01-01\n  oops: x\n", 2, DIAG_ERROR, &dl, &rc);
	is_int(rc, -1, "malformed YAML returns -1");
	ok(root == NULL, "malformed YAML: no tree");
	is_int(diag_count(&dl, DIAG_ERROR), 1, "malformed YAML: one error");
	if (dl.n == 1) {
		is_str(dl.v[0].file, "post.md", "malformed YAML: error names the file");
		is_int(dl.v[0].line, 4, "malformed YAML: error on file line 4 (block line 3 + 1)");
		is_int(dl.v[0].col, 7, "malformed YAML: error column");
		like(dl.v[0].message, "not valid YAML", "malformed YAML: message says so");
	}
	diag_list_free(&dl);

	root = S_parse("a:\n  b:\n    c: [1, 2\n", 5, DIAG_ERROR, &dl, &rc);
	ok(rc == -1 && root == NULL && dl.n == 1, "unclosed flow list inside nested maps: error");
	ok(dl.n == 1 && dl.v[0].line >= 7, "unclosed flow list: reported at or after its line (%d)",
	   dl.n ? dl.v[0].line : 0);
	diag_list_free(&dl);

	root = S_parse("key: \"unterminated\n", 1, DIAG_ERROR, &dl, &rc);
	ok(rc == -1 && dl.n == 1 && dl.v[0].severity == DIAG_ERROR, "unterminated quote: error");
	diag_list_free(&dl);

	struct strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 70; i++)
		sb_addc(&deep, '[');
	for (int i = 0; i < 70; i++)
		sb_addc(&deep, ']');
	root = S_parse(deep.s, 1, DIAG_ERROR, &dl, &rc);
	ok(rc == -1 && root == NULL && dl.n == 1 && strstr(dl.v[0].message, "nested"),
	   "nesting 70 deep is refused with an error");
	sb_release(&deep);
	diag_list_free(&dl);
}

static void test_split_toml(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct fm_split sp;
	char *b;

	const char *plain = "+++\ntitle = \"Hi\"\n+++\nBody\n";
	is_int(S_split(&sp, plain, &dl), 0, "toml split: plain block");
	is_int(sp.format, FM_TOML, "toml split: '+++' is TOML");
	b = S_block(&sp, plain);
	is_str(b, "title = \"Hi\"\n", "toml split: block text");
	free(b);
	ok(sp.fm_line == 2 && sp.body_line == 4, "toml split: block on line 2, body on line 4");
	is_str(plain + sp.body_off, "Body\n", "toml split: body");

	const char *crlf = "\xEF\xBB\xBF+++\r\ntitle = \"Hi\"\r\ndate = 2024-01-02\r\n+++ \r\nBody\r\n";
	is_int(S_split(&sp, crlf, &dl), 0, "toml split: BOM and CRLF");
	is_int(sp.format, FM_TOML, "toml split: CRLF block found");
	b = S_block(&sp, crlf);
	is_str(b, "title = \"Hi\"\r\ndate = 2024-01-02\r\n", "toml split: CRLF block text");
	is_str(crlf + sp.body_off, "Body\r\n", "toml split: CRLF body");
	is_int(sp.body_line, 5, "toml split: CRLF body line");
	struct fm_node *root = NULL;
	is_int(fm_parse_toml(&root, b, strlen(b), "post.md", sp.fm_line, &dl), 0, "toml split: CRLF block parses");
	is_str(fm_str(fm_get(root, "date")), "2024-01-02", "toml split: CRLF block's date");
	ok(fm_get(root, "date") && fm_get(root, "date")->line == 3, "toml split: CRLF block's date line");
	fm_node_free(root);
	free(b);

	const char *dashes = "+++\na = 1\n---\nb = 2\n+++\n";
	S_split(&sp, dashes, &dl);
	ok(sp.format == FM_TOML && sp.body_line == 6, "toml split: '---' does not close '+++'");
	const char *dots = "+++\na = 1\n...\n";
	is_int(S_split(&sp, dots, &dl), -1, "toml split: '...' does not close '+++' either");
	ok(dl.n == 1 && dl.v[0].line == 1 && strstr(dl.v[0].message, "'+++'"),
	   "toml split: unclosed, the error names '+++'");
	diag_list_free(&dl);

	const char *four = "++++\na = 1\n++++\n";
	S_split(&sp, four, &dl);
	is_int(sp.format, FM_NONE, "toml split: '++++' is not a fence");
	is_int(dl.n, 0, "toml split: no diagnostics");

	/* A malformed block reports the file's line: block line 3 is file line 4. */
	const char *bad = "+++\ntitle = \"ok\"\ndate = 2024-01-01\ntags = [\"a\" \"b\"]\n+++\nBody\n";
	S_split(&sp, bad, &dl);
	root = (struct fm_node *)1;
	is_int(fm_parse_toml(&root, bad + sp.fm_off, sp.fm_len, "post.md", sp.fm_line, &dl), -1,
	       "malformed TOML in a post: -1");
	ok(root == NULL && dl.n == 1 && dl.v[0].severity == DIAG_ERROR, "malformed TOML in a post: one error");
	ok(dl.n == 1 && dl.v[0].line == 4, "malformed TOML in a post: at file line 4 (got %d)",
	   dl.n ? dl.v[0].line : 0);
	diag_list_free(&dl);

	/* Zola's front matter: dates, taxonomies, an array of tables. */
	const char *zola = "+++\n"
			   "title = \"Zola\"\n"
			   "date = 2026-03-26T08:00:00+01:00\n"
			   "updated = 2026-04-01\n"
			   "[taxonomies]\n"
			   "tags = [\"rust\", \"web\"]\n"
			   "[[extra.links]]\n"
			   "url = \"https://a.example/\"\n"
			   "[[extra.links]]\n"
			   "url = \"https://b.example/\"\n"
			   "+++\n"
			   "Text\n";
	S_split(&sp, zola, &dl);
	root = NULL;
	is_int(fm_parse_toml(&root, zola + sp.fm_off, sp.fm_len, "post.md", sp.fm_line, &dl), 0,
	       "zola front matter parses");
	is_str(fm_str(fm_get(root, "date")), "2026-03-26T08:00:00+01:00", "zola: offset date-time");
	is_str(fm_str(fm_get(root, "updated")), "2026-04-01", "zola: local date");
	const struct fm_node *links = fm_get_path(root, "extra", "links", NULL);
	ok(links && links->kind == FM_LIST && links->n == 2 &&
		   strcmp(fm_str(fm_get(links->items[1], "url")), "https://b.example/") == 0,
	   "zola: array of tables");
	ok(links && links->n == 2 && links->items[1]->line == 9, "zola: second table at file line 9");
	struct strvec sv = STRVEC_INIT;
	fm_strings(fm_get_path(root, "taxonomies", "tags", NULL), &sv);
	ok(sv.n == 2 && strcmp(sv.v[1], "web") == 0, "zola: taxonomies.tags");
	sv_free(&sv);
	fm_node_free(root);
	is_int(dl.n, 0, "zola: no diagnostics");
	diag_list_free(&dl);
}

static void test_split_json(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct fm_split sp;
	char *b;

	const char *plain = "{\n  \"title\": \"Hi {there}\",\n  \"n\": {\"a\": \"}\"}\n}\nBody\n";
	is_int(S_split(&sp, plain, &dl), 0, "json split: an object");
	is_int(sp.format, FM_JSON, "json split: FM_JSON");
	b = S_block(&sp, plain);
	is_str(b, "{\n  \"title\": \"Hi {there}\",\n  \"n\": {\"a\": \"}\"}\n}",
	       "json split: up to the matching brace, braces in strings ignored");
	free(b);
	ok(sp.fm_line == 1 && sp.body_line == 5, "json split: block on line 1, body on line 5");
	is_str(plain + sp.body_off, "Body\n", "json split: body after the brace's line");

	const char *oneline = "\xEF\xBB\xBF{\"title\":\"One \\\"line\\\" }\"} Body here\n";
	is_int(S_split(&sp, oneline, &dl), 0, "json split: on one line after a BOM");
	is_int(sp.format, FM_JSON, "json split: one line is JSON");
	is_str(oneline + sp.body_off, " Body here\n", "json split: the body goes on after the brace");
	is_int(sp.body_line, 1, "json split: body on line 1");

	const char *crlf = "{\r\n\t\"title\": \"Tabs\"\r\n}  \r\nBody\r\n";
	is_int(S_split(&sp, crlf, &dl), 0, "json split: CRLF and tabs");
	is_str(crlf + sp.body_off, "Body\r\n", "json split: CRLF body");
	is_int(sp.body_line, 4, "json split: CRLF body line");

	static const char *const not_json[] = {"{{< figure src=\"a.png\" >}}\n", "{% raw %}\n",
					       "{: .class}\n", "{\n  title: no quotes\n}\n", "{"};
	for (size_t i = 0; i < sizeof not_json / sizeof *not_json; i++) {
		S_split(&sp, not_json[i], &dl);
		ok(sp.format == FM_NONE && dl.n == 0, "json split: '%.12s' is not front matter", not_json[i]);
	}

	const char *unclosed = "{\n  \"title\": \"Hi\"\n\nBody { }\n";
	is_int(S_split(&sp, unclosed, &dl), -1, "json split: unclosed object");
	ok(dl.n == 1 && dl.v[0].line == 1 && strstr(dl.v[0].message, "'{'"),
	   "json split: the error is at line 1 and names '{'");
	diag_list_free(&dl);
}

static void test_parse_json(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const char *json = "{\n"
			   "\t\"title\":\"No \\/ space\",\n"
			   "\t\"draft\": true,\n"
			   "\t\"weight\": 3,\n"
			   "\t\"none\": null,\n"
			   "\t\"tags\": [\"a\",\"b\"],\n"
			   "\t\"date\": \"2024-05-06T07:08:09Z\",\n"
			   "\t\"author\": {\"name\":\"Ann\", \"tab\": \"a\tb\"}\n"
			   "}";
	struct fm_node *root = NULL;
	is_int(fm_parse_json(&root, json, strlen(json), "post.md", 1, &dl), 0, "json: parses");
	is_int(dl.n, 0, "json: no diagnostics");
	if (!ok(root && root->kind == FM_MAP && root->n == 7, "json: an object of seven keys"))
		return;
	is_str(fm_str(fm_get(root, "title")), "No / space", "json: \"key\":\"value\" without a blank, \\/ escape");
	ok(fm_get(root, "title")->line == 2 && fm_get(root, "title")->col == 10, "json: position of a value");
	bool b = false;
	ok(fm_bool(fm_get(root, "draft"), &b) && b, "json: true is a boolean");
	is_str(fm_str(fm_get(root, "weight")), "3", "json: a number");
	ok(fm_get(root, "none") && !fm_str(fm_get(root, "none")), "json: null is no value");
	struct strvec sv = STRVEC_INIT;
	is_int(fm_strings(fm_get(root, "tags"), &sv), 2, "json: an array of strings");
	sv_free(&sv);
	is_str(fm_str(fm_get_path(root, "author", "name", NULL)), "Ann", "json: a nested object");
	is_str(fm_str(fm_get_path(root, "author", "tab", NULL)), "a\tb", "json: a tab inside a string is kept");
	fm_node_free(root);

	const char *bad = "{\n  \"title\": \"x\",\n  \"tags\": [\"a\" \"b\"]\n}";
	root = (struct fm_node *)1;
	is_int(fm_parse_json(&root, bad, strlen(bad), "post.md", 1, &dl), -1, "malformed JSON: -1");
	ok(root == NULL && dl.n == 1 && dl.v[0].line == 3, "malformed JSON: error at line 3 (got %d)",
	   dl.n ? dl.v[0].line : 0);
	ok(dl.n == 1 && strstr(dl.v[0].message, "not valid JSON"), "malformed JSON: message says JSON");
	diag_list_free(&dl);
}

static void test_people(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	struct fm_node *n = S_parse("a: Ann\n"
				    "b: {name: Bob, url: x}\n"
				    "c: [Ann, {name: Cy}, [ann, Dee], '', {url: y}, {name: Bob}]\n"
				    "d: {url: z}\n",
				    1, DIAG_ERROR, &dl, &rc);
	if (!ok(rc == 0 && n, "people: parses"))
		return;
	is_str(fm_person(fm_get(n, "a")), "Ann", "person: a string");
	is_str(fm_person(fm_get(n, "b")), "Bob", "person: a mapping's name");
	ok(fm_person(fm_get(n, "d")) == NULL, "person: a mapping without name is none");
	ok(fm_person(fm_get(n, "c")) == NULL, "person: a list is not one person");
	struct strvec sv = STRVEC_INIT;
	fm_people(fm_get(n, "c"), &sv);
	ok(sv.n == 4 && strcmp(sv.v[0], "Ann") == 0 && strcmp(sv.v[1], "Cy") == 0 &&
		   strcmp(sv.v[2], "Dee") == 0 && strcmp(sv.v[3], "Bob") == 0,
	   "people: nested lists flattened, empty and nameless skipped, case-insensitive duplicates once (%zu)",
	   sv.n);
	fm_people(fm_get(n, "b"), &sv);
	is_int(sv.n, 4, "people: one already there is not added again");
	fm_people(NULL, &sv);
	sv_free(&sv);
	fm_node_free(n);
	diag_list_free(&dl);
}

static void test_from_js(void)
{
	const char *src = "{ t: 'x', n: 2, b: true, z: null, l: [1, f()], m: { k: 'v' }, c: a + b }";
	struct js_value *v = NULL;
	size_t end;
	js_read(&v, &end, src, strlen(src), 0, 5);
	struct fm_node *n = fm_from_js(v);
	js_value_free(v);
	if (!ok(n && n->kind == FM_MAP && n->n == 6, "from_js: a mapping without the computed member"))
		return;
	ok(!fm_get(n, "t")->plain && strcmp(fm_str(fm_get(n, "t")), "x") == 0, "from_js: a string is quoted");
	ok(fm_get(n, "n")->plain && strcmp(fm_str(fm_get(n, "n")), "2") == 0, "from_js: a number is plain");
	bool b = false;
	ok(fm_bool(fm_get(n, "b"), &b) && b, "from_js: true is a boolean");
	ok(fm_get(n, "z") && !fm_str(fm_get(n, "z")), "from_js: null is no value");
	ok(fm_get(n, "l")->kind == FM_LIST && fm_get(n, "l")->n == 1, "from_js: a list without the call");
	is_str(fm_str(fm_get_path(n, "m", "k", NULL)), "v", "from_js: nested");
	is_int(n->line, 5, "from_js: lines kept");
	fm_node_free(n);
	ok(fm_from_js(NULL) == NULL, "from_js: NULL");
}

/* Configs carry tags (MkDocs' !ENV, PyYAML's !!python/...): kept so the
 * reader can act on them, never in the way of the value. */
static void test_tags(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int rc;
	struct fm_node *n = S_parse("a: !ENV HOME_URL\n"
				    "b: !ENV [X, 'dflt']\n"
				    "c: !!python/name:pkg.mod.fn\n"
				    "d: !!python/object/apply:pkg.f {kwds: {case: lower}}\n"
				    "e: plain\n",
				    1, DIAG_ERROR, &dl, &rc);
	if (!ok(rc == 0 && n, "tags: parses"))
		return;
	is_str(fm_get(n, "a")->tag, "!ENV", "tags: a local tag on a scalar");
	is_str(fm_str(fm_get(n, "a")), "HOME_URL", "tags: the scalar keeps its text");
	ok(fm_get(n, "b")->kind == FM_LIST && strcmp(fm_get(n, "b")->tag, "!ENV") == 0, "tags: on a list");
	is_str(fm_get(n, "c")->tag, "tag:yaml.org,2002:python/name:pkg.mod.fn", "tags: !! expanded");
	is_str(fm_get(n, "d")->tag, "tag:yaml.org,2002:python/object/apply:pkg.f", "tags: on a mapping");
	is_str(fm_str(fm_get_path(n, "d", "kwds", "case", NULL)), "lower", "tags: the mapping is read");
	ok(fm_get(n, "e")->tag == NULL, "tags: none when untagged");
	fm_node_free(n);
	diag_list_free(&dl);
}

/* A list and a map of 3,000 items each, in YAML and TOML: every item in
 * place, and the arrays grown by doubling (cap under twice n), not one
 * slot per item, which ASan's realloc copies every time. */
static void test_growth(void)
{
	struct strbuf y = STRBUF_INIT, t = STRBUF_INIT;
	sb_adds(&y, "list:\n");
	sb_adds(&t, "list = [");
	for (int i = 0; i < 3000; i++) {
		sb_addf(&y, "  - v%d\n", i);
		sb_addf(&t, "%s\"v%d\"", i ? ", " : "", i);
	}
	sb_adds(&y, "map:\n");
	sb_adds(&t, "]\n[map]\n");
	for (int i = 0; i < 3000; i++) {
		sb_addf(&y, "  k%d: v%d\n", i, i);
		sb_addf(&t, "k%d = \"v%d\"\n", i, i);
	}
	for (int toml = 0; toml < 2; toml++) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct fm_node *root = NULL;
		const struct strbuf *sb = toml ? &t : &y;
		int rc = toml ? fm_parse_toml(&root, sb->s, sb->len, "post.md", 1, &dl)
			      : fm_parse_yaml(&root, sb->s, sb->len, "post.md", 1, DIAG_ERROR, &dl);
		const struct fm_node *list = rc == 0 ? fm_get(root, "list") : NULL;
		const struct fm_node *map = rc == 0 ? fm_get(root, "map") : NULL;
		bool good = list && map && list->n == 3000 && map->n == 3000;
		for (size_t i = 0; good && i < 3000; i++) {
			char want[32];
			snprintf(want, sizeof want, "v%zu", i);
			good = strcmp(fm_str(list->items[i]), want) == 0 &&
			       strcmp(fm_str(map->items[i]), want) == 0 && map->keys[i][0] == 'k' &&
			       strcmp(map->keys[i] + 1, want + 1) == 0;
		}
		ok(good, "%s: 3,000 list items and 3,000 keys, each in place", toml ? "toml" : "yaml");
		ok(list && map && list->cap < 2 * list->n && map->cap < 2 * map->n,
		   "%s: grown by doubling (cap %zu and %zu for 3,000)", toml ? "toml" : "yaml",
		   list ? list->cap : 0, map ? map->cap : 0);
		fm_node_free(root);
		diag_list_free(&dl);
	}
	sb_release(&y);
	sb_release(&t);
}

int main(void)
{
	test_tags();
	test_people();
	test_from_js();
	test_split();
	test_parse();
	test_duplicates_and_aliases();
	test_errors();
	test_split_toml();
	test_split_json();
	test_parse_json();
	test_growth();
	return done_testing();
}
