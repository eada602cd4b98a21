// The panel reducer: every message kind, immutability, and the replay that host and webview both rely on.
import * as assert from 'node:assert/strict';
import {
  carryPrevious,
  emptyPanelState,
  emptyRunView,
  MAX_BAND_POINTS,
  reducePanel,
  withBandPoint,
} from '../../../src/shared/panelState';
import type {
  BandPoint,
  HostToWebview,
  LayerSnapshot,
  Mechanism,
  PanelState,
  RunProgress,
  WireRunResult,
} from '../../../src/shared/protocol';

const info = (name: string): { name: string; initLabel: string } => ({ name, initLabel: `${name} init` });

function started(): PanelState {
  return {
    ...emptyPanelState('file:///ws/a.initexp.json'),
    experimentName: 'a',
    status: 'running',
    totalIterations: 100,
    runs: [emptyRunView(info('zeros')), emptyRunView(info('He'))],
  };
}

function progress(runIndex: number, iteration: number, logged: [number, number][]): RunProgress {
  return {
    runIndex,
    iteration,
    totalIterations: 100,
    logged,
    curve: logged,
    layers: [],
    boundary: { n: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, probs: 'AA==' },
  };
}

const result: WireRunResult = {
  name: 'He',
  costs: [[0, 0.7]],
  trainAccuracy: 1,
  testAccuracy: 0.9,
  finalCost: 0.1,
  ms: 5,
  iterations: 100,
  divergedAt: null,
  stopped: false,
  verdict: { kind: 'learnsWell', text: 'ok' },
};

describe('shared: panel reducer', () => {
  it('a snapshot replaces the whole state', () => {
    const next = started();
    assert.equal(reducePanel(emptyPanelState('x'), { kind: 'snapshot', state: next }), next);
  });

  it('progress appends logged costs and curve points to its run only, and replaces layers and boundary', () => {
    let s = started();
    s = reducePanel(s, { kind: 'progress', progress: progress(1, 10, [[0, 0.9]]) });
    s = reducePanel(s, {
      kind: 'progress',
      progress: progress(1, 20, [
        [10, 0.8],
        [20, 0.7],
      ]),
    });
    assert.deepEqual(s.runs[1].logged, [
      [0, 0.9],
      [10, 0.8],
      [20, 0.7],
    ]);
    assert.equal(s.runs[1].iteration, 20);
    assert.deepEqual(s.runs[1].boundary, progress(1, 20, []).boundary);
    assert.deepEqual(s.runs[0], emptyRunView(info('zeros')), 'the other run is untouched');
  });

  it('progress keeps the signal flow it holds when the worker sent the same one again (same iterations)', () => {
    const mech = (now: number): Mechanism => ({
      theory: { zStd: [1], formula: '', note: null },
      initial: { iteration: 0, inputStd: 1, layers: [] },
      current: { iteration: now, inputStd: 1, layers: [] },
    });
    let s = started();
    s = reducePanel(s, { kind: 'progress', progress: { ...progress(1, 10, []), mechanism: mech(10) } });
    const held = s.runs[1].mechanism;
    // A structured clone of the same figure: equal, but a new object.
    s = reducePanel(s, { kind: 'progress', progress: { ...progress(1, 20, []), mechanism: mech(10) } });
    assert.equal(s.runs[1].mechanism, held, 'the same figure keeps its object, so the panel redraws nothing');
    s = reducePanel(s, { kind: 'progress', progress: progress(1, 30, []) });
    assert.equal(s.runs[1].mechanism, held, 'none sent: the last one stays');
    const fresh = mech(30);
    s = reducePanel(s, { kind: 'progress', progress: { ...progress(1, 40, []), mechanism: fresh } });
    assert.equal(s.runs[1].mechanism, fresh, 'a newer figure replaces it');
  });

  it('progress adds a point of weight percentiles per snapshot, replacing one at the same iteration', () => {
    const layer = (scale: number): LayerSnapshot => ({
      layer: 1,
      shape: [2, 2],
      histogram: { min: 0, max: 4 * scale, counts: [1, 1, 1, 1] },
      mean: 2 * scale,
      std: scale,
      unitSpread: 1,
      gradRms: null,
      nonFinite: 0,
    });
    const at = (iteration: number, scale: number): RunProgress => ({
      ...progress(0, iteration, []),
      layers: [layer(scale)],
    });
    let s = started();
    s = reducePanel(s, { kind: 'progress', progress: at(0, 1) });
    s = reducePanel(s, { kind: 'progress', progress: at(10, 2) });
    assert.deepEqual(
      s.runs[0].bands?.map((b) => [b.iteration, b.layers[0]?.[0], b.layers[0]?.[4], b.layers[0]?.[8]]),
      [
        [0, 0, 2, 4],
        [10, 0, 4, 8],
      ],
    );
    // A stopped run's last snapshot repeats its iteration: it replaces the point, never duplicates it.
    s = reducePanel(s, { kind: 'progress', progress: at(10, 3) });
    assert.deepEqual(
      s.runs[0].bands?.map((b) => [b.iteration, b.layers[0]?.[8]]),
      [
        [0, 4],
        [10, 12],
      ],
    );
  });

  it('keeps at most MAX_BAND_POINTS percentile points, thinning evenly and keeping the first and the latest', () => {
    const layers: LayerSnapshot[] = [
      {
        layer: 1,
        shape: [1, 1],
        histogram: { min: 0, max: 1, counts: [1] },
        mean: 0.5,
        std: 0,
        unitSpread: 0,
        gradRms: null,
        nonFinite: 0,
      },
    ];
    let bands: BandPoint[] = [];
    for (let i = 0; i <= MAX_BAND_POINTS; i++) bands = withBandPoint(bands, i * 5, layers);
    assert.equal(bands.length, MAX_BAND_POINTS / 2 + 1);
    assert.equal(bands[0].iteration, 0);
    assert.equal(bands[bands.length - 1].iteration, MAX_BAND_POINTS * 5);
    assert.ok(
      bands.every((b, i) => i === 0 || b.iteration - bands[i - 1].iteration === 10),
      'evenly thinned',
    );
    assert.deepEqual(withBandPoint(bands, 9999, []), bands, 'a snapshot without layers adds nothing');
  });

  it('runDone stores the result and its iteration count; status changes only status and message', () => {
    let s = reducePanel(started(), { kind: 'runDone', runIndex: 1, result });
    assert.equal(s.runs[1].result, result);
    assert.equal(s.runs[1].iteration, 100);
    s = reducePanel(s, { kind: 'status', status: 'done', message: '2 runs finished' });
    assert.equal(s.status, 'done');
    assert.equal(s.message, '2 runs finished');
    assert.equal(s.runs[1].result, result);
  });

  it('ignores messages for a run it does not have', () => {
    const s = started();
    assert.equal(reducePanel(s, { kind: 'progress', progress: progress(5, 1, []) }), s);
    assert.equal(reducePanel(s, { kind: 'runDone', runIndex: 2, result }), s);
  });

  it('never mutates its inputs, so host and webview may keep earlier states', () => {
    const s = started();
    const frozen = JSON.stringify(s);
    const msgs: HostToWebview[] = [
      { kind: 'progress', progress: progress(0, 5, [[0, 1]]) },
      { kind: 'runDone', runIndex: 0, result },
      { kind: 'status', status: 'stopped', message: 'x' },
    ];
    let t = s;
    for (const m of msgs) t = reducePanel(t, m);
    assert.equal(JSON.stringify(s), frozen);
    assert.notEqual(t, s);
  });

  it("carries each finished run into the next session's history, keeping older entries of runs that did not finish", () => {
    let s = reducePanel(started(), {
      kind: 'progress',
      progress: progress(1, 100, [
        [0, 0.9],
        [100, 0.1],
      ]),
    });
    s = reducePanel(s, { kind: 'runDone', runIndex: 1, result });
    const older = { curve: [[0, 1]] as [number, number][], trainAccuracy: 0.5, testAccuracy: 0.5, finalCost: 1 };
    const previous = carryPrevious({ ...s, previous: { zeros: older, He: older } });
    assert.deepEqual(previous.He, {
      curve: [
        [0, 0.9],
        [100, 0.1],
      ],
      trainAccuracy: 1,
      testAccuracy: 0.9,
      finalCost: 0.1,
    });
    assert.deepEqual(previous.zeros, older, 'zeros did not finish this time: its older outcome stays');
    const stopped = reducePanel(s, { kind: 'runDone', runIndex: 1, result: { ...result, stopped: true } });
    assert.equal(carryPrevious(stopped).He, undefined, 'a stopped run is no outcome to compare with');
    assert.deepEqual(carryPrevious(undefined), {});
  });
});
