/* Unit tests of transcode.h: WebP images (made here with libwebp's
 * encoder, and one animated WebP made by img2webp) become PNG files whose
 * chunks, sizes and pixels are read back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/encode.h>
#include <zlib.h>

#include "tap.h"
#include "book/transcode.h"

/* Two 1x1 frames, red then blue, looping: `img2webp -loop 0 -lossless
 * r.webp -d 100 b.webp`. */
static const unsigned char S_anim[] = {
	0x52, 0x49, 0x46, 0x46, 0x84, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38,
	0x58, 0x0a, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x41, 0x4e, 0x49, 0x4d, 0x06, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x41,
	0x4e, 0x4d, 0x46, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x02, 0x56, 0x50, 0x38, 0x4c, 0x0f, 0x00, 0x00,
	0x00, 0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0xfd, 0x8f, 0xfe, 0x07, 0x22, 0xa2, 0xff,
	0x01, 0x00, 0x41, 0x4e, 0x4d, 0x46, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x56, 0x50, 0x38, 0x4c,
	0x0f, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0xd1, 0xff, 0xfe, 0x07,
	0x22, 0xa2, 0xff, 0x01, 0x00
};

static uint32_t S_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* What a PNG says of itself, read the way a decoder would. */
struct png_info {
	bool ok;          /* signature, chunk order and every CRC right */
	uint32_t width, height;
	int depth, color; /* IHDR bit depth and colour type */
	int idat_count;
	unsigned char *pixels; /* the inflated IDAT data: filter byte + row, per row */
	size_t pixels_len;
};

static struct png_info S_read_png(const unsigned char *png, size_t len)
{
	struct png_info pi = {0};
	unsigned char *z = NULL;
	size_t z_len = 0;
	bool ihdr = false, iend = false, crcs = true;
	if (len < 8 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0)
		return pi;
	size_t pos = 8;
	while (pos + 12 <= len && !iend) {
		uint32_t n = S_be32(png + pos);
		if (n > len - pos - 12)
			break;
		const unsigned char *type = png + pos + 4, *data = png + pos + 8;
		uLong crc = crc32(crc32(0L, Z_NULL, 0), type, 4 + n);
		if (crc != S_be32(data + n))
			crcs = false;
		if (memcmp(type, "IHDR", 4) == 0 && n == 13 && pos == 8) {
			ihdr = true;
			pi.width = S_be32(data);
			pi.height = S_be32(data + 4);
			pi.depth = data[8];
			pi.color = data[9];
		} else if (memcmp(type, "IDAT", 4) == 0) {
			z = realloc(z, z_len + n + 1);
			memcpy(z + z_len, data, n);
			z_len += n;
			pi.idat_count++;
		} else if (memcmp(type, "IEND", 4) == 0) {
			iend = pos + 12 == len;
		}
		pos += 12 + n;
	}
	if (ihdr && iend && crcs && z) {
		int bpp = pi.color == 6 ? 4 : 3;
		uLongf want = (uLongf)pi.height * (1 + (uLongf)pi.width * (uLongf)bpp);
		pi.pixels = malloc(want + 1);
		uLongf got = want;
		if (uncompress(pi.pixels, &got, z, (uLong)z_len) == Z_OK && got == want) {
			pi.pixels_len = got;
			pi.ok = true;
		}
	}
	free(z);
	return pi;
}

/* The pixel at x, y of an inflated PNG (filter bytes must be 0). */
static const unsigned char *S_px(const struct png_info *pi, uint32_t x, uint32_t y)
{
	int bpp = pi->color == 6 ? 4 : 3;
	return pi->pixels + (size_t)y * (1 + pi->width * (size_t)bpp) + 1 + (size_t)x * (size_t)bpp;
}

static bool S_filters_none(const struct png_info *pi)
{
	int bpp = pi->color == 6 ? 4 : 3;
	for (uint32_t y = 0; y < pi->height; y++)
		if (pi->pixels[(size_t)y * (1 + pi->width * (size_t)bpp)] != 0)
			return false;
	return true;
}

static void test_lossless_alpha(void)
{
	/* 5x3, every pixel different, alpha from opaque to fully clear. */
	enum { W = 5, H = 3 };
	unsigned char rgba[W * H * 4];
	for (int i = 0; i < W * H; i++) {
		rgba[4 * i] = (unsigned char)(i * 17);
		rgba[4 * i + 1] = (unsigned char)(255 - i * 13);
		rgba[4 * i + 2] = (unsigned char)(i * 7 + 3);
		rgba[4 * i + 3] = (unsigned char)(i == 0 ? 0 : 255 - i * 10);
	}
	/* Fully clear pixels' colours are not kept by WebP's encoder: make
	 * them what it writes, so every byte can be compared. */
	rgba[0] = rgba[1] = rgba[2] = 0;
	WebPConfig cfg;
	WebPPicture pic;
	WebPMemoryWriter wr;
	WebPConfigInit(&cfg);
	cfg.lossless = 1;
	cfg.exact = 1; /* keep the RGB of transparent pixels as given */
	WebPPictureInit(&pic);
	pic.use_argb = 1;
	pic.width = W;
	pic.height = H;
	WebPPictureImportRGBA(&pic, rgba, W * 4);
	WebPMemoryWriterInit(&wr);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &wr;
	if (!ok(WebPEncode(&cfg, &pic), "lossless RGBA WebP encoded")) {
		WebPPictureFree(&pic);
		WebPMemoryWriterClear(&wr);
		return;
	}
	WebPPictureFree(&pic);

	unsigned char *png = NULL;
	size_t png_len = 0;
	char *why = NULL;
	is_int(transcode_webp_to_png(&png, &png_len, wr.mem, wr.size, &why), 0, "lossless RGBA WebP converted");
	ok(why == NULL, "no reason on success");
	struct png_info pi = S_read_png(png, png_len);
	ok(pi.ok, "a well-formed PNG: signature, IHDR first, CRCs, IDAT inflates, IEND last");
	is_int(pi.width, W, "IHDR width");
	is_int(pi.height, H, "IHDR height");
	is_int(pi.depth, 8, "8 bits per sample");
	is_int(pi.color, 6, "colour type 6 (RGBA): alpha kept");
	if (pi.ok && pi.color == 6) {
		ok(S_filters_none(&pi), "every row has filter type 0");
		bool same = true;
		for (uint32_t y = 0; y < H; y++)
			for (uint32_t x = 0; x < W; x++)
				same = same && memcmp(S_px(&pi, x, y), rgba + 4 * (y * W + x), 4) == 0;
		ok(same, "every pixel, alpha included, as encoded");
	}

	unsigned char *again = NULL;
	size_t again_len = 0;
	transcode_webp_to_png(&again, &again_len, wr.mem, wr.size, &why);
	ok(again && again_len == png_len && memcmp(again, png, png_len) == 0,
	   "the same WebP gives the same PNG bytes");
	free(again);
	free(pi.pixels);
	free(png);
	WebPMemoryWriterClear(&wr);
}

static void test_lossless_rgb(void)
{
	enum { W = 4, H = 2 };
	unsigned char rgb[W * H * 3];
	for (int i = 0; i < W * H * 3; i++)
		rgb[i] = (unsigned char)(i * 29 + 1);
	uint8_t *webp = NULL;
	size_t len = WebPEncodeLosslessRGB(rgb, W, H, W * 3, &webp);
	if (!ok(len > 0, "lossless RGB WebP encoded"))
		return;
	unsigned char *png = NULL;
	size_t png_len = 0;
	char *why = NULL;
	is_int(transcode_webp_to_png(&png, &png_len, webp, len, &why), 0, "lossless RGB WebP converted");
	struct png_info pi = S_read_png(png, png_len);
	ok(pi.ok, "a well-formed PNG");
	is_int(pi.color, 2, "no alpha in the WebP: colour type 2 (RGB)");
	ok(pi.width == W && pi.height == H, "4x2 pixels");
	if (pi.ok && pi.color == 2) {
		ok(S_filters_none(&pi), "every row has filter type 0");
		bool same = true;
		for (uint32_t y = 0; y < H; y++)
			for (uint32_t x = 0; x < W; x++)
				same = same && memcmp(S_px(&pi, x, y), rgb + 3 * (y * W + x), 3) == 0;
		ok(same, "every pixel as encoded");
	}
	free(pi.pixels);
	free(png);
	WebPFree(webp);
}

static bool S_near(const unsigned char *px, int r, int g, int b, int tol)
{
	return abs(px[0] - r) <= tol && abs(px[1] - g) <= tol && abs(px[2] - b) <= tol;
}

static void test_lossy(void)
{
	/* 32x16: left half orange, right half teal; the right half half
	 * transparent. Lossy colour is near, alpha exact (WebP keeps alpha
	 * losslessly by default). */
	enum { W = 32, H = 16 };
	unsigned char rgba[W * H * 4];
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			unsigned char *p = rgba + 4 * (y * W + x);
			bool left = x < W / 2;
			p[0] = left ? 240 : 20;
			p[1] = left ? 140 : 160;
			p[2] = left ? 30 : 150;
			p[3] = left ? 255 : 128;
		}
	uint8_t *webp = NULL;
	size_t len = WebPEncodeRGBA(rgba, W, H, W * 4, 90, &webp);
	if (!ok(len > 0, "lossy RGBA WebP encoded"))
		return;
	unsigned char *png = NULL;
	size_t png_len = 0;
	char *why = NULL;
	is_int(transcode_webp_to_png(&png, &png_len, webp, len, &why), 0, "lossy WebP with alpha converted");
	struct png_info pi = S_read_png(png, png_len);
	ok(pi.ok, "a well-formed PNG");
	ok(pi.width == W && pi.height == H && pi.color == 6, "32x16 RGBA");
	if (pi.ok && pi.color == 6 && pi.width == W && pi.height == H) {
		ok(S_near(S_px(&pi, 3, 8), 240, 140, 30, 12), "orange stays orange");
		ok(S_near(S_px(&pi, 28, 8), 20, 160, 150, 12), "teal stays teal");
		is_int(S_px(&pi, 3, 8)[3], 255, "opaque half opaque");
		is_int(S_px(&pi, 28, 8)[3], 128, "half-transparent half keeps its alpha");
	}
	free(pi.pixels);
	free(png);
	WebPFree(webp);

	/* Opaque lossy WebP (plain VP8): RGB. */
	unsigned char rgb[W * H * 3];
	for (int i = 0; i < W * H; i++) {
		rgb[3 * i] = 10;
		rgb[3 * i + 1] = 60;
		rgb[3 * i + 2] = 200;
	}
	len = WebPEncodeRGB(rgb, W, H, W * 3, 75, &webp);
	if (!ok(len > 0, "lossy RGB WebP encoded"))
		return;
	is_int(transcode_webp_to_png(&png, &png_len, webp, len, &why), 0, "lossy opaque WebP converted");
	pi = S_read_png(png, png_len);
	ok(pi.ok && pi.color == 2 && pi.width == W && pi.height == H, "a 32x16 RGB PNG");
	if (pi.ok && pi.color == 2)
		ok(S_near(S_px(&pi, 10, 10), 10, 60, 200, 12), "blue stays blue");
	free(pi.pixels);
	free(png);
	WebPFree(webp);
}

static void S_refused(const unsigned char *data, size_t len, const char *why_has, const char *name)
{
	unsigned char *png = (unsigned char *)"unset";
	size_t png_len = 7;
	char *why = NULL;
	int rc = transcode_webp_to_png(&png, &png_len, data, len, &why);
	ok(rc == -1 && png == NULL && png_len == 0 && why && strstr(why, why_has), "%s", name);
	if (why && !strstr(why, why_has))
		diag("reason: %s", why);
	free(why);
}

/* A lossless WebP header claiming w x h pixels, and then nothing. */
static size_t S_vp8l_header(unsigned char *b, uint32_t w, uint32_t h)
{
	uint32_t bits = (w - 1) | (h - 1) << 14;
	memcpy(b, "RIFF\x16\0\0\0WEBPVP8L\x0a\0\0\0\x2f", 21);
	for (int i = 0; i < 4; i++)
		b[21 + i] = (unsigned char)(bits >> (8 * i));
	memset(b + 25, 0, 5);
	return 30;
}

static void test_refused(void)
{
	S_refused(S_anim, sizeof S_anim, "animated WebP", "an animated WebP refused");

	uint8_t *webp = NULL;
	unsigned char rgb[64 * 64 * 3];
	for (size_t i = 0; i < sizeof rgb; i++)
		rgb[i] = (unsigned char)(i * 7919 >> 3);
	size_t len = WebPEncodeRGB(rgb, 64, 64, 64 * 3, 80, &webp);
	if (ok(len > 40, "a noisy 64x64 lossy WebP made")) {
		S_refused(webp, len / 2, "cut short", "a WebP cut in half refused");
		S_refused(webp, 20, "cut short", "a WebP cut inside its header refused");
	}
	WebPFree(webp);
	len = WebPEncodeLosslessRGB(rgb, 64, 64, 64 * 3, &webp);
	if (ok(len > 40, "a noisy 64x64 lossless WebP made"))
		S_refused(webp, len / 2, "cut short", "a lossless WebP cut in half refused");
	WebPFree(webp);

	S_refused((const unsigned char *)"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0garbagegarbagegarbage!!!", 44,
		  "WebP data", "garbage after a WebP header refused");
	S_refused((const unsigned char *)"", 0, "WebP data", "no bytes refused");
	S_refused((const unsigned char *)"\x89PNG\r\n\x1a\n", 8, "WebP data", "a PNG is not WebP");

	unsigned char big[32];
	S_refused(big, S_vp8l_header(big, 16383, 16383), "16383x16383 pixels",
		  "a header claiming 16383x16383 pixels refused before decoding");
	/* The cap is imagecheck.h's, the same for every format. */
	S_refused(big, S_vp8l_header(big, 5000, 5001), "25 million",
		  "just over 25 megapixels refused, naming the cap");
	/* At the cap the header is accepted and decoding fails on the
	 * missing data (after allocating, which ASan would catch leaking). */
	S_refused(big, S_vp8l_header(big, 5000, 5000), "cut short",
		  "25 megapixels exactly: accepted, then the missing data refused");
}

int main(void)
{
	test_lossless_alpha();
	test_lossless_rgb();
	test_lossy();
	test_refused();
	return done_testing();
}
