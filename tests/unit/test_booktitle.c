/* Unit tests of booktitle.h: the book's title made from the selection. */
#include <stdlib.h>
#include <string.h>

#include "app/booktitle.h"
#include "tap.h"

/* A post: tags, categories, author ids and names ';'-separated or NULL. */
static struct post *S_post(const char *title, const char *tags, const char *cats, const char *authors,
			   const char *names, const char *series)
{
	struct post *p = post_new("/site/p.md", "p.md");
	p->title = xstrdup(title);
	const char *lists[] = {tags, cats, authors, names, series};
	struct strvec *into[] = {&p->tags, &p->categories, &p->authors, &p->author_names, &p->series};
	for (size_t k = 0; k < 5; k++) {
		if (!lists[k])
			continue;
		char *copy = xstrdup(lists[k]);
		for (char *save = NULL, *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save))
			sv_push(into[k], tok);
		free(copy);
	}
	return p;
}

static void S_check(const struct selection *sel, const struct post_list *posts, const char *expected,
		    const char *name)
{
	char *got = booktitle_default("Notes", sel, posts);
	is_str(got, expected, name);
	free(got);
}

int main(void)
{
	struct post_list two = POST_LIST_INIT, one = POST_LIST_INIT;
	post_list_push(&two, S_post("Alpha", "Career;Tools", "Software development", "ada", "Ada Quill", "First Steps"));
	post_list_push(&two, S_post("Bravo", "Career", NULL, "bruno", "Bruno Fernández", NULL));
	post_list_push(&one, S_post("Only One", "Career", NULL, "ada", "Ada Quill", NULL));

	struct selection sel;
	memset(&sel, 0, sizeof sel);
	S_check(&sel, &two, "Notes", "nothing selected: the site's title");
	S_check(&sel, &one, "Only One", "one post: its title");
	sv_push(&sel.tags, "career");
	S_check(&sel, &two, "Notes \xE2\x80\x94 Career", "a tag, as the posts write it, after an em dash");
	S_check(&sel, &one, "Only One", "one post selected by a tag: still its title");
	sv_push(&sel.tags, "Tools");
	S_check(&sel, &two, "Notes \xE2\x80\x94 Career, Tools", "two tags, comma-joined");
	sv_free(&sel.tags);
	sv_push(&sel.tags, "tools");
	sv_push(&sel.tags, "career");
	S_check(&sel, &two, "Notes \xE2\x80\x94 Career, Tools", "the options' order does not change the title");
	sv_push(&sel.authors, "bruno");
	sv_push(&sel.categories, "software development");
	S_check(&sel, &two,
		"Notes \xE2\x80\x94 Software development \xC2\xB7 Career, Tools \xC2\xB7 by Bruno Fern\xC3\xA1ndez",
		"categories, tags, then authors by name, joined by a middle dot");
	sv_free(&sel.tags);
	sv_free(&sel.categories);
	sv_free(&sel.authors);
	sv_push(&sel.authors, "Ada Quill");
	S_check(&sel, &two, "Notes \xE2\x80\x94 by Ada Quill", "an author given by name");
	sv_free(&sel.authors);
	sv_push(&sel.authors, "nobody");
	S_check(&sel, &two, "Notes \xE2\x80\x94 by nobody", "a value no post writes: as given");
	sv_free(&sel.authors);

	date_parse(&sel.since, "2019-03-01");
	date_parse(&sel.until, "2021-06-30");
	S_check(&sel, &two, "Notes \xE2\x80\x94 2019\xE2\x80\x93" "2021", "a date range: its years, en dash");
	date_parse(&sel.until, "2019-06-30");
	S_check(&sel, &two, "Notes \xE2\x80\x94 2019", "a range within a year: the year");
	sel.until.valid = false;
	S_check(&sel, &two, "Notes \xE2\x80\x94 since 2019", "--since alone");
	sel.since.valid = false;
	date_parse(&sel.until, "2021-06-30");
	S_check(&sel, &two, "Notes \xE2\x80\x94 until 2021", "--until alone");
	sel.until.valid = false;

	sv_push(&sel.series, "first steps");
	S_check(&sel, &two, "First Steps", "one series: its name as the posts write it");
	is_str(booktitle_series(&two, "FIRST STEPS"), "First Steps", "booktitle_series: as written");
	sv_push(&sel.tags, "career");
	S_check(&sel, &two, "First Steps \xE2\x80\x94 Career", "a series and a tag");
	sv_free(&sel.tags);
	sv_push(&sel.series, "Other");
	S_check(&sel, &two, "Notes \xE2\x80\x94 First Steps, Other", "two series: the site's title, then both");
	sv_free(&sel.series);

	post_list_free(&two, true);
	post_list_free(&one, true);
	return done_testing();
}
