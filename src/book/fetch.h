/* fetch.h — remote images: downloaded once over http(s), then kept on disk.
 *
 * Only http and https are ever fetched (redirects too: a redirect to file:
 * or ftp: fails). Many URLs are downloaded concurrently with libcurl's multi
 * interface, each under a connect and a total time-out, a lowest speed
 * and a size cap, and all of them under one time budget: a site whose
 * server answers a byte a second holds the export a minute, not an hour.
 *
 * The cache is a folder, $XDG_CACHE_HOME/sheaf (else $HOME/.cache/sheaf),
 * holding one file per URL named by the SHA-1 of the URL. A URL found there
 * is used as is, without asking the network: a rebuild gives the same book,
 * offline too. Deleting the folder refreshes every image. When neither
 * variable gives a usable folder, nothing is cached and that is no error.
 *
 * Nothing is printed: errors are per-URL reasons in the results.
 *
 * Downloads run on a thread of their own, the fetcher: the caller asks for
 * URLs as it finds them and goes on working while they download. fetch_all
 * is the same fetcher asked for a whole batch at once and waited for.
 *
 * libcurl is set up once for the process: fetch_init from main before any
 * thread starts, fetch_cleanup at exit. Without it every URL that needs the
 * network fails with "libcurl could not be initialised".
 *
 * Ownership: fetch_all fills results the caller releases with
 * fetch_result_free; the URLs and options are borrowed. The fetcher copies
 * the URLs and options it is given and hands each result to its callback.
 */
#ifndef SHEAF_FETCH_H
#define SHEAF_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#define FETCH_MAX_SIZE ((size_t)16 << 20)
#define FETCH_BUDGET_MS 60000L
#define FETCH_LOW_SPEED 1024L
#define FETCH_LOW_SPEED_S 10L

struct fetch_options {
	bool offline;            /* only the cache: never touch the network */
	size_t max_size;         /* bytes; 0: FETCH_MAX_SIZE */
	long connect_timeout_ms; /* 0: 10 s */
	long timeout_ms;         /* the whole transfer; 0: 30 s */
	/* All the time spent waiting on the network, from the first download
	 * on (cache hits cost none); 0: FETCH_BUDGET_MS. When it is spent,
	 * downloads in flight, queued or asked for later fail with "time
	 * budget of N s for downloads spent". */
	long budget_ms;
	/* A transfer slower than FETCH_LOW_SPEED bytes a second for this long
	 * fails ("slower than 1 KiB/s for 10 s"); 0: FETCH_LOW_SPEED_S. */
	long low_speed_s;
	int parallel;            /* transfers at once; 0: 8 */
	/* Called after each download (not for cache hits): done of the total
	 * asked for so far, on the fetcher thread (fetch_all's too). */
	void (*progress)(void *data, size_t done, size_t total);
	void *progress_data;
	/* Whether downloaded bytes go into the cache (an HTML error page served
	 * with status 200 should not stay there); NULL: every download does.
	 * The bytes are returned either way. */
	bool (*cacheable)(const unsigned char *data, size_t len);
};

struct fetch_result {
	unsigned char *data; /* the body (NUL-terminated, len bytes), NULL on failure */
	size_t len;
	char *error;         /* why it failed, without the URL ("HTTP 404",
				"could not resolve host", "larger than 16 MiB"); NULL on success */
	bool not_cached;     /* offline, and the URL is not in the cache */
	bool from_cache;
};

/* Sets libcurl up for the whole process: call once from main before any
 * thread starts (curl_global_init is not thread-safe). Returns 0, or -1
 * (then downloads fail one by one, saying so). */
int fetch_init(void);
/* Releases what fetch_init set up: call once at exit, after every fetcher
 * has stopped. */
void fetch_cleanup(void);

/* Fetches urls[0..n) (distinct) into results[0..n). */
void fetch_all(const char *const *urls, size_t n, struct fetch_result *results,
	       const struct fetch_options *o);
void fetch_result_free(struct fetch_result *r);

/* A fetcher: a thread of its own that downloads URLs as they are asked
 * for, while the caller goes on working. URLs that are not http(s), cache
 * hits and --offline misses are answered at once; the rest download at
 * most o->parallel at a time, each cached as fetch_all does. */
struct fetcher;
/* Called on the fetcher's thread once per request, in the order requests
 * complete; *r is handed over (the callee frees it with fetch_result_free
 * or keeps its bytes). tag is the caller's, as given to fetcher_request.
 * No lock of the fetcher is held: the callee may take its own locks. */
typedef void (*fetch_done_fn)(void *data, const char *url, size_t tag, struct fetch_result *r);
/* Starts the thread. The options are copied (their callbacks keep being
 * called: progress on the fetcher thread). Returns 0 and *out, or -1. */
int fetcher_start(struct fetcher **out, const struct fetch_options *o, fetch_done_fn done, void *data);
/* Asks for url (copied); returns at once. The caller asks for each URL
 * once. Thread-safe: any thread may call it, until fetcher_stop. */
void fetcher_request(struct fetcher *f, const char *url, size_t tag);
/* Waits until every request made so far is done (its callback returned),
 * stops the thread and frees f. Called once, by one thread, when no other
 * thread will call fetcher_request any more. */
void fetcher_stop(struct fetcher *f);

/* The cache folder the environment names (malloc'd; not created), or NULL. */
char *fetch_cache_dir(void);
/* The file that holds url in the cache folder dir (malloc'd). */
char *fetch_cache_file(const char *dir, const char *url);

#endif
