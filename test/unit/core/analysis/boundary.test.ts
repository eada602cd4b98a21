// The decision boundary's grid, computed in slices to bound memory, against one forward pass over the whole grid;
// the WebAssembly forward that computes it (and the accuracies) against the compiled JS forward.
import * as assert from 'node:assert/strict';
import {
  BOUNDARY_SLICE,
  boundaryProbabilities,
  datasetBounds,
  gridInputs,
  predictor,
} from '../../../../src/core/analysis/metrics';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { prepareRun } from '../../../../src/core/training/run';
import { compileForward } from '../../../../src/core/engine/step';
import { compileTiledForward } from '../../../../src/core/engine/tiledForward';
import { HIDDEN_ACTIVATIONS } from '../../../../src/core/experiment/types';
import { randomProblem } from '../engine/reference';

describe('core: decision boundary grid', () => {
  it('sliced forward passes give every grid point the bits of a single pass over the whole grid', () => {
    const text = JSON.stringify({
      name: 'grid',
      dataset: {
        kind: 'moons',
        train: { samples: 60, noise: 0.2, seed: 1 },
        test: { samples: 20, noise: 0.2, seed: 2 },
      },
      network: { layers: [2, 9, 7, 1], hiddenActivation: 'tanh' },
      training: { learningRate: 0.1, iterations: 1 },
      runs: [{ name: 'He', init: { scheme: 'he' }, seed: 3 }],
    });
    const parsed = parseExperiment(text);
    if (!parsed.ok) assert.fail(JSON.stringify(parsed.errors));
    const experiment = parsed.experiment;
    const prep = prepareRun(experiment, 0);
    const bounds = datasetBounds(prep.train, prep.test);
    // 37² = 1369 points: one full slice and a shorter last one; 20² = 400: a single short slice.
    for (const n of [37, 20]) {
      assert.ok(n !== 37 || n * n > BOUNDARY_SLICE);
      const whole = predictor(experiment, n * n)(prep.params, gridInputs(bounds, n)).slice();
      const sliced = boundaryProbabilities(prep.params, experiment, bounds, n);
      assert.equal(sliced.length, n * n);
      for (let k = 0; k < n * n; k++) assert.ok(Object.is(sliced[k], whole[k]), `n = ${n}, point ${k}`);
      assert.ok(new Set(sliced).size > n, 'a flat grid would prove nothing');
    }
  });

  it("the WebAssembly forward gives compileForward's bits for every activation, odd widths and sample counts", () => {
    const shapes: [number[], number][] = [
      [[2, 9, 7, 1], 37],
      [[2, 16, 16, 16, 1], 64],
      [[2, 5, 1], 1],
      [[2, 33, 1], 101],
    ];
    for (const [layers, m] of shapes) {
      for (const hidden of HIDDEN_ACTIVATIONS) {
        const spec = { layers, m, hidden, alpha: 0.03 };
        const wasm = compileTiledForward(spec);
        assert.ok(wasm, 'no WebAssembly forward');
        const js = compileForward(spec);
        // Two problems in turn: the second call must not see the first one's parameters or inputs.
        for (const seed of [1, 2]) {
          const { p, X } = randomProblem(layers, m, seed + layers.length + m);
          const want = js(p, X).slice();
          const got = wasm(p, X);
          for (let k = 0; k < m; k++) {
            assert.ok(
              Object.is(got[k], want[k]),
              `[${layers}] ${hidden}, m = ${m}, sample ${k}: ${got[k]} vs ${want[k]}`,
            );
          }
        }
      }
    }
  });
});
