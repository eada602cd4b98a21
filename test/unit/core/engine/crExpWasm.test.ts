// wasm/crExp.ts against correctlyRounded.ts's crExp bit for bit: the WebAssembly engines' output sigmoid.
import * as assert from 'node:assert/strict';
import {
  CR_EXP_TABLE_BYTES,
  crExpCode,
  crExpTable,
  outputSigmoidFunction,
} from '../../../../src/core/engine/wasm/crExp';
import { F64, type FuncType } from '../../../../src/core/engine/wasm/encoder';
import { sigmoid } from '../../../../src/core/engine/network';
import { encodeModule } from '../../../../src/core/engine/wasm/encoder';
import { crExp } from '../../../../src/core/numpy/correctlyRounded';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

describe('WebAssembly crexp (src/core/engine/wasm/crExp)', () => {
  const TABLE = 32;
  const PAGES = 40;
  let fallbacks = 0;
  let scalarLanes = 0;
  const code = crExpCode(TABLE, 0);
  const f64ToF64: FuncType = { params: [F64], results: [F64] };
  // Imports: crexp's fallback (0) and the output pass's scalar path (1), both crExp counted.
  const bytes = encodeModule(
    [
      { module: 'math', field: 'exp', type: f64ToF64 },
      { module: 'test', field: 'scalar', type: f64ToF64 },
    ],
    { module: 'env', field: 'memory', pages: PAGES },
    [
      { name: 'crexp', type: { params: [F64], results: [F64] }, locals: code.locals, code: code.bytes },
      { ...outputSigmoidFunction(8, TABLE, 1), name: 'dense' },
      { ...outputSigmoidFunction(16, TABLE, 1), name: 'padded' },
    ],
  );
  const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES });
  new Float64Array(memory.buffer, TABLE, CR_EXP_TABLE_BYTES / 8).set(crExpTable());
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    math: {
      exp: (x: number): number => {
        fallbacks++;
        return crExp(x);
      },
    },
    test: {
      scalar: (x: number): number => {
        scalarLanes++;
        return crExp(x);
      },
    },
    env: { memory },
  });
  const wasmExp = instance.exports.crexp as (x: number) => number;
  type Pass = (z: number, a: number, count: number) => void;
  const passes = { 8: instance.exports.dense as Pass, 16: instance.exports.padded as Pass };

  /** Logits where the fast path must give way: specials, the ends of the range, subnormal results. */
  const EDGES = [0, -0, 1, -1, -709.782712893384, 708.39, 708.4, 745.1332191019411, 746, -710, NaN, Infinity];
  EDGES.push(-Infinity, 1e-300, -1e-300, 5e-324, 720, -720);

  for (const stride of [8, 16] as const) {
    it(`the output pass (logits ${stride} bytes apart): network.ts's sigmoid bits, in any count, nothing beyond`, () => {
      const rng = new NumpyRandomState(7 + stride);
      const z = EDGES.slice();
      for (let i = 0; i < 60_000; i++) z.push(rng.randn() * 12);
      const step = stride / 8;
      const zAt = 64 * 1024,
        aAt = zAt + z.length * stride + 64;
      const zs = new Float64Array(memory.buffer, zAt, z.length * step);
      const as = new Float64Array(memory.buffer, aAt, z.length * step + 8);
      z.forEach((v, i) => (zs[i * step] = v));
      for (const count of [z.length, 1, 2, 3, 5, 7]) {
        as.fill(42);
        passes[stride](zAt, aAt, count);
        for (let i = 0; i < count; i++) {
          const want = sigmoid(z[i]);
          if (!Object.is(as[i * step], want)) assert.fail(`count ${count}, z = ${z[i]}: ${as[i * step]} vs ${want}`);
          if (step === 2) assert.equal(as[i * step + 1], 42, 'a padding lane was written');
        }
        for (let i = count * step; i < count * step + 8; i++)
          assert.equal(as[i], 42, `count ${count}: wrote past the end`);
      }
    });
  }

  it('the output pass decides most lanes itself: the scalar path runs only for groups with an undecided lane', () => {
    const rng = new NumpyRandomState(9);
    const n = 100_000;
    const zs = new Float64Array(memory.buffer, 64 * 1024, n);
    for (let i = 0; i < n; i++) zs[i] = rng.randn() * 12;
    scalarLanes = 0;
    passes[8](64 * 1024, 64 * 1024 + n * 8 + 64, n);
    // About 1 lane in 250 is undecided, and its whole group of 4 lanes goes scalar.
    assert.ok(scalarLanes > 0 && scalarLanes < 4000, `${scalarLanes} of ${n} lanes went scalar`);
  });

  it("gives crExp's bits on 200,000 sigmoid-range and wide inputs, and at the edges of the range", () => {
    const rng = new NumpyRandomState(5);
    const xs = [0, -0, 1, -1, 709.782712893384, 709.78, -708.39, -708.4, -745.1332191019411, -746, 710, NaN, Infinity];
    xs.push(-Infinity, 1e-300, -1e-300, 5e-324);
    for (let i = 0; i < 100_000; i++) xs.push(rng.randn() * 12, (rng.random() * 2 - 1) * 745);
    for (const x of xs) assert.ok(Object.is(wasmExp(x), crExp(x)), `crexp(${x}): ${wasmExp(x)} vs ${crExp(x)}`);
  });

  it('decides most roundings itself: the JS function runs only for special, edge and undecided inputs', () => {
    const rng = new NumpyRandomState(6);
    fallbacks = 0;
    for (let i = 0; i < 100_000; i++) wasmExp(rng.randn() * 12);
    assert.ok(fallbacks < 1000, `${fallbacks} of 100,000 fell back`);
    fallbacks = 0;
    wasmExp(NaN);
    wasmExp(-720); // a subnormal result: JS's own branch
    assert.equal(fallbacks, 2);
  });
});
