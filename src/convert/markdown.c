#include "convert/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Why each option: see ../shared/CONVENTIONS.md. UNSAFE keeps raw HTML,
 * which the XHTML stage parses and sanitizes; TABLE_PREFER_STYLE avoids
 * align= (invalid in EPUB 3); DOUBLE_TILDE keeps `~5~` as text. */
#define S_OPTIONS                                                                   \
	(CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8 |          \
	 CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | \
	 CMARK_OPT_SOURCEPOS)

/* No "tagfilter": it escapes <script>, <iframe>, <style> and the like into
 * visible text, so a book would show `<script>alert()</script>` to its
 * reader. The sanitizer (sanitize.c) removes those elements from the parsed
 * tree instead, and turns an iframe into a link to what it showed. */
static const char *const S_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

/* cmark-gfm 0.29 keeps the table of "special" inline characters in a
 * global array that every parse changes: the extensions' characters (`:`
 * and `w` for autolinks, `~`, `|`) are added before inlines are parsed and
 * removed after, by cmark_parser_finish and by the table extension while
 * it reads rows (so during cmark_parser_feed too). Two posts parsed at
 * once on two threads then lose each other's autolinks, seen as books
 * that differ from run to run (github/cmark-gfm#176). Parsing takes this
 * lock; rendering, most of the work around it, does not. The one piece of
 * global state in sheaf, guarding the library's own. */
static pthread_mutex_t S_parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* Feeds and finishes a parse under the lock. NULL when cmark-gfm fails. */
static cmark_node *S_parse(cmark_parser *parser, const char *md, size_t len)
{
	pthread_mutex_lock(&S_parse_lock);
	cmark_parser_feed(parser, md, len);
	cmark_node *doc = cmark_parser_finish(parser);
	pthread_mutex_unlock(&S_parse_lock);
	return doc;
}

void markdown_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static cmark_parser *S_parser(unsigned flags)
{
	cmark_parser *parser = cmark_parser_new(S_OPTIONS);
	if (!parser)
		abort();
	for (size_t i = 0; i < sizeof S_extensions / sizeof *S_extensions; i++) {
		if ((flags & MARKDOWN_NO_AUTOLINK) && !strcmp(S_extensions[i], "autolink"))
			continue;
		cmark_syntax_extension *ext = cmark_find_syntax_extension(S_extensions[i]);
		if (!ext) {
			fprintf(stderr, "sheaf: cmark-gfm has no '%s' extension\n", S_extensions[i]);
			abort();
		}
		cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

/* Only before an opening tag: a mark before `</textarea>` or `</span>`
 * could land inside an element's text. */
static bool S_opening_tag(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	return lit && lit[0] == '<' && ((lit[1] >= 'a' && lit[1] <= 'z') || (lit[1] >= 'A' && lit[1] <= 'Z'));
}

/* cmark-gfm writes data-sourcepos only on the blocks it renders itself:
 * raw HTML, and images inside a paragraph of many lines, would have no
 * line or the paragraph's first. A comment `<!--sheaf-line:N-->` before
 * each raw HTML node and each image gives the XHTML stage the line of what
 * follows it (sanitize.c reads and drops it). */
static void S_mark_lines(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		bool marked = type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_IMAGE ||
			      (type == CMARK_NODE_HTML_INLINE && S_opening_tag(node));
		if (!marked || cmark_node_get_start_line(node) <= 0)
			continue;
		char mark[40];
		snprintf(mark, sizeof mark, "<!--sheaf-line:%d-->", cmark_node_get_start_line(node));
		if (type == CMARK_NODE_HTML_BLOCK) {
			/* Its text is written as is: the mark goes in front of it. */
			const char *lit = cmark_node_get_literal(node);
			char *with = xasprintf("%s%s", mark, lit ? lit : "");
			cmark_node_set_literal(node, with);
			free(with);
		} else {
			/* A sibling before the current node is behind the
			 * iterator: the walk goes on undisturbed. */
			cmark_node *m = cmark_node_new(CMARK_NODE_HTML_INLINE);
			cmark_node_set_literal(m, mark);
			if (!cmark_node_insert_before(node, m))
				cmark_node_free(m);
		}
	}
	cmark_iter_free(it);
}

static void S_note(struct guard_note **notes, size_t *n, int line, char *message)
{
	*notes = xrealloc(*notes, (*n + 1) * sizeof **notes);
	(*notes)[*n].line = line;
	(*notes)[*n].message = message;
	(*n)++;
}

/* From this much Markdown on, cmark-gfm's freed tree is handed back to
 * the system (mem_release) rather than kept by the allocator beside what
 * comes next (8 MiB of references to a note: 700 MB). */
#define S_RELEASE_LEN (1024 * 1024)

/* References past MARKDOWN_MAX_NOTE_REFS to one note become its number in
 * <sup>: cmark-gfm writes each reference as two elements and four
 * attributes, and a back-link of three elements in the note, so a post of
 * 8 MiB of `[^1]` was 1.7 million of each (about 4 KB a reference as
 * libxml2 nodes). The note's number is the reference's literal (cmark-gfm
 * numbers notes in order of first use). Returns how many were replaced;
 * *line is the line of the first. */
static size_t S_cap_note_refs(cmark_node *doc, int *line)
{
	size_t *uses = NULL, nuses = 0, nover = 0, cover = 0;
	cmark_node **over = NULL;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_FOOTNOTE_REFERENCE)
			continue;
		const char *lit = cmark_node_get_literal(node);
		size_t note = lit ? strtoul(lit, NULL, 10) : 0;
		if (note >= nuses) {
			size_t n = note + 1 > 2 * nuses ? note + 1 : 2 * nuses;
			uses = xrealloc(uses, n * sizeof *uses);
			memset(uses + nuses, 0, (n - nuses) * sizeof *uses);
			nuses = n;
		}
		if (++uses[note] <= MARKDOWN_MAX_NOTE_REFS)
			continue;
		if (nover == cover)
			over = xrealloc(over, (cover = cover ? 2 * cover : 64) * sizeof *over);
		over[nover++] = node;
	}
	cmark_iter_free(it);
	/* Replaced once the walk is over: the iterator holds the node. */
	for (size_t i = 0; i < nover; i++) {
		if (i == 0)
			*line = cmark_node_get_start_line(over[i]);
		char *sup = xasprintf("<sup>%s</sup>", cmark_node_get_literal(over[i]));
		cmark_node *m = cmark_node_new(CMARK_NODE_HTML_INLINE);
		cmark_node_set_literal(m, sup);
		free(sup);
		if (cmark_node_insert_before(over[i], m))
			cmark_node_free(over[i]);
		else
			cmark_node_free(m);
	}
	free(over);
	free(uses);
	return nover;
}

/* cmark-gfm still writes a back-link in the note for each reference it
 * counted while parsing (the count is not in its API): the back-links
 * past MARKDOWN_MAX_NOTE_REFS go from the HTML, each matched in the one
 * form cmark-gfm writes (` <a href="#fnref-LABEL-K" class=…>↩<sup
 * class="footnote-ref">K</sup></a>`), so that nothing a post wrote
 * itself is cut unless it copies that form exactly. In place; returns the
 * new length. */
/* Where pat (pl bytes) first starts in s[r, len), or len. memchr and
 * memcmp read only what they pass; strstr (and memmem) would be handed
 * the whole rest of the buffer at each call, which ASan's interceptors
 * measure or check in full: quadratic there (a MiB of references to one
 * note took 4 minutes, 0.9 s in a plain build). */
static size_t S_find(const char *s, size_t r, size_t len, const char *pat, size_t pl)
{
	while (len - r >= pl) {
		const char *p = memchr(s + r, pat[0], len - r - pl + 1);
		if (!p)
			break;
		if (memcmp(p, pat, pl) == 0)
			return (size_t)(p - s);
		r = (size_t)(p - s) + 1;
	}
	return len;
}

static size_t S_cut_backrefs(char *html, size_t len)
{
	static const char open[] = " <a href=\"#fnref-";
	static const char mid[] = "\" class=\"footnote-backref\" data-footnote-backref "
				  "aria-label=\"Back to content\">\xe2\x86\xa9<sup class=\"footnote-ref\">";
	static const char close[] = "</sup></a>";
	size_t r = 0, w = 0;
	for (;;) {
		size_t at = S_find(html, r, len, open, sizeof open - 1); /* past r, html is as written */
		memmove(html + w, html + r, at - r);
		w += at - r;
		r = at;
		if (at == len)
			break;
		/* The href's value: up to the quote, ending in -K. */
		size_t v = at + sizeof open - 1, q = v;
		while (q < len && html[q] != '"' && html[q] != '<')
			q++;
		size_t k = q;
		while (k > v && html[k - 1] >= '0' && html[k - 1] <= '9')
			k--;
		size_t e = q + sizeof mid - 1;
		bool cut = q < len && k < q && k > v && html[k - 1] == '-' && q - k < 12 &&
			   strtoul(html + k, NULL, 10) > MARKDOWN_MAX_NOTE_REFS && e + (q - k) <= len &&
			   memcmp(html + q, mid, sizeof mid - 1) == 0 && memcmp(html + e, html + k, q - k) == 0;
		e += q - k;
		cut = cut && len - e >= sizeof close - 1 && memcmp(html + e, close, sizeof close - 1) == 0;
		if (cut) {
			r = e + sizeof close - 1;
		} else {
			/* Kept: copied on, the search goes on after its start. */
			html[w++] = html[r++];
		}
	}
	html[w] = '\0';
	return w;
}

int markdown_to_html(char **out, const char *md, size_t len, struct guard_note **notes, size_t *nnotes)
{
	return markdown_to_html_flags(out, md, len, 0, notes, nnotes);
}

int markdown_to_html_flags(char **out, const char *md, size_t len, unsigned flags, struct guard_note **notes,
			   size_t *nnotes)
{
	*out = NULL;
	cmark_parser *parser = S_parser(flags);
	cmark_node *doc = S_parse(parser, md, len);
	if (!doc) {
		cmark_parser_free(parser);
		return -1;
	}
	S_mark_lines(doc);
	int line = 0;
	/* A reference is written `[^label]`: without "[^" no walk for them. */
	bool refs = false;
	for (const char *b = md; !refs && (b = memchr(b, '[', len - (size_t)(b - md))); b++)
		refs = b + 1 < md + len && b[1] == '^';
	size_t capped = refs ? S_cap_note_refs(doc, &line) : 0;
	/* The extension list must come from the parser: with NULL, the
	 * extensions' renderers are skipped. */
	cmark_llist *exts = cmark_parser_get_syntax_extensions(parser);
	char *html;
	if (!capped) {
		html = cmark_render_html(doc, S_OPTIONS, exts);
		cmark_node_free(doc);
	} else {
		/* The notes go into a document of their own, rendered once the
		 * body's tree is freed: the back-links to cut, written for
		 * every reference, weigh as much as that tree (8 MiB of [^1]:
		 * 700 MB of nodes, 280 MB of back-links). cmark-gfm puts the
		 * notes last, in order; rendered apart, the two halves are the
		 * HTML of the whole. */
		cmark_node *notes_doc = cmark_node_new(CMARK_NODE_DOCUMENT);
		for (cmark_node *c = cmark_node_first_child(doc), *next; c; c = next) {
			next = cmark_node_next(c);
			if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
				cmark_node_append_child(notes_doc, c);
		}
		html = cmark_render_html(doc, S_OPTIONS, exts);
		cmark_node_free(doc);
		char *section = cmark_render_html(notes_doc, S_OPTIONS, exts);
		cmark_node_free(notes_doc);
		if (html && section) {
			size_t blen = strlen(html), slen = S_cut_backrefs(section, strlen(section));
			html = xrealloc(html, blen + slen + 1);
			memcpy(html + blen, section, slen + 1);
		}
		free(section);
	}
	cmark_parser_free(parser);
	if (len >= S_RELEASE_LEN)
		mem_release();
	if (!html)
		return -1;
	if (capped && notes) {
		S_note(notes, nnotes, line > 0 ? line : 1,
		       xasprintf("%zu references past the %dth to one footnote are shown as the "
				 "note's number in superscript, without a link (each link costs the "
				 "note a back-link)", capped, MARKDOWN_MAX_NOTE_REFS));
	}
	*out = html;
	return 0;
}

char *markdown_first_h1(const char *md, size_t len)
{
	char *text = NULL;
	struct guard_note *notes = NULL;
	size_t nnotes = 0, glen;
	/* The same text the chapter will be made from: guarded, or a
	 * pathological post would stall here already. */
	char *guarded = markdown_guard(md, len, &glen, &notes, &nnotes);
	for (size_t i = 0; i < nnotes; i++)
		free(notes[i].message);
	free(notes);
	cmark_parser *parser = S_parser(0);
	cmark_node *doc = S_parse(parser, guarded, glen);
	free(guarded);
	if (!doc)
		goto out;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(node) != 1)
			continue;
		char *plain = cmark_render_plaintext(node, 0, 0);
		if (plain) {
			char *collapsed = str_collapse_ws(plain);
			free(plain);
			if (*collapsed) {
				text = collapsed;
				break;
			}
			free(collapsed);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	if (glen >= S_RELEASE_LEN)
		mem_release();
out:
	cmark_parser_free(parser);
	return text;
}

/* More pipes than this on one line and cmark-gfm's table parser turns
 * quadratic (20,000 cells: seconds for one row). Real tables stay far below. */
#define S_MAX_PIPES 256
/* More unclosed `<?` or `<![CDATA[` than this and its inline HTML scanner
 * turns quadratic. */
#define S_MAX_UNCLOSED 2000

/* More container markers than this opening one line (`- - - … x`,
 * `> > > x`, `1. 1. x`) and cmark-gfm nests a list or quote per marker:
 * a line of a million took seconds and gigabytes, as an AST, HTML of 70
 * bytes a level and a tree of that depth, to be flattened at
 * SANITIZE_MAX_DEPTH anyway. (Like the pipes above, the line is read
 * without its context: in a code block such a line would show the
 * backslash; only pathological input has one.) */
#define S_MAX_MARKERS 100

/* Where a backslash turns the container marker past S_MAX_MARKERS into
 * text (an offset in the line: its bullet, `>` or the `.` or `)` of its
 * number), or 0 when the line opens no more than S_MAX_MARKERS: bullets
 * (`-`, `+`, `*`), ordered markers (up to 9 digits and `.` or `)`), each
 * followed by a space or tab, and quote markers (`>`). */
static size_t S_deep_marker(const char *s, size_t len)
{
	size_t p = 0, depth = 0;
	while (p < len && (s[p] == ' ' || s[p] == '\t'))
		p++;
	for (;;) {
		size_t m = p, digits = 0;
		if (m < len && s[m] == '>') {
			m++;
		} else {
			if (m < len && (s[m] == '-' || s[m] == '+' || s[m] == '*')) {
				m++;
			} else {
				while (m < len && digits < 9 && s[m] >= '0' && s[m] <= '9')
					m++, digits++;
				if (!digits || m >= len || (s[m] != '.' && s[m] != ')'))
					return 0;
				m++;
			}
			if (m >= len || (s[m] != ' ' && s[m] != '\t'))
				return 0;
		}
		if (++depth > S_MAX_MARKERS)
			return p + digits; /* a backslash escapes punctuation only: `1\.` */
		p = m;
		while (p < len && (s[p] == ' ' || s[p] == '\t'))
			p++;
	}
}

/* Whether a line is a thematic break (`- - -`, `***`): its markers are no
 * list to cap. */
static bool S_thematic_break(const char *s, size_t len)
{
	char c = 0;
	size_t n = 0;
	for (size_t k = 0; k < len; k++) {
		if (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r')
			continue;
		if ((s[k] != '-' && s[k] != '*' && s[k] != '_') || (c && s[k] != c))
			return false;
		c = s[k];
		n++;
	}
	return n >= 3;
}

static size_t S_count(const char *s, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);
	for (size_t i = 0; i + nl <= len; i++) {
		if (s[i] == needle[0] && memcmp(s + i, needle, nl) == 0) {
			n++;
			i += nl - 1;
		}
	}
	return n;
}


char *markdown_guard(const char *md, size_t len, size_t *out_len, struct guard_note **notes,
		     size_t *nnotes)
{
	struct strbuf sb = STRBUF_INIT;
	bool pi = S_count(md, len, "<?") > S_MAX_UNCLOSED + S_count(md, len, "?>");
	bool cdata = S_count(md, len, "<![CDATA[") > S_MAX_UNCLOSED + S_count(md, len, "]]>");
	if (pi)
		S_note(notes, nnotes, 1,
		       xasprintf("more than %d unclosed '<?' are shown as text, escaped "
				 "(they would make the conversion take minutes)", S_MAX_UNCLOSED));
	if (cdata)
		S_note(notes, nnotes, 1,
		       xasprintf("more than %d unclosed '<![CDATA[' are shown as text, escaped "
				 "(they would make the conversion take minutes)", S_MAX_UNCLOSED));
	sb_grow(&sb, len);
	int line = 1;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(md + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - md) + 1 : len;
		size_t pipes = 0;
		for (size_t k = i; k < end; k++)
			pipes += md[k] == '|' && (k == i || md[k - 1] != '\\');
		bool escape_pipes = pipes > S_MAX_PIPES;
		if (escape_pipes)
			S_note(notes, nnotes, line,
			       xasprintf("a line with %zu table cells is kept as text, its '|' escaped "
					 "(more than %d cells would make the conversion take minutes)",
					 pipes, S_MAX_PIPES));
		size_t deep = S_deep_marker(md + i, end - i);
		if (deep && S_thematic_break(md + i, end - i))
			deep = 0;
		if (deep)
			S_note(notes, nnotes, line,
			       xasprintf("a line opens more than %d nested lists or quotes: the markers "
					 "past the %dth are kept as text (each would nest the rest of the "
					 "line deeper)", S_MAX_MARKERS, S_MAX_MARKERS));
		if (!escape_pipes && !pi && !cdata && !deep) {
			/* The line as it is: what nearly every line is. */
			sb_add(&sb, md + i, end - i);
			i = end;
			line++;
			continue;
		}
		for (size_t k = i; k < end; k++) {
			char c = md[k];
			if (deep && k == i + deep)
				sb_addc(&sb, '\\'); /* the rest of the line is a paragraph's text */
			if (escape_pipes && c == '|' && (k == i || md[k - 1] != '\\')) {
				sb_adds(&sb, "\\|");
			} else if (c == '<' && ((pi && k + 1 < len && md[k + 1] == '?') ||
					      (cdata && len - k >= 9 && memcmp(md + k, "<![CDATA[", 9) == 0))) {
				sb_adds(&sb, "\\<");
			} else {
				sb_addc(&sb, c);
			}
		}
		i = end;
		line++;
	}
	*out_len = sb.len;
	return sb_detach(&sb);
}
