#!/usr/bin/env bash
# Remote and repeated images, bounded (issue 16, items 9c and 10):
# - one 15 MiB image shown 300 times, remote and local, is held once: the
#   export's peak memory stays under 200 MiB (each use kept its own copy:
#   100 uses 1.5 GB, 300 out of memory), and the book holds it once;
# - 20 images whose server drips a byte a second end when the downloads'
#   time budget (--fetch-timeout 3) is spent, each a warning that says so
#   (they held the export 20 x 30 s / 8), and on a terminal the progress
#   line says what the export waits for, cleared at the end.
# Everything comes from a loopback server (tests/http-server.py) into a
# private cache. Prints TAP.
# Usage: images-bounded.sh SHEAF SOURCE_ROOT [SANITIZE]
#   SANITIZE: meson's b_sanitize; under ASan or TSan (which reserve
#   terabytes of address space and keep freed memory in quarantine) there
#   is no address-space cap and no bound on the peak, only the rest.
set -u
SHEAF=$1
ROOT=$2
SANITIZE=${3:-none}
CAP='ulimit -v 2097152; '
MAX_MIB=200
if [ "$SANITIZE" != none ] && [ -n "$SANITIZE" ]; then
	echo "# sanitizer build ($SANITIZE): no memory cap or peak bound"
	CAP=
	MAX_MIB=999999
fi
export CAP
T=$(mktemp -d)
SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
# shellcheck source=tests/tap.sh
. "$ROOT/tests/tap.sh"

# A PNG of 15 MiB that decodes (random pixels do not compress).
mkdir -p "$T/www" "$T/local/posts" "$T/remote/posts" "$T/drip/posts"
python3 - "$T/www/big.png" <<'PY'
import os, struct, sys, zlib
w = h = 2240
raw = b"".join(b"\0" + os.urandom(w * 3) for _ in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
PY
cp "$T/www/big.png" "$T/local/posts/big.png"
http_server "$T/www" "$T/port"

# Runs sheaf (under a 2 GiB address-space cap, so the old behaviour fails
# fast instead of taking the machine's memory) and writes its exit code
# and peak resident memory in MiB to $T/$1.rss.
run() { # run NAME ARGS...
	local name=$1
	shift
	python3 - "$T/$name.rss" "$SHEAF" "$@" 2>"$T/$name.err" <<'PY'
import resource, subprocess, sys
import os
r = subprocess.run(["sh", "-c", os.environ["CAP"] + 'exec "$@"', "sh"] + sys.argv[2:], stdout=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
open(sys.argv[1], "w").write("%d %d\n" % (r.returncode, peak))
PY
}
# bounded NAME BOOK: exit 0, peak under 200 MiB, the image stored once and
# shown 300 times.
bounded() {
	read -r st peak <"$T/$1.rss"
	echo "# $1: exit $st, peak $peak MiB" >&2
	[ "$st" = 0 ] && [ "$peak" -lt "$MAX_MIB" ] && python3 - "$2" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
imgs = [n for n in z.namelist() if n.startswith("EPUB/images/") and "cover" not in n]
x = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("EPUB/text/"))
assert imgs == ["EPUB/images/big.png"], imgs
assert x.count('src="../images/big.png"') == 300, x.count('src="../images/big.png"')
PY
}

for i in $(seq 300); do printf '![use %d](big.png)\n\n' "$i"; done >"$T/local/posts/p.md"
run local "$T/local" -j 2 -o "$T/local.epub"
check "a local 15 MiB image shown 300 times: read once, peak memory under 200 MiB (was 300 copies)" \
	bounded local "$T/local.epub"

for i in $(seq 300); do printf '![use %d](%s/big.png)\n\n' "$i" "$U"; done >"$T/remote/posts/p.md"
run remote "$T/remote" -j 2 -o "$T/remote.epub"
check "a remote 15 MiB image shown 300 times: fetched once, peak memory under 200 MiB" \
	bounded remote "$T/remote.epub"
run remote-cached "$T/remote" -j 2 --offline -o "$T/remote-cached.epub"
check "the same from the cache, --offline: the same bytes, peak memory under 200 MiB" \
	bash -c 'cmp -s "$1" "$2"' _ "$T/remote.epub" "$T/remote-cached.epub"
check "... and bounded" bounded remote-cached "$T/remote-cached.epub"

for i in $(seq 20); do printf '![drip %d](%s/drip?i=%d)\n\n' "$i" "$U" "$i"; done >"$T/drip/posts/p.md"
start=$(date +%s)
"$SHEAF" "$T/drip" --fetch-timeout 3 -o "$T/drip.epub" >/dev/null 2>"$T/drip.err"
st=$?
took=$(($(date +%s) - start))
echo "# 20 dripping URLs: exit $st in $took s" >&2
check "20 dripping URLs: the export ends within the budget (3 s) and slack, not 20 x 30 s / 8" \
	bash -c '[ "$1" = 0 ] && [ "$2" -le 10 ]' _ "$st" "$took"
check "each of them a warning naming the spent budget, with its line" bash -c \
	'[ "$(grep -c "p.md:[0-9]*: warning: remote image .*/drip?i=[0-9]* not fetched (time budget of 3 s for downloads spent)" "$1")" = 20 ]' \
	_ "$T/drip.err"

# On a terminal: the progress line, then cleared.
python3 "$ROOT/tests/pty-run.py" "$T/tty" 80 "$SHEAF" "$T/drip" --fetch-timeout 2 -o "$T/drip-tty.epub"
check "on a terminal the progress line says what the export waits for, cleared before the warnings" python3 - "$T/tty.out" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
i = t.index("sheaf: converting 0/1 post \u00b7 fetching 20 images")
j = t.index("warning:")
assert "\r\x1b[K" in t[i:j], repr(t[i:j])
PY

tap_done
