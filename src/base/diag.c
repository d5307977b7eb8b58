#define _XOPEN_SOURCE 700 /* realpath */
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

/* One entry as a line: `file:line:col: severity: message`, the file as
 * shown (or NULL: a problem of the run), ` (N times in this post)` when
 * repeats were merged into it. */
static void S_line(struct strbuf *sb, const struct diag *d, const char *file, size_t times, bool color)
{
	/* sheaf's own words hold no control character: escaping the whole
	 * message covers every argument a call site formatted into it. */
	if (color)
		sb_adds(sb, "\033[1m");
	if (file) {
		diag_escape(sb, file);
		if (d->line > 0) {
			sb_addf(sb, ":%d", d->line);
			if (d->col > 0)
				sb_addf(sb, ":%d", d->col);
		}
		sb_adds(sb, ": ");
	} else {
		sb_adds(sb, "sheaf: ");
	}
	if (d->severity == DIAG_ERROR)
		sb_adds(sb, color ? "\033[31merror:\033[0m " : "error: ");
	else
		sb_adds(sb, color ? "\033[35mwarning:\033[0m " : "warning: ");
	diag_escape(sb, d->message);
	if (times > 1)
		sb_addf(sb, " (%zu times in %s)", times, file ? "this post" : "this run");
	sb_addc(sb, '\n');
}

void diag_print(const struct diag_list *dl, FILE *f, bool color, bool with_warnings)
{
	struct diag_print_options o = {
		.color = color,
		.warnings = with_warnings ? DIAG_WARNINGS_ALL : DIAG_WARNINGS_NONE,
		.each = true,
	};
	diag_print_ext(dl, f, &o);
}

static bool S_same_file(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Orders the entries of one file by severity and message, then by their
 * place in the list (they are pointers into one array). */
static int S_cmp_message(const void *va, const void *vb)
{
	const struct diag *a = *(const struct diag *const *)va, *b = *(const struct diag *const *)vb;
	if (a->severity != b->severity)
		return a->severity < b->severity ? -1 : 1;
	int c = strcmp(a->message, b->message);
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

/* times[i]: how many entries line i stands for; 0 for a repeat merged
 * into an earlier line of the same file. */
static void S_count_repeats(const struct diag_list *dl, size_t *times)
{
	const struct diag **by = xmalloc((dl->n ? dl->n : 1) * sizeof *by);
	for (size_t a = 0, b; a < dl->n; a = b) {
		for (b = a; b < dl->n && S_same_file(dl->v[a].file, dl->v[b].file); b++)
			by[b - a] = &dl->v[b];
		qsort(by, b - a, sizeof *by, S_cmp_message);
		for (size_t i = 0, j; i < b - a; i = j) {
			for (j = i + 1; j < b - a && by[j]->severity == by[i]->severity &&
					strcmp(by[j]->message, by[i]->message) == 0;
			     j++)
				times[by[j] - dl->v] = 0;
			times[by[i] - dl->v] = j - i;
		}
	}
	free(by);
}

/* The length of path without trailing slashes ("/" stays). */
static size_t S_trimmed_len(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	return n;
}

/* What follows dir in path when path lies below dir, else NULL. */
static const char *S_below(const char *path, const char *dir)
{
	size_t n = S_trimmed_len(dir);
	if (strncmp(path, dir, n) != 0)
		return NULL;
	if (n == 1 && dir[0] == '/')
		return path + 1;
	return path[n] == '/' ? path + n + 1 : NULL;
}

/* How the files of the list are shown: see diag_print_options. */
struct S_paths {
	const char *cwd, *root;
	char *root_shown; /* what replaces root in a path: "" or "sub/dir/" */
};

static void S_paths_init(struct S_paths *p, const struct diag_print_options *o)
{
	p->cwd = o->cwd;
	p->root = o->cwd && o->root && o->root[0] == '/' ? o->root : NULL;
	p->root_shown = NULL;
	if (!p->root)
		return;
	/* The current folder comes from getcwd, without symbolic links: the
	 * root is compared as the file system resolves it. */
	char *real = realpath(p->root, NULL);
	const char *r = real ? real : p->root;
	size_t rn = S_trimmed_len(r), cn = S_trimmed_len(p->cwd);
	const char *rest = rn == cn && strncmp(r, p->cwd, rn) == 0 ? "" : S_below(r, p->cwd);
	p->root_shown = rest && *rest ? xasprintf("%s/", rest) : xstrdup("");
	free(real);
}

static void S_add_path(struct strbuf *sb, const struct S_paths *p, const char *file)
{
	const char *rest;
	if (p->root && (rest = S_below(file, p->root))) {
		sb_adds(sb, p->root_shown);
		sb_adds(sb, rest);
	} else if (p->cwd && file[0] == '/' && (rest = S_below(file, p->cwd)) && *rest) {
		sb_adds(sb, rest);
	} else {
		sb_adds(sb, file);
	}
}

void diag_print_ext(const struct diag_list *dl, FILE *f, const struct diag_print_options *opts)
{
	size_t *times = xmalloc((dl->n ? dl->n : 1) * sizeof *times);
	for (size_t i = 0; i < dl->n; i++)
		times[i] = 1;
	if (!opts->each)
		S_count_repeats(dl, times);
	struct S_paths paths;
	S_paths_init(&paths, opts);
	size_t warnings = 0, errors = 0, files = 0;
	bool merged = false;
	const char *last_file = NULL;
	struct strbuf sb = STRBUF_INIT, shown = STRBUF_INIT;
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		if (!times[i])
			continue;
		if (d->severity == DIAG_ERROR) {
			errors++;
		} else {
			/* Sorted, the warnings of one file are together. */
			if (d->file && (!warnings || !S_same_file(d->file, last_file)))
				files++;
			last_file = d->file;
			warnings++;
			merged |= times[i] > 1;
			if (opts->warnings != DIAG_WARNINGS_ALL)
				continue;
		}
		shown.len = 0;
		if (d->file)
			S_add_path(&shown, &paths, d->file);
		sb.len = 0;
		S_line(&sb, d, d->file ? (shown.s ? shown.s : "") : NULL, times[i], opts->color);
		fputs(sb.s, f);
	}
	if (opts->summary && warnings && opts->warnings != DIAG_WARNINGS_NONE) {
		sb.len = 0;
		sb_addf(&sb, "sheaf: %zu warning%s", warnings, warnings == 1 ? "" : "s");
		if (files)
			sb_addf(&sb, " in %zu file%s", files, files == 1 ? "" : "s");
		if (errors)
			sb_addf(&sb, ", %zu error%s", errors, errors == 1 ? "" : "s");
		if (opts->warnings != DIAG_WARNINGS_ALL)
			sb_adds(&sb, "; --warnings=all to see each");
		else if (merged)
			sb_adds(&sb, "; -v to see each repeat");
		sb_addc(&sb, '\n');
		fputs(sb.s, f);
	}
	free(paths.root_shown);
	sb_release(&shown);
	sb_release(&sb);
	free(times);
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
