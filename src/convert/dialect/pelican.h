/* pelican.h — what Pelican's generator and its dialect pass share. */
#ifndef SHEAF_DIALECT_PELICAN_H
#define SHEAF_DIALECT_PELICAN_H

#include <stdbool.h>

/* Pelican's slugify with its default SLUG_REGEX_SUBSTITUTIONS
 * (pelican/utils.py): tags stripped, Latin letters read as ASCII (as
 * unidecode does; other scripts are dropped, where unidecode would
 * transliterate), every character but letters, digits, `_`, `-` and white
 * space removed, the ends stripped, runs of `-` and white space one `-`,
 * lower case unless preserve_case. Malloc'd (the caller frees it); may be
 * empty. */
char *pelican_slugify(const char *s, bool preserve_case);
/* slugify's first steps: tags stripped, each character as ASCII (other
 * scripts dropped), other white space a space. Malloc'd (the caller frees
 * it). */
char *pelican_ascii(const char *s);

#endif
