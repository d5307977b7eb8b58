/* Unit tests of utf8.h: decoding, encoding, case and classes. */
#include <string.h>

#include "base/utf8.h"
#include "tap.h"

static size_t S_dec(const char *s, unsigned *cp)
{
	return utf8_decode((const unsigned char *)s, strlen(s), cp);
}

static void test_decode(void)
{
	unsigned cp = 0;
	ok(S_dec("a", &cp) == 1 && cp == 'a', "decode: ASCII");
	ok(S_dec("\xC3\xA9", &cp) == 2 && cp == 0xE9, "decode: two bytes (é)");
	ok(S_dec("\xE2\x82\xAC", &cp) == 3 && cp == 0x20AC, "decode: three bytes (€)");
	ok(S_dec("\xF0\x9F\x98\x80", &cp) == 4 && cp == 0x1F600, "decode: four bytes (emoji)");
	is_int(S_dec("\xC0\xAF", &cp), 0, "decode: an overlong form is invalid");
	is_int(S_dec("\xED\xA0\x80", &cp), 0, "decode: a surrogate is invalid");
	is_int(S_dec("\xF4\x90\x80\x80", &cp), 0, "decode: above U+10FFFF is invalid");
	is_int(utf8_decode((const unsigned char *)"\xC3\xA9", 1, &cp), 0, "decode: cut short");
	is_int(S_dec("\xC3(", &cp), 0, "decode: a bad continuation byte");
	is_int(S_dec("", &cp), 0, "decode: NUL is 0");
	is_int(S_dec("\xC3\xA9", NULL), 2, "decode: cp may be NULL");
}

static void test_encode(void)
{
	char b[4];
	size_t n = utf8_encode(b, 'A');
	ok(n == 1 && b[0] == 'A', "encode: ASCII");
	n = utf8_encode(b, 0xE9);
	ok(n == 2 && memcmp(b, "\xC3\xA9", 2) == 0, "encode: é");
	n = utf8_encode(b, 0x20AC);
	ok(n == 3 && memcmp(b, "\xE2\x82\xAC", 3) == 0, "encode: €");
	n = utf8_encode(b, 0x1F600);
	ok(n == 4 && memcmp(b, "\xF0\x9F\x98\x80", 4) == 0, "encode: emoji");
	bool round = true;
	for (unsigned cp = 1; cp < 0x110000; cp += cp < 0x1000 ? 1 : 97) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		unsigned back = 0;
		n = utf8_encode(b, cp);
		if (utf8_decode((const unsigned char *)b, n, &back) != n || back != cp) {
			round = false;
			diag("U+%04X does not round-trip", cp);
			break;
		}
	}
	ok(round, "encode then decode gives the code point back");
}

static void test_classes(void)
{
	is_int(utf8_lower('A'), 'a', "lower: ASCII");
	is_int(utf8_lower(0xC9), 0xE9, "lower: É → é");
	is_int(utf8_lower(0xD7), 0xD7, "lower: × is not a letter");
	is_int(utf8_lower(0x100), 0x101, "lower: Ā → ā (Latin Extended-A, even capitals)");
	is_int(utf8_lower(0x139), 0x13A, "lower: Ĺ → ĺ (odd capitals)");
	is_int(utf8_lower(0x130), 0x130, "lower: İ is left (its lower case is two characters)");
	is_int(utf8_lower(0x3A3), 0x3C3, "lower: Σ → σ");
	is_int(utf8_lower(0x401), 0x451, "lower: Ё → ё");
	is_int(utf8_lower(0x416), 0x436, "lower: Ж → ж");
	is_int(utf8_lower(0x4E2D), 0x4E2D, "lower: a CJK ideograph is itself");

	ok(utf8_is_space(' ') && utf8_is_space(0xA0) && utf8_is_space(0x2003) && utf8_is_space(0x3000),
	   "space: ASCII, no-break, em space, ideographic space");
	ok(!utf8_is_space('a') && !utf8_is_space(0x200B), "space: letters and zero-width space are not");

	ok(utf8_is_punct('!') && utf8_is_punct('/') && !utf8_is_punct('a') && !utf8_is_punct(' '),
	   "punct: ASCII as ispunct");
	ok(utf8_is_punct(0xA9) && utf8_is_punct(0x2014) && utf8_is_punct(0x3002) &&
		   utf8_is_punct(0xFF01) && utf8_is_punct(0x1F600),
	   "punct: ©, em dash, ideographic full stop, full-width !, emoji");
	ok(!utf8_is_punct(0xE9) && !utf8_is_punct(0xAA) && !utf8_is_punct(0x4E2D) && !utf8_is_punct(0x301),
	   "punct: letters (é, ª, 中) and combining marks are not");
}

int main(void)
{
	test_decode();
	test_encode();
	test_classes();
	return done_testing();
}
