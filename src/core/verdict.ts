// Turns a finished run into a one-line verdict a learner can act on (why an initialization worked or failed).
import type { RunResult, Verdict } from './results';

export interface VerdictInput {
  costs: RunResult['costs'];
  trainAccuracy: number;
  testAccuracy: number;
  iterations: number;
  divergedAt: number | null;
  stopped: boolean;
  /** Largest spread between two units of each hidden layer at the end (0 = identical units). */
  hiddenUnitSpreads: number[];
  /** RMS of each layer's dW at iteration 0, input layer first. */
  initialGradRms: number[];
}

/** A first cost above this (ln 2 ≈ 0.69 is a coin toss) means the initial weights saturate the output. */
export const EXPLODING_FIRST_COST = 2;
/** First layer receiving less than this fraction of the output layer's gradient: gradients vanish. */
export const VANISHING_RATIO = 1e-3;
export const LEARNS_WELL_ACCURACY = 0.9;

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function verdictFor(r: VerdictInput): Verdict {
  if (r.stopped) return { kind: 'stopped', text: `Stopped at iteration ${r.iterations}.` };
  if (r.divergedAt !== null) {
    return {
      kind: 'diverged',
      text: `Diverged at iteration ${r.divergedAt}: the weights became NaN/∞ — lower the learning rate or the initial scale.`,
    };
  }
  const hiddenWide = r.hiddenUnitSpreads.length > 0;
  if (hiddenWide && r.hiddenUnitSpreads.every((s) => s === 0)) {
    return {
      kind: 'symmetry',
      text: `Symmetry not broken: every unit of a layer is identical, so the network is no better than one unit (train ${pct(r.trainAccuracy)}).`,
    };
  }
  const first = r.costs.length ? r.costs[0][1] : NaN;
  const last = r.costs.length ? r.costs[r.costs.length - 1][1] : NaN;
  if (!Number.isFinite(first) || first > EXPLODING_FIRST_COST) {
    const shown = Number.isFinite(first) ? first.toFixed(2) : '∞';
    return {
      kind: 'exploding',
      text: `Weights too large: the first cost is ${shown}; the output saturates and learning crawls (train ${pct(r.trainAccuracy)}, test ${pct(r.testAccuracy)}).`,
    };
  }
  if (r.trainAccuracy >= LEARNS_WELL_ACCURACY) {
    return { kind: 'learnsWell', text: `Learns well: train ${pct(r.trainAccuracy)}, test ${pct(r.testAccuracy)}.` };
  }
  const g = r.initialGradRms;
  if (g.length > 1 && g[g.length - 1] > 0 && g[0] / g[g.length - 1] < VANISHING_RATIO) {
    return {
      kind: 'vanishing',
      text: `Vanishing gradients: layer 1 gets ${(g[0] / g[g.length - 1]).toExponential(1)} of the output layer's gradient, so early layers barely learn (train ${pct(r.trainAccuracy)}).`,
    };
  }
  return {
    kind: 'slow',
    text: `Learns slowly: cost ${first.toFixed(3)} → ${Number.isFinite(last) ? last.toFixed(3) : String(last)}, train ${pct(r.trainAccuracy)}; try more iterations, a larger learning rate or a better-scaled init.`,
  };
}
