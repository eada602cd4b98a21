// What differs between the desktop (Node) extension host and the web worker one: workers and core count, nothing else.
import type { WorkerRun, WorkerRunOptions } from './workerRunner';

/** One run to train: everything a worker needs except where its script is, which the platform knows. */
export type RunRequest = Omit<WorkerRunOptions, 'workerPath'>;

export type PlatformKind = 'node' | 'web';

/** Chosen by the entry point (extension.ts for Node, extensionWeb.ts for the web); the rest of the host is shared. */
export interface Platform {
  readonly kind: PlatformKind;
  /** Logical cores: the default number of runs trained at once (one worker per core). */
  readonly cores: number;
  /** Trains one run in a worker of its own. */
  startRun(request: RunRequest): WorkerRun;
}
