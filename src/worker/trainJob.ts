// Trains one run of an experiment and reports throttled progress; the worker entry wires it to a MessagePort.
import type { Experiment } from '../core/experiment/types';
import { prepareRun } from '../core/training/run';
import { DEFAULT_CHECK_EVERY, startTraining, type LiveView } from '../core/training/train';
import { weightCount } from '../core/experiment/limits';
import { boundaryGrid, datasetBounds, layerSnapshots, predictor, type Bounds } from '../core/analysis/metrics';
import type { BoundaryGrid, Mechanism, RunResult } from '../core/analysis/results';
import { initialMechanism, mechanismAt } from '../core/analysis/mechanism';
import { withMechanism } from '../core/analysis/mechanismVerdict';
import type { StepHelpers } from '../core/engine/tiledThreads';
import { costsToWire, resultToWire, type RunProgress, type WorkerToHost } from '../shared/protocol';

export interface JobOptions {
  snapshotIntervalMs: number;
  boundaryResolution: number;
  /** Polled between iterations: the training loop is synchronous, so a stop request can only be seen here. */
  shouldStop: () => boolean;
  now: () => number;
  post: (msg: WorkerToHost) => void;
  /** The platform's threads for a large step (Node: worker_threads), when the run may use two. */
  helpers?: StepHelpers;
}

/**
 * Share of the run's wall time the signal flow may take (one reference forward and backward pass over the training
 * set per fresh figure): snapshots otherwise reuse the previous one, so the live view stays within its budget.
 */
export const SIGNAL_BUDGET = 0.03;

/**
 * Share of the run's wall time that the live snapshots after the first may take (grid, histograms, signal flow and
 * the message itself). A snapshot is due once per interval, but waits while the work so far is over this share, so
 * a fast run or a slow machine gets fewer snapshots instead of slower training. Below the 10 % the panel promises,
 * with room for the start (the first snapshot and the initial signal flow, not counted: see startJob) and for what
 * the clock here does not see (garbage collection, compiling the snapshot code): at 8 % the bench's tanh net
 * measured 10–11 % overall, at 6 % 8.6–8.7 % while the start still counted; with it no longer counted, 4 %.
 */
export const LIVE_VIEW_BUDGET = 0.04;

/** Work per iteration above which the core's default check interval would make Stop feel slow. */
const WORK_PER_CHECK = 4_000_000;

/**
 * Iterations between two checks, chosen so a check happens every few milliseconds: small networks keep the
 * core's default, large ones check more often so cancellation and snapshots stay prompt.
 */
export function checkEveryFor(experiment: Experiment): number {
  const work = weightCount(experiment.network.layers) * experiment.dataset.train.samples * 6;
  return Math.max(1, Math.min(DEFAULT_CHECK_EVERY, Math.floor(WORK_PER_CHECK / Math.max(1, work))));
}

/** A run being trained by a worker: `advance` as in the core's `Training`; `finish` posts the final snapshot and `done`. */
export interface Job {
  advance(pause?: () => boolean): boolean;
  finish(): RunResult;
}

/** Trains `experiment.runs[runIndex]` to the end in one go (the Node worker, whose stop flag is shared memory). */
export function runJob(experiment: Experiment, runIndex: number, opts: JobOptions): RunResult {
  const job = startJob(experiment, runIndex, opts);
  job.advance();
  return job.finish();
}

/** Starts training `experiment.runs[runIndex]`, posting progress at most once per `snapshotIntervalMs` plus a final one. */
export function startJob(experiment: Experiment, runIndex: number, opts: JobOptions): Job {
  const prep = prepareRun(experiment, runIndex);
  const bounds: Bounds = datasetBounds(prep.train, prep.test);
  const totalIterations = experiment.training.iterations;
  let loggedSent = 0;
  let curveSent = 0;
  // -Infinity makes the first check post at once, so the panel shows the initial weights immediately.
  let lastPost = -Infinity;
  let last: LiveView | null = null;
  let lastGrid: BoundaryGrid | null = null;
  // The initial signal and the theory line come from the weights as drawn, before the first step changes them.
  const started = opts.now();
  const base = initialMechanism(experiment, runIndex, prep.train, prep.params);
  let mechanism: Mechanism = base;
  let signalMs = opts.now() - started;
  const refreshMechanism = (live: LiveView, always: boolean): void => {
    const t0 = opts.now();
    if (!always && signalMs > SIGNAL_BUDGET * (t0 - started)) return;
    mechanism = mechanismAt(base, experiment, prep.train, live.params, live.iteration);
    signalMs += opts.now() - t0;
  };

  // The budget paces the snapshots after the first. The start — the initial signal flow and the first snapshot —
  // runs cold code (the grid's forward module compiled, JIT): 60–90 ms in a fresh worker on the notebook, ten times
  // a later snapshot. Counted, it held the next snapshot back until it was 6 % (the budget then) of the time so
  // far, 1.4 s: most of a 2 s run with the panel standing still. A final snapshot (about as costly as the last one)
  // is always due, so the budget keeps room for it.
  let liveMs = 0;
  let lastPostMs = 0;
  let posts = 0;
  const postProgress = (live: LiveView, fresh: boolean, final = false): void => {
    const t0 = opts.now();
    // The final figure of a finished run is always fresh: the verdict reads it. After a stop the user is waiting,
    // so the last one stands (it carries its own iteration); recomputing took 160-540 ms on a 32-wide net.
    if (fresh || !final) refreshMechanism(live, final);
    // The grid uses the compiled forward pass; its cost counts against the live-view budget like the rest.
    const boundary =
      fresh || !lastGrid ? boundaryGrid(live.params, experiment, bounds, opts.boundaryResolution) : lastGrid;
    lastGrid = boundary;
    const progress: RunProgress = {
      runIndex,
      iteration: live.iteration,
      totalIterations,
      logged: costsToWire(live.logged.slice(loggedSent)),
      curve: costsToWire(live.curve.slice(curveSent)),
      layers: layerSnapshots(live.params, live.grads, undefined, experiment.runs[runIndex].init),
      boundary,
      mechanism,
    };
    loggedSent = live.logged.length;
    curveSent = live.curve.length;
    opts.post({ kind: 'progress', progress });
    if (posts++ > 0) {
      lastPostMs = opts.now() - t0;
      liveMs += lastPostMs;
    }
  };

  let stopSeen = false;
  let warmed = false;
  const training = startTraining(prep, {
    helpers: opts.helpers,
    checkEvery: checkEveryFor(experiment),
    onCheck: (live) => {
      last = live;
      if (opts.shouldStop()) {
        stopSeen = true;
        return true;
      }
      const t = opts.now();
      const first = lastPost === -Infinity;
      if (
        first ||
        (t - lastPost >= opts.snapshotIntervalMs && liveMs + lastPostMs <= LIVE_VIEW_BUDGET * (t - started))
      ) {
        lastPost = t;
        postProgress(live, true);
      }
      if (!warmed) {
        // The final accuracies' forward passes are compiled on first use: here, once the first snapshot is out,
        // rather than while a user waits for Stop (measured on a 32-wide net: the result took 34 ms, not 110-125).
        warmed = true;
        predictor(experiment, prep.train.m)(live.params, prep.train.X);
        predictor(experiment, prep.test.m)(live.params, prep.test.X);
      }
      return false;
    },
  });
  const finish = (): RunResult => {
    const result = training.result();
    // The final snapshot carries whatever the throttle held back (the last costs and the trained weights);
    // after a stop it keeps the previous grid and signal flow, since the user is waiting for the stop.
    if (last) postProgress(last, !stopSeen, true);
    // The core's verdict sees only the outcome; the worker also knows the mechanism, so the verdict can name it.
    const judged: RunResult = { ...result, verdict: withMechanism(result.verdict, result, mechanism) };
    opts.post({ kind: 'done', runIndex, result: resultToWire(judged) });
    return judged;
  };
  return { advance: (pause) => training.advance(pause), finish };
}
