// Synthetic but realistic host->webview messages for the course notebook's experiment (plus one diverging run).
import seedrandom from 'seedrandom';
import { bytesToBase64, datasetBounds, layerSnapshots } from '../../src/core/analysis/metrics';
import type { Params } from '../../src/core/engine/network';
import type { Dataset } from '../../src/core/experiment/types';
import { verdictFor } from '../../src/core/analysis/verdict';
import { signalSnapshot } from '../../src/core/analysis/signalFlow';
import { theoryFor } from '../../src/core/analysis/theory';
import type { InitSpec, NetworkSpec } from '../../src/core/experiment/types';
import type { Mechanism } from '../../src/core/analysis/results';
import { emptyRunView } from '../../src/shared/panelState';
import type {
  BoundaryGrid,
  HostToWebview,
  PanelState,
  PointSet,
  RunProgress,
  WireCostPoint,
  WireRunResult,
} from '../../src/shared/protocol';
import { toWire } from '../../src/shared/protocol';

export const LAYERS = [2, 10, 5, 1];
export const TOTAL = 15000;
export const LOG_EVERY = 1000;
export const CURVE_EVERY = 50;
export const GRID_N = 100;
export const DIVERGED_AT = 3200;

type Rng = () => number;

function gauss(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Two noisy concentric circles like make_circles(factor 0.8): outer label 0, inner label 1. */
export function circles(m: number, noise: number, seed: string): Dataset {
  const rng = seedrandom(seed);
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const inner = k % 2 === 1;
    const t = 2 * Math.PI * rng();
    const r = inner ? 0.8 : 1;
    X[k] = r * Math.cos(t) + noise * gauss(rng);
    X[m + k] = r * Math.sin(t) + noise * gauss(rng);
    Y[k] = inner ? 1 : 0;
  }
  return { m, X, Y };
}

export function toPointSet(d: Dataset): PointSet {
  const xyl: number[] = [];
  for (let k = 0; k < d.m; k++) xyl.push(d.X[k], d.X[d.m + k], d.Y[k]);
  return { xyl };
}

/** A boundary on the core's grid layout (pixel centres, row 0 at yMax) from a probability field p(x, y). */
function grid(
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number },
  p: (x: number, y: number) => number,
): BoundaryGrid {
  const n = GRID_N;
  const bytes = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const x = bounds.xMin + ((c + 0.5) * (bounds.xMax - bounds.xMin)) / n;
      const y = bounds.yMax - ((r + 0.5) * (bounds.yMax - bounds.yMin)) / n;
      bytes[r * n + c] = Math.round(255 * p(x, y));
    }
  }
  return { n, ...bounds, probs: bytesToBase64(bytes) };
}

const sig = (z: number): number => 1 / (1 + Math.exp(-z));

/** The course network the fixture pretends to train: ReLU hidden layers. */
export const NETWORK: NetworkSpec = {
  layers: LAYERS,
  hiddenActivation: 'relu',
  outputActivation: 'sigmoid',
  leakyReluAlpha: 0.01,
};

interface RunPlan {
  name: string;
  initLabel: string;
  /** The scheme whose theory line the signal-flow chart shows. */
  init: InitSpec;
  std: (fanIn: number) => number;
  /** Cost at iteration i (may be Infinity / NaN). */
  cost: (i: number) => number;
  /** P(y = 1) at (x, y) after fraction f of training. */
  prob: (x: number, y: number, f: number) => number;
  trainAccuracy: number;
  testAccuracy: number;
  stopAt: number;
}

const radius = (x: number, y: number): number => Math.hypot(x, y);

export const PLANS: RunPlan[] = [
  {
    name: 'zeros',
    initLabel: 'zeros: W = 0',
    init: { scheme: 'zeros' },
    std: () => 0,
    cost: () => 0.6931471805599453,
    prob: () => 0.5,
    trainAccuracy: 0.5,
    testAccuracy: 0.5,
    stopAt: TOTAL,
  },
  {
    name: 'random x10',
    initLabel: 'normal: randn·10',
    init: { scheme: 'normal', std: 10 },
    std: () => 10,
    // ∞ at the start (saturated outputs give log 0), occasionally again early on, then a slow decline.
    cost: (i) => (i === 0 || i === 100 || i === 250 ? Infinity : 0.38 + 0.34 * Math.exp(-i / 6000)),
    prob: (x, y, f) =>
      sig((6 + 10 * f) * (0.92 - radius(x, y) + 0.12 * Math.sin(3 * Math.atan2(y, x) + 1) + 0.25 * x * (1 - f))),
    trainAccuracy: 0.83,
    testAccuracy: 0.86,
    stopAt: TOTAL,
  },
  {
    name: 'He',
    initLabel: 'He normal: randn·√(2/fan_in)',
    init: { scheme: 'he' },
    std: (fanIn) => Math.sqrt(2 / fanIn),
    cost: (i) => 0.0736 + 0.81 / (1 + Math.exp((i - 5500) / 1400)),
    prob: (x, y, f) => sig((2 + 28 * f) * (0.9 - radius(x, y)) + (1 - f) * 0.8 * y),
    trainAccuracy: 0.9933333333333333,
    testAccuracy: 0.96,
    stopAt: TOTAL,
  },
  {
    name: 'normal std 50',
    initLabel: 'normal: randn·50',
    init: { scheme: 'normal', std: 50 },
    std: () => 50,
    cost: (i) => (i >= DIVERGED_AT ? NaN : 3.4 - i / 2000),
    prob: (x, y) => sig(9 * (x - 0.3 * y)),
    trainAccuracy: 0.5033333333333333,
    testAccuracy: 0.52,
    stopAt: DIVERGED_AT,
  },
];

function params(plan: RunPlan, f: number, seed: string): Params {
  const rng = seedrandom(seed);
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < LAYERS.length; l++) {
    const w = new Float64Array(LAYERS[l] * LAYERS[l - 1]);
    const s = plan.std(LAYERS[l - 1]);
    // Training widens and shifts the distribution a little, as a learner would see it move.
    for (let k = 0; k < w.length; k++) w[k] = s === 0 ? 0 : gauss(rng) * s * (1 + 0.6 * f) + 0.1 * f * s;
    W.push(w);
    b.push(new Float64Array(LAYERS[l]));
  }
  return { layers: LAYERS, W, b };
}

function grads(plan: RunPlan, p: Params, f: number): Params {
  return {
    layers: p.layers,
    b: p.b,
    W: p.W.map((w, l) =>
      w.map((_v, k) => (plan.std(1) === 0 ? 0 : Math.sin(k + l + 1) * 0.01 * (1 - 0.8 * f) * Math.pow(0.1, 2 - l))),
    ),
  };
}

const costPoints = (plan: RunPlan, from: number, to: number, every: number): WireCostPoint[] => {
  const out: WireCostPoint[] = [];
  for (let i = Math.ceil(from / every) * every; i < to; i += every) out.push([i, toWire(plan.cost(i))]);
  return out;
};

export function datasets(): { train: Dataset; test: Dataset } {
  return { train: circles(300, 0.05, 'train'), test: circles(100, 0.05, 'test') };
}

export function initialState(file = 'file:///home/learner/init%20lab/notebook.initexp.json'): PanelState {
  const { train, test } = datasets();
  return {
    file,
    experimentName: 'Course notebook: zeros vs large random vs He',
    description:
      'What to look for: zeros never breaks symmetry; ×10 starts at an infinite cost; He learns the circles.',
    status: 'running',
    message: '',
    totalIterations: TOTAL,
    runs: PLANS.map((p) => emptyRunView({ name: p.name, initLabel: p.initLabel })),
    train: toPointSet(train),
    test: toPointSet(test),
  };
}

/** A progress message of run `runIndex` covering iterations [from, to). */
/** The real signal flow of the fixture's weights on its training set, at iteration 0 and now, and both theories. */
function mechanismOf(plan: RunPlan, runIndex: number, train: Dataset, now: Params, iteration: number): Mechanism {
  const initial = signalSnapshot(params(plan, 0, `w${runIndex}`), train, NETWORK, 0);
  const outputDz = initial.layers[initial.layers.length - 1].dzStd;
  return {
    theory: theoryFor(NETWORK, plan.init, train, outputDz),
    initial,
    current: signalSnapshot(now, train, NETWORK, iteration),
  };
}

export function progress(runIndex: number, from: number, to: number): HostToWebview {
  const plan = PLANS[runIndex];
  const end = Math.min(to, plan.stopAt + 1);
  const f = end / TOTAL;
  const { train, test } = datasets();
  const bounds = datasetBounds(train, test);
  const p = params(plan, f, `w${runIndex}`);
  // Past its divergence the run's output layer is NaN, as a real diverged network's weights become.
  if (end > plan.stopAt && plan.stopAt < TOTAL) p.W[p.W.length - 1].fill(NaN);
  const msg: RunProgress = {
    runIndex,
    iteration: end,
    totalIterations: TOTAL,
    logged: costPoints(plan, from, end, LOG_EVERY),
    curve: costPoints(plan, from, end, CURVE_EVERY),
    layers: layerSnapshots(p, grads(plan, p, f), undefined, plan.init),
    boundary: grid(bounds, (x, y) => plan.prob(x, y, f)),
    mechanism: mechanismOf(plan, runIndex, train, p, end),
  };
  return { kind: 'progress', progress: msg };
}

export function runDone(runIndex: number): HostToWebview {
  const plan = PLANS[runIndex];
  const diverged = plan.stopAt < TOTAL;
  const costs: [number, number][] = [];
  for (let i = 0; i < plan.stopAt + (diverged ? 1 : 0); i += LOG_EVERY) costs.push([i, plan.cost(i)]);
  if (diverged) costs.push([plan.stopAt, plan.cost(plan.stopAt)]);
  const p = params(plan, 1, `w${runIndex}`);
  const spreads = p.W.slice(0, -1).map((w, l) => (plan.std(1) === 0 ? 0 : w.length > 0 ? 1 + l : 0));
  const verdict = verdictFor({
    costs,
    trainAccuracy: plan.trainAccuracy,
    testAccuracy: plan.testAccuracy,
    iterations: plan.stopAt,
    divergedAt: diverged ? plan.stopAt : null,
    stopped: false,
    hiddenUnitSpreads: spreads,
    initialGradRms: [1e-2, 1e-2, 1e-2],
  });
  const finalCost = plan.cost(plan.stopAt - (diverged ? 0 : LOG_EVERY));
  const result: WireRunResult = {
    name: plan.name,
    costs: costs.map(([i, c]) => [i, toWire(c)]),
    trainAccuracy: plan.trainAccuracy,
    testAccuracy: plan.testAccuracy,
    finalCost: toWire(finalCost),
    ms: 412 + 97 * runIndex,
    iterations: plan.stopAt,
    divergedAt: diverged ? plan.stopAt : null,
    stopped: false,
    verdict,
  };
  return { kind: 'runDone', runIndex, result };
}

/** The whole session in order: snapshot, interleaved progress of all runs, results, final status. */
export function session(): HostToWebview[] {
  const out: HostToWebview[] = [{ kind: 'snapshot', state: initialState() }];
  const step = 2500;
  for (let from = 0; from < TOTAL; from += step) {
    PLANS.forEach((plan, i) => {
      if (from <= plan.stopAt) out.push(progress(i, from, from + step));
    });
  }
  PLANS.forEach((_, i) => out.push(runDone(i)));
  out.push({ kind: 'status', status: 'done', message: 'Finished 4 runs.' });
  return out;
}
