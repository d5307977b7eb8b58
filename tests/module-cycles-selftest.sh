#!/usr/bin/env bash
# The cycle check (tools/module-cycles.py) must see a cycle where there is
# one: it reads a made-up archive listing from a fake nm, once with a
# cycle (src_a.c.o uses b, src_b.c.o uses a) and once without. Prints TAP.
set -u
CHECK=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fake() { # fake NAME LISTING: an nm that prints LISTING for any archive
	printf '#!/bin/sh\ncat <<"X"\n%s\nX\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
fake cyclic "
src_a.c.o:
0000000000000000 T a_fn
                 U b_fn

src_b.c.o:
0000000000000000 T b_fn
                 U a_fn

src_c.c.o:
0000000000000000 T c_fn
                 U a_fn"
fake acyclic "
src_a.c.o:
0000000000000000 T a_fn
                 U b_fn

src_b.c.o:
0000000000000000 T b_fn
                 U printf"
echo "1..3"
out=$(python3 "$CHECK" "$T/cyclic" lib.a); st=$?
[ "$st" = 1 ] && echo "ok 1 - a cycle fails the check" || echo "not ok 1 - a cycle fails the check"
case $out in
*"cycle of 2 modules: a, b"*"a -> b (b_fn)"*) echo "ok 2 - the cycle is named, with its edges and symbols" ;;
*) echo "not ok 2 - the cycle is named, with its edges and symbols"; echo "# $out" ;;
esac
python3 "$CHECK" "$T/acyclic" lib.a >/dev/null && echo "ok 3 - no cycle passes" || echo "not ok 3 - no cycle passes"
