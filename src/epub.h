/* epub.h — the EPUB container over libzip; knows nothing of blogs.
 *
 * Entries are written in the order added, `mimetype` first and stored,
 * every entry with the same fixed time and attributes, so the same input
 * gives the same bytes. Nothing touches the output path until the whole
 * book is ready: libzip writes a temporary file beside it and renames it,
 * so on any failure an existing book is left as it was.
 *
 * Ownership: epub_add takes data (malloc'd; freed by epub_free).
 */
#ifndef SHEAF_EPUB_H
#define SHEAF_EPUB_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct epub_entry {
	char *name;
	void *data;
	size_t len;
};

struct epub {
	struct epub_entry *v;
	size_t n, cap;
};
#define EPUB_INIT {NULL, 0, 0}

void epub_add(struct epub *e, const char *name, void *data, size_t len);
/* Writes the container to path with every entry dated mtime (UTC).
 * Returns 0, or -1 after reporting an error (path untouched). */
int epub_write(const struct epub *e, const char *path, int64_t mtime, struct diag_list *dl);
void epub_free(struct epub *e);

#endif
