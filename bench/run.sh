#!/usr/bin/env bash
# Benchmark: time and peak memory of exporting a generated blog, and of the
# real corpora when they are beside the checkout. Not a test: numbers to
# compare between commits on the same machine.
# Usage: bench/run.sh [SHEAF_BINARY] [POSTS]   (defaults: build/sheaf, 1000)
set -eu
SHEAF=$(realpath "${1:-build/sheaf}")
POSTS=${2:-1000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache # remote images: never the user's cache

# A generated MkDocs blog: every post has headings, lists, a table, code,
# footnotes, links to its neighbours, raw HTML and two pictures, about 6 KB
# of text each.
mkdir -p "$T/blog/docs/blog/posts"
printf 'site_name: Bench\nsite_url: https://example.org/\nplugins:\n  - blog\n' >"$T/blog/mkdocs.yml"
for i in $(seq 1 "$POSTS"); do
	{
		printf -- '---\ntitle: "Post %d"\ndate: 2020-01-%02d\ntags: [t%d, common]\ncategories: [c%d]\nauthors: [a%d]\n---\n\n' \
			"$i" $((i % 28 + 1)) $((i % 7)) $((i % 3)) $((i % 5))
		printf '# Post %d\n\nIntro paragraph with *emphasis*, `code` and a [link](post-%d.md).\n\n<!-- more -->\n\n' "$i" $((i % POSTS + 1))
		# Two pictures: one of 50 shared across posts, one in the post's own
		# folder (found through the folder-named-after-the-post reading).
		printf '![shared](../../images/shared-%d.png)\n\n![own](pic.png)\n\n' $((i % 50))
		for s in 1 2 3 4; do
			printf '## Section %d\n\nA paragraph of words, words and more words[^n%d] that a blog post would have, ' "$s" "$s"
			printf 'with a second sentence for good measure and ~~struck~~ text.\n\n'
			printf '### Details %d\n\n- one\n- two\n  - nested\n- [x] done\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n' "$s"
			printf '```c\nint main(void) { return %d; }\n```\n\n<div class="note"><p>Raw <b>HTML</b> %d</p></div>\n\n' "$s" "$s"
			printf '[^n%d]: A footnote for section %d.\n\n' "$s" "$s"
		done
	} >"$T/blog/docs/blog/posts/post-$i.md"
done
# The pictures: small PNGs of noise (about 4 KB, incompressible, all
# different), 50 shared and one per post.
python3 - "$T/blog/docs" "$POSTS" <<'PY'
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

measure() { # measure LABEL ARGS...
	local label=$1; shift
	/usr/bin/time -f "%e %M" -o "$T/time" "$SHEAF" "$@" -q >/dev/null 2>&1 || true
	read -r secs kb < <(tail -1 "$T/time")
	printf '%-34s %8.2f s %8.1f MiB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}

echo "sheaf $("$SHEAF" --version | cut -d' ' -f2), $(nproc) cores"
measure "generated blog, $POSTS posts" "$T/blog" -o "$T/out.epub"
measure "generated blog, --list" "$T/blog" --list
CORPORA=$ROOT/../shared/corpora
if [ -d "$CORPORA" ]; then
	for c in "$CORPORA"/*/; do
		# --offline: the network's speed is not sheaf's.
		measure "corpus $(basename "$c")" "$c" --offline -o "$T/c.epub"
	done
fi
