// Runtime validation of every message that crosses a boundary (host ↔ webview, host ↔ worker) and of their payloads.
// The webview, the host and the worker each trust nothing they are sent; they share these checks, one per union.
import {
  DATASET_KINDS,
  HIDDEN_ACTIVATIONS,
  INIT_SCHEMES,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  RNG_KINDS,
  SWEEP_KEYS,
  type Experiment,
  type SweepPoint,
} from '../core/experiment/types';
import type {
  BandPoint,
  BoundaryGrid,
  ExportFormat,
  HostToWebview,
  HostToWorker,
  LayerSnapshot,
  PanelState,
  PanelStatus,
  PointSet,
  PreviousRun,
  RunProgress,
  RunView,
  VerdictKind,
  WebviewToHost,
  WireCostPoint,
  WireNumber,
  WireRunResult,
  WorkerToHost,
} from './protocol';
import { isHistogram, isOptionalMechanism } from './mechanismGuards';
import { MAX_BAND_POINTS } from './panelState';
import { BAND_PERCENTILES } from '../core/analysis/histogram';
import { isL10nBundle } from '../core/l10n';

// Records keyed by the union make the compiler reject a list that misses a member.
const PANEL_STATUSES: Record<PanelStatus, true> = {
  idle: true,
  running: true,
  done: true,
  stopped: true,
  invalid: true,
  error: true,
};
const VERDICT_KINDS: Record<VerdictKind, true> = {
  symmetry: true,
  exploding: true,
  vanishing: true,
  diverged: true,
  slow: true,
  learnsWell: true,
  stopped: true,
  deadUnits: true,
  saturated: true,
};

const EXPORT_FORMATS: Record<ExportFormat, true> = { json: true, csv: true };

export function isExportFormat(x: unknown): x is ExportFormat {
  return isStr(x) && Object.hasOwn(EXPORT_FORMATS, x);
}

/** PNG exports arrive as data URLs; anything else (other schemes, other types) is refused. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** A chart PNG is far below this; the cap keeps a misbehaving page from making the host decode huge strings. */
const MAX_PNG_DATA_URL = 64 * 1024 * 1024;

type Obj = Record<string, unknown>;

/**
 * The `default` branch of every message switch: an unknown kind (a newer or broken sender) is refused, not an
 * error, and the `never` parameter keeps each switch exhaustive when its union grows.
 */
function unknownKind(_kind: never): false {
  return false;
}

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
function isInt(x: unknown): x is number {
  return Number.isInteger(x);
}
export function isCount(x: unknown): x is number {
  return isInt(x) && x >= 0;
}
/** Strings are capped so a misbehaving sender cannot make the receiver hold huge texts. */
export function isStr(x: unknown, maxLength = 10_000): x is string {
  return typeof x === 'string' && x.length <= maxLength;
}
function isOneOf<T extends string>(x: unknown, values: readonly T[]): x is T {
  return typeof x === 'string' && (values as readonly string[]).includes(x);
}
function isArrayOf<T>(x: unknown, item: (v: unknown) => v is T): x is T[] {
  return Array.isArray(x) && x.every(item);
}

export function isWireNumber(x: unknown): x is WireNumber {
  return isNum(x) || x === 'Infinity' || x === '-Infinity' || x === 'NaN';
}

export function isWireCostPoint(x: unknown): x is WireCostPoint {
  return Array.isArray(x) && x.length === 2 && isCount(x[0]) && isWireNumber(x[1]);
}

export function isLayerSnapshot(x: unknown): x is LayerSnapshot {
  if (!isObj(x)) return false;
  const h = x.histogram;
  return (
    isCount(x.layer) &&
    Array.isArray(x.shape) &&
    x.shape.length === 2 &&
    isCount(x.shape[0]) &&
    isCount(x.shape[1]) &&
    isHistogram(h) &&
    (x.expected === undefined ||
      x.expected === null ||
      (isArrayOf(x.expected, isNum) && x.expected.length === h.counts.length)) &&
    // The core keeps these finite even for diverged weights (it counts those in nonFinite).
    isNum(x.mean) &&
    isNum(x.std) &&
    isNum(x.unitSpread) &&
    (x.gradRms === null || isNum(x.gradRms)) &&
    isCount(x.nonFinite)
  );
}

/** Also checks that `probs` decodes to exactly n*n bytes, so drawing never reads past the data. */
export function isBoundaryGrid(x: unknown): x is BoundaryGrid {
  if (!isObj(x)) return false;
  const n = x.n;
  if (!isInt(n) || n < 1 || n > 1024) return false;
  if (!(isNum(x.xMin) && isNum(x.xMax) && isNum(x.yMin) && isNum(x.yMax))) return false;
  if (!(x.xMax > x.xMin && x.yMax > x.yMin)) return false;
  return isStr(x.probs, 4 * 1024 * 1024) && base64ByteLength(x.probs) === n * n;
}

function base64ByteLength(s: string): number {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return -1;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - pad;
}

export function isPointSet(x: unknown): x is PointSet {
  return isObj(x) && isArrayOf(x.xyl, isNum) && (x.xyl as number[]).length % 3 === 0;
}

export function isWireRunResult(x: unknown): x is WireRunResult {
  if (!isObj(x)) return false;
  const v = x.verdict;
  return (
    isStr(x.name, 1000) &&
    isArrayOf(x.costs, isWireCostPoint) &&
    isNum(x.trainAccuracy) &&
    isNum(x.testAccuracy) &&
    isWireNumber(x.finalCost) &&
    isNum(x.ms) &&
    isCount(x.iterations) &&
    (x.divergedAt === null || isCount(x.divergedAt)) &&
    typeof x.stopped === 'boolean' &&
    isObj(v) &&
    isStr(v.kind) &&
    Object.hasOwn(VERDICT_KINDS, v.kind) &&
    isStr(v.text) &&
    (v.why === undefined || isStr(v.why)) &&
    (x.threads === undefined || isCount(x.threads))
  );
}

export function isSweepPoint(x: unknown): x is SweepPoint {
  return (
    isObj(x) &&
    isStr(x.of, 1000) &&
    isOneOf(x.key, SWEEP_KEYS) &&
    (isNum(x.value) || isStr(x.value, 100)) &&
    isCount(x.index)
  );
}

export function isRunView(x: unknown): x is RunView {
  if (!isObj(x)) return false;
  const info = x.info;
  return (
    isObj(info) &&
    isStr(info.name, 1000) &&
    isStr(info.initLabel, 1000) &&
    (info.sweep === undefined || isSweepPoint(info.sweep)) &&
    isCount(x.iteration) &&
    isArrayOf(x.logged, isWireCostPoint) &&
    isArrayOf(x.curve, isWireCostPoint) &&
    isArrayOf(x.layers, isLayerSnapshot) &&
    (x.boundary === null || isBoundaryGrid(x.boundary)) &&
    (x.result === null || isWireRunResult(x.result)) &&
    isOptionalMechanism(x.mechanism, true) &&
    (x.bands === undefined || (isArrayOf(x.bands, isBandPoint) && x.bands.length <= MAX_BAND_POINTS))
  );
}

export function isBandPoint(x: unknown): x is BandPoint {
  return (
    isObj(x) &&
    isCount(x.iteration) &&
    isArrayOf(
      x.layers,
      (l): l is number[] | null => l === null || (isArrayOf(l, isNum) && l.length === BAND_PERCENTILES.length),
    )
  );
}

export function isPanelStatus(x: unknown): x is PanelStatus {
  return isStr(x) && Object.hasOwn(PANEL_STATUSES, x);
}

export function isPanelState(x: unknown): x is PanelState {
  if (!isObj(x)) return false;
  return (
    isStr(x.file) &&
    isStr(x.experimentName) &&
    isStr(x.description) &&
    isPanelStatus(x.status) &&
    isStr(x.message) &&
    isCount(x.totalIterations) &&
    isArrayOf(x.runs, isRunView) &&
    isPointSet(x.train) &&
    isPointSet(x.test) &&
    (x.previous === undefined || (isObj(x.previous) && Object.values(x.previous).every(isPreviousRun)))
  );
}

export function isPreviousRun(x: unknown): x is PreviousRun {
  return (
    isObj(x) &&
    isArrayOf(x.curve, isWireCostPoint) &&
    isNum(x.trainAccuracy) &&
    isNum(x.testAccuracy) &&
    isWireNumber(x.finalCost)
  );
}

export function isRunProgress(x: unknown): x is RunProgress {
  if (!isObj(x)) return false;
  return (
    isCount(x.runIndex) &&
    isCount(x.iteration) &&
    isCount(x.totalIterations) &&
    isArrayOf(x.logged, isWireCostPoint) &&
    isArrayOf(x.curve, isWireCostPoint) &&
    isArrayOf(x.layers, isLayerSnapshot) &&
    isBoundaryGrid(x.boundary) &&
    isOptionalMechanism(x.mechanism, false)
  );
}

export function isHostToWebview(x: unknown): x is HostToWebview {
  if (!isObj(x) || !isStr(x.kind)) return false;
  const kind = x.kind as HostToWebview['kind'];
  switch (kind) {
    case 'snapshot':
      return isPanelState(x.state);
    case 'progress':
      return isRunProgress(x.progress);
    case 'runDone':
      return isCount(x.runIndex) && isWireRunResult(x.result);
    case 'status':
      return isPanelStatus(x.status) && isStr(x.message);
    default:
      return unknownKind(kind);
  }
}

export function isWebviewToHost(x: unknown): x is WebviewToHost {
  if (!isObj(x) || !isStr(x.kind)) return false;
  const kind = x.kind as WebviewToHost['kind'];
  switch (kind) {
    case 'ready':
    case 'stop':
    case 'rerun':
    case 'openFile':
    case 'exportReport':
    case 'clearHistory':
      return true;
    case 'export':
      return isExportFormat(x.format);
    case 'savePng':
      return isStr(x.dataUrl, MAX_PNG_DATA_URL) && PNG_DATA_URL.test(x.dataUrl);
    case 'cspViolation':
      return isStr(x.directive, 1000) && isStr(x.blockedUri, 4000);
    default:
      return unknownKind(kind);
  }
}

export function isWorkerToHost(x: unknown): x is WorkerToHost {
  if (!isObj(x) || !isStr(x.kind)) return false;
  const kind = x.kind as WorkerToHost['kind'];
  switch (kind) {
    case 'progress':
      return isRunProgress(x.progress);
    case 'done':
      return isCount(x.runIndex) && isWireRunResult(x.result);
    case 'error':
      return isCount(x.runIndex) && isStr(x.message);
    default:
      return unknownKind(kind);
  }
}

export function isHostToWorker(x: unknown): x is HostToWorker {
  if (!isObj(x) || !isStr(x.kind)) return false;
  const kind = x.kind as HostToWorker['kind'];
  switch (kind) {
    case 'start':
      return (
        isExperimentModel(x.experiment) &&
        isCount(x.runIndex) &&
        x.runIndex < x.experiment.runs.length &&
        isNum(x.snapshotIntervalMs) &&
        x.snapshotIntervalMs > 0 &&
        isInt(x.boundaryResolution) &&
        x.boundaryResolution >= 1 &&
        x.boundaryResolution <= 1024 &&
        (x.threads === undefined || (isInt(x.threads) && x.threads >= 1 && x.threads <= 2)) &&
        (x.l10n === undefined || isL10nBundle(x.l10n))
      );
    case 'stop':
      return true;
    default:
      return unknownKind(kind);
  }
}

/**
 * The shape of a parsed experiment, as the worker receives it: every field the training core reads has its type
 * and vocabulary. (The limits were enforced by the parser on the host; this catches a malformed message.)
 */
export function isExperimentModel(x: unknown): x is Experiment {
  if (!isObj(x) || !isStr(x.name) || !(x.description === undefined || isStr(x.description))) return false;
  const { dataset: d, network: n, training: t } = x;
  const isPart = (p: unknown): boolean => isObj(p) && isCount(p.samples) && isNum(p.noise) && isCount(p.seed);
  const isRun = (r: unknown): boolean =>
    isObj(r) &&
    isStr(r.name) &&
    isObj(r.init) &&
    isOneOf(r.init.scheme, INIT_SCHEMES) &&
    ['std', 'limit', 'gain'].every((k) => (r.init as Obj)[k] === undefined || isNum((r.init as Obj)[k])) &&
    (r.seed === undefined || isCount(r.seed)) &&
    (r.learningRate === undefined || isNum(r.learningRate));
  return (
    isOneOf(x.rng, RNG_KINDS) &&
    isObj(d) &&
    isOneOf(d.kind, DATASET_KINDS) &&
    isPart(d.train) &&
    isPart(d.test) &&
    isObj(n) &&
    isArrayOf(n.layers, isCount) &&
    n.layers.length >= 2 &&
    n.layers.every((w) => w >= 1) &&
    isOneOf(n.hiddenActivation, HIDDEN_ACTIVATIONS) &&
    isOneOf(n.outputActivation, OUTPUT_ACTIVATIONS) &&
    isNum(n.leakyReluAlpha) &&
    isObj(t) &&
    isNum(t.learningRate) &&
    isCount(t.iterations) &&
    isInt(t.logEvery) &&
    t.logEvery >= 1 &&
    isOneOf(t.loss, LOSSES) &&
    Array.isArray(x.runs) &&
    x.runs.length >= 1 &&
    x.runs.every(isRun)
  );
}

/** The run a message that failed its check says it is about (0 if it says nothing usable): where to report the error. */
export function claimedRunIndex(msg: unknown): number {
  return typeof msg === 'object' && msg !== null && 'runIndex' in msg && Number.isInteger(msg.runIndex)
    ? (msg.runIndex as number)
    : 0;
}
