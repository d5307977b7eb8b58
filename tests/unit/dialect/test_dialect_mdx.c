/* Unit tests of src/convert/dialect/mdx.c. */
#include "dialect/dialect_fixture.h"

int main(void)
{
	static void (*const tests[])(void) = {NULL};
	return dt_run(tests);
}
