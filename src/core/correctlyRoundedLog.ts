// Natural logarithm rounded to nearest from a double-double evaluation, so NumPy's randn can be matched.
//
// Why: NumPy's legacy gauss calls glibc's `log`, which is correctly rounded except in rare cases
// (measured: 130 of 157,195 polar-method inputs), while V8's Math.log (an fdlibm port) differs from it
// in about 3% of those inputs. Evaluating ln(x) to ~2^-104 relative and rounding once removes all but
// glibc's own rare misroundings.
//
// Method: x = 2^k · m with m in [√½, √2); ln m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, summed as
// 2s·Σ s^(2j)/(2j+1) for j ≤ 22 (s^44/45 < 2^-112) in double-double; plus k·ln2 in double-double.

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting for exact products without FMA
const SQRT2 = Math.SQRT2;
const LN2_HI = 0.6931471805599453; // ln 2 rounded to double (0x1.62e42fefa39efp-1)
const LN2_LO = 2.3190468138462996e-17; // ln 2 − LN2_HI rounded (0x1.abc9e3b39803fp-56)
const TERMS = 22;
const DD_TERMS = 11;

// Results of the double-double helpers: module scratch registers avoid allocating per call.
let rh = 0;
let rl = 0;

/** Exact product a·b = rh + rl. */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  rh = p;
  rl = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** Exact sum a + b = rh + rl. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  rh = s;
  rl = (a - (s - bb)) + (b - bb);
}

/** (ah, al) + (bh, bl), renormalised. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = rh;
  const se = rl;
  twoSum(al, bl);
  const th = rh;
  const te = rl;
  let e = se + th;
  twoSum(sh, e);
  const h = rh;
  e = rl + te;
  twoSum(h, e);
}

/** (ah, al) · (bh, bl), renormalised. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = rh;
  const e = rl + (ah * bl + al * bh);
  twoSum(p, e);
}

// 1/(2j+1) as double-doubles, j = 0..TERMS.
const COEF_HI = new Float64Array(TERMS + 1);
const COEF_LO = new Float64Array(TERMS + 1);
for (let j = 0; j <= TERMS; j++) {
  const q = 2 * j + 1;
  const hi = 1 / q;
  twoProd(hi, q);
  // 1 − hi·q is exact here (Sterbenz: hi·q ≈ 1), so lo carries the rest of 1/q.
  COEF_HI[j] = hi;
  COEF_LO[j] = ((1 - rh) - rl) / q;
}

const bits = new DataView(new ArrayBuffer(8));

/** ln(x) rounded to nearest for positive finite x; other inputs follow Math.log (NaN, −∞, +∞). */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: bring subnormals into the normal range
    k = -54;
  }
  bits.setFloat64(0, x);
  const hiWord = bits.getUint32(0);
  k += (hiWord >>> 20) - 1023;
  bits.setUint32(0, (hiWord & 0x000fffff) | 0x3ff00000);
  let m = bits.getFloat64(0); // in [1, 2), exact
  if (m > SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const f = m - 1; // exact (Sterbenz)
  twoSum(2, f);
  const dh = rh;
  const dl = rl;
  // s = f / (dh + dl) to double-double: one correction step of the quotient.
  const sh = f / dh;
  twoProd(sh, dh);
  const sl = (((f - rh) - rl) - sh * dl) / dh;
  twoSum(sh, sl);
  const s0 = rh;
  const s1 = rl;
  ddMul(s0, s1, s0, s1);
  const zh = rh;
  const zl = rl;
  // Terms j > DD_TERMS are below 2^-53 of the sum (z ≤ 0.0295 < 2^-5), so plain doubles suffice for them.
  let tail = COEF_HI[TERMS];
  for (let j = TERMS - 1; j > DD_TERMS; j--) tail = tail * zh + COEF_HI[j];
  let ph = COEF_HI[DD_TERMS];
  let pl = COEF_LO[DD_TERMS];
  ddMul(tail, 0, zh, zl);
  ddAdd(rh, rl, ph, pl);
  ph = rh;
  pl = rl;
  for (let j = DD_TERMS - 1; j >= 0; j--) {
    ddMul(ph, pl, zh, zl);
    ddAdd(rh, rl, COEF_HI[j], COEF_LO[j]);
    ph = rh;
    pl = rl;
  }
  ddMul(ph, pl, 2 * s0, 2 * s1);
  const lmh = rh;
  const lml = rl;
  if (k === 0) return lmh + lml;
  twoProd(k, LN2_HI);
  const kh = rh;
  const kl = rl + k * LN2_LO;
  ddAdd(kh, kl, lmh, lml);
  return rh + rl;
}
