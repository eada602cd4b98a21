// `crexp(x: f64) -> f64` for the output unit: correctlyRounded.ts's crExp fast path, the same operations in the same
// order, with its 2^(j/64) table in the module's memory; what the fast path leaves (special values, results near
// the ends of the range, undecided roundings: about 1 call in 250) goes to the imported crExp itself.
//
// Why not import crExp alone: V8 calls an imported Math.exp directly, but any other JS function through a
// WebAssembly-to-JS transition; per output lane that doubled the course notebook's step time.
import { CR_EXP } from '../../numpy/correctlyRounded';
import { Code, F64, I32 } from './code';

/** Bytes of the table in memory: 64 (hi, lo) pairs. */
export const CR_EXP_TABLE_BYTES = 64 * 16;

/** The table as the module reads it: hi and lo of 2^(j/64) interleaved. */
export function crExpTable(): Float64Array {
  const t = new Float64Array(128);
  for (let j = 0; j < 64; j++) {
    t[2 * j] = CR_EXP.TH[j];
    t[2 * j + 1] = CR_EXP.TL[j];
  }
  return t;
}

/** The function body; `table` is the table's byte offset, `fallback` the index of the imported crExp. */
export function crExpCode(table: number, fallback: number): Code {
  const c = new Code(1);
  const x = 0;
  const [n, r1, nl2, zh, bb, zl, pl, th, tl, sh, t, ah, al, bh, bl, sl, hi, lo, a] = Array.from({ length: 19 }, () =>
    c.local(F64),
  );
  const [ni, k, at] = [c.local(I32), c.local(I32), c.local(I32)];
  const bail = (): void => {
    c.if().get(x).call(fallback).return().end();
  };
  // NaN, overflow and underflow: the JS function's own branches.
  c.get(x).f64Const(CR_EXP.MAX).f64Le().i32Eqz().get(x).f64Const(CR_EXP.MIN).f64Lt().i32Or();
  bail();
  c.get(x).f64Const(CR_EXP.INV).f64Mul().f64Const(CR_EXP.SHIFT).f64Add().f64Const(CR_EXP.SHIFT).f64Sub().set(n);
  c.get(n).i32TruncF64S().set(ni);
  c.get(ni).i32Const(6).i32ShrS().set(k);
  // Results below 2^-1021 or at 2^1024 round in JS's subnormal and two-factor branches.
  c.get(k).i32Const(-1021).i32LtS().get(k).i32Const(1023).i32GtS().i32Or();
  bail();
  c.get(ni).i32Const(63).i32And().i32Const(4).i32Shl().i32Const(table).i32Add().set(at);
  c.get(x).get(n).f64Const(CR_EXP.L1).f64Mul().f64Sub().set(r1);
  c.get(n).f64Const(CR_EXP.L2).f64Mul().set(nl2);
  c.get(r1).get(nl2).f64Sub().set(zh);
  c.get(zh).get(r1).f64Sub().set(bb);
  // zl = r1 − (zh − bb) + (−nl2 − bb) − n·L3
  c.get(r1).get(zh).get(bb).f64Sub().f64Sub();
  c.get(nl2).f64Neg().get(bb).f64Sub().f64Add();
  c.get(n).f64Const(CR_EXP.L3).f64Mul().f64Sub().set(zl);
  // q = zh·zh·(1/2 + zh·(1/6 + zh·(1/24 + zh·(1/120 + zh·(1/720 + zh·(1/5040)))))), into pl = zl + (zh·zl + q)
  c.get(zh).get(zh).f64Mul();
  c.f64Const(0.5)
    .get(zh)
    .f64Const(1 / 6)
    .get(zh)
    .f64Const(1 / 24)
    .get(zh);
  c.f64Const(1 / 120)
    .get(zh)
    .f64Const(1 / 720)
    .get(zh)
    .f64Const(1 / 5040);
  for (let i = 0; i < 5; i++) c.f64Mul().f64Add();
  c.f64Mul().set(sl);
  c.get(zl).get(zh).get(zl).f64Mul().get(sl).f64Add().f64Add().set(pl);
  c.get(at).f64Load(0).set(th);
  c.get(at).f64Load(8).set(tl);
  c.get(th).get(zh).f64Mul().set(sh);
  // Veltkamp splits of th and zh; sl = ah·bh − sh + ah·bl + al·bh + al·bl (the exact product's low part).
  c.f64Const(CR_EXP.SPLITTER).get(th).f64Mul().set(t);
  c.get(t).get(t).get(th).f64Sub().f64Sub().set(ah);
  c.get(th).get(ah).f64Sub().set(al);
  c.f64Const(CR_EXP.SPLITTER).get(zh).f64Mul().set(t);
  c.get(t).get(t).get(zh).f64Sub().f64Sub().set(bh);
  c.get(zh).get(bh).f64Sub().set(bl);
  c.get(ah).get(bh).f64Mul().get(sh).f64Sub();
  c.get(ah).get(bl).f64Mul().f64Add();
  c.get(al).get(bh).f64Mul().f64Add();
  c.get(al).get(bl).f64Mul().f64Add().set(sl);
  c.get(th).get(sh).f64Add().set(hi);
  // lo = sh − (hi − th) + (sl + (th·pl + (tl + tl·zh)))
  c.get(sh).get(hi).get(th).f64Sub().f64Sub();
  c.get(sl).get(th).get(pl).f64Mul().get(tl).get(tl).get(zh).f64Mul().f64Add().f64Add().f64Add();
  c.f64Add().set(lo);
  // The rounding is decided when both ends of the error interval (ERR_R2·zh·zh + ERR_EXACT or ERR_FIXED, as n is 0
  // or not) round alike.
  c.f64Const(CR_EXP.ERR_R2).get(zh).f64Mul().get(zh).f64Mul();
  c.f64Const(CR_EXP.ERR_EXACT).f64Const(CR_EXP.ERR_FIXED).get(n).f64Const(0).f64Eq().select();
  c.f64Add().set(t);
  c.get(hi).get(lo).get(t).f64Sub().f64Add().set(a);
  c.get(a).get(hi).get(lo).get(t).f64Add().f64Add().f64Ne();
  bail();
  // a·2^k, 2^k from its bits: (k + 1023) << 52.
  c.get(a).get(k).i32Const(1023).i32Add().i64ExtendI32S().i64Const(52).i64Shl().f64ReinterpretI64().f64Mul();
  return c;
}
