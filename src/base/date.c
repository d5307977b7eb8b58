#define _DEFAULT_SOURCE /* tm_gmtoff */
#include "base/date.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

static bool S_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static int S_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int date_parse(struct date *out, const char *s)
{
	struct date d;
	memset(&d, 0, sizeof d);
	memset(out, 0, sizeof *out);
	const char *p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!S_digits(&p, 4, &d.year) || *p++ != '-' || !S_digits(&p, 2, &d.month) ||
	    *p++ != '-' || !S_digits(&p, 2, &d.day))
		return -1;
	if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > S_days_in_month(d.year, d.month))
		return -1;
	if ((*p == 'T' || *p == 't' || *p == ' ') && isdigit((unsigned char)p[1])) {
		p++;
		if (!S_digits(&p, 2, &d.hour) || *p++ != ':' || !S_digits(&p, 2, &d.minute))
			return -1;
		if (*p == ':') {
			p++;
			if (!S_digits(&p, 2, &d.second))
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (d.hour > 23 || d.minute > 59 || d.second > 60)
			return -1;
		d.has_time = true;
	}
	while (*p == ' ')
		p++;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1, h, m = 0;
		p++;
		if (!S_digits(&p, 2, &h))
			return -1;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && !S_digits(&p, 2, &m))
			return -1;
		if (h > 23 || m > 59)
			return -1;
		d.tz_minutes = sign * (h * 60 + m);
	} else if (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0) {
		p += 3;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return -1;
	d.valid = true;
	*out = d;
	return 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
int64_t date_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t date_epoch(const struct date *d)
{
	int64_t days = date_days_from_civil(d->year, d->month, d->day);
	return days * 86400 + d->hour * 3600 + d->minute * 60 + d->second - (int64_t)d->tz_minutes * 60;
}

struct date date_from_epoch(int64_t t)
{
	struct date d;
	memset(&d, 0, sizeof d);
	int64_t days = t / 86400, secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	d.hour = (int)(secs / 3600);
	d.minute = (int)(secs % 3600 / 60);
	d.second = (int)(secs % 60);
	d.has_time = true;
	d.valid = true;
	return d;
}

int date_cmp(const struct date *a, const struct date *b)
{
	if (!a->valid || !b->valid)
		return (int)!a->valid - (int)!b->valid;
	int64_t ea = date_epoch(a), eb = date_epoch(b);
	return ea < eb ? -1 : ea > eb;
}

void date_format_ymd(const struct date *d, char *buf)
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (unsigned)d->year % 10000u,
		 (unsigned)d->month % 100u, (unsigned)d->day % 100u);
	memcpy(buf, tmp, 11);
	buf[10] = '\0';
}

void date_format_iso_utc(int64_t epoch, char *buf)
{
	struct date d = date_from_epoch(epoch);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)d.year % 10000u,
		 (unsigned)d.month % 100u, (unsigned)d.day % 100u, (unsigned)d.hour % 100u,
		 (unsigned)d.minute % 100u, (unsigned)d.second % 100u);
	memcpy(buf, tmp, 21);
	buf[20] = '\0';
}

static const char *const S_months[] = {"January", "February", "March", "April", "May", "June",
				       "July", "August", "September", "October", "November", "December"};
static const char *const S_weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
					 "Friday", "Saturday"};

void date_format_human(const struct date *d, char *buf)
{
	snprintf(buf, 32, "%d %s %04d", d->day % 100, S_months[(d->month - 1) % 12], d->year % 10000);
}

const char *date_month_name(int month)
{
	return month >= 1 && month <= 12 ? S_months[month - 1] : "";
}

const char *date_weekday_name(int weekday)
{
	return weekday >= 0 && weekday <= 6 ? S_weekdays[weekday] : "";
}

int date_weekday(const struct date *d)
{
	int64_t days = date_days_from_civil(d->year, d->month, d->day);
	return (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
}

int date_yearday(const struct date *d)
{
	return (int)(date_days_from_civil(d->year, d->month, d->day) - date_days_from_civil(d->year, 1, 1)) + 1;
}

bool date_written_with_zone(const char *s, const struct date *d)
{
	if (d->tz_minutes)
		return true;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n > 10 && (s[n - 1] == 'Z' || s[n - 1] == 'z'))
		return true;
	if (n >= 3 && (strncmp(s + n - 3, "UTC", 3) == 0 || strncmp(s + n - 3, "GMT", 3) == 0))
		return true;
	const char *t = s + 10;
	return n > 10 && (strchr(t, '+') || strstr(t, "-0") || strstr(t, "-1"));
}

char *date_strftime(const struct date *d, const char *fmt)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	tm.tm_hour = d->hour;
	tm.tm_min = d->minute;
	tm.tm_sec = d->second;
	tm.tm_wday = date_weekday(d);
	tm.tm_yday = date_yearday(d) - 1;
	tm.tm_gmtoff = (long)d->tz_minutes * 60;
	/* strftime gives 0 both when the buffer is short and when the text is
	 * empty: past a size no directive needs, it is empty. */
	size_t limit = 8 * strlen(fmt) + 64;
	for (size_t cap = 64;; cap *= 4) {
		char *buf = xmalloc(cap);
		if (strftime(buf, cap, fmt, &tm) > 0)
			return buf;
		if (cap > limit) {
			buf[0] = '\0';
			return buf;
		}
		free(buf);
	}
}
