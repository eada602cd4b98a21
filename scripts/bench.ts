// `npm run bench`: µs per training iteration of the notebook's He run, against baselines measured in the same run.
//
// Baselines: the readable layer-by-layer JS loop (network.ts) and, where /usr/bin/python3 has NumPy and
// scikit-learn, the NumPy reference itself (its own in-process timing of the training loop, so interpreter start-up
// and dataset generation are excluded on both sides). Figures are medians over several repetitions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExperiment } from '../src/core/experiment/parse';
import { backward, cost, forward } from '../src/core/engine/network';
import { prepareRun } from '../src/core/training/run';
import type { Engine } from '../src/core/engine/stepper';
import { trainRun } from '../src/core/training/train';
import type { Experiment } from '../src/core/experiment/types';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const ROOT = path.join(__dirname, '..');
const REFERENCE = path.join(ROOT, 'scripts', 'reference', 'initexp_reference.py');

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function heOnly(): Experiment {
  const parsed = parseExperiment(readFileSync(path.join(ROOT, 'examples', 'notebook.initexp.json'), 'utf8'));
  if (!parsed.ok) throw new Error('examples/notebook.initexp.json is invalid');
  const exp = parsed.experiment;
  return { ...exp, runs: exp.runs.filter((r) => r.init.scheme === 'he') };
}

/** A whole run through trainRun with the given engine, as the CLI and the worker run it. */
function benchEngine(exp: Experiment, engine: Engine): number[] {
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const result = trainRun(prepareRun(exp, 0), { engine });
    out.push((1000 * result.ms) / result.iterations);
  }
  return out;
}

/** The generic layer loop of network.ts: same arithmetic, allocation per iteration, variable loop bounds. */
function benchGeneric(exp: Experiment): number[] {
  const out: number[] = [];
  const { hiddenActivation: h, leakyReluAlpha: a } = exp.network;
  const { learningRate: lr, iterations, loss } = exp.training;
  for (let r = 0; r < REPS; r++) {
    const prep = prepareRun(exp, 0);
    const p = prep.params;
    const { X, Y, m } = prep.train;
    const t = performance.now();
    for (let i = 0; i < iterations; i++) {
      const c = forward(p, X, m, h, a);
      if (i % 1000 === 0) cost(loss, c.A[c.A.length - 1], c.Z[c.Z.length - 1], Y);
      const g = backward(p, c, Y, m, h, a);
      p.W.forEach((W, l) => {
        for (let k = 0; k < W.length; k++) W[k] = W[k] - lr * g.W[l][k];
      });
      p.b.forEach((b, l) => {
        for (let k = 0; k < b.length; k++) b[k] = b[k] - lr * g.b[l][k];
      });
    }
    out.push((1000 * (performance.now() - t)) / iterations);
  }
  return out;
}

function benchNumpy(exp: Experiment): number[] | null {
  if (!existsSync('/usr/bin/python3') || !existsSync(REFERENCE)) return null;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import numpy, sklearn'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'initlab-bench-'));
  const file = path.join(dir, 'he.initexp.json');
  writeFileSync(file, JSON.stringify(exp));
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const doc = JSON.parse(execFileSync('/usr/bin/python3', [REFERENCE, file], { encoding: 'utf8' })) as {
      runs: { ms: number }[];
    };
    out.push((1000 * doc.runs[0].ms) / exp.training.iterations);
  }
  return out;
}

function row(label: string, xs: number[]): string {
  return `${label.padEnd(40)} ${median(xs).toFixed(1).padStart(7)} µs/iteration  (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
}

const exp = heOnly();
console.log(
  `Notebook He run: layers [${exp.network.layers}], m = ${exp.dataset.train.samples}, ${exp.training.iterations} iterations, ${REPS} repetitions`,
);
console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`);
const wasm = benchEngine(exp, 'wasm');
const js = benchEngine(exp, 'js');
const generic = benchGeneric(exp);
console.log(row('Init Lab, WebAssembly step (default)', wasm));
console.log(row('Init Lab, compiled JS step (fallback)', js));
console.log(row('generic JS layer loop (baseline)', generic));
console.log(
  `  WebAssembly step vs generic loop: ${(median(generic) / median(wasm)).toFixed(2)}×, compiled JS vs generic loop: ${(median(generic) / median(js)).toFixed(2)}×`,
);
const numpy = benchNumpy(exp);
if (numpy) {
  console.log(row('NumPy reference (baseline)', numpy));
  console.log(
    `  speed-up over NumPy: WebAssembly step ${(median(numpy) / median(wasm)).toFixed(2)}×, compiled JS step ${(median(numpy) / median(js)).toFixed(2)}×`,
  );
} else {
  console.log('NumPy reference: skipped (needs /usr/bin/python3 with numpy and scikit-learn)');
}
