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
#include "app/booktitle.h"
#include "app/cli.h"
#include "app/output.h"
#include "app/list.h"
#include "book/fetch.h"
#include "convert/markdown.h"
#include "convert/sanitize.h"
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
		{&bo->description, "the site's description"},
		{&bo->source_url, "the site's URL"},
		{&bo->series, "the book's series"},
	};
	for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
		if (!*one[i].s)
			continue;
		const char *v = *one[i].s;
		bool from_site = v == site->title || v == site->description || v == site->url;
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

/* Only the posts the book will hold keep their bodies (none for --list). */
static bool S_keep_body(const struct post *p, const void *data)
{
	const struct options *o = data;
	/* Loosely: the selection's slugs are resolved once all posts are read. */
	return !o->list && !o->list_values && select_may_match(&o->sel, p);
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

/* *root: the site's folder, for main to show paths from (see diag.h). */
static int S_run(char **done, struct options *o, struct diag_list *dl, char **root)
{
	int ret = EXIT_INPUT;
	struct site *site = NULL;
	struct post_list all = POST_LIST_INIT, sel = POST_LIST_INIT;
	struct book_options bo;
	char *output = NULL, *seed = NULL, *name = NULL, *tmpdir = NULL;
	struct strvec kept = STRVEC_INIT;
	memset(&bo, 0, sizeof bo);

	struct site_open_options so = {o->generator, o->site_url, o->language};
	if (site_open_ext(&site, o->site, &so, dl) < 0)
		goto out;
	*root = xstrdup(site->root);
	/* Said even without -v: the book comes from a folder the user did not name. */
	if (site->subfolder && !o->quiet)
		diag_note(stderr, "reading the %s site in %s/", site->gen->name, site->subfolder);
	if (o->verbose && site->within)
		S_note_found(site);
	else if (o->verbose)
		diag_note(stderr, "%s: read as a %s site", site->root, site->gen->name);
	site->collect.keep_going = o->keep_going;
	if (o->max_post_size)
		site->collect.max_post_size = o->max_post_size;
	site->collect.jobs = S_jobs(o);
	site->collect.keep_body = S_keep_body;
	site->collect.keep_body_data = o;
	if (site_collect(site, &all, dl) < 0)
		goto out;
	if (select_resolve(&o->sel, &all, dl) < 0)
		goto out;
	select_posts(&o->sel, &all, &sel);
	bool in_folder = S_only_within(site, &all, &sel, o->verbose);
	if (o->verbose)
		diag_note(stderr, "%zu of %zu posts selected", sel.n, all.n);
	if (!all.n && site->stats.files) {
		diag_error(dl, NULL, 0, 0, "none of the %zu posts found in %s could be read", site->stats.files,
			   site->root);
		goto out;
	}
	if (!all.n) {
		char *where = path_join(site->root, site->posts_dir);
		char *norm = path_normalize(where);
		diag_error(dl, NULL, 0, 0, "no posts found: read as a %s site, there are no Markdown files in %s",
			   site->gen->name, norm);
		free(norm);
		free(where);
		goto out;
	}
	if (!sel.n) {
		size_t drafts = 0;
		for (size_t i = 0; i < all.n; i++)
			drafts += all.v[i]->draft;
		diag_error(dl, NULL, 0, 0, "no post matches the selection (%zu post%s in %s%s)", all.n,
			   all.n == 1 ? "" : "s", site->root,
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
	bo.description = site->description;
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
	bo.site_posts = &all;
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
	} else {
		name = o->output ? xstrdup(o->output) : output_default_name(bo.title);
		S_check_extension(name, dl);
		struct output_guard guard = {site->within ? site->root : o->site, o->templates, o->cover, &all, o->force};
		if (output_target(&output, name, &guard, dl) < 0)
			goto out;
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
	post_list_free(&all, true);
	site_free(site);
	return ret;
}

/* SIGINT, SIGTERM and SIGHUP: the temporary book goes, then the signal
 * does what it would have done (SA_RESETHAND restored the default, and
 * the raised signal is delivered once the handler returns), so the exit
 * status still says "killed by signal". It may run on any thread, so it
 * does only what is async-signal-safe: an unlink and a raise. */
static void S_on_signal(int sig)
{
	int saved = errno;
	epub_remove_temporary();
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
		char *done = NULL, *root = NULL;
		status = S_run(&done, &o, &dl, &root);
		diag_sort(&dl);
		S_print_diagnostics(&dl, &o, root);
		free(root);
		/* Last, after the warnings: what was made. */
		if (done && status == EXIT_OK && !o.quiet)
			fprintf(stderr, "%s\n", done);
		free(done);
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
