/* epub.h — the EPUB container: a ZIP file written as it goes; knows
 * nothing of blogs.
 *
 * An entry is prepared first, on any thread: its CRC-32 and, for a
 * deflated entry, its compressed bytes (epub_entry_deflate, with the
 * calling thread's own epub_deflater; epub_entry_store for `mimetype` and
 * media that are compressed already). Prepared entries are then written,
 * one after the other, by one thread, in the order epub_write_entry is
 * called: the local header with the sizes and CRC known, no data
 * descriptor, no extra field, every entry with the same fixed time and
 * attributes, so the same entries give the same bytes. epub_commit writes
 * the central directory (ZIP64 records only when 65,535 entries or more,
 * or offsets past 4 GiB, need them) and renames the file over the target.
 * A single entry of 4 GiB or more is refused. The archive comment is
 * sheaf's mark (epub_is_ours).
 *
 * Nothing touches the output path before epub_commit: the container is
 * written to a temporary file beside it, removed by epub_abort or when
 * anything fails, so an existing book stays as it was.
 *
 * Written directly rather than through libzip: libzip compresses only at
 * zip_close, from sources it keeps until then, so every chapter of a book
 * would stay in memory and be compressed on one core.
 *
 * Ownership: an epub_entry owns its bytes (epub_entry_free). An
 * epub_writer is freed by epub_commit or epub_abort, whatever they return.
 * epub_deflater_free frees a deflater.
 */
#ifndef SHEAF_EPUB_H
#define SHEAF_EPUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* The deflate level of every compressed entry (libdeflate's scale). */
#define EPUB_DEFLATE_LEVEL 6

struct epub_entry {
	unsigned char *data; /* the bytes as stored in the container */
	size_t len;          /* of data */
	size_t size;         /* uncompressed */
	uint32_t crc;        /* CRC-32 of the uncompressed bytes */
	bool deflated;       /* data is raw deflate; else stored as is */
};

/* A compressor for one thread (not to be shared between threads). */
struct epub_deflater;
struct epub_deflater *epub_deflater_new(void);
void epub_deflater_free(struct epub_deflater *d);

/* Prepares len bytes of data (borrowed) as a deflated entry, or as a
 * stored copy when deflating does not make them smaller. */
void epub_entry_deflate(struct epub_entry *out, struct epub_deflater *d, const void *data,
			size_t len);
/* Prepares data (malloc'd, taken) as a stored entry. */
void epub_entry_store(struct epub_entry *out, void *data, size_t len);
void epub_entry_free(struct epub_entry *e);

struct epub_writer;
/* Starts a container for path, every entry dated mtime (UTC). Returns 0
 * and *out, or -1 after reporting an error (path untouched). */
int epub_open(struct epub_writer **out, const char *path, int64_t mtime, struct diag_list *dl);
/* Writes one prepared entry (borrowed) named name. Returns 0, or -1 after
 * reporting an error; the writer must then be given to epub_abort. */
int epub_write_entry(struct epub_writer *w, const char *name, const struct epub_entry *e,
		     struct diag_list *dl);
/* Writes the central directory and puts the file in place of the
 * target. Returns 0, or -1 after reporting an error (target untouched). */
int epub_commit(struct epub_writer *w, struct diag_list *dl);
/* Drops the container: the temporary file is removed. w may be NULL. */
void epub_abort(struct epub_writer *w);

/* Removes the temporary file of the container being written, if any; for
 * a handler of SIGINT, SIGTERM or SIGHUP: async-signal-safe (one unlink).
 * After a SIGKILL the temporary file stays: nothing can remove it then,
 * and the target is untouched anyway. */
void epub_remove_temporary(void);

/* Whether the regular file at path is a container this writer made: its
 * stored `mimetype` entry first and sheaf's mark as the archive comment.
 * An output path may replace such a file where it may replace no other
 * (a site's own files). Never blocks on a FIFO. */
bool epub_is_ours(const char *path);

#endif
