/* util.h — memory, strings, buffers, files and paths shared by every module.
 *
 * Out of memory is not an error we report: every allocation goes through
 * xmalloc and friends, which abort with a message in one place.
 * Everything returned by a function here is owned by the caller and freed
 * with free() (sv_free / sb_release for the containers).
 */
#ifndef SHEAF_UTIL_H
#define SHEAF_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define SHEAF_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SHEAF_PRINTF(a, b)
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
/* Room for one more element at the end of v (n in use, *cap allocated,
 * each size bytes): v as it is when there is, else v grown to twice *cap
 * (at least 16). Pushing one element at a time with xrealloc is
 * quadratic wherever realloc copies, as ASan's always does. */
void *xgrow(void *v, size_t n, size_t *cap, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) SHEAF_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);
/* Gives the memory freed so far back to the system instead of keeping it
 * for reuse. For after a large post's big structure is freed: the next
 * stage allocates other sizes, or on another thread from another arena,
 * so what the allocator kept is not reused and the peak is both (8 MiB of
 * footnote references: cmark-gfm's 700 MB tree, kept beside libxml2's).
 * jemalloc (when the binary links it): every arena purged; glibc's malloc:
 * malloc_trim. Costs a few system calls: not for every post. */
void mem_release(void);

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct strbuf {
	char *s;
	size_t len, cap;
};
#define STRBUF_INIT {NULL, 0, 0}
void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) SHEAF_PRINTF(2, 3);
/* Appends s with & < > " ' escaped for XML text and attribute values;
 * what XML 1.0 does not allow (control characters, U+FFFE, U+FFFF) is
 * dropped and invalid UTF-8 becomes U+FFFD. */
void sb_add_xml_escaped(struct strbuf *sb, const char *s);
/* Whether XML 1.0 can hold the character: not the C0 controls other than
 * tab, line feed and carriage return, nor U+FFFE/U+FFFF. */
bool xml_char_allowed(unsigned cp);
/* A copy of s holding only characters XML 1.0 allows: invalid UTF-8
 * becomes U+FFFD, control characters (but tab and newlines), U+FFFE and
 * U+FFFF are dropped. Not escaped. */
char *str_xml_chars(const char *s);
/* Whether str_xml_chars would give s back unchanged. */
bool str_xml_clean(const char *s);
/* Hands the buffer to the caller (never NULL) and resets sb. */
char *sb_detach(struct strbuf *sb);
void sb_release(struct strbuf *sb);

/* A growable list of owned strings. */
struct strvec {
	char **v;
	size_t n, cap;
};
#define STRVEC_INIT {NULL, 0, 0}
void sv_push(struct strvec *sv, const char *s);     /* copies s */
void sv_push_owned(struct strvec *sv, char *s);     /* takes s */
bool sv_contains_ci(const struct strvec *sv, const char *s);
void sv_push_unique_ci(struct strvec *sv, const char *s);
/* Drops each string from index `from` on that is equal (as str_ieq_utf8
 * compares) to an earlier one, keeping the order: what pushing those with
 * sv_push_unique_ci would have kept, in linear time (sv_push_unique_ci
 * scans the list: quadratic for a post of thousands of tags, or a book's
 * tags over thousands of posts). */
void sv_unique_ci(struct strvec *sv, size_t from);
void sv_sort(struct strvec *sv);
void sv_free(struct strvec *sv);

/* A hash map from owned strings to size_t values (open addressing). */
struct strmap {
	char **keys;
	size_t *values;
	size_t n, cap; /* cap is 0 or a power of two */
};
#define STRMAP_INIT {NULL, NULL, 0, 0}
/* Sets key to value (copying key); returns the stored key. */
const char *strmap_put(struct strmap *m, const char *key, size_t value);
/* Looks key up: true and *value (when value is not NULL), or false. */
bool strmap_get(const struct strmap *m, const char *key, size_t *value);
void strmap_free(struct strmap *m);

int str_casecmp(const char *a, const char *b); /* ASCII case-insensitive */
bool str_ieq(const char *a, const char *b);
bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
/* Copy of s with leading/trailing ASCII whitespace removed and inner runs
 * of whitespace collapsed to one space. */
char *str_collapse_ws(const char *s);
/* A copy of s, or NULL when s is NULL or empty (a config field left blank
 * is a field not set). */
char *str_dup_nonempty(const char *s);
/* n in decimal with its thousands grouped by commas (1,204), whatever the
 * C locale says: a count in sheaf's own English words. */
#define NUM_GROUPED_MAX 27 /* 2^64 - 1 has 20 digits and 6 commas */
void num_grouped(char out[NUM_GROUPED_MAX], uint64_t n);

/* Case-insensitive comparison that also folds the UTF-8 Latin letters
 * selection cares about; used to compare tags, categories and authors. */
bool str_ieq_utf8(const char *a, const char *b);

/* Reads a whole file. Returns 0, or -errno. *out is NUL-terminated.
 * Only a regular file is read (opened without blocking, so a FIFO never
 * holds the caller): anything else is -EINVAL. */
int read_file(const char *path, char **out, size_t *len);
/* The same, and the open file's stat in *st (may be NULL); a file of more
 * than max bytes (0: no limit) is not read: -EFBIG, with *st filled. */
struct stat;
int read_file_stat(const char *path, size_t max, char **out, size_t *len, struct stat *st);

/* Path helpers. All return malloc'd strings. */
char *path_join(const char *a, const char *b);
char *path_dirname(const char *p);
const char *path_basename(const char *p);
/* Lexically normalizes a path: removes ".", empty segments, resolves ".."
 * against earlier segments. A ".." that would climb above the start is kept
 * at the front, so callers can tell the path escapes. */
char *path_normalize(const char *p);
/* Returns p relative to base when p lies under base, else NULL. Both must
 * be normalized. */
const char *path_under(const char *p, const char *base);
/* realpath(3) with the real paths of folders remembered: of a file among
 * thousands in one folder it costs an lstat, not a readlink of every
 * component (what made realpath most of the system time of a large book).
 * The same answer as realpath as long as folders do not change while the
 * cache lives. out holds PATH_MAX bytes. One cache per thread. */
struct realpath_cache {
	struct strmap index; /* folder as given → index in reals */
	struct strvec reals; /* its real path, or "" when it has none */
};
#define REALPATH_CACHE_INIT {STRMAP_INIT, STRVEC_INIT}
bool realpath_cached(struct realpath_cache *c, const char *path, char *out);
/* The same; when the file is no symlink, *known is true and *st is its
 * stat (the lstat the cache made anyway). */
struct stat;
bool realpath_cached_stat(struct realpath_cache *c, const char *path, char *out, struct stat *st,
			  bool *known);
void realpath_cache_free(struct realpath_cache *c);
bool path_is_dir(const char *p);
bool path_is_file(const char *p);
/* mkdir -p: dir and the folders above it that are missing, new ones made
 * with mode (less the umask). True when dir is a folder afterwards. */
bool path_mkdirs(const char *dir, unsigned mode);

#endif
