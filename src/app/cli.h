/* cli.h — command-line options → one struct options.
 *
 * One table of keys serves the command line and the book file (bookfile.h):
 * a book file's key is a long option's name, read by the same code, so the
 * two cannot drift apart. cli_parse reports usage problems into a
 * diag_list; main prints them and exits with status 2. options_free
 * releases what parsing allocated; the strings an options struct points to
 * (argv's, a book file's) are borrowed and outlive it.
 */
#ifndef SHEAF_CLI_H
#define SHEAF_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "input/select.h"
#include "base/util.h"

/* How many keys the table may hold (struct options' given). */
#define CLI_MAX_KEYS 64

struct options {
	const char *site;
	const char *output; /* -o; "-" is standard output */
	const char *title, *subtitle, *language;
	struct strvec creators;
	const char *templates;
	const char *cover; /* --cover FILE, checked when the book is made */
	const char *generator;
	const char *site_url; /* --site-url: the live site when its config names none */
	/* --description, --publisher, --rights: the book's dc: metadata;
	 * NULL: the site's description and copyright, no publisher. */
	const char *description, *publisher, *rights;
	/* --date, as the OPF writes it: YYYY, YYYY-MM, YYYY-MM-DD, or a UTC
	 * date-time YYYY-MM-DDThh:mm:ssZ; "" when not given (the newest
	 * post's day). */
	char date[24];
	struct selection sel;
	int toc_depth;
	size_t max_post_size; /* 0: the site layer's default */
	int series_position;  /* --series-position; 0 when not given */
	int jobs;             /* -j; 0: one per online CPU */
	bool list, quiet, verbose, keep_going;
	/* --list-tags, --list-categories, --list-series, --list-authors:
	 * 1 + the enum sel_kind listed; 0 when none was given. */
	int list_values;
	bool force; /* -f: replace an output file sheaf did not write */
	bool offline; /* remote images from the cache only */
	int fetch_timeout; /* --fetch-timeout seconds; 0: fetch.h's budget */
	int warnings;      /* --warnings: an enum diag_warnings; -1 when not given */
	struct strvec books;   /* --book NAME (repeatable) */
	bool all_books;        /* --all-books */
	const char *book_file; /* --book-file PATH, or NULL: the site's sheaf.toml */
	/* Which keys (cli_keys' index) the command line gave: they override
	 * a book file's. */
	bool given[CLI_MAX_KEYS];
};

enum cli_result { CLI_RUN, CLI_DONE, CLI_USAGE };

/* Parses argv. CLI_DONE: --help or --version was printed to out. */
enum cli_result cli_parse(struct options *o, int argc, char **argv, FILE *out,
			  struct diag_list *dl);
/* The defaults, as cli_parse starts from. */
void options_init(struct options *o);
void options_free(struct options *o);
/* A deep copy of src into dst (freed with options_free); strings stay
 * borrowed. */
void options_copy(struct options *dst, const struct options *src);

/* A key: a long option, and what a book file may do with it. */
enum cli_key_type {
	CLI_FLAG,  /* no value (a book file: true or false) */
	CLI_VALUE, /* one value; given again, the last one counts */
	CLI_LIST,  /* repeatable (a book file: a string or an array of them) */
};
struct cli_key {
	const char *name; /* the long option without "--", the book file's key */
	enum cli_key_type type;
	int code;         /* getopt's */
	bool book;        /* a [[book]] of a book file may set it */
	bool path;        /* a path: a book file's is relative to the file's folder */
	bool number;      /* a whole number: a book file writes it as an integer */
	bool date;        /* a date: a book file may write it as a TOML date */
};
/* Every key, in the order --help lists them, ending with name NULL. */
const struct cli_key *cli_keys(void);
/* The key named name, or NULL. */
const struct cli_key *cli_key_find(const char *name);
/* The name of the key nearest to a misspelt one (at most two edits away;
 * with book, of the keys a book may set), or NULL: for "did you mean". */
const char *cli_key_near(const char *name, bool book);
/* Sets key k of o from value as the command line does with --NAME value
 * (a flag: "true" or "false"). Problems are reported at file:line:col
 * (file NULL: the command line's) under the key's name ("since: …"; on
 * the command line "--since: …"). Returns 0, or -1 after an error. */
int cli_set(struct options *o, const struct cli_key *k, const char *value, const char *file, int line, int col,
	    struct diag_list *dl);
/* Empties a CLI_LIST key's values (a book's list replaces the defaults'). */
void cli_clear(struct options *o, const struct cli_key *k);
/* The checks that look at several options together (--series-position
 * needs one --series, --since after --until, -o - on a terminal),
 * reported at file:line:col as cli_set does. Returns 0, or -1 after an
 * error. */
int cli_check(const struct options *o, const char *file, int line, int col, struct diag_list *dl);

#endif
