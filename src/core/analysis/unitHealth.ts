// Unit health of a hidden layer on the training set: dead ReLU units and saturated tanh/sigmoid units.
import type { HiddenActivation } from '../experiment/types';

/**
 * |z| above which a tanh or sigmoid unit counts as saturated: tanh'(3) ≈ 0.0099 (1 % of its slope at 0) and
 * sigmoid'(3) ≈ 0.045 (18 % of its largest slope), so a saturated unit passes back almost no gradient.
 */
export const SATURATION_Z = 3;
/** A unit is saturated when |z| > SATURATION_Z on more than this fraction of the training samples. */
export const SATURATED_SAMPLE_SHARE = 0.5;

/** Fraction of the rows (units) of Z (units × m) whose z is never > 0: a dead ReLU passes no gradient at all. */
export function deadFraction(Z: Float64Array, units: number, m: number): number {
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let alive = false;
    for (let k = 0; k < m && !alive; k++) alive = Z[j * m + k] > 0;
    if (!alive) dead++;
  }
  return units ? dead / units : 0;
}

/** Fraction of the units of Z (units × m) with |z| > SATURATION_Z on more than SATURATED_SAMPLE_SHARE of samples. */
export function saturatedFraction(Z: Float64Array, units: number, m: number): number {
  let saturated = 0;
  for (let j = 0; j < units; j++) {
    let n = 0;
    for (let k = 0; k < m; k++) if (Math.abs(Z[j * m + k]) > SATURATION_Z) n++;
    if (n > SATURATED_SAMPLE_SHARE * m) saturated++;
  }
  return units ? saturated / units : 0;
}

/**
 * The health figures that apply to a hidden activation. Leaky ReLU is never dead (its slope is α below 0) and
 * neither ReLU kind saturates, so those figures are null rather than a misleading 0.
 */
export function unitHealth(
  hidden: HiddenActivation,
  Z: Float64Array,
  units: number,
  m: number,
): { dead: number | null; saturated: number | null } {
  switch (hidden) {
    case 'relu':
      return { dead: deadFraction(Z, units, m), saturated: null };
    case 'leakyRelu':
      return { dead: null, saturated: null };
    case 'tanh':
    case 'sigmoid':
      return { dead: null, saturated: saturatedFraction(Z, units, m) };
  }
}
