// f64x2 exp, tanh and sigmoid over a whole array in place: fastMath.ts's operations in the same order, per lane.
//
// Why arrays, several vectors at a time: each function is a long chain of dependent multiply-adds (a Horner
// polynomial), so one vector per call leaves the core waiting on latency; interleaving independent vectors per
// loop turn (GROUP) measured 2.6× faster than a call per vector at four. The engines store a layer's sums first
// and then run one of these over the layer.
// No branches: exp computes on an input clamped to its finite range (pmin/pmax: one instruction each, and equal to
// min/max here since the bounds are finite), then picks Infinity or 0 beyond it; 2^k is assembled from k's bits in
// two normal factors (k >> 1 and the rest), exactly the two table entries fastMath.ts multiplies by. tanh needs
// neither: its argument is capped, so 2^k is one normal factor.
import { Code, I32, V128 } from './code';
import type { FuncDef } from './encoder';
import { emitArrayLoop } from './arrayLoop';
import { EXP_LN2_HI, EXP_LN2_LO, EXP_LOG2E, EXP_MAX, EXP_MIN, EXP_POLY, EXP_SHIFT, TANH_CAP } from '../fastMath';

/** The functions an engine applies to a whole array. */
export type ArrayFunction = 'exp' | 'tanh' | 'sigmoid';

/**
 * Vectors per loop turn (measured with the series-or-exp tanh: 1 → 18.5 ns per tanh, 2 → 8.7, 3 → 7.6, 4 → 7.1; with
 * the one-polynomial tanh: 3 → 4.6, 4 → 3.9, 6 → 3.4, 8 → 3.4; exp 4.4 → 4.0 and sigmoid 4.7 → 4.4 from 4 to 6).
 */
const GROUP = 6;

/** Scratch v128 locals of one vector's computation. */
interface Scratch {
  x: number;
  arg: number;
  xc: number;
  t: number;
  k: number;
  r: number;
  q: number;
}

/** Emits `op` once per vector of the group, so the group's independent chains interleave. */
type Each = (op: (v: Scratch) => void) => void;

/** e^r's reduction and polynomial: each vector's `arg` (clamped to xc) as k·ln2 + r, and q with e^r = 1 + r + r²·q. */
function emitExpPolynomial(c: Code, each: Each): void {
  each((v) => c.get(v.xc).f64x2Const(EXP_LOG2E).f64x2Mul().f64x2Const(EXP_SHIFT).f64x2Add().set(v.t));
  each((v) => c.get(v.t).f64x2Const(EXP_SHIFT).f64x2Sub().set(v.k));
  each((v) => {
    c.get(v.xc).get(v.k).f64x2Const(EXP_LN2_HI).f64x2Mul().f64x2Sub();
    c.get(v.k).f64x2Const(EXP_LN2_LO).f64x2Mul().f64x2Sub().set(v.r);
  });
  each((v) => c.f64x2Const(EXP_POLY[0]).set(v.q));
  for (let i = 1; i < EXP_POLY.length; i++) {
    each((v) => c.get(v.q).get(v.r).f64x2Mul().f64x2Const(EXP_POLY[i]).f64x2Add().set(v.q));
  }
}

/** 2^k as a double, built from the integer in `local`'s lanes (t − EXP_SHIFT as an integer: k). */
function emitPow2(c: Code, local: number): void {
  c.get(local).i64x2Const(1023).i64x2Add().i32Const(52).i64x2Shl();
}

/** exp of each vector's `arg`, left in its `r` (uses xc, t, k, q). */
function emitExp(c: Code, each: Each): void {
  each((v) => c.get(v.arg).f64x2Const(EXP_MAX).f64x2Pmin().f64x2Const(EXP_MIN).f64x2Pmax().set(v.xc));
  emitExpPolynomial(c, each);
  each((v) => c.f64x2Const(1).get(v.r).get(v.r).get(v.r).f64x2Mul().get(v.q).f64x2Mul().f64x2Add().f64x2Add().set(v.q));
  // 2^k in two factors: floor(k/2) and k − floor(k/2), as fastMath.ts.
  each((v) => {
    c.get(v.t).f64x2Const(EXP_SHIFT).i64x2Sub().set(v.t);
    c.get(v.t).i32Const(1).i64x2ShrS().set(v.k);
    c.get(v.t).get(v.k).i64x2Sub().set(v.t);
  });
  each((v) => {
    c.get(v.q);
    emitPow2(c, v.k);
    c.f64x2Mul();
    emitPow2(c, v.t);
    c.f64x2Mul().set(v.r);
  });
  each((v) => {
    c.f64x2Const(Infinity).get(v.r).get(v.arg).f64x2Const(EXP_MAX).f64x2Gt().v128Bitselect().set(v.r);
    c.f64x2Const(0).get(v.r).get(v.arg).f64x2Const(EXP_MIN).f64x2Lt().v128Bitselect().set(v.r);
  });
}

/** tanh of each vector's `x`, left in its `r`: E/(E + 2) with E = e^(2|x|) − 1, as fastMath.ts's tanh. */
function emitTanh(c: Code, each: Each): void {
  each((v) => c.get(v.x).f64x2Abs().f64x2Const(TANH_CAP).f64x2Pmin().f64x2Const(2).f64x2Mul().set(v.xc));
  emitExpPolynomial(c, each);
  // p = 2^k (k ≥ 0: no range to guard), E = p·(r + r·r·q) + (p − 1).
  each((v) => {
    c.get(v.t).f64x2Const(EXP_SHIFT).i64x2Sub().set(v.t);
    emitPow2(c, v.t);
    c.set(v.k);
  });
  each((v) => {
    c.get(v.k).get(v.r).get(v.r).get(v.r).f64x2Mul().get(v.q).f64x2Mul().f64x2Add().f64x2Mul();
    c.get(v.k).f64x2Const(1).f64x2Sub().f64x2Add().set(v.q);
  });
  each((v) => {
    c.get(v.q).get(v.q).f64x2Const(2).f64x2Add().f64x2Div();
    c.get(v.x).f64x2Const(-0).v128And().v128Or().set(v.r);
  });
}

/** Each vector's function of `x`, left in its `r`. */
function emitFunction(c: Code, fn: ArrayFunction, each: Each): void {
  switch (fn) {
    case 'exp':
      each((v) => c.get(v.x).set(v.arg));
      emitExp(c, each);
      return;
    case 'tanh':
      emitTanh(c, each);
      return;
    case 'sigmoid':
      // 1 / (1 + exp(−z)), as activations.ts
      each((v) => c.get(v.x).f64x2Neg().set(v.arg));
      emitExp(c, each);
      each((v) => c.f64x2Const(1).f64x2Const(1).get(v.r).f64x2Add().f64x2Div().set(v.r));
      return;
  }
}

/**
 * `fn(from: i32, count: i32)`: replaces the `count` doubles at byte offset `from` by their `fn`, in groups of
 * GROUP vectors, then single vectors, then a lone last double (its vector's other lane reads and writes nothing).
 */
export function arrayFunctionCode(fn: ArrayFunction): Code {
  const c = new Code(2);
  const from = 0,
    count = 1;
  const p = c.local(I32);
  const scratch: Scratch[] = Array.from({ length: GROUP }, () => ({
    x: c.local(V128),
    arg: c.local(V128),
    xc: c.local(V128),
    t: c.local(V128),
    k: c.local(V128),
    r: c.local(V128),
    q: c.local(V128),
  }));
  c.get(from).set(p);
  emitArrayLoop(c, {
    start: from,
    count,
    cursor: p,
    stride: 8,
    group: GROUP,
    turn: (n, single) => {
      const group = scratch.slice(0, n);
      group.forEach((v, g) => {
        c.get(p);
        if (single) c.v128Load64Zero(0);
        else c.v128Load(16 * g);
        c.set(v.x);
      });
      emitFunction(c, fn, (op) => group.forEach(op));
      group.forEach((v, g) => {
        c.get(p).get(v.r);
        if (single) c.v128Store64Lane(0, 0);
        else c.v128Store(16 * g);
      });
    },
    advance: (bytes) => void c.get(p).i32Const(bytes).i32Add().set(p),
  });
  return c;
}

/** The module functions `tanh` and `sigmoid` (in this order) that apply a hidden activation to a stored layer. */
export function activationFunctions(): FuncDef[] {
  return (['tanh', 'sigmoid'] as const).map((fn) => {
    const code = arrayFunctionCode(fn);
    return { name: fn, type: { params: [I32, I32], results: [] }, locals: code.locals, code: code.bytes };
  });
}
