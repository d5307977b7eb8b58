#include "base/tz.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static uint32_t S_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool tz_name_ok(const char *zone)
{
	if (!zone || !*zone || zone[0] == '/' || strstr(zone, ".."))
		return false;
	for (const char *c = zone; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_+-/", *c))
			return false;
	return true;
}

int tz_tzif_offset(int *minutes, const unsigned char *d, size_t len, int64_t t)
{
	if (!d || len < 44 || memcmp(d, "TZif", 4) != 0)
		return -1;
	size_t off = 0, tsize = 4;
	uint32_t c[6];
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < 6; i++)
			c[i] = S_be32(d + off + 20 + 4 * i);
		/* isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt */
		size_t body = (size_t)c[3] * tsize + c[3] + (size_t)c[4] * 6 + c[5] +
			      (size_t)c[2] * (tsize + 4) + c[1] + c[0];
		if (pass == 1 || d[4] < '2' || off + 44 + body + 44 > len)
			break;
		off += 44 + body; /* version 2+: the 64-bit block follows */
		tsize = 8;
	}
	size_t timecnt = c[3], typecnt = c[4];
	if (!typecnt || off + 44 + timecnt * (tsize + 1) + typecnt * 6 > len)
		return -1;
	const unsigned char *times = d + off + 44, *idx = times + timecnt * tsize,
			    *types = idx + timecnt;
	size_t type = 0;
	/* Before the first transition: the first standard-time type. */
	for (size_t i = 0; i < typecnt; i++)
		if (!types[i * 6 + 4]) {
			type = i;
			break;
		}
	for (size_t i = 0; i < timecnt; i++) {
		int64_t tt = tsize == 8 ? (int64_t)((uint64_t)S_be32(times + 8 * i) << 32 |
						    S_be32(times + 8 * i + 4))
					: (int64_t)(int32_t)S_be32(times + 4 * i);
		if (tt > t)
			break;
		if (idx[i] < typecnt)
			type = idx[i];
	}
	*minutes = (int)((int32_t)S_be32(types + type * 6) / 60);
	return 0;
}

int tz_offset(int *minutes, const char *zone, int64_t t)
{
	if (!tz_name_ok(zone))
		return -1;
	char *path = xasprintf("/usr/share/zoneinfo/%s", zone), *data = NULL;
	size_t len = 0;
	int ret = -1;
	if (read_file(path, &data, &len) == 0)
		ret = tz_tzif_offset(minutes, (const unsigned char *)data, len, t);
	free(data);
	free(path);
	return ret;
}

int tz_localize(struct date *d, const char *zone, bool written_with_zone)
{
	int off;
	if (!d->valid)
		return -1;
	if (written_with_zone) {
		int64_t t = date_epoch(d);
		if (tz_offset(&off, zone, t) < 0)
			return -1;
		bool has_time = d->has_time;
		*d = date_from_epoch(t + (int64_t)off * 60);
		d->has_time = has_time;
		d->tz_minutes = off;
		return 0;
	}
	/* The zone's local time: its offset at the instant the time would be
	 * in UTC is a first guess, corrected once (right but for the hour a
	 * clock change repeats or skips). */
	int64_t local = date_epoch(&(struct date){.valid = true, .year = d->year, .month = d->month,
						  .day = d->day, .hour = d->hour, .minute = d->minute,
						  .second = d->second});
	int guess;
	if (tz_offset(&guess, zone, local) < 0 || tz_offset(&off, zone, local - (int64_t)guess * 60) < 0)
		return -1;
	d->tz_minutes = off;
	return 0;
}
