/* Unit tests of bookfile.h: sheaf.toml's books as options, its problems at
 * their line and column. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/bookfile.h"
#include "cli_fixture.h"
#include "fixture.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-bookfile-XXXXXX";

/* Writes text as S_tmp/name and reads it. */
static struct bookfile *S_read(const char *name, const char *text, struct diag_list *dl)
{
	fx_writes(S_tmp, name, text);
	char *path = path_join(S_tmp, name);
	struct bookfile *bf = NULL;
	bookfile_read(&bf, path, dl);
	free(path);
	return bf;
}

static void test_books(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct bookfile *bf = S_read("good.toml",
				     "# defaults\n"
				     "publisher = \"Bench Press\"\n"
				     "tag = [\"Tools\"]\n"
				     "output = \"books/all.epub\"\n"
				     "\n"
				     "[[book]]\n"
				     "name = \"career\"\n"
				     "tag = \"Career\"\n"
				     "title = \"Careers\"\n"
				     "output = \"books/career.epub\"\n"
				     "since = 2023-01-01\n"
				     "toc-depth = 3\n"
				     "drafts = true\n"
				     "date = 2024\n"
				     "\n"
				     "[[book]]\n"
				     "name = \"steps\"\n"
				     "series = \"First Steps\"\n"
				     "series-position = 2\n"
				     "creator = [\"Ada\", \"Bruno\"]\n",
				     &dl);
	if (!ok(bf != NULL, "a good file is read") || !is_int(dl.n, 0, "... without a word")) {
		for (size_t i = 0; i < dl.n; i++)
			diag("%d:%d %s", dl.v[i].line, dl.v[i].col, dl.v[i].message);
		bookfile_free(bf);
		diag_list_free(&dl);
		return;
	}
	is_int(bf->n, 2, "two books");
	is_str(bf->books[0].name, "career", "the first book's name");
	is_int(bookfile_find(bf, "STEPS", &dl), 1, "found by name, case aside");

	struct options cli, o;
	clifx_parse(&cli, NULL, (const char *const[]){NULL});
	is_int(bookfile_options(&o, bf, 0, &cli, &dl), 0, "book 1's options");
	is_str(o.title, "Careers", "title");
	fx_is_list(&o.sel.tags, "Career", "a book's list replaces the defaults'");
	is_str(o.publisher, "Bench Press", "a default applies");
	char *want = path_join(S_tmp, "books/career.epub");
	is_str(o.output, want, "a path is relative to the file's folder");
	free(want);
	is_int(o.toc_depth, 3, "an integer");
	ok(o.sel.drafts, "a boolean");
	fx_is_date(&o.sel.since, "2023-01-01", "a TOML date");
	is_str(o.date, "2024", "date as a TOML integer: a year");
	options_free(&o);
	is_int(bookfile_options(&o, bf, 1, &cli, &dl), 0, "book 2's options");
	fx_is_list(&o.sel.tags, "Tools", "the defaults' list when the book has none");
	fx_is_list(&o.creators, "Ada|Bruno", "an array");
	is_int(o.series_position, 2, "series-position");
	options_free(&o);
	options_free(&cli);

	/* The command line wins, a list included. */
	clifx_parse(&cli, NULL, (const char *const[]){"--title", "Mine", "--tag", "Other", "--toc-depth", "1", NULL});
	is_int(bookfile_options(&o, bf, 0, &cli, &dl), 0, "with options on the command line");
	is_str(o.title, "Mine", "--title overrides the book's");
	fx_is_list(&o.sel.tags, "Other", "--tag replaces the book's tags");
	is_int(o.toc_depth, 1, "--toc-depth overrides");
	is_str(o.publisher, "Bench Press", "what the command line does not give comes from the file");
	options_free(&o);
	options_free(&cli);

	/* A check over several options, at the book's table. */
	clifx_parse(&cli, NULL, (const char *const[]){"--series", "A", "--series", "B", NULL});
	is_int(bookfile_options(&o, bf, 1, &cli, &dl), -1, "two series and a series-position: refused");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "good.toml", "series-position needs exactly one series", 16), 1,
	       "... at the [[book]] line");
	options_free(&cli);
	diag_list_free(&dl);

	is_int(bookfile_find(bf, "carrer", &dl), -1, "an unknown name");
	ok(fx_has_diag(&dl, DIAG_ERROR, "good.toml", "no book named 'carrer'; did you mean 'career'? "
						   "(the books: career, steps)"),
	   "did you mean, and the names");
	diag_list_free(&dl);
	bookfile_free(bf);
}

static void test_problems(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct bookfile *bf = S_read("bad.toml",
				     "titel = \"x\"\n"
				     "[[book]]\n"
				     "name = \"a\"\n"
				     "toc-depth = \"3\"\n"
				     "drafts = \"yes\"\n"
				     "  jobs = 2\n"
				     "output = \"same.epub\"\n"
				     "[[book]]\n"
				     "name = \"A\"\n"
				     "output = \"./same.epub\"\n"
				     "until = \"someday\"\n"
				     "[[book]]\n"
				     "tag = [\"x\", 1]\n"
				     "sub.jobs = 1\n",
				     &dl);
	ok(bf == NULL, "a file with problems is refused");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "unknown key 'titel'; did you mean 'title'?", 1), 1,
	       "an unknown key, with the nearest");
	ok(dl.n && dl.v[0].col == 1, "... at its column");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "toc-depth: a whole number is expected", 4), 1,
	       "a string for a number");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "drafts: true or false is expected", 5), 1,
	       "a string for a flag");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "'jobs' is an option of the command line", 6), 1,
	       "an option a book cannot set");
	bool col3 = false;
	for (size_t i = 0; i < dl.n; i++)
		col3 |= dl.v[i].line == 6 && dl.v[i].col == 3;
	ok(col3, "... at the key's column");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "a second book named 'A'", 9), 1, "two books of one name");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "book 'A' writes './same.epub', as book 'a' does (line 7)", 10),
	       1, "two books, one output, each named");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "until: 'someday' is not a date", 11), 1,
	       "a value the option refuses, in its words");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "this book has no name", 12), 1, "a book without a name");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "tag: a string or an array of strings", 13), 1,
	       "an array holding a number");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "bad.toml", "unknown table 'sub'", 14), 1, "a table of its own");
	diag_list_free(&dl);

	ok(S_read("none.toml", "title = \"x\"\n", &dl) == NULL, "no [[book]]: refused");
	ok(fx_has_diag(&dl, DIAG_ERROR, "none.toml", "no [[book]] table"), "... saying so");
	diag_list_free(&dl);
	ok(S_read("syntax.toml", "[[book]]\nname = \"a\n", &dl) == NULL, "TOML that does not parse");
	is_int(fx_count_diag(&dl, DIAG_ERROR, "syntax.toml", "", 2), 1, "... at its line");
	diag_list_free(&dl);
	ok(S_read("table.toml", "[book]\nname = \"a\"\n", &dl) == NULL, "[book], not [[book]]");
	ok(fx_has_diag(&dl, DIAG_ERROR, "table.toml", "write each as [[book]]"), "... saying how");
	diag_list_free(&dl);
}

int main(void)
{
	if (!mkdtemp(S_tmp))
		return 1;
	test_books();
	test_problems();
	fx_rm_rf(S_tmp);
	return done_testing();
}
