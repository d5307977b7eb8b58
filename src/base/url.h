/* url.h — URLs as posts write them: classified, escaped, decoded.
 *
 * Knows nothing of blogs or books. Schemes are read as WHATWG's URL
 * parser and browsers read them: leading C0 controls and spaces ignored,
 * and tabs and newlines inside a scheme do not hide it.
 *
 * Ownership: every char * returned is malloc'd and the caller's.
 */
#ifndef SHEAF_URL_H
#define SHEAF_URL_H

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
