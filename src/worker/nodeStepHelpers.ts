// StepHelpers on worker_threads: each helper is a thread running the helper bundle beside the calling bundle.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StepHelpers } from '../core/engine/tiledThreads';

/** The helper thread's bundle (scripts/build.mjs builds src/worker/stepHelper.ts to it), beside the caller's. */
export const STEP_HELPER_BUNDLE = 'stepHelper.js';

/**
 * Helpers running the bundle in `bundleDir`; undefined on a single core, where a second thread only costs, and
 * where the bundle is missing (the sources run unbundled, as in the unit tests).
 */
export function nodeStepHelpers(bundleDir: string): StepHelpers | undefined {
  const helperPath = join(bundleDir, STEP_HELPER_BUNDLE);
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
