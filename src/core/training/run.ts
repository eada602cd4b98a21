// Prepares a run exactly as the NumPy reference does: datasets, then the RNG stream replayed up to this run.
import { generateDataset } from '../numpy/datasets';
import { initWeights } from './initializers';
import type { Params } from '../engine/network';
import { createRng } from '../numpy/rng';
import type { Rng } from '../numpy/rng';
import type { Dataset, Experiment } from '../experiment/types';

export interface PreparedRun {
  experiment: Experiment;
  runIndex: number;
  train: Dataset;
  test: Dataset;
  params: Params;
}

function drawParams(experiment: Experiment, runIndex: number, rng: Rng): Params {
  const run = experiment.runs[runIndex];
  if (run.seed !== undefined) rng.seed(run.seed);
  const layers = experiment.network.layers;
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < layers.length; l++) {
    W.push(initWeights(run.init, layers[l - 1], layers[l], rng));
    b.push(new Float64Array(layers[l]));
  }
  return { layers: layers.slice(), W, b };
}

function datasetsWith(experiment: Experiment, rng: Rng): { train: Dataset; test: Dataset } {
  const train = generateDataset(experiment.dataset.kind, experiment.dataset.train, rng);
  const test = generateDataset(experiment.dataset.kind, experiment.dataset.test, rng);
  return { train, test };
}

/** Both dataset parts alone, without drawing any weights (the panel's points). */
export function prepareDatasets(experiment: Experiment): { train: Dataset; test: Dataset } {
  return datasetsWith(experiment, createRng(experiment.rng));
}

/**
 * One generator serves the whole experiment, as NumPy's global one does in the reference: the train part reseeds
 * it, the test part reseeds it, then each run reseeds it if it has a seed and draws its weights. A run without a
 * seed continues the stream, so the runs before it are replayed (cheap: a few hundred draws each).
 */
export function prepareRun(experiment: Experiment, runIndex: number): PreparedRun {
  const rng = createRng(experiment.rng);
  const { train, test } = datasetsWith(experiment, rng);
  let params = drawParams(experiment, 0, rng);
  for (let r = 1; r <= runIndex; r++) params = drawParams(experiment, r, rng);
  return { experiment, runIndex, train, test, params };
}
