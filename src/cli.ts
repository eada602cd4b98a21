// Headless runner over the core: `initlab run FILE [--json OUT]` and `initlab validate FILE`.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatExperimentError, parseExperiment } from './core/experiment/parse';
import type { ExperimentError } from './core/experiment/parse';
import { describeInit } from './core/training/initializers';
import { resultsJson, runReportLines } from './core/analysis/report';
import { runExperiment } from './core/training/train';
import { prepareRun } from './core/training/run';
import type { Params } from './core/engine/network';
import { initialMechanism, mechanismAt } from './core/analysis/mechanism';
import { withMechanism } from './core/analysis/mechanismVerdict';
import { signalFlowLines } from './core/analysis/signalReport';
import type { Experiment } from './core/experiment/types';

const USAGE = `Usage:
  initlab run FILE.initexp.json [--json OUT.json]   train every run, print the notebook-style log
  initlab validate FILE.initexp.json                 check the file, print its errors
Exit codes: 0 ok, 2 invalid experiment, 1 other failure.`;

class UsageError extends Error {}

interface Args {
  command: 'run' | 'validate';
  file: string;
  json?: string;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'validate') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  let file: string | undefined;
  let json: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json' && command === 'run') {
      json = rest[++i];
      if (!json) throw new UsageError('--json needs an output path');
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option "${a}"`);
    } else if (file === undefined) {
      file = a;
    } else {
      throw new UsageError(`unexpected argument "${a}"`);
    }
  }
  if (!file) throw new UsageError('missing experiment file');
  return { command, file, json };
}

function formatError(file: string, e: ExperimentError): string {
  return `${file}:${e.range.line + 1}:${e.range.character + 1}: ${formatExperimentError(e)}`;
}

/** Reads and validates; prints warnings, and returns the experiment or prints every error and returns null. */
function load(file: string): Experiment | null {
  const text = readFileSync(file, 'utf8');
  const parsed = parseExperiment(text);
  for (const e of parsed.ok ? parsed.warnings : parsed.errors) process.stderr.write(formatError(file, e) + '\n');
  return parsed.ok ? parsed.experiment : null;
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a file. */
function writeAtomically(out: string, text: string): void {
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
}

function run(args: Args): number {
  if (!existsSync(args.file)) {
    process.stderr.write(`${args.file}: no such file\n`);
    return 1;
  }
  if (args.json && path.resolve(args.json) === path.resolve(args.file)) {
    process.stderr.write(`--json ${args.json}: refusing to overwrite the experiment file itself\n`);
    return 1;
  }
  const experiment = load(args.file);
  if (!experiment) return 2;
  if (args.command === 'validate') {
    process.stderr.write(`${args.file}: valid (${experiment.runs.length} runs)\n`);
    return 0;
  }
  const log = (s: string): boolean => process.stderr.write(s + '\n');
  log(`${experiment.name} — ${experiment.dataset.kind}, layers [${experiment.network.layers.join(', ')}], ` +
    `${experiment.training.iterations} iterations, learning rate ${experiment.training.learningRate}`);
  // The last live view holds the trained weights: the signal flow at the end, and a verdict that can name it.
  let trained: Params | null = null;
  const results = runExperiment(experiment, (index, r) => {
    const prep = prepareRun(experiment, index);
    let mechanism = initialMechanism(experiment, index, prep.train, prep.params);
    if (trained) mechanism = mechanismAt(mechanism, experiment, prep.train, trained, r.iterations);
    r.verdict = withMechanism(r.verdict, r, mechanism);
    log('');
    for (const line of runReportLines(r, describeInit(experiment.runs[index].init))) log(line);
    for (const line of signalFlowLines(mechanism)) log(line);
  }, { onCheck: (live) => { trained = live.params; } });
  if (args.json) writeAtomically(args.json, resultsJson(experiment.name, results));
  return 0;
}

function main(argv: string[]): number {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(USAGE + '\n');
    return argv.length === 0 ? 1 : 0;
  }
  try {
    return run(parseArgs(argv));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`initlab: ${err.message}\n${USAGE}\n`);
      return 1;
    }
    process.stderr.write(`initlab: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
