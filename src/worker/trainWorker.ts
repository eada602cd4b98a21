// Entry of dist/worker.js: a worker_threads worker that trains one run per instance (a fresh V8 isolate per run).
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { useBundle } from '../core/l10n';
import { claimedRunIndex, isHostToWorker } from '../shared/guards';
import type { WorkerToHost } from '../shared/protocol';
import { runJob } from './trainJob';
import { nodeStepHelpers } from './nodeStepHelpers';

/** What the host passes in `workerData`: a shared Int32 flag, set to 1 to ask the training loop to stop. */
export interface TrainWorkerData {
  cancel: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('trainWorker must run inside a worker thread');
const cancelFlag = new Int32Array((workerData as TrainWorkerData).cancel);
const post = (msg: WorkerToHost): void => port.postMessage(msg);

port.on('message', (msg: unknown) => {
  // The host is separate code: a malformed message is refused, not trained on.
  if (!isHostToWorker(msg)) {
    post({ kind: 'error', runIndex: claimedRunIndex(msg), message: 'the worker received a malformed message' });
    port.close();
    return;
  }
  switch (msg.kind) {
    case 'start':
      useBundle(msg.l10n);
      try {
        runJob(msg.experiment, msg.runIndex, {
          snapshotIntervalMs: msg.snapshotIntervalMs,
          boundaryResolution: msg.boundaryResolution,
          shouldStop: () => Atomics.load(cancelFlag, 0) !== 0,
          now: () => performance.now(),
          post,
          helpers: (msg.threads ?? 1) > 1 ? nodeStepHelpers(__dirname) : undefined,
        });
      } catch (e) {
        post({ kind: 'error', runIndex: msg.runIndex, message: e instanceof Error ? e.message : String(e) });
      }
      // One run per worker: closing the port lets the thread exit once the messages above are flushed.
      port.close();
      break;
    case 'stop':
      // Only reachable before `start` arrives (training blocks this thread); the flag covers the rest.
      Atomics.store(cancelFlag, 0, 1);
      break;
  }
});
