/* book.c — the book stage: the selected posts become a book on disk as a
 * pipeline that holds at any moment only what it is working on.
 *
 *   plan      (this thread) the index of the posts (plan.h), the cover,
 *             the first entries of the container;
 *   convert   (worker threads, -j) one post at a time: dialect passes,
 *             cmark-gfm, libxml2, sanitizer (chapter.h); its images read
 *             and made ready (resources.h); its remote images asked of
 *             the fetcher;
 *   fetch     (a thread of its own, fetch.h) downloads while posts convert;
 *   commit    (whichever thread makes it possible, in book order, under
 *             the lock) gives the chapter's new images their names: names
 *             depend on order, so they are the one step taken in order;
 *   finish    (worker threads) links rewritten from the plan's index,
 *             image sources set, the chapter serialized, its tree freed,
 *             its entry deflated;
 *   write     (this thread) entries into the container in spine order as
 *             chapters finish, then freed.
 *
 * Workers start a post only while it is fewer than `window` posts ahead of
 * the writer, so memory grows with the largest posts, not with the book.
 * Every decision that shapes the bytes is taken in book order, so the
 * book is the same for every number of threads.
 *
 * A link to a heading of a later post needs that post's ids before it is
 * converted: the worker that meets it converts that post once more, for
 * its names only (S_names).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "book/book.h"

#include <errno.h>
#include <libxml/parser.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "convert/chapter.h"
#include "book/cover.h"
#include "epub/epub.h"
#include "book/fetch.h"
#include "base/hash.h"
#include "book/imagefile.h"
#include "book/opf.h"
#include "book/plan.h"
#include "book/resources.h"
#include "base/url.h"
#include "convert/sanitize.h"
#include "base/slug.h"
#include "base/template.h"
#include "base/words.h"
#include "book/toc.h"
#include "input/frontmatter.h"

#define PKG "EPUB/"

/* A chapter's way through the pipeline. */
enum S_state {
	J_WAITING,    /* not started */
	J_CONVERTING, /* a worker converts it */
	J_FETCHING,   /* converted; some remote images not fetched yet */
	J_LOADED,     /* every image read or fetched: ready to commit */
	J_COMMITTED,  /* its images named: ready to finish */
	J_FINISHING,  /* a worker serializes and deflates it */
	J_DONE,       /* its entries are ready for the writer */
	J_WRITTEN,
};

/* Whether the names of a chapter's places are known to other chapters. */
enum S_names_state { N_NONE, N_COMPUTING, N_READY };

/* One image of a chapter, from loading to its name in the book. */
struct S_img {
	struct loaded_image li; /* data: images */
	char *name_from;        /* what its file in the book is named after (a
				   local file: its path as the post reached it) */
	char *why;              /* why it is not shown (the warning), or NULL */
	struct S_shared *shared; /* a local file or an http(s) image, or NULL */
	const char *href;       /* in the book, set by commit (owned by the resources) */
};

/* A remote image or a local file, read (or fetched) and hashed once
 * however many times and by however many chapters it is shown: the
 * chapters refer to it, its bytes are held once. */
struct S_shared {
	char *url;              /* NULL for a local file */
	bool done;
	struct loaded_image li; /* when it can be shown */
	char *why;              /* the warning when it cannot; of a local file
				   the reason after the path (S_THE_FILE) */
	char *name;             /* a remote image's file in the book is named
				   after this */
	size_t *waiting;        /* chapters waiting for it */
	size_t nwaiting, cwaiting;
};

/* An image entry a chapter brings into the book (the first to show it). */
struct S_out {
	const char *href;       /* owned by the resources */
	const char *media_type;
	unsigned char *data;    /* taken from the resources at commit */
	size_t len;
	struct epub_entry entry;
};

struct S_job {
	enum S_state state;
	struct chapter ch;      /* while converting: its worker's alone */
	bool failed;            /* chapter_convert gave up */
	struct diag_list diags; /* merged into the book's, in book order */
	struct S_img *imgs;     /* one per ch.images */
	size_t pending;         /* remote images not fetched yet */
	enum S_names_state names_state;
	struct chapter_ids names; /* READY: read by every worker, never changed */
	int body_users;           /* conversions reading the post's body */
	bool body_done;           /* its own conversion is over */
	struct epub_entry xhtml;
	struct S_out *out;
	size_t nout, cout;
};

struct S_pipe {
	const struct book_options *o;
	const struct site *site;
	const struct post_list *posts;
	struct plan plan;
	const char *site_real; /* realpath of the site root, or NULL */
	const char *chapter_tmpl, *chapter_origin;
	struct site_data *site_data; /* the generator's, for its dialect passes; may be NULL */

	pthread_mutex_t mu;
	pthread_cond_t work;  /* workers: a chapter to finish, or room to start one */
	pthread_cond_t write; /* the writer: the next chapter is done */
	pthread_cond_t names; /* a chapter's names became known */
	/* Everything below is guarded by mu. */
	struct S_job *jobs;
	size_t n;
	size_t window;
	size_t batch; /* the writer is woken for this many finished chapters */
	size_t next_start, next_commit, next_write, ndone;
	struct resources res;
	struct strmap remote_of; /* URL → index in shared */
	struct strmap file_of;   /* a local file's "device:inode" → index in shared */
	struct S_shared **shared;
	size_t nshared, cshared;
	struct fetcher *fetcher;

	atomic_size_t fetched, fetch_total; /* for the progress line */
	size_t first_pending; /* shared entries before it are local or fetched */
	struct timespec started; /* CLOCK_MONOTONIC, when the export began */
	int64_t drawn_ms;        /* the progress line last drawn, from started */
	bool status_shown;       /* the progress line is on the terminal */
};

/* ---- commit: names, in book order ---- */

/* Gives the images of chapter c their files in the book: the stored one
 * with the same bytes, else a new one, which the chapter brings. Called
 * under the lock, in book order. */
static void S_commit(struct S_pipe *pp, size_t c)
{
	struct S_job *jb = &pp->jobs[c];
	for (size_t i = 0; i < jb->ch.nimages; i++) {
		struct S_img *img = &jb->imgs[i];
		struct S_shared *sh = img->shared;
		struct loaded_image *li = sh ? &sh->li : &img->li;
		if (sh && sh->why && sh->url)
			img->why = xstrdup(sh->why);
		else if (sh && sh->why)
			img->why = xasprintf("%s%s; the image's alt text is shown instead", img->name_from, sh->why);
		if (img->why)
			continue;
		const char *from = img->name_from ? img->name_from : sh->name;
		bool added;
		img->href = resources_add_loaded(&pp->res, li, from, &added);
		if (!img->href) /* cannot happen: resources are never removed */
			img->why = xasprintf("%s could not be stored; the image's alt text is shown instead", from);
		if (!added)
			continue;
		struct resource *r = &pp->res.v[pp->res.n - 1];
		jb->out = xgrow(jb->out, jb->nout, &jb->cout, sizeof *jb->out);
		struct S_out *out = &jb->out[jb->nout++];
		memset(out, 0, sizeof *out);
		out->href = r->href;
		out->media_type = r->media_type;
		out->data = r->data;
		out->len = r->len;
		r->data = NULL;
	}
}

/* Commits every chapter that can be, in order. Called under the lock. */
static void S_commit_ready(struct S_pipe *pp)
{
	bool any = false;
	while (pp->next_commit < pp->n && pp->jobs[pp->next_commit].state == J_LOADED) {
		S_commit(pp, pp->next_commit);
		pp->jobs[pp->next_commit].state = J_COMMITTED;
		pp->next_commit++;
		any = true;
	}
	if (any)
		pthread_cond_broadcast(&pp->work);
}

/* ---- references and names between chapters ---- */

/* Converts chapter c of the book (the same options every time, so the
 * same result on any thread). */
static int S_convert_post(struct chapter *ch, const struct S_pipe *pp, size_t c, struct diag_list *dl)
{
	const struct site *site = pp->site;
	const struct post *p = pp->posts->v[c];
	struct dialect_context dc = {site->root, p->relpath, site->url, site->baseurl, &pp->plan.refs,
				     site->config, pp->site_data, pp->o->language, p->front_matter};
	struct convert_options co = {pp->o->language, pp->chapter_tmpl, pp->chapter_origin,
				     site_static_dir(site), c + 1,
				     site_dialects(site), &dc, pp->plan.hrefs[c]};
	return chapter_convert(ch, p, &co, dl);
}

/* A post's body is freed once every conversion reading it is over.
 * Called under the lock. */
static void S_body_release(struct S_pipe *pp, size_t c)
{
	struct S_job *jb = &pp->jobs[c];
	if (--jb->body_users == 0 && jb->body_done) {
		struct post *p = pp->posts->v[c];
		free(p->body);
		p->body = NULL;
		fm_node_free(p->front_matter);
		p->front_matter = NULL;
	}
}

/* Publishes the names of chapter c (taking them), unless they are known
 * already. Called under the lock. */
static void S_publish_names(struct S_pipe *pp, size_t c, struct chapter_ids *names)
{
	struct S_job *jb = &pp->jobs[c];
	if (jb->names_state == N_READY) {
		chapter_ids_free(names);
	} else {
		bool waited = jb->names_state == N_COMPUTING;
		jb->names = *names;
		jb->names_state = N_READY;
		if (waited)
			pthread_cond_broadcast(&pp->names);
	}
	memset(names, 0, sizeof *names);
}

/* The names of chapter c for a link to it: known once c converted; for a
 * chapter not converted yet (a later post), converted here for its names
 * alone, its diagnostics left to its own conversion. */
static const struct chapter_ids *S_names(void *data, size_t c)
{
	struct S_pipe *pp = data;
	struct S_job *jb = &pp->jobs[c];
	pthread_mutex_lock(&pp->mu);
	while (jb->names_state == N_COMPUTING)
		pthread_cond_wait(&pp->names, &pp->mu);
	if (jb->names_state == N_READY) {
		pthread_mutex_unlock(&pp->mu);
		return &jb->names;
	}
	jb->names_state = N_COMPUTING;
	jb->body_users++;
	pthread_mutex_unlock(&pp->mu);

	struct chapter tmp;
	struct diag_list scratch = DIAG_LIST_INIT;
	S_convert_post(&tmp, pp, c, &scratch);

	pthread_mutex_lock(&pp->mu);
	/* Its own worker may have published them meanwhile: the same names. */
	if (jb->names_state != N_READY) {
		jb->names = tmp.names;
		memset(&tmp.names, 0, sizeof tmp.names);
	}
	jb->names_state = N_READY;
	S_body_release(pp, c);
	pthread_cond_broadcast(&pp->names);
	pthread_mutex_unlock(&pp->mu);
	chapter_free(&tmp);
	diag_list_free(&scratch);
	return &jb->names;
}

/* ---- images ---- */

/* Whether bytes of this hash are stored already: a file many posts show
 * is cleaned or converted once. Takes the lock. */
static bool S_known(const char *hash, void *data)
{
	struct S_pipe *pp = data;
	pthread_mutex_lock(&pp->mu);
	bool known = strmap_get(&pp->res.by_hash, hash, NULL);
	pthread_mutex_unlock(&pp->mu);
	return known;
}

/* Only images stay in the cache: an error page served with status 200
 * is asked for again next time. */
static bool S_cacheable(const unsigned char *data, size_t len)
{
	const char *other;
	return media_type_sniff(data, len, &other) || other;
}

/* A name for the image's file in the book: the URL's last path segment. */
static char *S_url_name(const char *url)
{
	char *copy = xstrdup(url);
	copy[strcspn(copy, "?#")] = '\0';
	struct url_parts u;
	url_split(&u, copy);
	const char *slash = strrchr(u.scheme.p && u.authority.p ? u.path.p : copy, '/');
	char *name = url_decode(slash && slash[1] ? slash + 1 : "remote-image");
	free(copy);
	return name;
}

/* What one worker thread keeps for itself. */
struct S_worker {
	struct S_pipe *pp;
	struct epub_deflater *deflater;
	struct realpath_cache rc;
};

/* A new entry in pp->shared, not done. Called under the lock. */
static struct S_shared *S_shared_new(struct S_pipe *pp, size_t *k)
{
	struct S_shared *sh = xcalloc(1, sizeof *sh);
	if (pp->nshared == pp->cshared) {
		pp->cshared = pp->cshared ? pp->cshared * 2 : 16;
		pp->shared = xrealloc(pp->shared, pp->cshared * sizeof *pp->shared);
	}
	*k = pp->nshared++;
	pp->shared[*k] = sh;
	return sh;
}

/* sh is read or fetched (li, taken) or cannot be shown (why, taken):
 * chapters waiting only for it are ready to commit. Called under the
 * lock. */
static void S_shared_done(struct S_pipe *pp, struct S_shared *sh, struct loaded_image *li, char *why)
{
	sh->li = *li;
	memset(li, 0, sizeof *li);
	sh->why = why;
	sh->done = true;
	bool ready = false;
	for (size_t k = 0; k < sh->nwaiting; k++) {
		struct S_job *jb = &pp->jobs[sh->waiting[k]];
		if (--jb->pending == 0) {
			jb->state = J_LOADED;
			ready = true;
		}
	}
	free(sh->waiting);
	sh->waiting = NULL;
	sh->nwaiting = sh->cwaiting = 0;
	if (ready)
		S_commit_ready(pp);
}

/* What a local file is called in the reasons of resources_read_file: each
 * chapter that shows it puts the path it wrote in its place. */
static const char S_THE_FILE[] = "the file";

/* The shared entry of the local file found at real: the first chapter to
 * show it reads it, the others refer to it (and wait for it, if it is
 * still being read, in S_wait_shared). No lock held. */
static struct S_shared *S_local_file(struct S_pipe *pp, const char *real, const struct stat *st)
{
	char *key = xasprintf("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
	size_t k;
	pthread_mutex_lock(&pp->mu);
	bool found = strmap_get(&pp->file_of, key, &k);
	struct S_shared *sh = found ? pp->shared[k] : S_shared_new(pp, &k);
	if (!found)
		strmap_put(&pp->file_of, key, k);
	pthread_mutex_unlock(&pp->mu);
	free(key);
	if (found)
		return sh;
	struct loaded_image li;
	char *why = NULL, *tail = NULL;
	if (resources_read_file(&li, real, S_THE_FILE, S_known, pp, &why) < 0)
		tail = str_starts_with(why, S_THE_FILE) ? xstrdup(why + strlen(S_THE_FILE))
							 : xasprintf(": %s", why);
	free(why);
	pthread_mutex_lock(&pp->mu);
	S_shared_done(pp, sh, &li, tail);
	pthread_mutex_unlock(&pp->mu);
	return sh;
}

/* An http(s) image at the site's own URL (a Pelican post names its
 * images by SITEURL) that is a file of the site becomes that file: read,
 * not fetched. Left to the fetcher when no such file is there. */
static void S_site_image(const struct site *site, const struct post *p, struct chapter_image *im)
{
	const char *path = site->url ? url_path_under(im->url, site->url) : NULL;
	if (!path || path[0] != '/' || path[1] == '/')
		return;
	char *raw = xstrndup(path, strcspn(path, "?#"));
	char *dec = url_decode(raw);
	char *joined = path_join(site->content_dir ? site->content_dir : ".", dec + 1);
	char *target = path_normalize(joined);
	char *file = image_file(site, p, target, raw);
	char *abs = path_join(site->root, file);
	if (!str_starts_with(file, "..") && path_is_file(abs)) {
		im->target = target;
		im->raw = raw;
		free(im->url);
		im->url = NULL;
		target = raw = NULL;
	}
	free(abs);
	free(file);
	free(target);
	free(joined);
	free(dec);
	free(raw);
}

/* Reads the local and data: images of chapter c and makes them ready;
 * what they cannot be is each one's warning. No lock held. */
static void S_load_images(struct S_worker *w, size_t c)
{
	struct S_pipe *pp = w->pp;
	struct S_job *jb = &pp->jobs[c];
	struct chapter *ch = &jb->ch;
	jb->imgs = xcalloc(ch->nimages ? ch->nimages : 1, sizeof *jb->imgs);
	for (size_t i = 0; i < ch->nimages; i++) {
		struct chapter_image *im = &ch->images[i];
		struct S_img *img = &jb->imgs[i];
		char *why = NULL;
		if (im->url)
			S_site_image(pp->site, ch->post, im);
		if (im->url)
			continue; /* the fetcher's */
		if (im->target) {
			char *file = image_file(pp->site, ch->post, im->target, im->raw);
			char real[PATH_MAX];
			struct stat st;
			if (resources_find_file(real, &st, pp->site->root, pp->site_real, file, &w->rc, &why) == 0) {
				img->name_from = file;
				img->shared = S_local_file(pp, real, &st);
			} else {
				free(file);
			}
		} else {
			unsigned char *copy = xmalloc(im->len + 1);
			memcpy(copy, im->data, im->len);
			copy[im->len] = 0;
			const char *base = path_basename(ch->href);
			if (resources_load_bytes(&img->li, copy, im->len, "the data: URL", S_known, pp, &why) == 0)
				img->name_from = xasprintf("%.*s-image-%zu.img",
							   (int)(strlen(base) - strlen(".xhtml")), base, i + 1);
		}
		if (why) {
			img->why = xasprintf("%s; the image's alt text is shown instead", why);
			free(why);
		}
	}
}

/* The fetcher's answer for a remote image, made ready on its thread. */
static void S_fetched(void *data, const char *url, size_t tag, struct fetch_result *r)
{
	static const char data_url[] = "the data: URL";
	struct S_pipe *pp = data;
	struct loaded_image li;
	memset(&li, 0, sizeof li);
	char *why = NULL;
	const char *other;
	if (!r->data) {
		why = xasprintf("remote image %s not fetched (%s)", url,
				r->not_cached ? "--offline, and not in the cache" : r->error ? r->error : "?");
	} else if (!media_type_sniff(r->data, r->len, &other) && !other) {
		why = xasprintf("remote image %s left out: the server sent no image (PNG, JPEG, GIF, "
				"WebP or SVG) but something else, such as an error page", url);
	} else {
		char *reason = NULL;
		unsigned char *bytes = r->data;
		r->data = NULL;
		if (resources_load_bytes(&li, bytes, r->len, data_url, S_known, pp, &reason) < 0) {
			/* resources names the bytes after a data: URL; name the URL. */
			if (str_starts_with(reason, data_url))
				why = xasprintf("remote image %s%s", url, reason + strlen(data_url));
			else
				why = xasprintf("remote image %s: %s", url, reason);
		}
		free(reason);
	}
	fetch_result_free(r);
	if (why) {
		char *full = xasprintf("%s; its alt text is shown instead, with the URL as a link", why);
		free(why);
		why = full;
	}

	pthread_mutex_lock(&pp->mu);
	S_shared_done(pp, pp->shared[tag], &li, why);
	pthread_mutex_unlock(&pp->mu);
	atomic_fetch_add(&pp->fetched, 1);
}

/* Asks the fetcher for the remote images of chapter c, each URL once for
 * the whole book, and makes the chapter wait for them and for local files
 * another chapter is still reading. Called under the lock. */
static void S_wait_shared(struct S_pipe *pp, size_t c)
{
	struct S_job *jb = &pp->jobs[c];
	for (size_t i = 0; i < jb->ch.nimages; i++) {
		const char *url = jb->ch.images[i].url;
		struct S_shared *rm = jb->imgs[i].shared;
		size_t k;
		if (rm) {
			; /* a local file */
		} else if (!url) {
			continue;
		} else if (strmap_get(&pp->remote_of, url, &k)) {
			rm = pp->shared[k];
		} else {
			rm = S_shared_new(pp, &k);
			rm->url = xstrdup(url);
			rm->name = S_url_name(url);
			strmap_put(&pp->remote_of, url, k);
			if (pp->fetcher) {
				atomic_fetch_add(&pp->fetch_total, 1);
				fetcher_request(pp->fetcher, url, k);
			} else {
				rm->why = xasprintf("remote image %s not fetched (libcurl could not be started); its "
						    "alt text is shown instead, with the URL as a link", url);
				rm->done = true;
			}
		}
		jb->imgs[i].shared = rm;
		if (rm->done)
			continue;
		if (rm->nwaiting == rm->cwaiting) {
			rm->cwaiting = rm->cwaiting ? rm->cwaiting * 2 : 4;
			rm->waiting = xrealloc(rm->waiting, rm->cwaiting * sizeof *rm->waiting);
		}
		rm->waiting[rm->nwaiting++] = c;
		jb->pending++;
	}
}

/* ---- finish: links, image sources, serialized, deflated ---- */

static void S_finish(struct S_pipe *pp, struct epub_deflater *d, size_t c)
{
	struct S_job *jb = &pp->jobs[c];
	struct chapter *ch = &jb->ch;
	if (!jb->failed && ch->doc) {
		plan_resolve_links(&pp->plan, ch, c, S_names, pp, &jb->diags);
		/* One warning per post for each reason, at its first use and
		 * with the count of uses, as diag.c words merged repeats: an
		 * image shown 100,000 times is one fault, not 100,000 entries. */
		struct strmap warned = STRMAP_INIT;
		size_t *first = NULL, *times = NULL, nwhy = 0, cap = 0;
		for (size_t i = 0; i < ch->nimages; i++) {
			struct chapter_image *im = &ch->images[i];
			struct S_img *img = &jb->imgs[i];
			if (img->href) {
				char *src = xasprintf("../%s", img->href);
				xmlSetProp(im->img, (const xmlChar *)"src", (const xmlChar *)src);
				free(src);
			} else {
				size_t k;
				if (!strmap_get(&warned, img->why, &k)) {
					k = nwhy++;
					strmap_put(&warned, img->why, k);
					if (nwhy > cap) {
						cap = cap ? 2 * cap : 8;
						first = xrealloc(first, cap * sizeof *first);
						times = xrealloc(times, cap * sizeof *times);
					}
					first[k] = i;
					times[k] = 0;
				}
				times[k]++;
				if (im->url)
					chapter_image_to_link(im->img, im->url);
				else
					chapter_image_to_alt(im->img);
			}
			im->img = NULL;
		}
		for (size_t k = 0; k < nwhy; k++) {
			size_t i = first[k];
			if (times[k] > 1)
				diag_warning(&jb->diags, ch->post->path, ch->images[i].line, 0,
					     "%s (%zu times in this post)", jb->imgs[i].why, times[k]);
			else
				diag_warning(&jb->diags, ch->post->path, ch->images[i].line, 0, "%s", jb->imgs[i].why);
		}
		free(first);
		free(times);
		strmap_free(&warned);
		/* Last: links and images above may have lost what named them. */
		chapter_names(xmlDocGetRootElement(ch->doc));
		xmlChar *xml;
		int len;
		if (chapter_serialize(&xml, &len, ch->doc) < 0) {
			diag_error(&jb->diags, ch->post->path, 0, 0, "cannot serialize the chapter");
		} else {
			epub_entry_deflate(&jb->xhtml, d, xml, (size_t)len);
			xmlFree(xml);
		}
	}
	for (size_t k = 0; k < jb->nout; k++) {
		struct S_out *out = &jb->out[k];
		/* PNG, JPEG and GIF are compressed already: deflating them again
		 * costs time and gains nothing. */
		if (strcmp(out->media_type, "image/svg+xml") == 0) {
			epub_entry_deflate(&out->entry, d, out->data, out->len);
			free(out->data);
		} else {
			epub_entry_store(&out->entry, out->data, out->len);
		}
		out->data = NULL;
	}
	for (size_t i = 0; i < ch->nimages; i++) {
		loaded_image_free(&jb->imgs[i].li);
		free(jb->imgs[i].name_from);
		free(jb->imgs[i].why);
	}
	free(jb->imgs);
	jb->imgs = NULL;
	chapter_drop_tree(ch);
}

/* ---- workers ---- */

/* Whether the writer has enough to do to be woken: a batch of finished
 * chapters from the next one to write on, or the last ones, or workers
 * held back by the window. Waking it for every chapter took a core from
 * the workers ten thousand times in a large book. Called under the lock. */
static bool S_writer_due(const struct S_pipe *pp)
{
	return pp->next_write < pp->n && pp->jobs[pp->next_write].state == J_DONE &&
	       (pp->ndone - pp->next_write >= pp->batch || pp->ndone == pp->n ||
		pp->next_start >= pp->next_write + pp->window);
}

/* The lowest chapter committed and not yet being finished. Called under
 * the lock. */
static bool S_take_committed(struct S_pipe *pp, size_t *c)
{
	for (size_t i = pp->next_write; i < pp->next_commit; i++)
		if (pp->jobs[i].state == J_COMMITTED) {
			*c = i;
			return true;
		}
	return false;
}

static void *S_work(void *arg)
{
	struct S_worker *w = arg;
	struct S_pipe *pp = w->pp;
	pthread_mutex_lock(&pp->mu);
	for (;;) {
		size_t c;
		/* Finishing first: it is what the writer waits for. */
		if (S_take_committed(pp, &c)) {
			pp->jobs[c].state = J_FINISHING;
			pthread_mutex_unlock(&pp->mu);
			S_finish(pp, w->deflater, c);
			pthread_mutex_lock(&pp->mu);
			pp->jobs[c].state = J_DONE;
			pp->ndone++;
			if (S_writer_due(pp))
				pthread_cond_signal(&pp->write);
			if (pp->ndone == pp->n)
				pthread_cond_broadcast(&pp->work); /* the others may leave */
			continue;
		}
		if (pp->next_start < pp->n && pp->next_start < pp->next_write + pp->window) {
			c = pp->next_start++;
			if (S_writer_due(pp))
				pthread_cond_signal(&pp->write); /* the window is full */
			struct S_job *jb = &pp->jobs[c];
			jb->state = J_CONVERTING;
			jb->body_users++;
			pthread_mutex_unlock(&pp->mu);
			jb->failed = S_convert_post(&jb->ch, pp, c, &jb->diags) < 0;
			struct chapter_ids names = jb->ch.names;
			memset(&jb->ch.names, 0, sizeof jb->ch.names);
			S_load_images(w, c);
			pthread_mutex_lock(&pp->mu);
			S_publish_names(pp, c, &names);
			jb->body_done = true;
			S_body_release(pp, c);
			S_wait_shared(pp, c);
			jb->state = jb->pending ? J_FETCHING : J_LOADED;
			if (!jb->pending)
				S_commit_ready(pp);
			continue;
		}
		if (pp->ndone == pp->n)
			break;
		pthread_cond_wait(&pp->work, &pp->mu);
	}
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

static char *S_date_range(const struct post_list *posts)
{
	int lo = 0, hi = 0;
	for (size_t i = 0; i < posts->n; i++) {
		const struct date *d = &posts->v[i]->date;
		if (!d->valid)
			continue;
		if (!lo || d->year < lo)
			lo = d->year;
		if (d->year > hi)
			hi = d->year;
	}
	if (!lo)
		return xstrdup("");
	return lo == hi ? xasprintf("%d", lo) : xasprintf("%d\xE2\x80\x93%d", lo, hi);
}

static int S_titlepage(char **out, size_t *len, const struct book_options *o,
		       const struct post_list *posts, struct diag_list *dl)
{
	int ret = -1;
	char *tmpl = NULL, *origin = NULL, *text = NULL;
	struct tvars tv = TVARS_INIT;
	if (template_load(&tmpl, &origin, "titlepage.xhtml", o->templates_dir, dl) < 0)
		goto out;
	tvars_set(&tv, "title", o->title);
	tvars_set(&tv, "subtitle", o->subtitle);
	tvars_set(&tv, "language", o->language);
	tvars_set(&tv, "description", o->description);
	/* A link: only when it can be a valid one. */
	char *site_url = NULL;
	if (o->source_url && url_normalize(&site_url, o->source_url) == 0)
		tvars_set(&tv, "site_url", site_url);
	free(site_url);
	const struct words *w = words_for(o->language);
	struct strbuf sb = STRBUF_INIT;
	words_join(w, &sb, &o->creators);
	tvars_set(&tv, "creators_text", sb.s);
	sb_release(&sb);
	tvars_set_list(&tv, "creators", &o->creators);
	char *range = S_date_range(posts);
	tvars_set(&tv, "date_range", range);
	free(range);
	char count[32];
	snprintf(count, sizeof count, "%zu", posts->n);
	tvars_set(&tv, "post_count", count);
	/* "1 post", "9 posts", "9件の記事": the number with its noun, as a
	 * phrase, so each language puts the number where it goes. */
	char *count_text = words_count(w, posts->n);
	tvars_set(&tv, "post_count_text", count_text);
	free(count_text);
	char *colophon = words_colophon(w, posts->n);
	tvars_set(&tv, "colophon_text", colophon);
	free(colophon);
	tvars_set(&tv, "source_word", w->source);
	if (template_render_xml(&text, tmpl, &tv, origin, "the title page", dl) < 0)
		goto out;
	*len = strlen(text);
	*out = text;
	text = NULL;
	ret = 0;
out:
	tvars_free(&tv);
	free(tmpl);
	free(origin);
	free(text);
	return ret;
}

static int64_t S_modified(const struct book_options *o, const struct post_list *posts)
{
	if (o->have_epoch)
		return o->epoch;
	int64_t newest = 0;
	bool any = false;
	for (size_t i = 0; i < posts->n; i++) {
		const struct post *p = posts->v[i];
		const struct date *ds[2] = {&p->date, &p->updated};
		for (int k = 0; k < 2; k++) {
			if (!ds[k]->valid)
				continue;
			int64_t t = date_epoch(ds[k]);
			if (!any || t > newest)
				newest = t;
			any = true;
		}
	}
	/* Never the clock: the same posts must give the same bytes. */
	return any ? newest : 315532800; /* 1980-01-01, the first date a zip can hold */
}

struct S_items {
	struct opf_item *v;
	size_t n, cap;
};

static void S_item(struct S_items *it, const char *id, const char *href, const char *type,
		   const char *props, bool spine)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 32;
		it->v = xrealloc(it->v, it->cap * sizeof *it->v);
	}
	it->v[it->n++] = (struct opf_item){id, href, type, props, spine};
}


/* ---- write ---- */

/* The host of a remote image not fetched yet, for the progress line
 * (printable ASCII only: it goes to a terminal), or "". Each entry is
 * passed over once in the whole export. Called under the lock. */
static void S_waiting_host(struct S_pipe *pp, char *out, size_t size)
{
	while (pp->first_pending < pp->nshared &&
	       (pp->shared[pp->first_pending]->done || !pp->shared[pp->first_pending]->url))
		pp->first_pending++;
	out[0] = '\0';
	if (pp->first_pending == pp->nshared)
		return;
	struct url_parts u;
	url_split(&u, pp->shared[pp->first_pending]->url);
	size_t n = 0;
	for (size_t i = 0; i < u.host.n && n + 1 < size; i++) {
		unsigned char c = (unsigned char)u.host.p[i];
		out[n++] = c > 0x20 && c < 0x7f ? (char)c : '?';
	}
	out[n] = '\0';
}

/* The progress line: shown after this long, redrawn at most this often. */
#define S_PROGRESS_AFTER_MS 500
#define S_PROGRESS_EVERY_MS 100

static int64_t S_ms_since(const struct timespec *t0)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)(ts.tv_sec - t0->tv_sec) * 1000 + (ts.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Cuts the line (after its leading \r) to one column less than the
 * terminal's width: a line that wraps can no longer be redrawn in place.
 * Every character of it is one column wide. */
static void S_fit_terminal(struct strbuf *sb)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) < 0 || ws.ws_col < 2)
		return;
	size_t cols = 0;
	for (size_t i = 1; i < sb->len; i++) {
		if (((unsigned char)sb->s[i] & 0xC0) == 0x80)
			continue; /* a UTF-8 continuation byte */
		if (++cols == ws.ws_col) {
			sb->len = i;
			sb->s[i] = '\0';
			return;
		}
	}
}

/* The progress line, on a terminal (o->progress): posts converted and,
 * while downloads are outstanding, the images being fetched, with the
 * host when one is left (the download an export most often ends up
 * waiting for). Drawn once the export has run for half a second, so a
 * short run prints nothing, and then at most ten times a second. Called
 * under the lock. */
static void S_progress(struct S_pipe *pp)
{
	if (!pp->o->progress)
		return;
	int64_t now = S_ms_since(&pp->started);
	if (now < S_PROGRESS_AFTER_MS || (pp->status_shown && now - pp->drawn_ms < S_PROGRESS_EVERY_MS))
		return;
	pp->drawn_ms = now;
	/* fetched first: it never passes the total read after it. */
	size_t fetched = atomic_load(&pp->fetched);
	size_t waiting = atomic_load(&pp->fetch_total) - fetched;
	char done[NUM_GROUPED_MAX], total[NUM_GROUPED_MAX];
	num_grouped(done, pp->ndone);
	num_grouped(total, pp->n);
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "\rsheaf: converting %s/%s post%s", done, total, pp->n == 1 ? "" : "s");
	if (waiting) {
		char count[NUM_GROUPED_MAX], host[48];
		num_grouped(count, waiting);
		sb_addf(&sb, " \xC2\xB7 fetching %s image%s", count, waiting == 1 ? "" : "s");
		if (waiting == 1 && (S_waiting_host(pp, host, sizeof host), *host))
			sb_addf(&sb, " from %s", host);
	}
	S_fit_terminal(&sb);
	sb_adds(&sb, "\033[K");
	fputs(sb.s, stderr);
	sb_release(&sb);
	pp->status_shown = true;
}

/* Prepares and writes one entry of bytes (taken); stored is for what is
 * compressed already (and `mimetype`, which must be). */
static int S_put(struct epub_writer *w, struct epub_deflater *d, const char *name, void *data,
		 size_t len, bool stored, struct diag_list *dl)
{
	struct epub_entry e;
	if (stored) {
		epub_entry_store(&e, data, len);
	} else {
		epub_entry_deflate(&e, d, data, len);
		free(data);
	}
	int rc = epub_write_entry(w, name, &e, dl);
	epub_entry_free(&e);
	return rc;
}

static bool S_stored_type(const char *media_type)
{
	return strcmp(media_type, "image/svg+xml") != 0;
}

/* Sleeps until the writer is due (S_writer_due). Called under the lock. */
static void S_writer_wait(struct S_pipe *pp)
{
	while (!S_writer_due(pp)) {
		if (!pp->o->progress) {
			pthread_cond_wait(&pp->write, &pp->mu);
			continue;
		}
		/* A chapter waiting for a download: keep the count moving. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += S_PROGRESS_EVERY_MS * 1000 * 1000;
		if (ts.tv_nsec >= 1000 * 1000 * 1000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000 * 1000 * 1000;
		}
		pthread_cond_timedwait(&pp->write, &pp->mu, &ts);
		S_progress(pp);
	}
}

/* Waits for each chapter in spine order, merges its diagnostics, writes
 * its entries (while nothing went wrong) and frees them. Returns false
 * when a chapter had an error or the container could not be written. */
static bool S_write_chapters(struct S_pipe *pp, struct epub_writer *w, struct toc_writer *toc, bool writing,
			     struct diag_list *dl)
{
	bool ok = true, draining = false;
	pthread_mutex_lock(&pp->mu);
	while (pp->next_write < pp->n) {
		struct S_job *jb = &pp->jobs[pp->next_write];
		/* Once woken, every finished chapter in a row is written; then
		 * the writer sleeps until a batch is ready again. */
		if (!draining || jb->state != J_DONE) {
			S_writer_wait(pp);
			draining = true;
		}
		pthread_mutex_unlock(&pp->mu);

		if (diag_count(&jb->diags, DIAG_ERROR))
			ok = false;
		diag_merge(dl, &jb->diags);
		diag_list_free(&jb->diags);
		writing &= ok;
		if (writing) {
			char *name = xasprintf(PKG "%s", jb->ch.href);
			writing = epub_write_entry(w, name, &jb->xhtml, dl) == 0;
			free(name);
		}
		epub_entry_free(&jb->xhtml);
		for (size_t k = 0; k < jb->nout; k++) {
			if (writing) {
				char *name = xasprintf(PKG "%s", jb->out[k].href);
				writing = epub_write_entry(w, name, &jb->out[k].entry, dl) == 0;
				free(name);
			}
			epub_entry_free(&jb->out[k].entry);
		}
		free(jb->out);
		jb->out = NULL;
		jb->nout = jb->cout = 0;
		/* The contents grow with the book instead of being made at its end;
		 * the headings were there for them alone. */
		toc_add(toc, &jb->ch);
		for (size_t k = 0; k < jb->ch.nheadings; k++) {
			free(jb->ch.headings[k].id);
			free(jb->ch.headings[k].text);
		}
		free(jb->ch.headings);
		jb->ch.headings = NULL;
		jb->ch.nheadings = 0;
		pthread_mutex_lock(&pp->mu);
		S_progress(pp);
		jb->state = J_WRITTEN;
		pp->next_write++;
		pthread_cond_signal(&pp->work); /* room for one more */
	}
	if (pp->status_shown)
		fprintf(stderr, "\r\033[K");
	pthread_mutex_unlock(&pp->mu);
	return ok && writing;
}

static void S_pipe_free(struct S_pipe *pp)
{
	for (size_t i = 0; i < pp->n; i++) {
		struct S_job *jb = &pp->jobs[i];
		chapter_free(&jb->ch);
		chapter_ids_free(&jb->names);
		diag_list_free(&jb->diags);
		epub_entry_free(&jb->xhtml);
		for (size_t k = 0; k < jb->nout; k++) {
			free(jb->out[k].data);
			epub_entry_free(&jb->out[k].entry);
		}
		free(jb->out);
	}
	free(pp->jobs);
	for (size_t k = 0; k < pp->nshared; k++) {
		struct S_shared *sh = pp->shared[k];
		free(sh->url);
		free(sh->name);
		free(sh->why);
		free(sh->waiting);
		loaded_image_free(&sh->li);
		free(sh);
	}
	free(pp->shared);
	strmap_free(&pp->remote_of);
	strmap_free(&pp->file_of);
	resources_free(&pp->res);
	plan_free(&pp->plan);
	site_data_free(pp->site_data);
	pthread_mutex_destroy(&pp->mu);
	pthread_cond_destroy(&pp->work);
	pthread_cond_destroy(&pp->write);
	pthread_cond_destroy(&pp->names);
}

int book_build(struct book_stats *stats, const struct book_options *o, const struct site *site,
	       const struct post_list *posts, const char *output, struct diag_list *dl)
{
	int ret = -1;
	bool ok = true;
	char *chapter_tmpl = NULL, *chapter_origin = NULL, *css = NULL, *css_origin = NULL;
	struct S_pipe pp;
	struct epub_writer *w = NULL;
	struct epub_deflater *d = NULL;
	pthread_t *threads = NULL;
	struct S_worker *workers = NULL;
	size_t nthreads = 0;
	struct strvec ids = STRVEC_INIT;
	struct S_items items = {NULL, 0, 0};
	struct cover cover;
	char *cover_range = S_date_range(posts);
	struct cover_text cover_text = {o->title, o->subtitle, &o->creators, cover_range, o->language};
	char site_real[PATH_MAX];
	char *uid = NULL;
	size_t len;
	struct toc_writer *toc = NULL;
	struct toc_input ti;

	memset(&pp, 0, sizeof pp);
	pthread_mutex_init(&pp.mu, NULL);
	pthread_cond_init(&pp.work, NULL);
	pthread_cond_init(&pp.write, NULL);
	pthread_cond_init(&pp.names, NULL);
	pp.o = o;
	clock_gettime(CLOCK_MONOTONIC, &pp.started);
	pp.site = site;
	pp.posts = posts;
	pp.n = posts->n;
	pp.jobs = xcalloc(pp.n ? pp.n : 1, sizeof *pp.jobs);
	plan_build(&pp.plan, site, posts, o->site_posts);
	pp.site_real = realpath(site->root, site_real) ? site_real : NULL;
	if (site->gen->site_data)
		pp.site_data = site->gen->site_data(site);

	/* Every template of --templates checked now, the title page's and the
	 * cover's too: a misspelt variable stops the run before a post
	 * converts, not after. */
	if (template_check_dir(o->templates_dir, dl) < 0 ||
	    template_load(&chapter_tmpl, &chapter_origin, "chapter.xhtml", o->templates_dir, dl) < 0 ||
	    template_load(&css, &css_origin, "style.css", o->templates_dir, dl) < 0)
		goto out;
	pp.chapter_tmpl = chapter_tmpl;
	pp.chapter_origin = chapter_origin;
	/* First, so a --cover that cannot be used stops the run early, and the
	 * cover keeps its name (images/cover.*) whatever the posts hold. */
	struct fetch_options cover_fetch = {.offline = o->offline, .budget_ms = o->fetch_budget_s * 1000L};
	if (cover_add(&cover, &pp.res, o->cover, site, posts, &cover_text, &cover_fetch, dl) < 0)
		goto out;

	char uuid[37];
	uuid_v5_url(o->id_seed, uuid);
	uid = xasprintf("urn:uuid:%s", uuid);
	ti = (struct toc_input){o->title, o->language, uid, "titlepage.xhtml", "nav.xhtml", "style.css",
				NULL, 0, o->toc_depth, "cover.xhtml"};

	if (epub_open(&w, output, S_modified(o, posts), dl) < 0)
		goto out;
	d = epub_deflater_new();
	char *container = opf_container(PKG "content.opf", &len);
	ok &= S_put(w, d, "mimetype", xstrdup("application/epub+zip"), strlen("application/epub+zip"), true,
		    dl) == 0;
	ok &= S_put(w, d, "META-INF/container.xml", container, len, false, dl) == 0;
	ok &= S_put(w, d, PKG "style.css", css, strlen(css), false, dl) == 0;
	css = NULL;
	for (size_t i = 0; i < pp.res.n; i++) {
		char *name = xasprintf(PKG "%s", pp.res.v[i].href);
		ok &= S_put(w, d, name, pp.res.v[i].data, pp.res.v[i].len, S_stored_type(pp.res.v[i].media_type),
			    dl) == 0;
		pp.res.v[i].data = NULL;
		free(name);
	}
	char *page;
	if (cover_page(&page, &len, &cover, &cover_text, o->templates_dir, dl) < 0)
		ok = false;
	else
		ok &= S_put(w, d, PKG "cover.xhtml", page, len, false, dl) == 0;
	if (S_titlepage(&page, &len, o, posts, dl) < 0)
		ok = false;
	else
		ok &= S_put(w, d, PKG "titlepage.xhtml", page, len, false, dl) == 0;

	/* The pipeline. */
	toc = toc_begin(&ti);
	struct fetch_options fo = {.offline = o->offline, .cacheable = S_cacheable,
				   .budget_ms = o->fetch_budget_s * 1000L};
	if (fetcher_start(&pp.fetcher, &fo, S_fetched, &pp) < 0)
		pp.fetcher = NULL;
	size_t jobs = o->jobs > 0 ? (size_t)o->jobs : 1;
	pp.window = jobs * 8 > 16 ? jobs * 8 : 16;
	pp.batch = pp.window / 2;
	threads = xcalloc(jobs, sizeof *threads);
	workers = xcalloc(jobs, sizeof *workers);
	for (; nthreads < jobs; nthreads++) {
		struct S_worker *wk = &workers[nthreads];
		wk->pp = &pp;
		wk->deflater = epub_deflater_new();
		if (pthread_create(&threads[nthreads], NULL, S_work, wk) != 0) {
			epub_deflater_free(wk->deflater);
			break;
		}
	}
	if (!nthreads) {
		diag_error(dl, NULL, 0, 0, "cannot start a thread: %s", strerror(errno));
		ok = false;
	} else {
		ok &= S_write_chapters(&pp, w, toc, ok, dl);
	}
	for (size_t i = 0; i < nthreads; i++) {
		pthread_join(threads[i], NULL);
		epub_deflater_free(workers[i].deflater);
		realpath_cache_free(&workers[i].rc);
	}
	if (pp.fetcher)
		fetcher_stop(pp.fetcher);
	pp.fetcher = NULL;
	if (!nthreads || !ok)
		goto out;

	/* The tables of contents and the package document come last: they
	 * list every chapter and image. */
	char *nav, *ncx;
	size_t ncx_len;
	toc_finish(toc, &nav, &len, &ncx, &ncx_len);
	toc = NULL;
	ok &= S_put(w, d, PKG "nav.xhtml", nav, len, false, dl) == 0;
	ok &= S_put(w, d, PKG "toc.ncx", ncx, ncx_len, false, dl) == 0;

	S_item(&items, "cover", "cover.xhtml", "application/xhtml+xml", NULL, true);
	S_item(&items, "titlepage", "titlepage.xhtml", "application/xhtml+xml", NULL, true);
	S_item(&items, "nav", "nav.xhtml", "application/xhtml+xml", "nav", true);
	S_item(&items, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL, false);
	S_item(&items, "css", "style.css", "text/css", NULL, false);
	for (size_t i = 0; i < pp.n; i++) {
		char *id = xasprintf("ch-%03zu", i + 1);
		sv_push_owned(&ids, id);
		S_item(&items, id, pp.jobs[i].ch.href, "application/xhtml+xml", pp.jobs[i].ch.has_svg ? "svg" : NULL,
		       true);
	}
	for (size_t i = 0; i < pp.res.n; i++)
		S_item(&items, pp.res.v[i].id, pp.res.v[i].href, pp.res.v[i].media_type,
		       strcmp(pp.res.v[i].href, cover.href) == 0 ? "cover-image" : NULL, false);

	char modified_iso[21], date_ymd[11];
	date_format_iso_utc(S_modified(o, posts), modified_iso);
	const char *date = NULL;
	struct date newest = {0};
	for (size_t i = 0; i < posts->n; i++)
		if (posts->v[i]->date.valid && (!newest.valid || date_cmp(&posts->v[i]->date, &newest) > 0))
			newest = posts->v[i]->date;
	if (o->date) {
		date = o->date;
	} else if (newest.valid) {
		date_format_ymd(&newest, date_ymd);
		date = date_ymd;
	}
	/* A generated cover repeats the title page's text: no visual content. */
	struct opf_input oi = {uid, o->title, o->subtitle, o->description, o->source_url,
			       &o->creators, &o->subjects, o->language, date, modified_iso,
			       pp.res.n > (cover.generated ? 1u : 0u), o->series, o->series_position,
			       items.v, items.n, cover.id, o->publisher, o->rights};
	char *opf;
	opf_package(&opf, &len, &oi);
	ok &= S_put(w, d, PKG "content.opf", opf, len, false, dl) == 0;

	if (!ok || diag_count(dl, DIAG_ERROR))
		goto out;
	ret = epub_commit(w, dl);
	w = NULL;
	if (ret == 0 && stats) {
		struct stat st;
		stats->posts = posts->n;
		stats->images = pp.res.n - (cover.generated ? 1u : 0u);
		stats->bytes = stat(output, &st) == 0 ? (uint64_t)st.st_size : 0;
	}
out:
	if (toc) {
		char *nav, *ncx;
		size_t nav_len, ncx_len;
		toc_finish(toc, &nav, &nav_len, &ncx, &ncx_len);
		free(nav);
		free(ncx);
	}
	epub_abort(w);
	epub_deflater_free(d);
	free(threads);
	free(workers);
	S_pipe_free(&pp);
	free(chapter_tmpl);
	free(chapter_origin);
	free(css);
	free(css_origin);
	sv_free(&ids);
	free(items.v);
	free(cover_range);
	free(uid);
	return ret;
}
