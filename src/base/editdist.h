/* editdist.h — how far apart two short texts are, for "did you mean".
 *
 * Damerau–Levenshtein in its optimal-string-alignment form: an insertion,
 * a deletion, a substitution or a swap of two neighbours costs 1 (so
 * "Carrer" is 1 from "Career" and "teh" 1 from "the"). Counted in code
 * points of UTF-8 (an invalid byte counts as one); no case folding, so
 * callers compare folded keys. Nothing is kept; the result is a number.
 */
#ifndef SHEAF_EDITDIST_H
#define SHEAF_EDITDIST_H

#include <stddef.h>

/* The distance from a to b, or max + 1 when it is larger than max (the
 * work then stops early: a long hostile value costs no more than a band
 * of max around the diagonal would). */
size_t edit_distance(const char *a, const char *b, size_t max);

#endif
