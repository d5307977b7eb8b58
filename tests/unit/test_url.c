/* Unit tests of url.h: splitting, resolving (RFC 3986's examples),
 * classification, escaping, decoding. */
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "tap.h"

static void test_url_classify(void)
{
	static const struct {
		const char *url;
		enum url_kind kind;
	} cases[] = {
		{"javascript:alert(1)", URL_DANGEROUS},
		{" JaVa\tScRipt:alert(1)", URL_DANGEROUS},
		{"java\nscript:alert(1)", URL_DANGEROUS},
		{"\x01javascript:alert(1)", URL_DANGEROUS},
		{"vbscript:msgbox(1)", URL_DANGEROUS},
		{"data:text/html,<script>alert(1)</script>", URL_DANGEROUS},
		{"file:///etc/passwd", URL_DANGEROUS},
		{"made-up-scheme:x", URL_DANGEROUS},
		/* longer than any known scheme: still a scheme (fuzz_convert) */
		{"datpppppppppppppppppppppppppppppppppppppppppppppa:image/png;b,AAA", URL_DANGEROUS},
		{"httpsssssssssssssssssssssssssssssssssssssss://x", URL_DANGEROUS},
		{"http://example.com/", URL_ABSOLUTE},
		{"HTTPS://example.com/a?b#c", URL_ABSOLUTE},
		{"mailto:me@example.com", URL_ABSOLUTE},
		{"//host/x", URL_ABSOLUTE},
		{"#frag", URL_FRAGMENT},
		{"  #frag", URL_FRAGMENT},
		{"../x.md", URL_RELATIVE},
		{"x.md#part", URL_RELATIVE},
		{"/abs/site/path.md", URL_RELATIVE},
		{"img/a:b.png", URL_RELATIVE},
		{"?q=1", URL_RELATIVE},
		{"", URL_EMPTY},
		{" \t ", URL_EMPTY},
	};
	static const char *const names[] = {"EMPTY", "FRAGMENT", "RELATIVE", "ABSOLUTE", "DANGEROUS"};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum url_kind got = url_classify(cases[i].url);
		ok(got == cases[i].kind, "url_classify case %zu is %s", i, names[cases[i].kind]);
		if (got != cases[i].kind)
			diag("url '%s' classified %s", cases[i].url, names[got]);
	}
}

static void test_url_escape_decode(void)
{
	char *s = url_escape("my file.png");
	is_str(s, "my%20file.png", "url_escape: space");
	free(s);
	s = url_escape("café/ü.md");
	is_str(s, "caf%C3%A9/%C3%BC.md", "url_escape: non-ASCII bytes percent-encoded");
	free(s);
	s = url_escape("a%20b%zz");
	is_str(s, "a%20b%25zz", "url_escape: existing %xx kept, a stray % encoded");
	free(s);
	s = url_escape("x\"<>y");
	is_str(s, "x%22%3C%3Ey", "url_escape: quotes and angle brackets");
	free(s);
	s = url_escape("//host/p");
	is_str(s, "https://host/p", "url_escape: protocol-relative made https");
	free(s);
	s = url_escape("  http://e.com/a b  ");
	is_str(s, "http://e.com/a%20b", "url_escape: outer blanks trimmed");
	free(s);
	s = url_escape("a#b#c");
	is_str(s, "a%23b#c", "url_escape: only the last '#' stays a fragment mark");
	free(s);
	s = url_escape("http://e.com/?q=1&r=2#top");
	is_str(s, "http://e.com/?q=1&r=2#top", "url_escape: a clean URL unchanged");
	free(s);

	s = url_decode("caf%C3%A9%20cr%c3%a8me");
	is_str(s, "café crème", "url_decode: upper and lower hex");
	free(s);
	s = url_decode("100%");
	is_str(s, "100%", "url_decode: a trailing % kept");
	free(s);
	s = url_decode("a%zzb");
	is_str(s, "a%zzb", "url_decode: invalid escape kept");
	free(s);
	s = url_decode("a%00b");
	is_str(s, "ab", "url_decode: %00 dropped");
	free(s);
}

static bool S_span_is(struct url_span s, const char *want)
{
	if (!want)
		return s.p == NULL;
	return s.p && s.n == strlen(want) && memcmp(s.p, want, s.n) == 0;
}

static void test_split(void)
{
	struct url_parts u;
	url_split(&u, "HTTPS://user:pw@www.Example.org:8080/a/b.html?q=1&r#top");
	ok(S_span_is(u.scheme, "HTTPS") && S_span_is(u.authority, "user:pw@www.Example.org:8080") &&
		   S_span_is(u.userinfo, "user:pw") && S_span_is(u.host, "www.Example.org") &&
		   S_span_is(u.port, "8080") && S_span_is(u.path, "/a/b.html") && S_span_is(u.query, "q=1&r") &&
		   S_span_is(u.fragment, "top"),
	   "split: every part");
	ok(strcmp(u.path.p, "/a/b.html?q=1&r#top") == 0, "split: path.p is the rest of the URL");
	url_split(&u, "https://[::1]:443");
	ok(S_span_is(u.host, "[::1]") && S_span_is(u.port, "443") && S_span_is(u.path, ""),
	   "split: an IPv6 host, an empty path");
	url_split(&u, "https://h?x=/y");
	ok(S_span_is(u.host, "h") && S_span_is(u.path, "") && S_span_is(u.query, "x=/y"),
	   "split: the authority ends at ?, a / in the query is not the path");
	url_split(&u, "http:\\\\h\\p");
	ok(S_span_is(u.host, "h") && S_span_is(u.path, "\\p"), "split: backslashes are slashes in http");
	url_split(&u, "mailto:me@example.org");
	ok(S_span_is(u.scheme, "mailto") && !u.authority.p && S_span_is(u.path, "me@example.org"),
	   "split: mailto has no authority");
	url_split(&u, "//cdn.example.org/x.png");
	ok(!u.scheme.p && S_span_is(u.host, "cdn.example.org") && S_span_is(u.path, "/x.png"),
	   "split: a scheme-relative reference");
	url_split(&u, "img/a:b.png");
	ok(!u.scheme.p && S_span_is(u.path, "img/a:b.png"), "split: a colon after a slash is no scheme");
	url_split(&u, "1a:b");
	ok(!u.scheme.p, "split: a scheme starts with a letter");
	url_split(&u, "  \thttp://h/");
	ok(S_span_is(u.scheme, "http"), "split: leading blanks and controls ignored");
	url_split(&u, "#f");
	ok(S_span_is(u.path, "") && S_span_is(u.fragment, "f") && !u.query.p, "split: a fragment only");
}

static void test_predicates(void)
{
	ok(url_has_authority("https://h/x") && url_has_authority("ftp://h") && url_has_authority("Http://h"),
	   "has_authority: scheme://");
	ok(!url_has_authority("mailto:a@b") && !url_has_authority("/x") && !url_has_authority("//h/x") &&
		   !url_has_authority("data:image/png;base64,AA"),
	   "has_authority: mailto, a path, scheme-relative, data: have none");
	/* The cases where the old strstr(url, "://") said yes. */
	ok(!url_has_authority("page?next=https://h/") && !url_has_authority("://h/x") &&
		   !url_has_authority("a b://c"),
	   "has_authority: \"://\" in a query, without a scheme, or after a space is not one");
	ok(url_is_http("http://h") && url_is_http("HTTPS://h/x") && !url_is_http("ftp://h") &&
		   !url_is_http("https:h") && !url_is_http("//h"),
	   "is_http");
	is_str(url_path("https://h.org/blog/"), "/blog/", "path: of a site URL");
	is_str(url_path("https://h.org/a?b#c"), "/a?b#c", "path: with what follows");
	ok(url_path("https://h.org") == NULL && url_path("https://h.org?x=/y") == NULL && url_path("/x") == NULL,
	   "path: none without a path or without an authority");

	is_str(url_path_under("https://www.h.org/blog/x/", "http://h.org"), "/blog/x/",
	       "path_under: scheme and www. ignored");
	is_str(url_path_under("https://h.org/blog/x/#f", "https://h.org/blog/"), "/x/#f", "path_under: a base path");
	is_str(url_path_under("https://h.org/blog", "https://h.org/blog/"), "", "path_under: the site itself");
	ok(url_path_under("https://h.org/blogger/", "https://h.org/blog") == NULL,
	   "path_under: a longer folder name is elsewhere");
	ok(url_path_under("https://other.org/x", "https://h.org") == NULL, "path_under: another host");
	ok(url_path_under("https://h.org/x", NULL) == NULL, "path_under: no site URL");
	/* Chosen behaviour (as before the URL module): a scheme-relative URL
	 * is not read as on the site. */
	ok(url_path_under("//h.org/x", "https://h.org") == NULL,
	   "path_under: a scheme-relative URL is compared as written, so it is elsewhere");
}

static void S_resolves(const char *ref, const char *want)
{
	char *got = url_resolve("http://a/b/c/d;p?q", ref);
	ok(got && strcmp(got, want) == 0, "resolve %s gives %s (%s)", ref, want, got);
	free(got);
}

static void test_resolve(void)
{
	/* RFC 3986 5.4.1 and 5.4.2 */
	S_resolves("g:h", "g:h");
	S_resolves("g", "http://a/b/c/g");
	S_resolves("./g", "http://a/b/c/g");
	S_resolves("g/", "http://a/b/c/g/");
	S_resolves("/g", "http://a/g");
	S_resolves("//g", "http://g");
	S_resolves("?y", "http://a/b/c/d;p?y");
	S_resolves("g?y", "http://a/b/c/g?y");
	S_resolves("#s", "http://a/b/c/d;p?q#s");
	S_resolves("g#s", "http://a/b/c/g#s");
	S_resolves(";x", "http://a/b/c/;x");
	S_resolves("", "http://a/b/c/d;p?q");
	S_resolves(".", "http://a/b/c/");
	S_resolves("./", "http://a/b/c/");
	S_resolves("..", "http://a/b/");
	S_resolves("../", "http://a/b/");
	S_resolves("../g", "http://a/b/g");
	S_resolves("../..", "http://a/");
	S_resolves("../../g", "http://a/g");
	S_resolves("../../../g", "http://a/g");
	S_resolves("/./g", "http://a/g");
	S_resolves("/../g", "http://a/g");
	S_resolves("g.", "http://a/b/c/g.");
	S_resolves("..g", "http://a/b/c/..g");
	S_resolves("./../g", "http://a/b/g");
	S_resolves("g/./h", "http://a/b/c/g/h");
	S_resolves("g/../h", "http://a/b/c/h");
	S_resolves("g;x=1/../y", "http://a/b/c/y");
	char *s = url_resolve("https://h.org", "x.png");
	is_str(s, "https://h.org/x.png", "resolve: against a base without a path");
	free(s);
}

int main(void)
{
	test_split();
	test_predicates();
	test_resolve();
	test_url_classify();
	test_url_escape_decode();
	return done_testing();
}
