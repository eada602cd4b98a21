// Size limits that keep an experiment from freezing or exhausting the learner's machine.

/**
 * Every limit is checked by `parseExperiment` with its own message, and the ones JSON Schema can express
 * (samples, iterations, layer count and width, run count) are mirrored in `schemas/initexp.schema.json`.
 */
export const LIMITS = {
  /** Samples per dataset part (train or test). */
  maxSamples: 10_000,
  /** Weights and biases of the whole network: Σ (fan_in + 1) · fan_out. */
  maxParameters: 1_000_000,
  /** Gradient-descent iterations per run. */
  maxIterations: 1_000_000,
  /** Entries of `network.layers`, input and output included. */
  maxLayers: 32,
  /** Units in one layer. */
  maxWidth: 1024,
  /** Runs in one experiment. */
  maxRuns: 12,
  /**
   * Activation values held per forward pass: samples of the larger dataset part × Σ layer widths.
   * Training keeps a few arrays of this size (Z, A, dZ), 8 bytes per value, so this caps memory near 100 MB.
   */
  maxActivations: 4_000_000,
  /**
   * Multiply-adds of one run: iterations × training samples × parameters. The notebook's He run is 15,000 ×
   * 300 × 91 ≈ 4·10⁸; at the 36–100 µs per iteration quoted for it (≈1.3–3.7 ns per multiply-add) this cap
   * is roughly one to three minutes of training per run.
   */
  maxWork: 50_000_000_000,
} as const;

export type LimitName = keyof typeof LIMITS;

/** Numbers in messages and schema descriptions are written with thousands separators: 10,000. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Weights plus biases of a fully connected network with the given layer widths. */
export function parameterCount(layers: readonly number[]): number {
  let total = 0;
  for (let l = 1; l < layers.length; l++) total += (layers[l - 1] + 1) * layers[l];
  return total;
}
