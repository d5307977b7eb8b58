/* Unit tests of hash.h: SHA-1 and name-based UUIDs.
 * Expected values computed independently with Python's hashlib and
 * uuid.uuid5(uuid.NAMESPACE_URL, name). */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "tap.h"

static void check_sha1(const char *data, size_t len, const char *expected, const char *name)
{
	char hex[41];
	sha1_hex(data, len, hex);
	is_str(hex, expected, name);
}

int main(void)
{
	check_sha1("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d", "sha1(\"abc\")");
	check_sha1("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1 of the empty string");
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check_sha1(two_blocks, strlen(two_blocks), "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
		   "sha1 of the 448-bit FIPS 180 message");

	/* Lengths around the padding boundary: 55 fits the length in one block,
	 * 56 needs a second, 64 is exactly one block. */
	char xs[64];
	memset(xs, 'x', sizeof xs);
	check_sha1(xs, 55, "cef734ba81a024479e09eb5a75b6ddae62e6abf1", "sha1 of 55 bytes");
	check_sha1(xs, 56, "901305367c259952f4e7af8323f480d59f81335b", "sha1 of 56 bytes");
	check_sha1(xs, 64, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163", "sha1 of 64 bytes");

	char *million = malloc(1000000);
	memset(million, 'a', 1000000);
	check_sha1(million, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "sha1 of 1,000,000 'a'");

	/* The same data fed in uneven pieces gives the same digest. */
	struct sha1 s;
	unsigned char d[20];
	sha1_init(&s);
	size_t off = 0, step = 1;
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;
		sha1_update(&s, million + off, n);
		off += n;
		step = step * 7 % 1013 + 1;
	}
	sha1_final(&s, d);
	static const unsigned char expected[20] = {0x34, 0xaa, 0x97, 0x3c, 0xd4, 0xc4, 0xda, 0xa4, 0xf6, 0x1e,
						   0xeb, 0x2b, 0xdb, 0xad, 0x27, 0x31, 0x65, 0x34, 0x01, 0x6f};
	ok(memcmp(d, expected, 20) == 0, "sha1_update in uneven pieces gives the same digest");
	free(million);

	char uuid[37];
	uuid_v5_url("http://example.com/", uuid);
	is_str(uuid, "0a300ee9-f9e4-5697-a51a-efc7fafaba67", "uuid_v5_url(\"http://example.com/\")");
	uuid_v5_url("https://blog.example/ tags=café", uuid);
	is_str(uuid, "65eeef9e-f6bd-5cb9-ba83-a6fce0e801fe", "uuid_v5_url of a name with spaces and UTF-8");
	uuid_v5_url("", uuid);
	is_str(uuid, "1b4db7eb-4057-5ddf-91e0-36dec72071f5", "uuid_v5_url of the empty name");
	ok(strlen(uuid) == 36 && uuid[14] == '5' && strchr("89ab", uuid[19]),
	   "version 5 and RFC 4122 variant bits");
	return done_testing();
}
