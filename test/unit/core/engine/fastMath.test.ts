// fastMath.ts (exp, tanh in plain arithmetic) against its f64x2 twin (wasm/fastMath.ts) bit for bit, and against Math.
import * as assert from 'node:assert/strict';
import { exp, tanh } from '../../../../src/core/engine/fastMath';
import { Code, I32 } from '../../../../src/core/engine/wasm/code';
import { encodeModule } from '../../../../src/core/engine/wasm/encoder';
import { expCode, tanhCode } from '../../../../src/core/engine/wasm/fastMath';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

const N = 1 << 16;

/** Modules mapping exp2 (fn 0) or tanh2 (fn 1) over the first n doubles of a shared memory, two at a time. */
function vectorMap(): { map: (fn: number, n: number) => void; data: Float64Array } {
  const bytesFor = (which: number): Uint8Array<ArrayBuffer> => {
    const body = new Code(2);
    const q = body.local(I32);
    body.i32Const(0).set(q).loop();
    body.get(q).get(q).v128Load(0).call(which).v128Store(0);
    body.get(q).i32Const(16).i32Add().tee(q).get(1).i32Const(3).i32Shl().i32LtU().brIf(0);
    body.end();
    const e = expCode(),
      t = tanhCode();
    return encodeModule([], { module: 'env', field: 'memory', pages: (N * 8) / 65536 + 1 }, [
      { name: 'exp2', type: { params: [0x7b], results: [0x7b] }, locals: e.locals, code: e.bytes },
      { name: 'tanh2', type: { params: [0x7b], results: [0x7b] }, locals: t.locals, code: t.bytes },
      { name: 'map', type: { params: [I32, I32], results: [] }, locals: body.locals, code: body.bytes },
    ]);
  };
  const memory = new WebAssembly.Memory({ initial: (N * 8) / 65536 + 1, maximum: (N * 8) / 65536 + 1 });
  const instantiate = (which: number): WebAssembly.Instance =>
    new WebAssembly.Instance(new WebAssembly.Module(bytesFor(which)), { env: { memory } });
  const maps = [0, 1].map((which) => instantiate(which).exports.map as (unused: number, n: number) => void);
  return { map: (fn, n) => maps[fn](0, n), data: new Float64Array(memory.buffer, 0, N) };
}

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
  const { map, data } = vectorMap();
  for (const [name, fn, f, g, bound] of [
    ['exp', 0, exp, Math.exp, 1],
    ['tanh', 1, tanh, Math.tanh, 3],
  ] as const) {
    it(`${name}: the f64x2 code gives the JS function's bits on ${N} inputs (incl. ±0, ±∞, NaN, range edges)`, () => {
      const x = inputs(fn + 1);
      data.set(x);
      map(fn, N);
      for (let i = 0; i < N; i++) {
        const want = f(x[i]);
        if (!Object.is(data[i], want)) assert.fail(`${name}(${x[i]}): wasm ${data[i]} vs JS ${want}`);
      }
    });
    it(`${name}: within ${bound} ulp of Math.${name}, with the same special values`, () => {
      const x = inputs(fn + 7);
      let worst = 0;
      for (let i = 0; i < N; i++) worst = Math.max(worst, ulps(f(x[i]), g(x[i])));
      assert.ok(worst <= bound, `max ${worst} ulp`);
    });
  }
});
