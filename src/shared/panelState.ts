// Pure reducer of host->webview messages into the panel's full state, shared by host and webview.
import { layerPercentiles } from '../core/analysis/histogram';
import type {
  BandPoint,
  HostToWebview,
  LayerSnapshot,
  Mechanism,
  PanelState,
  PreviousRun,
  RunInfo,
  RunView,
} from './protocol';

/**
 * Band points kept per run: beyond it every other point goes (first and last stay), so a long run keeps its whole
 * history at a coarser step and the persisted state stays small.
 */
export const MAX_BAND_POINTS = 200;

export function emptyRunView(info: RunInfo): RunView {
  return {
    info,
    iteration: 0,
    logged: [],
    curve: [],
    layers: [],
    boundary: null,
    result: null,
    mechanism: null,
    bands: [],
  };
}

export function emptyPanelState(file: string): PanelState {
  return {
    file,
    experimentName: '',
    description: '',
    status: 'idle',
    message: '',
    totalIterations: 0,
    runs: [],
    train: { xyl: [] },
    test: { xyl: [] },
  };
}

/**
 * What a new session keeps of `state` as history: each finished run's curve and accuracies, by name, over the
 * history that `state` itself kept (so a run that did not finish this time keeps its older outcome).
 */
export function carryPrevious(state: PanelState | undefined): Record<string, PreviousRun> {
  const previous: Record<string, PreviousRun> = { ...(state?.previous ?? {}) };
  for (const run of state?.runs ?? []) {
    const r = run.result;
    if (!r || r.stopped) continue;
    previous[run.info.name] = {
      curve: run.curve,
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      finalCost: r.finalCost,
    };
  }
  return previous;
}

/** Returns the state after `msg`; never mutates its inputs, so both sides may keep old states. */
export function reducePanel(state: PanelState, msg: HostToWebview): PanelState {
  switch (msg.kind) {
    case 'snapshot':
      return msg.state;
    case 'status':
      return { ...state, status: msg.status, message: msg.message };
    case 'progress': {
      const p = msg.progress;
      return updateRun(state, p.runIndex, (run) => ({
        ...run,
        iteration: p.iteration,
        logged: run.logged.concat(p.logged),
        curve: run.curve.concat(p.curve),
        layers: p.layers,
        boundary: p.boundary,
        mechanism: latestMechanism(run.mechanism ?? null, p.mechanism ?? null),
        bands: withBandPoint(run.bands ?? [], p.iteration, p.layers),
      }));
    }
    case 'runDone':
      return updateRun(state, msg.runIndex, (run) => ({
        ...run,
        iteration: msg.result.iterations,
        result: msg.result,
      }));
  }
}

/**
 * The run's signal flow after a progress message: the worker refreshes it within its own budget and otherwise sends
 * the last one again, which arrives as a new object; keeping the one already held then lets the panel see that
 * nothing changed (its charts redraw on a new object only).
 */
function latestMechanism(held: Mechanism | null, sent: Mechanism | null): Mechanism | null {
  if (!sent) return held;
  if (held && held.current.iteration === sent.current.iteration && held.initial.iteration === sent.initial.iteration)
    return held;
  return sent;
}

function updateRun(state: PanelState, index: number, f: (run: RunView) => RunView): PanelState {
  const run = state.runs[index];
  if (!run) return state;
  const runs = state.runs.slice();
  runs[index] = f(run);
  return { ...state, runs };
}

/** `bands` with the percentiles of `layers` at `iteration` added (replacing a point at the same iteration). */
export function withBandPoint(
  bands: readonly BandPoint[],
  iteration: number,
  layers: readonly LayerSnapshot[],
): BandPoint[] {
  if (layers.length === 0) return bands.slice();
  const point: BandPoint = { iteration, layers: layers.map(layerPercentiles) };
  const last = bands[bands.length - 1];
  const kept = last && last.iteration >= iteration ? bands.filter((b) => b.iteration < iteration) : bands.slice();
  kept.push(point);
  if (kept.length <= MAX_BAND_POINTS) return kept;
  return kept.filter((_, i) => i % 2 === 0 || i === kept.length - 1);
}
