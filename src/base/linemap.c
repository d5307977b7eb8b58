#include "base/linemap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* How far ahead in the original a rewritten line is looked for: far
 * enough to step over a removed block, near enough to stay linear. */
#define S_WINDOW 64

struct S_line {
	const char *s; /* trimmed */
	size_t len;
};

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static struct S_line *S_split(const char *text, size_t len, size_t *n)
{
	size_t cap = 16, count = 0;
	struct S_line *v = xmalloc(cap * sizeof *v);
	for (size_t i = 0; i <= len;) {
		/* No line after a final newline; an empty text has none. */
		if (i == len && (len == 0 || text[len - 1] == '\n'))
			break;
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t b = i, e = end;
		while (b < e && S_space(text[b]))
			b++;
		while (e > b && S_space(text[e - 1]))
			e--;
		if (count == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[count++] = (struct S_line){text + b, e - b};
		i = end + 1;
	}
	*n = count;
	return v;
}

static bool S_eq(const struct S_line *a, const struct S_line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

void linemap_build(struct linemap *m, const char *orig, size_t orig_len, const char *rewritten,
		   size_t rewritten_len)
{
	size_t nf, nt;
	struct S_line *f = S_split(orig, orig_len, &nf);
	struct S_line *t = S_split(rewritten, rewritten_len, &nt);
	m->line = xmalloc((nt ? nt : 1) * sizeof *m->line);
	m->n = nt;
	size_t j = 0;    /* the first original line not used yet */
	size_t last = 0; /* the original line used last */
	for (size_t i = 0; i < nt; i++) {
		if (t[i].len == 0) {
			/* A blank line matches only a blank line right there, else it
			 * belongs with the line before it. */
			if (j < nf && f[j].len == 0) {
				last = j++;
				m->line[i] = (int)last + 1;
			} else {
				m->line[i] = i ? m->line[i - 1] : (int)last + 1;
			}
			continue;
		}
		size_t k = j, stop = j + S_WINDOW < nf ? j + S_WINDOW : nf;
		while (k < stop && !S_eq(&f[k], &t[i]))
			k++;
		if (k < stop) {
			last = k;
			j = k + 1;
			m->line[i] = (int)k + 1;
			continue;
		}
		/* Not in the original: a line the rewriting changed, or one it
		 * made up. When the next original line shows up a little later
		 * it was made up, and belongs with what came before; otherwise
		 * this line is what became of that original line. */
		bool ahead = false;
		for (size_t r = i + 1; j < nf && r < nt && r <= i + S_WINDOW && !ahead; r++)
			ahead = S_eq(&f[j], &t[r]) && f[j].len > 0;
		if (ahead || j >= nf) {
			m->line[i] = (int)last + 1;
		} else {
			last = j++;
			m->line[i] = (int)last + 1;
		}
	}
	free(f);
	free(t);
}

int linemap_get(const struct linemap *m, int line)
{
	if (!m || !m->line || line < 1 || (size_t)line > m->n)
		return line;
	return m->line[line - 1];
}

void linemap_free(struct linemap *m)
{
	free(m->line);
	m->line = NULL;
	m->n = 0;
}
