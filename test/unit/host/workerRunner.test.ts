// The worker runner against the built dist/worker.js: parity with in-thread training, throttling, cancellation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareRun } from '../../../src/core/training/run';
import { trainRun } from '../../../src/core/training/train';
import type { RunResult } from '../../../src/core/analysis/results';
import { costsFromWire, type RunProgress } from '../../../src/shared/protocol';
import { startWorkerRun } from '../../../src/host/workerRunner';
import { notebookLike, requireBuiltWorker, tinyFast } from './helpers';

/** Everything but the wall time, which differs between two trainings of the same run. */
function withoutTime(r: RunResult): Omit<RunResult, 'ms'> & { ms: null } {
  return { ...r, ms: null };
}

describe('host: worker runner (dist/worker.js)', () => {
  let workerPath: string;
  before(() => {
    workerPath = requireBuiltWorker();
  });

  it('gives the same result as training the same run in this thread', async () => {
    const experiment = notebookLike(3000);
    for (const runIndex of [0, 2]) {
      const progress: RunProgress[] = [];
      const run = startWorkerRun({
        workerPath,
        experiment,
        runIndex,
        snapshotIntervalMs: 50,
        boundaryResolution: 20,
        onProgress: (p) => progress.push(p),
      });
      const outcome = await run.outcome;
      await run.exited;
      assert.equal(outcome.kind, 'done');
      if (outcome.kind !== 'done') return;
      const local = trainRun(prepareRun(experiment, runIndex));
      assert.deepEqual(withoutTime(outcome.result), withoutTime(local));
      // Throttled snapshots lose nothing: their logged costs add up to the result's, and the last is final.
      assert.ok(progress.length >= 1);
      assert.deepEqual(costsFromWire(progress.flatMap((p) => p.logged)), local.costs);
      const last = progress[progress.length - 1];
      assert.equal(last.iteration, 3000);
      assert.equal(last.runIndex, runIndex);
      assert.equal(last.layers.length, 3);
      assert.equal(last.boundary.n, 20);
      assert.equal(Buffer.from(last.boundary.probs, 'base64').length, 400);
    }
  });

  it('keeps snapshots to about the requested rate on a run of >100k iterations per second', async () => {
    const experiment = tinyFast(4_000_000);
    const arrivals: number[] = [];
    const t0 = performance.now();
    const run = startWorkerRun({
      workerPath,
      experiment,
      runIndex: 0,
      snapshotIntervalMs: 1000 / 15,
      boundaryResolution: 30,
      onProgress: () => arrivals.push(performance.now()),
    });
    const outcome = await run.outcome;
    const seconds = (performance.now() - t0) / 1000;
    await run.exited;
    assert.equal(outcome.kind, 'done');
    if (outcome.kind !== 'done') return;
    const itPerSecond = outcome.result.iterations / (outcome.result.ms / 1000);
    assert.ok(
      itPerSecond > 100_000,
      `the experiment must be fast for this test to mean anything: ${itPerSecond.toFixed(0)} it/s`,
    );
    assert.ok(seconds > 1, `the run must last over a second to measure a rate (${seconds.toFixed(2)} s)`);
    const perSecond = arrivals.length / seconds;
    assert.ok(perSecond <= 20, `${arrivals.length} snapshots in ${seconds.toFixed(2)} s = ${perSecond.toFixed(1)}/s`);
    // And it is live: snapshots keep coming during the run, not only at its end.
    assert.ok(perSecond >= 5, `only ${perSecond.toFixed(1)} snapshots per second`);
  });

  /** Starts a long run, waits until it is mid-training, stops it; returns ms from stop() to the thread's exit. */
  async function stopMidRun(): Promise<{ ms: number; result: RunResult }> {
    const experiment = notebookLike(5_000_000);
    let firstProgress: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      firstProgress = resolve;
    });
    const run = startWorkerRun({
      workerPath,
      experiment,
      runIndex: 2,
      snapshotIntervalMs: 50,
      boundaryResolution: 100,
      onProgress: (p) => {
        if (p.iteration > 0) firstProgress();
      },
    });
    await started;
    await new Promise((r) => setTimeout(r, 150));
    const stopAt = performance.now();
    run.stop();
    const outcome = await run.outcome;
    // Training has stopped once its partial result is back; the thread's teardown afterwards is V8's business.
    const ms = performance.now() - stopAt;
    await run.exited;
    // Stopped by the shared flag (a result came back), not by the terminate fallback.
    assert.equal(outcome.kind, 'done');
    if (outcome.kind !== 'done') throw new Error('unreachable');
    return { ms, result: outcome.result };
  }

  it('stops within 100 ms of stop() (median of 3), with a partial result marked stopped', async () => {
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const { ms, result } = await stopMidRun();
      times.push(ms);
      assert.equal(result.stopped, true);
      assert.equal(result.verdict.kind, 'stopped');
      assert.ok(result.iterations > 0 && result.iterations < 5_000_000);
    }
    // The median, because the machine is shared: a single sample can include another process's time slice.
    const median = times.slice().sort((a, b) => a - b)[1];
    assert.ok(median < 100, `stop → stopped result took ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
  });

  describe('with stand-in worker scripts', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'initlab-worker-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function script(name: string, body: string): string {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
      return file;
    }

    it('terminates a worker that never checks the stop flag, after the grace period', async () => {
      const stuck = script('stuck.js', "parentPort.on('message', () => { for (;;) {} });");
      const run = startWorkerRun({
        workerPath: stuck,
        experiment: tinyFast(10),
        runIndex: 0,
        snapshotIntervalMs: 50,
        boundaryResolution: 10,
        terminateAfterMs: 150,
      });
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      run.stop();
      const outcome = await run.outcome;
      await run.exited;
      const elapsed = performance.now() - t0;
      assert.deepEqual(outcome, { kind: 'terminated' });
      assert.ok(elapsed >= 140 && elapsed < 1000, `terminated after ${elapsed.toFixed(0)} ms`);
    });

    it('turns a malformed worker message into an error outcome', async () => {
      const bad = script(
        'bad.js',
        "parentPort.on('message', () => parentPort.postMessage({ kind: 'progress', progress: { runIndex: 'x' } }));",
      );
      const progress: unknown[] = [];
      const run = startWorkerRun({
        workerPath: bad,
        experiment: tinyFast(10),
        runIndex: 0,
        snapshotIntervalMs: 50,
        boundaryResolution: 10,
        onProgress: (p) => progress.push(p),
      });
      const outcome = await run.outcome;
      await run.exited;
      assert.equal(outcome.kind, 'error');
      assert.equal(progress.length, 0);
    });

    it('reports a worker that throws as an error', async () => {
      const thrower = script('throw.js', "parentPort.on('message', () => { throw new Error('boom'); });");
      const run = startWorkerRun({
        workerPath: thrower,
        experiment: tinyFast(10),
        runIndex: 0,
        snapshotIntervalMs: 50,
        boundaryResolution: 10,
      });
      const outcome = await run.outcome;
      await run.exited;
      assert.deepEqual(outcome, { kind: 'error', message: 'boom' });
    });
  });
  it('refuses a malformed start message with an error instead of training on it', async () => {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(workerPath, { workerData: { cancel: new SharedArrayBuffer(4) } });
    const first = new Promise<unknown>((resolve) => worker.once('message', resolve));
    // Listened for before anything is posted: the worker may exit before the first message is handled here.
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const broken = { ...notebookLike(10), runs: [] };
    worker.postMessage({
      kind: 'start',
      experiment: broken,
      runIndex: 1,
      snapshotIntervalMs: 50,
      boundaryResolution: 20,
    });
    assert.deepEqual(await first, { kind: 'error', runIndex: 1, message: 'the worker received a malformed message' });
    await exited;
  });
});
