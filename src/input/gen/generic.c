/* The fallback: any folder of Markdown files, every *.md a post. */
#include "input/site.h"

static bool S_detect(const char *root)
{
	(void)root;
	return true;
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	(void)dl;
	site->content_dir = xstrdup(".");
	site->posts_dir = xstrdup(".");
	return 0;
}

/* The files it reads as posts. */
static const char *const S_post_exts[] = {".md", ".markdown", NULL};

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	(void)dl;
	site_walk_report(site->root, ".", S_post_exts, files, dl);
	return 0;
}

/* The keys blogs of every kind use. */
static const char *const S_cover_keys[] = {"cover_image", "image", "images", "cover.image", NULL};

const struct site_generator site_generic = {
	.name = "generic",
	.detect = S_detect,
	.configure = S_configure,
	.list_posts = S_list_posts,
	.post_fields = NULL,
	.page_url = NULL,
	.cover_keys = S_cover_keys,
	.post_exts = S_post_exts,
	.ref_targets = site_ref_targets_usual, /* in a post read with another generator's dialect */
};
