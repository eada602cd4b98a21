// The line charts' arithmetic: ticks a reader can read, domains that hold the data, decimation that keeps spikes.
import * as assert from 'node:assert/strict';
import {
  decimate,
  linearTicks,
  logTicks,
  makeScale,
  nearestIndex,
  niceLinear,
  yDomain,
  yExtent,
} from '../../../webview/chartScale';

describe('webview chart scales', () => {
  it('puts linear ticks on round 1-2-5 steps within the range, without float noise', () => {
    assert.deepEqual(linearTicks(0, 15000, 9), [0, 2000, 4000, 6000, 8000, 10000, 12000, 14000]);
    assert.deepEqual(linearTicks(0, 15000, 8), [0, 5000, 10000, 15000]);
    assert.deepEqual(linearTicks(0, 0.7, 8), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    assert.deepEqual(linearTicks(-1.3, 1.3, 6), [-1, 0, 1]);
    assert.deepEqual(linearTicks(-1.3, 1.3, 7), [-1, -0.5, 0, 0.5, 1]);
    for (const [lo, hi, n] of [
      [0, 3.47, 7],
      [0.013, 0.0191, 5],
      [2, 123456, 8],
    ]) {
      const t = linearTicks(lo, hi, n);
      assert.ok(t.length >= 2 && t.length <= n, `${t.length} ticks for [${lo}, ${hi}]`);
      assert.ok(
        t.every((v) => v >= lo && v <= hi),
        `${t} inside [${lo}, ${hi}]`,
      );
    }
    assert.deepEqual(linearTicks(1, 1, 5), [1]);
  });

  it('widens a linear axis to whole ticks at both ends, unless that wastes room or needs more ticks', () => {
    assert.deepEqual(niceLinear(0, 3.4, 8), [0, 3.5, [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]]);
    assert.deepEqual(niceLinear(-0.9, 0.45, 4), [-1, 0.5, [-1, -0.5, 0, 0.5]]);
    // 0 to 40 would waste half a small histogram: its own top stays.
    assert.deepEqual(niceLinear(0, 20.8, 3), [0, 20.8, [0, 20]]);
    // Five ticks from −5 to 10 would be more than three.
    assert.deepEqual(niceLinear(-4.2, 5.1, 3), [-4.2, 5.1, [0, 5]]);
  });

  it('puts log ticks on decades, thinned when many, and on 1-2-5 within a decade or two', () => {
    assert.deepEqual(logTicks(0.005, 300, 6), [0.01, 0.1, 1, 10, 100]);
    assert.deepEqual(logTicks(1e-6, 1e6, 6), [1e-6, 1e-3, 1, 1e3, 1e6]);
    assert.deepEqual(logTicks(0.15, 0.9, 6), [0.2, 0.5]);
    assert.deepEqual(logTicks(0.3, 4, 6), [0.5, 1, 2]);
    assert.deepEqual(logTicks(0, 4, 6), []);
  });

  it('holds the data in the y domain: linear from 0 with grace above, log padded around both ends', () => {
    assert.deepEqual(yDomain(0.07, 0.7, false, true, 0.04), [0, 0.7 + 0.7 * 0.04]);
    const [l0, l1] = yDomain(0.07, 0.7, true, true, 0.04);
    assert.ok(l0 < 0.07 && l0 > 0.06 && l1 > 0.7 && l1 < 0.8, `${l0}, ${l1}`);
    const [f0, f1] = yDomain(2, 2, true, false, 0.04);
    assert.ok(f0 < 2 && f1 > 2);
    assert.deepEqual(yDomain(NaN, NaN, false, true, 0.04), [0, 1]);
    assert.deepEqual(yExtent([{ y: [3, NaN, -1, Infinity, 0.5] }, { y: [] }], false), [-1, 3]);
    assert.deepEqual(yExtent([{ y: [3, NaN, -1, 0, 0.5] }], true), [0.5, 3]);
  });

  it('maps values to pixels and back, on both kinds of axis', () => {
    const lin = makeScale(0, 100, 10, 210, false);
    assert.equal(lin.toPx(50), 110);
    assert.equal(lin.fromPx(110), 50);
    const log = makeScale(0.01, 100, 300, 100, true);
    assert.equal(log.toPx(1), 200);
    assert.ok(Math.abs(log.fromPx(150) - 10) < 1e-12);
  });

  it('decimates to the first, lowest, highest and last point of each pixel column, keeping spikes and gaps', () => {
    const y = [5, 1, 9, 4, 3, 3, NaN, 2, 8, 7];
    // Columns: points 0–5 in column 0, 6–9 in column 1.
    const col = (i: number): number => (i < 6 ? 0 : 1);
    assert.deepEqual(decimate(y.length, y, col), [0, 1, 2, 5, 6, 7, 8, 9]);
    const many = Array.from({ length: 10_000 }, (_, i) => Math.sin(i) + (i === 4321 ? 50 : 0));
    const picks = decimate(many.length, many, (i) => Math.floor(i / 100));
    assert.ok(picks.length <= 400, `${picks.length} points kept`);
    assert.ok(picks.includes(4321), 'the spike is kept');
    assert.deepEqual(
      picks.slice().sort((a, b) => a - b),
      picks,
      'in x order',
    );
  });

  it('finds the nearest x, ties going left', () => {
    const xs = [0, 50, 100, 1000];
    assert.equal(nearestIndex(xs, -5), 0);
    assert.equal(nearestIndex(xs, 74), 1);
    assert.equal(nearestIndex(xs, 75), 1);
    assert.equal(nearestIndex(xs, 76), 2);
    assert.equal(nearestIndex(xs, 5000), 3);
    assert.equal(nearestIndex([], 1), -1);
  });
});
