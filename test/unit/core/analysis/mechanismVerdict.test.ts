// Mechanism verdicts: each fact from constructed signal snapshots, each verdict naming the numbers it rests on.
import * as assert from 'node:assert/strict';
import type { LayerSignal, Mechanism, SignalSnapshot, Verdict } from '../../../../src/core/analysis/results';
import {
  mechanismFacts,
  mechanismVerdict,
  signalTrends,
  UNHEALTHY_SHARE,
  withMechanism,
} from '../../../../src/core/analysis/mechanismVerdict';
import { verdictFor } from '../../../../src/core/analysis/verdict';

const layer = (l: number, z: number, dz: number, extra: Partial<LayerSignal> = {}): LayerSignal => ({
  layer: l,
  zStd: z,
  aStd: z,
  dzStd: dz,
  daStd: dz,
  dead: null,
  saturated: null,
  ...extra,
});
const snap = (layers: LayerSignal[], iteration = 0, inputStd = 1): SignalSnapshot => ({ iteration, inputStd, layers });
const mech = (initial: SignalSnapshot, current = initial): Mechanism => ({
  theory: { zStd: [], formula: '', note: null },
  initial,
  current,
});

const slow: Verdict = { kind: 'slow', text: 'Learns slowly.' };
const outcome = { trainAccuracy: 0.5, testAccuracy: 0.48 };
const healthy = snap([layer(1, 1, 0.1), layer(2, 0.9, 0.2), layer(3, 1.1, 0.5)]);

describe('mechanism verdicts', () => {
  it('a flat signal and gradient have no trend and leave the verdict alone', () => {
    assert.deepEqual(signalTrends(healthy), { signal: null, gradient: null });
    assert.equal(withMechanism(slow, outcome, mech(healthy)), slow);
  });

  it('vanishing signal: std of z falls ×0.1 per layer from layer 2; the verdict names layer 2 and the ratio', () => {
    const s = snap([layer(1, 1, 1e-3), layer(2, 0.1, 1e-2), layer(3, 0.01, 0.1), layer(4, 0.001, 0.5)]);
    const t = signalTrends(s).signal;
    assert.deepEqual(t, { direction: 'vanishing', from: 2, ratio: 0.001 });
    const v = withMechanism(slow, outcome, mech(s));
    assert.equal(v.kind, 'vanishing');
    assert.match(v.text, /^Vanishing signal from layer 2: .* 1\.0e-3 × the input's/);
    assert.match(v.why ?? '', /n·Var\[W\]/);
  });

  it('exploding signal from layer 1 when the first layer already multiplies the std by more than 2', () => {
    const s = snap([layer(1, 5, 1), layer(2, 40, 1), layer(3, 300, 1)]);
    assert.deepEqual(signalTrends(s).signal, { direction: 'exploding', from: 1, ratio: 300 });
    assert.equal(withMechanism(slow, outcome, mech(s)).kind, 'exploding');
  });

  it('vanishing gradient while the signal keeps its scale, counted back from the output', () => {
    // dZ: output 0.5, layer 3 0.4, layer 2 0.01 (the sharp drop), layer 1 0.001.
    const s = snap([layer(1, 1, 0.001), layer(2, 1, 0.01), layer(3, 1, 0.4), layer(4, 1, 0.5)]);
    const { signal, gradient } = signalTrends(s);
    assert.equal(signal, null);
    assert.deepEqual(gradient, { direction: 'vanishing', from: 2, ratio: 0.002 });
    const v = withMechanism(slow, outcome, mech(s));
    assert.match(v.text, /^Vanishing gradient from layer 2 back: layer 1 gets 2\.0e-3 × the output layer's gradient/);
  });

  it('dead units at the end name the worst layer and its share, unless the start already explains the stall', () => {
    const end = snap([layer(1, 1, 0.1, { dead: 0.25 }), layer(2, 1, 0.1, { dead: 0.75 }), layer(3, 1, 0.5)], 900);
    const f = mechanismFacts(mech(healthy, end));
    assert.deepEqual(f.dead, { layer: 2, share: 0.75 });
    const v = mechanismVerdict(slow, outcome, f);
    assert.equal(v.kind, 'deadUnits');
    assert.match(v.text, /^Dead ReLUs: 75% of layer 2's units never fire/);
    const vanishingStart = snap([layer(1, 1e-1, 0.5), layer(2, 1e-2, 0.5), layer(3, 1e-3, 0.5)]);
    assert.equal(withMechanism(slow, outcome, mech(vanishingStart, end)).kind, 'vanishing');
  });

  it(`saturation at the start: the first layer with at least ${100 * UNHEALTHY_SHARE}% saturated units`, () => {
    const s = snap([
      layer(1, 1, 1, { saturated: 0.2 }),
      layer(2, 5, 1, { saturated: 0.55 }),
      layer(3, 6, 1, { saturated: 0.9 }),
    ]);
    const v = withMechanism({ kind: 'exploding', text: 'Weights too large.' }, outcome, mech(s));
    assert.equal(v.kind, 'saturated');
    assert.match(v.text, /from layer 2, 55% of the units start with \|z\| > 3/);
  });

  it('keeps stopped, diverged and symmetric runs, and notes the mechanism on runs that learn well', () => {
    const dead = mech(healthy, snap([layer(1, 1, 1, { dead: 0.6 }), layer(2, 1, 1)], 10));
    for (const kind of ['stopped', 'diverged', 'symmetry'] as const) {
      const base: Verdict = { kind, text: 'x' };
      assert.equal(withMechanism(base, outcome, dead), base);
    }
    const v = withMechanism({ kind: 'learnsWell', text: 'Learns well: train 99.0%, test 96.0%.' }, outcome, dead);
    assert.equal(v.kind, 'learnsWell');
    assert.equal(v.text, "Learns well: train 99.0%, test 96.0%, although 60% of layer 1's units are dead.");
  });

  it('verdictFor uses the mechanism when it is given, and ignores null (diverged) figures', () => {
    const input = {
      costs: [
        [0, 0.693],
        [100, 0.693],
      ] as [number, number][],
      trainAccuracy: 0.5,
      testAccuracy: 0.5,
      iterations: 200,
      divergedAt: null,
      stopped: false,
      hiddenUnitSpreads: [0.1],
      initialGradRms: [0.01, 0.02],
    };
    const vanishing = snap([layer(1, 1e-2, 1e-6), layer(2, 1e-4, 0.5)]);
    assert.equal(verdictFor({ ...input, mechanism: mech(vanishing) }).kind, 'vanishing');
    const broken = snap([layer(1, 1e-2, 1e-6), { ...layer(2, 1e-4, 0.5), zStd: null, dzStd: null }]);
    assert.equal(verdictFor({ ...input, mechanism: mech(broken) }).kind, 'slow');
  });
});
