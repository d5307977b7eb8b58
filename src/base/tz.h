/* tz.h — offsets of IANA time zones, from the system's time-zone data.
 *
 * Blogs name zones (`timezone: Europe/Paris`); the offsets come from the
 * TZif files under /usr/share/zoneinfo, as Ruby's and Go's do. Nothing is
 * cached and nothing global is set (no TZ, no tzset): posts are read on
 * any thread. After a zone's last listed transition its last offset holds
 * (the POSIX rule in a file's footer is not read; Debian's files list
 * transitions up to 2037).
 */
#ifndef SHEAF_TZ_H
#define SHEAF_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"

/* A name that may be looked up: letters, digits, `_+-/`, not absolute,
 * no `..` (it becomes a path). */
bool tz_name_ok(const char *zone);

/* The offset east of UTC, in minutes, at epoch time t, read from the bytes
 * of a TZif file (versions 1 to 4; the 64-bit block when there is one).
 * Before the first transition the first standard-time type holds. Returns
 * 0, or -1 when data is not a TZif file or is cut short. */
int tz_tzif_offset(int *minutes, const unsigned char *data, size_t len, int64_t t);

/* The same for a zone by name, from /usr/share/zoneinfo/<zone>. Returns 0,
 * or -1 when the name is refused or the zone unknown. */
int tz_offset(int *minutes, const char *zone, int64_t t);

/* Puts d in zone: when the text gave an offset (written_with_zone), d is
 * converted to the zone's time at that instant; otherwise d is taken as the
 * zone's local time and only its offset is set. An invalid date, or an
 * unknown zone, leaves d as it is and returns -1; 0 otherwise. */
int tz_localize(struct date *d, const char *zone, bool written_with_zone);

#endif
