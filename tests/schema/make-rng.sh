#!/bin/sh
# Makes the fuzz oracle's RELAX NG schemas (tests/fuzz/oracle.h) from
# epubcheck's own: its EPUB 3 XHTML and SVG schemas (RELAX NG compact, under
# com/adobe/epubcheck/schema/30/ in the jar; IDPF and W3C licences, see the
# LICENSE files copied beside them) are converted to XML syntax by trang,
# which libxml2 reads.
# Usage: make-rng.sh EPUBCHECK.jar OUTDIR STAMP
# Writes OUTDIR/body/body.rng (a chapter's <body> as the root: libxml2's
# interleave wrongly rejects a valid <head>, and cannot compile epubcheck's
# MathML module, which sheaf never writes) and OUTDIR/svg/svg.rng (an SVG
# file). Without the jar or trang it writes OUTDIR/SKIPPED with the reason,
# and the oracle says validity was not checked; the build does not fail.
set -u
jar=$1
out=$2
stamp=$3
rm -rf "$out"
mkdir -p "$out"
skip() {
	echo "$1" >"$out/SKIPPED"
	echo "note: the fuzz oracle will not check validity: $1" >&2
	: >"$stamp"
	exit 0
}
[ -r "$jar" ] || skip "no epubcheck jar at $jar (apt-get install epubcheck)"
command -v trang >/dev/null 2>&1 || skip "no trang (apt-get install trang)"
command -v python3 >/dev/null 2>&1 || skip "no python3"
src="$out/src"
mkdir -p "$src"
# python3 (a build dependency already) rather than unzip, which a minimal
# system lacks.
python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith("com/adobe/epubcheck/schema/30/")])' \
	"$jar" "$src" || skip "cannot read $jar"
dir="$src/com/adobe/epubcheck/schema/30"
[ -r "$dir/mod/epub-xhtml.rnc" ] || skip "$jar has no EPUB 3 XHTML schema"
# "element mark { … } & v5only" with v5only = empty (XHTML) is the element
# alone, but libxml2 rejects two such <mark> in one paragraph: the empty
# interleave partners (v5only, XMLonly, both empty in XHTML) are left out.
sed -i -E 's/&[[:space:]]*(v5only|XMLonly)([^[:alnum:]._-]|$)/\2/' "$dir"/mod/html5/*.rnc ||
	skip "cannot edit the schemas"
# The drivers: epubcheck's XHTML module with the start moved, and its SVG
# integration for XHTML (inline SVG; and, started at <svg>, an SVG file
# without the MathML that epub-svg-30.rnc pulls in).
printf '%s\n' 'include "./mod/epub-xhtml.rnc" { start = body.elem }' \
	'include "./mod/epub-xhtml-svg11.rnc"' >"$dir/sheaf-body.rnc"
printf '%s\n' 'include "./mod/epub-xhtml.rnc" { start = svg }' \
	'include "./mod/epub-xhtml-svg11.rnc"' >"$dir/sheaf-svg.rnc"
mkdir -p "$out/body" "$out/svg"
trang -I rnc -O rng "$dir/sheaf-body.rnc" "$out/body/body.rng" || skip "trang failed on the XHTML schema"
trang -I rnc -O rng "$dir/sheaf-svg.rnc" "$out/svg/svg.rng" || skip "trang failed on the SVG schema"
# The schemas' licence notices go with the converted schemas.
(cd "$dir" && find . -name 'LICENSE*' -type f) | while read -r f; do
	cp "$dir/$f" "$out/LICENSE$(dirname "$f" | tr / - | sed 's/^\.//')"
done
rm -rf "$src"
: >"$stamp"
