#define _POSIX_C_SOURCE 200809L
#include "app/cli.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/editdist.h"
#include "base/url.h"
#include "convert/sanitize.h"
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
};

static const struct option S_long[] = {
	{"output", required_argument, NULL, 'o'},
	{"force", no_argument, NULL, 'f'},
	{"tag", required_argument, NULL, 't'},
	{"category", required_argument, NULL, 'c'},
	{"author", required_argument, NULL, 'a'},
	{"series", required_argument, NULL, OPT_SERIES},
	{"series-position", required_argument, NULL, OPT_SERIES_POSITION},
	{"since", required_argument, NULL, OPT_SINCE},
	{"until", required_argument, NULL, OPT_UNTIL},
	{"drafts", no_argument, NULL, OPT_DRAFTS},
	{"order", required_argument, NULL, OPT_ORDER},
	{"title", required_argument, NULL, OPT_TITLE},
	{"subtitle", required_argument, NULL, OPT_SUBTITLE},
	{"creator", required_argument, NULL, OPT_CREATOR},
	{"language", required_argument, NULL, OPT_LANGUAGE},
	{"toc-depth", required_argument, NULL, OPT_TOC_DEPTH},
	{"templates", required_argument, NULL, OPT_TEMPLATES},
	{"cover", required_argument, NULL, OPT_COVER},
	{"generator", required_argument, NULL, OPT_GENERATOR},
	{"site-url", required_argument, NULL, OPT_SITE_URL},
	{"list", no_argument, NULL, OPT_LIST},
	{"list-tags", no_argument, NULL, OPT_LIST_TAGS},
	{"list-categories", no_argument, NULL, OPT_LIST_CATEGORIES},
	{"list-series", no_argument, NULL, OPT_LIST_SERIES},
	{"list-authors", no_argument, NULL, OPT_LIST_AUTHORS},
	{"keep-going", no_argument, NULL, 'k'},
	{"max-post-size", required_argument, NULL, OPT_MAX_POST_SIZE},
	{"offline", no_argument, NULL, OPT_OFFLINE},
	{"fetch-timeout", required_argument, NULL, OPT_FETCH_TIMEOUT},
	{"jobs", required_argument, NULL, 'j'},
	{"warnings", required_argument, NULL, OPT_WARNINGS},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

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
	      "      --list            print the selected posts (date, title, path; tab-separated)\n"
	      "                        and write nothing\n"
	      "      --list-tags, --list-categories, --list-series, --list-authors\n"
	      "                        print each value of the selected posts and how many\n"
	      "                        posts have it (name, count; tab-separated; most first)\n"
	      "                        and write nothing\n"
	      "  -k, --keep-going      leave out posts that cannot be read (with a warning each)\n"
	      "                        instead of stopping\n"
	      "      --max-post-size SIZE  refuse posts larger than SIZE (default 8M; K, M, G)\n"
	      "      --offline         take remote images from the cache only (fetched images are\n"
	      "                        kept in $XDG_CACHE_HOME/sheaf), never from the network\n"
	      "      --fetch-timeout S  give up downloading remote images S seconds after the\n"
	      "                        first download starts (default 60)\n"
	      "\n"
	      "Selection (repeatable; any value of a kind, every kind given; case-insensitive;\n"
	      "a tag's, category's, series' or author's URL slug names it too):\n"
	      "  -t, --tag TAG         posts with this tag\n"
	      "  -c, --category NAME   posts in this category\n"
	      "  -a, --author ID       posts by this author (id or name)\n"
	      "      --series NAME     posts of this series (a series taxonomy or a series field);\n"
	      "                        the book then belongs to the series\n"
	      "      --series-position N  this book is part N of the series (OPF group-position)\n"
	      "      --since DATE      posts from this day on (YYYY-MM-DD, inclusive)\n"
	      "      --until DATE      posts up to this day (YYYY-MM-DD, inclusive)\n"
	      "      --drafts          include drafts (left out by default)\n"
	      "      --order ORDER     oldest (default), newest or title\n"
	      "\n"
	      "Book:\n"
	      "      --title TEXT      the book's title (default: from the selection: the\n"
	      "                        series, a single post's title, or the site's name and\n"
	      "                        what was selected, like 'Notes — Career')\n"
	      "      --subtitle TEXT   a subtitle\n"
	      "      --creator NAME    the book's author (repeatable; default: the posts' authors)\n"
	      "      --language TAG    BCP 47 language tag (default: the site's, else en)\n"
	      "      --toc-depth N     heading levels listed under each post (default 2: ## and ###)\n"
	      "      --cover IMAGE     the cover (PNG, JPEG, GIF, WebP or SVG; default: the site's\n"
	      "                        or the first post's image, else one made from the title)\n"
	      "      --templates DIR   a folder whose files replace the built-in templates\n"
	      "                        (chapter.xhtml, titlepage.xhtml, cover.xhtml, style.css)\n"
	      "      --generator NAME  read SITE as this generator's site (see above)\n"
	      "      --site-url URL    the live site's address, when its config gives none: links\n"
	      "                        to pages outside the book then lead there\n"
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
	const char *best = NULL;
	size_t best_d = 3;
	for (const struct option *op = S_long; op->name; op++) {
		size_t d = edit_distance(name, op->name, 2);
		if (d < best_d) {
			best_d = d;
			best = op->name;
		}
	}
	return best;
}

static int S_date_arg(struct date *d, const char *opt, const char *arg, struct diag_list *dl)
{
	if (date_parse(d, arg) < 0) {
		diag_error(dl, NULL, 0, 0, "%s: '%s' is not a date (YYYY-MM-DD)", opt, arg);
		return -1;
	}
	return 0;
}

/* A whole number from lo to hi into *out, else an error saying why (why
 * has one %s, the argument). */
static void S_int_arg(int *out, const char *arg, long lo, long hi, const char *why, struct diag_list *dl)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < lo || v > hi)
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, why, arg);
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

enum cli_result cli_parse(struct options *o, int argc, char **argv, FILE *out,
			  struct diag_list *dl)
{
	memset(o, 0, sizeof *o);
	o->site = ".";
	o->toc_depth = 2;
	o->sel.order = ORDER_OLDEST;
	o->warnings = -1;
	size_t errors = diag_count(dl, DIAG_ERROR);
	int c;
	optind = 1;
	bool unknown = false;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:t:c:a:j:fkqvhV", S_long, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'f': o->force = true; break;
		case 't': sv_push(&o->sel.tags, optarg); break;
		case 'c': sv_push(&o->sel.categories, optarg); break;
		case 'a': sv_push(&o->sel.authors, optarg); break;
		case OPT_SERIES: sv_push(&o->sel.series, optarg); break;
		case OPT_SERIES_POSITION:
			S_int_arg(&o->series_position, optarg, 1, 9999, "--series-position: '%s' is not a number from 1", dl);
			break;
		case OPT_SINCE: S_date_arg(&o->sel.since, "--since", optarg, dl); break;
		case OPT_UNTIL: S_date_arg(&o->sel.until, "--until", optarg, dl); break;
		case OPT_DRAFTS: o->sel.drafts = true; break;
		case OPT_ORDER:
			if (order_parse(optarg, &o->sel.order) < 0)
				diag_error(dl, NULL, 0, 0, "--order: '%s' is not one of oldest, newest, title",
					   optarg);
			break;
		case OPT_TITLE:
			if (!*optarg)
				diag_error(dl, NULL, 0, 0, "--title: the title is empty (leave the option out for "
							   "a title made from the selection)");
			o->title = optarg;
			break;
		case OPT_SUBTITLE: o->subtitle = optarg; break;
		case OPT_CREATOR: sv_push(&o->creators, optarg); break;
		case OPT_LANGUAGE:
			if (!lang_tag_valid(optarg))
				diag_error(dl, NULL, 0, 0, "--language: '%s' is not a BCP 47 language tag (like en, fr or pt-BR)",
					   optarg);
			o->language = optarg;
			break;
		case OPT_TOC_DEPTH:
			S_int_arg(&o->toc_depth, optarg, 0, 5, "--toc-depth: '%s' is not a number from 0 to 5", dl);
			break;
		case OPT_COVER: o->cover = optarg; break;
		case OPT_TEMPLATES:
			if (!path_is_dir(optarg))
				diag_error(dl, NULL, 0, 0, "--templates: '%s' is not a folder", optarg);
			o->templates = optarg;
			break;
		case OPT_GENERATOR: {
			bool known = false;
			for (const char *const *n = site_generator_names(); *n; n++)
				known |= strcmp(*n, optarg) == 0;
			if (!known)
				diag_error(dl, NULL, 0, 0, "--generator: unknown generator '%s'", optarg);
			o->generator = optarg;
			break;
		}
		case OPT_SITE_URL:
			if (!url_is_http(optarg))
				diag_error(dl, NULL, 0, 0,
					   "--site-url: '%s' is not the address of a site (like https://example.org/blog/)",
					   optarg);
			o->site_url = optarg;
			break;
		case OPT_LIST: o->list = true; break;
		case OPT_LIST_TAGS: o->list_values = 1 + SEL_TAG; break;
		case OPT_LIST_CATEGORIES: o->list_values = 1 + SEL_CATEGORY; break;
		case OPT_LIST_SERIES: o->list_values = 1 + SEL_SERIES; break;
		case OPT_LIST_AUTHORS: o->list_values = 1 + SEL_AUTHOR; break;
		case 'k': o->keep_going = true; break;
		case OPT_MAX_POST_SIZE:
			if (S_size_arg(&o->max_post_size, optarg) < 0)
				diag_error(dl, NULL, 0, 0, "--max-post-size: '%s' is not a size like 512K, 8M or 1G",
					   optarg);
			break;
		case OPT_OFFLINE: o->offline = true; break;
		case OPT_FETCH_TIMEOUT:
			S_int_arg(&o->fetch_timeout, optarg, 1, 86400,
				  "--fetch-timeout: '%s' is not a number of seconds from 1 to 86400", dl);
			break;
		case 'j':
			S_int_arg(&o->jobs, optarg, 1, 1024, "--jobs: '%s' is not a number from 1 to 1024", dl);
			break;
		case OPT_WARNINGS: {
			static const char *const names[] = {[DIAG_WARNINGS_ALL] = "all",
							    [DIAG_WARNINGS_SUMMARY] = "summary",
							    [DIAG_WARNINGS_NONE] = "none"};
			int w = -1;
			for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
				if (strcmp(optarg, names[i]) == 0)
					w = i;
			if (w < 0)
				diag_error(dl, NULL, 0, 0, "--warnings: '%s' is not one of all, summary, none", optarg);
			else
				o->warnings = w;
			break;
		}
		case 'q': o->quiet = true; break;
		case 'v': o->verbose = true; break;
		case 'h': S_help(out); return CLI_DONE;
		case 'V': fprintf(out, "sheaf %s\n", SHEAF_VERSION); return CLI_DONE;
		case ':':
			diag_error(dl, NULL, 0, 0, "option '%s' needs a value", argv[optind - 1]);
			break;
		default: {
			const char *near = S_near_option(argv[optind - 1]);
			if (near)
				diag_error(dl, NULL, 0, 0, "unknown option '%s'; did you mean '--%s'?", argv[optind - 1],
					   near);
			else
				diag_error(dl, NULL, 0, 0, "unknown option '%s'", argv[optind - 1]);
			unknown = true;
			break;
		}
		}
	}
	if (optind < argc)
		o->site = argv[optind++];
	/* After an unknown option its value looks like a second SITE: one
	 * error about the option says it all. */
	if (optind < argc && !unknown)
		diag_error(dl, NULL, 0, 0, "one SITE folder at most (also given: '%s')", argv[optind]);
	if (o->list && o->list_values)
		diag_error(dl, NULL, 0, 0, "--list and --list-%s print different things: give one",
			   (const char *[]){"tags", "categories", "series", "authors"}[o->list_values - 1]);
	/* As gzip does: a book is not for reading on a terminal. */
	if (o->output && strcmp(o->output, "-") == 0 && !o->list && !o->list_values && isatty(STDOUT_FILENO))
		diag_error(dl, NULL, 0, 0, "-o -: standard output is a terminal; redirect it to a file or a pipe");
	if (o->series_position && o->sel.series.n != 1)
		diag_error(dl, NULL, 0, 0, "--series-position needs exactly one --series");
	if (o->sel.since.valid && o->sel.until.valid && date_cmp(&o->sel.since, &o->sel.until) > 0)
		diag_error(dl, NULL, 0, 0, "--since is after --until: no post can match");
	return diag_count(dl, DIAG_ERROR) > errors ? CLI_USAGE : CLI_RUN;
}

void options_free(struct options *o)
{
	sv_free(&o->sel.tags);
	sv_free(&o->sel.categories);
	sv_free(&o->sel.authors);
	sv_free(&o->sel.series);
	sv_free(&o->creators);
}
