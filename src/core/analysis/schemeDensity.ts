// The distribution each scheme draws a weight from, as a CDF: the expected histogram drawn over the measured one.
import { SCHEMES } from '../training/initializers';
import type { InitSpec } from '../experiment/types';

/** Truncated normals are redrawn beyond 2 std (initializers.ts): the mass left is Φ(2) − Φ(−2). */
const TRUNCATE_AT = 2;

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): ample for a drawn curve. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** Standard normal CDF. */
export function phi(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/**
 * One entry of a Haar-random orthogonal matrix is a coordinate of a uniform unit vector in Rⁿ (n = the longer side):
 * density ∝ (1 − x²)^((n−3)/2) on [−1, 1]. Arcsine law for n = 2; for n ≥ 3 integrated numerically (Simpson).
 */
function unitCoordinateCdf(n: number): (x: number) => number {
  if (n === 2) return (x) => (x <= -1 ? 0 : x >= 1 ? 1 : 0.5 + Math.asin(x) / Math.PI);
  const pdf = (x: number): number => Math.pow(Math.max(0, 1 - x * x), (n - 3) / 2);
  const integrate = (a: number, b: number): number => {
    const panels = 64;
    const h = (b - a) / panels;
    let s = pdf(a) + pdf(b);
    for (let k = 1; k < panels; k++) s += (k % 2 ? 4 : 2) * pdf(a + k * h);
    return (s * h) / 3;
  };
  const total = integrate(-1, 1);
  return (x) => (x <= -1 ? 0 : x >= 1 ? 1 : Math.min(1, integrate(-1, x) / total));
}

/**
 * The CDF of one weight of a fanOut×fanIn matrix drawn by `spec`, or null where every weight is the same number
 * (zeros, a 1×1 orthogonal matrix): a spike, not a curve.
 */
export function schemeCdf(spec: InitSpec, fanIn: number, fanOut: number): ((x: number) => number) | null {
  const info = SCHEMES[spec.scheme];
  const scale = (spec.gain ?? 1) * info.scale(spec, fanIn, fanOut);
  if (!(scale > 0)) return null;
  switch (info.kind) {
    case 'zeros':
      return null;
    case 'normal':
      return (x) => phi(x / scale);
    case 'uniform':
      return (x) => Math.min(1, Math.max(0, (x + scale) / (2 * scale)));
    case 'truncated': {
      const lo = phi(-TRUNCATE_AT);
      const mass = phi(TRUNCATE_AT) - lo;
      return (x) =>
        Math.min(1, Math.max(0, (phi(Math.max(-TRUNCATE_AT, Math.min(TRUNCATE_AT, x / scale))) - lo) / mass));
    }
    case 'orthogonal': {
      const n = Math.max(fanIn, fanOut);
      if (n < 2) return null;
      const cdf = unitCoordinateCdf(n);
      return (x) => cdf(x / scale);
    }
  }
}

/** How many of `count` weights the scheme puts in each of `bins` equal bins over [min, max]; null for a spike. */
export function expectedCounts(
  spec: InitSpec,
  fanIn: number,
  fanOut: number,
  count: number,
  min: number,
  max: number,
  bins: number,
): number[] | null {
  const cdf = schemeCdf(spec, fanIn, fanOut);
  if (!cdf || !(max > min) || bins < 1) return null;
  const width = (max - min) / bins;
  const out = new Array<number>(bins);
  let below = cdf(min);
  for (let i = 0; i < bins; i++) {
    const above = cdf(min + (i + 1) * width);
    out[i] = count * (above - below);
    below = above;
  }
  return out;
}
