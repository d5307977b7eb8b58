#!/usr/bin/env bash
# Covers every reader shows (issue 15): calibre and Kindle read no SVG
# cover, so the generated cover is a 1600x2560 PNG, the manifest's
# cover-image and what <meta name="cover"> names; a given SVG cover keeps
# its cleaned file and gets a PNG that is the cover. With calibre
# installed, ebook-meta finds sheaf's cover and a Kindle conversion keeps
# it; without, what calibre reads (the OPF's two forms) is checked. Prints
# TAP. The PNG's pixels depend on the fonts installed, so only its size,
# its validity and its sameness on one machine are checked.
# Usage: cover-raster.sh SHEAF SOURCE_ROOT
set -u
SHEAF=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/tap.sh
. "$ROOT/tests/tap.sh"

# cover_png BOOK HREF W H: HREF is the one cover-image, an image/png that
# <meta name="cover"> names and cover.xhtml shows with the book's title in
# its alt text, a PNG of W x H pixels.
# shellcheck disable=SC2317 # called through check
cover_png() {
	python3 - "$@" <<'PY'
import struct, sys, zipfile
import xml.etree.ElementTree as ET
book, href, w, h = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
z = zipfile.ZipFile(book)
O = "{http://www.idpf.org/2007/opf}"
opf = ET.fromstring(z.read("EPUB/content.opf"))
items = list(opf.find(O + "manifest"))
covers = [i for i in items if "cover-image" in (i.get("properties") or "").split()]
assert [(c.get("href"), c.get("media-type")) for c in covers] == [(href, "image/png")], \
    [(c.get("href"), c.get("media-type")) for c in covers]
meta = [m.get("content") for m in opf.iter(O + "meta") if m.get("name") == "cover"]
assert meta == [covers[0].get("id")], meta
title = opf.find(O + "metadata").find("{http://purl.org/dc/elements/1.1/}title").text
page = ET.fromstring(z.read("EPUB/cover.xhtml"))
imgs = list(page.iter("{http://www.w3.org/1999/xhtml}img"))
assert len(imgs) == 1 and imgs[0].get("src") == href, [i.attrib for i in imgs]
assert title in imgs[0].get("alt"), (title, imgs[0].get("alt"))
png = z.read("EPUB/" + href)
assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR", png[:16]
size = struct.unpack(">II", png[16:24])
assert size == (w, h), size
PY
}

"$SHEAF" "$ROOT/samples/blog" -q -o "$T/gen.epub"
check "the sample exports" test -s "$T/gen.epub"
check "generated: images/cover.png (1600x2560) is the cover-image, meta name=cover, cover.xhtml shows it" \
	cover_png "$T/gen.epub" images/cover.png 1600 2560
# shellcheck disable=SC2016 # expanded by the inner shell
check "generated: no SVG cover besides it" bash -c '! unzip -l "$1" | grep -q "images/cover.svg"' _ "$T/gen.epub"
"$SHEAF" "$ROOT/samples/blog" -q -o "$T/gen2.epub"
check "generated: the same book twice, the same bytes (no time in the PNG)" cmp -s "$T/gen.epub" "$T/gen2.epub"
# One colour over 1600x2560 deflates to about 12 KB; the title's text
# makes it several times that. (test_cover checks the pixels.)
# shellcheck disable=SC2016 # expanded by the inner shell
check "generated: the PNG is not blank" bash -c \
	'[ "$(unzip -p "$1" EPUB/images/cover.png | wc -c)" -gt 30000 ]' _ "$T/gen.epub"

# A given SVG cover: cleaned (no script), kept, and drawn as the cover.
cat >"$T/drawing.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="500" height="800" viewBox="0 0 50 80">
<script>alert(1)</script>
<rect width="50" height="80" fill="#2a9d8f"/><circle cx="25" cy="40" r="15" fill="#e9c46a"/>
</svg>
SVG
"$SHEAF" "$ROOT/samples/blog" -q --cover "$T/drawing.svg" -o "$T/svg.epub"
check "--cover x.svg exports" test -s "$T/svg.epub"
check "--cover x.svg: its PNG (1600x2560) is the cover-image" cover_png "$T/svg.epub" images/cover.png 1600 2560
# shellcheck disable=SC2016 # expanded by the inner shell
check "--cover x.svg: the SVG is kept, without its script" bash -c \
	'unzip -p "$1" EPUB/images/cover.svg | grep -q "<circle" && ! unzip -p "$1" EPUB/images/cover.svg | grep -q script' \
	_ "$T/svg.epub"

# A raster --cover is used as is: no PNG is made of it.
unzip -p "$T/gen.epub" EPUB/images/cover.png >"$T/given.png"
"$SHEAF" "$ROOT/samples/blog" -q --cover "$T/given.png" --title "Another" -o "$T/png.epub"
# shellcheck disable=SC2016 # expanded by the inner shell
check "--cover x.png: the file's bytes are the cover" bash -c \
	'unzip -p "$1" EPUB/images/cover.png | cmp -s - "$2"' _ "$T/png.epub" "$T/given.png"

for b in gen svg; do
	epubcheck_clean "epubcheck: $b.epub has no error or warning" "$T/$b.epub"
done

# What calibre itself says: ebook-meta finds the cover (it said "No cover
# found" of the SVG one), and a Kindle conversion keeps it rather than the
# first chapter's photo.
if command -v ebook-meta >/dev/null && command -v ebook-convert >/dev/null; then
	ebook-meta "$T/gen.epub" --get-cover="$T/calibre.png" >"$T/meta.out" 2>&1
	# shellcheck disable=SC2016 # expanded by the inner shell
	check "calibre: ebook-meta gets the cover, sheaf's PNG" bash -c \
		'unzip -p "$1" EPUB/images/cover.png | cmp -s - "$2"' _ "$T/gen.epub" "$T/calibre.png"
	ebook-convert "$T/gen.epub" "$T/gen.azw3" >"$T/convert.out" 2>&1
	ebook-meta "$T/gen.azw3" --get-cover="$T/kindle.jpg" >"$T/meta2.out" 2>&1
	# calibre re-encodes it as a JPEG, scaled: the cover's 5:8 shape tells
	# it from the sample's photos (none of which is 5:8).
	check "calibre: a Kindle conversion (AZW3) keeps sheaf's cover" python3 - "$T/kindle.jpg" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:2] == b"\xff\xd8", "not a JPEG"
i = 2
while i < len(d):
    marker, n = d[i + 1], struct.unpack(">H", d[i + 2:i + 4])[0]
    if marker in (0xC0, 0xC1, 0xC2):
        h, w = struct.unpack(">HH", d[i + 5:i + 9])
        assert abs(w / h - 1600 / 2560) < 0.01, (w, h)
        break
    i += 2 + n
else:
    raise AssertionError("no frame header")
PY
else
	skip "calibre: ebook-meta finds the cover" "calibre not installed"
	skip "calibre: a Kindle conversion keeps the cover" "calibre not installed"
fi
tap_done
