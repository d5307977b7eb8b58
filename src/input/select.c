#include "input/select.h"

#include <stdlib.h>
#include <string.h>

static bool S_any(const struct strvec *wanted, const struct strvec *have)
{
	if (!wanted->n)
		return true;
	for (size_t i = 0; i < wanted->n; i++)
		if (sv_contains_ci(have, wanted->v[i]))
			return true;
	return false;
}

/* Compares calendar days only: --since/--until name days, and a post
 * written late on the last day still belongs to it. */
static int S_day_cmp(const struct date *a, const struct date *b)
{
	int ka = a->year * 10000 + a->month * 100 + a->day;
	int kb = b->year * 10000 + b->month * 100 + b->day;
	return ka < kb ? -1 : ka > kb;
}

bool select_matches(const struct selection *sel, const struct post *p)
{
	if (p->draft && !sel->drafts)
		return false;
	if (!S_any(&sel->tags, &p->tags) || !S_any(&sel->categories, &p->categories) ||
	    !S_any(&sel->series, &p->series))
		return false;
	if (sel->authors.n && !S_any(&sel->authors, &p->authors) &&
	    !S_any(&sel->authors, &p->author_names))
		return false;
	if (sel->since.valid && (!p->date.valid || S_day_cmp(&p->date, &sel->since) < 0))
		return false;
	if (sel->until.valid && (!p->date.valid || S_day_cmp(&p->date, &sel->until) > 0))
		return false;
	return true;
}

static int S_cmp_title(const struct post *a, const struct post *b)
{
	/* Case-insensitive first, so "apple" sorts with "Apple", not after "Zebra". */
	int c = str_casecmp(a->title ? a->title : "", b->title ? b->title : "");
	if (!c)
		c = strcmp(a->title ? a->title : "", b->title ? b->title : "");
	return c;
}

/* Ties are broken by title, then path, so the order never depends on how
 * the file system listed the folder. */
static int S_cmp_oldest(const void *va, const void *vb)
{
	const struct post *a = *(const struct post *const *)va, *b = *(const struct post *const *)vb;
	int c = date_cmp(&a->date, &b->date);
	if (!c && a->weight != b->weight)
		c = a->weight < b->weight ? -1 : 1; /* a series' parts of one day */
	if (!c)
		c = S_cmp_title(a, b);
	return c ? c : strcmp(a->relpath, b->relpath);
}

static int S_cmp_newest(const void *va, const void *vb)
{
	const struct post *a = *(const struct post *const *)va, *b = *(const struct post *const *)vb;
	int c = 0;
	if (a->date.valid && b->date.valid)
		c = -date_cmp(&a->date, &b->date);
	else
		c = date_cmp(&a->date, &b->date); /* undated last */
	if (!c)
		c = S_cmp_title(a, b);
	return c ? c : strcmp(a->relpath, b->relpath);
}

static int S_cmp_title_order(const void *va, const void *vb)
{
	const struct post *a = *(const struct post *const *)va, *b = *(const struct post *const *)vb;
	int c = S_cmp_title(a, b);
	if (!c)
		c = date_cmp(&a->date, &b->date);
	return c ? c : strcmp(a->relpath, b->relpath);
}

void select_sort(struct post_list *pl, enum order order)
{
	if (pl->n < 2)
		return;
	int (*cmp)(const void *, const void *) = order == ORDER_NEWEST ? S_cmp_newest
						 : order == ORDER_TITLE ? S_cmp_title_order
									: S_cmp_oldest;
	qsort(pl->v, pl->n, sizeof *pl->v, cmp);
}

void select_posts(const struct selection *sel, const struct post_list *in, struct post_list *out)
{
	for (size_t i = 0; i < in->n; i++)
		if (select_matches(sel, in->v[i]))
			post_list_push(out, in->v[i]);
	select_sort(out, sel->order);
}

int order_parse(const char *s, enum order *out)
{
	if (strcmp(s, "oldest") == 0)
		*out = ORDER_OLDEST;
	else if (strcmp(s, "newest") == 0)
		*out = ORDER_NEWEST;
	else if (strcmp(s, "title") == 0)
		*out = ORDER_TITLE;
	else
		return -1;
	return 0;
}
