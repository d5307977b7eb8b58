/* imagefile.h — which site file an image reference names.
 *
 * Readings tried, most likely first: the chapter's primary reading (the
 * reference relative to the post's file, so also to its page bundle; a
 * site-absolute path under the static folder); the folders its generator
 * names for a post's images (site_image_folders: by default the folder
 * named after the post); the reference resolved
 * against the post's URL on the site (Jekyll posts write `../assets/x.png`
 * against their permalink); site-absolute paths under the static folder,
 * the content folder and the root, each with and without the site's base
 * path. A name without extension (Hugo's `imgproc NAME`) also matches
 * NAME.png, .jpg, .jpeg, .gif, .webp or .svg in its folder. A reading that
 * climbs above the site root is never tried.
 *
 * Paths are relative to the site root. The returned strings are malloc'd;
 * the caller frees them.
 */
#ifndef SHEAF_IMAGEFILE_H
#define SHEAF_IMAGEFILE_H

#include "input/post.h"
#include "input/site.h"
#include "base/util.h"

/* Appends every reading of the reference to out (owned by out). target is
 * the chapter's primary reading (normalized, site-relative), raw the src
 * as written (may be NULL: then only target). */
void image_readings(struct strvec *out, const struct site *site, const struct post *p,
		    const char *target, const char *raw);
/* The first reading that exists in the site, else a copy of target (which
 * resources_add_image then reports: missing, or outside the site). */
char *image_file(const struct site *site, const struct post *p, const char *target, const char *raw);

#endif
