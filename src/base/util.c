#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* realpath */
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h> /* malloc_trim */
#endif
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"

static void S_oom(size_t n)
{
	fprintf(stderr, "sheaf: out of memory (asked for %zu bytes)\n", n);
	abort();
}

/* jemalloc's control call: weak, so that what links libsheaf without
 * jemalloc (the tests, -Dallocator=system) has none and trims glibc's. */
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
	__attribute__((weak));

void mem_release(void)
{
	if (mallctl) {
		/* 4096 is MALLCTL_ARENAS_ALL: every arena at once. */
		mallctl("arena.4096.purge", NULL, NULL, NULL, 0);
		return;
	}
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		S_oom(n);
	return p;
}

void *xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		S_oom(count * n);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		S_oom(n);
	return q;
}

void *xgrow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap > 8 ? 2 * *cap : 16;
	if (*cap <= n)
		*cap = n + 1;
	return xrealloc(v, *cap * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	if (!fmt)
		fmt = ""; /* also tells GCC under -fsanitize that fmt is never NULL below */
	va_copy(ap2, ap);
	/* Most strings fit here: formatted once, then copied. */
	char probe[256];
	int n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		S_oom(0);
	char *p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof probe)
		memcpy(p, probe, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->s = xrealloc(sb->s, cap);
	sb->cap = cap;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	if (n)
		memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	sb_adds(sb, p);
	free(p);
}

bool xml_char_allowed(unsigned cp)
{
	return cp >= 0x20 ? cp != 0xFFFE && cp != 0xFFFF : cp == '\t' || cp == '\n' || cp == '\r';
}

/* Appends the XML-allowed characters of s, escaping markup when escape. */
static void S_add_xml(struct strbuf *sb, const char *s, bool escape)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	/* Runs of characters kept as they are are copied at once: most text
	 * is one run. */
	const unsigned char *run = p;
	while (left) {
		unsigned cp;
		size_t n;
		if (*p >= 0x20 && *p < 0x80) {
			cp = *p;
			n = 1;
		} else {
			n = utf8_decode(p, left, &cp);
		}
		const char *ent = NULL;
		bool keep = false;
		if (n) {
			bool allowed = xml_char_allowed(cp);
			if (allowed && escape) {
				switch (cp) {
				case '&': ent = "&amp;"; break;
				case '<': ent = "&lt;"; break;
				case '>': ent = "&gt;"; break;
				case '"': ent = "&quot;"; break;
				case '\'': ent = "&#39;"; break;
				default: break;
				}
			}
			keep = allowed && !ent;
		}
		if (keep) {
			p += n;
			left -= n;
			continue;
		}
		sb_add(sb, (const char *)run, (size_t)(p - run));
		if (!n) {
			sb_adds(sb, "\xEF\xBF\xBD");
			n = 1;
		} else if (ent) {
			sb_adds(sb, ent);
		}
		p += n;
		left -= n;
		run = p;
	}
	sb_add(sb, (const char *)run, (size_t)(p - run));
}

void sb_add_xml_escaped(struct strbuf *sb, const char *s)
{
	S_add_xml(sb, s, true);
}

bool str_xml_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	while (left) {
		if (*p >= 0x20 && *p < 0x80) {
			p++;
			left--;
			continue;
		}
		unsigned cp;
		size_t n = utf8_decode(p, left, &cp);
		if (!n || !xml_char_allowed(cp))
			return false;
		p += n;
		left -= n;
	}
	return true;
}

char *str_xml_chars(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	S_add_xml(&sb, s, false);
	return sb_detach(&sb);
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_release(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

void sv_push_owned(struct strvec *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
}

void sv_push(struct strvec *sv, const char *s)
{
	sv_push_owned(sv, xstrdup(s));
}

bool sv_contains_ci(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (str_ieq_utf8(sv->v[i], s))
			return true;
	return false;
}

void sv_push_unique_ci(struct strvec *sv, const char *s)
{
	if (!sv_contains_ci(sv, s))
		sv_push(sv, s);
}

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void sv_sort(struct strvec *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof *sv->v, S_cmp_str);
}

void sv_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static size_t S_hash(const char *s)
{
	size_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t S_slot(const struct strmap *m, const char *key)
{
	size_t i = S_hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

const char *strmap_put(struct strmap *m, const char *key, size_t value)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct strmap bigger = {NULL, NULL, 0, m->cap ? m->cap * 2 : 16};
		bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
		bigger.values = xcalloc(bigger.cap, sizeof *bigger.values);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = S_slot(&bigger, m->keys[i]);
			bigger.keys[j] = m->keys[i];
			bigger.values[j] = m->values[i];
			bigger.n++;
		}
		free(m->keys);
		free(m->values);
		*m = bigger;
	}
	size_t i = S_slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = xstrdup(key);
		m->n++;
	}
	m->values[i] = value;
	return m->keys[i];
}

bool strmap_get(const struct strmap *m, const char *key, size_t *value)
{
	if (!m->cap)
		return false;
	size_t i = S_slot(m, key);
	if (!m->keys[i])
		return false;
	if (value)
		*value = m->values[i];
	return true;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	m->keys = NULL;
	m->values = NULL;
	m->n = m->cap = 0;
}

int str_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

bool str_ieq(const char *a, const char *b)
{
	return str_casecmp(a, b) == 0;
}

bool str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

char *str_dup_nonempty(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

void num_grouped(char out[NUM_GROUPED_MAX], uint64_t n)
{
	char digits[21];
	int nd = snprintf(digits, sizeof digits, "%" PRIu64, n);
	size_t k = 0;
	for (int i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
}

char *str_collapse_ws(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	bool space = false;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = sb.len > 0;
			continue;
		}
		if (space)
			sb_addc(&sb, ' ');
		space = false;
		sb_addc(&sb, *s);
	}
	return sb_detach(&sb);
}

/* Folds one character starting at *p to a comparable code, advancing *p.
 * ASCII and the Latin-1 capitals fold to lower case; everything else is
 * compared byte by byte. */
static unsigned S_fold(const unsigned char **p)
{
	const unsigned char *s = *p;
	if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
		*p += 2;
		return 0xC300u | (unsigned)(s[1] + 0x20);
	}
	if (s[0] == 0xC3 && s[1]) {
		*p += 2;
		return 0xC300u | s[1];
	}
	*p += 1;
	return (unsigned)tolower(s[0]);
}

bool str_ieq_utf8(const char *a, const char *b)
{
	const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
	while (*pa && *pb)
		if (S_fold(&pa) != S_fold(&pb))
			return false;
	return !*pa && !*pb;
}

/* s with each character as S_fold folds it: equal for exactly the strings
 * str_ieq_utf8 calls equal (a two-byte code is 0xC3 and a non-zero byte;
 * a one-byte code is 0xC3 only at the end). Malloc'd. */
static char *S_fold_key(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned code = S_fold(&p);
		if (code > 0xFF)
			sb_addc(&sb, (char)(code >> 8));
		sb_addc(&sb, (char)(code & 0xFF));
	}
	return sb_detach(&sb);
}

void sv_unique_ci(struct strvec *sv, size_t from)
{
	struct strmap seen = STRMAP_INIT;
	size_t w = 0;
	for (size_t i = 0; i < sv->n; i++) {
		char *key = S_fold_key(sv->v[i]);
		if (i >= from && strmap_get(&seen, key, NULL)) {
			free(sv->v[i]);
		} else {
			strmap_put(&seen, key, i);
			sv->v[w++] = sv->v[i];
		}
		free(key);
	}
	sv->n = w;
	strmap_free(&seen);
}

int read_file(const char *path, char **out, size_t *len)
{
	return read_file_stat(path, 0, out, len, NULL);
}

int read_file_stat(const char *path, size_t max, char **out, size_t *len, struct stat *st_out)
{
	int ret = -EIO;
	char *buf = NULL;
	*out = NULL;
	if (len)
		*len = 0;
	/* Without blocking: a FIFO named like a post would hold the export
	 * forever in open(2); only regular files are read. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		ret = -errno;
		goto out;
	}
	if (st_out)
		*st_out = st;
	if (!S_ISREG(st.st_mode)) {
		ret = -EINVAL;
		goto out;
	}
	if (max && st.st_size > 0 && (uintmax_t)st.st_size > max) {
		ret = -EFBIG;
		goto out;
	}
	/* The size the file says, and one byte more: a read that stops at
	 * the size is at the end, without asking again (tens of thousands of
	 * files make a blog). */
	size_t size = st.st_size > 0 ? (size_t)st.st_size : 0;
	size_t cap = size ? size + 1 : 65536, used = 0;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (used == cap)
			buf = xrealloc(buf, (cap *= 2) + 1);
		ssize_t r = read(fd, buf + used, cap - used);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			goto out;
		}
		if (r == 0)
			break;
		used += (size_t)r;
		if (max && used > max) {
			ret = -EFBIG; /* it grew, or said no size */
			goto out;
		}
		if (size && used == size)
			break;
	}
	buf[used] = '\0';
	if (len)
		*len = used;
	*out = buf;
	buf = NULL;
	ret = 0;
out:
	free(buf);
	close(fd);
	return ret;
}

char *path_join(const char *a, const char *b)
{
	if (!a || !*a || b[0] == '/')
		return xstrdup(b);
	size_t la = strlen(a), lb = strlen(b);
	bool slash = a[la - 1] != '/';
	char *p = xmalloc(la + slash + lb + 1);
	memcpy(p, a, la);
	if (slash)
		p[la] = '/';
	memcpy(p + la + slash, b, lb + 1);
	return p;
}

char *path_dirname(const char *p)
{
	const char *slash = strrchr(p, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(slash - p));
}

const char *path_basename(const char *p)
{
	const char *slash = strrchr(p, '/');
	return slash ? slash + 1 : p;
}

char *path_normalize(const char *p)
{
	bool absolute = p[0] == '/';
	struct strvec segs = STRVEC_INIT;
	const char *s = p;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (segs.n && strcmp(segs.v[segs.n - 1], "..") != 0) {
				free(segs.v[--segs.n]);
			} else if (!absolute) {
				sv_push(&segs, "..");
			}
		} else {
			sv_push_owned(&segs, xstrndup(s, n));
		}
		s += n;
		if (*s == '/')
			s++;
	}
	struct strbuf sb = STRBUF_INIT;
	if (absolute)
		sb_addc(&sb, '/');
	for (size_t i = 0; i < segs.n; i++) {
		if (i)
			sb_addc(&sb, '/');
		sb_adds(&sb, segs.v[i]);
	}
	if (!sb.len)
		sb_addc(&sb, '.');
	sv_free(&segs);
	return sb_detach(&sb);
}

const char *path_under(const char *p, const char *base)
{
	if (strcmp(base, ".") == 0)
		return (p[0] == '/' || str_starts_with(p, "..")) ? NULL : p;
	size_t lb = strlen(base);
	if (strncmp(p, base, lb) != 0)
		return NULL;
	if (p[lb] == '\0')
		return p + lb;
	if (p[lb] == '/')
		return p + lb + 1;
	if (lb && base[lb - 1] == '/')
		return p + lb;
	return NULL;
}

/* real + "/" + base into out (PATH_MAX bytes); false when real is "" (no
 * real path) or the result would not fit. */
static bool S_real_join(char *out, const char *real, const char *base)
{
	size_t lr = strlen(real), lb = strlen(base);
	bool root = strcmp(real, "/") == 0;
	if (!*real || lr + !root + lb >= PATH_MAX)
		return false;
	memcpy(out, real, lr);
	if (!root)
		out[lr++] = '/';
	memcpy(out + lr, base, lb + 1);
	return true;
}

/* The real path of the folder dir ("" when it has none), from its
 * parent's when dir itself is no symlink: a new folder costs an lstat. */
static const char *S_real_dir(struct realpath_cache *c, const char *dir)
{
	size_t i;
	if (strmap_get(&c->index, dir, &i))
		return c->reals.v[i];
	char real[PATH_MAX] = "";
	const char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : dir;
	struct stat st;
	if (!slash || slash == dir || !*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    lstat(dir, &st) < 0 || S_ISLNK(st.st_mode)) {
		if (!realpath(dir, real))
			real[0] = '\0';
	} else if (S_ISDIR(st.st_mode)) {
		char *parent = xstrndup(dir, (size_t)(slash - dir));
		if (!S_real_join(real, S_real_dir(c, parent), base))
			real[0] = '\0';
		free(parent);
	}
	i = c->reals.n;
	sv_push(&c->reals, real);
	strmap_put(&c->index, dir, i);
	return c->reals.v[i];
}

bool realpath_cached(struct realpath_cache *c, const char *path, char *out)
{
	bool known;
	struct stat st;
	return realpath_cached_stat(c, path, out, &st, &known);
}

bool realpath_cached_stat(struct realpath_cache *c, const char *path, char *out, struct stat *st,
			  bool *known)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	*known = false;
	if (!slash || !*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    lstat(path, st) < 0 || S_ISLNK(st->st_mode))
		return realpath(path, out) != NULL;
	*known = true; /* not a symlink: what lstat said is what stat says */
	char *dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	bool ok = S_real_join(out, S_real_dir(c, dir), base);
	free(dir);
	return ok;
}

void realpath_cache_free(struct realpath_cache *c)
{
	strmap_free(&c->index);
	sv_free(&c->reals);
}

bool path_is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_mkdirs(const char *dir, unsigned mode)
{
	char *p = xstrdup(dir);
	bool ok = true;
	for (char *s = strchr(p + 1, '/'); ok && s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST)
			ok = false;
		*s = '/';
	}
	if (ok && mkdir(p, (mode_t)mode) < 0 && errno != EEXIST)
		ok = false;
	free(p);
	return ok && path_is_dir(dir);
}

bool path_is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}
