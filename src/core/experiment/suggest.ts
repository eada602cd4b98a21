// Nearest-name suggestions for misspelled names: "He" → "he", "xavier_uniform" → "xavierUniform".

/** Folds case and separators so "Xavier_Uniform", "xavier-uniform" and "xavierUniform" compare equal. */
export function foldName(s: string): string {
  return s.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** Optimal string alignment distance: Levenshtein plus swaps of two adjacent characters ("ha" vs "ah"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/** Other names people use for a valid one, keyed by folded spelling (e.g. Keras' "glorot_uniform"). */
export type Aliases = Readonly<Record<string, string>>;

/**
 * The valid name a learner most likely meant, or undefined when nothing is close enough to be a typo.
 * Tried in order: same name ignoring case and separators, a known alias, a unique valid name that starts
 * with the input (at least 3 characters), then the nearest by edit distance within about a third of the
 * input's length. Long inputs are not compared, so the cost stays bounded on garbage.
 */
export function suggestName(input: string, valid: readonly string[], aliases: Aliases = {}): string | undefined {
  const folded = foldName(input);
  if (folded.length === 0 || folded.length > 64) return undefined;
  const exact = valid.find((v) => foldName(v) === folded);
  if (exact !== undefined) return exact;
  if (Object.hasOwn(aliases, folded)) {
    const alias = aliases[folded];
    if (valid.includes(alias)) return alias;
  }
  if (folded.length >= 3) {
    const prefixed = valid.filter((v) => foldName(v).startsWith(folded));
    if (prefixed.length === 1) return prefixed[0];
  }
  const threshold = Math.max(1, Math.floor(folded.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const v of valid) {
    const distance = editDistance(folded, foldName(v));
    if (distance < bestDistance) {
      best = v;
      bestDistance = distance;
    }
  }
  return bestDistance <= threshold ? best : undefined;
}
