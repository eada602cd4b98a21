// Verdicts: each rule on constructed inputs, and on real runs of the course's initializations.
import { EXAMPLES } from '../../../paths';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { runExperiment } from '../../../../src/core/training/train';
import type { Experiment } from '../../../../src/core/experiment/types';
import { verdictFor } from '../../../../src/core/analysis/verdict';
import type { VerdictInput } from '../../../../src/core/analysis/verdict';

const healthy: VerdictInput = {
  costs: [
    [0, 0.88],
    [1000, 0.3],
  ],
  trainAccuracy: 0.99,
  testAccuracy: 0.96,
  iterations: 2000,
  divergedAt: null,
  stopped: false,
  hiddenUnitSpreads: [1.2, 0.8],
  initialGradRms: [0.03, 0.05, 0.2],
};

describe('verdicts', () => {
  it('learns well', () => assert.equal(verdictFor(healthy).kind, 'learnsWell'));
  it('stopped wins over everything', () =>
    assert.equal(verdictFor({ ...healthy, stopped: true, divergedAt: 5 }).kind, 'stopped'));
  it('diverged names the iteration', () => {
    const v = verdictFor({ ...healthy, divergedAt: 3200 });
    assert.equal(v.kind, 'diverged');
    assert.match(v.text, /3200/);
  });
  it('symmetry when every hidden layer has identical units', () => {
    assert.equal(verdictFor({ ...healthy, hiddenUnitSpreads: [0, 0], trainAccuracy: 0.5 }).kind, 'symmetry');
    assert.notEqual(verdictFor({ ...healthy, hiddenUnitSpreads: [0, 0.1] }).kind, 'symmetry');
  });
  it('exploding on an infinite or huge first cost, saying whether it recovers', () => {
    const inf = verdictFor({
      ...healthy,
      costs: [
        [0, Infinity],
        [1000, 0.5],
      ],
      trainAccuracy: 0.83,
    });
    assert.equal(inf.kind, 'exploding');
    assert.match(inf.text, /first cost is ∞; the output saturates/);
    const recovers = verdictFor({
      ...healthy,
      costs: [
        [0, 7.79],
        [1000, 0.2],
      ],
      trainAccuracy: 0.975,
    });
    assert.equal(recovers.kind, 'exploding');
    assert.match(recovers.text, /7\.79; it recovers/);
  });
  it('vanishing signal when every initial gradient is tiny, vanishing gradients when only early ones are', () => {
    const flat: VerdictInput = {
      ...healthy,
      costs: [
        [0, 0.693],
        [1000, 0.693],
      ],
      trainAccuracy: 0.5,
    };
    assert.match(verdictFor({ ...flat, initialGradRms: [2e-6, 1e-6, 7e-6] }).text, /^Vanishing signal/);
    assert.match(verdictFor({ ...flat, initialGradRms: [1e-7, 1e-3, 0.2] }).text, /^Vanishing gradients/);
    assert.equal(verdictFor({ ...flat, initialGradRms: [0.03, 0.05, 0.2] }).kind, 'slow');
  });

  describe('on real runs', function () {
    this.timeout(60_000);
    const load = (name: string): Experiment => {
      const parsed = parseExperiment(readFileSync(path.join(EXAMPLES, name), 'utf8'));
      if (!parsed.ok) throw new Error(name);
      return parsed.experiment;
    };
    it('the course notebook: zeros → symmetry, random ×10 → exploding, He → learns well', () => {
      const kinds = runExperiment(load('notebook.initexp.json')).map((r) => r.verdict.kind);
      assert.deepEqual(kinds, ['symmetry', 'exploding', 'learnsWell']);
    });
    it('a deep leaky-ReLU net with ×100 weights → diverged at the iteration its parameters became NaN', () => {
      const parsed = parseExperiment(
        JSON.stringify({
          name: 'diverges',
          dataset: {
            kind: 'circles',
            train: { samples: 100, noise: 0.05, seed: 1 },
            test: { samples: 50, noise: 0.05, seed: 2 },
          },
          network: { layers: [2, 10, 10, 10, 10, 10, 1], hiddenActivation: 'leakyRelu', leakyReluAlpha: 0.5 },
          training: { learningRate: 1, iterations: 200, logEvery: 1, loss: 'stable' },
          runs: [{ name: 'x100', init: { scheme: 'normal', std: 100 }, seed: 3 }],
        }),
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const [r] = runExperiment(parsed.experiment);
      assert.equal(r.verdict.kind, 'diverged');
      assert.ok(r.divergedAt !== null);
      // divergedAt is the iteration whose update left NaN in the parameters: every cost before it is finite,
      // every cost after it NaN (its own may already be NaN when the forward pass overflowed first).
      assert.ok(r.divergedAt > 0 && r.costs.slice(0, r.divergedAt).every(([, c]) => Number.isFinite(c)));
      assert.ok(r.costs.slice(r.divergedAt + 1).every(([, c]) => Number.isNaN(c)));
      assert.equal(r.iterations, 200, 'a diverged run still trains to the end, like the reference');
    });

    it('small random ×0.01 → vanishing', () => {
      const exp = load('small-random.initexp.json');
      const [small] = runExperiment({ ...exp, runs: exp.runs.slice(0, 1) });
      assert.equal(small.verdict.kind, 'vanishing');
    });
  });
});
