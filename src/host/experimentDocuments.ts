// The one answer to "is this document an experiment?", used by every feature: run, diagnostics, CodeLens, save.
import * as vscode from 'vscode';
// Only the dependency-free file-name module: extension.ts's small activation bundle imports this file.
import { EXPERIMENT_GLOB, isExperimentFileName } from '../core/experiment/fileName';

/**
 * Untitled documents opened from a template where no folder gives them an `.initexp.json` name: they have no
 * file name to go by, so New Experiment registers them here (by URI) for as long as they stay untitled.
 */
const untitledExperiments = new Set<string>();

export function markUntitledExperiment(doc: vscode.TextDocument): void {
  untitledExperiments.add(doc.uri.toString());
}

/** An experiment: a file named `*.initexp.json` (saved or untitled), or a template opened without a folder. */
export function isExperimentDocument(doc: vscode.TextDocument): boolean {
  return isExperimentUri(doc.uri) || (doc.isUntitled && untitledExperiments.has(doc.uri.toString()));
}

export function isExperimentUri(uri: vscode.Uri): boolean {
  return isExperimentFileName(uri.path) || untitledExperiments.has(uri.toString());
}

/** Documents the language features serve; the providers then ask `isExperimentDocument` for the untitled ones. */
export const EXPERIMENT_SELECTOR: vscode.DocumentSelector = [
  { pattern: EXPERIMENT_GLOB },
  { scheme: 'untitled', language: 'jsonc' },
];

/** Forgets untitled templates once closed (a saved copy is an ordinary file, recognised by its name). */
export function trackUntitledExperiments(): vscode.Disposable {
  return vscode.workspace.onDidCloseTextDocument((d) => untitledExperiments.delete(d.uri.toString()));
}
