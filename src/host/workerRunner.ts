// Runs one experiment run in its own worker thread: typed messages, throttled progress, cancellation. No vscode.
import { Worker } from 'node:worker_threads';
import type { Experiment } from '../core/experiment/types';
import type { RunResult } from '../core/analysis/results';
import type { L10nBundle } from '../core/l10n';
import { resultFromWire, type HostToWorker, type RunProgress } from '../shared/protocol';
import { isWorkerToHost } from '../shared/guards';
import type { TrainWorkerData } from '../worker/trainWorker';
import { settleOnce } from './settleOnce';

export interface WorkerRunOptions {
  /** Absolute path of the built worker bundle (dist/worker.js). */
  workerPath: string;
  experiment: Experiment;
  runIndex: number;
  snapshotIntervalMs: number;
  boundaryResolution: number;
  /** Translations for the worker's verdict texts (`vscode.l10n.bundle`). */
  l10n?: L10nBundle;
  /** Threads the run's step may use (see HostToWorker `start`). */
  threads?: number;
  onProgress?: (progress: RunProgress) => void;
  /** How long a stop request may take before the thread is terminated (default 900 ms: generous for a loaded machine, still under the one second a user waits). */
  terminateAfterMs?: number;
}

export type WorkerRunOutcome =
  | { kind: 'done'; result: RunResult }
  | { kind: 'error'; message: string }
  /** Terminated before it could report a result (the stop fallback, or the thread died). */
  | { kind: 'terminated' };

export interface WorkerRun {
  readonly runIndex: number;
  /** Settles once, with the run's result, an error, or `terminated`. */
  readonly outcome: Promise<WorkerRunOutcome>;
  /** Resolves when the thread has exited (after `outcome`). */
  readonly exited: Promise<void>;
  /** Asks the run to stop: the loop sees a shared flag at its next check; the thread is terminated if it lingers. */
  stop(): void;
}

export function startWorkerRun(opts: WorkerRunOptions): WorkerRun {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const data: TrainWorkerData = { cancel };
  const worker = new Worker(opts.workerPath, { workerData: data });
  const result = settleOnce<WorkerRunOutcome>();
  const settle = (o: WorkerRunOutcome): void => result.settle(o);
  const outcome = result.promise;
  let killTimer: NodeJS.Timeout | undefined;
  let stopRequested = false;
  // A worker closes its port after its last message and exits; if something keeps it alive, it is terminated.
  const reapSoon = (): void => {
    killTimer ??= setTimeout(() => void worker.terminate(), 1000);
    killTimer.unref();
  };

  worker.on('message', (msg: unknown) => {
    if (!isWorkerToHost(msg)) {
      settle({ kind: 'error', message: 'the training worker sent a malformed message' });
      void worker.terminate();
      return;
    }
    switch (msg.kind) {
      case 'progress':
        if (!result.settled) opts.onProgress?.(msg.progress);
        break;
      case 'done':
        settle({ kind: 'done', result: resultFromWire(msg.result) });
        // After a stop the caller waits for the exit: terminating skips the worker's orderly shutdown.
        if (stopRequested) void worker.terminate();
        else reapSoon();
        break;
      case 'error':
        settle({ kind: 'error', message: msg.message });
        reapSoon();
        break;
    }
  });
  worker.on('error', (e: Error) => settle({ kind: 'error', message: e.message }));
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', () => {
      if (killTimer) clearTimeout(killTimer);
      settle({ kind: 'terminated' });
      resolve();
    });
  });

  const start: HostToWorker = {
    kind: 'start',
    experiment: opts.experiment,
    runIndex: opts.runIndex,
    snapshotIntervalMs: opts.snapshotIntervalMs,
    boundaryResolution: opts.boundaryResolution,
    ...(opts.threads ? { threads: opts.threads } : {}),
    ...(opts.l10n ? { l10n: opts.l10n } : {}),
  };
  worker.postMessage(start);

  return {
    runIndex: opts.runIndex,
    outcome,
    exited,
    stop() {
      if (stopRequested) return;
      stopRequested = true;
      Atomics.store(flag, 0, 1);
      const stopMsg: HostToWorker = { kind: 'stop' };
      worker.postMessage(stopMsg);
      // Fallback for a loop that never reaches a check (e.g. one enormous iteration).
      if (killTimer) clearTimeout(killTimer);
      killTimer = setTimeout(() => void worker.terminate(), opts.terminateAfterMs ?? 900);
      killTimer.unref();
    },
  };
}
