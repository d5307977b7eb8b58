#!/bin/bash
# Finding the site from a folder inside it (issue 15, item 2): sheaf run
# without SITE (and with `.`) in a nested folder of a Hugo, MkDocs and
# Jekyll site reads that site with its generator (a shortcode or Liquid
# rendered, an author's name for their id), says where with -v, and makes
# the book of the posts in that folder; a folder holding no post gives the
# whole site; a folder in no site stays generic. $HOME bounds the walk.
# TAP. Usage: walk-up.sh SHEAF
SHEAF=$(realpath "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
export HOME=$T SOURCE_DATE_EPOCH=1700000000
text() { unzip -p "$1" '*.xhtml' '*.opf' 2>/dev/null; }
# run DIR ARGS...: sheaf in DIR, the book in $T/out/book.epub, stderr in $T/err
run() {
	local dir=$1
	shift
	rm -rf "$T/out" && mkdir -p "$T/out"
	(cd "$dir" && "$SHEAF" --offline -o "$T/out/book.epub" "$@") 2>"$T/err"
}
post() { mkdir -p "$(dirname "$1")"; printf -- "---\ntitle: %s\ndate: %s\n%s\n---\n%b\n" "$2" "$3" "$4" "$5" >"$1"; }

H=$T/hugo
mkdir -p "$H/data/authors" "$H/layouts"
printf 'title = "Hugo Walk"\n[params]\nmotto = "MOTTO-RENDERED"\n' >"$H/hugo.toml"
printf 'name: Jane Hugo-Doe\n' >"$H/data/authors/jd.yaml"
post "$H/content/posts/2023/a.md" "Old one" 2023-05-01 'authors: [jd]' 'Says {{< param "motto" >}}.'
post "$H/content/posts/2024/b.md" "New one" 2024-05-01 'authors: [jd]' 'Newer words.'
post "$H/content/posts/2024/c.md" "Newest" 2024-06-01 'authors: [jd]' 'Newest words.'

M=$T/mkdocs
mkdir -p "$M/docs/blog/posts/sub"
printf 'site_name: MkDocs Walk\nplugins:\n  - blog\n' >"$M/mkdocs.yml"
printf 'authors:\n  jd:\n    name: Jane Mk-Doe\n    description: W\n    avatar: x.png\n' >"$M/docs/blog/.authors.yml"
post "$M/docs/blog/posts/one.md" "One" 2024-01-01 'authors: [jd]' '# One\n\nFirst words.'
post "$M/docs/blog/posts/sub/two.md" "Two" 2024-01-02 'authors: [jd]' '# Two\n\nSecond words.'

J=$T/jekyll
mkdir -p "$J/_posts/2024" "$J/_layouts" "$J/_data"
printf 'title: Jekyll Walk\n' >"$J/_config.yml"
printf 'jd:\n  name: Jane Jekyll-Doe\n' >"$J/_data/authors.yml"
post "$J/_posts/2024/2024-03-01-x.md" "Ex" 2024-03-01 'author: jd' 'Site {{ site.title }} here.'
post "$J/_posts/2024-03-02-y.md" "Why" 2024-03-02 'author: jd' 'Other words.'

# Hugo, from content/posts (all the site's posts lie there): the whole blog.
run "$H/content/posts" -v
check "hugo: run in content/posts succeeds" test -s "$T/out/book.epub"
check "hugo: -v says where the site is and its generator" grep -q "site found at \.\./\.\. ($H); hugo" "$T/err"
export -f text
check "hugo: the shortcode is rendered" bash -c "text '$T/out/book.epub' | grep -q MOTTO-RENDERED"
check "hugo: the author's name, not the id" bash -c "text '$T/out/book.epub' | grep -q 'Jane Hugo-Doe'"
check "hugo: the site's title" bash -c "text '$T/out/book.epub' | grep -q '<dc:title[^>]*>Hugo Walk<'"
check "hugo: all three posts" grep -q "3 of 3 posts selected" "$T/err"

# A year folder with `.`: only its posts, the book named for it.
run "$H/content/posts/2024" -v .
check "hugo: '.' in a year folder succeeds" test -s "$T/out/book.epub"
check "hugo: -v says the book is that folder's posts" grep -q "only the 2 posts in content/posts/2024/" "$T/err"
check "hugo: the year's posts only" bash -c "! text '$T/out/book.epub' | grep -q 'Old one'"
check "hugo: the book is named for the folder" bash -c "text '$T/out/book.epub' | grep -q '<dc:title[^>]*>Hugo Walk — 2024<'"
# Without -o the file name follows that title.
rm -f "$H/content/posts/2024/"*.epub
(cd "$H/content/posts/2024" && "$SHEAF" --offline -q) 2>"$T/err"
check "hugo: default file name has the folder" test -f "$H/content/posts/2024/hugo-walk-2024.epub"
rm -f "$H/content/posts/2024/"*.epub
# A folder of the site holding no post (layouts/): the whole site.
run "$H/layouts" -v
check "hugo: a folder without posts gives the whole site" grep -q "no post is in layouts/: the whole site is read" "$T/err"
check "hugo: ... with all its posts" bash -c "text '$T/out/book.epub' | grep -q 'Old one'"
# Without -v, nothing is said of it.
run "$H/content/posts"
check "hugo: quiet without -v" bash -c "! grep -q 'site found' '$T/err'"
# A named generator is looked for above as well.
run "$H/content/posts" -v --generator hugo
check "--generator hugo walks up too" grep -q "site found at \.\./\.\. ($H); hugo" "$T/err"

# MkDocs, from docs/blog/posts/sub, SITE given as a path from elsewhere.
run "$T" -v mkdocs/docs/blog/posts/sub
check "mkdocs: SITE inside the site succeeds" test -s "$T/out/book.epub"
check "mkdocs: -v names the site" grep -q "site found at \.\./\.\./\.\./\.\. ($M); mkdocs" "$T/err"
check "mkdocs: the author's name" bash -c "text '$T/out/book.epub' | grep -q 'Jane Mk-Doe'"
check "mkdocs: only sub's post" bash -c "text '$T/out/book.epub' | grep -q 'Second words' && ! text '$T/out/book.epub' | grep -q 'First words'"
run "$M/docs" -v
check "mkdocs: from docs/, the whole blog" bash -c "text '$T/out/book.epub' | grep -q 'First words' && text '$T/out/book.epub' | grep -q 'Second words'"

# Jekyll, from _posts/2024.
run "$J/_posts/2024" -v
check "jekyll: run in _posts/2024 succeeds" test -s "$T/out/book.epub"
check "jekyll: -v names the site" grep -q "site found at \.\./\.\. ($J); jekyll" "$T/err"
check "jekyll: Liquid is rendered" bash -c "text '$T/out/book.epub' | grep -q 'Site Jekyll Walk here'"
check "jekyll: the author's name" bash -c "text '$T/out/book.epub' | grep -q 'Jane Jekyll-Doe'"

# A folder in no site (below \$HOME, which ends the walk) stays generic.
G=$T/plain/notes
post "$G/n.md" "Note" 2024-01-01 'author: x' 'Raw {{< param "motto" >}} stays.'
run "$G" -v
check "outside any site: read as generic" grep -q "read as a generic site" "$T/err"
check "outside any site: no site found" bash -c "! grep -q 'site found' '$T/err'"
# \$HOME is the ceiling: a site above it is not taken.
mkdir -p "$H/home/me/notes"
post "$H/home/me/notes/n.md" "Note" 2024-01-01 'author: x' 'Words.'
check "the walk stops at \$HOME" bash -c "HOME='$H/home/me'; cd '$H/home/me/notes' && '$SHEAF' --offline -v -o '$T/out/h.epub' 2>&1 | grep -q 'read as a generic site'"

# A mount point ends the walk: a tmpfs mounted inside the site, when this
# user may mount one (unshare -rm), is read as no part of it.
mkdir -p "$H/content/posts/mnt"
if unshare -rm mount -t tmpfs none "$H/content/posts/mnt" 2>/dev/null; then
	got=$(unshare -rm bash -c "mount -t tmpfs none '$H/content/posts/mnt' && mkdir -p '$H/content/posts/mnt/x' &&
		printf -- '---\ntitle: M\n---\nWords.\n' >'$H/content/posts/mnt/x/m.md' && cd '$H/content/posts/mnt/x' &&
		'$SHEAF' --offline -v -o '$T/out/m.epub' 2>&1")
	check "the walk stops at a mount point" grep -q "read as a generic site" <<<"$got"
else
	skip "the walk stops at a mount point" "this user may not mount a tmpfs (unshare -rm)"
fi
tap_done
