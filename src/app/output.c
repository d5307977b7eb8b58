#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "app/output.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/slug.h"
#include "base/utf8.h"
#include "base/util.h"
#include "epub/epub.h"

/* Whether the slug of text keeps something of it: an ASCII letter or
 * digit, or a Latin letter it spells in ASCII. */
static bool S_sluggable(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), n;
	char ascii[3];
	for (size_t i = 0; i < len; i += n ? n : 1) {
		unsigned cp;
		n = utf8_decode(s + i, len - i, &cp);
		if (n && (cp < 0x80 ? isalnum((int)cp) != 0 : slug_latin(cp, ascii) > 0))
			return true;
	}
	return false;
}

/* A name of the letters of a title in a script a slug drops (Chinese,
 * Korean, Cyrillic…): spaces become one '-', punctuation, symbols and
 * control characters go ('/' with them). */
static char *S_letters(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), n;
	bool sep = false;
	for (size_t i = 0; i < len; i += n ? n : 1) {
		unsigned cp;
		n = utf8_decode(s + i, len - i, &cp);
		if (!n || cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || utf8_is_punct(cp))
			continue;
		if (utf8_is_space(cp)) {
			sep = true;
			continue;
		}
		if (sep && sb.len)
			sb_addc(&sb, '-');
		sep = false;
		char utf8[4];
		sb_add(&sb, utf8, utf8_encode(utf8, utf8_lower(cp)));
	}
	return sb_detach(&sb);
}

/* title with its dashes (en, em) and middle dots as spaces: a slug drops
 * them, and "2019–2021" would become "20192021". */
static char *S_dashes_as_spaces(const char *title)
{
	static const char *const marks[] = {"\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xB7"};
	struct strbuf sb = STRBUF_INIT;
	for (const char *s = title; *s;) {
		size_t k = 0;
		while (k < sizeof marks / sizeof *marks && strncmp(s, marks[k], strlen(marks[k])) != 0)
			k++;
		if (k < sizeof marks / sizeof *marks) {
			sb_addc(&sb, ' ');
			s += strlen(marks[k]);
		} else {
			sb_addc(&sb, *s++);
		}
	}
	return sb_detach(&sb);
}

char *output_default_name(const char *title_in)
{
	char *title = S_dashes_as_spaces(title_in);
	char *slug = S_sluggable(title) ? NULL : S_letters(title);
	if (!slug || !*slug) {
		free(slug);
		slug = slugify(title);
	}
	free(title);
	size_t max = OUTPUT_NAME_MAX - strlen(".epub"), keep = 0;
	const unsigned char *s = (const unsigned char *)slug;
	size_t len = strlen(slug);
	while (keep < len) {
		size_t n = utf8_decode(s + keep, len - keep, NULL);
		if (!n || keep + n > max)
			break;
		keep += n;
	}
	/* A name that ends in a separator reads as cut short, and a trailing
	 * dot or space is a trap on some file systems. */
	while (keep > 1 && strchr("-_. ", slug[keep - 1]))
		keep--;
	char *name = xasprintf("%.*s.epub", (int)keep, slug);
	free(slug);
	return name;
}

/* Whether the file at real (a real location) lies inside folder. */
static bool S_inside(const char *real, const char *folder)
{
	char root[PATH_MAX];
	if (!folder || !realpath(folder, root))
		return false;
	size_t n = strlen(root);
	return strncmp(real, root, n) == 0 && (real[n] == '/' || (n == 1 && root[0] == '/'));
}

static bool S_same_file(const struct stat *st, const char *path)
{
	struct stat other;
	return path && stat(path, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

int output_target(char **target, const char *output, const struct output_guard *g,
		  struct diag_list *dl)
{
	*target = NULL;
	struct stat st;
	if (lstat(output, &st) != 0) {
		/* Nothing is there: a new file may go anywhere its folder exists. */
		char *outdir = path_dirname(output);
		bool dir_ok = path_is_dir(outdir);
		free(outdir);
		if (!dir_ok) {
			diag_error(dl, output, 0, 0, "the folder to write the book in does not exist");
			return -1;
		}
		*target = xstrdup(output);
		return 0;
	}
	char real[PATH_MAX];
	const char *path = output;
	if (S_ISLNK(st.st_mode)) {
		/* Written through: replacing the link would leave its target,
		 * which the user named, as it was. */
		if (stat(output, &st) != 0) {
			diag_error(dl, output, 0, 0,
				   "is a symbolic link to nothing that exists (%s); give the book's own path with -o",
				   strerror(errno));
			return -1;
		}
		path = NULL; /* its target's real path, once it is known to be a file */
	}
	if (S_ISDIR(st.st_mode)) {
		diag_error(dl, output, 0, 0, "is a folder; give the book's file name with -o");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(dl, output, 0, 0,
			   "is not a regular file (a device, FIFO or socket): the book must be written to a "
			   "regular file");
		return -1;
	}
	if (!path) {
		if (!realpath(output, real)) {
			diag_error(dl, output, 0, 0, "cannot tell where the book would go: %s", strerror(errno));
			return -1;
		}
		path = real;
	}
	if (epub_is_ours(path)) {
		*target = xstrdup(path);
		return 0;
	}
	/* Through hard links and symlinks alike: the posts were stat'ed when
	 * read, also those whose files lie outside the site's folder. */
	for (size_t i = 0; g->posts && i < g->posts->n; i++) {
		const struct post *p = g->posts->v[i];
		if (p->dev == (unsigned long long)st.st_dev && p->ino == (unsigned long long)st.st_ino) {
			diag_error(dl, output, 0, 0, "the output would overwrite a post of the site");
			return -1;
		}
	}
	if (S_same_file(&st, g->cover)) {
		diag_error(dl, output, 0, 0, "the output would overwrite the cover image");
		return -1;
	}
	/* Its real path (path is no link now): "..", "." and symlinked
	 * folders read, so no other spelling of a site file gets through. */
	char where[PATH_MAX];
	if (!realpath(path, where)) {
		diag_error(dl, output, 0, 0, "cannot tell where the book would go: %s", strerror(errno));
		return -1;
	}
	const char *what = NULL;
	if (S_inside(where, g->site))
		what = "a file of the site";
	else if (S_inside(where, g->templates))
		what = "a file of the --templates folder";
	if (what) {
		diag_error(dl, output, 0, 0,
			   "the output would overwrite %s that is not a book sheaf wrote; give another path with -o",
			   what);
		return -1;
	}
	if (!g->force) {
		diag_error(dl, output, 0, 0,
			   "exists and is not a book sheaf wrote; give another path with -o, or -f to replace it");
		return -1;
	}
	*target = xstrdup(path);
	return 0;
}
