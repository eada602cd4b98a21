// The compiled step (step.ts) against the readable network.ts arithmetic: bit-identical trajectories.
import * as assert from 'node:assert/strict';
import { cloneParams, forward } from '../../../../src/core/engine/network';
import { allocateBuffers, compileForward, compileStep } from '../../../../src/core/engine/step';
import { HIDDEN_ACTIVATIONS, LOSSES } from '../../../../src/core/experiment/types';
import { SMALL_SHAPES, plainStep, randomProblem } from './reference';

describe('compiled step', () => {
  for (const layers of SMALL_SHAPES) {
    for (const hidden of HIDDEN_ACTIVATIONS) {
      for (const loss of LOSSES) {
        it(`layers [${layers}] ${hidden} ${loss}: same costs and weights, bit for bit, over 50 iterations`, () => {
          const m = 37;
          const { p, X, Y } = randomProblem(layers, m, 7);
          const q = cloneParams(p);
          const step = compileStep({ layers, m, hidden, alpha: 0.02, loss, learningRate: 0.3 }, Y);
          const buffers = allocateBuffers(layers, X, m);
          for (let it = 0; it < 50; it++) {
            const expected = plainStep(p, X, Y, { layers, m, hidden, alpha: 0.02, loss, learningRate: 0.3 }).cost;
            const got = step(q, buffers, true);
            assert.equal(Object.is(got, expected) || got === expected, true, `iteration ${it}: ${got} vs ${expected}`);
          }
          p.W.forEach((W, l) => assert.deepEqual(Array.from(q.W[l]), Array.from(W)));
          p.b.forEach((b, l) => assert.deepEqual(Array.from(q.b[l]), Array.from(b)));
        });
      }
    }
  }

  it('returns NaN as cost when not asked for one, and still updates', () => {
    const { p, X, Y } = randomProblem([2, 4, 1], 9, 1);
    const before = p.W[0].slice();
    const step = compileStep(
      { layers: [2, 4, 1], m: 9, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0.5 },
      Y,
    );
    assert.ok(Number.isNaN(step(p, allocateBuffers([2, 4, 1], X, 9), false)));
    assert.notDeepEqual(Array.from(p.W[0]), Array.from(before));
  });
});

describe('compiled forward', () => {
  for (const layers of [
    [2, 10, 5, 1],
    [2, 40, 1],
    [2, 36, 34, 1],
  ]) {
    for (const hidden of HIDDEN_ACTIVATIONS) {
      it(`layers [${layers}] ${hidden}: the same probabilities as network.ts forward, bit for bit`, () => {
        const m = 53;
        const { p, X } = randomProblem(layers, m, 11);
        const want = forward(p, X, m, hidden, 0.03).A[layers.length - 1];
        const f = compileForward({ layers, m, hidden, alpha: 0.03 });
        assert.deepEqual(Array.from(f(p, X)), Array.from(want));
        // A second call with other inputs reuses the buffers and still agrees.
        const X2 = X.map((v) => -v);
        assert.deepEqual(Array.from(f(p, X2)), Array.from(forward(p, X2, m, hidden, 0.03).A[layers.length - 1]));
      });
    }
  }
});
