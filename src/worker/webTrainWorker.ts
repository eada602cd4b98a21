// Entry of dist/web/worker.js: a Web Worker that trains one run per instance, in slices so Stop needs no shared memory.
import { useBundle } from '../core/l10n';
import { claimedRunIndex, isHostToWorker } from '../shared/guards';
import type { HostToWorker, WorkerToHost } from '../shared/protocol';
import { startJob } from './trainJob';

/**
 * Longest stretch of training between two looks at the message queue. A slice ends at the first check after this
 * (checks come every few ms, see `checkEveryFor`), so a stop is seen well within the 100 ms the panel promises.
 */
export const SLICE_MS = 20;

const post = (msg: WorkerToHost): void => self.postMessage(msg);
let stopRequested = false;

/**
 * Yields to the event loop so a queued `stop` runs: a MessageChannel round trip, not setTimeout(0), which browsers
 * clamp to 4 ms once timers nest (a fifth of a 20 ms slice). A message queued before it (the stop) runs first.
 */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

async function train(msg: Extract<HostToWorker, { kind: 'start' }>): Promise<void> {
  useBundle(msg.l10n);
  try {
    const job = startJob(msg.experiment, msg.runIndex, {
      snapshotIntervalMs: msg.snapshotIntervalMs,
      boundaryResolution: msg.boundaryResolution,
      shouldStop: () => stopRequested,
      now: () => performance.now(),
      post,
    });
    let sliceStart = performance.now();
    while (!job.advance(() => performance.now() - sliceStart >= SLICE_MS)) {
      await yieldToMessages();
      sliceStart = performance.now();
    }
    job.finish();
  } catch (e) {
    post({ kind: 'error', runIndex: msg.runIndex, message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const msg = event.data;
  // The host is separate code: a malformed message is refused, not trained on.
  if (!isHostToWorker(msg)) {
    post({ kind: 'error', runIndex: claimedRunIndex(msg), message: 'the worker received a malformed message' });
    return;
  }
  switch (msg.kind) {
    case 'start':
      // One run per worker; the host terminates it after `done` or `error`.
      void train(msg);
      break;
    case 'stop':
      stopRequested = true;
      break;
  }
};
