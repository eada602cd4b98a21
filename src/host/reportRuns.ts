// Pairs the host's results with what the panel shows of each run, for the HTML report. Pure.
import type { ReportRun } from '../core/analysis/htmlReport';
import type { RunResult } from '../core/analysis/results';
import type { Experiment } from '../core/experiment/types';
import type { PanelState } from '../shared/protocol';

/** Matched by run name (names are unique): results skip runs that never started, the panel lists every run. */
export function reportRuns(results: readonly RunResult[], state: PanelState, experiment?: Experiment): ReportRun[] {
  return results.map((result) => {
    const view = state.runs.find((r) => r.info.name === result.name);
    const spec = experiment?.runs.find((r) => r.name === result.name);
    return {
      result,
      initLabel: view?.info.initLabel ?? '',
      layers: view?.layers ?? [],
      boundary: view?.boundary ?? null,
      sweep: spec?.sweep,
      mechanism: view?.mechanism ?? undefined,
    };
  });
}
