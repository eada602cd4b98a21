// WebAssembly versions of pairwiseSum.ts (NumPy's pairwise order): a contiguous row, and two strided columns at once.
import { Code, F64, I32, V128 } from './code';

/**
 * `psum(address, n) -> f64`: the sum of n doubles in NumPy's pairwise order, exactly as pairwiseSum.ts: below 8
 * terms a plain sum from -0; up to 128, eight strided accumulators (as four f64x2, each lane its own sequence)
 * combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the remainder; above, two halves split at a multiple of 8.
 * `self` is this function's index in the module (it recurses).
 */
export function pairwiseSumCode(self: number): Code {
  const c = new Code(2);
  const P = 0,
    N = 1;
  const i = c.local(I32),
    end = c.local(I32),
    n2 = c.local(I32),
    res = c.local(F64);
  const r = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const addOf = (): void => {
    c.get(P).get(i).i32Const(3).i32Shl().i32Add();
  };
  /** res += a[i] for i up to n. */
  const tail = (): void => {
    c.block().loop();
    c.get(i).get(N).i32GeU().brIf(1);
    c.get(res);
    addOf();
    c.f64Load(0).f64Add().set(res);
    c.get(i).i32Const(1).i32Add().set(i).br(0);
    c.end().end();
  };
  c.get(N).i32Const(8).i32LtU().if();
  c.f64Const(-0).set(res).i32Const(0).set(i);
  tail();
  c.get(res).return();
  c.end();
  c.get(N).i32Const(128).i32LeU().if();
  for (let q = 0; q < 4; q++)
    c.get(P)
      .v128Load(16 * q)
      .set(r[q]);
  c.get(N).i32Const(-8).i32And().set(end).i32Const(8).set(i);
  c.block().loop();
  c.get(i).get(end).i32GeU().brIf(1);
  for (let q = 0; q < 4; q++) {
    c.get(r[q]);
    addOf();
    c.v128Load(16 * q)
      .f64x2Add()
      .set(r[q]);
  }
  c.get(i).i32Const(8).i32Add().set(i).br(0);
  c.end().end();
  const pair = (q: number): void => {
    c.get(r[q]).f64x2ExtractLane(0).get(r[q]).f64x2ExtractLane(1).f64Add();
  };
  pair(0);
  pair(1);
  c.f64Add();
  pair(2);
  pair(3);
  c.f64Add();
  c.f64Add().set(res);
  tail();
  c.get(res).return();
  c.end();
  c.get(N).i32Const(1).i32ShrU().i32Const(-8).i32And().set(n2);
  c.get(P).get(n2).call(self);
  c.get(P).get(n2).i32Const(3).i32Shl().i32Add().get(N).get(n2).i32Sub().call(self);
  c.f64Add();
  return c;
}

/**
 * `psum2(address, n, stride) -> v128`: lane q is pairwiseSum of the column a[address + q·8 + i·stride], i < n —
 * two columns of a sample-major matrix summed over its rows, each lane in exactly pairwiseSum.ts's order (the
 * eight accumulators r0..r7 are eight vectors here, one per residue of i mod 8).
 */
export function pairwiseColumnsCode(self: number): Code {
  const c = new Code(3);
  const P = 0,
    N = 1,
    S = 2;
  const p = c.local(I32),
    end = c.local(I32),
    n2 = c.local(I32),
    res = c.local(V128);
  const r = Array.from({ length: 8 }, () => c.local(V128));
  /** res += row at p, p += stride, until p reaches `end`. */
  const tail = (): void => {
    c.block().loop();
    c.get(p).get(end).i32GeU().brIf(1);
    c.get(res).get(p).v128Load(0).f64x2Add().set(res);
    c.get(p).get(S).i32Add().set(p).br(0);
    c.end().end();
  };
  // end = address + n·stride (the end of the rows).
  c.get(P).get(N).get(S).i32Mul().i32Add().set(end);
  c.get(N).i32Const(8).i32LtU().if();
  c.f64x2Const(-0).set(res).get(P).set(p);
  tail();
  c.get(res).return();
  c.end();
  c.get(N).i32Const(128).i32LeU().if();
  for (let q = 0; q < 8; q++) c.get(P).get(S).i32Const(q).i32Mul().i32Add().v128Load(0).set(r[q]);
  // p walks blocks of 8 rows from row 8 up to the last full block; the remainder rows follow in `tail`.
  const blockEnd = c.local(I32);
  c.get(P).get(N).i32Const(-8).i32And().get(S).i32Mul().i32Add().set(blockEnd);
  c.get(P).get(S).i32Const(8).i32Mul().i32Add().set(p);
  c.block().loop();
  c.get(p).get(blockEnd).i32GeU().brIf(1);
  for (let q = 0; q < 8; q++) {
    c.get(r[q]).get(p);
    if (q > 0) c.get(S).i32Const(q).i32Mul().i32Add();
    c.v128Load(0).f64x2Add().set(r[q]);
  }
  c.get(p).get(S).i32Const(8).i32Mul().i32Add().set(p).br(0);
  c.end().end();
  c.get(r[0]).get(r[1]).f64x2Add().get(r[2]).get(r[3]).f64x2Add().f64x2Add();
  c.get(r[4]).get(r[5]).f64x2Add().get(r[6]).get(r[7]).f64x2Add().f64x2Add();
  c.f64x2Add().set(res);
  tail();
  c.get(res).return();
  c.end();
  c.get(N).i32Const(1).i32ShrU().i32Const(-8).i32And().set(n2);
  c.get(P).get(n2).get(S).call(self);
  c.get(P).get(n2).get(S).i32Mul().i32Add().get(N).get(n2).i32Sub().get(S).call(self);
  c.f64x2Add();
  return c;
}
