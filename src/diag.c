#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

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
