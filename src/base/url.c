#include "base/url.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <idn2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
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

void url_scheme(const char *url, char *out, size_t cap)
{
	const char *p = url;
	while (*p && (unsigned char)*p <= ' ')
		p++;
	S_scheme(p, out, cap);
}

bool url_is_script(const char *url)
{
	static const char *const script[] = {"javascript", "vbscript", "livescript", "mocha", "data", "file"};
	char scheme[16];
	url_scheme(url, scheme, sizeof scheme);
	for (size_t i = 0; i < sizeof script / sizeof *script; i++)
		if (strcmp(scheme, script[i]) == 0)
			return true;
	return false;
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
	struct url_parts u;
	url_split(&u, p);
	/* RFC 3986 4.2: a relative path whose first segment holds ':' would
	 * read as a scheme; "./" keeps it a path. The segment ends at '/',
	 * '?' or the last '#' only: every earlier '#' becomes "%23" below. */
	const char *frag = NULL;
	for (const char *h = p; (h = memchr(h, '#', (size_t)(p + end - h))) != NULL; h++)
		frag = h;
	size_t seg = strcspn(p, "/?");
	if (frag && (size_t)(frag - p) < seg)
		seg = (size_t)(frag - p);
	if (!u.scheme.p && memchr(p, ':', seg < end ? seg : end))
		sb_adds(&sb, "./");
	for (size_t i = 0; i < end; i++) {
		unsigned char c = (unsigned char)p[i];
		/* '[' and ']' stand only around an IPv6 host. */
		bool bracket = (c == '[' || c == ']') && p + i >= u.path.p;
		if (c == '%' && isxdigit((unsigned char)p[i + 1]) && isxdigit((unsigned char)p[i + 2])) {
			sb_addc(&sb, '%');
		} else if (c <= ' ' || c >= 0x7F || bracket || strchr("\"<>\\^`{|}%", c)) {
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

const char *url_strerror(int err)
{
	switch (err) {
	case URL_ENOSCHEME:
		return "it is not an absolute URL";
	case URL_EHOSTEMPTY:
		return "it has no host";
	case URL_EHOST:
		return "its host holds characters a host name cannot hold";
	case URL_ELABEL:
		return "its host has an empty label (two dots in a row, or only dots)";
	case URL_EIDNA:
		return "its host cannot be written in IDNA form";
	case URL_EIPV4:
		return "its host ends in a number but is not an IPv4 address";
	case URL_EIPV6:
		return "its host is not a valid IPv6 address";
	case URL_EPORT:
		return "its port is not a number up to 65535";
	case URL_EEMPTY:
		return "it has nothing after its scheme";
	case URL_ELONG:
		return "its host has a label longer than 63 characters, which no domain name has";
	default:
		return "it is not a valid URL";
	}
}

/* Characters every part of a URL percent-encodes on top of C0 controls,
 * space, DEL and non-ASCII: WHATWG's sets, and what RFC 3986 readers
 * (epubcheck's) reject besides ('[', ']', '^', '|', '\\', '{', '}', '`'). */
#define S_ALWAYS "\"<>\\^`{|}[]"
/* WHATWG's userinfo percent-encode set (on top of S_ALWAYS). */
#define S_USERINFO "#?/:;=@"

/* Appends s[0..n) to sb, percent-encoding the bytes WHATWG's percent-encode
 * sets (and RFC 3986 readers) ask for and those in extra; an existing %XX
 * is kept, a '%' without two hex digits is encoded. */
static void S_encode(struct strbuf *sb, const char *s, size_t n, const char *extra)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool stray = c == '%' && !(i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
					   isxdigit((unsigned char)s[i + 2]));
		if (c <= ' ' || c >= 0x7F || stray || (c != '%' && strchr(S_ALWAYS, c)) ||
		    (extra && c != '%' && strchr(extra, c))) {
			sb_addc(sb, '%');
			sb_addc(sb, hex[c >> 4]);
			sb_addc(sb, hex[c & 15]);
		} else {
			sb_addc(sb, (char)c);
		}
	}
}

/* WHATWG's "ends in a number": the last label (a trailing empty one
 * ignored) is all digits or 0x-hex. */
static bool S_ends_in_number(const char *host)
{
	size_t n = strlen(host);
	if (n && host[n - 1] == '.')
		n--;
	if (!n)
		return false;
	size_t start = n;
	while (start && host[start - 1] != '.')
		start--;
	const char *l = host + start;
	size_t ln = n - start;
	if (!ln)
		return false;
	bool digits = true;
	for (size_t i = 0; i < ln; i++)
		digits &= isdigit((unsigned char)l[i]) != 0;
	if (digits)
		return true;
	if (ln < 2 || l[0] != '0' || (l[1] != 'x' && l[1] != 'X'))
		return false;
	for (size_t i = 2; i < ln; i++)
		if (!isxdigit((unsigned char)l[i]))
			return false;
	return true;
}

/* WHATWG's IPv4 number parser: decimal, 0x-hex or 0-octal; -1 when the
 * text is none of these, values beyond 2^32 capped to 2^32. */
static int64_t S_ipv4_number(const char *s, size_t n)
{
	int base = 10;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		n -= 2;
	} else if (n >= 2 && s[0] == '0') {
		base = 8;
		s++;
		n--;
	}
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int d = isdigit((unsigned char)s[i]) ? s[i] - '0'
			: isxdigit((unsigned char)s[i]) ? tolower((unsigned char)s[i]) - 'a' + 10
							: 99;
		if (d >= base)
			return -1;
		v = v * base + d;
		if (v > ((int64_t)1 << 32))
			v = (int64_t)1 << 32;
	}
	return v;
}

/* WHATWG's IPv4 parser, the address written dotted-decimal to sb. */
static int S_ipv4(struct strbuf *sb, const char *host)
{
	int64_t num[4];
	size_t count = 0, n = strlen(host);
	if (n && host[n - 1] == '.')
		n--;
	for (size_t start = 0; start <= n;) {
		size_t end = start;
		while (end < n && host[end] != '.')
			end++;
		if (end == start || count == 4)
			return URL_EIPV4;
		num[count] = S_ipv4_number(host + start, end - start);
		if (num[count] < 0)
			return URL_EIPV4;
		count++;
		start = end + 1;
	}
	for (size_t i = 0; i + 1 < count; i++)
		if (num[i] > 255)
			return URL_EIPV4;
	if (num[count - 1] >= ((int64_t)1 << (8 * (5 - count))))
		return URL_EIPV4;
	uint32_t addr = (uint32_t)num[count - 1];
	for (size_t i = 0; i + 1 < count; i++)
		addr += (uint32_t)num[i] << (8 * (3 - i));
	sb_addf(sb, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255, (addr >> 8) & 255, addr & 255);
	return 0;
}

/* "[…]": inet_pton reads what WHATWG's IPv6 parser reads (hex pieces, one
 * "::", a dotted IPv4 tail without leading zeros); written as WHATWG
 * writes it: lower-case hex, the first longest run of two or more zero
 * pieces compressed. */
static int S_ipv6(struct strbuf *sb, const char *h, size_t n)
{
	if (n < 2 || h[n - 1] != ']' || n - 2 >= INET6_ADDRSTRLEN)
		return URL_EIPV6;
	char text[INET6_ADDRSTRLEN];
	memcpy(text, h + 1, n - 2);
	text[n - 2] = '\0';
	unsigned char a[16];
	if (inet_pton(AF_INET6, text, a) != 1)
		return URL_EIPV6;
	unsigned piece[8];
	for (int i = 0; i < 8; i++)
		piece[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	int best = -1, best_len = 1;
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && piece[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	sb_addc(sb, '[');
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			sb_adds(sb, i == 0 ? "::" : ":");
			i += best_len - 1;
			continue;
		}
		sb_addf(sb, "%x", piece[i]);
		if (i < 7)
			sb_addc(sb, ':');
	}
	sb_addc(sb, ']');
	return 0;
}

/* UTS #46 ToASCII of one host or label through libidn2: non-transitional
 * as WHATWG asks; where libidn2's IDNA2008 checks refuse (emoji, a
 * joiner out of context), transitional processing, as browsers did before
 * and which maps joiners to nothing. */
static char *S_idna(const char *s)
{
	char *a = NULL;
	if (idn2_to_ascii_8z(s, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) == IDN2_OK ||
	    idn2_to_ascii_8z(s, &a, IDN2_NFC_INPUT | IDN2_TRANSITIONAL) == IDN2_OK) {
		/* idn2 allocates with its own free; copy into ours. */
		char *copy = xstrdup(a);
		idn2_free(a);
		return copy;
	}
	return NULL;
}

/* The host mapped to ASCII and lower-cased; NULL when IDNA cannot. ASCII
 * hosts are only lower-cased, as UTS #46 does for them with WHATWG's
 * options (no hyphen checks: "ex--ample.com" is a host browsers open,
 * which libidn2 would refuse). A host libidn2 refuses whole is mapped
 * label by label. */
static char *S_host_ascii(const char *host)
{
	bool ascii = true;
	for (const char *c = host; *c; c++)
		ascii &= (unsigned char)*c < 0x80;
	char *out = ascii ? xstrdup(host) : S_idna(host);
	if (!out) {
		struct strbuf sb = STRBUF_INIT;
		for (const char *l = host;;) {
			size_t n = strcspn(l, ".");
			char *label = xstrndup(l, n), *m;
			bool label_ascii = true;
			for (size_t i = 0; i < n; i++)
				label_ascii &= (unsigned char)label[i] < 0x80;
			m = label_ascii ? xstrdup(label) : S_idna(label);
			free(label);
			if (!m) {
				sb_release(&sb);
				return NULL;
			}
			sb_adds(&sb, m);
			free(m);
			if (!l[n])
				break;
			sb_addc(&sb, '.');
			l += n + 1;
		}
		out = sb_detach(&sb);
	}
	for (char *c = out; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return out;
}

/* An ASCII domain as RFC 3986 readers take it (see url_normalize). */
static int S_check_domain(const char *host)
{
	size_t n = strlen(host);
	if (n && host[n - 1] == '.')
		n--; /* the root's empty label */
	if (!n)
		return URL_ELABEL;
	size_t last = 0;
	for (size_t start = 0; start <= n;) {
		size_t end = start;
		while (end < n && host[end] != '.')
			end++;
		if (end == start)
			return URL_ELABEL;
		if (end - start > 63)
			return URL_ELONG;
		if (host[start] == '-' || host[end - 1] == '-')
			return URL_EHOST;
		for (size_t i = start; i < end; i++)
			if (!isalnum((unsigned char)host[i]) && host[i] != '-' && host[i] != '_')
				return URL_EHOST;
		last = start;
		start = end + 1;
	}
	return isdigit((unsigned char)host[last]) ? URL_EHOST : 0;
}

/* Invisible format characters a host picks up when a link is copied
 * from rendered text: UTS #46 maps some to nothing (soft hyphen, U+200B,
 * word joiner, BOM), but refuses the bidi marks that right-to-left text
 * puts after a URL (U+200E/F, embeddings, isolates) and, non-
 * transitionally, joiners outside their scripts. None can be part of a
 * name anyone typed, so all go before IDNA. */
static bool S_invisible(unsigned cp)
{
	return cp == 0xAD || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF;
}

/* WHATWG's host parser for a special scheme, the host written to sb. */
static int S_host(struct strbuf *sb, const char *h, size_t n)
{
	if (!n)
		return URL_EHOSTEMPTY;
	if (h[0] == '[')
		return S_ipv6(sb, h, n);
	/* Percent-decoded, then UTF-8 (WHATWG fails on what is not). */
	struct strbuf d = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (h[i] == '%' && i + 2 < n && isxdigit((unsigned char)h[i + 1]) &&
		    isxdigit((unsigned char)h[i + 2])) {
			sb_addc(&d, (char)(S_hexval(h[i + 1]) * 16 + S_hexval(h[i + 2])));
			i += 2;
		} else {
			sb_addc(&d, h[i]);
		}
	}
	int rc = 0;
	char *ascii = NULL;
	struct strbuf v = STRBUF_INIT; /* d without invisible characters */
	for (size_t i = 0, len; i < d.len; i += len) {
		unsigned cp;
		len = utf8_decode((const unsigned char *)d.s + i, d.len - i, &cp);
		if (!len) {
			rc = URL_EHOST; /* not UTF-8, or a NUL */
			goto out;
		}
		if (!S_invisible(cp))
			sb_add(&v, d.s + i, len);
	}
	if (!v.len) {
		rc = URL_ELABEL;
		goto out;
	}
	ascii = S_host_ascii(v.s);
	if (!ascii) {
		rc = URL_EIDNA;
		goto out;
	}
	/* WHATWG's forbidden domain code points. */
	for (const char *c = ascii; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7F || strchr("#%/:<>?@[\\]^|", *c)) {
			rc = URL_EHOST;
			goto out;
		}
	if (S_ends_in_number(ascii)) {
		rc = S_ipv4(sb, ascii);
		goto out;
	}
	rc = S_check_domain(ascii);
	if (rc == 0)
		sb_adds(sb, ascii);
out:
	free(ascii);
	sb_release(&v);
	sb_release(&d);
	return rc;
}

static int S_default_port(const char *scheme)
{
	static const struct {
		const char *scheme;
		int port;
	} ports[] = {{"http", 80}, {"https", 443}, {"ws", 80}, {"wss", 443}, {"ftp", 21}};
	for (size_t i = 0; i < sizeof ports / sizeof *ports; i++)
		if (strcmp(scheme, ports[i].scheme) == 0)
			return ports[i].port;
	return -1;
}

/* The authority a[0..n) (after "//") as WHATWG's authority, host and port
 * states read it, written to sb with its "//". special: the host is a
 * domain or an IP address; else an opaque host. */
static int S_authority(struct strbuf *sb, const char *scheme, const char *a, size_t n, bool special)
{
	sb_adds(sb, "//");
	const char *at = NULL;
	for (size_t i = 0; i < n; i++)
		if (a[i] == '@')
			at = a + i;
	const char *h = a;
	if (at) {
		/* The last '@' ends the userinfo; the first ':' in it ends the
		 * username. Empty userinfo is left out, as WHATWG writes it. */
		size_t un = (size_t)(at - a);
		const char *colon = memchr(a, ':', un);
		size_t user_n = colon ? (size_t)(colon - a) : un;
		size_t pass_n = colon ? un - user_n - 1 : 0;
		if (user_n || pass_n) {
			S_encode(sb, a, user_n, S_USERINFO);
			if (pass_n) {
				sb_addc(sb, ':');
				S_encode(sb, colon + 1, pass_n, S_USERINFO);
			}
			sb_addc(sb, '@');
		}
		h = at + 1;
	}
	const char *end = a + n, *port = NULL;
	bool brackets = false;
	for (const char *c = h; c < end && !port; c++) {
		if (*c == '[')
			brackets = true;
		else if (*c == ']')
			brackets = false;
		else if (*c == ':' && !brackets)
			port = c;
	}
	size_t hn = (size_t)((port ? port : end) - h);
	int rc;
	if (special) {
		rc = S_host(sb, h, hn);
		if (rc == URL_EHOSTEMPTY && strcmp(scheme, "file") == 0)
			rc = 0;
	} else if (hn && h[0] == '[') {
		rc = S_ipv6(sb, h, hn);
	} else {
		/* WHATWG's opaque host: forbidden host code points fail, the
		 * rest percent-encoded. */
		rc = 0;
		for (size_t i = 0; i < hn && !rc; i++)
			if (h[i] == '\0' || strchr("\t\n\r #/:<>?@[\\]^|", h[i]))
				rc = URL_EHOST;
		if (!rc)
			S_encode(sb, h, hn, NULL);
	}
	if (rc || !port)
		return rc;
	const char *digits = port + 1;
	size_t dn = (size_t)(end - digits);
	long value = 0;
	for (size_t i = 0; i < dn; i++) {
		if (!isdigit((unsigned char)digits[i]))
			return URL_EPORT;
		value = value * 10 + (digits[i] - '0');
		if (value > 65535)
			return URL_EPORT;
	}
	if (dn && value != S_default_port(scheme))
		sb_addf(sb, ":%ld", value);
	return 0;
}

static bool S_special_scheme(const char *scheme)
{
	static const char *const special[] = {"http", "https", "ws", "wss", "ftp", "file"};
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (strcmp(scheme, special[i]) == 0)
			return true;
	return false;
}

int url_normalize(char **out, const char *in)
{
	*out = NULL;
	/* WHATWG: leading and trailing C0 controls and spaces go, and tabs
	 * and newlines anywhere. */
	struct strbuf clean = STRBUF_INIT;
	const char *b = in;
	while (*b && (unsigned char)*b <= ' ')
		b++;
	size_t n = strlen(b);
	while (n && (unsigned char)b[n - 1] <= ' ')
		n--;
	for (size_t i = 0; i < n; i++)
		if (b[i] != '\t' && b[i] != '\n' && b[i] != '\r')
			sb_addc(&clean, b[i]);
	const char *p = clean.s ? clean.s : "";
	struct strbuf sb = STRBUF_INIT;
	char *scheme;
	if (p[0] == '/' && p[1] == '/') {
		scheme = xstrdup("https"); /* protocol-relative: as url_escape */
	} else {
		size_t k = 0;
		if (isalpha((unsigned char)p[0]))
			while (isalnum((unsigned char)p[k]) || p[k] == '+' || p[k] == '-' || p[k] == '.')
				k++;
		if (!k || p[k] != ':') {
			sb_release(&clean);
			return URL_ENOSCHEME;
		}
		scheme = xstrndup(p, k);
		for (char *c = scheme; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		p += k + 1;
	}
	sb_adds(&sb, scheme);
	sb_addc(&sb, ':');
	bool special = S_special_scheme(scheme);
	int rc = 0;
	bool slash = special || (p[0] == '/' && p[1] == '/');
	if (slash) {
		/* Special schemes: any run of slashes and backslashes (none
		 * too) leads to the authority. */
		if (special)
			p += strspn(p, "/\\");
		else
			p += 2;
		size_t an = strcspn(p, special ? "/\\?#" : "/?#");
		rc = S_authority(&sb, scheme, p, an, special);
		p += an;
	}
	if (rc == 0 && !slash && (!*p || *p == '#'))
		rc = URL_EEMPTY;
	if (rc == 0) {
		size_t pn = strcspn(p, "?#");
		char *path = xstrndup(p, pn);
		for (char *c = path; special && *c; c++)
			if (*c == '\\')
				*c = '/';
		S_encode(&sb, path, pn, "?#");
		free(path);
		p += pn;
		if (*p == '?') {
			size_t qn = strcspn(p + 1, "#");
			sb_addc(&sb, '?');
			S_encode(&sb, p + 1, qn, "#");
			p += 1 + qn;
		}
		if (*p == '#') {
			sb_addc(&sb, '#');
			S_encode(&sb, p + 1, strlen(p + 1), "#");
		}
	}
	free(scheme);
	sb_release(&clean);
	if (rc) {
		sb_release(&sb);
		return rc;
	}
	*out = sb_detach(&sb);
	return 0;
}
