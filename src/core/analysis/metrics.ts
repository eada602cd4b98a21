// Live metrics of a network for the views: weight histograms, per-layer statistics and the decision boundary.
import { DEFAULT_BINS, histogram } from './histogram';
import { expectedCounts } from './schemeDensity';
import type { BoundaryGrid, Bounds, LayerSnapshot } from './results';
import type { Params } from '../engine/network';
import { compileForward } from '../engine/step';
import { compileTiledForward } from '../engine/tiledForward';
import type { ForwardFn } from '../engine/step';
import type { Dataset, Experiment, InitSpec } from '../experiment/types';

export type { Bounds };

function rms(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v * v;
  return Math.sqrt(s / values.length);
}

/** Largest difference between two rows (units) of a rows×cols matrix, over all columns. */
export function unitSpread(W: Float64Array, rows: number, cols: number): number {
  let spread = 0;
  for (let i = 0; i < cols; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < rows; j++) {
      const v = W[j * cols + i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > spread) spread = hi - lo;
  }
  return spread;
}

export function gradRmsPerLayer(grads: Params): number[] {
  return grads.W.map(rms);
}

/**
 * Statistics of each W over its finite entries; `nonFinite` counts the NaN/∞ ones, so a diverged network still
 * yields finite numbers (JSON, the webview channel, has no NaN) and the count tells what happened.
 */
export function layerSnapshots(
  params: Params,
  grads: Params | null,
  bins = DEFAULT_BINS,
  init?: InitSpec,
): LayerSnapshot[] {
  return params.W.map((W, idx) => {
    const rows = params.layers[idx + 1];
    const cols = params.layers[idx];
    let sum = 0;
    let finite = 0;
    for (const v of W)
      if (Number.isFinite(v)) {
        sum += v;
        finite++;
      }
    const mean = finite ? sum / finite : 0;
    let sq = 0;
    for (const v of W) if (Number.isFinite(v)) sq += (v - mean) * (v - mean);
    const spread = unitSpread(W, rows, cols);
    const g = grads ? rms(grads.W[idx]) : NaN;
    const h = histogram(W, bins);
    return {
      layer: idx + 1,
      shape: [rows, cols],
      histogram: h,
      ...(init ? { expected: expectedCounts(init, cols, rows, W.length, h.min, h.max, bins) } : {}),
      mean,
      std: finite ? Math.sqrt(sq / finite) : 0,
      unitSpread: Number.isFinite(spread) ? spread : 0,
      gradRms: Number.isFinite(g) ? g : null,
      nonFinite: W.length - finite,
    };
  });
}

/** Bounds enclosing all parts with 10% padding, widened to a square so the heatmap keeps its aspect. */
export function datasetBounds(...parts: Dataset[]): Bounds {
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (const d of parts) {
    for (let k = 0; k < d.m; k++) {
      const x = d.X[k];
      const y = d.X[d.m + k];
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (!(xMin <= xMax)) {
    xMin = -1;
    xMax = 1;
    yMin = -1;
    yMax = 1;
  }
  const half = (Math.max(xMax - xMin, yMax - yMin, 1e-9) / 2) * 1.1;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** Grid point coordinates, row 0 at yMax, column 0 at xMin (pixel centres). */
export function gridInputs(bounds: Bounds, n: number): Float64Array {
  const X = new Float64Array(2 * n * n);
  const dx = (bounds.xMax - bounds.xMin) / n;
  const dy = (bounds.yMax - bounds.yMin) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const k = r * n + c;
      X[k] = bounds.xMin + (c + 0.5) * dx;
      X[n * n + k] = bounds.yMax - (r + 0.5) * dy;
    }
  }
  return X;
}

const forwardCache = new Map<string, ForwardFn>();
/** Forward passes kept at once, the least recently used dropped first (a WebAssembly one holds its memory). */
const FORWARD_CACHE_SIZE = 8;

/**
 * A forward pass per network shape and sample count: the tiled WebAssembly forward (the same bits as step.ts's
 * compiled JS forward, several times faster: a tanh net's 100 × 100 grid 10 → 2.3 ms),
 * else the JS one.
 */
export function predictor(experiment: Experiment, m: number): ForwardFn {
  const { layers, hiddenActivation: hidden, leakyReluAlpha: alpha } = experiment.network;
  const key = `${layers.join(',')}|${hidden}|${alpha}|${m}`;
  let f = forwardCache.get(key);
  if (f) forwardCache.delete(key);
  else f = compileTiledForward({ layers, m, hidden, alpha }) ?? compileForward({ layers, m, hidden, alpha });
  forwardCache.set(key, f);
  if (forwardCache.size > FORWARD_CACHE_SIZE) forwardCache.delete(forwardCache.keys().next().value!);
  return f;
}

/**
 * Grid points per forward pass of the boundary (at most; whole rows): a compiled forward keeps buffers of
 * width × points per layer, so a whole 100 × 100 grid of a 256-wide net would hold 60 MB; in slices of this many
 * the values are the same (each point's forward pass is its own) and the buffers 2 MB.
 */
export const BOUNDARY_SLICE = 1024;

export function boundaryProbabilities(params: Params, experiment: Experiment, bounds: Bounds, n: number): Float64Array {
  const X = gridInputs(bounds, n);
  const total = n * n;
  const out = new Float64Array(total);
  // Whole grid rows per slice, so that a grid of n rows is usually cut into equal slices: one compiled forward.
  const size = Math.max(1, Math.floor(BOUNDARY_SLICE / n)) * n;
  const slice = new Float64Array(2 * size);
  for (let k0 = 0; k0 < total; k0 += size) {
    const c = Math.min(size, total - k0);
    const xs = c === size ? slice : new Float64Array(2 * c);
    xs.set(X.subarray(k0, k0 + c), 0);
    xs.set(X.subarray(total + k0, total + k0 + c), c);
    out.set(predictor(experiment, c)(params, xs).subarray(0, c), k0);
  }
  return out;
}

/** Fraction of samples whose prediction (a > 0.5) equals the label. */
export function accuracyOf(a: Float64Array, Y: Float64Array): number {
  let right = 0;
  for (let k = 0; k < Y.length; k++) if ((a[k] > 0.5 ? 1 : 0) === Y[k]) right++;
  return right / Y.length;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without Buffer/btoa so the core stays platform-free. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i],
      b = bytes[i + 1],
      c = bytes[i + 2];
    out += B64[a >> 2] + B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : B64[c & 63];
  }
  return out;
}

export function boundaryGrid(params: Params, experiment: Experiment, bounds: Bounds, n: number): BoundaryGrid {
  const p = boundaryProbabilities(params, experiment, bounds, n);
  const bytes = new Uint8Array(n * n);
  // NaN (a diverged network) maps to 0.5 grey rather than a misleading class colour.
  for (let k = 0; k < n * n; k++) bytes[k] = Number.isNaN(p[k]) ? 128 : Math.round(255 * p[k]);
  return { n, ...bounds, probs: bytesToBase64(bytes) };
}

export function pointSet(ds: Dataset): { xyl: number[] } {
  const xyl: number[] = [];
  for (let k = 0; k < ds.m; k++) xyl.push(ds.X[k], ds.X[ds.m + k], ds.Y[k]);
  return { xyl };
}
