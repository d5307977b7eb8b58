#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "input/site.h"

#include <libxml/HTMLparser.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/path.h"
#include "base/url.h"

/* Tried in order; generic takes any folder, so it comes last. */
static const struct site_generator *const S_generators[] = {
	&site_mkdocs,
	&site_hugo,
	&site_zola,
	&site_eleventy,
	&site_hexo, /* before Jekyll: both have _config.yml */
	&site_docusaurus,
	&site_astro,
	&site_pelican,
	&site_jekyll,
	&site_generic,
};
#define S_NGEN (sizeof S_generators / sizeof *S_generators)

const char *const *site_generator_names(void)
{
	static const char *names[S_NGEN + 1];
	for (size_t i = 0; i < S_NGEN; i++)
		names[i] = S_generators[i]->name;
	names[S_NGEN] = NULL;
	return names;
}

static const struct site_generator *S_detect(const char *root)
{
	for (size_t i = 0; i < S_NGEN; i++)
		if (S_generators[i]->detect(root))
			return S_generators[i];
	return &site_generic;
}

/* Whether a folder may hold a site when SITE is none: not hidden, not a
 * generator's own underscore folder, not installed packages. */
static bool S_may_hold_site(const char *name)
{
	return name[0] != '.' && name[0] != '_' && strcmp(name, "node_modules") != 0 &&
	       strcmp(name, "vendor") != 0;
}

/* Sorted names of the folders in root/dir that S_may_hold_site. */
static void S_subdirs(const char *root, const char *dir, struct strvec *out)
{
	char *abs = path_join(root, dir);
	struct strvec names = STRVEC_INIT;
	site_list_dir(abs, &names);
	for (size_t i = 0; i < names.n; i++) {
		if (!S_may_hold_site(names.v[i]))
			continue;
		char *sub = path_join(abs, names.v[i]);
		if (path_is_dir(sub))
			sv_push(out, names.v[i]);
		free(sub);
	}
	sv_free(&names);
	free(abs);
}

/* Many repositories keep the site a folder or two down (core/, v2/,
 * website/, test/source/): when root is no generator's site, the
 * shallowest folders (three levels at most) that are one are looked at;
 * when exactly one is, it is the site. Sets *sub (malloc'd, relative to
 * root) and *gen, or leaves them; several at one level are an error, as
 * choosing one would be a guess. */
static int S_subfolder_site(const char *root, char **sub, const struct site_generator **gen,
			    struct diag_list *dl)
{
	struct strvec level = STRVEC_INIT, found = STRVEC_INIT;
	sv_push(&level, ".");
	const struct site_generator *first = NULL;
	for (int depth = 1; depth <= 3 && level.n && !found.n; depth++) {
		struct strvec next = STRVEC_INIT;
		for (size_t i = 0; i < level.n; i++) {
			struct strvec names = STRVEC_INIT;
			S_subdirs(root, level.v[i], &names);
			for (size_t k = 0; k < names.n; k++) {
				char *rel = strcmp(level.v[i], ".") == 0 ? xstrdup(names.v[k])
									  : path_join(level.v[i], names.v[k]);
				char *abs = path_join(root, rel);
				const struct site_generator *g = S_detect(abs);
				free(abs);
				if (g != &site_generic) {
					if (!found.n)
						first = g;
					sv_push(&found, rel);
				}
				sv_push_owned(&next, rel);
			}
			sv_free(&names);
		}
		sv_free(&level);
		level = next;
	}
	sv_free(&level);
	int ret = 0;
	if (found.n == 1) {
		*sub = xstrdup(found.v[0]);
		*gen = first;
	} else if (found.n > 1) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < found.n; i++)
			sb_addf(&sb, "%s%s/", i ? (i + 1 == found.n ? " and " : ", ") : "", found.v[i]);
		diag_error(dl, root, 0, 0, "not a blog of its own, but its folders %s are: name one as SITE",
			   sb.s);
		sb_release(&sb);
		ret = -1;
	}
	sv_free(&found);
	return ret;
}

/* The site start lies in, found as git finds a repository: the nearest
 * folder above start (real paths) that want recognizes (NULL: any known
 * generator but generic). The walk stops at the file system's root, at a
 * mount point (a parent on another device, as git does without
 * GIT_DISCOVERY_ACROSS_FILESYSTEM) and, when start lies in $HOME, at
 * $HOME: a stray config in /home or / is no one's blog. Returns the
 * site's real path (malloc'd) with *gen and *within (start relative to
 * it, malloc'd), or NULL. */
static char *S_site_above(const char *start, const struct site_generator *want,
			  const struct site_generator **gen, char **within)
{
	char real[PATH_MAX], home[PATH_MAX];
	struct stat st;
	if (!realpath(start, real) || stat(real, &st) < 0)
		return NULL;
	dev_t dev = st.st_dev;
	const char *h = getenv("HOME");
	bool ceiling = h && *h && realpath(h, home) && path_under(real, home);
	char *dir = xstrdup(real);
	while (strcmp(dir, "/") != 0 && !(ceiling && strcmp(dir, home) == 0)) {
		char *up = path_dirname(dir);
		free(dir);
		dir = up;
		if (stat(dir, &st) < 0 || st.st_dev != dev)
			break;
		const struct site_generator *g = want ? (want->detect(dir) ? want : NULL) : S_detect(dir);
		if (g && g != &site_generic) {
			*gen = g;
			*within = xstrdup(strcmp(dir, "/") == 0 ? real + 1 : path_under(real, dir));
			return dir;
		}
	}
	free(dir);
	return NULL;
}

int site_open(struct site **out, const char *root, const char *generator, struct diag_list *dl)
{
	struct site_open_options opts = {generator, NULL, NULL};
	return site_open_ext(out, root, &opts, dl);
}

/* The live site's address given on the command line, where the config
 * names none (Hugo's `baseURL = "/"`): post addresses and links to pages
 * outside the book are made from it, and its path is where site paths
 * start, as a config's URL would be read. */
static void S_given_url(struct site *site, const char *url)
{
	if (site->url || !url || !url_is_http(url))
		return;
	site->url = str_ends_with(url, "/") ? xstrdup(url) : xasprintf("%s/", url);
	const char *path = url_path(site->url);
	if (!site->baseurl && path && strcmp(path, "/") != 0)
		site->baseurl = xstrndup(path, strlen(path) - 1);
}

/* A copyright notice written as HTML (`Copyright &copy; 2016 <a
 * href="…">Name</a>`) as the reader sees it: its text, entities
 * decoded, white space collapsed. Plain text is left as it is. */
static void S_copyright_text(struct site *site)
{
	const char *c = site->copyright;
	if (!c || !strpbrk(c, "<&"))
		return;
	/* Wrapped, so a fragment of text alone still gets a root. */
	char *html = xasprintf("<html><body>%s</body></html>", c);
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NODEFDTD);
	free(html);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlChar *text = root ? xmlNodeGetContent(root) : NULL;
	if (text) {
		free(site->copyright);
		site->copyright = str_collapse_ws((const char *)text);
		if (!*site->copyright) {
			free(site->copyright);
			site->copyright = NULL;
		}
	}
	xmlFree(text);
	xmlFreeDoc(doc);
}

int site_open_ext(struct site **out, const char *root, const struct site_open_options *opts,
		  struct diag_list *dl)
{
	const char *generator = opts ? opts->generator : NULL;
	*out = NULL;
	if (!path_is_dir(root)) {
		diag_error(dl, root, 0, 0, "not a folder (SITE must be the folder of a blog)");
		return -1;
	}
	const struct site_generator *gen = NULL;
	char *sub = NULL, *above = NULL, *within = NULL;
	if (generator) {
		for (size_t i = 0; i < S_NGEN && !gen; i++)
			if (strcmp(generator, S_generators[i]->name) == 0)
				gen = S_generators[i];
		if (!gen) {
			diag_error(dl, NULL, 0, 0, "unknown generator '%s'", generator);
			return -1;
		}
		/* The generator named is looked for above, as any is below;
		 * none found: root is read as its site, as it always was. */
		if (!gen->detect(root))
			above = S_site_above(root, gen, &gen, &within);
	} else {
		/* A folder inside a site is that site's before a site below
		 * it (a theme's exampleSite/ under themes/). */
		gen = S_detect(root);
		if (gen == &site_generic && !(above = S_site_above(root, NULL, &gen, &within)) &&
		    S_subfolder_site(root, &sub, &gen, dl) < 0)
			return -1;
	}
	struct site *site = xcalloc(1, sizeof *site);
	site->gen = gen;
	char *given = path_normalize(above ? above : root);
	site->folder_name = xstrdup(path_basename(given));
	free(given);
	if (above) {
		site->root = above;
		site->within = within;
	} else if (sub) {
		char *abs = path_join(root, sub);
		site->root = path_normalize(abs);
		free(abs);
		site->subfolder = sub;
	} else {
		site->root = path_normalize(root);
	}
	site->collect.max_post_size = SITE_MAX_POST_SIZE;
	site->collect.max_front_matter = SITE_MAX_FRONT_MATTER;
	site->want_language = opts && opts->language ? xstrdup(opts->language) : NULL;
	if (gen->configure(site, dl) < 0) {
		site_free(site);
		return -1;
	}
	S_copyright_text(site);
	S_given_url(site, opts ? opts->site_url : NULL);
	*out = site;
	return 0;
}

/* One post file, read on any thread. */
struct S_read {
	struct post *post; /* NULL when left out */
	struct diag_list diags;
	bool left_out, failed;
	bool not_post; /* its generator said so once it was read */
};

struct S_collect {
	const struct site *site;
	const struct strvec *files;
	struct S_read *reads;
	const char *root_real; /* NULL when the root has none */
	atomic_size_t next;
};

static void S_read_one(struct S_collect *c, struct realpath_cache *rc, size_t i)
{
	const struct site *site = c->site;
	struct S_read *r = &c->reads[i];
	struct post *p;
	int read;
	/* A post that is a symlink to a file outside the site, or to one of
	 * its hidden files (.env), is not read: only the site's own files go
	 * into a book (path.h's rule; the walk left hidden names out). */
	char *path = path_join(site->root, c->files->v[i]);
	char real[PATH_MAX];
	bool inside = c->root_real && realpath_cached(rc, path, real) && path_under(real, c->root_real);
	enum path_refusal hidden = inside ? path_check_rel(path_under(real, c->root_real)) : PATH_OK;
	if (!inside) {
		diag_warning(&r->diags, path, 0, 0, "left out: the file resolves (through a symlink) outside the site");
		r->left_out = true;
	} else if (hidden != PATH_OK) {
		diag_warning(&r->diags, path, 0, 0, "left out: it resolves to '%s', which %s",
			     path_under(real, c->root_real), path_refusal_why(hidden));
		r->left_out = true;
	} else if ((read = site_read_post(&p, site, c->files->v[i], &r->diags)) > 0) {
		/* Not a post after all: site_read_post kept only why, when
		 * the generator said (a skipped Pelican article). */
		r->not_post = true;
	} else if (read < 0) {
		if (site->collect.keep_going) {
			for (size_t k = 0; k < r->diags.n; k++)
				r->diags.v[k].severity = DIAG_WARNING;
			diag_warning(&r->diags, path, 0, 0,
				     "left out of the book because of the problems reported for it (--keep-going)");
		} else {
			r->failed = true;
		}
		r->left_out = true;
	} else {
		if (!p->live_url && site->url && site->gen->post_url)
			p->live_url = site->gen->post_url(site, p);
		if (site->collect.keep_body && !site->collect.keep_body(p, site->collect.keep_body_data)) {
			free(p->body);
			p->body = NULL;
			p->body_len = 0;
		}
		r->post = p;
	}
	free(path);
}

static void *S_reader(void *arg)
{
	struct S_collect *c = arg;
	struct realpath_cache rc = REALPATH_CACHE_INIT;
	for (size_t i; (i = atomic_fetch_add(&c->next, 1)) < c->files->n;)
		S_read_one(c, &rc, i);
	realpath_cache_free(&rc);
	return NULL;
}

int site_collect(struct site *site, struct post_list *out, struct diag_list *dl)
{
	int ret = 0;
	struct strvec files = STRVEC_INIT;
	char root_real[PATH_MAX];
	bool have_root = realpath(site->root, root_real) != NULL;
	if (site->gen->list_posts(site, &files, dl) < 0)
		ret = -1;
	site->stats.files = files.n;
	site->stats.left_out = 0;

	/* Posts are read on collect.jobs threads (this one among them), and
	 * what each gave is taken in the order of the files: the same posts
	 * and diagnostics for any number of threads. */
	struct S_collect c = {site, &files, xcalloc(files.n ? files.n : 1, sizeof *c.reads),
			      have_root ? root_real : NULL, 0};
	size_t nthreads = site->collect.jobs > 1 ? (size_t)site->collect.jobs - 1 : 0;
	if (nthreads > files.n / 64)
		nthreads = files.n / 64; /* a small blog is read before a thread starts */
	pthread_t *threads = xcalloc(nthreads ? nthreads : 1, sizeof *threads);
	size_t started = 0;
	while (started < nthreads && pthread_create(&threads[started], NULL, S_reader, &c) == 0)
		started++;
	S_reader(&c);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);

	/* What only all the files together tell: which are posts after all.
	 * Before the merge, so that a file left out leaves no word. */
	bool *keep = xcalloc(files.n ? files.n : 1, sizeof *keep);
	struct post **posts = xcalloc(files.n ? files.n : 1, sizeof *posts);
	for (size_t i = 0; i < files.n; i++) {
		keep[i] = !c.reads[i].not_post;
		posts[i] = c.reads[i].post;
	}
	if (site->gen->collected)
		site->gen->collected(site, &files, posts, keep);
	free(posts);

	for (size_t i = 0; i < files.n; i++) {
		struct S_read *r = &c.reads[i];
		if (!keep[i]) {
			post_free(r->post);
			site->stats.files--;
			/* Left out by post_fields: why, when it said (a file the
			 * collected hook leaves out leaves no word). */
			if (r->not_post)
				diag_merge(dl, &r->diags);
		} else {
			if (r->post)
				post_list_push(out, r->post);
			if (r->left_out)
				site->stats.left_out++;
			if (r->failed)
				ret = -1;
			diag_merge(dl, &r->diags);
		}
		diag_list_free(&r->diags);
	}
	free(keep);
	free(c.reads);
	sv_free(&files);
	return ret;
}

bool site_post_within(const struct site *site, const struct post *p)
{
	if (!site->within)
		return true;
	const char *rest = str_starts_with(p->relpath, site->within) ? p->relpath + strlen(site->within) : NULL;
	return rest && *rest == '/';
}

void site_image_folders(const struct site *site, const struct post *p, struct strvec *out)
{
	if (site->gen->image_folders) {
		site->gen->image_folders(site, p, out);
		return;
	}
	const char *base = path_basename(p->relpath);
	const char *dot = strrchr(base, '.');
	char *dir = path_dirname(p->relpath);
	char *stem = xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	sv_push_owned(out, path_join(dir, stem));
	free(stem);
	free(dir);
}

const struct dialect *const *site_dialects(const struct site *site)
{
	return site->dialects ? site->dialects : site->gen->dialects;
}

const char *site_static_dir(const struct site *site)
{
	return site->static_dir ? site->static_dir : site->content_dir ? site->content_dir : ".";
}

char *site_page_url(const struct site *site, const char *relpath)
{
	if (!site->gen->page_url || !site->url)
		return NULL;
	return site->gen->page_url(site, relpath);
}

void site_free(struct site *site)
{
	if (!site)
		return;
	if (site->state && site->gen->free_state)
		site->gen->free_state(site->state);
	free(site->root);
	free(site->subfolder);
	free(site->within);
	free(site->folder_name);
	free(site->config_file);
	free(site->content_dir);
	free(site->posts_dir);
	free(site->static_dir);
	sv_free(&site->static_more);
	free(site->baseurl);
	free(site->title);
	free(site->author);
	free(site->language);
	free(site->url);
	free(site->description);
	free(site->copyright);
	free(site->want_language);
	fm_node_free(site->config);
	fm_node_free(site->authors);
	free(site);
}
