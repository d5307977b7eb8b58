/* transcode.h — image formats EPUB 3.2 does not take, turned into ones it
 * does.
 *
 * WebP is not an EPUB 3.2 core media type: epubcheck 4.2 wants a fallback
 * for it, and many readers (older Kobo, Kindle) do not show it. A WebP
 * image is therefore stored as a lossless PNG of the same pixels. The PNG
 * holds nothing but the pixels (no time, no text chunk): the same WebP
 * always gives the same bytes.
 */
#ifndef SHEAF_TRANSCODE_H
#define SHEAF_TRANSCODE_H

#include <stddef.h>

/* Decodes the WebP image webp[0..len) and encodes it as an 8-bit PNG, RGBA
 * when the WebP has an alpha channel, else RGB. Returns 0 and *out (a
 * malloc'd buffer the caller frees) of *out_len bytes; or -1 and *why, a
 * malloc'd reason that reads after "FILE: " ("an animated WebP, which EPUB
 * readers cannot show"), and *out NULL. Animated WebP, damaged data and
 * pictures over imagecheck.h's IMAGE_MAX_PIXELS (a few hundred bytes of
 * WebP can claim 16383×16383) are refused. */
int transcode_webp_to_png(unsigned char **out, size_t *out_len, const unsigned char *webp,
			  size_t len, char **why);

#endif
