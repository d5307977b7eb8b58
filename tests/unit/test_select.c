/* Unit tests of select.h: which posts match, and their order. */
#include <stdlib.h>
#include <string.h>

#include "input/post.h"
#include "input/select.h"
#include "tap.h"

/* A post made by hand. tags/cats/authors are ';'-separated, may be NULL. */
static struct post *S_post(const char *relpath, const char *title, const char *date,
			   const char *tags, const char *cats, const char *authors,
			   const char *names, bool draft)
{
	char *path = xasprintf("/site/%s", relpath);
	struct post *p = post_new(path, relpath);
	free(path);
	p->title = title ? xstrdup(title) : NULL;
	if (date)
		date_parse(&p->date, date);
	p->draft = draft;
	const char *lists[] = {tags, cats, authors, names};
	struct strvec *into[] = {&p->tags, &p->categories, &p->authors, &p->author_names};
	for (size_t k = 0; k < 4; k++) {
		if (!lists[k])
			continue;
		char *copy = xstrdup(lists[k]);
		for (char *save = NULL, *tok = strtok_r(copy, ";", &save); tok;
		     tok = strtok_r(NULL, ";", &save))
			sv_push(into[k], tok);
		free(copy);
	}
	return p;
}

static void S_sel_reset(struct selection *sel)
{
	sv_free(&sel->tags);
	sv_free(&sel->categories);
	sv_free(&sel->authors);
	sv_free(&sel->series);
	memset(sel, 0, sizeof *sel);
}

/* The relpaths of a list, ' '-joined. */
static char *S_paths(const struct post_list *pl)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < pl->n; i++) {
		if (i)
			sb_addc(&sb, ' ');
		sb_adds(&sb, pl->v[i]->relpath);
	}
	return sb_detach(&sb);
}

static void S_check_select(const struct selection *sel, const struct post_list *in,
			   const char *expected, const char *name)
{
	struct post_list out = POST_LIST_INIT;
	select_posts(sel, in, &out);
	char *got = S_paths(&out);
	is_str(got, expected, name);
	free(got);
	post_list_free(&out, false);
}

/* select_resolve on sel: its diagnostics' messages, '|'-joined, are errs
 * ("" for none) and the resolved values of kind, ';'-joined, are values
 * (unless NULL); sel is reset after when reset. */
static void S_check_resolve(struct selection *sel, const struct post_list *all, const struct strvec *kind,
			    const char *errs, const char *values, const char *name, bool reset)
{
	struct diag_list dl = DIAG_LIST_INIT;
	int ret = select_resolve(sel, all, &dl);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < dl.n; i++)
		sb_addf(&sb, "%s%s", i ? "|" : "", dl.v[i].message);
	ok((ret < 0) == (dl.n > 0), "%s: fails exactly when it reports", name);
	is_str(sb.s ? sb.s : "", errs, name);
	diag_list_free(&dl);
	sb.len = 0;
	for (size_t i = 0; i < kind->n; i++)
		sb_addf(&sb, "%s%s", i ? ";" : "", kind->v[i]);
	if (values)
		is_str(sb.s ? sb.s : "", values, name);
	sb_release(&sb);
	if (reset)
		S_sel_reset(sel);
}

/* Discovery: values and their counts, slug keys, slug matches, "did you
 * mean". */
static void S_discovery(const struct post_list *all)
{
	struct sel_values vals = SEL_VALUES_INIT;
	select_values(all, SEL_TAG, false, &vals);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < vals.n; i++)
		sb_addf(&sb, "%s%s=%zu", i ? " " : "", vals.v[i].name, vals.v[i].posts);
	is_str(sb.s, "Linux=2 C=1 Café=1 misc=1 python=1",
	       "values: linux/Linux one (first spelling), most posts first, then by name; drafts out");
	sel_values_free(&vals);
	select_values(all, SEL_TAG, true, &vals);
	is_int(vals.n, 5, "with drafts: the draft's 'c' is C");
	is_int(vals.v[1].posts, 2, "with drafts: C has two posts");
	sel_values_free(&vals);
	select_values(all, SEL_AUTHOR, false, &vals);
	sb.len = 0;
	for (size_t i = 0; i < vals.n; i++)
		sb_addf(&sb, "%s%s/%s=%zu", i ? " " : "", vals.v[i].name, vals.v[i].id, vals.v[i].posts);
	is_str(sb.s, "Al Smith/asmith=2 Jane Doe/jdoe=2", "authors: display name and id");
	sel_values_free(&vals);
	sb_release(&sb);

	struct selection sel;
	memset(&sel, 0, sizeof sel);
	sv_push(&sel.tags, "LINUX");
	S_check_resolve(&sel, all, &sel.tags, "", "Linux", "a value some post has: the site's spelling", true);
	sv_push(&sel.authors, "al smith");
	sv_push(&sel.authors, "JDOE");
	S_check_resolve(&sel, all, &sel.authors, "", "asmith;jdoe", "authors by name or id: their ids", true);

	sv_push(&sel.categories, "travel");
	sv_push(&sel.tags, "cafe");
	S_check_resolve(&sel, all, &sel.tags, "", "Café", "slug match: cafe names Café", false);
	S_check_select(&sel, all, "c.md", "… and selects it");
	S_sel_reset(&sel);

	sv_push(&sel.tags, "Linx");
	sv_push(&sel.categories, "Tarvel");
	S_check_resolve(&sel, all, &sel.tags,
			"no post has the tag 'Linx'; did you mean 'Linux'? (--list-tags lists all 5)|"
			"no post has the category 'Tarvel'; did you mean 'Travel'? (--list-categories lists all 3)",
			NULL, "did you mean: a swap and a missing letter; one error a value", true);

	sv_push(&sel.tags, "qqqqqq");
	S_check_resolve(&sel, all, &sel.tags, "no post has the tag 'qqqqqq' (--list-tags lists all 5)", NULL,
			"nothing close: the hint only", true);

	sv_push(&sel.authors, "jane-doe");
	S_check_resolve(&sel, all, &sel.authors, "", "jdoe", "an author by its name's slug, resolved to its id", false);
	S_check_select(&sel, all, "a.md c.md", "… and selects their posts");
	S_sel_reset(&sel);

	sv_push(&sel.authors, "jdeo");
	S_check_resolve(&sel, all, &sel.authors,
			"no post has the author 'jdeo'; did you mean 'Jane Doe'? (--list-authors lists all 2)", NULL,
			"an author suggested by its display name, matched by id", true);

	struct post_list d = POST_LIST_INIT;
	post_list_push(&d, S_post("x.md", "X", "2024-01-01", "Secret", NULL, NULL, NULL, true));
	post_list_push(&d, S_post("y.md", "Y", "2024-01-01", NULL, NULL, NULL, NULL, false));
	sv_push(&sel.tags, "secret");
	S_check_resolve(&sel, &d, &sel.tags, "no post has the tag 'secret'; only drafts have it (--drafts includes them)",
			NULL, "a value of drafts only says so", false);
	sel.drafts = true;
	sv_push(&sel.tags, "secret"); /* a value naming nothing was dropped */
	S_check_resolve(&sel, &d, &sel.tags, "", "Secret", "… and names it with drafts", true);
	sv_push(&sel.categories, "Travel");
	S_check_resolve(&sel, &d, &sel.categories, "no post has the category 'Travel'; no post has any categories",
			NULL, "a kind no post has", true);
	post_list_free(&d, true);

	sv_push(&sel.tags, "travel");
	S_check_resolve(&sel, all, &sel.tags, "no post has the tag 'travel'; 'Travel' is a category (--category)", NULL,
			"a value of another kind says which", true);

	/* Series typed in part: suggested, not taken. */
	struct post_list s = POST_LIST_INIT;
	struct post *p = S_post("s.md", "S", "2024-01-01", NULL, NULL, NULL, NULL, false);
	sv_push(&p->series, "First Steps");
	post_list_push(&s, p);
	sv_push(&sel.series, "first");
	S_check_resolve(&sel, &s, &sel.series,
			"no post has the series 'first'; did you mean 'First Steps'? (--list-series lists the only one)",
			NULL, "a series' beginning is suggested", true);
	sv_push(&sel.series, "first-steps");
	S_check_resolve(&sel, &s, &sel.series, "", "First Steps", "a series by its slug", true);
	post_list_free(&s, true);
}

int main(void)
{
	struct post_list all = POST_LIST_INIT;
	post_list_push(&all, S_post("a.md", "Alpha", "2024-01-10", "C;Linux", "Dev", "jdoe", "Jane Doe", false));
	post_list_push(&all, S_post("b.md", "Bravo", "2024-01-05T23:30:00", "python", "Dev;Notes", "asmith", "Al Smith", false));
	post_list_push(&all, S_post("c.md", "Charlie", "2024-02-01", "Café;linux", "Travel", "jdoe;asmith", "Jane Doe;Al Smith", false));
	post_list_push(&all, S_post("d.md", "Delta", "2024-03-01", "c", "Dev", "jdoe", "Jane Doe", true));
	post_list_push(&all, S_post("e.md", "Echo", NULL, "misc", NULL, NULL, NULL, false));

	struct selection sel;
	memset(&sel, 0, sizeof sel);

	S_check_select(&sel, &all, "b.md a.md c.md e.md",
		       "empty selection: all but the draft, oldest first, undated last");
	ok(!select_matches(&sel, all.v[3]), "drafts excluded by default");
	sel.drafts = true;
	ok(select_matches(&sel, all.v[3]), "drafts included with drafts=true");
	S_check_select(&sel, &all, "b.md a.md c.md d.md e.md", "drafts=true: the draft in date order");
	S_sel_reset(&sel);

	sv_push(&sel.tags, "LINUX");
	S_check_select(&sel, &all, "a.md c.md", "tag match is case-insensitive");
	sv_push(&sel.tags, "python");
	S_check_select(&sel, &all, "b.md a.md c.md", "two tags: OR within a kind");
	sv_push(&sel.categories, "dev");
	S_check_select(&sel, &all, "b.md a.md", "tags AND categories across kinds");
	S_sel_reset(&sel);

	sv_push(&sel.tags, "CAFÉ");
	S_check_select(&sel, &all, "c.md", "tag match folds non-ASCII case (Café/CAFÉ)");
	S_sel_reset(&sel);

	sv_push(&sel.authors, "JDOE");
	S_check_select(&sel, &all, "a.md c.md", "author by id, case-insensitive");
	S_sel_reset(&sel);
	sv_push(&sel.authors, "al smith");
	S_check_select(&sel, &all, "b.md c.md", "author by display name");
	sv_push(&sel.tags, "linux");
	S_check_select(&sel, &all, "c.md", "author AND tag");
	S_sel_reset(&sel);

	sv_push(&sel.tags, "nosuchtag");
	S_check_select(&sel, &all, "", "no match gives an empty list");
	S_sel_reset(&sel);

	date_parse(&sel.since, "2024-01-10");
	S_check_select(&sel, &all, "a.md c.md", "since is inclusive, undated posts left out");
	date_parse(&sel.until, "2024-02-01");
	S_check_select(&sel, &all, "a.md c.md", "since..until inclusive on both days");
	S_sel_reset(&sel);
	date_parse(&sel.until, "2024-01-05");
	S_check_select(&sel, &all, "b.md", "until is inclusive by day (a post at 23:30 on that day)");
	S_sel_reset(&sel);
	date_parse(&sel.since, "2024-01-06");
	date_parse(&sel.until, "2024-01-09");
	S_check_select(&sel, &all, "", "a range with no posts");
	S_sel_reset(&sel);

	sel.order = ORDER_NEWEST;
	S_check_select(&sel, &all, "c.md a.md b.md e.md", "newest first, undated last");
	sel.order = ORDER_TITLE;
	S_check_select(&sel, &all, "a.md b.md c.md e.md", "by title");
	S_sel_reset(&sel);

	/* Title order of titles that differ in case only at their start. */
	struct post_list cased = POST_LIST_INIT;
	post_list_push(&cased, S_post("1.md", "Cherry", "2024-01-01", NULL, NULL, NULL, NULL, false));
	post_list_push(&cased, S_post("2.md", "banana", "2024-01-01", NULL, NULL, NULL, NULL, false));
	post_list_push(&cased, S_post("3.md", "apple", "2024-01-01", NULL, NULL, NULL, NULL, false));
	post_list_push(&cased, S_post("4.md", "Apple", "2023-01-01", NULL, NULL, NULL, NULL, false));
	sel.order = ORDER_TITLE;
	S_check_select(&sel, &cased, "4.md 3.md 2.md 1.md",
		       "by title, case-insensitively (apple, banana, Cherry)");
	S_sel_reset(&sel);
	post_list_free(&cased, true);

	/* Ties: same date → title, then path. */
	struct post_list ties = POST_LIST_INIT;
	post_list_push(&ties, S_post("z.md", "Same", "2024-05-05", NULL, NULL, NULL, NULL, false));
	post_list_push(&ties, S_post("m.md", "Beta", "2024-05-05", NULL, NULL, NULL, NULL, false));
	post_list_push(&ties, S_post("b.md", "Same", "2024-05-05", NULL, NULL, NULL, NULL, false));
	post_list_push(&ties, S_post("y.md", "Aardvark", "2024-05-05T00:00:00+02:00", NULL, NULL, NULL, NULL, false));
	S_check_select(&sel, &ties, "y.md m.md b.md z.md",
		       "oldest: instant first (a +02:00 midnight is earlier), then title, then path");
	sel.order = ORDER_NEWEST;
	S_check_select(&sel, &ties, "m.md b.md z.md y.md", "newest: ties still by title then path");
	sel.order = ORDER_TITLE;
	S_check_select(&sel, &ties, "y.md m.md b.md z.md", "title: equal titles by path");

	/* select_sort on its own, and the input left as it was. */
	struct post_list copy = POST_LIST_INIT;
	for (size_t i = 0; i < ties.n; i++)
		post_list_push(&copy, ties.v[i]);
	select_sort(&copy, ORDER_OLDEST);
	char *got = S_paths(&copy);
	is_str(got, "y.md m.md b.md z.md", "select_sort oldest");
	free(got);
	got = S_paths(&ties);
	is_str(got, "z.md m.md b.md y.md", "select_posts leaves its input order alone");
	free(got);
	post_list_free(&copy, false);

	enum order o = ORDER_TITLE;
	ok(order_parse("oldest", &o) == 0 && o == ORDER_OLDEST, "order_parse oldest");
	ok(order_parse("newest", &o) == 0 && o == ORDER_NEWEST, "order_parse newest");
	ok(order_parse("title", &o) == 0 && o == ORDER_TITLE, "order_parse title");
	o = ORDER_NEWEST;
	ok(order_parse("random", &o) == -1 && o == ORDER_NEWEST, "order_parse refuses others, *out untouched");
	is_int(order_parse("", &o), -1, "order_parse refuses an empty string");

	S_sel_reset(&sel);
	post_list_free(&ties, true);

	S_discovery(&all);
	post_list_free(&all, true);
	return done_testing();
}
