// Turns a finished run into a one-line verdict a learner can act on (why an initialization worked or failed).
import * as l10n from '@vscode/l10n';
import type { Mechanism, RunResult, Verdict } from './results';
import { mechanismFacts, mechanismVerdict } from './mechanismVerdict';

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
  /** Signal flow at iteration 0 and at the end: when given, the verdict names the mechanism (mechanismVerdict.ts). */
  mechanism?: Mechanism;
}

/** A first cost above this (ln 2 ≈ 0.69 is a coin toss) means the initial weights saturate the output. */
export const EXPLODING_FIRST_COST = 2;
/** First layer receiving less than this fraction of the output layer's gradient: gradients vanish. */
export const VANISHING_RATIO = 1e-3;
/**
 * Every layer's initial gradient RMS below this: the signal has vanished in the forward pass already (tiny
 * weights shrink activations layer after layer, so even the output layer's gradient is tiny). He on the course
 * network starts at 3e-2…2e-1; randn·0.01 at about 1e-6.
 */
export const VANISHING_GRADIENT = 1e-4;
export const LEARNS_WELL_ACCURACY = 0.9;

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function verdictFor(r: VerdictInput): Verdict {
  const base = outcomeVerdict(r);
  return r.mechanism ? mechanismVerdict(base, r, mechanismFacts(r.mechanism)) : base;
}

/** The verdict from the outcome alone: costs, accuracies, unit spreads and the initial gradients. */
function outcomeVerdict(r: VerdictInput): Verdict {
  if (r.stopped) return { kind: 'stopped', text: l10n.t('Stopped at iteration {0}.', r.iterations) };
  if (r.divergedAt !== null) {
    return {
      kind: 'diverged',
      text: l10n.t(
        'Diverged at iteration {0}: the weights became NaN/∞ — lower the learning rate or the initial scale.',
        r.divergedAt,
      ),
    };
  }
  const hiddenWide = r.hiddenUnitSpreads.length > 0;
  if (hiddenWide && r.hiddenUnitSpreads.every((s) => s === 0)) {
    return {
      kind: 'symmetry',
      text: l10n.t(
        'Symmetry not broken: every unit of a layer is identical, so the network is no better than one unit (train {0}).',
        pct(r.trainAccuracy),
      ),
    };
  }
  const first = r.costs.length ? r.costs[0][1] : NaN;
  const last = r.costs.length ? r.costs[r.costs.length - 1][1] : NaN;
  if (!Number.isFinite(first) || first > EXPLODING_FIRST_COST) {
    const shown = Number.isFinite(first) ? first.toFixed(2) : '∞';
    const outcome =
      r.trainAccuracy >= LEARNS_WELL_ACCURACY
        ? l10n.t(
            'it recovers, but spends its first iterations undoing the bad start (train {0}, test {1})',
            pct(r.trainAccuracy),
            pct(r.testAccuracy),
          )
        : l10n.t(
            'the output saturates and learning crawls (train {0}, test {1})',
            pct(r.trainAccuracy),
            pct(r.testAccuracy),
          );
    return { kind: 'exploding', text: l10n.t('Weights too large: the first cost is {0}; {1}.', shown, outcome) };
  }
  if (r.trainAccuracy >= LEARNS_WELL_ACCURACY) {
    return {
      kind: 'learnsWell',
      text: l10n.t('Learns well: train {0}, test {1}.', pct(r.trainAccuracy), pct(r.testAccuracy)),
    };
  }
  const g = r.initialGradRms;
  const largest = Math.max(...g);
  if (g.length > 0 && largest > 0 && largest < VANISHING_GRADIENT) {
    return {
      kind: 'vanishing',
      text: l10n.t(
        'Vanishing signal: the weights are so small that activations and gradients shrink layer after layer (largest gradient RMS {0} at the start), so the cost stays near {1} (train {2}).',
        largest.toExponential(1),
        first.toFixed(3),
        pct(r.trainAccuracy),
      ),
    };
  }
  if (g.length > 1 && g[g.length - 1] > 0 && g[0] / g[g.length - 1] < VANISHING_RATIO) {
    return {
      kind: 'vanishing',
      text: l10n.t(
        "Vanishing gradients: layer 1 gets {0} of the output layer's gradient, so early layers barely learn (train {1}).",
        (g[0] / g[g.length - 1]).toExponential(1),
        pct(r.trainAccuracy),
      ),
    };
  }
  return {
    kind: 'slow',
    text: l10n.t(
      'Learns slowly: cost {0} → {1}, train {2}; try more iterations, a larger learning rate or a better-scaled init.',
      first.toFixed(3),
      Number.isFinite(last) ? last.toFixed(3) : String(last),
      pct(r.trainAccuracy),
    ),
  };
}
