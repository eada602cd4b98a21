// Runtime validation of protocol payloads (progress, results, panel state) and of host->webview messages.
// The webview, the host and the worker each trust nothing they are sent; they share these checks.
import type {
  BoundaryGrid, HostToWebview, LayerSnapshot, PanelState, PanelStatus, PointSet, RunProgress, RunView,
  VerdictKind, WireCostPoint, WireNumber, WireRunResult,
} from './protocol';
import { isOptionalMechanism } from './mechanismGuards';

// Records keyed by the union make the compiler reject a list that misses a member.
const PANEL_STATUSES: Record<PanelStatus, true> = {
  idle: true, running: true, done: true, stopped: true, invalid: true, error: true,
};
const VERDICT_KINDS: Record<VerdictKind, true> = {
  symmetry: true, exploding: true, vanishing: true, diverged: true, slow: true, learnsWell: true, stopped: true,
  deadUnits: true, saturated: true,
};

type Obj = Record<string, unknown>;

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
  return isCount(x.layer)
    && Array.isArray(x.shape) && x.shape.length === 2 && isCount(x.shape[0]) && isCount(x.shape[1])
    && isObj(h) && isNum(h.min) && isNum(h.max) && isArrayOf(h.counts, isCount)
    // The core keeps these finite even for diverged weights (it counts those in nonFinite).
    && isNum(x.mean) && isNum(x.std) && isNum(x.unitSpread)
    && (x.gradRms === null || isNum(x.gradRms)) && isCount(x.nonFinite);
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
  return isStr(x.name, 1000) && isArrayOf(x.costs, isWireCostPoint)
    && isNum(x.trainAccuracy) && isNum(x.testAccuracy) && isWireNumber(x.finalCost) && isNum(x.ms)
    && isCount(x.iterations) && (x.divergedAt === null || isCount(x.divergedAt)) && typeof x.stopped === 'boolean'
    && isObj(v) && isStr(v.kind) && Object.hasOwn(VERDICT_KINDS, v.kind) && isStr(v.text)
    && (v.why === undefined || isStr(v.why));
}

export function isRunView(x: unknown): x is RunView {
  if (!isObj(x)) return false;
  const info = x.info;
  return isObj(info) && isStr(info.name, 1000) && isStr(info.initLabel, 1000)
    && isCount(x.iteration)
    && isArrayOf(x.logged, isWireCostPoint) && isArrayOf(x.curve, isWireCostPoint)
    && isArrayOf(x.layers, isLayerSnapshot)
    && (x.boundary === null || isBoundaryGrid(x.boundary))
    && (x.result === null || isWireRunResult(x.result))
    && isOptionalMechanism(x.mechanism, true);
}

export function isPanelStatus(x: unknown): x is PanelStatus {
  return isStr(x) && Object.hasOwn(PANEL_STATUSES, x);
}

export function isPanelState(x: unknown): x is PanelState {
  if (!isObj(x)) return false;
  return isStr(x.file) && isStr(x.experimentName) && isStr(x.description)
    && isPanelStatus(x.status) && isStr(x.message) && isCount(x.totalIterations)
    && isArrayOf(x.runs, isRunView) && isPointSet(x.train) && isPointSet(x.test);
}

export function isRunProgress(x: unknown): x is RunProgress {
  if (!isObj(x)) return false;
  return isCount(x.runIndex) && isCount(x.iteration) && isCount(x.totalIterations)
    && isArrayOf(x.logged, isWireCostPoint) && isArrayOf(x.curve, isWireCostPoint)
    && isArrayOf(x.layers, isLayerSnapshot) && isBoundaryGrid(x.boundary)
    && isOptionalMechanism(x.mechanism, false);
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
    default: {
      // Unknown kinds are expected from newer hosts; they are rejected, not an error.
      const unknownKind: never = kind;
      return unknownKind === undefined;
    }
  }
}
