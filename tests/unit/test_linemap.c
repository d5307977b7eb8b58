/* Unit tests of src/base/linemap.c: lines of a rewritten text mapped back to
 * the original's. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/linemap.h"
#include "tap.h"

static void S_check(const char *orig, const char *rewritten, const int *want, size_t n, const char *name)
{
	struct linemap m = LINEMAP_INIT;
	linemap_build(&m, orig, strlen(orig), rewritten, strlen(rewritten));
	bool same = m.n == n;
	for (size_t i = 0; same && i < n; i++)
		same = m.line[i] == want[i];
	if (!ok(same, "%s", name)) {
		for (size_t i = 0; i < m.n; i++)
			diag("rewritten line %zu → %d (want %d)", i + 1, m.line[i], i < n ? want[i] : -1);
	}
	linemap_free(&m);
}

int main(void)
{
	const char *same = "a\nb\n\nc\n";
	S_check(same, same, (const int[]){1, 2, 3, 4}, 4, "an unchanged text maps to itself");

	/* An MkDocs admonition: a <div> and a title line made up, the body
	 * de-indented, a closing </div> added. */
	const char *orig = "Intro\n"                 /* 1 */
			   "\n"                      /* 2 */
			   "!!! note \"One\"\n"      /* 3 */
			   "    Body line\n"         /* 4 */
			   "\n"                      /* 5 */
			   "After\n";                /* 6 */
	const char *rew = "Intro\n"
			  "\n"
			  "<div class=\"admonition note\">\n"
			  "<p class=\"admonition-title\">One</p>\n"
			  "\n"
			  "Body line\n"
			  "\n"
			  "</div>\n"
			  "\n"
			  "After\n";
	S_check(orig, rew, (const int[]){1, 2, 3, 3, 3, 4, 5, 5, 5, 6}, 10,
		"an admonition: made-up lines at the box's line, the body and what follows in place");

	/* A shortcode changed inside a line, a closing tag removed. */
	const char *o2 = "x {{< b >}}y{{< /b >}}\n{{< note >}}\ntext\n{{< /note >}}\nend\n";
	const char *r2 = "x **y**\n<div>\n\ntext\n\n</div>\nend\n";
	S_check(o2, r2, (const int[]){1, 2, 2, 3, 3, 4, 5}, 7, "shortcodes: changed lines in place, lines after them too");

	struct linemap m = LINEMAP_INIT;
	is_int(linemap_get(&m, 7), 7, "an empty map gives the line back");
	linemap_build(&m, "", 0, "", 0);
	is_int((long long)m.n, 0, "an empty text has no lines");
	is_int(linemap_get(&m, 3), 3, "out of range: the line itself");
	linemap_free(&m);

	/* Linear: a long text with every line changed still maps in order. */
	size_t n = 20000;
	char *big = malloc(n * 4 + 1), *big2 = malloc(n * 5 + 1);
	for (size_t i = 0; i < n; i++) {
		memcpy(big + i * 4, "abc\n", 4);
		memcpy(big2 + i * 5, "xabc\n", 5);
	}
	big[n * 4] = big2[n * 5] = '\0';
	linemap_build(&m, big, n * 4, big2, n * 5);
	ok(m.n == n && m.line[0] == 1 && m.line[n - 1] == (int)n, "every line changed: each maps to its own place");
	linemap_free(&m);
	free(big);
	free(big2);
	return done_testing();
}
