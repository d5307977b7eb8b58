#define _POSIX_C_SOURCE 200809L
#include "input/refs.h"

#include <stdlib.h>
#include <string.h>

#include "input/site.h"

void refs_init(struct refs *r, const struct site *site, const struct post_list *posts)
{
	memset(r, 0, sizeof *r);
	r->site = site;
	r->posts = posts;
	for (size_t i = 0; i < posts->n; i++)
		strmap_put(&r->by_relpath, posts->v[i]->relpath, i);
}

void refs_free(struct refs *r)
{
	strmap_free(&r->by_relpath);
	memset(r, 0, sizeof *r);
}

void site_page_forms(const struct site *site, const char *path, struct strvec *out)
{
	struct strvec forms = STRVEC_INIT;
	if (site->gen->page_forms) {
		site->gen->page_forms(site, path, &forms);
	} else {
		for (const char *const *e = site->gen->post_exts; e && *e; e++) {
			sv_push_owned(&forms, xasprintf("%s%s", path, *e));
			sv_push_owned(&forms, xasprintf("%s/index%s", path, *e));
		}
	}
	for (size_t i = 0; i < forms.n; i++)
		sv_push_owned(out, path_normalize(forms.v[i]));
	sv_free(&forms);
}

void site_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
		      const char *ref, bool link, struct strvec *out)
{
	if (site->gen->ref_targets)
		site->gen->ref_targets(site, posts, from, ref, link, out);
}

const struct post *refs_post_by_path(const struct refs *r, const char *target)
{
	size_t i;
	if (strmap_get(&r->by_relpath, target, &i))
		return r->posts->v[i];
	struct strvec forms = STRVEC_INIT;
	site_page_forms(r->site, target, &forms);
	const struct post *p = NULL;
	for (size_t k = 0; k < forms.n && !p; k++)
		if (strmap_get(&r->by_relpath, forms.v[k], &i))
			p = r->posts->v[i];
	sv_free(&forms);
	return p;
}

const struct post *refs_post_by_ref(const struct refs *r, const char *from, const char *ref, bool link)
{
	struct strvec targets = STRVEC_INIT;
	site_ref_targets(r->site, r->posts, from, ref, link, &targets);
	const struct post *p = NULL;
	for (size_t i = 0; i < targets.n && !p; i++) {
		char *norm = path_normalize(targets.v[i]);
		p = refs_post_by_path(r, norm);
		free(norm);
	}
	sv_free(&targets);
	return p;
}

/* The path from the folder `from_dir` to the file `to` (both relative to
 * the site root and normalized; "." is the root). */
static char *S_relative(const char *from_dir, const char *to)
{
	struct strvec from = STRVEC_INIT, dest = STRVEC_INIT;
	const char *parts[2] = {strcmp(from_dir, ".") ? from_dir : "", to};
	struct strvec *vs[2] = {&from, &dest};
	for (int k = 0; k < 2; k++) {
		for (const char *p = parts[k]; *p;) {
			const char *slash = strchr(p, '/');
			size_t n = slash ? (size_t)(slash - p) : strlen(p);
			sv_push_owned(vs[k], xstrndup(p, n));
			p += n + (slash ? 1 : 0);
		}
	}
	size_t common = 0;
	while (common < from.n && common + 1 < dest.n && strcmp(from.v[common], dest.v[common]) == 0)
		common++;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = common; i < from.n; i++)
		sb_adds(&sb, "../");
	for (size_t i = common; i < dest.n; i++) {
		sb_adds(&sb, dest.v[i]);
		if (i + 1 < dest.n)
			sb_addc(&sb, '/');
	}
	sv_free(&from);
	sv_free(&dest);
	return sb_detach(&sb);
}

char *refs_resolve(const struct refs *r, const char *from, const char *ref)
{
	const struct post *p = refs_post_by_ref(r, from, ref, false);
	if (!p)
		return NULL;
	char *dir = path_dirname(from);
	char *out = S_relative(dir, p->relpath);
	free(dir);
	return out;
}
