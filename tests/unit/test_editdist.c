/* Unit tests of editdist.h: the distances "did you mean" ranks by. */
#include <stdlib.h>
#include <string.h>

#include "base/editdist.h"
#include "base/util.h"
#include "tap.h"

int main(void)
{
	is_int(edit_distance("", "", 5), 0, "two empty texts are equal");
	is_int(edit_distance("career", "career", 5), 0, "a text is 0 from itself");
	is_int(edit_distance("carrer", "career", 5), 1, "one substitution");
	is_int(edit_distance("teh", "the", 5), 1, "a swap of neighbours costs 1 (Damerau)");
	is_int(edit_distance("ca", "abc", 5), 3, "optimal string alignment: no edit of a swapped pair");
	is_int(edit_distance("tool", "tools", 5), 1, "an insertion");
	is_int(edit_distance("tools", "tool", 5), 1, "a deletion");
	is_int(edit_distance("", "abc", 5), 3, "from empty: one insertion a character");
	is_int(edit_distance("kitten", "sitting", 5), 3, "kitten → sitting is 3");
	/* Code points, not bytes: é is one character. */
	is_int(edit_distance("fernandez", "fern\xc3\xa1ndez", 5), 1, "a two-byte letter is one substitution");
	is_int(edit_distance("\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5", 5), 1, "CJK counted in characters");
	is_int(edit_distance("a\xff", "ab", 5), 1, "an invalid byte counts as one character");
	/* The cap. */
	is_int(edit_distance("kitten", "sitting", 2), 3, "over max gives max + 1");
	is_int(edit_distance("a", "abcdefgh", 2), 3, "lengths alone over max give max + 1");
	is_int(edit_distance("abcdef", "uvwxyz", 0), 1, "max 0: equal or 1");
	is_int(edit_distance("abc", "abc", 0), 0, "max 0 and equal: 0");
	/* A long value costs no more than it has to, and still answers. */
	size_t big = 100000;
	char *x = xmalloc(big + 1), *y = xmalloc(big + 1);
	memset(x, 'a', big);
	memset(y, 'b', big);
	x[big] = y[big] = '\0';
	is_int(edit_distance(x, y, 3), 4, "100 000 different characters: stops at the first row over max");
	free(x);
	free(y);
	return done_testing();
}
