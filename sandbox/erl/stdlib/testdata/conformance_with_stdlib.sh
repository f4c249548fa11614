#!/bin/sh
# Runs the VM conformance suite in real Erlang/OTP 25 with otpbox's lists,
# maps, proplists, string and unicode loaded in place of OTP's, and diffs
# the output with the goldens (which were recorded with OTP's modules). So
# the goldens' results, error reasons and stack frames that go through the
# standard library are checked against this stdlib without otpbox's VM.
# BEAM binds the BIF stubs (erlang:nif_error) to its own BIFs, as the VM
# does to Go. Needs erl and erlc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
conf="$here/../../vm/conformance"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"
erlc -o "$tmp" "$here/stdlib_swap.erl" "$conf/conformance_record.erl"
names=$(cd "$conf/testdata" && ls *.erl | sed 's/\.erl$//')
for n in $names; do
	(cd "$conf/testdata" && erlc -o "$tmp" "$n.erl" >/dev/null 2>&1)
done
names=$(echo "$names" | grep -v '^conformance_runner$')
(cd "$tmp" && erl +S 1 -noshell -pa "$tmp" -run stdlib_swap main "$here/.." "$tmp/out" $names)
status=0 count=0
for n in $names; do
	count=$((count + 1))
	if ! cmp -s "$tmp/out/$n.golden" "$conf/testdata/$n.golden"; then
		echo "== $n differs (- golden, + with otpbox's stdlib)"
		diff "$conf/testdata/$n.golden" "$tmp/out/$n.golden" || true
		status=1
	fi
done
[ $status -eq 0 ] && echo "all $count programs match their goldens with otpbox's stdlib"
exit $status
