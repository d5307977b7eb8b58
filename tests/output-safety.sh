#!/usr/bin/env bash
# The book file: what an output path may replace (no file of the site, read
# or not; no template, no cover; only a regular file; a symlink written
# through), the default name's length, and SOURCE_DATE_EPOCH's range.
# Prints TAP.
# Usage: output-safety.sh SHEAF_BINARY
set -u
SHEAF=$(realpath "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
unset SOURCE_DATE_EPOCH

# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
# refused NAME PATH [SHEAF ARGS...]: the export fails with an error naming
# the output, and what was at PATH is as it was.
refused() {
	local name=$1 path=$2 before after
	shift 2
	before=$(stat -c '%F %s' "$path" 2>&1; [ -L "$path" ] && readlink "$path"; [ -f "$path" ] && sha "$path")
	timeout 60 "$SHEAF" "$@" >"$T/stdout" 2>"$T/err"
	local rc=$?
	after=$(stat -c '%F %s' "$path" 2>&1; [ -L "$path" ] && readlink "$path"; [ -f "$path" ] && sha "$path")
	if [ "$rc" = 1 ] && grep -q "error: " "$T/err" && [ "$before" = "$after" ]; then
		ok "$name"
	else
		not_ok "$name" "exit status $rc" "before: $before" "after: $after" "$(head -c 600 "$T/err")"
	fi
}

# A MkDocs blog: a good post, one whose front matter is broken (left out
# with -k), the config, an image and a data file no post reads.
S=$T/site
mkdir -p "$S/docs/blog/posts" "$S/docs/img" "$S/overrides" "$T/out" "$T/templates"
printf 'site_name: Safe\nplugins:\n  - blog\n' >"$S/mkdocs.yml"
printf -- '---\ndate: 2024-01-01\n---\n# Good\n\nText.\n' >"$S/docs/blog/posts/good.md"
printf -- '---\ndate: [2024\n---\n# Broken\n\nThe only copy of these words.\n' >"$S/docs/blog/posts/broken.md"
printf 'PNG-ish bytes\n' >"$S/docs/img/photo.png"
printf '{"k": 1}\n' >"$S/docs/data.json"
printf '<p>a partial</p>\n' >"$S/overrides/main.html"
printf 'my own notes\n' >"$T/templates/notes.txt"
printf 'a cover\n' >"$T/cover.png"
P=$S/docs/blog/posts

# --- 1. every file of the site, read or not --------------------------------
refused "-k: a post left out for its front matter is not overwritten" "$P/broken.md" \
	"$S" -k -o "$P/broken.md"
refused "a post read is not overwritten" "$P/good.md" "$S" -k -o "$P/good.md"
refused "the site's config is not overwritten" "$S/mkdocs.yml" "$S" -k -o "$S/mkdocs.yml"
refused "an image of the site is not overwritten" "$S/docs/img/photo.png" "$S" -k -o "$S/docs/img/photo.png"
refused "a data file no post reads is not overwritten" "$S/docs/data.json" "$S" -k -o "$S/docs/data.json"
refused "a theme override is not overwritten" "$S/overrides/main.html" "$S" -k -o "$S/overrides/main.html"
refused "another spelling (..) of a site file is caught" "$P/broken.md" \
	"$S" -k -o "$S/docs/img/../blog/posts/broken.md"
ln -s "$S/docs" "$T/alias"
refused "a site file reached through a symlinked folder is caught" "$P/broken.md" \
	"$S" -k -o "$T/alias/blog/posts/broken.md"
ln "$P/good.md" "$T/out/hardlink.md"
refused "a hard link to a post, outside the site, is caught" "$T/out/hardlink.md" \
	"$S" -k -o "$T/out/hardlink.md"
refused "a file of the --templates folder is not overwritten" "$T/templates/notes.txt" \
	"$S" -k --templates "$T/templates" -o "$T/templates/notes.txt"
refused "the --cover file is not overwritten" "$T/cover.png" "$S" -k --cover "$T/cover.png" -o "$T/cover.png"
grep -q "broken.md: error: the output would overwrite a file of the site" "$T/err" 2>/dev/null ||
	"$SHEAF" "$S" -k -o "$P/broken.md" 2>"$T/err"
if grep -q "broken.md: error: the output would overwrite a file of the site" "$T/err"; then
	ok "the refusal names the file and why"
else
	not_ok "the refusal names the file and why" "$(cat "$T/err")"
fi

# A new file inside the site is fine, and so is replacing a book sheaf
# wrote there; another tool's EPUB is the site's own.
"$SHEAF" "$S" -k -q -o "$S/book.epub" 2>"$T/err"
is "a new book inside the site is written" "$?" 0
"$SHEAF" "$S" -k -q -o "$S/book.epub" 2>"$T/err"
is "a book sheaf wrote inside the site is replaced" "$?" 0
if command -v python3 >/dev/null; then
	python3 - "$S/book.epub" "$S/docs/other.epub" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    dst.writestr(info, src.read(info.filename))
dst.close()
PY
	refused "another tool's EPUB inside the site is not overwritten" "$S/docs/other.epub" \
		"$S" -k -o "$S/docs/other.epub"
fi

# --- 5b. symlinks, devices, FIFOs, folders ---------------------------------
printf 'old\n' >"$T/out/target.epub"
ln -s target.epub "$T/out/link.epub"
"$SHEAF" "$S" -k -q -f -o "$T/out/link.epub" 2>"$T/err"
rc=$?
if [ "$rc" = 0 ] && [ -L "$T/out/link.epub" ] && [ "$(readlink "$T/out/link.epub")" = target.epub ] &&
	[ "$(head -c 4 "$T/out/target.epub")" = "$(printf 'PK\003\004')" ]; then
	ok "a symlink is written through: the link stays, its target is the book"
else
	not_ok "a symlink is written through: the link stays, its target is the book" "exit status $rc" \
		"$(ls -la "$T/out")" "$(cat "$T/err")"
fi
ln -s "$S/mkdocs.yml" "$T/out/to-config.epub"
refused "a symlink to a site file: the file is not overwritten" "$S/mkdocs.yml" \
	"$S" -k -o "$T/out/to-config.epub"
refused "... and the link stays" "$T/out/to-config.epub" "$S" -k -o "$T/out/to-config.epub"
ln -s nowhere.epub "$T/out/dangling.epub"
refused "a dangling symlink is refused and stays" "$T/out/dangling.epub" "$S" -k -o "$T/out/dangling.epub"
mkfifo "$T/out/fifo.epub"
refused "a FIFO is not replaced (nor read: no hang)" "$T/out/fifo.epub" "$S" -k -o "$T/out/fifo.epub"
if grep -q "must be written to a regular file" "$T/err"; then
	ok "the error says the output must be a regular file"
else
	not_ok "the error says the output must be a regular file" "$(cat "$T/err")"
fi
ln -s fifo.epub "$T/out/to-fifo.epub"
refused "a symlink to a FIFO: neither is replaced" "$T/out/fifo.epub" "$S" -k -o "$T/out/to-fifo.epub"
# What -o /dev/stdout does, on a link of our own (a regression must not
# replace the machine's /dev/stdout): through a pipe, refused, the link
# stays.
ln -s /proc/self/fd/1 "$T/out/stdout.epub"
"$SHEAF" "$S" -k -q -o "$T/out/stdout.epub" 2>"$T/err" | cat >"$T/piped"
if [ "${PIPESTATUS[0]}" = 1 ] && [ -L "$T/out/stdout.epub" ] && [ ! -s "$T/piped" ] &&
	grep -q "must be written to a regular file" "$T/err"; then
	ok "a link to stdout, a pipe, is refused and stays a link"
else
	not_ok "a link to stdout, a pipe, is refused and stays a link" "$(ls -la "$T/out")" "$(cat "$T/err")"
fi
mkdir "$T/out/folder.epub"
refused "a folder is not replaced" "$T/out/folder.epub" "$S" -k -o "$T/out/folder.epub"

# --- 13. the default name fits NAME_MAX ------------------------------------
# name_fits LABEL SITE_NAME PREFIX: the export without -o succeeds and
# writes one book whose name is at most 200 bytes of whole UTF-8
# characters, starting with PREFIX.
name_fits() {
	local d=$T/names/$1
	mkdir -p "$d/site/docs/blog/posts" "$d/cwd"
	printf 'site_name: "%s"\nplugins:\n  - blog\n' "$2" >"$d/site/mkdocs.yml"
	printf -- '---\ndate: 2024-01-01\n---\n# A post\n\nText.\n' >"$d/site/docs/blog/posts/a.md"
	# Two posts: a one-post book is named for its post, not the site.
	printf -- '---\ndate: 2024-01-02\n---\n# Another post\n\nText.\n' >"$d/site/docs/blog/posts/b.md"
	(cd "$d/cwd" && "$SHEAF" ../site -q 2>"$d/err")
	local rc=$? name
	name=$(ls "$d/cwd")
	if [ "$rc" = 0 ] && [ "$(printf '%s' "$name" | wc -c)" -le 200 ] && [ "${name%.epub}" != "$name" ] &&
		[ "${name#"$3"}" != "$name" ] &&
		printf '%s' "$name" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 &&
		case "${name%.epub}" in *-|*.|*' '|*_) false ;; *) true ;; esac; then
		ok "a $1 site_name of 1,000 characters: exported as '${name:0:20}…' ($(printf '%s' "$name" | wc -c) bytes)"
	else
		not_ok "a $1 site_name of 1,000 characters gives a name that fits" "exit status $rc" "name: $name" \
			"$(head -c 600 "$d/err")"
	fi
}
name_fits ASCII "$(printf 'ab %.0s' $(seq 333))a" ab-ab
name_fits CJK "$(printf '書%.0s' $(seq 1000))" 書書書
name_fits Cyrillic "$(printf 'ж%.0s' $(seq 1000))" жжж
name_fits accented "$(printf 'é-%.0s' $(seq 500))" e-e-e

# A name the user gives near NAME_MAX: the temporary file's name, which
# adds a dot and a suffix, must still fit.
long=$(printf 'b%.0s' $(seq 245)).epub
"$SHEAF" "$S" -k -q -o "$T/out/$long" 2>"$T/err"
rc=$?
if [ "$rc" = 0 ] && [ -s "$T/out/$long" ]; then
	ok "-o with a 250-byte name is written"
else
	not_ok "-o with a 250-byte name is written" "exit status $rc" "$(cat "$T/err")"
fi

# --- 5c. SOURCE_DATE_EPOCH -------------------------------------------------
for v in 253402300800 -1 99999999999999999999 1e9 ' 12'; do
	rm -f "$T/out/sde.epub"
	SOURCE_DATE_EPOCH=$v "$SHEAF" "$S" -k -q -o "$T/out/sde.epub" 2>"$T/err"
	rc=$?
	if [ "$rc" = 1 ] && grep -qF "SOURCE_DATE_EPOCH='$v'" "$T/err" && [ ! -e "$T/out/sde.epub" ]; then
		ok "SOURCE_DATE_EPOCH='$v' is refused with an error naming it"
	else
		not_ok "SOURCE_DATE_EPOCH='$v' is refused with an error naming it" "exit status $rc" "$(cat "$T/err")"
	fi
done
SOURCE_DATE_EPOCH=253402300799 "$SHEAF" "$S" -k -q -o "$T/out/sde.epub" 2>"$T/err"
rc=$?
if [ "$rc" = 0 ] && unzip -p "$T/out/sde.epub" '*.opf' | grep -q '>9999-12-31T23:59:59Z<'; then
	ok "SOURCE_DATE_EPOCH at the last second of 9999 is the book's date"
else
	not_ok "SOURCE_DATE_EPOCH at the last second of 9999 is the book's date" "exit status $rc" "$(cat "$T/err")"
fi

tap_done
