#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_add(struct diag_list *dl, enum diag_severity sev, const char *file,
	      int line, int col, const char *fmt, ...)
{
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 16;
		dl->v = xrealloc(dl->v, dl->cap * sizeof *dl->v);
	}
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = &dl->v[dl->n++];
	d->severity = sev;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	d->message = xvasprintf(fmt, ap);
	va_end(ap);
}

size_t diag_count(const struct diag_list *dl, enum diag_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < dl->n; i++)
		n += dl->v[i].severity == sev;
	return n;
}

void diag_merge(struct diag_list *dst, struct diag_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->v = xrealloc(dst->v, dst->cap * sizeof *dst->v);
		}
		dst->v[dst->n++] = src->v[i];
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

static int S_cmp(const struct diag *a, const struct diag *b)
{
	if (!a->file || !b->file)
		return (int)!a->file - (int)!b->file;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

struct S_ranked {
	struct diag d;
	size_t index;
};

static int S_cmp_ranked(const void *va, const void *vb)
{
	const struct S_ranked *a = va, *b = vb;
	int c = S_cmp(&a->d, &b->d);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

void diag_sort(struct diag_list *dl)
{
	if (dl->n < 2)
		return;
	/* qsort is not stable: the original position breaks ties. */
	struct S_ranked *r = xmalloc(dl->n * sizeof *r);
	for (size_t i = 0; i < dl->n; i++)
		r[i] = (struct S_ranked){dl->v[i], i};
	qsort(r, dl->n, sizeof *r, S_cmp_ranked);
	for (size_t i = 0; i < dl->n; i++)
		dl->v[i] = r[i].d;
	free(r);
}

void diag_print(const struct diag_list *dl, FILE *f, bool color, bool with_warnings)
{
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		if (d->severity == DIAG_WARNING && !with_warnings)
			continue;
		if (color)
			fputs("\033[1m", f);
		if (d->file) {
			fputs(d->file, f);
			if (d->line > 0) {
				fprintf(f, ":%d", d->line);
				if (d->col > 0)
					fprintf(f, ":%d", d->col);
			}
			fputs(": ", f);
		} else {
			fputs("sheaf: ", f);
		}
		if (d->severity == DIAG_ERROR)
			fputs(color ? "\033[31merror:\033[0m " : "error: ", f);
		else
			fputs(color ? "\033[35mwarning:\033[0m " : "warning: ", f);
		fputs(d->message, f);
		fputc('\n', f);
	}
}

void diag_truncate(struct diag_list *dl, size_t n)
{
	for (size_t i = n; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].message);
	}
	if (n < dl->n)
		dl->n = n;
}

void diag_list_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].message);
	}
	free(dl->v);
	dl->v = NULL;
	dl->n = dl->cap = 0;
}
