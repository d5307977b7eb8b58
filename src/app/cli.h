/* cli.h — command-line options → one struct options.
 *
 * cli_parse reports usage problems into a diag_list; main prints them and
 * exits with status 2. options_free releases what parsing allocated.
 */
#ifndef SHEAF_CLI_H
#define SHEAF_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "input/select.h"
#include "base/util.h"

struct options {
	const char *site;
	const char *output; /* -o; "-" is standard output */
	const char *title, *subtitle, *language;
	struct strvec creators;
	const char *templates;
	const char *cover; /* --cover FILE, checked when the book is made */
	const char *generator;
	const char *site_url; /* --site-url: the live site when its config names none */
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
};

enum cli_result { CLI_RUN, CLI_DONE, CLI_USAGE };

/* Parses argv. CLI_DONE: --help or --version was printed to out. */
enum cli_result cli_parse(struct options *o, int argc, char **argv, FILE *out,
			  struct diag_list *dl);
void options_free(struct options *o);

#endif
