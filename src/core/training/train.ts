// The training loop: full-batch gradient descent with logged costs, live checks, divergence and a verdict.
import { accuracyOf, gradRmsPerLayer, predictor, unitSpread } from '../analysis/metrics';
import type { Params } from '../engine/network';
import type { RunResult } from '../analysis/results';
import type { PreparedRun } from './run';
import { prepareRun } from './run';
import { createStepper } from '../engine/stepper';
import type { Engine } from '../engine/stepper';
import type { StepHelpers } from '../engine/tiledThreads';
import type { CostPoint, Experiment } from '../experiment/types';
import { verdictFor } from '../analysis/verdict';

export interface LiveView {
  /** Iterations completed so far. */
  iteration: number;
  params: Params;
  /** Gradients of the last completed iteration (null before the first). */
  grads: Params | null;
  logged: readonly CostPoint[];
  curve: readonly CostPoint[];
}

export interface TrainOptions {
  /** `onCheck` runs every `checkEvery` iterations and once at the end (default 64). */
  checkEvery?: number;
  /** Dense cost sampling for live curves (default: about 300 points per run). */
  curveEvery?: number;
  /** Return true to stop training; the result is then marked stopped. */
  onCheck?: (live: LiveView) => boolean | void;
  /** Training engine (default `auto`: WebAssembly where available); all give the same numbers. */
  engine?: Engine | 'auto';
  /** A platform's threads: a large tiled step then also runs on a second one (same numbers). */
  helpers?: StepHelpers;
  /** Clock for `ms` (injected so the core has no ambient side effects in tests). */
  now?: () => number;
}

export const DEFAULT_CHECK_EVERY = 64;
const CURVE_POINTS = 300;

export function defaultCurveEvery(iterations: number): number {
  return Math.max(1, Math.round(iterations / CURVE_POINTS));
}

function gradsView(grads: { W: Float64Array[]; b: Float64Array[] }, layers: number[]): Params {
  return { layers, W: grads.W, b: grads.b };
}

/**
 * A run being trained: `advance` trains until it is over or `pause` (asked at each check) says to yield, so a caller
 * without shared memory (a Web Worker) can train in slices and handle messages between them; `trainRun` runs it
 * to the end in one go. The numbers do not depend on where it paused.
 */
export interface Training {
  /** Trains on; returns true once training is over (all iterations, or `onCheck` asked to stop). */
  advance(pause?: () => boolean): boolean;
  /** The run's result; call once `advance` has returned true. */
  result(): RunResult;
}

export function startTraining(prep: PreparedRun, opts: TrainOptions = {}): Training {
  const { experiment, train, test } = prep;
  const { network, training } = experiment;
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const stepper = createStepper(
    {
      layers: network.layers,
      m: train.m,
      hidden: network.hiddenActivation,
      alpha: network.leakyReluAlpha,
      loss: training.loss,
      learningRate: experiment.runs[prep.runIndex].learningRate ?? training.learningRate,
    },
    train.X,
    train.Y,
    prep.params,
    opts.engine,
    opts.helpers,
  );
  const { params, grads } = stepper;
  const L = params.layers.length - 1;
  const checkEvery = opts.checkEvery ?? DEFAULT_CHECK_EVERY;
  const curveEvery = opts.curveEvery ?? defaultCurveEvery(training.iterations);
  const { logEvery, iterations } = training;
  const logged: CostPoint[] = [];
  const curve: CostPoint[] = [];
  let initialGradRms: number[] = [];
  let divergedAt: number | null = null;
  let stopped = false;
  let done = 0;
  const live = (): LiveView => ({
    iteration: done,
    params,
    grads: done > 0 ? gradsView(grads, params.layers) : null,
    logged,
    curve,
  });

  let over = false;
  let threads = 1;
  const advance = (pause?: () => boolean): boolean => {
    while (!over && done < iterations) {
      const i = done;
      const isLog = i % logEvery === 0;
      const isCurve = i % curveEvery === 0;
      const c = stepper.step(isLog || isCurve);
      done = i + 1;
      if (isLog) logged.push([i, c]);
      if (isCurve) curve.push([i, c]);
      if (i === 0) initialGradRms = gradRmsPerLayer(gradsView(grads, params.layers));
      // A non-finite output bias means NaN/∞ has reached the parameters; it spreads to all of them next step.
      if (divergedAt === null && !Number.isFinite(params.b[L - 1][0])) divergedAt = i;
      if (opts.onCheck && done % checkEvery === 0 && done < iterations) {
        if (opts.onCheck(live())) {
          stopped = true;
          break;
        }
        if (pause?.()) return false;
      }
    }
    over = true;
    threads = stepper.threads();
    stepper.dispose();
    return true;
  };

  const result = (): RunResult => {
    if (!over) throw new Error('result() before training is over');
    opts.onCheck?.(live());

    const trainAccuracy = accuracyOf(predictor(experiment, train.m)(params, train.X), train.Y);
    const testAccuracy = accuracyOf(predictor(experiment, test.m)(params, test.X), test.Y);
    const finalCost = logged.length ? logged[logged.length - 1][1] : NaN;
    const hiddenUnitSpreads: number[] = [];
    for (let l = 1; l < L; l++) {
      if (params.layers[l] > 1)
        hiddenUnitSpreads.push(unitSpread(params.W[l - 1], params.layers[l], params.layers[l - 1]));
    }
    const base = {
      name: experiment.runs[prep.runIndex].name,
      costs: logged,
      trainAccuracy,
      testAccuracy,
      finalCost,
      iterations: done,
      divergedAt,
      stopped,
    };
    const verdict = verdictFor({ ...base, hiddenUnitSpreads, initialGradRms });
    return { ...base, ms: now() - started, verdict, engine: stepper.engine, threads };
  };
  return { advance, result };
}

/** Trains a run to the end in this thread. */
export function trainRun(prep: PreparedRun, opts: TrainOptions = {}): RunResult {
  const training = startTraining(prep, opts);
  training.advance();
  return training.result();
}

/** Runs every run of an experiment in this thread (CLI, tests), each with its own compiled step. */
export function runExperiment(
  experiment: Experiment,
  onRun?: (index: number, result: RunResult) => void,
  opts: TrainOptions = {},
): RunResult[] {
  return experiment.runs.map((_, index) => {
    const result = trainRun(prepareRun(experiment, index), opts);
    onRun?.(index, result);
    return result;
  });
}
