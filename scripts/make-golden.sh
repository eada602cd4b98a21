#!/usr/bin/env bash
# Regenerates the golden results in test/golden/ from the NumPy reference (needs Debian's python3-numpy/sklearn).
# Run once after adding a golden experiment and commit the *.expected.json files; tests never need Python.
# The reference is scripts/reference/initexp_reference.py (REFERENCE=path overrides it); to check that it still
# reproduces the committed fixtures without rewriting them, run scripts/reference/check_golden.py.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${REFERENCE:-scripts/reference/initexp_reference.py}
for f in test/golden/*.initexp.json; do
  out=${f%.initexp.json}.expected.json
  echo "reference: $f -> $out" >&2
  /usr/bin/python3 "$ref" "$f" > "$out.tmp" && mv "$out.tmp" "$out"
done
