/* hash.h — SHA-1 (for content-addressed resources and name-based UUIDs).
 * SHA-1 is used for identity, not security. */
#ifndef SHEAF_HASH_H
#define SHEAF_HASH_H

#include <stddef.h>
#include <stdint.h>

struct sha1 {
	uint32_t h[5];
	uint64_t len;
	unsigned char block[64];
	size_t used;
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
