// Signal flow and unit health: exact values on a hand-computable net, dW agreement with backward(), constructed units.
import * as assert from 'node:assert/strict';
import { backward, forward, zeroParams } from '../../../../src/core/engine/network';
import type { Params } from '../../../../src/core/engine/network';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';
import type { Dataset, HiddenActivation, NetworkSpec } from '../../../../src/core/experiment/types';
import { backpropagated, finiteHistogram, signalSnapshot, stdOf } from '../../../../src/core/analysis/signalFlow';
import { deadFraction, saturatedFraction, SATURATION_Z, unitHealth } from '../../../../src/core/analysis/unitHealth';

const net = (layers: number[], hidden: HiddenActivation, alpha = 0.01): NetworkSpec => ({
  layers,
  hiddenActivation: hidden,
  outputActivation: 'sigmoid',
  leakyReluAlpha: alpha,
});
const close = (a: number | null, b: number, tol = 1e-12): void => {
  assert.ok(a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);
};

describe('signal flow', () => {
  // 1 input, 2 ReLU units with weights +1 and −1, one sigmoid output with weights (1, 1); x = (1, −1), y = (1, 0).
  // Z1 = [[1, −1], [−1, 1]], A1 = [[1, 0], [0, 1]], Z2 = (1, 1), A2 = (σ(1), σ(1)).
  // Per-sample dZ2 = A2 − Y = (σ(1) − 1, σ(1)), dA1 = W2ᵀ·dZ2 (both rows equal), dZ1 = dA1 · [A1 > 0].
  const p: Params = {
    layers: [1, 2, 1],
    W: [Float64Array.of(1, -1), Float64Array.of(1, 1)],
    b: [new Float64Array(2), new Float64Array(1)],
  };
  const data: Dataset = { m: 2, X: Float64Array.of(1, -1), Y: Float64Array.of(1, 0) };
  const s1 = 1 / (1 + Math.exp(-1));

  it('gives the hand-computed stds of Z, A, dZ and dA', () => {
    const s = signalSnapshot(p, data, net([1, 2, 1], 'relu'), 0);
    assert.equal(s.inputStd, 1);
    const [h, o] = s.layers;
    close(h.zStd, 1);
    close(h.aStd, 0.5);
    close(o.zStd, 0);
    close(o.aStd, 0);
    // σ(1) − 1 and σ(1) differ by exactly 1: their std is 1/2.
    close(o.dzStd, 0.5);
    close(h.daStd, 0.5);
    // dZ1 = {σ(1) − 1, 0, 0, σ(1)}.
    const v = [s1 - 1, 0, 0, s1];
    const mean = v.reduce((a, b) => a + b) / 4;
    close(h.dzStd, Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / 4));
    assert.equal(o.daStd, null, 'no dA for the output layer');
    assert.equal(h.dead, 0, 'each unit fires on one sample');
    assert.equal(h.saturated, null, 'ReLU does not saturate');
    assert.equal(o.dead, null, 'the output layer has no unit health');
  });

  it('bins the activations and the per-sample gradients of every layer', () => {
    const [h, o] = signalSnapshot(p, data, net([1, 2, 1], 'relu'), 0).layers;
    const bins = (at: Record<number, number>): number[] => Array.from({ length: 30 }, (_, i) => at[i] ?? 0);
    // A1 = {1, 0, 0, 1}: the extremes fill the first and the last bin.
    assert.deepEqual(h.aHist, { min: 0, max: 1, counts: bins({ 0: 2, 29: 2 }) });
    // A2 = {σ(1), σ(1)}: a constant gets the unit-wide range around it, both in the middle bin.
    assert.deepEqual(o.aHist, { min: s1 - 0.5, max: s1 + 0.5, counts: bins({ 15: 2 }) });
    // Per sample (·m): dZ2 = {σ(1) − 1, σ(1)}; dZ1 = {σ(1) − 1, 0, 0, σ(1)}, whose zeros sit 0.269 of the way up.
    assert.deepEqual(o.dzHist, { min: s1 - 1, max: s1, counts: bins({ 0: 1, 29: 1 }) });
    assert.deepEqual(h.dzHist?.counts, bins({ 0: 1, [Math.floor(30 * (1 - s1))]: 2, 29: 1 }));
  });

  it("dZ_l · A_{l−1}ᵀ reproduces backward()'s dW for every activation", () => {
    const rng = new NumpyRandomState(7);
    const layers = [2, 5, 4, 3, 1];
    const m = 9;
    for (const hidden of ['relu', 'tanh', 'sigmoid', 'leakyRelu'] as const) {
      const q = zeroParams(layers);
      for (const W of q.W) for (let i = 0; i < W.length; i++) W[i] = rng.randn();
      for (const b of q.b) for (let i = 0; i < b.length; i++) b[i] = 0.1 * rng.randn();
      const X = new Float64Array(2 * m).map(() => rng.randn());
      const Y = new Float64Array(m).map(() => (rng.random() < 0.5 ? 0 : 1));
      const spec = net(layers, hidden, 0.1);
      const { A } = forward(q, X, m, hidden, 0.1);
      const { dZ } = backpropagated(q, A, Y, m, spec);
      const grads = backward(q, { A, Z: [] }, Y, m, hidden, 0.1);
      for (let l = 1; l < layers.length; l++) {
        for (let j = 0; j < layers[l]; j++) {
          for (let i = 0; i < layers[l - 1]; i++) {
            let s = 0;
            for (let k = 0; k < m; k++) s += dZ[l - 1][j * m + k] * A[l - 1][i * m + k];
            assert.ok(Math.abs(s - grads.W[l - 1][j * layers[l - 1] + i]) < 1e-12, `${hidden} dW${l}[${j},${i}]`);
          }
        }
      }
    }
  });

  it('reports null, not NaN, for a diverged network', () => {
    const bad: Params = { ...p, W: [Float64Array.of(NaN, 1), Float64Array.of(1, 1)] };
    const s = signalSnapshot(bad, data, net([1, 2, 1], 'relu'), 5);
    assert.equal(s.iteration, 5);
    assert.equal(s.layers[0].zStd, null);
    assert.equal(s.layers[0].dead, null);
    assert.equal(finiteHistogram(Float64Array.of(1, NaN), 2), null, 'no histogram of a layer with NaN in it');
    assert.equal(stdOf(Float64Array.of(1, Infinity)), null);
  });
});

describe('unit health', () => {
  it('counts a unit as dead only when it is never active', () => {
    // 3 units × 4 samples: always negative, active once, always positive.
    const Z = Float64Array.of(-1, -2, 0, -0.5, -1, 3, -1, -1, 1, 2, 3, 4);
    assert.equal(deadFraction(Z, 3, 4), 1 / 3);
  });

  it('counts a unit as saturated when |z| > 3 on more than half of the samples', () => {
    const t = SATURATION_Z;
    // On 4 samples: 3 saturated (yes), exactly 2 (no: not more than half), none (no), all negative (yes).
    const Z = Float64Array.of(t + 1, -t - 1, t + 0.5, 0, t + 1, -t - 1, 0, 0, 0, 1, -1, 2, -9, -9, -9, -9);
    assert.equal(saturatedFraction(Z, 4, 4), 0.5);
  });

  it('dead ReLUs from constructed weights: units whose weights are negative on positive inputs', () => {
    // Inputs all positive; of 4 ReLU units two have only negative weights and never fire.
    const p: Params = {
      layers: [2, 4, 1],
      W: [Float64Array.of(1, 0.5, -1, -2, 0.3, -0.1, -0.2, -0.7), Float64Array.of(1, 1, 1, 1)],
      b: [new Float64Array(4), new Float64Array(1)],
    };
    const m = 5;
    const X = new Float64Array(2 * m).map((_, i) => 0.1 + i / 10);
    const s = signalSnapshot(p, { m, X, Y: new Float64Array(m) }, net([2, 4, 1], 'relu'), 0);
    assert.equal(s.layers[0].dead, 0.5);
  });

  it('saturated tanh units from constructed weights: large weights saturate, small ones do not', () => {
    const p: Params = {
      layers: [2, 3, 1],
      W: [Float64Array.of(50, 50, 0.1, 0.1, -40, -40), Float64Array.of(1, 1, 1)],
      b: [new Float64Array(3), new Float64Array(1)],
    };
    const m = 6;
    const X = new Float64Array(2 * m).map((_, i) => (i % 2 ? 1 : -1) * (0.5 + i / 12));
    const s = signalSnapshot(p, { m, X, Y: new Float64Array(m) }, net([2, 3, 1], 'tanh'), 0);
    assert.equal(s.layers[0].saturated, 2 / 3);
  });

  it('has no dead figure for leaky ReLU and no saturation figure for ReLU', () => {
    const Z = Float64Array.of(-5, -5);
    assert.deepEqual(unitHealth('leakyRelu', Z, 1, 2), { dead: null, saturated: null });
    assert.deepEqual(unitHealth('relu', Z, 1, 2), { dead: 1, saturated: null });
    assert.deepEqual(unitHealth('sigmoid', Z, 1, 2), { dead: null, saturated: 1 });
  });
});
