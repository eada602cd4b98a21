// Results → export files (JSON in the CLI's `--json` shape, CSV), delegating to the core so CLI and panel agree. Pure.
import type { RunResult } from '../core/analysis/results';
import { resultsCsv, resultsJson } from '../core/analysis/report';
import type { ExportFormat } from '../shared/protocol';

export interface ExportFile {
  text: string;
  /** File name suffix, e.g. ".results.json". */
  suffix: string;
}

export function exportResults(format: ExportFormat, experimentName: string, results: readonly RunResult[]): ExportFile {
  switch (format) {
    case 'json':
      return { text: resultsJson(experimentName, results), suffix: '.results.json' };
    case 'csv':
      return { text: resultsCsv(results), suffix: '.results.csv' };
  }
}

/** `dir/notebook.initexp.json` → `notebook`: the stem export files and PNGs are named after. */
export function experimentStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.initexp\.json$/i, '').replace(/\.json$/i, '') || 'experiment';
}
