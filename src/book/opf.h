/* opf.h — the package document (content.opf) and META-INF/container.xml.
 *
 * Written with xmlTextWriter: every value is escaped. Strings returned are
 * malloc'd.
 */
#ifndef SHEAF_OPF_H
#define SHEAF_OPF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct opf_item {
	const char *id, *href, *media_type;
	const char *properties; /* NULL or e.g. "nav" */
	bool in_spine;          /* listed in the spine, in manifest order */
};

struct opf_input {
	const char *uid; /* "urn:uuid:…" */
	const char *title, *subtitle, *description, *source;
	const struct strvec *creators;
	const struct strvec *subjects;
	const char *language;
	const char *date;     /* W3CDTF (YYYY-MM-DD, …) or NULL */
	const char *modified; /* YYYY-MM-DDThh:mm:ssZ */
	bool has_images;
	const char *series;  /* belongs-to-collection, or NULL */
	int series_position; /* its group-position; 0 when not given */
	const struct opf_item *items;
	size_t nitems;
	const char *cover_id; /* the cover image's item, or NULL: <meta name="cover"> */
	const char *publisher, *rights; /* dc:publisher, dc:rights, or NULL */
};

int opf_package(char **out, size_t *len, const struct opf_input *in);
/* container.xml pointing at opf_path (e.g. "EPUB/content.opf"). */
char *opf_container(const char *opf_path, size_t *len);

#endif
