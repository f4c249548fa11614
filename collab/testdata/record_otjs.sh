#!/bin/sh
# Re-records otjs_golden.json from ot.js itself (npm package "ot"), the
# reference for collab's operations. Needs node and npm; CI does not run it:
# the tests read the recorded file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent ot@0.0.15 >/dev/null && tar xzf ot-0.0.15.tgz)
node "$here/otjs_record.js" "$tmp/package/lib" > "$here/otjs_golden.json"
echo "recorded $here/otjs_golden.json"
