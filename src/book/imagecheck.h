/* imagecheck.h — whether a PNG, JPEG or GIF file decodes, before it is
 * stored in a book.
 *
 * epubcheck rejects a book holding an image it cannot read ("Corrupted
 * image file"), and a reader shows a broken picture: a file cut short by
 * a failed upload or a damaged one is therefore refused (the post then
 * shows its alt text) rather than stored. Every row of every frame is
 * decoded into a one-row buffer with Debian's decoders (libpng,
 * libjpeg-turbo, giflib); nothing the size of the picture is allocated,
 * except by libjpeg for a progressive JPEG's coefficients, which the cap
 * below bounds (75 MB and 1.2 s for a noisy 5000×5000 one; 0.3 s and
 * nothing beyond its bytes when baseline).
 *
 * No global state: any thread may check images at the same time.
 */
#ifndef SHEAF_IMAGECHECK_H
#define SHEAF_IMAGECHECK_H

#include <stddef.h>

/* The largest picture sheaf embeds or converts, in pixels. The largest
 * e-reader screens show about 5 million (iPad Pro 12.9": 2732×2048, Kindle
 * Scribe: 2480×1860), and Apple's Books asset guide asks for at most 4
 * million; a picture is never shown larger than that. 25 million admits
 * any camera's 24-megapixel (6000×4000) photo and every image of the 22
 * test corpora (the largest is 4032×3024) while halving what a lossless
 * WebP costs to convert at the cap: its pixels are held whole, by libwebp
 * (4 bytes each) and for the PNG (3 or 4), 173 MB and 1.4 s for 25 million
 * where 49 million took 337 MB and 2.6 s (measured on a loaded 2-core
 * machine). A few bytes of header can claim far more: the cap is checked
 * before any pixel is decoded. */
#define IMAGE_MAX_PIXELS (25u * 1000 * 1000)
/* The longest side, in pixels: one decoded row is at most 8 bytes a pixel
 * (16-bit RGBA), 512 KiB at this width. JPEG's own limit is 65500. */
#define IMAGE_MAX_SIDE 65535u
/* An animated GIF's frames together, in pixels: each frame may be as
 * large as the picture, and decoding time grows with their sum. */
#define IMAGE_MAX_GIF_PIXELS (8ull * IMAGE_MAX_PIXELS)

/* Decodes the image data[0..len) of media_type ("image/png", "image/jpeg"
 * or "image/gif"; any other type is not checked: 0 and *w = *h = 0).
 * Returns 0 and its width and height in pixels (the logical screen of a
 * GIF); or -1 and *why, a malloc'd reason ("the PNG file is cut short",
 * "JPEG: Bogus marker length") for a picture that does not decode, claims
 * more than IMAGE_MAX_PIXELS or a side over IMAGE_MAX_SIDE. The decoders'
 * messages go into the reason, never to stderr. */
int image_check(unsigned *w, unsigned *h, const unsigned char *data, size_t len, const char *media_type,
		char **why);

#endif
