#!/usr/bin/env bash
# The book's metadata options (issue 15): --description, --publisher,
# --rights and --date reach the package document once each; --rights
# defaults to the site's copyright (an MkDocs one written as HTML reduced
# to its text, a Hugo one as it is); a bad --date is a usage error; the
# books pass epubcheck.
# TAP. Usage: metadata.sh SHEAF SOURCE_ROOT
set -u
SHEAF=$(realpath "$1")
SAMPLE=$(realpath "$2")/samples/blog
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T XDG_CACHE_HOME=$T/cache SOURCE_DATE_EPOCH=1700000000
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
cd "$T" || exit 1

# dc FILE FIELD: every dc:FIELD of the book's package document, one a line.
dc() {
	python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
opf = zipfile.ZipFile(sys.argv[1]).read("EPUB/content.opf").decode()
for v in re.findall(r"<dc:%s\b[^>]*>(.*?)</dc:%s>" % (sys.argv[2], sys.argv[2]), opf, re.S):
    print(v)
PY
}
post() { mkdir -p "$(dirname "$1")"; printf -- "---\ntitle: %s\ndate: %s\n---\n%b\n" "$2" "$3" "$4" >"$1"; }

"$SHEAF" "$SAMPLE" --offline -q -o all.epub --description "Essays on the bench" --publisher "Workbench & Sons" \
	--rights "CC BY 4.0" --date 2024-05-01T09:30:00+02:00
is "--description is dc:description" "$(dc all.epub description)" "Essays on the bench"
is "--publisher is dc:publisher (escaped)" "$(dc all.epub publisher)" "Workbench &amp; Sons"
is "--rights is dc:rights" "$(dc all.epub rights)" "CC BY 4.0"
is "--date with a zone is dc:date in UTC" "$(dc all.epub date)" "2024-05-01T07:30:00Z"
epubcheck_clean "the book with every option passes epubcheck" all.epub

"$SHEAF" "$SAMPLE" --offline -q -o plain.epub
is "no --rights: the site's copyright (&copy; decoded)" "$(dc plain.epub rights)" \
	"Copyright © 2023–2025 Ada Quill and Bruno Fernández"
is "no --publisher: no dc:publisher" "$(dc plain.epub publisher)" ""
is "no --date: the newest post's day" "$(dc plain.epub date)" "2025-06-14"

"$SHEAF" "$SAMPLE" --offline -q -o year.epub --date 2019
is "--date YYYY as it is" "$(dc year.epub date)" "2019"
epubcheck_clean "a dc:date of a year alone passes epubcheck" year.epub
"$SHEAF" "$SAMPLE" --offline -q -o day.epub --date 2019-03-04
is "--date YYYY-MM-DD as it is" "$(dc day.epub date)" "2019-03-04"

"$SHEAF" "$SAMPLE" --offline -o bad.epub --date 2024-02-30 2>bad.err
is "--date 2024-02-30: usage error" "$?" 2
check "... saying the option and the value" grep -q "error: --date: '2024-02-30' is not a date" bad.err
check "... and nothing is written" test ! -e bad.epub
"$SHEAF" "$SAMPLE" --offline -o bad.epub --date soon 2>bad.err
is "--date soon: usage error" "$?" 2

# A control character in an option is cleaned as the other metadata are.
"$SHEAF" "$SAMPLE" --offline -o ctl.epub --publisher $'Bad\x1bPress' 2>ctl.err
is "a control character in --publisher becomes U+FFFD" "$(dc ctl.epub publisher)" $'Bad\xef\xbf\xbdPress'
check "... with a warning" grep -q "publisher.*U+001B" ctl.err

# MkDocs: `copyright` may be HTML; the book's rights are its text.
M=$T/mk
mkdir -p "$M/docs/blog/posts"
cat >"$M/mkdocs.yml" <<'YML'
site_name: Copyright Test
copyright: Copyright &copy; 2016 - 2024 <a href="https://example.org/">Jane Doe</a>
plugins:
  - blog
YML
post "$M/docs/blog/posts/one.md" "One" 2024-01-01 '# One\n\nWords.'
"$SHEAF" "$M" --offline -q -o mk.epub
is "mkdocs: copyright's text (entity decoded, markup gone) is dc:rights" "$(dc mk.epub rights)" \
	"Copyright © 2016 - 2024 Jane Doe"
epubcheck_clean "mkdocs: the book passes epubcheck" mk.epub
"$SHEAF" "$M" --offline -q -o mk2.epub --rights "All rights reserved"
is "mkdocs: --rights overrides the copyright" "$(dc mk2.epub rights)" "All rights reserved"
"$SHEAF" "$M" --offline -q -o mk3.epub --rights=
is "mkdocs: --rights= leaves it out" "$(dc mk3.epub rights)" ""

# Hugo: `copyright`, top level or the book's language's.
H=$T/hugo
mkdir -p "$H/content/posts"
printf 'title = "Hugo Rights"\ncopyright = "© 2024 The Hugo Authors"\n' >"$H/hugo.toml"
post "$H/content/posts/a.md" "Alpha" 2024-02-01 'Alpha words.'
"$SHEAF" "$H" --offline -q -o hugo.epub
is "hugo: copyright is dc:rights" "$(dc hugo.epub rights)" "© 2024 The Hugo Authors"
is "hugo: one dc:rights" "$(dc hugo.epub rights | wc -l)" 1
printf 'title = "Hugo Plain"\n' >"$H/hugo.toml"
"$SHEAF" "$H" --offline -q -o hugo2.epub
is "hugo: no copyright, no dc:rights" "$(dc hugo2.epub rights)" ""
tap_done
