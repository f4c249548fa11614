#!/bin/sh
# Runs the process/OTP conformance programs in real Erlang/OTP 25 with
# otpbox's OTP modules (../otp/*.erl: gen_server, supervisor, gen_statem,
# sys, proc_lib, gen, timer, logger, error_logger, eunit) in place of OTP's,
# and diffs the output with the goldens (which were recorded with OTP's own
# modules). This checks the Erlang side of otpbox's OTP without otpbox's VM.
#
#   sandbox/erl/stdlib/testdata/otp_in_erlang.sh [NAME...]
#
# OTP's kernel runs on OTP's gen_server and friends, so ours cannot simply
# replace them in a running node: every module name of ours, and each use
# of it in the programs, is renamed with an ob_ prefix (gen_server ->
# ob_gen_server, ...), and the prefix is taken out of the output again
# before comparing. Needs erl and erlc.
#
# With OTP_IN_ERLANG_REPORTS=1 it also runs the programs with OTP's own
# modules and compares the reports both print on stderr (gen_server,
# gen_statem, supervisor and crash reports): their headers and first lines,
# with pids, references and times masked, as multisets (the runs
# interleave differently). Stack traces are not compared: they name our
# modules instead of OTP's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
conf="$here/../../vm/conformance"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"
mods=$(cd "$here/../otp" && ls *.erl | sed 's/\.erl$//' | tr '\n' '|' | sed 's/|$//')
rename="s/\\b($mods)\\b/ob_\\1/g; s|\"ob_eunit/include/ob_eunit.hrl\"|\"eunit/include/eunit.hrl\"|"
for f in "$here"/../otp/*.erl; do
	m=$(basename "$f" .erl)
	sed -E "$rename" "$f" >"$tmp/ob_$m.erl"
done
(cd "$tmp" && erlc -o "$tmp" ob_*.erl 2>&1 | grep -v "behaviour ob_gen_server undefined\|^%" || true)
erlc -o "$tmp" "$conf/conformance_record.erl"
if [ "$#" -gt 0 ]; then
	names="$*"
else
	names=$(cd "$conf/testdata" && ls proc_*.erl link_*.erl mon_*.erl reg_*.erl timer_*.erl gs_*.erl sup_*.erl \
		statem_*.erl sys_*.erl hot_*.erl eunit_*.erl | sed 's/\.erl$//')
fi
sed -E "$rename" "$conf/testdata/conformance_runner.erl" >"$tmp/conformance_runner.erl"
for n in $names; do
	sed -E "$rename" "$conf/testdata/$n.erl" >"$tmp/$n.erl"
done
(cd "$tmp" && for n in conformance_runner $names; do erlc -o "$tmp" "$n.erl" >/dev/null 2>&1 || echo "$n.erl does not compile"; done)
(cd "$tmp" && erl +S 1 -noshell -pa "$tmp" -run conformance_record main "$tmp/out" $names) >"$tmp/stderr" 2>&1 || true
status=0 count=0 pass=0
for n in $names; do
	count=$((count + 1))
	sed -E "s/\\bob_($mods)\\b/\\1/g" "$tmp/out/$n.golden" >"$tmp/out/$n.got" 2>/dev/null || true
	if cmp -s "$tmp/out/$n.got" "$conf/testdata/$n.golden"; then
		pass=$((pass + 1))
	else
		echo "== $n differs (- golden, + with otpbox's OTP modules)"
		diff "$conf/testdata/$n.golden" "$tmp/out/$n.got" || true
		status=1
	fi
done
if [ -n "${OTP_IN_ERLANG_STDERR:-}" ]; then cp "$tmp/stderr" "$OTP_IN_ERLANG_STDERR"; fi
if [ "${OTP_IN_ERLANG_REPORTS:-}" = 1 ]; then
	mkdir "$tmp/otp" "$tmp/otp/out"
	(cd "$conf/testdata" && for n in conformance_runner $names; do erlc -o "$tmp/otp" "$n.erl" >/dev/null 2>&1; done)
	cp "$tmp/conformance_record.beam" "$tmp/otp/"
	(cd "$tmp/otp" && erl +S 1 -noshell -pa "$tmp/otp" -run conformance_record main "$tmp/otp/out" $names) >"$tmp/otp/stderr" 2>&1 || true
	skeleton() {
		sed -E 's/<[0-9]+\.[0-9]+\.[0-9]+>/<PID>/g; s/#Ref<[0-9.]+>/#Ref/g; s/=(.*REPORT)==== .* ===/=\1====/; s/\bob_//g' "$1" |
			grep -E '^=|^\*\* (Generic|Last|When|Reason|Undefined|Unhandled|State machine|Callback)|^    (supervisor|errorContext|reason):|^  crasher|^    (initial call|exception)|^Error in' | sort
	}
	skeleton "$tmp/otp/stderr" >"$tmp/otp.reports"
	skeleton "$tmp/stderr" >"$tmp/our.reports"
	if cmp -s "$tmp/otp.reports" "$tmp/our.reports"; then
		echo "the reports on stderr match OTP's ($(wc -l <"$tmp/our.reports") report lines)"
	else
		echo "== the reports on stderr differ (- OTP's modules, + ours)"
		diff "$tmp/otp.reports" "$tmp/our.reports" || true
		status=1
	fi
fi
echo "$pass of $count programs match their goldens with otpbox's OTP modules"
exit $status
