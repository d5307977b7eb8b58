/* Unit tests of date.h: parsing, epochs, comparison and formatting.
 * Expected epochs were computed independently with Python's datetime. */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "tap.h"

static void test_parse_valid(void)
{
	struct date d;
	is_int(date_parse(&d, "2024-12-27"), 0, "parse YYYY-MM-DD");
	ok(d.valid && d.year == 2024 && d.month == 12 && d.day == 27 && !d.has_time &&
		   d.tz_minutes == 0,
	   "2024-12-27: fields, no time, UTC");
	is_int(date_epoch(&d), 1735257600, "2024-12-27 epoch");

	is_int(date_parse(&d, "2024-12-27T10:30"), 0, "parse with T and hh:mm");
	ok(d.has_time && d.hour == 10 && d.minute == 30 && d.second == 0, "T10:30 fields");
	is_int(date_epoch(&d), 1735295400, "2024-12-27T10:30 epoch");

	is_int(date_parse(&d, "2024-12-27 10:30:00"), 0, "parse with a space and seconds");
	is_int(date_epoch(&d), 1735295400, "2024-12-27 10:30:00 is the same instant");

	is_int(date_parse(&d, "2013-05-06 02:12:52 +0200"), 0, "parse ' +0200' zone (Jekyll style)");
	is_int(d.tz_minutes, 120, "+0200 is 120 minutes east");
	is_int(date_epoch(&d), 1367799172, "+0200 shifts the instant two hours back");

	is_int(date_parse(&d, "2024-01-01T00:00:00Z"), 0, "parse Z zone");
	is_int(date_epoch(&d), 1704067200, "2024-01-01T00:00:00Z epoch");

	is_int(date_parse(&d, "2024-01-01T02:00:00+02:00"), 0, "parse +02:00 zone");
	is_int(date_epoch(&d), 1704067200, "02:00+02:00 is midnight UTC");

	is_int(date_parse(&d, "2023-12-31T19:00:00-05:00"), 0, "parse -05:00 zone");
	is_int(d.tz_minutes, -300, "-05:00 is 300 minutes west");
	is_int(date_epoch(&d), 1704067200, "19:00-05:00 is midnight UTC next day");

	is_int(date_parse(&d, "2024-01-01T00:00:00.123456Z"), 0, "fractional seconds accepted");
	is_int(date_epoch(&d), 1704067200, "fractional seconds ignored in the epoch");

	is_int(date_parse(&d, "2024-02-29"), 0, "29 February of a leap year");
	is_int(date_parse(&d, "2000-02-29"), 0, "29 February 2000 (divisible by 400)");
	is_int(date_parse(&d, "  2024-03-01  "), 0, "surrounding blanks accepted");

	is_int(date_parse(&d, "1970-01-01"), 0, "parse the epoch day");
	is_int(date_epoch(&d), 0, "1970-01-01 is epoch 0");
	is_int(date_parse(&d, "2000-01-01"), 0, "parse 2000-01-01");
	is_int(date_epoch(&d), 946684800, "2000-01-01 is 946684800");
	is_int(date_parse(&d, "1900-03-01"), 0, "parse a date before the epoch");
	is_int(date_epoch(&d), -2203891200LL, "1900-03-01 epoch is negative");
}

static void test_parse_invalid(void)
{
	static const char *const bad[] = {
		"2024-02-30", "2023-02-29", "1900-02-29", "tomorrow", "2024-13-01", "2024-00-10",
		"2024-01-32", "", "2024-1-5", "2024/01/05", "2024-01-01T25:00",
		"2024-01-01T10:60", "2024-01-01 junk", "2024-01-01T10:30+25:00", "24-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct date d;
		d.valid = true;
		int rc = date_parse(&d, bad[i]);
		ok(rc == -1 && !d.valid, "invalid date refused: '%s'", bad[i]);
	}
}

static void test_cmp(void)
{
	struct date a, b, c, bad;
	date_parse(&a, "2024-01-01T00:00:00Z");
	date_parse(&b, "2024-01-01T01:30:00+02:00"); /* 2023-12-31T23:30Z: earlier */
	date_parse(&c, "2024-01-01 00:00:00");
	date_parse(&bad, "nope");
	ok(date_cmp(&b, &a) < 0, "cmp: 01:30+02:00 is before 00:00Z (by instant, not by text)");
	ok(date_cmp(&a, &b) > 0, "cmp: antisymmetric");
	is_int(date_cmp(&a, &c), 0, "cmp: Z and no zone are the same instant");
	ok(date_cmp(&bad, &a) > 0, "cmp: invalid dates sort after valid ones");
	ok(date_cmp(&a, &bad) < 0, "cmp: valid before invalid");
	is_int(date_cmp(&bad, &bad), 0, "cmp: two invalid dates are equal");
}

static void test_format(void)
{
	struct date d;
	char buf[64];
	date_parse(&d, "2024-12-27T10:30+02:00");
	date_format_ymd(&d, buf);
	is_str(buf, "2024-12-27", "format_ymd: the date as written");
	date_format_human(&d, buf);
	is_str(buf, "27 December 2024", "format_human");
	date_parse(&d, "2024-01-05");
	date_format_human(&d, buf);
	is_str(buf, "5 January 2024", "format_human: no leading zero on the day");
	date_format_ymd(&d, buf);
	is_str(buf, "2024-01-05", "format_ymd pads month and day");

	date_format_iso_utc(0, buf);
	is_str(buf, "1970-01-01T00:00:00Z", "format_iso_utc(0)");
	date_format_iso_utc(1367799172, buf);
	is_str(buf, "2013-05-06T00:12:52Z", "format_iso_utc of a zoned date's instant");
	date_format_iso_utc(-1, buf);
	is_str(buf, "1969-12-31T23:59:59Z", "format_iso_utc(-1)");
	date_format_iso_utc(1709251199, buf);
	is_str(buf, "2024-02-29T23:59:59Z", "format_iso_utc on a leap day");
}

static void test_from_epoch(void)
{
	struct date d = date_from_epoch(946684800);
	ok(d.valid && d.year == 2000 && d.month == 1 && d.day == 1 && d.hour == 0,
	   "from_epoch(946684800) is 2000-01-01");
	d = date_from_epoch(4102444800LL);
	ok(d.year == 2100 && d.month == 1 && d.day == 1, "from_epoch: 2100-01-01");

	static const long long samples[] = {0, -1, 951782400, 1735295400, 1367799172,
					    -2203891200LL, 4102444799LL};
	bool all = true;
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		struct date e = date_from_epoch(samples[i]);
		if (date_epoch(&e) != samples[i]) {
			diag("round trip of %lld gave %lld", samples[i], (long long)date_epoch(&e));
			all = false;
		}
	}
	ok(all, "date_epoch(date_from_epoch(t)) == t for samples");

	/* Every day over 1999-2001, each noon: a walk across leap years. */
	all = true;
	for (long long t = 915192000; t < 1009886400; t += 86400) {
		struct date e = date_from_epoch(t);
		char ymd[11], again[32];
		date_format_ymd(&e, ymd);
		snprintf(again, sizeof again, "%sT12:00:00Z", ymd);
		struct date p;
		if (date_parse(&p, again) < 0 || date_epoch(&p) != t) {
			diag("day walk broke at %lld (%s)", t, again);
			all = false;
			break;
		}
	}
	ok(all, "from_epoch → format → parse → epoch round-trips for every day 1999-2001");
}

static void test_calendar(void)
{
	is_int(date_days_from_civil(1970, 1, 1), 0, "days: the epoch is day 0");
	is_int(date_days_from_civil(2000, 3, 1), 11017, "days: 2000-03-01 (a leap year's March)");
	is_int(date_days_from_civil(1969, 12, 31), -1, "days: before the epoch is negative");
	struct date d;
	date_parse(&d, "2024-12-27");
	is_int(date_weekday(&d), 5, "weekday: 2024-12-27 was a Friday");
	is_int(date_yearday(&d), 362, "yearday: 2024-12-27 is day 362 of a leap year");
	date_parse(&d, "2024-12-29T23:30:00-05:00");
	is_int(date_weekday(&d), 0, "weekday: of the date as written, not of the UTC instant (Sunday)");
	date_parse(&d, "1969-12-31T23:00:00");
	is_int(date_weekday(&d), 3, "weekday: before the epoch (Wednesday)");
	struct date first = {.year = 1, .month = 1, .day = 1};
	is_int(date_weekday(&first), 1, "weekday: 0001-01-01 was a Monday (proleptic Gregorian)");
	is_int(date_yearday(&first), 1, "yearday: 1 January is day 1");
	is_str(date_month_name(1), "January", "month name 1");
	is_str(date_month_name(12), "December", "month name 12");
	is_str(date_month_name(13), "", "month name out of range");
	is_str(date_weekday_name(0), "Sunday", "weekday name 0");
	is_str(date_weekday_name(6), "Saturday", "weekday name 6");
	is_str(date_weekday_name(-1), "", "weekday name out of range");
}

static void test_written_with_zone(void)
{
	static const struct {
		const char *s;
		bool zoned;
	} cases[] = {
		{"2024-05-01", false},
		{"2024-05-01 18:30:00", false},
		{"2024-05-01T18:30:00Z", true},
		{"2024-05-01 18:30:00 +0200", true},
		{"2024-05-01T18:30:00-05:00", true},
		{"2024-05-01T18:30:00+00:00", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct date d;
		ok(date_parse(&d, cases[i].s) == 0 && date_written_with_zone(cases[i].s, &d) == cases[i].zoned,
		   "date_written_with_zone(\"%s\") is %s", cases[i].s, cases[i].zoned ? "true" : "false");
	}
}

int main(void)
{
	test_written_with_zone();
	test_calendar();
	test_parse_valid();
	test_parse_invalid();
	test_cmp();
	test_format();
	test_from_epoch();
	return done_testing();
}
