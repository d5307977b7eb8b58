#!/bin/bash
# long-run.sh counts a run's executions from the logs of its own processes
# only: not from other logs kept in its work folder; and reports a finding
# from any of them, or from the ASan replay's log; its ledger adds up the
# runs of one binary of one harness only (TAP).
set -u
export LONG_RUN_FUNCTIONS_ONLY=1
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/long-run.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stat() { printf 'INFO: Done\nstat::number_of_executed_units: %s\nstat::peak_rss_mb: 99\n' "$1"; }
stat 1000 >"$work/convert-1.log"
stat 234 >"$work/convert-2.log"
# what a user keeps beside them: the script's own output, quoting a finding
# of an earlier run, an ASan replay's log, another harness's process log
{ echo 'fuzz_convert: ORACLE FAILURE: x'; stat 500000; } >"$work/convert-run-0743.log"
stat 70000 >"$work/convert-asan.log"
stat 9 >"$work/images-1.log"
stat 77 >"$work/convert-3.log"
echo 1..9
n=$(executions "$work" convert 2)
[ "$n" = 1234 ] && echo "ok 1 - executions of two processes: 1234" || echo "not ok 1 - executions of two processes: $n, not 1234"
n=$(executions "$work" convert 3)
[ "$n" = 1311 ] && echo "ok 2 - executions of three processes: 1311" || echo "not ok 2 - executions of three processes: $n, not 1311"
n=$(executions "$work" images 2)
[ "$n" = 9 ] && echo "ok 3 - a process that wrote no log counts nothing: 9" || echo "not ok 3 - images with a missing log: $n, not 9"
r=$(report "$work" convert 2)
[ -z "$r" ] && echo "ok 4 - no finding reported from another run's output" || echo "not ok 4 - reported: $r"
# a work folder named with a blank, a finding in the second process's log
mkdir "$work/a b"
stat 5 >"$work/a b/convert-1.log"
{ echo 'fuzz: ORACLE FAILURE: <li> not allowed there'; stat 6; } >"$work/a b/convert-2.log"
r=$(report "$work/a b" convert 2)
case $r in *"<li> not allowed there"*) echo "ok 5 - a finding of process 2 is reported" ;; *) echo "not ok 5 - reported: '$r'" ;; esac
printf '==123==ERROR: AddressSanitizer: heap-use-after-free\n' >"$work/a b/convert-asan.log"
r=$(findings_in "$work/a b/convert-asan.log")
case $r in *heap-use-after-free*) echo "ok 6 - a sanitizer report of the replay is shown" ;; *) echo "not ok 6 - shown: '$r'" ;; esac
# the ledger: comments, another binary, another harness, a missing file
cat >"$work/ledger" <<'LEDGER'
# aaaa convert 99 a comment that looks like a line
aaaa convert 1000 2026-12-06T00:00:00Z
bbbb convert 20 2026-12-06T00:00:00Z
aaaa images 300 2026-12-06T00:00:00Z
aaaa convert 4000 2026-12-06T01:00:00Z
LEDGER
n=$(ledger_total "$work/ledger" aaaa convert)
[ "$n" = 5000 ] && echo "ok 7 - the runs of one binary add up: 5000" || echo "not ok 7 - ledger total: $n, not 5000"
n=$(ledger_total "$work/ledger" cccc convert)
[ "$n" = 0 ] && echo "ok 8 - a binary with no run has 0" || echo "not ok 8 - unknown binary: $n, not 0"
n=$(ledger_total "$work/no-such-ledger" aaaa convert)
[ "$n" = 0 ] && echo "ok 9 - no ledger holds 0" || echo "not ok 9 - missing ledger: '$n', not 0"
