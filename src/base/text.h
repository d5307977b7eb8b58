/* text.h — the bytes of a post file → clean UTF-8 text.
 *
 * Posts come from years of editors and platforms: a UTF-16 file with a BOM
 * is decoded; invalid UTF-8 and NUL bytes become U+FFFD (so they neither
 * truncate the post nor reach the book), and so do the other characters
 * XML cannot hold (C0 controls but tab, line feed and carriage return, and
 * U+FFFE/U+FFFF; form feed and vertical tab become spaces), with one
 * warning per kind and file giving the first position; a UTF-8 BOM is
 * removed. CRLF is left as it is: every later stage reads it.
 *
 * Ownership: *out is malloc'd, NUL-terminated, and owned by the caller.
 */
#ifndef SHEAF_TEXT_H
#define SHEAF_TEXT_H

#include <stddef.h>

#include "base/diag.h"

/* Always succeeds; warnings go to dl under file. */
void text_to_utf8(char **out, size_t *out_len, const char *in, size_t len, const char *file,
		  struct diag_list *dl);

/* The same rule for the book's metadata (a post's title, tags, authors; the
 * site's name; an option's value): in each non-NULL v[i] (malloc'd; a
 * changed one is freed and replaced), invalid UTF-8 and the characters XML
 * cannot hold become U+FFFD (form feed and vertical tab a space), with one
 * warning under file for the field, naming the first such character
 * ("title: control character U+001B replaced"). Without them, nothing is
 * copied. */
void text_clean_fields(char **v, size_t n, const char *field, const char *file,
		       struct diag_list *dl);

#endif
