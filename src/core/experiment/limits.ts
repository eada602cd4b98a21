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
  /** Run objects in one experiment file. */
  maxRuns: 12,
  /**
   * Runs after sweeps are expanded. Each trains in its own worker (one per core at a time); 32 runs of the
   * notebook's size take about ten seconds on two cores, and the panel switches to compact cards beyond a few.
   */
  maxExpandedRuns: 32,
  /**
   * Activation values held per forward pass: samples of the larger dataset part × Σ layer widths.
   * Training keeps a few arrays of this size (Z, A, dZ), 8 bytes per value, so this caps memory near 100 MB.
   */
  maxActivations: 4_000_000,
  /**
   * Multiply-adds of one run: iterations × training samples × parameters. The notebook's He run is 15,000 ×
   * 300 × 91 ≈ 4·10⁸; this cap is about 125 times that, minutes of training per run (`npm run bench` measures
   * the time per multiply-add of each engine).
   */
  maxWork: 50_000_000_000,
} as const;

/** Numbers in messages and schema descriptions are written with thousands separators: 10,000. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Weights of a fully connected network with the given layer widths: Σ fan_in · fan_out. */
export function weightCount(layers: readonly number[]): number {
  let total = 0;
  for (let l = 1; l < layers.length; l++) total += layers[l - 1] * layers[l];
  return total;
}

/** Weights plus biases: the weights and one bias per non-input unit. */
export function parameterCount(layers: readonly number[]): number {
  return weightCount(layers) + layers.slice(1).reduce((a, b) => a + b, 0);
}
