#!/bin/sh
# Records reports.golden: the crash, supervisor and warning reports real
# Erlang/OTP 25 prints on stderr for some conformance programs, reduced to
# their headers and first lines with pids, references and times masked, and
# sorted (reports.go's Normalize does the same to otpbox's output, and
# TestReports compares). Needs erl and erlc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
conf="$here/../../vm/conformance"
programs="gs_call_crash gs_bad_return gs_no_handle_info gs_terminate_crash sup_one_for_one sup_intensity sup_transient statem_crash statem_init_fail proc_crash_reason"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"
erlc -o "$tmp" "$conf/conformance_record.erl"
(cd "$conf/testdata" && for n in conformance_runner $programs; do erlc -o "$tmp" "$n.erl" >/dev/null 2>&1; done)
(cd "$tmp" && erl +S 1 -noshell -pa "$tmp" -run conformance_record main "$tmp/out" $programs) >"$tmp/stderr" 2>&1
{
	echo "# programs: $programs"
	sed -E 's/<[0-9]+\.[0-9]+\.[0-9]+>/<PID>/g; s/#Ref<[0-9.]+>.*/#Ref.../; s/=(.*REPORT)==== .* ===/=\1====/' "$tmp/stderr" |
		grep -E '^=|^\*\* (Generic|Last|When|Reason|Undefined|Unhandled|State machine|Callback)|^    (supervisor|errorContext|reason):|^  crasher|^    (initial call|exception)|^Error in' |
		LC_ALL=C sort
} >"$here/reports.golden"
