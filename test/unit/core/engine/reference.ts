// What the engine tests share: a seeded random problem, one plain network.ts iteration, and bit-exact comparison.
import * as assert from 'node:assert/strict';
import { backward, cost, forward, zeroParams } from '../../../../src/core/engine/network';
import type { Params } from '../../../../src/core/engine/network';
import type { StepSpec } from '../../../../src/core/engine/step';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

export function randomProblem(
  layers: number[],
  m: number,
  seed: number,
  scale = 1,
): { p: Params; X: Float64Array; Y: Float64Array } {
  const rng = new NumpyRandomState(seed);
  const p = zeroParams(layers);
  p.W.forEach((W, l) => {
    for (let i = 0; i < W.length; i++) W[i] = scale * rng.randn() * Math.sqrt(2 / layers[l]);
  });
  const X = new Float64Array(2 * m);
  for (let i = 0; i < X.length; i++) X[i] = rng.randn();
  const Y = new Float64Array(m);
  for (let i = 0; i < m; i++) Y[i] = rng.random() < 0.5 ? 0 : 1;
  return { p, X, Y };
}

/** One plain iteration of network.ts: cost before the update, then W -= lr·dW, b -= lr·db. */
export function plainStep(
  p: Params,
  X: Float64Array,
  Y: Float64Array,
  spec: StepSpec,
): { cost: number; grads: Params } {
  const { m, hidden, alpha, loss, learningRate: lr } = spec;
  const cache = forward(p, X, m, hidden, alpha);
  const c = cost(loss, cache.A[cache.A.length - 1], cache.Z[cache.Z.length - 1], Y);
  const g = backward(p, cache, Y, m, hidden, alpha);
  p.W.forEach((W, l) => {
    for (let i = 0; i < W.length; i++) W[i] = W[i] - lr * g.W[l][i];
  });
  p.b.forEach((b, l) => {
    for (let i = 0; i < b.length; i++) b[i] = b[i] - lr * g.b[l][i];
  });
  return { cost: c, grads: g };
}

/** A step under test: its parameters and gradients (views the test reads) and one iteration. */
export interface StepUnderTest {
  params: Params;
  grads: { W: Float64Array[]; b: Float64Array[] };
  step(withCost: boolean): number;
}

/**
 * Runs `make`'s step and network.ts side by side from one random problem: every cost (NaN without withCost), then
 * the final weights, biases and gradients, bit for bit.
 */
export function checkAgainstPlain(
  make: (spec: StepSpec, X: Float64Array, Y: Float64Array, init: Params) => StepUnderTest | null,
  spec: StepSpec,
  iterations: number,
  scale = 1,
): void {
  const { p, X, Y } = randomProblem([...spec.layers], spec.m, 7, scale);
  const t = make(spec, X, Y, p);
  assert.ok(t, 'the step could not be built');
  let grads: Params | null = null;
  for (let it = 0; it < iterations; it++) {
    const withCost = it % 3 !== 1;
    const expected = plainStep(p, X, Y, spec);
    grads = expected.grads;
    const got = t.step(withCost);
    if (withCost) assert.ok(Object.is(got, expected.cost), `iteration ${it}: cost ${got} vs ${expected.cost}`);
    else assert.ok(Number.isNaN(got), `iteration ${it}: cost ${got} without withCost`);
  }
  p.W.forEach((W, l) => assertSameBits(t.params.W[l], W, `W[${l}]`));
  p.b.forEach((b, l) => assertSameBits(t.params.b[l], b, `b[${l}]`));
  grads?.W.forEach((dW, l) => assertSameBits(t.grads.W[l], dW, `dW[${l}]`));
  grads?.b.forEach((db, l) => assertSameBits(t.grads.b[l], db, `db[${l}]`));
}

/** Element-wise equality with Object.is (so -0 ≠ +0 and NaN = NaN), naming the first difference. */
export function assertSameBits(got: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(got.length, expected.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) {
    if (!Object.is(got[i], expected[i])) assert.fail(`${what}[${i}]: ${got[i]} vs ${expected[i]}`);
  }
}

/** The small shapes every engine is checked on: the notebook, no hidden layer, deep narrow, one wide, two wide. */
export const SMALL_SHAPES: readonly number[][] = [
  [2, 10, 5, 1],
  [2, 1],
  [2, 3, 3, 3, 3, 1],
  [2, 40, 1],
  [2, 36, 34, 1],
];
