// Runtime validation of messages the host receives from the webview and from training workers.
import type {
  BoundaryGrid, ExportFormat, LayerSnapshot, PanelState, PanelStatus, RunProgress, RunView, WebviewToHost,
  WireCostPoint, WireNumber, WireRunResult, WorkerToHost,
} from './protocol';
import type { VerdictKind } from './core/results';

// The webview is a browser page and a worker is separate code: neither is trusted to send well-formed data,
// so every field the host reads is checked here once, and the rest of the host works with typed values.

type Rec = Record<string, unknown>;

function isRecord(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isString(x: unknown, maxLength = 10_000): x is string {
  return typeof x === 'string' && x.length <= maxLength;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function isCount(x: unknown): x is number {
  return isFiniteNumber(x) && Number.isInteger(x) && x >= 0;
}

function isWireNumber(x: unknown): x is WireNumber {
  return isFiniteNumber(x) || x === 'Infinity' || x === '-Infinity' || x === 'NaN';
}

function isWireCostPoint(x: unknown): x is WireCostPoint {
  return Array.isArray(x) && x.length === 2 && isCount(x[0]) && isWireNumber(x[1]);
}

function isArrayOf<T>(x: unknown, item: (v: unknown) => v is T): x is T[] {
  return Array.isArray(x) && x.every(item);
}

const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv'];
const VERDICT_KINDS: readonly VerdictKind[] = ['symmetry', 'exploding', 'vanishing', 'diverged', 'slow', 'learnsWell', 'stopped'];

/** PNG exports arrive as data URLs; anything else (other schemes, other types) is refused. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** A chart PNG is far below this; the cap keeps a misbehaving page from making the host decode huge strings. */
const MAX_PNG_DATA_URL = 64 * 1024 * 1024;

export function isWebviewToHost(x: unknown): x is WebviewToHost {
  if (!isRecord(x) || typeof x.kind !== 'string') return false;
  const kind = x.kind as WebviewToHost['kind'];
  switch (kind) {
    case 'ready':
    case 'stop':
    case 'rerun':
    case 'openFile':
      return true;
    case 'export':
      return EXPORT_FORMATS.includes(x.format as ExportFormat);
    case 'savePng':
      return isString(x.name, 200) && isString(x.dataUrl, MAX_PNG_DATA_URL) && PNG_DATA_URL.test(x.dataUrl);
    case 'cspViolation':
      return isString(x.directive, 1000) && isString(x.blockedUri, 4000);
    default: {
      // Unknown kinds are rejected; the `never` check keeps this switch exhaustive when the union grows.
      const unknownKind: never = kind;
      void unknownKind;
      return false;
    }
  }
}

function isNumberOrNull(x: unknown): boolean {
  return x === null || typeof x === 'number';
}

function isHistogram(x: unknown): boolean {
  return isRecord(x) && isFiniteNumber(x.min) && isFiniteNumber(x.max) && isArrayOf(x.counts, isCount);
}

function isLayerSnapshot(x: unknown): x is LayerSnapshot {
  return isRecord(x)
    && isCount(x.layer)
    && Array.isArray(x.shape) && x.shape.length === 2 && isCount(x.shape[0]) && isCount(x.shape[1])
    && isHistogram(x.histogram)
    // Statistics of diverged weights are NaN, which a JSON round trip (webview state) turns into null.
    && isNumberOrNull(x.mean) && isNumberOrNull(x.std) && isNumberOrNull(x.unitSpread) && isNumberOrNull(x.gradRms);
}

function isBoundaryGrid(x: unknown): x is BoundaryGrid {
  return isRecord(x) && isCount(x.n)
    && isFiniteNumber(x.xMin) && isFiniteNumber(x.xMax) && isFiniteNumber(x.yMin) && isFiniteNumber(x.yMax)
    && isString(x.probs, 4 * 1024 * 1024);
}

function isRunProgress(x: unknown): x is RunProgress {
  return isRecord(x)
    && isCount(x.runIndex) && isCount(x.iteration) && isCount(x.totalIterations)
    && isArrayOf(x.logged, isWireCostPoint) && isArrayOf(x.curve, isWireCostPoint)
    && isArrayOf(x.layers, isLayerSnapshot) && isBoundaryGrid(x.boundary);
}

function isWireRunResult(x: unknown): x is WireRunResult {
  return isRecord(x)
    && isString(x.name, 1000)
    && isArrayOf(x.costs, isWireCostPoint)
    && typeof x.trainAccuracy === 'number' && typeof x.testAccuracy === 'number'
    && isWireNumber(x.finalCost)
    && typeof x.ms === 'number'
    && isCount(x.iterations)
    && (x.divergedAt === null || isCount(x.divergedAt))
    && typeof x.stopped === 'boolean'
    && isRecord(x.verdict) && VERDICT_KINDS.includes(x.verdict.kind as VerdictKind) && isString(x.verdict.text);
}

export function isWorkerToHost(x: unknown): x is WorkerToHost {
  if (!isRecord(x) || typeof x.kind !== 'string') return false;
  const kind = x.kind as WorkerToHost['kind'];
  switch (kind) {
    case 'progress':
      return isRunProgress(x.progress);
    case 'done':
      return isCount(x.runIndex) && isWireRunResult(x.result);
    case 'error':
      return isCount(x.runIndex) && isString(x.message);
    default: {
      const unknownKind: never = kind;
      void unknownKind;
      return false;
    }
  }
}

const PANEL_STATUSES: readonly PanelStatus[] = ['idle', 'running', 'done', 'stopped', 'invalid', 'error'];

function isRunView(x: unknown): x is RunView {
  return isRecord(x)
    && isRecord(x.info) && isString(x.info.name, 1000) && isString(x.info.initLabel, 1000)
    && isCount(x.iteration)
    && isArrayOf(x.logged, isWireCostPoint) && isArrayOf(x.curve, isWireCostPoint)
    && isArrayOf(x.layers, isLayerSnapshot)
    && (x.boundary === null || isBoundaryGrid(x.boundary))
    && (x.result === null || isWireRunResult(x.result));
}

function isPointSet(x: unknown): boolean {
  return isRecord(x) && isArrayOf(x.xyl, isFiniteNumber);
}

/** A panel state the webview persisted with setState and VS Code hands back after a reload. */
export function isPanelState(x: unknown): x is PanelState {
  return isRecord(x)
    && isString(x.file, 10_000) && isString(x.experimentName) && isString(x.description) && isString(x.message)
    && PANEL_STATUSES.includes(x.status as PanelStatus)
    && isCount(x.totalIterations)
    && isArrayOf(x.runs, isRunView)
    && isPointSet(x.train) && isPointSet(x.test);
}
