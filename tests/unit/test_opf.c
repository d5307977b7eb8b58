/* Unit tests of opf.h: the package document and container.xml. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "book/opf.h"
#include "tap.h"

static const struct opf_item S_items[] = {
	{"ncx", "toc.ncx", "application/x-dtbncx+xml", NULL, false},
	{"style", "style.css", "text/css", NULL, false},
	{"titlepage", "titlepage.xhtml", "application/xhtml+xml", NULL, true},
	{"nav", "nav.xhtml", "application/xhtml+xml", "nav", true},
	{"ch-001", "text/001-a.xhtml", "application/xhtml+xml", NULL, true},
	{"img-1", "images/a.png", "image/png", NULL, false},
	{"ch-002", "text/002-b.xhtml", "application/xhtml+xml", NULL, true},
};

static void test_package(void)
{
	struct strvec creators = STRVEC_INIT, subjects = STRVEC_INIT;
	sv_push(&creators, "Jane Doe");
	sv_push(&creators, "Al <Smith> & Co");
	sv_push(&subjects, "linux");
	struct opf_input in = {
		.uid = "urn:uuid:0a300ee9-f9e4-5697-a51a-efc7fafaba67",
		.title = "Posts & \"Notes\"",
		.subtitle = "A subtitle",
		.description = "About <things>",
		.source = "https://blog.example/",
		.publisher = "Smith & Sons",
		.rights = "© 2024 <Jane>",
		.creators = &creators,
		.subjects = &subjects,
		.language = "pt-BR",
		.date = "2024-12-27",
		.modified = "2024-12-28T10:00:00Z",
		.has_images = true,
		.items = S_items,
		.nitems = sizeof S_items / sizeof *S_items,
	};
	char *out;
	size_t len;
	is_int(opf_package(&out, &len, &in), 0, "opf_package succeeds");
	is_int(len, strlen(out), "opf_package: length matches");
	xmlDocPtr doc = fx_parse_strict(out, len);
	if (!ok(doc != NULL, "content.opf is well-formed (strict parse)")) {
		free(out);
		sv_free(&creators);
		sv_free(&subjects);
		return;
	}
	fx_is_xstr(doc, "string(/o:package/@version)", "3.0", "package version 3.0");
	fx_is_xstr(doc, "string(/o:package/@unique-identifier)", "bookid", "unique-identifier names bookid");
	fx_is_xstr(doc, "string(//dc:identifier[@id='bookid'])", in.uid, "dc:identifier with the uid");
	fx_is_xstr(doc, "string(//dc:title[@id='title'])", "Posts & \"Notes\"", "dc:title escaped and read back");
	fx_is_xstr(doc, "string(//dc:title[@id='subtitle'])", "A subtitle", "subtitle as a second dc:title");
	is_int(fx_xpath_num(doc, "count(//dc:creator)"), 2, "two dc:creator");
	fx_is_xstr(doc, "string(//dc:creator[2])", "Al <Smith> & Co", "creator escaped and read back");
	is_int(fx_xpath_num(doc, "count(//o:meta[@refines='#creator-2'][@property='role'][.='aut'])"), 1,
	       "creator role refines its creator");
	fx_is_xstr(doc, "string(//dc:language)", "pt-BR", "dc:language");
	fx_is_xstr(doc, "string(/o:package/@xml:lang)", "pt-BR", "package xml:lang");
	fx_is_xstr(doc, "string(//dc:date)", "2024-12-27", "dc:date");
	fx_is_xstr(doc, "string(//dc:subject)", "linux", "dc:subject");
	fx_is_xstr(doc, "string(//dc:description)", "About <things>", "dc:description");
	fx_is_xstr(doc, "string(//dc:source)", "https://blog.example/", "dc:source");
	fx_is_xstr(doc, "string(//dc:publisher)", "Smith & Sons", "dc:publisher escaped and read back");
	fx_is_xstr(doc, "string(//dc:rights)", "© 2024 <Jane>", "dc:rights escaped and read back");
	is_int(fx_xpath_num(doc, "count(//dc:publisher|//dc:rights)"), 2, "each once");
	fx_is_xstr(doc, "string(//o:meta[@property='dcterms:modified'])", "2024-12-28T10:00:00Z", "dcterms:modified");
	is_int(fx_xpath_num(doc, "count(//o:meta[@property='dcterms:modified'])"), 1, "exactly one dcterms:modified");
	is_int(fx_xpath_num(doc, "count(//o:meta[@property='schema:accessMode'])"), 2,
	       "schema:accessMode textual and visual (book has images)");
	is_int(fx_xpath_num(doc, "count(//o:meta[@property='schema:accessMode'][.='visual'])"), 1, "accessMode visual");
	is_int(fx_xpath_num(doc, "count(//o:meta[@property='schema:accessModeSufficient'][.='textual'])"), 1,
	       "accessModeSufficient textual");
	is_int(fx_xpath_num(doc, "count(//o:meta[@property='schema:accessibilityFeature'])"), 3, "three accessibility features");
	fx_is_xstr(doc, "string(//o:meta[@property='schema:accessibilityHazard'])", "none", "accessibilityHazard none");
	is_int(fx_xpath_num(doc, "string-length(//o:meta[@property='schema:accessibilitySummary'])>20"), 1,
	       "an accessibility summary");

	is_int(fx_xpath_num(doc, "count(//o:manifest/o:item)"), 7, "every item in the manifest");
	fx_is_xstr(doc, "string(//o:item[@id='nav']/@properties)", "nav", "nav item has properties=nav");
	is_int(fx_xpath_num(doc, "count(//o:item[@properties][@id!='nav'])"), 0, "no properties on other items");
	fx_is_xstr(doc, "string(//o:item[@id='img-1']/@media-type)", "image/png", "media types written");
	fx_is_xstr(doc, "string(//o:spine/@toc)", "ncx", "spine toc=ncx");
	is_int(fx_xpath_num(doc, "count(//o:spine/o:itemref)"), 4, "four spine items");
	static const char *const order[] = {"titlepage", "nav", "ch-001", "ch-002"};
	bool same = true;
	for (int i = 0; i < 4; i++) {
		char expr[64];
		snprintf(expr, sizeof expr, "string(//o:spine/o:itemref[%d]/@idref)", i + 1);
		char *s = fx_xpath_str(doc, expr);
		same &= strcmp(s, order[i]) == 0;
		free(s);
	}
	ok(same, "spine order is the manifest order of the in_spine items");
	xmlFreeDoc(doc);
	free(out);

	/* Optional fields left out; no images. */
	struct opf_input bare = {
		.uid = "urn:uuid:x", .title = "T", .language = "en",
		.modified = "2024-01-01T00:00:00Z", .items = S_items, .nitems = 1,
	};
	is_int(opf_package(&out, &len, &bare), 0, "opf_package with only required fields");
	doc = fx_parse_strict(out, len);
	ok(doc != NULL, "bare package well-formed");
	if (doc) {
		is_int(fx_xpath_num(doc, "count(//dc:creator|//dc:date|//dc:subject|//dc:description|//dc:source|"
					       "//dc:publisher|//dc:rights)"),
		       0,
		       "no empty optional elements");
		is_int(fx_xpath_num(doc, "count(//dc:title)"), 1, "no subtitle title");
		is_int(fx_xpath_num(doc, "count(//o:meta[@property='schema:accessMode'])"), 1,
		       "accessMode textual only without images");
		is_int(fx_xpath_num(doc, "count(//o:spine/o:itemref)"), 0, "no spine items when none is in_spine");
	}
	xmlFreeDoc(doc);
	free(out);
	sv_free(&creators);
	sv_free(&subjects);
}

static void test_container(void)
{
	size_t len;
	char *out = opf_container("EPUB/content.opf", &len);
	is_int(len, strlen(out), "container: length matches");
	xmlDocPtr doc = fx_parse_strict(out, len);
	if (ok(doc != NULL, "container.xml well-formed")) {
		fx_is_xstr(doc, "string(/c:container/c:rootfiles/c:rootfile/@full-path)", "EPUB/content.opf",
			"rootfile full-path");
		fx_is_xstr(doc, "string(//c:rootfile/@media-type)", "application/oebps-package+xml",
			"rootfile media-type");
		fx_is_xstr(doc, "string(/c:container/@version)", "1.0", "container version");
	}
	xmlFreeDoc(doc);
	free(out);
}

static void test_series(void)
{
	char *out;
	size_t len;
	struct opf_input in = {
		.uid = "urn:uuid:x", .title = "T", .language = "en",
		.modified = "2024-01-01T00:00:00Z", .items = S_items, .nitems = 1,
		.series = "Learning <C>", .series_position = 2,
	};
	is_int(opf_package(&out, &len, &in), 0, "opf_package with a series");
	xmlDocPtr doc = fx_parse_strict(out, len);
	ok(doc != NULL, "series package well-formed");
	if (doc) {
		fx_is_xstr(doc, "string(//o:meta[@property='belongs-to-collection'])", "Learning <C>",
			   "belongs-to-collection names the series");
		fx_is_xstr(doc, "string(//o:meta[@property='collection-type'][@refines='#series'])", "series",
			   "collection-type series refines it");
		fx_is_xstr(doc, "string(//o:meta[@property='group-position'][@refines='#series'])", "2",
			   "group-position refines it");
		xmlFreeDoc(doc);
	}
	free(out);
	in.series_position = 0;
	is_int(opf_package(&out, &len, &in), 0, "opf_package with a series, no position");
	ok(strstr(out, "group-position") == NULL, "no group-position unless given");
	free(out);
}

int main(void)
{
	test_package();
	test_series();
	test_container();
	xmlCleanupParser();
	return done_testing();
}
