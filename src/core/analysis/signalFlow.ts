// Signal flow: std of each layer's Z, A and back-propagated dZ, dA on the training set, by the reference network.
import { activationSlope, forward } from '../engine/network';
import type { Params } from '../engine/network';
import type { Dataset, NetworkSpec } from '../experiment/types';
import type { Histogram, LayerSignal, SignalSnapshot } from './results';
import { DEFAULT_BINS, histogram } from './histogram';
import { unitHealth } from './unitHealth';

/** Population std over every entry, or null when one is not finite (a diverged network has no spread to show). */
export function stdOf(values: Float64Array, scale = 1): number | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  if (!Number.isFinite(sum)) return null;
  const mean = sum / n;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  const std = scale * Math.sqrt(sq / n);
  return Number.isFinite(std) ? std : null;
}

/** The histogram of `values`·scale (scale > 0), or null when one is not finite: as stdOf, a diverged layer has none. */
export function finiteHistogram(values: Float64Array, scale = 1): Histogram | null {
  for (const v of values) if (!Number.isFinite(v)) return null;
  if (values.length === 0) return null;
  return histogram(values, DEFAULT_BINS, scale);
}

/**
 * dZ of every layer (dZ[l-1] for layer l, units × m) and dA of every hidden layer (dA[l-1] for layer l < L),
 * by the same chain rule as network.backward: dZ_L = (A_L − Y)/m, dA_{l−1} = W_lᵀ·dZ_l, dZ_{l−1} = dA_{l−1}·g′.
 * backward() returns only dW and db, and the engines are not ours to change, so the chain is spelt out here;
 * a test checks that dZ_l·A_{l−1}ᵀ reproduces backward()'s dW.
 */
export function backpropagated(
  p: Params,
  A: readonly Float64Array[],
  Y: Float64Array,
  m: number,
  network: NetworkSpec,
): { dZ: Float64Array[]; dA: Float64Array[] } {
  const L = p.layers.length - 1;
  const dZ: Float64Array[] = new Array<Float64Array>(L);
  const dA: Float64Array[] = new Array<Float64Array>(L - 1);
  let dz = new Float64Array(m);
  for (let k = 0; k < m; k++) dz[k] = (A[L][k] - Y[k]) / m;
  dZ[L - 1] = dz;
  for (let l = L; l > 1; l--) {
    const nOut = p.layers[l];
    const nIn = p.layers[l - 1];
    const W = p.W[l - 1];
    const prev = A[l - 1];
    const da = new Float64Array(nIn * m);
    const next = new Float64Array(nIn * m);
    for (let i = 0; i < nIn; i++) {
      for (let k = 0; k < m; k++) {
        let s = 0;
        for (let j = 0; j < nOut; j++) s += W[j * nIn + i] * dz[j * m + k];
        da[i * m + k] = s;
        next[i * m + k] = s * activationSlope(network.hiddenActivation, prev[i * m + k], network.leakyReluAlpha);
      }
    }
    dA[l - 2] = da;
    dZ[l - 2] = next;
    dz = next;
  }
  return { dZ, dA };
}

/** One forward and one backward pass of `p` over `data`: what the signal-flow chart and unit health show. */
export function signalSnapshot(p: Params, data: Dataset, network: NetworkSpec, iteration: number): SignalSnapshot {
  const { m } = data;
  const L = p.layers.length - 1;
  const { A, Z } = forward(p, data.X, m, network.hiddenActivation, network.leakyReluAlpha);
  const { dZ, dA } = backpropagated(p, A, data.Y, m, network);
  const layers: LayerSignal[] = [];
  for (let l = 1; l <= L; l++) {
    const hiddenLayer = l < L;
    const finiteZ = stdOf(Z[l - 1]) !== null;
    const health =
      hiddenLayer && finiteZ
        ? unitHealth(network.hiddenActivation, Z[l - 1], p.layers[l], m)
        : { dead: null, saturated: null };
    layers.push({
      layer: l,
      zStd: stdOf(Z[l - 1]),
      aStd: stdOf(A[l]),
      // Per sample: the mean cost's 1/m is undone so the numbers do not depend on the dataset's size.
      dzStd: stdOf(dZ[l - 1], m),
      daStd: hiddenLayer ? stdOf(dA[l - 1], m) : null,
      ...health,
      aHist: finiteHistogram(A[l]),
      dzHist: finiteHistogram(dZ[l - 1], m),
    });
  }
  return { iteration, inputStd: stdOf(data.X) ?? 0, layers };
}
