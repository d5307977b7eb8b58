/* Unit tests of tz.h: TZif files made here, byte by byte, and the system's
 * zone data when the machine has it (skipped otherwise). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/tz.h"
#include "tap.h"

struct S_buf {
	unsigned char b[512];
	size_t n;
};

static void S_u8(struct S_buf *b, unsigned v)
{
	b->b[b->n++] = (unsigned char)v;
}

static void S_be(struct S_buf *b, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--)
		S_u8(b, (unsigned)(v >> (8 * i)) & 0xFF);
}

/* A header: magic, version, 15 reserved bytes, the six counts. */
static void S_header(struct S_buf *b, char version, unsigned timecnt, unsigned typecnt, unsigned charcnt)
{
	memcpy(b->b + b->n, "TZif", 4);
	b->n += 4;
	S_u8(b, (unsigned char)version);
	for (int i = 0; i < 15; i++)
		S_u8(b, 0);
	S_be(b, 0, 4);       /* isutcnt */
	S_be(b, 0, 4);       /* isstdcnt */
	S_be(b, 0, 4);       /* leapcnt */
	S_be(b, timecnt, 4); /* timecnt */
	S_be(b, typecnt, 4); /* typecnt */
	S_be(b, charcnt, 4); /* charcnt */
}

/* A version-1 zone: +01:00 standard, +02:00 summer from t=1000 to t=2000;
 * the summer type listed first, so "before the first transition" must pick
 * the standard one. */
static void S_v1(struct S_buf *b)
{
	S_header(b, '\0', 2, 2, 4);
	S_be(b, 1000, 4);
	S_be(b, 2000, 4);
	S_u8(b, 0);
	S_u8(b, 1);
	S_be(b, 7200, 4), S_u8(b, 1), S_u8(b, 0); /* summer, isdst */
	S_be(b, 3600, 4), S_u8(b, 0), S_u8(b, 0); /* standard */
	memcpy(b->b + b->n, "XX\0\0", 4);
	b->n += 4;
}

static void test_tzif(void)
{
	struct S_buf b = {{0}, 0};
	S_v1(&b);
	int m = 99;
	is_int(tz_tzif_offset(&m, b.b, b.n, 0), 0, "v1: read");
	is_int(m, 60, "v1: before the first transition, the first standard type");
	tz_tzif_offset(&m, b.b, b.n, 1000);
	is_int(m, 120, "v1: at a transition, the new offset");
	tz_tzif_offset(&m, b.b, b.n, 1999);
	is_int(m, 120, "v1: between transitions");
	tz_tzif_offset(&m, b.b, b.n, 1000000);
	is_int(m, 60, "v1: after the last transition, the last offset holds");
	ok(tz_tzif_offset(&m, b.b, b.n - 10, 0) < 0, "v1: cut short is refused");
	ok(tz_tzif_offset(&m, b.b, 30, 0) < 0, "shorter than a header is refused");
	b.b[0] = 'X';
	ok(tz_tzif_offset(&m, b.b, b.n, 0) < 0, "no TZif magic is refused");

	/* Version 2: a v1 block saying UTC, then a 64-bit block with a
	 * transition before 1901 (out of 32-bit reach) to -05:00. */
	struct S_buf v = {{0}, 0};
	S_header(&v, '2', 0, 1, 4);
	S_be(&v, 0, 4), S_u8(&v, 0), S_u8(&v, 0);
	memcpy(v.b + v.n, "UTC\0", 4);
	v.n += 4;
	S_header(&v, '2', 1, 2, 4);
	S_be(&v, (uint64_t)(int64_t)-5000000000LL, 8);
	S_u8(&v, 1);
	S_be(&v, 0, 4), S_u8(&v, 0), S_u8(&v, 0);
	S_be(&v, (uint64_t)(int64_t)-18000, 4), S_u8(&v, 0), S_u8(&v, 0);
	memcpy(v.b + v.n, "AB\0\0", 4);
	v.n += 4;
	memcpy(v.b + v.n, "\n\n", 2); /* the (empty) footer */
	v.n += 2;
	is_int(tz_tzif_offset(&m, v.b, v.n, 0), 0, "v2: read");
	is_int(m, -300, "v2: the 64-bit block is the one read (negative offset)");
	tz_tzif_offset(&m, v.b, v.n, -6000000000LL);
	is_int(m, 0, "v2: before a 64-bit transition");
}

static void test_names(void)
{
	ok(tz_name_ok("Europe/Paris") && tz_name_ok("Etc/GMT+5") && tz_name_ok("America/Port-au-Prince"),
	   "names: IANA names pass");
	ok(!tz_name_ok(NULL) && !tz_name_ok("") && !tz_name_ok("/etc/passwd") &&
		   !tz_name_ok("../../etc/passwd") && !tz_name_ok("Europe/Paris;x") && !tz_name_ok("A B"),
	   "names: empty, absolute, .. and other characters are refused");
	int m;
	ok(tz_offset(&m, "../x", 0) < 0, "offset: a refused name is -1");
	ok(tz_offset(&m, "No/Such_Zone", 0) < 0, "offset: an unknown zone is -1");
}

static void test_system(void)
{
	if (access("/usr/share/zoneinfo/Europe/Paris", R_OK) != 0) {
		ok(1, "# SKIP no /usr/share/zoneinfo/Europe/Paris");
		return;
	}
	int m;
	struct date d;
	date_parse(&d, "2024-01-15T12:00:00Z");
	ok(tz_offset(&m, "Europe/Paris", date_epoch(&d)) == 0 && m == 60, "Paris in winter: +60 (%d)", m);
	date_parse(&d, "2024-07-15T12:00:00Z");
	ok(tz_offset(&m, "Europe/Paris", date_epoch(&d)) == 0 && m == 120, "Paris in summer: +120 (%d)", m);

	date_parse(&d, "2024-07-15T23:30:00Z");
	is_int(tz_localize(&d, "Europe/Paris", true), 0, "localize with a written zone");
	ok(d.year == 2024 && d.month == 7 && d.day == 16 && d.hour == 1 && d.minute == 30 &&
		   d.tz_minutes == 120,
	   "localize: 23:30Z becomes 01:30 the next day at +02:00");
	ok(d.has_time, "localize: has_time kept");

	date_parse(&d, "2024-07-15 10:00");
	is_int(tz_localize(&d, "Europe/Paris", false), 0, "localize without a zone");
	ok(d.hour == 10 && d.tz_minutes == 120, "localize: local time kept, offset set");
	date_parse(&d, "2024-03-31 01:30");
	tz_localize(&d, "Europe/Paris", false);
	is_int(d.tz_minutes, 60, "localize: the hour before the spring change is still winter time");

	struct date before = d;
	ok(tz_localize(&d, "No/Such_Zone", false) < 0 && memcmp(&d, &before, sizeof d) == 0,
	   "localize: an unknown zone leaves the date as it is");
	struct date invalid = {0};
	ok(tz_localize(&invalid, "Europe/Paris", true) < 0, "localize: an invalid date is -1");
}

int main(void)
{
	test_tzif();
	test_names();
	test_system();
	return done_testing();
}
