// The WebAssembly step (wasmStep.ts) against the readable network.ts arithmetic: bit-identical trajectories.
import * as assert from 'node:assert/strict';
import { cloneParams, zeroParams } from '../../../../src/core/engine/network';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';
import { allocateBuffers, compileStep } from '../../../../src/core/engine/step';
import type { StepSpec } from '../../../../src/core/engine/step';
import { HIDDEN_ACTIVATIONS, LOSSES } from '../../../../src/core/experiment/types';
import { pairwiseSum } from '../../../../src/core/engine/pairwiseSum';
import { WASM_MAX_WEIGHTS, compileWasmStep, wasmStepModule } from '../../../../src/core/engine/wasmStep';
import { SMALL_SHAPES, assertSameBits, checkAgainstPlain, plainStep, randomProblem } from './reference';

function checkTrajectory(
  layers: number[],
  m: number,
  spec: Omit<StepSpec, 'layers' | 'm'>,
  scale = 1,
  iterations = 50,
): void {
  checkAgainstPlain(
    (full, X, Y, p) => {
      const w = compileWasmStep(full, X, Y, p);
      return w && { params: w.params, grads: { W: w.buffers.dW, b: w.buffers.db }, step: w.step };
    },
    { layers, m, ...spec },
    iterations,
    scale,
  );
}

describe('WebAssembly step', () => {
  for (const layers of SMALL_SHAPES) {
    for (const hidden of HIDDEN_ACTIVATIONS) {
      for (const loss of LOSSES) {
        it(`layers [${layers}] ${hidden} ${loss}: same costs, weights and gradients, bit for bit, over 50 iterations`, () => {
          checkTrajectory(layers, 37, { hidden, alpha: 0.02, loss, learningRate: 0.3 });
        });
      }
    }
  }

  // m = 300 takes the recursive branch of the pairwise sum; ×10 weights give the notebook's ∞ cost and 0·∞ terms.
  for (const hidden of HIDDEN_ACTIVATIONS) {
    for (const loss of LOSSES) {
      it(`notebook shape, m = 300, ${hidden} ${loss}: bit for bit with ordinary and ×10 weights`, () => {
        checkTrajectory([2, 10, 5, 1], 300, { hidden, alpha: 0.01, loss, learningRate: 0.01 });
        checkTrajectory([2, 10, 5, 1], 300, { hidden, alpha: 0.01, loss, learningRate: 0.01 }, 10);
      });
    }
  }

  // Sample counts around the pair loop (none, one pair, odd tail) and every pairwise-sum branch (<8, ≤128, split).
  for (const m of [1, 2, 3, 7, 8, 9, 128, 129, 1000]) {
    it(`m = ${m}: bit for bit on [2, 3, 2, 1] and [2, 5, 1]`, () => {
      checkTrajectory([2, 3, 2, 1], m, { hidden: 'tanh', alpha: 0.01, loss: 'notebook', learningRate: 0.5 }, 1, 20);
      checkTrajectory([2, 5, 1], m, { hidden: 'leakyRelu', alpha: 0.1, loss: 'stable', learningRate: 0.5 }, 1, 20);
    });
  }

  it('matches the JS compiled step on the notebook shape over 300 iterations', () => {
    const layers = [2, 10, 5, 1],
      m = 300;
    const spec: StepSpec = { layers, m, hidden: 'relu', alpha: 0.01, loss: 'notebook', learningRate: 0.01 };
    const { p, X, Y } = randomProblem(layers, m, 3);
    const w = compileWasmStep(spec, X, Y, p);
    assert.ok(w);
    const js = compileStep(spec, Y);
    const buffers = allocateBuffers(layers, X, m);
    for (let it = 0; it < 300; it++) {
      const expected = js(p, buffers, it % 100 === 0);
      const got = w.step(it % 100 === 0);
      assert.ok(Object.is(got, expected), `iteration ${it}: ${got} vs ${expected}`);
    }
    p.W.forEach((W, l) => assertSameBits(w.params.W[l], W, `W[${l}]`));
    buffers.dZ.forEach((dZ, l) => assertSameBits(w.buffers.dZ[l], dZ, `dZ[${l}]`));
    buffers.A.forEach((A, l) => assertSameBits(w.buffers.A[l], A, `A[${l}]`));
    assertSameBits(w.buffers.zL, buffers.zL, 'zL');
  });

  it('returns NaN as cost when not asked for one, and still updates', () => {
    const { p, X, Y } = randomProblem([2, 4, 1], 9, 1);
    const w = compileWasmStep(
      { layers: [2, 4, 1], m: 9, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0.5 },
      X,
      Y,
      p,
    );
    assert.ok(w);
    const before = w.params.W[0].slice();
    assert.ok(Number.isNaN(w.step(false)));
    assert.notDeepEqual(Array.from(w.params.W[0]), Array.from(before));
    assert.notDeepEqual(Array.from(w.buffers.dW[0]), [0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("copies its inputs: the caller's parameters and data are left alone", () => {
    const { p, X, Y } = randomProblem([2, 4, 1], 9, 2);
    const q = cloneParams(p);
    const x = X.slice();
    const w = compileWasmStep(
      { layers: [2, 4, 1], m: 9, hidden: 'tanh', alpha: 0.01, loss: 'stable', learningRate: 0.5 },
      X,
      Y,
      p,
    );
    assert.ok(w);
    w.step(true);
    p.W.forEach((W, l) => assertSameBits(W, q.W[l], `W[${l}]`));
    assertSameBits(X, x, 'X');
  });

  it('parameters written through the views are used by the next step', () => {
    const layers = [2, 6, 1],
      m = 20;
    const spec: StepSpec = { layers, m, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0.1 };
    const { p, X, Y } = randomProblem(layers, m, 4);
    const w = compileWasmStep(spec, X, Y, zeroParams(layers));
    assert.ok(w);
    p.W.forEach((W, l) => w.params.W[l].set(W));
    const expected = plainStep(p, X, Y, spec).cost;
    assert.ok(Object.is(w.step(true), expected));
  });

  it('its pairwise sum equals pairwiseSum.ts for every length up to 300 and a few larger, incl. signed zeros', () => {
    const built = wasmStepModule({
      layers: [2, 1],
      m: 2000,
      hidden: 'relu',
      alpha: 0.01,
      loss: 'stable',
      learningRate: 0.1,
    });
    assert.ok(built);
    const memory = new WebAssembly.Memory({ initial: built.pages, maximum: built.pages });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(built.bytes), {
      math: { exp: Math.exp, log: Math.log, log1p: Math.log1p, tanh: Math.tanh },
      env: { memory },
    });
    const psum = instance.exports.psum as (address: number, n: number) => number;
    const at = built.layout.terms;
    const a = new Float64Array(memory.buffer, at, 2000);
    const rng = new NumpyRandomState(11);
    for (let i = 0; i < a.length; i++) a[i] = rng.randn() * 10 ** Math.floor(rng.random() * 12 - 6);
    for (const n of [...Array.from({ length: 301 }, (_, n) => n), 513, 1000, 1999, 2000]) {
      for (const off of [0, 3]) {
        if (off + n > a.length) continue;
        const got = psum(at + 8 * off, n),
          expected = pairwiseSum(a, off, n);
        assert.ok(Object.is(got, expected), `n = ${n}, offset ${off}: ${got} vs ${expected}`);
      }
    }
    a.fill(-0);
    for (const n of [0, 1, 5, 8, 100, 300]) assert.ok(Object.is(psum(at, n), pairwiseSum(a, 0, n)), `-0 × ${n}`);
  });

  it('returns null beyond its size limit, so callers keep the JS step', () => {
    const layers = [2, 70, 70, 1];
    assert.ok(70 * 70 > WASM_MAX_WEIGHTS);
    const { p, X, Y } = randomProblem(layers, 4, 5);
    assert.equal(
      compileWasmStep({ layers, m: 4, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0.1 }, X, Y, p),
      null,
    );
  });
});
