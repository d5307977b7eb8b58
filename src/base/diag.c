#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

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

/* What diag_escape shows as an escape: what moves the cursor, starts a
 * line, begins a terminal's control sequence (ESC, and CSI as U+009B) or
 * reorders the text shown around it. */
static bool S_shown_escaped(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void diag_escape(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	/* Runs of characters shown as they are are copied at once. */
	const unsigned char *run = p;
	while (left) {
		unsigned cp = *p;
		size_t n = cp < 0x80 ? 1 : utf8_decode(p, left, &cp);
		if (n && !S_shown_escaped(cp)) {
			p += n;
			left -= n;
			continue;
		}
		sb_add(sb, (const char *)run, (size_t)(p - run));
		if (!n) {
			sb_addf(sb, "\\x%02x", *p);
			n = 1;
		} else if (cp == '\t') {
			sb_adds(sb, "\\t");
		} else if (cp == '\n') {
			sb_adds(sb, "\\n");
		} else if (cp == '\r') {
			sb_adds(sb, "\\r");
		} else {
			sb_addf(sb, cp < 0x80 ? "\\x%02x" : "\\u%04x", cp);
		}
		p += n;
		left -= n;
		run = p;
	}
	sb_add(sb, (const char *)run, (size_t)(p - run));
}

void diag_print(const struct diag_list *dl, FILE *f, bool color, bool with_warnings)
{
	/* sheaf's own words hold no control character: escaping the whole
	 * message covers every argument a call site formatted into it. */
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		if (d->severity == DIAG_WARNING && !with_warnings)
			continue;
		sb.len = 0;
		if (color)
			sb_adds(&sb, "\033[1m");
		if (d->file) {
			diag_escape(&sb, d->file);
			if (d->line > 0) {
				sb_addf(&sb, ":%d", d->line);
				if (d->col > 0)
					sb_addf(&sb, ":%d", d->col);
			}
			sb_adds(&sb, ": ");
		} else {
			sb_adds(&sb, "sheaf: ");
		}
		if (d->severity == DIAG_ERROR)
			sb_adds(&sb, color ? "\033[31merror:\033[0m " : "error: ");
		else
			sb_adds(&sb, color ? "\033[35mwarning:\033[0m " : "warning: ");
		diag_escape(&sb, d->message);
		sb_addc(&sb, '\n');
		fputs(sb.s, f);
	}
	sb_release(&sb);
}

void diag_note(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "sheaf: ");
	diag_escape(&sb, msg);
	sb_addc(&sb, '\n');
	fputs(sb.s, f);
	sb_release(&sb);
	free(msg);
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
