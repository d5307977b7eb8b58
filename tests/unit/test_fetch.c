/* Unit tests of fetch.h against a loopback HTTP server (tests/http-server.py):
 * downloads, the on-disk cache, --offline, every way a download fails, and
 * the fetcher thread asked from many threads. Skipped when python3 cannot
 * be run. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "book/fetch.h"
#include "fixture.h"
#include "tap.h"
#include "base/util.h"

/* A 1x1 PNG. */
static const unsigned char S_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
	0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
	0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static char S_tmp[] = "/tmp/sheaf-fetch-XXXXXX";
static char *S_cache; /* XDG_CACHE_HOME/sheaf */
static pid_t S_server = -1;
static int S_port;

/* Starts the server on folder; false when python3 cannot be run. */
static bool S_start(const char *script, const char *folder)
{
	int fds[2];
	if (pipe(fds) < 0)
		return false;
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execlp("python3", "python3", script, folder, "120", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char line[32] = "";
	size_t n = 0;
	while (n < sizeof line - 1) {
		ssize_t r = read(fds[0], line + n, 1);
		if (r <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(fds[0]);
	S_server = pid;
	S_port = atoi(line);
	return S_port > 0;
}

static void S_stop(void)
{
	if (S_server > 0) {
		kill(S_server, SIGTERM);
		waitpid(S_server, NULL, 0);
		S_server = -1;
	}
}

/* The requests the server answered (its /count, asked without fetch.c so
 * the answer is never cached). */
static long S_count(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)S_port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	long n = -1;
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
		const char req[] = "GET /count HTTP/1.0\r\n\r\n";
		if (write(fd, req, sizeof req - 1) == (ssize_t)(sizeof req - 1)) {
			struct strbuf sb = STRBUF_INIT;
			char buf[512];
			ssize_t r;
			while ((r = read(fd, buf, sizeof buf)) > 0)
				sb_add(&sb, buf, (size_t)r);
			const char *body = sb.s ? strstr(sb.s, "\r\n\r\n") : NULL;
			if (body)
				n = atol(body + 4);
			sb_release(&sb);
		}
	}
	if (fd >= 0)
		close(fd);
	return n;
}

static char *S_url(const char *path)
{
	return xasprintf("http://127.0.0.1:%d%s", S_port, path);
}

/* Fetches one URL. */
static struct fetch_result S_get(const char *url, const struct fetch_options *o)
{
	struct fetch_result r;
	fetch_all(&url, 1, &r, o);
	return r;
}

static bool S_cached(const char *url)
{
	char *file = fetch_cache_file(S_cache, url);
	bool there = path_is_file(file);
	free(file);
	return there;
}

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool S_is_png(const unsigned char *data, size_t len)
{
	return len >= 8 && memcmp(data, S_png, 8) == 0;
}

static void test_fetch_and_cache(void)
{
	struct fetch_options o = {0};
	char *url = S_url("/a.png");
	struct fetch_result r = S_get(url, &o);
	ok(r.data && r.len == sizeof S_png && memcmp(r.data, S_png, sizeof S_png) == 0, "PNG fetched");
	ok(!r.error && !r.from_cache, "no error, from the network");
	is_int(S_count(), 1, "one request");
	fetch_result_free(&r);

	char *file = fetch_cache_file(S_cache, url);
	char *cached = NULL;
	size_t len = 0;
	ok(read_file(file, &cached, &len) == 0 && len == sizeof S_png &&
		   memcmp(cached, S_png, len) == 0,
	   "cache file named by the URL's SHA-1 holds the bytes");
	free(cached);
	free(file);
	DIR *d = opendir(S_cache);
	int entries = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		entries += e->d_name[0] != '.';
	if (d)
		closedir(d);
	is_int(entries, 1, "no temporary file left in the cache folder");

	o.offline = true;
	r = S_get(url, &o);
	ok(r.data && r.len == sizeof S_png && memcmp(r.data, S_png, sizeof S_png) == 0 && r.from_cache,
	   "--offline: the same bytes, from the cache");
	is_int(S_count(), 1, "--offline: no request");
	fetch_result_free(&r);

	o.offline = false;
	r = S_get(url, &o);
	ok(r.data && r.from_cache, "online, a cached URL is used as is");
	is_int(S_count(), 1, "no request for a cached URL");
	fetch_result_free(&r);

	char *miss = S_url("/b.png");
	o.offline = true;
	r = S_get(miss, &o);
	ok(!r.data && r.not_cached, "--offline, not cached: no bytes");
	like(r.error, "not in the cache", "--offline miss says so");
	is_int(S_count(), 1, "--offline miss: no request");
	fetch_result_free(&r);
	free(miss);

	char *upper = xasprintf("HTTP://127.0.0.1:%d/a.png", S_port);
	o.offline = false;
	r = S_get(upper, &o);
	ok(r.data && r.len == sizeof S_png, "upper-case scheme fetched");
	fetch_result_free(&r);
	free(upper);
	free(url);
}

static void test_failures(void)
{
	struct fetch_options o = {0};
	struct fetch_result r;
	char *url;

	url = S_url("/404");
	r = S_get(url, &o);
	ok(!r.data, "404: no bytes");
	is_str(r.error, "HTTP 404", "404: 'HTTP 404'");
	ok(!S_cached(url), "404: nothing cached");
	fetch_result_free(&r);
	free(url);

	url = S_url("/redirect/c.png");
	r = S_get(url, &o);
	ok(r.data && S_is_png(r.data, r.len) && r.len == sizeof S_png + 4, "redirect followed");
	ok(S_cached(url), "cached under the URL asked for");
	fetch_result_free(&r);
	free(url);

	url = S_url("/loop");
	r = S_get(url, &o);
	like(r.error, "more than 5 redirects", "a redirect loop stops");
	fetch_result_free(&r);
	free(url);

	url = S_url("/redirect-file");
	r = S_get(url, &o);
	ok(!r.data && r.error, "a redirect to file: is not followed (%s)", r.error ? r.error : "");
	fetch_result_free(&r);
	free(url);

	o.max_size = 64 << 10;
	const char *bigs[] = {"/big", "/big-stream"};
	for (size_t i = 0; i < 2; i++) {
		url = S_url(bigs[i]);
		r = S_get(url, &o);
		ok(!r.data, "%s: no bytes past the cap", bigs[i]);
		is_str(r.error, "larger than 64 KiB", "size cap reported");
		ok(!S_cached(url), "%s: nothing cached", bigs[i]);
		fetch_result_free(&r);
		free(url);
	}
	o.max_size = 0;
	url = S_url("/big");
	r = S_get(url, &o);
	ok(r.data && r.len > (1 << 20) && S_is_png(r.data, r.len), "under the default cap (16 MiB), 1 MiB comes whole (%s, %zu)",
	   r.error ? r.error : "", r.len);
	fetch_result_free(&r);
	free(url);

	o.timeout_ms = 1000;
	url = S_url("/slow");
	double t0 = S_now();
	r = S_get(url, &o);
	double took = S_now() - t0;
	is_str(r.error, "timed out", "a slow server times out");
	ok(took < 4.0, "within the time-out (%.1f s)", took);
	fetch_result_free(&r);
	free(url);
	o.timeout_ms = 0;

	r = S_get("http://127.0.0.1:1/x.png", &o);
	is_str(r.error, "could not connect", "connection refused");
	fetch_result_free(&r);

	long before = S_count();
	const char *refused[] = {"ftp://127.0.0.1/a.png", "file:///etc/passwd", "FILE:///etc/passwd",
				 "gopher://127.0.0.1/", "/a.png", "http://"};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		r = S_get(refused[i], &o);
		ok(!r.data && r.error && strstr(r.error, "only http and https"), "%s refused", refused[i]);
		fetch_result_free(&r);
		o.offline = true;
		r = S_get(refused[i], &o);
		ok(!r.data && !r.not_cached, "%s refused offline too", refused[i]);
		fetch_result_free(&r);
		o.offline = false;
	}
	is_int(S_count(), before, "refused URLs make no request");
}

/* Fetches n URLs of the server's path (each with its own query) in one
 * call; returns the seconds it took. */
static double S_fetch_n(char **urls, int n, const char *path, struct fetch_result *rs,
			const struct fetch_options *o)
{
	for (int i = 0; i < n; i++)
		urls[i] = xasprintf("http://127.0.0.1:%d%s?i=%d", S_port, path, i);
	double t0 = S_now();
	fetch_all((const char *const *)urls, (size_t)n, rs, o);
	return S_now() - t0;
}

/* Peak resident memory of this process so far, in MiB. */
static long S_peak_mib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

/* A cache entry is measured before it is read (issue 16, 9d): one of
 * 3 GiB (sparse: no disk) was read whole, 3 GB of memory, before the
 * 16 MiB cap refused it. A FIFO there must not block. */
static void test_cache_limits(void)
{
	struct fetch_options o = {.offline = true};
	char *url = S_url("/huge.png");
	char *file = fetch_cache_file(S_cache, url);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	bool sparse = fd >= 0 && ftruncate(fd, (off_t)3 << 30) == 0;
	if (fd >= 0)
		close(fd);
	if (!sparse) {
		/* Without a sparse file: 20 MiB of real bytes, over the cap too. */
		unlink(file);
		char *zeros = xcalloc(20 << 20, 1);
		char *dir = path_dirname(file);
		fx_write(dir, path_basename(file), zeros, 20 << 20);
		free(dir);
		free(zeros);
	}
	long before = S_peak_mib();
	struct fetch_result r = S_get(url, &o);
	long peak = S_peak_mib();
	ok(!r.data && !r.not_cached, "--offline: a cache entry over the cap gives no bytes (%s)",
	   sparse ? "3 GiB, sparse" : "20 MiB");
	is_str(r.error, "the copy in the cache is larger than 16 MiB", "and says why");
	ok(peak - before < 16, "without reading it: peak memory %ld MiB, was %ld MiB", peak, before);
	fetch_result_free(&r);
	o.offline = false;
	r = S_get(url, &o);
	ok(r.data && r.len == sizeof S_png && !r.from_cache, "online, the entry over the cap is fetched again");
	fetch_result_free(&r);
	struct stat st;
	ok(stat(file, &st) == 0 && st.st_size == (off_t)sizeof S_png, "and the download replaces it");
	free(file);
	free(url);

	url = S_url("/fifo.png");
	file = fetch_cache_file(S_cache, url);
	if (mkfifo(file, 0600) == 0) {
		o.offline = true;
		r = S_get(url, &o);
		ok(!r.data && r.not_cached, "--offline: a FIFO in the cache is no entry, and is not opened");
		fetch_result_free(&r);
		unlink(file);
	} else {
		ok(1, "# SKIP mkfifo failed");
	}
	free(file);
	free(url);
}

/* Servers that drip a byte a second (issue 16, item 10): 20 such URLs
 * held an export 20 × 30 s / 8 at once; the time budget ends them all,
 * and the lowest speed each one. */
static void test_budget(void)
{
	enum { N = 20 };
	char *urls[N];
	struct fetch_result rs[N];
	struct fetch_options o = {.budget_ms = 2000};
	double took = S_fetch_n(urls, N, "/drip", rs, &o);
	int spent = 0, cached = 0;
	for (int i = 0; i < N; i++) {
		spent += !rs[i].data && rs[i].error &&
			 strcmp(rs[i].error, "time budget of 2 s for downloads spent") == 0;
		cached += S_cached(urls[i]);
		fetch_result_free(&rs[i]);
		free(urls[i]);
	}
	is_int(spent, N, "20 dripping URLs: each fails when the budget is spent, saying so");
	is_int(cached, 0, "nothing of them cached");
	ok(took < 5.0, "within the budget of 2 s and slack (%.1f s; 8 at once, each alone 30 s)", took);

	o = (struct fetch_options){.low_speed_s = 1};
	char *url = S_url("/drip?slow");
	double t0 = S_now();
	struct fetch_result r = S_get(url, &o);
	took = S_now() - t0;
	is_str(r.error, "slower than 1 KiB/s for 1 s", "a dripping URL is cut at the lowest speed");
	ok(took < 4.0, "early (%.1f s, not the 30 s time-out)", took);
	fetch_result_free(&r);
	free(url);
}

static bool S_only_png(const unsigned char *data, size_t len)
{
	return S_is_png(data, len);
}

static void test_cacheable(void)
{
	struct fetch_options o = {.cacheable = S_only_png};
	char *url = S_url("/html");
	struct fetch_result r = S_get(url, &o);
	ok(r.data && strstr((const char *)r.data, "Oops"), "an HTML page served with 200 is returned");
	ok(!S_cached(url), "but not cached when cacheable refuses it");
	fetch_result_free(&r);
	free(url);
}

static size_t S_progress_calls, S_progress_total;
static void S_progress(void *data, size_t done, size_t total)
{
	(void)data;
	(void)done;
	S_progress_calls++;
	S_progress_total = total;
}

static void test_concurrent(void)
{
	enum { N = 16 };
	char *urls[N];
	struct fetch_result rs[N];
	struct fetch_options o = {.progress = S_progress};
	double took = S_fetch_n(urls, N, "/delay/a.png", rs, &o);
	int good = 0;
	for (int i = 0; i < N; i++) {
		good += rs[i].data && rs[i].len == sizeof S_png;
		fetch_result_free(&rs[i]);
		free(urls[i]);
	}
	is_int(good, N, "16 URLs fetched in one call");
	/* One after another they would take 8 s. */
	ok(took < 4.0, "concurrently (%.1f s for 16 half-second answers)", took);
	is_int(S_progress_calls, N, "progress reported once per download");
	is_int(S_progress_total, N, "progress total");
}

static void test_no_cache(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("XDG_CACHE_HOME", "relative/ignored", 1);
	unsetenv("HOME");
	char *dir = fetch_cache_dir();
	ok(dir == NULL, "no usable XDG_CACHE_HOME or HOME: no cache folder");
	free(dir);
	struct fetch_options o = {0};
	char *url = S_url("/d.png");
	long before = S_count();
	struct fetch_result r = S_get(url, &o);
	ok(r.data && !r.error, "without a cache, fetching still works");
	is_int(S_count(), before + 1, "one request");
	fetch_result_free(&r);
	o.offline = true;
	r = S_get(url, &o);
	ok(!r.data && r.not_cached, "without a cache, --offline finds nothing");
	fetch_result_free(&r);
	free(url);

	setenv("HOME", S_tmp, 1);
	unsetenv("XDG_CACHE_HOME");
	dir = fetch_cache_dir();
	char *want = xasprintf("%s/.cache/sheaf", S_tmp);
	is_str(dir, want, "fallback: $HOME/.cache/sheaf");
	free(want);
	free(dir);
	if (home)
		setenv("HOME", home, 1);
	free(home);
	char *xdg = xasprintf("%s/cache", S_tmp);
	setenv("XDG_CACHE_HOME", xdg, 1);
	free(xdg);
}

/* Before fetch_init: what needs the network fails, cleanly, per URL. */
static void test_no_init(void)
{
	struct fetch_options o = {0};
	char *url = S_url("/a.png");
	struct fetch_result r = S_get(url, &o);
	ok(!r.data && !r.from_cache, "without fetch_init: no bytes");
	is_str(r.error, "libcurl could not be initialised", "without fetch_init: says so");
	fetch_result_free(&r);
	r = S_get("file:///etc/passwd", &o);
	like(r.error, "only http and https", "without fetch_init: other schemes still refused");
	fetch_result_free(&r);
	is_int(S_count(), 0, "without fetch_init: no request");
	free(url);
}

enum { S_TAGS = 32 };

/* What a fetcher's callback saw, under the test's own lock (the callback
 * runs on the fetcher thread). */
struct S_seen {
	pthread_mutex_t lock;
	pthread_cond_t cond; /* signalled at each callback */
	size_t calls;
	int times[S_TAGS]; /* callbacks per tag */
	char *urls[S_TAGS];
	struct fetch_result rs[S_TAGS];
	size_t progress_calls, progress_done, progress_total;
};

static void S_seen_init(struct S_seen *s)
{
	memset(s, 0, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
}

static void S_seen_free(struct S_seen *s)
{
	for (size_t i = 0; i < S_TAGS; i++) {
		free(s->urls[i]);
		fetch_result_free(&s->rs[i]);
	}
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
}

static void S_seen_done(void *data, const char *url, size_t tag, struct fetch_result *r)
{
	struct S_seen *s = data;
	pthread_mutex_lock(&s->lock);
	s->calls++;
	if (tag < S_TAGS && !s->times[tag]++) {
		s->urls[tag] = xstrdup(url);
		s->rs[tag] = *r;
	} else {
		fetch_result_free(r);
	}
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static void S_seen_progress(void *data, size_t done, size_t total)
{
	struct S_seen *s = data;
	pthread_mutex_lock(&s->lock);
	s->progress_calls++;
	s->progress_done = done;
	s->progress_total = total;
	pthread_mutex_unlock(&s->lock);
}

static size_t S_calls(struct S_seen *s)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->calls;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* Waits until the callback ran calls times, 10 s at most; the calls. */
static size_t S_wait(struct S_seen *s, size_t calls)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 10;
	pthread_mutex_lock(&s->lock);
	while (s->calls < calls && pthread_cond_timedwait(&s->cond, &s->lock, &until) == 0)
		;
	size_t n = s->calls;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* The URL the fetcher tests ask for under tag (not cached before). */
static char *S_tag_url(size_t tag, bool delay)
{
	return xasprintf("http://127.0.0.1:%d%s/a.png?fetcher=%zu", S_port, delay ? "/delay" : "", tag);
}

/* A thread asking for tags [first, first + n), half a second each. */
struct S_asker {
	struct fetcher *f;
	struct S_seen *seen;
	size_t first, n;
	bool locked; /* ask while holding the lock the callback takes */
};

static void *S_ask(void *arg)
{
	struct S_asker *a = arg;
	for (size_t t = a->first; t < a->first + a->n; t++) {
		char *url = S_tag_url(t, true);
		/* A worker may ask while holding its own lock: the fetcher
		 * must not call back under a lock of its own, or this would
		 * deadlock. */
		if (a->locked)
			pthread_mutex_lock(&a->seen->lock);
		fetcher_request(a->f, url, t);
		if (a->locked)
			pthread_mutex_unlock(&a->seen->lock);
		free(url);
	}
	return NULL;
}

static void test_fetcher(void)
{
	struct S_seen seen;
	S_seen_init(&seen);
	struct fetch_options o = {.progress = S_seen_progress, .progress_data = &seen};
	struct fetcher *f = NULL;
	long before = S_count();
	double t0 = S_now();
	if (fetcher_start(&f, &o, S_seen_done, &seen) != 0) {
		ok(false, "fetcher_start");
		S_seen_free(&seen);
		return;
	}
	/* 4 from here, then 6 and 6 from two threads at once, while the first
	 * are in flight (each answer takes half a second). */
	for (size_t t = 0; t < 4; t++) {
		char *url = S_tag_url(t, true);
		fetcher_request(f, url, t);
		free(url);
	}
	struct S_asker askers[2] = {{f, &seen, 4, 6, false}, {f, &seen, 10, 6, true}};
	pthread_t threads[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&threads[i], NULL, S_ask, &askers[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	ok(S_calls(&seen) < 16, "two threads asked while downloads were in flight");
	is_int(S_wait(&seen, 16), 16, "16 requests from three threads answered before fetcher_stop");
	double took = S_now() - t0;
	/* One after another they would take 8 s. */
	ok(took < 4.0, "concurrently (%.1f s for 16 half-second answers)", took);

	/* The thread stays alive: more requests after every other one is done. */
	char *late = S_tag_url(16, false);
	fetcher_request(f, late, 16);
	free(late);
	fetcher_request(f, "file:///etc/passwd", 17);
	is_int(S_wait(&seen, 18), 18, "requests after the others completed are answered too");
	fetcher_stop(f);

	is_int(seen.calls, 18, "one callback per request");
	int once = 0, right = 0;
	for (size_t t = 0; t < 17; t++) {
		char *url = S_tag_url(t, t < 16);
		once += seen.times[t] == 1;
		right += seen.urls[t] && strcmp(seen.urls[t], url) == 0 && seen.rs[t].data &&
			 seen.rs[t].len == sizeof S_png && !seen.rs[t].from_cache && S_cached(url);
		free(url);
	}
	is_int(once, 17, "each download's callback called exactly once");
	is_int(right, 17, "with its own tag, URL and bytes, and cached");
	ok(seen.times[17] == 1 && !seen.rs[17].data && seen.rs[17].error &&
		   strstr(seen.rs[17].error, "only http and https"),
	   "file: refused through the fetcher");
	is_int(S_count(), before + 17, "one request per URL");
	is_int(seen.progress_calls, 17, "progress after each download");
	ok(seen.progress_done == 17 && seen.progress_total == 17, "progress: %zu of %zu",
	   seen.progress_done, seen.progress_total);
	S_seen_free(&seen);
}

static void test_fetcher_idle(void)
{
	struct S_seen seen;
	S_seen_init(&seen);
	struct fetch_options o = {0};
	int started = 0;
	for (int i = 0; i < 20; i++) {
		struct fetcher *f = NULL;
		if (fetcher_start(&f, &o, S_seen_done, &seen) == 0) {
			started++;
			fetcher_stop(f);
		}
	}
	is_int(started, 20, "fetchers started");
	is_int(seen.calls, 0, "fetcher_stop without requests: no callback");
	S_seen_free(&seen);
}

static void test_fetcher_offline(void)
{
	struct S_seen seen;
	S_seen_init(&seen);
	struct fetch_options o = {.offline = true};
	struct fetcher *f = NULL;
	long before = S_count();
	char *hit = S_url("/a.png"), *miss = S_url("/never.png");
	ok(fetcher_start(&f, &o, S_seen_done, &seen) == 0, "offline fetcher started");
	fetcher_request(f, hit, 0);
	fetcher_request(f, miss, 1);
	fetcher_request(f, "file:///etc/passwd", 2);
	fetcher_stop(f);
	ok(seen.rs[0].data && seen.rs[0].len == sizeof S_png && seen.rs[0].from_cache,
	   "--offline: a cached URL, from the cache");
	ok(!seen.rs[1].data && seen.rs[1].not_cached, "--offline, not cached: no bytes");
	is_str(seen.rs[1].error, "not in the cache", "--offline miss says so");
	ok(!seen.rs[2].data && !seen.rs[2].not_cached, "--offline: file: refused");
	is_int(seen.calls, 3, "one callback per request");
	is_int(S_count(), before, "--offline: no request");
	free(hit);
	free(miss);
	S_seen_free(&seen);
}

/* With the server gone: a cache hit never asks the network. */
static void test_fetcher_server_gone(void)
{
	struct S_seen seen;
	S_seen_init(&seen);
	struct fetch_options o = {0};
	struct fetcher *f = NULL;
	char *hit = S_url("/a.png"), *miss = S_url("/e.png");
	ok(fetcher_start(&f, &o, S_seen_done, &seen) == 0, "fetcher started");
	fetcher_request(f, hit, 0);
	fetcher_request(f, miss, 1);
	fetcher_stop(f);
	ok(seen.rs[0].data && seen.rs[0].len == sizeof S_png && seen.rs[0].from_cache,
	   "server stopped: a cached URL comes from the cache");
	is_str(seen.rs[1].error, "could not connect", "server stopped: a URL not cached cannot download");
	free(hit);
	free(miss);
	S_seen_free(&seen);
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	if (!mkdtemp(S_tmp)) {
		printf("Bail out! mkdtemp failed\n");
		return 1;
	}
	char *www = xasprintf("%s/www", S_tmp);
	fx_write(www, "a.png", S_png, sizeof S_png);
	fx_write(www, "b.png", S_png, sizeof S_png);
	unsigned char c[sizeof S_png + 4];
	memcpy(c, S_png, sizeof S_png);
	memcpy(c + sizeof S_png, "tail", 4);
	fx_write(www, "c.png", c, sizeof c);
	fx_write(www, "d.png", S_png, sizeof S_png);
	fx_write(www, "huge.png", S_png, sizeof S_png);
	/* A cache folder that does not exist yet: fetch makes it. */
	char *xdg = xasprintf("%s/cache", S_tmp);
	setenv("XDG_CACHE_HOME", xdg, 1);
	S_cache = fetch_cache_dir();
	char *script = path_join(root, "tests/http-server.py");
	fflush(stdout);
	if (!S_start(script, www)) {
		S_stop();
		printf("1..0 # SKIP cannot run python3 %s\n", script);
		fx_rm_rf(S_tmp);
		free(script);
		free(xdg);
		free(www);
		free(S_cache);
		return 0;
	}
	char *want = path_join(xdg, "sheaf");
	is_str(S_cache, want, "cache folder: $XDG_CACHE_HOME/sheaf");
	free(want);
	test_no_init();
	/* As main does, before any thread starts. */
	ok(fetch_init() == 0, "fetch_init");
	test_fetch_and_cache();
	test_failures();
	test_cacheable();
	test_cache_limits();
	test_concurrent();
	test_budget();
	test_no_cache();
	test_fetcher();
	test_fetcher_idle();
	test_fetcher_offline();
	S_stop();
	test_fetcher_server_gone();
	fetch_cleanup();
	fx_rm_rf(S_tmp);
	free(script);
	free(xdg);
	free(www);
	free(S_cache);
	return done_testing();
}
