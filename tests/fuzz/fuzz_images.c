/* fuzz_images.c — libFuzzer harness for image bytes and cover text.
 *
 * The first byte chooses what the rest is (seeds start with 'b' or 'c'):
 *
 *   even ('b'): the bytes of an image, as a data: URL gives them, added
 *     with resources_add_data to an empty resource set (so they are sniffed,
 *     a WebP converted to PNG, an SVG parsed and cleaned). Oracle:
 *       - on failure, a reason (non-empty) and nothing stored;
 *       - on success, one entry, named images/<ascii>.<ext of its type>,
 *         of type PNG, JPEG, GIF or SVG; PNG, JPEG and GIF input stored
 *         byte for byte, and only when it decodes by another road than
 *         imagecheck.c's (libpng's simplified API, libjpeg at full size,
 *         DGifSlurp and every frame inside the screen); a WebP stored as the PNG transcode.h promises
 *         (signature, IHDR first with the WebP's size, 8-bit RGB or RGBA,
 *         IDATs that inflate to exactly one filter byte 0 and the pixels
 *         per row, IEND last, every CRC right); an SVG that passes
 *         oracle.h's rules for an SVG file (code and lists of its own, not
 *         the SVG policy's: strict XML, root svg, only SVG elements, none
 *         banned, no handler, no href but "#id", no CSS that loads or
 *         runs after unescaping, no animation of href or on*);
 *       - the same bytes added again give the same entry.
 *
 *   odd ('c'): cover text, split on NUL bytes into title, subtitle,
 *     creators (one per line), date range and language (missing fields are
 *     NULL, the title ""), given to cover_svg. Oracle: the SVG parses
 *     strictly, its root is svg in the SVG namespace, it holds only the
 *     elements cover_svg writes (svg, title, rect, text), no href, src,
 *     event handler or url(), and every line of text lies on the page,
 *     no more of them than the layout allows.
 *
 * And always: no crash, no sanitizer report, no leak. A broken rule prints
 * what was wrong and aborts (a libFuzzer finding).
 *
 * Built with -fsanitize=fuzzer for libFuzzer, or with driver.c as a plain
 * program that runs the files it is given (the regression test). */
#include <gif_lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <zlib.h>

#include <jerror.h>
#include <jpeglib.h>

#include "book/cover.h"
#include "book/resources.h"
#include "book/imagecheck.h"
#include "book/transcode.h"
#include "base/util.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SVG_NS "http://www.w3.org/2000/svg"

static const uint8_t *S_input;
static size_t S_input_len;

static void S_dump(const char *what, const unsigned char *p, size_t len)
{
	fprintf(stderr, "---- %s (%zu bytes) ----\n", what, len);
	fwrite(p, 1, len > 2000 ? 2000 : len, stderr);
	fprintf(stderr, "\n---- end of %s ----\n", what);
}

static void S_fail(const char *what, const char *detail, const unsigned char *out, size_t len)
{
	fprintf(stderr, "fuzz_images: ORACLE FAILURE: %s%s", what, detail ? ": " : "");
	for (const unsigned char *d = (const unsigned char *)detail; d && *d; d++)
		if (*d < 0x20 || *d == 0x7F)
			fprintf(stderr, "\\x%02X", *d);
		else
			fputc(*d, stderr);
	fputc('\n', stderr);
	S_dump("input", S_input, S_input_len);
	if (out)
		S_dump("output", out, len);
	abort();
}

/* Parses strictly: no recovery, no entity substitution, no DTD loading,
 * no network. Fails the run when the bytes are not well-formed. */
static xmlDocPtr S_parse(const unsigned char *out, size_t len, const char *name)
{
	xmlDocPtr doc = xmlReadMemory((const char *)out, (int)len, name, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char msg[400];
		snprintf(msg, sizeof msg, "line %d col %d: %s", e ? e->line : 0, e ? e->int2 : 0,
			 e && e->message ? e->message : "?");
		S_fail("the SVG is not well-formed XML", msg, out, len);
	}
	return doc;
}

/* ---- Mode A: image bytes ---- */

static uint32_t S_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The PNG transcode_webp_to_png makes from webp. */
static void S_check_png(const unsigned char *png, size_t len, const unsigned char *webp, size_t webp_len)
{
	WebPBitstreamFeatures f;
	if (WebPGetFeatures(webp, webp_len, &f) != VP8_STATUS_OK)
		S_fail("a WebP libwebp cannot read was converted", NULL, png, len);
	if (len < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0)
		S_fail("the converted WebP has no PNG signature", NULL, png, len);
	size_t pos = 8, nchunks = 0;
	uint32_t width = 0, height = 0;
	unsigned channels = 0;
	bool iend = false;
	struct strbuf idat = STRBUF_INIT;
	while (pos < len) {
		char msg[100];
		if (iend)
			S_fail("bytes after IEND", NULL, png, len);
		if (len - pos < 12)
			S_fail("a PNG chunk cut short", NULL, png, len);
		size_t clen = S_be32(png + pos);
		if (clen > len - pos - 12)
			S_fail("a PNG chunk longer than the file", NULL, png, len);
		const unsigned char *type = png + pos + 4, *body = png + pos + 8;
		uLong crc = crc32(crc32(0L, Z_NULL, 0), type, (uInt)(4 + clen));
		snprintf(msg, sizeof msg, "chunk %zu (%.4s)", nchunks, (const char *)type);
		if (crc != S_be32(body + clen))
			S_fail("wrong PNG chunk CRC", msg, png, len);
		if (nchunks == 0) {
			if (memcmp(type, "IHDR", 4) != 0 || clen != 13)
				S_fail("the first PNG chunk is not a 13-byte IHDR", msg, png, len);
			width = S_be32(body);
			height = S_be32(body + 4);
			if (body[8] != 8 || (body[9] != 2 && body[9] != 6) || body[10] || body[11] || body[12])
				S_fail("IHDR is not 8-bit RGB or RGBA, deflate, no interlace", NULL, png, len);
			channels = body[9] == 6 ? 4 : 3;
			if (width != (uint32_t)f.width || height != (uint32_t)f.height ||
			    (channels == 4) != (f.has_alpha != 0))
				S_fail("the PNG's size or alpha differs from the WebP's", NULL, png, len);
			if (!width || !height || (uint64_t)width * height > IMAGE_MAX_PIXELS)
				S_fail("implausible PNG size", NULL, png, len);
		} else if (memcmp(type, "IDAT", 4) == 0) {
			sb_add(&idat, (const char *)body, clen);
		} else if (memcmp(type, "IEND", 4) == 0) {
			if (clen)
				S_fail("IEND with data", NULL, png, len);
			iend = true;
		} else {
			S_fail("a PNG chunk transcode.h does not write", msg, png, len);
		}
		pos += 12 + clen;
		nchunks++;
	}
	if (!iend || !idat.len)
		S_fail("the PNG has no IDAT or no IEND", NULL, png, len);
	size_t stride = 1 + (size_t)width * channels, want = (size_t)height * stride;
	/* One byte more than wanted: inflating more than that is a failure too. */
	uLongf got = (uLongf)want + 1;
	unsigned char *raw = xmalloc(got);
	int zrc = uncompress(raw, &got, (const Bytef *)idat.s, (uLong)idat.len);
	if (zrc != Z_OK || got != want) {
		char msg[120];
		snprintf(msg, sizeof msg, "zlib %d, %lu bytes for %u×%u×%u (want %zu)", zrc,
			 (unsigned long)got, width, height, channels, want);
		S_fail("the IDAT data does not inflate to the pixels", msg, png, len);
	}
	for (size_t y = 0; y < height; y++)
		if (raw[y * stride] != 0)
			S_fail("a PNG row filter other than 0", NULL, png, len);
	free(raw);
	sb_release(&idat);
}

/* A stored SVG: oracle.h's rules for an SVG file. */
static void S_check_svg(const unsigned char *out, size_t len)
{
	char *why = oracle_check((const char *)out, len, ORACLE_SVG);
	if (why)
		S_fail(why, NULL, out, len);
}

/* --- a stored PNG, JPEG or GIF decodes, by another road than
 * imagecheck.c's: libpng's simplified API into a whole image, libjpeg at
 * full size, giflib's DGifSlurp. --- */

static void S_check_png_decodes(const unsigned char *d, size_t n)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, d, n))
		S_fail("a stored PNG has no header libpng reads", img.message, NULL, 0);
	if ((uint64_t)img.width * img.height > IMAGE_MAX_PIXELS)
		S_fail("a stored PNG is over the pixel cap", NULL, NULL, 0);
	img.format = PNG_FORMAT_RGBA;
	void *px = xmalloc(PNG_IMAGE_SIZE(img));
	int rc = png_image_finish_read(&img, NULL, px, 0, NULL);
	free(px);
	if (!rc)
		S_fail("a stored PNG does not decode (libpng's simplified API)", img.message, NULL, 0);
	png_image_free(&img);
}

struct S_jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jmp;
	bool cut;
};

static void S_jexit(j_common_ptr c)
{
	longjmp(((struct S_jerr *)c->err)->jmp, 1);
}

static void S_jmessage(j_common_ptr c, int level)
{
	if (level == -1 && c->err->msg_code == JWRN_JPEG_EOF)
		((struct S_jerr *)c->err)->cut = true;
}

static void S_check_jpeg_decodes(const unsigned char *d, size_t n)
{
	struct jpeg_decompress_struct c;
	struct S_jerr e;
	memset(&e, 0, sizeof e);
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = S_jexit;
	e.pub.emit_message = S_jmessage;
	unsigned char *volatile row = NULL;
	if (setjmp(e.jmp)) {
		free(row);
		jpeg_destroy_decompress(&c);
		S_fail("a stored JPEG does not decode (libjpeg, full size)", NULL, NULL, 0);
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, d, (unsigned long)n);
	jpeg_read_header(&c, TRUE);
	if ((uint64_t)c.image_width * c.image_height > IMAGE_MAX_PIXELS)
		S_fail("a stored JPEG is over the pixel cap", NULL, NULL, 0);
	jpeg_start_decompress(&c);
	row = xmalloc((size_t)c.output_width * (size_t)c.output_components);
	JSAMPROW rows[1] = {row};
	while (c.output_scanline < c.output_height)
		jpeg_read_scanlines(&c, rows, 1);
	jpeg_finish_decompress(&c);
	free(row);
	jpeg_destroy_decompress(&c);
	if (e.cut)
		S_fail("a stored JPEG is cut short (libjpeg, full size)", NULL, NULL, 0);
}

/* The bytes come through stdio (fmemopen), not a reader of our own. */
static int S_gifread(GifFileType *g, GifByteType *out, int want)
{
	return (int)fread(out, 1, (size_t)want, g->UserData);
}

static void S_check_gif_decodes(const unsigned char *d, size_t n)
{
	FILE *f = fmemopen((void *)d, n, "rb");
	if (!f)
		abort();
	int err = 0;
	GifFileType *g = DGifOpen(f, S_gifread, &err);
	if (!g)
		S_fail("a stored GIF does not open (giflib)", GifErrorString(err), NULL, 0);
	if ((uint64_t)g->SWidth * (uint64_t)g->SHeight > IMAGE_MAX_PIXELS)
		S_fail("a stored GIF is over the pixel cap", NULL, NULL, 0);
	if (DGifSlurp(g) != GIF_OK)
		S_fail("a stored GIF does not decode (DGifSlurp)", GifErrorString(g->Error), NULL, 0);
	if (g->ImageCount < 1)
		S_fail("a stored GIF has no frame", NULL, NULL, 0);
	for (int i = 0; i < g->ImageCount; i++) {
		const GifImageDesc *f = &g->SavedImages[i].ImageDesc;
		if (f->Left + f->Width > g->SWidth || f->Top + f->Height > g->SHeight)
			S_fail("a stored GIF has a frame outside its screen", NULL, NULL, 0);
	}
	DGifCloseFile(g, &err);
	fclose(f);
}

static const char *S_ext_of(const char *type)
{
	if (strcmp(type, "image/png") == 0)
		return ".png";
	if (strcmp(type, "image/jpeg") == 0)
		return ".jpg";
	if (strcmp(type, "image/gif") == 0)
		return ".gif";
	if (strcmp(type, "image/svg+xml") == 0)
		return ".svg";
	return NULL;
}

static void S_image(const unsigned char *d, size_t n)
{
	struct resources r = RESOURCES_INIT;
	static char unset[] = "unset"; /* both must be set, whatever happens */
	const char *href = unset;
	char *why = unset;
	int rc = resources_add_data(&r, &href, d, n, "fuzz image.webp", &why);
	if (rc < 0) {
		if (!why || !*why)
			S_fail("resources_add_data failed without a reason", NULL, NULL, 0);
		if (r.n != 0 || href)
			S_fail("resources_add_data failed but stored something", why, NULL, 0);
		free(why);
		resources_free(&r);
		return;
	}
	if (rc != 0 || why || !href || r.n != 1 || href != r.v[0].href)
		S_fail("resources_add_data succeeded with a reason, no href or not one entry", why, NULL, 0);
	const struct resource *e = &r.v[0];
	const char *ext = e->media_type ? S_ext_of(e->media_type) : NULL;
	if (!ext)
		S_fail("stored media type not PNG, JPEG, GIF or SVG", e->media_type, e->data, e->len);
	size_t hl = strlen(href);
	if (!str_starts_with(href, "images/") || !str_ends_with(href, ext) || hl <= 7 + strlen(ext) ||
	    strspn(href + 7, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
		    hl - 7 - strlen(ext))
		S_fail("the stored name is not images/<ascii><ext of its type>", href, NULL, 0);

	const char *other;
	const char *in_type = media_type_sniff(d, n, &other);
	if (!in_type)
		S_fail("bytes that media_type_sniff refuses were stored", other, e->data, e->len);
	if (strcmp(in_type, "image/webp") == 0) {
		if (strcmp(e->media_type, "image/png") != 0)
			S_fail("a WebP was not stored as PNG", e->media_type, e->data, e->len);
		S_check_png(e->data, e->len, d, n);
	} else if (strcmp(in_type, "image/svg+xml") == 0) {
		if (strcmp(e->media_type, "image/svg+xml") != 0)
			S_fail("an SVG was stored as something else", e->media_type, e->data, e->len);
		S_check_svg(e->data, e->len);
	} else if (strcmp(in_type, e->media_type) != 0 || e->len != n || memcmp(e->data, d, n) != 0) {
		S_fail("a PNG, JPEG or GIF was not stored as given", e->media_type, e->data, e->len);
	} else if (strcmp(in_type, "image/png") == 0) {
		S_check_png_decodes(d, n);
	} else if (strcmp(in_type, "image/jpeg") == 0) {
		S_check_jpeg_decodes(d, n);
	} else {
		S_check_gif_decodes(d, n);
	}

	/* The same bytes again: the entry already there. */
	const char *again = NULL;
	if (resources_add_data(&r, &again, d, n, "another name.png", &why) != 0 || why ||
	    again != href || r.n != 1)
		S_fail("the same bytes added twice did not give the same entry", why, NULL, 0);
	resources_free(&r);
}

/* ---- Mode B: cover text ---- */

static void S_check_cover_attrs(xmlNodePtr n, const unsigned char *out, size_t len)
{
	const char *name = (const char *)n->name;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		const char *val = v ? (const char *)v : "";
		/* xml:lang is the caller's text, not a reference */
		bool lang = a->ns && strcmp(an, "lang") == 0;
		if (str_ieq(an, "href") || str_ieq(an, "src") || (an[0] == 'o' && an[1] == 'n') ||
		    (!lang && strstr(val, "url(")))
			S_fail("an external reference or handler in the cover", an, out, len);
		if (strcmp(name, "text") == 0 && strcmp(an, "y") == 0) {
			long y = strtol(val, NULL, 10);
			if (y < 0 || y > 2560)
				S_fail("a line of the cover off the page", val, out, len);
		}
		if (v)
			xmlFree(v);
	}
}

static void S_check_cover(const char *svg, size_t len)
{
	const unsigned char *out = (const unsigned char *)svg;
	if (strlen(svg) != len)
		S_fail("cover_svg's length is not that of its string", NULL, out, len);
	xmlDocPtr doc = S_parse(out, len, "cover.svg");
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "svg") != 0 || !root->ns ||
	    strcmp((const char *)root->ns->href, SVG_NS) != 0)
		S_fail("the cover's root is not svg in the SVG namespace", NULL, out, len);
	if (doc->intSubset)
		S_fail("the cover has a DOCTYPE", NULL, out, len);
	S_check_cover_attrs(root, out, len);
	char *why = oracle_check(svg, len, ORACLE_SVG);
	if (why)
		S_fail(why, NULL, out, len);
	size_t texts = 0;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type == XML_PI_NODE || n->type == XML_ENTITY_REF_NODE)
			S_fail("a processing instruction or entity in the cover", NULL, out, len);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (!n->ns || strcmp((const char *)n->ns->href, SVG_NS) != 0 ||
		    (strcmp(name, "title") != 0 && strcmp(name, "rect") != 0 && strcmp(name, "text") != 0))
			S_fail("an element cover_svg does not write", name, out, len);
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (c->type != XML_TEXT_NODE)
				S_fail("markup inside a cover element", name, out, len);
		S_check_cover_attrs(n, out, len);
		texts += strcmp(name, "text") == 0;
	}
	/* Title 6 lines, subtitle 3, creators 2, date range 1. */
	if (texts > 12)
		S_fail("more lines on the cover than its layout has", NULL, out, len);
	xmlFreeDoc(doc);
}

static void S_cover(const unsigned char *d, size_t n)
{
	/* A NUL-terminated copy: every field is then a string. */
	char *copy = xmalloc(n + 1);
	memcpy(copy, d, n);
	copy[n] = 0;
	char *field[5] = {NULL, NULL, NULL, NULL, NULL};
	char *p = copy, *end = copy + n;
	for (size_t i = 0; i < 5 && p <= end; i++) {
		field[i] = p;
		p += strlen(p) + 1;
	}
	struct strvec creators = STRVEC_INIT;
	if (field[2]) {
		char *s = field[2];
		for (char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1)
			sv_push_owned(&creators, xstrndup(s, (size_t)(nl - s)));
		sv_push(&creators, s);
	}
	struct cover_text t = {
		.title = field[0] ? field[0] : "",
		.subtitle = field[1],
		.creators = field[2] ? &creators : NULL,
		.date_range = field[3],
		.language = field[4],
	};
	size_t len = 0;
	char *svg = cover_svg(&t, &len);
	if (!svg)
		S_fail("cover_svg returned NULL", NULL, NULL, 0);
	S_check_cover(svg, len);
	free(svg);
	sv_free(&creators);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		xmlInitParser();
		ready = true;
	}
	if (!size)
		return 0;
	S_input = data;
	S_input_len = size;
	if (data[0] % 2 == 0)
		S_image(data + 1, size - 1);
	else
		S_cover(data + 1, size - 1);
	return 0;
}
