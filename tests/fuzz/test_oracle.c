/* test_oracle.c — the fuzz oracle (oracle.h) catches each thing it is
 * there to catch, and passes what sheaf rightly writes. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "oracle.h"
#include "tap.h"

/* A chapter as the built-in template writes one, around body. */
static char *S_chapter(const char *body)
{
	return xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
			 "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
			 "xml:lang=\"en\" lang=\"en\"><head><meta charset=\"utf-8\"/><title>T</title>"
			 "<link rel=\"stylesheet\" type=\"text/css\" href=\"../styles/book.css\"/></head>"
			 "<body>%s</body></html>",
			 body);
}

static char *S_svg(const char *body)
{
	return xasprintf("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
			 "viewBox=\"0 0 9 9\">%s</svg>",
			 body);
}

static void S_expect(enum oracle_kind kind, const char *body, bool bad, const char *what)
{
	char *doc = kind == ORACLE_CHAPTER ? S_chapter(body) : S_svg(body);
	char *why = oracle_check(doc, strlen(doc), kind);
	if (bad) {
		ok(why != NULL, "%s: caught", what);
		if (why)
			diag("%s", why);
	} else {
		ok(why == NULL, "%s: passes", what);
		if (why)
			diag("%s", why);
	}
	free(why);
	free(doc);
}

#define GOOD_X(body, what) S_expect(ORACLE_CHAPTER, body, false, what)
#define GOOD_S(body, what) S_expect(ORACLE_SVG, body, false, what)

#define SVGIN(x) "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">" x "</svg>"

static void test_chapter(void)
{
	static const struct {
		const char *body, *what;
	} bad[] = {
		{"<p>x</p><p>", "ill-formed XML"},
		{"<?xml-stylesheet href=\"https://e.example/x.css\"?><p>x</p>", "a processing instruction"},
		{"<script>alert(1)</script>", "script"},
		{"<SCRIPT xmlns=\"http://www.w3.org/1999/xhtml\">x</SCRIPT>", "SCRIPT in capitals"},
		{SVGIN("<script>alert(1)</script>"), "an SVG script"},
		{"<iframe src=\"x.html\"/>", "iframe"},
		{"<object data=\"x.swf\"/>", "object"},
		{"<embed src=\"x.swf\"/>", "embed"},
		{"<form><input/></form>", "form"},
		{"<button>b</button>", "button"},
		{"<style>p{}</style>", "style in the body"},
		{"<base href=\"https://e.example/\"/>", "base"},
		{"<meta http-equiv=\"refresh\" content=\"0;url=https://e.example/\"/>", "meta in the body"},
		{SVGIN("<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>"),
		 "foreignObject"},
		{SVGIN("<image href=\"a.png\"/>"), "SVG image"},
		{"<x:thing xmlns:x=\"urn:evil\"/>", "a foreign element"},
		{"<thing xmlns=\"\"/>", "an element in no namespace"},
		{"<p onclick=\"alert(1)\">x</p>", "onclick"},
		{"<p ONMOUSEOVER=\"alert(1)\">x</p>", "ONMOUSEOVER"},
		{SVGIN("<rect onload=\"alert(1)\"/>"), "an SVG handler"},
		{"<a href=\"javascript:alert(1)\">x</a>", "javascript: link"},
		{"<a href=\" JaVa&#9;Script:alert(1)\">x</a>", "javascript: with a tab and capitals"},
		{"<a href=\"vbscript:msgbox(1)\">x</a>", "vbscript: link"},
		{"<img src=\"data:image/svg+xml,x\" alt=\"\"/>", "data: image"},
		{"<img src=\"file:///etc/passwd\" alt=\"\"/>", "file: image"},
		{"<img src=\"https://e.example/x.png\" alt=\"\"/>", "a remote image"},
		{"<img src=\"//e.example/x.png\" alt=\"\"/>", "a protocol-relative image"},
		{"<img src=\"https:e.example/x.png\" alt=\"\"/>", "a remote image without slashes"},
		{SVGIN("<use xlink:href=\"https://e.example/s.svg#a\"/>"), "an external SVG use"},
		{SVGIN("<use href=\"s.svg#a\"/>"), "an SVG use of another file"},
		{SVGIN("<rect fill=\"url(https://e.example/p#g)\"/>"), "a remote url() in a presentation attribute"},
		{SVGIN("<rect fill=\"u\\72l(https://e.example/p#g)\"/>"), "an escaped url("},
		{"<td style=\"background: url(x.png)\">x</td>", "url() in a style attribute"},
		{"<p style=\"width: expression(alert(1))\">x</p>", "expression()"},
		{"<p style=\"@\\69mport 'x.css'\">x</p>", "an escaped @import"},
		{"<p style=\"background: u/**/rl(x.png)\">x</p>", "url( split by a comment"},
		{SVGIN("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>"), "set href"},
		{SVGIN("<set attributeName=\"xlink:href\" to=\"#a\"/>"), "set xlink:href"},
		{SVGIN("<animate attributeName=\" ONclick\" values=\"x\"/>"), "animate onclick"},
		{SVGIN("<animate attributeName=\"a:b:onclick\" values=\"x\"/>"), "animate a prefixed handler"},
		{SVGIN("<set attributeName=\"style\" to=\"x\"/>"), "set style"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		S_expect(ORACLE_CHAPTER, bad[i].body, true, bad[i].what);
	GOOD_X("<p>Hi <a href=\"https://example.com/\">link</a> <img src=\"../images/a.png\" alt=\"a\"/></p>"
	       "<blockquote cite=\"https://example.com/q\"><p>q</p></blockquote>"
	       "<table><tr><td style=\"text-align: left\">1</td></tr></table>",
	       "an ordinary chapter");
	GOOD_X(SVGIN("<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><use xlink:href=\"#g\"/>"
		     "<animate attributeName=\"fill\" values=\"red;blue\"/>"),
	       "inline SVG as sheaf writes it");
}

static void test_svg_file(void)
{
	static const struct {
		const char *body, *what;
	} bad[] = {
		{"<style>@import 'https://e.example/x.css';</style>", "an @import in a sheet"},
		{"<style>@\\69mport 'x.css';</style>", "an escaped @import in a sheet"},
		{"<style>rect{fill:u\\72l(https://e.example/p#g)}</style>", "an escaped url( in a sheet"},
		{"<g xmlns:i=\"urn:inkscape\"><i:thing/></g>", "an element of another namespace"},
		{"<a xlink:href=\"https://e.example/\"><text>t</text></a>", "a remote link in an SVG file"},
		{"<script>x</script>", "script in an SVG file"},
		{"<foreignObject/>", "foreignObject in an SVG file"},
		{"<feImage href=\"x.png\"/>", "feImage"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		S_expect(ORACLE_SVG, bad[i].body, true, bad[i].what);
	GOOD_S("<title>T</title><style type=\"text/css\">.a{fill:url(#g)}</style>"
	       "<defs><radialGradient id=\"g\"/></defs><g class=\"a\" role=\"img\" aria-label=\"x url(y)\">"
	       "<path d=\"M0 0L9 9\" stroke=\"#000\"/><use xlink:href=\"#g\" x=\"1\"/></g>",
	       "an ordinary SVG file");
	char *doc = xstrdup("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>");
	char *why = oracle_check(doc, strlen(doc), ORACLE_SVG);
	ok(why != NULL, "a DOCTYPE with an entity: caught");
	free(why);
	free(doc);
	doc = xstrdup("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>");
	why = oracle_check(doc, strlen(doc), ORACLE_SVG);
	ok(why != NULL, "a root other than svg: caught");
	free(why);
	free(doc);
}

int main(void)
{
	xmlInitParser();
	test_chapter();
	test_svg_file();
	return done_testing();
}
