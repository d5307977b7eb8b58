/* utf8.h — one code point at a time: decoding, encoding, and the few
 * character classes slugs and URLs need.
 *
 * No tables of the whole of Unicode: case and classes cover the scripts
 * and ranges blogs write (Latin, Greek, Cyrillic, general punctuation,
 * CJK punctuation, emoji); everything else is a letter that keeps its case.
 * Depends on nothing else of sheaf.
 */
#ifndef SHEAF_UTF8_H
#define SHEAF_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0 when invalid or NUL. *cp gets
 * the code point when cp is not NULL. */
size_t utf8_decode(const unsigned char *p, size_t left, unsigned *cp);
/* Writes cp (at most U+10FFFF, not a surrogate) as 1 to 4 bytes to out;
 * returns how many. */
size_t utf8_encode(char out[4], unsigned cp);
/* Lower case of ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
 * capitals (the scripts whose case is a fixed offset); cp otherwise. */
unsigned utf8_lower(unsigned cp);
/* White space: ASCII's, NEL, no-break spaces and Unicode's space
 * separators, line and paragraph separators. */
bool utf8_is_space(unsigned cp);
/* Punctuation or a symbol (neither letter, digit, mark nor space): ASCII's
 * ispunct, Latin-1's signs, general punctuation to miscellaneous symbols
 * (U+2000-2BFF), CJK punctuation, small and full-width forms, emoji. */
bool utf8_is_punct(unsigned cp);

#endif
