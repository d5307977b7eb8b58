#define _POSIX_C_SOURCE 200809L
#include "book/cover.h"

#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <libxml/parser.h>
#include <math.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "book/imagefile.h"
#include "base/url.h"
#include "base/template.h"
#include "base/utf8.h"
#include "base/words.h"

/* ---- The generated cover ---- */

#define S_WIDTH 1600
#define S_HEIGHT 2560
#define S_MARGIN 140
#define S_BACKGROUND "#1d3557"
#define S_ACCENT "#f1c453"
#define S_INK "#ffffff"
#define S_SOFT_INK "#dbe4ee"
#define S_SERIF "Georgia, 'DejaVu Serif', 'Noto Serif', serif"
#define S_SANS "'DejaVu Sans', 'Noto Sans', Arial, sans-serif"

/* How much of a line a character takes, in units of about half an em:
 * CJK, Hangul, fullwidth forms and emoji are square (2); combining marks,
 * joiners and variation selectors sit on the character before (0). No
 * font is known, so this is an estimate that errs on the wide side. */
static int S_cp_width(unsigned cp)
{
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

struct S_cp {
	unsigned cp;
	size_t off, len; /* bytes in the text */
	int width;
};

/* The characters of s after whitespace is collapsed and what XML cannot
 * hold is dropped; *text keeps the bytes they point into. */
static struct S_cp *S_chars(const char *s, char **text, size_t *n)
{
	char *collapsed = str_collapse_ws(s ? s : "");
	*text = str_xml_chars(collapsed);
	free(collapsed);
	size_t total = strlen(*text), k = 0;
	struct S_cp *v = xmalloc((total + 1) * sizeof *v);
	for (size_t i = 0; i < total;) {
		unsigned cp = 0xFFFD;
		size_t l = utf8_decode((const unsigned char *)*text + i, total - i, &cp);
		if (!l)
			l = 1; /* cannot happen after str_xml_chars */
		v[k++] = (struct S_cp){cp, i, l, S_cp_width(cp)};
		i += l;
	}
	*n = k;
	return v;
}

/* True when a line may not end just before c[i]: c[i] belongs to the
 * character before it (a combining mark), or c[i-1] joins it (ZWJ). */
static bool S_glued(const struct S_cp *c, size_t i)
{
	return c[i].width == 0 || c[i - 1].cp == 0x200D;
}

/* Wraps s into lines of at most max units (breaking at spaces, or inside
 * a word too long for a line), at most max_lines of them; the last line
 * then ends in "…". Returns true when text was cut. */
static bool S_wrap(struct strvec *out, const char *s, int max, size_t max_lines)
{
	char *text;
	size_t n;
	struct S_cp *c = S_chars(s, &text, &n);
	size_t *starts = NULL, *ends = NULL, nlines = 0, cap = 0;
	bool cut = false;
	for (size_t i = 0; i < n;) {
		while (i < n && c[i].cp == ' ')
			i++;
		if (i >= n)
			break;
		size_t start = i, j = i, brk = 0;
		int w = 0;
		while (j < n && !(j > start && w + c[j].width > max)) {
			if (c[j].cp == ' ')
				brk = j;
			w += c[j].width;
			j++;
		}
		size_t end = j;
		if (j < n && c[j].cp != ' ') {
			if (brk > start) {
				end = brk;
			} else {
				while (end > start + 1 && S_glued(c, end))
					end--;
			}
		}
		size_t trimmed = end;
		while (trimmed > start && c[trimmed - 1].cp == ' ')
			trimmed--;
		if (nlines == cap) {
			cap = cap ? cap * 2 : 8;
			starts = xrealloc(starts, cap * sizeof *starts);
			ends = xrealloc(ends, cap * sizeof *ends);
		}
		starts[nlines] = start;
		ends[nlines++] = trimmed;
		i = end;
	}
	if (nlines > max_lines) {
		cut = true;
		nlines = max_lines;
	}
	for (size_t l = 0; l < nlines; l++) {
		size_t a = starts[l], b = ends[l];
		if (cut && l + 1 == nlines) {
			int w = 0;
			for (size_t k = a; k < b; k++)
				w += c[k].width;
			/* Room for the ellipsis, and never before a mark of the last
			 * character kept. */
			while (b > a && (w + 1 > max || (b < n && b > a + 1 && S_glued(c, b)))) {
				w -= c[b - 1].width;
				b--;
			}
			while (b > a && c[b - 1].cp == ' ')
				b--;
		}
		size_t from = a < n ? c[a].off : 0;
		size_t to = b > a ? c[b - 1].off + c[b - 1].len : from;
		char *line = cut && l + 1 == nlines ? xasprintf("%.*s\xE2\x80\xA6", (int)(to - from), text + from)
						    : xstrndup(text + from, to - from);
		sv_push_owned(out, line);
	}
	free(starts);
	free(ends);
	free(c);
	free(text);
	return cut;
}

/* Units of S_cp_width a line of text at font size px holds, for glyphs
 * about per_cent of an em wide on average (bold serif faces run wide). */
static int S_units(int px, int per_cent)
{
	return (S_WIDTH - 2 * S_MARGIN) * 100 / (px * per_cent);
}

/* One <text> per line, centred, the first baseline at y. Returns the last
 * baseline. */
static int S_lines(struct strbuf *sb, const struct strvec *lines, int y, int step, int px,
		   const char *fill, const char *attrs)
{
	int last = y;
	for (size_t i = 0; i < lines->n; i++) {
		last = y + (int)i * step;
		sb_addf(sb, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\" text-anchor=\"middle\" %s>",
			S_WIDTH / 2, last, px, fill, attrs);
		sb_add_xml_escaped(sb, lines->v[i]);
		sb_adds(sb, "</text>\n");
	}
	return last;
}

/* The creators joined in the book's language: "A, B and C". */
static char *S_names(const struct cover_text *t)
{
	struct strbuf sb = STRBUF_INIT;
	if (t->creators)
		words_join(words_for(t->language), &sb, t->creators);
	return sb_detach(&sb);
}

/* What the generated cover says, as one text in the book's language (its
 * alternative text): "Title, Subtitle, by A and B, 2019–2021". */
static char *S_spoken(const struct cover_text *t)
{
	const struct words *w = words_for(t->language);
	struct strbuf sb = STRBUF_INIT;
	char *names = S_names(t);
	const char *parts[] = {t->title, t->subtitle, names, t->date_range};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		char *part = str_collapse_ws(parts[i] ? parts[i] : "");
		if (*part) {
			if (sb.len)
				sb_adds(&sb, w->list_sep);
			if (i == 2) {
				char *by = words_fill(w->by, part);
				sb_adds(&sb, by);
				free(by);
			} else {
				sb_adds(&sb, part);
			}
		}
		free(part);
	}
	free(names);
	return sb_detach(&sb);
}

char *cover_svg(const struct cover_text *t, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_addf(&sb,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\"",
		S_WIDTH, S_HEIGHT, S_WIDTH, S_HEIGHT);
	/* (The app checks the language; a caller that did not leaves it out.) */
	if (t->language && lang_tag_valid(t->language)) {
		sb_adds(&sb, " xml:lang=\"");
		sb_add_xml_escaped(&sb, t->language);
		sb_adds(&sb, "\"");
	}
	sb_adds(&sb, ">\n<title>");
	char *spoken = S_spoken(t);
	sb_add_xml_escaped(&sb, spoken);
	free(spoken);
	sb_adds(&sb, "</title>\n");
	sb_addf(&sb, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"" S_BACKGROUND "\"/>\n", S_WIDTH,
		S_HEIGHT);
	sb_addf(&sb,
		"<rect x=\"70\" y=\"70\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"" S_ACCENT
		"\" stroke-width=\"6\"/>\n",
		S_WIDTH - 140, S_HEIGHT - 140);

	/* The largest size that holds the title in four lines; the smallest,
	 * cut after six, when none does. */
	static const int sizes[] = {176, 148, 124, 104, 88};
	size_t nsizes = sizeof sizes / sizeof *sizes;
	struct strvec lines = STRVEC_INIT;
	int px = sizes[0];
	for (size_t k = 0; k < nsizes; k++) {
		sv_free(&lines);
		px = sizes[k];
		if (!S_wrap(&lines, t->title, S_units(px, 68), k + 1 < nsizes ? 4 : 6))
			break;
	}
	int y = S_lines(&sb, &lines, 560 + px, px * 118 / 100, px, S_INK,
			"font-family=\"" S_SERIF "\" font-weight=\"bold\"");
	sv_free(&lines);
	y += px * 60 / 100;
	sb_addf(&sb, "<rect x=\"%d\" y=\"%d\" width=\"320\" height=\"10\" fill=\"" S_ACCENT "\"/>\n",
		S_WIDTH / 2 - 160, y);
	y += 10 + 80;

	if (t->subtitle && *t->subtitle) {
		S_wrap(&lines, t->subtitle, S_units(72, 60), 3);
		S_lines(&sb, &lines, y + 72, 90, 72, S_SOFT_INK,
			"font-family=\"" S_SERIF "\" font-style=\"italic\"");
		sv_free(&lines);
	}

	/* Creators and dates stand at the foot, whatever the title's length. */
	bool dated = t->date_range && *t->date_range;
	char *names = S_names(t);
	if (*names) {
		S_wrap(&lines, names, S_units(64, 60), 2);
		int last = dated ? 2230 : 2330;
		S_lines(&sb, &lines, last - (int)(lines.n - 1) * 80, 80, 64, S_INK,
			"font-family=\"" S_SERIF "\"");
		sv_free(&lines);
	}
	free(names);
	if (dated) {
		S_wrap(&lines, t->date_range, S_units(60, 70), 1);
		S_lines(&sb, &lines, 2340, 72, 60, S_ACCENT,
			"font-family=\"" S_SANS "\" letter-spacing=\"4\"");
		sv_free(&lines);
	}
	sb_adds(&sb, "</svg>\n");
	*len = sb.len;
	return sb_detach(&sb);
}

/* ---- The cover as PNG ---- */

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define S_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(S_ASAN)
/* Under LeakSanitizer: fontconfig (which librsvg reaches through pango)
 * keeps its font patterns and caches for the life of the process and
 * frees them only in FcFini, which nothing may call while pango holds
 * fonts. What it holds at exit is not a leak of ours; anything sheaf or
 * librsvg leaks is still reported (its stack does not pass through
 * fontconfig). LeakSanitizer reads this hook from the program. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
/* ... without a report of the suppressions on stderr at exit, which
 * tests that expect a quiet run would read as output. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define S_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(S_TSAN)
/* Under ThreadSanitizer: pango matches fonts on a thread of its own
 * ("[pango] FcFontSetMatch") and hands the result over through GLib's
 * futex-based locks, which TSan cannot see in an uninstrumented GLib, so
 * it reports the hand-over as a race inside pango and fontconfig. Races
 * whose stacks pass through sheaf's own code only are still reported. */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
	return "race:libpangoft2-1.0.so\nrace:libfontconfig.so\nrace:libglib-2.0.so\n";
}
#endif

static void S_png_out(png_structp png, png_bytep data, size_t len)
{
	sb_add(png_get_io_ptr(png), (const char *)data, len);
}

static void S_png_flush(png_structp png)
{
	(void)png;
}

/* The surface (RGB24) as PNG bytes into sb; -1 when libpng fails.
 * Not cairo's writer: it tries every row filter at zlib's default level,
 * two thirds of a small book's run. A drawn cover is flat colour and
 * text, which deflate alone packs as small (55 KB either way at
 * 1600x2560) at under half the time, so no filter is tried. No time, no
 * text chunks: the same bytes each run. */
static int S_png_write(struct strbuf *sb, cairo_surface_t *surface)
{
	int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	const unsigned char *px = cairo_image_surface_get_data(surface);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *volatile row = NULL;
	int ret = -1;
	if (!info || !px)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	row = xmalloc((size_t)w * 3);
	png_set_write_fn(png, sb, S_png_out, S_png_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		/* RGB24: one native-endian 32-bit word per pixel, 0x00RRGGBB. */
		const uint32_t *in = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(in[x] >> 16);
			row[3 * x + 1] = (unsigned char)(in[x] >> 8);
			row[3 * x + 2] = (unsigned char)in[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	ret = 0;
out:
	png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
	free(row);
	return ret;
}

/* The drawing's size in pixels: its width and height, else its viewBox;
 * false when it gives neither (it then fills the viewport). */
static bool S_svg_size(RsvgHandle *h, double *w, double *hh)
{
	if (rsvg_handle_get_intrinsic_size_in_pixels(h, w, hh) && *w > 0 && *hh > 0)
		return true;
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
	if (has_vb && vb.width > 0 && vb.height > 0) {
		*w = vb.width;
		*hh = vb.height;
		return true;
	}
	return false;
}

char *cover_unfonted(const struct cover_text *t)
{
	if (!FcInit())
		return xstrdup("(fontconfig does not start)");
	/* Every character of every installed font, once: a listing of the
	 * fonts' character sets, as pango's fallback would search them. */
	FcPattern *all_fonts = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, (char *)NULL);
	FcFontSet *fs = FcFontList(NULL, all_fonts, os);
	FcCharSet *have = FcCharSetCreate();
	for (int i = 0; fs && i < fs->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
			FcCharSetMerge(have, cs, NULL);
	}
	struct strbuf missing = STRBUF_INIT;
	size_t nmissing = 0;
	char *names = S_names(t);
	const char *parts[] = {t->title, t->subtitle, names, t->date_range};
	for (size_t p = 0; p < sizeof parts / sizeof *parts && nmissing < 5; p++) {
		char *text;
		size_t n;
		struct S_cp *c = S_chars(parts[p], &text, &n);
		for (size_t i = 0; i < n && nmissing < 5; i++) {
			/* Marks and joiners are drawn with what they join (or not
			 * at all); a space needs no glyph. */
			if (c[i].width == 0 || c[i].cp <= 0x20 || FcCharSetHasChar(have, c[i].cp))
				continue;
			char one[5] = {0};
			memcpy(one, text + c[i].off, c[i].len);
			if (missing.s && strstr(missing.s, one))
				continue;
			sb_adds(&missing, one);
			nmissing++;
		}
		free(c);
		free(text);
	}
	free(names);
	FcCharSetDestroy(have);
	if (fs)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(all_fonts);
	if (!nmissing) {
		sb_release(&missing);
		return NULL;
	}
	return sb_detach(&missing);
}

int cover_png(unsigned char **png, size_t *png_len, const unsigned char *svg, size_t len, char **why)
{
	*png = NULL;
	*why = NULL;
	GError *err = NULL;
	/* No base file: librsvg then resolves no reference outside the bytes
	 * (and the flags allow no huge or unsafe parsing). */
	GInputStream *in = g_memory_input_stream_new_from_data(svg, (gssize)len, NULL);
	RsvgHandle *h = rsvg_handle_new_from_stream_sync(in, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, &err);
	g_object_unref(in);
	if (!h) {
		*why = xasprintf("the SVG does not load: %s", err ? err->message : "unknown error");
		g_clear_error(&err);
		return -1;
	}
	double sw, sh;
	int pw = COVER_PNG_WIDTH, ph = COVER_PNG_HEIGHT;
	if (S_svg_size(h, &sw, &sh)) {
		double scale = fmin(COVER_PNG_WIDTH / sw, COVER_PNG_HEIGHT / sh);
		pw = (int)fmax(1, fmin(COVER_PNG_WIDTH, lround(sw * scale)));
		ph = (int)fmax(1, fmin(COVER_PNG_HEIGHT, lround(sh * scale)));
	}
	/* RGB on white: a transparent cover shows black on some readers. */
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	cairo_t *cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	RsvgRectangle viewport = {0, 0, pw, ph};
	int ret = -1;
	struct strbuf sb = STRBUF_INIT;
	if (!rsvg_handle_render_document(h, cr, &viewport, &err)) {
		*why = xasprintf("the SVG does not draw: %s", err ? err->message : "unknown error");
		g_clear_error(&err);
	} else if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		*why = xasprintf("the SVG does not draw: %s", cairo_status_to_string(cairo_status(cr)));
	} else {
		cairo_surface_flush(surface);
		if (S_png_write(&sb, surface) < 0) {
			*why = xstrdup("the PNG cannot be written");
		} else {
			*png_len = sb.len;
			*png = (unsigned char *)sb_detach(&sb);
			ret = 0;
		}
	}
	sb_release(&sb);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	g_object_unref(h);
	return ret;
}

/* ---- Choosing the cover ---- */

static bool S_site_file(const struct site *site, const char *rel)
{
	char *full = path_join(site->root, rel);
	bool is = path_is_file(full);
	free(full);
	return is;
}

char *cover_resolve(const struct site *site, const struct post *p, const char *ref)
{
	if (url_classify(ref) != URL_RELATIVE)
		return NULL;
	char *copy = xstrndup(ref, strcspn(ref, "?#"));
	char *path = url_decode(copy);
	free(copy);
	const char *stat_dir = site_static_dir(site);
	char *cands[3] = {NULL, NULL, NULL};
	if (path[0] == '/') {
		cands[0] = path_join(stat_dir, path + 1);
		cands[1] = xstrdup(path + 1);
	} else {
		char *dir = p ? path_dirname(p->relpath) : xstrdup(stat_dir);
		cands[0] = path_join(dir, path);
		cands[1] = path_join(stat_dir, path);
		cands[2] = xstrdup(path);
		free(dir);
	}
	free(path);
	char *found = NULL;
	for (size_t i = 0; i < 3 && cands[i]; i++) {
		char *norm = path_normalize(cands[i]);
		if (!found && (i == 0 || !str_starts_with(norm, "..")) && S_site_file(site, norm)) {
			found = norm;
			norm = NULL;
		}
		free(norm);
	}
	if (!found && p) {
		/* The other readings a chapter's image gets: Jekyll permalinks,
		 * base paths, names without extension. */
		char *primary = path_normalize(cands[0]);
		char *f = image_file(site, p, primary, ref);
		if (S_site_file(site, f))
			found = f;
		else
			free(f);
		free(primary);
	}
	if (!found)
		found = path_normalize(cands[0]); /* reported as not found */
	for (size_t i = 0; i < 3; i++)
		free(cands[i]);
	return found;
}

static int S_take(struct cover *out, const struct resources *res, const char *href, bool generated)
{
	for (size_t i = 0; i < res->n; i++) {
		if (strcmp(res->v[i].href, href) == 0) {
			out->href = res->v[i].href;
			out->id = res->v[i].id;
			out->generated = generated;
			return 0;
		}
	}
	return -1;
}

/* The reason resources_add_data gives, without its name for the bytes. */
static const char *S_reason(const char *why)
{
	const char *colon = strstr(why, "URL: ");
	return colon ? colon + 5 : why;
}

/* Adds the remote image at url (through the fetch cache, or not at all
 * with --offline when it is not there). Returns 0, or 1 after a warning. */
static int S_from_url(struct cover *out, struct resources *res, const char *url, const char *file,
		      int line, const char *instead, const struct fetch_options *fetch,
		      struct diag_list *dl)
{
	if (!url_is_http(url)) {
		diag_warning(dl, file, line, 0, "the cover image %s is remote but not http(s), which sheaf never fetches; %s",
			     url, instead);
		return 1;
	}
	/* Fetched as a browser would read it (IDNA host, escapes), and
	 * cached under that one spelling. */
	char *norm;
	int bad = url_normalize(&norm, url);
	if (bad) {
		diag_warning(dl, file, line, 0, "the cover image %s is not fetched: %s; %s", url, url_strerror(bad),
			     instead);
		return 1;
	}
	if (!fetch) {
		diag_warning(dl, file, line, 0, "the cover image %s is remote, and nothing is fetched here; %s", url,
			     instead);
		free(norm);
		return 1;
	}
	struct fetch_result r = {0};
	const char *get = norm;
	fetch_all(&get, 1, &r, fetch);
	int ret = 1;
	const char *href;
	char *why = NULL;
	if (!r.data)
		diag_warning(dl, file, line, 0, "the cover image %s was not fetched (%s); %s", url,
			     r.not_cached ? "--offline, and not in the cache" : r.error, instead);
	else if (resources_add_data(res, &href, r.data, r.len, "cover.img", &why) < 0)
		diag_warning(dl, file, line, 0, "the cover image %s: %s; %s", url, S_reason(why), instead);
	else
		ret = S_take(out, res, href, false) == 0 ? 0 : 1;
	free(why);
	free(norm);
	fetch_result_free(&r);
	return ret;
}

/* Adds an image of the site named by ref (found from p's folder, or from
 * the static folder when p is NULL). Returns 0, or 1 after a warning at
 * file:line naming what comes instead. */
static int S_from_site(struct cover *out, struct resources *res, const struct site *site,
		       const struct post *p, const char *ref, const char *file, int line,
		       const char *instead, const struct fetch_options *fetch, struct diag_list *dl)
{
	char *rel = cover_resolve(site, p, ref);
	if (!rel) {
		if (url_classify(ref) == URL_ABSOLUTE)
			return S_from_url(out, res, ref, file, line, instead, fetch, dl);
		else
			diag_warning(dl, file, line, 0, "the cover image '%s' is not a path in the site; %s",
				     ref, instead);
		return 1;
	}
	const char *href;
	char *why = NULL;
	int rc = resources_add_image(res, &href, site->root, rel, &why);
	free(rel);
	if (rc < 0) {
		diag_warning(dl, file, line, 0, "cover image: %s; %s", why, instead);
		free(why);
		return 1;
	}
	return S_take(out, res, href, false) == 0 ? 0 : 1;
}

/* A cover named by the site's configuration, under the keys its
 * generator gives. */
static int S_from_config(struct cover *out, struct resources *res, const struct site *site,
			 const struct fetch_options *fetch, struct diag_list *dl)
{
	const struct fm_node *n = site->gen ? site_cover_field(site->config, site->gen->config_cover_keys) : NULL;
	if (!n)
		return 1;
	char *file = site->config_file ? path_join(site->root, site->config_file) : xstrdup(site->root);
	int rc = S_from_site(out, res, site, NULL, fm_str(n), file, n->line,
			     "the cover is taken from the posts, or made", fetch, dl);
	free(file);
	return rc;
}

static int S_from_posts(struct cover *out, struct resources *res, const struct site *site,
			const struct post_list *posts, const struct fetch_options *fetch,
			struct diag_list *dl)
{
	for (size_t i = 0; i < posts->n; i++) {
		const struct post *p = posts->v[i];
		if (p->cover_image)
			return S_from_site(out, res, site, p, p->cover_image, p->path, p->cover_line,
					   "a cover is made from the title instead", fetch, dl);
	}
	return 1;
}

static int S_from_file(struct cover *out, struct resources *res, const char *path,
		       struct diag_list *dl)
{
	int ret = -1;
	char *data = NULL, *why = NULL;
	size_t len = 0;
	struct stat st;
	if (stat(path, &st) < 0) {
		diag_error(dl, path, 0, 0, "--cover: cannot read the cover image: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(dl, path, 0, 0, "--cover: the cover image is not a file");
		goto out;
	}
	int rc = read_file(path, &data, &len);
	if (rc < 0) {
		diag_error(dl, path, 0, 0, "--cover: cannot read the cover image: %s", strerror(-rc));
		goto out;
	}
	const char *other;
	if (!media_type_sniff((const unsigned char *)data, len, &other)) {
		if (other)
			diag_error(dl, path, 0, 0,
				   "--cover: the cover is a %s image, which EPUB readers do not all show; "
				   "convert it to PNG or JPEG", other);
		else
			diag_error(dl, path, 0, 0,
				   "--cover: not an image EPUB can hold (PNG, JPEG, GIF, WebP, SVG)");
		goto out;
	}
	const char *href;
	if (resources_add_data(res, &href, (const unsigned char *)data, len, "cover.img", &why) < 0) {
		diag_error(dl, path, 0, 0, "--cover: %s", S_reason(why));
		goto out;
	}
	ret = S_take(out, res, href, false);
out:
	free(data);
	free(why);
	return ret;
}

/* A given SVG cover gets a PNG beside it, which becomes the cover: the
 * SVG as stored, so cleaned by svg.c's policy. When it cannot be drawn,
 * a warning at file, and the SVG stays the cover. */
static void S_raster(struct cover *out, struct resources *res, const char *file, struct diag_list *dl)
{
	const struct resource *r = NULL;
	for (size_t i = 0; i < res->n; i++)
		if (res->v[i].href == out->href)
			r = &res->v[i];
	if (!r || strcmp(r->media_type, "image/svg+xml") != 0)
		return;
	char *name = xasprintf("%.*s.png", (int)(strlen(r->href) - strlen(".svg") - strlen("images/")),
			       r->href + strlen("images/"));
	unsigned char *png;
	size_t png_len;
	char *why = NULL;
	const char *href;
	if (cover_png(&png, &png_len, r->data, r->len, &why) < 0) {
		diag_warning(dl, file, 0, 0, "the SVG cover %s cannot be drawn as PNG (%s): calibre and Kindle "
			     "will not show it", out->href, why);
	} else {
		/* (r is not used after this: adding may move the resources.) */
		href = resources_add_made(res, png, png_len, "image/png", name);
		S_take(out, res, href, out->generated);
		free(png);
	}
	free(why);
	free(name);
}

int cover_add(struct cover *out, struct resources *res, const char *path, const struct site *site,
	      const struct post_list *posts, const struct cover_text *t, const struct fetch_options *fetch,
	      struct diag_list *dl)
{
	memset(out, 0, sizeof *out);
	if (path) {
		if (S_from_file(out, res, path, dl) < 0)
			return -1;
		S_raster(out, res, path, dl);
		return 0;
	}
	if (S_from_config(out, res, site, fetch, dl) == 0 || S_from_posts(out, res, site, posts, fetch, dl) == 0) {
		S_raster(out, res, NULL, dl);
		return 0;
	}
	size_t len;
	char *svg = cover_svg(t, &len);
	unsigned char *png;
	size_t png_len;
	char *why = NULL;
	const char *href;
	/* Only the PNG goes into the book: the SVG would be a file no page
	 * shows, and the cover page's alternative text says what it says.
	 * But a PNG of boxes (no font here has the title's script) would be
	 * worse than the SVG, which readers draw with their own fonts. */
	char *unfonted = cover_unfonted(t);
	if (unfonted) {
		diag_warning(dl, NULL, 0, 0,
			     "no font installed here has the characters %s (of the title, subtitle or authors), so "
			     "the cover is an SVG only, which calibre and Kindle do not show; install a font that "
			     "has them (fonts-noto-cjk for Chinese, Japanese and Korean)", unfonted);
		free(unfonted);
		href = resources_add_made(res, (const unsigned char *)svg, len, "image/svg+xml", "cover.svg");
	} else if (cover_png(&png, &png_len, (const unsigned char *)svg, len, &why) == 0) {
		href = resources_add_made(res, png, png_len, "image/png", "cover.png");
		free(png);
	} else {
		diag_warning(dl, NULL, 0, 0, "the generated cover is an SVG only (%s): calibre and Kindle will not "
			     "show it", why);
		href = resources_add_made(res, (const unsigned char *)svg, len, "image/svg+xml", "cover.svg");
	}
	int ret = S_take(out, res, href, true);
	free(why);
	free(svg);
	return ret;
}

/* ---- The cover page ---- */

int cover_page(char **out, size_t *len, const struct cover *c, const struct cover_text *t,
	       const char *templates_dir, struct diag_list *dl)
{
	int ret = -1;
	char *tmpl = NULL, *origin = NULL, *text = NULL;
	struct tvars tv = TVARS_INIT;
	if (template_load(&tmpl, &origin, "cover.xhtml", templates_dir, dl) < 0)
		goto out;
	char *names = S_names(t);
	tvars_set(&tv, "title", t->title);
	tvars_set(&tv, "subtitle", t->subtitle);
	tvars_set(&tv, "creators_text", names);
	free(names);
	tvars_set(&tv, "date_range", t->date_range);
	tvars_set(&tv, "language", t->language ? t->language : "en");
	tvars_set(&tv, "image", c->href);
	tvars_set(&tv, "generated", c->generated ? "yes" : "");
	/* A generated cover says nothing but its text: that is its alternative. */
	char *alt = c->generated ? S_spoken(t) : words_fill(words_for(t->language)->cover_of, t->title);
	tvars_set(&tv, "alt", alt);
	free(alt);
	if (template_render_xml(&text, tmpl, &tv, origin, "the cover page", dl) < 0)
		goto out;
	*len = strlen(text);
	*out = text;
	text = NULL;
	ret = 0;
out:
	tvars_free(&tv);
	free(tmpl);
	free(origin);
	free(text);
	return ret;
}
