/* sheaf — bind the posts of a blog into an EPUB 3 book.
 * main reads the options, runs the pipeline (site → posts → selection →
 * book), prints every diagnostic and decides the exit status. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "book/book.h"
#include "app/bookfile.h"
#include "app/booktitle.h"
#include "app/cli.h"
#include "app/output.h"
#include "app/list.h"
#include "book/fetch.h"
#include "convert/markdown.h"
#include "base/words.h"
#include "epub/epub.h"
#include "input/select.h"
#include "input/site.h"
#include "base/text.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static bool S_color(void)
{
	const char *no = getenv("NO_COLOR");
	return isatty(fileno(stderr)) && !(no && *no);
}

/* Names the book's UUID: the same site and selection give the same id on
 * any machine, so nothing machine-specific (like an absolute path) enters. */
static char *S_id_seed(const struct site *site, const struct post_list *sel)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "sheaf:");
	sb_adds(&sb, site->url ? site->url : site->title ? site->title : site->folder_name);
	for (size_t i = 0; i < sel->n; i++) {
		sb_addc(&sb, '\n');
		sb_adds(&sb, sel->v[i]->relpath);
	}
	return sb_detach(&sb);
}

static void S_subjects(struct strvec *out, const struct options *o, const struct post_list *sel)
{
	size_t from = out->n;
	for (size_t i = 0; i < sel->n; i++)
		for (size_t k = 0; k < sel->v[i]->tags.n; k++) {
			const char *tag = sel->v[i]->tags.v[k];
			if (!o->sel.tags.n || sv_contains_ci(&o->sel.tags, tag))
				sv_push(out, tag);
		}
	sv_unique_ci(out, from);
}

static void S_creators(struct strvec *out, const struct options *o, const struct site *site,
		       const struct post_list *sel)
{
	for (size_t i = 0; i < o->creators.n; i++)
		sv_push(out, o->creators.v[i]);
	if (out->n)
		return;
	for (size_t i = 0; i < sel->n; i++)
		for (size_t k = 0; k < sel->v[i]->author_names.n; k++)
			sv_push(out, sel->v[i]->author_names.v[k]);
	sv_unique_ci(out, 0);
	if (!out->n && site->author)
		sv_push(out, site->author);
}

/* Where the site's metadata and the options become the book's: what XML
 * cannot hold becomes U+FFFD, as in posts' fields (post_clean_text), so
 * no writer (OPF, nav, NCX, title page) gets it. The strings bo borrows
 * are replaced by copies kept owns. */
static void S_clean_metadata(struct book_options *bo, const struct site *site, struct strvec *kept,
			     struct diag_list *dl)
{
	/* What the site's config gave is reported under it. */
	const char *cfg = site->config_file ? site->config_file : site->root;
	const struct {
		const char **s;
		const char *field;
	} one[] = {
		{&bo->title, "the book's title"},
		{&bo->subtitle, "the book's subtitle"},
		{&bo->description, "the book's description"},
		{&bo->publisher, "the book's publisher"},
		{&bo->rights, "the book's rights"},
		{&bo->source_url, "the site's URL"},
		{&bo->series, "the book's series"},
	};
	for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
		if (!*one[i].s)
			continue;
		const char *v = *one[i].s;
		bool from_site = v == site->title || v == site->description || v == site->url || v == site->copyright;
		char *s = xstrdup(v);
		text_clean_fields(&s, 1, one[i].field, from_site ? cfg : NULL, dl);
		sv_push_owned(kept, s);
		*one[i].s = s;
	}
	text_clean_fields(bo->creators.v, bo->creators.n, "the book's creators", NULL, dl);
	text_clean_fields(bo->subjects.v, bo->subjects.n, "the book's subjects", NULL, dl);
}

/* -j, else one thread per online CPU. */
static int S_jobs(const struct options *o)
{
	if (o->jobs)
		return o->jobs;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return cpus > 0 ? (int)(cpus < 64 ? cpus : 64) : 1;
}

/* The books of one run: what its posts are read for. */
struct S_books {
	struct options **v;
	size_t n;
};

/* Only the posts a book will hold keep their bodies (none for --list). */
static bool S_keep_body(const struct post *p, const void *data)
{
	const struct S_books *b = data;
	/* Loosely: the selection's slugs are resolved once all posts are read. */
	for (size_t i = 0; i < b->n; i++)
		if (!b->v[i]->list && !b->v[i]->list_values && select_may_match(&b->v[i]->sel, p))
			return true;
	return false;
}

/* The last second a four-digit year holds: 9999-12-31T23:59:59Z. The OPF's
 * dcterms:modified has room for no more, and a date past it would wrap. */
#define S_EPOCH_MAX 253402300799LL

/* SOURCE_DATE_EPOCH, which reproducible builds set: a value that is not a
 * whole number of seconds from 1970 to 9999 is refused, since a book
 * quietly dated otherwise is not the reproducible one asked for. Returns
 * 0 (bo->have_epoch set when given), or -1 after reporting an error. */
static int S_source_date_epoch(struct book_options *bo, struct diag_list *dl)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (!sde || !*sde)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(sde, &end, 10);
	bool number = *end == '\0' && isdigit((unsigned char)sde[0]);
	if (!number || errno == ERANGE || v > S_EPOCH_MAX) {
		diag_error(dl, NULL, 0, 0,
			   "SOURCE_DATE_EPOCH='%s' is not a number of seconds from 1970 to the end of year 9999 "
			   "(%lld)",
			   sde, S_EPOCH_MAX);
		return -1;
	}
	bo->have_epoch = true;
	bo->epoch = v;
	return 0;
}

/* A size as file managers show it: decimal units, one decimal. */
static void S_size(char *buf, size_t cap, uint64_t bytes)
{
	static const char *const units[] = {"kB", "MB", "GB", "TB"};
	if (bytes < 1000) {
		snprintf(buf, cap, "%u byte%s", (unsigned)bytes, bytes == 1 ? "" : "s");
		return;
	}
	double v = (double)bytes / 1000;
	size_t u = 0;
	while (v >= 999.95 && u + 1 < sizeof units / sizeof *units) {
		v /= 1000;
		u++;
	}
	snprintf(buf, cap, "%.1f %s", v, units[u]);
}

/* The line a successful run ends with; the name escaped as diagnostics
 * are (-o can hold anything). */
static char *S_done_line(const char *shown, const struct book_stats *st)
{
	char size[32];
	S_size(size, sizeof size, st->bytes);
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "wrote ");
	diag_escape(&sb, shown);
	sb_addf(&sb, ": %zu post%s, %zu image%s, %s", st->posts, st->posts == 1 ? "" : "s", st->images,
		st->images == 1 ? "" : "s", size);
	return sb_detach(&sb);
}

/* -o -: the folder the book is built in before it goes to standard
 * output, and the book's path in it, for the signal handler to remove
 * (after the temporary file epub.c removes). Like epub.c's temporary
 * path, the state a handler can reach: set on the main thread before any
 * converting thread starts, cleared before the folder goes. */
static char S_stdout_dir[PATH_MAX], S_stdout_book[PATH_MAX];
static volatile sig_atomic_t S_stdout_set;

/* -o -: the finished book, copied to standard output. Returns 0, or -1
 * after reporting an error. */
static int S_copy_to_stdout(const char *path, struct diag_list *dl)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		diag_error(dl, path, 0, 0, "cannot read the book back: %s", strerror(errno));
		return -1;
	}
	/* A reader that goes away (sheaf -o - | head) is an error reported
	 * like any other, so the temporary book is still removed, rather than
	 * a SIGPIPE that would leave it behind. */
	signal(SIGPIPE, SIG_IGN);
	char buf[65536];
	size_t n;
	bool ok = true;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, stdout) == n;
	ok = ok && !ferror(in) && fflush(stdout) == 0;
	fclose(in);
	if (!ok)
		diag_error(dl, NULL, 0, 0, "standard output: the book could not be written: %s", strerror(errno));
	return ok ? 0 : -1;
}

/* -o book.pdf: said, since the bytes are an EPUB's whatever the name. */
static void S_check_extension(const char *name, struct diag_list *dl)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	if (dot && dot != base && strcasecmp(dot, ".epub") != 0)
		diag_warning(dl, name, 0, 0, "the book is an EPUB whatever its name");
}

/* -v, when SITE lies in a site found above it: where that is, from SITE. */
static void S_note_found(const struct site *site)
{
	struct strbuf up = STRBUF_INIT;
	for (const char *c = site->within; c; c = strchr(c + 1, '/'))
		sb_adds(&up, up.len ? "/.." : "..");
	diag_note(stderr, "site found at %s (%s); %s", up.s, site->root, site->gen->name);
	sb_release(&up);
}

/* When SITE is a folder inside the site (site->within), the book is the
 * selected posts in that folder; a folder holding none of the site's posts
 * (layouts/, static/) gives the whole site. True when that left posts
 * out. */
static bool S_only_within(const struct site *site, const struct post_list *all, struct post_list *sel,
			  bool verbose)
{
	if (!site->within)
		return false;
	size_t in = 0;
	for (size_t i = 0; i < all->n; i++)
		in += site_post_within(site, all->v[i]);
	if (!in || in == all->n) {
		if (verbose)
			diag_note(stderr, in ? "all posts of the site are in %s/" :
					       "no post is in %s/: the whole site is read", site->within);
		return false;
	}
	size_t n = 0;
	for (size_t i = 0; i < sel->n; i++)
		if (site_post_within(site, sel->v[i]))
			sel->v[n++] = sel->v[i];
	sel->n = n;
	if (verbose)
		diag_note(stderr, "only the %zu posts in %s/ (of the site's %zu)", in, site->within, all->n);
	return true;
}

/* Opens the site o names, saying with -v what was found. *root: the
 * site's folder, for main to show paths from (see diag.h). Returns 0, or
 * -1 after reporting errors. */
static int S_open(struct site **site, const struct options *o, struct diag_list *dl, char **root)
{
	struct site_open_options so = {o->generator, o->site_url, o->language};
	if (site_open_ext(site, o->site, &so, dl) < 0)
		return -1;
	const struct site *s = *site;
	*root = xstrdup(s->root);
	/* Said even without -v: the book comes from a folder the user did not name. */
	if (s->subfolder && !o->quiet)
		diag_note(stderr, "reading the %s site in %s/", s->gen->name, s->subfolder);
	if (o->verbose && s->within)
		S_note_found(s);
	else if (o->verbose)
		diag_note(stderr, "%s: read as a %s site", s->root, s->gen->name);
	return 0;
}

/* Reads every post of the site, the bodies of those books may hold kept.
 * Returns 0, or -1 after reporting errors (no post at all is one). */
static int S_collect(struct site *site, const struct options *o, const struct S_books *books,
		     struct post_list *all, struct diag_list *dl)
{
	site->collect.keep_going = o->keep_going;
	if (o->max_post_size)
		site->collect.max_post_size = o->max_post_size;
	site->collect.jobs = S_jobs(o);
	site->collect.keep_body = S_keep_body;
	site->collect.keep_body_data = books;
	if (site_collect(site, all, dl) < 0)
		return -1;
	if (!all->n && site->stats.files) {
		diag_error(dl, NULL, 0, 0, "none of the %zu posts found in %s could be read", site->stats.files,
			   site->root);
		return -1;
	}
	if (!all->n) {
		char *where = path_join(site->root, site->posts_dir);
		char *norm = path_normalize(where);
		diag_error(dl, NULL, 0, 0, "no posts found: read as a %s site, there are no Markdown files in %s",
			   site->gen->name, norm);
		free(norm);
		free(where);
		return -1;
	}
	return 0;
}

/* How one book of a run is made besides its options. */
struct S_book_ctx {
	/* A book of a book file: the folder its default file name goes in
	 * (NULL: the current one), and the book is the site's posts whatever
	 * folder of the site sheaf runs in (the file says what it holds). */
	const char *dir;
	bool from_file;
	struct strvec *written; /* the books this run wrote (normalized), or NULL */
};

/* Selects the posts of one book from all and makes it (or lists them).
 * *done: the line saying what was written. Returns an exit status. */
static int S_book(char **done, struct options *o, struct site *site, struct post_list *all,
		  const struct S_book_ctx *ctx, struct diag_list *dl)
{
	int ret = EXIT_INPUT;
	struct post_list sel = POST_LIST_INIT;
	struct book_options bo;
	char *output = NULL, *seed = NULL, *name = NULL, *tmpdir = NULL;
	struct strvec kept = STRVEC_INIT;
	memset(&bo, 0, sizeof bo);

	if (select_resolve(&o->sel, all, dl) < 0)
		goto out;
	select_posts(&o->sel, all, &sel);
	bool in_folder = !ctx->from_file && S_only_within(site, all, &sel, o->verbose);
	if (o->verbose)
		diag_note(stderr, "%zu of %zu posts selected", sel.n, all->n);
	if (!sel.n) {
		size_t drafts = 0;
		for (size_t i = 0; i < all->n; i++)
			drafts += all->v[i]->draft;
		diag_error(dl, NULL, 0, 0, "no post matches the selection (%zu post%s in %s%s)", all->n,
			   all->n == 1 ? "" : "s", site->root,
			   drafts && !o->sel.drafts ? "; drafts are left out unless --drafts is given" : "");
		goto out;
	}
	if (o->list) {
		list_print(stdout, &sel, isatty(fileno(stdout)));
		ret = EXIT_OK;
		goto out;
	}
	if (o->list_values) {
		struct sel_values vals = SEL_VALUES_INIT;
		select_values(&sel, (enum sel_kind)(o->list_values - 1), o->sel.drafts, &vals);
		list_print_values(stdout, &vals, isatty(fileno(stdout)));
		sel_values_free(&vals);
		ret = EXIT_OK;
		goto out;
	}

	const char *site_title = site->title ? site->title : site->folder_name;
	if (!*site_title || strcmp(site_title, ".") == 0)
		site_title = "Blog";
	/* A book of one folder's posts is named for it, so that it does not
	 * replace the whole blog's book. */
	if (in_folder) {
		char *t = xasprintf("%s — %s", site_title, path_basename(site->within));
		sv_push_owned(&kept, t);
		site_title = t;
	}
	bo.title = o->title;
	if (!bo.title) {
		char *made = booktitle_default(site_title, &o->sel, &sel);
		/* The site's own string when it is that, so a problem in it is
		 * reported under the site's config. */
		if (strcmp(made, site_title) == 0)
			free(made), bo.title = site_title;
		else
			sv_push_owned(&kept, made), bo.title = made;
	}
	bo.subtitle = o->subtitle;
	bo.description = o->description ? o->description : site->description;
	bo.publisher = o->publisher;
	bo.rights = o->rights ? o->rights : site->copyright;
	bo.date = o->date[0] ? o->date : NULL;
	bo.source_url = site->url;
	bo.language = o->language;
	if (!bo.language && site->language) {
		if (lang_tag_valid(site->language))
			bo.language = site->language;
		else
			diag_warning(dl, site->config_file ? site->config_file : site->root, 0, 0,
				     "the site's language '%s' is not a BCP 47 tag; using 'en'", site->language);
	}
	if (!bo.language)
		bo.language = "en";
	S_creators(&bo.creators, o, site, &sel);
	S_subjects(&bo.subjects, o, &sel);
	seed = S_id_seed(site, &sel);
	bo.id_seed = seed;
	bo.toc_depth = o->toc_depth;
	bo.site_posts = all;
	if (o->sel.series.n == 1) {
		/* The series' name as its posts write it. */
		bo.series = booktitle_series(&sel, o->sel.series.v[0]);
		bo.series_position = o->series_position;
	}
	S_clean_metadata(&bo, site, &kept, dl);
	bo.offline = o->offline;
	bo.fetch_budget_s = o->fetch_timeout;
	bo.jobs = S_jobs(o);
	bo.templates_dir = o->templates;
	bo.cover = o->cover;
	bo.progress = !o->quiet && isatty(fileno(stderr));
	if (S_source_date_epoch(&bo, dl) < 0)
		goto out;

	bool to_stdout = o->output && strcmp(o->output, "-") == 0;
	if (to_stdout) {
		/* Built as a file first: standard output gets a whole book or
		 * nothing. */
		const char *tmp = getenv("TMPDIR");
		tmpdir = xasprintf("%s/sheaf.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(tmpdir)) {
			diag_error(dl, tmpdir, 0, 0, "cannot make a temporary folder for the book: %s", strerror(errno));
			free(tmpdir);
			tmpdir = NULL;
			goto out;
		}
		output = path_join(tmpdir, "book.epub");
		if (strlen(output) < sizeof S_stdout_book) {
			memcpy(S_stdout_dir, tmpdir, strlen(tmpdir) + 1);
			memcpy(S_stdout_book, output, strlen(output) + 1);
			S_stdout_set = 1;
		}
	} else {
		if (o->output) {
			name = xstrdup(o->output);
		} else {
			name = output_default_name(bo.title);
			if (ctx->dir && strcmp(ctx->dir, ".") != 0) {
				char *in_dir = path_join(ctx->dir, name);
				free(name);
				name = in_dir;
			}
		}
		S_check_extension(name, dl);
		/* A book file names where its books go once for all runs: the
		 * folder it names is made (0777 less the umask, as mkdir -p). */
		if (ctx->from_file) {
			char *dir = path_dirname(name);
			if (!path_mkdirs(dir, 0777))
				diag_error(dl, dir, 0, 0, "cannot make the folder for the book: %s", strerror(errno));
			free(dir);
			if (diag_count(dl, DIAG_ERROR))
				goto out;
		}
		struct output_guard guard = {site->within ? site->root : o->site, o->templates, o->cover, all, o->force};
		if (output_target(&output, name, &guard, dl) < 0)
			goto out;
		if (ctx->written) {
			char *norm = path_normalize(output);
			bool again = false;
			for (size_t i = 0; i < ctx->written->n && !again; i++)
				again = strcmp(ctx->written->v[i], norm) == 0;
			if (again) {
				diag_error(dl, name, 0, 0, "another book of this run was written here: give each book "
							   "its own output");
				free(norm);
				goto out;
			}
			sv_push_owned(ctx->written, norm);
		}
	}
	struct book_stats stats;
	if (book_build(&stats, &bo, site, &sel, output, dl) < 0)
		goto out;
	if (to_stdout && S_copy_to_stdout(output, dl) < 0)
		goto out;
	*done = S_done_line(to_stdout ? "standard output" : name, &stats);
	ret = EXIT_OK;
out:
	if (tmpdir) {
		S_stdout_set = 0;
		unlink(output);
		rmdir(tmpdir);
		free(tmpdir);
	}
	free(name);
	free(output);
	free(seed);
	sv_free(&bo.creators);
	sv_free(&bo.subjects);
	sv_free(&kept);
	post_list_free(&sel, false);
	return ret;
}

/* -v, when the site has a book file the run does not use: its books, and
 * how to make them. */
static void S_note_bookfile(const char *path)
{
	struct diag_list quiet = DIAG_LIST_INIT;
	struct bookfile *bf = NULL;
	if (bookfile_read(&bf, path, &quiet) < 0) {
		diag_note(stderr, "%s is not used without --book (it has problems: --all-books shows them)", path);
	} else {
		struct strbuf names = STRBUF_INIT;
		for (size_t i = 0; i < bf->n; i++)
			sb_addf(&names, "%s%s", i ? ", " : "", bf->books[i].name);
		diag_note(stderr, "%s names %zu book%s (%s): --book NAME makes one, --all-books every one", path,
			  bf->n, bf->n == 1 ? "" : "s", names.s);
		sb_release(&names);
	}
	bookfile_free(bf);
	diag_list_free(&quiet);
}

/* One book, from the command line's options. *root: the site's folder. */
static int S_run(struct strvec *done, struct options *o, struct diag_list *dl, char **root)
{
	struct site *site = NULL;
	struct post_list all = POST_LIST_INIT;
	int ret = EXIT_INPUT;
	if (S_open(&site, o, dl, root) < 0)
		goto out;
	if (o->verbose) {
		char *joined = path_join(site->root, BOOKFILE_NAME);
		char *bf = path_normalize(joined);
		free(joined);
		if (path_is_file(bf))
			S_note_bookfile(bf);
		free(bf);
	}
	struct S_books books = {&o, 1};
	if (S_collect(site, o, &books, &all, dl) < 0)
		goto out;
	char *line = NULL;
	struct S_book_ctx ctx = {NULL, false, NULL};
	ret = S_book(&line, o, site, &all, &ctx, dl);
	if (line)
		sv_push_owned(done, line);
out:
	post_list_free(&all, true);
	site_free(site);
	return ret;
}

/* A problem of the run (no file) while book name was made is the book's:
 * it says so, at the book's [[book]] table of the book file. */
static void S_name_book(struct diag_list *dl, const char *name, const char *file, int line)
{
	for (size_t i = 0; i < dl->n; i++) {
		if (dl->v[i].file)
			continue;
		char *m = xasprintf("book '%s': %s", name, dl->v[i].message);
		free(dl->v[i].message);
		dl->v[i].message = m;
		dl->v[i].file = xstrdup(file);
		dl->v[i].line = line;
		dl->v[i].col = 1;
	}
}

/* Whether two books' languages read a site alike (NULL: the site's own). */
static bool S_same_language(const char *a, const char *b)
{
	return a == b || (a && b && str_casecmp(a, b) == 0);
}

/* Makes the books of books[] (books[i] is bf's book which[i])
 * that are in the language of the first one not made yet, from one reading
 * of the site in that language: *site is opened again when it was opened
 * in another (*opened). Each book gets a diagnostic list of its own
 * (book_build fails on any error in the list it is given, and one book's
 * must not stop the next). Returns an exit status. */
static int S_make_group(struct strvec *done, struct site **site, const char **opened, const struct options *cli,
			const struct bookfile *bf, struct options *books, const size_t *which, bool *made,
			size_t n, struct strvec *written, struct diag_list *dl, char **root)
{
	size_t first = 0;
	while (made[first])
		first++;
	const char *lang = books[first].language;
	struct options **group = xcalloc(n, sizeof *group);
	size_t *index = xcalloc(n, sizeof *index);
	struct S_books grp = {group, 0};
	for (size_t i = first; i < n; i++)
		if (!made[i] && S_same_language(books[i].language, lang)) {
			made[i] = true;
			index[grp.n] = i;
			group[grp.n++] = &books[i];
		}
	int ret = EXIT_INPUT;
	struct post_list all = POST_LIST_INIT;
	/* No site: the last opening failed (another language's). */
	if (!*site || !S_same_language(lang, *opened)) {
		site_free(*site);
		*site = NULL;
		free(*root);
		*root = NULL;
		struct options o = *cli;
		o.language = lang;
		if (S_open(site, &o, dl, root) < 0)
			goto out;
		*opened = lang;
	}
	if (S_collect(*site, cli, &grp, &all, dl) < 0)
		goto out;
	ret = EXIT_OK;
	for (size_t k = 0; k < grp.n; k++) {
		const struct bookfile_book *b = &bf->books[which[index[k]]];
		const char *name = b->name;
		if (cli->verbose)
			diag_note(stderr, "book '%s'", name);
		struct diag_list own = DIAG_LIST_INIT;
		char *line = NULL;
		struct S_book_ctx ctx = {bf->dir, true, written};
		int st = S_book(&line, group[k], *site, &all, &ctx, &own);
		S_name_book(&own, name, bf->path, b->keys->line);
		diag_merge(dl, &own);
		diag_list_free(&own);
		if (line)
			sv_push_owned(done, line);
		if (st != EXIT_OK)
			ret = st;
	}
out:
	post_list_free(&all, true);
	free(group);
	free(index);
	return ret;
}

/* --book NAME or --all-books: the books of the book file. Nothing is made
 * when the file or a book's options have a problem; a book that fails
 * does not stop the others. The site is read once for the books of one
 * language (a site of several languages gives each its own posts).
 * *root: the site's folder. Returns an exit status. */
static int S_run_books(struct strvec *done, struct options *cli, struct diag_list *dl, char **root)
{
	struct site *site = NULL;
	struct bookfile *bf = NULL;
	struct options *books = NULL;
	size_t nbooks = 0, nwhich = 0, *which = NULL;
	bool *made = NULL;
	struct strvec written = STRVEC_INIT;
	char *path = NULL;
	int ret = EXIT_INPUT;
	if (S_open(&site, cli, dl, root) < 0)
		goto out;
	char *joined = path_join(site->root, BOOKFILE_NAME);
	path = path_normalize(cli->book_file ? cli->book_file : joined);
	free(joined);
	if (!cli->book_file && !path_is_file(path)) {
		diag_error(dl, NULL, 0, 0, "no book file: %s does not exist (its [[book]] tables name the books; "
					   "see BOOK FILE in sheaf(1))", path);
		ret = EXIT_USAGE;
		goto out;
	}
	if (bookfile_read(&bf, path, dl) < 0) {
		ret = EXIT_USAGE;
		goto out;
	}
	which = xcalloc(bf->n + cli->books.n + 1, sizeof *which);
	if (cli->all_books) {
		for (size_t i = 0; i < bf->n; i++)
			which[nwhich++] = i;
	}
	for (size_t i = 0; i < cli->books.n; i++) {
		int k = bookfile_find(bf, cli->books.v[i], dl);
		bool twice = false;
		for (size_t j = 0; j < nwhich && k >= 0; j++)
			twice |= which[j] == (size_t)k;
		if (k >= 0 && !twice)
			which[nwhich++] = (size_t)k;
	}
	if (nwhich > 1 && cli->output)
		diag_error(dl, NULL, 0, 0, "-o names one file, and %zu books are made: give each its output in %s",
			   nwhich, path);
	books = xcalloc(nwhich + 1, sizeof *books);
	for (size_t i = 0; i < nwhich; i++)
		if (bookfile_options(&books[nbooks], bf, which[i], cli, dl) == 0)
			nbooks++;
	if (diag_count(dl, DIAG_ERROR) > 0 || nbooks < nwhich) {
		ret = EXIT_USAGE;
		goto out;
	}
	made = xcalloc(nbooks + 1, sizeof *made);
	const char *opened = cli->language;
	ret = EXIT_OK;
	for (size_t i = 0; i < nbooks; i++) {
		if (made[i])
			continue;
		int st = S_make_group(done, &site, &opened, cli, bf, books, which, made, nbooks, &written, dl, root);
		if (st != EXIT_OK)
			ret = st;
	}
out:
	for (size_t i = 0; i < nbooks; i++)
		options_free(&books[i]);
	free(books);
	free(made);
	free(which);
	sv_free(&written);
	bookfile_free(bf);
	free(path);
	site_free(site);
	return ret;
}

/* SIGINT, SIGTERM and SIGHUP: the temporary book goes, then the signal
 * does what it would have done (SA_RESETHAND restored the default, and
 * the raised signal is delivered once the handler returns), so the exit
 * status still says "killed by signal". It may run on any thread, so it
 * does only what is async-signal-safe: unlink, rmdir and raise. */
static void S_on_signal(int sig)
{
	int saved = errno;
	epub_remove_temporary();
	if (S_stdout_set) {
		unlink(S_stdout_book);
		rmdir(S_stdout_dir);
	}
	/* SA_RESETHAND did this already; said again for sanitizer runtimes
	 * that emulate sigaction. */
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

static void S_catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = S_on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* A signal the caller ignores (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

/* Every diagnostic of the run, the way --warnings, -q and -v say. */
static void S_print_diagnostics(const struct diag_list *dl, const struct options *o, const char *root)
{
	char *cwd = getcwd(NULL, 0);
	struct diag_print_options po = {
		.color = S_color(),
		.warnings = o->warnings >= 0 ? (enum diag_warnings)o->warnings
			    : o->quiet	     ? DIAG_WARNINGS_NONE
					     : DIAG_WARNINGS_ALL,
		.each = o->verbose,
		.summary = true,
		.cwd = cwd,
		.root = root,
	};
	diag_print_ext(dl, stderr, &po);
	free(cwd);
}

int main(int argc, char **argv)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct options o;
	int status;
	switch (cli_parse(&o, argc, argv, stdout, &dl)) {
	case CLI_DONE:
		status = EXIT_OK;
		break;
	case CLI_USAGE:
		diag_print(&dl, stderr, S_color(), true);
		fputs("Try 'sheaf --help' for more information.\n", stderr);
		status = EXIT_USAGE;
		break;
	default:
		LIBXML_TEST_VERSION
		/* Before any thread starts, so every thread has the handler. */
		S_catch_signals();
		markdown_init();
		/* Before any thread starts. When it fails, each remote image
		 * fails with a warning saying so, and the book is still made. */
		(void)fetch_init();
		struct strvec done = STRVEC_INIT;
		char *root = NULL;
		status = o.books.n || o.all_books ? S_run_books(&done, &o, &dl, &root) : S_run(&done, &o, &dl, &root);
		diag_sort(&dl);
		S_print_diagnostics(&dl, &o, root);
		free(root);
		/* Last, after the warnings: what was made. */
		for (size_t i = 0; i < done.n && !o.quiet; i++)
			fprintf(stderr, "%s\n", done.v[i]);
		sv_free(&done);
		if (status == EXIT_OK && diag_count(&dl, DIAG_ERROR))
			status = EXIT_INPUT;
		fetch_cleanup();
		xmlCleanupParser();
		break;
	}
	options_free(&o);
	diag_list_free(&dl);
	return status;
}
