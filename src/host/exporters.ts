// Results → export files (JSON in the CLI's `--json` shape, CSV), delegating to the core so CLI and panel agree. Pure.
import type { RunResult } from '../core/analysis/results';
import { resultsCsv, resultsJson } from '../core/analysis/report';
import { experimentStem } from '../core/experiment/fileName';
import type { ExportFormat } from '../shared/protocol';

/** Every file the panel exports, named after the experiment: `notebook.initexp.json` → `notebook.results.png`. */
const SUFFIXES: Record<ExportFormat | 'png' | 'html', string> = {
  json: '.results.json',
  csv: '.results.csv',
  png: '.results.png',
  html: '.report.html',
};

export interface ExportFile {
  text: string;
  /** File name suffix, e.g. ".results.json". */
  suffix: string;
}

export function exportResults(format: ExportFormat, experimentName: string, results: readonly RunResult[]): ExportFile {
  const suffix = SUFFIXES[format];
  switch (format) {
    case 'json':
      return { text: resultsJson(experimentName, results), suffix };
    case 'csv':
      return { text: resultsCsv(results), suffix };
  }
}

/** The name the save dialog proposes for an export of the experiment file `fileName` (a path or a URI path). */
export function exportFileName(fileName: string, kind: keyof typeof SUFFIXES): string {
  return `${experimentStem(fileName)}${SUFFIXES[kind]}`;
}
