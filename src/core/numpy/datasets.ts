// Seeded 2-D toy datasets: scikit-learn's make_circles / make_moons draw for draw, plus xor, gaussian and spiral.
import type { Dataset, DatasetKind, DatasetPart } from '../experiment/types';
import type { Rng } from './rng';
import { crCos, crSin } from './correctlyRounded';

/** Radius of the inner circle relative to the outer one (make_circles' default factor). */
export const CIRCLES_FACTOR = 0.8;

// Trigonometry is correctly rounded (crCos/crSin) rather than V8's Math.cos/sin: NumPy computes these with
// glibc (or, on AVX-512 machines, its own SIMD code), and glibc rounds correctly in all but rare cases.

/**
 * Clean points before shuffling and noise: coordinates and labels in generation order.
 * Every kind follows scikit-learn's pattern: build the clean structure, shuffle rows with
 * `rng.permutation(m)`, then add `normal(0, noise)` to x1 then x2 of each row in order.
 */
interface Points {
  x1: Float64Array;
  x2: Float64Array;
  y: Float64Array;
}

function allocate(m: number): Points {
  return { x1: new Float64Array(m), x2: new Float64Array(m), y: new Float64Array(m) };
}

/**
 * np.linspace(0, stop, num, endpoint): i·step with step = stop/div, div = num−1 (endpoint) or num;
 * with endpoint the last value is `stop` itself; num = 1 with endpoint gives [0] (NumPy multiplies by delta).
 */
function linspaceFromZero(stop: number, num: number, endpoint: boolean): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  if (div > 0) {
    const step = stop / div;
    for (let i = 0; i < num; i++) out[i] = i * step;
  }
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** Class sizes as scikit-learn splits an int n_samples: floor(m/2) of class 0, the rest class 1. */
function split(m: number): [number, number] {
  const nOut = Math.floor(m / 2);
  return [nOut, m - nOut];
}

/**
 * make_circles(m, noise, factor=0.8): class 0 on the unit circle at angles linspace(0, 2π, n0, endpoint=False),
 * class 1 on the circle of radius 0.8 at linspace(0, 2π, n1, endpoint=False).
 */
function circles(m: number): Points {
  const [nOut, nIn] = split(m);
  const p = allocate(m);
  const tOut = linspaceFromZero(2 * Math.PI, nOut, false);
  const tIn = linspaceFromZero(2 * Math.PI, nIn, false);
  for (let i = 0; i < nOut; i++) {
    p.x1[i] = crCos(tOut[i]);
    p.x2[i] = crSin(tOut[i]);
  }
  for (let i = 0; i < nIn; i++) {
    p.x1[nOut + i] = crCos(tIn[i]) * CIRCLES_FACTOR;
    p.x2[nOut + i] = crSin(tIn[i]) * CIRCLES_FACTOR;
    p.y[nOut + i] = 1;
  }
  return p;
}

/**
 * make_moons(m, noise): class 0 is (cos t, sin t), class 1 is (1 − cos t, 1 − sin t − 0.5),
 * each with t = linspace(0, π, n) including π.
 */
function moons(m: number): Points {
  const [nOut, nIn] = split(m);
  const p = allocate(m);
  const tOut = linspaceFromZero(Math.PI, nOut, true);
  const tIn = linspaceFromZero(Math.PI, nIn, true);
  for (let i = 0; i < nOut; i++) {
    p.x1[i] = crCos(tOut[i]);
    p.x2[i] = crSin(tOut[i]);
  }
  for (let i = 0; i < nIn; i++) {
    p.x1[nOut + i] = 1 - crCos(tIn[i]);
    p.x2[nOut + i] = 1 - crSin(tIn[i]) - 0.5;
    p.y[nOut + i] = 1;
  }
  return p;
}

/**
 * xor (Init Lab's own): for each sample in order, x1 = uniform(−1, 1) then x2 = uniform(−1, 1);
 * label 1 when x1·x2 < 0 (second and fourth quadrants), else 0. Labels come from the clean point.
 */
function xor(m: number, rng: Rng): Points {
  const p = allocate(m);
  for (let i = 0; i < m; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    p.x1[i] = a;
    p.x2[i] = b;
    p.y[i] = a * b < 0 ? 1 : 0;
  }
  return p;
}

/** Standard deviation of each gaussian blob before the noise is added. */
export const GAUSSIAN_BLOB_STD = 0.5;

/**
 * gaussian (Init Lab's own): floor(m/2) points of class 0 around (−1, −1) and the rest of class 1
 * around (1, 1); each coordinate is centre + 0.5·randn(), drawn x1 then x2 per point in class order.
 */
function gaussian(m: number, rng: Rng): Points {
  const [nOut] = split(m);
  const p = allocate(m);
  for (let i = 0; i < m; i++) {
    const c = i < nOut ? -1 : 1;
    p.x1[i] = c + GAUSSIAN_BLOB_STD * rng.randn();
    p.x2[i] = c + GAUSSIAN_BLOB_STD * rng.randn();
    p.y[i] = i < nOut ? 0 : 1;
  }
  return p;
}

/** Number of half-turns each spiral arm makes. */
export const SPIRAL_HALF_TURNS = 3;

/**
 * spiral (Init Lab's own): two interleaved arms. Arm c (class c; floor(m/2) points in arm 0) has points
 * k = 0..n−1 at t = k/(n−1) (t = 0 when n = 1), radius r = 0.1 + 0.9·t, angle θ = 3π·t + c·π:
 * (r·cos θ, r·sin θ). No randomness before the shuffle and noise.
 */
function spiral(m: number): Points {
  const sizes = split(m);
  const p = allocate(m);
  let row = 0;
  for (let c = 0; c < 2; c++) {
    const n = sizes[c];
    for (let k = 0; k < n; k++) {
      const t = n > 1 ? k / (n - 1) : 0;
      const r = 0.1 + 0.9 * t;
      const theta = SPIRAL_HALF_TURNS * Math.PI * t + c * Math.PI;
      p.x1[row] = r * crCos(theta);
      p.x2[row] = r * crSin(theta);
      p.y[row] = c;
      row++;
    }
  }
  return p;
}

/** Rows reordered by `rng.permutation(m)` (sklearn.utils.shuffle), then `normal(0, noise)` per coordinate, row-major. */
function shuffleAndNoise(p: Points, noise: number, rng: Rng, shuffle: boolean): Dataset {
  const m = p.y.length;
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  const order = shuffle ? rng.permutation(m) : null;
  for (let i = 0; i < m; i++) {
    const j = order ? order[i] : i;
    X[i] = p.x1[j];
    X[m + i] = p.x2[j];
    Y[i] = p.y[j];
  }
  // scikit-learn draws the noise whenever noise is not None, so noise 0 still advances the stream.
  for (let i = 0; i < m; i++) {
    X[i] += rng.normal(0, noise);
    X[m + i] += rng.normal(0, noise);
  }
  return { m, X, Y };
}

/** Reseeds `rng` with part.seed (like np.random.seed) and generates the part exactly as the reference does. */
export function generateDataset(kind: DatasetKind, part: DatasetPart, rng: Rng): Dataset {
  const m = part.samples;
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`samples must be a non-negative integer, got ${m}`);
  if (!(part.noise >= 0) || !Number.isFinite(part.noise))
    throw new RangeError(`noise must be a finite number ≥ 0, got ${part.noise}`);
  rng.seed(part.seed);
  switch (kind) {
    case 'circles':
      return shuffleAndNoise(circles(m), part.noise, rng, true);
    case 'moons':
      return shuffleAndNoise(moons(m), part.noise, rng, true);
    case 'xor':
      return shuffleAndNoise(xor(m, rng), part.noise, rng, false);
    case 'gaussian':
      return shuffleAndNoise(gaussian(m, rng), part.noise, rng, true);
    case 'spiral':
      return shuffleAndNoise(spiral(m), part.noise, rng, true);
  }
}
