// The tiled WebAssembly step (tiledStep.ts) against network.ts: bit-identical costs, weights and gradients.
import * as assert from 'node:assert/strict';
import { zeroParams } from '../../../../src/core/engine/network';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';
import type { StepSpec } from '../../../../src/core/engine/step';
import { HIDDEN_ACTIVATIONS, LOSSES } from '../../../../src/core/experiment/types';
import { pairwiseSum } from '../../../../src/core/engine/pairwiseSum';
import { DEFAULT_TILED_OPTIONS, compileTiledStep, tiledStepModule } from '../../../../src/core/engine/tiledStep';
import type { TiledOptions, TiledParts } from '../../../../src/core/engine/tiledStep';
import { createStepper, preferredEngine } from '../../../../src/core/engine/stepper';
import { assertSameBits, checkAgainstPlain, plainStep, randomProblem } from './reference';

function checkTrajectory(
  layers: number[],
  m: number,
  spec: Omit<StepSpec, 'layers' | 'm'>,
  iterations: number,
  scale = 1,
  opts: TiledOptions = DEFAULT_TILED_OPTIONS,
  split: TiledParts = { parts: 1, shared: false },
): void {
  checkAgainstPlain(
    (full, X, Y, p) => compileTiledStep(full, X, Y, p, opts, split),
    { layers, m, ...spec },
    iterations,
    scale,
  );
}

describe('tiled WebAssembly step', () => {
  // Wide (odd widths: padded columns, narrower last strips and tiles) and deep shapes.
  const shapes: [string, number[], number][] = [
    ['wide', [2, 67, 33, 1], 131],
    ['deep', [2, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1], 70],
  ];
  for (const [what, layers, m] of shapes) {
    for (const hidden of HIDDEN_ACTIVATIONS) {
      for (const loss of LOSSES) {
        it(`${what} [${layers}] ${hidden} ${loss}: same costs, weights and gradients, bit for bit`, () => {
          checkTrajectory(layers, m, { hidden, alpha: 0.02, loss, learningRate: 0.3 }, 8);
        });
      }
    }
  }

  it('the course network, ordinary and ×10 weights (∞ cost, 0·∞ terms), m = 300: bit for bit', () => {
    for (const scale of [1, 10]) {
      const spec = { hidden: 'relu', alpha: 0.01, loss: 'notebook', learningRate: 0.01 } as const;
      checkTrajectory([2, 10, 5, 1], 300, spec, 30, scale);
    }
  });

  // Sample counts around the row tiles, the dW sample blocks (64) and every pairwise-sum branch (<8, ≤128, split).
  for (const m of [1, 2, 3, 5, 8, 63, 64, 65, 128, 129, 200, 1000]) {
    it(`m = ${m}: bit for bit on [2, 5, 3, 1] and [2, 12, 1]`, () => {
      checkTrajectory([2, 5, 3, 1], m, { hidden: 'tanh', alpha: 0.01, loss: 'notebook', learningRate: 0.5 }, 6);
      checkTrajectory([2, 12, 1], m, { hidden: 'leakyRelu', alpha: 0.1, loss: 'stable', learningRate: 0.5 }, 6);
    });
  }

  it('other register tiles and sample blocks give the same bits (the order of every sum is fixed)', () => {
    const variants: Partial<TiledOptions>[] = [
      { tileRows: 3, tilePairs: 3 },
      { tileRows: 1, tilePairs: 1 },
      { gradRows: 5, gradPairs: 1 },
      { sampleBlock: 7 },
    ];
    for (const v of variants) {
      checkTrajectory([2, 13, 8, 1], 101, { hidden: 'sigmoid', alpha: 0.01, loss: 'stable', learningRate: 0.5 }, 4, 1, {
        ...DEFAULT_TILED_OPTIONS,
        ...v,
      });
    }
  });

  // Two parts (the threads' split), run here in one thread: every sum stays in one part, so nothing changes.
  const halves: [number[], number][] = [
    [[2, 67, 33, 1], 131],
    [[2, 3, 5, 1], 1],
    [[2, 5, 3, 1], 5],
    [[2, 9, 9, 9, 9, 1], 70],
    [[2, 12, 1], 1000],
  ];
  for (const [layers, m] of halves) {
    it(`split in two parts (units and samples): [${layers}], m = ${m}, bit for bit`, () => {
      for (const hidden of HIDDEN_ACTIVATIONS) {
        const spec = { hidden, alpha: 0.02, loss: 'stable', learningRate: 0.3 } as const;
        checkTrajectory(layers, m, spec, 5, 1, DEFAULT_TILED_OPTIONS, { parts: 2, shared: false });
      }
      checkTrajectory(
        layers,
        m,
        { hidden: 'relu', alpha: 0.01, loss: 'notebook', learningRate: 0.1 },
        5,
        10,
        {
          ...DEFAULT_TILED_OPTIONS,
          tileRows: 3,
          gradRows: 5,
          sampleBlock: 7,
        },
        { parts: 2, shared: false },
      );
    });
  }

  it('parameters written between steps are used by the next step', () => {
    const layers = [2, 6, 1],
      m = 20;
    const spec: StepSpec = { layers, m, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0.1 };
    const { p, X, Y } = randomProblem(layers, m, 4);
    const t = compileTiledStep(spec, X, Y, zeroParams(layers));
    assert.ok(t);
    p.W.forEach((W, l) => t.params.W[l].set(W));
    assert.ok(Object.is(t.step(true), plainStep(p, X, Y, spec).cost));
  });

  it('db (its column-pair pairwise sum) equals pairwiseSum.ts per column, incl. signed zeros', () => {
    const width = 4,
      most = 600;
    const a = new Float64Array(most * width);
    const rng = new NumpyRandomState(11);
    for (let i = 0; i < a.length; i++) a[i] = rng.randn() * 10 ** Math.floor(rng.random() * 12 - 6);
    /** db of layer 1 ([2, 4, 1], sample-major dZ rows of width 4) over n samples, from the module's own phase (dWEnd). */
    const dbOf = (n: number): Float64Array => {
      const spec: StepSpec = { layers: [2, 4, 1], m: n, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0 };
      const mod = tiledStepModule(spec);
      assert.ok(mod);
      const memory = new WebAssembly.Memory({ initial: mod.pages, maximum: mod.pages });
      const inst = new WebAssembly.Instance(new WebAssembly.Module(mod.bytes), {
        math: { exp: Math.exp, log: Math.log, log1p: Math.log1p },
        env: { memory },
      });
      new Float64Array(memory.buffer, mod.layout.dZ[0], n * width).set(a.subarray(0, n * width));
      (inst.exports.dWEnd1_0 as () => void)();
      return new Float64Array(memory.buffer, mod.layout.db[0], width).slice();
    };
    for (const n of [1, 7, 8, 9, 127, 128, 129, 300, 513, 600]) {
      const db = dbOf(n);
      for (let q = 0; q < width; q++) {
        const expected = pairwiseSum(
          Float64Array.from({ length: n }, (_, k) => a[k * width + q]),
          0,
          n,
        );
        assert.ok(Object.is(db[q], expected), `n = ${n}, column ${q}: ${db[q]} vs ${expected}`);
      }
    }
    a.fill(-0);
    for (const n of [1, 5, 100, 300]) assert.ok(Object.is(dbOf(n)[0], -0), `-0 × ${n}`);
  });

  it('auto picks the unrolled module for small nets and the tiled one for larger; both give the same run', () => {
    assert.equal(preferredEngine([2, 10, 5, 1]), 'wasm');
    assert.equal(preferredEngine([2, 64, 64, 64, 1]), 'wasmTiled');
    const layers = [2, 16, 12, 1],
      m = 50;
    const spec: StepSpec = { layers, m, hidden: 'tanh', alpha: 0.01, loss: 'notebook', learningRate: 0.2 };
    const { p, X, Y } = randomProblem(layers, m, 9);
    const a = createStepper(spec, X, Y, p, 'wasm'),
      b = createStepper(spec, X, Y, p, 'wasmTiled');
    for (let it = 0; it < 20; it++) assert.ok(Object.is(a.step(true), b.step(true)), `iteration ${it}`);
    a.params.W.forEach((W, l) => assertSameBits(b.params.W[l], W, `W[${l}]`));
  });
});
