// Trains one run and keeps what a report draws of it at the end: the result, the final weights and the boundary.
import { boundaryGrid, datasetBounds, layerSnapshots, pointSet } from '../analysis/metrics';
import type { BoundaryGrid, LayerSnapshot, RunResult } from '../analysis/results';
import type { Experiment } from '../experiment/types';
import { prepareRun } from './run';
import { trainRun, type LiveView, type TrainOptions } from './train';

export interface TrainedRun {
  result: RunResult;
  layers: LayerSnapshot[];
  boundary: BoundaryGrid;
}

/** Cells per side of a report's boundary: the panel's default resolution. */
export const REPORT_BOUNDARY_RESOLUTION = 100;

export function trainRunWithView(
  experiment: Experiment, runIndex: number, resolution = REPORT_BOUNDARY_RESOLUTION, opts: TrainOptions = {},
): TrainedRun {
  const prep = prepareRun(experiment, runIndex);
  let last: LiveView | undefined;
  // trainRun calls onCheck once more at the end, with the trained weights and the last gradients.
  const result = trainRun(prep, { ...opts, onCheck: (live) => { last = live; return opts.onCheck?.(live); } });
  if (!last) throw new Error('training ended without a final view');
  const view: LiveView = last;
  return {
    result,
    layers: layerSnapshots(view.params, view.grads),
    boundary: boundaryGrid(view.params, experiment, datasetBounds(prep.train, prep.test), resolution),
  };
}

/** The points a report draws (the same for every run). */
export function reportPoints(experiment: Experiment): { train: { xyl: number[] }; test: { xyl: number[] } } {
  const prep = prepareRun(experiment, 0);
  return { train: pointSet(prep.train), test: pointSet(prep.test) };
}
