// `crexp(x: f64) -> f64` for the output unit: correctlyRounded.ts's crExp fast path, the same operations in the same
// order, with its 2^(j/64) table in the module's memory; what the fast path leaves (special values, results near
// the ends of the range, undecided roundings: about 1 call in 250) goes to the imported crExp itself.
//
// Why not import crExp alone: V8 calls an imported Math.exp directly, but any other JS function through a
// WebAssembly-to-JS transition; per output lane that doubled the course notebook's step time.
import { CR_EXP } from '../../numpy/correctlyRounded';
import { Code, F64, I32, V128 } from './code';
import type { FuncDef } from './encoder';
import { emitArrayLoop } from './arrayLoop';
import { emitProductError, emitSplit } from './exactProduct';

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
  // Veltkamp splits of th and zh; sl = th·zh − sh, the exact product's low part.
  emitSplit(c, th, ah, al, t, CR_EXP.SPLITTER);
  emitSplit(c, zh, bh, bl, t, CR_EXP.SPLITTER);
  emitProductError(c, ah, al, bh, bl, sh);
  c.set(sl);
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

/**
 * Vectors per loop turn of the output pass: independent chains hide each other's latency (measured per sample:
 * 2 → 9.4 ns, 3 → 7.9, 4 → 8.3).
 */
const GROUP = 3;

/** Scratch v128 locals of one vector's crexp, by name. */
const LANE_NAMES = [
  'x',
  'n',
  'bits',
  'r1',
  'nl2',
  'zh',
  'bb',
  'zl',
  'pl',
  'th',
  'tl',
  'sh',
  't',
  'ah',
  'al',
  'bh',
  'bl',
  'sl',
  'hi',
  'lo',
  'a',
  'bad',
  'e',
] as const;
type Lanes = Record<(typeof LANE_NAMES)[number], number>;

/**
 * crexp's fast path on both lanes of each vector's `x` at once, into its `e`, with `bad` set in every lane the fast
 * path cannot decide (the scalar function then redoes those vectors). Lane by lane the operations of crExpCode.
 */
function emitCrExp2(c: Code, group: Lanes[], table: number): void {
  const each = (op: (v: Lanes) => void): void => group.forEach(op);
  // NaN, overflow and underflow.
  each((v) =>
    c.get(v.x).f64x2Const(CR_EXP.MAX).f64x2Le().v128Not().get(v.x).f64x2Const(CR_EXP.MIN).f64x2Lt().v128Or().set(v.bad),
  );
  // bits = x·INV + SHIFT holds n in its low bits; n = bits − SHIFT.
  each((v) => c.get(v.x).f64x2Const(CR_EXP.INV).f64x2Mul().f64x2Const(CR_EXP.SHIFT).f64x2Add().set(v.bits));
  each((v) => c.get(v.bits).f64x2Const(CR_EXP.SHIFT).f64x2Sub().set(v.n));
  // k = n >> 6 outside [−1021, 1023]: n < −1021·64 or n ≥ 1024·64.
  each((v) =>
    c
      .get(v.bad)
      .get(v.n)
      .f64x2Const(-1021 * 64)
      .f64x2Lt()
      .get(v.n)
      .f64x2Const(1024 * 64)
      .f64x2Ge()
      .v128Or()
      .v128Or()
      .set(v.bad),
  );
  each((v) => c.get(v.bits).f64x2Const(CR_EXP.SHIFT).i64x2Sub().set(v.bits));
  // th, tl of each lane's j = n & 63: a (hi, lo) pair of the table per lane.
  each((v) => {
    const entry = (lane: 0 | 2): void => {
      c.get(v.bits).i32x4ExtractLane(lane).i32Const(63).i32And().i32Const(4).i32Shl().v128Load(table);
    };
    entry(0);
    c.set(v.th);
    entry(2);
    c.set(v.tl);
    c.get(v.th).get(v.tl).f64x2Shuffle(0, 2);
    c.get(v.th).get(v.tl).f64x2Shuffle(1, 3).set(v.tl).set(v.th);
  });
  each((v) => c.get(v.x).get(v.n).f64x2Const(CR_EXP.L1).f64x2Mul().f64x2Sub().set(v.r1));
  each((v) => c.get(v.n).f64x2Const(CR_EXP.L2).f64x2Mul().set(v.nl2));
  each((v) => c.get(v.r1).get(v.nl2).f64x2Sub().set(v.zh));
  each((v) => c.get(v.zh).get(v.r1).f64x2Sub().set(v.bb));
  each((v) => {
    c.get(v.r1).get(v.zh).get(v.bb).f64x2Sub().f64x2Sub();
    c.get(v.nl2).f64x2Neg().get(v.bb).f64x2Sub().f64x2Add();
    c.get(v.n).f64x2Const(CR_EXP.L3).f64x2Mul().f64x2Sub().set(v.zl);
  });
  each((v) => {
    c.get(v.zh).get(v.zh).f64x2Mul();
    for (const k of [0.5, 1 / 6, 1 / 24, 1 / 120, 1 / 720]) c.f64x2Const(k).get(v.zh);
    c.f64x2Const(1 / 5040);
    for (let i = 0; i < 5; i++) c.f64x2Mul().f64x2Add();
    c.f64x2Mul().set(v.sl);
  });
  each((v) => c.get(v.zl).get(v.zh).get(v.zl).f64x2Mul().get(v.sl).f64x2Add().f64x2Add().set(v.pl));
  each((v) => c.get(v.th).get(v.zh).f64x2Mul().set(v.sh));
  each((v) => {
    c.f64x2Const(CR_EXP.SPLITTER).get(v.th).f64x2Mul().set(v.t);
    c.get(v.t).get(v.t).get(v.th).f64x2Sub().f64x2Sub().set(v.ah);
    c.get(v.th).get(v.ah).f64x2Sub().set(v.al);
    c.f64x2Const(CR_EXP.SPLITTER).get(v.zh).f64x2Mul().set(v.t);
    c.get(v.t).get(v.t).get(v.zh).f64x2Sub().f64x2Sub().set(v.bh);
    c.get(v.zh).get(v.bh).f64x2Sub().set(v.bl);
  });
  each((v) => {
    c.get(v.ah).get(v.bh).f64x2Mul().get(v.sh).f64x2Sub();
    c.get(v.ah).get(v.bl).f64x2Mul().f64x2Add();
    c.get(v.al).get(v.bh).f64x2Mul().f64x2Add();
    c.get(v.al).get(v.bl).f64x2Mul().f64x2Add().set(v.sl);
  });
  each((v) => c.get(v.th).get(v.sh).f64x2Add().set(v.hi));
  each((v) => {
    c.get(v.sh).get(v.hi).get(v.th).f64x2Sub().f64x2Sub();
    c.get(v.sl).get(v.th).get(v.pl).f64x2Mul().get(v.tl).get(v.tl).get(v.zh).f64x2Mul().f64x2Add().f64x2Add();
    c.f64x2Add().f64x2Add().set(v.lo);
  });
  // The error bound (ERR_EXACT where n = 0), then the rounding check: a must equal hi + (lo + err).
  each((v) => {
    c.f64x2Const(CR_EXP.ERR_R2).get(v.zh).f64x2Mul().get(v.zh).f64x2Mul();
    c.f64x2Const(CR_EXP.ERR_EXACT).f64x2Const(CR_EXP.ERR_FIXED).get(v.n).f64x2Const(0).f64x2Eq().v128Bitselect();
    c.f64x2Add().set(v.t);
  });
  each((v) => c.get(v.hi).get(v.lo).get(v.t).f64x2Sub().f64x2Add().set(v.a));
  each((v) => c.get(v.bad).get(v.a).get(v.hi).get(v.lo).get(v.t).f64x2Add().f64x2Add().f64x2Ne().v128Or().set(v.bad));
  // e = a·2^k, 2^k from its bits: (k + 1023) << 52 with k = n >> 6.
  each((v) =>
    c
      .get(v.a)
      .get(v.bits)
      .i32Const(6)
      .i64x2ShrS()
      .i64x2Const(1023)
      .i64x2Add()
      .i32Const(52)
      .i64x2Shl()
      .f64x2Mul()
      .set(v.e),
  );
}

/**
 * `sigmoidOut(z: i32, a: i32, count: i32)`: a = 1 / (1 + crexp(−z)) for `count` logits `stride` bytes apart (the
 * output unit of each sample), network.ts's output sigmoid. Two samples per vector; a group where any lane leaves
 * the fast path takes the scalar crexp (`scalar`, the function index of crExpCode) for each of its lanes.
 */
export function outputSigmoidCode(stride: number, table: number, scalar: number): Code {
  const c = new Code(3);
  const z = 0,
    a = 1,
    count = 2;
  const zp = c.local(I32),
    ap = c.local(I32);
  const lanes: Lanes[] = Array.from({ length: GROUP }, () => {
    const v = {} as Lanes;
    for (const name of LANE_NAMES) v[name] = c.local(V128);
    return v;
  });
  /** Two samples' logits, negated, into `x` (one when `single`: lane 1 then holds −0). */
  const gather = (v: Lanes, at: number, single: boolean): void => {
    if (single) c.get(zp).v128Load64Zero(at);
    else if (stride === 8) c.get(zp).v128Load(at);
    else
      c.get(zp)
        .v128Load(at)
        .get(zp)
        .v128Load(at + stride)
        .f64x2Shuffle(0, 2);
    c.f64x2Neg().set(v.x);
  };
  const scatter = (v: Lanes, at: number, single: boolean): void => {
    c.get(ap).get(v.e).v128Store64Lane(at, 0);
    if (!single)
      c.get(ap)
        .get(v.e)
        .v128Store64Lane(at + stride, 1);
  };
  /** One turn over `group` (2 samples per vector, or one sample when `single`). */
  const turn = (group: Lanes[], single: boolean): void => {
    group.forEach((v, g) => gather(v, 2 * g * stride, single));
    emitCrExp2(c, group, table);
    c.i32Const(0);
    for (const v of group) c.get(v.bad).v128AnyTrue().i32Or();
    c.if();
    for (const v of group) {
      c.get(v.x).f64x2ExtractLane(0).call(scalar).f64x2Splat();
      c.get(v.x).f64x2ExtractLane(1).call(scalar).f64x2ReplaceLane(1).set(v.e);
    }
    c.end();
    for (const v of group) c.f64x2Const(1).f64x2Const(1).get(v.e).f64x2Add().f64x2Div().set(v.e);
    group.forEach((v, g) => scatter(v, 2 * g * stride, single));
  };
  c.get(z).set(zp).get(a).set(ap);
  emitArrayLoop(c, {
    start: z,
    count,
    cursor: zp,
    stride,
    group: GROUP,
    turn: (n, single) => turn(lanes.slice(0, n), single),
    advance: (bytes) => {
      c.get(zp).i32Const(bytes).i32Add().set(zp);
      c.get(ap).i32Const(bytes).i32Add().set(ap);
    },
  });
  return c;
}

/** The module function `sigmoidOut` for logits `stride` bytes apart (see outputSigmoidCode). */
export function outputSigmoidFunction(stride: number, table: number, scalar: number): FuncDef {
  const code = outputSigmoidCode(stride, table, scalar);
  return { name: 'sigmoidOut', type: { params: [I32, I32, I32], results: [] }, locals: code.locals, code: code.bytes };
}
