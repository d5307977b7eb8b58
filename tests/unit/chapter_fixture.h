/* chapter_fixture.h — helpers of the tests that take a post through the
 * chapter stage (test_chapter, test_links, test_contentmodel). Static
 * inline, as in fixture.h.
 *
 *   cfx_template(argc, argv)        the built-in templates/chapter.xhtml under
 *                                   argv[1] (the source root), malloc'd; NULL
 *                                   after printing "Bail out!" (return 1 then)
 *   cfx_post(relpath, title, body, body_line)
 *                                   a post at /site/<relpath> (post_free it)
 *   cfx_options(template, index)    chapter_convert's options for the
 *                                   template, as the book's chapter index
 */
#ifndef SHEAF_TEST_CHAPTER_FIXTURE_H
#define SHEAF_TEST_CHAPTER_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "convert/chapter.h"
#include "convert/markdown.h"
#include "input/post.h"

static inline char *cfx_template(int argc, char **argv)
{
	char *path = path_join(argc > 1 ? argv[1] : ".", "templates/chapter.xhtml");
	char *text = NULL;
	if (read_file(path, &text, NULL) < 0) {
		printf("Bail out! cannot read %s\n", path);
		text = NULL;
	}
	free(path);
	return text;
}

static inline struct post *cfx_post(const char *relpath, const char *title, const char *body, int body_line)
{
	char *path = xasprintf("/site/%s", relpath);
	struct post *p = post_new(path, relpath);
	free(path);
	p->title = xstrdup(title);
	p->body = xstrdup(body);
	p->body_len = strlen(body);
	p->body_line = body_line;
	return p;
}

static inline struct convert_options cfx_options(const char *template_text, size_t index)
{
	return (struct convert_options){
		.language = "en",
		.template_text = template_text,
		.template_origin = "chapter.xhtml",
		.content_dir = ".",
		.index = index,
	};
}

#endif
