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
}

/** Decision boundary: P(y=1) on an n×n grid, row 0 at yMax, column 0 at xMin, quantized to bytes. */
export interface BoundaryGrid {
  n: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Base64 of n*n bytes, round(255·p). */
  probs: string;
}

export type VerdictKind = 'symmetry' | 'exploding' | 'vanishing' | 'diverged' | 'slow' | 'learnsWell' | 'stopped';

export interface Verdict {
  kind: VerdictKind;
  /** One line for the run's card. */
  text: string;
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
}
