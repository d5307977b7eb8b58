/* Unit tests of cli.h: the metadata options, the one table of keys. */
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "cli_fixture.h"
#include "tap.h"

static void S_date(const char *arg, const char *expected)
{
	struct options o;
	char *msg;
	enum cli_result r = clifx_parse(&o, &msg, (const char *const[]){"--date", arg, NULL});
	char name[96];
	if (expected) {
		snprintf(name, sizeof name, "--date %s → %s", arg, expected);
		ok(r == CLI_RUN && strcmp(o.date, expected) == 0, "%s", name);
		if (strcmp(o.date, expected) != 0)
			diag("got '%s'", o.date);
	} else {
		snprintf(name, sizeof name, "--date %s refused, naming the option", arg);
		ok(r == CLI_USAGE && msg && strstr(msg, "--date: '"), "%s", name);
	}
	free(msg);
	options_free(&o);
}

int main(void)
{
	S_date("2024", "2024");
	S_date("2024-05", "2024-05");
	S_date("2024-05-01", "2024-05-01");
	S_date("2024-05-01T09:30:00+02:00", "2024-05-01T07:30:00Z");
	S_date("2024-05-01T09:30", "2024-05-01T09:30:00Z");
	S_date("2024-13", NULL);
	S_date("2024-02-30", NULL);
	S_date("May 2024", NULL);
	S_date("24", NULL);

	struct options o;
	char *msg;
	is_int(clifx_parse(&o, &msg,
		       (const char *const[]){"--publisher", "P", "--rights", "R", "--description", "D", NULL}),
	       CLI_RUN, "--publisher, --rights, --description");
	is_str(o.publisher, "P", "publisher");
	is_str(o.rights, "R", "rights");
	is_str(o.description, "D", "description");
	ok(o.given[cli_key_find("rights") - cli_keys()], "given says which keys the command line gave");
	ok(!o.given[cli_key_find("title") - cli_keys()], "... and which it did not");
	is_str(o.date, "", "no --date: empty");
	free(msg);
	options_free(&o);

	const struct cli_key *k = cli_key_find("toc-depth");
	ok(k && k->book && k->number, "toc-depth: a book's, a number");
	k = cli_key_find("jobs");
	ok(k && !k->book, "jobs: the command line's only");
	is_str(cli_key_near("titel", true), "title", "the nearest key");
	ok(cli_key_near("jobz", true) == NULL, "... of a book's keys only");
	is_str(cli_key_near("jobz", false), "jobs", "... or of all");

	/* A key set the way a book file does, its problem at the file's place. */
	struct diag_list dl = DIAG_LIST_INIT;
	options_init(&o);
	is_int(cli_set(&o, cli_key_find("order"), "sideways", "b.toml", 3, 9, &dl), -1, "a bad value refused");
	ok(dl.n == 1 && dl.v[0].line == 3 && dl.v[0].col == 9 && strcmp(dl.v[0].file, "b.toml") == 0,
	   "... at the file's line and column");
	is_str(dl.n ? dl.v[0].message : NULL, "order: 'sideways' is not one of oldest, newest, title",
	       "... under the key's name");
	is_int(cli_set(&o, cli_key_find("drafts"), "true", "b.toml", 4, 10, &dl), 0, "a flag set true");
	ok(o.sel.drafts, "... drafts");
	options_free(&o);
	diag_list_free(&dl);

	is_int(clifx_parse(&o, &msg, (const char *const[]){"--book-file", "x.toml", NULL}), CLI_USAGE,
	       "--book-file alone");
	like(msg, "--book NAME or --all-books", "... says what else is needed");
	free(msg);
	options_free(&o);
	is_int(clifx_parse(&o, &msg, (const char *const[]){"--book", "a", "--all-books", NULL}), CLI_USAGE,
	       "--book and --all-books together");
	free(msg);
	options_free(&o);
	return done_testing();
}
