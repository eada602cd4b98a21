// wasm/crLog.ts against correctlyRounded.ts's crLog bit for bit: the WebAssembly engines' notebook cost.
import * as assert from 'node:assert/strict';
import { CR_LOG_TABLE_BYTES, crLogFunction, crLogTable } from '../../../../src/core/engine/wasm/crLog';
import { F64, encodeModule } from '../../../../src/core/engine/wasm/encoder';
import { crLog } from '../../../../src/core/numpy/correctlyRounded';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';

describe('WebAssembly crlog (src/core/engine/wasm/crLog)', () => {
  const TABLE = 64;
  let fallbacks = 0;
  const bytes = encodeModule(
    [{ module: 'math', field: 'log', type: { params: [F64], results: [F64] } }],
    { module: 'env', field: 'memory', pages: 1 },
    [crLogFunction(TABLE, 0)],
  );
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
  new Float64Array(memory.buffer, TABLE, CR_LOG_TABLE_BYTES / 8).set(crLogTable());
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    math: {
      log: (x: number): number => {
        fallbacks++;
        return crLog(x);
      },
    },
    env: { memory },
  });
  const wasmLog = instance.exports.crlog as (x: number) => number;

  it("gives crLog's bits on 300,000 inputs: probabilities, 1 − p, wide magnitudes, and the edges", () => {
    const rng = new NumpyRandomState(8);
    const xs = [1, 0, -0, -1, NaN, Infinity, -Infinity, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308];
    xs.push(Number.MAX_VALUE, 0.5, 2, Math.SQRT2, Math.SQRT1_2, 1 + 2 ** -52, 1 - 2 ** -53, 1.4140625, 1.4150390625);
    for (let i = 0; i < 100_000; i++) {
      const p = rng.random();
      xs.push(p, 1 - p, Math.exp((rng.random() * 2 - 1) * 700));
    }
    for (const x of xs) assert.ok(Object.is(wasmLog(x), crLog(x)), `crlog(${x}): ${wasmLog(x)} vs ${crLog(x)}`);
  });

  it('decides most roundings itself: the JS function runs only for special, subnormal and undecided inputs', () => {
    const rng = new NumpyRandomState(9);
    fallbacks = 0;
    for (let i = 0; i < 100_000; i++) wasmLog(rng.random());
    assert.ok(fallbacks < 1000, `${fallbacks} of 100,000 fell back`);
    fallbacks = 0;
    wasmLog(-1);
    wasmLog(1e-310);
    assert.equal(fallbacks, 2);
  });
});
