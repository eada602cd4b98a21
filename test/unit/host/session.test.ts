// A run session: parallelism limit, stop, run-index mapping, panel messages and results (stand-in and real workers).
import * as assert from 'node:assert/strict';
import { prepareRun } from '../../../src/core/training/run';
import { trainRun } from '../../../src/core/training/train';
import type { RunResult } from '../../../src/core/analysis/results';
import { reducePanel } from '../../../src/shared/panelState';
import { emptyPanelState } from '../../../src/shared/panelState';
import type { HostToWebview } from '../../../src/shared/protocol';
import { RunSession } from '../../../src/host/session';
import { startWorkerRun, type WorkerRun, type WorkerRunOutcome } from '../../../src/host/workerRunner';
import type { RunRequest } from '../../../src/host/platform';
import { notebookLike, requireBuiltWorker } from './helpers';

/** A controllable stand-in for a worker: the test finishes it, or it reports `stopped` when stopped. */
interface FakeRun extends WorkerRun {
  opts: RunRequest;
  finish(result: RunResult): void;
}

function fakeStarter(started: FakeRun[], results: RunResult[]): (opts: RunRequest) => WorkerRun {
  return (opts) => {
    let resolve: (o: WorkerRunOutcome) => void = () => undefined;
    const outcome = new Promise<WorkerRunOutcome>((r) => {
      resolve = r;
    });
    const run: FakeRun = {
      opts,
      runIndex: opts.runIndex,
      outcome,
      exited: outcome.then(() => undefined),
      stop: () => resolve({ kind: 'done', result: { ...results[opts.runIndex], stopped: true } }),
      finish: (result) => resolve({ kind: 'done', result }),
    };
    started.push(run);
    return run;
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('host: run session', () => {
  const experiment = notebookLike(300);
  const results = [0, 1, 2].map((i) => trainRun(prepareRun(experiment, i)));

  function session(indices: number[], maxParallel: number, started: FakeRun[], msgs: HostToWebview[]): RunSession {
    return new RunSession('file:///n.initexp.json', experiment, indices, {
      maxParallel,
      snapshotIntervalMs: 50,
      boundaryResolution: 10,
      emit: (m) => msgs.push(m),
      log: () => undefined,
      startWorker: fakeStarter(started, results),
    });
  }

  it('runs at most maxParallel workers at once, and all runs in the end', async () => {
    const started: FakeRun[] = [];
    const msgs: HostToWebview[] = [];
    const s = session([0, 1, 2], 2, started, msgs);
    const done = s.start();
    await tick();
    assert.equal(started.length, 2);
    assert.equal(s.activeWorkers, 2);
    started[1].finish(results[1]);
    await tick();
    assert.equal(started.length, 3);
    started[0].finish(results[0]);
    started[2].finish(results[2]);
    const outcome = await done;
    assert.equal(outcome.status, 'done');
    assert.deepEqual(outcome.results, results);
    const state = msgs.reduce(reducePanel, emptyPanelState(''));
    assert.equal(state.status, 'done');
    assert.deepEqual(
      state.runs.map((r) => r.result?.name),
      ['zeros', 'random x10', 'He'],
    );
  });

  it('stop() stops the running workers and starts no queued one', async () => {
    const started: FakeRun[] = [];
    const s = session([0, 1, 2], 1, started, []);
    const done = s.start();
    await tick();
    s.stop();
    const outcome = await done;
    assert.equal(started.length, 1);
    assert.equal(outcome.status, 'stopped');
    assert.equal(outcome.results[0]?.stopped, true);
    assert.deepEqual(outcome.results.slice(1), [null, null]);
  });

  it("numbers runs in session order for the panel while the worker gets the file's run index", async () => {
    const started: FakeRun[] = [];
    const msgs: HostToWebview[] = [];
    const s = session([2], 2, started, msgs);
    const done = s.start();
    await tick();
    assert.equal(started[0].opts.runIndex, 2);
    started[0].opts.onProgress?.({
      runIndex: 2,
      iteration: 100,
      totalIterations: 300,
      logged: [[0, 0.88]],
      curve: [],
      layers: [],
      boundary: { n: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, probs: 'gA==' },
    });
    started[0].finish(results[2]);
    await done;
    const state = msgs.reduce(reducePanel, emptyPanelState(''));
    assert.equal(state.runs.length, 1);
    assert.equal(state.runs[0].info.name, 'He');
    assert.deepEqual(state.runs[0].logged, [[0, 0.88]]);
    assert.equal(state.runs[0].result?.trainAccuracy, results[2].trainAccuracy);
  });

  it('with real workers: a single run whose seed continues the stream equals in-thread training', async () => {
    const workerPath = requireBuiltWorker();
    const exp = notebookLike(500, [
      { name: 'small', init: { scheme: 'normal', std: 0.01 }, seed: 1 },
      { name: 'continued', init: { scheme: 'he' } },
    ]);
    const lines: string[] = [];
    const msgs: HostToWebview[] = [];
    const s = new RunSession('file:///c.initexp.json', exp, [1], {
      startWorker: (request) => startWorkerRun({ ...request, workerPath }),
      maxParallel: 2,
      snapshotIntervalMs: 50,
      boundaryResolution: 20,
      emit: (m) => msgs.push(m),
      log: (l) => lines.push(l),
    });
    const outcome = await s.start();
    const local = trainRun(prepareRun(exp, 1));
    assert.equal(outcome.status, 'done');
    assert.deepEqual(outcome.results[0]?.costs, local.costs);
    assert.equal(outcome.results[0]?.trainAccuracy, local.trainAccuracy);
    assert.ok(lines.includes(`Cost after iteration 0: ${local.costs[0][1]}`));
    const state = msgs.reduce(reducePanel, emptyPanelState(''));
    assert.equal(state.runs[0].iteration, 500);
    assert.ok(state.train.xyl.length === 3 * 300 && state.test.xyl.length === 3 * 100);
  });
});
