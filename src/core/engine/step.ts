// Compiles one gradient-descent iteration specialised to an experiment's layer sizes, for speed.
//
// Why: a generic layer loop (network.ts) runs at about NumPy's speed; the same arithmetic with constant loop
// bounds, the small fan-in unrolled into registers and no allocation is several times faster. The generated
// code performs the same operations in the same order as network.ts (`forward`, `cost`, `backward`, then
// W -= lr·dW), so both give bit-identical trajectories — a unit test holds them to that. Each call to
// `compileStep` makes a new function with its own type feedback, so one run's profile (e.g. zeros) cannot
// deoptimise the next run's hot loop.
import { ACTIVATIONS } from './activations';
import type { Params } from './network';
import { OUTPUT_MATH } from './network';
import { pairwiseSum } from './pairwiseSum';
import { exp, tanh } from './fastMath';
import type { HiddenActivation, LossKind } from '../experiment/types';

/** Working memory of a compiled step; gradients of the last iteration stay readable for live metrics. */
export interface StepBuffers {
  /** A[0] = X, A[l] = activations of layer l. */
  A: Float64Array[];
  /** Output logits z_L (needed by the stable loss). */
  zL: Float64Array;
  /** Scratch row for the m cost terms. */
  terms: Float64Array;
  /** dZ[l-1] = dCost/dZ of layer l. */
  dZ: Float64Array[];
  dW: Float64Array[];
  db: Float64Array[];
}

/** Runs one iteration in place on `params`; returns the cost before the update when `withCost`, else NaN. */
export type StepFn = (params: Params, buffers: StepBuffers, withCost: boolean) => number;

export interface StepSpec {
  layers: readonly number[];
  m: number;
  hidden: HiddenActivation;
  alpha: number;
  loss: LossKind;
  learningRate: number;
}

/** Fan-ins up to this size are unrolled into locals; wider layers use an inner loop. */
const UNROLL_LIMIT = 32;

export function allocateBuffers(layers: readonly number[], X: Float64Array, m: number): StepBuffers {
  const A = [X];
  const dZ: Float64Array[] = [];
  const dW: Float64Array[] = [];
  const db: Float64Array[] = [];
  for (let l = 1; l < layers.length; l++) {
    A.push(new Float64Array(layers[l] * m));
    dZ.push(new Float64Array(layers[l] * m));
    dW.push(new Float64Array(layers[l] * layers[l - 1]));
    db.push(new Float64Array(layers[l]));
  }
  return { A, zL: new Float64Array(m), terms: new Float64Array(m), dZ, dW, db };
}

function activationExpr(kind: HiddenActivation, z: string): string {
  return ACTIVATIONS[kind].applySource(z);
}

function slopeExpr(kind: HiddenActivation, a: string): string {
  return ACTIVATIONS[kind].slopeSource(a);
}

/** `t0*x[o0] + t1*x[o1] + ...` evaluated left to right, i.e. the same order as an ascending loop. */
function dotExpr(terms: string[]): string {
  return terms.join(' + ');
}

/** Fan-in × fan-out products up to this size keep the whole matrix in locals and sweep the samples once
 * (beyond it V8 spills so much that the row-by-row code is 3× faster: measured on 10×10 layers). */
const REGISTER_MATRIX_LIMIT = 64;

function forwardLayer(
  l: number,
  nIn: number,
  nOut: number,
  m: number,
  last: boolean,
  hidden: HiddenActivation,
): string {
  const out: string[] = [];
  out.push(`{ const W = params.W[${l - 1}], b = params.b[${l - 1}], P = A[${l - 1}], Q = A[${l}];`);
  const store = (j: number, z: string): string =>
    last ? `zL[k] = ${z}; Q[k] = 1 / (1 + crExp(-${z}));` : `Q[${j * m} + k] = ${activationExpr(hidden, z)};`;
  if (nIn * nOut <= REGISTER_MATRIX_LIMIT) {
    // Sample-outer: each input column is read once and every unit of the layer is computed from it.
    for (let j = 0; j < nOut; j++) {
      for (let i = 0; i < nIn; i++) out.push(`const w${j}_${i} = W[${j * nIn + i}];`);
      out.push(`const b${j} = b[${j}];`);
    }
    out.push(`for (let k = 0; k < ${m}; k++) {`);
    for (let i = 0; i < nIn; i++) out.push(`const x${i} = P[${i * m} + k];`);
    for (let j = 0; j < nOut; j++) {
      out.push(`{ const z = ${dotExpr(Array.from({ length: nIn }, (_, i) => `w${j}_${i} * x${i}`))} + b${j};`);
      out.push(`${store(j, 'z')} }`);
    }
    out.push('} }');
    return out.join('\n');
  }
  out.push(`for (let j = 0; j < ${nOut}; j++) {`);
  out.push(`const row = j * ${nIn}, off = j * ${m}, bj = b[j];`);
  let sum: string;
  if (nIn <= UNROLL_LIMIT) {
    for (let i = 0; i < nIn; i++) out.push(`const w${i} = W[row + ${i}];`);
    out.push(`for (let k = 0; k < ${m}; k++) {`);
    sum = dotExpr(Array.from({ length: nIn }, (_, i) => `w${i} * P[${i * m} + k]`));
  } else {
    out.push(`for (let k = 0; k < ${m}; k++) {`);
    out.push(`let s = W[row] * P[k];`);
    out.push(`for (let i = 1; i < ${nIn}; i++) s += W[row + i] * P[i * ${m} + k];`);
    sum = 's';
  }
  out.push(`const z = ${sum} + bj;`);
  if (last) out.push(`zL[k] = z; Q[k] = 1 / (1 + crExp(-z));`);
  else out.push(`Q[off + k] = ${activationExpr(hidden, 'z')};`);
  out.push('} } }');
  return out.join('\n');
}

/** Cost terms go to a scratch row and are summed in NumPy's pairwise order (pairwiseSum.ts), as np.nansum does. */
function costCode(loss: LossKind, m: number): string {
  if (loss === 'stable') {
    return `for (let k = 0; k < ${m}; k++) { const z = zL[k]; T[k] = (z > 0 ? z : 0) - z * Y[k] + crLog1p(crExp(-Math.abs(z))); }
cost = sum(T, 0, ${m}) / ${m};`;
  }
  return `for (let k = 0; k < ${m}; k++) { const a = AL[k]; const t = -crLog(a) * Y[k] + -crLog(1 - a) * (1 - Y[k]); T[k] = t === t ? t : 0; }
cost = (1 / ${m}) * sum(T, 0, ${m});`;
}

function backwardLayer(l: number, nIn: number, nOut: number, m: number, hidden: HiddenActivation): string {
  return nIn * nOut <= REGISTER_MATRIX_LIMIT
    ? backwardLayerInRegisters(l, nIn, nOut, m, hidden)
    : backwardLayerByRows(l, nIn, nOut, m, hidden);
}

/**
 * Small layers: one sweep over the samples computes dA_{l-1} (from W before its update), every dW accumulator
 * and db together, each column of dZ and A_{l-1} read once. Sums still run over ascending k, as network.ts does.
 */
function backwardLayerInRegisters(l: number, nIn: number, nOut: number, m: number, hidden: HiddenActivation): string {
  const out: string[] = [];
  const pairs: [number, number][] = [];
  for (let j = 0; j < nOut; j++) for (let i = 0; i < nIn; i++) pairs.push([j, i]);
  out.push(
    `{ const W = params.W[${l - 1}], b = params.b[${l - 1}], P = A[${l - 1}], D = dZ[${l - 1}], gW = dW[${l - 1}], gb = db[${l - 1}];`,
  );
  if (l > 1) {
    out.push(`const E = dZ[${l - 2}];`);
    for (const [j, i] of pairs) out.push(`const v${j}_${i} = W[${j * nIn + i}];`);
  }
  out.push(`let ${pairs.map(([j, i]) => `s${j}_${i} = 0`).join(', ')};`);
  out.push(`for (let k = 0; k < ${m}; k++) {`);
  for (let j = 0; j < nOut; j++) out.push(`const d${j} = D[${j * m} + k];`);
  for (let i = 0; i < nIn; i++) out.push(`const x${i} = P[${i * m} + k];`);
  for (const [j, i] of pairs) out.push(`s${j}_${i} += d${j} * x${i};`);
  if (l > 1) {
    for (let i = 0; i < nIn; i++) {
      const terms = Array.from({ length: nOut }, (_, j) => `v${j}_${i} * d${j}`);
      out.push(`E[${i * m} + k] = (${['0', ...terms].join(' + ')}) * ${slopeExpr(hidden, `x${i}`)};`);
    }
  }
  out.push('}');
  for (const [j, i] of pairs) {
    const at = j * nIn + i;
    out.push(`gW[${at}] = s${j}_${i}; W[${at}] = W[${at}] - lr * s${j}_${i};`);
  }
  // db = np.sum(dZ, axis=1): NumPy's pairwise order, in a separate pass over each row.
  for (let j = 0; j < nOut; j++)
    out.push(`{ const sb = sum(D, ${j * m}, ${m}); gb[${j}] = sb; b[${j}] = b[${j}] - lr * sb; }`);
  out.push('}');
  return out.join('\n');
}

/** Wide layers: loops over rows of W with the fan-in unrolled when small enough. */
function backwardLayerByRows(l: number, nIn: number, nOut: number, m: number, hidden: HiddenActivation): string {
  const out: string[] = [];
  out.push(
    `{ const W = params.W[${l - 1}], b = params.b[${l - 1}], P = A[${l - 1}], D = dZ[${l - 1}], gW = dW[${l - 1}], gb = db[${l - 1}];`,
  );
  // dA_{l-1} = W_lᵀ·dZ_l uses W before its update, so it comes first.
  if (l > 1) {
    out.push(`const E = dZ[${l - 2}];`);
    out.push(`for (let i = 0; i < ${nIn}; i++) {`);
    if (nOut <= UNROLL_LIMIT) {
      for (let j = 0; j < nOut; j++) out.push(`const v${j} = W[${j * nIn} + i];`);
      out.push(`for (let k = 0; k < ${m}; k++) {`);
      const terms = Array.from({ length: nOut }, (_, j) => `v${j} * D[${j * m} + k]`);
      out.push(`const s = ${['0', ...terms].join(' + ')};`);
    } else {
      out.push(`for (let k = 0; k < ${m}; k++) {`);
      out.push(`let s = 0;`);
      out.push(`for (let j = 0; j < ${nOut}; j++) s += W[j * ${nIn} + i] * D[j * ${m} + k];`);
    }
    out.push(`const a = P[i * ${m} + k];`);
    out.push(`E[i * ${m} + k] = s * ${slopeExpr(hidden, 'a')};`);
    out.push('} }');
  }
  out.push(`for (let j = 0; j < ${nOut}; j++) {`);
  out.push(`const off = j * ${m}, row = j * ${nIn};`);
  if (nIn <= UNROLL_LIMIT) {
    const acc = Array.from({ length: nIn }, (_, i) => `s${i}`);
    out.push(`let ${acc.map((a) => `${a} = 0`).join(', ')};`);
    out.push(`for (let k = 0; k < ${m}; k++) { const d = D[off + k];`);
    for (let i = 0; i < nIn; i++) out.push(`s${i} += d * P[${i * m} + k];`);
    out.push('}');
    for (let i = 0; i < nIn; i++) out.push(`gW[row + ${i}] = s${i}; W[row + ${i}] = W[row + ${i}] - lr * s${i};`);
  } else {
    out.push(
      `for (let i = 0; i < ${nIn}; i++) { let s = 0; for (let k = 0; k < ${m}; k++) s += D[off + k] * P[i * ${m} + k];`,
    );
    out.push(`gW[row + i] = s; W[row + i] = W[row + i] - lr * s; }`);
  }
  out.push(`const sb = sum(D, off, ${m}); gb[j] = sb; b[j] = b[j] - lr * sb; } }`);
  return out.join('\n');
}

/** A kernel: one generated function for one phase of the step (a layer's forward or backward pass, the cost). */
type Kernel = (params: Params, buffers: StepBuffers) => number;

const PRELUDE =
  'const A = buffers.A, zL = buffers.zL, T = buffers.terms, dZ = buffers.dZ, dW = buffers.dW, db = buffers.db;';

/**
 * Each phase is its own function: V8 optimises small functions well but gives up on one huge one (a deep net's
 * single-function step ran 20× slower), and separate functions keep separate type feedback.
 */
function kernel(body: string, Y: Float64Array, alpha: number, lr: number): Kernel {
  const make = new Function(
    'Y',
    'alpha',
    'lr',
    'sum',
    'exp',
    'tanh',
    'crExp',
    'crLog',
    'crLog1p',
    `return function kernel(params, buffers) {\n${PRELUDE}\n${body}\n};`,
  ) as (
    Y: Float64Array,
    alpha: number,
    lr: number,
    sum: typeof pairwiseSum,
    e: typeof exp,
    t: typeof tanh,
    ...output: (typeof OUTPUT_MATH)[keyof typeof OUTPUT_MATH][]
  ) => Kernel;
  return make(Y, alpha, lr, pairwiseSum, exp, tanh, OUTPUT_MATH.exp, OUTPUT_MATH.log, OUTPUT_MATH.log1p);
}

/** The generated source of each phase, in execution order (exposed for tests and for the curious). */
export function stepSource(spec: StepSpec): { forward: string[]; cost: string; seed: string; backward: string[] } {
  const { layers, m, hidden, loss } = spec;
  const L = layers.length - 1;
  const forward: string[] = [];
  for (let l = 1; l <= L; l++) forward.push(forwardLayer(l, layers[l - 1], layers[l], m, l === L, hidden));
  const cost = `const AL = A[${L}]; let cost = NaN;\n${costCode(loss, m)}\nreturn cost;`;
  const seed = `const AL = A[${L}], D = dZ[${L - 1}]; const inv = 1 / ${m}; for (let k = 0; k < ${m}; k++) D[k] = inv * (AL[k] - Y[k]); return 0;`;
  const backward: string[] = [];
  for (let l = L; l >= 1; l--) backward.push(backwardLayer(l, layers[l - 1], layers[l], m, hidden));
  return { forward, cost, seed, backward };
}

/** A fresh specialised step for these sizes and labels `Y` (length m). */
export function compileStep(spec: StepSpec, Y: Float64Array): StepFn {
  const src = stepSource(spec);
  const k = (body: string): Kernel => kernel(body, Y, spec.alpha, spec.learningRate);
  const forward = src.forward.map(k);
  const cost = k(src.cost);
  const seed = k(src.seed);
  const backward = src.backward.map(k);
  return (params, buffers, withCost) => {
    for (const f of forward) f(params, buffers);
    const c = withCost ? cost(params, buffers) : NaN;
    seed(params, buffers);
    for (const b of backward) b(params, buffers);
    return c;
  };
}

/** Output probabilities A_L for the m columns of X; the returned row is reused by the next call. */
export type ForwardFn = (params: Params, X: Float64Array) => Float64Array;

/**
 * The step's forward pass alone, for predictions (accuracy, the decision-boundary grid): the same arithmetic as
 * network.ts `forward`, without its per-call allocation and per-element activation switch, so even a cold worker
 * evaluates a 100×100 grid quickly.
 */
export function compileForward(spec: Pick<StepSpec, 'layers' | 'm' | 'hidden' | 'alpha'>): ForwardFn {
  const { layers, m, hidden } = spec;
  const L = layers.length - 1;
  const A: Float64Array[] = [new Float64Array(0)];
  for (let l = 1; l <= L; l++) A.push(new Float64Array(layers[l] * m));
  const buffers: StepBuffers = { A, zL: new Float64Array(m), terms: new Float64Array(0), dZ: [], dW: [], db: [] };
  const layersK: Kernel[] = [];
  for (let l = 1; l <= L; l++) {
    layersK.push(
      kernel(forwardLayer(l, layers[l - 1], layers[l], m, l === L, hidden), new Float64Array(0), spec.alpha, 0),
    );
  }
  return (params, X) => {
    A[0] = X;
    for (const f of layersK) f(params, buffers);
    return A[L];
  };
}
