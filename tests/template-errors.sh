#!/usr/bin/env bash
# Templates that say what is wrong (issue 15, item 7): a --templates folder
# whose chapter.xhtml misspells a variable stops the run with an error at
# the template's line and column, before a post converts, and leaves an
# existing book as it was; a section left open in titlepage.xhtml (loaded
# only after the posts) is caught as early; a file that replaces nothing
# is a warning with the name that was meant; a folder with good templates
# builds.
# Prints TAP.
# Usage: template-errors.sh SHEAF_BINARY SOURCE_ROOT
set -u
SHEAF=$(realpath "$1")
ROOT=$(realpath "$2")
SAMPLE=$ROOT/samples/blog
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
export SOURCE_DATE_EPOCH=1700000000
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
cd "$T" || exit 1

run() { # run NAME ARGS...: stderr in NAME.err, exit code in $rc
	local name=$1
	shift
	"$SHEAF" "$SAMPLE" "$@" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
}

# A book to keep: the failing runs below write to the same file.
run first -q -o book.epub
is "a book from the built-in templates" "$rc" 0
before=$(sha book.epub)

mkdir misspelt
sed '3s/.*/  <title>{{titel}}<\/title>/' "$ROOT/templates/chapter.xhtml" >misspelt/chapter.xhtml
sed -i 's/{{title}}/{{titel}}/' misspelt/chapter.xhtml # and used again: still one error
run misspelt --templates misspelt -o book.epub
is "a misspelt variable: exit 1" "$rc" 1
check "the error names file, line and column and the variable meant" \
	grep -qF "misspelt/chapter.xhtml:3:10: error: unknown variable 'titel'; did you mean 'title'?" misspelt.err
is "given once, not once per use or per chapter" "$(grep -c "unknown variable" misspelt.err)" 1
is "the existing book is untouched" "$(sha book.epub)" "$before"

mkdir open
sed 's/{{\/subtitle}}//' "$ROOT/templates/titlepage.xhtml" >open/titlepage.xhtml
run open --templates open -o book.epub
is "a section never closed in titlepage.xhtml: exit 1" "$rc" 1
check "the error names the section and where it opens" \
	grep -qE "open/titlepage.xhtml:12:3: error: section 'subtitle' is never closed" open.err
is "the existing book is untouched" "$(sha book.epub)" "$before"

mkdir misnamed
cp "$ROOT/templates/chapter.xhtml" misnamed/chaptr.xhtml
run misnamed --templates misnamed -o misnamed.epub
is "a file that replaces nothing: the book is built" "$rc" 0
check "a warning names the file and the template meant" \
	grep -qF "misnamed/chaptr.xhtml: warning: replaces no template; did you mean chapter.xhtml?" misnamed.err
check "the misnamed file replaced nothing" cmp -s misnamed.epub book.epub

mkdir good
sed 's/<h1 id="post-title">{{title}}<\/h1>/<h1 id="post-title">{{ title }}<\/h1><p class="n">{{#categories}}[{{.}}]{{\/categories}}<\/p>/' \
	"$ROOT/templates/chapter.xhtml" >good/chapter.xhtml
run good -q --templates good -o good.epub
is "a changed template that is right: exit 0, no diagnostic" "$rc:$(cat good.err)" "0:"
tap_done
