/* url.h — URLs as posts write them: split, resolved, classified,
 * escaped, decoded.
 *
 * Knows nothing of blogs or books. Schemes are read as WHATWG's URL
 * parser and browsers read them: leading C0 controls and spaces ignored
 * (and, for url_classify, tabs and newlines inside a scheme do not hide
 * it); a scheme is an ASCII letter then letters, digits, `+`, `-`, `.`,
 * before `:`; for the special schemes (http, https, ws, wss, ftp, file) a
 * backslash is a slash. Hosts are not IDNA-mapped: they are compared and
 * written as the post wrote them.
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
 * percent-encoded (spaces, non-ASCII, quotes…). malloc'd. */
char *url_escape(const char *url);
/* Percent-decodes s into a malloc'd string. */
char *url_decode(const char *s);

#endif
