// Shared fixtures for the host unit tests: small experiments and the path of the built worker bundle.
import { ROOT } from '../../paths';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Experiment, RunSpec } from '../../../src/core/experiment/types';

export const WORKER_PATH = path.join(ROOT, 'dist', 'worker.js');

/** The host tests run the real bundle: fail loudly (not skip) when it was not built. */
export function requireBuiltWorker(): string {
  if (!fs.existsSync(WORKER_PATH)) throw new Error(`${WORKER_PATH} is missing: run \`npm run build\` first`);
  return WORKER_PATH;
}

/** The course notebook's setup (circles, [2,10,5,1] relu) with a configurable length and runs. */
export function notebookLike(iterations: number, runs?: RunSpec[]): Experiment {
  return {
    name: 'notebook-like',
    rng: 'numpy',
    dataset: {
      kind: 'circles',
      train: { samples: 300, noise: 0.05, seed: 1 },
      test: { samples: 100, noise: 0.05, seed: 2 },
    },
    network: { layers: [2, 10, 5, 1], hiddenActivation: 'relu', outputActivation: 'sigmoid', leakyReluAlpha: 0.01 },
    training: { learningRate: 0.01, iterations, logEvery: 1000, loss: 'notebook' },
    runs: runs ?? [
      { name: 'zeros', init: { scheme: 'zeros' } },
      { name: 'random x10', init: { scheme: 'normal', std: 10 }, seed: 3 },
      { name: 'He', init: { scheme: 'he' }, seed: 3 },
    ],
  };
}

/** A tiny network on few samples: hundreds of thousands of iterations per second. */
export function tinyFast(iterations: number): Experiment {
  return {
    name: 'tiny',
    rng: 'numpy',
    dataset: {
      kind: 'moons',
      train: { samples: 16, noise: 0.1, seed: 1 },
      test: { samples: 16, noise: 0.1, seed: 2 },
    },
    network: { layers: [2, 2, 1], hiddenActivation: 'tanh', outputActivation: 'sigmoid', leakyReluAlpha: 0.01 },
    training: { learningRate: 0.1, iterations, logEvery: 10000, loss: 'stable' },
    runs: [{ name: 'He', init: { scheme: 'he' }, seed: 4 }],
  };
}
