/* A stub: issue 13 brings the Astro generator here. Detects nothing yet. */
#include "input/site.h"

static bool S_detect(const char *root)
{
	(void)root;
	return false;
}

static int S_configure(struct site *site, struct diag_list *dl)
{
	(void)dl;
	site->content_dir = xstrdup(".");
	site->posts_dir = xstrdup(".");
	return 0;
}

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	(void)site;
	(void)files;
	(void)dl;
	return 0;
}

const struct site_generator site_astro = {
	.name = "astro",
	.detect = S_detect,
	.configure = S_configure,
	.list_posts = S_list_posts,
};
