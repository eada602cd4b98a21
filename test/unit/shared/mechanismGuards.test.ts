// The mechanism payload's guards: real fixture data passes, malformed figures are refused, older senders still pass.
import * as assert from 'node:assert/strict';
import type { HostToWebview, Mechanism, PanelState } from '../../../src/shared/protocol';
import { reducePanel } from '../../../src/shared/panelState';
import { isHostToWebview, isPanelState } from '../../../src/shared/guards';
import { isMechanism } from '../../../src/shared/mechanismGuards';
import { initialState, progress } from '../../webview/fixtureData';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
type Progress = Extract<HostToWebview, { kind: 'progress' }>;

describe('mechanism guards', () => {
  const msg = clone(progress(2, 0, 1000)) as Progress;
  const m = msg.progress.mechanism as Mechanism;

  it("accepts the fixture's real signal flow, also with null figures of a diverged run", () => {
    assert.ok(isMechanism(m));
    assert.ok(isHostToWebview(msg));
    const diverged = clone(progress(3, 2500, 5000)) as Progress;
    assert.ok(diverged.progress.mechanism?.current.layers.some((l) => l.zStd === null));
    assert.ok(isHostToWebview(diverged));
  });

  it("carries the worker's activation and gradient histograms of every layer", () => {
    for (const l of m.current.layers) {
      assert.ok(l.aHist && l.aHist.counts.reduce((a, c) => a + c, 0) > 0, `A${l.layer}`);
      assert.ok(l.dzHist && l.dzHist.counts.length === l.aHist.counts.length, `dZ${l.layer}`);
    }
  });

  it('accepts a persisted state with weight bands, and refuses a band point of the wrong shape', () => {
    let state = initialState();
    for (const to of [1, 500, 1000]) state = reducePanel(state, progress(0, 0, to));
    const bands = state.runs[0].bands ?? [];
    assert.equal(bands.length, 3);
    assert.ok(isPanelState(clone(state)));
    const broken = (b: unknown): PanelState =>
      ({ ...state, runs: state.runs.map((r, i) => (i === 0 ? { ...r, bands: [b] } : r)) }) as PanelState;
    assert.equal(isPanelState(broken({ iteration: 1, layers: [[1, 2, 3]] })), false, 'too few percentiles');
    assert.equal(isPanelState(broken({ iteration: -1, layers: [] })), false, 'negative iteration');
    assert.ok(isPanelState(broken({ iteration: 1, layers: [null] })), 'a layer without finite weights');
  });

  it('accepts progress and state without a mechanism (older workers, persisted states)', () => {
    const old = { ...msg.progress };
    delete old.mechanism;
    assert.ok(isHostToWebview({ ...msg, progress: old }));
    const state = initialState();
    assert.ok(isPanelState(clone(state)));
    assert.ok(isPanelState({ ...state, runs: state.runs.map((r) => ({ ...r, mechanism: m })) }));
  });

  it('refuses malformed figures', () => {
    const bad: unknown[] = [
      { ...m, theory: { ...m.theory, zStd: ['1'] } },
      { ...m, initial: { ...m.initial, inputStd: 'NaN' } },
      { ...m, current: { ...m.current, layers: [{ ...m.current.layers[0], dead: 1.5 }] } },
      { ...m, current: { ...m.current, layers: [{ ...m.current.layers[0], zStd: Infinity }] } },
      { ...m, theory: { ...m.theory, note: 3 } },
      { theory: m.theory, initial: m.initial },
      { ...m, current: { ...m.current, layers: [{ ...m.current.layers[0], aHist: { min: 1, max: 1, counts: [2] } }] } },
      {
        ...m,
        current: { ...m.current, layers: [{ ...m.current.layers[0], dzHist: { min: 0, max: 1, counts: [-1] } }] },
      },
    ];
    for (const b of bad) {
      assert.equal(isMechanism(b), false, JSON.stringify(b).slice(0, 120));
      assert.equal(isHostToWebview({ ...msg, progress: { ...msg.progress, mechanism: b } }), false);
    }
    assert.equal(isHostToWebview({ ...msg, progress: { ...msg.progress, mechanism: null } }), false);
  });
});
