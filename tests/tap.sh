# shellcheck shell=bash
# tap.sh — TAP output for the shell tests, sourced by them:
#   check NAME COMMAND...   runs COMMAND: "ok N - NAME" or "not ok N - NAME"
#   skip NAME WHY           "ok N - NAME # SKIP WHY"
#   tap_done                prints the plan and exits 1 when a check failed
#   ok NAME / not_ok NAME [DETAIL LINES...]   a result decided by the caller
#   is NAME GOT EXPECTED    ok when GOT is EXPECTED, else both are shown
#   sha FILE                the file's SHA-256
#   epubcheck_clean NAME BOOK  epubcheck finds nothing (a skip without it)
n=0
failed=0
check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=$((failed + 1))
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
tap_done() {
	echo "1..$n"
	exit $((failed > 0))
}
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	printf '# %s\n' "$@"
}
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', expected '$3'"; fi
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
# epubcheck_clean NAME BOOK: ok when epubcheck ($EPUBCHECK_JAR, else Debian's
# jar) reports no fatal, error or warning; a skip where it is not installed.
epubcheck_clean() {
	local jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar} log
	if ! [ -f "$jar" ] || ! command -v java >/dev/null; then
		skip "$1" "epubcheck not installed"
		return
	fi
	log=$(java -jar "$jar" "$2" 2>&1)
	if grep -q "^Messages: 0 fatals / 0 errors / 0 warnings" <<<"$log"; then
		ok "$1"
	else
		not_ok "$1" "$(grep -E "^(FATAL|ERROR|WARNING)" <<<"$log" | head)"
	fi
}
