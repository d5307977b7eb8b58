/* sheaf — bind the posts of a blog into an EPUB 3 book.
 * main reads the options, runs the pipeline (site → posts → selection →
 * book), prints every diagnostic and decides the exit status. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book/book.h"
#include "app/cli.h"
#include "app/list.h"
#include "book/fetch.h"
#include "convert/markdown.h"
#include "convert/sanitize.h"
#include "input/select.h"
#include "input/site.h"
#include "base/slug.h"
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
	return !o->list && select_matches(&o->sel, p);
}

/* Whether the post is the file out names (stat'ed once by the caller),
 * through symlinks and hard links alike: the post was stat'ed when read. */
static bool S_same_file(const struct stat *out, const struct post *p)
{
	return p->dev == (unsigned long long)out->st_dev && p->ino == (unsigned long long)out->st_ino;
}

static int S_run(const struct options *o, struct diag_list *dl)
{
	int ret = EXIT_INPUT;
	struct site *site = NULL;
	struct post_list all = POST_LIST_INIT, sel = POST_LIST_INIT;
	struct book_options bo;
	char *output = NULL, *seed = NULL;
	struct strvec kept = STRVEC_INIT;
	memset(&bo, 0, sizeof bo);

	struct site_open_options so = {o->generator, o->site_url, o->language};
	if (site_open_ext(&site, o->site, &so, dl) < 0)
		goto out;
	/* Said even without -v: the book comes from a folder the user did not name. */
	if (site->subfolder && !o->quiet)
		diag_note(stderr, "reading the %s site in %s/", site->gen->name, site->subfolder);
	if (o->verbose)
		diag_note(stderr, "%s: read as a %s site", site->root, site->gen->name);
	site->collect.keep_going = o->keep_going;
	if (o->max_post_size)
		site->collect.max_post_size = o->max_post_size;
	site->collect.jobs = S_jobs(o);
	site->collect.keep_body = S_keep_body;
	site->collect.keep_body_data = o;
	if (site_collect(site, &all, dl) < 0)
		goto out;
	select_posts(&o->sel, &all, &sel);
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

	bo.title = o->title ? o->title : site->title ? site->title : site->folder_name;
	if (!*bo.title || strcmp(bo.title, ".") == 0)
		bo.title = "Blog";
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
		bo.series = o->sel.series.v[0];
		for (size_t i = 0; i < sel.n; i++)
			for (size_t k = 0; k < sel.v[i]->series.n; k++)
				if (str_ieq_utf8(sel.v[i]->series.v[k], o->sel.series.v[0]))
					bo.series = sel.v[i]->series.v[k];
		bo.series_position = o->series_position;
	}
	S_clean_metadata(&bo, site, &kept, dl);
	bo.offline = o->offline;
	bo.fetch_budget_s = o->fetch_timeout;
	bo.status_line = !o->quiet && isatty(fileno(stderr));
	bo.jobs = S_jobs(o);
	bo.templates_dir = o->templates;
	bo.cover = o->cover;
	bo.progress = !o->quiet && !o->verbose && sel.n >= 50 && isatty(fileno(stderr));
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (*end || v < 0)
			diag_warning(dl, NULL, 0, 0, "SOURCE_DATE_EPOCH='%s' is not a number of seconds; ignored", sde);
		else {
			bo.have_epoch = true;
			bo.epoch = v;
		}
	}

	if (o->output) {
		output = xstrdup(o->output);
	} else {
		char *slug = slugify(bo.title);
		output = xasprintf("%s.epub", slug);
		free(slug);
	}
	char *outdir = path_dirname(output);
	bool dir_ok = path_is_dir(outdir);
	free(outdir);
	if (!dir_ok) {
		diag_error(dl, output, 0, 0, "the folder to write the book in does not exist");
		goto out;
	}
	struct stat out_st;
	bool out_exists = stat(output, &out_st) == 0; /* else it cannot be a post */
	for (size_t i = 0; out_exists && i < all.n; i++) {
		if (S_same_file(&out_st, all.v[i])) {
			diag_error(dl, output, 0, 0, "the output would overwrite a post of the site");
			goto out;
		}
	}
	if (path_is_dir(output)) {
		diag_error(dl, output, 0, 0, "is a folder; give the book's file name with -o");
		goto out;
	}
	if (book_build(&bo, site, &sel, output, dl) < 0)
		goto out;
	if (o->verbose)
		diag_note(stderr, "wrote %s (%zu posts)", output, sel.n);
	ret = EXIT_OK;
out:
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
		markdown_init();
		/* Before any thread starts. When it fails, each remote image
		 * fails with a warning saying so, and the book is still made. */
		(void)fetch_init();
		status = S_run(&o, &dl);
		diag_sort(&dl);
		diag_print(&dl, stderr, S_color(), !o.quiet);
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
