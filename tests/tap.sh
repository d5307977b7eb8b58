# shellcheck shell=bash
# tap.sh — TAP output for the shell tests, sourced by them:
#   check NAME COMMAND...   runs COMMAND: "ok N - NAME" or "not ok N - NAME"
#   skip NAME WHY           "ok N - NAME # SKIP WHY"
#   tap_done                prints the plan and exits 1 when a check failed
#   ok NAME / not_ok NAME [DETAIL LINES...]   a result decided by the caller
#   is NAME GOT EXPECTED    ok when GOT is EXPECTED, else both are shown
#   sha FILE                the file's SHA-256
#   epubcheck_clean NAME BOOK  epubcheck finds nothing (a skip without it)
#   http_server DIR OUT     the loopback server (http-server.py) serving DIR
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
# http_server DIR OUT: starts tests/http-server.py serving DIR for 120 s,
# its port written to OUT; sets SPID (the caller kills it at exit) and U
# (http://127.0.0.1:PORT). Where it does not start, the test is skipped
# whole: prints the plan and exits.
http_server() {
	python3 "${BASH_SOURCE[0]%/*}/http-server.py" "$1" 120 >"$2" 2>/dev/null &
	SPID=$!
	for _ in $(seq 50); do [ -s "$2" ] && break; sleep 0.1; done
	local port
	port=$(head -1 "$2" 2>/dev/null)
	if [ -z "$port" ]; then
		echo "1..0 # SKIP the loopback HTTP server (python3) did not start"
		exit 0
	fi
	U=http://127.0.0.1:$port
}
