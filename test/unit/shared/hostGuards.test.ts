// Runtime guards on messages from the webview and the worker: well-formed ones pass, malformed ones are refused.
import * as assert from 'node:assert/strict';
import { isPanelState, isWebviewToHost, isWorkerToHost } from '../../../src/shared/hostGuards';
import { prepareRun } from '../../../src/core/training/run';
import { trainRun } from '../../../src/core/training/train';
import { boundaryGrid, datasetBounds, layerSnapshots } from '../../../src/core/analysis/metrics';
import { emptyPanelState, reducePanel } from '../../../src/shared/panelState';
import { costsToWire, resultToWire, type RunProgress, type WorkerToHost } from '../../../src/shared/protocol';
import { initialPanelState } from '../../../src/host/session';
import { notebookLike } from '../host/helpers';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==';

describe('host: message guards', () => {
  describe('webview → host', () => {
    it('accepts every well-formed kind', () => {
      for (const msg of [
        { kind: 'ready' }, { kind: 'stop' }, { kind: 'rerun' }, { kind: 'openFile' },
        { kind: 'export', format: 'json' }, { kind: 'export', format: 'csv' },
        { kind: 'savePng', name: 'cost curves', dataUrl: PNG },
        { kind: 'cspViolation', directive: 'script-src', blockedUri: 'inline' },
      ]) assert.equal(isWebviewToHost(msg), true, JSON.stringify(msg));
    });

    it('refuses malformed messages', () => {
      for (const msg of [
        null, undefined, 42, 'ready', [], {}, { kind: 'launch' }, { kind: 7 },
        { kind: 'export' }, { kind: 'export', format: 'xlsx' },
        { kind: 'savePng', name: 'x' }, { kind: 'savePng', name: 'x', dataUrl: 'data:text/html;base64,PGI+' },
        { kind: 'savePng', name: 'x', dataUrl: 'https://example.com/a.png' },
        { kind: 'savePng', name: 'x'.repeat(300), dataUrl: PNG },
        { kind: 'savePng', name: 'x', dataUrl: `${PNG}<script>` },
        { kind: 'cspViolation', directive: 'script-src' }, { kind: 'cspViolation', directive: 1, blockedUri: '' },
      ]) assert.equal(isWebviewToHost(msg), false, JSON.stringify(msg));
    });
  });

  describe('worker → host', () => {
    // Real payloads from the core, as the worker builds them.
    const experiment = notebookLike(200);
    const prep = prepareRun(experiment, 2);
    const result = trainRun(prep);
    const progress: RunProgress = {
      runIndex: 2, iteration: 100, totalIterations: 200,
      logged: costsToWire([[0, Infinity]]), curve: costsToWire([[0, 0.8], [10, NaN]]),
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
        null, {}, { kind: 'progress' }, { kind: 'progress', progress: { ...progress, runIndex: -1 } },
        { kind: 'progress', progress: { ...progress, iteration: 1.5 } },
        { kind: 'progress', progress: { ...progress, logged: [[0, 'inf']] } },
        { kind: 'progress', progress: { ...progress, curve: [[0]] } },
        { kind: 'progress', progress: { ...progress, boundary: { ...progress.boundary, n: 'ten' } } },
        { kind: 'progress', progress: { ...progress, layers: [{ layer: 1 }] } },
        { kind: 'done', runIndex: 0 }, { kind: 'done', runIndex: 0, result: { ...wire, stopped: 'no' } },
        { kind: 'done', runIndex: 0, result: { ...wire, verdict: { kind: 'great', text: '' } } },
        { kind: 'done', runIndex: 0, result: { ...wire, finalCost: Infinity } },
        { kind: 'error', runIndex: 0 }, { kind: 'exit' },
      ]) assert.equal(isWorkerToHost(msg), false, JSON.stringify(msg));
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
          runIndex: 1, iteration: 10, totalIterations: 200, logged: [[0, 'Infinity']], curve: [],
          layers: layerSnapshots(prep.params, null),
          boundary: boundaryGrid(prep.params, experiment, datasetBounds(prep.train), 8),
        },
      });
      state = reducePanel(state, { kind: 'runDone', runIndex: 0, result: resultToWire(trainRun(prepareRun(experiment, 0))) });
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
