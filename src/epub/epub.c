#include "epub/epub.h"

#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/date.h"
#include "base/util.h"

/* Sizes and offsets at or above this do not fit a classic ZIP field: the
 * all-ones value itself means "see the ZIP64 record". */
#define S_MAX32 0xFFFFFFFFu
#define S_MAX16 0xFFFFu

#define S_LOCAL_SIG 0x04034b50u
#define S_CENTRAL_SIG 0x02014b50u
#define S_EOCD_SIG 0x06054b50u
#define S_EOCD64_SIG 0x06064b50u
#define S_LOCATOR64_SIG 0x07064b50u

#define S_LOCAL_LEN 30
#define S_CENTRAL_LEN 46
#define S_EOCD_LEN 22
#define S_EOCD64_LEN 56
#define S_LOCATOR64_LEN 20

/* Version needed to extract (APPNOTE 4.4.3.2): 1.0 stored, 2.0 deflated,
 * 4.5 ZIP64. The version made by says Unix (high byte 3), so readers take
 * the mode from the external attributes, and 3.0, or 4.5 where ZIP64 is
 * used. */
#define S_NEED_STORED 10
#define S_NEED_DEFLATED 20
#define S_NEED_ZIP64 45
#define S_MADE_BY 0x031Eu
#define S_MADE_BY_ZIP64 0x032Du
#define S_FLAG_UTF8 0x0800u
#define S_METHOD_STORED 0
#define S_METHOD_DEFLATED 8
#define S_ATTR_FILE (0100644u << 16) /* a regular file, rw-r--r-- */

#define S_IOBUF (1u << 20)
#define S_TMP_BASE 200 /* bytes of the target's name in the temporary file's */

/* The archive comment every container ends with: how sheaf knows a book it
 * wrote earlier, which it may replace where it would replace nothing else
 * (epub_is_ours). A ZIP comment, not an OPF entry, so that reading the
 * mark takes two small reads and no inflating. */
#define S_MARK "sheaf"
#define S_MARK_LEN (sizeof S_MARK - 1)

/* The temporary file of the container being written, for a signal handler
 * to remove (epub_remove_temporary): the one piece of process-wide state,
 * because a handler can reach nothing else. The path is copied in before
 * S_tmp_set becomes 1 and the flag is cleared before the buffer is used
 * again, so a handler never reads a half-written path; it is set on the
 * main thread before any converting thread starts. */
static char S_tmp_path[PATH_MAX];
static volatile sig_atomic_t S_tmp_set;

struct epub_deflater {
	struct libdeflate_compressor *c;
};

struct epub_writer {
	char *path;            /* the target, untouched until commit */
	char *tmp;             /* the temporary file beside it */
	FILE *f;
	char *iobuf;           /* f's buffer; freed after f is closed */
	uint64_t offset;       /* bytes written to f so far */
	uint64_t n;            /* entries written */
	struct strbuf central; /* the central directory, grown entry by entry */
	mode_t mode;           /* of the finished file: 0666 less the umask */
	bool signal_safe;      /* tmp is the one epub_remove_temporary removes */
	uint16_t dtime, ddate;
};

static void S_put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void S_put32(unsigned char *p, uint32_t v)
{
	S_put16(p, (uint16_t)v);
	S_put16(p + 2, (uint16_t)(v >> 16));
}

static void S_put64(unsigned char *p, uint64_t v)
{
	S_put32(p, (uint32_t)v);
	S_put32(p + 4, (uint32_t)(v >> 32));
}

struct epub_deflater *epub_deflater_new(void)
{
	struct epub_deflater *d = xmalloc(sizeof *d);
	d->c = libdeflate_alloc_compressor(EPUB_DEFLATE_LEVEL);
	if (!d->c) {
		/* The level is valid, so only memory can be missing: fail as
		 * xmalloc does. */
		fprintf(stderr, "sheaf: out of memory (a deflate compressor)\n");
		abort();
	}
	return d;
}

void epub_deflater_free(struct epub_deflater *d)
{
	if (!d)
		return;
	libdeflate_free_compressor(d->c);
	free(d);
}

void epub_entry_deflate(struct epub_entry *out, struct epub_deflater *d, const void *data,
			size_t len)
{
	size_t bound = libdeflate_deflate_compress_bound(d->c, len);
	unsigned char *buf = xmalloc(bound);
	size_t n = libdeflate_deflate_compress(d->c, data, len, buf, bound);
	out->size = len;
	out->crc = (uint32_t)libdeflate_crc32(0, data, len);
	if (n > 0 && n < len) {
		/* The bound is well above what text compresses to: give the rest
		 * back, since prepared entries may wait a while to be written. */
		out->data = xrealloc(buf, n);
		out->len = n;
		out->deflated = true;
		return;
	}
	free(buf);
	out->data = xmalloc(len);
	if (len)
		memcpy(out->data, data, len);
	out->len = len;
	out->deflated = false;
}

void epub_entry_store(struct epub_entry *out, void *data, size_t len)
{
	out->data = data;
	out->len = len;
	out->size = len;
	out->crc = (uint32_t)libdeflate_crc32(0, data, len);
	out->deflated = false;
}

void epub_entry_free(struct epub_entry *e)
{
	if (!e)
		return;
	free(e->data);
	memset(e, 0, sizeof *e);
}

/* MS-DOS date and time, which is what a zip entry holds, from UTC: never
 * localtime(), which would make the bytes depend on the builder's time
 * zone. */
static void S_dos_time(int64_t t, uint16_t *dtime, uint16_t *ddate)
{
	struct date d = date_from_epoch(t);
	if (d.year < 1980) {
		d.year = 1980;
		d.month = d.day = 1;
		d.hour = d.minute = d.second = 0;
	}
	if (d.year > 2107)
		d.year = 2107;
	*dtime = (uint16_t)((d.hour << 11) | (d.minute << 5) | (d.second / 2));
	*ddate = (uint16_t)(((d.year - 1980) << 9) | (d.month << 5) | d.day);
}

/* Writes n bytes to the temporary file. Returns 0, or -1 with errno set. */
static int S_write(struct epub_writer *w, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, w->f) != n) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	w->offset += n;
	return 0;
}

static void S_free(struct epub_writer *w)
{
	/* After the rename or the unlink: a signal in between finds no file
	 * to remove, which is harmless. */
	if (w->signal_safe)
		S_tmp_set = 0;
	free(w->path);
	free(w->tmp);
	free(w->iobuf);
	sb_release(&w->central);
	free(w);
}

int epub_open(struct epub_writer **out, const char *path, int64_t mtime, struct diag_list *dl)
{
	int ret = -1;
	struct epub_writer *w = xcalloc(1, sizeof *w);
	w->path = xstrdup(path);
	char *dir = path_dirname(path);
	/* Beside the target, so that the rename stays on one file system; a
	 * dot file, so that a crash leaves nothing that looks like a book.
	 * Its name is cut so that a target name near NAME_MAX (255 bytes)
	 * still leaves room for the dot and the suffix. */
	const char *base = path_basename(path);
	size_t baselen = strlen(base);
	w->tmp = xasprintf("%s/.%.*s.XXXXXX", dir, (int)(baselen > S_TMP_BASE ? S_TMP_BASE : baselen), base);
	free(dir);
	S_dos_time(mtime, &w->dtime, &w->ddate);
	/* mkstemp makes the file 0600; the book gets the mode open() would
	 * give it. The umask can only be read by setting it, which races with
	 * other threads creating files: epub_open runs on the main thread
	 * before any worker starts. */
	mode_t mask = umask(0);
	umask(mask);
	w->mode = 0666 & ~mask;

	/* Signals wait while the file is made and its path registered, so
	 * none can leave a file the handler does not know of. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int fd = mkstemp(w->tmp);
	if (fd >= 0 && !S_tmp_set && strlen(w->tmp) < sizeof S_tmp_path) {
		/* A longer path would have failed in mkstemp already. */
		memcpy(S_tmp_path, w->tmp, strlen(w->tmp) + 1);
		S_tmp_set = 1;
		w->signal_safe = true;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (fd >= 0 && !(w->f = fdopen(fd, "wb"))) {
		int err = errno;
		close(fd);
		unlink(w->tmp);
		errno = err;
	}
	if (!w->f) {
		diag_error(dl, path, 0, 0, "cannot write the book: %s", strerror(errno));
		goto out;
	}
	/* Many entries are small: fewer, larger writes. Should setvbuf fail,
	 * the stream just keeps its own smaller buffer. */
	w->iobuf = xmalloc(S_IOBUF);
	setvbuf(w->f, w->iobuf, _IOFBF, S_IOBUF);
	*out = w;
	ret = 0;
out:
	if (ret < 0)
		S_free(w);
	return ret;
}

int epub_write_entry(struct epub_writer *w, const char *name, const struct epub_entry *e,
		     struct diag_list *dl)
{
	size_t namelen = strlen(name);
	if ((uint64_t)e->len >= S_MAX32 || (uint64_t)e->size >= S_MAX32) {
		/* ZIP64 sizes would need a local extra field, and no book holds
		 * such an entry: sheaf caps images far below. */
		diag_error(dl, w->path, 0, 0, "cannot write the book: %s is 4 GiB or more", name);
		return -1;
	}
	if (namelen > S_MAX16) {
		diag_error(dl, w->path, 0, 0, "cannot write the book: an entry name is too long");
		return -1;
	}
	uint16_t flags = 0;
	for (size_t i = 0; i < namelen; i++)
		if ((unsigned char)name[i] >= 0x80)
			flags = S_FLAG_UTF8;
	uint16_t method = e->deflated ? S_METHOD_DEFLATED : S_METHOD_STORED;
	uint16_t need = e->deflated ? S_NEED_DEFLATED : S_NEED_STORED;
	uint64_t at = w->offset;

	unsigned char h[S_LOCAL_LEN];
	S_put32(h, S_LOCAL_SIG);
	S_put16(h + 4, need);
	S_put16(h + 6, flags);
	S_put16(h + 8, method);
	S_put16(h + 10, w->dtime);
	S_put16(h + 12, w->ddate);
	S_put32(h + 14, e->crc);
	S_put32(h + 18, (uint32_t)e->len);
	S_put32(h + 22, (uint32_t)e->size);
	S_put16(h + 26, (uint16_t)namelen);
	S_put16(h + 28, 0); /* no extra field: mimetype must have none */
	errno = 0;
	if (S_write(w, h, sizeof h) < 0 || S_write(w, name, namelen) < 0 ||
	    S_write(w, e->data, e->len) < 0) {
		diag_error(dl, w->path, 0, 0, "cannot write the book: %s", strerror(errno));
		return -1;
	}

	/* Its central directory entry: the same fields, and the offset in a
	 * ZIP64 extra field once it no longer fits 32 bits. */
	bool far = at >= S_MAX32;
	unsigned char c[S_CENTRAL_LEN + 12];
	S_put32(c, S_CENTRAL_SIG);
	S_put16(c + 4, far ? S_MADE_BY_ZIP64 : S_MADE_BY);
	S_put16(c + 6, far ? S_NEED_ZIP64 : need);
	memcpy(c + 8, h + 6, 20); /* flags, method, time, date, crc, sizes */
	S_put16(c + 28, (uint16_t)namelen);
	S_put16(c + 30, far ? 12 : 0); /* extra field length */
	S_put16(c + 32, 0);            /* comment length */
	S_put16(c + 34, 0);            /* disk number */
	S_put16(c + 36, 0);            /* internal attributes */
	S_put32(c + 38, S_ATTR_FILE);
	S_put32(c + 42, far ? S_MAX32 : (uint32_t)at);
	sb_add(&w->central, (const char *)c, S_CENTRAL_LEN);
	sb_add(&w->central, name, namelen);
	if (far) {
		S_put16(c + S_CENTRAL_LEN, 0x0001); /* the ZIP64 extra field */
		S_put16(c + S_CENTRAL_LEN + 2, 8);
		S_put64(c + S_CENTRAL_LEN + 4, at);
		sb_add(&w->central, (const char *)c + S_CENTRAL_LEN, 12);
	}
	w->n++;
	return 0;
}

/* The records after the central directory (at cd_offset, cd_size long):
 * ZIP64's when a count, size or offset does not fit the classic record,
 * whose fields then say so with all ones. */
static int S_write_end(struct epub_writer *w, uint64_t cd_offset, uint64_t cd_size)
{
	bool zip64 = w->n >= S_MAX16 || cd_offset >= S_MAX32 || cd_size >= S_MAX32;
	if (zip64) {
		uint64_t at = w->offset;
		unsigned char r[S_EOCD64_LEN + S_LOCATOR64_LEN];
		S_put32(r, S_EOCD64_SIG);
		S_put64(r + 4, S_EOCD64_LEN - 12); /* the size of what follows */
		S_put16(r + 12, S_MADE_BY_ZIP64);
		S_put16(r + 14, S_NEED_ZIP64);
		S_put32(r + 16, 0); /* this disk */
		S_put32(r + 20, 0); /* the disk of the central directory */
		S_put64(r + 24, w->n);
		S_put64(r + 32, w->n);
		S_put64(r + 40, cd_size);
		S_put64(r + 48, cd_offset);
		unsigned char *l = r + S_EOCD64_LEN;
		S_put32(l, S_LOCATOR64_SIG);
		S_put32(l + 4, 0); /* the disk of the ZIP64 record */
		S_put64(l + 8, at);
		S_put32(l + 16, 1); /* disks in all */
		if (S_write(w, r, sizeof r) < 0)
			return -1;
	}
	uint16_t count = w->n >= S_MAX16 ? (uint16_t)S_MAX16 : (uint16_t)w->n;
	unsigned char e[S_EOCD_LEN];
	S_put32(e, S_EOCD_SIG);
	S_put16(e + 4, 0); /* this disk */
	S_put16(e + 6, 0); /* the disk of the central directory */
	S_put16(e + 8, count);
	S_put16(e + 10, count);
	S_put32(e + 12, cd_size >= S_MAX32 ? S_MAX32 : (uint32_t)cd_size);
	S_put32(e + 16, cd_offset >= S_MAX32 ? S_MAX32 : (uint32_t)cd_offset);
	S_put16(e + 20, (uint16_t)S_MARK_LEN);
	if (S_write(w, e, sizeof e) < 0)
		return -1;
	return S_write(w, S_MARK, S_MARK_LEN);
}

int epub_commit(struct epub_writer *w, struct diag_list *dl)
{
	int ret = -1;
	uint64_t cd_offset = w->offset, cd_size = w->central.len;
	errno = 0;
	/* fflush and ferror catch what the buffered writes could not report
	 * yet; fclose what only the last write does. */
	if (S_write(w, w->central.s, w->central.len) < 0 || S_write_end(w, cd_offset, cd_size) < 0 ||
	    fflush(w->f) != 0 || ferror(w->f) || fchmod(fileno(w->f), w->mode) != 0)
		goto out;
	int closed = fclose(w->f);
	w->f = NULL;
	if (closed != 0 || rename(w->tmp, w->path) != 0)
		goto out;
	ret = 0;
out:
	if (ret < 0) {
		diag_error(dl, w->path, 0, 0, "cannot write the book: %s", strerror(errno ? errno : EIO));
		epub_abort(w);
	} else {
		S_free(w);
	}
	return ret;
}

void epub_abort(struct epub_writer *w)
{
	if (!w)
		return;
	if (w->f)
		fclose(w->f);
	unlink(w->tmp);
	S_free(w);
}

void epub_remove_temporary(void)
{
	if (S_tmp_set)
		unlink(S_tmp_path);
}

/* Reads len bytes at offset of fd (negative: from the end). */
static bool S_pread(int fd, off_t size, off_t offset, unsigned char *buf, size_t len)
{
	if (offset < 0)
		offset += size;
	if (offset < 0 || offset + (off_t)len > size)
		return false;
	return pread(fd, buf, len, offset) == (ssize_t)len;
}

bool epub_is_ours(const char *path)
{
	/* O_NONBLOCK: a FIFO must not hang the check (it is no book anyway). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return false;
	struct stat st;
	static const char mimetype[] = "mimetypeapplication/epub+zip";
	unsigned char head[S_LOCAL_LEN + sizeof mimetype - 1], tail[S_EOCD_LEN + S_MARK_LEN];
	bool ours = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    S_pread(fd, st.st_size, 0, head, sizeof head) &&
		    S_pread(fd, st.st_size, -(off_t)sizeof tail, tail, sizeof tail);
	close(fd);
	/* An EPUB (its stored mimetype first, as OCF wants) that ends with
	 * sheaf's mark as the archive comment. */
	return ours && head[0] == 0x50 && head[1] == 0x4b && head[2] == 3 && head[3] == 4 &&
	       head[8] == S_METHOD_STORED && head[9] == 0 && head[26] == 8 && head[27] == 0 &&
	       head[28] == 0 && head[29] == 0 && memcmp(head + S_LOCAL_LEN, mimetype, sizeof mimetype - 1) == 0 &&
	       tail[0] == 0x50 && tail[1] == 0x4b && tail[2] == 5 && tail[3] == 6 && tail[20] == S_MARK_LEN &&
	       tail[21] == 0 && memcmp(tail + S_EOCD_LEN, S_MARK, S_MARK_LEN) == 0;
}
