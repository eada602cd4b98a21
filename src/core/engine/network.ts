// A fully connected network on Float64Array storage: forward pass, backward pass, loss and accuracy.
//
// Layout: W[l-1] is layers[l] × layers[l-1] row-major (as NumPy's W_l), b[l-1] has layers[l] entries, and
// activations are (units × m) row-major, so a column is a sample, exactly like the course notebook.
// This module is the readable, allocation-happy definition; step.ts compiles the same arithmetic, in the
// same order, into a fast specialised step and is tested against it.
import { pairwiseSum } from './pairwiseSum';
import { crExp, crLog, crLog1p } from '../numpy/correctlyRounded';
import { ACTIVATIONS } from './activations';
import type { HiddenActivation, LossKind } from '../experiment/types';

export interface Params {
  layers: number[];
  W: Float64Array[];
  b: Float64Array[];
}

export interface ForwardCache {
  /** A[0] = X, A[l] = activation of layer l (l = 1..L). */
  A: Float64Array[];
  /** Z[l-1] = pre-activation of layer l. */
  Z: Float64Array[];
}

export function zeroParams(layers: readonly number[]): Params {
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < layers.length; l++) {
    W.push(new Float64Array(layers[l] * layers[l - 1]));
    b.push(new Float64Array(layers[l]));
  }
  return { layers: layers.slice(), W, b };
}

export function cloneParams(p: Params): Params {
  return { layers: p.layers.slice(), W: p.W.map((w) => w.slice()), b: p.b.map((v) => v.slice()) };
}

/**
 * The exp, log and log1p of the output unit and the cost (m calls per iteration): correctly rounded, so every engine
 * and every JavaScript runtime (Node's and the browser's V8 differ in Math.exp's last bit) gives the same doubles,
 * and they equal glibc's, which NumPy calls, wherever glibc itself rounds correctly. The WebAssembly engines import
 * them; hidden layers (m × width calls) use fastMath.ts's exp and tanh instead, run two at a time in WebAssembly.
 */
export const OUTPUT_MATH = { exp: crExp, log: crLog, log1p: crLog1p } as const;

export function sigmoid(z: number): number {
  return 1 / (1 + crExp(-z));
}

export function activate(kind: HiddenActivation, z: number, alpha: number): number {
  return ACTIVATIONS[kind].apply(z, alpha);
}

/** Derivative expressed on the activation A (as the reference does): relu is `A > 0` as 0/1. */
export function activationSlope(kind: HiddenActivation, a: number, alpha: number): number {
  return ACTIVATIONS[kind].slope(a, alpha);
}

/** LINEAR→hidden ×(L−1) → LINEAR→SIGMOID over the m columns of X (units × m row-major). */
export function forward(p: Params, X: Float64Array, m: number, hidden: HiddenActivation, alpha: number): ForwardCache {
  const L = p.layers.length - 1;
  const A: Float64Array[] = [X];
  const Z: Float64Array[] = [];
  for (let l = 1; l <= L; l++) {
    const nOut = p.layers[l];
    const nIn = p.layers[l - 1];
    const W = p.W[l - 1];
    const b = p.b[l - 1];
    const prev = A[l - 1];
    const z = new Float64Array(nOut * m);
    const a = new Float64Array(nOut * m);
    for (let j = 0; j < nOut; j++) {
      for (let k = 0; k < m; k++) {
        let s = W[j * nIn] * prev[k];
        for (let i = 1; i < nIn; i++) s += W[j * nIn + i] * prev[i * m + k];
        const zz = s + b[j];
        z[j * m + k] = zz;
        a[j * m + k] = l === L ? sigmoid(zz) : activate(hidden, zz, alpha);
      }
    }
    Z.push(z);
    A.push(a);
  }
  return { A, Z };
}

/** The cost of output activations `a` (logits `z`) against labels `y`, both length m, summed as np.sum does. */
export function cost(loss: LossKind, a: Float64Array, z: Float64Array, y: Float64Array): number {
  const m = y.length;
  const terms = new Float64Array(m);
  if (loss === 'stable') {
    for (let k = 0; k < m; k++) {
      const zk = z[k];
      terms[k] = (zk > 0 ? zk : 0) - zk * y[k] + crLog1p(crExp(-Math.abs(zk)));
    }
    return pairwiseSum(terms, 0, m) / m;
  }
  // The notebook's nansum: a term is NaN when a label multiplies an infinite log (0·∞); it counts as 0.
  for (let k = 0; k < m; k++) {
    const t = -crLog(a[k]) * y[k] + -crLog(1 - a[k]) * (1 - y[k]);
    terms[k] = t === t ? t : 0;
  }
  return (1 / m) * pairwiseSum(terms, 0, m);
}

/** Gradients of the cost with respect to W and b for a forward cache (dZ_L = (A_L − Y)/m). */
export function backward(
  p: Params,
  cache: ForwardCache,
  Y: Float64Array,
  m: number,
  hidden: HiddenActivation,
  alpha: number,
): Params {
  const L = p.layers.length - 1;
  const grads = zeroParams(p.layers);
  const inv = 1 / m;
  let dz = new Float64Array(m);
  const aL = cache.A[L];
  for (let k = 0; k < m; k++) dz[k] = inv * (aL[k] - Y[k]);
  for (let l = L; l >= 1; l--) {
    const nOut = p.layers[l];
    const nIn = p.layers[l - 1];
    const prev = cache.A[l - 1];
    const dW = grads.W[l - 1];
    const db = grads.b[l - 1];
    for (let j = 0; j < nOut; j++) {
      for (let i = 0; i < nIn; i++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += dz[j * m + k] * prev[i * m + k];
        dW[j * nIn + i] = s;
      }
      db[j] = pairwiseSum(dz, j * m, m);
    }
    if (l > 1) {
      const W = p.W[l - 1];
      const next = new Float64Array(nIn * m);
      for (let i = 0; i < nIn; i++) {
        for (let k = 0; k < m; k++) {
          let s = 0;
          for (let j = 0; j < nOut; j++) s += W[j * nIn + i] * dz[j * m + k];
          next[i * m + k] = s * activationSlope(hidden, prev[i * m + k], alpha);
        }
      }
      dz = next;
    }
  }
  return grads;
}
