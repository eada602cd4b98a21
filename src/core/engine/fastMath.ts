// exp and tanh as plain IEEE arithmetic (no libm), so WebAssembly can run the very same operations two at a time.
//
// Why: a call per element to an imported Math.tanh/Math.exp dominated deep tanh and sigmoid nets; wasm/fastMath.ts
// emits these functions' operations, in this order, as f64x2 code, so every engine still gets the same doubles.
// They are not libm's last bit (neither are NumPy's own SIMD exp/tanh); measured error: see the README's Speed section.
// No FMA anywhere: each `a * b + c` rounds twice, in WebAssembly as in JavaScript.

/** exp: x = k·ln2 + r (Cody–Waite, ln2 split so k·LN2_HI is exact), e^r by its Taylor series to r¹³, then ·2^k. */
export const EXP_LOG2E = 1.4426950408889634;
export const EXP_SHIFT = 6755399441055744; // 1.5·2^52: adding it rounds to an integer
export const EXP_LN2_HI = 6.9314718036912381649e-1;
export const EXP_LN2_LO = 1.90821492927058770002e-10;
/** Above it exp overflows (Infinity), below it underflows to 0: the thresholds of Math.exp. */
export const EXP_MAX = 709.782712893384;
export const EXP_MIN = -745.1332191019412;
/** 1/n! for n = 13 down to 2 (Horner order). */
export const EXP_POLY: readonly number[] = Array.from({ length: 12 }, (_, i) => {
  let f = 1;
  for (let n = 2; n <= 13 - i; n++) f *= n;
  return 1 / f;
});

/**
 * tanh(|x|) = E/(E + 2) with E = e^(2|x|) − 1: one polynomial (exp's, without its leading 1, so E keeps its digits
 * near 0 where e^(2|x|) − 1 would cancel) and a division. |x| is capped where tanh rounds to 1 (above 19.06):
 * there E + 2 rounds to E, and 2^k − 1 stays exact (k ≤ 55 rounds only by 2^-55).
 */
export const TANH_CAP = 19.1;

/** 2^j for |j| ≤ 540, exact (built from the bits). */
const POW2_OFFSET = 540;
const POW2 = (() => {
  const t = new Float64Array(2 * POW2_OFFSET + 1);
  const bits = new DataView(new ArrayBuffer(8));
  for (let j = -POW2_OFFSET; j <= POW2_OFFSET; j++) {
    bits.setUint32(0, (j + 1023) * 1048576, false);
    bits.setUint32(4, 0, false);
    t[j + POW2_OFFSET] = bits.getFloat64(0, false);
  }
  return t;
})();

export function exp(x: number): number {
  if (x !== x) return x;
  if (x > EXP_MAX) return Infinity;
  if (x < EXP_MIN) return 0;
  const t = x * EXP_LOG2E + EXP_SHIFT;
  const k = t - EXP_SHIFT;
  const r = x - k * EXP_LN2_HI - k * EXP_LN2_LO;
  let q = EXP_POLY[0];
  for (let i = 1; i < EXP_POLY.length; i++) q = q * r + EXP_POLY[i];
  const e = 1 + (r + r * r * q);
  // 2^k in two factors, each a normal number, so results near overflow and in the subnormal range round once.
  const k1 = Math.floor(k / 2);
  return e * POW2[k1 + POW2_OFFSET] * POW2[k - k1 + POW2_OFFSET];
}

export function tanh(x: number): number {
  const y = 2 * Math.min(Math.abs(x), TANH_CAP);
  const t = y * EXP_LOG2E + EXP_SHIFT;
  const k = t - EXP_SHIFT;
  const r = y - k * EXP_LN2_HI - k * EXP_LN2_LO;
  let q = EXP_POLY[0];
  for (let i = 1; i < EXP_POLY.length; i++) q = q * r + EXP_POLY[i];
  // e^y − 1 = 2^k·(e^r − 1) + (2^k − 1); for k = 0 (|x| < 0.17) just e^r − 1, whose r is y itself.
  const p = POW2[k + POW2_OFFSET];
  const e = p * (r + r * r * q) + (p - 1);
  const v = e / (e + 2);
  // v is +0 for both zeros and NaN for NaN: x's sign, and x itself at ±0.
  return x < 0 ? -v : x === 0 ? x : v;
}
