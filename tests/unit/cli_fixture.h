/* cli_fixture.h — the command line of the tests of app/ (test_cli,
 * test_bookfile). Static inline, as in fixture.h.
 *
 *   clifx_parse(o, msg, args)   cli_parse of "sheaf" and args (NULL-
 *                               terminated, at most 14) into o; the first
 *                               message, if any, in *msg (malloc'd; msg may
 *                               be NULL); returns cli_parse's result
 */
#ifndef SHEAF_TEST_CLI_FIXTURE_H
#define SHEAF_TEST_CLI_FIXTURE_H

#include <stdio.h>

#include "app/cli.h"

static inline enum cli_result clifx_parse(struct options *o, char **msg, const char *const *args)
{
	char *argv[16];
	int argc = 0;
	argv[argc++] = (char *)"sheaf";
	for (; *args && argc < 15; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	FILE *null = fopen("/dev/null", "w");
	enum cli_result r = cli_parse(o, argc, argv, null, &dl);
	fclose(null);
	if (msg)
		*msg = dl.n ? xstrdup(dl.v[0].message) : NULL;
	diag_list_free(&dl);
	return r;
}

#endif
