// wasm/crExp.ts against correctlyRounded.ts's crExp bit for bit: the WebAssembly engines' output sigmoid.
import * as assert from 'node:assert/strict';
import { CR_EXP_TABLE_BYTES, crExpCode, crExpTable } from '../../../../src/core/engine/wasm/crExp';
import { F64 } from '../../../../src/core/engine/wasm/encoder';
import { encodeModule } from '../../../../src/core/engine/wasm/encoder';
import { crExp } from '../../../../src/core/numpy/correctlyRounded';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

describe('WebAssembly crexp (src/core/engine/wasm/crExp)', () => {
  const TABLE = 32;
  let fallbacks = 0;
  const code = crExpCode(TABLE, 0);
  const bytes = encodeModule(
    [{ module: 'math', field: 'exp', type: { params: [F64], results: [F64] } }],
    { module: 'env', field: 'memory', pages: 1 },
    [{ name: 'crexp', type: { params: [F64], results: [F64] }, locals: code.locals, code: code.bytes }],
  );
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
  new Float64Array(memory.buffer, TABLE, CR_EXP_TABLE_BYTES / 8).set(crExpTable());
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    math: {
      exp: (x: number): number => {
        fallbacks++;
        return crExp(x);
      },
    },
    env: { memory },
  });
  const wasmExp = instance.exports.crexp as (x: number) => number;

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
