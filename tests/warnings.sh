#!/bin/bash
# Warnings a person reads (issue 15, item 4): one line per problem and post
# (the same missing image shown five times is one line ending "(5 times in
# this post)": the book stage counts an image's uses; a link to nowhere
# three times is merged by diag.c when printed, -v shows each), grouped by post, a closing count, --warnings=all|summary|
# none (errors always shown), paths from the current folder or the site.
# usage: warnings.sh SHEAF
set -u
sheaf=$(realpath "$1")
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache

# What the run said but the success line (issue 15: "wrote a.epub: …").
diags() { grep -Ev '^(sheaf: )?wrote ' "$1"; }
export -f diags

post() { # post FILE TITLE DAY BODY...
	local f=$1 title=$2 day=$3
	shift 3
	printf -- '---\ntitle: %s\ndate: 2024-01-%s\n---\n\n' "$title" "$day" >"$f"
	printf '%s\n\n' "$@" >>"$f"
}
site=$T/site
mkdir -p "$site"
post "$site/a.md" A 01 '![x](gone.png)' text '![x](gone.png)' '![x](gone.png)' '![x](gone.png)' '![x](gone.png)' \
	'[m](missing.md)' '[m](missing.md)' '[m](missing.md)'
post "$site/b.md" B 02 '![y](nope.png)'
post "$site/c.md" C 03 '![z](other.png)'

(cd "$site" && "$sheaf" -o "$T/a.epub" 2>"$T/all.err")
is "default: exit status 0" "$?" 0
is "default: one line per problem and post, and the count" "$(diags "$T/all.err")" \
"a.md:6: warning: image not found: gone.png; the image's alt text is shown instead (5 times in this post)
a.md:18: warning: link to 'missing.md' leads outside the book and the site's URL is unknown; its text is kept without the link (3 times in this post)
b.md:6: warning: image not found: nope.png; the image's alt text is shown instead
c.md:6: warning: image not found: other.png; the image's alt text is shown instead
sheaf: 4 warnings in 3 files; -v to see each repeat"

(cd "$site" && "$sheaf" -v -o "$T/a.epub" 2>"$T/each.err")
is "-v: each repeat on its own line" "$(grep -c "^a\.md:[0-9]*: warning: link to 'missing\.md'" "$T/each.err")" 3
check "-v: the count is of the lines shown" grep -qx 'sheaf: 6 warnings in 3 files' "$T/each.err"

(cd "$site" && "$sheaf" --warnings=summary -o "$T/a.epub" 2>"$T/summary.err")
is "--warnings=summary: the count only, with the hint" "$(diags "$T/summary.err")" \
	"sheaf: 4 warnings in 3 files; --warnings=all to see each"

(cd "$site" && "$sheaf" --warnings=none -o "$T/a.epub" 2>"$T/none.err")
is "--warnings=none: exit status 0" "$?" 0
is "--warnings=none: nothing" "$(diags "$T/none.err")" ""
(cd "$site" && "$sheaf" -q -o "$T/a.epub" 2>"$T/quiet.err")
is "-q: no warning" "$(diags "$T/quiet.err")" ""
(cd "$site" && "$sheaf" -q --warnings=summary -o "$T/a.epub" 2>"$T/quiet.err")
is "-q --warnings=summary: the option given wins" "$(diags "$T/quiet.err")" \
	"sheaf: 4 warnings in 3 files; --warnings=all to see each"

# Paths: below the current folder, relative to it; a site named by an
# absolute path outside it, relative to the site; a relative name as named.
(cd "$T" && "$sheaf" "$site" -o "$T/a.epub" 2>"$T/below.err")
check "a site below the current folder: paths from the current folder" grep -q '^site/b\.md:6: warning' "$T/below.err"
mkdir "$T/elsewhere"
(cd "$T/elsewhere" && "$sheaf" "$site" -o "$T/a.epub" 2>"$T/abs.err")
check "a site named absolute outside the current folder: paths from the site" grep -q '^b\.md:6: warning' "$T/abs.err"
check "no absolute path in any diagnostic" bash -c '! diags "$2" | grep -q "$1"' _ "$T" "$T/abs.err"
(cd "$T/elsewhere" && "$sheaf" ../site -o "$T/a.epub" 2>"$T/rel.err")
check "a site named relative: paths as named" grep -q '^\.\./site/b\.md:6: warning' "$T/rel.err"

# On a terminal narrower than a line, the line is still whole: nothing is
# cut (diag.h says why), only coloured.
if command -v script >/dev/null; then
	(cd "$site" && script -qc "stty cols 40; '$sheaf' -o '$T/a.epub'" /dev/null >"$T/tty.out" 2>&1)
	check "on a 40-column terminal the lines are whole" \
		grep -q "b\.md:6: .*warning:.* image not found: nope\.png; the image's alt text is shown instead" "$T/tty.out"
else
	skip "on a 40-column terminal the lines are whole" "no script(1)"
fi

# Errors are always shown, and counted.
bad=$T/bad
mkdir -p "$bad"
cp "$site/a.md" "$bad/"
printf -- '---\ntitle: D\n' >"$bad/d.md"
printf -- '---\ntitle: E\ndate: 2024-01-05\n---\n\nbad \377 here\n' >"$bad/e.md"
(cd "$bad" && "$sheaf" -o "$T/b.epub" 2>"$T/bad.err")
is "an error: exit status 1" "$?" 1
check "an error and a warning: both counted" grep -qx 'sheaf: 1 warning in 1 file, 1 error' "$T/bad.err"
for mode in none summary; do
	(cd "$bad" && "$sheaf" --warnings=$mode -o "$T/b.epub" 2>"$T/bad-$mode.err")
	check "--warnings=$mode: the error still shows" grep -q "^d\.md:1:1: error: front matter" "$T/bad-$mode.err"
	check "--warnings=$mode: no warning line" bash -c '! grep -q "warning:" "$1"' _ "$T/bad-$mode.err"
done

"$sheaf" --warnings=some "$site" 2>"$T/usage.err"
is "--warnings=some: bad usage" "$?" 2
check "--warnings=some: says what is allowed" grep -q "is not one of all, summary, none" "$T/usage.err"
tap_done
