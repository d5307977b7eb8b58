/* fuzz_pyliteral.c — libFuzzer harness for the Python-literal reader
 * (base/pyliteral), which reads pelicanconf.py.
 *
 * The input is a whole Python file. Oracle: no crash, no sanitizer report,
 * no leak, and what pyliteral.h promises: every assignment has a name and
 * a value, names are unique, lines are 1-based and inside the file,
 * strings and computed texts are NUL-free C strings, containers hold what
 * they count, nesting stays within 16 levels of containers (plus the
 * computed leaf), and a computed value has no members.
 *
 * Built with -fsanitize=fuzzer for libFuzzer, or with driver.c as a plain
 * program that runs the files it is given (the regression test). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pyliteral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(stderr, "fuzz_pyliteral: invariant failed: %s (%s:%d)\n", \
				#cond, __FILE__, __LINE__);                            \
			abort();                                                       \
		}                                                                      \
	} while (0)

/* Checks v and returns the values in it (itself included). */
static size_t S_walk(const struct py_value *v, int lines, int depth)
{
	CHECK(v);
	CHECK(depth <= 16); /* "nested (at most 16 deep)", copies of NAMEs too */
	size_t values = 1;
	int height = 0;
	CHECK(v->line >= 1 && v->line <= lines);
	switch (v->kind) {
	case PY_STR:
	case PY_NUMBER:
	case PY_COMPUTED:
		CHECK(v->text && v->n == 0);
		(void)strlen(v->text);
		break;
	case PY_LIST:
	case PY_TUPLE:
	case PY_DICT:
		CHECK(!v->n || v->items);
		CHECK(v->kind == PY_DICT ? (!v->n || v->keys) : !v->keys);
		for (size_t i = 0; i < v->n; i++) {
			if (v->keys)
				CHECK(v->keys[i]);
			values += S_walk(v->items[i], lines, depth + 1);
			if (v->items[i]->height + 1 > height)
				height = v->items[i]->height + 1;
		}
		if (!height)
			height = 1;
		break;
	default:
		CHECK(v->n == 0);
	}
	CHECK(v->values == values);
	CHECK(v->height == height);
	(void)py_truth(v);
	return values;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	struct py_module m;
	size_t total = 0;
	py_read_module(&m, (const char *)data, size);
	for (size_t i = 0; i < m.n; i++) {
		CHECK(m.v[i].name && *m.v[i].name);
		CHECK(py_module_get(&m, m.v[i].name) == &m.v[i]);
		CHECK(m.v[i].line >= 1 && m.v[i].line <= lines);
		total += S_walk(m.v[i].value, lines, 0);
	}
	/* A literal's values take a byte of the text each at least; the rest
	 * are copies for NAMEs and `A = B = v`, bounded by PY_MAX_COPIED (a
	 * few lines of `B = [A, A, A, A]` made gigabytes). */
	CHECK(total <= size + PY_MAX_COPIED);
	py_module_free(&m);
	return 0;
}
