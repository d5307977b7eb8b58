/* slug.h — ASCII-safe slugs and per-document unique ids.
 *
 * Slugs follow Python-Markdown's toc slugify (what MkDocs uses), so that
 * `[link](#a-heading)` written against the website still finds its
 * heading: Latin letters lose their accents, other non-ASCII is dropped,
 * runs of spaces and hyphens become one hyphen, lower case.
 */
#ifndef SHEAF_SLUG_H
#define SHEAF_SLUG_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a malloc'd slug of text; never empty ("section" when nothing is
 * left) and never starting with a digit or hyphen (an "s-" prefix then). */
char *slugify(const char *text);
/* The ASCII letters a Latin letter of U+00C0..U+017F reads as ("e" for é,
 * "ae" for æ) in out; returns their count, 0 when it has none (× and ÷,
 * any other character). */
size_t slug_latin(unsigned cp, char out[3]);
/* The character at s (left > 0 bytes), for slug rules that walk a text:
 * its code point in *cp (U+FFFD for a byte that starts no valid UTF-8)
 * and its ASCII reading in ascii (itself when ASCII, a Latin letter's as
 * slug_latin gives it, else ""). Returns the bytes it takes (at least 1). */
size_t slug_read(const char *s, size_t left, unsigned *cp, char ascii[4]);
/* A name as generators and users agree on it whatever their slug rules:
 * letters and digits only, lower case, a Latin letter as its ASCII
 * reading ("Café" and "cafe" are one), letters of other scripts kept
 * (lowered), punctuation and spaces of any script left out. Matches a
 * tag's slug to its name and a fragment to a heading slugged by another
 * generator ("abi-layout" to Zola, "abilayout" to Python-Markdown).
 * Malloc'd; may be empty. */
char *slug_key(const char *s);

/* A slug whose runs of other characters become one hyphen, none leading
 * or trailing (Jekyll's Utils.slugify, its Liquid filter slugify, which
 * a post's URL and a template both use). Its default mode keeps letters
 * and digits (non-ASCII kept as they are), pretty mode ._~!$&'()+,;=@
 * too; without cased, ASCII letters are lowered. Malloc'd; may be empty. */
char *slug_hyphens(const char *s, bool pretty, bool cased);

#include "base/util.h"

/* A set of ids used in one document: v lists them in the order added
 * (pointers into the map's keys), the map answers membership in O(1). */
struct idset {
	const char **v;
	size_t n, cap;
	struct strmap map;
	struct strmap next; /* base → the next suffix to try for it */
};
#define IDSET_INIT {NULL, 0, 0, STRMAP_INIT, STRMAP_INIT}

bool idset_has(const struct idset *set, const char *id);
/* The set's own copy of id, or NULL when id is not in the set. */
const char *idset_get(const struct idset *set, const char *id);
void idset_add(struct idset *set, const char *id);
/* Returns base when unused, else base-2, base-3, …; the result is added to
 * the set and owned by it (valid until idset_free). */
const char *idset_unique(struct idset *set, const char *base);
void idset_free(struct idset *set);

#endif
