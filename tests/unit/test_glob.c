/* Unit tests of src/base/glob.c: path patterns as picomatch reads them
 * (Astro's glob() loader). */
#include <stddef.h>

#include "base/glob.h"
#include "tap.h"

#define YES(p, s) ok(glob_match((p), (s)), "'%s' matches '%s'", (p), (s))
#define NO(p, s) ok(!glob_match((p), (s)), "'%s' does not match '%s'", (p), (s))

int main(void)
{
	YES("*.md", "a.md");
	NO("*.md", "x/a.md");
	NO("*.md", "a.mdx");
	YES("**/*.md", "a.md");
	YES("**/*.md", "x/y/a.md");
	YES("x/**/a.md", "x/a.md");
	YES("x/**", "x/y/z");
	NO("x/**", "x");
	NO("**/*.md", ".hidden/a.md");
	NO("*.md", ".a.md");
	YES(".*.md", ".a.md");
	YES("**/[^_]*.md", "notes/a.md");
	NO("**/[^_]*.md", "notes/_draft.md");
	NO("**/[!_]*.md", "_a.md");
	YES("**/[^_]*.{md,mdx}", "2024/b.mdx");
	NO("**/[^_]*.{md,mdx}", "2024/b.markdoc");
	YES("{a,b/{c,d}}/*.md", "b/d/x.md");
	YES("{a,b/{c,d}}/*.md", "a/x.md");
	NO("{a,b/{c,d}}/*.md", "b/x.md");
	YES("[a-c]?.md", "bz.md");
	NO("[a-c]?.md", "dz.md");
	NO("?.md", "/.md");
	YES("a\\*.md", "a*.md");
	NO("a\\*.md", "ab.md");
	YES("./*.md", "a.md");
	YES("{x}.md", "{x}.md");
	YES("[.md", "[.md");
	YES("*-*-*.md", "2024-01-02.md");
	NO("**/*.md", "a.md/");

	const char *list[] = {"**/*.md", "!drafts/**", "!**/_*"};
	ok(glob_match_list(list, 3, "a/b.md"), "a list: matched by one");
	ok(!glob_match_list(list, 3, "drafts/b.md"), "a list: a negation takes it out");
	ok(!glob_match_list(list, 3, "x/_b.md"), "a list: another negation");
	ok(!glob_match_list(list, 3, "b.mdx"), "a list: matched by none");
	/* Backtracking stays bounded. */
	NO("*a*a*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	return done_testing();
}
