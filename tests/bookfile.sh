#!/usr/bin/env bash
# The book file (issue 15): sheaf.toml at the site's root with two
# [[book]] tables; --all-books makes both from one reading of the site
# (their titles and selections in the OPF, one 'wrote' line each),
# --book NAME one, a command-line option overrides the file's, a book
# that fails does not stop the other; an unknown key, a wrong type and an
# unknown book name are errors at their line and column, and nothing is
# written; without --book the file is not used (-v says it is there).
# TAP. Usage: bookfile.sh SHEAF SOURCE_ROOT
set -u
SHEAF=$(realpath "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T XDG_CACHE_HOME=$T/cache SOURCE_DATE_EPOCH=1700000000
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
cp -r "$(realpath "$2")/samples/blog" "$T/blog"
cd "$T/blog" || exit 1

# dc FILE FIELD: the first dc:FIELD of the book's package document.
dc() {
	python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
opf = zipfile.ZipFile(sys.argv[1]).read("EPUB/content.opf").decode()
found = re.findall(r"<dc:%s\b[^>]*>(.*?)</dc:%s>" % (sys.argv[2], sys.argv[2]), opf, re.S)
print(found[0] if found else "")
PY
}
# chapters FILE: how many chapters the book's spine holds.
chapters() { unzip -p "$1" EPUB/content.opf | grep -c '<itemref idref="ch-'; }

cat >sheaf.toml <<'TOML'
# Every book's
publisher = "Workbench Press"

[[book]]
name = "career"
title = "Careers at the Bench"
tag = "Career"
output = "books/career.epub"

[[book]]
name = "first-steps"
series = "First Steps"
series-position = 1
since = 2023-01-01
output = "books/first-steps.epub"
TOML
"$SHEAF" --offline --all-books 2>all.err
is "--all-books: success" "$?" 0
check "the folder of the outputs is made" test -d books
is "career: its title" "$(dc books/career.epub title)" "Careers at the Bench"
is "career: the posts tagged Career" "$(chapters books/career.epub)" 3
is "career: the defaults' publisher" "$(dc books/career.epub publisher)" "Workbench Press"
is "first-steps: the series and the since (a TOML date) make its title" "$(dc books/first-steps.epub title)" "First Steps — since 2023"
is "first-steps: its three parts" "$(chapters books/first-steps.epub)" 3
is "one 'wrote' line a book" "$(grep -c '^wrote books/' all.err)" 2
epubcheck_clean "career passes epubcheck" books/career.epub
epubcheck_clean "first-steps passes epubcheck" books/first-steps.epub

# Run from a folder inside the site: the same file, the same paths.
rm -f books/*.epub
(cd docs/blog && "$SHEAF" --offline -q --book career)
is "--book career from docs/blog: success" "$?" 0
check "... writes the path the file names, from the file's folder" test -f books/career.epub
check "... and only that book" test ! -e books/first-steps.epub

# --list with --book: what would go in that book.
is "--book career --list: its posts" "$("$SHEAF" --offline --book career --list | wc -l)" 3

# The command line overrides the file.
"$SHEAF" --offline -q --book career --title "Overridden" --tag Tools -o tools.epub
is "--title overrides the book's" "$(dc tools.epub title)" "Overridden"
is "--tag replaces the book's tags" "$(chapters tools.epub)" 4

# A book that fails does not stop the other; the exit says one failed.
cat >>sheaf.toml <<'TOML'

[[book]]
name = "nothing"
tag = "Tools"
until = 2000-01-01
TOML
rm -f books/*.epub
"$SHEAF" --offline --all-books 2>fail.err
is "a book matching no post: exit 1" "$?" 1
check "... named in its error, at its [[book]]" grep -q "^sheaf.toml:17:1: error: book 'nothing': no post matches the selection" fail.err
check "... the others are made" test -f books/career.epub -a -f books/first-steps.epub

# Problems of the file: each at its line and column, nothing written.
cp sheaf.toml good.toml
cat >sheaf.toml <<'TOML'
[[book]]
name = "career"
titel = "Careers"
toc-depth = "2"
output = "bad.epub"
TOML
"$SHEAF" --offline --all-books 2>bad.err
is "a bad file: exit 2" "$?" 2
check "an unknown key at its line and column, with the nearest" \
	grep -q "^sheaf.toml:3:1: error: unknown key 'titel'; did you mean 'title'?" bad.err
check "a wrong type at the value" grep -q "^sheaf.toml:4:13: error: toc-depth: a whole number is expected" bad.err
check "nothing is written" test ! -e bad.epub
cp good.toml sheaf.toml
"$SHEAF" --offline --book carrer 2>name.err
is "an unknown book: exit 2" "$?" 2
check "... did you mean, and the names" \
	grep -q "no book named 'carrer'; did you mean 'career'? (the books: career, first-steps, nothing)" name.err

# Without --book the file is not used; -v says it is there.
rm -f ./*.epub
"$SHEAF" --offline -v -o plain.epub 2>plain.err
is "without --book: the whole blog" "$(dc plain.epub title)" "Notes from the Workbench"
check "-v names the file, its books and how to use them" grep -q "sheaf.toml names 3 books (career, first-steps, nothing): --book NAME makes one" plain.err

# --book-file: a file anywhere; its paths from its own folder.
mkdir -p "$T/elsewhere"
printf '[[book]]\nname = "one"\ntag = "Beginners"\noutput = "one.epub"\n' >"$T/elsewhere/books.toml"
"$SHEAF" --offline -q --book-file "$T/elsewhere/books.toml" --all-books
check "--book-file: the output beside that file" test -f "$T/elsewhere/one.epub"
"$SHEAF" --offline -q --all-books --book-file "$T/nowhere.toml" 2>nofile.err
is "--book-file that does not exist: exit 2" "$?" 2
rm sheaf.toml
"$SHEAF" --offline -q --all-books 2>nofile.err
is "--all-books without a book file: exit 2" "$?" 2
check "... saying where it was looked for" grep -q "no book file: .*sheaf.toml does not exist" nofile.err
# Books in two languages of one Hugo site: each book the posts of its own.
H=$T/hugo
mkdir -p "$H/content/posts"
printf 'title = "Both"\ndefaultContentLanguage = "en"\n[languages.en]\ntitle = "Both"\n[languages.fr]\ntitle = "Les deux"\n' \
	>"$H/hugo.toml"
printf -- '---\ntitle: English post\ndate: 2024-01-01\n---\nWords.\n' >"$H/content/posts/a.md"
printf -- '---\ntitle: Article français\ndate: 2024-01-01\n---\nMots.\n' >"$H/content/posts/a.fr.md"
printf '[[book]]\nname = "en"\nlanguage = "en"\noutput = "en.epub"\n[[book]]\nname = "fr"\nlanguage = "fr"\noutput = "fr.epub"\n' \
	>"$H/sheaf.toml"
"$SHEAF" "$H" --offline -q --all-books
is "two languages: the English book's title" "$(dc "$H/en.epub" title)" "English post"
is "two languages: the French book, from the French posts" "$(dc "$H/fr.epub" title)" "Article français"
is "... in French" "$(dc "$H/fr.epub" language)" "fr"
tap_done
