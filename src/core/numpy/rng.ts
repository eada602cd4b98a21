// Seeded random generators: NumPy's legacy RandomState (MT19937) bit for bit, and a seedrandom-based stream.
import seedrandom from 'seedrandom';
import { crLog } from './correctlyRounded';

export interface Rng {
  /** Reseed like np.random.seed(seed) (numpy) or a fresh seedrandom stream (seedrandom). */
  seed(seed: number): void;
  /** Uniform double in [0, 1): NumPy random_sample (53-bit, genrand_res53). */
  random(): number;
  /** Standard normal: NumPy legacy randn (polar Box-Muller with the cached second value; reseeding clears the cache). */
  randn(): number;
  /** NumPy uniform(low, high) = low + (high-low)*random_sample(). */
  uniform(low: number, high: number): number;
  /** NumPy legacy normal(loc, scale) = loc + scale*gauss. */
  normal(loc: number, scale: number): number;
  /** NumPy RandomState.permutation(n) / shuffle: Fisher-Yates from the end with legacy bounded-integer masked rejection. */
  permutation(n: number): Int32Array;
  shuffleInPlace<T>(arr: T[] | Float64Array | Int32Array): void;
  /**
   * Integer in [0, max] — note: max INCLUSIVE, exactly NumPy's C `random_interval(max)` as used by shuffle.
   * Legacy `randint(high)` for high ≤ 2^32 is the same draw with max = high − 1; use `randint` for [0, high).
   */
  randomInterval(max: number): number;
}

/** Largest seed np.random.seed accepts (it raises ValueError above it). */
export const MAX_NUMPY_SEED = 0xffffffff;

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_NUMPY_SEED) {
    throw new RangeError(`seed must be an integer between 0 and 2**32 - 1, got ${seed}`);
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`size must be a non-negative integer, got ${n}`);
}

/** Smallest all-ones bit mask covering `max` (max < 2^32), as NumPy builds it for masked rejection. */
function maskFor(max: number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/** Fisher-Yates from the end, j drawn by `interval(i)` in [0, i]: NumPy's `_shuffle_raw` order. */
function fisherYates<T>(arr: T[] | Float64Array | Int32Array, interval: (max: number) => number): void {
  // The three array types share index access; a local alias keeps the loop monomorphic per call site.
  const a = arr as unknown as { [k: number]: T; length: number };
  for (let i = a.length - 1; i >= 1; i--) {
    const j = interval(i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * NumPy's legacy algorithms over a source of bits: the polar gauss with its cached second value, uniform,
 * normal, masked-rejection intervals and Fisher-Yates. Subclasses supply `random()` and 32-bit words.
 */
abstract class LegacyStream implements Rng {
  private hasGauss = false;
  private gauss = 0;

  abstract seed(seed: number): void;
  abstract random(): number;
  /** Next raw 32-bit output, as an unsigned number. */
  abstract nextUint32(): number;

  /** Reseeding forgets the cached second normal, as np.random.seed does. */
  protected clearGauss(): void {
    this.hasGauss = false;
    this.gauss = 0;
  }

  randn(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.clearGauss();
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.random() - 1.0;
      x2 = 2.0 * this.random() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // Same operation order as NumPy's legacy_gauss; the log must round like glibc's (see correctlyRounded).
    const f = Math.sqrt((-2.0 * crLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  normal(loc: number, scale: number): number {
    return loc + scale * this.randn();
  }

  randomInterval(max: number): number {
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new RangeError(`randomInterval max must be an integer in [0, 2**32 - 1], got ${max}`);
    }
    if (max === 0) return 0;
    const mask = maskFor(max);
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** Legacy `randint(high)`: integer in [0, high), 1 ≤ high ≤ 2^32. */
  randint(high: number): number {
    if (!Number.isInteger(high) || high < 1)
      throw new RangeError(`randint high must be a positive integer, got ${high}`);
    return this.randomInterval(high - 1);
  }

  permutation(n: number): Int32Array {
    checkCount(n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffleInPlace(out);
    return out;
  }

  shuffleInPlace<T>(arr: T[] | Float64Array | Int32Array): void {
    fisherYates(arr, (max) => this.randomInterval(max));
  }
}

/**
 * NumPy's legacy `RandomState` over MT19937.
 *
 * Seeding: `np.random.seed(int)` does NOT use init_by_array; it calls `mt19937_seed`, i.e. the reference
 * `init_genrand(seed)` (verified against NumPy 1.24: after seed(0) the key starts 0, 1, 1812433255), then
 * clears the cached gauss. Doubles: (a·2^26 + b) / 2^53 with a = next32 >> 5, b = next32 >> 6.
 */
export class NumpyRandomState extends LegacyStream {
  private readonly mt = new Uint32Array(N);
  private pos = N;

  constructor(seed = 0) {
    super();
    this.seed(seed);
  }

  seed(seed: number): void {
    checkSeed(seed);
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      // 1812433253 * (prev ^ prev>>30) + i, modulo 2^32: Math.imul keeps the low 32 bits exactly.
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.pos = N;
    this.clearGauss();
  }

  /** Next raw 32-bit output (tempered), as an unsigned number. */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
}

/**
 * A non-NumPy stream for experiments that do not need parity: seedrandom's **alea** generator
 * (`seedrandom.alea(String(seed))`), 53-bit doubles from `.double()`, 32-bit words from `.int32()`.
 * Normals, intervals and permutations use the same legacy algorithms as NumpyRandomState, so only the
 * underlying bits differ.
 */
export class SeedrandomRng extends LegacyStream {
  private prng: seedrandom.PRNG;

  constructor(seed = 0) {
    super();
    this.prng = seedrandom.alea(String(seed));
  }

  seed(seed: number): void {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.prng = seedrandom.alea(String(seed));
    this.clearGauss();
  }

  random(): number {
    return this.prng.double();
  }

  nextUint32(): number {
    return this.prng.int32() >>> 0;
  }
}

export function createRng(kind: 'numpy' | 'seedrandom', seed?: number): Rng {
  switch (kind) {
    case 'numpy':
      return new NumpyRandomState(seed ?? 0);
    case 'seedrandom':
      return new SeedrandomRng(seed ?? 0);
  }
}

/** Truncated normal by redraw: std * randn(), redrawn while |z| > 2 (PyTorch/Keras convention: cut at 2 std). */
export function truncatedNormal(rng: Rng, std: number): number {
  let z = rng.randn();
  while (Math.abs(z) > 2) z = rng.randn();
  return std * z;
}
