// Equal-width histograms binned where the values live (the worker), and the percentiles a histogram implies.
import type { Histogram, LayerSnapshot } from './results';

export const DEFAULT_BINS = 30;

/**
 * Histogram of `values`·scale in `bins` equal bins over [min, max], skipping non-finite values; a constant (or empty)
 * set gets a unit-wide range around it.
 */
export function histogram(values: Float64Array, bins: number, scale = 1): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    const v = x * scale;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) {
    min = -0.5;
    max = 0.5;
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (const x of values) {
    const v = x * scale;
    if (!Number.isFinite(v)) continue;
    const i = Math.min(bins - 1, Math.floor((v - min) / width));
    counts[i]++;
  }
  return { min, max, counts };
}

/**
 * The percentiles the distribution bands show: a normal distribution's −∞, −1.5σ, −σ, −σ/2, median, σ/2, σ, 1.5σ
 * and +∞ points (as TensorBoard's distributions do), so for normal weights the bands read as mean ± k·std.
 */
export const BAND_PERCENTILES: readonly number[] = [0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100];

/**
 * The values at `percents` (0..100) of the distribution a histogram describes, spreading each bin's count evenly
 * over its width; null when the histogram counts nothing. The bins span the values' own min and max, so 0 and
 * 100 give those exactly.
 */
export function histogramPercentiles(h: Histogram, percents: readonly number[] = BAND_PERCENTILES): number[] | null {
  const total = h.counts.reduce((a, c) => a + c, 0);
  if (total === 0) return null;
  const width = (h.max - h.min) / h.counts.length;
  const out: number[] = [];
  let bin = 0;
  let below = 0;
  for (const p of percents) {
    const target = (p / 100) * total;
    // Skip bins that end below the target, and empty bins (no mass to interpolate in).
    while (bin < h.counts.length - 1 && (below + h.counts[bin] < target || h.counts[bin] === 0)) {
      below += h.counts[bin];
      bin++;
    }
    const c = h.counts[bin];
    const within = c > 0 ? Math.min(1, Math.max(0, (target - below) / c)) : 1;
    out.push(h.min + (bin + within) * width);
  }
  return out;
}

/** A weight matrix's band percentiles: a constant matrix (std 0, e.g. zeros) is exactly its mean at every one. */
export function layerPercentiles(s: Pick<LayerSnapshot, 'histogram' | 'mean' | 'std' | 'nonFinite'>): number[] | null {
  if (s.std === 0 && s.histogram.counts.some((c) => c > 0)) return BAND_PERCENTILES.map(() => s.mean);
  return histogramPercentiles(s.histogram);
}
