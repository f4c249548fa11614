#!/bin/sh
# Re-records the golden files of sandbox/erl/epp's tests from real Erlang/OTP
# (25, the version otpbox mirrors). Run from anywhere; needs escript in PATH.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$here"/cases/*.txtar; do
	EPP_CASE_TMP=$tmp escript "$here/record.escript" "$f"
done
echo "recorded $(ls "$here"/cases/*.golden | wc -l) golden files" >&2
escript "$here/record.escript" corpus >"$here/otp_corpus.golden"
echo "recorded otp_corpus.golden" >&2
"$here/check_eunit.sh"
