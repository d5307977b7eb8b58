#include "book/transcode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <zlib.h>

#include "base/util.h"
#include "book/imagecheck.h"

/* IDAT chunks are cut at this size: any length up to 2^31-1 is valid, but
 * small chunks are what every decoder has been tested with. */
#define S_IDAT_MAX ((size_t)1 << 20)

static const unsigned char S_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static void S_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Appends a chunk at *pos of out (sized by the caller): length, type,
 * data and the CRC of type and data. */
static void S_chunk(unsigned char *out, size_t *pos, const char type[4], const unsigned char *data,
		    size_t len)
{
	unsigned char *p = out + *pos;
	S_be32(p, (uint32_t)len);
	memcpy(p + 4, type, 4);
	if (len)
		memcpy(p + 8, data, len);
	uLong crc = crc32(0L, Z_NULL, 0);
	crc = crc32(crc, p + 4, (uInt)(4 + len));
	S_be32(p + 8 + len, (uint32_t)crc);
	*pos += 12 + len;
}

static const char *S_status(VP8StatusCode st)
{
	switch (st) {
	case VP8_STATUS_NOT_ENOUGH_DATA:
		return "the WebP data is cut short";
	case VP8_STATUS_UNSUPPORTED_FEATURE:
		return "the WebP image uses a feature libwebp cannot decode";
	default:
		return "the WebP data is damaged";
	}
}

int transcode_webp_to_png(unsigned char **out, size_t *out_len, const unsigned char *webp,
			  size_t len, char **why)
{
	int ret = -1;
	unsigned char *raw = NULL, *z = NULL, *png = NULL;
	*out = NULL;
	*out_len = 0;
	*why = NULL;

	WebPBitstreamFeatures f;
	VP8StatusCode st = WebPGetFeatures(webp, len, &f);
	if (st != VP8_STATUS_OK) {
		*why = xstrdup(S_status(st));
		goto out;
	}
	if (f.has_animation) {
		*why = xstrdup("an animated WebP, which EPUB readers cannot show");
		goto out;
	}
	if (f.width <= 0 || f.height <= 0) {
		*why = xstrdup("the WebP image has no pixels");
		goto out;
	}
	uint64_t pixels = (uint64_t)f.width * (uint64_t)f.height;
	if (pixels > IMAGE_MAX_PIXELS) {
		/* A few bytes of header can claim this much: decoding it would
		 * take gigabytes. */
		*why = xasprintf("the WebP image is %dx%d pixels, more than the %u million sheaf converts "
				 "to PNG",
				 f.width, f.height, IMAGE_MAX_PIXELS / 1000000);
		goto out;
	}

	/* Each PNG row is a filter byte (0: none) and the pixels: decoding
	 * with a stride one byte longer than a row, one byte into a zeroed
	 * buffer, gives the IDAT's uncompressed data as it stands. */
	size_t w = (size_t)f.width, h = (size_t)f.height;
	size_t bpp = f.has_alpha ? 4 : 3;
	size_t stride = 1 + w * bpp;
	size_t raw_len = h * stride;
	raw = xcalloc(h, stride);
	const uint8_t *decoded =
		f.has_alpha ? WebPDecodeRGBAInto(webp, len, raw + 1, raw_len - 1, (int)stride)
			    : WebPDecodeRGBInto(webp, len, raw + 1, raw_len - 1, (int)stride);
	if (!decoded) {
		*why = xstrdup("the WebP data is damaged or cut short");
		goto out;
	}

	uLongf z_len = compressBound((uLong)raw_len);
	z = xmalloc(z_len);
	if (compress2(z, &z_len, raw, (uLong)raw_len, 9) != Z_OK) {
		*why = xstrdup("zlib could not compress the PNG");
		goto out;
	}
	free(raw);
	raw = NULL;

	size_t n_idat = z_len ? (z_len + S_IDAT_MAX - 1) / S_IDAT_MAX : 1;
	size_t cap = sizeof S_signature + (12 + 13) + n_idat * 12 + z_len + 12;
	png = xmalloc(cap);
	size_t pos = 0;
	memcpy(png, S_signature, sizeof S_signature);
	pos += sizeof S_signature;
	unsigned char ihdr[13];
	S_be32(ihdr, (uint32_t)w);
	S_be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;                     /* bits per sample */
	ihdr[9] = f.has_alpha ? 6 : 2;   /* RGBA : RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filters, no interlace */
	S_chunk(png, &pos, "IHDR", ihdr, sizeof ihdr);
	for (size_t off = 0; off < z_len; off += S_IDAT_MAX) {
		size_t n = z_len - off < S_IDAT_MAX ? z_len - off : S_IDAT_MAX;
		S_chunk(png, &pos, "IDAT", z + off, n);
	}
	S_chunk(png, &pos, "IEND", NULL, 0);
	*out = png;
	*out_len = pos;
	png = NULL;
	ret = 0;
out:
	free(raw);
	free(z);
	free(png);
	return ret;
}
