/* hash.h — SHA-1 (for content-addressed resources and name-based UUIDs).
 * SHA-1 is used for identity, not security. Computed by libcrypto.
 *
 * Ownership: sha1_init allocates what sha1_final frees; every started
 * digest must be finished. */
#ifndef SHEAF_HASH_H
#define SHEAF_HASH_H

#include <stddef.h>
#include <stdint.h>

struct sha1 {
	struct evp_md_ctx_st *ctx; /* libcrypto's EVP_MD_CTX */
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *data, size_t len);
void sha1_final(struct sha1 *s, unsigned char out[20]);
/* Lower-case hex of the SHA-1 of data (41 bytes with the NUL). */
void sha1_hex(const void *data, size_t len, char out[41]);
/* A UUID version 5 (RFC 4122) in the URL namespace for name, as
 * "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx" (37 bytes with the NUL). */
void uuid_v5_url(const char *name, char out[37]);

#endif
