/* Unit tests of diag.h: adding, counting, merging and printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "tap.h"

/* What diag_print writes, as a malloc'd string. */
static char *S_printed(const struct diag_list *dl, bool with_warnings)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag_print(dl, f, false, with_warnings);
	fclose(f);
	return buf;
}

/* diag_escape of s, as a malloc'd string. */
static char *S_escaped(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	diag_escape(&sb, s);
	return sb_detach(&sb);
}

static void S_escape_is(const char *in, const char *want, const char *name)
{
	char *got = S_escaped(in);
	is_str(got, want, name);
	free(got);
}

static void S_escaping(void)
{
	S_escape_is("plain, \u00e9t\u00e9 \u65e5\u672c \U0001F600 ~", "plain, \u00e9t\u00e9 \u65e5\u672c \U0001F600 ~",
		    "ordinary UTF-8 (\u00e9, CJK, emoji) is shown as it is");
	S_escape_is("a\x1b[2Jb\x1b]2;x\x07" "c", "a\\x1b[2Jb\\x1b]2;x\\x07c", "ESC and BEL become \\x1b, \\x07");
	S_escape_is("\x01\x1f\x7f", "\\x01\\x1f\\x7f", "C0 controls and DEL");
	S_escape_is("t\tn\nr\r", "t\\tn\\nr\\r", "tab, line feed, carriage return: no new line");
	S_escape_is("\xc2\x80\xc2\x9b[2J\xc2\x9f\u00a0", "\\u0080\\u009b[2J\\u009f\u00a0",
		    "C1 controls (CSI among them) escaped, U+00A0 kept");
	S_escape_is("\u202a\u202e\u2066\u2069|\u2029\u200f", "\\u202a\\u202e\\u2066\\u2069|\u2029\u200f",
		    "bidi embeddings, overrides, isolates (Trojan Source)");
	S_escape_is("\xff\xc3(\xe6\x97", "\\xff\\xc3(\\xe6\\x97", "invalid UTF-8: each byte as \\xNN");
	S_escape_is("\xed\xa0\x80", "\\xed\\xa0\\x80", "a UTF-8-encoded surrogate is invalid");
	S_escape_is("back\\slash", "back\\slash", "a backslash is shown as it is");

	/* Printed: file and message escaped, each entry one line. */
	struct diag_list dl = DIAG_LIST_INIT;
	diag_warning(&dl, "posts/a\nb\x1b.md", 2, 1, "title '%s' is long", "x\ny\x07");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag_print(&dl, f, true, true);
	fclose(f);
	is_str(buf, "\033[1mposts/a\\nb\\x1b.md:2:1: \033[35mwarning:\033[0m title 'x\\ny\\x07' is long\n",
	       "diag_print escapes file and message, keeps its own colours");
	free(buf);
	diag_list_free(&dl);

	f = open_memstream(&buf, &len);
	diag_note(f, "reading the %s site in %s/", "hugo", "docs\x1b]2;x\x07");
	fclose(f);
	is_str(buf, "sheaf: reading the hugo site in docs\\x1b]2;x\\x07/\n", "diag_note escapes what it names");
	free(buf);
}

int main(void)
{
	S_escaping();
	struct diag_list dl = DIAG_LIST_INIT;
	char file[] = "posts/a.md";
	diag_error(&dl, file, 3, 7, "bad %s", "thing");
	file[0] = 'X'; /* the list keeps its own copy */
	diag_warning(&dl, NULL, 0, 0, "run-wide %d", 1);
	diag_warning(&dl, "b.md", 5, 0, "no column");
	is_int(dl.n, 3, "three diagnostics added");
	is_int(diag_count(&dl, DIAG_ERROR), 1, "one error");
	is_int(diag_count(&dl, DIAG_WARNING), 2, "two warnings");
	is_str(dl.v[0].file, "posts/a.md", "file name is copied");
	is_str(dl.v[0].message, "bad thing", "message is formatted");
	ok(dl.v[1].file == NULL, "a NULL file stays NULL");

	char *out = S_printed(&dl, true);
	is_str(out,
	       "posts/a.md:3:7: error: bad thing\n"
	       "sheaf: warning: run-wide 1\n"
	       "b.md:5: warning: no column\n",
	       "diag_print: file:line:col, in order added");
	free(out);
	out = S_printed(&dl, false);
	is_str(out, "posts/a.md:3:7: error: bad thing\n", "diag_print without warnings");
	free(out);

	struct diag_list other = DIAG_LIST_INIT;
	for (int i = 0; i < 20; i++)
		diag_error(&other, "c.md", i + 1, 0, "e%d", i);
	diag_merge(&dl, &other);
	is_int(dl.n, 23, "merge moves every entry");
	ok(other.n == 0 && other.v == NULL, "merge leaves the source empty");
	is_str(dl.v[22].message, "e19", "merged entries keep their order");
	is_int(dl.v[22].line, 20, "merged entries keep their line");
	diag_list_free(&other);
	diag_truncate(&dl, 2);
	is_int(dl.n, 2, "truncate takes back what came after");
	is_str(dl.v[1].message, "run-wide 1", "and keeps what came before");
	diag_truncate(&dl, 5);
	is_int(dl.n, 2, "truncating past the end changes nothing");
	diag_list_free(&dl);
	ok(dl.n == 0 && dl.v == NULL, "free resets the list");

	/* Sorted by file, line, column; ties keep their order; run-wide last. */
	diag_warning(&dl, NULL, 0, 0, "run");
	diag_warning(&dl, "b.md", 9, 0, "b9");
	diag_warning(&dl, "a.md", 7, 2, "a7-first");
	diag_error(&dl, "a.md", 3, 0, "a3");
	diag_warning(&dl, "a.md", 7, 2, "a7-second");
	diag_sort(&dl);
	out = S_printed(&dl, true);
	is_str(out,
	       "a.md:3: error: a3\n"
	       "a.md:7:2: warning: a7-first\n"
	       "a.md:7:2: warning: a7-second\n"
	       "b.md:9: warning: b9\n"
	       "sheaf: warning: run\n",
	       "diag_sort: by file and position, stable, run-wide last");
	free(out);
	diag_list_free(&dl);
	return done_testing();
}
