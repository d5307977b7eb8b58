/* Unit tests of input/refs.h: a site path or a generator's reference →
 * the post it names, through the generator's hooks only (a generator of
 * our own here, whose posts are .md and .mdx files). */
#include <stdlib.h>
#include <string.h>

#include "input/refs.h"
#include "input/site.h"
#include "tap.h"

/* A reference `name:x` names the post whose file is named x, anywhere; a
 * Markdown link is no reference. */
static void S_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			  const char *ref, bool link, struct strvec *out)
{
	(void)site, (void)from;
	if (link || strncmp(ref, "name:", 5) != 0)
		return;
	for (size_t i = 0; i < posts->n; i++) {
		const char *base = path_basename(posts->v[i]->relpath);
		if (strncmp(base, ref + 5, strlen(ref + 5)) == 0 && base[strlen(ref + 5)] == '.')
			sv_push(out, posts->v[i]->relpath);
	}
}

static const char *const S_exts[] = {".md", ".mdx", NULL};
static const struct site_generator S_gen = {.name = "test", .post_exts = S_exts, .ref_targets = S_ref_targets};

/* Hugo-like: a section's page is x/_index.md. */
static void S_page_forms(const struct site *site, const char *path, struct strvec *out)
{
	(void)site;
	sv_push_owned(out, xasprintf("%s/_index.md", path));
}

static const struct site_generator S_gen_forms = {.name = "forms", .page_forms = S_page_forms};

int main(void)
{
	struct post_list posts = POST_LIST_INIT;
	const char *files[] = {"blog/a.mdx", "blog/b/index.mdx", "blog/c.md", "docs/sec/_index.md"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		post_list_push(&posts, post_new(files[i], files[i]));
	struct site site = {.gen = &S_gen};
	struct refs r;
	refs_init(&r, &site, &posts);

	const struct post *p = refs_post_by_path(&r, "blog/c.md");
	is_str(p ? p->relpath : NULL, "blog/c.md", "a path as written");
	p = refs_post_by_path(&r, "blog/a");
	is_str(p ? p->relpath : NULL, "blog/a.mdx", "x → x.mdx: the generator's extensions");
	p = refs_post_by_path(&r, "blog/b");
	is_str(p ? p->relpath : NULL, "blog/b/index.mdx", "x → x/index.mdx");
	ok(refs_post_by_path(&r, "blog/z") == NULL, "no such post");

	p = refs_post_by_ref(&r, "blog/c.md", "name:a", false);
	is_str(p ? p->relpath : NULL, "blog/a.mdx", "a reference, through the generator's ref_targets");
	ok(refs_post_by_ref(&r, "blog/c.md", "name:a", true) == NULL, "a link is not a reference for it");
	char *rel = refs_resolve(&r, "blog/c.md", "name:index");
	is_str(rel, "b/index.mdx", "resolved: a path from the referring post's folder");
	free(rel);
	rel = refs_resolve(&r, "docs/sec/_index.md", "name:c");
	is_str(rel, "../../blog/c.md", "from another folder");
	free(rel);
	ok(refs_resolve(&r, "blog/c.md", "name:zz") == NULL, "a reference to no post");

	struct strvec forms = STRVEC_INIT;
	site_page_forms(&site, "blog/./a", &forms);
	is_str(forms.n == 4 ? forms.v[3] : NULL, "blog/a/index.mdx", "page forms are normalized");
	sv_free(&forms);
	refs_free(&r);

	struct site site2 = {.gen = &S_gen_forms};
	refs_init(&r, &site2, &posts);
	p = refs_post_by_path(&r, "docs/sec");
	is_str(p ? p->relpath : NULL, "docs/sec/_index.md", "a generator's own page forms replace the default");
	ok(refs_post_by_ref(&r, "blog/c.md", "name:a", false) == NULL, "no ref_targets hook: no reference");
	refs_free(&r);
	post_list_free(&posts, true);
	return done_testing();
}
