// `npm run bench`: one table of µs per training iteration, every Init Lab engine and NumPy, shape by shape.
//
// Each shape is an experiment (circles, one He run). Init Lab's engines are timed in this process through trainRun
// (as the CLI and the worker run them); NumPy is the reference's own training loop timed inside Python (import and
// dataset generation excluded); the CLI itself (bundled, automatic engine) runs as a child process for its peak
// memory. Ratios compare medians measured in the same run. Env: BENCH_REPS (default 3), BENCH_ONLY (a substring of
// shape names), BENCH_SCALE (multiplies iterations), BENCH_MEMORY=1 (also the widest shape at a
// tenth of its iterations, for memory growth), BENCH_NUMPY=0 (skip NumPy).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { prepareRun } from '../src/core/training/run';
import { ENGINES, THREADED_MIN_WORK, engineApplies } from '../src/core/engine/stepper';
import type { StepHelpers } from '../src/core/engine/tiledThreads';
import { STEP_HELPER_BUNDLE, nodeStepHelpers } from '../src/worker/nodeStepHelpers';
import type { Engine } from '../src/core/engine/stepper';
import { trainRun } from '../src/core/training/train';
import { runJob } from '../src/worker/trainJob';
import type { Experiment, HiddenActivation } from '../src/core/experiment/types';
import { benchWebviewViewports, webviewTable } from './bench-webview';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ROOT = path.join(__dirname, '..');
/** The project's own NumPy reference (scripts/reference/). */
const REFERENCE = path.join(ROOT, 'scripts', 'reference', 'initexp_reference.py');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'initlab-bench-'));
/** The helper thread's bundle, beside the CLI's as in dist/. */
const HELPER = path.join(TMP, STEP_HELPER_BUNDLE);

interface Shape {
  name: string;
  layers: number[];
  hidden: HiddenActivation;
  samples: number;
  iterations: number;
  /** Fewer iterations for engines that take seconds per iteration here (µs/iteration stays comparable). */
  slowIterations?: number;
}

const deep16 = [2, ...Array.from({ length: 10 }, () => 16), 1];
const SHAPES: Shape[] = [
  { name: 'notebook', layers: [2, 10, 5, 1], hidden: 'relu', samples: 300, iterations: 15000 },
  { name: 'deep 8 tanh', layers: [2, 8, 8, 8, 8, 8, 1], hidden: 'tanh', samples: 300, iterations: 3000 },
  { name: '10×16 tanh', layers: deep16, hidden: 'tanh', samples: 300, iterations: 2000 },
  { name: '32 relu', layers: [2, 32, 32, 1], hidden: 'relu', samples: 1000, iterations: 1000 },
  { name: '64 relu', layers: [2, 64, 64, 64, 1], hidden: 'relu', samples: 3000, iterations: 100, slowIterations: 10 },
  { name: '256 relu', layers: [2, 256, 256, 256, 1], hidden: 'relu', samples: 2000, iterations: 20, slowIterations: 2 },
];

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function experimentOf(shape: Shape, iterations: number): Experiment {
  return {
    name: `bench ${shape.name}`,
    rng: 'numpy',
    dataset: {
      kind: 'circles',
      train: { samples: shape.samples, noise: 0.05, seed: 1 },
      test: { samples: 100, noise: 0.05, seed: 2 },
    },
    network: {
      layers: shape.layers,
      hiddenActivation: shape.hidden,
      outputActivation: 'sigmoid',
      leakyReluAlpha: 0.01,
    },
    training: { learningRate: 0.01, iterations, logEvery: Math.max(1, Math.floor(iterations / 10)), loss: 'notebook' },
    runs: [{ name: 'He', init: { scheme: 'he' }, seed: 3 }],
  } as Experiment;
}

function iterationsFor(shape: Shape, engine: Engine | 'numpy' | 'cli'): number {
  const slow = engine === 'js' && shape.slowIterations !== undefined;
  return Math.max(1, Math.round(SCALE * (slow ? shape.slowIterations! : shape.iterations)));
}

/** µs per iteration of each repetition, the run's own clock (excludes dataset preparation). */
function benchEngine(shape: Shape, engine: Engine, helpers?: StepHelpers): number[] {
  const exp = experimentOf(shape, iterationsFor(shape, engine));
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const result = trainRun(prepareRun(exp, 0), { engine, helpers });
    if (helpers && result.threads !== 2) throw new Error(`${shape.name}: the helper thread did not join`);
    out.push((1000 * result.ms) / result.iterations);
  }
  return out;
}

function numpyAvailable(): boolean {
  if (!existsSync(REFERENCE) || !existsSync('/usr/bin/python3')) return false;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import numpy, sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function writeExperiment(exp: Experiment, stem: string): string {
  const file = path.join(TMP, `${stem}.initexp.json`);
  writeFileSync(file, JSON.stringify(exp));
  return file;
}

function benchNumpy(shape: Shape): number[] {
  const iterations = iterationsFor(shape, 'numpy');
  const file = writeExperiment(experimentOf(shape, iterations), 'numpy');
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const doc = JSON.parse(execFileSync('/usr/bin/python3', [REFERENCE, file], { encoding: 'utf8' })) as {
      runs: { ms: number }[];
    };
    out.push((1000 * doc.runs[0].ms) / iterations);
  }
  return out;
}

/**
 * The CLI and its helper thread bundled as `npm run build` bundles them, plus a preload that reports the process's
 * peak RSS at exit.
 */
function buildCli(): { cli: string; preload: string } {
  const cli = path.join(TMP, 'cli.js');
  for (const [entry, outfile] of [
    ['cli.ts', cli],
    [path.join('worker', 'stepHelper.ts'), HELPER],
  ]) {
    buildSync({
      entryPoints: [path.join(ROOT, 'src', entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      target: 'node18',
      outfile,
      logLevel: 'error',
    });
  }
  const preload = path.join(TMP, 'peak.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(process.env.PEAK_FILE, ` +
      `String(process.resourceUsage().maxRSS)));\n`,
  );
  return { cli, preload };
}

interface CliRun {
  us: number;
  peakMiB: number;
}

function runCli(tools: { cli: string; preload: string }, shape: Shape, iterations: number): CliRun {
  const file = writeExperiment(experimentOf(shape, iterations), 'cli');
  const json = path.join(TMP, 'cli-out.json');
  const peak = path.join(TMP, 'peak.txt');
  execFileSync(process.execPath, ['-r', tools.preload, tools.cli, 'run', file, '--json', json], {
    stdio: 'ignore',
    env: { ...process.env, PEAK_FILE: peak },
  });
  const doc = JSON.parse(readFileSync(json, 'utf8')) as { runs: { ms: number; iterations: number }[] };
  return { us: (1000 * doc.runs[0].ms) / doc.runs[0].iterations, peakMiB: Number(readFileSync(peak, 'utf8')) / 1024 };
}

function fmtUs(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;
}

function fmtRatio(numpy: number | null, us: number): string {
  if (numpy === null) return '–';
  const r = numpy / us;
  return r >= 1 ? `**${r.toFixed(2)}× faster**` : `${(1 / r).toFixed(2)}× slower`;
}

function weightsOf(layers: number[]): number {
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += layers[l] * layers[l - 1];
  return n;
}

const only = process.env.BENCH_ONLY;
const shapes = SHAPES.filter((s) => !only || s.name.includes(only));
const withNumpy = process.env.BENCH_NUMPY !== '0' && numpyAvailable();
const tools = buildCli();
console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, ` +
    `Node ${process.version}; ${REPS} repetitions, medians; NumPy: ${withNumpy ? REFERENCE : 'skipped (needs /usr/bin/python3 with numpy, sklearn)'}`,
);
console.log('');
console.log('| network, samples, iterations | engine | per iteration | vs NumPy | CLI peak memory |');
console.log('|---|---|---|---|---|');
for (const shape of shapes) {
  const label =
    `[${shape.layers.length > 8 ? `2,16×${shape.layers.length - 2},1` : shape.layers}] ${shape.hidden}, ` +
    `${shape.samples}, ×${iterationsFor(shape, 'cli')}`;
  const numpy = withNumpy ? median(benchNumpy(shape)) : null;
  const cli = runCli(tools, shape, iterationsFor(shape, 'cli'));
  for (const engine of ENGINES) {
    if (!engineApplies(engine, shape.layers)) continue;
    const us = median(benchEngine(shape, engine));
    const auto = trainRun(prepareRun(experimentOf(shape, 1), 0)).engine === engine ? ' (auto)' : '';
    console.log(`| ${label} | ${engine}${auto} | ${fmtUs(us)} | ${fmtRatio(numpy, us)} | |`);
  }
  const helpers = nodeStepHelpers(TMP);
  if (helpers && weightsOf(shape.layers) * shape.samples >= THREADED_MIN_WORK) {
    const us = median(benchEngine(shape, 'wasmTiled', helpers));
    console.log(`| ${label} | wasmTiled, 2 threads (auto, alone) | ${fmtUs(us)} | ${fmtRatio(numpy, us)} | |`);
  }
  console.log(
    `| ${label} | CLI, auto | ${fmtUs(cli.us)} | ${fmtRatio(numpy, cli.us)} | ${cli.peakMiB.toFixed(0)} MiB |`,
  );
  if (numpy !== null) console.log(`| ${label} | NumPy | ${fmtUs(numpy)} | 1× | |`);
  if (process.env.BENCH_MEMORY && shape === shapes[shapes.length - 1]) {
    // The experiment limits cap this shape's iterations, so memory growth is compared at a tenth of them instead.
    const few = Math.max(1, Math.round(iterationsFor(shape, 'cli') / 10));
    const short = runCli(tools, shape, few);
    console.log(
      `| ${label.replace(/×\d+$/, `×${few}`)} | CLI, auto | ${fmtUs(short.us)} | | ${short.peakMiB.toFixed(0)} MiB |`,
    );
  }
  console.error(`(${shape.name}: ${weightsOf(shape.layers)} weights done)`);
}

// The live view's cost: the worker's job (15 snapshots/s: grid, histograms, signal flow, each message cloned as
// postMessage would) against training alone, on the issue's moons tanh net and on the notebook; medians, paired.
const live: Experiment[] = [
  { ...experimentOf({ ...SHAPES[0], name: 'notebook' }, 15_000) },
  {
    ...experimentOf({ ...SHAPES[0], name: 'moons tanh', layers: [2, 12, 8, 6, 1], hidden: 'tanh' }, 15_000),
    dataset: {
      kind: 'moons',
      train: { samples: 300, noise: 0.2, seed: 1 },
      test: { samples: 100, noise: 0.2, seed: 2 },
    },
  },
];
console.log('');
console.log('| live view (15 snapshots/s) | training alone | with snapshots | overhead (median of paired ratios) |');
console.log('|---|---|---|---|');
/** Pairs per live row: a 0.3 s run varies by ±15 % here, so more pairs than REPS, in alternating order. */
const LIVE_PAIRS = Math.max(REPS, 9);
for (const experiment of live) {
  const alone: number[] = [];
  const withView: number[] = [];
  const ratios: number[] = [];
  const timeAlone = (): number => {
    const t0 = performance.now();
    trainRun(prepareRun(experiment, 0));
    return performance.now() - t0;
  };
  const timeWithView = (): number => {
    const t0 = performance.now();
    runJob(experiment, 0, {
      snapshotIntervalMs: 1000 / 15,
      boundaryResolution: 100,
      shouldStop: () => false,
      now: () => performance.now(),
      post: (m) => void structuredClone(m),
    });
    return performance.now() - t0;
  };
  for (let r = 0; r < LIVE_PAIRS; r++) {
    let a: number, b: number;
    if (r % 2) {
      a = timeAlone();
      b = timeWithView();
    } else {
      b = timeWithView();
      a = timeAlone();
    }
    alone.push(a);
    withView.push(b);
    ratios.push(b / a);
  }
  console.log(
    `| ${experiment.network.layers.join(',')} ${experiment.network.hiddenActivation} | ${median(alone).toFixed(0)} ms | ` +
      `${median(withView).toFixed(0)} ms | ${(100 * (median(ratios) - 1)).toFixed(1)} % |`,
  );
}

// The panel's side of the live view: main-thread time per update in headless Chromium (scripts/bench-webview.ts).
void benchWebviewViewports().then(
  (b) => {
    console.log('');
    console.log(webviewTable(b).join('\n'));
  },
  (e: unknown) => console.error(`webview bench skipped: ${e instanceof Error ? e.message : String(e)}`),
);
