// A gradient-descent step compiled to WebAssembly (f64x2 SIMD) for an experiment's layer sizes, bit-identical to step.ts.
//
// Why: the JS compiled step spends its time in scalar multiply-adds; f64x2 lanes do two samples' (or two
// accumulators') scalar operations at once. Every lane performs exactly the scalar IEEE operations of
// network.ts in the same order — no FMA, no reassociation; dW sums run over ascending samples, costs and db in
// NumPy's pairwise order (pairwiseSum.ts); the output's exp/log/log1p are network.ts's own functions imported and
// hidden tanh/sigmoid run fastMath.ts's operations over each stored layer (wasm/fastMath.ts) — so trajectories are
// identical bit for bit.
// Layout: one imported memory that never grows, every array at a constant offset; sample loops step two samples
// at a time (a byte offset `o` plus constant memarg offsets), with a single-sample tail when m is odd.
import { weightCount } from '../experiment/limits';
import { Code, F64, I32, V128 } from './wasm/code';
import { encodeModule } from './wasm/encoder';
import type { FuncImport } from './wasm/encoder';
import { pairwiseSumCode } from './wasm/pairwiseSum';
import { MATH_TABLE_BYTES, mathFunctions, mathIndices, writeMathTables } from './wasm/mathFunctions';
import { emitCost } from './wasm/cost';
import { Elementwise, MATH_IMPORTS } from './wasm/elementwise';
import type { Params } from './network';
import { OUTPUT_MATH } from './network';
import type { StepBuffers, StepSpec } from './step';
import type { HiddenActivation } from '../experiment/types';

export interface WasmStep {
  /** The parameters, as views over the module's memory: read them, or write them between steps. */
  params: Params;
  /** Activations, logits, dZ and the last iteration's gradients, as views over the module's memory. */
  buffers: StepBuffers;
  /** One iteration in place; returns the cost before the update when `withCost`, else NaN. */
  step(withCost: boolean): number;
}

/** Tuning of the generated code (exposed for the benchmark; the defaults measured best on the notebook shape). */
export interface WasmStepOptions {
  /** Layers with at most this many weights keep them, splatted, in locals; larger ones load them from memory. */
  weightLocalsLimit: number;
  /** Layers with at most this many weights keep their gradient accumulators in locals, larger ones in memory. */
  accLocalsLimit: number;
}

export const DEFAULT_WASM_OPTIONS: WasmStepOptions = { weightLocalsLimit: 128, accLocalsLimit: 128 };

/**
 * Beyond this many weights (Σ fan_in·fan_out) the fully unrolled code would be too large to compile quickly;
 * callers then use the JS step.
 */
export const WASM_MAX_WEIGHTS = 4096;
/** Memory cap for the module (activations dominate: about 3 × m × Σ widths × 8 bytes). */
const MAX_BYTES = 512 * 1024 * 1024;
const PAGE = 65536;

/** The imported Math functions (elementwise.ts's indices), then the module's own functions. */
const IMPORTS: FuncImport[] = MATH_IMPORTS.map((field) => ({
  module: 'math',
  field,
  type: { params: [F64], results: [F64] },
}));
const PSUM = IMPORTS.length + 1,
  MATH = mathIndices(IMPORTS.length + 2);
/** Where the math functions' tables sit in memory: before every array. */
const MATH_TABLES = 16;

/** Byte offsets of every array in the module's memory. */
interface Layout {
  A: number[];
  Y: number;
  zL: number;
  terms: number;
  dZ: number[];
  dW: number[];
  db: number[];
  W: number[];
  b: number[];
  /** Gradient accumulators of layers that keep them in memory (index l-1), else -1. */
  acc: number[];
  bytes: number;
}

/** One f64x2 accumulator: two (row j, column i) entries of dW; null = unused lane. */
interface Entry {
  j: number;
  i: number;
}
interface Acc {
  lanes: [Entry, Entry | null];
}

/** How accumulators are paired so that each lane update needs only shared shuffles (see `accumulate`). */
function accumulatorsOf(nIn: number, nOut: number): Acc[] {
  const accs: Acc[] = [];
  // Rows: pairs of adjacent columns of one row (contiguous in dW and W).
  for (let j = 0; j < nOut; j++) {
    for (let i = 0; i + 1 < nIn; i += 2)
      accs.push({
        lanes: [
          { j, i },
          { j, i: i + 1 },
        ],
      });
  }
  // An odd last column: pairs of rows, then possibly one entry alone.
  if (nIn % 2 === 1) {
    const i = nIn - 1;
    for (let j = 0; j + 1 < nOut; j += 2)
      accs.push({
        lanes: [
          { j, i },
          { j: j + 1, i },
        ],
      });
    if (nOut % 2 === 1) accs.push({ lanes: [{ j: nOut - 1, i }, null] });
  }
  return accs;
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

function layoutFor(layers: readonly number[], m: number, opts: WasmStepOptions): Layout {
  let at = MATH_TABLES + MATH_TABLE_BYTES;
  // Arrays start on 16 bytes, with 16 bytes of slack after each (defensive: the odd tail loads only 8 bytes).
  const take = (doubles: number): number => {
    const here = at;
    at = align16(at + doubles * 8 + 16);
    return here;
  };
  const L = layers.length - 1;
  const A = [take(layers[0] * m)];
  const Y = take(m);
  const dZ: number[] = [],
    dW: number[] = [],
    db: number[] = [],
    W: number[] = [],
    b: number[] = [],
    acc: number[] = [];
  for (let l = 1; l <= L; l++) A.push(take(layers[l] * m));
  const zL = take(m);
  const terms = take(m);
  for (let l = 1; l <= L; l++) {
    dZ.push(take(layers[l] * m));
    dW.push(take(layers[l] * layers[l - 1]));
    db.push(take(layers[l]));
    W.push(take(layers[l] * layers[l - 1]));
    b.push(take(layers[l]));
    const inMemory = layers[l] * layers[l - 1] > opts.accLocalsLimit;
    acc.push(inMemory ? take(2 * accumulatorsOf(layers[l - 1], layers[l]).length) : -1);
  }
  return { A, Y, zL, terms, dZ, dW, db, W, b, acc, bytes: at };
}

/** How the current sample-loop body addresses samples: two at byte offset `o`, or one (the odd tail). */
interface Mode {
  pair: boolean;
}

class Generator {
  readonly c = new Code(1);
  /** Byte offset of the current sample within a row. */
  private readonly o = this.c.local(I32);
  private readonly zero = this.c.local(V128);
  private readonly one = this.c.local(V128);
  private readonly lr = this.c.local(V128);
  private readonly alpha = this.c.local(V128);
  private readonly ew = new Elementwise(this.c, { zero: this.zero, one: this.one, alpha: this.alpha }, MATH);
  private readonly sb = this.c.local(F64);
  /** Splatted weights held in locals, per layer (null when the layer loads them from memory). */
  private readonly wLocals: (number[] | null)[] = [];
  private readonly bLocals: (number[] | null)[] = [];

  constructor(
    private readonly spec: StepSpec,
    private readonly lay: Layout,
    private readonly opts: WasmStepOptions,
  ) {}

  private get m(): number {
    return this.spec.m;
  }

  /** Address of row `row` of an (units × m) array, as a memarg offset added to `o`. */
  private rowAt(base: number, row: number): number {
    return base + row * this.m * 8;
  }

  /** Pushes the samples of a row at `o` (lane 1 is zero in the tail). */
  private load(mode: Mode, base: number, row: number): void {
    this.c.get(this.o);
    if (mode.pair) this.c.v128Load(this.rowAt(base, row));
    else this.c.v128Load64Zero(this.rowAt(base, row));
  }

  /** Stores the vector left by `value` into a row at `o` (only lane 0 in the tail). */
  private store(mode: Mode, base: number, row: number, value: () => void): void {
    this.c.get(this.o);
    value();
    if (mode.pair) this.c.v128Store(this.rowAt(base, row));
    else this.c.v128Store64Lane(this.rowAt(base, row), 0);
  }

  /** Runs `body` over all samples: pairs in a loop, then the odd last one. */
  private sweep(body: (mode: Mode) => void): void {
    const c = this.c;
    const pairs = Math.floor(this.m / 2);
    if (pairs > 0) {
      c.i32Const(0).set(this.o);
      c.loop();
      body({ pair: true });
      c.get(this.o)
        .i32Const(16)
        .i32Add()
        .tee(this.o)
        .i32Const(pairs * 16)
        .i32LtU()
        .brIf(0);
      c.end();
    }
    if (this.m % 2 === 1) {
      c.i32Const((this.m - 1) * 8).set(this.o);
      body({ pair: false });
    }
  }

  private activation(kind: HiddenActivation, z: number): void {
    this.ew.activation(kind, z);
  }

  /** Slope on the activation held in local `a`, as network.ts's activationSlope. */
  private slope(kind: HiddenActivation, a: number): void {
    this.ew.slope(kind, a);
  }

  /** Pushes splat(W_l[j, i]) (pre-update within a step). */
  private weight(l: number, j: number, i: number): void {
    const nIn = this.spec.layers[l - 1];
    const locals = this.wLocals[l - 1];
    if (locals) this.c.get(locals[j * nIn + i]);
    else this.c.i32Const(0).v128Load64Splat(this.lay.W[l - 1] + (j * nIn + i) * 8);
  }

  private bias(l: number, j: number): void {
    const locals = this.bLocals[l - 1];
    if (locals) this.c.get(locals[j]);
    else this.c.i32Const(0).v128Load64Splat(this.lay.b[l - 1] + j * 8);
  }

  private loadConstantsAndWeights(): void {
    const c = this.c;
    const { layers, alpha, learningRate } = this.spec;
    this.ew.init(alpha);
    c.f64x2Const(learningRate).set(this.lr);
    for (let l = 1; l < layers.length; l++) {
      const n = layers[l] * layers[l - 1];
      if (n > this.opts.weightLocalsLimit) {
        this.wLocals.push(null);
        this.bLocals.push(null);
        continue;
      }
      const w: number[] = [],
        b: number[] = [];
      for (let k = 0; k < n; k++) {
        const v = c.local(V128);
        c.i32Const(0)
          .v128Load64Splat(this.lay.W[l - 1] + k * 8)
          .set(v);
        w.push(v);
      }
      for (let j = 0; j < layers[l]; j++) {
        const v = c.local(V128);
        c.i32Const(0)
          .v128Load64Splat(this.lay.b[l - 1] + j * 8)
          .set(v);
        b.push(v);
      }
      this.wLocals.push(w);
      this.bLocals.push(b);
    }
  }

  /** z_j = W[j,0]·x_0 + W[j,1]·x_1 + … + b_j (left to right, as network.ts), then the activation. */
  private forward(l: number): void {
    const c = this.c;
    const { layers, hidden } = this.spec;
    const nIn = layers[l - 1],
      nOut = layers[l];
    const last = l === layers.length - 1;
    const x = Array.from({ length: nIn }, () => c.local(V128));
    const z = c.local(V128);
    this.sweep((mode) => {
      for (let i = 0; i < nIn; i++) {
        this.load(mode, this.lay.A[l - 1], i);
        c.set(x[i]);
      }
      for (let j = 0; j < nOut; j++) {
        for (let i = 0; i < nIn; i++) {
          this.weight(l, j, i);
          c.get(x[i]).f64x2Mul();
          if (i > 0) c.f64x2Add();
        }
        this.bias(l, j);
        c.f64x2Add().set(z);
        if (last) {
          this.store(mode, this.lay.zL, 0, () => c.get(z));
        } else {
          this.store(mode, this.lay.A[l], j, () => this.activation(hidden, z));
        }
      }
    });
    if (last) this.ew.outputSigmoid(this.lay.zL, this.lay.A[l], this.m);
    else this.ew.afterSums(hidden, this.lay.A[l], nOut * this.m);
  }

  /**
   * The cost of the output layer: per-sample terms into the scratch row, then NumPy's pairwise sum of them
   * (`psum`, the order of pairwiseSum.ts), as network.ts's `cost`.
   */
  private cost(cost: number): void {
    const { m, loss, layers } = this.spec;
    const L = layers.length - 1;
    const { zL, A, Y: y, terms } = this.lay;
    // The output layer has one unit: its row is dense, 8 bytes per sample.
    emitCost(this.c, { loss, m, zL, aL: A[L], y, terms, outputStride: 8, psum: PSUM, log: MATH.crlog }, cost);
  }

  /** dZ_L = (1/m)·(A_L − Y). */
  private outputDelta(): void {
    const c = this.c;
    const L = this.spec.layers.length - 1;
    const inv = c.local(V128);
    c.f64x2Const(1 / this.m).set(inv);
    this.sweep((mode) => {
      this.store(mode, this.lay.dZ[L - 1], 0, () => {
        c.get(inv);
        this.load(mode, this.lay.A[L], 0);
        this.load(mode, this.lay.Y, 0);
        c.f64x2Sub().f64x2Mul();
      });
    });
  }

  /**
   * One sweep over the samples computes dZ_{l-1} = (W_lᵀ·dZ_l) ⊙ slope(A_{l-1}) per sample and adds each sample's
   * products to the dW accumulators in ascending sample order; then W is updated (W - lr·dW); then db and b.
   */
  private backward(l: number): void {
    const c = this.c;
    const { layers, hidden } = this.spec;
    const nIn = layers[l - 1],
      nOut = layers[l];
    const accs = accumulatorsOf(nIn, nOut);
    const memBase = this.lay.acc[l - 1];
    const accLocals = memBase < 0 ? accs.map(() => c.local(V128)) : null;
    const d = Array.from({ length: nOut }, () => c.local(V128));
    const x = Array.from({ length: nIn }, () => c.local(V128));
    // Per-lane shuffles shared by many accumulators: splat of d_j, splat of x_i, and adjacent pairs.
    const dSplat = Array.from({ length: nOut }, () => c.local(V128));
    const xSplat = c.local(V128);
    const xPair = Array.from({ length: nIn >> 1 }, () => c.local(V128));
    const dPair = Array.from({ length: nOut >> 1 }, () => c.local(V128));

    const accGet = (k: number): void => {
      if (accLocals) c.get(accLocals[k]);
      else c.i32Const(0).v128Load(memBase + 16 * k);
    };
    /** acc_k = acc_k + (value left by `operand`) */
    const accAdd = (k: number, operand: () => void): void => {
      if (accLocals) {
        c.get(accLocals[k]);
        operand();
        c.f64x2Add().set(accLocals[k]);
      } else {
        c.i32Const(0)
          .i32Const(0)
          .v128Load(memBase + 16 * k);
        operand();
        c.f64x2Add().v128Store(memBase + 16 * k);
      }
    };

    for (let k = 0; k < accs.length; k++) {
      if (accLocals) c.get(this.zero).set(accLocals[k]);
      else
        c.i32Const(0)
          .get(this.zero)
          .v128Store(memBase + 16 * k);
    }

    this.sweep((mode) => {
      for (let j = 0; j < nOut; j++) {
        this.load(mode, this.lay.dZ[l - 1], j);
        c.set(d[j]);
      }
      for (let i = 0; i < nIn; i++) {
        this.load(mode, this.lay.A[l - 1], i);
        c.set(x[i]);
      }
      if (l > 1) {
        for (let i = 0; i < nIn; i++) {
          this.store(mode, this.lay.dZ[l - 2], i, () => {
            c.get(this.zero);
            for (let j = 0; j < nOut; j++) {
              this.weight(l, j, i);
              c.get(d[j]).f64x2Mul().f64x2Add();
            }
            this.slope(hidden, x[i]);
            c.f64x2Mul();
          });
        }
      }
      for (const lane of mode.pair ? ([0, 1] as const) : ([0] as const)) {
        this.accumulate(lane, accs, accAdd, { d, x, dSplat, xSplat, xPair, dPair });
      }
    });

    this.writeGradients(l, accs, accGet);
    // db = np.sum(dZ, axis=1) in NumPy's pairwise order; b ← b − lr·db.
    for (let j = 0; j < nOut; j++) {
      const sb = this.sb;
      c.i32Const(this.rowAt(this.lay.dZ[l - 1], j))
        .i32Const(this.m)
        .call(PSUM)
        .set(sb);
      c.i32Const(0)
        .get(sb)
        .f64Store(this.lay.db[l - 1] + j * 8);
      c.i32Const(0)
        .i32Const(0)
        .f64Load(this.lay.b[l - 1] + j * 8)
        .f64Const(this.spec.learningRate)
        .get(sb);
      c.f64Mul()
        .f64Sub()
        .f64Store(this.lay.b[l - 1] + j * 8);
    }
  }

  /**
   * Adds sample `lane`'s products to every accumulator. An accumulator over (j, i), (j, i+1) adds
   * splat(d_j[lane]) · (x_i[lane], x_{i+1}[lane]): each lane gets exactly the scalar product d·x of network.ts.
   */
  private accumulate(
    lane: 0 | 1,
    accs: Acc[],
    accAdd: (k: number, operand: () => void) => void,
    v: { d: number[]; x: number[]; dSplat: number[]; xSplat: number; xPair: number[]; dPair: number[] },
  ): void {
    const c = this.c;
    const hi = (lane + 2) as 2 | 3;
    const nIn = v.x.length,
      nOut = v.d.length;
    for (let j = 0; j < nOut; j++) c.get(v.d[j]).get(v.d[j]).f64x2Shuffle(lane, lane).set(v.dSplat[j]);
    for (let p = 0; p < v.xPair.length; p++)
      c.get(v.x[2 * p])
        .get(v.x[2 * p + 1])
        .f64x2Shuffle(lane, hi)
        .set(v.xPair[p]);
    for (let q = 0; q < v.dPair.length; q++)
      c.get(v.d[2 * q])
        .get(v.d[2 * q + 1])
        .f64x2Shuffle(lane, hi)
        .set(v.dPair[q]);
    if (nIn % 2 === 1)
      c.get(v.x[nIn - 1])
        .get(v.x[nIn - 1])
        .f64x2Shuffle(lane, lane)
        .set(v.xSplat);
    accs.forEach((acc, k) => {
      const [e0, e1] = acc.lanes;
      if (e1 !== null && e1.j === e0.j) {
        accAdd(k, () =>
          c
            .get(v.dSplat[e0.j])
            .get(v.xPair[e0.i >> 1])
            .f64x2Mul(),
        );
      } else {
        // The odd last column: (d_j, d_{j+1}) · splat(x_i), or d_j · x_i alone.
        accAdd(k, () =>
          c
            .get(e1 ? v.dPair[e0.j >> 1] : v.dSplat[e0.j])
            .get(v.xSplat)
            .f64x2Mul(),
        );
      }
    });
  }

  /** dW ← accumulators; W ← W − lr·dW (W_l is no longer needed this step). */
  private writeGradients(l: number, accs: Acc[], accGet: (k: number) => void): void {
    const c = this.c;
    const nIn = this.spec.layers[l - 1];
    const gradAt = (e: Entry): number => this.lay.dW[l - 1] + (e.j * nIn + e.i) * 8;
    const paramAt = (e: Entry): number => this.lay.W[l - 1] + (e.j * nIn + e.i) * 8;
    accs.forEach((acc, k) => {
      const [e0, e1] = acc.lanes;
      const g0 = gradAt(e0),
        p0 = paramAt(e0);
      if (e1 !== null && gradAt(e1) === g0 + 8) {
        // Contiguous pair: one vector store each.
        c.i32Const(0);
        accGet(k);
        c.v128Store(g0);
        c.i32Const(0).i32Const(0).v128Load(p0).get(this.lr);
        accGet(k);
        c.f64x2Mul().f64x2Sub().v128Store(p0);
        return;
      }
      const entries: [0 | 1, Entry][] = e1
        ? [
            [0, e0],
            [1, e1],
          ]
        : [[0, e0]];
      for (const [lane, e] of entries) {
        c.i32Const(0);
        accGet(k);
        c.v128Store64Lane(gradAt(e), lane);
        c.i32Const(0).i32Const(0).f64Load(paramAt(e)).f64Const(this.spec.learningRate);
        accGet(k);
        c.f64x2ExtractLane(lane).f64Mul().f64Sub().f64Store(paramAt(e));
      }
    });
  }

  /** The body of `step(withCost: i32) -> f64`. */
  generate(): Code {
    const c = this.c;
    const L = this.spec.layers.length - 1;
    const cost = c.local(F64);
    this.loadConstantsAndWeights();
    for (let l = 1; l <= L; l++) this.forward(l);
    c.f64Const(NaN).set(cost);
    c.get(0).if();
    this.cost(cost);
    c.end();
    this.outputDelta();
    for (let l = L; l >= 1; l--) this.backward(l);
    c.get(cost);
    return c;
  }
}

/** The module bytes and memory layout for a spec (exposed for tests and the benchmark). */
export function wasmStepModule(
  spec: StepSpec,
  opts: WasmStepOptions = DEFAULT_WASM_OPTIONS,
): { bytes: Uint8Array<ArrayBuffer>; pages: number; layout: Layout } | null {
  const { layers, m } = spec;
  if (weightCount(layers) > WASM_MAX_WEIGHTS || m < 1 || layers.length < 2) return null;
  const layout = layoutFor(layers, m, opts);
  if (layout.bytes > MAX_BYTES) return null;
  const pages = Math.ceil(layout.bytes / PAGE);
  const code = new Generator(spec, layout, opts).generate();
  const psum = pairwiseSumCode(PSUM);
  // Function order fixes the indices: step, psum, then the math functions (wasm/mathFunctions.ts).
  const bytes = encodeModule(IMPORTS, { module: 'env', field: 'memory', pages }, [
    { name: 'step', type: { params: [I32], results: [F64] }, locals: code.locals, code: code.bytes },
    { name: 'psum', type: { params: [I32, I32], results: [F64] }, locals: psum.locals, code: psum.bytes },
    ...mathFunctions(MATH_TABLES, 8, MATH),
  ]);
  return { bytes, pages, layout };
}

/** Null when WebAssembly (or its SIMD) is unavailable or the network is too big for the specialised code. */
export function compileWasmStep(
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  opts: WasmStepOptions = DEFAULT_WASM_OPTIONS,
): WasmStep | null {
  if (typeof WebAssembly === 'undefined') return null;
  const built = wasmStepModule(spec, opts);
  if (!built) return null;
  const { bytes, pages, layout } = built;
  const { layers, m } = spec;
  let instance: WebAssembly.Instance;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const module = new WebAssembly.Module(bytes);
    instance = new WebAssembly.Instance(module, {
      // The very functions network.ts calls, so every transcendental result is the same double.
      math: OUTPUT_MATH,
      env: { memory },
    });
  } catch {
    // No SIMD (or no WebAssembly compilation allowed here): the JS step remains.
    return null;
  }
  const view = (offset: number, length: number): Float64Array => new Float64Array(memory.buffer, offset, length);
  writeMathTables(memory, MATH_TABLES);
  const L = layers.length - 1;
  const A = layout.A.map((off, l) => view(off, layers[l] * m));
  A[0].set(X.subarray(0, layers[0] * m));
  view(layout.Y, m).set(Y.subarray(0, m));
  const W: Float64Array[] = [],
    b: Float64Array[] = [],
    dZ: Float64Array[] = [],
    dW: Float64Array[] = [],
    db: Float64Array[] = [];
  for (let l = 1; l <= L; l++) {
    W.push(view(layout.W[l - 1], layers[l] * layers[l - 1]));
    b.push(view(layout.b[l - 1], layers[l]));
    W[l - 1].set(init.W[l - 1]);
    b[l - 1].set(init.b[l - 1]);
    dZ.push(view(layout.dZ[l - 1], layers[l] * m));
    dW.push(view(layout.dW[l - 1], layers[l] * layers[l - 1]));
    db.push(view(layout.db[l - 1], layers[l]));
  }
  const run = instance.exports.step as (withCost: number) => number;
  return {
    params: { layers: layers.slice(), W, b },
    buffers: { A, zL: view(layout.zL, m), terms: view(layout.terms, m), dZ, dW, db },
    step: (withCost: boolean): number => run(withCost ? 1 : 0),
  };
}
