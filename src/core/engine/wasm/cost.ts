// The cost as network.ts's `cost` computes it, emitted once for both generated modules: per-sample terms, then
// NumPy's pairwise sum of them (the module's `psum`, the order of pairwiseSum.ts).
import { F64, I32, type Code } from './code';
import { EXP, LOG1P } from './elementwise';
import type { LossKind } from '../../experiment/types';

export interface CostLayout {
  loss: LossKind;
  m: number;
  /** Byte offsets of the output layer's z and A (sample k at `k · outputStride`), of Y and of the terms scratch row. */
  zL: number;
  aL: number;
  y: number;
  terms: number;
  /** Bytes from one sample's output to the next (8 when the output row is dense). */
  outputStride: number;
  /** Function index of the module's pairwise sum (ptr, count) → f64. */
  psum: number;
  /** Function index of the module's crlog (f64 → f64: network.ts's crLog). */
  log: number;
}

/** Emits the loop over the m samples and the sum, leaving the cost in the local `cost`. */
export function emitCost(c: Code, p: CostLayout, cost: number): void {
  const { loss, m } = p;
  const o = c.local(I32),
    k = c.local(I32),
    v = c.local(F64),
    t = c.local(F64);
  c.i32Const(0).set(o).i32Const(0).set(k);
  c.loop();
  c.get(k);
  if (loss === 'stable') {
    // (z > 0 ? z : 0) - z·y + log1p(exp(-|z|))
    c.get(o).f64Load(p.zL).set(v);
    c.get(v).f64Const(0).get(v).f64Const(0).f64Gt().select();
    c.get(v).get(k).f64Load(p.y).f64Mul().f64Sub();
    c.get(v).f64Abs().f64Neg().call(EXP).call(LOG1P).f64Add();
  } else {
    // t = -log(a)·y + -log(1 - a)·(1 - y); a NaN term (0·∞) counts as 0, like NumPy's nansum.
    c.get(o).f64Load(p.aL).set(v);
    c.get(v).call(p.log).f64Neg().get(k).f64Load(p.y).f64Mul();
    c.f64Const(1).get(v).f64Sub().call(p.log).f64Neg();
    c.f64Const(1).get(k).f64Load(p.y).f64Sub().f64Mul();
    c.f64Add().tee(t).f64Const(0).get(t).get(t).f64Eq().select();
  }
  c.f64Store(p.terms);
  c.get(o).i32Const(p.outputStride).i32Add().set(o);
  c.get(k)
    .i32Const(8)
    .i32Add()
    .tee(k)
    .i32Const(m * 8)
    .i32LtU()
    .brIf(0);
  c.end();
  if (loss === 'stable') c.i32Const(p.terms).i32Const(m).call(p.psum).f64Const(m).f64Div().set(cost);
  else
    c.f64Const(1 / m)
      .i32Const(p.terms)
      .i32Const(m)
      .call(p.psum)
      .f64Mul()
      .set(cost);
}
