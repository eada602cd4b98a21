// The scheme's distribution drawn over the weight histogram: CDFs that are CDFs, and counts a draw really gives.
import * as assert from 'node:assert/strict';
import { histogram } from '../../../../src/core/analysis/histogram';
import { expectedCounts, phi, schemeCdf } from '../../../../src/core/analysis/schemeDensity';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';
import type { InitSpec } from '../../../../src/core/experiment/types';
import { INIT_SCHEMES } from '../../../../src/core/experiment/types';
import { initWeights } from '../../../../src/core/training/initializers';

const SPECS: InitSpec[] = INIT_SCHEMES.filter((s) => s !== 'zeros').map((scheme) => ({
  scheme,
  std: 0.3,
  limit: 0.7,
  gain: 1.3,
}));

describe('scheme density', () => {
  it('Φ is the standard normal CDF (to 1e-7)', () => {
    assert.ok(Math.abs(phi(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(phi(1) - 0.8413447460685429) < 1e-7);
    assert.ok(Math.abs(phi(-2) - 0.022750131948179195) < 1e-7);
  });

  it('every scheme but zeros has a CDF rising from 0 to 1', () => {
    for (const spec of SPECS) {
      for (const [fanIn, fanOut] of [
        [5, 5],
        [2, 10],
        [40, 30],
      ]) {
        const cdf = schemeCdf(spec, fanIn, fanOut);
        assert.ok(cdf, `${spec.scheme} ${fanIn}×${fanOut}`);
        let last = -1;
        for (let x = -20; x <= 20; x += 0.01) {
          const v = cdf(x);
          assert.ok(v >= last - 1e-12 && v >= 0 && v <= 1, `${spec.scheme}: CDF(${x}) = ${v}`);
          last = v;
        }
        assert.ok(cdf(-20) < 1e-9 && cdf(20) > 1 - 1e-9, spec.scheme);
      }
    }
  });

  it('zeros (and a 1×1 orthogonal matrix) draw one value: no curve', () => {
    assert.equal(schemeCdf({ scheme: 'zeros' }, 4, 4), null);
    assert.equal(schemeCdf({ scheme: 'orthogonal' }, 1, 1), null);
    assert.equal(expectedCounts({ scheme: 'zeros' }, 4, 4, 16, -1, 1, 10), null);
  });

  it("agrees with the histogram of each scheme's real draws (every bin within 5 √expected + 3)", () => {
    const rng = new NumpyRandomState(21);
    for (const spec of SPECS) {
      for (const [fanIn, fanOut] of [
        [60, 80],
        [3, 40],
      ]) {
        // Several draws of the layer, pooled: enough weights for a tight histogram.
        const draws = Math.ceil(40_000 / (fanIn * fanOut));
        const all = new Float64Array(draws * fanIn * fanOut);
        for (let d = 0; d < draws; d++) all.set(initWeights(spec, fanIn, fanOut, rng), d * fanIn * fanOut);
        const h = histogram(all, 30);
        const expected = expectedCounts(spec, fanIn, fanOut, all.length, h.min, h.max, 30);
        assert.ok(expected, spec.scheme);
        const total = expected.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(total / all.length - 1) < 0.01, `${spec.scheme}: expected total ${total} of ${all.length}`);
        h.counts.forEach((observed, i) => {
          const e = expected[i];
          assert.ok(
            Math.abs(observed - e) <= 5 * Math.sqrt(e) + 3,
            `${spec.scheme} ${fanIn}×${fanOut} bin ${i}: observed ${observed}, expected ${e.toFixed(1)}`,
          );
        });
      }
    }
  });
});
