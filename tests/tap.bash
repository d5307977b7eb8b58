# tap.bash — TAP helpers for the shell tests (sourced): ok, not_ok, is,
# done_testing, and sha (a file's SHA-256).
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { # not_ok NAME [DETAIL LINES...]
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	printf '# %s\n' "$@"
}
is() { # is NAME GOT EXPECTED
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', expected '$3'"; fi
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
# The plan, last, and the exit status: 0 when nothing failed.
done_testing() {
	echo "1..$n"
	[ "$failed" = 0 ]
}
