#include "hash.h"

#include <stdio.h>
#include <string.h>

static uint32_t S_rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* The four rounds are four loops: no test of the round in the inner
 * loop (images are hashed whole, and this is most of what that costs). */
#define S_ROUND(f, k)                                              \
	do {                                                       \
		uint32_t t = S_rol(a, 5) + (f) + e + (k) + w[i];     \
		e = d;                                             \
		d = c;                                             \
		c = S_rol(bb, 30);                                 \
		bb = a;                                            \
		a = t;                                             \
	} while (0)

static void S_block(struct sha1 *s, const unsigned char *b)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
		       (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = S_rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = s->h[0], bb = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	int i = 0;
	for (; i < 20; i++)
		S_ROUND((bb & c) | (~bb & d), 0x5A827999);
	for (; i < 40; i++)
		S_ROUND(bb ^ c ^ d, 0x6ED9EBA1);
	for (; i < 60; i++)
		S_ROUND((bb & c) | (bb & d) | (c & d), 0x8F1BBCDC);
	for (; i < 80; i++)
		S_ROUND(bb ^ c ^ d, 0xCA62C1D6);
	s->h[0] += a;
	s->h[1] += bb;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
}

void sha1_init(struct sha1 *s)
{
	static const uint32_t init[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
	memcpy(s->h, init, sizeof init);
	s->len = 0;
	s->used = 0;
}

void sha1_update(struct sha1 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->len += len;
	/* Whole blocks straight from the input, without a copy. */
	while (!s->used && len >= 64) {
		S_block(s, p);
		p += 64;
		len -= 64;
	}
	while (len) {
		size_t take = 64 - s->used < len ? 64 - s->used : len;
		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		len -= take;
		if (s->used == 64) {
			S_block(s, s->block);
			s->used = 0;
		}
	}
}

void sha1_final(struct sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->len * 8;
	unsigned char pad = 0x80;
	sha1_update(s, &pad, 1);
	unsigned char zero = 0;
	while (s->used != 56)
		sha1_update(s, &zero, 1);
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, len, 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void sha1_hex(const void *data, size_t len, char out[41])
{
	struct sha1 s;
	unsigned char d[20];
	sha1_init(&s);
	sha1_update(&s, data, len);
	sha1_final(&s, d);
	static const char hex[] = "0123456789abcdef";
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
