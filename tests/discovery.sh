#!/usr/bin/env bash
# Discovery (issue 15, item 3): --list-tags, --list-categories,
# --list-series and --list-authors print name TAB count over the selected
# posts; a tag's or category's slug selects it; a value naming nothing is
# an error suggesting the closest values. Over samples/blog and a small
# site with a multi-word category, a draft and a tab in a tag. Prints TAP.
# Usage: discovery.sh SHEAF SOURCE_ROOT
set -u
SHEAF=$1
ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/tap.sh
. "$ROOT/tests/tap.sh"
BLOG=$ROOT/samples/blog
tab=$(printf '\t')
cd "$T" || exit 1 # a book written by mistake would land here

# run ARGS...: stdout in $T/out, stderr in $T/err, the status in $rc.
run() {
	"$SHEAF" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
# is EXPECTED: stdout is exactly EXPECTED (lines with a trailing newline).
is() { printf '%s' "$1" | cmp -s - "$T/out" || { echo "# got:"; sed 's/^/#   /' "$T/out"; false; }; }
has_err() { grep -qF -- "$1" "$T/err" || { echo "# stderr:"; sed 's/^/#   /' "$T/err"; false; }; }

run "$BLOG" --list-tags
check "--list-tags: name TAB count, most first" is "Beginners${tab}5
Tools${tab}4
Career${tab}3
"
check "--list-tags: exit 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$T/err"
run "$BLOG" --list-categories
check "--list-categories" is "Software development${tab}5
Woodworking${tab}4
"
run "$BLOG" --list-series
check "--list-series" is "First Steps${tab}3
"
run "$BLOG" --list-authors
check "--list-authors: display names" is "Ada Quill${tab}8
Bruno Fernández${tab}5
"
run "$BLOG" --series "First Steps" --list-tags
check "--list-tags within a series: the selection applies" is "Career${tab}3
Beginners${tab}1
"
run "$BLOG" --category software-development --list
check "a category by its URL slug (exit 0)" test "$rc" -eq 0
check "… selects its 5 posts" test "$(wc -l <"$T/out")" -eq 5
run "$BLOG" --series first-steps --author bruno-fernandez --list
check "a series and an author by slug" test "$rc" -eq 0 -a "$(wc -l <"$T/out")" -eq 1

run "$BLOG" --tag Carrer
check "a misspelt tag: exit 1" test "$rc" -eq 1
check "… did you mean, and the hint" has_err "error: no post has the tag 'Carrer'; did you mean 'Career'? (--list-tags lists all 3)"
check "… no book written, nothing on stdout" test ! -s "$T/out" -a ! -e notes-from-the-workbench.epub
run "$BLOG" --tag zzzzzz --list
check "nothing close: exit 1" test "$rc" -eq 1
check "… only the hint" has_err "error: no post has the tag 'zzzzzz' (--list-tags lists all 3)"
check "… no suggestion" sh -c "! grep -q 'did you mean' '$T/err'"
run "$BLOG" --tag woodworking
check "a category given as a tag: says which" has_err "no post has the tag 'woodworking'; 'Woodworking' is a category (--category)"
run "$BLOG" --list --list-tags
check "--list with --list-tags: usage error (exit 2)" test "$rc" -eq 2

# A site of its own: a multi-word category spelt two ways, C and C++,
# a draft's tag, a tag holding a tab.
S=$T/site
mkdir -p "$S/docs/blog/posts"
printf 'site_name: Disc\nplugins:\n  - blog\n' >"$S/mkdocs.yml"
post() { # post FILE TITLE DATE FRONT-MATTER-LINES
	printf -- '---\ntitle: %s\ndate: %s\n%s\n---\n\nText.\n' "$2" "$3" "$4" >"$S/docs/blog/posts/$1"
}
post a.md Alpha 2024-01-01 'categories: [Machine Learning]
tags: [C]'
post b.md Bravo 2024-01-02 'categories: [machine_learning]
tags: ["C++", "with\ttab"]'
post c.md Charlie 2024-01-03 'categories: [Cooking]
tags: [C]'
post d.md Delta 2024-01-04 'draft: true
tags: [Secret]'

run "$S" --category machine-learning --list
check "a multi-word category's slug selects both spellings" test "$rc" -eq 0 -a "$(wc -l <"$T/out")" -eq 2
run "$S" --category machine-learning --list-tags
check "… their tags; a tab in a value is data: \\t" is "C${tab}1
C++${tab}1
with\\ttab${tab}1
"
run "$S" --category "MACHINE LEARNING" --list
check "a name some post has is taken as it is (case aside)" test "$rc" -eq 0 -a "$(wc -l <"$T/out")" -eq 1
run "$S" --tag c --list
check "an exact name wins over a slug (c is C, not C++)" test "$rc" -eq 0 -a "$(wc -l <"$T/out")" -eq 2
check "… C++ left out" sh -c "! grep -q Bravo '$T/out'"
run "$S" --list-categories
check "--list-categories: one value a spelling" is "Cooking${tab}1
Machine Learning${tab}1
machine_learning${tab}1
"
run "$S" --list-tags
check "drafts' values left out" sh -c "! grep -q Secret '$T/out'"
run "$S" --drafts --list-tags
check "… and listed with --drafts" grep -q "^Secret${tab}1\$" "$T/out"
run "$S" --tag secret
check "a draft's tag: says so" has_err "no post has the tag 'secret'; only drafts have it (--drafts includes them)"
check "… exit 1" test "$rc" -eq 1
run "$S" --category "Machin Lerning" --list
check "did you mean: all close spellings" has_err "did you mean 'Machine Learning' or 'machine_learning'?"
tap_done
