/* resources.h — files a book carries besides its chapters (images).
 *
 * Only files inside the site are ever embedded: a path that climbs out
 * of it, or a symlink that resolves outside it, is refused. The media type
 * comes from the file's bytes, not its name. WebP, which EPUB 3.2 takes
 * only with a fallback, is stored as PNG (transcode.h); SVG without its
 * scripts; a PNG, JPEG or GIF only when it decodes (imagecheck.h). The same bytes used by many posts are stored once; names
 * inside the book are ASCII and unique after case folding.
 *
 * Ownership: a resources set owns its entries and their data; free it with
 * resources_free. Hrefs returned stay valid until then.
 */
#ifndef SHEAF_RESOURCES_H
#define SHEAF_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct resource {
	char *href;       /* "images/name.png", relative to the package folder */
	char *id;         /* manifest id */
	const char *media_type;
	unsigned char *data;
	size_t len;
	char hash[41];
};

struct resources {
	struct resource *v;
	size_t n, cap;
	char *site_real;        /* realpath of the site root, resolved once */
	struct strmap by_hash;  /* content hash → index in v */
	struct strmap names;    /* lower-cased href → index in v */
	struct strmap next_number; /* lower-cased href → the next number to try after it */
};
#define RESOURCES_INIT {NULL, 0, 0, NULL, STRMAP_INIT, STRMAP_INIT, STRMAP_INIT}

/* The media type of an image sheaf embeds, or NULL when data is none of
 * PNG, JPEG, GIF, WebP, SVG. All but WebP are EPUB 3.2 core types; WebP
 * is converted to PNG when added. *other names a recognised type sheaf
 * refuses (AVIF, BMP, TIFF, HEIC, ICO) when that is what it is, else
 * NULL. */
const char *media_type_sniff(const unsigned char *data, size_t len, const char **other);

/* Local image files larger than this are refused (read whole, they would
 * take that much memory); remote ones have fetch.h's own cap. */
#define RESOURCES_MAX_IMAGE ((size_t)64 << 20)

/* An image read and made ready to store (an SVG cleaned, a WebP made a
 * PNG, a PNG, JPEG or GIF decoded), before it has a name in the book. Loading is done on any thread;
 * the names are then given in book order by resources_add_loaded, so
 * they never depend on which thread was first. */
struct loaded_image {
	const char *media_type; /* as stored: image/png for a WebP */
	unsigned char *data;    /* as stored; NULL when known() said the bytes
				   are stored already (they were not processed) */
	size_t len;
	char hash[41]; /* SHA-1 of the bytes as found: the same bytes are one file */
};

/* Makes data (len bytes, malloc'd, taken) ready to store; what names them
 * in a reason ("the data: URL", a path). When known (may be NULL) says
 * the hash is stored already, the bytes are not processed again. Returns
 * 0 and *out, or -1 and *why (malloc'd). Thread-safe. */
int resources_load_bytes(struct loaded_image *out, unsigned char *data, size_t len, const char *what,
			 bool (*known)(const char *hash, void *data), void *known_data, char **why);
/* Finds the image at relpath (relative to site_root, whose realpath is
 * site_real) without reading it: refuses what lies outside the site, is
 * not a regular file or is larger than RESOURCES_MAX_IMAGE. rc (may be
 * NULL) remembers folders' real paths: one per thread. Returns 0, its
 * real path in real (PATH_MAX bytes) and its stat in *st (st_dev and
 * st_ino name the file however it was reached), or -1 and *why
 * (malloc'd). Thread-safe. */
struct stat;
int resources_find_file(char *real, struct stat *st, const char *site_root, const char *site_real,
			const char *relpath, struct realpath_cache *rc, char **why);
/* Reads the file resources_find_file found at real and loads it; what
 * names it in a reason (which starts with it). Returns 0 and *out, or -1
 * and *why. Thread-safe. */
int resources_read_file(struct loaded_image *out, const char *real, const char *what,
			bool (*known)(const char *hash, void *data), void *known_data, char **why);
/* Both: reads and loads the image at relpath (relative to site_root, whose
 * realpath is site_real), refusing what lies outside the site. rc (may
 * be NULL) remembers folders' real paths: one per thread. Returns 0 and
 * *out, or -1 and *why. Thread-safe. */
int resources_load_file(struct loaded_image *out, const char *site_root, const char *site_real,
			const char *relpath, struct realpath_cache *rc,
			bool (*known)(const char *hash, void *data), void *known_data, char **why);
/* The href of a loaded image: the stored one with the same bytes, else a
 * new resource named after name_from, which takes img's data (*added is
 * then true). NULL only for bytes known when loaded and not stored, which
 * cannot happen since resources are never removed. */
const char *resources_add_loaded(struct resources *r, struct loaded_image *img, const char *name_from,
				 bool *added);
void loaded_image_free(struct loaded_image *img);

/* Adds the image at relpath (relative to site_root). Returns 0 and *href
 * (whose extension and media type are those stored: ".png" for a WebP),
 * or -1 and *why (a malloc'd reason for a warning). */
int resources_add_image(struct resources *r, const char **href, const char *site_root,
			const char *relpath, char **why);
/* Adds an image given as bytes (a data: URL), named after name. The bytes
 * are copied. Returns 0 and *href, or -1 and *why. */
int resources_add_data(struct resources *r, const char **href, const unsigned char *bytes,
		       size_t len, const char *name, char **why);
/* Adds bytes sheaf made itself (the generated cover, an SVG cover's
 * PNG) of media_type, named after name: stored as they are, without the
 * sniffing, cleaning and decoding that bytes from a site go through
 * (drawing the cover and decoding it again cost 25 ms and 12 MB a book).
 * The bytes are copied. Returns the href (owned by r). */
const char *resources_add_made(struct resources *r, const unsigned char *bytes, size_t len, const char *media_type,
			       const char *name);
void resources_free(struct resources *r);

#endif
