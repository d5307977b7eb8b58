#define _POSIX_C_SOURCE 200809L
#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "util.h"

#ifndef SHEAF_VERSION
#define SHEAF_VERSION "0.0.0"
#endif

#define S_MAX_REDIRECTS 5L

/* Whether fetch_init set libcurl up. Written only by fetch_init and
 * fetch_cleanup, which main calls before any thread starts and after they
 * end. */
static bool S_curl_ready;

struct S_xfer {
	CURL *easy;
	size_t index; /* in urls and results */
	struct strbuf body;
	size_t max;
	bool too_big;
	char errbuf[CURL_ERROR_SIZE];
};

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

/* mkdir -p, new folders private to the user. */
static bool S_mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	bool ok = true;
	for (char *s = strchr(p + 1, '/'); ok && s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			ok = false;
		*s = '/';
	}
	if (ok && mkdir(p, 0700) < 0 && errno != EEXIST)
		ok = false;
	free(p);
	return ok && path_is_dir(dir);
}

static bool S_cache_read(const char *dir, const char *url, size_t max, struct fetch_result *r)
{
	if (!dir)
		return false;
	char *file = fetch_cache_file(dir, url);
	char *text = NULL;
	size_t len = 0;
	bool hit = path_is_file(file) && read_file(file, &text, &len) == 0 && len <= max;
	free(file);
	if (!hit) {
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
	if (!dir || !S_mkdirs(dir))
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

static bool S_http_url(const char *url)
{
	static const char *const schemes[] = {"http://", "https://"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(schemes[i]), k = 0;
		for (; k < n; k++) {
			char c = url[k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != schemes[i][k])
				break;
		}
		if (k == n && url[n])
			return true;
	}
	return false;
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

static void S_finish(struct S_xfer *x, CURLcode rc, const char *url, struct fetch_result *r,
		     const char *cache, const struct fetch_options *o)
{
	r->error = S_reason(rc, x);
	if (!r->error) {
		r->len = x->body.len;
		r->data = (unsigned char *)sb_detach(&x->body);
		if (!o->cacheable || o->cacheable(r->data, r->len))
			S_cache_write(cache, url, r->data, r->len);
	}
	sb_release(&x->body);
}

/* Downloads urls[todo[0..n)], at most o->parallel at a time. */
static void S_download(const char *const *urls, const size_t *todo, size_t n,
		       struct fetch_result *results, const char *cache, const struct fetch_options *o,
		       size_t max)
{
	CURLM *multi = S_curl_ready ? curl_multi_init() : NULL;
	size_t slots = o->parallel > 0 ? (size_t)o->parallel : 8;
	struct S_xfer *xs = xcalloc(slots, sizeof *xs);
	size_t next = 0, active = 0, done = 0;
	bool broken = !multi;

	while (!broken && (next < n || active)) {
		for (size_t s = 0; s < slots && next < n; s++) {
			if (xs[s].easy)
				continue;
			struct S_xfer *x = &xs[s];
			memset(x, 0, sizeof *x);
			x->index = todo[next++];
			x->max = max;
			x->easy = S_easy(urls[x->index], x, o);
			if (!x->easy || curl_multi_add_handle(multi, x->easy) != CURLM_OK) {
				results[x->index].error = xstrdup("libcurl could not start a transfer");
				if (x->easy)
					curl_easy_cleanup(x->easy);
				x->easy = NULL;
				continue;
			}
			active++;
		}
		int running;
		if (curl_multi_perform(multi, &running) != CURLM_OK) {
			broken = true;
			break;
		}
		CURLMsg *m;
		int queued;
		while ((m = curl_multi_info_read(multi, &queued))) {
			if (m->msg != CURLMSG_DONE)
				continue;
			char *priv = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
			struct S_xfer *x = (struct S_xfer *)(void *)priv;
			CURLcode rc = m->data.result;
			S_finish(x, rc, urls[x->index], &results[x->index], cache, o);
			curl_multi_remove_handle(multi, x->easy);
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
			active--;
			done++;
			if (o->progress)
				o->progress(o->progress_data, done, n);
		}
		if (active && curl_multi_poll(multi, NULL, 0, 1000, NULL) != CURLM_OK)
			broken = true;
	}
	for (size_t s = 0; s < slots; s++) {
		if (!xs[s].easy)
			continue;
		curl_multi_remove_handle(multi, xs[s].easy);
		curl_easy_cleanup(xs[s].easy);
		sb_release(&xs[s].body);
	}
	for (size_t i = 0; i < n; i++)
		if (!results[todo[i]].data && !results[todo[i]].error)
			results[todo[i]].error = xstrdup(S_curl_ready ? "libcurl failed"
								       : "libcurl could not be initialised");
	free(xs);
	if (multi)
		curl_multi_cleanup(multi);
}

void fetch_all(const char *const *urls, size_t n, struct fetch_result *results,
	       const struct fetch_options *o)
{
	size_t max = o->max_size ? o->max_size : FETCH_MAX_SIZE;
	char *cache = fetch_cache_dir();
	size_t *todo = xcalloc(n ? n : 1, sizeof *todo);
	size_t ntodo = 0;
	for (size_t i = 0; i < n; i++) {
		struct fetch_result *r = &results[i];
		memset(r, 0, sizeof *r);
		/* Checked before the cache too: file: must never be read. */
		if (!S_http_url(urls[i]))
			r->error = xstrdup("only http and https URLs are fetched");
		else if (S_cache_read(cache, urls[i], max, r))
			;
		else if (o->offline) {
			r->error = xstrdup("not in the cache");
			r->not_cached = true;
		} else
			todo[ntodo++] = i;
	}
	if (ntodo)
		S_download(urls, todo, ntodo, results, cache, o, max);
	free(todo);
	free(cache);
}

void fetch_result_free(struct fetch_result *r)
{
	if (!r)
		return;
	free(r->data);
	free(r->error);
	memset(r, 0, sizeof *r);
}
