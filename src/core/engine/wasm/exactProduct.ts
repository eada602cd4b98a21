// Veltkamp's split and the exact product's low part as scalar f64 code, in correctlyRounded.ts's order of
// operations: crExp.ts and crLog.ts both need them, and they must round exactly as the JS functions do.
import type { Code } from './code';

/** hi + lo = v with hi holding the top 26 bits (uses local `t`); `splitter` is 2^27 + 1. */
export function emitSplit(c: Code, v: number, hi: number, lo: number, t: number, splitter: number): void {
  c.f64Const(splitter).get(v).f64Mul().set(t);
  c.get(t).get(t).get(v).f64Sub().f64Sub().set(hi);
  c.get(v).get(hi).f64Sub().set(lo);
}

/**
 * Pushes a·b − p exactly, p being the rounded product a·b, from the splits of a (ah, al) and b (bh, bl):
 * ah·bh − p + ah·bl + al·bh + al·bl.
 */
export function emitProductError(c: Code, ah: number, al: number, bh: number, bl: number, p: number): void {
  c.get(ah).get(bh).f64Mul().get(p).f64Sub();
  c.get(ah).get(bl).f64Mul().f64Add();
  c.get(al).get(bh).f64Mul().f64Add();
  c.get(al).get(bl).f64Mul().f64Add();
}
