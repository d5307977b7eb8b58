/* Unit tests of src/book/imagefile.c: which site file an image reference names.
 * Small Jekyll and Hugo sites in a temporary folder; each reading the
 * module allows finds its file, and nothing above the site root is tried. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "book/imagefile.h"
#include "convert/markdown.h"
#include "input/site.h"
#include "tap.h"

static char S_tmp[] = "/tmp/sheaf-imagefile-XXXXXX";
static const char S_png[] = "\x89PNG\r\n\x1a\n";

struct S_site {
	struct site *site;
	struct post_list posts;
	struct diag_list dl;
};

static int S_open(struct S_site *s, const char *dir)
{
	char *root = path_join(S_tmp, dir);
	memset(s, 0, sizeof *s);
	int rc = site_open(&s->site, root, NULL, &s->dl);
	if (rc == 0)
		rc = site_collect(s->site, &s->posts, &s->dl);
	free(root);
	return rc;
}

static void S_close(struct S_site *s)
{
	post_list_free(&s->posts, true);
	site_free(s->site);
	diag_list_free(&s->dl);
}

/* image_file for the reference raw, made by post relpath; target is the
 * chapter's primary reading. */
static void S_is_file(struct S_site *s, const char *relpath, const char *target, const char *raw,
		      const char *expected, const char *name)
{
	const struct post *p = fx_find_post(&s->posts, relpath);
	if (!p) {
		ok(0, "%s: post %s not collected", name, relpath);
		return;
	}
	char *got = image_file(s->site, p, target, raw);
	is_str(got, expected, name);
	free(got);
}

static void test_jekyll(void)
{
	fx_writes(S_tmp, "jk/_config.yml",
		  "title: J\nurl: https://ex.org\nbaseurl: /blog\npermalink: /:year/:month/:day/:title/\n");
	fx_writes(S_tmp, "jk/_posts/2020-01-02-foo.md", "---\ntitle: Foo\n---\nBody\n");
	fx_write(S_tmp, "jk/assets/img/a.png", S_png, 8);
	fx_write(S_tmp, "jk/_posts/2020-01-02-foo/c.png", S_png, 8);
	fx_write(S_tmp, "jk/foo/d.png", S_png, 8);
	fx_write(S_tmp, "jk/assets/img/e.jpg", S_png, 8);
	struct S_site s;
	if (S_open(&s, "jk") < 0) {
		ok(0, "the Jekyll site opens");
		S_close(&s);
		return;
	}
	const char *post = "_posts/2020-01-02-foo.md";
	S_is_file(&s, post, "../../../assets/img/a.png", "../../../../assets/img/a.png", "assets/img/a.png",
		  "a path relative to the permalink (pretty URL, four levels up)");
	S_is_file(&s, post, "blog/assets/img/a.png", "/blog/assets/img/a.png", "assets/img/a.png",
		  "a site-absolute path with the baseurl");
	S_is_file(&s, post, "assets/img/a.png", "/assets/img/a.png?raw=true#only-dark", "assets/img/a.png",
		  "a site-absolute path with a query and a fragment");
	S_is_file(&s, post, "_posts/c.png", "c.png", "_posts/2020-01-02-foo/c.png",
		  "a folder named after the post");
	S_is_file(&s, post, "foo/d.png", "../foo/d.png", "foo/d.png", "the file-relative reading first");
	S_is_file(&s, post, "_posts/d.png", "d.png", "_posts/d.png",
		  "the undated folder is not the post's folder: the primary reading is kept");
	S_is_file(&s, post, "assets/img/%61.png", "/assets/img/%61.png", "assets/img/a.png", "percent-encoding");
	S_is_file(&s, post, "assets/img/e", "/assets/img/e", "assets/img/e.jpg", "a name without extension");
	S_is_file(&s, post, "../etc/passwd", "../../../../../etc/passwd", "../etc/passwd",
		  "a reading above the site root is never tried: the primary is kept for the warning");
	S_is_file(&s, post, "missing.png", "/missing.png", "missing.png", "nothing found: the primary reading");
	struct strvec r = STRVEC_INIT;
	image_readings(&r, s.site, fx_find_post(&s.posts, post), "../x.png", "../../../../../../x.png");
	bool above = false;
	for (size_t i = 1; i < r.n; i++)
		above |= str_starts_with(r.v[i], "..");
	ok(!above && r.n >= 1, "no reading besides the primary one climbs above the site");
	sv_free(&r);
	S_close(&s);
}

static void test_hugo(void)
{
	fx_writes(S_tmp, "hg/hugo.toml", "title = \"H\"\nbaseURL = \"https://ex.org/\"\n");
	fx_writes(S_tmp, "hg/content/posts/bundle/index.md", "---\ntitle: Bundle\ndate: 2020-01-01\n---\nBody\n");
	fx_write(S_tmp, "hg/content/posts/bundle/spruce.webp", S_png, 8);
	fx_write(S_tmp, "hg/content/posts/bundle/spruce-notes.txt", "x", 1);
	fx_write(S_tmp, "hg/static/img/x.png", S_png, 8);
	struct S_site s;
	if (S_open(&s, "hg") < 0) {
		ok(0, "the Hugo site opens");
		S_close(&s);
		return;
	}
	const char *post = "content/posts/bundle/index.md";
	S_is_file(&s, post, "content/posts/bundle/spruce", "spruce", "content/posts/bundle/spruce.webp",
		  "a page resource named without its extension");
	S_is_file(&s, post, "static/img/x.png", "/img/x.png", "static/img/x.png", "under static/");
	S_is_file(&s, post, "static/posts/bundle/spruce.webp", "/posts/bundle/spruce.webp",
		  "content/posts/bundle/spruce.webp", "a page resource by its published URL");
	S_close(&s);
}

/* Site-absolute images in any of Hugo's static folders: a staticDir
 * list, or several static mounts, searched in order. */
static void test_hugo_statics(void)
{
	fx_writes(S_tmp, "hs/hugo.toml", "title = \"H\"\nbaseURL = \"https://ex.org/\"\nstaticDir = [\"static\", \"assets\", \"../up\"]\n");
	fx_writes(S_tmp, "hs/content/posts/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nBody\n");
	fx_write(S_tmp, "hs/static/img/one.png", S_png, 8);
	fx_write(S_tmp, "hs/assets/img/two.png", S_png, 8);
	fx_writes(S_tmp, "hm/hugo.yaml", "title: M\nbaseURL: https://ex.org/\nmodule:\n  mounts:\n"
		  "  - {source: static, target: static}\n  - {source: shared/pics, target: static}\n"
		  "  - {source: shared/deep, target: static/deep}\n");
	fx_writes(S_tmp, "hm/content/posts/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nBody\n");
	fx_write(S_tmp, "hm/shared/pics/img/three.png", S_png, 8);
	struct S_site s;
	if (S_open(&s, "hs") == 0) {
		S_is_file(&s, "content/posts/a.md", "static/img/one.png", "/img/one.png", "static/img/one.png",
			  "the first staticDir");
		S_is_file(&s, "content/posts/a.md", "static/img/two.png", "/img/two.png", "assets/img/two.png",
			  "the second staticDir of the list");
		ok(s.dl.n == 1 && s.dl.v[0].severity == DIAG_WARNING && strstr(s.dl.v[0].message, "../up"),
		   "a staticDir outside the site: one warning naming it");
	} else {
		ok(0, "a site with a staticDir list opens");
	}
	S_close(&s);
	if (S_open(&s, "hm") == 0)
		S_is_file(&s, "content/posts/a.md", "static/img/three.png", "/img/three.png",
			  "shared/pics/img/three.png", "the second static mount");
	else
		ok(0, "a site with two static mounts opens");
	S_close(&s);
}

int main(void)
{
	markdown_init();
	if (!mkdtemp(S_tmp)) {
		puts("Bail out! mkdtemp failed");
		return 1;
	}
	test_jekyll();
	test_hugo();
	test_hugo_statics();
	fx_rm_rf(S_tmp);
	return done_testing();
}
