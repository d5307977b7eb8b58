#include "base/editdist.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

/* The code points of s in a malloc'd array; *n their count. */
static unsigned *S_decode(const char *s, size_t *n)
{
	size_t len = strlen(s), k = 0;
	unsigned *cps = xmalloc((len + 1) * sizeof *cps);
	for (size_t i = 0; i < len;) {
		size_t step = utf8_decode((const unsigned char *)s + i, len - i, &cps[k]);
		if (!step) {
			cps[k] = 0xFFFD;
			step = 1;
		}
		i += step;
		k++;
	}
	*n = k;
	return cps;
}

static size_t S_min(size_t a, size_t b)
{
	return a < b ? a : b;
}

size_t edit_distance(const char *a, const char *b, size_t max)
{
	size_t n, m;
	unsigned *x = S_decode(a, &n), *y = S_decode(b, &m);
	size_t result = max + 1;
	/* The lengths alone already say it is too far. */
	if ((n > m ? n - m : m - n) > max)
		goto out;
	/* Three rows: the one before the previous is needed for a swap. */
	size_t *pp = xmalloc((m + 1) * sizeof *pp), *p = xmalloc((m + 1) * sizeof *p),
	       *c = xmalloc((m + 1) * sizeof *c);
	for (size_t j = 0; j <= m; j++)
		p[j] = j;
	bool over = false;
	for (size_t i = 1; i <= n && !over; i++) {
		c[0] = i;
		size_t row_min = c[0];
		for (size_t j = 1; j <= m; j++) {
			size_t cost = x[i - 1] != y[j - 1];
			size_t d = S_min(S_min(p[j] + 1, c[j - 1] + 1), p[j - 1] + cost);
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
				d = S_min(d, pp[j - 2] + 1);
			c[j] = d;
			row_min = S_min(row_min, d);
		}
		/* Every later cell is at least the smallest of this row. */
		over = row_min > max;
		size_t *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	if (!over && p[m] <= max)
		result = p[m];
	free(pp);
	free(p);
	free(c);
out:
	free(x);
	free(y);
	return result;
}
