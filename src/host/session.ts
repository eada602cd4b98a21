// One run session of an experiment file: runs its workers (at most N at once) and reports panel messages. No vscode.
// Without the VS Code API (unit-tested in Node): @vscode/l10n, which lab.ts feeds vscode.l10n.bundle.
import * as l10n from '@vscode/l10n';
import type { Experiment } from '../core/experiment/types';
import type { RunResult } from '../core/analysis/results';
import { prepareDatasets } from '../core/training/run';
import { pointSet } from '../core/analysis/metrics';
import { describeInit } from '../core/training/initializers';
import { emptyRunView } from '../shared/panelState';
import {
  resultToWire,
  type HostToWebview,
  type PanelState,
  type PanelStatus,
  type PreviousRun,
  type RunInfo,
} from '../shared/protocol';
import type { WorkerRun } from './workerRunner';
import type { RunRequest } from './platform';
import { runReportLines } from '../core/analysis/report';
import type { L10nBundle } from '../core/l10n';

export interface SessionOptions {
  maxParallel: number;
  snapshotIntervalMs: number;
  boundaryResolution: number;
  /** Translations for the worker's texts (`vscode.l10n.bundle`; absent: English). */
  l10n?: L10nBundle;
  /** Every message for the panel, in order (the panel reduces them into its state). */
  emit: (msg: HostToWebview) => void;
  log: (line: string) => void;
  /** The previous session's outcomes, shown beside the new ones (see `carryPrevious`). */
  previous?: Record<string, PreviousRun>;
  /** Starts a run in a worker: the platform's (`Platform.startRun`), or a fake in tests. */
  startWorker: (request: RunRequest) => WorkerRun;
}

export interface SessionOutcome {
  status: PanelStatus;
  message: string;
  /** One entry per run of the session, in order; null for a run that never produced a result. */
  results: (RunResult | null)[];
}

/** A run's card title, its initializer in words, and where it sits in a sweep. */
function runInfo(experiment: Experiment, index: number): RunInfo {
  const run = experiment.runs[index];
  const info: RunInfo = { name: run.name, initLabel: describeInit(run.init) };
  if (run.sweep) info.sweep = run.sweep;
  return info;
}

/** The panel's starting state: run cards in session order, the dataset points, nothing trained yet. */
export function initialPanelState(
  file: string,
  experiment: Experiment,
  runIndices: readonly number[],
  previous: Record<string, PreviousRun> = {},
): PanelState {
  // Only the datasets: drawing a run's weights here would block the extension host on a large network.
  const prep = prepareDatasets(experiment);
  return {
    file,
    experimentName: experiment.name,
    description: experiment.description ?? '',
    status: 'running',
    message: '',
    totalIterations: experiment.training.iterations,
    runs: runIndices.map((i) => emptyRunView(runInfo(experiment, i))),
    train: pointSet(prep.train),
    test: pointSet(prep.test),
    previous,
  };
}

export class RunSession {
  private readonly active = new Set<WorkerRun>();
  private readonly iterations: number[];
  private stopRequested = false;
  private outcome: Promise<SessionOutcome> | undefined;

  constructor(
    readonly file: string,
    readonly experiment: Experiment,
    /** Indices into `experiment.runs`; the panel's run k is `runIndices[k]`. */
    readonly runIndices: readonly number[],
    private readonly opts: SessionOptions,
  ) {
    this.iterations = runIndices.map(() => 0);
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  get activeWorkers(): number {
    return this.active.size;
  }

  /** Fraction of all iterations of the session done so far, in [0, 1]. */
  get fraction(): number {
    const total = this.experiment.training.iterations * this.runIndices.length;
    return total > 0 ? this.iterations.reduce((a, b) => a + b, 0) / total : 1;
  }

  /** Starts the session; a session runs once. */
  start(): Promise<SessionOutcome> {
    if (this.outcome) throw new Error('a run session starts only once');
    this.outcome = this.run();
    return this.outcome;
  }

  /** Settles once the session has ended and its workers have exited (at once for a session never started). */
  get finished(): Promise<SessionOutcome | undefined> {
    return this.outcome ?? Promise.resolve(undefined);
  }

  /** Stops every worker and starts no new ones; the outcome settles once the workers have exited. */
  stop(): void {
    this.stopRequested = true;
    for (const w of this.active) w.stop();
  }

  private async run(): Promise<SessionOutcome> {
    const t0 = Date.now();
    this.opts.emit({
      kind: 'snapshot',
      state: initialPanelState(this.file, this.experiment, this.runIndices, this.opts.previous),
    });
    this.opts.log(`Running ${this.experiment.name} (${this.file})`);
    const results: (RunResult | null)[] = this.runIndices.map(() => null);
    const errors: string[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (!this.stopRequested && next < this.runIndices.length) {
        const k = next++;
        const outcome = await this.runOne(k);
        if (outcome.kind === 'done') results[k] = outcome.result;
        else if (outcome.kind === 'error')
          errors.push(`${this.experiment.runs[this.runIndices[k]].name}: ${outcome.message}`);
      }
    };
    const lanes = Math.max(1, Math.min(this.opts.maxParallel, this.runIndices.length));
    await Promise.all(Array.from({ length: lanes }, lane));

    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const finishedRuns = results.filter((r) => r !== null && !r.stopped).length;
    let status: PanelStatus;
    let message: string;
    if (errors.length > 0) {
      status = 'error';
      message = errors.join('; ');
    } else if (this.stopRequested) {
      status = 'stopped';
      message = l10n.t('Stopped after {0} s ({1} of {2} runs finished)', seconds, finishedRuns, this.runIndices.length);
    } else {
      status = 'done';
      message = l10n.t('{0} runs finished in {1} s', finishedRuns, seconds);
    }
    this.opts.emit({ kind: 'status', status, message });
    this.opts.log(message);
    return { status, message, results };
  }

  private async runOne(k: number): Promise<Awaited<WorkerRun['outcome']>> {
    const runIndex = this.runIndices[k];
    const spec = this.experiment.runs[runIndex];
    const worker = this.opts.startWorker({
      experiment: this.experiment,
      runIndex,
      snapshotIntervalMs: this.opts.snapshotIntervalMs,
      boundaryResolution: this.opts.boundaryResolution,
      // A run that trains alone may take a second core for a large network (the numbers are the same).
      threads: this.runIndices.length === 1 && this.opts.maxParallel >= 2 ? 2 : 1,
      l10n: this.opts.l10n,
      // The worker numbers runs as in the file; the panel numbers them in session order.
      onProgress: (p) => {
        this.iterations[k] = p.iteration;
        this.opts.emit({ kind: 'progress', progress: { ...p, runIndex: k } });
      },
    });
    this.active.add(worker);
    if (this.stopRequested) worker.stop();
    const outcome = await worker.outcome;
    await worker.exited;
    this.active.delete(worker);
    switch (outcome.kind) {
      case 'done':
        this.iterations[k] = outcome.result.iterations;
        this.opts.emit({ kind: 'runDone', runIndex: k, result: resultToWire(outcome.result) });
        for (const line of runReportLines(outcome.result, describeInit(spec.init))) this.opts.log(line);
        break;
      case 'error':
        this.opts.log(`${spec.name}: error: ${outcome.message}`);
        break;
      case 'terminated':
        this.opts.log(`${spec.name}: stopped`);
        break;
    }
    return outcome;
  }
}
