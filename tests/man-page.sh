#!/usr/bin/env bash
# The installed man page names where the templates are installed under the
# build's own prefix (issue 15, item 9), not /usr/local whatever it is:
# meson makes the page from doc/sheaf.1 (configure_file), and a build set
# up with another --prefix or --datadir names that one. Prints TAP.
# Usage: man-page.sh SOURCE_ROOT BUILT_PAGE TEMPLATES_DIR
#   BUILT_PAGE: this build's sheaf.1; TEMPLATES_DIR: where this build
#   installs the templates (prefix / datadir / sheaf / templates).
set -u
ROOT=$1
PAGE=$2
DIR=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/tap.sh
. "$ROOT/tests/tap.sh"

placeholders() { ! grep -qE '@[A-Za-z_]+@' "$1"; }
check "this build's page names its templates folder ($DIR)" grep -qF "\\fI$DIR\\fR" "$PAGE"
check "... and keeps no @placeholder@" placeholders "$PAGE"
check "the page in the source tree has the placeholder, not a fixed folder" bash -c \
	'grep -q "@TEMPLATES_DIR@" "$1" && ! grep -q "/usr/local/share/sheaf" "$1"' _ "$ROOT/doc/sheaf.1"
if command -v groff >/dev/null; then
	check "groff reads the page without a warning" bash -c \
		'[ -z "$(groff -man -ww -z -Tutf8 "$1" 2>&1)" ]' _ "$PAGE"
else
	skip "groff reads the page without a warning" "no groff"
fi

# setup NAME ARGS...: a build folder of this source set up with ARGS
# (configuring is enough: the page is made then, nothing is compiled).
setup() {
	local name=$1
	shift
	meson setup "$@" "$ROOT" "$T/$name" >"$T/$name.log" 2>&1
}
if ! command -v meson >/dev/null; then
	skip "another --prefix: the page names it" "no meson on the PATH"
	skip "an absolute --datadir: the page names it" "no meson on the PATH"
else
	if setup opt --prefix=/opt/sheaf-test; then
		check "--prefix=/opt/sheaf-test: the page names /opt/sheaf-test/share/sheaf/templates" bash -c \
			'grep -qF "\\fI/opt/sheaf-test/share/sheaf/templates\\fR" "$1" && ! grep -q /usr/local "$1"' \
			_ "$T/opt/sheaf.1"
	else
		not_ok "--prefix=/opt/sheaf-test: meson setup" "$(tail -5 "$T/opt.log")"
	fi
	if setup srv --prefix=/usr --datadir=/srv/data; then
		check "--datadir=/srv/data: the page names /srv/data/sheaf/templates" \
			grep -qF '\fI/srv/data/sheaf/templates\fR' "$T/srv/sheaf.1"
	else
		not_ok "--datadir=/srv/data: meson setup" "$(tail -5 "$T/srv.log")"
	fi
fi

tap_done
