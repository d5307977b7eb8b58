#define _POSIX_C_SOURCE 200809L
#include "app/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/editdist.h"
#include "base/url.h"
#include "base/words.h"
#include "input/site.h"

#ifndef SHEAF_VERSION
#define SHEAF_VERSION "0.0.0"
#endif

enum {
	OPT_SINCE = 256,
	OPT_UNTIL,
	OPT_DRAFTS,
	OPT_ORDER,
	OPT_TITLE,
	OPT_SUBTITLE,
	OPT_CREATOR,
	OPT_LANGUAGE,
	OPT_TOC_DEPTH,
	OPT_TEMPLATES,
	OPT_LIST,
	OPT_GENERATOR,
	OPT_SITE_URL,
	OPT_MAX_POST_SIZE,
	OPT_OFFLINE,
	OPT_FETCH_TIMEOUT,
	OPT_SERIES,
	OPT_SERIES_POSITION,
	OPT_COVER,
	OPT_WARNINGS,
	OPT_LIST_TAGS,
	OPT_LIST_CATEGORIES,
	OPT_LIST_SERIES,
	OPT_LIST_AUTHORS,
	OPT_DESCRIPTION,
	OPT_PUBLISHER,
	OPT_RIGHTS,
	OPT_DATE,
	OPT_BOOK,
	OPT_ALL_BOOKS,
	OPT_BOOK_FILE,
};

/* The one table of keys (cli.h), with what a book file may do with each. */
enum { S_BOOK = 1, S_PATH = 2, S_NUMBER = 4, S_DATE = 8 };
#define K(name, type, code, flags)                                                                   \
	{name, type, code, ((flags) & S_BOOK) != 0, ((flags) & S_PATH) != 0, ((flags) & S_NUMBER) != 0, \
	 ((flags) & S_DATE) != 0}
static const struct cli_key S_keys[] = {
	K("output", CLI_VALUE, 'o', S_BOOK | S_PATH),
	K("force", CLI_FLAG, 'f', 0),
	K("tag", CLI_LIST, 't', S_BOOK),
	K("category", CLI_LIST, 'c', S_BOOK),
	K("author", CLI_LIST, 'a', S_BOOK),
	K("series", CLI_LIST, OPT_SERIES, S_BOOK),
	K("series-position", CLI_VALUE, OPT_SERIES_POSITION, S_BOOK | S_NUMBER),
	K("since", CLI_VALUE, OPT_SINCE, S_BOOK | S_DATE),
	K("until", CLI_VALUE, OPT_UNTIL, S_BOOK | S_DATE),
	K("drafts", CLI_FLAG, OPT_DRAFTS, S_BOOK),
	K("order", CLI_VALUE, OPT_ORDER, S_BOOK),
	K("title", CLI_VALUE, OPT_TITLE, S_BOOK),
	K("subtitle", CLI_VALUE, OPT_SUBTITLE, S_BOOK),
	K("creator", CLI_LIST, OPT_CREATOR, S_BOOK),
	K("language", CLI_VALUE, OPT_LANGUAGE, S_BOOK),
	K("description", CLI_VALUE, OPT_DESCRIPTION, S_BOOK),
	K("publisher", CLI_VALUE, OPT_PUBLISHER, S_BOOK),
	K("rights", CLI_VALUE, OPT_RIGHTS, S_BOOK),
	K("date", CLI_VALUE, OPT_DATE, S_BOOK | S_DATE),
	K("toc-depth", CLI_VALUE, OPT_TOC_DEPTH, S_BOOK | S_NUMBER),
	K("templates", CLI_VALUE, OPT_TEMPLATES, S_BOOK | S_PATH),
	K("cover", CLI_VALUE, OPT_COVER, S_BOOK | S_PATH),
	K("generator", CLI_VALUE, OPT_GENERATOR, 0),
	K("site-url", CLI_VALUE, OPT_SITE_URL, 0),
	K("book", CLI_LIST, OPT_BOOK, 0),
	K("all-books", CLI_FLAG, OPT_ALL_BOOKS, 0),
	K("book-file", CLI_VALUE, OPT_BOOK_FILE, 0),
	K("list", CLI_FLAG, OPT_LIST, 0),
	K("list-tags", CLI_FLAG, OPT_LIST_TAGS, 0),
	K("list-categories", CLI_FLAG, OPT_LIST_CATEGORIES, 0),
	K("list-series", CLI_FLAG, OPT_LIST_SERIES, 0),
	K("list-authors", CLI_FLAG, OPT_LIST_AUTHORS, 0),
	K("keep-going", CLI_FLAG, 'k', 0),
	K("max-post-size", CLI_VALUE, OPT_MAX_POST_SIZE, 0),
	K("offline", CLI_FLAG, OPT_OFFLINE, 0),
	K("fetch-timeout", CLI_VALUE, OPT_FETCH_TIMEOUT, 0),
	K("jobs", CLI_VALUE, 'j', 0),
	K("warnings", CLI_VALUE, OPT_WARNINGS, 0),
	K("quiet", CLI_FLAG, 'q', 0),
	K("verbose", CLI_FLAG, 'v', 0),
	K("help", CLI_FLAG, 'h', 0),
	K("version", CLI_FLAG, 'V', 0),
	{NULL, CLI_FLAG, 0, false, false, false, false},
};
#undef K
#define S_NKEYS (sizeof S_keys / sizeof *S_keys - 1)
_Static_assert(S_NKEYS <= CLI_MAX_KEYS, "struct options' given holds every key");

const struct cli_key *cli_keys(void)
{
	return S_keys;
}

const struct cli_key *cli_key_find(const char *name)
{
	for (const struct cli_key *k = S_keys; k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

/* The generators, as the registry names them: a new one shows in the help
 * without an edit here. */
static void S_help_generators(FILE *out, const char *lead, const char *indent)
{
	size_t col = strlen(lead);
	fputs(lead, out);
	for (const char *const *n = site_generator_names(); *n; n++) {
		size_t len = strlen(*n) + (n[1] ? 1 : 0);
		if (col + 1 + len > 79) {
			fprintf(out, "\n%s", indent);
			col = strlen(indent);
		} else {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%s%s", *n, n[1] ? "," : "");
		col += len;
	}
}

static void S_help(FILE *out)
{
	fputs("Usage: sheaf [OPTIONS] [SITE]\n"
	      "Bind the posts of a blog into an EPUB 3 book.\n"
	      "\n"
	      "SITE is the blog's folder or any folder inside it, found as git finds a\n"
	      "repository (default: the current folder; inside a site, the book holds the\n"
	      "posts under that folder). A site of a known generator is read as its\n"
	      "generator reads it; any other folder (generic) gives every *.md in it.\n",
	      out);
	S_help_generators(out, "Known generators:", "  ");
	fputs("\n"
	      "\n"
	      "Output:\n"
	      "  -o, --output FILE     the book to write (default: made from the title, like\n"
	      "                        notes-from-the-workbench-career.epub); - for standard\n"
	      "                        output. A book sheaf wrote is replaced, another file\n"
	      "                        only with -f\n"
	      "  -f, --force           replace FILE even when sheaf did not write it (never a\n"
	      "                        file of the site)\n"
	      "      --list            print the selected posts (date, title, path;\n"
	      "                        tab-separated) and write nothing\n"
	      "      --list-tags, --list-categories, --list-series, --list-authors\n"
	      "                        print each value of the selected posts and how many\n"
	      "                        posts have it (name, count; tab-separated; most first)\n"
	      "                        and write nothing\n"
	      "  -k, --keep-going      leave out posts that cannot be read (a warning each)\n"
	      "                        instead of stopping\n"
	      "      --max-post-size SIZE  refuse posts larger than SIZE (default 8M; K, M, G)\n"
	      "      --offline         take remote images from the cache only (fetched images\n"
	      "                        are kept in $XDG_CACHE_HOME/sheaf), never the network\n"
	      "      --fetch-timeout S  give up downloading remote images S seconds after the\n"
	      "                        first download starts (default 60)\n"
	      "\n"
	      "Selection (repeatable; any value of a kind, every kind given; case-insensitive;\n"
	      "a tag's, category's, series' or author's URL slug names it too):\n"
	      "  -t, --tag TAG         posts with this tag\n"
	      "  -c, --category NAME   posts in this category\n"
	      "  -a, --author ID       posts by this author (id or name)\n"
	      "      --series NAME     posts of this series (a series taxonomy or a series\n"
	      "                        field); the book then belongs to the series\n"
	      "      --series-position N  this book is part N of the series (group-position)\n"
	      "      --since DATE      posts from this day on (YYYY-MM-DD, inclusive)\n"
	      "      --until DATE      posts up to this day (YYYY-MM-DD, inclusive)\n"
	      "      --drafts          include drafts (left out by default)\n"
	      "      --order ORDER     oldest (default), newest or title\n"
	      "\n",
	      out);
	fputs("Book:\n"
	      "      --title TEXT      the book's title (default: from the selection: the\n"
	      "                        series, a single post's title, or the site's name and\n"
	      "                        what was selected, like 'Notes — Career')\n"
	      "      --subtitle TEXT   a subtitle\n"
	      "      --creator NAME    the book's author (repeatable; default: the posts')\n"
	      "      --language TAG    BCP 47 language tag (default: the site's, else en)\n"
	      "      --toc-depth N     heading levels listed under each post (default 2:\n"
	      "                        ## and ###)\n"
	      "      --cover IMAGE     the cover (PNG, JPEG, GIF, WebP or SVG; default: the\n"
	      "                        site's or the first post's image, else one made from\n"
	      "                        the title)\n"
	      "      --templates DIR   a folder whose files replace the built-in templates\n"
	      "                        (chapter.xhtml, titlepage.xhtml, cover.xhtml, and\n"
	      "                        style.css)\n"
	      "      --description TEXT  the book's description (default: the site's)\n"
	      "      --publisher TEXT  the book's publisher\n"
	      "      --rights TEXT     the book's rights (default: the site's copyright)\n"
	      "      --date DATE       the book's date: YYYY-MM-DD, YYYY-MM, YYYY or a date\n"
	      "                        and time (default: the newest post's day)\n"
	      "      --generator NAME  read SITE as this generator's site (see above)\n"
	      "      --site-url URL    the live site's address, when its config gives none:\n"
	      "                        links to pages outside the book then lead there\n"
	      "\n"
	      "Book file (sheaf.toml at the site's root: [[book]] tables whose keys are the\n"
	      "options above without --; command-line options override them):\n"
	      "      --book NAME       make the book named NAME (repeatable)\n"
	      "      --all-books       make every book of the file\n"
	      "      --book-file FILE  read the books from FILE, not the site's sheaf.toml\n"
	      "\n"
	      "  -j, --jobs N          convert posts on N threads (default: one per CPU); the\n"
	      "                        book is the same for any N\n"
	      "      --warnings WHICH  all (default: each problem once a post, then a count),\n"
	      "                        summary (the count only) or none; errors always show\n"
	      "  -q, --quiet           errors only (--warnings=none), not the 'wrote' line\n"
	      "  -v, --verbose         say what is being done, and each repeat of a warning\n"
	      "  -h, --help            show this help\n"
	      "  -V, --version         show the version\n"
	      "\n"
	      "Exit status: 0 success, 1 problems in the input, 2 bad usage.\n"
	      "SOURCE_DATE_EPOCH, when set, dates the book (dcterms:modified).\n",
	      out);
}

/* The long option nearest to a misspelt one ("--tgs" → "tag"), or NULL
 * when none is within two edits: for "did you mean". */
static const char *S_near_option(const char *arg)
{
	if (strncmp(arg, "--", 2) != 0)
		return NULL;
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	return cli_key_near(name, false);
}

const char *cli_key_near(const char *name, bool book)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (const struct cli_key *k = S_keys; k->name; k++) {
		size_t d = book && !k->book ? best_d : edit_distance(name, k->name, 2);
		if (d < best_d) {
			best_d = d;
			best = k->name;
		}
	}
	return best;
}

/* Where a value came from, for its messages: "--since" on the command
 * line, "since" at file:line:col in a book file. */
struct S_at {
	const char *file;
	int line, col;
	char label[40];
};

static void S_err(struct diag_list *dl, const struct S_at *at, const char *fmt, ...) SHEAF_PRINTF(3, 4);
static void S_err(struct diag_list *dl, const struct S_at *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_error(dl, at->file, at->line, at->col, "%s: %s", at->label, msg);
	free(msg);
}

static void S_date_arg(struct date *d, const char *arg, const struct S_at *at, struct diag_list *dl)
{
	if (date_parse(d, arg) < 0)
		S_err(dl, at, "'%s' is not a date (YYYY-MM-DD)", arg);
}

/* A whole number from lo to hi into *out, else an error saying why (why
 * has one %s, the argument). */
static void S_int_arg(int *out, const char *arg, long lo, long hi, const char *why, const struct S_at *at,
		      struct diag_list *dl)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < lo || v > hi)
		S_err(dl, at, why, arg, lo, hi);
	else
		*out = (int)v;
}

/* "8M" → 8 MiB; plain numbers are bytes. */
static int S_size_arg(size_t *out, const char *arg)
{
	char *end;
	unsigned long long v = strtoull(arg, &end, 10);
	if (end == arg || arg[0] == '-')
		return -1;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if ((*end == 'i' || *end == 'B') && shift)
		end += *end == 'i' && end[1] == 'B' ? 2 : 1;
	if (*end || v == 0 || v > (SIZE_MAX >> shift))
		return -1;
	*out = (size_t)v << shift;
	return 0;
}

/* --date: the book's dc:date as EPUB wants it (W3C's profile of ISO 8601):
 * a year, a month, a day, or a moment, which is written in UTC so that
 * the OPF names one instant whatever zone it was given in. */
static int S_book_date(char out[24], const char *arg)
{
	size_t n = strlen(arg);
	bool digits4 = n >= 4 && strspn(arg, "0123456789") >= 4;
	if (n == 4 && digits4) {
		memcpy(out, arg, 5);
		return 0;
	}
	if (n == 7 && digits4 && arg[4] == '-' && strspn(arg + 5, "0123456789") == 2) {
		int m = atoi(arg + 5);
		if (m < 1 || m > 12)
			return -1;
		memcpy(out, arg, 8);
		return 0;
	}
	struct date d;
	if (date_parse(&d, arg) < 0)
		return -1;
	if (d.has_time)
		date_format_iso_utc(date_epoch(&d), out);
	else
		date_format_ymd(&d, out);
	return 0;
}

static bool S_flag_value(const char *v, bool *out)
{
	if (!v || strcmp(v, "true") == 0)
		return *out = true;
	if (strcmp(v, "false") == 0)
		return !(*out = false);
	return false;
}

static struct strvec *S_list(struct options *o, int code)
{
	switch (code) {
	case 't': return &o->sel.tags;
	case 'c': return &o->sel.categories;
	case 'a': return &o->sel.authors;
	case OPT_SERIES: return &o->sel.series;
	case OPT_CREATOR: return &o->creators;
	case OPT_BOOK: return &o->books;
	default: return NULL;
	}
}

void cli_clear(struct options *o, const struct cli_key *k)
{
	struct strvec *sv = S_list(o, k->code);
	if (sv)
		sv_free(sv);
}

/* The value of one option (arg NULL for a flag given on the command line). */
static void S_apply(struct options *o, const struct cli_key *k, const char *arg, const struct S_at *at,
		    struct diag_list *dl)
{
	struct strvec *list = S_list(o, k->code);
	if (list) {
		sv_push(list, arg);
		return;
	}
	if (k->type == CLI_FLAG) {
		bool on;
		if (!S_flag_value(arg, &on)) {
			S_err(dl, at, "'%s' is neither true nor false", arg);
			return;
		}
		switch (k->code) {
		case 'f': o->force = on; break;
		case OPT_DRAFTS: o->sel.drafts = on; break;
		case OPT_ALL_BOOKS: o->all_books = on; break;
		case OPT_LIST: o->list = on; break;
		case OPT_LIST_TAGS: o->list_values = on ? 1 + SEL_TAG : 0; break;
		case OPT_LIST_CATEGORIES: o->list_values = on ? 1 + SEL_CATEGORY : 0; break;
		case OPT_LIST_SERIES: o->list_values = on ? 1 + SEL_SERIES : 0; break;
		case OPT_LIST_AUTHORS: o->list_values = on ? 1 + SEL_AUTHOR : 0; break;
		case 'k': o->keep_going = on; break;
		case OPT_OFFLINE: o->offline = on; break;
		case 'q': o->quiet = on; break;
		case 'v': o->verbose = on; break;
		default: break;
		}
		return;
	}
	switch (k->code) {
	case 'o': o->output = arg; break;
	case OPT_SERIES_POSITION:
		S_int_arg(&o->series_position, arg, 1, 9999, "'%s' is not a number from %ld to %ld", at, dl);
		break;
	case OPT_SINCE: S_date_arg(&o->sel.since, arg, at, dl); break;
	case OPT_UNTIL: S_date_arg(&o->sel.until, arg, at, dl); break;
	case OPT_ORDER:
		if (order_parse(arg, &o->sel.order) < 0)
			S_err(dl, at, "'%s' is not one of oldest, newest, title", arg);
		break;
	case OPT_TITLE:
		if (!*arg)
			S_err(dl, at, "the title is empty (leave it out for a title made from the selection)");
		o->title = arg;
		break;
	case OPT_SUBTITLE: o->subtitle = arg; break;
	case OPT_DESCRIPTION: o->description = arg; break;
	case OPT_PUBLISHER: o->publisher = arg; break;
	case OPT_RIGHTS: o->rights = arg; break;
	case OPT_DATE:
		if (S_book_date(o->date, arg) < 0)
			S_err(dl, at,
			      "'%s' is not a date (YYYY-MM-DD, YYYY-MM, YYYY, or a date and time like "
			      "2024-05-01T09:30:00+02:00)",
			      arg);
		break;
	case OPT_LANGUAGE:
		if (!lang_tag_valid(arg))
			S_err(dl, at, "'%s' is not a BCP 47 language tag (like en, fr or pt-BR)", arg);
		o->language = arg;
		break;
	case OPT_TOC_DEPTH:
		S_int_arg(&o->toc_depth, arg, 0, 5, "'%s' is not a number from %ld to %ld", at, dl);
		break;
	case OPT_COVER: o->cover = arg; break;
	case OPT_TEMPLATES:
		if (!path_is_dir(arg))
			S_err(dl, at, "'%s' is not a folder", arg);
		o->templates = arg;
		break;
	case OPT_GENERATOR: {
		bool known = false;
		for (const char *const *n = site_generator_names(); *n; n++)
			known |= strcmp(*n, arg) == 0;
		if (!known)
			S_err(dl, at, "unknown generator '%s'", arg);
		o->generator = arg;
		break;
	}
	case OPT_SITE_URL:
		if (!url_is_http(arg))
			S_err(dl, at, "'%s' is not the address of a site (like https://example.org/blog/)", arg);
		o->site_url = arg;
		break;
	case OPT_BOOK_FILE: o->book_file = arg; break;
	case OPT_MAX_POST_SIZE:
		if (S_size_arg(&o->max_post_size, arg) < 0)
			S_err(dl, at, "'%s' is not a size like 512K, 8M or 1G", arg);
		break;
	case OPT_FETCH_TIMEOUT:
		S_int_arg(&o->fetch_timeout, arg, 1, 86400, "'%s' is not a number of seconds from %ld to %ld", at,
			  dl);
		break;
	case 'j': S_int_arg(&o->jobs, arg, 1, 1024, "'%s' is not a number from %ld to %ld", at, dl); break;
	case OPT_WARNINGS: {
		static const char *const names[] = {[DIAG_WARNINGS_ALL] = "all",
						    [DIAG_WARNINGS_SUMMARY] = "summary",
						    [DIAG_WARNINGS_NONE] = "none"};
		int w = -1;
		for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
			if (strcmp(arg, names[i]) == 0)
				w = i;
		if (w < 0)
			S_err(dl, at, "'%s' is not one of all, summary, none", arg);
		else
			o->warnings = w;
		break;
	}
	default: break;
	}
}

int cli_set(struct options *o, const struct cli_key *k, const char *value, const char *file, int line, int col,
	    struct diag_list *dl)
{
	struct S_at at = {file, line, col, ""};
	snprintf(at.label, sizeof at.label, "%s%s", file ? "" : "--", k->name);
	size_t errors = diag_count(dl, DIAG_ERROR);
	S_apply(o, k, value, &at, dl);
	return diag_count(dl, DIAG_ERROR) > errors ? -1 : 0;
}

int cli_check(const struct options *o, const char *file, int line, int col, struct diag_list *dl)
{
	size_t errors = diag_count(dl, DIAG_ERROR);
	const char *dash = file ? "" : "--";
	if (o->list && o->list_values)
		diag_error(dl, file, line, col, "--list and --list-%s print different things: give one",
			   (const char *[]){"tags", "categories", "series", "authors"}[o->list_values - 1]);
	/* As gzip does: a book is not for reading on a terminal. */
	if (o->output && strcmp(o->output, "-") == 0 && !o->list && !o->list_values && isatty(STDOUT_FILENO))
		diag_error(dl, file, line, col,
			   "-o -: standard output is a terminal; redirect it to a file or a pipe");
	if (o->series_position && o->sel.series.n != 1)
		diag_error(dl, file, line, col, "%sseries-position needs exactly one %sseries", dash, dash);
	if (o->sel.since.valid && o->sel.until.valid && date_cmp(&o->sel.since, &o->sel.until) > 0)
		diag_error(dl, file, line, col, "%ssince is after %suntil: no post can match", dash, dash);
	return diag_count(dl, DIAG_ERROR) > errors ? -1 : 0;
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->site = ".";
	o->toc_depth = 2;
	o->sel.order = ORDER_OLDEST;
	o->warnings = -1;
}

enum cli_result cli_parse(struct options *o, int argc, char **argv, FILE *out,
			  struct diag_list *dl)
{
	options_init(o);
	size_t errors = diag_count(dl, DIAG_ERROR);
	struct option longs[S_NKEYS + 1];
	for (size_t i = 0; i <= S_NKEYS; i++)
		longs[i] = (struct option){S_keys[i].name, S_keys[i].type == CLI_FLAG ? no_argument : required_argument,
					   NULL, S_keys[i].code};
	int c;
	optind = 1;
	bool unknown = false;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:t:c:a:j:fkqvhV", longs, NULL)) != -1) {
		const struct cli_key *k = NULL;
		for (const struct cli_key *p = S_keys; p->name && !k; p++)
			if (p->code == c)
				k = p;
		if (c == 'h') {
			S_help(out);
			return CLI_DONE;
		}
		if (c == 'V') {
			fprintf(out, "sheaf %s\n", SHEAF_VERSION);
			return CLI_DONE;
		}
		if (k) {
			o->given[k - S_keys] = true;
			cli_set(o, k, k->type == CLI_FLAG ? NULL : optarg, NULL, 0, 0, dl);
		} else if (c == ':') {
			diag_error(dl, NULL, 0, 0, "option '%s' needs a value", argv[optind - 1]);
		} else {
			const char *near = S_near_option(argv[optind - 1]);
			if (near)
				diag_error(dl, NULL, 0, 0, "unknown option '%s'; did you mean '--%s'?", argv[optind - 1],
					   near);
			else
				diag_error(dl, NULL, 0, 0, "unknown option '%s'", argv[optind - 1]);
			unknown = true;
		}
	}
	if (optind < argc)
		o->site = argv[optind++];
	/* After an unknown option its value looks like a second SITE: one
	 * error about the option says it all. */
	if (optind < argc && !unknown)
		diag_error(dl, NULL, 0, 0, "one SITE folder at most (also given: '%s')", argv[optind]);
	cli_check(o, NULL, 0, 0, dl);
	if (o->book_file && !o->books.n && !o->all_books)
		diag_error(dl, NULL, 0, 0, "--book-file: say which books to make (--book NAME or --all-books)");
	if (o->books.n && o->all_books)
		diag_error(dl, NULL, 0, 0, "--book and --all-books: give one");
	return diag_count(dl, DIAG_ERROR) > errors ? CLI_USAGE : CLI_RUN;
}

void options_copy(struct options *dst, const struct options *src)
{
	*dst = *src;
	struct strvec *lists[] = {&dst->sel.tags, &dst->sel.categories, &dst->sel.authors, &dst->sel.series,
				  &dst->creators, &dst->books};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		struct strvec from = *lists[i];
		memset(lists[i], 0, sizeof *lists[i]);
		for (size_t k = 0; k < from.n; k++)
			sv_push(lists[i], from.v[k]);
	}
}

void options_free(struct options *o)
{
	sv_free(&o->sel.tags);
	sv_free(&o->sel.categories);
	sv_free(&o->sel.authors);
	sv_free(&o->sel.series);
	sv_free(&o->creators);
	sv_free(&o->books);
}
