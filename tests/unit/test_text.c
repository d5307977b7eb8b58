/* Unit tests of src/base/text.c: the bytes of a post file → clean UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "tap.h"
#include "base/text.h"

static char *S_conv(const char *in, size_t len, struct diag_list *dl)
{
	char *out;
	size_t out_len;
	text_to_utf8(&out, &out_len, in, len, "p.md", dl);
	if (strlen(out) != out_len)
		diag("output holds a NUL byte");
	return out;
}

static void S_is(const char *in, size_t len, const char *want, size_t nwarn, int line, int col, const char *name)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *out = S_conv(in, len, &dl);
	is_str(out, want, name);
	is_int((long long)dl.n, (long long)nwarn, "  its warnings");
	if (nwarn && dl.n)
		ok(dl.v[0].line == line && dl.v[0].col == col && dl.v[0].severity == DIAG_WARNING,
		   "  the first at %d:%d (got %d:%d)", line, col, dl.v[0].line, dl.v[0].col);
	free(out);
	diag_list_free(&dl);
}

#define IS(in, ...) S_is((in), sizeof(in) - 1, __VA_ARGS__)

int main(void)
{
	IS("caf\xc3\xa9 \xe2\x82\xac\n", "caf\xc3\xa9 \xe2\x82\xac\n", 0, 0, 0, "UTF-8 as it is");
	IS("\xef\xbb\xbfhi\r\n", "hi\r\n", 0, 0, 0, "a UTF-8 BOM removed, CRLF kept");
	IS("\xff\xfeh\0i\0", "hi", 0, 0, 0, "UTF-16 LE");
	IS("\xfe\xff\0h\0i", "hi", 0, 0, 0, "UTF-16 BE");
	IS("\xff\xfe\x3d\xd8\x00\xde", "\xf0\x9f\x98\x80", 0, 0, 0, "UTF-16 surrogate pair");
	IS("\xff\xfe\x00\xd8h\0", "\xef\xbf\xbdh", 1, 0, 0, "UTF-16 unpaired surrogate");
	IS("ab\ncd\xff\xfe ef", "ab\ncd\xef\xbf\xbd\xef\xbf\xbd ef", 1, 2, 3, "invalid UTF-8 bytes, one warning at the first");
	IS("a\0b", "a\xef\xbf\xbd" "b", 1, 1, 2, "NUL does not truncate");
	/* Regression: libxml2's HTML parser dropped the rest of an element
	 * after an XML-invalid character in an attribute. */
	IS("x\n<p title=\"a\xef\xbf\xbf" "b\">words</p>", "x\n<p title=\"a\xef\xbf\xbd" "b\">words</p>", 1, 2, 12,
	     "U+FFFF becomes U+FFFD, with its position");
	IS("a\x01" "b\x1b[0m\xef\xbf\xbe", "a\xef\xbf\xbd" "b\xef\xbf\xbd[0m\xef\xbf\xbd", 1, 1, 2,
	     "C0 controls and U+FFFE become U+FFFD, one warning");
	IS("page\fbreak\vtab\tok", "page break tab\tok", 1, 1, 5, "form feed and vertical tab become spaces");
	IS("\xff\xfe\x01\x00" "a\0", "\xef\xbf\xbd" "a", 1, 0, 0, "UTF-16: a control character too");
	return done_testing();
}
