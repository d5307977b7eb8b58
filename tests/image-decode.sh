#!/usr/bin/env bash
# Images that do not decode (issue 16, item 11): a post showing PNG, JPEG
# and GIF files cut short (a failed upload), as files, as data: URLs and as
# the cover, gives a book without them: each is a warning naming the post's
# line and why, its alt text is shown, and epubcheck (when installed)
# accepts the book, which it rejected while the files were stored as they
# were ("Corrupted image file"). Prints TAP.
# Usage: image-decode.sh SHEAF SOURCE_ROOT
set -u
SHEAF=$1
ROOT=$2
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/tap.sh
. "$ROOT/tests/tap.sh"

S=$T/site
mkdir -p "$S/posts"
# Whole pictures from the fuzz seeds (their first byte is the harness's
# mode), and each cut in half.
for f in png-rgba jpeg gif; do
	tail -c +2 "$ROOT/tests/fuzz/corpus/images/$f" >"$S/posts/whole-$f"
	size=$(stat -c %s "$S/posts/whole-$f")
	head -c $((size / 2)) "$S/posts/whole-$f" >"$S/posts/cut-$f"
done
mv "$S/posts/whole-png-rgba" "$S/posts/whole.png"
mv "$S/posts/cut-png-rgba" "$S/posts/cut.png"
mv "$S/posts/cut-jpeg" "$S/posts/cut.jpg"
mv "$S/posts/cut-gif" "$S/posts/cut.gif"
CUT64=$(base64 -w0 "$S/posts/cut.png")
cat >"$S/posts/pics.md" <<MD
---
title: Pictures
image: cut.jpg
---
# Pictures

![a whole picture](whole.png)

![a picture cut short](cut.png)

![a photo cut short](cut.jpg)

![an animation cut short](cut.gif)

![an inline picture cut short](data:image/png;base64,$CUT64)
MD

"$SHEAF" "$S" --offline -o "$T/book.epub" >/dev/null 2>"$T/err"
st=$?
check "exit 0 with images that do not decode" test "$st" = 0
for line in 9:cut.png 11:cut.jpg 13:cut.gif 15:data:; do
	check "a warning for ${line#*:} at pics.md:${line%%:*}" \
		grep -q "pics.md:${line%%:*}:.*warning: .*${line#*:}" "$T/err"
done
# shellcheck disable=SC2016 # expanded by the inner shell
check "the reasons say the files are cut short" bash -c \
	'[ "$(grep -ci "cut short\|premature end" "$1")" -ge 4 ]' _ "$T/err"
check "the cover image that does not decode is a warning too" grep -q "cut.jpg.*cover\|cover.*cut.jpg" "$T/err"
check "no image that does not decode is stored; the whole one is; alt text shown" python3 - "$T/book.epub" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
imgs = sorted(n for n in z.namelist() if n.startswith("EPUB/images/") and not n.endswith(".svg"))
assert imgs == ["EPUB/images/whole.png"], imgs
x = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("EPUB/text/"))
for alt in ["a picture cut short", "a photo cut short", "an animation cut short", "an inline picture cut short"]:
    assert alt in x, alt
assert 'src="../images/whole.png"' in x, x
PY
"$SHEAF" "$S" --offline --cover "$S/posts/cut.png" -o "$T/cover.epub" >/dev/null 2>"$T/cover.err"
st=$?
# shellcheck disable=SC2016 # expanded by the inner shell
check "--cover with a PNG cut short: an error saying why, no book" bash -c \
	'[ "$1" != 0 ] && [ ! -e "$2" ] && grep -q "error: --cover: PNG: the file is cut short" "$3"' \
	_ "$st" "$T/cover.epub" "$T/cover.err"
if [ -f "$EPUBCHECK_JAR" ] && command -v java >/dev/null; then
	# shellcheck disable=SC2016 # expanded by the inner shell
	check "epubcheck accepts the book" bash -c \
		'java -jar "$1" "$2" >"$3" 2>&1; grep -q "^Messages: 0 fatals / 0 errors" "$3" || { grep -E "^(FATAL|ERROR)" "$3" | head; false; }' \
		_ "$EPUBCHECK_JAR" "$T/book.epub" "$T/epubcheck.log"
else
	skip "epubcheck accepts the book" "epubcheck not installed"
fi
tap_done
