#!/usr/bin/env bash
# ace-landmarks.sh SHEAF SOURCE_ROOT - a book of posts holding their own
# landmarks (tests/fixtures/sites/landmarks: a post's <header> and two
# <footer>s, asides with and without names, a footnote, an <article>
# scoping its header and footer) passes DAISY Ace with no violation
# (landmark-no-duplicate-banner, -contentinfo, landmark-unique), and every
# word of the posts is in it. TAP; Ace's part is skipped without Ace.
set -u
sheaf=$1
root=$2
site=$root/tests/fixtures/sites/landmarks
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
echo "1..3"
if ! XDG_CACHE_HOME=$T/cache "$sheaf" "$site" --offline -o "$T/book.epub" >"$T/out" 2>&1; then
	echo "not ok 1 - the landmarks book is made"
	sed 's/^/# /' "$T/out"
	echo "ok 2 # SKIP no book"
	echo "ok 3 # SKIP no book"
	exit 0
fi
echo "ok 1 - the landmarks book is made"
# Every word of the posts' bodies (what is between tags) is in the book.
python3 - "$site/docs/blog/posts" "$T/book.epub" >"$T/words" 2>&1 <<'PY'
import re, sys, zipfile, pathlib
book = " ".join(zipfile.ZipFile(sys.argv[2]).read(n).decode() for n in zipfile.ZipFile(sys.argv[2]).namelist() if n.endswith(".xhtml"))
have = set(re.split(r"[\s<>]+", re.sub(r"<[^>]*>", " ", book)))
lost = []
for post in sorted(pathlib.Path(sys.argv[1]).glob("*.md")):
    body = post.read_text().split("---", 2)[2]
    for w in re.split(r"\s+", re.sub(r"<[^>]*>|\[\^\d\]:?", " ", body)):
        if w and w not in have:
            lost.append(w)
print(" ".join(lost))
sys.exit(1 if lost else 0)
PY
if [ $? -eq 0 ]; then
	echo "ok 2 - every word of the posts is kept"
else
	echo "not ok 2 - every word of the posts is kept"
	sed 's/^/# lost: /' "$T/words"
fi
bash "$root/tests/ace-check.sh" "$T/book.epub" >"$T/ace" 2>&1
case $? in
0) echo "ok 3 - DAISY Ace: no violation" ;;
77) echo "ok 3 # SKIP $(tail -1 "$T/ace")" ;;
*)
	echo "not ok 3 - DAISY Ace: no violation"
	sed 's/^/# /' "$T/ace"
	;;
esac
