/* url.h — URLs as posts write them: split, resolved, classified,
 * escaped, decoded.
 *
 * Knows nothing of blogs or books. Schemes are read as WHATWG's URL
 * parser and browsers read them: leading C0 controls and spaces ignored
 * (and, for url_classify, tabs and newlines inside a scheme do not hide
 * it); a scheme is an ASCII letter then letters, digits, `+`, `-`, `.`,
 * before `:`; for the special schemes (http, https, ws, wss, ftp, file) a
 * backslash is a slash. url_normalize is the one place hosts are parsed
 * (WHATWG's host parser, IDNA through libidn2); everywhere else they are
 * compared as the post wrote them.
 *
 * Ownership: every char * returned is malloc'd and the caller's.
 */
#ifndef SHEAF_URL_H
#define SHEAF_URL_H

#include <stdbool.h>
#include <stddef.h>

/* A part of a URL: p points into the URL split (NULL when the part is
 * absent; an empty part that is present has n 0). */
struct url_span {
	const char *p;
	size_t n;
};

/* The parts of a URL or relative reference: scheme (without `:`),
 * authority (after `//`: [userinfo@]host[:port]), path, query (after `?`)
 * and fragment (after `#`). path is never absent (n 0 when empty); path.p
 * is where the rest of the URL starts (path, query and fragment). */
struct url_parts {
	struct url_span scheme, authority, userinfo, host, port, path, query, fragment;
};

/* Splits url (never fails: what is not a scheme or authority is path). */
void url_split(struct url_parts *out, const char *url);
/* Whether url has a scheme and an authority (`https://host/…`, `ftp://…`):
 * an address on another machine, as opposed to a path, a fragment,
 * `mailto:` or `data:`. */
bool url_has_authority(const char *url);
/* Whether url is http: or https: (any case) with a non-empty authority. */
bool url_is_http(const char *url);
/* Where the path of a URL with an authority starts (the rest of the URL
 * from there: path, query, fragment); NULL when url has no authority or
 * the path is empty. */
const char *url_path(const char *url);
/* The part of url after the site's own URL site_url ("/blog/x/" of
 * "https://www.h.org/blog/x/" under "http://h.org"), the schemes and a
 * leading "www." of the hosts ignored; NULL when url is elsewhere or
 * site_url is NULL. A url without a scheme and an authority (a path, or
 * a scheme-relative //host/…) is compared as written. */
const char *url_path_under(const char *url, const char *site_url);
/* The reference ref resolved against the absolute URL base (RFC 3986
 * 5.2: dot segments removed, fragment of ref kept). malloc'd. */
char *url_resolve(const char *base, const char *ref);

enum url_kind {
	URL_EMPTY,
	URL_FRAGMENT, /* "#x" */
	URL_RELATIVE, /* a path, maybe with a fragment or query */
	URL_ABSOLUTE, /* a safe scheme: http(s), mailto, ftp, tel… */
	URL_DANGEROUS /* javascript:, vbscript:, data:, file: and unknown schemes */
};

/* Classifies a URL as a browser would read it (tabs and newlines inside a
 * scheme do not hide it). */
enum url_kind url_classify(const char *url);
/* A copy of url with characters that are not allowed in a URL
 * percent-encoded (spaces, non-ASCII, quotes, '[' and ']' outside the
 * host…), and "./" before a relative path whose first segment holds ':'
 * (RFC 3986 4.2). malloc'd. */
char *url_escape(const char *url);
/* Percent-decodes s into a malloc'd string. */
char *url_decode(const char *s);

/* Whether url runs or reads something where it is opened (javascript:,
 * vbscript:, data:, file: and their like, read as url_classify reads
 * schemes): an address no book shows, not even as text. Other schemes
 * url_classify calls dangerous (ones it does not know) are only not
 * links. */
bool url_is_script(const char *url);
/* The scheme of url as a browser reads it (see url_classify), lower-cased,
 * into out (cap bytes, longer ones cut); "" when there is none. */
void url_scheme(const char *url, char *out, size_t cap);

/* Why url_normalize could not make a URL valid (url_strerror says it). */
enum url_error {
	URL_ENOSCHEME = -1,  /* not an absolute URL */
	URL_EHOSTEMPTY = -2, /* http(s) and the like without a host */
	URL_EHOST = -3,      /* a character a host name cannot hold */
	URL_ELABEL = -4,     /* an empty label: "a..b", a host of dots */
	URL_EIDNA = -5,      /* a non-ASCII host IDNA cannot map */
	URL_EIPV4 = -6,      /* a host that ends in a number but is no IPv4 address */
	URL_EIPV6 = -7,      /* "[…]" that is no IPv6 address */
	URL_EPORT = -8,      /* a port that is not a number up to 65535 */
	URL_ELONG = -9,      /* a host label longer than 63 (no DNS name has one) */
	URL_EEMPTY = -10,    /* nothing after the scheme ("mailto:") */
};

/* The absolute URL in (or a protocol-relative "//host/…", made https)
 * parsed as WHATWG's URL parser does and written so that it is valid:
 * scheme lower-cased; for the special schemes (http, https, ws, wss, ftp,
 * file) backslashes are slashes, any slashes after the scheme make one
 * "//" ("https:/x", "https:x"), the host is percent-decoded, mapped to
 * ASCII by IDNA (UTS #46, non-transitional, transitional where that fails
 * as older browsers did; invisible characters such as U+200B map to
 * nothing) and lower-cased, an IPv4 or IPv6 literal written as WHATWG
 * writes it, the default port left out; userinfo, path, query and
 * fragment percent-encoded where they hold characters a URL cannot
 * (spaces, non-ASCII, quotes, brackets, a second '#', a '%' without two
 * hex digits), existing %XX kept. A host must also be a domain name as
 * RFC 3986 readers (epubcheck's) take it: labels of letters, digits, '-'
 * and '_', no empty label, no label starting or ending with '-' or
 * longer than 63 (DNS's limit), a last label that does not start with a
 * digit. An empty path stays empty; a URL with nothing but its scheme
 * (and a fragment) fails, as RFC 3986 readers refuse "mailto:".
 * Returns 0 and *out (malloc'd), or a negative enum url_error with *out
 * NULL. */
int url_normalize(char **out, const char *in);
/* What an enum url_error means, for a warning ("the host holds …"). */
const char *url_strerror(int err);

#endif
