/* Unit tests of jsliteral.h: every literal form, what is not a literal,
 * and the scanners (js_find, js_skip_value, js_call, js_call_string). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsliteral.h"
#include "tap.h"

/* The literal s reads as, or NULL. */
static struct js_value *S_read(const char *s)
{
	struct js_value *v = NULL;
	size_t end;
	if (js_read(&v, &end, s, strlen(s), 0, 1) < 0)
		return NULL;
	return v;
}

/* The decoded string s reads as (a string literal), or NULL. */
static char *S_str(const char *s)
{
	struct js_value *v = S_read(s);
	char *out = v && v->kind == JS_STRING ? strdup(v->text) : NULL;
	js_value_free(v);
	return out;
}

static void S_is_string(const char *src, const char *want, const char *name)
{
	char *got = S_str(src);
	is_str(got, want, name);
	free(got);
}

static void S_not_literal(const char *src, const char *name)
{
	struct js_value *v = S_read(src);
	ok(v == NULL, "not a literal: %s", name);
	js_value_free(v);
}

static void test_strings(void)
{
	S_is_string("'single'", "single", "single quotes");
	S_is_string("\"double\"", "double", "double quotes");
	S_is_string("`template`", "template", "a template without ${}");
	S_is_string("'it\\'s'", "it's", "escaped quote");
	S_is_string("\"a\\\"b\"", "a\"b", "escaped double quote");
	S_is_string("'a\"b'", "a\"b", "the other quote needs no escape");
	S_is_string("'a\\nb\\tc\\rd'", "a\nb\tc\rd", "\\n \\t \\r");
	S_is_string("'\\b\\f\\v'", "\b\f\v", "\\b \\f \\v");
	S_is_string("'a\\\\b'", "a\\b", "escaped backslash");
	S_is_string("'\\x41\\x7a'", "Az", "\\xHH");
	S_is_string("'\\u00e9t\\u00C9'", "\xC3\xA9t\xC3\x89", "\\uHHHH, either case");
	S_is_string("'\\u{1F600}'", "\xF0\x9F\x98\x80", "\\u{…} beyond the BMP");
	S_is_string("'\\uD83D\\uDE00'", "\xF0\x9F\x98\x80", "a surrogate pair is one character");
	S_is_string("'\\uD83Dx'", "\xEF\xBF\xBDx", "a lone high surrogate is U+FFFD");
	S_is_string("'\\uDE00'", "\xEF\xBF\xBD", "a lone low surrogate is U+FFFD");
	S_is_string("'a\\0b'", "a\xEF\xBF\xBD" "b", "\\0 (NUL) is U+FFFD");
	S_is_string("'\\101\\7'", "A\x07", "legacy octal escapes");
	S_is_string("'\\q\\/'", "q/", "an unknown escape is the character itself");
	S_is_string("'\\\xC3\xA9'", "\xC3\xA9", "an escaped non-ASCII character is itself");
	S_is_string("'one \\\ntwo'", "one two", "a line continuation (LF)");
	S_is_string("'one \\\r\ntwo'", "one two", "a line continuation (CR LF)");
	S_is_string("'caf\xC3\xA9'", "caf\xC3\xA9", "UTF-8 as written");
	S_is_string("`a\r\nb\nc`", "a\nb\nc", "a template may span lines; CR LF is read as LF");
	S_is_string("`cost: $5 {x}`", "cost: $5 {x}", "a template with $ and braces but no ${");
	S_is_string("`\\${x}`", "${x}", "an escaped ${ is text");
	S_is_string("''", "", "an empty string");

	S_not_literal("`a ${b} c`", "a template with ${}");
	S_not_literal("'open", "an unterminated string");
	S_not_literal("'line\nbreak'", "a raw line break in quotes");
	S_not_literal("'\\x4'", "a short \\x escape");
	S_not_literal("'\\u12'", "a short \\u escape");
	S_not_literal("'\\u{110000}'", "\\u{} above U+10FFFF");
	S_not_literal("`\\1`", "an octal escape in a template");
}

static void S_is_number(const char *src, const char *want)
{
	struct js_value *v = S_read(src);
	ok(v && v->kind == JS_NUMBER && strcmp(v->text, want) == 0, "number %s", src);
	js_value_free(v);
}

static void test_scalars(void)
{
	S_is_number("42", "42");
	S_is_number("-3.5", "-3.5");
	S_is_number("+7", "+7");
	S_is_number(".5", ".5");
	S_is_number("1.", "1.");
	S_is_number("1e3", "1e3");
	S_is_number("2.5E-4", "2.5E-4");
	S_is_number("0x1F", "0x1F");
	S_is_number("0o17", "0o17");
	S_is_number("0b1010", "0b1010");
	S_is_number("1_000_000", "1_000_000");
	S_is_number("123n", "123n");
	S_not_literal("12abc", "a number run into letters");
	S_not_literal("0x", "0x without digits");
	S_not_literal("1e", "an exponent without digits");
	S_not_literal("1.5n", "a BigInt with a fraction");

	struct js_value *v = S_read("true");
	ok(v && v->kind == JS_TRUE, "true");
	js_value_free(v);
	v = S_read("false");
	ok(v && v->kind == JS_FALSE, "false");
	js_value_free(v);
	v = S_read("  /* c */ null // c\n");
	ok(v && v->kind == JS_NULL && strcmp(v->text, "null") == 0, "null, comments around it");
	js_value_free(v);
	S_not_literal("trueish", "an identifier starting with true");
	S_not_literal("undefined", "undefined (an identifier)");
	S_not_literal("Infinity", "Infinity (an identifier)");
	S_not_literal("process.env.URL", "a property access");
	S_not_literal("\"a\" + b", "a concatenation");
	S_not_literal("1 + 2", "arithmetic");
	S_not_literal("'a'.toUpperCase()", "a method call on a string");
	S_not_literal("true && x", "a logical expression");
	S_not_literal("\"a\"\n  + b", "an expression continued on the next line");
	S_not_literal("", "nothing");
}

static void test_containers(void)
{
	const char *src = "{\n"
			  "  // a comment\n"
			  "  title: 'Hello',\n"
			  "  \"quoted key\": 1,\n"
			  "  'single': [1, 'two', [true], {}],\n"
			  "  $odd_name2: null,\n"
			  "  0: 'zero',\n"
			  "  nested: { deep: { deeper: \"yes\", }, },\n"
			  "  /* block\n comment */ last: `t`,\n"
			  "}";
	struct js_value *v = S_read(src);
	if (!ok(v && v->kind == JS_OBJECT && v->n == 7, "object: seven members (%zu)", v ? v->n : 0))
		goto out;
	ok(strcmp(v->keys[0], "title") == 0 && v->items[0]->kind == JS_STRING &&
		   strcmp(v->items[0]->text, "Hello") == 0,
	   "object: an identifier key");
	ok(v->items[0]->line == 3, "object: a member's line (%d)", v->items[0]->line);
	is_str(v->keys[1], "quoted key", "object: a double-quoted key");
	is_str(v->keys[2], "single", "object: a single-quoted key");
	struct js_value *a = v->items[2];
	ok(a->kind == JS_ARRAY && a->n == 4 && a->items[0]->kind == JS_NUMBER &&
		   a->items[1]->kind == JS_STRING && a->items[2]->kind == JS_ARRAY &&
		   a->items[2]->items[0]->kind == JS_TRUE && a->items[3]->kind == JS_OBJECT && a->items[3]->n == 0,
	   "array: mixed items, nested array, empty object");
	is_str(v->keys[3], "$odd_name2", "object: $ and digits in an identifier key");
	is_str(v->keys[4], "0", "object: a numeric key");
	ok(v->items[5]->kind == JS_OBJECT && strcmp(v->items[5]->items[0]->items[0]->text, "yes") == 0,
	   "object: nested objects with trailing commas");
	ok(strcmp(v->keys[6], "last") == 0 && v->items[6]->line == 10, "object: after a block comment (line %d)",
	   v->items[6]->line);
out:
	js_value_free(v);

	v = S_read("[1, 2, 3,]");
	ok(v && v->kind == JS_ARRAY && v->n == 3, "array: a trailing comma");
	js_value_free(v);
	v = S_read("[]");
	ok(v && v->kind == JS_ARRAY && v->n == 0, "array: empty");
	js_value_free(v);

	v = S_read("{ a: 1, b: x + 1, c: `${y}`, d() { return 1 }, e, ...f, [g]: 2, h: [1, y], i: 'ok' }");
	if (ok(v && v->kind == JS_OBJECT, "object with computed members: still read")) {
		ok(v->n == 5, "object: methods, shorthands, spreads and computed keys left out (%zu)", v->n);
		ok(v->n == 5 && strcmp(v->keys[1], "b") == 0 && v->items[1]->kind == JS_COMPUTED &&
			   strcmp(v->items[1]->text, "x + 1") == 0,
		   "object: a computed value is kept as such, with its source");
		ok(v->n == 5 && v->items[2]->kind == JS_COMPUTED, "object: a template with ${} is computed");
		ok(v->n == 5 && v->items[3]->kind == JS_ARRAY && v->items[3]->n == 2 &&
			   v->items[3]->items[1]->kind == JS_COMPUTED,
		   "array: a computed item kept as such");
		ok(v->n == 5 && strcmp(v->keys[4], "i") == 0 && strcmp(v->items[4]->text, "ok") == 0,
		   "object: reading goes on after them");
	}
	js_value_free(v);

	v = S_read("{a}");
	ok(v && v->kind == JS_OBJECT && v->n == 0, "object: a lone shorthand leaves an empty object");
	js_value_free(v);

	S_not_literal("{ a: 1", "an unterminated object");
	S_not_literal("[1, 2", "an unterminated array");
	S_not_literal("[1, 2)", "a mismatched bracket");
	S_not_literal("{ a: }", "a key without a value");
	S_not_literal("[1].map(f)", "a method call on an array");
	S_not_literal("{a: 1}.a", "a property of an object");

	/* 16 levels nest; 17 do not. */
	char deep[64] = "", deeper[64] = "";
	for (int i = 0; i < 16; i++)
		strcat(deep, "[");
	strcat(deep, "1");
	for (int i = 0; i < 16; i++)
		strcat(deep, "]");
	snprintf(deeper, sizeof deeper, "[%s]", deep);
	v = S_read(deep);
	const struct js_value *in = v;
	while (in && in->kind == JS_ARRAY && in->n == 1)
		in = in->items[0];
	ok(in && in->kind == JS_NUMBER, "16 nested arrays are read");
	js_value_free(v);
	v = S_read(deeper);
	in = v;
	int levels = 0;
	while (in && in->kind == JS_ARRAY && in->n == 1) {
		in = in->items[0];
		levels++;
	}
	ok(in && in->kind == JS_COMPUTED && levels == 16, "the 17th nested array is not a literal (%d)", levels);
	js_value_free(v);
}

static void test_statements(void)
{
	const char *src = "const title = \"Hi\"\nconst draft = true\nmodule.exports = { n: 3 };";
	size_t at = js_find(src, 0, strlen(src), "draft"), end;
	struct js_value *v = NULL;
	ok(at != (size_t)-1 && js_read(&v, &end, src, strlen(src), at, 1) == 0 && v->kind == JS_TRUE,
	   "a declaration ended by a line break (ASI)");
	ok(v && v->line == 2, "its line (%d)", v ? v->line : 0);
	js_value_free(v);
	at = js_find(src, 0, strlen(src), "title");
	int rc = at != (size_t)-1 ? js_read(&v, &end, src, strlen(src), at, 1) : -1;
	ok(rc == 0 && v->kind == JS_STRING && end == 18, "end is just past the literal (%zu)", end);
	js_value_free(v);

	const char *bad = "x = a + b, y = 2";
	rc = js_read(&v, &end, bad, strlen(bad), 4, 1);
	ok(rc < 0 && v == NULL && end == 9, "not a literal: *end past the expression (%zu)", end);
}

static void test_find(void)
{
	const char *src = "export default {\n"
			  "  other: { title: 'inner' },\n"
			  "  \"title\": 'outer', // title: 'comment'\n"
			  "  s: 'title: in a string',\n"
			  "  a.title = 1, x == title, f = (title) => 1,\n"
			  "};";
	size_t len = strlen(src), at = js_find(src, 0, len, "title"), end;
	struct js_value *v = NULL;
	ok(at != (size_t)-1 && js_read(&v, &end, src, len, at, 1) == 0 && strcmp(v->text, "outer") == 0,
	   "find: the least nested wins; comments, strings, a.title, == and => are not it");
	js_value_free(v);
	ok(js_find(src, 0, len, "missing") == (size_t)-1, "find: a missing key");
	ok(js_find(src, 0, len, "tit") == (size_t)-1, "find: a prefix of a key is not the key");

	const char *t = "f({a: [1, ')'], b: `x${'}'}y`}, 2); next";
	size_t close = js_skip_value(t, strlen(t), 2);
	is_int((long long)close, 30, "skip_value: brackets, strings and ${} inside templates counted");

	const char *cfg = "// setInputDirectory('no')\n"
			  "config.setInputDirectory;\n"
			  "config.setInputDirectory( \"src\" );\n"
			  "config.setOutputDirectory(dir);\n"
			  "config.setDataDirectory(`data${v}`);\n";
	char *s = js_call_string(cfg, strlen(cfg), "setInputDirectory");
	is_str(s, "src", "call_string: the first call with a string argument");
	free(s);
	ok(js_call_string(cfg, strlen(cfg), "setOutputDirectory") == NULL, "call_string: a variable argument");
	ok(js_call_string(cfg, strlen(cfg), "setDataDirectory") == NULL, "call_string: a template with ${}");
	ok(js_call_string(cfg, strlen(cfg), "setIncludesDirectory") == NULL, "call_string: no call");
	is_int((long long)js_call(cfg, strlen(cfg), "setInputDirectory"), 78,
	       "call: past the `(` of the first call, not a comment's or a property read");
	is_int((long long)js_call("x = 'f(' + f ()", 15, "f"), 14, "call: not in a string; space before `(`");
	ok(js_call(cfg, strlen(cfg), "setInput") == (size_t)-1, "call: a whole name only");
}

static void test_imports(void)
{
	const char *src = "// import wrong from 'remark-math'\n"
			  "import rehypeKatex from \"rehype-katex\";\n"
			  "import math, {x} from 'remark-math'\n"
			  "import * as dir from 'remark-directive';\n"
			  "const gfm = require( 'remark-gfm' ).default;\n"
			  "import {named} from 'named-only';\n"
			  "export default { a: [math, [gfm, {}]], b: [require('inline')], c: 'math', d: x.math };\n";
	size_t len = strlen(src);
	char *n = js_import_name(src, len, "remark-math");
	is_str(n, "math", "import_name: `import X, {…} from`, not a comment's");
	free(n);
	n = js_import_name(src, len, "remark-directive");
	is_str(n, "dir", "import_name: `import * as X`");
	free(n);
	n = js_import_name(src, len, "remark-gfm");
	is_str(n, "gfm", "import_name: `const X = require(…).default`");
	free(n);
	ok(js_import_name(src, len, "named-only") == NULL, "import_name: no default import");
	ok(js_import_name(src, len, "remark") == NULL, "import_name: a whole module name only");
	const char *a = strstr(src, "a: ["), *c = strstr(src, "c: '");
	size_t from = (size_t)(a - src);
	ok(js_mentions(src, from, from + 20, "math", "remark-math"), "mentions: the name in a list");
	ok(js_mentions(src, from, len, "zzz", "inline"), "mentions: an inline require of the module");
	from = (size_t)(c - src);
	ok(!js_mentions(src, from, len, "math", "remark-math"), "mentions: not in a string, nor a property `x.math`");
	ok(js_value_mentions(src, len, (size_t)(a - src) + 2, "remark-math"), "value_mentions: a list");
	ok(!js_value_mentions(src, len, (size_t)(a - src) + 2, "remark-directive"), "value_mentions: not named");
	const char *var = "import m from 'remark-math';\nconst plugins = [m];\nexport default {remarkPlugins: plugins, "
			  "other: [mm]};\n";
	ok(js_value_mentions(var, strlen(var), (size_t)(strstr(var, ": plugins") - var) + 1, "remark-math"),
	   "value_mentions: a variable holding the list");
	ok(!js_value_mentions(var, strlen(var), (size_t)(strstr(var, ": [mm]") - var) + 1, "remark-math"),
	   "value_mentions: a longer name is another");
}

/* An array and an object of 3,000 members: each in place, and grown by
 * doubling (cap under twice n), not one slot per member, which ASan's
 * realloc copies every time. */
static void test_growth(void)
{
	size_t cap = 3000 * 24 + 16, len = 0;
	char *src = malloc(cap);
	len += (size_t)snprintf(src + len, cap - len, "[[");
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(src + len, cap - len, "%s%d", i ? "," : "", i);
	len += (size_t)snprintf(src + len, cap - len, "],{");
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(src + len, cap - len, "%sk%d:%d", i ? "," : "", i, i);
	snprintf(src + len, cap - len, "}]");
	struct js_value *v = S_read(src);
	const struct js_value *a = v && v->kind == JS_ARRAY && v->n == 2 ? v->items[0] : NULL;
	const struct js_value *o = a ? v->items[1] : NULL;
	bool good = a && o && a->n == 3000 && o->n == 3000;
	for (size_t i = 0; good && i < 3000; i++) {
		char want[32];
		snprintf(want, sizeof want, "%zu", i);
		good = strcmp(a->items[i]->text, want) == 0 && strcmp(o->items[i]->text, want) == 0 &&
		       o->keys[i][0] == 'k' && strcmp(o->keys[i] + 1, want) == 0;
	}
	ok(good, "3,000 array items and 3,000 keys, each in place");
	ok(a && o && a->cap < 2 * a->n && o->cap < 2 * o->n, "grown by doubling (cap %zu and %zu for 3,000)",
	   a ? a->cap : 0, o ? o->cap : 0);
	js_value_free(v);
	free(src);
}

int main(void)
{
	test_strings();
	test_scalars();
	test_containers();
	test_statements();
	test_find();
	test_imports();
	test_growth();
	return done_testing();
}
