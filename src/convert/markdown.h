/* markdown.h — Markdown text → HTML, through cmark-gfm.
 *
 * markdown_init registers cmark-gfm's extensions and must be called once,
 * before any other function here, from one thread (cmark-gfm aborts when
 * registration runs twice). After that every function may be called from
 * any thread: each call makes and frees its own parser, and parses take a
 * lock (cmark-gfm changes a global table while it parses).
 *
 * Strings returned are malloc'd and freed with free().
 */
#ifndef SHEAF_MARKDOWN_H
#define SHEAF_MARKDOWN_H

#include <stddef.h>

void markdown_init(void);
/* A note from markdown_guard or markdown_to_html: what was changed, at
 * which body line. */
struct guard_note {
	int line;
	char *message;
};
/* How many references to one footnote keep their link and their back-link
 * in the note; past it, a reference is the note's number as <sup>N</sup>
 * (no word is lost: a reference's text is that number). */
#define MARKDOWN_MAX_NOTE_REFS 100
/* Renders Markdown to an HTML fragment. Each node carries its start line
 * in md (cmark-gfm's own source position, one number from one source):
 * block elements as data-sourcepos="line:col-line:col", written by
 * cmark-gfm; raw HTML and images, on which cmark-gfm 0.29 writes none, as
 * a comment <!--sheaf-line:N--> before them. The XHTML stage (sanitize.c)
 * reads both into xmlNode.line and drops them; chapter.c takes that line
 * through the dialect rewrite's exact map (dialect.h) to the file's.
 * References to one note past MARKDOWN_MAX_NOTE_REFS are made lighter
 * (see there), with a note appended to *notes as markdown_guard does
 * (notes may be NULL: nothing is told).
 * Returns 0, or -1 on failure. */
int markdown_to_html(char **out, const char *md, size_t len, struct guard_note **notes, size_t *nnotes);

/* markdown_to_html with flags: MARKDOWN_NO_AUTOLINK leaves out cmark-gfm's
 * autolinks (bare "www." and email addresses), for Markdown a reader of
 * another format wrote (dialect_foreign). */
enum { MARKDOWN_NO_AUTOLINK = 1u << 0 };
int markdown_to_html_flags(char **out, const char *md, size_t len, unsigned flags, struct guard_note **notes,
			   size_t *nnotes);

/* Rewrites the few inputs on which cmark-gfm 0.29.0.gfm.6 takes quadratic
 * time (see ../shared/CONVENTIONS.md), so that no post takes more than a
 * moment: lines with hundreds of table pipes get their pipes escaped (the
 * row is kept as text), thousands of unclosed `<?` or `<![CDATA[`
 * openers are escaped, and so is the marker past the 100th of a line
 * opening more than 100 nested lists or quotes (`- - - … x`: the rest of
 * the line is text). Ordinary posts come back unchanged. Returns a
 * malloc'd copy (*out_len bytes) and appends a note per change to *notes
 * (an array of *nnotes entries, each message malloc'd; free both). */
char *markdown_guard(const char *md, size_t len, size_t *out_len, struct guard_note **notes,
		     size_t *nnotes);

/* Plain text of the first level-1 heading, or NULL when there is none. */
char *markdown_first_h1(const char *md, size_t len);

#endif
