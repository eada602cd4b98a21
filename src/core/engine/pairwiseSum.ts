// NumPy's summation order (pairwise, 8 accumulators per block of ≤128), so sums match np.sum bit for bit.
//
// Why: the course notebook prints costs to 16 digits; a plain left-to-right sum differs from np.sum in the last
// digits (0.6931471805599467 vs 0.6931471805599453), while this order reproduces NumPy's printed numbers exactly.

/** Sum of a[off .. off+n) in the order of NumPy's pairwise_sum for float64 (np.sum, np.nansum, axis sums). */
export function pairwiseSum(a: Float64Array, off: number, n: number): number {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res += a[off + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[off],
      r1 = a[off + 1],
      r2 = a[off + 2],
      r3 = a[off + 3];
    let r4 = a[off + 4],
      r5 = a[off + 5],
      r6 = a[off + 6],
      r7 = a[off + 7];
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      r0 += a[off + i];
      r1 += a[off + i + 1];
      r2 += a[off + i + 2];
      r3 += a[off + i + 3];
      r4 += a[off + i + 4];
      r5 += a[off + i + 5];
      r6 += a[off + i + 6];
      r7 += a[off + i + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[off + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
}
