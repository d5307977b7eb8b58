#!/usr/bin/env bash
# Progress on a terminal, and only there (issue 15, item 5): an export of
# 1,200 posts whose images come slowly from a loopback server shows one
# updating line, `sheaf: converting 137/1,200 posts · fetching 2 images`
# (`from HOST` when one download is left), redrawn at most ten times a
# second, cut to the terminal's width, cleared before the closing lines;
# nothing of it on a pipe or with -q, and nothing in a run shorter than
# half a second. Runs under a pseudo-terminal (tests/pty-run.py). Prints TAP.
# Usage: progress.sh SHEAF SOURCE_ROOT
set -u
SHEAF=$1
ROOT=$2
T=$(mktemp -d)
SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
# shellcheck source=tests/tap.sh
. "$ROOT/tests/tap.sh"

mkdir -p "$T/www"
python3 - "$T/www/a.png" <<'PY'
import struct, sys, zlib
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b""))
PY
http_server "$T/www" "$T/port"

# site: 1,200 posts; small: 30 (for the runs that need no count to group).
# One post of each shows two images the server answers after 1 s and
# 2.5 s: two downloads outstanding, then one.
posts() { # posts FOLDER N
	mkdir -p "$1/posts"
	for i in $(seq "$2"); do
		printf -- '---\ntitle: Post %d\ndate: 2020-01-01T00:00:00Z\n---\n\nWords of post %d.\n' "$i" "$i" \
			>"$1/posts/p$i.md"
	done
	printf '\n![one](%s/sleep/1/a.png?1)\n\n![two](%s/sleep/2.5/a.png?2)\n' "$U" "$U" >>"$1/posts/p$(($2 / 2)).md"
}
posts "$T/site" 1200
posts "$T/small" 30

# tty NAME COLS ARGS...: sheaf ARGS with stderr on a pseudo-terminal COLS
# wide; what it wrote in $T/NAME.out, its exit status and the seconds it
# took in $T/NAME.st. Each run has a cache of its own, so the downloads
# are slow every time.
tty() {
	local name=$1 cols=$2
	shift 2
	XDG_CACHE_HOME=$T/cache-$name python3 "$ROOT/tests/pty-run.py" "$T/$name" "$cols" "$SHEAF" "$@"
}

tty wide 200 "$T/site" -o "$T/wide.epub"
read -r st took <"$T/wide.st"
echo "# 1,200 posts on a terminal: exit $st in $took s" >&2
check "on a terminal: the line counts posts (1,200 grouped) and the images being fetched, then one from its host" \
	python3 - "$T/wide.out" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
assert re.search(r"\rsheaf: converting \d[\d,]*/1,200 posts \u00b7 fetching 2 images\x1b\[K", t), repr(t[:400])
assert re.search(r"\rsheaf: converting \d[\d,]*/1,200 posts \u00b7 fetching 1 image from 127\.0\.0\.1\x1b\[K", t), repr(t[:400])
PY
check "... as one line redrawn in place, at most ten times a second" python3 - "$T/wide.out" "$took" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
draws = t.count("\rsheaf: converting")
assert draws >= 2, draws
assert draws <= 10 * float(sys.argv[2]) + 2, (draws, sys.argv[2])
line = t[:t.index("wrote ")]
assert "\n" not in line, repr(line)
PY
check "... cleared at the end: the closing line starts a clean line" python3 - "$T/wide.out" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
last = t.rindex("\rsheaf: converting")
end = t.index("\x1b[K", last) + 3
assert t[end:].startswith("\r\x1b[Kwrote "), repr(t[last:])
assert "converting" not in t[end:], repr(t[end:])
PY
check "... and the book is made" bash -c '[ "$1" = 0 ] && [ -s "$2" ]' _ "$st" "$T/wide.epub"

tty narrow 30 "$T/small" -o "$T/narrow.epub"
check "on a 30-column terminal the line is cut to 29 columns: it never wraps" python3 - "$T/narrow.out" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
draws = re.findall(r"\r(sheaf: converting[^\r\x1b]*)\x1b\[K", t)
assert draws, repr(t[:300])
assert all(len(d) <= 29 for d in draws), [d for d in draws if len(d) > 29]
assert any(len(d) == 29 for d in draws), draws
PY

tty quiet 200 "$T/small" -q -o "$T/quiet.epub"
check "-q on a terminal: nothing at all" bash -c '[ ! -s "$1" ] && [ -s "$2" ]' _ "$T/quiet.out" "$T/quiet.epub"

XDG_CACHE_HOME=$T/cache-pipe "$SHEAF" "$T/small" -o "$T/pipe.epub" 2>"$T/pipe.err" | cat
check "on a pipe: no progress line, no carriage return, only the closing line" bash -c \
	'! grep -q "converting" "$1" && ! grep -q $'"'"'\r'"'"' "$1" && grep -q "^wrote " "$1"' _ "$T/pipe.err"

# A short run (the sample, local images only) says nothing while it works.
tty short 200 "$ROOT/samples/blog" --offline -o "$T/short.epub"
read -r st took <"$T/short.st"
if python3 -c 'import sys; sys.exit(float(sys.argv[1]) >= 0.45)' "$took"; then
	check "a run shorter than half a second ($took s): no progress line" bash -c \
		'! grep -q "converting" "$1" && grep -q "^wrote " "$1"' _ "$T/short.out"
else
	skip "a run shorter than half a second: no progress line" "the sample took $took s on this machine"
fi

tap_done
