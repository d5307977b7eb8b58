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

/* text_clean_fields: the metadata path's rule is the chapter path's. */
static void S_fields(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *v[] = {xstrdup("Clear\x1b[2J\x1b]2;x\x07" "end"), NULL, xstrdup("caf\xc3\xa9 \xf0\x9f\x98\x80"),
		     xstrdup("a\xef\xbf\xbe" "b\x01")};
	char *clean = v[2];
	text_clean_fields(v, 4, "tags", "p.md", &dl);
	is_str(v[0], "Clear\xef\xbf\xbd[2J\xef\xbf\xbd]2;x\xef\xbf\xbd" "end", "ESC and BEL become U+FFFD, the words stay");
	ok(v[1] == NULL, "a NULL field stays NULL");
	ok(v[2] == clean, "a clean field is not copied");
	is_str(v[3], "a\xef\xbf\xbd" "b\xef\xbf\xbd", "U+FFFE and U+0001 become U+FFFD");
	is_int((long long)dl.n, 1, "one warning for the field");
	if (dl.n) {
		is_str(dl.v[0].message, "tags: control character U+001B replaced: XML cannot hold it",
		       "it names the field and the first character");
		is_str(dl.v[0].file, "p.md", "under the file");
	}
	diag_list_free(&dl);
	char *w[] = {xstrdup("x\xef\xbf\xbfy"), xstrdup("bad\xff")};
	text_clean_fields(w, 1, "title", NULL, &dl);
	is_str(w[0], "x\xef\xbf\xbdy", "U+FFFF becomes U+FFFD");
	is_str(dl.n ? dl.v[0].message : "", "title: character U+FFFF replaced: XML cannot hold it", "named as a character");
	diag_list_free(&dl);
	text_clean_fields(w + 1, 1, "author", NULL, &dl);
	is_str(w[1], "bad\xef\xbf\xbd", "invalid UTF-8 becomes U+FFFD");
	is_str(dl.n ? dl.v[0].message : "", "author: invalid UTF-8 replaced by U+FFFD", "and says so");
	diag_list_free(&dl);
	for (size_t i = 0; i < 4; i++)
		free(v[i]);
	free(w[0]);
	free(w[1]);
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
	S_fields();
	return done_testing();
}
