#include "book/toc.h"

#include <libxml/entities.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/words.h"

#define W(x) ((const xmlChar *)(x))

size_t toc_outline(const struct chapter *ch, int depth, size_t **idx, long **parent)
{
	size_t n = 0;
	*idx = xmalloc((ch->nheadings + 1) * sizeof **idx);
	*parent = xmalloc((ch->nheadings + 1) * sizeof **parent);
	/* An entry's parent is the nearest earlier entry of a lower level.
	 * Scanning back for it is quadratic in a post of N equal headings:
	 * the open entries, whose levels rise, are kept as a stack (at most
	 * one per level) and each entry is pushed and popped once. */
	long open[8]; /* levels 2 to 6, rising */
	int nopen = 0;
	/* The post's title is level 1; its ## is the first level listed. */
	for (size_t i = 0; i < ch->nheadings; i++) {
		int level = ch->headings[i].level;
		if (level < 2 || level > 1 + depth)
			continue;
		while (nopen > 0 && ch->headings[(*idx)[open[nopen - 1]]].level >= level)
			nopen--;
		(*idx)[n] = i;
		(*parent)[n] = nopen > 0 ? open[nopen - 1] : -1;
		open[nopen++] = (long)n;
		n++;
	}
	return n;
}

static char *S_done(xmlBufferPtr buf, size_t *len)
{
	*len = (size_t)xmlBufferLength(buf);
	char *s = xstrndup((const char *)xmlBufferContent(buf), *len);
	xmlBufferFree(buf);
	return s;
}

/* Both documents are written as xmlTextWriter with indent "  " wrote
 * them (the books' bytes stayed the same): one element a line, text
 * inline, text escaped by the function it uses (xmlEncodeSpecialChars),
 * attributes as it escaped them. Written directly,
 * they cost a tenth of what the writer did, and a large book's contents
 * are tens of thousands of entries. */

/* libxml2's buffers grow by 10 bytes at a time unless told otherwise: a
 * realloc for nearly every piece of a large contents. */
static xmlBufferPtr S_buffer(void)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlBufferSetAllocationScheme(b, XML_BUFFER_ALLOC_DOUBLEIT);
	return b;
}

static void S_raw(xmlBufferPtr b, const char *s)
{
	xmlBufferCat(b, W(s));
}

/* A line's start: the indentation, then "<name". */
static void S_open(xmlBufferPtr b, int depth, const char *name)
{
	for (int i = 0; i < depth; i++)
		xmlBufferAdd(b, W("  "), 2);
	xmlBufferAdd(b, W("<"), 1);
	S_raw(b, name);
}

/* An attribute, escaped as xmlTextWriter escaped it in a document
 * declared UTF-8 (xmlBufAttrSerializeTxtContent with an encoding): the
 * markup characters and tab, line feed and carriage return as references,
 * everything else as it is. */
static void S_attr(xmlBufferPtr b, const char *name, const char *value)
{
	xmlBufferAdd(b, W(" "), 1);
	S_raw(b, name);
	xmlBufferAdd(b, W("=\""), 2);
	const char *run = value;
	for (const char *p = value; *p; p++) {
		const char *ref;
		switch (*p) {
		case '\n': ref = "&#10;"; break;
		case '\r': ref = "&#13;"; break;
		case '\t': ref = "&#9;"; break;
		case '"': ref = "&quot;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '&': ref = "&amp;"; break;
		default: continue;
		}
		xmlBufferAdd(b, W(run), (int)(p - run));
		S_raw(b, ref);
		run = p + 1;
	}
	S_raw(b, run);
	xmlBufferAdd(b, W("\""), 1);
}

/* Ends a start tag whose element holds elements: ">" and a new line. */
static void S_gt(xmlBufferPtr b)
{
	xmlBufferAdd(b, W(">\n"), 2);
}

/* Ends a start tag with text and the end tag on the same line. */
static void S_text_close(xmlBufferPtr b, const char *name, const char *text)
{
	xmlBufferAdd(b, W(">"), 1);
	xmlChar *esc = xmlEncodeSpecialChars(NULL, W(text));
	if (esc) {
		xmlBufferCat(b, esc);
		xmlFree(esc);
	}
	xmlBufferAdd(b, W("</"), 2);
	S_raw(b, name);
	xmlBufferAdd(b, W(">\n"), 2);
}

/* <name>text</name> on a line of its own. */
static void S_text_element(xmlBufferPtr b, int depth, const char *name, const char *text)
{
	S_open(b, depth, name);
	S_text_close(b, name, text);
}

static void S_close(xmlBufferPtr b, int depth, const char *name)
{
	for (int i = 0; i < depth; i++)
		xmlBufferAdd(b, W("  "), 2);
	xmlBufferAdd(b, W("</"), 2);
	S_raw(b, name);
	xmlBufferAdd(b, W(">\n"), 2);
}

/* <li><a href="href">text</a> … (left open for what goes inside). */
static void S_li_link(xmlBufferPtr b, int depth, const char *href, const char *text, const char *type)
{
	S_open(b, depth, "li");
	S_gt(b);
	S_open(b, depth + 1, "a");
	if (type)
		S_attr(b, "epub:type", type);
	S_attr(b, "href", href);
	S_text_close(b, "a", text);
}

/* The outline lists entries in document order, so the children of `of`
 * are the entries from k on whose parent is `of`, each followed by its
 * own subtree: each entry is visited once. Returns the index after
 * of's subtree. */
static size_t S_nav_children(xmlBufferPtr b, int depth, const struct chapter *ch, const size_t *idx,
			     const long *parent, size_t n, long of, size_t k)
{
	bool open = false;
	while (k < n && parent[k] == of) {
		if (!open) {
			S_open(b, depth, "ol");
			S_gt(b);
			open = true;
		}
		const struct heading *h = &ch->headings[idx[k]];
		char *href = xasprintf("%s#%s", ch->href, h->id);
		S_li_link(b, depth + 1, href, h->text, NULL);
		free(href);
		k = S_nav_children(b, depth + 2, ch, idx, parent, n, (long)k, k + 1);
		S_close(b, depth + 1, "li");
	}
	if (open)
		S_close(b, depth, "ol");
	return k;
}

/* nav.xhtml up to the first chapter's entry. */
static void S_nav_begin(xmlBufferPtr b, const struct toc_input *in)
{
	S_raw(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
	S_open(b, 0, "html");
	S_attr(b, "xmlns", "http://www.w3.org/1999/xhtml");
	S_attr(b, "xmlns:epub", "http://www.idpf.org/2007/ops");
	S_attr(b, "lang", in->language);
	S_attr(b, "xml:lang", in->language);
	S_gt(b);
	S_open(b, 1, "head");
	S_gt(b);
	S_open(b, 2, "meta");
	S_attr(b, "charset", "UTF-8");
	S_raw(b, "/>\n");
	S_text_element(b, 2, "title", words_for(in->language)->contents);
	S_open(b, 2, "link");
	S_attr(b, "rel", "stylesheet");
	S_attr(b, "type", "text/css");
	S_attr(b, "href", in->stylesheet_href);
	S_raw(b, "/>\n");
	S_close(b, 1, "head");
	S_open(b, 1, "body");
	S_gt(b);
	S_open(b, 2, "nav");
	S_attr(b, "epub:type", "toc");
	S_attr(b, "id", "toc");
	S_attr(b, "role", "doc-toc");
	S_gt(b);
	S_text_element(b, 3, "h1", words_for(in->language)->contents);
	S_open(b, 3, "ol"); /* its ">" with the first chapter; "/>" without any */
}

static void S_nav_add(xmlBufferPtr b, const struct chapter *ch, int depth)
{
	S_li_link(b, 4, ch->href, ch->post->title, NULL);
	size_t *idx;
	long *parent;
	size_t n = toc_outline(ch, depth, &idx, &parent);
	S_nav_children(b, 5, ch, idx, parent, n, -1, 0);
	free(idx);
	free(parent);
	S_close(b, 4, "li");
}

static void S_nav_finish(xmlBufferPtr b, const struct toc_input *in, const char *first_href)
{
	const struct words *w = words_for(in->language);
	if (first_href)
		S_close(b, 3, "ol");
	else
		S_raw(b, "/>\n");
	S_close(b, 2, "nav");
	S_open(b, 2, "nav");
	S_attr(b, "epub:type", "landmarks");
	S_attr(b, "id", "landmarks");
	S_attr(b, "aria-label", w->landmarks);
	S_attr(b, "hidden", "hidden");
	S_gt(b);
	S_open(b, 3, "ol");
	S_gt(b);
	if (in->cover_href) {
		S_li_link(b, 4, in->cover_href, w->cover, "cover");
		S_close(b, 4, "li");
	}
	S_li_link(b, 4, in->titlepage_href, w->title_page, "titlepage");
	S_close(b, 4, "li");
	char *toc_href = xasprintf("%s#toc", in->nav_href);
	S_li_link(b, 4, toc_href, w->contents, "toc");
	S_close(b, 4, "li");
	free(toc_href);
	if (first_href) {
		S_li_link(b, 4, first_href, w->start, "bodymatter");
		S_close(b, 4, "li");
	}
	S_close(b, 3, "ol");
	S_close(b, 2, "nav");
	S_close(b, 1, "body");
	S_close(b, 0, "html");
}

/* A navPoint's start, its label and content: its children and end tag
 * follow. */
static void S_navpoint_start(xmlBufferPtr b, int depth, int *order, const char *label, const char *src)
{
	char num[16];
	S_open(b, depth, "navPoint");
	snprintf(num, sizeof num, "np-%d", *order);
	S_attr(b, "id", num);
	snprintf(num, sizeof num, "%d", *order);
	S_attr(b, "playOrder", num);
	S_gt(b);
	(*order)++;
	S_open(b, depth + 1, "navLabel");
	S_gt(b);
	S_text_element(b, depth + 2, "text", label);
	S_close(b, depth + 1, "navLabel");
	S_open(b, depth + 1, "content");
	S_attr(b, "src", src);
	S_raw(b, "/>\n");
}

/* As S_nav_children. */
static size_t S_ncx_children(xmlBufferPtr b, int depth, int *order, const struct chapter *ch,
			     const size_t *idx, const long *parent, size_t n, long of, size_t k)
{
	while (k < n && parent[k] == of) {
		const struct heading *h = &ch->headings[idx[k]];
		char *src = xasprintf("%s#%s", ch->href, h->id);
		S_navpoint_start(b, depth, order, h->text, src);
		free(src);
		k = S_ncx_children(b, depth + 1, order, ch, idx, parent, n, (long)k, k + 1);
		S_close(b, depth, "navPoint");
	}
	return k;
}

/* How deep a chapter's entries go in the NCX: the chapter itself is 1. */
static int S_chapter_depth(const struct chapter *ch, int depth)
{
	int max = 1;
	size_t *idx;
	long *parent;
	size_t n = toc_outline(ch, depth, &idx, &parent);
	for (size_t k = 0; k < n; k++) {
		int d = 2;
		for (long p = parent[k]; p >= 0; p = parent[p])
			d++;
		if (d > max)
			max = d;
	}
	free(idx);
	free(parent);
	return max;
}

/* The NCX's head says how deep the entries go, known after the last
 * chapter: the head is written then, and the entries meanwhile. */
static void S_ncx_head(xmlBufferPtr b, const struct toc_input *in, int depth)
{
	char num[16];
	snprintf(num, sizeof num, "%d", depth);
	S_raw(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	S_open(b, 0, "ncx");
	S_attr(b, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	S_attr(b, "version", "2005-1");
	S_attr(b, "xml:lang", in->language);
	S_gt(b);
	S_open(b, 1, "head");
	S_gt(b);
	const char *metas[][2] = {{"dtb:uid", in->uid},
				  {"dtb:depth", num},
				  {"dtb:totalPageCount", "0"},
				  {"dtb:maxPageNumber", "0"}};
	for (size_t i = 0; i < 4; i++) {
		S_open(b, 2, "meta");
		S_attr(b, "name", metas[i][0]);
		S_attr(b, "content", metas[i][1]);
		S_raw(b, "/>\n");
	}
	S_close(b, 1, "head");
	S_open(b, 1, "docTitle");
	S_gt(b);
	S_text_element(b, 2, "text", in->title);
	S_close(b, 1, "docTitle");
	S_open(b, 1, "navMap");
	S_gt(b);
}

static void S_ncx_begin(xmlBufferPtr b, const struct toc_input *in, int *order)
{
	const struct words *w = words_for(in->language);
	*order = 1;
	if (in->cover_href) {
		S_navpoint_start(b, 2, order, w->cover, in->cover_href);
		S_close(b, 2, "navPoint");
	}
	S_navpoint_start(b, 2, order, w->title_page, in->titlepage_href);
	S_close(b, 2, "navPoint");
	S_navpoint_start(b, 2, order, w->contents, in->nav_href);
	S_close(b, 2, "navPoint");
}

static void S_ncx_add(xmlBufferPtr b, int *order, const struct chapter *ch, int depth)
{
	S_navpoint_start(b, 2, order, ch->post->title, ch->href);
	size_t *idx;
	long *parent;
	size_t n = toc_outline(ch, depth, &idx, &parent);
	S_ncx_children(b, 3, order, ch, idx, parent, n, -1, 0);
	free(idx);
	free(parent);
	S_close(b, 2, "navPoint");
}

/* The finished NCX: its head, then its entries. */
static char *S_ncx_finish(xmlBufferPtr entries, const struct toc_input *in, int depth, size_t *len)
{
	xmlBufferPtr b = S_buffer();
	S_ncx_head(b, in, depth);
	xmlBufferAdd(b, xmlBufferContent(entries), xmlBufferLength(entries));
	xmlBufferFree(entries);
	S_close(b, 1, "navMap");
	S_close(b, 0, "ncx");
	return S_done(b, len);
}

struct toc_writer {
	const struct toc_input *in;
	xmlBufferPtr nav, ncx; /* the NCX's entries, without its head */
	int order;             /* the NCX's next playOrder */
	int depth;             /* the NCX's depth so far */
	char *first_href;
};

struct toc_writer *toc_begin(const struct toc_input *in)
{
	struct toc_writer *t = xcalloc(1, sizeof *t);
	t->in = in;
	t->nav = S_buffer();
	t->ncx = S_buffer();
	S_nav_begin(t->nav, in);
	S_ncx_begin(t->ncx, in, &t->order);
	t->depth = 1;
	return t;
}

void toc_add(struct toc_writer *t, const struct chapter *ch)
{
	if (!t->first_href) {
		t->first_href = xstrdup(ch->href);
		S_gt(t->nav);
	}
	S_nav_add(t->nav, ch, t->in->depth);
	S_ncx_add(t->ncx, &t->order, ch, t->in->depth);
	int d = S_chapter_depth(ch, t->in->depth);
	if (d > t->depth)
		t->depth = d;
}

void toc_finish(struct toc_writer *t, char **nav, size_t *nav_len, char **ncx, size_t *ncx_len)
{
	S_nav_finish(t->nav, t->in, t->first_href);
	*nav = S_done(t->nav, nav_len);
	*ncx = S_ncx_finish(t->ncx, t->in, t->depth, ncx_len);
	free(t->first_href);
	free(t);
}

/* Both documents for in's chapters at once. */
static void S_both(const struct toc_input *in, char **nav, size_t *nav_len, char **ncx, size_t *ncx_len)
{
	struct toc_writer *t = toc_begin(in);
	for (size_t i = 0; i < in->nchapters; i++)
		toc_add(t, &in->chapters[i]);
	toc_finish(t, nav, nav_len, ncx, ncx_len);
}

int toc_nav(char **out, size_t *len, const struct toc_input *in)
{
	char *ncx;
	size_t ncx_len;
	S_both(in, out, len, &ncx, &ncx_len);
	free(ncx);
	return 0;
}

int toc_ncx(char **out, size_t *len, const struct toc_input *in)
{
	char *nav;
	size_t nav_len;
	S_both(in, &nav, &nav_len, out, len);
	free(nav);
	return 0;
}
