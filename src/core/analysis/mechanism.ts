// A run's mechanism view: the scheme's theory line and the signal flow at iteration 0 and at the latest snapshot.
import type { Params } from '../engine/network';
import type { Dataset, Experiment } from '../experiment/types';
import type { Mechanism, SignalSnapshot } from './results';
import { signalSnapshot } from './signalFlow';
import { theoryFor } from './theory';

/** Starts the view from the initial weights, before training changes them: theory and iteration 0 only. */
export function initialMechanism(experiment: Experiment, runIndex: number, train: Dataset, params: Params): Mechanism {
  const { network } = experiment;
  const initial = signalSnapshot(params, train, network, 0);
  // The backward line starts from the output's gradient as measured: it depends on the labels, not on the scheme.
  const outputDz = initial.layers[initial.layers.length - 1]?.dzStd ?? null;
  const theory = theoryFor(network, experiment.runs[runIndex].init, train, outputDz);
  return { theory, initial, current: initial };
}

/** The same view with the signal of `params` after `iteration` iterations. */
export function mechanismAt(
  base: Mechanism,
  experiment: Experiment,
  train: Dataset,
  params: Params,
  iteration: number,
): Mechanism {
  const current: SignalSnapshot = signalSnapshot(params, train, experiment.network, iteration);
  return { ...base, current };
}
