#include "toc.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define W(x) ((const xmlChar *)(x))

size_t toc_outline(const struct chapter *ch, int depth, size_t **idx, long **parent)
{
	size_t n = 0;
	*idx = xmalloc((ch->nheadings + 1) * sizeof **idx);
	*parent = xmalloc((ch->nheadings + 1) * sizeof **parent);
	/* The post's title is level 1; its ## is the first level listed. */
	for (size_t i = 0; i < ch->nheadings; i++) {
		int level = ch->headings[i].level;
		if (level < 2 || level > 1 + depth)
			continue;
		long par = -1;
		for (long j = (long)n - 1; j >= 0; j--) {
			if (ch->headings[(*idx)[j]].level < level) {
				par = j;
				break;
			}
		}
		(*idx)[n] = i;
		(*parent)[n] = par;
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

static void S_nav_children(xmlTextWriterPtr w, const struct chapter *ch, const size_t *idx,
			   const long *parent, size_t n, long of)
{
	bool open = false;
	for (size_t k = 0; k < n; k++) {
		if (parent[k] != of)
			continue;
		if (!open) {
			xmlTextWriterStartElement(w, W("ol"));
			open = true;
		}
		const struct heading *h = &ch->headings[idx[k]];
		xmlTextWriterStartElement(w, W("li"));
		xmlTextWriterStartElement(w, W("a"));
		char *href = xasprintf("%s#%s", ch->href, h->id);
		xmlTextWriterWriteAttribute(w, W("href"), W(href));
		free(href);
		xmlTextWriterWriteString(w, W(h->text));
		xmlTextWriterEndElement(w);
		S_nav_children(w, ch, idx, parent, n, (long)k);
		xmlTextWriterEndElement(w);
	}
	if (open)
		xmlTextWriterEndElement(w);
}

static void S_link_li(xmlTextWriterPtr w, const char *href, const char *text, const char *type)
{
	xmlTextWriterStartElement(w, W("li"));
	xmlTextWriterStartElement(w, W("a"));
	if (type)
		xmlTextWriterWriteAttributeNS(w, W("epub"), W("type"), NULL, W(type));
	xmlTextWriterWriteAttribute(w, W("href"), W(href));
	xmlTextWriterWriteString(w, W(text));
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
}

/* nav.xhtml up to the first chapter's entry. */
static xmlTextWriterPtr S_nav_begin(xmlBufferPtr buf, const struct toc_input *in)
{
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, W("  "));
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterWriteDTD(w, W("html"), NULL, NULL, NULL);
	xmlTextWriterStartElement(w, W("html"));
	xmlTextWriterWriteAttribute(w, W("xmlns"), W("http://www.w3.org/1999/xhtml"));
	xmlTextWriterWriteAttribute(w, W("xmlns:epub"), W("http://www.idpf.org/2007/ops"));
	xmlTextWriterWriteAttribute(w, W("lang"), W(in->language));
	xmlTextWriterWriteAttribute(w, W("xml:lang"), W(in->language));
	xmlTextWriterStartElement(w, W("head"));
	xmlTextWriterStartElement(w, W("meta"));
	xmlTextWriterWriteAttribute(w, W("charset"), W("UTF-8"));
	xmlTextWriterEndElement(w);
	xmlTextWriterWriteElement(w, W("title"), W("Contents"));
	xmlTextWriterStartElement(w, W("link"));
	xmlTextWriterWriteAttribute(w, W("rel"), W("stylesheet"));
	xmlTextWriterWriteAttribute(w, W("type"), W("text/css"));
	xmlTextWriterWriteAttribute(w, W("href"), W(in->stylesheet_href));
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w); /* head */
	xmlTextWriterStartElement(w, W("body"));

	xmlTextWriterStartElement(w, W("nav"));
	xmlTextWriterWriteAttributeNS(w, W("epub"), W("type"), NULL, W("toc"));
	xmlTextWriterWriteAttribute(w, W("id"), W("toc"));
	xmlTextWriterWriteAttribute(w, W("role"), W("doc-toc"));
	xmlTextWriterWriteElement(w, W("h1"), W("Contents"));
	xmlTextWriterStartElement(w, W("ol"));
	return w;
}

static void S_nav_add(xmlTextWriterPtr w, const struct chapter *ch, int depth)
{
	xmlTextWriterStartElement(w, W("li"));
	xmlTextWriterStartElement(w, W("a"));
	xmlTextWriterWriteAttribute(w, W("href"), W(ch->href));
	xmlTextWriterWriteString(w, W(ch->post->title));
	xmlTextWriterEndElement(w);
	size_t *idx;
	long *parent;
	size_t n = toc_outline(ch, depth, &idx, &parent);
	S_nav_children(w, ch, idx, parent, n, -1);
	free(idx);
	free(parent);
	xmlTextWriterEndElement(w); /* li */
}

static void S_nav_finish(xmlTextWriterPtr w, const struct toc_input *in, const char *first_href)
{
	xmlTextWriterEndElement(w); /* ol */
	xmlTextWriterEndElement(w); /* nav */

	xmlTextWriterStartElement(w, W("nav"));
	xmlTextWriterWriteAttributeNS(w, W("epub"), W("type"), NULL, W("landmarks"));
	xmlTextWriterWriteAttribute(w, W("id"), W("landmarks"));
	xmlTextWriterWriteAttribute(w, W("aria-label"), W("Landmarks"));
	xmlTextWriterWriteAttribute(w, W("hidden"), W("hidden"));
	xmlTextWriterStartElement(w, W("ol"));
	if (in->cover_href)
		S_link_li(w, in->cover_href, "Cover", "cover");
	S_link_li(w, in->titlepage_href, "Title page", "titlepage");
	char *toc_href = xasprintf("%s#toc", in->nav_href);
	S_link_li(w, toc_href, "Contents", "toc");
	free(toc_href);
	if (first_href)
		S_link_li(w, first_href, "Start of content", "bodymatter");
	xmlTextWriterEndElement(w); /* ol */
	xmlTextWriterEndElement(w); /* nav */

	xmlTextWriterEndElement(w); /* body */
	xmlTextWriterEndElement(w); /* html */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
}

static void S_navpoint_start(xmlTextWriterPtr w, int *order, const char *label, const char *src)
{
	char id[32], po[16];
	snprintf(id, sizeof id, "np-%d", *order);
	snprintf(po, sizeof po, "%d", *order);
	(*order)++;
	xmlTextWriterStartElement(w, W("navPoint"));
	xmlTextWriterWriteAttribute(w, W("id"), W(id));
	xmlTextWriterWriteAttribute(w, W("playOrder"), W(po));
	xmlTextWriterStartElement(w, W("navLabel"));
	xmlTextWriterWriteElement(w, W("text"), W(label));
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, W("content"));
	xmlTextWriterWriteAttribute(w, W("src"), W(src));
	xmlTextWriterEndElement(w);
}

static void S_ncx_children(xmlTextWriterPtr w, int *order, const struct chapter *ch,
			   const size_t *idx, const long *parent, size_t n, long of)
{
	for (size_t k = 0; k < n; k++) {
		if (parent[k] != of)
			continue;
		const struct heading *h = &ch->headings[idx[k]];
		char *src = xasprintf("%s#%s", ch->href, h->id);
		S_navpoint_start(w, order, h->text, src);
		free(src);
		S_ncx_children(w, order, ch, idx, parent, n, (long)k);
		xmlTextWriterEndElement(w);
	}
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

/* Stands for dtb:depth in the head until the last chapter is known; it
 * comes before any title, so the first match is the one. */
#define S_DEPTH_MARK "sheaf-ncx-depth"

static xmlTextWriterPtr S_ncx_begin(xmlBufferPtr buf, const struct toc_input *in, int *order)
{
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, W("  "));
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, W("ncx"));
	xmlTextWriterWriteAttribute(w, W("xmlns"), W("http://www.daisy.org/z3986/2005/ncx/"));
	xmlTextWriterWriteAttribute(w, W("version"), W("2005-1"));
	xmlTextWriterWriteAttribute(w, W("xml:lang"), W(in->language));
	xmlTextWriterStartElement(w, W("head"));
	const char *metas[][2] = {{"dtb:uid", in->uid},
				  {"dtb:depth", S_DEPTH_MARK},
				  {"dtb:totalPageCount", "0"},
				  {"dtb:maxPageNumber", "0"}};
	for (size_t i = 0; i < 4; i++) {
		xmlTextWriterStartElement(w, W("meta"));
		xmlTextWriterWriteAttribute(w, W("name"), W(metas[i][0]));
		xmlTextWriterWriteAttribute(w, W("content"), W(metas[i][1]));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w); /* head */
	xmlTextWriterStartElement(w, W("docTitle"));
	xmlTextWriterWriteElement(w, W("text"), W(in->title));
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, W("navMap"));
	*order = 1;
	if (in->cover_href) {
		S_navpoint_start(w, order, "Cover", in->cover_href);
		xmlTextWriterEndElement(w);
	}
	S_navpoint_start(w, order, "Title page", in->titlepage_href);
	xmlTextWriterEndElement(w);
	S_navpoint_start(w, order, "Contents", in->nav_href);
	xmlTextWriterEndElement(w);
	return w;
}

static void S_ncx_add(xmlTextWriterPtr w, int *order, const struct chapter *ch, int depth)
{
	S_navpoint_start(w, order, ch->post->title, ch->href);
	size_t *idx;
	long *parent;
	size_t n = toc_outline(ch, depth, &idx, &parent);
	S_ncx_children(w, order, ch, idx, parent, n, -1);
	free(idx);
	free(parent);
	xmlTextWriterEndElement(w);
}

/* The finished NCX, its depth mark replaced by depth. */
static char *S_ncx_finish(xmlTextWriterPtr w, xmlBufferPtr buf, int depth, size_t *len)
{
	xmlTextWriterEndElement(w); /* navMap */
	xmlTextWriterEndElement(w); /* ncx */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	const char *text = (const char *)xmlBufferContent(buf);
	const char *mark = strstr(text, S_DEPTH_MARK);
	char num[16];
	snprintf(num, sizeof num, "%d", depth);
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, text, (size_t)(mark - text));
	sb_adds(&sb, num);
	sb_adds(&sb, mark + strlen(S_DEPTH_MARK));
	xmlBufferFree(buf);
	*len = sb.len;
	return sb_detach(&sb);
}

struct toc_writer {
	const struct toc_input *in;
	xmlBufferPtr nav_buf, ncx_buf;
	xmlTextWriterPtr nav, ncx;
	int order;     /* the NCX's next playOrder */
	int depth;     /* the NCX's depth so far */
	char *first_href;
};

struct toc_writer *toc_begin(const struct toc_input *in)
{
	struct toc_writer *t = xcalloc(1, sizeof *t);
	t->in = in;
	t->nav_buf = xmlBufferCreate();
	t->ncx_buf = xmlBufferCreate();
	t->nav = S_nav_begin(t->nav_buf, in);
	t->ncx = S_ncx_begin(t->ncx_buf, in, &t->order);
	t->depth = 1;
	return t;
}

void toc_add(struct toc_writer *t, const struct chapter *ch)
{
	if (!t->first_href)
		t->first_href = xstrdup(ch->href);
	S_nav_add(t->nav, ch, t->in->depth);
	S_ncx_add(t->ncx, &t->order, ch, t->in->depth);
	int d = S_chapter_depth(ch, t->in->depth);
	if (d > t->depth)
		t->depth = d;
}

void toc_finish(struct toc_writer *t, char **nav, size_t *nav_len, char **ncx, size_t *ncx_len)
{
	S_nav_finish(t->nav, t->in, t->first_href);
	*nav = S_done(t->nav_buf, nav_len);
	*ncx = S_ncx_finish(t->ncx, t->ncx_buf, t->depth, ncx_len);
	free(t->first_href);
	free(t);
}

int toc_nav(char **out, size_t *len, const struct toc_input *in)
{
	struct toc_writer *t = toc_begin(in);
	for (size_t i = 0; i < in->nchapters; i++)
		toc_add(t, &in->chapters[i]);
	char *ncx;
	size_t ncx_len;
	toc_finish(t, out, len, &ncx, &ncx_len);
	free(ncx);
	return 0;
}

int toc_ncx(char **out, size_t *len, const struct toc_input *in)
{
	struct toc_writer *t = toc_begin(in);
	for (size_t i = 0; i < in->nchapters; i++)
		toc_add(t, &in->chapters[i]);
	char *nav;
	size_t nav_len;
	toc_finish(t, &nav, &nav_len, out, len);
	free(nav);
	return 0;
}
