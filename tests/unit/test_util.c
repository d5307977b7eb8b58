/* Unit tests of util.h: strbuf, strvec, string and path helpers. */
#define _DEFAULT_SOURCE /* realpath, mkdtemp, symlink */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "base/util.h"

static void test_strbuf(void)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "abc");
	sb_addc(&sb, '-');
	sb_add(&sb, "xyz123", 3);
	sb_addf(&sb, "%d/%s", 42, "q");
	is_str(sb.s, "abc-xyz42/q", "strbuf: adds, addc, add with length, addf");
	is_int(sb.len, strlen("abc-xyz42/q"), "strbuf: len counts the bytes");

	/* Growth past the first allocation keeps content and terminator. */
	struct strbuf big = STRBUF_INIT;
	for (int i = 0; i < 1000; i++)
		sb_addc(&big, (char)('a' + i % 26));
	ok(big.len == 1000 && big.s[1000] == '\0' && big.s[999] == 'a' + 999 % 26,
	   "strbuf: 1000 appends grow the buffer, still NUL-terminated");
	sb_release(&big);
	ok(big.s == NULL && big.len == 0 && big.cap == 0, "strbuf: release resets");

	sb_release(&sb);
	sb_add_xml_escaped(&sb, "a<b>&\"c'\x01" "d\te");
	is_str(sb.s, "a&lt;b&gt;&amp;&quot;c&#39;d\te", "strbuf: XML escaping, control chars dropped");
	char *s = sb_detach(&sb);
	ok(sb.s == NULL && sb.len == 0, "strbuf: detach resets the buffer");
	free(s);
	/* Runs of kept text around what is dropped or replaced: UTF-8 kept,
	 * invalid bytes become U+FFFD, U+FFFE and C0 controls go. */
	s = str_xml_chars("caf\xC3\xA9 \xFF|\x02\xEF\xBF\xBE|\xE2\x80\x94\r\nend");
	is_str(s, "caf\xC3\xA9 \xEF\xBF\xBD||\xE2\x80\x94\r\nend", "str_xml_chars: kept runs, U+FFFD, dropped controls");
	free(s);
	ok(str_xml_clean("caf\xC3\xA9\t\r\n<&>") && str_xml_clean(""), "str_xml_clean: UTF-8, tab, line ends");
	ok(!str_xml_clean("a\x02") && !str_xml_clean("a\xFF") && !str_xml_clean("\xEF\xBF\xBE") &&
		   !str_xml_clean("\xC3"),
	   "str_xml_clean: a control, a bad byte, U+FFFE, a cut sequence are not");
	s = str_xml_chars("");
	is_str(s, "", "str_xml_chars of an empty string");
	free(s);
	s = xasprintf("%0300d|%s", 7, "long");
	ok(strlen(s) == 305 && s[299] == '7' && strcmp(s + 300, "|long") == 0, "xasprintf: longer than its first try");
	free(s);

	struct strbuf empty = STRBUF_INIT;
	char *e = sb_detach(&empty);
	is_str(e, "", "strbuf: detach of an empty buffer gives \"\", not NULL");
	free(e);
}

static void test_strvec(void)
{
	struct strvec sv = STRVEC_INIT;
	char word[] = "pear";
	sv_push(&sv, word);
	word[0] = 'b'; /* sv_push copied the string */
	sv_push_owned(&sv, xstrdup("Apple"));
	sv_push(&sv, "Café");
	is_int(sv.n, 3, "strvec: three pushes");
	is_str(sv.v[0], "pear", "strvec: sv_push copies its argument");
	ok(sv_contains_ci(&sv, "APPLE"), "strvec: contains_ci folds ASCII case");
	ok(sv_contains_ci(&sv, "CAFÉ"), "strvec: contains_ci folds Latin-1 case");
	ok(!sv_contains_ci(&sv, "banana"), "strvec: contains_ci is false for a missing item");
	sv_push_unique_ci(&sv, "apple");
	sv_push_unique_ci(&sv, "kiwi");
	is_int(sv.n, 4, "strvec: push_unique_ci skips a case-variant, adds a new item");
	sv_sort(&sv);
	ok(strcmp(sv.v[0], "Apple") == 0 && strcmp(sv.v[1], "Café") == 0 &&
		   strcmp(sv.v[2], "kiwi") == 0 && strcmp(sv.v[3], "pear") == 0,
	   "strvec: sort is bytewise");
	sv_free(&sv);
	ok(sv.v == NULL && sv.n == 0, "strvec: free resets");
}

static void test_strings(void)
{
	char *s = str_collapse_ws("  hello \t\n  world  \r\n");
	is_str(s, "hello world", "collapse_ws: trims and collapses runs");
	free(s);
	s = str_collapse_ws(" \t ");
	is_str(s, "", "collapse_ws: only spaces gives an empty string");
	free(s);
	s = str_collapse_ws("one");
	is_str(s, "one", "collapse_ws: nothing to do");
	free(s);
	ok(str_dup_nonempty(NULL) == NULL && str_dup_nonempty("") == NULL, "dup_nonempty: NULL and \"\" give NULL");
	s = str_dup_nonempty("x");
	is_str(s, "x", "dup_nonempty: a copy");
	free(s);

	static const struct {
		uint64_t n;
		const char *s;
	} grouped[] = {{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {1204, "1,204"}, {12345, "12,345"},
		       {100000, "100,000"}, {1234567, "1,234,567"}, {UINT64_MAX, "18,446,744,073,709,551,615"}};
	for (size_t i = 0; i < sizeof grouped / sizeof *grouped; i++) {
		char g[NUM_GROUPED_MAX];
		num_grouped(g, grouped[i].n);
		is_str(g, grouped[i].s, "num_grouped");
	}

	ok(str_ieq("HeLLo", "hello"), "str_ieq: ASCII case-insensitive");
	ok(!str_ieq("hello", "hell"), "str_ieq: prefix is not equal");
	ok(str_casecmp("a", "B") < 0 && str_casecmp("b", "A") > 0, "str_casecmp orders ignoring case");
	ok(str_starts_with("posts/a.md", "posts/") && !str_starts_with("post", "posts"),
	   "str_starts_with");
	ok(str_ends_with("a.md", ".md") && !str_ends_with("md", ".md"), "str_ends_with");

	ok(str_ieq_utf8("Café", "CAFÉ"), "str_ieq_utf8: Café == CAFÉ");
	ok(str_ieq_utf8("ÀÖØÞ", "àöøþ"), "str_ieq_utf8: Latin-1 capitals fold");
	ok(!str_ieq_utf8("Café", "Cafe"), "str_ieq_utf8: accents still matter");
	ok(!str_ieq_utf8("×", "÷"), "str_ieq_utf8: × is not folded onto ÷");
	ok(!str_ieq_utf8("Café", "Café!"), "str_ieq_utf8: different lengths differ");
	ok(str_ieq_utf8("", ""), "str_ieq_utf8: empty strings are equal");

	char *p = xasprintf("%s-%03d", "x", 7);
	is_str(p, "x-007", "xasprintf formats");
	free(p);
	p = xstrndup("abcdef", 3);
	is_str(p, "abc", "xstrndup copies n bytes");
	free(p);
}

static void test_paths(void)
{
	static const struct {
		const char *in, *out;
	} norm[] = {
		{"a/b/../c", "a/c"},
		{"./a//b/./c/", "a/b/c"},
		{"a/..", "."},
		{"", "."},
		{"../x.md", "../x.md"},
		{"a/../../x", "../x"},
		{"../../a/../b", "../../b"},
		{"/a/../../b", "/b"},
		{"/", "/"},
		{"posts/../b.md", "b.md"},
	};
	for (size_t i = 0; i < sizeof norm / sizeof *norm; i++) {
		char *got = path_normalize(norm[i].in);
		char name[96];
		snprintf(name, sizeof name, "path_normalize(\"%s\")", norm[i].in);
		is_str(got, norm[i].out, name);
		free(got);
	}

	is_str(path_under("docs/blog/a.md", "docs"), "blog/a.md", "path_under: inside");
	ok(path_under("docsx/a.md", "docs") == NULL, "path_under: a sibling with the same prefix is not under");
	is_str(path_under("docs", "docs"), "", "path_under: the base itself");
	is_str(path_under("a.md", "."), "a.md", "path_under: base '.' takes relative paths");
	ok(path_under("../a.md", ".") == NULL, "path_under: base '.' refuses '..'");
	ok(path_under("/etc/passwd", ".") == NULL, "path_under: base '.' refuses absolute paths");
	is_str(path_under("/tmp/site/x.png", "/tmp/site"), "x.png", "path_under: absolute paths");
	ok(path_under("/tmp/site2/x.png", "/tmp/site") == NULL, "path_under: absolute sibling refused");

	char *j = path_join("a", "b");
	is_str(j, "a/b", "path_join: plain");
	free(j);
	j = path_join("a/", "b");
	is_str(j, "a/b", "path_join: no double slash");
	free(j);
	j = path_join("a", "/abs");
	is_str(j, "/abs", "path_join: an absolute second part wins");
	free(j);
	j = path_join("", "b");
	is_str(j, "b", "path_join: empty first part");
	free(j);

	char *d = path_dirname("a/b/c.md");
	is_str(d, "a/b", "path_dirname: nested");
	free(d);
	d = path_dirname("c.md");
	is_str(d, ".", "path_dirname: no slash gives '.'");
	free(d);
	d = path_dirname("/c.md");
	is_str(d, "/", "path_dirname: root");
	free(d);
	is_str(path_basename("a/b/c.md"), "c.md", "path_basename");
	is_str(path_basename("c.md"), "c.md", "path_basename without folder");
}

static void test_files(const char *root)
{
	char *path = path_join(root, "templates/chapter.xhtml");
	char *text;
	size_t len;
	is_int(read_file(path, &text, &len), 0, "read_file reads a file of the source tree");
	ok(text && len == strlen(text) && strstr(text, "<?sheaf-content?>"),
	   "read_file: NUL-terminated, length matches");
	free(text);
	struct stat st;
	is_int(read_file_stat(path, len, &text, &len, &st), 0, "read_file_stat: a file of exactly max bytes is read");
	ok(text && (size_t)st.st_size == len && strlen(text) == len, "read_file_stat: its stat and length");
	free(text);
	size_t size = len;
	is_int(read_file_stat(path, size - 1, &text, &len, &st), -EFBIG, "read_file_stat: one byte over max is refused");
	ok(text == NULL && len == 0 && (size_t)st.st_size == size, "read_file_stat: nothing read, the size told");
	ok(read_file("/proc/self/status", &text, &len) == 0 && len > 0 && strstr(text, "Name:"),
	   "read_file: a file that says size 0 is read to its end");
	free(text);
	ok(path_is_file(path) && !path_is_dir(path), "path_is_file / path_is_dir on a file");
	free(path);
	ok(path_is_dir(root), "path_is_dir on a folder");
	ok(read_file("/nonexistent/sheaf/file", &text, &len) < 0 && text == NULL,
	   "read_file of a missing file is negative, *out NULL");
}

/* realpath_cached answers as realpath does, through symlinked folders
 * in the middle of a path, "..", a symlinked file, relative paths. */
static void test_realpath_cached(void)
{
	char tmp[] = "/tmp/sheaf-rp-XXXXXX";
	if (!mkdtemp(tmp)) {
		ok(0, "mkdtemp");
		return;
	}
	char *cmd = xasprintf("mkdir -p %s/a/b/c %s/x && touch %s/a/b/c/f.png %s/x/g.png && "
			      "ln -s ../a/b %s/x/lb && ln -s ../x/g.png %s/a/b/c/link.png",
			      tmp, tmp, tmp, tmp, tmp, tmp);
	ok(system(cmd) == 0, "a tree with symlinks made");
	free(cmd);
	static const char *const rels[] = {"a/b/c/f.png", "x/lb/c/f.png", "x/lb/../g.png", "a/b/c/link.png",
					   "a/b/c/../c/f.png", "a/b/c/missing.png", "x/lb/c", "a//b/c/f.png",
					   "x/lb/c/f.png/x", "a/b/c/f.png"};
	struct realpath_cache rc = REALPATH_CACHE_INIT;
	for (size_t i = 0; i < sizeof rels / sizeof *rels; i++) {
		char *path = path_join(tmp, rels[i]);
		char want[PATH_MAX], got[PATH_MAX];
		bool w = realpath(path, want) != NULL, g = realpath_cached(&rc, path, got);
		ok(w == g && (!w || strcmp(want, got) == 0), "realpath_cached(%s) is realpath's", rels[i]);
		free(path);
	}
	char cwd[PATH_MAX], want[PATH_MAX], got[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) && chdir(tmp) == 0) {
		ok(realpath("x/lb/c/f.png", want) && realpath_cached(&rc, "x/lb/c/f.png", got) &&
			   strcmp(want, got) == 0,
		   "a relative path through a symlinked folder");
		ok(chdir(cwd) == 0, "back in the first folder");
	}
	realpath_cache_free(&rc);
	cmd = xasprintf("rm -rf %s", tmp);
	ok(system(cmd) == 0, "tree removed");
	free(cmd);
}

/* sv_unique_ci keeps what sv_push_unique_ci would, in linear time. */
static void test_unique_ci(void)
{
	static const char *const in[] = {"Keep", "café", "x", "KEEP", "CAFÉ", "Cafe", "×", "÷", "X", "\xC3"};
	struct strvec sv = STRVEC_INIT, want = STRVEC_INIT;
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		sv_push(&sv, in[i]);
		sv_push_unique_ci(&want, in[i]);
	}
	sv_unique_ci(&sv, 0);
	bool same = sv.n == want.n;
	for (size_t i = 0; same && i < sv.n; i++)
		same = strcmp(sv.v[i], want.v[i]) == 0;
	ok(same, "sv_unique_ci: as sv_push_unique_ci, first spelling kept (%zu of %zu)", sv.n,
	   sizeof in / sizeof *in);
	sv_free(&sv);
	sv_push(&sv, "a");
	sv_push(&sv, "A");
	sv_push(&sv, "b");
	sv_push(&sv, "B");
	sv_push(&sv, "a");
	sv_unique_ci(&sv, 2);
	ok(sv.n == 3 && strcmp(sv.v[1], "A") == 0 && strcmp(sv.v[2], "b") == 0,
	   "sv_unique_ci: entries before `from` are left as they are");
	sv_free(&sv);
	sv_free(&want);

	/* 200,000 distinct tags: sv_push_unique_ci for each took minutes (past
	 * this test's timeout). The time is only reported: tests/pathological.sh
	 * checks the speed (its ---js front matter of 40,000 tags). */
	for (int i = 0; i < 200000; i++)
		sv_push_owned(&sv, xasprintf("Tag %d", i));
	sv_push(&sv, "TAG 7");
	clock_t start = clock();
	sv_unique_ci(&sv, 0);
	double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
	diag("sv_unique_ci of 200,001 tags: %.2f s", secs);
	ok(sv.n == 200000, "sv_unique_ci: of 200,001 tags the duplicate dropped");
	sv_free(&sv);
}

/* mem_release: a hint to the allocator, nothing the program sees. */
static void test_mem_release(void)
{
	char **v = xmalloc(1000 * sizeof *v);
	for (size_t i = 0; i < 1000; i++)
		v[i] = xasprintf("block %zu", i);
	for (size_t i = 0; i < 1000; i += 2)
		free(v[i]);
	mem_release();
	bool same = true;
	for (size_t i = 1; i < 1000; i += 2) {
		char want[32];
		snprintf(want, sizeof want, "block %zu", i);
		same &= strcmp(v[i], want) == 0;
		free(v[i]);
	}
	free(v);
	ok(same, "mem_release: what is still held is untouched");
	mem_release();
	char *again = xstrdup("after");
	is_str(again, "after", "and allocation goes on");
	free(again);
}

/* xgrow: room for one more, by doubling (so a million pushes copy a
 * few million elements, not 10^12 bytes where realloc copies). */
static void test_xgrow(void)
{
	size_t cap = 0, n = 0, grew = 0;
	int *v = NULL;
	for (int i = 0; i < 100000; i++) {
		size_t before = cap;
		v = xgrow(v, n, &cap, sizeof *v);
		grew += cap != before;
		v[n++] = i;
	}
	ok(cap >= n && grew <= 14, "100,000 pushes: %zu growths, room for %zu", grew, cap);
	is_int(v[99999], 99999, "the last push is kept");
	size_t c2 = 3;
	int *w = xgrow(xmalloc(3 * sizeof *w), 3, &c2, sizeof *w);
	ok(c2 >= 4, "a full array of 3 grows (%zu)", c2);
	free(w);
	free(v);
}

int main(int argc, char **argv)
{
	test_mem_release();
	test_xgrow();
	test_realpath_cached();
	test_strbuf();
	test_strvec();
	test_unique_ci();
	test_strings();
	test_paths();
	test_files(argc > 1 ? argv[1] : ".");
	return done_testing();
}
