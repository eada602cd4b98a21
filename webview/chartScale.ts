// The arithmetic of the panel's own line charts, DOM-free: axis domains and ticks, value↔pixel maps, decimation, lookup.

/** A map from data values to pixels along one axis (log or linear), and back. */
export interface Scale {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  toPx(v: number): number;
  fromPx(px: number): number;
}

/** A scale mapping [min, max] onto [p0, p1] (p1 < p0 for a y axis drawn upwards); log needs 0 < min < max. */
export function makeScale(min: number, max: number, p0: number, p1: number, log: boolean): Scale {
  const f = log ? Math.log10 : (v: number) => v;
  const fInv = log ? (u: number) => 10 ** u : (u: number) => u;
  const u0 = f(min);
  const span = f(max) - u0 || 1;
  const k = (p1 - p0) / span;
  return {
    min,
    max,
    log,
    toPx: (v) => p0 + (f(v) - u0) * k,
    fromPx: (px) => fInv(u0 + (px - p0) / k),
  };
}

/** 1, 2 or 5 × 10^k: the nicest step at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Round multiples of a 1-2-5 step inside [min, max], at most `maxCount` of them (at least 2 when the span allows). */
export function linearTicks(min: number, max: number, maxCount: number): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return Number.isFinite(min) ? [min] : [];
  const step = niceStep((max - min) / Math.max(1, maxCount - 1));
  const out: number[] = [];
  // Integer multiples of the step, so that 0.1 + 0.2 rounding never shows as 0.30000000000000004.
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * A linear axis widened to whole ticks at both ends, as a reader expects an axis to end on a labelled value, when that
 * costs at most a quarter more span and no more than `maxCount` ticks; else the data's own ends. Returns
 * [min, max, ticks].
 */
export function niceLinear(min: number, max: number, maxCount: number): [number, number, number[]] {
  const ticks = linearTicks(min, max, maxCount);
  if (ticks.length < 2) return [min, max, ticks];
  const step = ticks[1] - ticks[0];
  const k0 = Math.floor(min / step + 1e-9);
  const k1 = Math.ceil(max / step - 1e-9);
  const lo = Number((k0 * step).toPrecision(12));
  const hi = Number((k1 * step).toPrecision(12));
  if (k1 - k0 + 1 > maxCount || hi - lo > 1.25 * (max - min)) return [min, max, ticks];
  const wide: number[] = [];
  for (let k = k0; k <= k1; k++) wide.push(Number((k * step).toPrecision(12)));
  return [lo, hi, wide];
}

/** Ticks of a log axis: whole decades (every n-th when many), or 1-2-5 within a decade or two. */
export function logTicks(min: number, max: number, maxCount: number): number[] {
  if (!(min > 0) || !(max > min)) return min > 0 ? [min] : [];
  const d0 = Math.ceil(Math.log10(min) - 1e-9);
  const d1 = Math.floor(Math.log10(max) + 1e-9);
  const decades = d1 - d0 + 1;
  if (decades >= 2) {
    const every = Math.ceil(decades / maxCount);
    const out: number[] = [];
    for (let d = d0; d <= d1; d += every) out.push(Number((10 ** d).toPrecision(12)));
    return out;
  }
  // Less than two decades on the axis: 1, 2 and 5 of each decade in range, else linear ticks.
  const out: number[] = [];
  for (let d = Math.floor(Math.log10(min)); d <= Math.ceil(Math.log10(max)); d++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** d).toPrecision(12));
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out.length >= 2 && out.length <= maxCount ? out : linearTicks(min, max, maxCount);
}

/**
 * The shown range of a y axis holding [lo, hi]: linear from 0 when asked (costs are never negative) with `grace`
 * of the span above; log from the data's decades, padded by `grace` in log space. Degenerate data get a unit span.
 */
export function yDomain(lo: number, hi: number, log: boolean, fromZero: boolean, grace: number): [number, number] {
  if (log) {
    if (!(lo > 0) || !Number.isFinite(hi)) return [0.1, 10];
    const u0 = Math.log10(lo);
    const u1 = Math.log10(hi);
    const pad = Math.max(u1 - u0, 0.5) * grace;
    return [10 ** (u0 - pad - (u1 === u0 ? 0.5 : 0)), 10 ** (u1 + pad + (u1 === u0 ? 0.5 : 0))];
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const min = fromZero ? Math.min(0, lo) : lo;
  const span = hi - min || Math.abs(hi) || 1;
  return [fromZero ? min : min - span * grace, hi + span * grace];
}

/** The smallest and largest finite (and, for a log axis, positive) y of the visible series; NaN when none. */
export function yExtent(series: readonly { y: ArrayLike<number> }[], positiveOnly: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i];
      if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

/**
 * Indices of the points worth drawing when many share a pixel column: per column the first, the lowest, the
 * highest and the last (in x order), so spikes survive; `column(i)` gives point i's column. NaN y (a gap) is kept.
 */
export function decimate(count: number, y: ArrayLike<number>, column: (i: number) => number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < count) {
    // A gap is drawn by itself: it breaks the line.
    if (Number.isNaN(y[i])) {
      out.push(i++);
      continue;
    }
    const c = column(i);
    let lo = i;
    let hi = i;
    let j = i + 1;
    for (; j < count && !Number.isNaN(y[j]) && column(j) === c; j++) {
      if (y[j] < y[lo]) lo = j;
      if (y[j] > y[hi]) hi = j;
    }
    for (const k of [i, Math.min(lo, hi), Math.max(lo, hi), j - 1]) if (out[out.length - 1] !== k) out.push(k);
    i = j;
  }
  return out;
}

/** The index of the x nearest `x` in ascending `xs` (−1 when empty). */
export function nearestIndex(xs: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - xs[lo - 1] <= xs[lo] - x ? lo - 1 : lo;
}
