/* Unit tests of epub.h: entries prepared, the ZIP container written and
 * read back by Python's zipfile (tests/unit/epub_read.py) and `unzip -t`,
 * the temporary file, and ZIP64. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "epub/epub.h"
#include "fixture.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-epub-XXXXXX";
static const char *S_root;
static bool S_python, S_unzip;

/* The end of central directory record and sheaf's 5-byte comment. */
#define S_END (22 + 5)
#define S_MTIME 1700000000 /* 2023-11-14 22:13:20 UTC: even seconds, as DOS time keeps */
#define S_NSEQ 70000

static void S_skip(const char *name, const char *reason)
{
	struct tap_state *t = tap_state();
	t->n++;
	printf("ok %d - %s # SKIP %s\n", t->n, name, reason);
	fflush(stdout);
}

/* Runs a shell command with its output kept out of TAP's way (the
 * Python script prints its complaints as TAP comments). */
static bool S_run(const char *cmd)
{
	fflush(stdout);
	return system(cmd) == 0;
}

/* The container at path read back by Python's zipfile (epub_read.py with
 * args) and by `unzip -t`, each a check, or a skip without the tool. */
static void S_read_back(const char *path, const char *args, const char *zipfile_check,
			const char *unzip_check)
{
	if (S_python) {
		char *cmd = xasprintf("python3 '%s/tests/unit/epub_read.py' '%s' %s", S_root, path, args);
		ok(S_run(cmd), "%s", zipfile_check);
		free(cmd);
	} else {
		S_skip(zipfile_check, "python3 not found");
	}
	if (S_unzip) {
		char *cmd = xasprintf("unzip -tqq '%s' >/dev/null 2>&1", path);
		ok(S_run(cmd), "%s", unzip_check);
		free(cmd);
	} else {
		S_skip(unzip_check, "unzip not found");
	}
}

/* Temporary files epub_open leaves in dir: names starting with a dot. */
static int S_count_temps(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	for (struct dirent *de; (de = readdir(d));)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* The same pseudo-random bytes every run (xorshift32). */
static void S_noise(unsigned char *p, size_t n, uint32_t seed)
{
	uint32_t x = seed;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
}

static char *S_text(void)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 300; i++)
		sb_addf(&sb, "<p>Paragraph %d of a chapter that says much the same thing.</p>\n", i);
	return sb_detach(&sb);
}

static void test_prepare(void)
{
	struct epub_deflater *d = epub_deflater_new();
	struct epub_entry e;

	epub_entry_store(&e, xstrdup("123456789"), 9);
	is_int(e.crc, 0xCBF43926u, "store: the CRC-32 check value of \"123456789\"");
	ok(!e.deflated && e.len == 9 && e.size == 9, "store: stored as is");
	epub_entry_free(&e);

	char *text = S_text();
	size_t tlen = strlen(text);
	epub_entry_deflate(&e, d, text, tlen);
	ok(e.deflated, "deflate: text is deflated");
	ok(e.len < tlen / 4, "deflate: text shrinks (%zu to %zu bytes)", tlen, e.len);
	is_int(e.size, tlen, "deflate: the uncompressed size");
	struct epub_entry s;
	epub_entry_store(&s, xstrdup(text), tlen);
	is_int(e.crc, s.crc, "deflate: the CRC-32 of the uncompressed bytes");
	epub_entry_free(&s);
	epub_entry_free(&e);
	free(text);

	unsigned char noise[4096];
	S_noise(noise, sizeof noise, 1);
	epub_entry_deflate(&e, d, noise, sizeof noise);
	ok(!e.deflated, "deflate: random bytes, which do not shrink, are stored");
	ok(e.len == sizeof noise && e.size == sizeof noise && memcmp(e.data, noise, sizeof noise) == 0,
	   "deflate: ... as a copy of the bytes");
	epub_entry_free(&e);

	epub_entry_deflate(&e, d, "", 0);
	ok(!e.deflated && e.len == 0 && e.size == 0 && e.crc == 0, "deflate: nothing is stored as nothing");
	epub_entry_free(&e);
	ok(e.data == NULL && e.len == 0, "epub_entry_free clears the entry");
	epub_deflater_free(d);
	epub_deflater_free(NULL);
}

/* The sample entries: name, how they are prepared, and their bytes. */
struct S_sample {
	const char *name;
	bool deflate; /* through epub_entry_deflate, else epub_entry_store */
	bool stored;  /* how the container holds it */
	unsigned char *data;
	size_t len;
};

static size_t S_samples(struct S_sample *v)
{
	size_t n = 0;
	char *text = S_text();
	v[n++] = (struct S_sample){"mimetype", false, true, (unsigned char *)xstrdup("application/epub+zip"),
				   20};
	v[n++] = (struct S_sample){"EPUB/text.xhtml", true, false, (unsigned char *)text, strlen(text)};
	unsigned char *png = xmalloc(5000);
	S_noise(png, 5000, 2);
	v[n++] = (struct S_sample){"EPUB/images/photo.png", false, true, png, 5000};
	v[n++] = (struct S_sample){"EPUB/chapitres/\xC3\xA9t\xC3\xA9.xhtml", true, false,
				   (unsigned char *)xstrdup(text), strlen(text)};
	unsigned char *noise = xmalloc(3000);
	S_noise(noise, 3000, 3);
	v[n++] = (struct S_sample){"EPUB/noise.bin", true, true, noise, 3000};
	v[n++] = (struct S_sample){"EPUB/empty.css", true, true, (unsigned char *)xstrdup(""), 0};
	return n;
}

static void S_samples_free(struct S_sample *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].data);
}

/* Writes the sample entries to path. Returns what epub_commit returned. */
static int S_write_samples(const char *path, int64_t mtime, struct diag_list *dl)
{
	struct S_sample v[8];
	size_t n = S_samples(v);
	struct epub_deflater *d = epub_deflater_new();
	struct epub_writer *w = NULL;
	int ret = -1;
	if (epub_open(&w, path, mtime, dl) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct epub_entry e;
		if (v[i].deflate) {
			epub_entry_deflate(&e, d, v[i].data, v[i].len);
		} else {
			epub_entry_store(&e, v[i].data, v[i].len);
			v[i].data = NULL;
		}
		int r = epub_write_entry(w, v[i].name, &e, dl);
		epub_entry_free(&e);
		if (r < 0) {
			epub_abort(w);
			goto out;
		}
	}
	ret = epub_commit(w, dl);
out:
	epub_deflater_free(d);
	S_samples_free(v, n);
	return ret;
}

static uint32_t S_le(const unsigned char *p, int n)
{
	uint32_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void test_book(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *dir = path_join(S_tmp, "book");
	fx_mkdirs(dir);
	char *path = path_join(dir, "book.epub");
	mode_t old = umask(027);
	is_int(S_write_samples(path, S_MTIME, &dl), 0, "book: written");
	umask(old);
	is_int(dl.n, 0, "book: no diagnostic");
	struct stat st = {0};
	int sr = stat(path, &st);
	ok(sr == 0 && (st.st_mode & 07777) == 0640,
	   "book: the file's mode is 0666 less the umask (0%o)", (unsigned)(st.st_mode & 07777));
	is_int(S_count_temps(dir), 0, "book: no temporary file left");

	char *raw = NULL;
	size_t len = 0;
	if (!ok(read_file(path, &raw, &len) == 0 && len > 100, "book: read back"))
		goto out;
	const unsigned char *u = (const unsigned char *)raw;
	is_int(S_le(u, 4), 0x04034b50, "mimetype: a local header at offset 0");
	is_int(S_le(u + 8, 2), 0, "mimetype: stored");
	is_int(S_le(u + 26, 2), 8, "mimetype: name length 8");
	is_int(S_le(u + 28, 2), 0, "mimetype: no extra field");
	ok(memcmp(raw + 30, "mimetype", 8) == 0, "mimetype: its name at offset 30");
	ok(memcmp(raw + 38, "application/epub+zip", 20) == 0, "mimetype: its bytes at offset 38");
	is_int(S_le(u + 6, 2), 0, "mimetype: no flag (an ASCII name)");
	is_int(S_le(u + 4, 2), 10, "mimetype: version needed 1.0 (stored)");
	is_int(S_le(u + 12, 2), (2023 - 1980) << 9 | 11 << 5 | 14, "DOS date from the UTC time");
	is_int(S_le(u + 10, 2), 22 << 11 | 13 << 5 | 10, "DOS time from the UTC time");
	is_int(S_le(u + len - S_END, 4), 0x06054b50, "end of central directory last");
	is_int(S_le(u + len - S_END + 8, 2), 6, "six entries");
	is_int(S_le(u + len - S_END + 20, 2), 5, "an archive comment of 5 bytes");
	ok(memcmp(raw + len - 5, "sheaf", 5) == 0, "the comment is sheaf's mark");
	ok(epub_is_ours(path), "epub_is_ours knows it");
	ok(len < S_END + 20 + 4 || S_le(u + len - S_END - 20, 4) != 0x07064b50, "no ZIP64 locator for a small book");

	/* What a reader makes of it. */
	char *manifest = path_join(dir, "manifest.txt");
	struct S_sample v[8];
	size_t n = S_samples(v);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		char rel[32];
		snprintf(rel, sizeof rel, "expect/%zu", i);
		fx_write(dir, rel, v[i].data, v[i].len);
		sb_addf(&sb, "%s\t%s/%s\t%s\n", v[i].name, dir, rel, v[i].stored ? "stored" : "deflated");
	}
	S_samples_free(v, n);
	fx_write(dir, "manifest.txt", sb.s, sb.len);
	sb_release(&sb);
	char *args = xasprintf("'%s' 2023-11-14T22:13:20", manifest);
	S_read_back(path, args,
		    "zipfile reads every entry back: names, order, bytes, CRC, methods, dates, modes, "
		    "UTF-8 flag, no extra field",
		    "unzip -t finds no error");
	free(args);
	free(manifest);

	/* The same entries give the same bytes. */
	char *again = path_join(dir, "again.epub");
	is_int(S_write_samples(again, S_MTIME, &dl), 0, "book: written again");
	char *raw2 = NULL;
	size_t len2 = 0;
	ok(read_file(again, &raw2, &len2) == 0 && len2 == len && memcmp(raw, raw2, len) == 0,
	   "the same entries give a byte-identical file");
	free(raw2);
	free(again);

	/* Before 1980, the first date a zip can hold. */
	char *early = path_join(dir, "early.epub");
	is_int(S_write_samples(early, 0, &dl), 0, "book dated 1970: written");
	if (read_file(early, &raw2, &len2) == 0 && len2 > 14) {
		u = (const unsigned char *)raw2;
		ok(S_le(u + 10, 2) == 0 && S_le(u + 12, 2) == (1 << 5 | 1), "1970 becomes 1980-01-01 00:00");
		free(raw2);
	} else {
		ok(0, "book dated 1970: read back");
	}
	free(early);
	is_int(dl.n, 0, "no diagnostic");
out:
	free(raw);
	free(path);
	free(dir);
	diag_list_free(&dl);
}

static void test_abort(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *dir = path_join(S_tmp, "abort");
	fx_writes(dir, "book.epub", "the old book");
	char *path = path_join(dir, "book.epub");
	struct epub_writer *w = NULL;
	is_int(epub_open(&w, path, S_MTIME, &dl), 0, "abort: opened over an existing book");
	struct epub_entry e;
	epub_entry_store(&e, xstrdup("application/epub+zip"), 20);
	is_int(epub_write_entry(w, "mimetype", &e, &dl), 0, "abort: an entry written");
	epub_entry_free(&e);
	is_int(S_count_temps(dir), 1, "abort: the entries go to a temporary file beside the book");
	epub_abort(w);
	char *raw = NULL;
	size_t len = 0;
	ok(read_file(path, &raw, &len) == 0 && strcmp(raw, "the old book") == 0,
	   "abort: the existing book is untouched");
	free(raw);
	is_int(S_count_temps(dir), 0, "abort: the temporary file is removed");
	epub_abort(NULL);
	is_int(dl.n, 0, "abort: no diagnostic");

	/* A commit that cannot rename: the target is a folder. */
	char *folder = path_join(dir, "folder.epub");
	fx_writes(folder, "keep", "kept");
	w = NULL;
	is_int(epub_open(&w, folder, S_MTIME, &dl), 0, "commit over a folder: opened");
	is_int(epub_commit(w, &dl), -1, "commit over a folder: fails");
	ok(dl.n == 1 && dl.v[0].severity == DIAG_ERROR && strstr(dl.v[0].message, "cannot write the book"),
	   "commit over a folder: an error says so");
	char *keep = path_join(folder, "keep");
	ok(path_is_file(keep), "commit over a folder: the folder stays");
	free(keep);
	is_int(S_count_temps(dir), 0, "commit over a folder: the temporary file is removed");
	free(folder);
	free(path);
	free(dir);
	diag_list_free(&dl);
}

static void test_missing_folder(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = path_join(S_tmp, "no/such/folder/book.epub");
	struct epub_writer *w = NULL;
	is_int(epub_open(&w, path, S_MTIME, &dl), -1, "missing folder: epub_open fails");
	ok(w == NULL, "missing folder: no writer");
	ok(dl.n == 1 && dl.v[0].severity == DIAG_ERROR && strcmp(dl.v[0].file, path) == 0 &&
		   strstr(dl.v[0].message, "cannot write the book: No such file"),
	   "missing folder: an error names the book and the reason");
	free(path);
	diag_list_free(&dl);
}

static int S_write_seq(const char *path, struct diag_list *dl)
{
	struct epub_deflater *d = epub_deflater_new();
	struct epub_writer *w = NULL;
	int ret = -1;
	if (epub_open(&w, path, S_MTIME, dl) < 0)
		goto out;
	for (int i = 0; i < S_NSEQ; i++) {
		char name[32], text[32];
		snprintf(name, sizeof name, "e/%05d.txt", i);
		int n = snprintf(text, sizeof text, "entry %d\n", i);
		struct epub_entry e;
		epub_entry_deflate(&e, d, text, (size_t)n);
		int r = epub_write_entry(w, name, &e, dl);
		epub_entry_free(&e);
		if (r < 0) {
			epub_abort(w);
			goto out;
		}
	}
	ret = epub_commit(w, dl);
out:
	epub_deflater_free(d);
	return ret;
}

static void test_zip64(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *dir = path_join(S_tmp, "zip64");
	fx_mkdirs(dir);
	char *path = path_join(dir, "many.epub");
	is_int(S_write_seq(path, &dl), 0, "70,000 entries: written");
	is_int(dl.n, 0, "70,000 entries: no diagnostic");
	char *raw = NULL;
	size_t len = 0;
	if (!ok(read_file(path, &raw, &len) == 0 && len > 100, "70,000 entries: read back"))
		goto out;
	const unsigned char *end = (const unsigned char *)raw + len;
	is_int(S_le(end - S_END, 4), 0x06054b50, "end of central directory last");
	is_int(S_le(end - S_END + 8, 2), 0xFFFF, "its entry count says: see ZIP64");
	is_int(S_le(end - S_END - 20, 4), 0x07064b50, "the ZIP64 locator before it");
	uint32_t at = S_le(end - S_END - 20 + 8, 4);
	ok(memcmp(raw + len - 5, "sheaf", 5) == 0, "the ZIP64 container ends with sheaf's mark too");
	ok(at + 56 + 20 + S_END == len && S_le((const unsigned char *)raw + at, 4) == 0x06064b50,
	   "the locator points at the ZIP64 end of central directory");
	is_int(S_le((const unsigned char *)raw + at + 32, 4), S_NSEQ, "which counts 70,000 entries");
	char *seq = xasprintf("--seq %d", S_NSEQ);
	S_read_back(path, seq, "zipfile reads all 70,000 entries back", "unzip -t finds no error in the ZIP64 file");
	free(seq);
	char *again = path_join(dir, "again.epub");
	is_int(S_write_seq(again, &dl), 0, "70,000 entries: written again");
	char *raw2 = NULL;
	size_t len2 = 0;
	ok(read_file(again, &raw2, &len2) == 0 && len2 == len && memcmp(raw, raw2, len) == 0,
	   "70,000 entries: byte-identical the second time");
	free(raw2);
	free(again);
out:
	free(raw);
	free(path);
	free(dir);
	diag_list_free(&dl);
}

/* Only a container sheaf wrote is one it may replace: not another EPUB,
 * not a zip, not a text, not what is not a regular file. */
static void test_is_ours(void)
{
	char *dir = path_join(S_tmp, "ours");
	fx_mkdirs(dir);
	char *other = path_join(dir, "other.epub");
	/* The same first entry, another tool's end (no comment). */
	static const char head[] = "PK\003\004\012\0\0\0\0\0\0\0\0\0\0\0\0\0\024\0\0\0\024\0\0\0"
				   "\010\0\0\0mimetypeapplication/epub+zip";
	static const char end[] = "PK\005\006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
	char buf[sizeof head + sizeof end];
	memcpy(buf, head, sizeof head - 1);
	memcpy(buf + sizeof head - 1, end, sizeof end - 1);
	fx_write(dir, "other.epub", buf, sizeof head + sizeof end - 2);
	ok(!epub_is_ours(other), "another tool's EPUB is not ours");
	fx_writes(dir, "post.md", "# A post\n\nsheaf");
	char *post = path_join(dir, "post.md");
	ok(!epub_is_ours(post), "a text ending in the mark is not ours");
	char *fifo = path_join(dir, "fifo");
	ok(mkfifo(fifo, 0600) == 0 && !epub_is_ours(fifo), "a FIFO is not ours, and the check does not hang");
	ok(!epub_is_ours(dir), "a folder is not ours");
	char *none = path_join(dir, "none.epub");
	ok(!epub_is_ours(none), "a missing file is not ours");
	free(none);
	free(fifo);
	free(post);
	free(other);
	free(dir);
}

int main(int argc, char **argv)
{
	S_root = argc > 1 ? argv[1] : ".";
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	S_python = S_run("command -v python3 >/dev/null 2>&1");
	S_unzip = S_run("command -v unzip >/dev/null 2>&1");
	test_prepare();
	test_book();
	test_abort();
	test_missing_folder();
	test_zip64();
	test_is_ours();
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
	return done_testing();
}
