/* post.h — the model every stage after collection reads.
 *
 * A post owns all its strings; post_free releases them. A post_list owns
 * its posts when made by the site layer; a selection (select.h) only
 * borrows them.
 */
#ifndef SHEAF_POST_H
#define SHEAF_POST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/diag.h"
#include "base/util.h"

struct fm_node;

struct post {
	char *path;      /* as found: SITE joined with the relative path */
	char *relpath;   /* relative to the site root; stable across machines */
	char *title;
	struct date date;    /* created */
	struct date updated; /* invalid when never updated */
	bool draft;
	struct strvec tags;
	struct strvec categories;
	struct strvec authors;      /* ids as written in front matter */
	struct strvec author_names; /* display names, same order */
	char *description;          /* may be NULL */
	char *slug;                 /* front matter `slug`, may be NULL */
	/* Fields of the generators of issue 3; empty when a site has none. */
	struct strvec series;       /* series names (Hugo taxonomy or field) */
	int weight;                 /* ordering within a series; 0 when unset */
	struct date publish_date;   /* Hugo publishDate; invalid when unset */
	struct date expiry_date;    /* Hugo expiryDate; invalid when unset */
	struct strvec aliases;      /* other URLs of the post (paths or full URLs) */
	char *url;                  /* front matter url/permalink, may be NULL */
	char *summary;              /* may be NULL */
	char *live_url;             /* the post's URL on the live site, when the
				       generator and the site URL know it */
	char *cover_image;          /* front matter cover_image/image/images[0] as
				       written (a path or URL), may be NULL */
	int cover_line;             /* its line in the file */
	unsigned long long dev, ino; /* the file read: what an output path must not be */
	unsigned gen_marks;         /* the generator's own notes on the post, set
				       by its post_fields for its collected hook
				       (site.h); 0 unless it sets them */
	char *body;                 /* Markdown after the front matter */
	size_t body_len;
	/* The parsed front matter, kept only when the generator's passes read
	 * it (site.h's keep_front_matter: Hugo's `param`), else NULL; freed
	 * with the body once the post is converted. */
	struct fm_node *front_matter;
	int body_line;              /* file line where body starts */
};

struct post_list {
	struct post **v;
	size_t n, cap;
};
#define POST_LIST_INIT {NULL, 0, 0}

struct post *post_new(const char *path, const char *relpath);
void post_free(struct post *p);
void post_list_push(struct post_list *pl, struct post *p);
/* Where a post's text fields enter the model: in its title, description,
 * summary, tags, categories, series and authors, what XML cannot hold
 * (control characters a YAML or TOML escape wrote, U+FFFE/U+FFFF, invalid
 * UTF-8) becomes U+FFFD, one warning a field (text_clean_fields). Every
 * writer of the book (OPF, nav, NCX, chapters) then gets clean text. */
void post_clean_text(struct post *p, struct diag_list *dl);
/* Frees the array; with owned, the posts too. */
void post_list_free(struct post_list *pl, bool owned);

#endif
