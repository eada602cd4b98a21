// The hidden activations, each once: its value and its slope as functions (network.ts) and as JS source (step.ts's
// generated code), side by side so they cannot drift apart; a test checks each pair agrees bit for bit.
import type { HiddenActivation } from '../experiment/types';
import { exp, tanh } from './fastMath';

export interface ActivationInfo {
  /** As shown to learners. */
  formula: string;
  /** The derivative, written on A = g(z) as the course's reference computes it. */
  slopeFormula: string;
  apply(z: number, alpha: number): number;
  slope(a: number, alpha: number): number;
  /** `apply` as a JS expression over the expression `z` (with `tanh`, `exp` and `alpha` in scope). */
  applySource(z: string): string;
  /** `slope` as a JS expression over the expression `a` (with `alpha` in scope). */
  slopeSource(a: string): string;
}

export const ACTIVATIONS: Readonly<Record<HiddenActivation, ActivationInfo>> = {
  relu: {
    formula: 'max(0, z)',
    slopeFormula: '1 where A > 0, else 0',
    apply: (z) => (z > 0 ? z : 0),
    slope: (a) => (a > 0 ? 1 : 0),
    applySource: (z) => `(${z} > 0 ? ${z} : 0)`,
    slopeSource: (a) => `(${a} > 0 ? 1 : 0)`,
  },
  tanh: {
    formula: 'tanh(z)',
    slopeFormula: '1 − A²',
    apply: (z) => tanh(z),
    slope: (a) => 1 - a * a,
    applySource: (z) => `tanh(${z})`,
    slopeSource: (a) => `(1 - ${a} * ${a})`,
  },
  sigmoid: {
    formula: '1 / (1 + e^−z)',
    slopeFormula: 'A · (1 − A)',
    apply: (z) => 1 / (1 + exp(-z)),
    slope: (a) => a * (1 - a),
    applySource: (z) => `1 / (1 + exp(-${z}))`,
    slopeSource: (a) => `(${a} * (1 - ${a}))`,
  },
  leakyRelu: {
    formula: 'z where z > 0, else α·z',
    slopeFormula: '1 where A > 0, else α',
    apply: (z, alpha) => (z > 0 ? z : alpha * z),
    slope: (a, alpha) => (a > 0 ? 1 : alpha),
    applySource: (z) => `(${z} > 0 ? ${z} : alpha * ${z})`,
    slopeSource: (a) => `(${a} > 0 ? 1 : alpha)`,
  },
};
