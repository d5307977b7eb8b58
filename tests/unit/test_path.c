/* Unit tests of path.h: the one confinement rule for what a site makes
 * sheaf read. */
#define _DEFAULT_SOURCE /* mkdtemp, symlink */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "base/path.h"

static void test_check_rel(void)
{
	static const struct {
		const char *rel;
		enum path_refusal want;
		const char *name;
	} cases[] = {
		{"docs/a.md", PATH_OK, "a plain path"},
		{"./docs/../a.md", PATH_OK, "dot and dot-dot that stay inside"},
		{".git/config", PATH_HIDDEN, ".git/config is hidden"},
		{".env", PATH_HIDDEN, ".env is hidden"},
		{"docs/.secret/x", PATH_HIDDEN, "a hidden folder deep down"},
		{"docs/.git/../a.md", PATH_HIDDEN, "a hidden folder taken back by .. still counts"},
		{"CVS/Root", PATH_VCS, "CVS is a version-control folder"},
		{"a/_darcs/x", PATH_VCS, "_darcs is one"},
		{"../outside", PATH_OUTSIDE, "a leading .. leaves"},
		{"a/../../outside", PATH_OUTSIDE, "a later .. that climbs above leaves"},
		{"/etc/passwd", PATH_OUTSIDE, "an absolute path leaves"},
		{"../.hidden/x", PATH_HIDDEN, "a hidden part is said before a climb"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		is_int(path_check_rel(cases[i].rel), cases[i].want, cases[i].name);
	ok(strstr(path_refusal_why(PATH_HIDDEN), "hidden") != NULL, "the reason names it");
}

static void test_confine(void)
{
	char tmpl[] = "/tmp/sheaf-path-XXXXXX";
	char *base = mkdtemp(tmpl);
	ok(base != NULL, "temporary folder");
	if (!base)
		return;
	/* The root itself may be hidden. */
	char *root = path_join(base, ".site");
	char *outside = path_join(base, "outside.txt");
	fx_writes(root, "docs/post.md", "post");
	fx_writes(root, ".git/config", "url = https://x:SECRET-TOKEN-123@example.com/r");
	fx_writes(root, ".env", "TOKEN=SECRET-TOKEN-123");
	fx_writes(base, "outside.txt", "SECRET-TOKEN-123");
	char *p;
	ok(symlink("../.env", p = path_join(root, "docs/env.md")) == 0, "a symlink into a hidden file");
	free(p);
	ok(symlink(outside, p = path_join(root, "docs/out.md")) == 0, "a symlink out of the site");
	free(p);
	ok(symlink("nowhere.md", p = path_join(root, "docs/dangling.md")) == 0, "a dangling symlink");
	free(p);
	ok(mkfifo(p = path_join(root, "docs/fifo.md"), 0600) == 0, "a FIFO");
	free(p);

	char real[PATH_MAX];
	is_int(path_confine(real, root, NULL, "docs/post.md", false), PATH_OK, "a post below a hidden root");
	ok(strstr(real, "/.site/docs/post.md") != NULL, "its real path");
	is_int(path_confine(real, root, NULL, "docs", true), PATH_OK, "a folder, asked for");
	is_int(path_confine(real, root, NULL, "docs", false), PATH_NOT_FILE, "a folder where a file is asked for");
	is_int(path_confine(real, root, NULL, ".git/config", false), PATH_HIDDEN, ".git/config refused");
	is_int(path_confine(real, root, NULL, "docs/env.md", false), PATH_HIDDEN,
	       "a symlink leading to .env refused as hidden");
	is_int(path_confine(real, root, NULL, "docs/out.md", false), PATH_OUTSIDE, "a symlink out refused");
	is_int(path_confine(real, root, NULL, "../outside.txt", false), PATH_OUTSIDE, "../ refused");
	is_int(path_confine(real, root, NULL, "docs/dangling.md", false), PATH_MISSING, "a dangling symlink");
	is_int(path_confine(real, root, NULL, "docs/fifo.md", false), PATH_NOT_FILE, "a FIFO is no file");

	char *text = NULL;
	size_t len = 0;
	int err;
	/* A read that blocked would hang here, until the test's timeout. */
	is_int(path_read_confined(root, NULL, "docs/fifo.md", 0, &text, &len, &err), PATH_NOT_FILE,
	       "a FIFO is not read");
	ok(text == NULL, "and nothing is read from it");
	/* read_file itself never blocks on one either. */
	char *fifo = path_join(root, "docs/fifo.md");
	is_int(read_file(fifo, &text, &len), -EINVAL, "read_file refuses a FIFO without blocking");
	free(fifo);
	is_int(path_read_confined(root, NULL, "docs/post.md", 0, &text, &len, &err), PATH_OK, "a post is read");
	is_str(text, "post", "its text");
	free(text);
	is_int(path_read_confined(root, NULL, ".env", 0, &text, &len, &err), PATH_HIDDEN, ".env is not read");
	ok(text == NULL, "nothing read");

	fx_rm_rf(base);
	free(root);
	free(outside);
}

int main(void)
{
	test_check_rel();
	test_confine();
	return done_testing();
}
