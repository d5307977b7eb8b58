#include "input/post.h"

#include <stdlib.h>

#include "base/text.h"
#include "input/frontmatter.h"

struct post *post_new(const char *path, const char *relpath)
{
	struct post *p = xcalloc(1, sizeof *p);
	p->path = xstrdup(path);
	p->relpath = xstrdup(relpath);
	return p;
}

void post_free(struct post *p)
{
	if (!p)
		return;
	free(p->path);
	free(p->relpath);
	free(p->title);
	sv_free(&p->tags);
	sv_free(&p->categories);
	sv_free(&p->authors);
	sv_free(&p->author_names);
	free(p->description);
	free(p->slug);
	sv_free(&p->series);
	sv_free(&p->aliases);
	free(p->url);
	free(p->summary);
	free(p->live_url);
	free(p->cover_image);
	free(p->body);
	fm_node_free(p->front_matter);
	free(p);
}

void post_list_push(struct post_list *pl, struct post *p)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 16;
		pl->v = xrealloc(pl->v, pl->cap * sizeof *pl->v);
	}
	pl->v[pl->n++] = p;
}

void post_list_free(struct post_list *pl, bool owned)
{
	if (owned)
		for (size_t i = 0; i < pl->n; i++)
			post_free(pl->v[i]);
	free(pl->v);
	pl->v = NULL;
	pl->n = pl->cap = 0;
}

void post_clean_text(struct post *p, struct diag_list *dl)
{
	text_clean_fields(&p->title, 1, "title", p->path, dl);
	text_clean_fields(&p->description, 1, "description", p->path, dl);
	text_clean_fields(&p->summary, 1, "summary", p->path, dl);
	const struct {
		struct strvec *sv;
		const char *field;
	} lists[] = {
		{&p->tags, "tags"},
		{&p->categories, "categories"},
		{&p->series, "series"},
		{&p->authors, "authors"},
		{&p->author_names, "author names"},
	};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		text_clean_fields(lists[i].sv->v, lists[i].sv->n, lists[i].field, p->path, dl);
}
