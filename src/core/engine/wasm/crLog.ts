// `crlog(x: f64) -> f64` for the cost: correctlyRounded.ts's crLog fast path, the same operations in the same order,
// with its tables in the module's memory; what the fast path leaves (x ≤ 0, ∞, NaN, subnormals, undecided
// roundings) goes to the imported crLog itself.
//
// Why: the notebook loss takes two logs per sample, and an imported JS function costs a WebAssembly-to-JS
// transition per call (see crExp.ts): the costed steps (one in iterations/300, for the cost curve) took 0.9 µs of
// the notebook's 17.6 µs per iteration.
import { CR_LOG } from '../../numpy/correctlyRounded';
import { Code, F64, I32 } from './code';
import type { FuncDef } from './encoder';
import { emitProductError, emitSplit } from './exactProduct';

/** Bytes of the table in memory: 128 entries of (c, ln c hi, ln c lo, padding). */
export const CR_LOG_TABLE_BYTES = 128 * 32;

export function crLogTable(): Float64Array {
  const t = new Float64Array(128 * 4);
  for (let i = 0; i < 128; i++) {
    t[4 * i] = CR_LOG.C[i];
    t[4 * i + 1] = CR_LOG.TH[i];
    t[4 * i + 2] = CR_LOG.TL[i];
  }
  return t;
}

/** The function body; `table` is the table's byte offset, `fallback` the index of the imported crLog. */
export function crLogCode(table: number, fallback: number): Code {
  const c = new Code(1);
  const x = 0;
  const [m, cc, d, uh, t, ah, al, ch, cl, p, pe, ul, sq, sqe, q, qe, poly, kf, s, bb, e1, s2, e2, s3, e3, lo, err, a] =
    Array.from({ length: 28 }, () => c.local(F64));
  const [w, k, i, at] = Array.from({ length: 4 }, () => c.local(I32));
  const bail = (): void => {
    c.if().get(x).call(fallback).return().end();
  };
  // x ≤ 0, NaN, +∞ and subnormals: the JS function's own branches.
  c.get(x).f64Const(CR_LOG.MIN_NORMAL).f64Ge().i32Eqz().get(x).f64Const(Infinity).f64Eq().i32Or();
  bail();
  c.get(x).f64Const(1).f64Eq().if().f64Const(0).return().end();
  // x = 2^k·m: the high word's exponent and top 7 fraction bits; m with the exponent of 1.
  c.get(x).i64ReinterpretF64().i64Const(32).i64ShrU().i32WrapI64().set(w);
  c.get(w).i32Const(20).i32ShrU().i32Const(1023).i32Sub().set(k);
  c.get(w).i32Const(13).i32ShrU().i32Const(127).i32And().set(i);
  c.get(x).i64ReinterpretF64().i64Const(12).i64Shl().i64Const(12).i64ShrU();
  c.i64Const(1023).i64Const(52).i64Shl().i64Or().f64ReinterpretI64().set(m);
  c.get(i).i32Const(53).i32GeU().if();
  c.get(m).f64Const(0.5).f64Mul().set(m);
  c.get(k).i32Const(1).i32Add().set(k);
  c.end();
  c.get(i).i32Const(5).i32Shl().i32Const(table).i32Add().set(at);
  c.get(at).f64Load(0).set(cc);
  c.get(m).get(cc).f64Sub().set(d);
  c.get(d).get(cc).f64Div().set(uh);
  // u = uh + ul through an exact product uh·c (Veltkamp splits).
  emitSplit(c, uh, ah, al, t, CR_LOG.SPLITTER);
  emitSplit(c, cc, ch, cl, t, CR_LOG.SPLITTER);
  c.get(uh).get(cc).f64Mul().set(p);
  emitProductError(c, ah, al, ch, cl, p);
  c.set(pe);
  c.get(d).get(p).f64Sub().get(pe).f64Sub().get(cc).f64Div().set(ul);
  // −uh²/2 exactly, as q + qe.
  // (uh's split from above: ah, al are unchanged.)
  c.get(uh).get(uh).f64Mul().set(sq);
  emitProductError(c, ah, al, ah, al, sq);
  c.set(sqe);
  c.f64Const(-0.5).get(sq).f64Mul().set(q);
  c.f64Const(-0.5).get(sqe).f64Mul().set(qe);
  // poly = sq·uh·(1/3 + uh·(−1/4 + … + uh·(−1/10)))
  c.get(sq).get(uh).f64Mul();
  const coefficients = [1 / 3, -1 / 4, 1 / 5, -1 / 6, 1 / 7, -1 / 8, 1 / 9];
  for (const k of coefficients) c.f64Const(k).get(uh);
  c.f64Const(-1 / 10);
  for (let n = 0; n < coefficients.length; n++) c.f64Mul().f64Add();
  c.f64Mul().set(poly);
  // k·ln2_hi + ln c_hi + uh + q in three two-sums, the small rest added once.
  c.get(k).f64ConvertI32S().set(kf);
  const twoSum = (x1: number, x2: () => void, sum: number, e: number): void => {
    c.get(x1);
    x2();
    c.f64Add().set(sum);
    c.get(sum).get(x1).f64Sub().set(bb);
    c.get(x1).get(sum).get(bb).f64Sub().f64Sub();
    x2();
    c.get(bb).f64Sub().f64Add().set(e);
  };
  c.get(kf).f64Const(CR_LOG.LN2_HI).f64Mul().set(a);
  twoSum(a, () => c.get(at).f64Load(8), s, e1);
  twoSum(s, () => c.get(uh), s2, e2);
  twoSum(s2, () => c.get(q), s3, e3);
  c.get(e1).get(e2).f64Add().get(e3).f64Add();
  c.get(kf).f64Const(CR_LOG.LN2_LO).f64Mul().get(at).f64Load(16).f64Add().get(ul).f64Add().get(qe).f64Add();
  c.get(uh).get(ul).f64Mul().f64Sub().get(poly).f64Add();
  c.f64Add().set(lo);
  // err = (k = 0 and i ∈ {0, 127} ? 0 : ABS_ERR) + REL_ERR·|s|; the rounding is decided when both ends agree.
  c.f64Const(0).f64Const(CR_LOG.ABS_ERR);
  c.get(k).i32Eqz().get(i).i32Eqz().get(i).i32Const(127).i32Eq().i32Or().i32And().select();
  c.f64Const(CR_LOG.REL_ERR).get(s3).f64Abs().f64Mul().f64Add().set(err);
  c.get(s3).get(lo).get(err).f64Sub().f64Add().set(a);
  c.get(a).get(s3).get(lo).get(err).f64Add().f64Add().f64Ne();
  bail();
  c.get(a);
  return c;
}

/** The module function `crlog`. */
export function crLogFunction(table: number, fallback: number): FuncDef {
  const code = crLogCode(table, fallback);
  return { name: 'crlog', type: { params: [F64], results: [F64] }, locals: code.locals, code: code.bytes };
}
