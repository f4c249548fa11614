#!/bin/sh
# Records real erlc's warnings for every .erl file of OTP's stdlib and kernel
# sources into warnings.txt beside this script, one line per diagnostic:
#   app/src/file.erl:LINE:COL: Warning: message
# after a header line starting with '#'. The corpus test checks that
# otpbox's diagnostics on these files are a subset of these. OTP 25's
# sources compile without a single warning, so the list is empty there.
# Needs erlc (OTP 25) and Debian's erlang-src; run from anywhere:
#   sh sandbox/erl/sema/testdata/otp/record.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
lib=${OTP_LIB:-/usr/lib/erlang/lib}
kernel=$(ls -d "$lib"/kernel-* | sort | tail -n 1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0
for app in stdlib kernel; do
	dir=$(ls -d "$lib/$app"-* | sort | tail -n 1)
	for f in "$dir"/src/*.erl; do
		base=$(basename "$f")
		# -I: the app's own include directory and kernel's, as OTP's
		# makefiles pass them; erlc also finds headers beside the source.
		if ! (cd "$dir/src" && erlc -W -I "$dir/include" -I "$kernel/include" -o "$out" "$base") >"$out/log" 2>&1; then
			echo "record.sh: erlc failed on $f:" >&2
			cat "$out/log" >&2
			exit 1
		fi
		grep -E '^[^:]+:[0-9]+:([0-9]+:)? ' "$out/log" | sed "s|^$base:|$app/src/$base:|" >>"$out/warnings" || true
		n=$((n + 1))
	done
done
{
	echo "# erlc -W ($(erl -noshell -eval 'io:put_chars(erlang:system_info(otp_release)), halt().')) on $n files of stdlib and kernel"
	sort -t: -k1,1 -k2,2n -k3,3n "$out/warnings" 2>/dev/null || true
} >"$here/warnings.txt"
