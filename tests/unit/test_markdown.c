/* Unit tests of src/convert/markdown.c's limits on pathological input:
 * past MARKDOWN_MAX_NOTE_REFS a reference to one footnote is the note's
 * number in <sup>, and the back-links cmark-gfm still writes for them go;
 * past 100 container markers opening one line, the markers are text. */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "convert/markdown.h"
#include "tap.h"

static size_t S_count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The HTML of refs references to [^a] then one to [^b]; notes freed. */
static char *S_html(size_t refs, size_t *nnotes, int *line)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "Intro.\n\n");
	for (size_t i = 0; i < refs; i++)
		sb_addf(&sb, "w%zu[^a] ", i);
	sb_adds(&sb, "x[^b] ENDMARK\n\n[^a]: note a\n[^b]: note b\n");
	char *html = NULL;
	struct guard_note *notes = NULL;
	*nnotes = 0;
	ok(markdown_to_html(&html, sb.s, sb.len, &notes, nnotes) == 0, "%zu references convert", refs);
	*line = *nnotes ? notes[0].line : 0;
	for (size_t i = 0; i < *nnotes; i++)
		free(notes[i].message);
	free(notes);
	sb_release(&sb);
	return html;
}

/* markdown_guard of unit repeated n times then "x\n": the result, and
 * how many notes it gave. */
static char *S_guard(const char *unit, size_t n, const char *tail, size_t *nnotes)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_adds(&sb, unit);
	sb_adds(&sb, tail);
	struct guard_note *notes = NULL;
	size_t len;
	*nnotes = 0;
	char *out = markdown_guard(sb.s, sb.len, &len, &notes, nnotes);
	for (size_t i = 0; i < *nnotes; i++)
		free(notes[i].message);
	free(notes);
	sb_release(&sb);
	return out;
}

static void S_markers(void)
{
	size_t nnotes;
	char *out = S_guard("- ", 100, "x\n", &nnotes);
	ok(nnotes == 0 && !strchr(out, '\\'), "100 list markers on a line: unchanged");
	free(out);
	out = S_guard("- ", 150, "x\n", &nnotes);
	is_int((long long)nnotes, 1, "150: one note");
	ok(strlen(out) == 303 && strncmp(out + 198, "- \\- - ", 7) == 0, "the 101st marker escaped, nothing else");
	char *html = NULL;
	ok(markdown_to_html(&html, out, strlen(out), NULL, NULL) == 0, "converts");
	is_int((long long)S_count(html, "<ul"), 100, "into 100 nested lists");
	like(html, "\">- - - - ", "the rest of the line their text");
	free(html);
	free(out);
	out = S_guard("> ", 150, "x\n", &nnotes);
	ok(nnotes == 1 && strncmp(out + 198, "> \\> > ", 7) == 0, "quote markers the same");
	free(out);
	out = S_guard("12. ", 150, "x\n", &nnotes);
	ok(nnotes == 1 && strncmp(out + 400, "12\\. 12. ", 9) == 0, "ordered markers: the delimiter escaped");
	free(out);
	out = S_guard("- ", 300, "\n", &nnotes);
	ok(nnotes == 0 && !strchr(out, '\\'), "a thematic break of 300 dashes: unchanged");
	free(out);
}

/* Autolinks are cmark-gfm's, and can be left out (for Markdown a reST
 * reader wrote, whose links are its own). */
static void S_autolinks(void)
{
	const char *md = "Go www.example.org or write a@b.example.\n";
	char *html = NULL;
	ok(markdown_to_html(&html, md, strlen(md), NULL, NULL) == 0, "converts");
	like(html, "<a href=\"http://www.example.org\">", "\"www.\" is a link");
	like(html, "<a href=\"mailto:a@b.example\">", "an email address is a link");
	free(html);
	ok(markdown_to_html_flags(&html, md, strlen(md), MARKDOWN_NO_AUTOLINK, NULL, NULL) == 0,
	   "converts without autolinks");
	unlike(html, "<a ", "MARKDOWN_NO_AUTOLINK: no link");
	like(html, "Go www.example.org or write a@b.example.", "the text as written");
	free(html);
}

int main(void)
{
	markdown_init();
	S_markers();
	S_autolinks();
	size_t nnotes;
	int line;
	char *html = S_html(MARKDOWN_MAX_NOTE_REFS, &nnotes, &line);
	is_int((long long)nnotes, 0, "at the limit: nothing to tell");
	is_int((long long)S_count(html, "data-footnote-ref"), MARKDOWN_MAX_NOTE_REFS + 1, "every reference a link");
	is_int((long long)S_count(html, "data-footnote-backref"), MARKDOWN_MAX_NOTE_REFS + 1,
	       "every reference a back-link");
	free(html);

	html = S_html(MARKDOWN_MAX_NOTE_REFS + 50, &nnotes, &line);
	is_int((long long)nnotes, 1, "past the limit: one note for the post");
	is_int(line, 3, "at the line of the first reference past it");
	is_int((long long)S_count(html, "data-footnote-ref"), MARKDOWN_MAX_NOTE_REFS + 1,
	       "the first 100 references to a note and the other note's stay links");
	is_int((long long)S_count(html, "data-footnote-backref"), MARKDOWN_MAX_NOTE_REFS + 1, "and so do their back-links");
	is_int((long long)S_count(html, "<sup>1</sup>"), 50, "the rest are the note's number");
	like(html, "w149<sup>1</sup> x<sup class=\"footnote-ref\"><a href=\"#fn-b\"", "in their place, every word kept");
	like(html, "ENDMARK", "to the end");
	const char *end = strstr(html, "ENDMARK"), *sec = strstr(html, "<section class=\"footnotes\"");
	const char *na = strstr(html, "note a"), *nb = strstr(html, "note b");
	ok(end && sec && na && nb && end < sec && sec < na && na < nb && S_count(html, "<section") == 1,
	   "the notes rendered apart come after the body, once, in order");
	like(html, "note b <a href=\"#fnref-b\" class=\"footnote-backref\"", "each with its first back-link");
	like(html, "</li>\n</ol>\n</section>\n", "the section closed");
	like(html, "id=\"fnref-a-100\"", "the 100th reference keeps its id");
	like(html, "href=\"#fnref-a-100\"", "and its back-link");
	unlike(html, "fnref-a-101", "the 101st has neither");
	free(html);

	/* The back-links go only in the form cmark-gfm writes them. */
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < MARKDOWN_MAX_NOTE_REFS + 1; i++)
		sb_adds(&sb, "[^a] ");
	sb_adds(&sb, "\n\n<p><a href=\"#fnref-z-300\" class=\"other\">kept-300</a> "
		     "<a href=\"#fnref-z-301\" class=\"footnote-backref\" data-footnote-backref "
		     "aria-label=\"Back to content\">\xe2\x86\xa9<sup class=\"footnote-ref\">302</sup></a></p>\n\n"
		     "[^a]: note a\n");
	nnotes = 0;
	struct guard_note *notes = NULL;
	ok(markdown_to_html(&html, sb.s, sb.len, &notes, &nnotes) == 0 && nnotes == 1, "converts, one note");
	like(html, "kept-300", "a link of the post's own stays");
	like(html, "fnref-z-301", "and one that is nearly a back-link (its numbers differ)");
	free(html);
	free(notes[0].message);
	free(notes);
	ok(markdown_to_html(&html, sb.s, sb.len, NULL, NULL) == 0 && !strstr(html, "fnref-a-101"),
	   "notes may be NULL");
	free(html);
	sb_release(&sb);
	return done_testing();
}
