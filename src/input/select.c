#include "input/select.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/editdist.h"
#include "base/slug.h"
#include "base/utf8.h"

/* Whether value names have: the same case-insensitively, or, when loose,
 * the same non-empty slug key. */
static bool S_same(const char *value, const char *have, bool loose)
{
	if (str_ieq_utf8(value, have))
		return true;
	if (!loose)
		return false;
	char *a = slug_key(value), *b = slug_key(have);
	bool same = *a && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

static bool S_any(const struct strvec *wanted, const struct strvec *have, bool loose)
{
	if (!wanted->n)
		return true;
	for (size_t i = 0; i < wanted->n; i++)
		for (size_t k = 0; k < have->n; k++)
			if (S_same(wanted->v[i], have->v[k], loose))
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

static bool S_matches(const struct selection *sel, const struct post *p, bool loose)
{
	if (p->draft && !sel->drafts)
		return false;
	if (!S_any(&sel->tags, &p->tags, loose) || !S_any(&sel->categories, &p->categories, loose) ||
	    !S_any(&sel->series, &p->series, loose))
		return false;
	if (sel->authors.n && !S_any(&sel->authors, &p->authors, loose) &&
	    !S_any(&sel->authors, &p->author_names, loose))
		return false;
	if (sel->since.valid && (!p->date.valid || S_day_cmp(&p->date, &sel->since) < 0))
		return false;
	if (sel->until.valid && (!p->date.valid || S_day_cmp(&p->date, &sel->until) > 0))
		return false;
	return true;
}

bool select_matches(const struct selection *sel, const struct post *p)
{
	return S_matches(sel, p, false);
}

bool select_may_match(const struct selection *sel, const struct post *p)
{
	return S_matches(sel, p, true);
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

static const struct strvec *S_field(const struct post *p, enum sel_kind kind)
{
	switch (kind) {
	case SEL_TAG: return &p->tags;
	case SEL_CATEGORY: return &p->categories;
	case SEL_SERIES: return &p->series;
	case SEL_AUTHOR: return &p->authors;
	}
	return &p->tags;
}

static int S_cmp_value(const void *va, const void *vb)
{
	const struct sel_value *a = va, *b = vb;
	if (a->posts != b->posts)
		return a->posts > b->posts ? -1 : 1;
	int c = str_casecmp(a->name, b->name);
	if (!c)
		c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

void select_values(const struct post_list *pl, enum sel_kind kind, bool drafts, struct sel_values *out)
{
	size_t first = out->n;
	/* Values equal case-insensitively have the same slug key: a map from
	 * keys to chains of values keeps a site of thousands of tags linear. */
	struct strmap chains = STRMAP_INIT;
	size_t *next = NULL, next_cap = 0;
	for (size_t i = 0; i < pl->n; i++) {
		const struct post *p = pl->v[i];
		if (p->draft && !drafts)
			continue;
		const struct strvec *have = S_field(p, kind);
		for (size_t k = 0; k < have->n; k++) {
			const char *id = have->v[k];
			bool again = false; /* a post counts once for a value */
			for (size_t j = 0; j < k && !again; j++)
				again = str_ieq_utf8(have->v[j], id);
			if (again)
				continue;
			char *key = slug_key(id);
			size_t head = SIZE_MAX, v = SIZE_MAX;
			if (strmap_get(&chains, key, &head))
				for (size_t c = head; c != SIZE_MAX && v == SIZE_MAX; c = next[c - first])
					if (str_ieq_utf8(out->v[c].id, id))
						v = c;
			if (v == SIZE_MAX) {
				if (out->n == out->cap) {
					out->cap = out->cap ? 2 * out->cap : 16;
					out->v = xrealloc(out->v, out->cap * sizeof *out->v);
				}
				if (out->n - first == next_cap) {
					next_cap = next_cap ? 2 * next_cap : 16;
					next = xrealloc(next, next_cap * sizeof *next);
				}
				const char *name = id;
				if (kind == SEL_AUTHOR && k < p->author_names.n && *p->author_names.v[k])
					name = p->author_names.v[k];
				v = out->n++;
				out->v[v] = (struct sel_value){xstrdup(name), xstrdup(id), 0};
				next[v - first] = head;
				strmap_put(&chains, key, v);
			}
			free(key);
			out->v[v].posts++;
		}
	}
	strmap_free(&chains);
	free(next);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, S_cmp_value);
}

void sel_values_free(struct sel_values *vals)
{
	for (size_t i = 0; i < vals->n; i++) {
		free(vals->v[i].name);
		free(vals->v[i].id);
	}
	free(vals->v);
	memset(vals, 0, sizeof *vals);
}

static const struct {
	const char *one, *many, *list, *option;
} S_kinds[] = {
	[SEL_TAG] = {"tag", "tags", "--list-tags", "--tag"},
	[SEL_CATEGORY] = {"category", "categories", "--list-categories", "--category"},
	[SEL_SERIES] = {"series", "series", "--list-series", "--series"},
	[SEL_AUTHOR] = {"author", "authors", "--list-authors", "--author"},
};

/* Which value, if any, w names: case-insensitively its id (or an author's
 * name), else by slug key when loose. Returns its index or SIZE_MAX. */
static size_t S_find(const struct sel_values *vals, enum sel_kind kind, const char *w, bool loose, size_t from)
{
	for (size_t i = from; i < vals->n; i++)
		if (S_same(w, vals->v[i].id, loose) ||
		    (kind == SEL_AUTHOR && S_same(w, vals->v[i].name, loose)))
			return i;
	return SIZE_MAX;
}

struct S_near {
	size_t rank;
	const struct sel_value *val;
};

static int S_cmp_near(const void *va, const void *vb)
{
	const struct S_near *a = va, *b = vb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return S_cmp_value(a->val, b->val);
}

/* How close key is to the value's name (or an author's id): an edit
 * distance up to max, else max + 1 when key begins its key (a series typed
 * in part), else SIZE_MAX. */
static size_t S_rank(const char *key, const struct sel_value *val, enum sel_kind kind, size_t max)
{
	size_t best = SIZE_MAX;
	const char *names[] = {val->name, kind == SEL_AUTHOR ? val->id : NULL};
	for (size_t i = 0; i < 2 && names[i]; i++) {
		char *k = slug_key(names[i]);
		size_t d = edit_distance(key, k, max);
		if (d > max && strlen(key) >= 3 && str_starts_with(k, key))
			d = max + 1;
		else if (d > max)
			d = SIZE_MAX;
		best = d < best ? d : best;
		free(k);
	}
	return best;
}

static size_t S_cps(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The error for a value w naming nothing among vals. */
static void S_no_match(const char *w, enum sel_kind kind, const struct sel_values *vals,
		       const struct post_list *all, bool drafts, struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "no post has the %s '%s'", S_kinds[kind].one, w);
	if (!drafts) {
		struct sel_values with = SEL_VALUES_INIT;
		select_values(all, kind, true, &with);
		bool in_drafts = S_find(&with, kind, w, true, 0) != SIZE_MAX;
		sel_values_free(&with);
		if (in_drafts) {
			sb_adds(&sb, "; only drafts have it (--drafts includes them)");
			goto done;
		}
	}
	/* A site may file as categories what the user calls tags. */
	for (size_t k = 0; k < sizeof S_kinds / sizeof *S_kinds; k++) {
		if (k == kind)
			continue;
		struct sel_values other = SEL_VALUES_INIT;
		select_values(all, (enum sel_kind)k, drafts, &other);
		size_t at = S_find(&other, (enum sel_kind)k, w, true, 0);
		if (at != SIZE_MAX)
			sb_addf(&sb, "; '%s' is %s %s (%s)", other.v[at].name, k == SEL_AUTHOR ? "an" : "a",
				S_kinds[k].one, S_kinds[k].option);
		sel_values_free(&other);
		if (at != SIZE_MAX)
			goto done;
	}
	if (!vals->n) {
		sb_addf(&sb, "; no post has any %s", S_kinds[kind].many);
		goto done;
	}
	char *key = slug_key(w);
	size_t len = S_cps(key), max = len / 3 > 2 ? len / 3 : 2;
	if (max >= len)
		max = len ? len - 1 : 0; /* "go" is not "a typo of" any two letters */
	struct S_near *near = xmalloc(vals->n * sizeof *near);
	size_t n = 0;
	for (size_t i = 0; *key && i < vals->n; i++) {
		size_t rank = S_rank(key, &vals->v[i], kind, max);
		if (rank != SIZE_MAX)
			near[n++] = (struct S_near){rank, &vals->v[i]};
	}
	free(key);
	qsort(near, n, sizeof *near, S_cmp_near);
	if (n > 3)
		n = 3;
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s'%s'", i == 0 ? "; did you mean " : i + 1 == n ? " or " : ", ", near[i].val->name);
	if (n)
		sb_addc(&sb, '?');
	free(near);
	if (vals->n == 1)
		sb_addf(&sb, " (%s lists the only one)", S_kinds[kind].list);
	else
		sb_addf(&sb, " (%s lists all %zu)", S_kinds[kind].list, vals->n);
done:
	diag_error(dl, NULL, 0, 0, "%s", sb.s);
	sb_release(&sb);
}

static int S_resolve_kind(struct strvec *wanted, enum sel_kind kind, const struct post_list *all,
			  bool drafts, struct diag_list *dl)
{
	if (!wanted->n)
		return 0;
	int ret = 0;
	struct sel_values vals = SEL_VALUES_INIT;
	select_values(all, kind, drafts, &vals);
	struct strvec out = STRVEC_INIT;
	for (size_t i = 0; i < wanted->n; i++) {
		const char *w = wanted->v[i];
		/* A name some post has wins: the slug key would make C++ of C.
		 * Else every value of that key: "Software Development" and
		 * "software_development" may both be written. */
		bool loose = S_find(&vals, kind, w, false, 0) == SIZE_MAX;
		size_t found = S_find(&vals, kind, w, loose, 0);
		if (found == SIZE_MAX) {
			S_no_match(w, kind, &vals, all, drafts, dl);
			ret = -1;
		}
		for (; found != SIZE_MAX; found = S_find(&vals, kind, w, loose, found + 1))
			sv_push_unique_ci(&out, vals.v[found].id);
	}
	sel_values_free(&vals);
	sv_free(wanted);
	*wanted = out;
	return ret;
}

int select_resolve(struct selection *sel, const struct post_list *all, struct diag_list *dl)
{
	int ret = 0;
	ret |= S_resolve_kind(&sel->tags, SEL_TAG, all, sel->drafts, dl);
	ret |= S_resolve_kind(&sel->categories, SEL_CATEGORY, all, sel->drafts, dl);
	ret |= S_resolve_kind(&sel->series, SEL_SERIES, all, sel->drafts, dl);
	ret |= S_resolve_kind(&sel->authors, SEL_AUTHOR, all, sel->drafts, dl);
	return ret ? -1 : 0;
}
