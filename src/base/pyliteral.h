/* pyliteral.h — the module-level `NAME = literal` assignments of a Python
 * file (Pelican's pelicanconf.py), read without running it.
 *
 * sheaf runs no Python: it reads the values written as literals and keeps
 * everything else as "computed" (its source text), so a caller reports it
 * once and never guesses. A literal is: a string in any quoting ('…',
 * "…", '''…''', """…""", with the prefixes r, u, b and their mixes;
 * escapes as Python reads them; adjacent strings concatenated), a number
 * (as written, an optional sign), True, False, None, and lists, tuples and
 * dicts of those, nested (at most 16 deep). Inside a list, tuple or dict a
 * member that is not a literal is kept as PY_COMPUTED with its text.
 * Two forms are evaluated because Python's meaning is certain: a NAME
 * given a literal by an earlier module-level assignment is that value (a
 * copy of it: unless the copy would nest deeper than 16 or the read's
 * copies would pass PY_MAX_COPIED values, which a file of `B = [A, A, A]`
 * lines reaches fast; the NAME is then computed), and `A if C else B`
 * whose condition is such a literal, a NAME, or `not` one of those, is
 * the branch it picks. f-strings, calls, operators,
 * subscripts and anything else are computed.
 *
 * Statements: only assignments at the module's top level count (`A = B =
 * v` gives both); one inside a block (`if …:`, `try:`) or an augmented one
 * (`A += v`) makes the name computed, as its value depends on running the
 * code. The last assignment wins, as in Python. Comments, line
 * continuations and brackets spanning lines are read as Python does.
 *
 * Strings are UTF-8; a NUL becomes U+FFFD.
 * Ownership: py_read_module fills a module freed with py_module_free;
 * everything in it belongs to it. Nothing is global.
 */
#ifndef SHEAF_PYLITERAL_H
#define SHEAF_PYLITERAL_H

#include <stdbool.h>
#include <stddef.h>

enum py_kind { PY_STR, PY_NUMBER, PY_TRUE, PY_FALSE, PY_NONE, PY_LIST, PY_TUPLE, PY_DICT, PY_COMPUTED };

struct py_value {
	enum py_kind kind;
	int line;                /* line of the value's first character */
	char *text;              /* STR: the value, decoded; NUMBER: as written;
				    COMPUTED: its source text; NULL otherwise */
	size_t n;                /* LIST, TUPLE, DICT: number of members */
	char **keys;             /* DICT: keys (a string key decoded, another
				    literal key as written) */
	struct py_value **items; /* LIST/TUPLE items, DICT values */
	size_t cap;              /* slots allocated in keys and items (the reader's) */
	size_t values;           /* values in it, itself included */
	int height;              /* containers nested in it, itself included (0: a scalar) */
};

/* The values a read may copy for NAMEs (see above): each line of
 * `B = [A, A, A, A]` can multiply the size by four. */
#define PY_MAX_COPIED 100000

struct py_assign {
	char *name;
	int line;               /* of the assignment that won */
	unsigned source;        /* which read gave it: 0 for py_read_module's,
				   then 1, 2… for py_read_more's */
	struct py_value *value; /* never NULL; PY_COMPUTED when not a literal */
};

struct py_module {
	size_t n;
	struct py_assign *v; /* one per name, in the order first assigned */
	unsigned reads;      /* py_read_more calls so far */
};

/* Reads the module in text[0..len) into *out, which it sets up (what *out
 * held before is not freed). Never fails: what it cannot read is computed
 * or skipped. text is not kept; the caller frees *out with py_module_free. */
void py_read_module(struct py_module *out, const char *text, size_t len);
/* Reads text[0..len) as more of the module m (`from first import *`
 * then more statements: Pelican's publishconf.py over pelicanconf.py):
 * its names see m's, its assignments win over them (the value a name had
 * is freed then). text is not kept. */
void py_read_more(struct py_module *m, const char *text, size_t len);
/* The assignment of name, or NULL when the module has none. Borrowed from
 * m: good until the next py_read_more (which may move or replace it) or
 * py_module_free. */
const struct py_assign *py_module_get(const struct py_module *m, const char *name);
/* Frees all m holds (m itself is the caller's) and leaves it empty. */
void py_module_free(struct py_module *m);
/* Frees v and all it holds (NULL: nothing). A module's values are its
 * own: py_module_free frees them. */
void py_value_free(struct py_value *v);
/* Python's truth of a literal: false for False, None, 0, "" and empty
 * containers; -1 for a computed value. */
int py_truth(const struct py_value *v);

#endif
