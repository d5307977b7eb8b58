/* Unit tests of src/base/linemap.c: reading a map of rewritten lines back
 * to the original's (the map itself is written by dialect_rewrite and
 * tested with it, tests/unit/dialect/test_dialect_scan.c). */
#include <stdlib.h>

#include "base/linemap.h"
#include "tap.h"

int main(void)
{
	struct linemap m = LINEMAP_INIT;
	is_int(linemap_get(&m, 7), 7, "an empty map (no rewrite) gives the line back");
	m.n = 3;
	m.line = malloc(3 * sizeof *m.line);
	m.line[0] = 1, m.line[1] = 1, m.line[2] = 4;
	is_int(linemap_get(&m, 2), 1, "a line maps to the line written for it");
	is_int(linemap_get(&m, 3), 4, "the last line");
	is_int(linemap_get(&m, 9), 4, "past the end: the last line's");
	is_int(linemap_get(&m, 0), 0, "no line stays no line");
	linemap_free(&m);
	ok(m.line == NULL && m.n == 0, "freed: empty again");
	is_int(linemap_get(&m, 5), 5, "and gives lines back");
	return done_testing();
}
