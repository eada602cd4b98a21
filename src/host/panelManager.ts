// Owns the experiment panels and their run sessions: run, stop, re-run, export, restore, run-on-save.
import * as vscode from 'vscode';
import { formatExperimentError, parseExperiment } from '../core/experiment/parse';
import type { RunResult } from '../core/analysis/results';
import { carryPrevious, emptyPanelState } from '../shared/panelState';
import type { ExportFormat, PanelState, WebviewToHost } from '../shared/protocol';
import { readConfig } from './config';
import { ContextKeys, type ContextState } from './contextKeys';
import { ExperimentPanel, type PanelEvents } from './experimentPanel';
import { EXPERIMENT_SUFFIX, experimentStem } from '../core/experiment/fileName';
import type { Experiment } from '../core/experiment/types';
import { htmlReport } from '../core/analysis/htmlReport';
import { reportRuns } from './reportRuns';
import { exportFileName, exportResults } from './exporters';
import type { ExperimentDiagnostics } from './diagnostics';
import type { Output } from './output';
import { RunSession } from './session';
import type { Platform } from './platform';
import type { TrainingStatusBar } from './statusBar';

/** Everything the manager knows about one experiment file. */
interface Entry {
  uri: vscode.Uri;
  panel?: ExperimentPanel;
  session?: RunSession;
  /** What the last run of this file ran, so Re-run and run-on-save repeat it (undefined = all runs). */
  lastRunIndices?: number[];
  experimentName?: string;
  /** The experiment of the last run (its runs' sweep points label the report's sweep chart). */
  experiment?: Experiment;
  results?: RunResult[];
  /** Settles when the file's current run call has finished; the next call chains on it. */
  queue: Promise<void>;
  /** Incremented by every run call: a call whose ticket is no longer current has been superseded. */
  ticket: number;
}

export interface ManagerDeps {
  extensionUri: vscode.Uri;
  platform: Platform;
  output: Output;
  diagnostics: ExperimentDiagnostics;
  statusBar: TrainingStatusBar;
}

/** Decodes base64 with what both hosts have (atob), not Node's Buffer. */
function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class PanelManager implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private lastActive: vscode.Uri | undefined;
  private cspCount = 0;
  private focusedPanel: ExperimentPanel | undefined;
  private readonly contextKeys = new ContextKeys();
  private readonly events: PanelEvents = {
    onMessage: (panel, msg) => void this.onWebviewMessage(panel, msg),
    onInvalidMessage: (panel, raw) =>
      this.deps.output.warn(
        `Ignored a malformed message from the panel of ${panel.file.toString()}: ${JSON.stringify(raw)?.slice(0, 200)}`,
      ),
    onDidDispose: (panel) => this.onPanelDisposed(panel),
    onPageStuck: (panel) => this.replaceStuckPanel(panel),
    onDidChangeActive: (panel, active) => {
      if (active) this.lastActive = panel.file;
      this.focusedPanel = active ? panel : this.focusedPanel === panel ? undefined : this.focusedPanel;
      this.updateIndicators();
    },
  };

  constructor(private readonly deps: ManagerDeps) {}

  // ------------------------------------------------------------------ queries (also used by the test API)

  lastResults(uri: vscode.Uri): RunResult[] | undefined {
    return this.entries.get(uri.toString())?.results;
  }

  panelFor(uri: vscode.Uri): ExperimentPanel | undefined {
    return this.entries.get(uri.toString())?.panel;
  }

  isRunning(uri: vscode.Uri): boolean {
    return this.entries.get(uri.toString())?.session !== undefined;
  }

  activeWorkers(uri?: vscode.Uri): number {
    const entries = uri ? [this.entries.get(uri.toString())] : [...this.entries.values()];
    return entries.reduce((n, e) => n + (e?.session?.activeWorkers ?? 0), 0);
  }

  cspViolations(): number {
    return this.cspCount;
  }

  /** The file of the panel the user looked at last, else of any running session. */
  currentFile(): vscode.Uri | undefined {
    if (this.lastActive && this.entries.get(this.lastActive.toString())?.panel) return this.lastActive;
    for (const e of this.entries.values()) if (e.session || e.panel) return e.uri;
    return undefined;
  }

  // ------------------------------------------------------------------ panels

  /** Reveals the file's panel, opening an idle one if it has none. */
  showPanel(uri: vscode.Uri): ExperimentPanel {
    const entry = this.entry(uri);
    if (entry.panel && !entry.panel.isDisposed) {
      entry.panel.reveal();
      return entry.panel;
    }
    entry.panel = ExperimentPanel.create(this.deps.extensionUri, uri, emptyPanelState(uri.toString()), this.events);
    this.lastActive = uri;
    return entry.panel;
  }

  /** Adopts a panel VS Code restored after a reload, with the state its page had saved. */
  restorePanel(webviewPanel: vscode.WebviewPanel, uri: vscode.Uri, saved: PanelState | undefined): void {
    const entry = this.entry(uri);
    let state = saved ?? emptyPanelState(uri.toString());
    // The workers of the previous window are gone: a run that was in flight is now just interrupted.
    if (state.status === 'running') {
      state = {
        ...state,
        status: 'stopped',
        message: vscode.l10n.t('Interrupted by a window reload; Re-run to train again.'),
      };
    }
    entry.panel?.dispose();
    entry.panel = ExperimentPanel.adopt(webviewPanel, this.deps.extensionUri, uri, state, this.events);
    entry.experimentName ??= state.experimentName;
  }

  // ------------------------------------------------------------------ running

  /**
   * Runs the file (every run, or the given ones) in its panel and resolves when the session ends with the
   * results that were produced, in run order. An invalid file shows its errors and runs nothing (resolves []).
   * Runs of one file are serialised: a newer call stops the session that trains and supersedes any call still
   * waiting for its turn (which then resolves [] without training), so one panel never hosts two sessions.
   */
  run(uri: vscode.Uri, runIndices?: number[]): Promise<RunResult[]> {
    const entry = this.entry(uri);
    const ticket = ++entry.ticket;
    entry.session?.stop();
    const turn = entry.queue.then(() => (ticket === entry.ticket ? this.runNow(entry, runIndices, ticket) : []));
    entry.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async runNow(entry: Entry, runIndices: number[] | undefined, ticket: number): Promise<RunResult[]> {
    const uri = entry.uri;
    const doc = await vscode.workspace.openTextDocument(uri);
    // A newer run was asked for while the document opened: it will run instead of this one.
    if (ticket !== entry.ticket) return [];
    this.deps.diagnostics.update(doc);
    const panel = this.showPanel(uri);

    const parsed = parseExperiment(doc.getText());
    if (!parsed.ok) {
      // Warnings travel with errors in source order; the count and the first one shown are the blocking errors.
      const errors = parsed.errors.filter((e) => e.severity === 'error');
      const first = errors[0] ?? parsed.errors[0];
      const message = vscode.l10n.t(
        '{0} error(s) in the experiment file. First: {1}: {2}',
        errors.length,
        first.path,
        first.message,
      );
      // The history stays: fixing the file and running again still shows what changed since the last good run.
      panel.apply({
        kind: 'snapshot',
        state: { ...emptyPanelState(uri.toString()), status: 'invalid', message, previous: carryPrevious(panel.state) },
      });
      this.deps.output.warn(`${uri.toString()}: invalid experiment`);
      for (const e of parsed.errors) this.deps.output.warn(`  line ${e.range.line + 1}: ${formatExperimentError(e)}`);
      // No toast: the panel just shown and the Problems view both say it, on every save.
      return [];
    }
    const experiment = parsed.experiment;
    const indices = runIndices ?? experiment.runs.map((_, i) => i);
    const bad = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= experiment.runs.length);
    if (bad !== undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The experiment has no run number {0}.', bad + 1));
      return [];
    }
    entry.lastRunIndices = runIndices;
    entry.experimentName = experiment.name;
    entry.experiment = experiment;

    const config = readConfig(this.deps.platform.cores, uri);
    const session = new RunSession(uri.toString(), experiment, indices, {
      startWorker: (request) => this.deps.platform.startRun(request),
      maxParallel: config.maxParallelRuns,
      snapshotIntervalMs: 1000 / config.snapshotsPerSecond,
      boundaryResolution: config.boundaryResolution,
      l10n: vscode.l10n.bundle,
      emit: (msg) => {
        entry.panel?.apply(msg);
        if (msg.kind === 'progress' || msg.kind === 'runDone') this.updateIndicators();
      },
      log: (line) => this.deps.output.info(line),
      previous: carryPrevious(panel.state),
    });
    entry.session = session;
    this.updateIndicators();
    // Progress shows in the status bar item and the panel, never as a notification (runs start on every save).
    const outcome = await session.start();
    if (entry.session === session) entry.session = undefined;
    const results = outcome.results.filter((r): r is RunResult => r !== null);
    entry.results = results;
    this.updateIndicators();
    if (outcome.status === 'done' && indices.some((i) => experiment.runs[i].sweep))
      this.contextKeys.reached('sweepRan');
    // A failed run shows its message in the panel (status 'error') and the log; no toast on top.
    if (outcome.status === 'error') this.deps.output.error(outcome.message);
    return results;
  }

  /** Repeats the file's last run (all runs, or the single run it was). */
  rerun(uri: vscode.Uri): Promise<RunResult[]> {
    return this.run(uri, this.entries.get(uri.toString())?.lastRunIndices);
  }

  /** Stops the file's session, or every session when no file is given. */
  stop(uri?: vscode.Uri): void {
    const entries = uri ? [this.entries.get(uri.toString())] : [...this.entries.values()];
    for (const e of entries) e?.session?.stop();
  }

  /** Saving a file whose panel is open re-runs it (setting `initLab.runOnSave`). */
  onDidSave(doc: vscode.TextDocument): void {
    const entry = this.entries.get(doc.uri.toString());
    if (!entry?.panel || entry.panel.isDisposed || !readConfig(this.deps.platform.cores, doc.uri).runOnSave) return;
    this.contextKeys.reached('savedAndRan');
    void this.rerun(doc.uri);
  }

  // ------------------------------------------------------------------ files

  /** Saves the file's last results as JSON or CSV; without a format the dialog offers both. */
  async exportResults(uri: vscode.Uri, format?: ExportFormat): Promise<vscode.Uri | undefined> {
    const entry = this.entries.get(uri.toString());
    if (!entry?.results?.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Run the experiment first: there are no results to export yet.'),
      );
      return undefined;
    }
    const filters: Record<string, string[]> =
      format === 'csv' ? { CSV: ['csv'] } : format === 'json' ? { JSON: ['json'] } : { JSON: ['json'], CSV: ['csv'] };
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.siblingUri(uri, exportFileName(uri.path, format ?? 'json')),
      filters,
      title: vscode.l10n.t('Export Init Lab results'),
    });
    if (!target) return undefined;
    const chosen: ExportFormat = format ?? (/\.csv$/i.test(target.path) ? 'csv' : 'json');
    const file = exportResults(chosen, entry.experimentName ?? experimentStem(uri.path), entry.results);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(file.text));
    this.deps.output.info(`Results saved to ${target.toString()}`);
    return target;
  }

  /**
   * Saves the self-contained HTML report of the file's last results (the panel's charts as inline SVG) to `to`,
   * or where the save dialog says.
   */
  async exportReport(uri: vscode.Uri, to?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const entry = this.entries.get(uri.toString());
    const state = entry?.panel?.state;
    if (!entry?.results?.length || !state) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Run the experiment first: there are no results to report yet.'),
      );
      return undefined;
    }
    const target =
      to ??
      (await vscode.window.showSaveDialog({
        defaultUri: this.siblingUri(uri, exportFileName(uri.path, 'html')),
        filters: { HTML: ['html'] },
        title: vscode.l10n.t('Export Init Lab report'),
      }));
    if (!target) return undefined;
    const source = (await vscode.workspace.openTextDocument(uri)).getText();
    const html = htmlReport({
      experimentName: entry.experimentName ?? experimentStem(uri.path),
      description: state.description,
      fileName: experimentStem(uri.path) + EXPERIMENT_SUFFIX,
      source,
      runs: reportRuns(entry.results, state, entry.experiment),
      train: state.train,
      test: state.test,
      generated: new Date().toISOString(),
    });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    this.deps.output.info(`Report saved to ${target.toString()}`);
    return target;
  }

  private async savePng(uri: vscode.Uri, dataUrl: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.siblingUri(uri, exportFileName(uri.path, 'png')),
      filters: { PNG: ['png'] },
      title: vscode.l10n.t('Save chart as PNG'),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, base64Bytes(dataUrl.slice(dataUrl.indexOf(',') + 1)));
  }

  /** `name` next to the experiment file (or in the first workspace folder for an untitled file). */
  private siblingUri(uri: vscode.Uri, name: string): vscode.Uri | undefined {
    if (uri.scheme !== 'untitled') return vscode.Uri.joinPath(uri, '..', name);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
  }

  // ------------------------------------------------------------------ internals

  private entry(uri: vscode.Uri): Entry {
    const key = uri.toString();
    let e = this.entries.get(key);
    if (!e) {
      e = { uri, queue: Promise.resolve(), ticket: 0 };
      this.entries.set(key, e);
    }
    return e;
  }

  private async onWebviewMessage(
    panel: ExperimentPanel,
    msg: Exclude<WebviewToHost, { kind: 'ready' }>,
  ): Promise<void> {
    const uri = panel.file;
    switch (msg.kind) {
      case 'stop':
        this.stop(uri);
        break;
      case 'rerun':
        await this.rerun(uri);
        break;
      case 'export':
        await this.exportResults(uri, msg.format);
        break;
      case 'savePng':
        await this.savePng(uri, msg.dataUrl);
        break;
      case 'exportReport':
        await this.exportReport(uri);
        break;
      case 'clearHistory':
        panel.apply({ kind: 'snapshot', state: { ...panel.state, previous: {} } });
        break;
      case 'cspViolation':
        this.cspCount++;
        this.deps.output.error(
          `CSP violation in the panel of ${uri.toString()}: ${msg.directive} blocked ${msg.blockedUri}`,
        );
        break;
      case 'openFile':
        await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
        break;
    }
  }

  /** A new panel in the stuck one's place, with its state; the old one goes (its session keeps training). */
  private replaceStuckPanel(stuck: ExperimentPanel): void {
    const entry = this.entries.get(stuck.file.toString());
    if (!entry || entry.panel !== stuck) return;
    this.deps.output.warn(`The panel of ${stuck.file.toString()} did not load; opening it again.`);
    entry.panel = ExperimentPanel.create(
      this.deps.extensionUri,
      stuck.file,
      stuck.state,
      this.events,
      stuck.panel.viewColumn ?? vscode.ViewColumn.Beside,
      stuck.replaces + 1,
    );
    stuck.dispose();
  }

  private onPanelDisposed(panel: ExperimentPanel): void {
    const entry = this.entries.get(panel.file.toString());
    if (!entry || entry.panel !== panel) return;
    entry.panel = undefined;
    if (this.focusedPanel === panel) this.focusedPanel = undefined;
    // Nobody can watch it any more: closing the panel stops its workers.
    entry.session?.stop();
    this.updateIndicators();
  }

  /** The status bar item and the context keys follow every session start, progress, end and focus change. */
  private updateIndicators(): void {
    const entries = [...this.entries.values()];
    const sessions = entries.flatMap((e) => (e.session ? [e.session] : []));
    const fraction = sessions.length ? sessions.reduce((s, x) => s + x.fraction, 0) / sessions.length : 0;
    this.deps.statusBar.update(sessions.length, fraction * 100);
    this.contextKeys.update({
      running: sessions.length > 0,
      hasResults: entries.some((e) => (e.results?.length ?? 0) > 0),
      panelFocused: this.focusedPanel !== undefined && !this.focusedPanel.isDisposed,
    });
  }

  /** The context keys as last set (for the test API). */
  contextState(): Partial<ContextState> {
    return this.contextKeys.snapshot();
  }

  dispose(): void {
    this.stop();
    for (const e of this.entries.values()) e.panel?.dispose();
    this.entries.clear();
  }
}
