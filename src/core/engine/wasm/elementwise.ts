// f64x2 code for the per-element functions of a layer: activations, their slopes on A, the output sigmoid.
//
// Each lane computes exactly network.ts's scalar expression (same operations, same order, no FMA). Hidden tanh and
// sigmoid are not applied per vector: the layer's sums are stored and the module's array function (wasm/fastMath.ts,
// fastMath.ts's operations) then runs over the whole layer; so does the output sigmoid, on the module's crexp
// (wasm/crExp.ts: network.ts's crExp, two lanes at a time).
import type { Code } from './code';
import type { HiddenActivation } from '../../experiment/types';

/** Indices of the imported Math functions (the import order of every generated module). */
export const EXP = 0,
  LOG = 1,
  LOG1P = 2;
export const MATH_IMPORTS = ['exp', 'log', 'log1p'] as const;

/** An i32 argument: a constant, or a local holding it. */
export type I32Value = number | { local: number };

/** Constant vectors the emitters read; the caller sets them once at function entry. */
export interface Constants {
  zero: number;
  one: number;
  alpha: number;
}

/** Indices of the module's array functions: `tanh` and `sigmoid` (from, count) and the output's `sigmoidOut` (z, a, count). */
export interface VectorMath {
  tanh: number;
  sigmoid: number;
  sigmoidOut: number;
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

  /** Calls the output pass: A_L = 1 / (1 + crExp(−z)) for `count` stored logits at byte `z` into byte `a`. */
  outputSigmoid(z: I32Value, a: I32Value, count: I32Value): void {
    this.push(z);
    this.push(a);
    this.push(count);
    this.c.call(this.fns.sigmoidOut);
  }

  private push(v: I32Value): void {
    if (typeof v === 'number') this.c.i32Const(v);
    else this.c.get(v.local);
  }

  /**
   * Pushes the hidden activation of local `z`, or `z` itself for an activation applied after the layer's sums
   * (then `afterSums` gives the array function to call on the stored layer).
   */
  activation(kind: HiddenActivation, z: number): void {
    const c = this.c;
    switch (kind) {
      case 'relu':
        c.get(z).get(z).get(this.k.zero).f64x2Gt().v128And();
        return;
      case 'tanh':
      case 'sigmoid':
        c.get(z);
        return;
      case 'leakyRelu':
        c.get(z).get(this.k.alpha).get(z).f64x2Mul().get(z).get(this.k.zero).f64x2Gt().v128Bitselect();
        return;
    }
  }

  /** Calls the array function that applies `kind` to `count` stored sums at byte offset `from`, if it has one. */
  afterSums(kind: HiddenActivation, from: I32Value, count: I32Value): void {
    if (kind !== 'tanh' && kind !== 'sigmoid') return;
    this.push(from);
    this.push(count);
    this.c.call(this.fns[kind]);
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
