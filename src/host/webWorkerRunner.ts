// Runs one experiment run in a Web Worker (no shared memory): typed messages, progress, and Stop by message. No vscode.
import { resultFromWire, type HostToWorker } from '../shared/protocol';
import { isWorkerToHost } from '../shared/guards';
import type { RunRequest } from './platform';
import type { WorkerRun, WorkerRunOutcome } from './workerRunner';
import { settleOnce } from './settleOnce';

/**
 * How long a stop may take before the worker is terminated. The worker looks at its messages every slice
 * (SLICE_MS in webTrainWorker.ts), so this is only for a slice that never ends (one enormous iteration).
 */
const TERMINATE_AFTER_MS = 900;

/** Starts the run once the worker script is loaded (`scriptUrl` resolves to a Blob URL, loaded once per host). */
export function startWebWorkerRun(scriptUrl: () => Promise<string>, request: RunRequest): WorkerRun {
  const result = settleOnce<WorkerRunOutcome>();
  const settle = (o: WorkerRunOutcome): void => result.settle(o);
  const outcome = result.promise;
  let markExited: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => {
    markExited = resolve;
  });
  let worker: Worker | undefined;
  let stopRequested = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  // A Web Worker has no exit event: the run is over when the host terminates it, which it does after the last message.
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    if (killTimer) clearTimeout(killTimer);
    worker?.terminate();
    settle({ kind: 'terminated' });
    markExited();
  };

  const begin = (url: string): void => {
    if (stopRequested) return end();
    const w = new Worker(url, { name: `Init Lab run ${request.runIndex + 1}` });
    worker = w;
    w.onmessage = (event: MessageEvent<unknown>) => {
      const msg = event.data;
      if (!isWorkerToHost(msg)) {
        settle({ kind: 'error', message: 'the training worker sent a malformed message' });
        return end();
      }
      switch (msg.kind) {
        case 'progress':
          if (!result.settled) request.onProgress?.(msg.progress);
          break;
        case 'done':
          settle({ kind: 'done', result: resultFromWire(msg.result) });
          end();
          break;
        case 'error':
          settle({ kind: 'error', message: msg.message });
          end();
          break;
      }
    };
    w.onerror = (e: ErrorEvent) => {
      settle({ kind: 'error', message: e.message || 'the training worker failed' });
      end();
    };
    const start: HostToWorker = {
      kind: 'start',
      experiment: request.experiment,
      runIndex: request.runIndex,
      snapshotIntervalMs: request.snapshotIntervalMs,
      boundaryResolution: request.boundaryResolution,
      ...(request.l10n ? { l10n: request.l10n } : {}),
    };
    w.postMessage(start);
  };
  scriptUrl().then(begin, (e: unknown) => {
    settle({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    end();
  });

  return {
    runIndex: request.runIndex,
    outcome,
    exited,
    stop() {
      if (stopRequested || ended) return;
      stopRequested = true;
      if (!worker) return; // begin() sees the request
      const stopMsg: HostToWorker = { kind: 'stop' };
      worker.postMessage(stopMsg);
      killTimer = setTimeout(end, request.terminateAfterMs ?? TERMINATE_AFTER_MS);
    },
  };
}
