// Headless runner over the core: `initlab run FILE [--json OUT]` and `initlab validate FILE`.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { formatExperimentError, parseExperiment } from './core/experiment/parse';
import type { ExperimentError } from './core/experiment/parse';
import { describeInit } from './core/training/initializers';
import { resultsJson, runReportLines } from './core/analysis/report';
import { reportPoints, trainRunWithView } from './core/training/trainedRun';
import { htmlReport } from './core/analysis/htmlReport';
import { signalFlowLines } from './core/analysis/signalReport';
import type { Experiment } from './core/experiment/types';
import { nodeStepHelpers } from './worker/nodeStepHelpers';

const USAGE = `Usage:
  initlab run FILE.initexp.json [--json OUT.json]   train every run, print the notebook-style log
  initlab report FILE.initexp.json --out OUT.html   train every run, write a self-contained HTML report
  initlab validate FILE.initexp.json                 check the file, print its errors
Exit codes: 0 ok, 2 invalid experiment, 1 other failure.`;

class UsageError extends Error {}

interface Args {
  command: 'run' | 'report' | 'validate';
  file: string;
  json?: string;
  out?: string;
}

/** The options each command takes (all take the experiment file as their one positional argument). */
const OPTIONS: Record<Args['command'], ParseArgsConfig['options']> = {
  run: { json: { type: 'string' } },
  report: { out: { type: 'string' } },
  validate: {},
};

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'validate' && command !== 'report') {
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  }
  let parsed: { values: { json?: string; out?: string }; positionals: string[] };
  try {
    // node's parser reports unknown options and an option without its value.
    parsed = parseNodeArgs({
      args: rest,
      options: OPTIONS[command],
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const [file, extra] = parsed.positionals;
  if (!file) throw new UsageError('missing experiment file');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (parsed.values.json === '') throw new UsageError('--json needs an output path');
  if (command === 'report' && !parsed.values.out) throw new UsageError('report needs --out OUT.html');
  return { command, file, json: parsed.values.json, out: parsed.values.out };
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
  for (const [flag, out] of [
    ['--json', args.json],
    ['--out', args.out],
  ] as const) {
    if (out && path.resolve(out) === path.resolve(args.file)) {
      process.stderr.write(`${flag} ${out}: refusing to overwrite the experiment file itself\n`);
      return 1;
    }
  }
  const experiment = load(args.file);
  if (!experiment) return 2;
  if (args.command === 'validate') {
    process.stderr.write(`${args.file}: valid (${experiment.runs.length} runs)\n`);
    return 0;
  }
  const log = (s: string): boolean => process.stderr.write(s + '\n');
  log(
    `${experiment.name} — ${experiment.dataset.kind}, layers [${experiment.network.layers.join(', ')}], ` +
      `${experiment.training.iterations} iterations, learning rate ${experiment.training.learningRate}`,
  );
  // Runs train one after another, so each may take a second core for a large network (the numbers are the same).
  const helpers = nodeStepHelpers(__dirname);
  const trained = experiment.runs.map((spec, index) => {
    const run = trainRunWithView(experiment, index, undefined, { helpers });
    log('');
    for (const line of runReportLines(run.result, describeInit(spec.init))) log(line);
    for (const line of signalFlowLines(run.mechanism)) log(line);
    return { ...run, initLabel: describeInit(spec.init), sweep: spec.sweep };
  });
  if (args.command === 'report' && args.out) {
    const html = htmlReport({
      experimentName: experiment.name,
      description: experiment.description ?? '',
      fileName: path.basename(args.file),
      source: readFileSync(args.file, 'utf8'),
      runs: trained,
      ...reportPoints(experiment),
      generated: new Date().toISOString(),
    });
    writeAtomically(args.out, html);
    log(`\nReport written to ${args.out}`);
    return 0;
  }
  const results = trained.map((t) => t.result);
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
