#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "book/resources.h"

#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/path.h"
#include "base/hash.h"
#include "book/imagecheck.h"
#include "book/transcode.h"
#include "base/util.h"
#include "convert/svg.h"

const char *media_type_sniff(const unsigned char *d, size_t len, const char **other)
{
	*other = NULL;
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		return "image/gif";
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (len >= 12 && memcmp(d + 4, "ftyp", 4) == 0) {
		if (memcmp(d + 8, "avif", 4) == 0 || memcmp(d + 8, "avis", 4) == 0)
			*other = "AVIF";
		else if (memcmp(d + 8, "hei", 3) == 0 || memcmp(d + 8, "mif1", 4) == 0)
			*other = "HEIC";
		return NULL;
	}
	if (len >= 2 && memcmp(d, "BM", 2) == 0) {
		*other = "BMP";
		return NULL;
	}
	if (len >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0)) {
		*other = "TIFF";
		return NULL;
	}
	if (len >= 4 && memcmp(d, "\0\0\1\0", 4) == 0) {
		*other = "ICO";
		return NULL;
	}
	/* SVG: text whose first element is <svg>, after a BOM, an XML
	 * declaration, comments or a doctype. */
	size_t i = 0;
	if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		while (i < len && isspace(d[i]))
			i++;
		if (i + 4 <= len && memcmp(d + i, "<svg", 4) == 0)
			return "image/svg+xml";
		if (i + 2 <= len && d[i] == '<' && (d[i + 1] == '?' || d[i + 1] == '!')) {
			const unsigned char *end = memchr(d + i, '>', len - i);
			if (!end)
				break;
			if (i + 4 <= len && memcmp(d + i, "<!--", 4) == 0) {
				const unsigned char *c = d + i + 4;
				end = NULL;
				for (; c + 3 <= d + len; c++)
					if (memcmp(c, "-->", 3) == 0) {
						end = c + 2;
						break;
					}
				if (!end)
					break;
			}
			i = (size_t)(end - d) + 1;
			continue;
		}
		break;
	}
	return NULL;
}

static const char *S_ext(const char *media_type)
{
	if (strcmp(media_type, "image/png") == 0)
		return ".png";
	if (strcmp(media_type, "image/jpeg") == 0)
		return ".jpg";
	if (strcmp(media_type, "image/gif") == 0)
		return ".gif";
	return ".svg";
}

/* Whether every namespace declared in the tree is a plain URI. libxml2
 * writes a namespace back without escaping it: one holding "<" or "&"
 * (as an entity in the file) would make the stored SVG ill-formed. The
 * parser's depth limit bounds the recursion. */
static bool S_namespaces_ok(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next)
			for (const xmlChar *c = ns->href; c && *c; c++)
				if (*c < 0x21 || strchr("<>&\"'", *c))
					return false;
		if (!S_namespaces_ok(n->children))
			return false;
	}
	return true;
}

/* Parses an SVG strictly (no network, no entity expansion, no DTD), cleans
 * it with the SVG policy (svg.h) and writes it back. Returns 0 and the new
 * bytes. */
static int S_svg(unsigned char **data, size_t *len, char **why)
{
	xmlDocPtr doc = xmlReadMemory((const char *)*data, (int)*len, "image.svg", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		*why = xstrdup("the SVG file is not well-formed XML");
		return -1;
	}
	if (doc->intSubset) {
		/* Entities in a DTD are how SVG files expand or read local files. */
		xmlFreeDoc(doc);
		*why = xstrdup("the SVG file has a DOCTYPE, which is refused");
		return -1;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "svg") != 0 || !root->ns ||
	    !xmlStrEqual(root->ns->href, (const xmlChar *)SVG_NS)) {
		/* Without its namespace no reader (nor browser) draws it. */
		xmlFreeDoc(doc);
		*why = xstrdup("the file is not an SVG image (no <svg> in the SVG namespace)");
		return -1;
	}
	if (!S_namespaces_ok(root)) {
		xmlFreeDoc(doc);
		*why = xstrdup("the SVG file declares a namespace that is not a URI");
		return -1;
	}
	/* From the document's top: the root's attributes are cleaned like any
	 * other's (an href on <svg> was once kept), and the prolog's
	 * processing instructions go. */
	svg_clean_doc(doc);
	xmlBufferPtr buf = xmlBufferCreate();
	xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT); /* the default grows by 10 bytes */
	xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_AS_XML);
	xmlSaveDoc(save, doc);
	xmlSaveClose(save);
	free(*data);
	*len = (size_t)xmlBufferLength(buf);
	*data = xmalloc(*len + 1);
	memcpy(*data, xmlBufferContent(buf), *len);
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	return 0;
}

/* An ASCII file name, free of what EPUB forbids, from the source's name. */
static char *S_book_name(const char *relpath, const char *ext)
{
	const char *base = path_basename(relpath);
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n && sb.len < 60; i++) {
		unsigned char c = (unsigned char)base[i];
		if (isalnum(c) || c == '-' || c == '_')
			sb_addc(&sb, (char)c);
		else if (sb.len && sb.s[sb.len - 1] != '-')
			sb_addc(&sb, '-');
	}
	if (!sb.len)
		sb_adds(&sb, "image");
	sb_adds(&sb, ext);
	return sb_detach(&sb);
}

/* Names must differ after case folding: readers on case-insensitive file
 * systems unpack the book. */
static char *S_folded(const char *s)
{
	char *f = xstrdup(s);
	for (char *p = f; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return f;
}

static bool S_name_taken(const struct resources *r, const char *href)
{
	char *f = S_folded(href);
	bool taken = strmap_get(&r->names, f, NULL);
	free(f);
	return taken;
}

int resources_load_bytes(struct loaded_image *out, unsigned char *data, size_t len, const char *what,
			 bool (*known)(const char *hash, void *data), void *known_data, char **why)
{
	const char *other;
	const char *type = media_type_sniff(data, len, &other);
	memset(out, 0, sizeof *out);
	*why = NULL;
	if (!type) {
		*why = other ? xasprintf("%s is a %s image, which EPUB readers do not all show; "
					 "convert it to PNG or JPEG", what, other)
			     : xasprintf("%s is not an image sheaf can embed (PNG, JPEG, GIF, WebP, SVG)",
					 what);
		free(data);
		return -1;
	}
	/* The hash is of the bytes as found: the same file used twice is
	 * cleaned or converted once. */
	sha1_hex(data, len, out->hash);
	if (known && known(out->hash, known_data)) {
		free(data);
		return 0;
	}
	int rc = 0;
	unsigned w, h;
	if (strcmp(type, "image/svg+xml") == 0) {
		rc = S_svg(&data, &len, why);
	} else if (strcmp(type, "image/webp") == 0) {
		/* EPUB 3.2 (and so epubcheck 4.2) takes WebP only with a
		 * fallback, and many readers cannot show it: store a PNG. */
		unsigned char *png;
		size_t png_len;
		rc = transcode_webp_to_png(&png, &png_len, data, len, why);
		if (rc == 0) {
			free(data);
			data = png;
			len = png_len;
			type = "image/png";
		}
	} else {
		/* A file cut short or damaged is refused, not stored: epubcheck
		 * rejects the book and readers show a broken picture. */
		rc = image_check(&w, &h, data, len, type, why);
	}
	if (rc < 0) {
		char *reason = *why;
		*why = xasprintf("%s: %s", what, reason);
		free(reason);
		free(data);
		return -1;
	}
	out->media_type = type;
	out->data = data;
	out->len = len;
	return 0;
}

const char *resources_add_loaded(struct resources *r, struct loaded_image *img, const char *name_from,
				 bool *added)
{
	size_t known;
	*added = false;
	if (strmap_get(&r->by_hash, img->hash, &known))
		return r->v[known].href;
	if (!img->data)
		return NULL; /* known when loaded: never, since names are only added */
	const char *type = img->media_type;
	char *name = S_book_name(name_from, S_ext(type));
	char *candidate = xasprintf("images/%s", name);
	if (S_name_taken(r, candidate)) {
		/* name-2, name-3…: the search starts where the last one for this
		 * name stopped. Names are only ever added, so every number below
		 * that is still taken, and the result is what counting from 2
		 * would give, without the quadratic cost of 10,000 "pic.png". */
		char *key = S_folded(candidate);
		size_t k = 2;
		strmap_get(&r->next_number, key, &k);
		const char *ext = S_ext(type);
		do {
			free(candidate);
			candidate = xasprintf("images/%.*s-%zu%s", (int)(strlen(name) - strlen(ext)), name, k++, ext);
		} while (S_name_taken(r, candidate));
		strmap_put(&r->next_number, key, k);
		free(key);
	}
	free(name);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	struct resource *res = &r->v[r->n++];
	res->href = candidate;
	res->id = xasprintf("img-%zu", r->n);
	res->media_type = type;
	res->data = img->data;
	res->len = img->len;
	memcpy(res->hash, img->hash, sizeof img->hash);
	strmap_put(&r->by_hash, img->hash, r->n - 1);
	char *folded = S_folded(candidate);
	strmap_put(&r->names, folded, r->n - 1);
	free(folded);
	img->data = NULL;
	*added = true;
	return res->href;
}

void loaded_image_free(struct loaded_image *img)
{
	free(img->data);
	memset(img, 0, sizeof *img);
}

static char *S_too_big(const char *what)
{
	return xasprintf("%s is larger than %d MiB, more than any picture in a book needs", what,
			 (int)(RESOURCES_MAX_IMAGE >> 20));
}

int resources_find_file(char *real, struct stat *st, const char *site_root, const char *site_real,
			const char *relpath, struct realpath_cache *rc, char **why)
{
	int ret = -1;
	char *full = NULL;
	*why = NULL;

	if (relpath[0] == '/' || str_starts_with(relpath, "..")) {
		*why = xasprintf("'%s' lies outside the site, and only files inside it are embedded",
				 relpath);
		goto out;
	}
	if (!site_real) {
		*why = xasprintf("cannot resolve the site folder %s", site_root);
		goto out;
	}
	full = path_join(site_root, relpath);
	bool have_st = false;
	if (!(rc ? realpath_cached_stat(rc, full, real, st, &have_st) : realpath(full, real) != NULL)) {
		*why = xasprintf("image not found: %s", relpath);
		goto out;
	}
	if (!path_under(real, site_real)) {
		*why = xasprintf("'%s' resolves (through a symlink) outside the site, and only files "
				 "inside it are embedded", relpath);
		goto out;
	}
	/* path.h's rule: nothing from a hidden path or a version-control
	 * folder, as named or as resolved. */
	enum path_refusal hidden = path_check_rel(relpath);
	if (hidden == PATH_OK)
		hidden = path_check_rel(path_under(real, site_real));
	if (hidden != PATH_OK) {
		*why = xasprintf("'%s' refused: it %s", relpath,
				 hidden == PATH_HIDDEN ? "is (or leads to) a hidden path" : path_refusal_why(hidden));
		goto out;
	}
	if ((!have_st && stat(real, st) < 0) || !S_ISREG(st->st_mode)) {
		*why = xasprintf("not a file: %s", relpath);
		goto out;
	}
	if ((uintmax_t)st->st_size > RESOURCES_MAX_IMAGE) {
		/* Read whole, a video named .png (or worse) would eat memory. */
		*why = S_too_big(relpath);
		goto out;
	}
	ret = 0;
out:
	free(full);
	return ret;
}

int resources_read_file(struct loaded_image *out, const char *real, const char *what,
			bool (*known)(const char *hash, void *data), void *known_data, char **why)
{
	char *text;
	size_t len;
	memset(out, 0, sizeof *out);
	*why = NULL;
	/* The limit again: the file may have grown since it was found. */
	int err = read_file_stat(real, RESOURCES_MAX_IMAGE, &text, &len, NULL);
	if (err == -EFBIG) {
		*why = S_too_big(what);
		return -1;
	}
	if (err < 0) {
		*why = xasprintf("cannot read image %s: %s", what, strerror(-err));
		return -1;
	}
	return resources_load_bytes(out, (unsigned char *)text, len, what, known, known_data, why);
}

int resources_load_file(struct loaded_image *out, const char *site_root, const char *site_real,
			const char *relpath, struct realpath_cache *rc,
			bool (*known)(const char *hash, void *data), void *known_data, char **why)
{
	char real[PATH_MAX];
	struct stat st;
	memset(out, 0, sizeof *out);
	if (resources_find_file(real, &st, site_root, site_real, relpath, rc, why) < 0)
		return -1;
	return resources_read_file(out, real, relpath, known, known_data, why);
}

int resources_add_image(struct resources *r, const char **href, const char *site_root,
			const char *relpath, char **why)
{
	*href = NULL;
	*why = NULL;
	if (!r->site_real && !(relpath[0] == '/' || str_starts_with(relpath, ".."))) {
		char root_real[PATH_MAX];
		if (!realpath(site_root, root_real)) {
			*why = xasprintf("cannot resolve the site folder: %s", strerror(errno));
			return -1;
		}
		r->site_real = xstrdup(root_real);
	}
	struct loaded_image img;
	if (resources_load_file(&img, site_root, r->site_real, relpath, NULL, NULL, NULL, why) < 0)
		return -1;
	bool added;
	*href = resources_add_loaded(r, &img, relpath, &added);
	loaded_image_free(&img);
	return 0;
}

int resources_add_data(struct resources *r, const char **href, const unsigned char *bytes,
		       size_t len, const char *name, char **why)
{
	*href = NULL;
	unsigned char *data = xmalloc(len + 1);
	memcpy(data, bytes, len);
	data[len] = 0;
	struct loaded_image img;
	if (resources_load_bytes(&img, data, len, "the data: URL", NULL, NULL, why) < 0)
		return -1;
	bool added;
	*href = resources_add_loaded(r, &img, name, &added);
	loaded_image_free(&img);
	return 0;
}

const char *resources_add_made(struct resources *r, const unsigned char *bytes, size_t len, const char *media_type,
			       const char *name)
{
	struct loaded_image img = {media_type, xmalloc(len + 1), len, ""};
	memcpy(img.data, bytes, len);
	img.data[len] = 0;
	sha1_hex(img.data, len, img.hash);
	bool added;
	const char *href = resources_add_loaded(r, &img, name, &added);
	loaded_image_free(&img);
	return href;
}

void resources_free(struct resources *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].href);
		free(r->v[i].id);
		free(r->v[i].data);
	}
	free(r->v);
	free(r->site_real);
	strmap_free(&r->by_hash);
	strmap_free(&r->names);
	strmap_free(&r->next_number);
	memset(r, 0, sizeof *r);
}
