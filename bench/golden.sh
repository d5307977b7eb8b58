#!/usr/bin/env bash
# Golden record of what sheaf writes: exports the sample blog and every
# corpus in ../shared/corpora (offline, --keep-going) and prints, per book,
# the SHA-256 of the file and of each entry's uncompressed bytes. Record it
# before a restructuring and diff it after: an unchanged entry hash proves
# the content is the same even when the container changes on purpose
# (compression, entry order). The diagnostics are recorded by their hash.
# Usage: bench/golden.sh [SHEAF_BINARY] [EXTRA SHEAF ARGS...] > golden.txt
set -u
SHEAF=$(realpath "${1:-build/sheaf}")
shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache # never the user's cache: the same bytes on any machine
export TZ=UTC

book() { # book LABEL SITE [SHEAF ARGS...]
	local label=$1 site=$2 out=$T/$1.epub
	shift 2
	"$SHEAF" "$site" -k --offline -o "$out" "$@" >/dev/null 2>"$T/diag"
	# The closing "wrote FILE: …" line names the temporary folder: left out,
	# as the book's own hashes say what it says.
	sed -i '$ {/^wrote .*: [0-9][0-9]* posts\?, /d}' "$T/diag"
	# What it said, too: the same posts give the same diagnostics.
	echo "$label diagnostics $(sha256sum <"$T/diag" | cut -d' ' -f1) $(grep -c . "$T/diag")"
	if [ ! -s "$out" ]; then
		echo "$label no-book"
		return
	fi
	echo "$label file $(sha256sum <"$out" | cut -d' ' -f1)"
	python3 - "$out" "$label" <<'PY'
import hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for info in sorted(z.infolist(), key=lambda i: i.filename):
    print(sys.argv[2], "entry", info.filename, hashlib.sha256(z.read(info.filename)).hexdigest())
PY
}

EXTRA=("$@")
set --
book sample "$ROOT/samples/blog" "${EXTRA[@]}"
CORPORA=${SHEAF_CORPORA:-$ROOT/../shared/corpora}
if [ -d "$CORPORA" ]; then
	for c in "$CORPORA"/*/; do
		book "$(basename "$c")" "$c" "${EXTRA[@]}"
	done
fi
