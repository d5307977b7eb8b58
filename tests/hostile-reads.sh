#!/bin/bash
# What a site may make sheaf read (issue 16, items 2, 3 and 5c): a site
# whose posts and config name its own secrets (.git/config, .env), files
# outside it, a FIFO, a dangling symlink and a folder that cannot be read.
# The book must hold no secret, each refusal is a warning naming the file
# and why, and nothing blocks. TAP. Usage: hostile-reads.sh SHEAF
SHEAF=$1
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
chmod 755 "$T"
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
# As root no folder is unreadable: run sheaf as nobody where we can.
RUN=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		RUN="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		RUN=none
	fi
fi
secrets() { # a site folder: its .git/config and .env, a secret outside
	mkdir -p "$1/.git"
	printf '[remote "origin"]\n\turl = https://u:SECRET-TOKEN-123@git.example/r\n' >"$1/.git/config"
	echo 'API_KEY=SECRET-TOKEN-123' >"$1/.env"
}
echo 'SECRET-TOKEN-123 outside' >"$T/outside.md"
export_site() { # site, book: runs sheaf, its warnings in book.err
	local as=()
	[ "$RUN" = none ] || read -r -a as <<<"$RUN"
	timeout 60 "${as[@]}" "$SHEAF" "$1" --offline -o "$2" >"$2.out" 2>"$2.err"
}
walk_checks() { # generator, its export's warnings: what its walk left out
	check "$1 walk: a FIFO named like a post is left out with a warning" has "$2" "fifo.md: warning: left out: a FIFO"
	check "$1 walk: a dangling symlink is left out with a warning" has "$2" "dangling.md: warning: left out: a symlink to nothing"
	if [ "$RUN" = none ]; then
		skip "$1 walk: an unreadable folder is warned about" "root without setpriv: no folder is unreadable"
	else
		check "$1 walk: an unreadable folder is warned about" has "$2" "locked: warning: folder left out: it cannot be read"
	fi
}
# nosecret and has run through check.
# shellcheck disable=SC2317
# A book's members, their names (python3's zipfile: a build dependency
# already, where unzip may be missing).
book() { python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist(): sys.stdout.buffer.write(z.read(n) if sys.argv[2] == "text" else n.encode() + b"\n")' "$1" "$2"; }
# shellcheck disable=SC2317
nosecret() { [ -f "$1" ] && ! book "$1" text | grep -q SECRET-TOKEN; }
# shellcheck disable=SC2317
has() { grep -q -- "$2" "$1"; }

# MkDocs: snippets of .git/config and .env, a FIFO and a dangling
# symlink named like posts, a folder of posts that cannot be read.
M=$T/mkdocs
mkdir -p "$M/docs/blog/posts/locked"
secrets "$M"
printf 'site_name: T\nplugins:\n  - blog\nmarkdown_extensions:\n  - pymdownx.snippets\n' >"$M/mkdocs.yml"
printf -- '---\ndate: 2024-01-01\n---\n# A\n\nWords.\n\n--8<-- ".git/config"\n\n--8<-- ".env"\n' \
	>"$M/docs/blog/posts/a.md"
printf -- '---\ndate: 2024-01-02\n---\n# L\n\nLocked.\n' >"$M/docs/blog/posts/locked/l.md"
mkfifo "$M/docs/blog/posts/fifo.md"
ln -s nowhere.md "$M/docs/blog/posts/dangling.md"
ln -s ../../../.env "$M/docs/blog/posts/env.md"
mkdir -p "$M/docs/.private" "$M/docs/img"
# A 1x1 PNG, in a hidden folder and, through a symlink, from a plain one.
echo iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg== |
	base64 -d >"$M/docs/.private/pic.png"
ln -s ../.private/pic.png "$M/docs/img/pic.png"
printf -- '---\ndate: 2024-01-03\n---\n# I\n\n![hidden](../../.private/pic.png)\n\n![linked](../../img/pic.png)\n' \
	>"$M/docs/blog/posts/i.md"
chmod -R a+rX "$M"
chmod 700 "$M/docs/blog/posts/locked"
chmod 777 "$T"
export_site "$M" "$T/m.epub"
check "mkdocs: exported without blocking" test -f "$T/m.epub"
check "mkdocs: no secret in the book" nosecret "$T/m.epub"
# shellcheck disable=SC2317
words() { book "$T/m.epub" text | grep -q Words; }
check "mkdocs: the post's own words are kept" words
check "mkdocs: snippet of .git/config refused, named" has "$T/m.epub.err" "a.md:8: warning: snippet '.git/config' refused: '.git/config' is a hidden path"
check "mkdocs: snippet of .env refused, named" has "$T/m.epub.err" "a.md:10: warning: snippet '.env' refused"
walk_checks mkdocs "$T/m.epub.err"
check "mkdocs: a post that is a symlink to .env is left out" has "$T/m.epub.err" "env.md: warning: left out: it resolves to '.env', which is a hidden path"
# shellcheck disable=SC2317
nopng() { ! book "$T/m.epub" names | grep -q '\.png'; }
check "images: none from a hidden folder" nopng
check "images: one named in a hidden folder is refused" has "$T/m.epub.err" "'docs/.private/pic.png' refused: it is (or leads to) a hidden path"
check "images: one leading there through a symlink is refused" has "$T/m.epub.err" "'docs/img/pic.png' refused: it is (or leads to) a hidden path"
check "walk: each warned about once" sh -c "[ \$(grep -c 'fifo.md' '$T/m.epub.err') = 1 ]"

# Jekyll: include and include_relative of symlinks into .git and .env.
J=$T/jekyll
mkdir -p "$J/_posts" "$J/_includes"
secrets "$J"
printf 'title: T\n' >"$J/_config.yml"
ln -s ../.git/config "$J/_includes/cfg.md"
ln -s ../.env "$J/_posts/env.md"
printf -- '---\ntitle: A\n---\nWords.\n\n{%% include cfg.md %%}\n\n{%% include_relative env.md %%}\n' \
	>"$J/_posts/2024-01-01-a.md"
chmod -R a+rX "$J"
export_site "$J" "$T/j.epub"
check "jekyll: no secret in the book" nosecret "$T/j.epub"
check "jekyll: include of a symlink to .git/config refused" has "$T/j.epub.err" "include cfg.md %}' refused: '.git/config' is a hidden path"
check "jekyll: include_relative of a symlink to .env refused" has "$T/j.epub.err" "include_relative env.md %}' refused: '.env' is a hidden path"

# Each generator's walk: a FIFO and a dangling symlink named like posts,
# and a folder it cannot read, beside a post, in the posts folder.
gen() { # name, config file, config text, posts folder
	G=$T/walk-$1
	mkdir -p "$G/$4/locked"
	printf '%b' "$3" >"$G/$2"
	printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nWords.\n' >"$G/$4/2024-01-01-a.md"
	printf -- '---\ntitle: L\ndate: 2024-01-02\n---\nLocked.\n' >"$G/$4/locked/2024-01-02-l.md"
	mkfifo "$G/$4/2024-01-03-fifo.md"
	ln -s nowhere.md "$G/$4/2024-01-04-dangling.md"
}
gen hugo hugo.toml 'title = "T"\n' content/posts
gen zola config.toml 'base_url = "https://z.example"\ntitle = "T"\n' content/blog
gen jekyll _config.yml 'title: T\n' _posts
gen hexo _config.yml 'title: T\n' source/_posts
printf '{"dependencies":{"hexo":"7"}}\n' >"$T/walk-hexo/package.json"
gen eleventy eleventy.config.js 'module.exports = function () { return {}; };\n' posts
gen docusaurus docusaurus.config.js "module.exports = { title: 'T', presets: [['classic', {}]] };\n" blog
gen pelican pelicanconf.py "SITENAME = 'T'\n" content
gen generic notes.txt 'not a config\n' notes
for G in "$T"/walk-*; do
	chmod -R a+rX "$G"
	chmod 700 "$G"/*/locked "$G"/*/*/locked 2>/dev/null
	g=${G##*/walk-}
	export_site "$G" "$T/w-$g.epub"
	check "$g walk: the export finishes with the post" test -f "$T/w-$g.epub"
	walk_checks "$g" "$T/w-$g.epub.err"
done

tap_done
