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
	s = url_escape(":~x(1)");
	is_str(s, "./:~x(1)", "url_escape: a ':' in the first segment of a relative path gets \"./\"");
	free(s);
	s = url_escape("h## s:#x");
	is_str(s, "./h%23%23%20s:#x",
	       "url_escape: only the last '#' ends the first segment (fuzz finding: earlier ones become %23)");
	free(s);
	s = url_escape("a/b:c?d:e");
	is_str(s, "a/b:c?d:e", "url_escape: a ':' past the first segment stays");
	free(s);
	s = url_escape("a[1].png#x[2]");
	is_str(s, "a%5B1%5D.png#x%5B2%5D", "url_escape: brackets outside a host encoded");
	free(s);
	s = url_escape("http://[::1]/a[b]");
	is_str(s, "http://[::1]/a%5Bb%5D", "url_escape: an IPv6 host keeps its brackets");
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

/* url_normalize: cases picked from WHATWG's urltestdata.json (web-platform-
 * tests) and from hosts seen in real posts, written as our own. */
static void test_normalize(void)
{
	static const struct {
		const char *in, *out; /* out NULL: fails with err */
		int err;
	} cases[] = {
		/* scheme lower-cased, nothing else to do */
		{"HTTPS://example.com/a?b#c", "https://example.com/a?b#c", 0},
		{"https://example.com", "https://example.com", 0},
		{"  https://example.com/x \n", "https://example.com/x", 0},
		{"ht\ttps://exa\nmple.com/", "https://example.com/", 0},
		/* special schemes: slashes and backslashes after the scheme */
		{"https:/example.com/x", "https://example.com/x", 0},
		{"https:example.com", "https://example.com", 0},
		{"https:///example.com/", "https://example.com/", 0},
		{"http:\\\\example.com\\a\\b", "http://example.com/a/b", 0},
		{"//cdn.example.com/lib.js", "https://cdn.example.com/lib.js", 0},
		/* hosts: case, IDNA, invisible characters */
		{"https://EXAMPLE.Com/Path", "https://example.com/Path", 0},
		{"https://b\xC3\xBC" "cher.de/", "https://xn--bcher-kva.de/", 0},
		{"https://B%C3%BCcher.de/", "https://xn--bcher-kva.de/", 0},
		{"https://%F0%9F%98%80.example/", "https://xn--e28h.example/", 0},
		{"https://i\xE2\x9D\xA4.ws/", "https://xn--i-7iq.ws/", 0},
		{"https://exa\xE2\x80\x8Bmple.com/", "https://example.com/", 0},    /* U+200B */
		{"https://exa\xC2\xADmple.com/", "https://example.com/", 0},        /* soft hyphen */
		{"https://exa\xE2\x80\x8Dmple.com/", "https://example.com/", 0},    /* ZWJ */
		{"https://\xEF\xBC\xA5x.com/", "https://ex.com/", 0},               /* full-width E */
		{"https://example.com\xE2\x80\x8E/", "https://example.com/", 0},    /* LRM after the host */
		{"https://%E2%80%8Fexample.com/", "https://example.com/", 0},          /* RLM, encoded */
		{"https://\xE2\x81\xA6" "example.com\xE2\x81\xA9/", "https://example.com/", 0}, /* isolate */
		{"https://b\xC3\xBC\xE2\x80\x8C" "cher.de/", "https://xn--bcher-kva.de/", 0}, /* ZWNJ */
		{"https://stra\xC3\x9F" "e.de/", "https://xn--strae-oqa.de/", 0},    /* non-transitional */
		{"https://ex--ample.com/", "https://ex--ample.com/", 0},
		{"https://ex--ample.b\xC3\xBC" "cher.de/", "https://ex--ample.xn--bcher-kva.de/", 0},
		{"https://a_b.example.com/", "https://a_b.example.com/", 0},
		{"https://example.com./", "https://example.com./", 0},
		/* IPv4 and IPv6 as WHATWG reads and writes them */
		{"http://192.168.0.1/", "http://192.168.0.1/", 0},
		{"http://0x7f.1/", "http://127.0.0.1/", 0},
		{"http://0300.0250.0.1/", "http://192.168.0.1/", 0},
		{"http://2130706433/", "http://127.0.0.1/", 0},
		{"http://[::1]:8080/", "http://[::1]:8080/", 0},
		{"http://[2001:DB8:0:0:1:0:0:1]/", "http://[2001:db8::1:0:0:1]/", 0},
		{"http://[0:0:0:0:0:ffff:1.2.3.4]/", "http://[::ffff:102:304]/", 0},
		/* port */
		{"https://example.com:443/", "https://example.com/", 0},
		{"http://example.com:0080/", "http://example.com/", 0},
		{"http://example.com:8080/", "http://example.com:8080/", 0},
		{"http://example.com:/", "http://example.com/", 0},
		/* userinfo: the last '@' ends it */
		{"https://user:p@ss@example.com/", "https://user:p%40ss@example.com/", 0},
		{"https://@example.com/", "https://example.com/", 0},
		/* path, query, fragment percent-encoded */
		{"https://example.com/a b", "https://example.com/a%20b", 0},
		{"https://example.com/caf\xC3\xA9?q=\xC3\xA9#\xC3\xA9", "https://example.com/caf%C3%A9?q=%C3%A9#%C3%A9", 0},
		{"https://example.com/?q=a|b&c={d}", "https://example.com/?q=a%7Cb&c=%7Bd%7D", 0},
		{"https://example.com/a[1]", "https://example.com/a%5B1%5D", 0},
		{"https://example.com/%zz%20", "https://example.com/%25zz%20", 0},
		{"https://example.com/#a#b", "https://example.com/#a%23b", 0},
		{"https://example.com/\"x\"", "https://example.com/%22x%22", 0},
		/* mailto and other non-special schemes: characters encoded */
		{"mailto:a b@example.com", "mailto:a%20b@example.com", 0},
		{"MAILTO:me@example.com?subject=Hi there", "mailto:me@example.com?subject=Hi%20there", 0},
		{"mailto:j\xC3\xBCrgen@example.com", "mailto:j%C3%BCrgen@example.com", 0},
		{"tel:+1 555", "tel:+1%20555", 0},
		{"irc://irc.libera.chat/#c", "irc://irc.libera.chat/#c", 0},
		/* what cannot be made valid */
		{"https://.../x", NULL, URL_ELABEL},
		{"https://a..b/", NULL, URL_ELABEL},
		{"https://./", NULL, URL_ELABEL},
		{"https:/`example.com", NULL, URL_EHOST},
		{"https://exa mple.com/", NULL, URL_EHOST},
		{"https://exa%20mple.com/", NULL, URL_EHOST},
		{"https://ex%00ample.com/", NULL, URL_EHOST},
		{"https://%FF.com/", NULL, URL_EHOST},
		{"https://-ex.com/", NULL, URL_EHOST},
		{"https://ex-.com/", NULL, URL_EHOST},
		{"https://ex!.com/", NULL, URL_EHOST},
		{"https://example.1com/", NULL, URL_EHOST},
		{"https:///", NULL, URL_EHOSTEMPTY},
		{"https://", NULL, URL_EHOSTEMPTY},
		{"https://user@/", NULL, URL_EHOSTEMPTY},
		{"https://1.2.3.256/", NULL, URL_EIPV4},
		{"https://1.2.3.4.5/", NULL, URL_EIPV4},
		{"https://example.0x/", NULL, URL_EIPV4},
		{"https://example.09/", NULL, URL_EIPV4},
		{"https://[zz]/", NULL, URL_EIPV6},
		{"https://[::1/", NULL, URL_EIPV6},
		{"https://[1:2:3:4:5:6:7:8:9]/", NULL, URL_EIPV6},
		{"https://example.com:99999/", NULL, URL_EPORT},
		{"https://example.com:80a/", NULL, URL_EPORT},
		{"https://a:b:80/", NULL, URL_EPORT},
		{"https://\xE2\x80\x8B/", NULL, URL_ELABEL},
		{"https://\xE2\x80\x8E\xE2\x80\x8B.\xE2\x80\x8B/", NULL, URL_ELABEL},
		{"https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/", NULL, URL_ELONG},
		{"https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/",
		 "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/", 0},
		{"mailto:", NULL, URL_EEMPTY},
		{"mailto:#x", NULL, URL_EEMPTY},
		{"mailto:?to=a@example.com", "mailto:?to=a@example.com", 0},
		{"/relative/path", NULL, URL_ENOSCHEME},
		{"#frag", NULL, URL_ENOSCHEME},
		{"", NULL, URL_ENOSCHEME},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = (char *)"x";
		int rc = url_normalize(&got, cases[i].in);
		if (cases[i].out) {
			ok(rc == 0, "url_normalize case %zu succeeds", i);
			is_str(got, cases[i].out, cases[i].in);
		} else {
			ok(rc == cases[i].err && got == NULL, "url_normalize case %zu fails: %s", i,
			   url_strerror(cases[i].err));
			if (rc != cases[i].err)
				diag("'%s' gave %d (%s)", cases[i].in, rc, got ? got : "NULL");
		}
		free(got);
	}
	/* every failure says why */
	for (int e = URL_EEMPTY; e <= URL_ENOSCHEME; e++)
		ok(url_strerror(e) && *url_strerror(e), "url_strerror(%d) says why", e);
	/* a normalized URL normalizes to itself */
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *a, *b;
		if (!cases[i].out || url_normalize(&a, cases[i].in) != 0)
			continue;
		ok(url_normalize(&b, a) == 0 && strcmp(a, b) == 0, "url_normalize is idempotent on %s", a);
		free(a);
		free(b);
	}
}

static void test_scheme(void)
{
	ok(url_is_script("javascript:x") && url_is_script(" Java\tScript:x") && url_is_script("data:,x") &&
		   url_is_script("file:///etc/passwd") && url_is_script("vbscript:x"),
	   "url_is_script: scripts, data and files, as browsers read their schemes");
	ok(!url_is_script("x-app:open") && !url_is_script("https://x/") && !url_is_script("a.md"),
	   "url_is_script: not other schemes or references");
	char s[16];
	url_scheme(" FTP://x", s, sizeof s);
	is_str(s, "ftp", "url_scheme: lower-cased, leading space ignored");
	url_scheme("a/b:c", s, sizeof s);
	is_str(s, "", "url_scheme: a path is no scheme");
}

int main(void)
{
	test_split();
	test_predicates();
	test_resolve();
	test_url_classify();
	test_url_escape_decode();
	test_normalize();
	test_scheme();
	return done_testing();
}
