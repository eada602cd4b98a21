// Per-step weight bookkeeping of the tiled engine in WebAssembly: packing W into panels, and W ← W − lr·dW.
//
// Why in the module: both are O(weights) per step, negligible in theory, but as JS loops over closures they cost as
// much as a 72-wide layer's products; scalar loops here are a few nanoseconds per weight.
import type { Code } from './code';
import { F64, I32 } from './code';

/** Byte offsets of one layer's arrays and its sizes (n: units, w: padded width). */
export interface LayerArrays {
  nIn: number;
  nOut: number;
  wIn: number;
  wOut: number;
  W: number;
  /** The unpadded gradient the caller reads (nOut × nIn). */
  dW: number;
  /** The product's padded gradient (nOut × wIn). */
  dWp: number;
  b: number;
  db: number;
}

/** `n` times: body, then each local in `steps` advanced by its constant; n > 0. */
function counted(c: Code, n: number, body: () => void, steps: [number, number][]): void {
  const k = c.local(I32);
  c.i32Const(n).set(k);
  c.loop();
  body();
  for (const [local, by] of steps) c.get(local).i32Const(by).i32Add().set(local);
  c.get(k).i32Const(1).i32Sub().tee(k).brIf(0);
  c.end();
}

/** dst[to + i·dStep] = src[from + i·sStep] for i < n (locals `from`, `to` are left unchanged). */
function copyRun(
  c: Code,
  n: number,
  src: number,
  from: number,
  sStep: number,
  dst: number,
  to: number,
  dStep: number,
): void {
  if (n <= 0) return;
  const f = c.local(I32),
    t = c.local(I32);
  c.get(from).set(f).get(to).set(t);
  counted(
    c,
    n,
    () => {
      c.get(t).get(f).f64Load(src).f64Store(dst);
    },
    [
      [f, sStep],
      [t, dStep],
    ],
  );
}

/**
 * Panel of Wᵀ for the forward product: V(r = input i, column = output j) = W[j, i], strips of 2·tilePairs
 * columns, each strip's rows contiguous (the layout tiles.ts's `emitProduct` reads); padding columns stay zero.
 */
export function emitPackForward(c: Code, a: LayerArrays, tilePairs: number, panel: number): void {
  const cols = 2 * tilePairs;
  const full = Math.floor(a.nOut / cols),
    rest = a.nOut % cols;
  const from = c.local(I32),
    to = c.local(I32),
    qf = c.local(I32),
    qt = c.local(I32);
  c.i32Const(0).set(from).i32Const(0).set(to);
  const strip = (columns: number, width: number): void => {
    for (let q = 0; q < columns; q++) {
      c.get(from)
        .i32Const(q * a.nIn * 8)
        .i32Add()
        .set(qf)
        .get(to)
        .i32Const(q * 8)
        .i32Add()
        .set(qt);
      copyRun(c, a.nIn, a.W, qf, 8, panel, qt, width * 8);
    }
  };
  if (full > 0)
    counted(c, full, () => strip(cols, cols), [
      [from, cols * a.nIn * 8],
      [to, cols * a.nIn * 8],
    ]);
  if (rest > 0) strip(rest, Math.min(cols, a.wOut - full * cols));
}

/** Panel of W for W_lᵀ·dZ: V(r = output j, column = input i) = W[j, i], in the same strip layout. */
export function emitPackBackward(c: Code, a: LayerArrays, tilePairs: number, panel: number): void {
  const cols = 2 * tilePairs;
  const full = Math.floor(a.nIn / cols),
    rest = a.nIn % cols;
  const from = c.local(I32),
    to = c.local(I32),
    rf = c.local(I32),
    rt = c.local(I32);
  c.i32Const(0).set(from).i32Const(0).set(to);
  const strip = (columns: number, width: number): void => {
    c.get(from).set(rf).get(to).set(rt);
    counted(
      c,
      a.nOut,
      () => {
        for (let q = 0; q < columns; q++)
          c.get(rt)
            .get(rf)
            .f64Load(a.W + 8 * q)
            .f64Store(panel + 8 * q);
      },
      [
        [rf, a.nIn * 8],
        [rt, width * 8],
      ],
    );
  };
  if (full > 0)
    counted(c, full, () => strip(cols, cols), [
      [from, cols * 8],
      [to, cols * a.nOut * 8],
    ]);
  if (rest > 0) strip(rest, Math.min(cols, a.wIn - full * cols));
}

/** dW ← the product's gradient (unpadded), W ← W − lr·dW, b ← b − lr·db: network.ts's update, in its order. */
export function emitUpdate(c: Code, a: LayerArrays, learningRate: number): void {
  const row = c.local(I32),
    rowP = c.local(I32),
    i = c.local(I32),
    iP = c.local(I32),
    g = c.local(F64);
  c.i32Const(0).set(row).i32Const(0).set(rowP);
  counted(
    c,
    a.nOut,
    () => {
      c.get(row).set(i).get(rowP).set(iP);
      counted(
        c,
        a.nIn,
        () => {
          c.get(iP).f64Load(a.dWp).set(g);
          c.get(i).get(g).f64Store(a.dW);
          c.get(i).get(i).f64Load(a.W).f64Const(learningRate).get(g).f64Mul().f64Sub().f64Store(a.W);
        },
        [
          [i, 8],
          [iP, 8],
        ],
      );
    },
    [
      [row, a.nIn * 8],
      [rowP, a.wIn * 8],
    ],
  );
  c.i32Const(0).set(i);
  counted(
    c,
    a.nOut,
    () => {
      c.get(i).get(i).f64Load(a.b).f64Const(learningRate).get(i).f64Load(a.db).f64Mul().f64Sub().f64Store(a.b);
    },
    [[i, 8]],
  );
}
