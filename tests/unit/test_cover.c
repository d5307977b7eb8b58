/* Unit tests of cover.h: the generated SVG cover (well-formed, escaped,
 * wrapped, cut, deterministic), its PNG (cover_png), the front-matter
 * fields that name a cover, the choice among --cover, the site's config,
 * the posts and the generated one, and the cover page. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book/cover.h"
#include "fixture.h"
#include "input/frontmatter.h"
#include "book/opf.h"
#include "tap.h"
#include "book/toc.h"
#include "base/util.h"

static const unsigned char S_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
	0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
	0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static char S_tmp[] = "/tmp/sheaf-cover-XXXXXX";

/* The generated SVG of t, parsed strictly; NULL (after a failed check)
 * when it is not well-formed. *svg keeps the text. */
static xmlDocPtr S_svg(const struct cover_text *t, char **svg, const char *what)
{
	size_t len;
	*svg = cover_svg(t, &len);
	ok(len == strlen(*svg), "%s: length matches", what);
	xmlDocPtr doc = fx_parse_strict(*svg, len);
	ok(doc != NULL, "%s: the SVG is well-formed", what);
	return doc;
}

/* The number of title lines (bold <text> elements). */
static int S_title_lines(xmlDocPtr doc)
{
	return (int)fx_xpath_num(doc, "count(//*[local-name()='text'][@font-weight='bold'])");
}

static void test_svg_basic(void)
{
	struct strvec creators = STRVEC_INIT;
	sv_push(&creators, "Ada Quill");
	sv_push(&creators, "Bruno Fernández");
	struct cover_text t = {"Notes from the workbench", "Essays on tools", &creators, "2023\xE2\x80\x93" "2025",
			       "en"};
	char *svg;
	xmlDocPtr doc = S_svg(&t, &svg, "plain title");
	if (doc) {
		fx_is_xstr(doc, "local-name(/*)", "svg", "the root is <svg>");
		fx_is_xstr(doc, "string(/*/@viewBox)", "0 0 1600 2560", "viewBox 1600×2560");
		fx_is_xstr(doc, "string(/*/@xml:lang)", "en", "xml:lang from the book's language");
		int n = S_title_lines(doc);
		ok(n >= 2 && n <= 4, "a short title is wrapped (%d lines)", n);
		fx_is_xstr(doc, "string(//*[local-name()='text'][@font-weight='bold'][1]/@font-size)", "176",
			   "a short title takes the largest size");
		is_int(fx_xpath_num(doc, "count(//*[local-name()='text'][.='Essays on tools'])"), 1, "subtitle shown");
		is_int(fx_xpath_num(doc, "count(//*[local-name()='text'][.='Ada Quill and Bruno Fernández'])"), 1,
		       "creators joined with 'and'");
		is_int(fx_xpath_num(doc, "count(//*[local-name()='text'][.='2023–2025'])"), 1, "date range shown");
		fx_is_xstr(doc, "string(//*[local-name()='title'])",
			   "Notes from the workbench, Essays on tools, by Ada Quill and Bruno Fernández, 2023–2025",
			   "<title> says all the cover says");
		is_int(fx_xpath_num(doc, "count(//@*[local-name()='href'])"), 0, "no reference to anything outside");
		xmlFreeDoc(doc);
	}
	unlike(svg, "<image", "no <image> element");
	unlike(svg, "url(", "no url() reference");
	size_t len2;
	char *again = cover_svg(&t, &len2);
	is_str(again, svg, "same text, same bytes");
	free(again);
	free(svg);
	sv_free(&creators);
}

static void test_svg_escaping(void)
{
	struct strvec creators = STRVEC_INIT;
	sv_push(&creators, "Al \"Bo\" <C> & D");
	struct cover_text t = {"Tips & <tricks> for \"you\" 'n' me", "<&\">", &creators, NULL, NULL};
	char *svg;
	xmlDocPtr doc = S_svg(&t, &svg, "markup characters");
	if (doc) {
		char *all = fx_xpath_str(doc, "string(//*[local-name()='title'])");
		like(all, "Tips & <tricks> for \"you\" 'n' me", "title read back unchanged");
		like(all, "Al \"Bo\" <C> & D", "creator read back unchanged");
		free(all);
		is_int(fx_xpath_num(doc, "count(//*[local-name()='text'][.='<&\">'])"), 1, "subtitle read back unchanged");
		xmlFreeDoc(doc);
	}
	like(svg, "&lt;tricks&gt;", "< and > escaped");
	like(svg, "Tips &amp;", "& escaped");
	like(svg, "&quot;you&quot;", "quotes escaped");
	unlike(svg, "xml:lang", "no xml:lang without a language");
	free(svg);
	sv_free(&creators);

	/* Control characters and invalid UTF-8 cannot reach an XML file. */
	struct cover_text bad = {"Bell\x07 and \xFF\xFE bytes\x01", "", NULL, "", "en"};
	doc = S_svg(&bad, &svg, "control characters and invalid UTF-8");
	if (doc) {
		char *line = fx_xpath_str(doc, "string(//*[local-name()='text'][@font-weight='bold'][1])");
		like(line, "Bell and", "control character dropped");
		like(line, "\xEF\xBF\xBD", "invalid bytes become U+FFFD");
		free(line);
		xmlFreeDoc(doc);
	}
	free(svg);
}

static void test_svg_wrapping(void)
{
	/* A title of many words: wrapped at spaces, smaller type, no cut. */
	struct cover_text t = {"The quick brown fox jumps over the lazy dog while the cat watches from the "
			       "windowsill",
			       NULL, NULL, NULL, "en"};
	char *svg;
	xmlDocPtr doc = S_svg(&t, &svg, "many words");
	if (doc) {
		int n = S_title_lines(doc);
		ok(n >= 3 && n <= 6, "wrapped over %d lines", n);
		char *first = fx_xpath_str(doc, "string(//*[local-name()='text'][@font-weight='bold'][1])");
		ok(first[0] && first[strlen(first) - 1] != ' ' && first[0] != ' ', "lines are trimmed: '%s'", first);
		ok(strstr(t.title, first) == t.title, "the first line is the title's start: '%s'", first);
		free(first);
		char *last = fx_xpath_str(doc, "string(//*[local-name()='text'][@font-weight='bold'][last()])");
		ok(str_ends_with(last, "windowsill"), "nothing cut: the last line ends the title ('%s')", last);
		free(last);
		is_int(fx_xpath_num(doc, "count(//*[local-name()='text'][@font-style='italic'])"), 0,
		       "no subtitle line without a subtitle");
		is_int(fx_xpath_num(doc, "count(//*[local-name()='text'])"), n, "no creators or dates lines");
		xmlFreeDoc(doc);
	}
	free(svg);

	/* A very long title is cut after six lines, with an ellipsis. */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 300; i++)
		sb_addf(&sb, "word%d ", i);
	struct cover_text longt = {sb.s, "", NULL, "", "en"};
	doc = S_svg(&longt, &svg, "a 300-word title");
	if (doc) {
		is_int(S_title_lines(doc), 6, "cut to six lines");
		char *last = fx_xpath_str(doc, "string(//*[local-name()='text'][@font-weight='bold'][6])");
		ok(str_ends_with(last, "\xE2\x80\xA6"), "the last line ends with an ellipsis ('%s')", last);
		unlike(last, " \xE2\x80\xA6", "no space before the ellipsis");
		free(last);
		xmlFreeDoc(doc);
	}
	free(svg);
	sb_release(&sb);

	/* One word longer than a line: split inside it. */
	struct cover_text word = {"Supercalifragilisticexpialidociousnessesxyz", NULL, NULL, NULL, NULL};
	doc = S_svg(&word, &svg, "one very long word");
	if (doc) {
		int n = S_title_lines(doc);
		ok(n >= 2, "split over %d lines", n);
		char *joined = fx_xpath_str(doc, "string(//*[local-name()='title'])");
		is_str(joined, word.title, "the whole word is in the <title>");
		free(joined);
		xmlFreeDoc(doc);
	}
	free(svg);

	/* CJK has no spaces and wide characters: wrapped by characters. */
	struct strbuf cjk = STRBUF_INIT;
	for (int i = 0; i < 12; i++)
		sb_adds(&cjk, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"); /* 日本語 */
	struct cover_text ct = {cjk.s, NULL, NULL, NULL, "ja"};
	doc = S_svg(&ct, &svg, "36 CJK characters");
	if (doc) {
		int n = S_title_lines(doc);
		ok(n >= 2 && n <= 6, "wrapped over %d lines", n);
		char *line = fx_xpath_str(doc, "string(//*[local-name()='text'][@font-weight='bold'][1])");
		ok(strlen(line) % 3 == 0 && strlen(line) < strlen(cjk.s), "a line is whole characters (%zu bytes)",
		   strlen(line));
		free(line);
		xmlFreeDoc(doc);
	}
	free(svg);
	sb_release(&cjk);

	/* A combining mark stays with its letter. */
	struct strbuf comb = STRBUF_INIT;
	for (int i = 0; i < 60; i++)
		sb_adds(&comb, "e\xCC\x81");
	struct cover_text cm = {comb.s, NULL, NULL, NULL, NULL};
	doc = S_svg(&cm, &svg, "letters with combining accents");
	if (doc) {
		int n = S_title_lines(doc);
		bool split = false;
		for (int i = 1; i <= n; i++) {
			char expr[96];
			snprintf(expr, sizeof expr, "string(//*[local-name()='text'][@font-weight='bold'][%d])", i);
			char *line = fx_xpath_str(doc, expr);
			split |= str_starts_with(line, "\xCC\x81");
			free(line);
		}
		ok(n >= 2 && !split, "wrapped over %d lines, no line starts with a combining mark", n);
		xmlFreeDoc(doc);
	}
	free(svg);
	sb_release(&comb);

	struct cover_text empty = {"", NULL, NULL, NULL, NULL};
	doc = S_svg(&empty, &svg, "an empty title");
	if (doc) {
		is_int(S_title_lines(doc), 0, "no title line");
		xmlFreeDoc(doc);
	}
	free(svg);
}

static const char *S_field(const char *yaml)
{
	static char buf[256];
	struct fm_node *fm = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	buf[0] = '\0';
	if (fm_parse_yaml(&fm, yaml, strlen(yaml), "t.md", 2, DIAG_ERROR, &dl) == 0) {
		static const char *const keys[] = {"cover_image", "image", "images", "cover.image", NULL};
		const struct fm_node *n = site_cover_field(fm, keys);
		snprintf(buf, sizeof buf, "%s", n ? fm_str(n) : "(none)");
	}
	fm_node_free(fm);
	diag_list_free(&dl);
	return buf;
}

static void test_fields(void)
{
	is_str(S_field("title: x\nimage: a.png\n"), "a.png", "image: a path");
	is_str(S_field("images: [b.png, c.png]\n"), "b.png", "images: the first");
	is_str(S_field("image:\n  path: /assets/d.png\n  alt: D\n"), "/assets/d.png", "image: {path:} (jekyll-seo-tag)");
	is_str(S_field("cover:\n  image: e.jpg\n"), "e.jpg", "cover: {image:} (PaperMod)");
	is_str(S_field("image: f.png\ncover_image: g.png\n"), "g.png", "cover_image wins over image");
	is_str(S_field("Image: h.png\n"), "h.png", "keys in any case (Hugo)");
	is_str(S_field("image: ''\nimages: [i.png]\n"), "i.png", "an empty image is no image");
	is_str(S_field("title: x\n"), "(none)", "none named");
	is_str(S_field("cover: true\n"), "(none)", "cover: true is no image");
}

static struct post *S_post(const char *site, const char *relpath, const char *image)
{
	char *path = path_join(site, relpath);
	struct post *p = post_new(path, relpath);
	free(path);
	p->title = xstrdup("A post");
	if (image) {
		p->cover_image = xstrdup(image);
		p->cover_line = 3;
	}
	return p;
}

/* What cairo reads back from png bytes. */
struct S_reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t S_read(void *closure, unsigned char *data, unsigned int len)
{
	struct S_reader *r = closure;
	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

/* The pixel at (x, y) of a decoded RGB24/ARGB32 surface, as 0xRRGGBB. */
static unsigned S_pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	uint32_t px;
	memcpy(&px, row + (size_t)x * 4, 4);
	return px & 0xFFFFFF;
}

/* Decodes png with cairo (a reader independent of how it was written);
 * NULL after a failed check when it is not a PNG. */
static cairo_surface_t *S_decode(const unsigned char *png, size_t len, const char *what)
{
	struct S_reader r = {png, len};
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(S_read, &r);
	if (!ok(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, "%s: a PNG that decodes", what)) {
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

static void test_png(void)
{
	struct strvec creators = STRVEC_INIT;
	sv_push(&creators, "Ada Quill");
	struct cover_text t = {"Notes from the Workbench", "Sub", &creators, "2023–2025", "en"};
	size_t len, len2, svg_len;
	char *svg = cover_svg(&t, &svg_len);
	unsigned char *png = NULL, *again = NULL;
	char *why = NULL;
	if (!ok(cover_png(&png, &len, (const unsigned char *)svg, svg_len, &why) == 0, "the generated cover draws (%s)",
		why ? why : "")) {
		free(why);
		free(svg);
		sv_free(&creators);
		return;
	}
	ok(len > 8 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0, "PNG signature");
	/* IHDR: 8-bit RGB, no alpha (a transparent cover shows black on
	 * some readers), not interlaced. */
	ok(len > 29 && memcmp(png + 12, "IHDR", 4) == 0 && png[24] == 8 && png[25] == 2 && png[28] == 0,
	   "8-bit RGB, not interlaced");
	/* No chunk that carries a time or text: the same book, the same bytes. */
	bool quiet = true;
	for (size_t i = 8; i + 8 <= len;) {
		uint32_t n = (uint32_t)png[i] << 24 | (uint32_t)png[i + 1] << 16 | (uint32_t)png[i + 2] << 8 | png[i + 3];
		quiet &= memcmp(png + i + 4, "tIME", 4) && memcmp(png + i + 4, "tEXt", 4) && memcmp(png + i + 4, "iTXt", 4) &&
			 memcmp(png + i + 4, "zTXt", 4);
		i += 12 + (size_t)n;
	}
	ok(quiet, "no tIME or text chunk");
	ok(cover_png(&again, &len2, (const unsigned char *)svg, svg_len, &why) == 0 && len2 == len &&
		   memcmp(png, again, len) == 0,
	   "drawn twice, the same bytes");
	cairo_surface_t *s = S_decode(png, len, "generated");
	if (s) {
		is_int(cairo_image_surface_get_width(s), 1600, "1600 pixels wide");
		is_int(cairo_image_surface_get_height(s), 2560, "2560 pixels high");
		unsigned bg = S_pixel(s, 10, 10);
		is_int((int)bg, 0x1d3557, "the background is the cover's");
		/* The title's band holds ink: some pixel there is not background. */
		bool ink = false;
		for (int y = 560; y < 1100 && !ink; y += 2)
			for (int x = 140; x < 1460 && !ink; x++)
				ink = S_pixel(s, x, y) != bg;
		ok(ink, "the title is drawn (a pixel of its band differs from the background)");
		cairo_surface_destroy(s);
	}
	free(png);
	free(again);
	free(svg);
	sv_free(&creators);

	/* A given SVG keeps its proportions, fitted in 1600×2560, on white. */
	const char *square = "<svg xmlns='http://www.w3.org/2000/svg' width='30' height='30'>"
			     "<rect x='10' y='10' width='10' height='10' fill='#ff0000'/></svg>";
	if (ok(cover_png(&png, &len, (const unsigned char *)square, strlen(square), &why) == 0, "a square SVG draws") &&
	    (s = S_decode(png, len, "square"))) {
		ok(cairo_image_surface_get_width(s) == 1600 && cairo_image_surface_get_height(s) == 1600,
		   "a square SVG: 1600×1600 (%d×%d)", cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
		is_int((int)S_pixel(s, 5, 5), 0xffffff, "transparent is white");
		is_int((int)S_pixel(s, 800, 800), 0xff0000, "the drawing is scaled to fit");
		cairo_surface_destroy(s);
	}
	free(png);
	/* Only viewBox: its proportions. */
	const char *wide = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 400 100'/>";
	if (ok(cover_png(&png, &len, (const unsigned char *)wide, strlen(wide), &why) == 0, "a viewBox-only SVG draws") &&
	    (s = S_decode(png, len, "wide"))) {
		ok(cairo_image_surface_get_width(s) == 1600 && cairo_image_surface_get_height(s) == 400,
		   "a 4:1 viewBox: 1600×400 (%d×%d)", cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
		cairo_surface_destroy(s);
	}
	free(png);

	/* Nothing outside the bytes: an image by file name or URL is not
	 * loaded (no base file), so the page stays white. */
	const char *ext = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
			  "width='10' height='10'><image width='10' height='10' xlink:href='file:///usr/share/pixmaps/debian-logo.png'/>"
			  "<image width='10' height='10' href='cover.png'/></svg>";
	if (ok(cover_png(&png, &len, (const unsigned char *)ext, strlen(ext), &why) == 0, "an SVG with references draws") &&
	    (s = S_decode(png, len, "external"))) {
		bool white = true;
		for (int y = 0; y < cairo_image_surface_get_height(s); y += 7)
			for (int x = 0; x < cairo_image_surface_get_width(s); x += 7)
				white &= S_pixel(s, x, y) == 0xffffff;
		ok(white, "no external image was loaded");
		cairo_surface_destroy(s);
	}
	free(png);

	/* Characters no font has: found, so the cover stays an SVG rather
	 * than a PNG of boxes. (U+F0000 is private use: no font has it.) */
	struct cover_text plain = {"Plain title", "", NULL, "2024", "en"};
	char *none = cover_unfonted(&plain);
	ok(none == NULL, "Latin text: every character has a font (%s)", none ? none : "");
	free(none);
	struct cover_text odd = {"A \xF3\xB0\x80\x80 B \xF3\xB0\x80\x80", "", NULL, NULL, "en"};
	char *found = cover_unfonted(&odd);
	is_str(found, "\xF3\xB0\x80\x80", "a character no font has: named once");
	free(found);
	{
		struct resources res = RESOURCES_INIT;
		struct cover c;
		struct diag_list dl = DIAG_LIST_INIT;
		struct post_list none_posts = POST_LIST_INIT;
		struct site site;
		memset(&site, 0, sizeof site);
		site.root = ".";
		site.gen = &site_generic;
		ok(cover_add(&c, &res, NULL, &site, &none_posts, &odd, NULL, &dl) == 0 &&
			   strcmp(c.href, "images/cover.svg") == 0 && res.n == 1,
		   "no font for the title: the generated cover is the SVG");
		ok(dl.n == 1 && dl.v[0].severity == DIAG_WARNING && strstr(dl.v[0].message, "fonts-noto-cjk"),
		   "... with one warning saying what to install");
		diag_list_free(&dl);
		resources_free(&res);
	}

	ok(cover_png(&png, &len, (const unsigned char *)"<svg", 4, &why) == -1 && why && !png,
	   "not SVG: -1 and a reason (%s)", why ? why : "none");
	free(why);
}

/* Runs cover_add; returns the href chosen ("" on failure) in buf. */
static int S_choose(char *buf, size_t cap, bool *generated, struct diag_list *dl, const struct site *site,
		    const struct post_list *posts, const char *path)
{
	struct resources res = RESOURCES_INIT;
	struct cover c;
	struct cover_text t = {"Book", NULL, NULL, NULL, "en"};
	int rc = cover_add(&c, &res, path, site, posts, &t, NULL, dl);
	snprintf(buf, cap, "%s", rc == 0 ? c.href : "");
	*generated = rc == 0 && c.generated;
	if (rc == 0) {
		bool found = false;
		for (size_t i = 0; i < res.n; i++)
			found |= res.v[i].href == c.href && res.v[i].id == c.id;
		ok(found, "the cover is a resource with its id (%s)", c.href);
	}
	resources_free(&res);
	return rc;
}

static void test_choice(void)
{
	if (!mkdtemp(S_tmp)) {
		ok(0, "mkdtemp");
		return;
	}
	char *root = path_join(S_tmp, "site");
	fx_write(S_tmp, "site/posts/one/hero.png", S_png, sizeof S_png);
	/* Other bytes, the same picture: what follows IEND is not read. */
	static const char *const tails[] = {"site", "abs", "out"};
	static const char *const files[] = {"site/static/img/site.png", "site/static/img/abs.png", "outside.png"};
	for (size_t i = 0; i < 3; i++) {
		unsigned char other[sizeof S_png + 8];
		memcpy(other, S_png, sizeof S_png);
		memcpy(other + sizeof S_png, tails[i], strlen(tails[i]));
		fx_write(S_tmp, files[i], other, sizeof S_png + strlen(tails[i]));
	}
	fx_writes(S_tmp, "notes.txt", "just text\n");
	fx_writes(S_tmp, "bad.svg", "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>");
	struct site site;
	memset(&site, 0, sizeof site);
	site.root = root;
	site.gen = &site_generic;
	site.content_dir = xstrdup(".");
	site.static_dir = xstrdup("static");
	char buf[256];
	bool gen;
	struct diag_list dl = DIAG_LIST_INIT;
	struct post_list posts = POST_LIST_INIT;

	/* Nothing named: generated. */
	post_list_push(&posts, S_post(root, "posts/zero.md", NULL));
	is_int(S_choose(buf, sizeof buf, &gen, &dl, &site, &posts, NULL), 0, "no cover named: success");
	is_str(buf, "images/cover.png", "no cover named: images/cover.png");
	ok(gen, "no cover named: generated");
	is_int(dl.n, 0, "no cover named: nothing reported");

	/* The first post naming an image, relative to it. */
	post_list_push(&posts, S_post(root, "posts/one/index.md", "hero.png"));
	post_list_push(&posts, S_post(root, "posts/two.md", "/img/abs.png"));
	is_int(S_choose(buf, sizeof buf, &gen, &dl, &site, &posts, NULL), 0, "front matter: success");
	is_str(buf, "images/hero.png", "front matter: the first post's image, beside the post");
	ok(!gen, "front matter: not generated");

	/* Site-absolute under the static folder. */
	free(posts.v[1]->cover_image);
	posts.v[1]->cover_image = NULL;
	is_int(S_choose(buf, sizeof buf, &gen, &dl, &site, &posts, NULL), 0, "site-absolute: success");
	is_str(buf, "images/abs.png", "site-absolute: under static/");
	is_int(dl.n, 0, "usable covers: nothing reported");

	/* cover_resolve: the readings of a post's images. */
	fx_write(S_tmp, "site/posts/three/inside.png", S_png, sizeof S_png);
	struct post *three = S_post(root, "posts/three.md", NULL);
	const char *refs[][2] = {{"inside.png", "posts/three/inside.png"}, /* a folder named after the post */
				 {"img/abs.png", "static/img/abs.png"},    /* relative, under static/ */
				 {"/img/abs.png?v=2#x", "static/img/abs.png"},
				 {"nowhere.png", "posts/nowhere.png"},     /* not found: the primary reading */
				 {"../../x.png", "../x.png"}};
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		char *got = cover_resolve(&site, three, refs[i][0]);
		is_str(got, refs[i][1], refs[i][0]);
		free(got);
	}
	ok(cover_resolve(&site, three, "https://e.org/x.png") == NULL, "a URL is not a path of the site");
	ok(cover_resolve(&site, three, "data:image/png;base64,AAAA") == NULL, "nor is a data: URL");
	post_free(three);

	/* Unusable: missing, outside the site, remote. Warned, generated. */
	const char *bad[] = {"missing.png", "../../../outside.png", "https://example.org/c.png", "https://a..b/c.png"};
	const char *why[] = {"not found", "outside the site", "remote", "empty label"};
	free(posts.v[2]->cover_image);
	for (size_t i = 0; i < 4; i++) {
		posts.v[2]->cover_image = xstrdup(bad[i]);
		struct diag_list w = DIAG_LIST_INIT;
		ok(S_choose(buf, sizeof buf, &gen, &w, &site, &posts, NULL) == 0, "%s: still a book", bad[i]);
		ok(gen && strcmp(buf, "images/cover.png") == 0, "%s: a generated cover instead", bad[i]);
		ok(fx_has_diag(&w, DIAG_WARNING, "posts/two.md", why[i]), "%s: a warning at the post (%s)", bad[i],
		   why[i]);
		ok(w.n == 1 && w.v[0].line == 3, "%s: one warning, at the field's line", bad[i]);
		ok(diag_count(&w, DIAG_ERROR) == 0, "%s: no error", bad[i]);
		diag_list_free(&w);
		free(posts.v[2]->cover_image);
		posts.v[2]->cover_image = NULL;
	}

	/* The site's configuration comes before the posts. */
	posts.v[2]->cover_image = xstrdup("/img/abs.png");
	const char *cfg = "title: T\nparams:\n  images: [/img/site.png]\n";
	fm_parse_yaml(&site.config, cfg, strlen(cfg), "hugo.yaml", 1, DIAG_ERROR, &dl);
	site.config_file = xstrdup("hugo.yaml");
	site.gen = &site_hugo; /* whose configuration names the cover so */
	is_int(S_choose(buf, sizeof buf, &gen, &dl, &site, &posts, NULL), 0, "site config: success");
	is_str(buf, "images/site.png", "site config: params.images[0] under static/");
	site.gen = &site_zola; /* Zola's configuration has no `params` */
	is_int(S_choose(buf, sizeof buf, &gen, &dl, &site, &posts, NULL), 0, "Zola: success");
	is_str(buf, "images/abs.png", "Zola: params.images is not a cover; the post's is taken");
	site.gen = &site_hugo;

	/* --cover wins, from anywhere. */
	char *outside = path_join(S_tmp, "outside.png");
	is_int(S_choose(buf, sizeof buf, &gen, &dl, &site, &posts, outside), 0, "--cover: success");
	is_str(buf, "images/cover.png", "--cover: images/cover.png, named by its type");
	ok(!gen, "--cover: not generated");
	is_int(dl.n, 0, "nothing reported so far");
	free(outside);

	/* --cover SVG: cleaned, kept, and drawn as the PNG that is the cover. */
	fx_writes(S_tmp, "drawing.svg",
		  "<svg xmlns='http://www.w3.org/2000/svg' width='50' height='80'><script>x()</script>"
		  "<rect width='50' height='80' fill='#00ff00'/></svg>");
	char *drawing = path_join(S_tmp, "drawing.svg");
	{
		struct resources res = RESOURCES_INIT;
		struct cover c;
		struct cover_text t = {"Book", NULL, NULL, NULL, "en"};
		struct diag_list e = DIAG_LIST_INIT;
		is_int(cover_add(&c, &res, drawing, &site, &posts, &t, NULL, &e), 0, "--cover SVG: success");
		is_str(c.href, "images/cover.png", "--cover SVG: the cover-image is its PNG");
		char *kept = res.n == 2 ? xstrndup((const char *)res.v[0].data, res.v[0].len) : NULL;
		ok(kept && strcmp(res.v[0].href, "images/cover.svg") == 0 && strstr(kept, "<rect") && !strstr(kept, "script"),
		   "--cover SVG: the cleaned SVG is kept beside it");
		free(kept);
		cairo_surface_t *s = res.n == 2 ? S_decode(res.v[1].data, res.v[1].len, "--cover SVG") : NULL;
		if (s) {
			ok(cairo_image_surface_get_width(s) == 1600 && cairo_image_surface_get_height(s) == 2560 &&
				   S_pixel(s, 800, 1280) == 0x00ff00,
			   "--cover SVG: drawn at 1600×2560");
			cairo_surface_destroy(s);
		}
		is_int(e.n, 0, "--cover SVG: nothing reported");
		diag_list_free(&e);
		resources_free(&res);
	}
	free(drawing);

	const char *refused[] = {"missing.png", "notes.txt", ".", "bad.svg"};
	const char *says[] = {"cannot read", "not an image", "not a file", "not well-formed"};
	for (size_t i = 0; i < 4; i++) {
		char *p = path_join(S_tmp, refused[i]);
		struct diag_list e = DIAG_LIST_INIT;
		ok(S_choose(buf, sizeof buf, &gen, &e, &site, &posts, p) == -1, "--cover %s: refused", refused[i]);
		ok(diag_count(&e, DIAG_ERROR) == 1 && strstr(e.v[0].message, says[i]) && strstr(e.v[0].message, "--cover"),
		   "--cover %s: one error saying '%s' (%s)", refused[i], says[i], e.n ? e.v[0].message : "none");
		diag_list_free(&e);
		free(p);
	}

	post_list_free(&posts, true);
	fm_node_free(site.config);
	free(site.config_file);
	free(site.content_dir);
	free(site.static_dir);
	diag_list_free(&dl);
	fx_rm_rf(S_tmp);
	free(root);
}

static void test_page(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct cover c = {"images/cover.svg", "img-1", true};
	struct cover_text t = {"Q&A <book>", "Sub", NULL, "2024", "pt-BR"};
	char *page;
	size_t len;
	if (!ok(cover_page(&page, &len, &c, &t, NULL, &dl) == 0, "cover_page succeeds"))
		return;
	xmlDocPtr doc = fx_parse_strict(page, len);
	if (ok(doc != NULL, "cover.xhtml is well-formed")) {
		fx_is_xstr(doc, "string(/h:html/@lang)", "pt-BR", "lang");
		fx_is_xstr(doc, "string(//h:title)", "Q&A <book>", "the page's title is the book's");
		fx_is_xstr(doc, "string(//h:img/@src)", "images/cover.svg", "the image");
		fx_is_xstr(doc, "string(//h:img/@alt)", "Q&A <book>, Sub, 2024", "a generated cover's alt is its text");
		fx_is_xstr(doc, "string(//h:img/@role)", "doc-cover", "role doc-cover");
		xmlFreeDoc(doc);
	}
	free(page);
	c.generated = false;
	cover_page(&page, &len, &c, &t, NULL, &dl);
	doc = fx_parse_strict(page, len);
	if (ok(doc != NULL, "cover.xhtml of an image is well-formed")) {
		fx_is_xstr(doc, "string(//h:img/@alt)", "Capa de Q&A <book>", "an image cover's alt, in the book's language");
		xmlFreeDoc(doc);
	}
	free(page);

	/* The alternative texts and the names in the book's language. */
	static const struct {
		const char *lang, *made, *image, *names;
	} langs[] = {
		{"en", "T, by Ada, Bo and Cy, 2024", "Cover of T", "Ada, Bo and Cy"},
		{"ja", "T、Ada、Bo、Cy 著、2024", "『T』の表紙", "Ada、Bo、Cy"},
		{"fr", "T, par Ada, Bo et Cy, 2024", "Couverture de T", "Ada, Bo et Cy"},
		{"de-AT", "T, von Ada, Bo und Cy, 2024", "Umschlag von T", "Ada, Bo und Cy"},
		{"xx", "T, by Ada, Bo and Cy, 2024", "Cover of T", "Ada, Bo and Cy"},
	};
	struct strvec names = STRVEC_INIT;
	sv_push(&names, "Ada");
	sv_push(&names, "Bo");
	sv_push(&names, "Cy");
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		struct cover_text lt = {"T", NULL, &names, "2024", langs[i].lang};
		for (int generated = 1; generated >= 0; generated--) {
			c.generated = generated;
			page = NULL;
			cover_page(&page, &len, &c, &lt, NULL, &dl);
			doc = page ? fx_parse_strict(page, len) : NULL;
			if (ok(doc != NULL, "%s: cover.xhtml is well-formed", langs[i].lang)) {
				fx_is_xstr(doc, "string(//h:img/@alt)", generated ? langs[i].made : langs[i].image,
					   generated ? "a made cover's alt in the book's language"
						     : "an image cover's alt in the book's language");
				xmlFreeDoc(doc);
			}
			free(page);
		}
		size_t svg_len;
		char *svg = cover_svg(&lt, &svg_len);
		like(svg, langs[i].names, "the made cover draws the names joined in the book's language");
		free(svg);
	}
	sv_free(&names);
	is_int(dl.n, 0, "nothing reported");
	diag_list_free(&dl);
}

/* The package document names the cover (EPUB 2's meta), the nav and NCX
 * list its page first. */
static void test_package_and_nav(void)
{
	static const struct opf_item items[] = {
		{"cover", "cover.xhtml", "application/xhtml+xml", NULL, true},
		{"img-1", "images/cover.svg", "image/svg+xml", "cover-image", false},
	};
	struct opf_input in = {.uid = "urn:uuid:0a300ee9-f9e4-5697-a51a-efc7fafaba67", .title = "T",
			       .language = "en", .modified = "2024-12-28T10:00:00Z", .items = items,
			       .nitems = 2, .cover_id = "img-1"};
	char *out;
	size_t len;
	opf_package(&out, &len, &in);
	xmlDocPtr doc = fx_parse_strict(out, len);
	if (ok(doc != NULL, "content.opf is well-formed")) {
		is_int(fx_xpath_num(doc, "count(//o:metadata/o:meta[@name='cover'][@content='img-1'])"), 1,
		       "<meta name=\"cover\" content=\"img-1\"/>");
		fx_is_xstr(doc, "string(//o:item[@id='img-1']/@properties)", "cover-image", "cover-image property");
		xmlFreeDoc(doc);
	}
	free(out);
	in.cover_id = NULL;
	opf_package(&out, &len, &in);
	unlike(out, "name=\"cover\"", "no cover meta without a cover id");
	free(out);

	struct toc_input ti = {.title = "T", .language = "en", .uid = "urn:uuid:x", .titlepage_href = "titlepage.xhtml",
			       .nav_href = "nav.xhtml", .stylesheet_href = "style.css", .depth = 2,
			       .cover_href = "cover.xhtml"};
	toc_nav(&out, &len, &ti);
	doc = fx_parse_strict(out, len);
	if (ok(doc != NULL, "nav.xhtml is well-formed")) {
		fx_is_xstr(doc, "string(//h:nav[@epub:type='landmarks']//h:li[1]/h:a/@epub:type)", "cover",
			   "the first landmark is the cover");
		fx_is_xstr(doc, "string(//h:nav[@epub:type='landmarks']//h:li[1]/h:a/@href)", "cover.xhtml",
			   "it points at cover.xhtml");
		xmlFreeDoc(doc);
	}
	free(out);
	toc_ncx(&out, &len, &ti);
	doc = fx_parse_strict(out, len);
	if (ok(doc != NULL, "toc.ncx is well-formed")) {
		fx_is_xstr(doc, "string(//n:navMap/n:navPoint[1]/n:content/@src)", "cover.xhtml",
			   "the NCX starts at the cover");
		fx_is_xstr(doc, "string(//n:navMap/n:navPoint[1]/@playOrder)", "1", "playOrder 1");
		xmlFreeDoc(doc);
	}
	free(out);
	ti.cover_href = NULL;
	toc_nav(&out, &len, &ti);
	unlike(out, "epub:type=\"cover\"", "no cover landmark without a cover page");
	free(out);
}

int main(void)
{
	test_package_and_nav();
	test_svg_basic();
	test_svg_escaping();
	test_svg_wrapping();
	test_fields();
	test_png();
	test_choice();
	test_page();
	return done_testing();
}
