/* Unit tests of diag.h: adding, counting, merging and printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "tap.h"

/* What diag_print_ext writes with opts, as a malloc'd string. */
static char *S_printed_ext(const struct diag_list *dl, const struct diag_print_options *opts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag_print_ext(dl, f, opts);
	fclose(f);
	return buf;
}

/* What diag_print writes, as a malloc'd string: each entry, no count, no
 * path changed. */
static char *S_printed(const struct diag_list *dl, bool with_warnings)
{
	struct diag_print_options o = {.warnings = with_warnings ? DIAG_WARNINGS_ALL : DIAG_WARNINGS_NONE,
				       .each = true};
	return S_printed_ext(dl, &o);
}

/* Passes when diag_print_ext prints want. */
static void S_is_printed(const struct diag_list *dl, const struct diag_print_options *o, const char *want,
			 const char *name)
{
	char *out = S_printed_ext(dl, o);
	is_str(out, want, name);
	free(out);
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

/* One post showing a missing image five times among other warnings, one
 * more post with a warning, an error, a problem of the run: merged,
 * counted, each --warnings mode. */
static void S_merging(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	for (int i = 0; i < 5; i++)
		diag_warning(&dl, "/site/posts/a.md", 10 + i, 3, "image not found: x.png");
	diag_warning(&dl, "/site/posts/a.md", 12, 1, "image not found: y.png");
	diag_error(&dl, "/site/posts/a.md", 20, 0, "image not found: x.png");
	diag_warning(&dl, "/site/posts/b.md", 2, 0, "image not found: x.png");
	diag_warning(&dl, NULL, 0, 0, "cache unreadable");
	diag_warning(&dl, NULL, 0, 0, "cache unreadable");
	diag_sort(&dl);

	struct diag_print_options o = {.warnings = DIAG_WARNINGS_ALL, .summary = true};
	S_is_printed(&dl, &o,
		     "/site/posts/a.md:10:3: warning: image not found: x.png (5 times in this post)\n"
		     "/site/posts/a.md:12:1: warning: image not found: y.png\n"
		     "/site/posts/a.md:20: error: image not found: x.png\n"
		     "/site/posts/b.md:2: warning: image not found: x.png\n"
		     "sheaf: warning: cache unreadable (2 times in this run)\n"
		     "sheaf: 4 warnings in 2 files, 1 error; -v to see each repeat\n",
		     "all: repeats in a post merged at the first position, an error apart, other posts apart, a count");

	o.each = true;
	char *out = S_printed_ext(&dl, &o);
	ok(strstr(out, "a.md:14:3: warning: image not found: x.png\n") && !strstr(out, "times in"),
	   "each: every repeat on its own line");
	ok(strstr(out, "sheaf: 9 warnings in 2 files, 1 error\n") != NULL, "each: the count is of the lines shown");
	free(out);
	o.each = false;

	o.warnings = DIAG_WARNINGS_SUMMARY;
	S_is_printed(&dl, &o,
		     "/site/posts/a.md:20: error: image not found: x.png\n"
		     "sheaf: 4 warnings in 2 files, 1 error; --warnings=all to see each\n",
		     "summary: the errors and the count, with the hint");

	o.warnings = DIAG_WARNINGS_NONE;
	S_is_printed(&dl, &o, "/site/posts/a.md:20: error: image not found: x.png\n", "none: only the errors");

	/* Paths: from the current folder when below it, else from the site. */
	o = (struct diag_print_options){.warnings = DIAG_WARNINGS_NONE, .cwd = "/site", .root = "/site"};
	S_is_printed(&dl, &o, "posts/a.md:20: error: image not found: x.png\n", "a file below the current folder: relative to it");
	o.cwd = "/";
	S_is_printed(&dl, &o, "site/posts/a.md:20: error: image not found: x.png\n", "a site below the current folder");
	o.cwd = "/elsewhere";
	S_is_printed(&dl, &o, "posts/a.md:20: error: image not found: x.png\n",
		     "a site outside the current folder, named absolute: relative to the site");
	o.root = "/sit";
	S_is_printed(&dl, &o, "/site/posts/a.md:20: error: image not found: x.png\n",
		     "a file outside both: as named (/sit is no folder of /site)");
	diag_list_free(&dl);

	diag_warning(&dl, "../blog/c.md", 1, 0, "w");
	o = (struct diag_print_options){.warnings = DIAG_WARNINGS_ALL, .summary = true, .cwd = "/x", .root = "../blog"};
	S_is_printed(&dl, &o, "../blog/c.md:1: warning: w\nsheaf: 1 warning in 1 file\n",
		     "a relative path stays as the user named it; singular count");
	diag_list_free(&dl);

	diag_error(&dl, "c.md", 1, 0, "e");
	o.warnings = DIAG_WARNINGS_SUMMARY;
	S_is_printed(&dl, &o, "c.md:1: error: e\n", "no warnings: no count");
	diag_list_free(&dl);
}

int main(void)
{
	S_escaping();
	S_merging();
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
