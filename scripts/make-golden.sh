#!/usr/bin/env bash
# Regenerates the golden results in test/golden/ from the NumPy reference (needs Debian's python3-numpy/sklearn).
# Run once after adding a golden experiment and commit the *.expected.json files; tests never need Python.
# Usage: scripts/make-golden.sh [test/golden/NAME.initexp.json ...]   (default: every golden experiment)
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${REFERENCE:-scripts/reference/initexp_reference.py}
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(test/golden/*.initexp.json)
for f in "${files[@]}"; do
  out=${f%.initexp.json}.expected.json
  echo "reference: $f -> $out" >&2
  /usr/bin/python3 "$ref" "$f" > "$out.tmp" && mv "$out.tmp" "$out"
done
