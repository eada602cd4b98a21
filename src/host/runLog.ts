// Notebook-style log lines for a finished run ("Cost after iteration 1000: …", accuracies, time). Pure.
import type { RunResult } from '../core/results';
import { notebookLines } from '../core/report';

export function runHeader(name: string, initLabel: string): string {
  return `── ${name} (${initLabel}) ──`;
}

export function runLogLines(r: RunResult): string[] {
  const lines = notebookLines(r);
  if (r.divergedAt !== null) lines.push(`Diverged at iteration ${r.divergedAt}`);
  if (r.stopped) lines.push(`Stopped after ${r.iterations} iterations`);
  lines.push(`Time: ${(r.ms / 1000).toFixed(2)} s (${r.iterations} iterations)`, `Verdict: ${r.verdict.text}`);
  return lines;
}
