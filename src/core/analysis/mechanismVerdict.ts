// Verdicts that name the mechanism: dead units, saturation, vanishing or exploding signal versus gradient.
import * as l10n from '@vscode/l10n';
import type { Mechanism, SignalSnapshot, Verdict } from './results';
import { SATURATION_Z } from './unitHealth';

/** A hidden layer with at least this share of dead (or saturated) units is reported. */
export const UNHEALTHY_SHARE = 0.5;
/** Overall change of std across the network beyond which the signal or the gradient vanishes (1/100) or explodes. */
export const SIGNAL_RATIO = 100;
/** A layer that changes the std by more than this factor is where a vanishing or exploding trend starts. */
export const STEP_RATIO = 2;

export interface Trend {
  direction: 'vanishing' | 'exploding';
  /** The layer where it starts (for gradients: counted back from the output). */
  from: number;
  /** Overall factor: last/first (signal) or layer 1/output (gradient). */
  ratio: number;
}

export interface MechanismFacts {
  /** The hidden layer with the largest share of dead units at the end, if at least UNHEALTHY_SHARE. */
  dead: { layer: number; share: number } | null;
  /** The first hidden layer with at least UNHEALTHY_SHARE of saturated units at iteration 0. */
  saturated: { layer: number; share: number } | null;
  /** The forward signal (std of z against the input's std) at iteration 0. */
  signal: Trend | null;
  /** The back-propagated gradient (std of dZ of layer 1 against the output's) at iteration 0. */
  gradient: Trend | null;
}

/** Where `stds` (against `first`) vanishes or explodes overall, and the index where the trend starts. */
function trend(stds: (number | null)[], first: number): Trend | null {
  if (stds.length === 0 || stds.some((v) => v === null) || !(first > 0)) return null;
  const v = stds as number[];
  const ratio = v[v.length - 1] / first;
  const direction = ratio < 1 / SIGNAL_RATIO ? 'vanishing' : ratio > SIGNAL_RATIO ? 'exploding' : null;
  if (!direction) return null;
  const steps = v.map((x, i) => x / (i === 0 ? first : v[i - 1]));
  const sharp = steps.findIndex((r) => (direction === 'vanishing' ? r < 1 / STEP_RATIO : r > STEP_RATIO));
  // A gradual trend has no sharp step: it starts at the first layer that moves the std its way at all.
  const start =
    sharp >= 0
      ? sharp
      : Math.max(
          0,
          steps.findIndex((r) => (direction === 'vanishing' ? r < 1 : r > 1)),
        );
  return { direction, from: start, ratio };
}

/** The signal's trend over layers 1..L, and the gradient's over layers L..1, at one snapshot. */
export function signalTrends(s: SignalSnapshot): { signal: Trend | null; gradient: Trend | null } {
  const z = s.layers.map((l) => l.zStd);
  const signalT = trend(z, s.inputStd);
  const dz = s.layers.map((l) => l.dzStd).reverse();
  const out = dz[0];
  const gradT = out !== null && out > 0 ? trend(dz.slice(1), out) : null;
  const L = s.layers.length;
  return {
    signal: signalT && { ...signalT, from: signalT.from + 1 },
    // dz.slice(1)[i] is layer L−1−i.
    gradient: gradT && { ...gradT, from: L - 1 - gradT.from },
  };
}

function worst(s: SignalSnapshot, pick: 'dead' | 'saturated', first: boolean): { layer: number; share: number } | null {
  let best: { layer: number; share: number } | null = null;
  for (const l of s.layers) {
    const share = l[pick];
    if (share === null || share < UNHEALTHY_SHARE) continue;
    if (first) return { layer: l.layer, share };
    if (!best || share > best.share) best = { layer: l.layer, share };
  }
  return best;
}

export function mechanismFacts(m: Mechanism): MechanismFacts {
  const { signal, gradient } = signalTrends(m.initial);
  return { dead: worst(m.current, 'dead', false), saturated: worst(m.initial, 'saturated', true), signal, gradient };
}

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
const sci = (x: number): string => x.toExponential(1);

/** The reason behind each mechanism verdict, in the course's terms (made when asked, so it is in the display language). */
type Why = 'dead' | 'saturated' | 'vanishingSignal' | 'explodingSignal' | 'vanishingGradient' | 'explodingGradient';

function why(kind: Why): string {
  switch (kind) {
    case 'dead':
      return l10n.t(
        'A ReLU unit whose input z is negative for every training example outputs 0 and has slope 0 there, so no gradient ever reaches its weights: it cannot come back. One step that is too large (a big learning rate) or weights and biases that push z below 0 everywhere kill units, and every dead unit is capacity lost. A smaller learning rate, He initialization or leaky ReLU (slope α below 0) keep units alive.',
      );
    case 'saturated':
      return l10n.t(
        'With weights this large, z = W·a lands far from 0 (|z| > {0}) where tanh and sigmoid are flat: the activations stick at their limits and the slope g′(z) ≈ 0 multiplies every gradient passing back through the layer, so it barely learns. Scaling Var[W] to 1/fan_in (LeCun, or Xavier/Glorot) keeps z in the range where the activation still bends.',
        SATURATION_Z,
      );
    case 'vanishingSignal':
      return l10n.t(
        "Each layer multiplies the variance of the signal by n·Var[W] times the activation's factor (1 for tanh near 0, 1/2 for ReLU). Below 1 the signal shrinks geometrically with depth, the last layers see almost constant inputs, and since dW = dZ·Aᵀ the gradients shrink with it. Choose Var[W] so the product is 1: 1/fan_in for tanh (LeCun/Xavier), 2/fan_in for ReLU (He).",
      );
    case 'explodingSignal':
      return l10n.t(
        "Each layer multiplies the variance of the signal by n·Var[W] times the activation's factor; above 1 it grows geometrically with depth, the output saturates and the first steps are huge or undo the start. Choose Var[W] so the product is 1: 1/fan_in for tanh (LeCun/Xavier), 2/fan_in for ReLU (He).",
      );
    case 'vanishingGradient':
      return l10n.t(
        'The forward signal keeps its scale, but the backward pass multiplies the gradient by Wᵀ and by the slope g′(z) at every layer. When that product is below 1 (units near saturation, or Var[W] too small for the backward fan-in, which is why Glorot averages fan_in and fan_out) the early layers get tiny updates and learn last.',
      );
    case 'explodingGradient':
      return l10n.t(
        'The backward pass multiplies the gradient by Wᵀ and g′(z) at every layer; above 1 the early layers get the largest steps and can overshoot. Scale Var[W] to the fans (Xavier/Glorot, He) or lower the learning rate.',
      );
  }
}

interface Outcome {
  trainAccuracy: number;
  testAccuracy: number;
}

/** The verdict's text for one fact, and its reason. */
function factVerdict(f: MechanismFacts, o: Outcome): Verdict | null {
  const acc = l10n.t('train {0}, test {1}', pct(o.trainAccuracy), pct(o.testAccuracy));
  if (f.saturated) {
    return {
      kind: 'saturated',
      why: why('saturated'),
      text: l10n.t(
        'Saturated units: from layer {0}, {1} of the units start with |z| > {2} on most examples, where the slope is almost 0 and gradients die ({3}).',
        f.saturated.layer,
        pct(f.saturated.share),
        SATURATION_Z,
        acc,
      ),
    };
  }
  if (f.signal) {
    const v = f.signal.direction === 'vanishing';
    return {
      kind: v ? 'vanishing' : 'exploding',
      why: why(v ? 'vanishingSignal' : 'explodingSignal'),
      text: v
        ? l10n.t(
            "Vanishing signal from layer {0}: the std of z shrinks layer after layer to {1} × the input's at the output ({2}).",
            f.signal.from,
            sci(f.signal.ratio),
            acc,
          )
        : l10n.t(
            "Exploding signal from layer {0}: the std of z grows layer after layer to {1} × the input's at the output ({2}).",
            f.signal.from,
            sci(f.signal.ratio),
            acc,
          ),
    };
  }
  if (f.gradient) {
    const v = f.gradient.direction === 'vanishing';
    return {
      kind: v ? 'vanishing' : 'exploding',
      why: why(v ? 'vanishingGradient' : 'explodingGradient'),
      text: v
        ? l10n.t(
            "Vanishing gradient from layer {0} back: layer 1 gets {1} × the output layer's gradient while the forward signal keeps its scale ({2}).",
            f.gradient.from,
            sci(f.gradient.ratio),
            acc,
          )
        : l10n.t(
            "Exploding gradient from layer {0} back: layer 1 gets {1} × the output layer's gradient while the forward signal keeps its scale ({2}).",
            f.gradient.from,
            sci(f.gradient.ratio),
            acc,
          ),
    };
  }
  if (f.dead) {
    return {
      kind: 'deadUnits',
      why: why('dead'),
      text: l10n.t(
        "Dead ReLUs: {0} of layer {1}'s units never fire on any training example by the end, so they pass no gradient and cannot recover ({2}).",
        pct(f.dead.share),
        f.dead.layer,
        acc,
      ),
    };
  }
  return null;
}

/**
 * Refines an outcome verdict with the mechanism: a run that learns well keeps its verdict (with a note when units
 * died or the signal faded), one that stopped, diverged or stayed symmetric too; slow, vanishing and exploding
 * runs get the first fact that explains them: saturation and the signal at iteration 0 come first (the init's
 * doing), then the gradient, then units dead at the end (narrow ReLU layers have some dead units whatever the
 * scale, since ReLU is scale-invariant: they explain a stall only when nothing at the start does).
 */
export function mechanismVerdict(base: Verdict, o: Outcome, f: MechanismFacts): Verdict {
  switch (base.kind) {
    case 'stopped':
    case 'diverged':
    case 'symmetry':
    case 'deadUnits':
    case 'saturated':
      return base;
    case 'learnsWell': {
      const note = f.dead
        ? l10n.t("although {0} of layer {1}'s units are dead", pct(f.dead.share), f.dead.layer)
        : f.saturated
          ? l10n.t("although {0} of layer {1}'s units start saturated", pct(f.saturated.share), f.saturated.layer)
          : f.signal
            ? f.signal.direction === 'vanishing'
              ? l10n.t('after a vanishing signal from layer {0} at the start', f.signal.from)
              : l10n.t('after an exploding signal from layer {0} at the start', f.signal.from)
            : '';
      return note ? { ...base, text: `${base.text.replace(/\.$/, '')}, ${note}.` } : base;
    }
    case 'slow':
    case 'vanishing':
    case 'exploding':
      return factVerdict(f, o) ?? base;
  }
}

/** The worker's and the CLI's entry: an outcome verdict refined by a run's mechanism. */
export function withMechanism(base: Verdict, o: Outcome, m: Mechanism): Verdict {
  return mechanismVerdict(base, o, mechanismFacts(m));
}
