#define _POSIX_C_SOURCE 200809L
#include "book/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/url.h"
#include "base/util.h"

#ifndef SHEAF_VERSION
#define SHEAF_VERSION "0.0.0"
#endif

#define S_MAX_REDIRECTS 5L

/* Whether fetch_init set libcurl up. Written only by fetch_init and
 * fetch_cleanup, which main calls before any thread starts and after they
 * end; fetcher_start reads it on the thread that starts a fetcher. */
static bool S_curl_ready;

/* A URL asked for, with the caller's tag. */
struct S_req {
	char *url; /* owned */
	size_t tag;
};

/* Requests in the order they came: v[head..n) are still in it. */
struct S_queue {
	struct S_req *v;
	size_t head, n, cap;
};

/* A download in flight, in one of the fetcher's slots. */
struct S_xfer {
	CURL *easy; /* NULL: the slot is free */
	struct S_req req;
	struct strbuf body;
	size_t max;
	long low_speed_s;
	bool too_big;
	char errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
	/* Set by fetcher_start, then only read (by any thread). */
	struct fetch_options o;
	fetch_done_fn done;
	void *data;
	char *cache; /* the cache folder, or NULL */
	size_t max;  /* the size cap */
	CURLM *multi; /* NULL when libcurl is not there; curl_multi_wakeup is
			 the one call other threads make on it */
	pthread_t thread;

	/* Shared with the threads that ask: only under lock. */
	pthread_mutex_t lock;
	pthread_cond_t wake;  /* a request came, or fetcher_stop was called */
	struct S_queue asked; /* not yet taken by the fetcher thread */
	bool stopping;

	/* The fetcher thread's own (fetcher_start sets broken before it runs). */
	struct S_queue waiting; /* for a free slot */
	struct S_xfer *slots;
	size_t nslots, active;
	size_t downloads, downloaded; /* asked for and done, for progress */
	const char *broken;           /* why nothing more can download, or NULL */
	long budget_ms;
	int64_t deadline_ms; /* when the budget is spent; 0 before the first download */
	char *spent;         /* the reason once it is (broken points to it) */
};

/* Milliseconds of a clock that only goes forward. */
static int64_t S_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int fetch_init(void)
{
	if (!S_curl_ready)
		S_curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
	return S_curl_ready ? 0 : -1;
}

void fetch_cleanup(void)
{
	if (S_curl_ready)
		curl_global_cleanup();
	S_curl_ready = false;
}

char *fetch_cache_dir(void)
{
	/* The XDG spec ignores a relative XDG_CACHE_HOME. */
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return path_join(xdg, "sheaf");
	const char *home = getenv("HOME");
	if (home && home[0] == '/') {
		char *cache = path_join(home, ".cache");
		char *dir = path_join(cache, "sheaf");
		free(cache);
		return dir;
	}
	return NULL;
}

char *fetch_cache_file(const char *dir, const char *url)
{
	char hex[41];
	sha1_hex(url, strlen(url), hex);
	return path_join(dir, hex);
}

/* A cache entry is measured before it is read: one over the size cap
 * (put there by hand, or by a sheaf with a larger cap) would otherwise be
 * read whole first. Such an entry, or one that is not a regular file (a
 * FIFO would block the open), is a miss, and *too_big says why. */
static bool S_cache_read(const char *dir, const char *url, size_t max, struct fetch_result *r,
			 bool *too_big)
{
	*too_big = false;
	if (!dir)
		return false;
	char *file = fetch_cache_file(dir, url);
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	int rc = path_is_file(file) ? read_file_stat(file, max, &text, &len, &st) : -ENOENT;
	free(file);
	*too_big = rc == -EFBIG;
	if (rc < 0 || !S_ISREG(st.st_mode)) {
		free(text);
		return false;
	}
	r->data = (unsigned char *)text;
	r->len = len;
	r->from_cache = true;
	return true;
}

/* Written beside its final name and renamed, so a reader never sees half
 * a file; a cache that cannot be written is no error. */
static void S_cache_write(const char *dir, const char *url, const unsigned char *data, size_t len)
{
	/* New folders private to the user. */
	if (!dir || !path_mkdirs(dir, 0700))
		return;
	char *file = fetch_cache_file(dir, url);
	char *tmp = xasprintf("%s.XXXXXX", file);
	int fd = mkstemp(tmp);
	if (fd >= 0) {
		bool ok = true;
		for (size_t off = 0; ok && off < len;) {
			ssize_t w = write(fd, data + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			ok = w > 0;
			off += ok ? (size_t)w : 0;
		}
		ok &= close(fd) == 0;
		if (!ok || rename(tmp, file) < 0)
			unlink(tmp);
	}
	free(tmp);
	free(file);
}

static char *S_size_text(size_t n)
{
	if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
		return xasprintf("%zu MiB", n >> 20);
	if (n >= 1024 && n % 1024 == 0)
		return xasprintf("%zu KiB", n >> 10);
	return xasprintf("%zu bytes", n);
}

static size_t S_write(char *ptr, size_t size, size_t nmemb, void *data)
{
	struct S_xfer *x = data;
	size_t n = size * nmemb;
	if (n > x->max - x->body.len) {
		x->too_big = true;
		return 0; /* aborts the transfer */
	}
	sb_add(&x->body, ptr, n);
	return n;
}

static CURL *S_easy(const char *url, struct S_xfer *x, const struct fetch_options *o)
{
	CURL *e = curl_easy_init();
	if (!e)
		return NULL;
	long connect_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms : 10000;
	long total_ms = o->timeout_ms > 0 ? o->timeout_ms : 30000;
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, S_MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, total_ms);
	/* A server that drips bytes keeps within the total time-out for
	 * 30 s; below 1 KiB/s for 10 s no image arrives in time anyway. */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, FETCH_LOW_SPEED);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_s > 0 ? o->low_speed_s : FETCH_LOW_SPEED_S);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
	curl_easy_setopt(e, CURLOPT_FAILONERROR, 1L);
	/* Time-outs without signals: sheaf may convert posts on other threads. */
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, "sheaf/" SHEAF_VERSION);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, S_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)x);
	return e;
}

/* The reason a finished transfer failed, or NULL when it did not. */
static char *S_reason(CURLcode rc, struct S_xfer *x)
{
	long code = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		char *size = S_size_text(x->max);
		char *why = xasprintf("larger than %s", size);
		free(size);
		return why;
	}
	switch (rc) {
	case CURLE_OK:
		/* A redirect without a Location, or an informational answer. */
		return code >= 200 && code < 300 ? NULL : xasprintf("HTTP %ld", code);
	case CURLE_HTTP_RETURNED_ERROR:
		return xasprintf("HTTP %ld", code);
	case CURLE_COULDNT_RESOLVE_HOST:
		return xstrdup("could not resolve host");
	case CURLE_COULDNT_RESOLVE_PROXY:
		return xstrdup("could not resolve proxy");
	case CURLE_COULDNT_CONNECT:
		return xstrdup("could not connect");
	case CURLE_OPERATION_TIMEDOUT:
		/* The same code for the lowest speed: libcurl's message tells. */
		if (strstr(x->errbuf, "too slow"))
			return xasprintf("slower than %ld KiB/s for %ld s", FETCH_LOW_SPEED / 1024, x->low_speed_s);
		return xstrdup("timed out");
	case CURLE_TOO_MANY_REDIRECTS:
		return xasprintf("more than %ld redirects", S_MAX_REDIRECTS);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return xstrdup("redirected to a URL that is not http or https");
	case CURLE_PEER_FAILED_VERIFICATION:
		return xstrdup("the server's TLS certificate could not be verified");
	default:
		return xstrdup(x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
	}
}

static void S_push(struct S_queue *q, struct S_req r)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 16;
		q->v = xrealloc(q->v, q->cap * sizeof *q->v);
	}
	q->v[q->n++] = r;
}

static struct S_req S_pop(struct S_queue *q)
{
	struct S_req r = q->v[q->head++];
	if (q->head == q->n) /* empty: start over at the front */
		q->head = q->n = 0;
	return r;
}

/* Hands *r to the caller's callback and forgets the request. */
static void S_answer(struct fetcher *f, struct S_req *q, struct fetch_result *r)
{
	f->done(f->data, q->url, q->tag, r);
	free(q->url);
	q->url = NULL;
}

static void S_fail(struct fetcher *f, struct S_req *q, const char *why)
{
	struct fetch_result r = {.error = xstrdup(why)};
	S_answer(f, q, &r);
}

/* Whether downloads are in flight or waiting for a slot. */
static bool S_busy(const struct fetcher *f)
{
	return f->active || f->waiting.head < f->waiting.n;
}

/* A request the fetcher thread just took: answered at once, or queued for
 * a download. */
static void S_take(struct fetcher *f, struct S_req q)
{
	struct fetch_result r = {0};
	bool download = false, too_big = false;
	/* Checked before the cache too: file: must never be read. */
	if (!url_is_http(q.url))
		r.error = xstrdup("only http and https URLs are fetched");
	else if (S_cache_read(f->cache, q.url, f->max, &r, &too_big))
		;
	else if (f->o.offline && too_big) {
		/* Online, the download replaces the entry (or is refused too). */
		char *size = S_size_text(f->max);
		r.error = xasprintf("the copy in the cache is larger than %s", size);
		free(size);
	} else if (f->o.offline) {
		r.error = xstrdup("not in the cache");
		r.not_cached = true;
	} else if (f->broken)
		r.error = xstrdup(f->broken);
	else
		download = true;
	if (download) {
		S_push(&f->waiting, q);
		f->downloads++;
	} else {
		S_answer(f, &q, &r);
	}
}

/* Starts waiting downloads in the free slots. */
static void S_begin(struct fetcher *f)
{
	for (size_t s = 0; s < f->nslots && f->waiting.head < f->waiting.n; s++) {
		struct S_xfer *x = &f->slots[s];
		if (x->easy)
			continue;
		memset(x, 0, sizeof *x);
		x->req = S_pop(&f->waiting);
		x->max = f->max;
		x->low_speed_s = f->o.low_speed_s > 0 ? f->o.low_speed_s : FETCH_LOW_SPEED_S;
		if (!f->deadline_ms)
			f->deadline_ms = S_now_ms() + f->budget_ms;
		x->easy = S_easy(x->req.url, x, &f->o);
		if (!x->easy || curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
			if (x->easy)
				curl_easy_cleanup(x->easy);
			x->easy = NULL;
			S_fail(f, &x->req, "libcurl could not start a transfer");
			continue;
		}
		f->active++;
	}
}

/* Ends the transfer in x: its result goes to the callback, the slot is free. */
static void S_finish(struct fetcher *f, struct S_xfer *x, CURLcode rc)
{
	struct fetch_result r = {0};
	r.error = S_reason(rc, x);
	if (!r.error) {
		r.len = x->body.len;
		r.data = (unsigned char *)sb_detach(&x->body);
		if (!f->o.cacheable || f->o.cacheable(r.data, r.len))
			S_cache_write(f->cache, x->req.url, r.data, r.len);
	}
	sb_release(&x->body);
	curl_multi_remove_handle(f->multi, x->easy);
	curl_easy_cleanup(x->easy);
	x->easy = NULL;
	f->active--;
	S_answer(f, &x->req, &r);
}

/* No more downloads (libcurl itself failed, or the time budget is
 * spent, why says which): what is in flight or waiting fails, and so does
 * every download asked for later. */
static void S_break(struct fetcher *f, const char *why)
{
	f->broken = why;
	for (size_t s = 0; s < f->nslots; s++) {
		struct S_xfer *x = &f->slots[s];
		if (!x->easy)
			continue;
		curl_multi_remove_handle(f->multi, x->easy);
		curl_easy_cleanup(x->easy);
		x->easy = NULL;
		sb_release(&x->body);
		S_fail(f, &x->req, f->broken);
	}
	f->active = 0;
	while (f->waiting.head < f->waiting.n) {
		struct S_req q = S_pop(&f->waiting);
		S_fail(f, &q, f->broken);
	}
}

/* Moves the transfers on, then sleeps until the network, a time-out or
 * fetcher_request (curl_multi_wakeup) calls for more. */
static void S_step(struct fetcher *f)
{
	int running;
	bool ok = curl_multi_perform(f->multi, &running) == CURLM_OK;
	bool freed = false;
	CURLMsg *m;
	int queued;
	while (ok && (m = curl_multi_info_read(f->multi, &queued))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		char *priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		CURLcode rc = m->data.result; /* m dies with the handle */
		S_finish(f, (struct S_xfer *)(void *)priv, rc);
		freed = true;
		f->downloaded++;
		if (f->o.progress)
			f->o.progress(f->o.progress_data, f->downloaded, f->downloads);
	}
	int64_t left = f->deadline_ms - S_now_ms();
	if (ok && left <= 0 && S_busy(f)) {
		long s = f->budget_ms / 1000;
		f->spent = xasprintf("time budget of %ld s for downloads spent", s ? s : 1);
		S_break(f, f->spent);
		return;
	}
	/* A slot freed while downloads wait: start them before sleeping. */
	bool refill = freed && f->waiting.head < f->waiting.n;
	int wait_ms = left < 1000 ? (int)left : 1000;
	if (ok && f->active && !refill && curl_multi_poll(f->multi, NULL, 0, wait_ms, NULL) != CURLM_OK)
		ok = false;
	if (!ok)
		S_break(f, "libcurl failed");
}

static void *S_thread(void *arg)
{
	struct fetcher *f = arg;
	bool stop = false;
	while (!stop) {
		pthread_mutex_lock(&f->lock);
		/* Nothing in flight: sleep until a request or fetcher_stop. While
		 * downloads run the thread sleeps in curl_multi_poll instead. */
		while (!f->asked.n && !f->stopping && !S_busy(f))
			pthread_cond_wait(&f->wake, &f->lock);
		struct S_queue got = f->asked;
		memset(&f->asked, 0, sizeof f->asked);
		stop = f->stopping && !got.n && !S_busy(f);
		pthread_mutex_unlock(&f->lock);
		/* Without the lock: cache reads and callbacks take their time,
		 * and the callbacks take the caller's locks. */
		for (size_t i = 0; i < got.n; i++)
			S_take(f, got.v[i]);
		free(got.v);
		S_begin(f);
		if (f->active)
			S_step(f);
	}
	return NULL;
}

/* Frees what fetcher_start allocated (not the lock and condition). */
static void S_free(struct fetcher *f)
{
	free(f->asked.v);
	free(f->waiting.v);
	free(f->slots);
	free(f->cache);
	free(f->spent);
	if (f->multi)
		curl_multi_cleanup(f->multi);
	free(f);
}

int fetcher_start(struct fetcher **out, const struct fetch_options *o, fetch_done_fn done, void *data)
{
	int ret = -1;
	struct fetcher *f = xcalloc(1, sizeof *f);
	f->o = *o;
	f->done = done;
	f->data = data;
	f->cache = fetch_cache_dir();
	f->max = o->max_size ? o->max_size : FETCH_MAX_SIZE;
	f->nslots = o->parallel > 0 ? (size_t)o->parallel : 8;
	f->budget_ms = o->budget_ms > 0 ? o->budget_ms : FETCH_BUDGET_MS;
	f->slots = xcalloc(f->nslots, sizeof *f->slots);
	if (!S_curl_ready)
		f->broken = "libcurl could not be initialised";
	else if (!(f->multi = curl_multi_init()))
		f->broken = "libcurl failed";
	if (pthread_mutex_init(&f->lock, NULL) == 0) {
		if (pthread_cond_init(&f->wake, NULL) == 0) {
			if (pthread_create(&f->thread, NULL, S_thread, f) == 0)
				ret = 0;
			else
				pthread_cond_destroy(&f->wake);
		}
		if (ret < 0)
			pthread_mutex_destroy(&f->lock);
	}
	if (ret == 0)
		*out = f;
	else
		S_free(f);
	return ret;
}

void fetcher_request(struct fetcher *f, const char *url, size_t tag)
{
	struct S_req q = {xstrdup(url), tag};
	pthread_mutex_lock(&f->lock);
	S_push(&f->asked, q);
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	/* While downloads run the thread sleeps in curl_multi_poll, not on
	 * the condition. A wake-up it is not sleeping for only makes its
	 * next poll return at once. */
	if (f->multi)
		curl_multi_wakeup(f->multi);
}

void fetcher_stop(struct fetcher *f)
{
	pthread_mutex_lock(&f->lock);
	f->stopping = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	/* No curl_multi_wakeup: with downloads in flight the thread needs
	 * no telling, it stops when they end. */
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->wake);
	pthread_mutex_destroy(&f->lock);
	S_free(f);
}

/* fetch_all's callback: each result into its place. */
static void S_collect(void *data, const char *url, size_t tag, struct fetch_result *r)
{
	struct fetch_result *results = data;
	(void)url;
	results[tag] = *r;
}

void fetch_all(const char *const *urls, size_t n, struct fetch_result *results,
	       const struct fetch_options *o)
{
	struct fetcher *f = NULL;
	if (!n)
		;
	else if (fetcher_start(&f, o, S_collect, results) == 0) {
		for (size_t i = 0; i < n; i++)
			fetcher_request(f, urls[i], i);
		fetcher_stop(f);
	} else {
		for (size_t i = 0; i < n; i++) {
			memset(&results[i], 0, sizeof results[i]);
			results[i].error = xstrdup("could not start a thread to fetch");
		}
	}
}

void fetch_result_free(struct fetch_result *r)
{
	if (!r)
		return;
	free(r->data);
	free(r->error);
	memset(r, 0, sizeof *r);
}
