// The extension's exports (what `activate()` returns): a small API for integration tests and other extensions.
import type * as vscode from 'vscode';
import type { RunResult } from '../core/analysis/results';
import type { PanelState } from '../shared/protocol';
import type { ContextState } from './contextKeys';
import type { PanelManager } from './panelManager';

/**
 * `vscode.extensions.getExtension('initlab.initlab').exports` after activation:
 * - `runFile(uri, runIndex?)`: runs the file (every run, or only `runIndex`) in its panel, exactly like the
 *   Run commands, and resolves when the session ends with the results produced, in run order (a stopped run
 *   has `stopped: true`; a run that never started is left out; an invalid file resolves []).
 * - `stop(uri?)`: stops the file's session, or all sessions.
 * - `lastResults(uri)`: the results of the file's last finished session, if any.
 * - `panelFor(uri)`: the file's webview panel, if open.
 * - `panelState(uri)`: the state the host keeps for that panel (what it re-sends to the page).
 * - `isWebviewReady(uri)`: whether the panel's page has sent `ready`.
 * - `isRunning(uri)`, `activeWorkers(uri?)`: live worker threads of the file's session (or of all sessions).
 * - `cspViolations()`: how many CSP violations the panels reported since activation.
 * - `contextKeys()`: the `initLab.*` context keys as the extension last set them.
 */
export interface InitLabApi {
  runFile(uri: vscode.Uri, runIndex?: number): Promise<RunResult[]>;
  stop(uri?: vscode.Uri): void;
  lastResults(uri: vscode.Uri): RunResult[] | undefined;
  panelFor(uri: vscode.Uri): vscode.WebviewPanel | undefined;
  panelState(uri: vscode.Uri): PanelState | undefined;
  isWebviewReady(uri: vscode.Uri): boolean;
  isRunning(uri: vscode.Uri): boolean;
  activeWorkers(uri?: vscode.Uri): number;
  cspViolations(): number;
  contextKeys(): Partial<ContextState>;
}

export function createApi(manager: PanelManager): InitLabApi {
  return {
    runFile: (uri, runIndex) => manager.run(uri, runIndex === undefined ? undefined : [runIndex]),
    stop: (uri) => manager.stop(uri),
    lastResults: (uri) => manager.lastResults(uri),
    panelFor: (uri) => manager.panelFor(uri)?.panel,
    panelState: (uri) => manager.panelFor(uri)?.state,
    isWebviewReady: (uri) => manager.panelFor(uri)?.isReady ?? false,
    isRunning: (uri) => manager.isRunning(uri),
    activeWorkers: (uri) => manager.activeWorkers(uri),
    cspViolations: () => manager.cspViolations(),
    contextKeys: () => manager.contextState(),
  };
}
