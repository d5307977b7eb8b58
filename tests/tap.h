/* tap.h — a tiny header-only TAP producer for sheaf's unit tests.
 *
 *   ok(cond, fmt, ...)          one check; the name is printf-formatted (newlines
 *                               become spaces, '#' becomes '♯': TAP reads '#' as
 *                               the start of a directive)
 *   is_int(got, expected, name) integers, compared as long long
 *   is_str(got, expected, name) strings, NULL-safe (NULL equals only NULL)
 *   like(got, needle, name)     got contains needle (NULL got fails)
 *   unlike(got, needle, name)   got does not contain needle
 *   diag(fmt, ...)              a "# ..." diagnostic line
 *   todo_start(reason) … todo_end()
 *                               checks in between are TODO: a failure is
 *                               printed "not ok N - name # TODO reason" and
 *                               does not fail the program. A TODO check that
 *                               passes prints "ok N - name # TODO reason",
 *                               which meson reports as an unexpected pass:
 *                               the bug is fixed, remove the todo_start.
 *   return done_testing();      prints the plan "1..N"; 1 when any failed
 *
 * Every macro evaluates to true when the check passed, so a test can stop
 * early on a failed precondition: if (!ok(doc != NULL, "parsed")) ...
 * Output goes to stdout, which meson reads; nothing is printed to stderr.
 */
#ifndef SHEAF_TAP_H
#define SHEAF_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct tap_state {
	int n;            /* checks run */
	int failed;       /* failed checks outside TODO blocks */
	const char *todo; /* reason of the open TODO block, or NULL */
};

static inline struct tap_state *tap_state(void)
{
	static struct tap_state state;
	return &state;
}

/* Prints the "ok N - name" line; returns pass. */
static inline bool tap_vresult(bool pass, const char *file, int line, const char *fmt, va_list ap)
{
	struct tap_state *t = tap_state();
	char name[512];
	t->n++;
	vsnprintf(name, sizeof name, fmt, ap);
	/* A name must stay on one line, and a '#' would start a TAP directive. */
	printf("%sok %d - ", pass ? "" : "not ", t->n);
	for (const char *c = name; *c; c++) {
		if (*c == '#')
			fputs("\xE2\x99\xAF", stdout); /* ♯ */
		else
			putchar(*c == '\n' || *c == '\r' ? ' ' : *c);
	}
	if (t->todo)
		printf(" # TODO %s", t->todo);
	putchar('\n');
	if (!pass) {
		printf("#   Failed%s test at %s line %d.\n", t->todo ? " (TODO)" : "", file, line);
		if (!t->todo)
			t->failed++;
	}
	fflush(stdout);
	return pass;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static inline bool tap_ok(bool pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool r = tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	return r;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

/* Prints s as one diagnostic line per line of s, so multi-line values stay
 * inside TAP comments. */
static inline void tap_diag_value(const char *label, const char *s)
{
	if (!s) {
		printf("#   %s NULL\n", label);
		return;
	}
	printf("#   %s '", label);
	for (; *s; s++) {
		putchar(*s);
		if (*s == '\n' && s[1])
			fputs("#   ", stdout);
	}
	fputs("'\n", stdout);
}

static inline bool tap_is_int(long long got, long long expected, const char *file, int line,
			      const char *name)
{
	bool pass = got == expected;
	tap_ok(pass, file, line, "%s", name);
	if (!pass)
		printf("#          got: %lld\n#     expected: %lld\n", got, expected);
	return pass;
}

static inline bool tap_is_str(const char *got, const char *expected, const char *file, int line,
			      const char *name)
{
	bool pass = (!got && !expected) || (got && expected && strcmp(got, expected) == 0);
	tap_ok(pass, file, line, "%s", name);
	if (!pass) {
		tap_diag_value("     got:", got);
		tap_diag_value("expected:", expected);
	}
	return pass;
}

static inline bool tap_like(const char *got, const char *needle, bool want, const char *file,
			    int line, const char *name)
{
	bool found = got && strstr(got, needle) != NULL;
	bool pass = got && found == want;
	tap_ok(pass, file, line, "%s", name);
	if (!pass) {
		tap_diag_value("         got:", got);
		tap_diag_value(want ? "should contain:" : "should not contain:", needle);
	}
	return pass;
}

static inline void todo_start(const char *reason)
{
	tap_state()->todo = reason;
}

static inline void todo_end(void)
{
	tap_state()->todo = NULL;
}

static inline int done_testing(void)
{
	struct tap_state *t = tap_state();
	printf("1..%d\n", t->n);
	if (t->failed)
		printf("# %d of %d checks failed\n", t->failed, t->n);
	fflush(stdout);
	return t->failed ? 1 : 0;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, expected, name) \
	tap_is_int((long long)(got), (long long)(expected), __FILE__, __LINE__, (name))
#define is_str(got, expected, name) tap_is_str((got), (expected), __FILE__, __LINE__, (name))
#define like(got, needle, name) tap_like((got), (needle), true, __FILE__, __LINE__, (name))
#define unlike(got, needle, name) tap_like((got), (needle), false, __FILE__, __LINE__, (name))

#endif
