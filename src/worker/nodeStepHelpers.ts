// StepHelpers on worker_threads: each helper is a thread running dist/stepHelper.js beside the calling bundle.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import type { StepHelpers } from '../core/engine/tiledThreads';

/**
 * Helpers from the bundle at `helperPath`; undefined on a single core, where a second thread only costs, and where
 * the bundle is missing (the sources run unbundled, as in the unit tests).
 */
export function nodeStepHelpers(helperPath: string): StepHelpers | undefined {
  if (availableParallelism() < 2 || !existsSync(helperPath)) return undefined;
  return {
    spawn(job) {
      const worker = new Worker(helperPath, { workerData: job });
      // The helper never keeps a process alive, and its errors surface as the trainer's barrier timeout.
      worker.unref();
      worker.on('error', () => undefined);
      return { terminate: () => void worker.terminate() };
    },
  };
}
