/* glob.h — path patterns as JavaScript tools read them (picomatch and
 * tinyglobby, behind Astro's glob() loader and many configs).
 *
 * A pattern matches a whole path relative to some folder, `/` separating
 * its segments:
 *   *        any run of characters in one segment (none when empty)
 *   **       as a whole segment: any number of segments, none too
 *   ?        one character of a segment
 *   [abc] [a-z] [!x] [^x]   one character of a segment from a class
 *   {a,b}    either alternative (nested braces; {a,b}/c is a/c or b/c)
 *   \c       c itself
 * anything else is itself. As with picomatch's default (dot: false), a
 * segment starting with `.` is matched only by a pattern segment that
 * starts with a literal `.`; no wildcard matches `/`.
 *
 * Patterns and paths are only read, never kept; nothing is allocated that
 * the caller keeps; nothing is global.
 */
#ifndef SHEAF_GLOB_H
#define SHEAF_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* Whether path matches pattern. */
bool glob_match(const char *pattern, const char *path);

/* Whether path matches the list: one of the patterns not starting with
 * `!`, and none of those that do (their `!` removed), as tinyglobby
 * reads a list. n patterns. */
bool glob_match_list(const char *const *patterns, size_t n, const char *path);

#endif
