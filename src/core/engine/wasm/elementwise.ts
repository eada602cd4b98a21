// f64x2 code for the per-element functions of a layer: activations, their slopes on A, the output sigmoid.
//
// Each lane computes exactly network.ts's scalar expression (same operations, same order, no FMA); tanh and exp
// in hidden layers are the module's own f64x2 functions (wasm/fastMath.ts), the operations of fastMath.ts that
// network.ts calls; the output sigmoid calls the module's crexp per lane (wasm/crExp.ts), network.ts's crExp.
import type { Code } from './code';
import type { HiddenActivation } from '../../experiment/types';

/** Indices of the imported Math functions (the import order of every generated module). */
export const EXP = 0,
  LOG = 1,
  LOG1P = 2,
  TANH = 3;
export const MATH_IMPORTS = ['exp', 'log', 'log1p', 'tanh'] as const;

/** Constant vectors the emitters read; the caller sets them once at function entry. */
export interface Constants {
  zero: number;
  one: number;
  alpha: number;
}

/** Indices of the module's `exp2` and `tanh2` functions (v128 → v128) and of its scalar `crexp` (f64 → f64). */
export interface VectorMath {
  exp2: number;
  tanh2: number;
  crexp: number;
}

export class Elementwise {
  constructor(
    private readonly c: Code,
    private readonly k: Constants,
    private readonly fns: VectorMath,
  ) {}

  /** Sets the constant locals (zero, one, alpha). */
  init(alpha: number): void {
    this.c.f64x2Const(0).set(this.k.zero).f64x2Const(1).set(this.k.one).f64x2Const(alpha).set(this.k.alpha);
  }

  /** Pushes 1 / (1 + crExp(-z)) of local `z` (the output unit: the correctly rounded exp, once per lane; only lane 0
   * when `pair` is false). */
  outputSigmoid(pair: boolean, z: number): void {
    const c = this.c;
    c.get(this.k.one).get(this.k.one);
    c.get(z).f64x2ExtractLane(0).f64Neg().call(this.fns.crexp).f64x2Splat();
    if (pair) c.get(z).f64x2ExtractLane(1).f64Neg().call(this.fns.crexp).f64x2ReplaceLane(1);
    c.f64x2Add().f64x2Div();
  }

  /** Pushes 1 / (1 + exp(-z)) of local `z`, per lane (a hidden layer: the module's exp2). */
  sigmoid(z: number): void {
    const c = this.c;
    c.get(this.k.one).get(this.k.one).get(z).f64x2Neg().call(this.fns.exp2).f64x2Add().f64x2Div();
  }

  /** Pushes the hidden activation of local `z`. */
  activation(kind: HiddenActivation, z: number): void {
    const c = this.c;
    switch (kind) {
      case 'relu':
        c.get(z).get(z).get(this.k.zero).f64x2Gt().v128And();
        return;
      case 'tanh':
        c.get(z).call(this.fns.tanh2);
        return;
      case 'sigmoid':
        this.sigmoid(z);
        return;
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
      case 'relu':
        c.get(one).get(a).get(zero).f64x2Gt().v128And();
        return;
      case 'tanh':
        c.get(one).get(a).get(a).f64x2Mul().f64x2Sub();
        return;
      case 'sigmoid':
        c.get(a).get(one).get(a).f64x2Sub().f64x2Mul();
        return;
      case 'leakyRelu':
        c.get(one).get(alpha).get(a).get(zero).f64x2Gt().v128Bitselect();
        return;
    }
  }
}
