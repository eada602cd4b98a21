// Results of training that leave the core: run results, verdicts and the live metrics of a network.
import type { CostPoint } from '../experiment/types';
import type { Engine } from '../engine/stepper';

/** A histogram binned in the worker: `counts.length` equal bins spanning [min, max]. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** Live statistics of one weight matrix W[l] (l = 1..L). */
export interface LayerSnapshot {
  layer: number;
  shape: [number, number];
  histogram: Histogram;
  mean: number;
  std: number;
  /** Largest difference between two units (rows) of W: 0 means symmetry was never broken. */
  unitSpread: number;
  /** Root-mean-square of the last gradient dW (null if not finite): tiny values in early layers mean vanishing gradients. */
  gradRms: number | null;
  /** Entries of W that are NaN or ±∞ (a diverged run); the statistics above cover the finite ones. */
  nonFinite: number;
  /**
   * How many weights the run's scheme puts in each histogram bin (the same bins): the distribution W was drawn from,
   * drawn over the measured histogram. Null where the scheme draws one value (zeros); absent from older workers.
   */
  expected?: number[] | null;
}

/**
 * What flows through layer l (1..L) on the training set. Stds are over every unit and sample of the layer
 * (null when not finite: a diverged network). Gradients are per sample (dZ·m), so they do not shrink with the
 * dataset's size; dA (the gradient reaching the layer's output) is null for the output layer.
 */
export interface LayerSignal {
  layer: number;
  zStd: number | null;
  aStd: number | null;
  dzStd: number | null;
  daStd: number | null;
  /** ReLU hidden layers: fraction of units never active on any training sample (else null). */
  dead: number | null;
  /** tanh/sigmoid hidden layers: fraction of saturated units (see unitHealth.ts; else null). */
  saturated: number | null;
  /**
   * Histograms of the layer's activations A and of its per-sample gradient dZ·m over the training set (null when
   * not finite); absent from older workers' messages.
   */
  aHist?: Histogram | null;
  dzHist?: Histogram | null;
}

/** The signal through every layer at one iteration; `inputStd` is the std of the training inputs X. */
export interface SignalSnapshot {
  iteration: number;
  inputStd: number;
  layers: LayerSignal[];
}

/**
 * The std of each layer's pre-activation Z that the initialization scheme predicts by variance propagation, or
 * null from the first layer where the theory has no closed form; `note` says why it stops (null if it never does).
 */
export interface TheoryLine {
  zStd: (number | null)[];
  /** The recursion, as shown to learners. */
  formula: string;
  note: string | null;
  /**
   * The backward line: the std of the per-sample gradient dZ per layer that the scheme predicts, going back from the
   * output's measured one at iteration 0; null where it has no closed form. Absent from older workers' messages.
   */
  dzStd?: (number | null)[];
  backwardFormula?: string;
  backwardNote?: string | null;
}

/** A run's mechanism: the theory line, the signal at iteration 0 and the latest one. */
export interface Mechanism {
  theory: TheoryLine;
  initial: SignalSnapshot;
  current: SignalSnapshot;
}

/** The plotted square of the plane: where the boundary grid is sampled and the points are drawn. */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Decision boundary: P(y=1) on an n×n grid, row 0 at yMax, column 0 at xMin, quantized to bytes. */
export interface BoundaryGrid extends Bounds {
  n: number;
  /** Base64 of n*n bytes, round(255·p). */
  probs: string;
}

export type VerdictKind =
  'symmetry' | 'exploding' | 'vanishing' | 'diverged' | 'slow' | 'learnsWell' | 'stopped' | 'deadUnits' | 'saturated';

export interface Verdict {
  kind: VerdictKind;
  /** One line for the run's card. */
  text: string;
  /** A paragraph on the reason, in the course's terms (mechanism verdicts only). */
  why?: string;
}

/** Result of one run, as in the CLI's `--json` output (plus diagnostics). */
export interface RunResult {
  name: string;
  costs: CostPoint[];
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: number;
  ms: number;
  /** Iterations actually completed (less than requested when stopped). */
  iterations: number;
  /** First iteration whose cost was not finite after a finite one, or whose weights became NaN. */
  divergedAt: number | null;
  stopped: boolean;
  verdict: Verdict;
  /** The training engine that ran it (chosen by size; all engines give the same numbers). */
  engine?: Engine;
  /** Threads the step ran on (2 for a lone large run given a second thread; the numbers are the same). */
  threads?: number;
}
