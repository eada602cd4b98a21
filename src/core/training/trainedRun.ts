// Trains one run in this thread (CLI, tests) and keeps what is drawn of it at the end: the result with its
// mechanism-aware verdict, the final weights, the decision boundary and the signal flow.
import { initialMechanism, mechanismAt } from '../analysis/mechanism';
import { withMechanism } from '../analysis/mechanismVerdict';
import { boundaryGrid, datasetBounds, layerSnapshots, pointSet } from '../analysis/metrics';
import type { BoundaryGrid, LayerSnapshot, Mechanism, RunResult } from '../analysis/results';
import type { Experiment } from '../experiment/types';
import { prepareRun } from './run';
import { trainRun, type LiveView, type TrainOptions } from './train';

export interface TrainedRun {
  result: RunResult;
  layers: LayerSnapshot[];
  boundary: BoundaryGrid;
  mechanism: Mechanism;
}

/** Cells per side of a report's boundary: the panel's default resolution. */
export const REPORT_BOUNDARY_RESOLUTION = 100;

export function trainRunWithView(
  experiment: Experiment,
  runIndex: number,
  resolution = REPORT_BOUNDARY_RESOLUTION,
  opts: TrainOptions = {},
): TrainedRun {
  const prep = prepareRun(experiment, runIndex);
  // The initial signal is measured before training moves the weights (the stepper trains a copy; this is cheap).
  const initial = initialMechanism(experiment, runIndex, prep.train, prep.params);
  let last: LiveView | undefined;
  // trainRun calls onCheck once more at the end, with the trained weights and the last gradients.
  const result = trainRun(prep, {
    ...opts,
    onCheck: (live) => {
      last = live;
      return opts.onCheck?.(live);
    },
  });
  if (!last) throw new Error('training ended without a final view');
  const view: LiveView = last;
  const mechanism = mechanismAt(initial, experiment, prep.train, view.params, view.iteration);
  return {
    result: { ...result, verdict: withMechanism(result.verdict, result, mechanism) },
    mechanism,
    layers: layerSnapshots(view.params, view.grads),
    boundary: boundaryGrid(view.params, experiment, datasetBounds(prep.train, prep.test), resolution),
  };
}

/** The points a report draws (the same for every run). */
export function reportPoints(experiment: Experiment): { train: { xyl: number[] }; test: { xyl: number[] } } {
  const prep = prepareRun(experiment, 0);
  return { train: pointSet(prep.train), test: pointSet(prep.test) };
}
