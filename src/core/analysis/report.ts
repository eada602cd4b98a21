// Results as files: the CLI's `--json` document (the contract in docs/format.md) and a CSV of every logged cost.
import type { RunResult } from './results';

export type JsonNumber = number | 'Infinity' | '-Infinity' | 'NaN';

/** docs/format.md spells non-finite costs as strings, since JSON has no Infinity/NaN. */
export function jsonNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

export interface ResultsDocument {
  name: string;
  runs: {
    name: string;
    costs: [number, JsonNumber][];
    trainAccuracy: number;
    testAccuracy: number;
    finalCost: JsonNumber;
    ms: number;
    iterations: number;
    divergedAt: number | null;
    stopped: boolean;
    verdict: string;
    /** The training engine the run used (chosen by size; every engine gives the same numbers). */
    engine?: string;
    /** Threads the training step ran on. */
    threads?: number;
  }[];
}

export function resultsDocument(name: string, results: readonly RunResult[]): ResultsDocument {
  return {
    name,
    runs: results.map((r) => ({
      name: r.name,
      costs: r.costs.map(([i, c]) => [i, jsonNumber(c)]),
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      finalCost: jsonNumber(r.finalCost),
      ms: Math.round(r.ms * 10) / 10,
      iterations: r.iterations,
      divergedAt: r.divergedAt,
      stopped: r.stopped,
      verdict: r.verdict.text,
      ...(r.engine ? { engine: r.engine } : {}),
      ...(r.threads ? { threads: r.threads } : {}),
    })),
  };
}

export function resultsJson(name: string, results: readonly RunResult[]): string {
  return JSON.stringify(resultsDocument(name, results), null, 2) + '\n';
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per logged cost: run, iteration, cost; then accuracies as columns repeated per run for pivoting. */
export function resultsCsv(results: readonly RunResult[]): string {
  const rows = ['run,iteration,cost,trainAccuracy,testAccuracy'];
  for (const r of results) {
    for (const [i, c] of r.costs) {
      rows.push(
        [csvField(r.name), String(i), String(jsonNumber(c)), String(r.trainAccuracy), String(r.testAccuracy)].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

/** Python's repr spelling of a float, as the notebook prints costs ("inf", "nan"). */
export function notebookNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

/** The notebook's log of a run: "Cost after iteration 1000: …", then the accuracies. */
export function notebookLines(r: RunResult): string[] {
  const lines = r.costs.map(([i, c]) => `Cost after iteration ${i}: ${notebookNumber(c)}`);
  lines.push(`On the train set: Accuracy: ${r.trainAccuracy}`);
  lines.push(`On the test set: Accuracy: ${r.testAccuracy}`);
  return lines;
}

/**
 * A run's whole log, shared by the CLI (stderr) and the extension's output channel: a header naming the
 * initializer, the notebook's lines, then divergence/stop notes, time and the verdict.
 */
export function runReportLines(r: RunResult, initLabel: string): string[] {
  const lines = [`== ${r.name}: ${initLabel}`, ...notebookLines(r)];
  if (r.divergedAt !== null) lines.push(`Diverged at iteration ${r.divergedAt}`);
  if (r.stopped) lines.push(`Stopped after ${r.iterations} iterations`);
  const threads = (r.threads ?? 1) > 1 ? ` on ${r.threads} threads` : '';
  const engine = r.engine ? `, ${r.engine} engine${threads}` : '';
  lines.push(
    `Time: ${r.ms.toFixed(1)} ms (${((1000 * r.ms) / Math.max(1, r.iterations)).toFixed(1)} µs/iteration${engine})`,
  );
  lines.push(`Verdict: ${r.verdict.text}`);
  return lines;
}
