# shellcheck shell=bash
# tap.sh — TAP output for the shell tests, sourced by them:
#   check NAME COMMAND...   runs COMMAND: "ok N - NAME" or "not ok N - NAME"
#   skip NAME WHY           "ok N - NAME # SKIP WHY"
#   tap_done                prints the plan and exits 1 when a check failed
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
