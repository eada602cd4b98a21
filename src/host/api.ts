// The extension's exports (what `activate()` returns): a small API for integration tests and other extensions.
import type * as vscode from 'vscode';
import type { RunResult } from '../core/analysis/results';
import type { PanelState } from '../shared/protocol';
import type { ContextState } from './contextKeys';
import type { Lab } from './lab';
import type { PlatformKind } from './platform';

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
 * - `labLoaded()`: whether the working part (dist/lab.js) is loaded; activation alone does not load it.
 * - `platform()`: which extension host the extension runs in: `node` (desktop, code-server's default) or `web`
 *   (VS Code for the Web, or code-server's web worker host).
 * - `timings()`: how long `activate()` took and, once loaded, how long loading the working part took (ms).
 * Only `runFile` loads the working part; the queries answer "nothing" until something else has loaded it.
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
  labLoaded(): boolean;
  platform(): PlatformKind;
  timings(): ActivationTimings;
}

export interface ActivationTimings {
  activateMs: number;
  labLoadMs: number | undefined;
}

/** The lazily loaded working part, as extension.ts holds it. */
export interface LabLoader {
  loaded(): Lab | undefined;
  load(): Lab;
  timings(): ActivationTimings;
}

export function createApi(lab: LabLoader, platform: PlatformKind): InitLabApi {
  const manager = () => lab.loaded()?.manager;
  return {
    runFile: (uri, runIndex) => lab.load().manager.run(uri, runIndex === undefined ? undefined : [runIndex]),
    stop: (uri) => manager()?.stop(uri),
    lastResults: (uri) => manager()?.lastResults(uri),
    panelFor: (uri) => manager()?.panelFor(uri)?.panel,
    panelState: (uri) => manager()?.panelFor(uri)?.state,
    isWebviewReady: (uri) => manager()?.panelFor(uri)?.isReady ?? false,
    isRunning: (uri) => manager()?.isRunning(uri) ?? false,
    activeWorkers: (uri) => manager()?.activeWorkers(uri) ?? 0,
    cspViolations: () => manager()?.cspViolations() ?? 0,
    contextKeys: () => manager()?.contextState() ?? {},
    labLoaded: () => lab.loaded() !== undefined,
    platform: () => platform,
    timings: () => lab.timings(),
  };
}
