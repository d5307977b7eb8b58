#include "book/imagecheck.h"

#include <gif_lib.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

#include "base/util.h"

/* The reason for a picture over the caps, or NULL. */
static char *S_too_large(const char *format, uint64_t w, uint64_t h)
{
	if (w == 0 || h == 0)
		return xasprintf("the %s image has no pixels (%llux%llu)", format, (unsigned long long)w,
				 (unsigned long long)h);
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS)
		return xasprintf("the %s image is %llux%llu pixels, more than the %u million (and %u a side) "
				 "sheaf embeds",
				 format, (unsigned long long)w, (unsigned long long)h, IMAGE_MAX_PIXELS / 1000000,
				 IMAGE_MAX_SIDE);
	return NULL;
}

/* --- PNG --- */

struct S_png {
	const unsigned char *data;
	size_t len, pos;
	char msg[200];
	jmp_buf jmp;
};

static void S_png_read(png_structp png, png_bytep out, size_t n)
{
	struct S_png *s = png_get_io_ptr(png);
	if (n > s->len - s->pos)
		png_error(png, "the file is cut short");
	memcpy(out, s->data + s->pos, n);
	s->pos += n;
}

static void S_png_error(png_structp png, png_const_charp msg)
{
	struct S_png *s = png_get_error_ptr(png);
	snprintf(s->msg, sizeof s->msg, "%s", msg);
	longjmp(s->jmp, 1);
}

/* Warnings (a damaged ancillary chunk, which libpng skips) leave the
 * picture whole: they are not printed. */
static void S_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static int S_png(unsigned *w_out, unsigned *h_out, const unsigned char *data, size_t len, char **why)
{
	struct S_png s = {.data = data, .len = len};
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, S_png_error, S_png_warning);
	if (!png)
		abort(); /* out of memory, as xmalloc would */
	png_infop info = png_create_info_struct(png);
	/* Written between setjmp and longjmp, read after: volatile. */
	unsigned char *volatile row = NULL;
	char *volatile reason = NULL;
	if (!info)
		abort();
	if (setjmp(s.jmp)) {
		free(row);
		png_destroy_read_struct(&png, &info, NULL);
		*why = reason ? reason : xasprintf("PNG: %s", s.msg);
		return -1;
	}
	png_set_read_fn(png, &s, S_png_read);
	/* Any size is read from IHDR (libpng's own limit would refuse a side
	 * over a million with a message of its own); the caps are checked
	 * below, before the first row is allocated. */
	png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
	png_read_info(png, info);
	png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
	reason = S_too_large("PNG", w, h);
	if (reason)
		longjmp(s.jmp, 1);
	int passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	row = xmalloc(png_get_rowbytes(png, info));
	for (int p = 0; p < passes; p++)
		for (png_uint_32 y = 0; y < h; y++)
			png_read_row(png, row, NULL);
	/* The chunks after the pixels, up to IEND: a file cut there is cut. */
	png_read_end(png, NULL);
	free(row);
	png_destroy_read_struct(&png, &info, NULL);
	*w_out = w;
	*h_out = h;
	return 0;
}

/* --- JPEG --- */

/* A progressive JPEG may hold any number of scans, each a pass over the
 * whole picture: libjpeg-turbo's own tools stop at a few hundred. */
#define S_JPEG_MAX_SCANS 500

struct S_jpeg {
	struct jpeg_error_mgr err;
	struct jpeg_progress_mgr progress;
	jmp_buf jmp;
	char msg[JMSG_LENGTH_MAX];
	bool damaged; /* a warning that the data is cut short or damaged */
};

static void S_jpeg_exit(j_common_ptr cinfo)
{
	struct S_jpeg *s = (struct S_jpeg *)cinfo->err;
	/* A file cut short fails on what is missing ("missing SOS marker"):
	 * the warning that came first says why. */
	if (!s->damaged)
		(*cinfo->err->format_message)(cinfo, s->msg);
	longjmp(s->jmp, 1);
}

/* libjpeg goes on past a cut or a damaged entropy segment (with grey
 * pixels) and says so only in a warning: those warnings make the file
 * refused; others (extraneous bytes before a marker) and trace messages
 * are harmless and silent. */
static void S_jpeg_message(j_common_ptr cinfo, int level)
{
	struct S_jpeg *s = (struct S_jpeg *)cinfo->err;
	if (level != -1 || s->damaged)
		return;
	int code = cinfo->err->msg_code;
	if (code == JWRN_JPEG_EOF || code == JWRN_HUFF_BAD_CODE || code == JWRN_HIT_MARKER) {
		(*cinfo->err->format_message)(cinfo, s->msg);
		s->damaged = true;
	}
}

static void S_jpeg_progress(j_common_ptr cinfo)
{
	j_decompress_ptr d = (j_decompress_ptr)cinfo;
	if (d->is_decompressor && d->input_scan_number > S_JPEG_MAX_SCANS) {
		struct S_jpeg *s = (struct S_jpeg *)cinfo->err;
		snprintf(s->msg, sizeof s->msg, "more than %d progressive scans", S_JPEG_MAX_SCANS);
		longjmp(s->jmp, 1);
	}
}

static int S_jpeg(unsigned *w_out, unsigned *h_out, const unsigned char *data, size_t len, char **why)
{
	struct jpeg_decompress_struct cinfo;
	struct S_jpeg s;
	memset(&s, 0, sizeof s);
	cinfo.err = jpeg_std_error(&s.err);
	s.err.error_exit = S_jpeg_exit;
	s.err.emit_message = S_jpeg_message;
	unsigned char *volatile row = NULL;
	char *volatile reason = NULL;
	if (setjmp(s.jmp)) {
		free(row);
		jpeg_destroy_decompress(&cinfo);
		*why = reason ? reason : xasprintf("JPEG: %s", s.msg);
		return -1;
	}
	jpeg_create_decompress(&cinfo);
	s.progress.progress_monitor = S_jpeg_progress;
	cinfo.progress = &s.progress;
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	unsigned w = cinfo.image_width, h = cinfo.image_height;
	reason = S_too_large("JPEG", w, h);
	if (reason)
		longjmp(s.jmp, 1);
	/* Every entropy-coded bit is still read, which is what finds a cut
	 * or damaged file; at an eighth of the size, the inverse DCT is of
	 * one coefficient a block and the rows are short. */
	cinfo.scale_num = 1;
	cinfo.scale_denom = 8;
	cinfo.dct_method = JDCT_IFAST;
	cinfo.do_fancy_upsampling = FALSE;
	jpeg_start_decompress(&cinfo);
	row = xmalloc((size_t)cinfo.output_width * (size_t)cinfo.output_components);
	JSAMPROW rows[1] = {row};
	while (cinfo.output_scanline < cinfo.output_height && !s.damaged)
		jpeg_read_scanlines(&cinfo, rows, 1);
	if (!s.damaged)
		jpeg_finish_decompress(&cinfo);
	if (s.damaged)
		longjmp(s.jmp, 1);
	free(row);
	jpeg_destroy_decompress(&cinfo);
	*w_out = w;
	*h_out = h;
	return 0;
}

/* --- GIF --- */

struct S_gif {
	const unsigned char *data;
	size_t len, pos;
};

static int S_gif_read(GifFileType *gif, GifByteType *out, int n)
{
	struct S_gif *s = gif->UserData;
	size_t k = (size_t)n < s->len - s->pos ? (size_t)n : s->len - s->pos;
	memcpy(out, s->data + s->pos, k);
	s->pos += k;
	return (int)k;
}

static char *S_gif_reason(int err)
{
	const char *msg = GifErrorString(err);
	if (err == D_GIF_ERR_READ_FAILED)
		msg = "the file is cut short";
	return xasprintf("GIF: %s", msg ? msg : "the file is damaged");
}

/* Reads the records after the screen descriptor, decoding every frame's
 * rows into row; returns a reason or NULL. */
static char *S_gif_records(GifFileType *gif, GifPixelType *row)
{
	uint64_t total = 0;
	size_t frames = 0;
	for (;;) {
		GifRecordType type;
		if (DGifGetRecordType(gif, &type) == GIF_ERROR)
			return S_gif_reason(gif->Error);
		if (type == TERMINATE_RECORD_TYPE)
			break;
		if (type == EXTENSION_RECORD_TYPE) {
			int code;
			GifByteType *ext;
			if (DGifGetExtension(gif, &code, &ext) == GIF_ERROR)
				return S_gif_reason(gif->Error);
			/* An extension of no data is valid GIF, but giflib's own
			 * DGifSlurp, which readers use, then reads one block more
			 * and loses its place in the file. */
			if (!ext)
				return xstrdup("GIF: an extension block holds no data, which some readers' "
					       "GIF decoders misread");
			while (ext)
				if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR)
					return S_gif_reason(gif->Error);
			continue;
		}
		if (type != IMAGE_DESC_RECORD_TYPE)
			return xstrdup("GIF: the file is damaged (an unknown record)");
		if (DGifGetImageDesc(gif) == GIF_ERROR)
			return S_gif_reason(gif->Error);
		const GifImageDesc *d = &gif->Image;
		frames++;
		if (d->Left < 0 || d->Top < 0 || d->Width <= 0 || d->Height <= 0 ||
		    (uint64_t)d->Left + (uint64_t)d->Width > (uint64_t)gif->SWidth ||
		    (uint64_t)d->Top + (uint64_t)d->Height > (uint64_t)gif->SHeight)
			return xasprintf("GIF: frame %zu (%dx%d at %d,%d) lies outside the %dx%d picture", frames,
					 d->Width, d->Height, d->Left, d->Top, gif->SWidth, gif->SHeight);
		total += (uint64_t)d->Width * (uint64_t)d->Height;
		if (total > IMAGE_MAX_GIF_PIXELS)
			return xasprintf("GIF: its frames hold more than %llu million pixels together, "
					 "more than sheaf embeds",
					 (unsigned long long)(IMAGE_MAX_GIF_PIXELS / 1000000));
		for (int y = 0; y < d->Height; y++)
			if (DGifGetLine(gif, row, d->Width) == GIF_ERROR)
				return S_gif_reason(gif->Error);
	}
	if (!frames)
		return xstrdup("GIF: the file holds no picture");
	return NULL;
}

static int S_gif(unsigned *w_out, unsigned *h_out, const unsigned char *data, size_t len, char **why)
{
	struct S_gif s = {.data = data, .len = len};
	int err = 0;
	GifFileType *gif = DGifOpen(&s, S_gif_read, &err);
	if (!gif) {
		*why = S_gif_reason(err);
		return -1;
	}
	char *reason = S_too_large("GIF", (uint64_t)(gif->SWidth > 0 ? gif->SWidth : 0),
				   (uint64_t)(gif->SHeight > 0 ? gif->SHeight : 0));
	GifPixelType *row = NULL;
	if (!reason) {
		/* A frame is no wider than the screen (checked before its rows). */
		row = xmalloc((size_t)gif->SWidth);
		reason = S_gif_records(gif, row);
	}
	unsigned w = (unsigned)gif->SWidth, h = (unsigned)gif->SHeight;
	free(row);
	DGifCloseFile(gif, &err);
	if (reason) {
		*why = reason;
		return -1;
	}
	*w_out = w;
	*h_out = h;
	return 0;
}

int image_check(unsigned *w, unsigned *h, const unsigned char *data, size_t len, const char *media_type,
		char **why)
{
	*w = *h = 0;
	*why = NULL;
	if (strcmp(media_type, "image/png") == 0)
		return S_png(w, h, data, len, why);
	if (strcmp(media_type, "image/jpeg") == 0)
		return S_jpeg(w, h, data, len, why);
	if (strcmp(media_type, "image/gif") == 0)
		return S_gif(w, h, data, len, why);
	return 0;
}
