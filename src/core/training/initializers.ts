// Weight initializers: every scheme of the `.initexp.json` format, each with its formula.
import type { Rng } from '../numpy/rng';
import { truncatedNormal } from '../numpy/rng';
import type { InitScheme, InitSpec } from '../experiment/types';

/** Keras' TruncatedNormal default std, used when a truncatedNormal spec gives none. */
export const DEFAULT_TRUNCATED_STD = 0.05;

/** The setting a scheme reads from its spec besides `gain`: `std` (normal kinds) or `limit` (uniform). */
export type SchemeParam = 'std' | 'limit';

export interface SchemeInfo {
  label: string;
  /** The formula shown to learners. */
  formula: string;
  /** What sets the scale, for messages that explain why a field does not apply: "std = √(2/fan_in)". */
  scaleText: string;
  kind: 'zeros' | 'normal' | 'uniform' | 'truncated' | 'orthogonal';
  /** The spec field the scheme takes, and whether the file must give it (else a default applies). */
  param?: { name: SchemeParam; required: boolean };
  /** Std (normal kinds) or limit (uniform kinds) before gain, from the layer's fans. */
  scale(spec: InitSpec, fanIn: number, fanOut: number): number;
}

/** Every scheme of the format, once: the validator, the schema test and the panel derive what they need from here. */
export const SCHEMES: Readonly<Record<InitScheme, SchemeInfo>> = {
  zeros: { label: 'Zeros', formula: 'W = 0', scaleText: 'no scale (every weight is 0)', kind: 'zeros', scale: () => 0 },
  normal: {
    label: 'Random normal',
    formula: 'randn · std',
    scaleText: 'std = "std"',
    kind: 'normal',
    param: { name: 'std', required: true },
    scale: (s) => s.std ?? 1,
  },
  uniform: {
    label: 'Random uniform',
    formula: 'U(−limit, limit)',
    scaleText: 'limit = "limit"',
    kind: 'uniform',
    param: { name: 'limit', required: true },
    scale: (s) => s.limit ?? 1,
  },
  truncatedNormal: {
    label: 'Truncated normal',
    formula: 'randn · std, redrawn beyond 2 std',
    scaleText: 'std = "std", redrawn beyond 2 std',
    kind: 'truncated',
    param: { name: 'std', required: false },
    scale: (s) => s.std ?? DEFAULT_TRUNCATED_STD,
  },
  orthogonal: {
    label: 'Orthogonal',
    formula: 'Q of QR(randn), sign-corrected',
    scaleText: 'an orthogonal matrix',
    kind: 'orthogonal',
    scale: () => 1,
  },
  he: {
    label: 'He normal',
    formula: 'randn · √(2/fan_in)',
    scaleText: 'std = √(2/fan_in)',
    kind: 'normal',
    scale: (_s, fi) => Math.sqrt(2 / fi),
  },
  lecun: {
    label: 'LeCun normal (the course\'s "Xavier")',
    formula: 'randn · √(1/fan_in)',
    scaleText: 'std = √(1/fan_in)',
    kind: 'normal',
    scale: (_s, fi) => Math.sqrt(1 / fi),
  },
  xavier: {
    label: 'Xavier/Glorot normal',
    formula: 'randn · √(2/(fan_in+fan_out))',
    scaleText: 'std = √(2/(fan_in+fan_out))',
    kind: 'normal',
    scale: (_s, fi, fo) => Math.sqrt(2 / (fi + fo)),
  },
  heUniform: {
    label: 'He uniform',
    formula: 'U(±√(6/fan_in))',
    scaleText: 'limit = √(6/fan_in)',
    kind: 'uniform',
    scale: (_s, fi) => Math.sqrt(6 / fi),
  },
  lecunUniform: {
    label: 'LeCun uniform',
    formula: 'U(±√(3/fan_in))',
    scaleText: 'limit = √(3/fan_in)',
    kind: 'uniform',
    scale: (_s, fi) => Math.sqrt(3 / fi),
  },
  xavierUniform: {
    label: 'Xavier/Glorot uniform',
    formula: 'U(±√(6/(fan_in+fan_out)))',
    scaleText: 'limit = √(6/(fan_in+fan_out))',
    kind: 'uniform',
    scale: (_s, fi, fo) => Math.sqrt(6 / (fi + fo)),
  },
};

/** The schemes that take `param` (std or limit), in the format's order. */
export function schemesTaking(param: SchemeParam): InitScheme[] {
  return (Object.keys(SCHEMES) as InitScheme[]).filter((s) => SCHEMES[s].param?.name === param);
}

/** A one-line human description, e.g. "He normal: randn · √(2/fan_in)" or "Random normal: randn · std (std = 10)". */
export function describeInit(spec: InitSpec): string {
  const info = SCHEMES[spec.scheme];
  const params: string[] = [];
  if (spec.std !== undefined) params.push(`std = ${spec.std}`);
  if (spec.limit !== undefined) params.push(`limit = ${spec.limit}`);
  if (spec.gain !== undefined && spec.gain !== 1) params.push(`gain = ${spec.gain}`);
  return `${info.label}: ${info.formula}${params.length ? ` (${params.join(', ')})` : ''}`;
}

/**
 * Draws W (fanOut × fanIn, row-major) exactly as the NumPy reference: `randn(fan_out, fan_in) * std` or
 * `uniform(-limit, limit, (fan_out, fan_in))`, where std/limit = gain · scheme scale.
 */
export function initWeights(spec: InitSpec, fanIn: number, fanOut: number, rng: Rng): Float64Array {
  const info = SCHEMES[spec.scheme];
  const n = fanIn * fanOut;
  const W = new Float64Array(n);
  const gain = spec.gain ?? 1;
  const scale = gain * info.scale(spec, fanIn, fanOut);
  switch (info.kind) {
    case 'zeros':
      break;
    case 'normal':
      for (let i = 0; i < n; i++) W[i] = rng.randn() * scale;
      break;
    case 'uniform':
      for (let i = 0; i < n; i++) W[i] = rng.uniform(-scale, scale);
      break;
    case 'truncated':
      for (let i = 0; i < n; i++) W[i] = truncatedNormal(rng, scale);
      break;
    case 'orthogonal':
      orthogonalInto(W, fanOut, fanIn, gain, rng);
      break;
  }
  return W;
}

/**
 * Var[N(0, 1)] truncated at ±2 (truncatedNormal redraws beyond 2 std): 1 − 4φ(2)/(Φ(2) − Φ(−2)), where
 * φ(2) = e⁻²/√(2π) ≈ 0.0539910 and Φ(2) − Φ(−2) ≈ 0.9544997.
 */
export const TRUNCATED_VARIANCE_FACTOR = 0.7737413049150703;

/**
 * The variance of one weight drawn by `spec` for a layer with these fans, from the same table as `initWeights`:
 * std² for normal kinds, limit²/3 for U(−limit, limit), the truncated normal's reduced variance, and for
 * orthogonal gain²/max(fan_in, fan_out) (orthonormal rows or columns: the squares of the entries sum to
 * min(fan_in, fan_out) over fan_in·fan_out entries). Variance propagation (analysis/theory.ts) uses it.
 */
export function weightVariance(spec: InitSpec, fanIn: number, fanOut: number): number {
  const info = SCHEMES[spec.scheme];
  const scale = (spec.gain ?? 1) * info.scale(spec, fanIn, fanOut);
  switch (info.kind) {
    case 'zeros':
      return 0;
    case 'normal':
      return scale * scale;
    case 'uniform':
      return (scale * scale) / 3;
    case 'truncated':
      return scale * scale * TRUNCATED_VARIANCE_FACTOR;
    case 'orthogonal':
      return (scale * scale) / Math.max(fanIn, fanOut);
  }
}

/**
 * Orthogonal init (Saxe et al.; PyTorch's recipe): QR of a rows×cols standard normal matrix (transposed when
 * rows < cols so Q is tall), Q's columns sign-corrected by diag(R) so the result is uniformly distributed.
 */
function orthogonalInto(W: Float64Array, rows: number, cols: number, gain: number, rng: Rng): void {
  const flat = new Float64Array(rows * cols);
  for (let i = 0; i < flat.length; i++) flat[i] = rng.randn();
  const tall = rows >= cols;
  const r = tall ? rows : cols;
  const c = tall ? cols : rows;
  // Columns of the tall r×c matrix, then modified Gram–Schmidt (c ≤ r, small sizes: stable enough).
  const q: Float64Array[] = [];
  for (let j = 0; j < c; j++) {
    const v = new Float64Array(r);
    for (let i = 0; i < r; i++) v[i] = tall ? flat[i * cols + j] : flat[j * cols + i];
    q.push(v);
  }
  for (let j = 0; j < c; j++) {
    const v = q[j];
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < r; i++) dot += q[p][i] * v[i];
      for (let i = 0; i < r; i++) v[i] -= dot * q[p][i];
    }
    let norm = 0;
    for (let i = 0; i < r; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    // Gram–Schmidt's R has a positive diagonal, so the sign correction is already applied.
    for (let i = 0; i < r; i++) v[i] = norm > 0 ? v[i] / norm : 0;
  }
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) {
      if (tall) W[i * cols + j] = gain * q[j][i];
      else W[j * cols + i] = gain * q[j][i];
    }
  }
}
