#include "app/booktitle.h"

#include <string.h>

#include "base/util.h"

enum S_kind { S_CATEGORY, S_TAG, S_AUTHOR, S_SERIES };

static const struct strvec *S_field(const struct post *p, enum S_kind kind)
{
	switch (kind) {
	case S_CATEGORY: return &p->categories;
	case S_TAG: return &p->tags;
	case S_AUTHOR: return &p->authors;
	default: return &p->series;
	}
}

/* value as the posts write it; an author, given by id or by name, as his
 * name. Borrowed from the posts, else value itself. */
static const char *S_as_written(const struct post_list *posts, enum S_kind kind, const char *value)
{
	for (size_t i = 0; i < posts->n; i++) {
		const struct post *p = posts->v[i];
		const struct strvec *v = S_field(p, kind);
		for (size_t k = 0; k < v->n; k++) {
			bool named = kind == S_AUTHOR && k < p->author_names.n;
			if (str_ieq_utf8(v->v[k], value) || (named && str_ieq_utf8(p->author_names.v[k], value)))
				return named ? p->author_names.v[k] : v->v[k];
		}
	}
	return value;
}

const char *booktitle_series(const struct post_list *posts, const char *value)
{
	return S_as_written(posts, S_SERIES, value);
}

/* One kind's values, as written, sorted, once each, after lead. */
static void S_kind(struct strvec *parts, const struct post_list *posts, enum S_kind kind,
		   const struct strvec *values, const char *lead)
{
	if (!values->n)
		return;
	struct strvec w = STRVEC_INIT;
	for (size_t i = 0; i < values->n; i++)
		sv_push_unique_ci(&w, S_as_written(posts, kind, values->v[i]));
	sv_sort(&w);
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, lead);
	for (size_t i = 0; i < w.n; i++) {
		if (i)
			sb_adds(&sb, ", ");
		sb_adds(&sb, w.v[i]);
	}
	sv_push_owned(parts, sb_detach(&sb));
	sv_free(&w);
}

char *booktitle_default(const char *site_title, const struct selection *sel, const struct post_list *posts)
{
	if (posts->n == 1 && posts->v[0]->title && *posts->v[0]->title)
		return xstrdup(posts->v[0]->title);
	const char *base = site_title;
	struct strvec parts = STRVEC_INIT;
	if (sel->series.n == 1)
		base = booktitle_series(posts, sel->series.v[0]);
	else
		S_kind(&parts, posts, S_SERIES, &sel->series, "");
	S_kind(&parts, posts, S_CATEGORY, &sel->categories, "");
	S_kind(&parts, posts, S_TAG, &sel->tags, "");
	S_kind(&parts, posts, S_AUTHOR, &sel->authors, "by ");
	int from = sel->since.valid ? sel->since.year : 0, to = sel->until.valid ? sel->until.year : 0;
	if (from && to)
		sv_push_owned(&parts, from == to ? xasprintf("%d", from) : xasprintf("%d\xE2\x80\x93%d", from, to));
	else if (from)
		sv_push_owned(&parts, xasprintf("since %d", from));
	else if (to)
		sv_push_owned(&parts, xasprintf("until %d", to));
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, base);
	for (size_t i = 0; i < parts.n; i++) {
		/* " — " (an em dash) after the base, " · " between kinds. */
		sb_adds(&sb, i ? " \xC2\xB7 " : " \xE2\x80\x94 ");
		sb_adds(&sb, parts.v[i]);
	}
	sv_free(&parts);
	return sb_detach(&sb);
}
