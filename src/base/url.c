#include "base/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Scheme of url, lower-cased, ignoring the tabs, newlines and control
 * characters browsers ignore; "" when there is none. */
static void S_scheme(const char *url, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	const char *p = url;
	while (*p && (unsigned char)*p <= ' ')
		p++;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		/* Browsers drop tabs and newlines inside a URL; some readers may
		 * drop more. Judge the scheme without any space, control or DEL. */
		if (c <= ' ' || c == 0x7F)
			continue;
		if (c == ':') {
			if (n && isalpha((unsigned char)out[0]))
				return;
			break;
		}
		if (!(isalnum(c) || c == '+' || c == '-' || c == '.'))
			break;
		/* A scheme has no length limit: one longer than out is still a
		 * scheme (an unknown one), never a relative path. Keep its start. */
		if (n + 1 < cap) {
			out[n++] = (char)tolower(c);
			out[n] = '\0';
		}
	}
	out[0] = '\0';
}

enum url_kind url_classify(const char *url)
{
	static const char *const safe[] = {"http", "https", "mailto", "ftp", "ftps", "tel", "sms",
					   "news", "nntp", "irc", "ircs", "xmpp", "geo", "gopher",
					   "magnet", "urn", "doi"};
	const char *p = url;
	while (*p && (unsigned char)*p <= ' ')
		p++;
	if (!*p)
		return URL_EMPTY;
	if (*p == '#')
		return URL_FRAGMENT;
	char scheme[32];
	S_scheme(p, scheme, sizeof scheme);
	if (!scheme[0]) {
		if (p[0] == '/' && p[1] == '/')
			return URL_ABSOLUTE; /* protocol-relative: made https by url_escape */
		return URL_RELATIVE;
	}
	for (size_t i = 0; i < sizeof safe / sizeof *safe; i++)
		if (strcmp(scheme, safe[i]) == 0)
			return URL_ABSOLUTE;
	return URL_DANGEROUS;
}

char *url_escape(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	const char *p = url;
	while (*p && (unsigned char)*p <= ' ')
		p++;
	if (p[0] == '/' && p[1] == '/')
		sb_adds(&sb, "https:");
	size_t end = strlen(p);
	while (end && (unsigned char)p[end - 1] <= ' ')
		end--;
	for (size_t i = 0; i < end; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '%' && isxdigit((unsigned char)p[i + 1]) && isxdigit((unsigned char)p[i + 2])) {
			sb_addc(&sb, '%');
		} else if (c <= ' ' || c >= 0x7F || strchr("\"<>\\^`{|}%", c)) {
			sb_addc(&sb, '%');
			sb_addc(&sb, hex[c >> 4]);
			sb_addc(&sb, hex[c & 15]);
		} else if (c == '#' && memchr(p + i + 1, '#', end - i - 1)) {
			/* only one '#' may stand in a URL */
			sb_adds(&sb, "%23");
		} else {
			sb_addc(&sb, (char)c);
		}
	}
	return sb_detach(&sb);
}

static int S_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return (tolower((unsigned char)c) - 'a') + 10;
}

char *url_decode(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++) {
		if (*s == '%' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2])) {
			char c = (char)(S_hexval(s[1]) * 16 + S_hexval(s[2]));
			if (c)
				sb_addc(&sb, c);
			s += 2;
		} else {
			sb_addc(&sb, *s);
		}
	}
	return sb_detach(&sb);
}

/* Whether span is word, without ASCII case. */
static bool S_is(struct url_span span, const char *word)
{
	size_t n = strlen(word);
	if (!span.p || span.n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)span.p[i]) != word[i])
			return false;
	return true;
}

static bool S_special(struct url_span scheme)
{
	static const char *const special[] = {"http", "https", "ws", "wss", "ftp", "file"};
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (S_is(scheme, special[i]))
			return true;
	return false;
}

void url_split(struct url_parts *out, const char *url)
{
	memset(out, 0, sizeof *out);
	const char *p = url;
	while (*p && (unsigned char)*p <= ' ')
		p++;
	/* scheme */
	if (isalpha((unsigned char)*p)) {
		const char *s = p + 1;
		while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.')
			s++;
		if (*s == ':') {
			out->scheme = (struct url_span){p, (size_t)(s - p)};
			p = s + 1;
		}
	}
	bool special = out->scheme.p && S_special(out->scheme);
	const char *ends = special ? "/\\?#" : "/?#";
	/* authority */
	if ((p[0] == '/' || (special && p[0] == '\\')) && (p[1] == '/' || (special && p[1] == '\\'))) {
		const char *a = p + 2, *e = a + strcspn(a, ends);
		out->authority = (struct url_span){a, (size_t)(e - a)};
		const char *at = NULL;
		for (const char *c = a; c < e; c++)
			if (*c == '@')
				at = c;
		const char *h = a;
		if (at) {
			out->userinfo = (struct url_span){a, (size_t)(at - a)};
			h = at + 1;
		}
		const char *colon = NULL;
		for (const char *c = e; c > h; c--)
			if (c[-1] == ':') {
				colon = c - 1;
				break;
			} else if (c[-1] == ']') {
				break;
			}
		out->host = (struct url_span){h, (size_t)((colon ? colon : e) - h)};
		if (colon)
			out->port = (struct url_span){colon + 1, (size_t)(e - colon - 1)};
		p = e;
	}
	/* path, query, fragment */
	size_t n = strcspn(p, "?#");
	out->path = (struct url_span){p, n};
	p += n;
	if (*p == '?') {
		n = strcspn(p + 1, "#");
		out->query = (struct url_span){p + 1, n};
		p += 1 + n;
	}
	if (*p == '#')
		out->fragment = (struct url_span){p + 1, strlen(p + 1)};
}

bool url_has_authority(const char *url)
{
	struct url_parts u;
	url_split(&u, url);
	return u.scheme.p && u.authority.p;
}

bool url_is_http(const char *url)
{
	struct url_parts u;
	url_split(&u, url);
	return u.authority.n && (S_is(u.scheme, "http") || S_is(u.scheme, "https"));
}

const char *url_path(const char *url)
{
	struct url_parts u;
	url_split(&u, url);
	return u.scheme.p && u.authority.p && u.path.n ? u.path.p : NULL;
}

const char *url_path_under(const char *url, const char *site_url)
{
	if (!site_url)
		return NULL;
	struct url_parts pu, ps;
	url_split(&pu, url);
	url_split(&ps, site_url);
	const char *a = pu.scheme.p && pu.authority.p ? pu.authority.p : url;
	const char *b = ps.scheme.p && ps.authority.p ? ps.authority.p : site_url;
	if (str_starts_with(a, "www."))
		a += 4;
	if (str_starts_with(b, "www."))
		b += 4;
	size_t lb = strlen(b);
	while (lb && b[lb - 1] == '/')
		lb--;
	if (strncmp(a, b, lb) != 0 || (a[lb] && a[lb] != '/' && a[lb] != '#' && a[lb] != '?'))
		return NULL;
	return a + lb;
}

/* RFC 3986 5.2.4: "." and ".." segments of path removed. */
static char *S_remove_dots(const char *path, size_t n)
{
	struct strbuf out = STRBUF_INIT;
	const char *in = path, *end = path + n;
	while (in < end) {
		size_t left = (size_t)(end - in);
		if (left >= 3 && memcmp(in, "../", 3) == 0) {
			in += 3;
		} else if (left >= 2 && memcmp(in, "./", 2) == 0) {
			in += 2;
		} else if ((left >= 3 && memcmp(in, "/./", 3) == 0)) {
			in += 2;
		} else if (left == 2 && memcmp(in, "/.", 2) == 0) {
			in += 1;
			sb_addc(&out, '/');
			in = end;
		} else if ((left >= 4 && memcmp(in, "/../", 4) == 0) || (left == 3 && memcmp(in, "/..", 3) == 0)) {
			in += 3;
			while (out.len && out.s[out.len - 1] != '/')
				out.len--;
			if (out.len)
				out.len--;
			if (in >= end)
				sb_addc(&out, '/');
		} else if ((left == 1 && in[0] == '.') || (left == 2 && memcmp(in, "..", 2) == 0)) {
			in = end;
		} else {
			const char *seg = in + (in[0] == '/');
			const char *slash = memchr(seg, '/', (size_t)(end - seg));
			const char *stop = slash ? slash : end;
			sb_add(&out, in, (size_t)(stop - in));
			in = stop;
		}
	}
	if (out.s)
		out.s[out.len] = '\0';
	return sb_detach(&out);
}

static void S_span(struct strbuf *sb, const char *before, struct url_span s)
{
	if (!s.p)
		return;
	sb_adds(sb, before);
	sb_add(sb, s.p, s.n);
}

char *url_resolve(const char *base, const char *ref)
{
	struct url_parts b, r;
	url_split(&b, base);
	url_split(&r, ref);
	struct url_span scheme = b.scheme, authority = b.authority, query = r.query;
	char *path;
	if (r.scheme.p) {
		scheme = r.scheme;
		authority = r.authority;
		path = S_remove_dots(r.path.p, r.path.n);
	} else if (r.authority.p) {
		authority = r.authority;
		path = S_remove_dots(r.path.p, r.path.n);
	} else if (!r.path.n) {
		path = xstrndup(b.path.p, b.path.n);
		if (!r.query.p)
			query = b.query;
	} else if (r.path.p[0] == '/') {
		path = S_remove_dots(r.path.p, r.path.n);
	} else {
		/* merge: the base path up to its last '/', then ref's */
		struct strbuf m = STRBUF_INIT;
		if (b.authority.p && !b.path.n) {
			sb_addc(&m, '/');
		} else {
			const char *last = NULL;
			for (size_t i = 0; i < b.path.n; i++)
				if (b.path.p[i] == '/')
					last = b.path.p + i;
			if (last)
				sb_add(&m, b.path.p, (size_t)(last - b.path.p) + 1);
		}
		sb_add(&m, r.path.p, r.path.n);
		path = S_remove_dots(m.s ? m.s : "", m.len);
		sb_release(&m);
	}
	struct strbuf sb = STRBUF_INIT;
	if (scheme.p) {
		sb_add(&sb, scheme.p, scheme.n);
		sb_addc(&sb, ':');
	}
	S_span(&sb, "//", authority);
	sb_adds(&sb, path);
	S_span(&sb, "?", query);
	S_span(&sb, "#", r.fragment);
	free(path);
	return sb_detach(&sb);
}
