// Runtime guards on messages to the host and to the worker: well-formed ones pass, malformed ones are refused.
import * as assert from 'node:assert/strict';
import { isHostToWorker, isPanelState, isWebviewToHost, isWorkerToHost } from '../../../src/shared/guards';
import { prepareRun } from '../../../src/core/training/run';
import { trainRun } from '../../../src/core/training/train';
import { boundaryGrid, datasetBounds, layerSnapshots } from '../../../src/core/analysis/metrics';
import { emptyPanelState, reducePanel } from '../../../src/shared/panelState';
import { costsToWire, resultToWire, type RunProgress, type WorkerToHost } from '../../../src/shared/protocol';
import { initialPanelState } from '../../../src/host/session';
import { notebookLike } from '../host/helpers';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==';

describe('message guards', () => {
  describe('webview → host', () => {
    it('accepts every well-formed kind', () => {
      for (const msg of [
        { kind: 'ready' },
        { kind: 'stop' },
        { kind: 'rerun' },
        { kind: 'openFile' },
        { kind: 'export', format: 'json' },
        { kind: 'export', format: 'csv' },
        { kind: 'savePng', dataUrl: PNG },
        { kind: 'cspViolation', directive: 'script-src', blockedUri: 'inline' },
      ])
        assert.equal(isWebviewToHost(msg), true, JSON.stringify(msg));
    });

    it('refuses malformed messages', () => {
      for (const msg of [
        null,
        undefined,
        42,
        'ready',
        [],
        {},
        { kind: 'launch' },
        { kind: 7 },
        { kind: 'export' },
        { kind: 'export', format: 'xlsx' },
        { kind: 'savePng' },
        { kind: 'savePng', dataUrl: 'data:text/html;base64,PGI+' },
        { kind: 'savePng', dataUrl: 'https://example.com/a.png' },
        { kind: 'savePng', dataUrl: `${PNG}<script>` },
        { kind: 'cspViolation', directive: 'script-src' },
        { kind: 'cspViolation', directive: 1, blockedUri: '' },
      ])
        assert.equal(isWebviewToHost(msg), false, JSON.stringify(msg));
    });
  });

  describe('worker → host', () => {
    // Real payloads from the core, as the worker builds them.
    const experiment = notebookLike(200);
    const prep = prepareRun(experiment, 2);
    const result = trainRun(prep);
    const progress: RunProgress = {
      runIndex: 2,
      iteration: 100,
      totalIterations: 200,
      logged: costsToWire([[0, Infinity]]),
      curve: costsToWire([
        [0, 0.8],
        [10, NaN],
      ]),
      layers: layerSnapshots(prep.params, null),
      boundary: boundaryGrid(prep.params, experiment, datasetBounds(prep.train, prep.test), 10),
    };

    it('accepts real progress, done and error messages', () => {
      const msgs: WorkerToHost[] = [
        { kind: 'progress', progress },
        { kind: 'done', runIndex: 2, result: resultToWire(result) },
        { kind: 'error', runIndex: 0, message: 'boom' },
      ];
      for (const m of msgs) assert.equal(isWorkerToHost(m), true, m.kind);
    });

    it('refuses malformed ones', () => {
      const wire = resultToWire(result);
      for (const msg of [
        null,
        {},
        { kind: 'progress' },
        { kind: 'progress', progress: { ...progress, runIndex: -1 } },
        { kind: 'progress', progress: { ...progress, iteration: 1.5 } },
        { kind: 'progress', progress: { ...progress, logged: [[0, 'inf']] } },
        { kind: 'progress', progress: { ...progress, curve: [[0]] } },
        { kind: 'progress', progress: { ...progress, boundary: { ...progress.boundary, n: 'ten' } } },
        { kind: 'progress', progress: { ...progress, layers: [{ layer: 1 }] } },
        { kind: 'done', runIndex: 0 },
        { kind: 'done', runIndex: 0, result: { ...wire, stopped: 'no' } },
        { kind: 'done', runIndex: 0, result: { ...wire, verdict: { kind: 'great', text: '' } } },
        { kind: 'done', runIndex: 0, result: { ...wire, finalCost: Infinity } },
        { kind: 'error', runIndex: 0 },
        { kind: 'exit' },
      ])
        assert.equal(isWorkerToHost(msg), false, JSON.stringify(msg));
    });
  });

  describe('restored panel state', () => {
    it('accepts a state after a JSON round trip, including NaN statistics that became null', () => {
      const experiment = notebookLike(200);
      let state = initialPanelState('file:///x.initexp.json', experiment, [0, 1, 2]);
      const prep = prepareRun(experiment, 1);
      prep.params.W[0][0] = NaN;
      state = reducePanel(state, {
        kind: 'progress',
        progress: {
          runIndex: 1,
          iteration: 10,
          totalIterations: 200,
          logged: [[0, 'Infinity']],
          curve: [],
          layers: layerSnapshots(prep.params, null),
          boundary: boundaryGrid(prep.params, experiment, datasetBounds(prep.train), 8),
        },
      });
      state = reducePanel(state, {
        kind: 'runDone',
        runIndex: 0,
        result: resultToWire(trainRun(prepareRun(experiment, 0))),
      });
      const restored: unknown = JSON.parse(JSON.stringify(state));
      assert.equal(isPanelState(restored), true);
      assert.equal(isPanelState(emptyPanelState('untitled:Untitled-1')), true);
    });

    it('refuses states without a file or with a broken run', () => {
      const good = emptyPanelState('file:///a.initexp.json');
      assert.equal(isPanelState({ ...good, file: 3 }), false);
      assert.equal(isPanelState({ ...good, status: 'exploded' }), false);
      assert.equal(isPanelState({ ...good, runs: [{ info: { name: 'x' } }] }), false);
      assert.equal(isPanelState(null), false);
    });
  });
});

describe('host → worker guard', () => {
  const experiment = notebookLike(200);
  const start = { kind: 'start', experiment, runIndex: 2, snapshotIntervalMs: 66, boundaryResolution: 100 };
  /** `start` with one field of the experiment replaced, by a dotted path. */
  const withField = (path: string, value: unknown): unknown => {
    const copy = JSON.parse(JSON.stringify(start)) as Record<string, unknown>;
    const keys = path.split('.');
    let o = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
    o[keys[keys.length - 1]] = value;
    return copy;
  };

  it('accepts a real start message after structured cloning, and stop', () => {
    assert.equal(isHostToWorker(structuredClone(start)), true);
    assert.equal(isHostToWorker({ kind: 'stop' }), true);
  });

  it('refuses a start whose experiment or settings are malformed', () => {
    for (const [path, value] of [
      ['runIndex', 3],
      ['runIndex', -1],
      ['snapshotIntervalMs', 0],
      ['boundaryResolution', 0],
      ['experiment.rng', 'mt'],
      ['experiment.dataset.kind', 'blobs'],
      ['experiment.dataset.train.samples', 1.5],
      ['experiment.network.layers', [2]],
      ['experiment.network.layers', [2, 0, 1]],
      ['experiment.network.hiddenActivation', 'gelu'],
      ['experiment.training.iterations', '10'],
      ['experiment.training.logEvery', 0],
      ['experiment.training.loss', 'mse'],
      ['experiment.runs', []],
      ['experiment.runs.0.init.scheme', 'He'],
      ['experiment.runs.0.init.std', 'big'],
    ] as const) {
      assert.equal(isHostToWorker(withField(path, value)), false, `${path} = ${JSON.stringify(value)}`);
    }
    for (const x of [null, {}, { kind: 'launch' }, { kind: 'start' }]) assert.equal(isHostToWorker(x), false);
  });
});
