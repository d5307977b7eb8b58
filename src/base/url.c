#include "base/url.h"

#include <ctype.h>
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
		if (!(isalnum(c) || c == '+' || c == '-' || c == '.') || n + 1 >= cap)
			break;
		out[n++] = (char)tolower(c);
		out[n] = '\0';
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
