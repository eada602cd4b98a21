// fastMath.ts (exp, tanh in plain arithmetic) against its f64x2 twin (wasm/fastMath.ts) bit for bit, and against Math.
import * as assert from 'node:assert/strict';
import { exp, tanh } from '../../../../src/core/engine/fastMath';
import { I32 } from '../../../../src/core/engine/wasm/code';
import { encodeModule } from '../../../../src/core/engine/wasm/encoder';
import { arrayFunctionCode } from '../../../../src/core/engine/wasm/fastMath';
import type { ArrayFunction } from '../../../../src/core/engine/wasm/fastMath';
import { ACTIVATIONS } from '../../../../src/core/engine/activations';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

const N = 1 << 16;

/** Each array function (wasm/fastMath.ts) as a module over one memory: `map(fn, n)` replaces its first n doubles. */
function arrayMap(): { map: (fn: ArrayFunction, n: number) => void; data: Float64Array } {
  const pages = (N * 8) / 65536 + 1;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = (fn: ArrayFunction): WebAssembly.Instance => {
    const code = arrayFunctionCode(fn);
    const bytes = encodeModule([], { module: 'env', field: 'memory', pages }, [
      { name: 'map', type: { params: [I32, I32], results: [] }, locals: code.locals, code: code.bytes },
    ]);
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  };
  const maps = new Map(FUNCTIONS.map((fn) => [fn, instance(fn).exports.map as (from: number, n: number) => void]));
  return { map: (fn, n) => maps.get(fn)!(0, n), data: new Float64Array(memory.buffer, 0, N) };
}

const FUNCTIONS: readonly ArrayFunction[] = ['exp', 'tanh', 'sigmoid'];

function inputs(seed: number): Float64Array {
  const rng = new NumpyRandomState(seed);
  const x = new Float64Array(N);
  const special = [
    0,
    -0,
    1e-300,
    -1e-310,
    5e-324,
    0.3,
    -0.3,
    0.29999999999999993,
    22,
    -22,
    709.782712893384,
    709.7827128933841,
    -745.1332191019412,
    -745.1332191019413,
    -708.4,
    1000,
    -1000,
    // tanh: where its reduction leaves k = 0 (2|x| < ln2 / 2), where tanh first rounds to 1, and its cap
    0.17328679513998632,
    -0.1732867951399863,
    19.06,
    -19.099999999999998,
    19.1,
    354,
    -372.6,
    Infinity,
    -Infinity,
    NaN,
  ];
  x.set(special);
  for (let i = special.length; i < N; i++) {
    const kind = i % 4;
    x[i] =
      kind === 0
        ? rng.randn() * 3
        : kind === 1
          ? (rng.random() * 2 - 1) * 750
          : kind === 2
            ? (rng.random() * 2 - 1) * 0.6
            : rng.randn() * 10 ** Math.floor(rng.random() * 20 - 10);
  }
  return x;
}

/** Distance in units in the last place (0 for equal values, NaN = NaN). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  const v = new DataView(new ArrayBuffer(8));
  const ord = (x: number): bigint => {
    v.setFloat64(0, x);
    const bits = v.getBigInt64(0);
    return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const d = ord(a) - ord(b);
  return Number(d < 0n ? -d : d);
}

describe('fast exp and tanh', () => {
  const { map, data } = arrayMap();
  const scalar: Record<ArrayFunction, (x: number) => number> = {
    exp,
    tanh,
    sigmoid: (z) => ACTIVATIONS.sigmoid.apply(z, 0),
  };
  FUNCTIONS.forEach((fn, seed) => {
    it(`${fn}: the f64x2 array code gives the JS function's bits on ${N} inputs (incl. ±0, ±∞, NaN, range edges)`, () => {
      const x = inputs(seed + 1);
      data.set(x);
      map(fn, N);
      for (let i = 0; i < N; i++) {
        const want = scalar[fn](x[i]);
        if (!Object.is(data[i], want)) assert.fail(`${fn}(${x[i]}): wasm ${data[i]} vs JS ${want}`);
      }
    });
  });
  it('an array whose length is not a whole number of groups or pairs: every element done, nothing beyond it', () => {
    const x = inputs(4);
    for (const n of [1, 2, 3, 7, 8, 9, 15, 17, 22]) {
      data.set(x.subarray(0, n + 4));
      map('tanh', n);
      for (let i = 0; i < n; i++) assert.ok(Object.is(data[i], tanh(x[i])), `n = ${n}, element ${i}`);
      for (let i = n; i < n + 4; i++) assert.ok(Object.is(data[i], x[i]), `n = ${n}: element ${i} was written`);
    }
  });
  for (const [name, f, g, bound] of [
    ['exp', exp, Math.exp, 1],
    ['tanh', tanh, Math.tanh, 4],
  ] as const) {
    it(`${name}: within ${bound} ulp of Math.${name}, with the same special values`, () => {
      const x = inputs(name === 'exp' ? 7 : 8);
      let worst = 0;
      for (let i = 0; i < N; i++) worst = Math.max(worst, ulps(f(x[i]), g(x[i])));
      assert.ok(worst <= bound, `max ${worst} ulp`);
    });
  }
});
