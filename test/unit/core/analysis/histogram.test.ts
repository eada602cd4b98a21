// Histograms and the percentiles they imply: exact values on constructed bins, and agreement with sorted samples.
import * as assert from 'node:assert/strict';
import {
  BAND_PERCENTILES,
  histogram,
  histogramPercentiles,
  layerPercentiles,
} from '../../../../src/core/analysis/histogram';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

describe('histogram', () => {
  it('bins values·scale, skipping non-finite ones', () => {
    const h = histogram(Float64Array.of(0, 1, 2, 3, NaN, Infinity), 3, 10);
    assert.deepEqual(h, { min: 0, max: 30, counts: [1, 1, 2] });
  });

  it('gives a constant set a unit-wide range around its scaled value', () => {
    assert.deepEqual(histogram(Float64Array.of(2, 2), 2, 3), { min: 5.5, max: 6.5, counts: [0, 2] });
  });
});

describe('histogram percentiles', () => {
  it('interpolates within a bin: four equal bins over [0, 4] give the uniform quantiles', () => {
    const h = { min: 0, max: 4, counts: [5, 5, 5, 5] };
    assert.deepEqual(histogramPercentiles(h, [0, 12.5, 25, 50, 90, 100]), [0, 0.5, 1, 2, 3.6, 4]);
  });

  it('skips empty bins: the mass in bins 0 and 3 puts the median at the end of bin 0', () => {
    const h = { min: 0, max: 4, counts: [2, 0, 0, 2] };
    assert.deepEqual(histogramPercentiles(h, [0, 50, 75, 100]), [0, 1, 3.5, 4]);
  });

  it('has none for an empty histogram', () => {
    assert.equal(histogramPercentiles({ min: -0.5, max: 0.5, counts: [0, 0] }), null);
  });

  it("is within one bin of the sorted samples' percentiles (10,000 normal draws)", () => {
    const rng = new NumpyRandomState(3);
    const x = new Float64Array(10_000).map(() => rng.randn());
    const h = histogram(x, 30);
    const bin = (h.max - h.min) / 30;
    const sorted = x.slice().sort();
    const q = histogramPercentiles(h) ?? [];
    BAND_PERCENTILES.forEach((p, i) => {
      const exact = sorted[Math.min(x.length - 1, Math.floor((p / 100) * x.length))];
      assert.ok(Math.abs(q[i] - exact) <= bin, `${p} %: ${q[i]} vs ${exact}`);
    });
    assert.equal(q[0], sorted[0]);
    assert.equal(q[q.length - 1], sorted[x.length - 1]);
  });

  it("reads a constant matrix (zeros) as its value at every percentile, not its histogram's unit range", () => {
    const zeros = { histogram: histogram(new Float64Array(6), 30), mean: 0, std: 0, nonFinite: 0 };
    assert.deepEqual(
      layerPercentiles(zeros),
      BAND_PERCENTILES.map(() => 0),
    );
  });
});
