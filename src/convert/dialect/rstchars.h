/* rstchars.h — the non-ASCII characters docutils lets stand around inline
 * markup (private to src/convert/dialect/; rst.c's reading of it). Only
 * data: nothing is allocated. */
#ifndef SHEAF_DIALECT_RSTCHARS_H
#define SHEAF_DIALECT_RSTCHARS_H

#include <stdbool.h>

enum {
	RSTC_BEFORE = 1, /* may stand before a start-string (an opener or a delimiter) */
	RSTC_AFTER = 2,  /* may stand after an end-string (a closer or a delimiter) */
};

/* RSTC_BEFORE and RSTC_AFTER for a code point at or above U+0080 (white
 * space aside: the caller asks utf8_is_space); 0 for the others. */
int rstchars_class(unsigned cp);

/* Whether the start-string between open and close is "quoted" (docutils'
 * match_chars), so no start-string: non-ASCII pairs, and the quotation
 * marks of other languages' conventions. */
bool rstchars_pair(unsigned open, unsigned close);

#endif
