// The vocabulary of the `.initexp.json` format: its file pattern, the keys of each section, the defaults, and the
// names from other tools that map onto its own (for "did you mean" fixes).
import { MAX_NUMPY_SEED } from '../numpy/rng';
import type { Experiment, NetworkSpec, TrainingSpec } from './types';
import type { Aliases } from './suggest';

export { EXPERIMENT_GLOB, EXPERIMENT_SUFFIX, experimentStem, isExperimentFileName } from './fileName';

/** What an omitted optional setting means. The schema's `default`s are checked against these by a test. */
export const DEFAULTS = {
  rng: 'numpy',
  hiddenActivation: 'relu',
  outputActivation: 'sigmoid',
  leakyReluAlpha: 0.01,
  logEvery: 1000,
  loss: 'stable',
} as const satisfies Pick<Experiment, 'rng'> &
  Pick<NetworkSpec, 'hiddenActivation' | 'outputActivation' | 'leakyReluAlpha'> &
  Pick<TrainingSpec, 'logEvery' | 'loss'>;

/** Seeds are NumPy's: `np.random.seed` accepts 0 … 2³² − 1. */
export const MAX_SEED = MAX_NUMPY_SEED;

export const ROOT_KEYS = [
  '$schema',
  'name',
  'description',
  'rng',
  'sameDraw',
  'dataset',
  'network',
  'training',
  'runs',
] as const;
export const DATASET_KEYS = ['kind', 'train', 'test'] as const;
export const PART_KEYS = ['samples', 'noise', 'seed'] as const;
export const NETWORK_KEYS = ['layers', 'hiddenActivation', 'outputActivation', 'leakyReluAlpha'] as const;
export const TRAINING_KEYS = ['learningRate', 'iterations', 'logEvery', 'loss'] as const;
export const RUN_KEYS = ['name', 'init', 'seed', 'sweep', 'sameDraw'] as const;
export const INIT_KEYS = ['scheme', 'std', 'limit', 'gain'] as const;

/** Names from the course notebook, Keras and PyTorch that map onto this format's names. */
export const KEY_ALIASES: Aliases = {
  title: 'name',
  layersdims: 'layers',
  layerdims: 'layers',
  dims: 'layers',
  activation: 'hiddenActivation',
  hidden: 'hiddenActivation',
  alpha: 'leakyReluAlpha',
  negativeslope: 'leakyReluAlpha',
  lr: 'learningRate',
  numiterations: 'iterations',
  iters: 'iterations',
  epochs: 'iterations',
  steps: 'iterations',
  printevery: 'logEvery',
  costevery: 'logEvery',
  lossfunction: 'loss',
  cost: 'loss',
  type: 'kind',
  nsamples: 'samples',
  numsamples: 'samples',
  n: 'samples',
  randomstate: 'seed',
  initialization: 'init',
  initializer: 'init',
  initialisation: 'init',
  method: 'scheme',
  stddev: 'std',
  sigma: 'std',
  scale: 'gain',
  bound: 'limit',
  epsilon: 'limit',
  eps: 'limit',
  layer: 'layers',
  samplecount: 'samples',
};

export const SCHEME_ALIASES: Aliases = {
  kaiming: 'he',
  kaimingnormal: 'he',
  henormal: 'he',
  kaiminguniform: 'heUniform',
  glorot: 'xavier',
  glorotnormal: 'xavier',
  xaviernormal: 'xavier',
  glorotuniform: 'xavierUniform',
  lecunnormal: 'lecun',
  random: 'normal',
  randn: 'normal',
  gaussian: 'normal',
  randomnormal: 'normal',
  rand: 'uniform',
  randomuniform: 'uniform',
  zero: 'zeros',
  truncnormal: 'truncatedNormal',
  orthogonalinit: 'orthogonal',
};

export const ACTIVATION_ALIASES: Aliases = {
  lrelu: 'leakyRelu',
  logistic: 'sigmoid',
  leaky: 'leakyRelu',
  hyperbolictangent: 'tanh',
};
