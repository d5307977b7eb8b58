#!/bin/bash
# The long fuzz run (README, "Fuzzing"): each harness for RUNS executions in
# total, split over JOBS processes that share one growing corpus, in a
# libFuzzer build without sanitizers (three to four times faster, and glibc
# reuses freed memory at once, so the oracle sees damage that only libxml2
# would follow); then every input of the grown corpus once more in the
# ASan+UBSan build, with freed memory overwritten. A crash, leak, timeout,
# sanitizer report or oracle failure is a finding: the run stops with status 1
# and names the input.
#
# Usage: tests/fuzz/long-run.sh [-c] [-n RUNS] [-j JOBS] [-t SECONDS] [-w WORKDIR] [-l LEDGER] [HARNESS...]
#   RUNS     executions per harness, all processes together (10000000)
#   JOBS     processes per harness (the machine's CPUs)
#   SECONDS  stop each harness after that long even short of RUNS
#   WORKDIR  corpora, logs and findings (a new temporary folder); give the
#            folder of an earlier run to go on from its corpus (move its
#            findings/ away first: any file there counts as a finding)
#   LEDGER   where runs are recorded (WORKDIR/ledger); the repository's
#            record, and what -c reads unless told, is tests/fuzz/ledger
#   HARNESS  frontmatter, convert, images, pyliteral (all four)
#   -c       fuzz nothing: build, and say how many executions LEDGER holds
#            for the code of each harness as it is now; status 1 when one
#            has fewer than RUNS
# The ledger keeps one line per harness run: the SHA-256 of the harness
# binary (the code it ran), the harness, the executions and the date;
# lines starting with '#' are comments. Runs of the same binary add up,
# across runs, work folders and machines (the build is reproducible: the
# same sources and toolchain give the same binary): the line printed gives
# that total.
# Builds build-fuzz-plain and build-fuzz in the checkout when they are
# missing (clang, libclang-rt-14-dev). The checkout is not modified, but
# for the ledger when -l names tests/fuzz/ledger.
set -u

# The executions of one harness's run: the final stats of the JOBS process
# logs it wrote, and of no other file. A glob such as WORK/convert-*.log
# also matched a copy of this script's output kept in WORK, whose report of
# an earlier finding quotes that run's stats: 2,249,143 executions of
# earlier binaries were once counted for the current one.
executions() { # WORK HARNESS JOBS
	for p in $(seq "$3"); do
		grep -a -h 'stat::number_of_executed_units' "$1/$2-$p.log" 2>/dev/null
	done | awk '{s += $2} END {print s + 0}'
}

# The executions LEDGER holds for one binary of one harness.
ledger_total() { # LEDGER SHA HARNESS
	awk -v s="$2" -v h="$3" '$1 == s && $2 == h { t += $3 } END { print t + 0 }' "$1" 2>/dev/null || echo 0
}

# What a finding looks like in a libFuzzer log: the harness oracle's report,
# libFuzzer's own (crash, timeout, leak, out of memory), a sanitizer's.
findings_in() { # LOG...
	grep -a -h -A30 -E 'ORACLE FAILURE|ERROR: libFuzzer|==ERROR|runtime error' "$@" 2>/dev/null | head -60
}

# What went wrong, from the same process logs only.
report() { # WORK HARNESS JOBS
	local logs=() p
	for p in $(seq "$3"); do logs+=("$1/$2-$p.log"); done
	findings_in "${logs[@]}"
}

# Sourced by tests/fuzz/test-long-run.sh for the functions above.
[ -n "${LONG_RUN_FUNCTIONS_ONLY:-}" ] && return 0

runs=10000000
jobs=$(nproc)
work=
limit=
ledger=
check=
# Folders and files given are taken from where the script was called.
while getopts hcn:j:t:w:l: opt; do
	case $opt in
	h)
		sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "$0"
		exit 0
		;;
	c) check=1 ;;
	n) runs=$OPTARG ;;
	j) jobs=$OPTARG ;;
	t) limit=-max_total_time=$OPTARG ;;
	w) work=$(realpath -m "$OPTARG") ;;
	l) ledger=$(realpath -m "$OPTARG") ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
harnesses=${*:-frontmatter convert images pyliteral}
cd "$(dirname "$0")/../.." || exit 2
if [ -z "$check" ]; then
	[ -n "$work" ] || work=$(mktemp -d /tmp/sheaf-fuzz.XXXXXX)
	mkdir -p "$work" || exit 2
	[ -n "$ledger" ] || ledger=$work/ledger
elif [ -z "$ledger" ]; then
	ledger=$PWD/tests/fuzz/ledger
fi

build() { # DIR MESON-OPTIONS...
	dir=$1
	shift
	if [ ! -d "$dir" ]; then
		CC=clang CXX=clang++ meson setup "$dir" -Dfuzz=true -Db_lundef=false "$@" >/dev/null || exit 2
	fi
	# shellcheck disable=SC2046,SC2086 # harness names have no blanks
	meson compile -C "$dir" $(printf 'fuzz_%s ' $harnesses) >/dev/null || exit 2
}
build build-fuzz-plain -Dbuildtype=release
if [ -n "$check" ]; then
	status=0
	for h in $harnesses; do
		sha=$(sha256sum <build-fuzz-plain/tests/fuzz/fuzz_"$h" | cut -d' ' -f1)
		total=$(ledger_total "$ledger" "$sha" "$h")
		echo "fuzz_$h: $total executions on record for this code (${sha:0:12}), $runs wanted"
		[ "$total" -ge "$runs" ] || status=1
	done
	exit $status
fi
build build-fuzz -Db_sanitize=address,undefined

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for h in $harnesses; do
	dict=
	[ "$h" = frontmatter ] && dict=-dict=tests/fuzz/yaml.dict
	[ "$h" = convert ] && dict=-dict=tests/fuzz/markdown.dict
	corpus=$work/$h
	mkdir -p "$corpus" "$work/findings"
	cp -n tests/fuzz/corpus/"$h"/* tests/fuzz/regressions/"$h"/* "$corpus"/ 2>/dev/null
	# -reload=30: each process looks for the others' new inputs every 30 s,
	# not every second; listing a corpus of 10,000 files that often cost a
	# tenth of the time (perf: RereadOutputCorpus and fstatat).
	start=$(date +%s)
	# shellcheck disable=SC2086 # $dict and $limit: empty or one word
	for p in $(seq "$jobs"); do
		build-fuzz-plain/tests/fuzz/fuzz_"$h" "$corpus" $dict -max_len=4096 -rss_limit_mb=2048 \
			-timeout=10 -runs=$(((runs + jobs - 1) / jobs)) $limit -print_final_stats=1 -reload=30 \
			-artifact_prefix="$work/findings/$h-$p-" >"$work/$h-$p.log" 2>&1 &
	done
	failed=0
	for p in $(seq "$jobs"); do
		wait -n || failed=1
	done
	execs=$(executions "$work" "$h" "$jobs")
	secs=$(($(date +%s) - start))
	if [ "$failed" = 1 ] || ls "$work/findings/$h"-* >/dev/null 2>&1; then
		report "$work" "$h" "$jobs"
		echo "fuzz_$h: FINDING after $execs executions (logs: $work/$h-1.log to $h-$jobs.log, inputs: $work/findings/$h-*)"
		status=1
		continue
	fi
	sha=$(sha256sum <build-fuzz-plain/tests/fuzz/fuzz_"$h" | cut -d' ' -f1)
	echo "$sha $h $execs $(date -u +%FT%TZ)" >>"$ledger"
	total=$(ledger_total "$ledger" "$sha" "$h")
	# The same corpus, every input once, under ASan and UBSan.
	n=$(find "$corpus" -type f | wc -l)
	if ASAN_OPTIONS=max_free_fill_size=4096:detect_leaks=1 build-fuzz/tests/fuzz/fuzz_"$h" "$corpus" \
		-runs=0 -rss_limit_mb=4096 -timeout=60 -artifact_prefix="$work/findings/$h-asan-" \
		>"$work/$h-asan.log" 2>&1; then
		echo "fuzz_$h: $execs executions in $secs s ($jobs processes; $total in all on this binary, ${sha:0:12}), $n corpus inputs replayed under ASan+UBSan, no finding"
	else
		findings_in "$work/$h-asan.log"
		echo "fuzz_$h: FINDING replaying the corpus under ASan+UBSan (log: $work/$h-asan.log)"
		status=1
	fi
done
echo "work folder: $work"
exit $status
