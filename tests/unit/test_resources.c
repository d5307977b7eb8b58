/* Unit tests of resources.h: media type sniffing and adding images from
 * a site folder made in a temporary directory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <webp/encode.h>

#include "fixture.h"
#include "oracle.h"
#include "book/resources.h"
#include "tap.h"
#include "base/util.h"

/* A 1x1 PNG. */
static const unsigned char S_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
	0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
	0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static char S_tmp[] = "/tmp/sheaf-resources-XXXXXX";

static void test_sniff(void)
{
	const char *other;
	static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
	static const unsigned char webp[] = "RIFF\x24\0\0\0WEBPVP8 ";
	static const unsigned char avif[] = "\0\0\0\x1c" "ftypavif\0\0\0\0";
	static const unsigned char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0";
	static const unsigned char tiff[] = "II*\0\x08\0\0\0";
	static const unsigned char ico[] = {0, 0, 1, 0, 1, 0, 16, 16};

	is_str(media_type_sniff(S_png, sizeof S_png, &other), "image/png", "sniff PNG");
	ok(other == NULL, "PNG: no other type");
	is_str(media_type_sniff(jpeg, sizeof jpeg, &other), "image/jpeg", "sniff JPEG");
	is_str(media_type_sniff((const unsigned char *)"GIF89a\1\0\1\0", 10, &other), "image/gif", "sniff GIF89a");
	is_str(media_type_sniff((const unsigned char *)"GIF87a\1\0\1\0", 10, &other), "image/gif", "sniff GIF87a");
	is_str(media_type_sniff(webp, sizeof webp - 1, &other), "image/webp", "sniff WebP");

	const char *svgs[] = {
		"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<svg/>",
		"  \n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n<svg/>",
		"<!-- a > inside -- a comment --><svg/>",
	};
	for (size_t i = 0; i < sizeof svgs / sizeof *svgs; i++)
		is_str(media_type_sniff((const unsigned char *)svgs[i], strlen(svgs[i]), &other),
		       "image/svg+xml", "sniff SVG text");
	ok(media_type_sniff((const unsigned char *)"<html><svg/></html>", 19, &other) == NULL,
	   "HTML with an svg inside is not SVG");

	ok(media_type_sniff((const unsigned char *)"BM\x36\0\0\0", 6, &other) == NULL, "BMP is not a core type");
	is_str(other, "BMP", "BMP named as other");
	ok(media_type_sniff(avif, sizeof avif - 1, &other) == NULL, "AVIF is not a core type");
	is_str(other, "AVIF", "AVIF named as other");
	media_type_sniff(heic, sizeof heic - 1, &other);
	is_str(other, "HEIC", "HEIC named as other");
	media_type_sniff(tiff, sizeof tiff - 1, &other);
	is_str(other, "TIFF", "TIFF named as other");
	media_type_sniff(ico, sizeof ico, &other);
	is_str(other, "ICO", "ICO named as other");

	ok(media_type_sniff((const unsigned char *)"hello", 5, &other) == NULL && other == NULL,
	   "text is neither core nor other");
	ok(media_type_sniff(S_png, 4, &other) == NULL, "a truncated PNG signature is not PNG");
	ok(media_type_sniff((const unsigned char *)"", 0, &other) == NULL, "empty data is nothing");
}

static void test_add(void)
{
	if (!mkdtemp(S_tmp)) {
		ok(0, "mkdtemp");
		return;
	}
	char *site = path_join(S_tmp, "site");
	fx_write(S_tmp, "site/posts/photo.jpg", S_png, sizeof S_png);   /* a PNG named .jpg */
	fx_write(S_tmp, "site/posts/copy.png", S_png, sizeof S_png);    /* the same bytes again */
	{
		/* Other bytes, the same picture: what follows IEND is not read. */
		unsigned char other[sizeof S_png + 10];
		memcpy(other, S_png, sizeof S_png);
		memcpy(other + sizeof S_png, "-different", 10);
		fx_write(S_tmp, "site/other/Photo.png", other, sizeof other);
	}
	fx_write(S_tmp, "outside.png", S_png, sizeof S_png);
	fx_write(S_tmp, "site/img/cut.png", S_png, sizeof S_png / 2);
	fx_write(S_tmp, "site/img/no-iend.png", S_png, sizeof S_png - 12);
	/* 54 bytes claiming 100000x100000 RGBA: 40 GB of pixels. */
	fx_write(S_tmp, "site/img/claim.png",
		 "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x01\x86\xa0\x00\x01"
		 "\x86\xa0\x08\x06\x00\x00\x00\xa8\x52\x0b\xc8\x00\x00\x00\x09\x49\x44\x41\x54\x78\x9c\x63\x00"
		 "\x00\x00\x01\x00\x01\x5e\xff\x7d\xf9",
		 54);
	fx_write(S_tmp, "site/img/cut.gif", "GIF89a\1\0\1\0\x80\0\0\xff\xff\xff\0\0\0,\0\0\0\0\1\0\1\0\0\2", 30);
	fx_write(S_tmp, "site/img/cut.jpg", "\xff\xd8\xff\xe0\0\x10JFIF\0\1\1\0\0\1\0\1\0\0", 20);
	fx_write(S_tmp, "site-evil/x.png", S_png, sizeof S_png);
	fx_write(S_tmp, "site/img/pic.bmp", "BM\x36\0\0\0\0\0", 8);
	fx_writes(S_tmp, "site/img/notes.txt", "just text");
	fx_writes(S_tmp, "site/img/bad.svg",
		  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
		  "onload=\"alert(1)\" width=\"10\"><script>alert(2)</script>"
		  "<circle r=\"4\" onclick=\"alert(3)\"/>"
		  "<a xlink:href=\"javascript:alert(4)\"><text>t</text></a>"
		  "<a href=\"https://example.com/\"><text>ok</text></a>"
		  "<style>@import url(https://e.example/x.css); rect { fill: url(https://e.example/p.svg#g) }</style>"
		  "<linearGradient id=\"local\"/><rect style=\"fill:url('https://e.example/q.svg#h')\" stroke=\"url(#local)\"/>"
		  "<foreignObject><div>x</div></foreignObject></svg>");
	fx_writes(S_tmp, "site/img/doctype.svg",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
		  "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
		  "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>t</text></svg>");
	fx_writes(S_tmp, "site/img/entity.svg",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		  "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>");
	fx_writes(S_tmp, "site/img/broken.svg", "<svg><g></svg>");
	{
		/* A file over the cap (sparse: no disk used) and a FIFO, which
		 * reading would wait on forever. */
		char *huge = path_join(S_tmp, "site/img/huge.png"), *fifo = path_join(S_tmp, "site/img/fifo.png");
		FILE *f = fopen(huge, "wb");
		ok(f && fwrite(S_png, 1, sizeof S_png, f) == sizeof S_png && fseeko(f, (off_t)RESOURCES_MAX_IMAGE, SEEK_SET) == 0 &&
			   fputc(0, f) != EOF && fclose(f) == 0,
		   "a sparse file over the size cap made");
		ok(mkfifo(fifo, 0600) == 0, "a FIFO named .png made");
		free(huge);
		free(fifo);
	}
	char *target = path_join(S_tmp, "outside.png");
	char *link = path_join(S_tmp, "site/posts/link.png");
	ok(symlink(target, link) == 0, "symlink inside the site to a file outside made");
	free(link);
	free(target);
	target = path_join(S_tmp, "site-evil/x.png");
	link = path_join(S_tmp, "site/posts/prefix.png");
	ok(symlink(target, link) == 0, "symlink to a sibling folder sharing the site's name prefix made");
	free(link);
	free(target);
	link = path_join(S_tmp, "site/posts/inside.png");
	ok(symlink("copy.png", link) == 0, "symlink to a file inside the site made");
	free(link);

	struct resources r = RESOURCES_INIT;
	const char *href;
	char *why;

	is_int(resources_add_image(&r, &href, site, "posts/photo.jpg", &why), 0, "a PNG named .jpg is added");
	is_str(href, "images/photo.png", "its href takes the sniffed type's extension");
	ok(r.n == 1 && strcmp(r.v[0].media_type, "image/png") == 0, "media type image/png from the bytes");
	ok(r.n == 1 && r.v[0].len == sizeof S_png && memcmp(r.v[0].data, S_png, sizeof S_png) == 0,
	   "the bytes are stored");
	ok(r.n == 1 && r.v[0].id && r.v[0].id[0], "a manifest id is set");

	const char *href2;
	is_int(resources_add_image(&r, &href2, site, "posts/copy.png", &why), 0, "the same bytes under another name");
	ok(href2 == href, "same bytes: the first href is returned");
	is_int(r.n, 1, "same bytes are stored once");
	is_int(resources_add_image(&r, &href2, site, "posts/./../posts/photo.jpg", &why), 0,
	       "the same file through a roundabout path");
	is_int(r.n, 1, "still stored once");
	is_int(resources_add_image(&r, &href2, site, "posts/inside.png", &why), 0,
	       "a symlink to a file inside the site is accepted");

	is_int(resources_add_image(&r, &href2, site, "other/Photo.png", &why), 0, "a different image named like the first");
	is_str(href2, "images/Photo-2.png", "names unique after case folding (Photo-2)");
	is_int(r.n, 2, "two images stored");

	static const struct {
		const char *rel, *why_has, *name;
	} refused[] = {
		{"../outside.png", "outside the site", "'../outside.png' refused"},
		{"/etc/hostname", "outside the site", "an absolute path refused"},
		{"posts/../../outside.png", "outside", "a path climbing out midway refused"},
		{"posts/link.png", "outside the site", "a symlink to a file outside refused"},
		{"posts/prefix.png", "outside the site", "a symlink into site-evil (same prefix) refused"},
		{"posts/missing.png", "not found", "a missing file refused"},
		{"posts", "not a file", "a folder refused"},
		{"img/pic.bmp", "BMP", "a BMP refused, naming its type"},
		{"img/notes.txt", "not an image", "a text file refused"},
		{"img/doctype.svg", "DOCTYPE", "an SVG with a DOCTYPE refused"},
		{"img/entity.svg", "entity.svg", "an SVG declaring an external entity refused"},
		{"img/broken.svg", "not well-formed", "a malformed SVG refused"},
		{"img/huge.png", "larger than 64 MiB", "a file over the size cap refused before it is read"},
		{"img/fifo.png", "not a file", "a FIFO refused without being opened"},
		/* Issue 16: stored as they were, these made epubcheck reject
		 * the book ("Corrupted image file"). */
		{"img/cut.png", "img/cut.png: PNG: the file is cut short", "a PNG cut short refused, naming the file"},
		{"img/no-iend.png", "cut short", "a PNG cut just before its IEND refused"},
		{"img/cut.gif", "img/cut.gif: GIF: the file is cut short", "a GIF cut short refused"},
		{"img/claim.png", "100000x100000 pixels, more than the 25 million", "a PNG claiming 100000x100000 refused"},
		{"img/cut.jpg", "img/cut.jpg: JPEG: ", "a JPEG cut short refused"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		href2 = "unset";
		why = NULL;
		int rc = resources_add_image(&r, &href2, site, refused[i].rel, &why);
		ok(rc == -1 && href2 == NULL && why && strstr(why, refused[i].why_has), "%s", refused[i].name);
		if (why && !strstr(why, refused[i].why_has))
			diag("reason: %s", why);
		free(why);
	}
	is_int(r.n, 2, "nothing refused was stored");

	is_int(resources_add_image(&r, &href2, site, "img/bad.svg", &why), 0, "an SVG with scripts is added");
	is_str(href2, "images/bad.svg", "SVG href");
	if (r.n == 3) {
		char *svg = xstrndup((const char *)r.v[2].data, r.v[2].len);
		is_str(r.v[2].media_type, "image/svg+xml", "SVG media type");
		unlike(svg, "<script", "SVG stored without <script>");
		unlike(svg, "onload", "SVG stored without onload");
		unlike(svg, "onclick", "SVG stored without onclick on a child");
		unlike(svg, "javascript", "SVG stored without javascript: links");
		unlike(svg, "foreignObject", "SVG stored without foreignObject");
		unlike(svg, "example.com", "a web link in the SVG goes (an image's links cannot be followed)");
		like(svg, "<text>ok</text>", "the link's text stays");
		like(svg, "<circle", "drawing elements kept");
		unlike(svg, "e.example", "no CSS import or url() loading from the web");
		like(svg, "fill: none", "a remote url() in a style element becomes none");
		like(svg, "stroke=\"url(#local)\"", "a local url() stays");
		like(svg, "width=\"10\"", "harmless attributes kept");
		free(svg);
	}
	resources_free(&r);
	ok(r.n == 0 && r.v == NULL && r.site_real == NULL, "resources_free resets");

	struct resources r2 = RESOURCES_INIT;
	char *nosite = path_join(S_tmp, "no-such-site");
	is_int(resources_add_image(&r2, &href2, nosite, "a.png", &why), -1, "a missing site folder fails");
	ok(why != NULL, "with a reason");
	free(why);
	free(nosite);
	resources_free(&r2);

	free(site);
	fx_rm_rf(S_tmp);
	ok(!path_is_dir(S_tmp), "temporary folder removed");
}

/* WebP is stored as PNG (EPUB 3.2 takes WebP only with a fallback). */
static void test_webp(void)
{
	char tmp[] = "/tmp/sheaf-resources-webp-XXXXXX";
	if (!mkdtemp(tmp)) {
		ok(0, "mkdtemp");
		return;
	}
	unsigned char rgba[3 * 2 * 4];
	for (size_t i = 0; i < sizeof rgba; i++)
		rgba[i] = (unsigned char)(i * 37 + 5);
	uint8_t *webp = NULL;
	size_t len = WebPEncodeLosslessRGBA(rgba, 3, 2, 3 * 4, &webp);
	if (!ok(len > 0, "a 3x2 lossless WebP made")) {
		fx_rm_rf(tmp);
		return;
	}
	char *site = path_join(tmp, "site");
	fx_write(tmp, "site/img/Leaf Photo.webp", webp, len);
	fx_write(tmp, "site/img/same-leaf.webp", webp, len);
	fx_write(tmp, "site/img/cut.webp", webp, len / 2);

	struct resources r = RESOURCES_INIT;
	const char *href, *href2;
	char *why = NULL;
	is_int(resources_add_image(&r, &href, site, "img/Leaf Photo.webp", &why), 0, "a WebP file is added");
	is_str(href, "images/Leaf-Photo.png", "its href is images/*.png");
	if (r.n == 1) {
		is_str(r.v[0].media_type, "image/png", "stored as image/png");
		ok(r.v[0].len > 8 && memcmp(r.v[0].data, "\x89PNG\r\n\x1a\n", 8) == 0,
		   "the stored bytes are a PNG");
	}
	is_int(resources_add_image(&r, &href2, site, "img/same-leaf.webp", &why), 0,
	       "the same WebP under another name");
	ok(href2 == href && r.n == 1, "the same WebP is stored once");
	is_int(resources_add_data(&r, &href2, webp, len, "inline.webp", &why), 0,
	       "the same WebP as a data: URL");
	ok(href2 == href && r.n == 1, "still stored once");

	href2 = "unset";
	is_int(resources_add_image(&r, &href2, site, "img/cut.webp", &why), -1, "a WebP cut short is refused");
	ok(href2 == NULL && why && strstr(why, "img/cut.webp: ") && strstr(why, "cut short"),
	   "with a reason naming the file");
	if (why)
		diag("reason: %s", why);
	free(why);
	why = NULL;
	is_int(r.n, 1, "nothing stored for it");

	rgba[0] ^= 0xff;
	uint8_t *webp2 = NULL;
	size_t len2 = WebPEncodeLosslessRGBA(rgba, 3, 2, 3 * 4, &webp2);
	is_int(resources_add_data(&r, &href2, webp2, len2, "Leaf Photo.webp", &why), 0,
	       "another WebP as a data: URL, named like the first");
	is_str(href2, "images/Leaf-Photo-2.png", "its name is made unique with the .png extension");
	ok(r.n == 2 && strcmp(r.v[1].media_type, "image/png") == 0, "also image/png");
	WebPFree(webp2);

	resources_free(&r);
	WebPFree(webp);
	free(site);
	fx_rm_rf(tmp);
}

/* A link in an SVG that declares the namespaces its content uses: the link
 * is unwrapped, and its content once kept pointers to the freed link's
 * declarations (fuzz_images finding; with glibc's allocator the names came
 * out as garbage prefixes). */
static void test_svg_link_namespaces(void)
{
	static const char svg[] =
		"<svg xmlns=\"http://www.w3.org/2000/svg\"><defs><circle id=\"g\" r=\"1\"/></defs>"
		"<a xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"http://www.w3.org/1999/xlink\">"
		"<text>kept words</text><use x:href=\"#g\"/><g><text>inner</text></g></a></svg>";
	struct resources r = RESOURCES_INIT;
	const char *href = NULL;
	char *why = NULL;
	is_int(resources_add_data(&r, &href, (const unsigned char *)svg, sizeof svg - 1, "link.svg", &why), 0,
	       "an SVG whose link declares namespaces is added");
	if (r.n == 1) {
		char *out = xstrndup((const char *)r.v[0].data, r.v[0].len);
		xmlDocPtr doc = xmlReadMemory(out, (int)strlen(out), "out.svg", NULL,
					      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		ok(doc != NULL, "the stored SVG is well-formed");
		like(out, "<text>kept words</text>", "the link's text stays, unprefixed");
		like(out, "<g><text>inner</text></g>", "a nested element stays, unprefixed");
		like(out, ":href=\"#g\"", "the xlink reference stays with a prefix");
		like(out, "=\"http://www.w3.org/1999/xlink\"", "whose namespace is declared again");
		unlike(out, "<a ", "the link itself is gone");
		unlike(out, "<a>", "the link itself is gone, without attributes too");
		if (doc) {
			xmlNodePtr root = xmlDocGetRootElement(doc);
			xmlNodePtr text = root ? root->last : NULL;
			while (text && text->type != XML_ELEMENT_NODE)
				text = text->prev;
			ok(text && text->ns && xmlStrEqual(text->ns->href, (const xmlChar *)"http://www.w3.org/2000/svg"),
			   "the moved content is in the SVG namespace");
			xmlFreeDoc(doc);
		}
		free(out);
	}
	free(why);
	resources_free(&r);
}

/* Issue 16, item 12: an SVG file (a file of the site and a data: URL)
 * using SVG 2 (presentation attributes SVG 1.1 lacks, href without xlink)
 * and the red team's ways in (CSS escapes in <style>, <set> of href or a
 * handler, a remote host without slashes) is stored cleaned, and valid
 * by the fuzz oracle's rules for an SVG file (EPUB 3's schema and more). */
static const char S_svg2[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	"width=\"100\" height=\"100\" viewBox=\"0 0 100 100\">"
	"<style>@\\69mport 'https://e.example/x.css'; rect { fill: u\\72l(https://e.example/p.svg#g) }</style>"
	"<defs><circle id=\"dot\" r=\"3\"/></defs>"
	"<rect width=\"10\" height=\"10\" transform-origin=\"center\" paint-order=\"stroke\" "
	"vector-effect=\"non-scaling-stroke\" mix-blend-mode=\"multiply\" fill=\"red\"/>"
	"<use href=\"#dot\" x=\"5\"/>"
	"<use href=\"https://evil.example/sprite.svg#i\"/>"
	"<a href=\"javascript:alert(1)\"><text y=\"30\">words of a link</text></a>"
	"<a><set attributeName=\"href\" to=\"javascript:alert(2)\"/><circle r=\"1\"/></a>"
	"<rect width=\"1\" height=\"1\"><set attributeName=\"onclick\" to=\"alert(3)\"/></rect>"
	"<image href=\"https:evil.example/x.png\" width=\"9\" height=\"9\"/>"
	"<use xlink:href=\"#dot\"><set attributeName=\"xlink:href\" to=\"https:evil.example/y.png\"/></use>"
	"</svg>";

static void S_svg2_stored(const struct resources *r, const char *road)
{
	if (!ok(r->n == 1, "%s: one file stored", road))
		return;
	char *out = xstrndup((const char *)r->v[0].data, r->v[0].len);
	char *why = oracle_check(out, strlen(out), ORACLE_SVG);
	ok(why == NULL, "%s: the stored SVG is valid (oracle_check, ORACLE_SVG)", road);
	if (why)
		diag("%s", why);
	free(why);
	static const char *const gone[] = {"mport", "72l", "e.example", "evil.example", "javascript", "alert",
					   "<set", "onclick", "transform-origin", "paint-order",
					   "vector-effect", "mix-blend-mode", "<image"};
	for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
		ok(!strstr(out, gone[i]), "%s: no %s", road, gone[i]);
	static const char *const kept[] = {"fill=\"red\"", "href=\"#dot\" x=\"5\"", "words of a link",
					   "<circle r=\"1\"/>"};
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
		ok(strstr(out, kept[i]) != NULL, "%s: keeps %s", road, kept[i]);
	free(out);
}

static void test_svg2_files(void)
{
	char tmp[] = "/tmp/sheaf-svg2-XXXXXX";
	if (!ok(mkdtemp(tmp) != NULL, "mkdtemp"))
		return;
	fx_writes(tmp, "site/img/drawing.svg", S_svg2);
	char *site = path_join(tmp, "site");
	struct resources r = RESOURCES_INIT;
	const char *href = NULL;
	char *why = NULL;
	is_int(resources_add_image(&r, &href, site, "img/drawing.svg", &why), 0, "an SVG 2 file is added");
	S_svg2_stored(&r, "SVG file");
	free(why);
	resources_free(&r);
	is_int(resources_add_data(&r, &href, (const unsigned char *)S_svg2, sizeof S_svg2 - 1, "inline.svg", &why), 0,
	       "the same SVG as a data: URL is added");
	S_svg2_stored(&r, "data: SVG");
	free(why);
	resources_free(&r);
	fx_rm_rf(tmp);
	free(site);
}

/* Many images of one name are numbered as counting from 2 each time
 * would number them (the search resumes where it stopped), skipping
 * numbers that other names already took, ignoring case. */
static void test_numbering(void)
{
	struct resources r = RESOURCES_INIT;
	static const char *const names[] = {"pic", "pic", "pic", "pic-5", "pic", "pic", "PIC", "pic-2"};
	static const char *const want[] = {"images/pic.svg",   "images/pic-2.svg", "images/pic-3.svg",
					   "images/pic-5.svg", "images/pic-4.svg", "images/pic-6.svg",
					   "images/PIC-7.svg", "images/pic-2-2.svg"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *svg = xasprintf("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"i%zu\"/>", i);
		const char *href = NULL;
		char *why = NULL;
		is_int(resources_add_data(&r, &href, (const unsigned char *)svg, strlen(svg), names[i], &why), 0,
		       "a distinct image is added");
		is_str(href, want[i], want[i]);
		free(why);
		free(svg);
	}
	resources_free(&r);
}

int main(void)
{
	test_sniff();
	test_add();
	test_numbering();
	test_webp();
	test_svg_link_namespaces();
	test_svg2_files();
	return done_testing();
}
