/* pykeys.h — pymdownx.keys' built-in key names (private to
 * src/convert/dialect/). The strings returned are static: nobody frees
 * them. */
#ifndef SHEAF_DIALECT_PYKEYS_H
#define SHEAF_DIALECT_PYKEYS_H

#include <stddef.h>

/* The key name an alias stands for (`ctrl` → `control`), NULL when
 * s[0..n) is no alias. */
const char *pykeys_alias(const char *s, size_t n);

/* The label of a key name (`control` → `Ctrl`), NULL when s[0..n) is not
 * in the keymap. */
const char *pykeys_label(const char *s, size_t n);

#endif
