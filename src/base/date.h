/* date.h — the dates blogs write, parsed into one comparable form.
 *
 * Accepted: `2024-12-27`, `2024-12-27T10:30`, `2024-12-27 10:30:00`,
 * with optional fractional seconds and a zone (`Z`, `+02:00`, `+0200`,
 * ` +0200`). A date without a zone is taken as UTC: the book must not
 * depend on the machine that builds it.
 */
#ifndef SHEAF_DATE_H
#define SHEAF_DATE_H

#include <stdbool.h>
#include <stdint.h>

struct date {
	bool valid;
	int year, month, day;
	int hour, minute, second;
	bool has_time;
	int tz_minutes; /* offset east of UTC */
};

/* Returns 0 and fills *out, or -1 (out->valid false) when s is not a date. */
int date_parse(struct date *out, const char *s);
/* Seconds since the epoch, UTC. */
int64_t date_epoch(const struct date *d);
/* Compares two dates by instant; invalid dates sort after valid ones. */
int date_cmp(const struct date *a, const struct date *b);
/* `YYYY-MM-DD` of the date as written (buf holds at least 11 bytes). */
void date_format_ymd(const struct date *d, char *buf);
/* `YYYY-MM-DDThh:mm:ssZ` of an epoch time (buf holds at least 21 bytes). */
void date_format_iso_utc(int64_t epoch, char *buf);
/* `27 December 2024`, for bylines (buf holds at least 32 bytes). */
void date_format_human(const struct date *d, char *buf);
/* Days since 1970-01-01 of the civil date y-m-d (proleptic Gregorian). */
int64_t date_days_from_civil(int y, int m, int d);
/* Day of the week of the date as written (its own zone): 0 Sunday … 6. */
int date_weekday(const struct date *d);
/* Day of the year of the date as written: 1 … 366. */
int date_yearday(const struct date *d);
/* English names, as permalink patterns spell them: month 1 … 12, weekday
 * 0 (Sunday) … 6; "" out of range. */
const char *date_month_name(int month);
const char *date_weekday_name(int weekday);
/* True when s, the text d was parsed from, names its zone (Z, UTC, GMT or
 * an offset): a site's time zone then converts d rather than claims it. */
bool date_written_with_zone(const char *s, const struct date *d);
/* strftime(3) of the date as written, %z its own offset, names in the C
 * locale's English (Ruby's strftime, which Jekyll's permalinks and date
 * filters use, for the directives they share; glibc's `-` flag drops
 * padding as Ruby's does). Malloc'd. */
char *date_strftime(const struct date *d, const char *fmt);
/* A date from an epoch time, UTC. */
struct date date_from_epoch(int64_t epoch);

#endif
