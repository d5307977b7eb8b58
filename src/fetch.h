/* fetch.h — remote images: downloaded once over http(s), then kept on disk.
 *
 * Only http and https are ever fetched (redirects too: a redirect to file:
 * or ftp: fails). Many URLs are downloaded concurrently with libcurl's multi
 * interface, each under a connect and a total time-out and a size cap.
 *
 * The cache is a folder, $XDG_CACHE_HOME/sheaf (else $HOME/.cache/sheaf),
 * holding one file per URL named by the SHA-1 of the URL. A URL found there
 * is used as is, without asking the network: a rebuild gives the same book,
 * offline too. Deleting the folder refreshes every image. When neither
 * variable gives a usable folder, nothing is cached and that is no error.
 *
 * Nothing is printed: errors are per-URL reasons in the results.
 *
 * libcurl is set up once for the process: fetch_init from main before any
 * thread starts, fetch_cleanup at exit. Without it every URL that needs the
 * network fails with "libcurl could not be initialised".
 *
 * Ownership: fetch_all fills results the caller releases with
 * fetch_result_free; the URLs and options are borrowed.
 */
#ifndef SHEAF_FETCH_H
#define SHEAF_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#define FETCH_MAX_SIZE ((size_t)16 << 20)

struct fetch_options {
	bool offline;            /* only the cache: never touch the network */
	size_t max_size;         /* bytes; 0: FETCH_MAX_SIZE */
	long connect_timeout_ms; /* 0: 10 s */
	long timeout_ms;         /* the whole transfer; 0: 30 s */
	int parallel;            /* transfers at once; 0: 8 */
	/* Called after each download (not for cache hits): done of total. */
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

/* The cache folder the environment names (malloc'd; not created), or NULL. */
char *fetch_cache_dir(void);
/* The file that holds url in the cache folder dir (malloc'd). */
char *fetch_cache_file(const char *dir, const char *url);

#endif
