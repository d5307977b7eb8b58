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

static void S_walk(const struct py_value *v, int lines, int depth)
{
	CHECK(v);
	CHECK(depth <= 18);
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
			S_walk(v->items[i], lines, depth + 1);
		}
		break;
	default:
		CHECK(v->n == 0);
	}
	(void)py_truth(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	struct py_module m;
	py_read_module(&m, (const char *)data, size);
	for (size_t i = 0; i < m.n; i++) {
		CHECK(m.v[i].name && *m.v[i].name);
		CHECK(py_module_get(&m, m.v[i].name) == &m.v[i]);
		CHECK(m.v[i].line >= 1 && m.v[i].line <= lines);
		S_walk(m.v[i].value, lines, 0);
	}
	py_module_free(&m);
	return 0;
}
