/* glob.c — see glob.h. Braces are expanded first (each alternative is a
 * pattern of its own), then each pattern is matched by backtracking. */
#include <stdlib.h>
#include <string.h>

#include "base/glob.h"
#include "base/util.h"

/* Bounds what a pattern can cost: alternatives after expansion, and the
 * backtracking steps of one match. */
#define S_MAX_ALTERNATIVES 1024
#define S_MAX_STEPS 100000

/* The `]` closing the class opened at p[0] == '[', or NULL (then `[` is
 * itself). */
static const char *S_class_end(const char *p)
{
	const char *q = p + 1;
	if (*q == '!' || *q == '^')
		q++;
	if (*q == ']')
		q++; /* a leading `]` is a member */
	for (; *q && *q != '/'; q++) {
		if (*q == '\\' && q[1])
			q++;
		else if (*q == ']')
			return q;
	}
	return NULL;
}

static bool S_class_has(const char *p, const char *end, char c)
{
	const char *q = p + 1;
	bool neg = *q == '!' || *q == '^';
	if (neg)
		q++;
	bool in = false;
	while (q < end) {
		char lo = *q;
		if (lo == '\\' && q + 1 < end)
			lo = *++q;
		q++;
		char hi = lo;
		if (*q == '-' && q + 1 < end) {
			hi = *++q;
			if (hi == '\\' && q + 1 < end)
				hi = *++q;
			q++;
		}
		if ((unsigned char)c >= (unsigned char)lo && (unsigned char)c <= (unsigned char)hi)
			in = true;
	}
	return in != neg;
}

static bool S_seg_start(const char *path, const char *s)
{
	return s == path || s[-1] == '/';
}

static bool S_match(const char *p, const char *pat, const char *s, const char *path, long *steps)
{
	if (++*steps > S_MAX_STEPS)
		return false;
	for (;;) {
		bool at_start = S_seg_start(path, s);
		if (p[0] == '*' && p[1] == '*' && (p[2] == '/' || !p[2]) && (p == pat || p[-1] == '/') && at_start) {
			/* `**` as a segment: zero or more segments, none hidden. */
			const char *rest = p[2] ? p + 3 : p + 2;
			for (const char *t = s;;) {
				if (!*rest && !*t)
					return true;
				if (*rest && S_match(rest, pat, t, path, steps))
					return true;
				if (!*t || *t == '.')
					return false;
				const char *slash = strchr(t, '/');
				if (!slash)
					return !*rest; /* `**` at the end takes the last segment */
				t = slash + 1;
			}
		}
		switch (*p) {
		case '\0':
			return !*s;
		case '*': {
			while (*p == '*')
				p++;
			if (at_start && *s == '.')
				return false;
			for (const char *t = s;; t++) {
				if (S_match(p, pat, t, path, steps))
					return true;
				if (!*t || *t == '/')
					return false;
			}
		}
		case '?':
			if (!*s || *s == '/' || (at_start && *s == '.'))
				return false;
			p++;
			s++;
			continue;
		case '[': {
			const char *end = S_class_end(p);
			if (end) {
				if (!*s || *s == '/' || (at_start && *s == '.') || !S_class_has(p, end, *s))
					return false;
				p = end + 1;
				s++;
				continue;
			}
			break;
		}
		case '\\':
			if (p[1])
				p++;
			break;
		default:
			break;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
}

/* The `}` closing the brace at p[0] == '{' when it holds a comma at its
 * own level (else NULL: the brace is itself). */
static const char *S_brace_end(const char *p, bool *comma)
{
	int depth = 0;
	*comma = false;
	for (const char *q = p; *q; q++) {
		if (*q == '\\' && q[1]) {
			q++;
		} else if (*q == '{') {
			depth++;
		} else if (*q == '}') {
			if (--depth == 0)
				return q;
		} else if (*q == ',' && depth == 1) {
			*comma = true;
		}
	}
	return NULL;
}

/* Expands the first brace with alternatives in pattern, recursively;
 * every pattern without one goes to out. */
static void S_expand(const char *pattern, struct strvec *out)
{
	if (out->n >= S_MAX_ALTERNATIVES)
		return;
	for (const char *q = pattern; *q; q++) {
		if (*q == '\\' && q[1]) {
			q++;
			continue;
		}
		if (*q != '{')
			continue;
		bool comma;
		const char *end = S_brace_end(q, &comma);
		if (!end || !comma)
			continue;
		const char *alt = q + 1;
		int depth = 0;
		for (const char *r = alt; r <= end; r++) {
			if (*r == '\\' && r + 1 < end) {
				r++;
				continue;
			}
			if (*r == '{')
				depth++;
			else if (*r == '}' && depth)
				depth--;
			else if ((*r == ',' && !depth) || r == end) {
				char *one = xasprintf("%.*s%.*s%s", (int)(q - pattern), pattern, (int)(r - alt), alt,
						      end + 1);
				S_expand(one, out);
				free(one);
				alt = r + 1;
			}
		}
		return;
	}
	sv_push(out, pattern);
}

bool glob_match(const char *pattern, const char *path)
{
	struct strvec alts = STRVEC_INIT;
	S_expand(pattern, &alts);
	bool found = false;
	for (size_t i = 0; i < alts.n && !found; i++) {
		long steps = 0;
		const char *p = alts.v[i];
		if (p[0] == '.' && p[1] == '/')
			p += 2;
		found = S_match(p, p, path, path, &steps);
	}
	sv_free(&alts);
	return found;
}

bool glob_match_list(const char *const *patterns, size_t n, const char *path)
{
	bool in = false;
	for (size_t i = 0; i < n; i++)
		if (patterns[i][0] != '!' && glob_match(patterns[i], path))
			in = true;
	for (size_t i = 0; in && i < n; i++)
		if (patterns[i][0] == '!' && glob_match(patterns[i] + 1, path))
			in = false;
	return in;
}
