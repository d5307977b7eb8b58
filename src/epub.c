#include "epub.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "date.h"
#include "util.h"

void epub_add(struct epub *e, const char *name, void *data, size_t len)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->v = xrealloc(e->v, e->cap * sizeof *e->v);
	}
	e->v[e->n].name = xstrdup(name);
	e->v[e->n].data = data;
	e->v[e->n].len = len;
	e->n++;
}

/* MS-DOS date and time, which is what a zip entry holds. Set directly:
 * zip_file_set_mtime would go through localtime() and make the bytes
 * depend on the builder's time zone. */
static void S_dos_time(int64_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct date d = date_from_epoch(t);
	if (d.year < 1980) {
		d.year = 1980;
		d.month = d.day = 1;
		d.hour = d.minute = d.second = 0;
	}
	if (d.year > 2107)
		d.year = 2107;
	*dtime = (zip_uint16_t)((d.hour << 11) | (d.minute << 5) | (d.second / 2));
	*ddate = (zip_uint16_t)(((d.year - 1980) << 9) | (d.month << 5) | d.day);
}

int epub_write(const struct epub *e, const char *path, int64_t mtime, struct diag_list *dl)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		diag_error(dl, path, 0, 0, "cannot write the book: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_uint16_t dtime, ddate;
	S_dos_time(mtime, &dtime, &ddate);
	for (size_t i = 0; i < e->n; i++) {
		const struct epub_entry *en = &e->v[i];
		zip_source_t *src = zip_source_buffer(za, en->data, en->len, 0);
		zip_int64_t idx = src ? zip_file_add(za, en->name, src, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			if (src)
				zip_source_free(src);
			diag_error(dl, path, 0, 0, "cannot add %s to the book: %s", en->name,
				   zip_strerror(za));
			zip_discard(za);
			return -1;
		}
		bool stored = strcmp(en->name, "mimetype") == 0;
		zip_set_file_compression(za, (zip_uint64_t)idx, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
					 stored ? 0 : 9);
		zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0);
		zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
						 (zip_uint32_t)0100644 << 16);
	}
	if (zip_close(za) < 0) {
		diag_error(dl, path, 0, 0, "cannot write the book: %s", zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
}

void epub_free(struct epub *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].name);
		free(e->v[i].data);
	}
	free(e->v);
	memset(e, 0, sizeof *e);
}
