#!/bin/sh
# Regenerates the conformance goldens from real Erlang/OTP 25.
#
#   sandbox/erl/vm/conformance/record.sh [NAME...]
#
# Each testdata/NAME.erl is compiled with erlc from inside testdata (so that
# stack traces say {file,"NAME.erl"}), run twice through conformance_runner,
# and the two outputs must agree (a golden must not depend on timing or
# addresses) before testdata/NAME.golden is written. Needs erl and erlc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
td="$here/testdata"
command -v erlc >/dev/null || { echo "record.sh: erlc not found (install Erlang/OTP 25)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/ebin" "$tmp/a" "$tmp/b"

if [ "$#" -gt 0 ]; then
	names="$*"
else
	names=$(cd "$td" && ls *.erl | sed 's/\.erl$//' | grep -v '^conformance_runner$')
fi

erlc -o "$tmp/ebin" "$here/conformance_record.erl"
(cd "$td" && erlc -o "$tmp/ebin" conformance_runner.erl)
for n in $names; do
	(cd "$td" && erlc -o "$tmp/ebin" "$n.erl") || { echo "record.sh: $n.erl does not compile" >&2; exit 1; }
done

for run in a b; do
	# +S 1: one scheduler, as the benchmarks use; -noshell: no shell, no banner.
	erl +S 1 -noshell -pa "$tmp/ebin" -run conformance_record main "$tmp/$run" $names
done

status=0
for n in $names; do
	if cmp -s "$tmp/a/$n.golden" "$tmp/b/$n.golden"; then
		cp "$tmp/a/$n.golden" "$td/$n.golden"
	else
		echo "record.sh: $n is not deterministic:" >&2
		diff "$tmp/a/$n.golden" "$tmp/b/$n.golden" >&2 || true
		status=1
	fi
done
exit $status
