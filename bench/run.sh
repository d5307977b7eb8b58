#!/usr/bin/env bash
# Benchmark: sheaf against two references on the same generated blog, in the
# same run, printed as ratios (zip -r -6 over the blog folder: reading and
# deflating the same bytes; pandoc over the same posts, when installed);
# then the real corpora when they are beside the checkout. Not a test: the
# test suite never runs it. See bench/README.md for how to read it.
# Usage: bench/run.sh [SHEAF_BINARY] [POSTS...]   (defaults: build/sheaf, 1000 10000)
# Environment: BENCH_RUNS (best of R runs for sheaf and zip, default 3),
#              BENCH_PANDOC_MAX (no pandoc above this many posts, default 1000).
set -eu
SHEAF=$(realpath "${1:-build/sheaf}")
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi
RUNS=${BENCH_RUNS:-3}
PANDOC_MAX=${BENCH_PANDOC_MAX:-1000}
for n in "${SIZES[@]}" "$RUNS" "$PANDOC_MAX"; do
	case $n in
	'' | *[!0-9]*)
		echo "run.sh: '$n' is not a whole number (posts, BENCH_RUNS, BENCH_PANDOC_MAX)" >&2
		exit 2
		;;
	esac
done
if [ "$RUNS" -lt 1 ]; then
	echo "run.sh: BENCH_RUNS must be at least 1" >&2
	exit 2
fi
for n in "${SIZES[@]}"; do
	if [ "$n" -lt 1 ]; then
		echo "run.sh: a blog needs at least 1 post" >&2
		exit 2
	fi
done
[ -x "$SHEAF" ] || { echo "run.sh: $SHEAF is not an executable" >&2; exit 2; }
command -v zip >/dev/null || { echo "run.sh: zip is not installed" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache # remote images: never the user's cache

# generate N: a generated MkDocs blog in $T/blog (the previous one is
# removed). Deterministic: the same N gives the same files. Every post has
# headings, lists, a table, code, footnotes, links to its neighbours, raw
# HTML and two pictures, about 1.7 KB of Markdown each.
generate() {
	local posts=$1 i s
	rm -rf "$T/blog"
	mkdir -p "$T/blog/docs/blog/posts"
	printf 'site_name: Bench\nsite_url: https://example.org/\nplugins:\n  - blog\n' >"$T/blog/mkdocs.yml"
	for i in $(seq 1 "$posts"); do
		{
			printf -- '---\ntitle: "Post %d"\ndate: 2020-01-%02d\ntags: [t%d, common]\ncategories: [c%d]\nauthors: [a%d]\n---\n\n' \
				"$i" $((i % 28 + 1)) $((i % 7)) $((i % 3)) $((i % 5))
			# shellcheck disable=SC2016 # Markdown's backquotes, not a command
			printf '# Post %d\n\nIntro paragraph with *emphasis*, `code` and a [link](post-%d.md).\n\n<!-- more -->\n\n' "$i" $((i % posts + 1))
			# Two pictures: one of 50 shared across posts, one in the post's own
			# folder (found through the folder-named-after-the-post reading).
			printf '![shared](../../images/shared-%d.png)\n\n![own](pic.png)\n\n' $((i % 50))
			for s in 1 2 3 4; do
				printf '## Section %d\n\nA paragraph of words, words and more words[^n%d] that a blog post would have, ' "$s" "$s"
				printf 'with a second sentence for good measure and ~~struck~~ text.\n\n'
				printf '### Details %d\n\n- one\n- two\n  - nested\n- [x] done\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n' "$s"
				# shellcheck disable=SC2016
				printf '```c\nint main(void) { return %d; }\n```\n\n<div class="note"><p>Raw <b>HTML</b> %d</p></div>\n\n' "$s" "$s"
				printf '[^n%d]: A footnote for section %d.\n\n' "$s" "$s"
			done
		} >"$T/blog/docs/blog/posts/post-$i.md"
	done
	# The pictures: small PNGs of noise (about 4 KB, incompressible, all
	# different), 50 shared and one per post.
	python3 - "$T/blog/docs" "$posts" <<'PY'
import os, struct, sys, zlib, random
docs, posts = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
def png(w=32, h=32):
    raw = b"".join(b"\0" + bytes(rng.getrandbits(8) for _ in range(w * 3)) for _ in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
os.makedirs(docs + "/images", exist_ok=True)
for i in range(50):
    open("%s/images/shared-%d.png" % (docs, i), "wb").write(png())
for i in range(1, posts + 1):
    d = "%s/blog/posts/post-%d" % (docs, i)
    os.makedirs(d, exist_ok=True)
    open(d + "/pic.png", "wb").write(png())
PY
}

# run_timed KEY DIR CMD...: runs CMD in DIR under /usr/bin/time -v, output
# and diagnostics to $T/KEY.log. Keeps the best (least) wall time in
# WALL[KEY] and the largest peak RSS in RSS[KEY] (KiB); a failure sets
# FAIL[KEY] to its (last) exit status.
declare -A WALL RSS FAIL
run_timed() {
	local key=$1 dir=$2 rc=0 secs kb
	shift 2
	rm -f "$T/time"
	(cd "$dir" && /usr/bin/time -v -o "$T/time" "$@") </dev/null >"$T/$key.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then FAIL[$key]=$rc; fi
	# The times of a failed run are kept too (the corpora report them).
	grep -q 'Elapsed (wall clock)' "$T/time" 2>/dev/null || return 0
	# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		printf "%.2f", s }' "$T/time")
	kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time")
	if [ -z "${WALL[$key]:-}" ] || awk -v a="$secs" -v b="${WALL[$key]}" 'BEGIN { exit !(a < b) }'; then
		WALL[$key]=$secs
	fi
	if [ -z "${RSS[$key]:-}" ] || [ "$kb" -gt "${RSS[$key]}" ]; then
		RSS[$key]=$kb
	fi
}

# ratio A B [SUFFIX]: A/B with two decimals and SUFFIX, or n/a when B is
# zero (under the 10 ms resolution of /usr/bin/time) or either is missing.
ratio() {
	awk -v a="${1:-}" -v b="${2:-}" -v x="${3:-}" 'BEGIN {
		if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f%s", a / b, x }'
}

# row POSTS LABEL KEY COMMENT: one line of a table.
row() {
	local posts=$1 label=$2 key=$3 comment=$4
	if [ -n "${FAIL[$key]:-}" ]; then
		printf '%-7s %-15s %8s %10s   %s\n' "$posts" "$label" "failed" "" "exit status ${FAIL[$key]}, see below"
		sed 's/^/        | /' "$T/$key.log" | tail -5
	elif [ -z "${WALL[$key]:-}" ]; then
		printf '%-7s %-15s %8s %10s   %s\n' "$posts" "$label" "-" "-" "$comment"
	else
		printf '%-7s %-15s %8.2f %10.1f%s\n' "$posts" "$label" "${WALL[$key]}" \
			"$(awk -v k="${RSS[$key]}" 'BEGIN { print k / 1024 }')" "${comment:+   $comment}"
	fi
}

NPROC=$(nproc)
JOBS=no
if "$SHEAF" --help 2>/dev/null | grep -q -- '--jobs'; then JOBS=yes; fi
PANDOC=$(command -v pandoc || true)
echo "sheaf $("$SHEAF" --version | cut -d' ' -f2) ($SHEAF)"
echo "$NPROC cores (nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -m)"
PANDOC_VERSION="pandoc not installed"
[ -n "$PANDOC" ] && PANDOC_VERSION=$("$PANDOC" --version | head -1)
echo "$(zip -v | sed -n 2p | sed 's/^ *//') $PANDOC_VERSION"
echo "best of $RUNS runs for sheaf and zip (BENCH_RUNS), one for pandoc up to $PANDOC_MAX posts (BENCH_PANDOC_MAX)"
if [ "$JOBS" = no ]; then echo "this sheaf has no --jobs: one row, run as is"; fi

SDEF="sheaf"
[ "$JOBS" = yes ] && SDEF="sheaf -j$NPROC"
for n in "${SIZES[@]}"; do
	generate "$n"
	echo
	echo "$n posts: $(du -sk "$T/blog" | cut -f1) KiB in the blog folder"
	# The runs of sheaf and zip alternate, so a change in the machine's load
	# falls on every tool alike.
	for _ in $(seq 1 "$RUNS"); do
		rm -f "$T/out.epub" "$T/out.zip"
		run_timed "sheaf-$n" "$T" "$SHEAF" "$T/blog" -q -o "$T/out.epub"
		if [ "$JOBS" = yes ]; then
			rm -f "$T/out.epub"
			run_timed "sheaf1-$n" "$T" "$SHEAF" "$T/blog" -q -j1 -o "$T/out.epub"
		fi
		run_timed "list-$n" "$T" "$SHEAF" "$T/blog" -q --list
		# zip adds to an existing archive: always start from none.
		run_timed "zip-$n" "$T/blog" zip -q -r -6 "$T/out.zip" .
	done
	# pandoc: the same posts in the book's order (as --list gives it).
	PANDOC_NOTE="not installed"
	if [ -n "$PANDOC" ] && [ "$n" -gt "$PANDOC_MAX" ]; then
		PANDOC_NOTE="skipped (more than $PANDOC_MAX posts, BENCH_PANDOC_MAX)"
	elif [ -n "$PANDOC" ]; then
		mapfile -t FILES < <("$SHEAF" "$T/blog" -q --list 2>/dev/null | cut -f3)
		if [ "${#FILES[@]}" -ne "$n" ]; then # no list: the files' own order
			FILES=()
			for i in $(seq 1 "$n"); do FILES+=("post-$i.md"); done
		fi
		rm -f "$T/pandoc.epub"
		run_timed "pandoc-$n" "$T/blog/docs/blog/posts" \
			"$PANDOC" -f markdown -t epub3 --toc -o "$T/pandoc.epub" "${FILES[@]}"
		PANDOC_NOTE="$(ratio "${WALL[pandoc-$n]:-}" "${WALL[sheaf-$n]:-}" x) faster"
	fi

	printf '%-7s %-15s %8s %10s   %s\n' posts tool "wall s" "peak MiB" "sheaf is"
	if [ "$JOBS" = yes ]; then
		row "$n" "$SDEF" "sheaf-$n" ""
		row "$n" "sheaf -j1" "sheaf1-$n" "$(ratio "${WALL[sheaf1-$n]:-}" "${WALL[sheaf-$n]:-}" x) faster with -j$NPROC"
		ZIPNOTE="$(ratio "${WALL[sheaf-$n]:-}" "${WALL[zip-$n]:-}" x) zip's time (-j1: $(ratio "${WALL[sheaf1-$n]:-}" "${WALL[zip-$n]:-}" x))"
	else
		row "$n" "$SDEF" "sheaf-$n" ""
		ZIPNOTE="$(ratio "${WALL[sheaf-$n]:-}" "${WALL[zip-$n]:-}" x) zip's time"
	fi
	row "$n" "sheaf --list" "list-$n" "(reading and selecting only, no book)"
	row "$n" "zip -r -6" "zip-$n" "$ZIPNOTE"
	if [ -n "${WALL[pandoc-$n]:-}${FAIL[pandoc-$n]:-}" ]; then
		row "$n" "pandoc" "pandoc-$n" "$PANDOC_NOTE"
	else
		printf '%-7s %-15s %8s %10s   %s\n' "$n" "pandoc" "-" "-" "$PANDOC_NOTE"
	fi
done

# Growth: each size against the first. Linear growth would make the time
# ratio the posts ratio; allow 10% over it.
if [ "${#SIZES[@]}" -gt 1 ]; then
	echo
	first=${SIZES[0]}
	keys=(sheaf)
	[ "$JOBS" = yes ] && keys+=(sheaf1)
	for k in "${keys[@]}"; do
		for n in "${SIZES[@]}"; do # a failed run's numbers are not sheaf's
			if [ -n "${FAIL[$k-$n]:-}" ]; then unset "WALL[$k-$n]" "RSS[$k-$n]"; fi
		done
		label=$SDEF
		[ "$k" = sheaf1 ] && label="sheaf -j1"
		for n in "${SIZES[@]:1}"; do
			t=$(ratio "${WALL[$k-$n]:-}" "${WALL[$k-$first]:-}")
			tx=$t
			if [ "$t" != n/a ]; then tx=${t}x; fi
			p=$(ratio "$n" "$first")
			verdict=$(awk -v t="$t" -v p="$p" 'BEGIN {
				if (t == "n/a") print "n/a"
				else if (t <= p * 1.1) print "no worse than linear: ok"
				else print "WORSE than linear" }')
			printf '%-15s time(%d)/time(%d) = %s for %sx the posts (limit %.2fx): %s\n' \
				"$label" "$n" "$first" "$tx" "$p" "$(awk -v p="$p" 'BEGIN { print p * 1.1 }')" "$verdict"
		done
		printf '%-15s peak RSS:' "$label"
		for n in "${SIZES[@]}"; do
			if [ -n "${RSS[$k-$n]:-}" ]; then
				printf ' %s posts %.1f MiB;' "$n" "$(awk -v k="${RSS[$k-$n]}" 'BEGIN { print k / 1024 }')"
			else
				printf ' %s posts n/a;' "$n"
			fi
		done
		echo
	done
fi

CORPORA=$ROOT/../shared/corpora
if [ -d "$CORPORA" ]; then
	echo
	printf '%-34s %8s %10s\n' "corpus (once, --offline, $SDEF)" "wall s" "peak MiB"
	for c in "$CORPORA"/*/; do
		name=$(basename "$c")
		rm -f "$T/c.epub"
		# --offline: the network's speed is not sheaf's.
		run_timed "corpus-$name" "$T" "$SHEAF" "$c" --offline -q -o "$T/c.epub"
		if [ -z "${WALL[corpus-$name]:-}" ]; then
			printf '%-34s %8s %10s   exit status %s\n' "$name" - - "${FAIL[corpus-$name]:-?}"
		else
			printf '%-34s %8.2f %10.1f%s\n' "$name" "${WALL[corpus-$name]}" \
				"$(awk -v k="${RSS[corpus-$name]}" 'BEGIN { print k / 1024 }')" \
				"${FAIL[corpus-$name]:+   exit status ${FAIL[corpus-$name]}}"
		fi
	done
fi
