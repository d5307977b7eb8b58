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

int toc_nav(char **out, size_t *len, const struct toc_input *in)
{
	xmlBufferPtr buf = xmlBufferCreate();
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
	for (size_t i = 0; i < in->nchapters; i++) {
		const struct chapter *ch = &in->chapters[i];
		xmlTextWriterStartElement(w, W("li"));
		xmlTextWriterStartElement(w, W("a"));
		xmlTextWriterWriteAttribute(w, W("href"), W(ch->href));
		xmlTextWriterWriteString(w, W(ch->post->title));
		xmlTextWriterEndElement(w);
		size_t *idx;
		long *parent;
		size_t n = toc_outline(ch, in->depth, &idx, &parent);
		S_nav_children(w, ch, idx, parent, n, -1);
		free(idx);
		free(parent);
		xmlTextWriterEndElement(w); /* li */
	}
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
	if (in->nchapters)
		S_link_li(w, in->chapters[0].href, "Start of content", "bodymatter");
	xmlTextWriterEndElement(w); /* ol */
	xmlTextWriterEndElement(w); /* nav */

	xmlTextWriterEndElement(w); /* body */
	xmlTextWriterEndElement(w); /* html */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	*out = S_done(buf, len);
	return 0;
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

static int S_max_depth(const struct toc_input *in)
{
	int max = 1;
	for (size_t i = 0; i < in->nchapters; i++) {
		size_t *idx;
		long *parent;
		size_t n = toc_outline(&in->chapters[i], in->depth, &idx, &parent);
		for (size_t k = 0; k < n; k++) {
			int d = 2;
			for (long p = parent[k]; p >= 0; p = parent[p])
				d++;
			if (d > max)
				max = d;
		}
		free(idx);
		free(parent);
	}
	return max;
}

int toc_ncx(char **out, size_t *len, const struct toc_input *in)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, W("  "));
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, W("ncx"));
	xmlTextWriterWriteAttribute(w, W("xmlns"), W("http://www.daisy.org/z3986/2005/ncx/"));
	xmlTextWriterWriteAttribute(w, W("version"), W("2005-1"));
	xmlTextWriterWriteAttribute(w, W("xml:lang"), W(in->language));
	xmlTextWriterStartElement(w, W("head"));
	char depth[16];
	snprintf(depth, sizeof depth, "%d", S_max_depth(in));
	const char *metas[][2] = {{"dtb:uid", in->uid},
				  {"dtb:depth", depth},
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
	int order = 1;
	if (in->cover_href) {
		S_navpoint_start(w, &order, "Cover", in->cover_href);
		xmlTextWriterEndElement(w);
	}
	S_navpoint_start(w, &order, "Title page", in->titlepage_href);
	xmlTextWriterEndElement(w);
	S_navpoint_start(w, &order, "Contents", in->nav_href);
	xmlTextWriterEndElement(w);
	for (size_t i = 0; i < in->nchapters; i++) {
		const struct chapter *ch = &in->chapters[i];
		S_navpoint_start(w, &order, ch->post->title, ch->href);
		size_t *idx;
		long *parent;
		size_t n = toc_outline(ch, in->depth, &idx, &parent);
		S_ncx_children(w, &order, ch, idx, parent, n, -1);
		free(idx);
		free(parent);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w); /* navMap */
	xmlTextWriterEndElement(w); /* ncx */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	*out = S_done(buf, len);
	return 0;
}
