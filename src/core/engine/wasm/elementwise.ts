// f64x2 code for the per-element functions of a layer: activations, their slopes on A, the output sigmoid.
//
// Each lane computes exactly network.ts's scalar expression (same operations, same order, no FMA); tanh and exp
// are the imported Math functions, called once per lane, so every engine gets the very same doubles.
import type { Code } from './code';
import { V128 } from './code';
import type { HiddenActivation } from '../../experiment/types';

/** Indices of the imported Math functions (the import order of every generated module). */
export const EXP = 0, LOG = 1, LOG1P = 2, TANH = 3;
export const MATH_IMPORTS = ['exp', 'log', 'log1p', 'tanh'] as const;

/** Constant vectors the emitters read; the caller sets them once at function entry. */
export interface Constants { zero: number; one: number; alpha: number }

export class Elementwise {
  /** Scratch for sigmoid's −z. */
  private readonly negZ: number;

  constructor(private readonly c: Code, private readonly k: Constants) {
    this.negZ = c.local(V128);
  }

  /** Sets the constant locals (zero, one, alpha). */
  init(alpha: number): void {
    this.c.f64x2Const(0).set(this.k.zero).f64x2Const(1).set(this.k.one).f64x2Const(alpha).set(this.k.alpha);
  }

  /** Pushes local `v` with each lane replaced by `fn(lane)`; with `pair` false only lane 0 is computed. */
  mapLanes(pair: boolean, fn: number, v: number): void {
    const c = this.c;
    c.get(v).f64x2ExtractLane(0).call(fn).f64x2Splat();
    if (pair) c.get(v).f64x2ExtractLane(1).call(fn).f64x2ReplaceLane(1);
  }

  /** Pushes 1 / (1 + exp(-z)) of local `z`, per lane. */
  sigmoid(pair: boolean, z: number): void {
    const c = this.c;
    c.get(z).f64x2Neg().set(this.negZ);
    c.get(this.k.one).get(this.k.one);
    this.mapLanes(pair, EXP, this.negZ);
    c.f64x2Add().f64x2Div();
  }

  /** Pushes the hidden activation of local `z`. */
  activation(pair: boolean, kind: HiddenActivation, z: number): void {
    const c = this.c;
    switch (kind) {
      case 'relu': c.get(z).get(z).get(this.k.zero).f64x2Gt().v128And(); return;
      case 'tanh': this.mapLanes(pair, TANH, z); return;
      case 'sigmoid': this.sigmoid(pair, z); return;
      case 'leakyRelu':
        c.get(z).get(this.k.alpha).get(z).f64x2Mul().get(z).get(this.k.zero).f64x2Gt().v128Bitselect();
        return;
    }
  }

  /** Pushes the slope on the activation held in local `a`, as network.ts's activationSlope. */
  slope(kind: HiddenActivation, a: number): void {
    const c = this.c;
    const { zero, one, alpha } = this.k;
    switch (kind) {
      case 'relu': c.get(one).get(a).get(zero).f64x2Gt().v128And(); return;
      case 'tanh': c.get(one).get(a).get(a).f64x2Mul().f64x2Sub(); return;
      case 'sigmoid': c.get(a).get(one).get(a).f64x2Sub().f64x2Mul(); return;
      case 'leakyRelu': c.get(one).get(alpha).get(a).get(zero).f64x2Gt().v128Bitselect(); return;
    }
  }
}
