/* Unit tests of url.h: classification, escaping, decoding. */
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

int main(void)
{
	test_url_classify();
	test_url_escape_decode();
	return done_testing();
}
