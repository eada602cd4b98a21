// Analytic gradients (network.ts backward) against central finite differences, for every activation and loss.
import * as assert from 'node:assert/strict';
import { backward, cost, forward, zeroParams } from '../../../../src/core/engine/network';
import type { Params } from '../../../../src/core/engine/network';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';
import { HIDDEN_ACTIVATIONS, LOSSES } from '../../../../src/core/experiment/types';
import type { HiddenActivation, LossKind } from '../../../../src/core/experiment/types';

const LAYERS = [2, 4, 3, 1];
const M = 12;
const ALPHA = 0.05;

function setup(seed: number): { p: Params; X: Float64Array; Y: Float64Array } {
  const rng = new NumpyRandomState(seed);
  const p = zeroParams(LAYERS);
  for (const W of p.W) for (let i = 0; i < W.length; i++) W[i] = rng.randn() * 0.8;
  for (const b of p.b) for (let i = 0; i < b.length; i++) b[i] = rng.randn() * 0.1;
  const X = new Float64Array(2 * M);
  for (let i = 0; i < X.length; i++) X[i] = rng.randn();
  const Y = new Float64Array(M);
  for (let i = 0; i < M; i++) Y[i] = rng.random() < 0.5 ? 0 : 1;
  return { p, X, Y };
}

function lossOf(p: Params, X: Float64Array, Y: Float64Array, hidden: HiddenActivation, loss: LossKind): number {
  const { A, Z } = forward(p, X, M, hidden, ALPHA);
  return cost(loss, A[A.length - 1], Z[Z.length - 1], Y);
}

/** Relative error of the whole gradient vector, as in the course's gradient-checking notebook. */
function gradCheck(hidden: HiddenActivation, loss: LossKind, seed: number): number {
  const { p, X, Y } = setup(seed);
  const cache = forward(p, X, M, hidden, ALPHA);
  const g = backward(p, cache, Y, M, hidden, ALPHA);
  const eps = 1e-6;
  let diff2 = 0,
    num2 = 0,
    ana2 = 0;
  const groups: [Float64Array[], Float64Array[]][] = [
    [p.W, g.W],
    [p.b, g.b],
  ];
  for (const [params, grads] of groups) {
    params.forEach((arr, l) => {
      for (let i = 0; i < arr.length; i++) {
        const keep = arr[i];
        arr[i] = keep + eps;
        const up = lossOf(p, X, Y, hidden, loss);
        arr[i] = keep - eps;
        const down = lossOf(p, X, Y, hidden, loss);
        arr[i] = keep;
        const numeric = (up - down) / (2 * eps);
        const analytic = grads[l][i];
        diff2 += (numeric - analytic) ** 2;
        num2 += numeric ** 2;
        ana2 += analytic ** 2;
      }
    });
  }
  return Math.sqrt(diff2) / (Math.sqrt(num2) + Math.sqrt(ana2));
}

describe('gradients: backward vs finite differences', () => {
  for (const hidden of HIDDEN_ACTIVATIONS) {
    for (const loss of LOSSES) {
      it(`${hidden} hidden, ${loss} loss: relative error < 1e-7`, () => {
        for (const seed of [1, 2, 3]) {
          const err = gradCheck(hidden, loss, seed);
          assert.ok(err < 1e-7, `seed ${seed}: relative error ${err}`);
        }
      });
    }
  }

  it('detects a wrong gradient (the check can fail)', () => {
    const { p, X, Y } = setup(4);
    const cache = forward(p, X, M, 'tanh', ALPHA);
    const g = backward(p, cache, Y, M, 'tanh', ALPHA);
    const eps = 1e-6;
    const keep = p.W[0][0];
    p.W[0][0] = keep + eps;
    const up = lossOf(p, X, Y, 'tanh', 'stable');
    p.W[0][0] = keep - eps;
    const down = lossOf(p, X, Y, 'tanh', 'stable');
    const numeric = (up - down) / (2 * eps);
    // A gradient off by 1% is far outside the tolerance used above.
    const wrong = g.W[0][0] * 1.01;
    assert.ok(Math.abs(wrong - numeric) / (Math.abs(wrong) + Math.abs(numeric)) > 1e-7);
  });
});
