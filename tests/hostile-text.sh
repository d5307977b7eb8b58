#!/bin/sh
# What a site writes reaches the terminal only escaped (issue 16, items 4,
# 5 and 5c): a title, a front-matter value, an image path and a file name
# holding ESC [2J, ESC ]2;…BEL and newlines give diagnostics of one line
# each and no control byte; --list gives one line a post; the book's
# metadata holds no character XML cannot hold.
# usage: hostile-text.sh SHEAF
set -u
sheaf=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
check() { # check NAME COMMAND...
	n=$((n + 1))
	name=$1
	shift
	if "$@"; then echo "ok $n - $name"; else echo "not ok $n - $name"; fails=$((fails + 1)); fi
}

site=$tmp/site
mkdir -p "$site/docs/blog/posts"
cat >"$site/mkdocs.yml" <<'YML'
site_name: "Site\x07 name\x1b[2J"
site_description: "A\x01 description"
plugins:
  - blog
YML
# The values are YAML escapes: the file itself holds no control byte.
cat >"$site/docs/blog/posts/a.md" <<'MD'
---
title: "Clear\x1b[2J\x1b]2;pwned\x07 screen"
date: 2024-01-02
authors: ["Bad\x01guy"]
tags: ["ta\x07g", "\u202eevil"]
description: "d\u0001esc\x7f"
---

<img src="missing&#10;line&#x1b;[2J.png" alt="a">
MD
cat >"$site/docs/blog/posts/b.md" <<'MD'
---
title: "Second\x1b[31m post"
date: 2024-01-03
---

Text.
MD
# A value shown in an error (the post is left out with -k).
cat >"$site/docs/blog/posts/e.md" <<'MD'
---
title: Bad date
date: "2024-01-02\x1b[2J"
---
MD
# File names with a newline, an ESC and a tab.
nl='
'
esc=$(printf '\033')
tab=$(printf '\t')
cp "$site/docs/blog/posts/b.md" "$site/docs/blog/posts/c${nl}x${esc}[2J.md"
cp "$site/docs/blog/posts/b.md" "$site/docs/blog/posts/d${tab}e.md"
printf '\n![x](nothere.png)\n' >>"$site/docs/blog/posts/c${nl}x${esc}[2J.md"

"$sheaf" "$site" -k -o "$tmp/book.epub" >"$tmp/out" 2>"$tmp/err"
check "the book is written" test -s "$tmp/book.epub"
check "stderr holds no ESC, BEL or other C0 control" \
	sh -c "! LC_ALL=C tr -d '\n' <\"\$1\" | LC_ALL=C grep -q '[[:cntrl:]]'" - "$tmp/err"
check "every line of stderr is a diagnostic (or the closing 'wrote' line)" \
	sh -c "! grep -v -E '^(sheaf|[^:]+(:[0-9]+)*): (warning|error): |^wrote .*: [0-9]+ posts?, ' \"\$1\"" - "$tmp/err"
check "the bad date is shown escaped" grep -q "2024-01-02\\\\x1b\\[2J" "$tmp/err"
check "the file name's newline is shown escaped" grep -q 'posts/c\\nx\\x1b\[2J\.md' "$tmp/err"
check "the image path's newline is shown escaped" grep -q 'missing\\nline' "$tmp/err"

"$sheaf" "$site" -k --list >"$tmp/list" 2>/dev/null
check "--list: one line a post (tab and newline in file names escaped)" test "$(wc -l <"$tmp/list")" -eq 4
check "--list: three fields a line" \
	sh -c "awk -F'\t' 'NF != 3 { exit 1 }' \"\$1\"" - "$tmp/list"
check "--list: the tab in a file name is written as backslash-t" grep -q 'posts/d\\te\.md$' "$tmp/list"

# The metadata: no C0 control but tab and newlines in OPF, nav and NCX.
if command -v unzip >/dev/null 2>&1; then
	mkdir "$tmp/x"
	(cd "$tmp/x" && unzip -q "$tmp/book.epub")
	for f in EPUB/content.opf EPUB/nav.xhtml EPUB/toc.ncx; do
		check "$f holds no character XML cannot hold" \
			sh -c "! LC_ALL=C tr -d '\t\n\r' <\"\$1\" | LC_ALL=C grep -q '[[:cntrl:]]'" - "$tmp/x/$f"
	done
	check "nav.xhtml keeps the title's words" grep -q "Clear.*screen" "$tmp/x/EPUB/nav.xhtml"
	check "content.opf keeps the site name's words" grep -q "Site.*name" "$tmp/x/EPUB/content.opf"
	check "a warning names the post's field" grep -q "title: control character U+001B replaced" "$tmp/err"
else
	n=$((n + 1)); echo "ok $n # SKIP unzip is not installed"
fi
if [ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1; then
	check "epubcheck accepts the book" \
		sh -c "java -jar /usr/share/java/epubcheck.jar \"\$1\" >/dev/null 2>&1" - "$tmp/book.epub"
else
	n=$((n + 1)); echo "ok $n # SKIP epubcheck is not installed"
fi
echo "1..$n"
[ "$fails" -eq 0 ]
