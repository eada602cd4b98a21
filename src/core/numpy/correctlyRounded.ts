// Correctly rounded ln, sin and cos (double-double evaluation, one final rounding) for NumPy/glibc parity.
//
// Why: NumPy's legacy gauss calls glibc's `log`, and NumPy's sin/cos fall back to glibc's (except where
// NumPy dispatches to AVX-512 SIMD code); glibc's results are correctly rounded except in rare cases
// (log: 130 of 157,195 polar-method inputs misrounded), while V8's Math.log/sin/cos (fdlibm ports) differ
// from them in about 3% of inputs. Evaluating to ~2^-100 relative and rounding once removes all but
// glibc's own rare misroundings.
//
// log: x = 2^k · m with m in [√½, √2); ln m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, summed as
// 2s·Σ s^(2j)/(2j+1) for j ≤ 22 (s^44/45 < 2^-112) in double-double; plus k·ln2 in double-double.
// sin/cos: r = x − k·π/2 with π/2 as three doubles and exact products, then Taylor series of sin r and
// cos r (|r| ≤ π/4) in double-double; |x| above 2^20 falls back to Math.sin / Math.cos.

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
  rl = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Exact sum a + b = rh + rl. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  rh = s;
  rl = a - (s - bb) + (b - bb);
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
  COEF_LO[j] = (1 - rh - rl) / q;
}

const bits = new DataView(new ArrayBuffer(8));

/** ln(x) rounded to nearest for positive finite x; other inputs follow Math.log (NaN, −∞, +∞). */
export function crLog(x: number): number {
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
  const sl = (f - rh - rl - sh * dl) / dh;
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

// π/2 = PIO2_1 + PIO2_2 + PIO2_3 to ~2^-160 (each part is the rounded remainder of the previous ones).
const PIO2_1 = 1.5707963267948966; // 0x1.921fb54442d18p+0
const PIO2_2 = 6.123233995736766e-17; // 0x1.1a62633145c07p-54
const PIO2_3 = -1.4973849048591698e-33; // -0x1.f1976b7ed8fbcp-110
const TRIG_LIMIT = 1048576; // 2^20: k·PIO2_3 and the reduction stay accurate to ~2^-80 relative below this
const TAYLOR_TERMS = 15; // (π/4)^31/31! < 2^-120
const TAYLOR_DD = 9; // terms above this are below 2^-53 of the sum and are summed in plain doubles

// sin r = r·Σ (−z)^n/(2n+1)!, cos r = Σ (−z)^n/(2n)! with z = r²: signed coefficients as double-doubles.
const SIN_HI = new Float64Array(TAYLOR_TERMS + 1);
const SIN_LO = new Float64Array(TAYLOR_TERMS + 1);
const COS_HI = new Float64Array(TAYLOR_TERMS + 1);
const COS_LO = new Float64Array(TAYLOR_TERMS + 1);

/** (ah, al) / b for a small exact integer b, to double-double. */
function ddDivSmall(ah: number, al: number, b: number): void {
  const q = ah / b;
  twoProd(q, b);
  const rem = ah - rh - rl + al;
  twoSum(q, rem / b);
}

{
  // 1/k! built by exact-integer divisions; sign alternates with n.
  let fh = 1;
  let fl = 0;
  COS_HI[0] = 1;
  for (let k = 1; k <= 2 * TAYLOR_TERMS + 1; k++) {
    ddDivSmall(fh, fl, k);
    fh = rh;
    fl = rl;
    const n = k >> 1;
    const sign = n % 2 === 0 ? 1 : -1;
    if (k % 2 === 1) {
      SIN_HI[n] = sign * fh;
      SIN_LO[n] = sign * fl;
    } else {
      COS_HI[n] = sign * fh;
      COS_LO[n] = sign * fl;
    }
  }
}

/** Σ c_n z^n for z = zh + zl, the coefficient table given, into (rh, rl). */
function taylor(hi: Float64Array, lo: Float64Array, zh: number, zl: number): void {
  let tail = hi[TAYLOR_TERMS];
  for (let n = TAYLOR_TERMS - 1; n > TAYLOR_DD; n--) tail = tail * zh + hi[n];
  ddMul(tail, 0, zh, zl);
  ddAdd(rh, rl, hi[TAYLOR_DD], lo[TAYLOR_DD]);
  for (let n = TAYLOR_DD - 1; n >= 0; n--) {
    ddMul(rh, rl, zh, zl);
    ddAdd(rh, rl, hi[n], lo[n]);
  }
}

/** Reduced argument r = x − k·π/2 as a double-double in (redH, redL); returns k mod 4. */
let redH = 0;
let redL = 0;
function reduce(x: number): number {
  const k = Math.round(x / PIO2_1);
  if (k === 0) {
    redH = x;
    redL = 0;
    return 0;
  }
  // x − k·P1 is exact: k·P1 = p + e exactly and x − p is exact (Sterbenz) as x ≈ k·π/2.
  twoProd(k, PIO2_1);
  const p = rh;
  const e = rl;
  const d = x - p;
  twoProd(k, PIO2_2);
  const q = rh;
  const f = rl;
  ddAdd(d, -e, -q, -f);
  ddAdd(rh, rl, -k * PIO2_3, 0);
  redH = rh;
  redL = rl;
  return ((k % 4) + 4) % 4;
}

/** sin r or cos r (which = 0 / 1) of the reduced argument, into (rh, rl). */
function kernel(which: 0 | 1): void {
  const h = redH;
  const l = redL;
  ddMul(h, l, h, l);
  const zh = rh;
  const zl = rl;
  if (which === 1) {
    taylor(COS_HI, COS_LO, zh, zl);
    return;
  }
  taylor(SIN_HI, SIN_LO, zh, zl);
  ddMul(rh, rl, h, l);
}

/** sin(x) rounded to nearest for |x| ≤ 2^20 (Math.sin beyond); sin(±0) = ±0. */
export function crSin(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.abs(x) > TRIG_LIMIT) return Math.sin(x);
  const quadrant = reduce(x);
  kernel(quadrant % 2 === 0 ? 0 : 1);
  const v = rh + rl;
  return quadrant < 2 ? v : -v;
}

/** cos(x) rounded to nearest for |x| ≤ 2^20 (Math.cos beyond). */
export function crCos(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.abs(x) > TRIG_LIMIT) return Math.cos(x);
  const quadrant = reduce(x);
  kernel(quadrant % 2 === 0 ? 1 : 0);
  const v = rh + rl;
  return quadrant === 0 || quadrant === 3 ? v : -v;
}
