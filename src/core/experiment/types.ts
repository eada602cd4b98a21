// The experiment model shared by every layer: the parsed, validated form of an `.initexp.json` file.

export const RNG_KINDS = ['numpy', 'seedrandom'] as const;
export const DATASET_KINDS = ['circles', 'moons', 'xor', 'gaussian', 'spiral'] as const;
export const HIDDEN_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu'] as const;
export const OUTPUT_ACTIVATIONS = ['sigmoid'] as const;
export const LOSSES = ['notebook', 'stable'] as const;
export const INIT_SCHEMES = [
  'zeros',
  'normal',
  'uniform',
  'truncatedNormal',
  'orthogonal',
  'he',
  'lecun',
  'xavier',
  'heUniform',
  'lecunUniform',
  'xavierUniform',
] as const;

export type RngKind = (typeof RNG_KINDS)[number];
export type DatasetKind = (typeof DATASET_KINDS)[number];
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];
export type LossKind = (typeof LOSSES)[number];
export type InitScheme = (typeof INIT_SCHEMES)[number];

export interface InitSpec {
  scheme: InitScheme;
  /** `normal` and `truncatedNormal`: standard deviation before gain. */
  std?: number;
  /** `uniform`: weights drawn from U(-limit, limit) before gain. */
  limit?: number;
  /** Multiplies the scheme's std or limit (default 1). */
  gain?: number;
}

export interface DatasetPart {
  samples: number;
  noise: number;
  seed: number;
}

export interface DatasetSpec {
  kind: DatasetKind;
  train: DatasetPart;
  test: DatasetPart;
}

export interface NetworkSpec {
  /** Layer widths, input first: [2, ..., 1]. */
  layers: number[];
  hiddenActivation: HiddenActivation;
  outputActivation: OutputActivation;
  leakyReluAlpha: number;
}

export interface TrainingSpec {
  learningRate: number;
  iterations: number;
  logEvery: number;
  loss: LossKind;
}

/** Settings a run can sweep over a list of values (`"sweep": { "init.std": [0.01, 0.1, 1] }`). */
export const SWEEP_KEYS = ['init.std', 'init.limit', 'init.gain', 'init.scheme', 'learningRate'] as const;
export type SweepKey = (typeof SWEEP_KEYS)[number];

/** Where an expanded run came from: the file's run `of`, its swept setting, and the value this run takes. */
export interface SweepPoint {
  of: string;
  key: SweepKey;
  value: number | string;
  /** Position of the value in the sweep's list. */
  index: number;
}

export interface RunSpec {
  name: string;
  init: InitSpec;
  /** Reseeds the generator before drawing weights; absent = continue the stream. */
  seed?: number;
  /** This run's own learning rate (set by a learning-rate sweep); absent = `training.learningRate`. */
  learningRate?: number;
  /** Set on the runs a sweep expanded into. */
  sweep?: SweepPoint;
  /** The run draws the same base tensors as the other same-draw runs (one seed; only the scale differs). */
  sameDraw?: boolean;
}

export interface Experiment {
  name: string;
  description?: string;
  rng: RngKind;
  dataset: DatasetSpec;
  network: NetworkSpec;
  training: TrainingSpec;
  runs: RunSpec[];
}

/** A labelled 2-D dataset: X is 2×m row-major (x1 in [0, m), x2 in [m, 2m)), Y holds m labels 0/1. */
export interface Dataset {
  m: number;
  X: Float64Array;
  Y: Float64Array;
}

/** One logged cost: [iteration, cost]; cost may be Infinity or NaN. */
export type CostPoint = [number, number];
