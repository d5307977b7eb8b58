#!/bin/sh
# Runs fuzz harnesses over their seed corpus and past findings.
# Usage: run-regressions.sh EXE DIR... [-- EXE DIR...]...
# Each EXE (a harness built with driver.c, or with libFuzzer) gets every
# file under its DIRs (hidden files left out) as arguments: both run each
# file once and stop with a failure on a crash or an oracle failure.
set -u
status=0
run() {
	exe=$1
	shift
	files=$(find "$@" -type f ! -name '.*' 2>/dev/null | LC_ALL=C sort)
	if [ -z "$files" ]; then
		echo "$exe: no inputs in $*"
		status=1
		return
	fi
	n=$(printf '%s\n' "$files" | wc -l)
	echo "== $(basename "$exe"): $n inputs"
	# shellcheck disable=SC2086 # file names in the corpus have no blanks
	if ! "$exe" $files >"$tmp" 2>&1; then
		cat "$tmp"
		echo "FAIL: $(basename "$exe")"
		status=1
	else
		tail -n 1 "$tmp"
	fi
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
while [ $# -gt 0 ]; do
	exe=$1
	shift
	dirs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		dirs="$dirs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	# shellcheck disable=SC2086
	run "$exe" $dirs
done
exit $status
