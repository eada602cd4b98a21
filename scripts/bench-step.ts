// `npx tsx scripts/bench-step.ts`: µs per iteration of the JS compiled step vs the WebAssembly step, interleaved A/B.
//
// The notebook's He run (layers [2,10,5,1], m = 300, 15,000 iterations, cost every 50 iterations like the train
// loop's curve sampling). The machine is shared, so runs alternate A B B A … and both the minimum (the
// least-disturbed run) and the median are reported, in wall time and in this process's CPU time (which leaves
// out the time other processes hold the core); each repetition compiles a fresh step, as a training run does.
// Both sides must end with the same weights bit for bit, or the script fails.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExperiment } from '../src/core/experiment/parse';
import { cloneParams } from '../src/core/engine/network';
import type { Params } from '../src/core/engine/network';
import type { PreparedRun } from '../src/core/training/run';
import { prepareRun } from '../src/core/training/run';
import { allocateBuffers, compileStep } from '../src/core/engine/step';
import type { StepSpec } from '../src/core/engine/step';
import { DEFAULT_WASM_OPTIONS, compileWasmStep } from '../src/core/engine/wasmStep';
import type { WasmStepOptions } from '../src/core/engine/wasmStep';

const REPS = Number(process.env.BENCH_REPS ?? 10);
const COST_EVERY = 50;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function heRun(): PreparedRun {
  const file = path.join(__dirname, '..', 'examples', 'notebook.initexp.json');
  const parsed = parseExperiment(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} is invalid`);
  const index = parsed.experiment.runs.findIndex((r) => r.init.scheme === 'he');
  return prepareRun(parsed.experiment, index);
}

function specOf(prep: PreparedRun): StepSpec {
  const { network, training } = prep.experiment;
  return {
    layers: network.layers,
    m: prep.train.m,
    hidden: network.hiddenActivation,
    alpha: network.leakyReluAlpha,
    loss: training.loss,
    learningRate: training.learningRate,
  };
}

interface Timed {
  us: number;
  cpuUs: number;
  params: Params;
}

/** Wall and CPU µs per iteration of `work`. */
function timed(iterations: number, work: () => Params): Timed {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const params = work();
  const used = process.cpuUsage(cpu);
  return { us: (1000 * (performance.now() - t)) / iterations, cpuUs: (used.user + used.system) / iterations, params };
}

function runJs(prep: PreparedRun, iterations: number): Timed {
  const spec = specOf(prep);
  const params = cloneParams(prep.params);
  return timed(iterations, () => {
    const step = compileStep(spec, prep.train.Y);
    const buffers = allocateBuffers(spec.layers, prep.train.X, spec.m);
    for (let i = 0; i < iterations; i++) step(params, buffers, i % COST_EVERY === 0);
    return params;
  });
}

function runWasm(prep: PreparedRun, iterations: number, opts: WasmStepOptions): Timed {
  const spec = specOf(prep);
  return timed(iterations, () => {
    const w = compileWasmStep(spec, prep.train.X, prep.train.Y, prep.params, opts);
    if (!w) throw new Error('compileWasmStep returned null');
    for (let i = 0; i < iterations; i++) w.step(i % COST_EVERY === 0);
    return w.params;
  });
}

function sameBits(a: Params, b: Params): boolean {
  const eq = (x: Float64Array, y: Float64Array): boolean => x.every((v, i) => Object.is(v, y[i]));
  return a.W.every((w, l) => eq(w, b.W[l])) && a.b.every((v, l) => eq(v, b.b[l]));
}

function row(label: string, xs: Timed[]): string {
  const fmt = (v: number[]): string =>
    `min ${Math.min(...v)
      .toFixed(1)
      .padStart(6)}  median ${median(v).toFixed(1).padStart(6)}`;
  return `${label.padEnd(30)} wall ${fmt(xs.map((x) => x.us))}   cpu ${fmt(xs.map((x) => x.cpuUs))}  µs/iteration`;
}

function ratios(a: Timed[], b: Timed[], key: 'us' | 'cpuUs'): string {
  const x = a.map((t) => t[key]),
    y = b.map((t) => t[key]);
  return `${(median(x) / median(y)).toFixed(2)}× (medians), ${(Math.min(...x) / Math.min(...y)).toFixed(2)}× (minima)`;
}

const prep = heRun();
const iterations = prep.experiment.training.iterations;
// Variants of the generated code (weights / gradient accumulators in locals up to N weights per layer).
const variants: [string, WasmStepOptions][] = process.env.BENCH_VARIANTS
  ? [
      ['wasm (default)', DEFAULT_WASM_OPTIONS],
      ['wasm, weights from memory', { ...DEFAULT_WASM_OPTIONS, weightLocalsLimit: 0 }],
      ['wasm, accumulators in memory', { ...DEFAULT_WASM_OPTIONS, accLocalsLimit: 0 }],
    ]
  : [['WebAssembly step', DEFAULT_WASM_OPTIONS]];
console.log(
  `He run of the course notebook: layers [${prep.params.layers}], m = ${prep.train.m}, ${iterations} iterations, ` +
    `cost every ${COST_EVERY}; ${REPS} interleaved repetitions`,
);
console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, Node ${process.version}`,
);

const js: Timed[] = [];
const wasm: Timed[][] = variants.map(() => []);
for (let r = 0; r < REPS; r++) {
  // A B B A: neither side always runs first (warmer caches, or a neighbour's burst) in every pair.
  const order = r % 2 === 0 ? ['js', 'wasm'] : ['wasm', 'js'];
  for (const which of order) {
    if (which === 'js') {
      js.push(runJs(prep, iterations));
      continue;
    }
    variants.forEach(([, opts], v) => {
      wasm[v].push(runWasm(prep, iterations, opts));
      const ref = runJs(prep, 200);
      const check = runWasm(prep, 200, opts);
      if (!sameBits(ref.params, check.params)) throw new Error('the WebAssembly step diverged from the JS step');
    });
  }
}
console.log(row('JS compiled step', js));
variants.forEach(([label], v) => console.log(row(label, wasm[v])));
console.log(`speed-up of the WebAssembly step: wall ${ratios(js, wasm[0], 'us')}; cpu ${ratios(js, wasm[0], 'cpuUs')}`);
