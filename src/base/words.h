/* words.h — the fixed words sheaf writes into a book, in the book's
 * language: headings and labels ("Contents", "Notes"), the count of posts
 * with its plural, the long date of bylines, the joining of names.
 *
 * One row per language, chosen by the BCP 47 primary subtag (`pt-BR` is
 * `pt`), and Chinese in its traditional script (`zh-Hant`, `zh-TW`,
 * `zh-HK`, `zh-MO`) apart; any other language gets English. In base/ rather than book/: the
 * chapter stage (convert/) writes bylines and footnote labels and must not
 * reach up into the book stage. Rows are static and read-only, so worker
 * threads share them freely.
 */
#ifndef SHEAF_WORDS_H
#define SHEAF_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/util.h"

/* How a language picks "1 post" or "2 posts" (CLDR's cardinal rules, for
 * whole numbers). */
enum words_plural {
	WORDS_PLURAL_ONE,      /* one: n = 1 (English, German, Spanish, Finnish) */
	WORDS_PLURAL_ZERO_ONE, /* one: n = 0 or 1 (French, Portuguese) */
	WORDS_PLURAL_NONE,     /* one form (Chinese, Japanese, Korean) */
};

struct words {
	const char *lang;       /* the row's tag: "en", "ja", "zh-Hant" */
	const char *contents;   /* the table of contents' heading */
	const char *cover;      /* landmark labels of the navigation */
	const char *title_page;
	const char *start;      /* "Start of content" */
	const char *landmarks;  /* the (hidden) list of landmarks */
	const char *notes;      /* the footnotes' section */
	const char *backlink;   /* a footnote's link back to its reference */
	const char *tags;       /* the byline's list of tags */
	const char *updated;    /* before the date a post was updated */
	const char *source;     /* before the site's address on the title page */
	const char *list_sep;   /* between names: "A, B and C" */
	const char *list_last;
	/* The count of posts: printf formats taking the number as a string. */
	const char *count_one;
	const char *count_other;
	enum words_plural plural;
	/* The title page's closing line: a printf format taking the count. */
	const char *colophon;
	/* CLDR's long date: a pattern of %d (day), %m (month's number), %B
	 * (month's name in the format context), %Y (year) and literal text. */
	const char *date_long;
	const char *months[12];
	/* The cover's alternative text: "Title, by A and B" (a format taking
	 * the names) and, for a cover image sheaf did not draw, "Cover of
	 * Title" (a format taking the title). */
	const char *by;
	const char *cover_of;
	/* Between a label and what it labels: ": ", or "：" in Chinese and
	 * Japanese. */
	const char *colon;
	/* An embedded player the book cannot play, shown as a link: its label
	 * ("Video: title"), and a video's poster image's alternative text. */
	const char *video;
	const char *audio;
	const char *embedded;
	const char *video_poster;
	/* A shortcode's embed (Hugo's youtube, tweet, gist…), shown as a link:
	 * "Video on YouTube", formats taking the service's name; and an
	 * embedded page (Hexo's iframe tag). */
	const char *video_on;
	const char *post_on;
	const char *gist_on;
	const char *embedded_page;
	/* An image the book cannot show and whose post gave no alternative
	 * text: "[image: name.png]"; and the alternative text of an image
	 * named by nothing at all. */
	const char *image;
	/* The table of contents' entry of a heading without text. */
	const char *section;
	/* reStructuredText's (Sphinx's) seealso box, as Sphinx translates it. */
	const char *see_also;
	/* The package document's schema:accessibilitySummary, for a book with
	 * images and one without. */
	const char *a11y_images;
	const char *a11y_text;
};

/* True when s is a well-formed BCP 47 language tag (syntax only): what
 * lang and xml:lang may say in a book, in XHTML and in SVG alike. */
bool lang_tag_valid(const char *s);
/* The row of tag's primary subtag (ASCII case-insensitive; Chinese by its
 * script or region too), else English.
 * tag may be NULL. Never NULL; static, never freed. */
const struct words *words_for(const char *tag);
/* "1 post", "9 posts", "9件の記事". Malloc'd. */
char *words_count(const struct words *w, size_t n);
/* The title page's closing line for n posts: "9 posts, bound with sheaf."
 * Malloc'd. */
char *words_colophon(const struct words *w, size_t n);
/* The long date of d as written: "11 September 2015", "2015年9月11日".
 * Malloc'd; "" when d is not valid. */
char *words_date(const struct words *w, const struct date *d);
/* fmt (a field of the table holding one %s) with arg in place of the
 * %s: words_fill(w->by, "Ada") is "by Ada". Malloc'd. */
char *words_fill(const char *fmt, const char *arg);
/* Appends the names of sv joined the language's way: "A, B and C". */
void words_join(const struct words *w, struct strbuf *sb, const struct strvec *sv);

#endif
