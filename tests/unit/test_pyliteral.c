/* Unit tests of pyliteral.h: every literal form of a Python assignment,
 * what is computed, and the statement rules (blocks, the last one wins). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pyliteral.h"
#include "tap.h"

/* The value src gives X in `X = src`, read as a module; the module is
 * kept in *m for the caller to free. */
static const struct py_value *S_val(struct py_module *m, const char *src)
{
	char *text = malloc(strlen(src) + 8);
	strcpy(text, "X = ");
	strcat(text, src);
	strcat(text, "\n");
	py_read_module(m, text, strlen(text));
	free(text);
	const struct py_assign *a = py_module_get(m, "X");
	return a ? a->value : NULL;
}

static void S_is_string(const char *src, const char *want, const char *name)
{
	struct py_module m;
	const struct py_value *v = S_val(&m, src);
	is_str(v && v->kind == PY_STR ? v->text : NULL, want, name);
	py_module_free(&m);
}

static void S_computed(const char *src, const char *name)
{
	struct py_module m;
	const struct py_value *v = S_val(&m, src);
	ok(v && v->kind == PY_COMPUTED, "computed: %s", name);
	py_module_free(&m);
}

static void test_strings(void)
{
	S_is_string("'single'", "single", "single quotes");
	S_is_string("\"double\"", "double", "double quotes");
	S_is_string("'''tri\nple'''", "tri\nple", "triple single quotes span lines");
	S_is_string("\"\"\"a \"quoted\" word\"\"\"", "a \"quoted\" word", "triple double quotes");
	S_is_string("u'unicode'", "unicode", "u prefix");
	S_is_string("U\"x\"", "x", "U prefix");
	S_is_string("b'bytes'", "bytes", "b prefix");
	S_is_string("r'\\d{4}\\.'", "\\d{4}\\.", "raw keeps backslashes");
	S_is_string("r'a\\'b'", "a\\'b", "raw: an escaped quote stays escaped and does not close");
	S_is_string("Rb'x\\n'", "x\\n", "Rb prefix is raw");
	S_is_string("'a\\nb\\tc'", "a\nb\tc", "\\n \\t");
	S_is_string("'it\\'s'", "it's", "escaped quote");
	S_is_string("'\\x41\\u00e9\\U0001F600'", "A\xC3\xA9\xF0\x9F\x98\x80", "\\x \\u \\U");
	S_is_string("'\\101'", "A", "octal escape");
	S_is_string("'\\d'", "\\d", "an unknown escape keeps its backslash");
	S_is_string("'a\\\nb'", "ab", "a backslash-newline inside a string is nothing");
	S_is_string("'a' \"b\" '''c'''", "abc", "adjacent strings concatenate");
	S_is_string("('a'\n     'b')", "ab", "concatenation across lines in parentheses");
	S_is_string("'a' \\\n 'b'", "ab", "concatenation across a line continuation");
	S_is_string("''", "", "the empty string");
	S_is_string("'x'  # a comment", "x", "a comment after the value");
	S_is_string("'#not a comment'", "#not a comment", "# inside a string");
	S_computed("f'{x}'", "an f-string");
	S_computed("'a' + 'b'", "an operator");
	S_computed("'a'.upper()", "a method call");
	S_computed("'unterminated", "an unterminated string");
}

static void test_scalars(void)
{
	struct py_module m;
	const struct py_value *v = S_val(&m, "42");
	ok(v && v->kind == PY_NUMBER && strcmp(v->text, "42") == 0, "integer");
	py_module_free(&m);
	v = S_val(&m, "-3.5e-2");
	ok(v && v->kind == PY_NUMBER && strcmp(v->text, "-3.5e-2") == 0, "negative float with exponent");
	py_module_free(&m);
	v = S_val(&m, "0x1F");
	ok(v && v->kind == PY_NUMBER && strcmp(v->text, "0x1F") == 0, "hex kept as written");
	py_module_free(&m);
	v = S_val(&m, "True");
	ok(v && v->kind == PY_TRUE, "True");
	py_module_free(&m);
	v = S_val(&m, "False");
	ok(v && v->kind == PY_FALSE, "False");
	py_module_free(&m);
	v = S_val(&m, "None");
	ok(v && v->kind == PY_NONE, "None");
	py_module_free(&m);
	S_computed("true", "an unknown name");
	S_computed("os.getcwd()", "a call");
	S_computed("1 + 2", "arithmetic");
}

static void test_containers(void)
{
	struct py_module m;
	const struct py_value *v = S_val(&m, "['a', \"b\",\n  # comment\n  'c',]");
	ok(v && v->kind == PY_LIST && v->n == 3 && strcmp(v->items[2]->text, "c") == 0,
	   "a list over lines, with a comment and a trailing comma");
	py_module_free(&m);
	v = S_val(&m, "('a',)");
	ok(v && v->kind == PY_TUPLE && v->n == 1, "a one-item tuple");
	py_module_free(&m);
	v = S_val(&m, "()");
	ok(v && v->kind == PY_TUPLE && v->n == 0, "the empty tuple");
	py_module_free(&m);
	v = S_val(&m, "('x')");
	ok(v && v->kind == PY_STR, "parentheses alone make no tuple");
	py_module_free(&m);
	v = S_val(&m, "2012, 3, 4");
	ok(v && v->kind == PY_TUPLE && v->n == 3 && strcmp(v->items[1]->text, "3") == 0, "a bare tuple");
	py_module_free(&m);
	v = S_val(&m, "{'a': 1, \"b\": {'c': [True, None]}, 3: 'n'}");
	ok(v && v->kind == PY_DICT && v->n == 3 && strcmp(v->keys[1], "b") == 0 &&
	   v->items[1]->kind == PY_DICT && v->items[1]->items[0]->kind == PY_LIST &&
	   strcmp(v->keys[2], "3") == 0,
	   "a nested dict; a number key as written");
	py_module_free(&m);
	v = S_val(&m, "['a', os.sep, ('b', f(1, 2)), 'c']");
	ok(v && v->kind == PY_LIST && v->n == 4 && v->items[1]->kind == PY_COMPUTED &&
	   strcmp(v->items[1]->text, "os.sep") == 0 && v->items[2]->items[1]->kind == PY_COMPUTED &&
	   strcmp(v->items[2]->items[1]->text, "f(1, 2)") == 0 && strcmp(v->items[3]->text, "c") == 0,
	   "a member that is not a literal is kept computed, its neighbours read");
	py_module_free(&m);
	v = S_val(&m, "{'a': 1, **OTHER, 'b': 2}");
	ok(v && v->kind == PY_DICT && v->n == 2 && strcmp(v->keys[1], "b") == 0, "a spread entry is left out");
	py_module_free(&m);
	S_computed("[x for x in y]", "a comprehension");
	v = S_val(&m, "[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]");
	int depth = 0;
	while (v && v->kind == PY_LIST && v->n == 1) {
		v = v->items[0];
		depth++;
	}
	ok(v && v->kind == PY_COMPUTED && depth == 16, "a list nested deeper than 16 is computed there");
	py_module_free(&m);
}

static void test_statements(void)
{
	const char *src = "#!/usr/bin/env python\n"
			  "from __future__ import unicode_literals\n"
			  "import os\n"
			  "LOCAL = False\n"
			  "A = 'one'\n"
			  "A = 'two'  # the last wins\n"
			  "URL = 'https://x.org' if not LOCAL else 'http://localhost'\n"
			  "URL2 = 'a' if LOCAL else 'b'\n"
			  "COPY = A\n"
			  "B = C = [1]\n"
			  "D = os.environ.get('D')\n"
			  "THEME = 'x'\n"
			  "if D:\n"
			  "    THEME = 'y'\n"
			  "E = ['x']\n"
			  "E += ['y']\n"
			  "F: str = 'typed'\n"
			  "G = '''\n"
			  "H = 'inside a string'\n"
			  "'''\n"
			  "DOC = \"\"\"\n"
			  "    I = 'indented in a string'\n"
			  "\"\"\"\n"
			  "J = D if D else 'k'\n"
			  "K = A == 'two'\n"
			  "L = ('first'\n"
			  "     'second')\n";
	struct py_module m;
	py_read_module(&m, src, strlen(src));
	const struct py_assign *a = py_module_get(&m, "A");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "two") == 0 && a->line == 6,
	   "the last assignment wins, with its line");
	a = py_module_get(&m, "URL");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "https://x.org") == 0,
	   "a conditional on `not` a literal name is its branch");
	a = py_module_get(&m, "URL2");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "b") == 0, "the else branch");
	a = py_module_get(&m, "COPY");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "two") == 0, "a name is its literal value");
	ok(py_module_get(&m, "B") && py_module_get(&m, "C") && py_module_get(&m, "C")->value->kind == PY_LIST,
	   "chained assignment gives each name");
	a = py_module_get(&m, "D");
	ok(a && a->value->kind == PY_COMPUTED && strcmp(a->value->text, "os.environ.get('D')") == 0,
	   "a call is computed, its text kept");
	a = py_module_get(&m, "THEME");
	ok(a && a->value->kind == PY_COMPUTED && a->line == 14, "an assignment inside a block makes it computed");
	a = py_module_get(&m, "E");
	ok(a && a->value->kind == PY_COMPUTED, "an augmented assignment makes it computed");
	a = py_module_get(&m, "F");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "typed") == 0, "an annotated assignment");
	ok(!py_module_get(&m, "H") && !py_module_get(&m, "I"), "assignments inside strings are not statements");
	a = py_module_get(&m, "G");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "\nH = 'inside a string'\n") == 0,
	   "a triple-quoted string over lines");
	a = py_module_get(&m, "J");
	ok(a && a->value->kind == PY_COMPUTED, "a conditional on a computed name is computed");
	a = py_module_get(&m, "K");
	ok(a && a->value->kind == PY_COMPUTED, "a comparison is computed");
	a = py_module_get(&m, "L");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "firstsecond") == 0 && a->line == 26,
	   "a value over lines, at its first line");
	ok(!py_module_get(&m, "os") && !py_module_get(&m, "unicode_literals"), "imports assign nothing read");
	py_module_free(&m);

	const char *first = "SITEURL = ''\nFEEDS = True\nBASE = 'https://p.example'\n";
	const char *more = "from pelicanconf import *\nSITEURL = BASE + '/x'\nSITEURL = BASE\nFEEDS = False\n";
	py_read_module(&m, first, strlen(first));
	py_read_more(&m, more, strlen(more));
	a = py_module_get(&m, "SITEURL");
	ok(a && a->value->kind == PY_STR && strcmp(a->value->text, "https://p.example") == 0 && a->source == 1 &&
	   a->line == 3,
	   "read_more: its assignments win, see the first read's names, and say where they are");
	a = py_module_get(&m, "BASE");
	ok(a && a->source == 0 && a->line == 3, "a name only the first read gives keeps its place");
	py_module_free(&m);

	py_read_module(&m, "X = [1,\n", 8);
	ok(py_module_get(&m, "X") && py_module_get(&m, "X")->value->kind == PY_COMPUTED,
	   "an unclosed bracket is computed");
	py_module_free(&m);
	py_read_module(&m, "", 0);
	ok(m.n == 0, "an empty module");
	py_module_free(&m);
}

/* Copies for NAMEs are bounded: in depth (16, as literals) and in
 * number (PY_MAX_COPIED a read); past either the NAME is computed. */
static void test_copy_bounds(void)
{
	struct py_module m;
	const char *bomb = "A = [1, 1, 1, 1, 1, 1, 1, 1]\n"
			   "B = [A, A, A, A, A, A, A, A]\n"
			   "C = [B, B, B, B, B, B, B, B]\n"
			   "D = [C, C, C, C, C, C, C, C]\n"
			   "E = [D, D, D, D, D, D, D, D]\n"
			   "F = [E, E, E, E, E, E, E, E]\n"
			   "G = [F, F, F, F, F, F, F, F]\n"
			   "H = [G, G, G, G, G, G, G, G]\n"
			   "I = [H, H, H, H, H, H, H, H]\n";
	py_read_module(&m, bomb, strlen(bomb));
	const struct py_assign *e = py_module_get(&m, "E"), *f = py_module_get(&m, "F");
	const struct py_assign *i = py_module_get(&m, "I");
	ok(e && e->value->kind == PY_LIST && e->value->values == 1 + 8 + 64 + 512 + 4096 + 32768,
	   "copies: E, of 37,449 values, is read");
	size_t computed = 0;
	for (size_t k = 0; f && f->value->kind == PY_LIST && k < f->value->n; k++)
		computed += f->value->items[k]->kind == PY_COMPUTED;
	ok(f && f->value->kind == PY_LIST && computed > 0 && computed < 8,
	   "copies: F's copies of E stop at PY_MAX_COPIED (%zu of 8 computed)", computed);
	ok(i && i->value->values < PY_MAX_COPIED + 100,
	   "copies: nine lines of eight copies stay under the bound (the 8^9 values were 2 GB and 15 s)");
	py_module_free(&m);

	const char *deep = "A = [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]\n"
			   "B = A\n"
			   "C = [A]\n"
			   "D = [B, 1]\n";
	py_read_module(&m, deep, strlen(deep));
	const struct py_assign *b = py_module_get(&m, "B"), *c = py_module_get(&m, "C");
	ok(b && b->value->kind == PY_LIST && b->value->height == 16, "copies: a 16-deep value copied alone");
	ok(c && c->value->kind == PY_LIST && c->value->n == 1 && c->value->items[0]->kind == PY_COMPUTED &&
		   strcmp(c->value->items[0]->text, "A") == 0,
	   "copies: one that would be 17 deep is computed");
	py_module_free(&m);

	const char *multi = "A = [1, 2]\nX = Y = Z = A\n";
	py_read_module(&m, multi, strlen(multi));
	const struct py_assign *x = py_module_get(&m, "X"), *z = py_module_get(&m, "Z");
	ok(x && z && x->value->kind == PY_LIST && z->value->kind == PY_LIST && x->value != z->value &&
		   x->value->values == 3,
	   "copies: X = Y = Z = A gives each its own copy");
	py_module_free(&m);
}

/* A backslash before CR LF continues a string, for the parser and for
 * the skipper of what is not a literal alike (they disagreed, and a
 * container was read again from inside a member at every level). */
static void test_crlf_continuation(void)
{
	struct py_module m;
	const struct py_value *v = S_val(&m, "[f('a\\\r\nb, c'), 2]");
	ok(v && v->kind == PY_LIST && v->n == 2 && v->items[0]->kind == PY_COMPUTED &&
		   v->items[1]->kind == PY_NUMBER && strcmp(v->items[1]->text, "2") == 0,
	   "CR LF: a call holding a string continued over CR LF is one computed member");
	py_module_free(&m);
	v = S_val(&m, "['a\\\r\nb', r'c\\\r\nd']");
	ok(v && v->kind == PY_LIST && v->n == 2 && strcmp(v->items[0]->text, "ab") == 0 &&
		   strcmp(v->items[1]->text, "c\\\nd") == 0,
	   "CR LF: continued strings read as Python reads them (raw: backslash and LF kept)");
	py_module_free(&m);
}

/* A list and a dict of 3,000 members: each in place, and grown by
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
		len += (size_t)snprintf(src + len, cap - len, "%s'k%d':%d", i ? "," : "", i, i);
	snprintf(src + len, cap - len, "}]");
	struct py_module m;
	const struct py_value *v = S_val(&m, src);
	const struct py_value *l = v && v->kind == PY_LIST && v->n == 2 ? v->items[0] : NULL;
	const struct py_value *d = l ? v->items[1] : NULL;
	bool good = l && d && l->n == 3000 && d->n == 3000;
	for (size_t i = 0; good && i < 3000; i++) {
		char want[32];
		snprintf(want, sizeof want, "%zu", i);
		good = strcmp(l->items[i]->text, want) == 0 && strcmp(d->items[i]->text, want) == 0 &&
		       d->keys[i][0] == 'k' && strcmp(d->keys[i] + 1, want) == 0;
	}
	ok(good, "3,000 list items and 3,000 keys, each in place");
	ok(l && d && l->cap < 2 * l->n && d->cap < 2 * d->n, "grown by doubling (cap %zu and %zu for 3,000)",
	   l ? l->cap : 0, d ? d->cap : 0);
	py_module_free(&m);
	free(src);
}

int main(void)
{
	test_strings();
	test_scalars();
	test_containers();
	test_statements();
	test_copy_bounds();
	test_crlf_continuation();
	test_growth();
	return done_testing();
}
