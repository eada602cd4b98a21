// Sweeps expand one run into a run per value; sameDraw gives runs one seed so only the scale differs.
import * as assert from 'node:assert/strict';
import { parseExperiment, type ExperimentError } from '../../../../src/core/experiment/parse';
import type { Experiment } from '../../../../src/core/experiment/types';
import { prepareRun } from '../../../../src/core/training/run';
import { trainRun } from '../../../../src/core/training/train';

type Json = Record<string, unknown>;

function doc(runs: Json[], extra: Json = {}): string {
  return JSON.stringify({
    name: 'sweep',
    ...extra,
    dataset: { kind: 'moons', train: { samples: 40, noise: 0.1, seed: 1 }, test: { samples: 20, noise: 0.1, seed: 2 } },
    network: { layers: [2, 4, 3, 1], hiddenActivation: 'tanh' },
    training: { learningRate: 0.5, iterations: 20, logEvery: 5 },
    runs,
  });
}

function ok(text: string): Experiment {
  const r = parseExperiment(text);
  assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.experiment;
}

function errors(text: string): ExperimentError[] {
  const r = parseExperiment(text);
  assert.equal(r.ok, false, 'expected the file to be invalid');
  return r.ok ? [] : r.errors;
}

describe('core/experiment: sweeps', () => {
  it("expands a std sweep into named runs in order, each with the run's seed", () => {
    const e = ok(doc([{ name: 'normal', init: { scheme: 'normal' }, seed: 3, sweep: { 'init.std': [0.01, 0.1, 1] } }]));
    assert.deepEqual(
      e.runs.map((r) => r.name),
      ['normal: std = 0.01', 'normal: std = 0.1', 'normal: std = 1'],
    );
    assert.deepEqual(
      e.runs.map((r) => r.init),
      [0.01, 0.1, 1].map((std) => ({ scheme: 'normal', std })),
    );
    assert.deepEqual(
      e.runs.map((r) => r.seed),
      [3, 3, 3],
    );
    assert.deepEqual(
      e.runs.map((r) => r.sweep),
      [0.01, 0.1, 1].map((value, index) => ({ of: 'normal', key: 'init.std', value, index })),
    );
  });

  it('a swept run trains exactly like the same run written out by hand', () => {
    const swept = ok(doc([{ name: 'n', init: { scheme: 'normal' }, seed: 3, sweep: { 'init.std': [0.5, 2] } }]));
    const byHand = ok(
      doc([
        { name: 'a', init: { scheme: 'normal', std: 0.5 }, seed: 3 },
        { name: 'b', init: { scheme: 'normal', std: 2 }, seed: 3 },
      ]),
    );
    for (const i of [0, 1]) {
      assert.deepEqual(trainRun(prepareRun(swept, i)).costs, trainRun(prepareRun(byHand, i)).costs);
    }
  });

  it('sweeps schemes, gains and learning rates', () => {
    const schemes = ok(
      doc([{ name: 's', init: { scheme: 'he' }, seed: 1, sweep: { 'init.scheme': ['he', 'lecun', 'xavierUniform'] } }]),
    );
    assert.deepEqual(
      schemes.runs.map((r) => r.init.scheme),
      ['he', 'lecun', 'xavierUniform'],
    );
    const gains = ok(doc([{ name: 'g', init: { scheme: 'he' }, sweep: { 'init.gain': [0.5, 2] } }]));
    assert.deepEqual(
      gains.runs.map((r) => r.init.gain),
      [0.5, 2],
    );
    const rates = ok(doc([{ name: 'lr', init: { scheme: 'he' }, seed: 1, sweep: { learningRate: [0.1, 1] } }]));
    assert.deepEqual(
      rates.runs.map((r) => r.learningRate),
      [0.1, 1],
    );
    assert.deepEqual(
      rates.runs.map((r) => r.name),
      ['lr: learning rate = 0.1', 'lr: learning rate = 1'],
    );
    // The run's own learning rate is the one it trains with: a larger step moves the cost further.
    const [slow, fast] = [0, 1].map((i) => trainRun(prepareRun(rates, i)));
    assert.notDeepEqual(slow.costs.slice(1), fast.costs.slice(1));
    assert.deepEqual(slow.costs[0], fast.costs[0]);
  });

  it('refuses sweeps that are malformed or do not fit the run, naming the JSON path and the rule', () => {
    const cases: [Json, string, string][] = [
      [{ name: 'a', init: { scheme: 'he' }, sweep: {} }, '$.runs[0].sweep', 'sweep.oneSetting'],
      [
        { name: 'a', init: { scheme: 'normal' }, sweep: { 'init.std': [0.1], 'init.gain': [1] } },
        '$.runs[0].sweep',
        'sweep.oneSetting',
      ],
      [
        { name: 'a', init: { scheme: 'normal' }, sweep: { 'init.sdt': [0.1] } },
        '$.runs[0].sweep["init.sdt"]',
        'unknownProperty',
      ],
      [
        { name: 'a', init: { scheme: 'normal' }, sweep: { 'init.std': [] } },
        '$.runs[0].sweep["init.std"]',
        'sweep.values',
      ],
      [
        { name: 'a', init: { scheme: 'normal' }, sweep: { 'init.std': [0.1, 0.1] } },
        '$.runs[0].sweep["init.std"][1]',
        'sweep.values',
      ],
      [
        { name: 'a', init: { scheme: 'normal' }, sweep: { 'init.std': [0.1, -1] } },
        '$.runs[0].sweep["init.std"][1]',
        'positive',
      ],
      [
        { name: 'a', init: { scheme: 'he' }, sweep: { 'init.std': [0.1] } },
        '$.runs[0].init.scheme',
        'init.inapplicable',
      ],
      [
        { name: 'a', init: { scheme: 'he' }, sweep: { 'init.scheme': ['he', 'normal'] } },
        '$.runs[0].sweep["init.scheme"][1]',
        'required',
      ],
      [
        { name: 'a', init: { scheme: 'he' }, sweep: { 'init.scheme': ['he', 'He'] } },
        '$.runs[0].sweep["init.scheme"][1]',
        'enum',
      ],
      [
        { name: 'a', init: { scheme: 'zeros' }, sweep: { 'init.gain': [1, 2] } },
        '$.runs[0].init.scheme',
        'init.inapplicable',
      ],
    ];
    for (const [run, path, rule] of cases) {
      const errs = errors(doc([run]));
      assert.ok(
        errs.some((e) => e.path === path && e.rule === rule),
        `${JSON.stringify(run)}: got ${errs.map((e) => `${e.path} ${e.rule}`).join('; ')}`,
      );
    }
  });

  it('names must stay unique after expansion, and expanded runs count against the run limit', () => {
    const clash = errors(
      doc([
        { name: 'n', init: { scheme: 'normal' }, sweep: { 'init.std': [1] } },
        { name: 'n: std = 1', init: { scheme: 'he' } },
      ]),
    );
    assert.ok(clash.some((e) => e.rule === 'runs.uniqueName' && e.message.includes('"n: std = 1"')));
    const many = errors(
      doc([
        {
          name: 'n',
          init: { scheme: 'normal' },
          sweep: { 'init.std': Array.from({ length: 33 }, (_, i) => (i + 1) / 10) },
        },
      ]),
    );
    assert.ok(many.some((e) => e.rule === 'limit.runs' && e.message.includes('33 runs')));
  });

  it('a std given beside a std sweep is ignored with a warning', () => {
    const r = parseExperiment(doc([{ name: 'n', init: { scheme: 'normal', std: 5 }, sweep: { 'init.std': [1, 2] } }]));
    assert.ok(r.ok);
    assert.ok(r.warnings.some((w) => w.rule === 'ignored' && w.path === '$.runs[0].init.std'));
    assert.deepEqual(
      r.experiment.runs.map((x) => x.init.std),
      [1, 2],
    );
  });
});

describe('core/experiment: sameDraw', () => {
  it('at the top, every run draws from one seed: normal-family weights are the same tensor scaled', () => {
    const e = ok(
      doc(
        [
          { name: 'he', init: { scheme: 'he' }, seed: 7 },
          { name: 'lecun', init: { scheme: 'lecun' } },
          { name: 'small', init: { scheme: 'normal', std: 0.01 } },
          { name: 'orth', init: { scheme: 'orthogonal' } },
        ],
        { sameDraw: true },
      ),
    );
    assert.deepEqual(
      e.runs.map((r) => r.seed),
      [7, 7, 7, 7],
    );
    assert.ok(e.runs.every((r) => r.sameDraw));
    const W = e.runs.map((_, i) => prepareRun(e, i).params.W);
    const layers = e.network.layers;
    for (let l = 0; l < W[0].length; l++) {
      const fanIn = layers[l];
      for (let k = 0; k < W[0][l].length; k++) {
        // randn · scale for every normal scheme: dividing by the scale recovers one standard normal value.
        const z = W[0][l][k] / Math.sqrt(2 / fanIn);
        assert.ok(Math.abs(W[1][l][k] / Math.sqrt(1 / fanIn) - z) <= 1e-12 * Math.max(1, Math.abs(z)));
        assert.ok(Math.abs(W[2][l][k] / 0.01 - z) <= 1e-12 * Math.max(1, Math.abs(z)));
      }
    }
  });

  it('without sameDraw a run without a seed continues the stream (a different draw)', () => {
    const e = ok(
      doc([
        { name: 'he', init: { scheme: 'he' }, seed: 7 },
        { name: 'he2', init: { scheme: 'he' } },
      ]),
    );
    assert.notDeepEqual(prepareRun(e, 0).params.W, prepareRun(e, 1).params.W);
    const same = ok(
      doc(
        [
          { name: 'he', init: { scheme: 'he' }, seed: 7 },
          { name: 'he2', init: { scheme: 'he' } },
        ],
        { sameDraw: true },
      ),
    );
    assert.deepEqual(prepareRun(same, 0).params.W, prepareRun(same, 1).params.W);
  });

  it('refuses a second, different seed and warns about a run-level sameDraw without a sweep', () => {
    const errs = errors(
      doc(
        [
          { name: 'a', init: { scheme: 'he' }, seed: 1 },
          { name: 'b', init: { scheme: 'he' }, seed: 2 },
        ],
        { sameDraw: true },
      ),
    );
    assert.ok(errs.some((e) => e.rule === 'sameDraw.seed' && e.path === '$.runs[1].seed'));
    const r = parseExperiment(doc([{ name: 'a', init: { scheme: 'he' }, sameDraw: true }]));
    assert.ok(r.ok && r.warnings.some((w) => w.rule === 'ignored' && w.path === '$.runs[0].sameDraw'));
  });

  it('on a sweep without a seed, sameDraw gives every value seed 0', () => {
    const e = ok(doc([{ name: 'n', init: { scheme: 'normal' }, sameDraw: true, sweep: { 'init.std': [0.1, 1] } }]));
    assert.deepEqual(
      e.runs.map((r) => r.seed),
      [0, 0],
    );
  });
});
