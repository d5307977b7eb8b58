#!/usr/bin/env bash
# Books named for what is in them (issue 15): the default title and file
# name follow the selection, two selections do not overwrite each other,
# the closing 'wrote' line and -q, -o - to standard output (and refused on
# a terminal), -o x.pdf warned, --title= refused, -f.
# Prints TAP.
# Usage: book-names.sh SHEAF_BINARY SOURCE_ROOT
# The checks' bash -c programs expand their own "$1": single quotes on purpose.
# shellcheck disable=SC2016
set -u
SHEAF=$(realpath "$1")
SAMPLE=$(realpath "$2")/samples/blog
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
export SOURCE_DATE_EPOCH=1700000000 # the same bytes from two runs
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
cd "$T" || exit 1

# opf FILE FIELD: the first dc:FIELD of the book's package document, or
# every one, '; '-joined, when FIELD is creator.
opf() {
	python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
opf = zipfile.ZipFile(sys.argv[1]).read("EPUB/content.opf").decode()
found = re.findall(r"<dc:%s\b[^>]*>(.*?)</dc:%s>" % (sys.argv[2], sys.argv[2]), opf, re.S)
print("; ".join(found) if sys.argv[2] == "creator" else (found[0] if found else ""))
PY
}
entry() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; }
run() { # run NAME ARGS...: exports in its own folder; stderr in NAME.err
	local name=$1
	shift
	mkdir -p "$T/$name"
	(cd "$T/$name" && "$SHEAF" "$SAMPLE" "$@" >"$T/$name.out" 2>"$T/$name.err")
	echo $? >"$T/$name.rc"
}

# --- default titles and names ----------------------------------------------
run whole
is "whole blog: the site's name" "$(ls whole)" notes-from-the-workbench.epub
is "whole blog: dc:title" "$(opf whole/notes-from-the-workbench.epub title)" "Notes from the Workbench"
run tag --tag career
is "--tag career: the site's name and the tag as the posts write it" "$(ls tag)" \
	notes-from-the-workbench-career.epub
is "--tag career: dc:title" "$(opf tag/notes-from-the-workbench-career.epub title)" \
	"Notes from the Workbench — Career"
run series --series "first steps"
is "--series: the series' name" "$(ls series)" first-steps.epub
is "--series: dc:title" "$(opf series/first-steps.epub title)" "First Steps"
run one --since 2024-08-01 --until 2024-08-31
is "one post: its title" "$(ls one)" dovetails-and-diffs.epub
is "one post: dc:title" "$(opf one/dovetails-and-diffs.epub title)" "Dovetails and Diffs"
is "one post: its author is the book's creator (not the site's)" \
	"$(opf one/dovetails-and-diffs.epub creator)" "Bruno Fernández"
entry one/dovetails-and-diffs.epub EPUB/titlepage.xhtml >titlepage1.xhtml
check "one post: the title page says '1 post', not '1 posts'" bash -c \
	'grep -q ">1 post, bound" titlepage1.xhtml && ! grep -q "1 posts" titlepage1.xhtml'
entry whole/notes-from-the-workbench.epub EPUB/titlepage.xhtml >titlepage.xhtml
check "whole blog: the title page says '9 posts'" grep -q ">9 posts, bound" titlepage.xhtml
run mixed --until 2024-12-31 --since 2023-01-01 -a bruno --tag tools --tag career --category "software development"
is "several criteria: categories, tags, 'by' authors, years; sorted, as the posts write them" \
	"$(opf mixed/*.epub title)" "Notes from the Workbench — Software development · Career, Tools · by Bruno Fernández · 2023–2024"
is "several criteria: the file name" "$(ls mixed)" \
	notes-from-the-workbench-software-development-career-tools-by-bruno-fernandez-2023-2024.epub
run titled --tag Career --title "My Career Notes"
is "--title wins" "$(opf titled/my-career-notes.epub title)" "My Career Notes"

# --- two selections, two books ----------------------------------------------
mkdir both
(cd both && "$SHEAF" "$SAMPLE" -q && "$SHEAF" "$SAMPLE" -q --tag Career)
whole_sha=$(sha both/notes-from-the-workbench.epub 2>/dev/null)
is "two selections in one folder: two books" "$(cd both && printf '%s ' *)" \
	"notes-from-the-workbench-career.epub notes-from-the-workbench.epub "
is "... and the whole blog's book is not overwritten" "$whole_sha" "$(sha whole/notes-from-the-workbench.epub)"

# --- the closing line -------------------------------------------------------
check "success: 'wrote NAME: 9 posts, 3 images, N kB', last on stderr, exit 0" bash -c \
	'[ "$(cat "$1")" = 0 ] && tail -n1 "$2" | grep -Eqx "wrote notes-from-the-workbench.epub: 9 posts, 3 images, [0-9]+\.[0-9] kB"' \
	_ whole.rc whole.err
check "success: singular '1 post', plural '0 images'" grep -Eqx \
	"wrote dovetails-and-diffs.epub: 1 post, 0 images, [0-9]+\.[0-9] kB" one.err
run sharpening --since 2023-01-01 --until 2023-02-28
check "success: singular '1 image'" grep -Eqx \
	"wrote sharpening-by-hand-slowly.epub: 1 post, 1 image, [0-9]+\.[0-9] kB" sharpening.err
run quiet -q --tag Career
check "-q: nothing on stderr, the book written" bash -c '[ ! -s quiet.err ] && [ "$(cat quiet.rc)" = 0 ] && [ -s quiet/notes-from-the-workbench-career.epub ]'

# --- -o - ---------------------------------------------------------------------
"$SHEAF" "$SAMPLE" -q -o - 2>stdout.err | cat >piped.epub
"$SHEAF" "$SAMPLE" -q -o direct.epub 2>/dev/null
check "-o - through a pipe: the same bytes as -o FILE" cmp -s piped.epub direct.epub
check "-o -: no file named '-', nothing on stderr with -q" bash -c '[ ! -e ./- ] && [ ! -s stdout.err ]'
mkdir tmp
TMPDIR=$T/tmp "$SHEAF" "$SAMPLE" -o - 2>head.err | true
check "-o - into a pipe closed early: an error, no temporary book left" bash -c \
	'[ "$(ls -A tmp)" = "" ] && grep -q "error: .*standard output" head.err' || sed 's/^/# /' head.err
"$SHEAF" "$SAMPLE" -o - >redirected.epub 2>redirected.err
check "-o - into a file: 'wrote standard output: …'" grep -q "^wrote standard output: 9 posts" redirected.err
if script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$SHEAF' '$SAMPLE' -o -" /dev/null >tty.out 2>&1
	rc=$?
	if [ "$rc" = 2 ] && grep -q "standard output is a terminal" tty.out && ! grep -q "PK" tty.out; then
		ok "-o - on a terminal: refused (exit 2), no book bytes"
	else
		not_ok "-o - on a terminal: refused (exit 2), no book bytes" "exit status $rc" "$(head -c 300 tty.out)"
	fi
else
	skip "-o - on a terminal: refused" "script(1) cannot make a pseudo-terminal here"
fi

# --- -o x.pdf, --title=, -f -----------------------------------------------------
"$SHEAF" "$SAMPLE" -o "$(printf 'esc\033[2J.epub')" 2>esc.err
check "the closing line shows the name escaped, as diagnostics do" grep -qF 'wrote esc\x1b[2J.epub: 9 posts' esc.err
"$SHEAF" "$SAMPLE" -o book.pdf 2>pdf.err
rc=$?
check "-o book.pdf: written, with a warning" bash -c \
	'[ "$1" = 0 ] && grep -q "^book.pdf: warning: the book is an EPUB whatever its name" pdf.err && [ -s book.pdf ]' _ "$rc"
"$SHEAF" "$SAMPLE" -o book.EPUB 2>upper.err
check "-o book.EPUB: no warning" bash -c '! grep -q warning upper.err'
"$SHEAF" "$SAMPLE" --title= -o empty.epub 2>empty.err
rc=$?
check "--title= is a usage error (exit 2), nothing written" bash -c \
	'[ "$1" = 2 ] && grep -q "error: --title: the title is empty" empty.err && [ ! -e empty.epub ]' _ "$rc"
printf 'notes\n' >notes.epub
"$SHEAF" "$SAMPLE" -o notes.epub 2>force.err
rc=$?
check "a file sheaf did not write: refused without -f, untouched" bash -c \
	'[ "$1" = 1 ] && grep -q "notes.epub: error: exists and is not a book sheaf wrote" force.err &&
	 [ "$(cat notes.epub)" = notes ]' _ "$rc"
"$SHEAF" "$SAMPLE" -q -f -o notes.epub
rc=$?
check "... replaced with -f" bash -c '[ "$1" = 0 ] && cmp -s notes.epub direct.epub' _ "$rc"
"$SHEAF" "$SAMPLE" -q -o notes.epub
check "... and then, a book sheaf wrote, replaced without -f" test "$?" = 0
cp -r "$SAMPLE" site
before=$(sha site/mkdocs.yml)
"$SHEAF" site -f -o site/mkdocs.yml 2>site.err
rc=$?
check "-f never replaces a file of the site" bash -c \
	'[ "$1" = 1 ] && [ "$2" = "$(sha256sum <site/mkdocs.yml | cut -d" " -f1)" ] && grep -q "error:" site.err' _ "$rc" "$before"

tap_done
