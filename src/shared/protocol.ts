// Typed messages between host, webview and training worker: one discriminated union per direction.
import type { SweepPoint } from '../core/experiment/types';
export type { SweepPoint } from '../core/experiment/types';
import type { CostPoint, Experiment } from '../core/experiment/types';
import type { BoundaryGrid, LayerSnapshot, Mechanism, RunResult } from '../core/analysis/results';
import { jsonNumber, type JsonNumber } from '../core/analysis/report';
import type { L10nBundle } from '../core/l10n';

export type {
  BoundaryGrid,
  Bounds,
  Histogram,
  LayerSignal,
  LayerSnapshot,
  Mechanism,
  RunResult,
  SignalSnapshot,
  TheoryLine,
  Verdict,
  VerdictKind,
} from '../core/analysis/results';

// ---------------------------------------------------------------- shared payloads

/**
 * JSON has no Infinity/NaN; the webview channel is JSON, so non-finite numbers travel as strings — spelled as in
 * the CLI's `--json` output, by the same function.
 */
export type WireNumber = JsonNumber;
export type WireCostPoint = [number, WireNumber];

export const toWire: (x: number) => WireNumber = jsonNumber;

export function fromWire(x: WireNumber): number {
  switch (x) {
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return x;
  }
}

export function costsToWire(costs: readonly CostPoint[]): WireCostPoint[] {
  return costs.map(([i, c]) => [i, toWire(c)]);
}

export function costsFromWire(costs: readonly WireCostPoint[]): CostPoint[] {
  return costs.map(([i, c]) => [i, fromWire(c)]);
}

export type WireRunResult = Omit<RunResult, 'costs' | 'finalCost'> & { costs: WireCostPoint[]; finalCost: WireNumber };

export function resultToWire(r: RunResult): WireRunResult {
  return { ...r, costs: costsToWire(r.costs), finalCost: toWire(r.finalCost) };
}

export function resultFromWire(r: WireRunResult): RunResult {
  return { ...r, costs: costsFromWire(r.costs), finalCost: fromWire(r.finalCost) };
}

/** Progress of one run since the previous snapshot. */
export interface RunProgress {
  runIndex: number;
  iteration: number;
  totalIterations: number;
  /** Officially logged costs (iteration % logEvery == 0) new since the previous snapshot. */
  logged: WireCostPoint[];
  /** Denser cost samples for the live curve, new since the previous snapshot. */
  curve: WireCostPoint[];
  layers: LayerSnapshot[];
  boundary: BoundaryGrid;
  /** Signal flow at iteration 0 and now, and the scheme's theory line (absent from older workers). */
  mechanism?: Mechanism;
}

// ---------------------------------------------------------------- host <-> worker

export type HostToWorker =
  | {
      kind: 'start';
      experiment: Experiment;
      runIndex: number;
      snapshotIntervalMs: number;
      boundaryResolution: number;
      /** Threads the run's step may use (2: it trains alone, so a large network also takes a second core). */
      threads?: number;
      /** The display language's translations for the verdicts the worker writes (absent: English). */
      l10n?: L10nBundle;
    }
  | { kind: 'stop' };

export type WorkerToHost =
  | { kind: 'progress'; progress: RunProgress }
  | { kind: 'done'; runIndex: number; result: WireRunResult }
  | { kind: 'error'; runIndex: number; message: string };

// ---------------------------------------------------------------- host <-> webview

export interface RunInfo {
  name: string;
  /** Human description of the initializer, e.g. "He normal (std = √(2/fan_in))". */
  initLabel: string;
  /** Set on a run a sweep expanded into: the panel plots the sweep's outcomes against `value`. */
  sweep?: SweepPoint;
}

export interface PointSet {
  /** Interleaved [x1, x2, label, x1, x2, label, ...]. */
  xyl: number[];
}

export type PanelStatus = 'idle' | 'running' | 'done' | 'stopped' | 'invalid' | 'error';

/** Everything a panel shows; the host keeps it to re-send on `ready` and the webview persists it. */
export interface PanelState {
  file: string;
  experimentName: string;
  description: string;
  status: PanelStatus;
  message: string;
  totalIterations: number;
  runs: RunView[];
  train: PointSet;
  test: PointSet;
  /** The previous session's outcome of each run, by run name: what the last edit changed (absent = none). */
  previous?: Record<string, PreviousRun>;
}

/** A run as it ended in the session before this one, drawn faint and dashed beside the new one. */
export interface PreviousRun {
  curve: WireCostPoint[];
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: WireNumber;
}

export interface RunView {
  info: RunInfo;
  iteration: number;
  logged: WireCostPoint[];
  curve: WireCostPoint[];
  layers: LayerSnapshot[];
  boundary: BoundaryGrid | null;
  result: WireRunResult | null;
  /** The latest signal flow (optional: states persisted before it existed lack it). */
  mechanism?: Mechanism | null;
  /** Each layer's weight percentiles over the run, one point per snapshot (optional, as `mechanism`). */
  bands?: BandPoint[];
}

export { BAND_PERCENTILES } from '../core/analysis/histogram';

/** The weights' percentiles (BAND_PERCENTILES) of every layer at one iteration; null: no finite weight. */
export interface BandPoint {
  iteration: number;
  layers: (number[] | null)[];
}

export type HostToWebview =
  /** Full state: sent after `ready`, when the panel becomes visible again, and when a run starts. */
  | { kind: 'snapshot'; state: PanelState }
  /** Incremental update of one run. */
  | { kind: 'progress'; progress: RunProgress }
  | { kind: 'runDone'; runIndex: number; result: WireRunResult }
  | { kind: 'status'; status: PanelStatus; message: string };

export type ExportFormat = 'json' | 'csv';

export type WebviewToHost =
  | { kind: 'ready' }
  | { kind: 'stop' }
  | { kind: 'rerun' }
  | { kind: 'export'; format: ExportFormat }
  /** The self-contained HTML report of the panel's last results; the host names the file and asks where. */
  | { kind: 'exportReport' }
  /** A PNG of the panel as a data: URL; the host names the file and asks where to save it. */
  | { kind: 'savePng'; dataUrl: string }
  | { kind: 'cspViolation'; directive: string; blockedUri: string }
  | { kind: 'openFile' }
  /** Forget the previous session's curves and accuracies. */
  | { kind: 'clearHistory' };
