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

int main(void)
{
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
