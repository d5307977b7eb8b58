/* hash.c — SHA-1 through OpenSSL's libcrypto (already in the process for
 * libcurl's HTTPS): it uses the CPU's SHA instructions where there are
 * some, ten times what a portable loop does, and images are hashed whole. */
#include "base/hash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_check(int ok)
{
	if (!ok) {
		/* Only allocation fails here: as xmalloc does. */
		fputs("sheaf: out of memory (SHA-1)\n", stderr);
		abort();
	}
}

void sha1_init(struct sha1 *s)
{
	s->ctx = EVP_MD_CTX_new();
	S_check(s->ctx && EVP_DigestInit_ex(s->ctx, EVP_sha1(), NULL));
}

void sha1_update(struct sha1 *s, const void *data, size_t len)
{
	S_check(EVP_DigestUpdate(s->ctx, data, len));
}

void sha1_final(struct sha1 *s, unsigned char out[20])
{
	unsigned int n = 0;
	S_check(EVP_DigestFinal_ex(s->ctx, out, &n) && n == 20);
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void sha1_hex(const void *data, size_t len, char out[41])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[20];
	unsigned int n = 0;
	S_check(EVP_Digest(data, len, d, &n, EVP_sha1(), NULL) && n == 20);
	for (int i = 0; i < 20; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[40] = '\0';
}

void uuid_v5_url(const char *name, char out[37])
{
	/* RFC 4122 appendix C: the URL namespace 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
	static const unsigned char ns[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
					     0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	struct sha1 s;
	unsigned char d[20];
	sha1_init(&s);
	sha1_update(&s, ns, sizeof ns);
	sha1_update(&s, name, strlen(name));
	sha1_final(&s, d);
	d[6] = (unsigned char)((d[6] & 0x0F) | 0x50);
	d[8] = (unsigned char)((d[8] & 0x3F) | 0x80);
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12],
		 d[13], d[14], d[15]);
}
