/* markdown.h — Markdown text → HTML, through cmark-gfm.
 *
 * markdown_init registers cmark-gfm's extensions and must be called once,
 * before any other function here, from one thread (cmark-gfm aborts when
 * registration runs twice). After that every function is reentrant: each
 * call makes and frees its own parser.
 *
 * Strings returned are malloc'd and freed with free().
 */
#ifndef SHEAF_MARKDOWN_H
#define SHEAF_MARKDOWN_H

#include <stddef.h>

void markdown_init(void);
/* Renders Markdown to an HTML fragment. Block elements carry
 * data-sourcepos="line:col-line:col" (body lines), which the XHTML stage
 * uses for diagnostics and then removes. Returns 0, or -1 on failure. */
int markdown_to_html(char **out, const char *md, size_t len);
/* Plain text of the first level-1 heading, or NULL when there is none. */
char *markdown_first_h1(const char *md, size_t len);

#endif
