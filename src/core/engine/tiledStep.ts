// A layer-major WebAssembly (f64x2) training step for wide and deep networks: tiled matrix products in loops.
//
// Why a second WebAssembly engine: wasmStep.ts unrolls every weight into the code, which is fastest for the course's
// small nets but cannot scale. Here the code size does not depend on the widths: each layer is three tiled products
// (wasm/tiles.ts) over sample-major activations (one row per sample, padded to an even width), and every sum keeps
// network.ts's order — forward and W_lᵀ·dZ over ascending units, dW over ascending samples, costs and db in NumPy's
// pairwise order — so trajectories are bit-identical to the other engines. The weights are packed each step into
// panels (a strip of output columns, row after row) so the inner loop reads them contiguously. Each step is a few
// phase functions (pack, forward, cost, backward, update); the per-sample ones are called per block of rows and dW
// per block of samples, so that V8's optimized code replaces its baseline code already within the first step.
import { Code, F64, I32, V128 } from './wasm/code';
import { encodeModule } from './wasm/encoder';
import type { FuncImport, FuncType, MemoryImport, ValType } from './wasm/encoder';
import { emitCost } from './wasm/cost';
import { Elementwise, MATH_IMPORTS } from './wasm/elementwise';
import { pairwiseColumnsCode, pairwiseSumCode } from './wasm/pairwiseSum';
import { MATH_TABLE_BYTES, mathFunctions, mathIndices, writeMathTables } from './wasm/mathFunctions';
import { emitPanelCopy, emitProduct } from './wasm/tiles';
import { emitPackBackward, emitPackForward, emitUpdate } from './wasm/weights';
import type { LayerArrays } from './wasm/weights';
import type { Params } from './network';
import { OUTPUT_MATH } from './network';
import type { StepSpec } from './step';

export interface TiledStep {
  /** The parameters: read them, or write them between steps. */
  params: Params;
  /** Gradients of the last iteration. */
  grads: { W: Float64Array[]; b: Float64Array[] };
  /** One iteration in place; returns the cost before the update when `withCost`, else NaN. */
  step(withCost: boolean): number;
}

/** Tuning of the generated code (exposed for the benchmark; the defaults measured best here). */
export interface TiledOptions {
  /** Register tile of the per-sample products: samples × column pairs. */
  tileRows: number;
  tilePairs: number;
  /** Register tile of dW: units × column pairs. */
  gradRows: number;
  gradPairs: number;
  /** Samples per block of the dW sums (see backWeights). */
  sampleBlock: number;
}

export const DEFAULT_TILED_OPTIONS: TiledOptions = {
  tileRows: 4,
  tilePairs: 2,
  gradRows: 4,
  gradPairs: 2,
  sampleBlock: 64,
};
/**
 * Rows per call of a row-block phase. Why blocks: V8 first runs a function on its baseline compiler and switches to
 * the optimized code at the function's next call, so a phase called once per step ran the whole first step on
 * baseline code (530 ms instead of 100–180 on the 256-wide shape); in blocks it switches within the first step.
 */
const ROW_BLOCK = 64;
/** The module's memory stays below 2 GiB so every byte offset is a non-negative i32. */
const MAX_BYTES = 2 ** 31 - 65536;
const PAGE = 65536;

const IMPORTS: FuncImport[] = MATH_IMPORTS.map((field) => ({
  module: 'math',
  field,
  type: { params: [F64], results: [F64] },
}));
const RUN = IMPORTS.length,
  PSUM = RUN + 1,
  PSUM2 = RUN + 2,
  MATH = mathIndices(RUN + 3);
/** Where the math functions' tables sit in memory: before every array. */
const MATH_TABLES = 64;

/** Byte offsets of the arrays in the module's memory, and the padded sizes. */
export interface Layout {
  /** Padded widths (even) and sample rows (a multiple of the tile rows). */
  width: number[];
  rows: number;
  A: number[];
  zL: number;
  dZ: number[];
  Y: number;
  terms: number;
  /** Forward panels of W_lᵀ (index l-1) and backward panels of W_l (l > 1, else -1). */
  fwd: number[];
  bwd: number[];
  /** The product's gradient (padded rows), and the parameters and gradient the caller sees (unpadded). */
  dWp: number[];
  W: number[];
  dW: number[];
  /** Biases and their gradient, padded to the even width (the caller sees the first units). */
  b: number[];
  db: number[];
  /** Scratch of each part: one block of samples of A_{l-1} in panel layout (backWeights). */
  panel: number[];
  bytes: number;
}

/** Byte offsets of the arrays; `parts` 0 lays out a forward pass alone (no gradients: those offsets are -1). */
function layoutFor(layers: readonly number[], m: number, tileRows: number, sampleBlock: number, parts: number): Layout {
  let at = MATH_TABLES + MATH_TABLE_BYTES;
  // Arrays start on a cache line.
  const take = (doubles: number): number => {
    const here = at;
    at = Math.ceil((at + doubles * 8) / 64) * 64;
    return here;
  };
  const training = (doubles: number): number => (parts === 0 ? -1 : take(doubles));
  const L = layers.length - 1;
  const width = layers.map((n) => n + (n & 1));
  const rows = Math.ceil(m / tileRows) * tileRows;
  const A = width.map((w) => take(rows * w));
  const zL = take(rows * width[L]);
  const dZ: number[] = [],
    fwd: number[] = [],
    bwd: number[] = [],
    dWp: number[] = [];
  const W: number[] = [],
    dW: number[] = [];
  const b: number[] = [],
    db: number[] = [];
  for (let l = 1; l <= L; l++) {
    dZ.push(training(rows * width[l]));
    fwd.push(take(layers[l - 1] * width[l]));
    bwd.push(l > 1 ? training(layers[l] * width[l - 1]) : -1);
    dWp.push(training(layers[l] * width[l - 1]));
    W.push(take(layers[l] * layers[l - 1]));
    dW.push(training(layers[l] * layers[l - 1]));
    b.push(take(width[l]));
    db.push(training(width[l]));
  }
  const Y = training(m),
    terms = training(m);
  const panel = Array.from({ length: parts }, () => take(sampleBlock * Math.max(...width)));
  return { width, rows, A, zL, dZ, Y, terms, fwd, bwd, dWp, W, dW, b, db, panel, bytes: at };
}

/** Byte stride between rows of a panel strip `pairs` wide, and between full strips of `depth` rows. */
function panelStrides(depth: number, tilePairs: number): { rStride: (pairs: number) => number; stripStride: number } {
  return { rStride: (pairs) => 16 * pairs, stripStride: depth * 16 * tilePairs };
}

/** One phase of the step (a layer's forward pass, its backward products, the cost): a function of its own. */
interface Phase {
  name: string;
  code: Code;
  params: number;
  results: (typeof F64)[];
}

/**
 * Generates the phases. Each is its own WebAssembly function so that V8 compiles (and tiers up) them separately
 * and a profile names them.
 */
class Generator {
  private c = new Code(0);
  private zero = 0;
  private one = 0;
  private alpha = 0;
  private ew = new Elementwise(this.c, { zero: 0, one: 0, alpha: 0 }, MATH);
  private z = 0;
  private a = 0;
  readonly phases: Phase[] = [];

  constructor(
    private readonly spec: StepSpec,
    private readonly lay: Layout,
    private readonly opts: TiledOptions,
  ) {}

  /** Starts a new function with the constant vectors and scratch locals every phase may use. */
  private begin(name: string, params = 0, results: (typeof F64)[] = []): Code {
    const c = new Code(params);
    this.c = c;
    this.zero = c.local(V128);
    this.one = c.local(V128);
    this.alpha = c.local(V128);
    this.ew = new Elementwise(c, { zero: this.zero, one: this.one, alpha: this.alpha }, MATH);
    this.ew.init(this.spec.alpha);
    this.z = c.local(V128);
    this.a = c.local(V128);
    this.phases.push({ name, code: c, params, results });
    return c;
  }

  private row(l: number): number {
    return this.lay.width[l] * 8;
  }

  private arrays(l: number): LayerArrays {
    const { layers } = this.spec,
      lay = this.lay;
    return {
      nIn: layers[l - 1],
      nOut: layers[l],
      wIn: lay.width[l - 1],
      wOut: lay.width[l],
      W: lay.W[l - 1],
      dW: lay.dW[l - 1],
      dWp: lay.dWp[l - 1],
      b: lay.b[l - 1],
      db: lay.db[l - 1],
    };
  }

  /**
   * Locals of a row-block phase's parameters (row0: first row, tiles: whole row tiles) and the byte offsets of its
   * first row in rows of layer `inL` and `outL`.
   */
  private rowBlock(inL: number, outL: number): { tiles: number; shiftIn: number; shiftOut: number } {
    const c = this.c;
    const row0 = 0,
      tiles = 1;
    const shiftIn = c.local(I32),
      shiftOut = c.local(I32);
    c.get(row0).i32Const(this.row(inL)).i32Mul().set(shiftIn);
    c.get(row0).i32Const(this.row(outL)).i32Mul().set(shiftOut);
    return { tiles, shiftIn, shiftOut };
  }

  /**
   * `forward{l}(row0, tiles)`: A_l = act(W_l·A_{l-1} + b_l) for `tiles` row tiles from row `row0`; the output layer
   * also keeps its logits. Rows in blocks, so that V8 can swap in its optimized code between two calls of a step.
   */
  private forward(l: number): void {
    const c = this.c;
    const { layers, hidden } = this.spec;
    const last = l === layers.length - 1;
    const { tiles, shiftIn, shiftOut } = this.rowBlock(l - 1, l);
    emitProduct(c, {
      rows: { tiles },
      pairs: this.lay.width[l] / 2,
      tileRows: this.opts.tileRows,
      tilePairs: this.opts.tilePairs,
      depth: layers[l - 1],
      start: 'product',
      shift: { splat: shiftIn, out: shiftOut },
      splat: { base: this.lay.A[l - 1], tStride: this.row(l - 1), rStride: 8 },
      vector: { base: this.lay.fwd[l - 1], ...panelStrides(layers[l - 1], this.opts.tilePairs) },
      outRow: this.row(l),
      epilogue: (acc, t, q, { oq, col }) => {
        const at = t * this.row(l) + 16 * q;
        c.get(acc)
          .get(col)
          .v128Load(this.lay.b[l - 1] + 16 * q)
          .f64x2Add()
          .set(this.z);
        c.get(oq);
        if (last) c.get(this.z).v128Store(this.lay.zL + at);
        else {
          this.ew.activation(hidden, this.z);
          c.v128Store(this.lay.A[l] + at);
        }
      },
    });
    const from = c.local(I32),
      count = c.local(I32);
    c.get(shiftOut).i32Const(this.lay.A[l]).i32Add().set(from);
    if (last) {
      const z = c.local(I32);
      c.get(shiftOut).i32Const(this.lay.zL).i32Add().set(z);
      c.get(tiles).i32Const(this.opts.tileRows).i32Mul().set(count);
      this.ew.outputSigmoid({ local: z }, { local: from }, { local: count });
    } else {
      c.get(tiles)
        .i32Const(this.opts.tileRows * this.lay.width[l])
        .i32Mul()
        .set(count);
      this.ew.afterSums(hidden, { local: from }, { local: count });
    }
  }

  /** `backData{l}(row0, tiles)`: dZ_{l-1} = (W_lᵀ·dZ_l) ⊙ slope(A_{l-1}) for a block of rows, from W_l's panels before its update. */
  private backData(l: number): void {
    const c = this.c;
    const { layers, hidden } = this.spec;
    const { tiles, shiftIn, shiftOut } = this.rowBlock(l, l - 1);
    emitProduct(c, {
      rows: { tiles },
      pairs: this.lay.width[l - 1] / 2,
      tileRows: this.opts.tileRows,
      tilePairs: this.opts.tilePairs,
      depth: layers[l],
      start: 'zero',
      shift: { splat: shiftIn, out: shiftOut },
      splat: { base: this.lay.dZ[l - 1], tStride: this.row(l), rStride: 8 },
      vector: { base: this.lay.bwd[l - 1], ...panelStrides(layers[l], this.opts.tilePairs) },
      outRow: this.row(l - 1),
      epilogue: (acc, t, q, { oq }) => {
        const at = t * this.row(l - 1) + 16 * q;
        c.get(oq)
          .v128Load(this.lay.A[l - 1] + at)
          .set(this.a);
        c.get(oq).get(acc);
        this.ew.slope(hidden, this.a);
        c.f64x2Mul().v128Store(this.lay.dZ[l - 2] + at);
      },
    });
  }

  /**
   * dW_l[j, i] = Σ_k dZ_l[k, j]·A_{l-1}[k, i] over the m real samples in order, for the units [u0, u1); db_l in
   * pairwise order. The sum over samples runs in blocks of this.opts.sampleBlock (each continuing from the partial
   * sums stored by the previous one, so the order is unchanged) to keep one block of dZ_l and A_{l-1} in cache across
   * all tiles. Phases: `dW{l}_{part}` (the first block), `dWNext{l}_{part}(k0)` (each further whole block, a call
   * each so V8 can swap in optimized code between them) and `dWEnd{l}_{part}` (the rest, then db); returns what a
   * stage emits to call them.
   */
  private backWeights(first: number, l: number, [u0, u1]: Range, part: number): (code: Code) => void {
    const { m } = this.spec;
    const sampleBlock = this.opts.sampleBlock;
    const w = this.lay.width[l - 1];
    const panel = this.lay.panel[part];
    const dWp = this.lay.dWp[l - 1] + u0 * w * 8;
    /** One block of `depth` samples from the sample at byte shifts `shift`: A_{l-1}'s rows to the panel, then the products. */
    const block = (shift: { splat: number; vector: number }, depth: number, start: 'zero' | 'load'): void => {
      const c = this.c;
      const source = {
        base: this.lay.A[l - 1],
        shift: shift.vector,
        rowStride: this.row(l - 1),
        rows: depth,
        pairs: w / 2,
      };
      emitPanelCopy(c, source, this.opts.gradPairs, panel);
      emitProduct(c, {
        rows: u1 - u0,
        pairs: w / 2,
        tileRows: this.opts.gradRows,
        tilePairs: this.opts.gradPairs,
        depth,
        start,
        outBase: dWp,
        shift: { splat: shift.splat },
        splat: { base: this.lay.dZ[l - 1] + u0 * 8, tStride: 8, rStride: this.row(l) },
        vector: { base: panel, ...panelStrides(depth, this.opts.gradPairs) },
        outRow: w * 8,
        epilogue: (acc, t, q, { oq }) => {
          c.get(oq)
            .get(acc)
            .v128Store(dWp + t * w * 8 + 16 * q);
        },
      });
    };
    /** Shift locals for the block starting at sample `k0` (a constant, or the phase's parameter 0). */
    const shiftsAt = (k0: number | 'param'): { splat: number; vector: number } => {
      const c = this.c;
      const shift = { splat: c.local(I32), vector: c.local(I32) };
      for (const [local, row] of [
        [shift.splat, this.row(l)],
        [shift.vector, this.row(l - 1)],
      ]) {
        if (k0 === 'param') c.get(0).i32Const(row).i32Mul().set(local);
        else c.i32Const(k0 * row).set(local);
      }
      return shift;
    };
    const fullBlocks = Math.floor(m / sampleBlock),
      rest = m % sampleBlock;
    const firstBlock = this.phase(first, `dW${l}_${part}`, () => block(shiftsAt(0), Math.min(m, sampleBlock), 'zero'));
    const next =
      fullBlocks > 1
        ? this.phase(first, `dWNext${l}_${part}`, () => block(shiftsAt('param'), sampleBlock, 'load'), 1)
        : -1;
    const end = this.phase(first, `dWEnd${l}_${part}`, () => {
      if (fullBlocks >= 1 && rest > 0) block(shiftsAt(fullBlocks * sampleBlock), rest, 'load');
      // db for the pairs of units [u0, u1) (the last range also takes the padding unit of an odd width).
      const c = this.c;
      const p = c.local(I32);
      const pEnd = u1 === this.spec.layers[l] ? this.row(l) : u1 * 8;
      c.i32Const(u0 * 8).set(p);
      c.loop();
      c.get(p)
        .get(p)
        .i32Const(this.lay.dZ[l - 1])
        .i32Add()
        .i32Const(m)
        .i32Const(this.row(l))
        .call(PSUM2);
      c.v128Store(this.lay.db[l - 1]);
      c.get(p).i32Const(16).i32Add().tee(p).i32Const(pEnd).i32LtU().brIf(0);
      c.end();
    });
    return (code) => {
      code.call(firstBlock);
      for (let b = 1; b < fullBlocks; b++) code.i32Const(b * sampleBlock).call(next);
      code.call(end);
    };
  }

  /** The cost of the output layer, as network.ts's `cost`: per-sample terms, then their pairwise sum. */
  private cost(cost: number): void {
    const { m, loss, layers } = this.spec;
    const L = layers.length - 1;
    const { zL, A, Y: y, terms } = this.lay;
    emitCost(this.c, { loss, m, zL, aL: A[L], y, terms, outputStride: this.row(L), psum: PSUM, log: MATH.crlog }, cost);
  }

  /** dZ_L = (1/m)·(A_L − Y) for the real samples among the rows [r0, r1) (padding rows stay zero). */
  private outputDelta([r0, r1]: Range): void {
    const c = this.c;
    const L = this.spec.layers.length - 1;
    const rowL = this.row(L);
    const k1 = Math.min(r1, this.spec.m);
    if (k1 <= r0) return;
    const o = c.local(I32),
      k = c.local(I32);
    c.i32Const(r0 * rowL)
      .set(o)
      .i32Const(r0 * 8)
      .set(k);
    c.loop();
    c.get(o)
      .f64Const(1 / this.spec.m)
      .get(o)
      .f64Load(this.lay.A[L])
      .get(k)
      .f64Load(this.lay.Y)
      .f64Sub()
      .f64Mul();
    c.f64Store(this.lay.dZ[L - 1]);
    c.get(o).i32Const(rowL).i32Add().set(o);
    c.get(k)
      .i32Const(8)
      .i32Add()
      .tee(k)
      .i32Const(k1 * 8)
      .i32LtU()
      .brIf(0);
    c.end();
  }

  /** A phase function emitted by `emit`; returns its function index (phases are numbered from `first`). */
  private phase(first: number, name: string, emit: () => void, params = 0): number {
    this.begin(name, params);
    emit();
    return first + this.phases.length - 1;
  }

  /** Calls the row-block phase `fn` over the rows [r0, r1) in blocks of about ROW_BLOCK rows (whole row tiles). */
  private callBlocks(code: Code, fn: number, [r0, r1]: Range): void {
    const block = Math.ceil(ROW_BLOCK / this.opts.tileRows) * this.opts.tileRows;
    for (let r = r0; r < r1; r += block) {
      const rows = Math.min(block, r1 - r);
      code
        .i32Const(r)
        .i32Const(rows / this.opts.tileRows)
        .call(fn);
    }
  }

  /** The forward pass alone (predictions): `run()` packs the forward panels, then runs every layer on all rows. */
  generateForward(first: number): Code {
    const L = this.spec.layers.length - 1;
    const pack = this.phase(first, 'pack', () => {
      for (let l = 1; l <= L; l++) emitPackForward(this.c, this.arrays(l), this.opts.tilePairs, this.lay.fwd[l - 1]);
    });
    const layers = Array.from({ length: L }, (_, i) =>
      this.phase(first, `forward${i + 1}`, () => this.forward(i + 1), 2),
    );
    const run = new Code(0);
    run.call(pack);
    for (const f of layers) this.callBlocks(run, f, [0, this.lay.rows]);
    return run;
  }

  /**
   * The phases, then the stages that call them (`fwd{p}`, `back{p}_{l}`; see Stages) and `run(withCost: i32) -> f64`
   * running a whole step in this thread: pack, every part's forward, the cost, every part's backward per layer,
   * update. Phases are numbered from `first`, stages follow them.
   */
  generate(first: number, parts: number): { run: Code; stages: Stage[] } {
    const L = this.spec.layers.length - 1;
    const phase = (name: string, emit: () => void, params = 0): number => this.phase(first, name, emit, params);
    const samples = halves(this.lay.rows, this.opts.tileRows, parts);
    const pack = phase('pack', () => {
      for (let l = 1; l <= L; l++) {
        emitPackForward(this.c, this.arrays(l), this.opts.tilePairs, this.lay.fwd[l - 1]);
        if (l > 1) emitPackBackward(this.c, this.arrays(l), this.opts.tilePairs, this.lay.bwd[l - 1]);
      }
    });
    const c = this.begin('cost', 0, [F64]);
    const costAt = first + this.phases.length - 1;
    const cost = c.local(F64);
    this.cost(cost);
    c.get(cost);
    const stages: Stage[] = [];
    const stage = (name: string, emit: (code: Code) => void): number => {
      const code = new Code(0);
      emit(code);
      stages.push({ name, code });
      return stages.length - 1;
    };
    // Row-block phases serve both parts (each calls them on its own rows); dW and db keep one phase per part.
    const forward = Array.from({ length: L }, (_, i) => phase(`forward${i + 1}`, () => this.forward(i + 1), 2));
    const fwd = samples.map((rows, p) => {
      const delta = phase(`outputDelta_${p}`, () => this.outputDelta(rows));
      return stage(`fwd${p}`, (code) => {
        for (const f of forward) this.callBlocks(code, f, rows);
        code.call(delta);
      });
    });
    const back: number[][] = [];
    for (let l = L; l >= 1; l--) {
      const units = halves(this.spec.layers[l], this.opts.gradRows, parts);
      const data = l > 1 ? phase(`backData${l}`, () => this.backData(l), 2) : -1;
      back.push(
        samples.map((rows, p) => {
          const weights = this.backWeights(first, l, units[p], p);
          return stage(`back${p}_${l}`, (code) => {
            if (data >= 0) this.callBlocks(code, data, rows);
            weights(code);
          });
        }),
      );
    }
    const update = phase('update', () => {
      for (let l = 1; l <= L; l++) emitUpdate(this.c, this.arrays(l), this.spec.learningRate);
    });
    const stageAt = (s: number): number => first + this.phases.length + s;
    const run = new Code(1);
    const result = run.local(F64);
    run.call(pack);
    for (const s of fwd) run.call(stageAt(s));
    run.f64Const(NaN).set(result);
    run.get(0).if().call(costAt).set(result).end();
    for (const layer of back) for (const s of layer) run.call(stageAt(s));
    run.call(update);
    run.get(result);
    return { run, stages };
  }
}

/** A sequence of phase calls that one thread runs between two barriers. */
interface Stage {
  name: string;
  code: Code;
}

/** A half-open range of rows (samples) or units. */
type Range = readonly [number, number];

/**
 * [0, n) for one part; for two, split at a multiple of `unit` near the middle (the second part may be empty). Why a
 * split changes no number: every sum lies wholly inside one part — a sample's products, a unit's dW and db.
 */
function halves(n: number, unit: number, parts: number): Range[] {
  if (parts === 1) return [[0, n]];
  const h = Math.min(n, Math.ceil(n / 2 / unit) * unit);
  return [
    [0, h],
    [h, n],
  ];
}

/** How a module is split for threads: `parts` halves of the work, in a shared memory when two threads run them. */
export interface TiledParts {
  parts: 1 | 2;
  shared: boolean;
}

const ONE_PART: TiledParts = { parts: 1, shared: false };

/** The module bytes and memory layout for a spec, or null when it would not fit (exposed for tests). */
export function tiledStepModule(
  spec: StepSpec,
  opts: TiledOptions = DEFAULT_TILED_OPTIONS,
  split: TiledParts = ONE_PART,
): { bytes: Uint8Array<ArrayBuffer>; pages: number; layout: Layout } | null {
  const laid = laidOut(spec, opts, split.parts);
  if (!laid) return null;
  const { layout, pages } = laid;
  const gen = new Generator(spec, layout, opts);
  const { run, stages } = gen.generate(FIRST_PHASE, split.parts);
  const bytes = encodeTiled(gen, { params: [I32], results: [F64] }, run, stages, spec.layers, layout, {
    module: 'env',
    field: 'memory',
    pages,
    shared: split.shared,
  });
  return { bytes, pages, layout };
}

/** The forward pass alone for `spec.m` inputs (`run()`; see Generator.generateForward), or null as tiledStepModule. */
export function tiledForwardModule(
  spec: StepSpec,
  opts: TiledOptions = DEFAULT_TILED_OPTIONS,
): { bytes: Uint8Array<ArrayBuffer>; pages: number; layout: Layout } | null {
  const laid = laidOut(spec, opts, 0);
  if (!laid) return null;
  const { layout, pages } = laid;
  const gen = new Generator(spec, layout, opts);
  const run = gen.generateForward(FIRST_PHASE);
  const memory = { module: 'env', field: 'memory', pages };
  return { bytes: encodeTiled(gen, { params: [], results: [] }, run, [], spec.layers, layout, memory), pages, layout };
}

/** The layout and memory pages for `parts` (0: a forward pass alone), or null for a network the module cannot run. */
function laidOut(spec: StepSpec, opts: TiledOptions, parts: number): { layout: Layout; pages: number } | null {
  const { layers, m } = spec;
  if (m < 1 || layers.length < 2 || layers[layers.length - 1] !== 1) return null;
  const layout = layoutFor(layers, m, opts.tileRows, opts.sampleBlock, parts);
  if (layout.bytes > MAX_BYTES) return null;
  return { layout, pages: Math.ceil(layout.bytes / PAGE) };
}

/** The phases' first function index: after run, psum, psum2 and the math functions. */
const FIRST_PHASE = MATH.next;

/** Encodes a tiled module: `run`, the shared functions (fixing the indices above), the phases, the stages. */
function encodeTiled(
  gen: Generator,
  runType: FuncType,
  run: Code,
  stages: Stage[],
  layers: readonly number[],
  layout: Layout,
  memory: MemoryImport,
): Uint8Array<ArrayBuffer> {
  const psum = pairwiseSumCode(PSUM),
    psum2 = pairwiseColumnsCode(PSUM2);
  return encodeModule(IMPORTS, memory, [
    { name: 'run', type: runType, locals: run.locals, code: run.bytes },
    { name: 'psum', type: { params: [I32, I32], results: [F64] }, locals: psum.locals, code: psum.bytes },
    { name: 'psum2', type: { params: [I32, I32, I32], results: [V128] }, locals: psum2.locals, code: psum2.bytes },
    ...mathFunctions(MATH_TABLES, layout.width[layers.length - 1] * 8, MATH),
    ...gen.phases.map((p) => ({
      name: p.name,
      type: { params: Array.from({ length: p.params }, (): ValType => I32), results: p.results },
      locals: p.code.locals,
      code: p.code.bytes,
    })),
    ...stages.map((st) => ({
      name: st.name,
      type: { params: [], results: [] },
      locals: st.code.locals,
      code: st.code.bytes,
    })),
  ]);
}

/** The module's imports besides its memory (the same in every thread that instantiates it). */
export function tiledImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return { math: OUTPUT_MATH, env: { memory } };
}

/** A memory for the module: `pages` fixed, shared when two threads use it (throws where that is unsupported). */
function tiledMemory(pages: number, shared: boolean): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
}

/** A tiled module instantiated on a fresh memory holding the math functions' tables; null where that fails (no SIMD, no shared memory). */
export function instantiateTiled(
  built: { bytes: Uint8Array<ArrayBuffer>; pages: number },
  shared = false,
): { instance: WebAssembly.Instance; module: WebAssembly.Module; memory: WebAssembly.Memory } | null {
  try {
    const memory = tiledMemory(built.pages, shared);
    const module = new WebAssembly.Module(built.bytes);
    const instance = new WebAssembly.Instance(module, tiledImports(memory));
    writeMathTables(memory, MATH_TABLES);
    return { instance, module, memory };
  } catch {
    return null;
  }
}

/** Writes the m inputs of X (feature-major, as everywhere else) sample-major: row k of A_0 holds sample k's features. */
export function writeInputs(
  memory: WebAssembly.Memory,
  layout: Layout,
  features: number,
  X: Float64Array,
  m: number,
): void {
  const w = layout.width[0];
  const A0 = new Float64Array(memory.buffer, layout.A[0], layout.rows * w);
  for (let i = 0; i < features; i++) for (let k = 0; k < m; k++) A0[k * w + i] = X[i * m + k];
}

/** An instantiated module with the inputs and initial parameters written into its memory. */
export interface LoadedTiledStep {
  instance: WebAssembly.Instance;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  params: Params;
  grads: { W: Float64Array[]; b: Float64Array[] };
}

/** Null when WebAssembly SIMD (or, for `split.shared`, shared memory) is unavailable or the network does not fit. */
export function loadTiledStep(
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  opts: TiledOptions = DEFAULT_TILED_OPTIONS,
  split: TiledParts = ONE_PART,
): LoadedTiledStep | null {
  if (typeof WebAssembly === 'undefined') return null;
  const built = tiledStepModule(spec, opts, split);
  const ready = built && instantiateTiled(built, split.shared);
  if (!built || !ready) return null;
  const { layout } = built;
  const { layers, m } = spec;
  const { instance, module, memory } = ready;
  const view = (offset: number, length: number): Float64Array => new Float64Array(memory.buffer, offset, length);
  const L = layers.length - 1;
  writeInputs(memory, layout, layers[0], X, m);
  view(layout.Y, m).set(Y.subarray(0, m));
  const params: Params = { layers: layers.slice(), W: [], b: [] };
  const grads: { W: Float64Array[]; b: Float64Array[] } = { W: [], b: [] };
  for (let l = 1; l <= L; l++) {
    params.W.push(view(layout.W[l - 1], layers[l] * layers[l - 1]));
    params.b.push(view(layout.b[l - 1], layers[l]));
    params.W[l - 1].set(init.W[l - 1]);
    params.b[l - 1].set(init.b[l - 1]);
    grads.W.push(view(layout.dW[l - 1], layers[l] * layers[l - 1]));
    grads.b.push(view(layout.db[l - 1], layers[l]));
  }
  return { instance, module, memory, params, grads };
}

/** Null when WebAssembly SIMD is unavailable here or the network does not fit the module's memory. */
export function compileTiledStep(
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  opts: TiledOptions = DEFAULT_TILED_OPTIONS,
  split: TiledParts = ONE_PART,
): TiledStep | null {
  const loaded = loadTiledStep(spec, X, Y, init, opts, split);
  if (!loaded) return null;
  const run = loaded.instance.exports.run as (withCost: number) => number;
  return { params: loaded.params, grads: loaded.grads, step: (withCost: boolean): number => run(withCost ? 1 : 0) };
}

/** Bytes 0–63 of the memory hold nothing else (crexp's table starts at 64): the threads' barrier lives there. */
export const CONTROL_BYTES = MATH_TABLES;
