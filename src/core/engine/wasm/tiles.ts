// Emits a tiled matrix product C(t, c) = Σ_r S(t, r) · V(r, c) as f64x2 loops, every sum in ascending r.
//
// Why this shape: each output pair (two adjacent columns of one row) is one f64x2 lane pair whose sum runs over r
// in order, exactly like network.ts's scalar loop, so tiling never reorders a sum. A tile keeps rows × pairs
// accumulators in registers: per step of r it loads `pairs` vectors of V and splats `rows` scalars of S, then
// does rows·pairs multiplies and adds — so each load feeds several products. Loops, not unrolling: the code size is
// independent of the layer sizes.
import type { Code } from './code';
import { I32, V128 } from './code';

/** A product and where its operands live; addresses are byte offsets in the module's memory. */
export interface Product {
  /**
   * Output rows (a count, or a local holding a number of whole row tiles, at least one, known only at run time) and
   * column pairs.
   */
  rows: number | { tiles: number };
  pairs: number;
  /** Register tile: rows × pairs accumulators (rows·pairs + pairs + 1 vectors must fit 15 registers). */
  tileRows: number;
  tilePairs: number;
  /** Length of every sum. */
  depth: number;
  /**
   * `product`: a sum starts with the r = 0 product (network.ts's forward); `zero`: at +0, then every product;
   * `load`: from the value already in the output (to continue a sum split over several calls, order unchanged).
   */
  start: 'product' | 'zero' | 'load';
  /** The output's base byte offset (needed by `load`). */
  outBase?: number;
  /**
   * Locals holding extra byte offsets: added to the S and V addresses (a block of r or of rows), and the output
   * offset of the first row (`oq` then includes it).
   */
  shift?: { splat?: number; vector?: number; out?: number };
  /** S(t, r) is the double at base + t·tStride + r·rStride. */
  splat: { base: number; tStride: number; rStride: number };
  /**
   * V(r, c) in the strip of pairs holding c (strips of `tilePairs` pairs, the last maybe narrower, `width` pairs):
   * base + (strip start) + r·rStride(width) + (c within strip)·16; full strips start `stripStride` apart.
   */
  vector: { base: number; rStride: (width: number) => number; stripStride: number };
  /** Bytes between output rows. */
  outRow: number;
  /**
   * Stores accumulator `acc` of tile element (t, c): the output pair lives at byte `oq` (a local) + t·outRow + c·16
   * relative to the output's base, and its first column at byte `col` (a local) of an output row.
   */
  epilogue: (acc: number, t: number, c: number, at: { oq: number; col: number }) => void;
}

/** Emits `product` into `c` (declaring the locals it needs). */
export function emitProduct(c: Code, p: Product): void {
  const sp = c.local(I32),
    oc = c.local(I32),
    vp = c.local(I32),
    oq = c.local(I32),
    col = c.local(I32);
  const rs = c.local(I32),
    rv = c.local(I32),
    nT = c.local(I32),
    nS = c.local(I32),
    nR = c.local(I32);
  const acc = Array.from({ length: p.tileRows * p.tilePairs }, () => c.local(V128));
  const v = Array.from({ length: p.tilePairs }, () => c.local(V128));
  const s = c.local(V128);
  const fullStrips = Math.floor(p.pairs / p.tilePairs),
    lastPairs = p.pairs % p.tilePairs;

  /** Loads V(r, ·) for `pairs` pairs and adds (or sets) acc += splat(S(t, r))·V for `rows` rows. */
  const step = (rows: number, pairs: number, first: boolean): void => {
    for (let q = 0; q < pairs; q++)
      c.get(rv)
        .v128Load(p.vector.base + 16 * q)
        .set(v[q]);
    for (let t = 0; t < rows; t++) {
      c.get(rs)
        .v128Load64Splat(p.splat.base + t * p.splat.tStride)
        .set(s);
      for (let q = 0; q < pairs; q++) {
        const a = acc[t * p.tilePairs + q];
        if (first) c.get(s).get(v[q]).f64x2Mul().set(a);
        else c.get(a).get(s).get(v[q]).f64x2Mul().f64x2Add().set(a);
      }
    }
    c.get(rs).i32Const(p.splat.rStride).i32Add().set(rs);
    c.get(rv).i32Const(p.vector.rStride(pairs)).i32Add().set(rv);
  };

  /** One tile at (sp, vp): the whole sum, then the epilogue. */
  const tile = (rows: number, pairs: number): void => {
    c.get(sp).set(rs).get(vp).set(rv);
    c.get(oc).get(col).i32Add().set(oq);
    let count = p.depth;
    if (p.start === 'product') {
      step(rows, pairs, true);
      count--;
    } else if (p.start === 'load') {
      const base = p.outBase ?? 0;
      for (let t = 0; t < rows; t++) {
        for (let q = 0; q < pairs; q++)
          c.get(oq)
            .v128Load(base + t * p.outRow + 16 * q)
            .set(acc[t * p.tilePairs + q]);
      }
    } else {
      for (let t = 0; t < rows; t++) for (let q = 0; q < pairs; q++) c.f64x2Const(0).set(acc[t * p.tilePairs + q]);
    }
    if (count > 0) {
      c.i32Const(count).set(nR);
      c.loop();
      step(rows, pairs, false);
      c.get(nR).i32Const(1).i32Sub().tee(nR).brIf(0);
      c.end();
    }
    for (let t = 0; t < rows; t++) {
      for (let q = 0; q < pairs; q++) p.epilogue(acc[t * p.tilePairs + q], t, q, { oq, col });
    }
  };

  /** All strips of one row tile. */
  const strips = (rows: number): void => {
    if (p.shift?.vector !== undefined) c.get(p.shift.vector).set(vp);
    else c.i32Const(0).set(vp);
    c.i32Const(0).set(col);
    if (fullStrips > 0) {
      c.i32Const(fullStrips).set(nS);
      c.loop();
      tile(rows, p.tilePairs);
      c.get(vp).i32Const(p.vector.stripStride).i32Add().set(vp);
      c.get(col)
        .i32Const(16 * p.tilePairs)
        .i32Add()
        .set(col);
      c.get(nS).i32Const(1).i32Sub().tee(nS).brIf(0);
      c.end();
    }
    if (lastPairs > 0) tile(rows, lastPairs);
  };

  const fullRows = typeof p.rows === 'number' ? Math.floor(p.rows / p.tileRows) : 1,
    lastRows = typeof p.rows === 'number' ? p.rows % p.tileRows : 0;
  if (p.shift?.splat !== undefined) c.get(p.shift.splat).set(sp);
  else c.i32Const(0).set(sp);
  if (p.shift?.out !== undefined) c.get(p.shift.out).set(oc);
  else c.i32Const(0).set(oc);
  if (fullRows > 0) {
    if (typeof p.rows === 'number') c.i32Const(fullRows).set(nT);
    else c.get(p.rows.tiles).set(nT);
    c.loop();
    strips(p.tileRows);
    c.get(sp)
      .i32Const(p.tileRows * p.splat.tStride)
      .i32Add()
      .set(sp);
    c.get(oc)
      .i32Const(p.tileRows * p.outRow)
      .i32Add()
      .set(oc);
    c.get(nT).i32Const(1).i32Sub().tee(nT).brIf(0);
    c.end();
  }
  if (lastRows > 0) strips(lastRows);
}

/** Where `emitPanelCopy` reads: `rows` rows of `pairs` column pairs, `rowStride` bytes apart, from `base` + `shift`. */
export interface PanelSource {
  base: number;
  shift: number;
  rowStride: number;
  rows: number;
  pairs: number;
}

/**
 * Copies a block of rows into the panel layout of a product's vector operand (strips of `tilePairs` pairs, each
 * strip's rows contiguous, the last strip maybe narrower) at byte `dst`, so the product then reads it in order.
 */
export function emitPanelCopy(c: Code, src: PanelSource, tilePairs: number, dst: number): void {
  const from = c.local(I32),
    to = c.local(I32),
    rowFrom = c.local(I32),
    rowTo = c.local(I32);
  const nR = c.local(I32),
    nS = c.local(I32),
    lastTo = c.local(I32);
  const fullStrips = Math.floor(src.pairs / tilePairs),
    lastPairs = src.pairs % tilePairs;
  const stripBytes = src.rows * tilePairs * 16;
  const copy = (pairs: number): void => {
    for (let q = 0; q < pairs; q++)
      c.get(to)
        .get(from)
        .v128Load(src.base + 16 * q)
        .v128Store(dst + 16 * q);
  };
  c.get(src.shift)
    .set(rowFrom)
    .i32Const(0)
    .set(rowTo)
    .i32Const(fullStrips * stripBytes)
    .set(lastTo);
  c.i32Const(src.rows).set(nR);
  c.loop();
  c.get(rowFrom).set(from).get(rowTo).set(to);
  if (fullStrips > 0) {
    c.i32Const(fullStrips).set(nS);
    c.loop();
    copy(tilePairs);
    c.get(from)
      .i32Const(16 * tilePairs)
      .i32Add()
      .set(from);
    c.get(to).i32Const(stripBytes).i32Add().set(to);
    c.get(nS).i32Const(1).i32Sub().tee(nS).brIf(0);
    c.end();
  }
  if (lastPairs > 0) {
    // The narrower last strip starts after the full ones; its rows are lastPairs·16 bytes apart.
    c.get(lastTo).set(to);
    copy(lastPairs);
    c.get(lastTo)
      .i32Const(lastPairs * 16)
      .i32Add()
      .set(lastTo);
  }
  c.get(rowFrom).i32Const(src.rowStride).i32Add().set(rowFrom);
  c.get(rowTo)
    .i32Const(tilePairs * 16)
    .i32Add()
    .set(rowTo);
  c.get(nR).i32Const(1).i32Sub().tee(nR).brIf(0);
  c.end();
}
