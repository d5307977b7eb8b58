#include "book/opf.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/words.h"

#define W(x) ((const xmlChar *)(x))

static void S_meta(xmlTextWriterPtr w, const char *property, const char *value, const char *refines)
{
	xmlTextWriterStartElement(w, W("meta"));
	if (refines)
		xmlTextWriterWriteAttribute(w, W("refines"), W(refines));
	xmlTextWriterWriteAttribute(w, W("property"), W(property));
	xmlTextWriterWriteString(w, W(value));
	xmlTextWriterEndElement(w);
}

static void S_dc(xmlTextWriterPtr w, const char *name, const char *id, const char *value)
{
	xmlTextWriterStartElementNS(w, W("dc"), W(name), NULL);
	if (id)
		xmlTextWriterWriteAttribute(w, W("id"), W(id));
	xmlTextWriterWriteString(w, W(value));
	xmlTextWriterEndElement(w);
}

int opf_package(char **out, size_t *len, const struct opf_input *in)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT); /* the default grows by 10 bytes */
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, W("  "));
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, W("package"));
	xmlTextWriterWriteAttribute(w, W("xmlns"), W("http://www.idpf.org/2007/opf"));
	xmlTextWriterWriteAttribute(w, W("version"), W("3.0"));
	xmlTextWriterWriteAttribute(w, W("unique-identifier"), W("bookid"));
	xmlTextWriterWriteAttribute(w, W("xml:lang"), W(in->language));

	xmlTextWriterStartElement(w, W("metadata"));
	xmlTextWriterWriteAttribute(w, W("xmlns:dc"), W("http://purl.org/dc/elements/1.1/"));
	S_dc(w, "identifier", "bookid", in->uid);
	S_dc(w, "title", "title", in->title);
	S_meta(w, "title-type", "main", "#title");
	if (in->subtitle && *in->subtitle) {
		S_dc(w, "title", "subtitle", in->subtitle);
		S_meta(w, "title-type", "subtitle", "#subtitle");
	}
	for (size_t i = 0; in->creators && i < in->creators->n; i++) {
		char id[32], ref[34];
		snprintf(id, sizeof id, "creator-%zu", i + 1);
		snprintf(ref, sizeof ref, "#%s", id);
		S_dc(w, "creator", id, in->creators->v[i]);
		xmlTextWriterStartElement(w, W("meta"));
		xmlTextWriterWriteAttribute(w, W("refines"), W(ref));
		xmlTextWriterWriteAttribute(w, W("property"), W("role"));
		xmlTextWriterWriteAttribute(w, W("scheme"), W("marc:relators"));
		xmlTextWriterWriteString(w, W("aut"));
		xmlTextWriterEndElement(w);
	}
	S_dc(w, "language", NULL, in->language);
	if (in->date)
		S_dc(w, "date", NULL, in->date);
	for (size_t i = 0; in->subjects && i < in->subjects->n; i++)
		S_dc(w, "subject", NULL, in->subjects->v[i]);
	if (in->description && *in->description)
		S_dc(w, "description", NULL, in->description);
	if (in->source && *in->source)
		S_dc(w, "source", NULL, in->source);
	if (in->publisher && *in->publisher)
		S_dc(w, "publisher", NULL, in->publisher);
	if (in->rights && *in->rights)
		S_dc(w, "rights", NULL, in->rights);
	S_meta(w, "dcterms:modified", in->modified, NULL);
	if (in->cover_id) {
		/* EPUB 2's way to name the cover, still what Kobo and file
		 * managers read; EPUB 3 accepts it beside cover-image. */
		xmlTextWriterStartElement(w, W("meta"));
		xmlTextWriterWriteAttribute(w, W("name"), W("cover"));
		xmlTextWriterWriteAttribute(w, W("content"), W(in->cover_id));
		xmlTextWriterEndElement(w);
	}
	if (in->series && *in->series) {
		xmlTextWriterStartElement(w, W("meta"));
		xmlTextWriterWriteAttribute(w, W("property"), W("belongs-to-collection"));
		xmlTextWriterWriteAttribute(w, W("id"), W("series"));
		xmlTextWriterWriteString(w, W(in->series));
		xmlTextWriterEndElement(w);
		S_meta(w, "collection-type", "series", "#series");
		if (in->series_position > 0) {
			char pos[16];
			snprintf(pos, sizeof pos, "%d", in->series_position);
			S_meta(w, "group-position", pos, "#series");
		}
	}

	/* EPUB Accessibility 1.1: what the book offers a reader who cannot see
	 * it, so reading systems and stores can say so. */
	S_meta(w, "schema:accessMode", "textual", NULL);
	if (in->has_images)
		S_meta(w, "schema:accessMode", "visual", NULL);
	S_meta(w, "schema:accessModeSufficient", "textual", NULL);
	if (in->has_images)
		S_meta(w, "schema:accessModeSufficient", "textual,visual", NULL);
	S_meta(w, "schema:accessibilityFeature", "structuralNavigation", NULL);
	S_meta(w, "schema:accessibilityFeature", "tableOfContents", NULL);
	S_meta(w, "schema:accessibilityFeature", "readingOrder", NULL);
	S_meta(w, "schema:accessibilityHazard", "none", NULL);
	/* In the book's language, which the package declares. */
	const struct words *words = words_for(in->language);
	S_meta(w, "schema:accessibilitySummary", in->has_images ? words->a11y_images : words->a11y_text, NULL);
	xmlTextWriterEndElement(w); /* metadata */

	xmlTextWriterStartElement(w, W("manifest"));
	for (size_t i = 0; i < in->nitems; i++) {
		const struct opf_item *it = &in->items[i];
		xmlTextWriterStartElement(w, W("item"));
		xmlTextWriterWriteAttribute(w, W("id"), W(it->id));
		xmlTextWriterWriteAttribute(w, W("href"), W(it->href));
		xmlTextWriterWriteAttribute(w, W("media-type"), W(it->media_type));
		if (it->properties)
			xmlTextWriterWriteAttribute(w, W("properties"), W(it->properties));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w); /* manifest */

	xmlTextWriterStartElement(w, W("spine"));
	xmlTextWriterWriteAttribute(w, W("toc"), W("ncx"));
	for (size_t i = 0; i < in->nitems; i++) {
		if (!in->items[i].in_spine)
			continue;
		xmlTextWriterStartElement(w, W("itemref"));
		xmlTextWriterWriteAttribute(w, W("idref"), W(in->items[i].id));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w); /* spine */
	xmlTextWriterEndElement(w); /* package */
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	*len = (size_t)xmlBufferLength(buf);
	*out = xstrndup((const char *)xmlBufferContent(buf), *len);
	xmlBufferFree(buf);
	return 0;
}

char *opf_container(const char *opf_path, size_t *len)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT); /* the default grows by 10 bytes */
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, W("  "));
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, W("container"));
	xmlTextWriterWriteAttribute(w, W("version"), W("1.0"));
	xmlTextWriterWriteAttribute(w, W("xmlns"), W("urn:oasis:names:tc:opendocument:xmlns:container"));
	xmlTextWriterStartElement(w, W("rootfiles"));
	xmlTextWriterStartElement(w, W("rootfile"));
	xmlTextWriterWriteAttribute(w, W("full-path"), W(opf_path));
	xmlTextWriterWriteAttribute(w, W("media-type"), W("application/oebps-package+xml"));
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	*len = (size_t)xmlBufferLength(buf);
	char *s = xstrndup((const char *)xmlBufferContent(buf), *len);
	xmlBufferFree(buf);
	return s;
}
