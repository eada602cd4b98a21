#!/usr/bin/env python3
"""Checks that the NumPy reference still reproduces the committed golden fixtures.

For every test/golden/NAME.initexp.json this runs scripts/reference/initexp_reference.py in-process and
compares its result with the committed test/golden/NAME.expected.json: run names, logged iterations and
accuracies must be equal, costs equal within a relative tolerance (default 1e-12; non-finite costs must
match exactly, in either spelling: "Infinity" as the CLI writes it or "inf" as Python's str does).
Timings ("ms") are ignored. Chaotic runs (listed in CHAOTIC, as in test/unit/golden.test.ts) only need
the same non-finite costs and accuracies. Prints one line per run and exits 1 on any mismatch.

Why not byte equality: NumPy picks its exp/log/tanh at run time. On CPUs with AVX-512 it uses its own
SIMD code, elsewhere the C library, and the two differ in the last bit for a fraction of inputs; so
fixtures made on one kind of machine are reproduced on the other to about 1e-15, not bit for bit.

Usage: python3 scripts/reference/check_golden.py [--rel-tol 1e-12] [NAME.initexp.json ...]
"""

import argparse
import glob
import math
import os
import sys
import json

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import initexp_reference as reference  # noqa: E402  (the reference lives next to this script)

SPELLINGS = {'Infinity': math.inf, 'inf': math.inf, '-Infinity': -math.inf, '-inf': -math.inf,
             'NaN': math.nan, 'nan': math.nan}


# Runs whose trajectory amplifies last-bit differences until only a few digits agree (×10 weights
# saturate the sigmoid); the same list as CHAOTIC in test/unit/golden.test.ts.
CHAOTIC = {('notebook.initexp.json', 'random x10')}


def as_float(x):
    return SPELLINGS[x] if isinstance(x, str) else float(x)


def same_cost(got, want, rel_tol):
    if math.isnan(want) or math.isinf(want):
        return got == want or (math.isnan(got) and math.isnan(want))
    return abs(got - want) <= rel_tol * abs(want)


def check(experiment_path, rel_tol):
    """Returns (runs checked, problems as strings, largest relative cost difference)."""
    expected_path = experiment_path[:-len('.initexp.json')] + '.expected.json'
    with open(expected_path, encoding='utf-8') as f:
        expected = json.load(f)
    with np.errstate(all='ignore'):
        got = reference.run_experiment(reference.read_experiment(experiment_path))
    problems = []
    worst = 0.0
    if len(got['runs']) != len(expected['runs']):
        problems.append('%d runs, fixture has %d' % (len(got['runs']), len(expected['runs'])))
    for g, w in zip(got['runs'], expected['runs']):
        label = '%s / %s' % (os.path.basename(experiment_path), w['name'])
        if g['name'] != w['name']:
            problems.append('%s: run name %r' % (label, g['name']))
        if [i for i, _ in g['costs']] != [i for i, _ in w['costs']]:
            problems.append('%s: logged iterations differ' % label)
        chaotic = (os.path.basename(experiment_path), w['name']) in CHAOTIC
        identical = True
        run_worst = 0.0
        for (i, gc), (_, wc) in zip(g['costs'], w['costs']):
            gc, wc = as_float(gc), as_float(wc)
            identical = identical and (gc == wc or (math.isnan(gc) and math.isnan(wc)))
            if math.isfinite(wc) and wc != 0:
                run_worst = max(run_worst, abs(gc - wc) / abs(wc))
            tol = math.inf if chaotic and math.isfinite(wc) else rel_tol
            if not same_cost(gc, wc, tol):
                problems.append('%s: iteration %d cost %r, fixture %r' % (label, i, gc, wc))
        if not chaotic:
            worst = max(worst, run_worst)
        for key in ('trainAccuracy', 'testAccuracy'):
            if g[key] != w[key]:
                problems.append('%s: %s %r, fixture %r' % (label, key, g[key], w[key]))
        print('%-57s %s, largest relative difference %.2g%s' % (
            label, 'costs identical' if identical else 'costs differ', run_worst, ' (chaotic)' if chaotic else ''))
    return len(expected['runs']), problems, worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rel-tol', type=float, default=1e-12)
    parser.add_argument('files', nargs='*')
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(ROOT, 'test', 'golden', '*.initexp.json')))
    runs, problems, worst = 0, [], 0.0
    for path in files:
        n, p, w = check(path, args.rel_tol)
        runs, worst = runs + n, max(worst, w)
        problems += p
    for p in problems:
        print('MISMATCH ' + p)
    print('%d experiments, %d runs, largest relative cost difference (chaotic runs aside) %.3g, '
          '%d mismatches (rel tol %g)'
          % (len(files), runs, worst, len(problems), args.rel_tol))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
