#!/usr/bin/env bash
# Faults in the middle of an export: SIGINT, SIGTERM, SIGHUP and SIGKILL
# while a large book is being written, and a full file system. Each must
# leave an existing book byte-identical; after INT, TERM and HUP no
# temporary file stays and the exit status says "killed by signal". Prints
# TAP.
# Usage: faults.sh SHEAF_BINARY
set -u
SHEAF=$(realpath "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
# Job control: without it a background job of a script ignores SIGINT, and
# sheaf rightly keeps a signal its caller ignores.
set -m

# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
temps() { # the temporary files beside the book in folder $1
	find "$1" -maxdepth 1 -name '.book.epub.*' | wc -l
}

if ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP python3 is needed to make the large site"
	exit 0
fi

# A site large enough that the temporary book exists for most of a second
# on one thread (2,000 posts, 60 MiB of Markdown): the signal is sent as
# soon as the temporary file appears, so timing does not decide the test.
python3 - "$T/site" <<'PY'
import os, random, sys
root = sys.argv[1]
os.makedirs(root)
random.seed(16)
words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
for i in range(2000):
    para = " ".join(random.choice(words) for _ in range(150))
    with open(os.path.join(root, "post-%04d.md" % i), "w") as f:
        f.write("---\ntitle: Post %d\ndate: 2024-01-%02d\n---\n\n" % (i, i % 28 + 1))
        f.write("".join("## Section %d\n\n%s %d %d\n\n" % (k, para, i, k) for k in range(40)))
PY
mkdir -p "$T/out"
BOOK=$T/out/book.epub
"$SHEAF" "$T/site" -q -j1 -o "$BOOK" 2>"$T/err"
is "the large book is written" "$?" 0
before=$(sha "$BOOK")

# interrupt SIGNAL DIR COMMAND...: runs COMMAND in the background (a
# function that execs sheaf, so the signal reaches sheaf), sends
# SIGNAL once a temporary book (.book.epub.*) exists anywhere under DIR;
# sets rc (the exit status) and seen (whether the signal came while the
# book was being written).
interrupt() {
	local sig=$1 dir=$2 i
	shift 2
	"$@" &
	local pid=$!
	seen=no
	for ((i = 0; i < 6000; i++)); do
		if [ -n "$(find "$dir" -name '.book.epub.*' 2>/dev/null)" ]; then
			kill -s "$sig" "$pid" && seen=yes
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.005
	done
	wait "$pid"
	rc=$?
}
# sheaf runs with INT, TERM and HUP at their defaults, whatever the test's
# caller does with them: a caller that ignores one passes that on (nohup
# ignores SIGHUP: a README test run under nohup once failed so), and sheaf
# rightly keeps a signal its caller ignores (tested below).
export_book() { exec env --default-signal=INT,TERM,HUP "$SHEAF" "$T/site" -q -j1 -o "$BOOK" 2>"$T/err"; }

for sig in INT TERM HUP; do
	interrupt "$sig" "$T/out" export_book
	is "SIG$sig: sent while the temporary book existed" "$seen" yes
	is "SIG$sig: the exit status says killed by SIG$sig" "$rc" $((128 + $(kill -l "$sig")))
	is "SIG$sig: the existing book is byte-identical" "$(sha "$BOOK")" "$before"
	is "SIG$sig: no temporary file is left" "$(temps "$T/out")" 0
done

# A signal the caller ignores stays ignored, as under nohup: the run goes
# on and writes its book.
ignoring_hup() { exec env --ignore-signal=HUP "$SHEAF" "$T/site" -q -j1 -o "$BOOK" 2>"$T/err"; }
interrupt HUP "$T/out" ignoring_hup
is "SIGHUP ignored by the caller: sent while the temporary book existed" "$seen" yes
is "SIGHUP ignored by the caller: the run succeeds" "$rc" 0
is "SIGHUP ignored by the caller: the book is written (the same bytes)" "$(sha "$BOOK")" "$before"
is "SIGHUP ignored by the caller: no temporary file is left" "$(temps "$T/out")" 0

# SIGKILL cannot be caught: the temporary file may stay (a dot file, which
# nothing mistakes for the book), but the book is untouched, because it is
# only ever replaced by a rename of a complete file.
interrupt KILL "$T/out" export_book
is "SIGKILL: sent while the temporary book existed" "$seen" yes
is "SIGKILL: the exit status says killed by SIGKILL" "$rc" 137
is "SIGKILL: the existing book is byte-identical" "$(sha "$BOOK")" "$before"
echo "# after SIGKILL $(temps "$T/out") temporary file(s) remain, as expected"
find "$T/out" -maxdepth 1 -name '.book.epub.*' -delete

# -o -: the book is built in a folder of its own under TMPDIR before it
# goes to standard output; an interrupted run leaves neither behind.
mkdir -p "$T/tmpdir"
to_stdout() { TMPDIR=$T/tmpdir exec env --default-signal=INT,TERM,HUP "$SHEAF" "$T/site" -q -j1 -o - >"$T/stdout.epub" 2>"$T/err"; }
interrupt TERM "$T/tmpdir" to_stdout
is "-o -, SIGTERM: sent while the temporary book existed" "$seen" yes
is "-o -, SIGTERM: the exit status says killed by SIGTERM" "$rc" 143
is "-o -, SIGTERM: nothing is left in TMPDIR" "$(find "$T/tmpdir" -mindepth 1 | wc -l)" 0

# A full file system: a 1 MiB tmpfs in a mount namespace of our own (as an
# unprivileged user, or as root: nothing outside this process sees it)
# holds a small book; the large one does not fit.
mkdir -p "$T/small" "$T/full"
for i in 1 2 3; do
	printf -- '---\ntitle: Small %d\ndate: 2024-02-0%d\n---\n\nA short post.\n' "$i" "$i" >"$T/small/p$i.md"
done
unshare_cmd=
if unshare -m true 2>/dev/null; then
	unshare_cmd="unshare -m"
elif unshare -rm true 2>/dev/null; then
	unshare_cmd="unshare -rm"
fi
if [ -n "$unshare_cmd" ] && $unshare_cmd sh -c 'mount -t tmpfs -o size=1m none "$1"' _ "$T/full" 2>/dev/null; then
	# shellcheck disable=SC2016
	$unshare_cmd bash -c '
		mount -t tmpfs -o size=1m none "$2" || exit 9
		"$1" "$3" -q -o "$2/book.epub" || exit 8
		sha256sum "$2/book.epub" | cut -d" " -f1 >"$4/small.sha"
		"$1" "$3/../site" -q -j1 -o "$2/book.epub" 2>"$4/full.err"
		echo $? >"$4/full.rc"
		sha256sum "$2/book.epub" | cut -d" " -f1 >"$4/after.sha"
		find "$2" -maxdepth 1 -name ".book.epub.*" | wc -l >"$4/full.temps"
	' _ "$SHEAF" "$T/full" "$T/small" "$T"
	is "full file system: the run inside the namespace completed" "$?" 0
	rc=$(cat "$T/full.rc" 2>/dev/null)
	if [ -n "$rc" ] && [ "$rc" != 0 ]; then ok "full file system: the export fails"; else
		not_ok "full file system: the export fails" "exit status '$rc'"; fi
	if grep -q "error: cannot write the book: No space left on device" "$T/full.err" 2>/dev/null; then
		ok "full file system: the error says why"
	else
		not_ok "full file system: the error says why" "$(head -c 500 "$T/full.err" 2>/dev/null)"
	fi
	is "full file system: the existing book is byte-identical" "$(cat "$T/after.sha" 2>/dev/null)" \
		"$(cat "$T/small.sha" 2>/dev/null)"
	is "full file system: no temporary file is left" "$(cat "$T/full.temps" 2>/dev/null)" 0
else
	skip "full file system" "cannot mount a tmpfs here (no mount namespace: unshare -m / -rm)"
fi

tap_done
