// f64x2 functions exp2(v) and tanh2(v): fastMath.ts's exp and tanh, the same operations in the same order, per lane.
//
// Branches become selects: both sides of tanh's threshold are computed and the lane's side kept; exp computes on
// an input clamped to its finite range, then picks Infinity or 0 beyond it. 2^k is assembled from k's bits in two
// normal factors (k >> 1 and the rest), exactly the two table entries fastMath.ts multiplies by.
import { Code, V128 } from './code';
import {
  EXP_LN2_HI,
  EXP_LN2_LO,
  EXP_LOG2E,
  EXP_MAX,
  EXP_MIN,
  EXP_POLY,
  EXP_SHIFT,
  TANH_POLY,
  TANH_SERIES_BELOW,
} from '../fastMath';

/** Pushes exp of each lane of local `x`; `tmp` are five scratch v128 locals. */
function emitExp(c: Code, x: number, tmp: number[]): void {
  const [xc, t, k, r, q] = tmp;
  c.get(x).f64x2Const(EXP_MAX).f64x2Min().f64x2Const(EXP_MIN).f64x2Max().set(xc);
  c.get(xc).f64x2Const(EXP_LOG2E).f64x2Mul().f64x2Const(EXP_SHIFT).f64x2Add().set(t);
  c.get(t).f64x2Const(EXP_SHIFT).f64x2Sub().set(k);
  c.get(xc).get(k).f64x2Const(EXP_LN2_HI).f64x2Mul().f64x2Sub();
  c.get(k).f64x2Const(EXP_LN2_LO).f64x2Mul().f64x2Sub().set(r);
  c.f64x2Const(EXP_POLY[0]).set(q);
  for (let i = 1; i < EXP_POLY.length; i++) c.get(q).get(r).f64x2Mul().f64x2Const(EXP_POLY[i]).f64x2Add().set(q);
  // e = 1 + (r + r·r·q), left in q
  c.f64x2Const(1).get(r).get(r).get(r).f64x2Mul().get(q).f64x2Mul().f64x2Add().f64x2Add().set(q);
  // k as an integer: the low bits of t; k1 = k >> 1 (floor), k2 = k − k1 (reusing t and k).
  c.get(t).f64x2Const(EXP_SHIFT).i64x2Sub().set(t);
  c.get(t).i32Const(1).i64x2ShrS().set(k);
  c.get(t).get(k).i64x2Sub().set(t);
  const pow2 = (local: number): void => {
    c.get(local).i64x2Const(1023).i64x2Add().i32Const(52).i64x2Shl();
  };
  c.get(q);
  pow2(k);
  c.f64x2Mul();
  pow2(t);
  c.f64x2Mul();
  // Beyond the range: Infinity above, 0 below (NaN stays NaN: both compares are false).
  c.set(r);
  c.f64x2Const(Infinity).get(r).get(x).f64x2Const(EXP_MAX).f64x2Gt().v128Bitselect().set(r);
  c.f64x2Const(0).get(r).get(x).f64x2Const(EXP_MIN).f64x2Lt().v128Bitselect();
}

/** `exp2(v: v128) -> v128`. */
export function expCode(): Code {
  const c = new Code(1);
  const tmp = Array.from({ length: 5 }, () => c.local(V128));
  emitExp(c, 0, tmp);
  return c;
}

/** `tanh2(v: v128) -> v128`: the odd series below TANH_SERIES_BELOW, (1 − E)/(1 + E) with E = exp(−2|x|) above. */
export function tanhCode(): Code {
  const c = new Code(1);
  const a = c.local(V128),
    s = c.local(V128),
    p = c.local(V128),
    small = c.local(V128),
    m2a = c.local(V128);
  const tmp = Array.from({ length: 5 }, () => c.local(V128));
  c.get(0).f64x2Abs().set(a);
  c.get(a).get(a).f64x2Mul().set(s);
  c.f64x2Const(TANH_POLY[0]).set(p);
  for (let i = 1; i < TANH_POLY.length; i++) c.get(p).get(s).f64x2Mul().f64x2Const(TANH_POLY[i]).f64x2Add().set(p);
  c.get(a).get(a).get(s).get(p).f64x2Mul().f64x2Mul().f64x2Add().set(small);
  c.f64x2Const(-2).get(a).f64x2Mul().set(m2a);
  emitExp(c, m2a, tmp);
  c.set(p);
  // big = (1 − E)/(1 + E); then the series where |x| < threshold; then x's sign bit.
  c.get(small);
  c.f64x2Const(1).get(p).f64x2Sub().f64x2Const(1).get(p).f64x2Add().f64x2Div();
  c.get(a).f64x2Const(TANH_SERIES_BELOW).f64x2Lt().v128Bitselect();
  c.get(0).f64x2Const(-0).v128And().v128Or();
  return c;
}
