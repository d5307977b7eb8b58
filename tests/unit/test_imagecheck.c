/* Unit tests of imagecheck.h: pictures made here with the encoders of the
 * same libraries (libpng, libjpeg, giflib) are accepted with their size;
 * the same bytes cut short at every length, damaged, or claiming more
 * pixels than the cap are refused, the last before anything is decoded. */
#include <gif_lib.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include <jpeglib.h>

#include "base/util.h"
#include "book/imagecheck.h"
#include "tap.h"

/* Noise compresses badly: the data spans many bytes, so a cut anywhere
 * lands inside it. */
static unsigned char S_noise(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return (unsigned char)(*state >> 16);
}

/* --- making pictures --- */

static void S_png_write(png_structp png, png_bytep data, size_t n)
{
	sb_add(png_get_io_ptr(png), (const char *)data, n);
}

static void S_png_flush(png_structp png)
{
	(void)png;
}

/* A w×h PNG of colour type (PNG_COLOR_TYPE_*) and bit depth, noisy,
 * interlaced (Adam7) or not. */
static struct strbuf S_make_png(unsigned w, unsigned h, int type, int depth, bool interlaced)
{
	struct strbuf out = STRBUF_INIT;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png)))
		abort();
	png_set_write_fn(png, &out, S_png_write, S_png_flush);
	png_set_IHDR(png, info, w, h, depth, type, interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (type == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
		png_set_PLTE(png, info, pal, 4);
	}
	png_write_info(png, info);
	int passes = png_set_interlace_handling(png);
	size_t rowbytes = png_get_rowbytes(png, info);
	unsigned char *row = xmalloc(rowbytes);
	for (int p = 0; p < passes; p++) {
		uint32_t st = 7;
		for (unsigned y = 0; y < h; y++) {
			for (size_t i = 0; i < rowbytes; i++)
				row[i] = S_noise(&st);
			if (type == PNG_COLOR_TYPE_PALETTE && depth == 8)
				for (size_t i = 0; i < rowbytes; i++)
					row[i] &= 3;
			png_write_row(png, row);
		}
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return out;
}

/* A w×h RGB JPEG, noisy, progressive or baseline. */
static struct strbuf S_make_jpeg(unsigned w, unsigned h, bool progressive)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	unsigned char *mem = NULL;
	unsigned long len = 0;
	jpeg_mem_dest(&c, &mem, &len);
	c.image_width = w;
	c.image_height = h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = xmalloc((size_t)w * 3);
	uint32_t st = 11;
	while (c.next_scanline < h) {
		for (size_t i = 0; i < (size_t)w * 3; i++)
			row[i] = S_noise(&st);
		JSAMPROW rows[1] = {row};
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	struct strbuf out = STRBUF_INIT;
	sb_add(&out, (const char *)mem, len);
	free(mem);
	return out;
}

static int S_gif_write(GifFileType *gif, const GifByteType *data, int n)
{
	sb_add(gif->UserData, (const char *)data, (size_t)n);
	return n;
}

/* A GIF of a sw×sh screen and nframes frames, each fw×fh at (left, top),
 * noisy; the frames of an animation have a delay. */
static struct strbuf S_make_gif(int sw, int sh, int nframes, int left, int top, int fw, int fh, bool interlaced)
{
	struct strbuf out = STRBUF_INIT;
	int err;
	GifFileType *gif = EGifOpen(&out, S_gif_write, &err);
	GifColorType colors[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
	ColorMapObject *map = GifMakeMapObject(4, colors);
	EGifSetGifVersion(gif, true);
	if (EGifPutScreenDesc(gif, sw, sh, 2, 0, map) == GIF_ERROR)
		abort();
	GifPixelType *row = xmalloc((size_t)fw);
	uint32_t st = 5;
	for (int f = 0; f < nframes; f++) {
		if (nframes > 1) {
			GraphicsControlBlock gcb = {.DelayTime = 10, .TransparentColor = NO_TRANSPARENT_COLOR};
			GifByteType ext[4];
			size_t n = EGifGCBToExtension(&gcb, ext);
			EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, (int)n, ext);
		}
		if (EGifPutImageDesc(gif, left, top, fw, fh, interlaced, NULL) == GIF_ERROR)
			abort();
		for (int y = 0; y < fh; y++) {
			for (int x = 0; x < fw; x++)
				row[x] = S_noise(&st) & 3;
			EGifPutLine(gif, row, fw);
		}
	}
	EGifCloseFile(gif, &err);
	GifFreeMapObject(map);
	free(row);
	return out;
}

/* --- checking --- */

static int S_check(const struct strbuf *b, size_t len, const char *type, unsigned *w, unsigned *h, char **why)
{
	return image_check(w, h, (const unsigned char *)b->s, len, type, why);
}

/* Accepted whole with its size; refused cut at every shorter length
 * (only a handful of reasons are printed when one is accepted). */
static void S_whole_and_cut(struct strbuf *b, const char *type, unsigned w, unsigned h, const char *name)
{
	unsigned gw = 0, gh = 0;
	char *why = NULL;
	is_int(S_check(b, b->len, type, &gw, &gh, &why), 0, name);
	if (why)
		diag("reason: %s", why);
	free(why);
	ok(gw == w && gh == h, "%s: %ux%u (got %ux%u)", name, w, h, gw, gh);
	size_t accepted = 0, first = 0;
	for (size_t cut = 0; cut < b->len; cut++) {
		/* A copy of exactly cut bytes: reading past it is ASan's to see. */
		unsigned char *copy = xmalloc(cut ? cut : 1);
		memcpy(copy, b->s, cut);
		int rc = image_check(&gw, &gh, copy, cut, type, &why);
		if (rc == 0 && accepted++ == 0)
			first = cut;
		if (rc < 0 && (!why || !*why))
			ok(0, "%s: cut at %zu refused without a reason", name, cut);
		free(why);
		free(copy);
	}
	ok(accepted == 0, "%s: cut short at each of %zu lengths, refused (accepted: %zu, the first at %zu)", name,
	   b->len, accepted, first);
}

static void test_png(void)
{
	struct strbuf b = S_make_png(40, 30, PNG_COLOR_TYPE_RGB, 8, false);
	S_whole_and_cut(&b, "image/png", 40, 30, "RGB PNG");
	char *why = NULL;
	unsigned w, h;
	/* A byte of the pixels' zlib stream changed: its CRC no longer
	 * matches (and past that, the stream is damaged). */
	b.s[b.len / 2] ^= 0x55;
	is_int(S_check(&b, b.len, "image/png", &w, &h, &why), -1, "a PNG with a damaged byte refused");
	like(why, "PNG", "the reason names PNG");
	free(why);
	sb_release(&b);

	b = S_make_png(33, 17, PNG_COLOR_TYPE_RGB_ALPHA, 16, true);
	S_whole_and_cut(&b, "image/png", 33, 17, "interlaced 16-bit RGBA PNG");
	sb_release(&b);
	b = S_make_png(21, 9, PNG_COLOR_TYPE_PALETTE, 8, false);
	S_whole_and_cut(&b, "image/png", 21, 9, "palette PNG");
	sb_release(&b);
	b = S_make_png(1, 1, PNG_COLOR_TYPE_GRAY, 1, true);
	S_whole_and_cut(&b, "image/png", 1, 1, "1x1 one-bit interlaced PNG");
	/* Bytes after IEND are not part of the picture. */
	sb_adds(&b, "trailing");
	is_int(S_check(&b, b.len, "image/png", &w, &h, &why), 0, "bytes after IEND: accepted");
	free(why);
	sb_release(&b);

	is_int(image_check(&w, &h, (const unsigned char *)"\x89PNG\r\n\x1a\n", 8, "image/png", &why), -1,
	       "a PNG signature alone refused");
	like(why, "cut short", "because it is cut short");
	free(why);
}

/* A PNG of a signature and an IHDR claiming w×h, then a few bytes of an
 * IDAT: a few dozen bytes that would decode to gigabytes. */
static struct strbuf S_png_header(uint32_t w, uint32_t h)
{
	struct strbuf b = STRBUF_INIT;
	unsigned char ihdr[25] = {0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	for (int i = 0; i < 4; i++) {
		ihdr[8 + i] = (unsigned char)(w >> (24 - 8 * i));
		ihdr[12 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ihdr[16] = 8; /* 8-bit RGBA */
	ihdr[17] = 6;
	uLong crc = crc32(crc32(0L, Z_NULL, 0), ihdr + 4, 17);
	for (int i = 0; i < 4; i++)
		ihdr[21 + i] = (unsigned char)(crc >> (24 - 8 * i));
	sb_add(&b, "\x89PNG\r\n\x1a\n", 8);
	sb_add(&b, (const char *)ihdr, sizeof ihdr);
	sb_add(&b, "\0\0\0\x08IDAT\x78\x9c\x63\x60\x00\x00\x00\x02", 16);
	return b;
}

static double S_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long S_maxrss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Refused because of its size, without growing the process: decoding
 * what is claimed would take minutes and gigabytes. The time is only
 * reported (a clock in a unit test fails on a loaded machine or under a
 * sanitizer); the memory shows that nothing was decoded. */
static void S_too_large(const struct strbuf *b, const char *type, const char *claim, const char *name)
{
	unsigned w, h;
	char *why = NULL;
	long rss = S_maxrss_kib();
	double t0 = S_now();
	int rc = S_check(b, b->len, type, &w, &h, &why);
	double secs = S_now() - t0;
	long grown = S_maxrss_kib() - rss;
	is_int(rc, -1, name);
	like(why, claim, "the reason gives the size claimed");
	diag("%s: refused in %.4f s", name, secs);
	ok(grown < 4096, "%s: refused, the process grown by %ld KiB", name, grown);
	free(why);
}

static void test_caps(void)
{
	struct strbuf b = S_png_header(100000, 100000);
	S_too_large(&b, "image/png", "100000x100000 pixels", "a PNG claiming 100000x100000 refused");
	sb_release(&b);
	b = S_png_header(60000, 60000);
	S_too_large(&b, "image/png", "60000x60000 pixels", "a PNG claiming 60000x60000 (sides under the cap) refused");
	sb_release(&b);
	b = S_png_header(IMAGE_MAX_PIXELS, 1);
	S_too_large(&b, "image/png", "a side", "a PNG one row of 25 million pixels refused (its side)");
	sb_release(&b);
	b = S_png_header(5000, 5001);
	S_too_large(&b, "image/png", "25 million", "a PNG just over 25 megapixels refused, naming the cap");
	sb_release(&b);

	/* A JPEG's size is in its SOF marker: patch a real one's. */
	b = S_make_jpeg(16, 16, false);
	char *sof = NULL;
	for (size_t i = 0; i + 9 < b.len && !sof; i++)
		if ((unsigned char)b.s[i] == 0xFF && (unsigned char)b.s[i + 1] == 0xC0)
			sof = b.s + i;
	if (ok(sof != NULL, "the JPEG's SOF0 found")) {
		sof[5] = sof[7] = (char)0xFD; /* 65000 = 0xFDE8 */
		sof[6] = sof[8] = (char)0xE8;
		S_too_large(&b, "image/jpeg", "65000x65000 pixels", "a JPEG claiming 65000x65000 refused");
	}
	sb_release(&b);

	b = S_make_gif(4, 4, 1, 0, 0, 4, 4, false);
	b.s[6] = b.s[7] = b.s[8] = b.s[9] = (char)0xFF; /* the screen: 65535x65535 */
	S_too_large(&b, "image/gif", "65535x65535 pixels", "a GIF screen of 65535x65535 refused");
	sb_release(&b);
}

static void test_jpeg(void)
{
	struct strbuf b = S_make_jpeg(48, 40, false);
	S_whole_and_cut(&b, "image/jpeg", 48, 40, "baseline JPEG");
	unsigned w, h;
	char *why = NULL;
	/* Garbage in the middle of the entropy-coded data. */
	memset(b.s + b.len / 2, 0xFF, 16);
	is_int(S_check(&b, b.len, "image/jpeg", &w, &h, &why), -1, "a JPEG with damaged data refused");
	like(why, "JPEG", "the reason names JPEG");
	free(why);
	sb_release(&b);

	b = S_make_jpeg(37, 29, true);
	S_whole_and_cut(&b, "image/jpeg", 37, 29, "progressive JPEG");
	sb_release(&b);
	is_int(image_check(&w, &h, (const unsigned char *)"\xFF\xD8\xFF", 3, "image/jpeg", &why), -1,
	       "a JPEG of its first marker alone refused");
	free(why);
}

static void test_gif(void)
{
	struct strbuf b = S_make_gif(30, 20, 1, 0, 0, 30, 20, false);
	S_whole_and_cut(&b, "image/gif", 30, 20, "GIF");
	sb_release(&b);
	b = S_make_gif(30, 20, 3, 5, 4, 20, 10, false);
	S_whole_and_cut(&b, "image/gif", 30, 20, "animated GIF, frames inside the screen");
	sb_release(&b);
	b = S_make_gif(17, 23, 1, 0, 0, 17, 23, true);
	S_whole_and_cut(&b, "image/gif", 17, 23, "interlaced GIF");
	sb_release(&b);

	unsigned w, h;
	char *why = NULL;
	b = S_make_gif(10, 10, 1, 5, 5, 10, 10, false);
	is_int(S_check(&b, b.len, "image/gif", &w, &h, &why), -1, "a GIF frame reaching outside its screen refused");
	like(why, "outside the 10x10 picture", "the reason says where it lies");
	free(why);
	sb_release(&b);
	b = S_make_gif(10, 10, 2, 0, 0, 10, 10, false);
	b.len = 13 + 12 + 8; /* header, colours, GCE: no frame */
	sb_adds(&b, ";");
	is_int(S_check(&b, b.len, "image/gif", &w, &h, &why), -1, "a GIF without a frame refused");
	like(why, "no picture", "because it holds no picture");
	free(why);
	sb_release(&b);
	/* An empty comment extension before the trailer: giflib's DGifSlurp
	 * reads the trailer as a block size and fails (a fuzz finding: such a
	 * GIF was stored as it was). */
	b = S_make_gif(10, 10, 1, 0, 0, 10, 10, false);
	b.len--; /* the trailer */
	sb_add(&b, "\x21\xfe\x00;", 4);
	why = NULL;
	is_int(S_check(&b, b.len, "image/gif", &w, &h, &why), -1, "a GIF with an extension of no data refused");
	like(why, "holds no data", "the reason names the empty extension");
	free(why);
	sb_release(&b);
}

static void test_other_types(void)
{
	unsigned w = 7, h = 7;
	char *why = NULL;
	is_int(image_check(&w, &h, (const unsigned char *)"<svg/>", 6, "image/svg+xml", &why), 0,
	       "SVG is not checked here");
	ok(w == 0 && h == 0 && !why, "no size, no reason");
}

int main(void)
{
	test_png();
	test_jpeg();
	test_gif();
	test_caps();
	test_other_types();
	return done_testing();
}
