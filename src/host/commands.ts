// The `initLab.*` commands: each resolves which experiment file it is about, then asks the panel manager.
import * as vscode from 'vscode';
import type { RunResult } from '../core/analysis/results';
import { EXPERIMENT_GLOB, EXPERIMENT_SUFFIX, experimentStem } from '../core/experiment/fileName';
import { isExportFormat } from '../shared/guards';
import { isExperimentDocument, isExperimentUri, markUntitledExperiment } from './experimentDocuments';
import type { Output } from './output';
import type { PanelManager } from './panelManager';
import { findTemplate, pickTemplate, type Template } from './templates';

/** Command arguments come from menus (Uri, Uri[]), CodeLenses (Uri, index), tests (Uri or string) or nothing. */
function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') return vscode.Uri.parse(arg);
  return undefined;
}

export class Commands {
  constructor(
    private readonly manager: PanelManager,
    private readonly extensionUri: vscode.Uri,
    private readonly output: Output,
  ) {}

  register(): vscode.Disposable[] {
    const reg = vscode.commands.registerCommand;
    return [
      reg('initLab.runExperiment', (arg?: unknown, selected?: unknown) => this.runExperiment(arg, selected)),
      reg('initLab.runSingle', (arg?: unknown, index?: unknown) => this.runSingle(arg, index)),
      reg('initLab.newExperiment', (arg?: unknown) => this.newExperiment(arg)),
      reg('initLab.stop', (arg?: unknown) => this.manager.stop(asUri(arg))),
      reg('initLab.rerun', async (arg?: unknown) => {
        const uri = asUri(arg) ?? this.contextFile();
        return uri ? this.manager.rerun(uri) : this.runExperiment();
      }),
      // A second argument, "json" or "csv", fixes the format (the panel's buttons, scripts and tests); otherwise the
      // saved file's extension chooses.
      reg('initLab.exportResults', async (arg?: unknown, format?: unknown) => {
        const uri = asUri(arg) ?? this.contextFile();
        if (!uri) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Open an experiment panel to export its results.'));
          return undefined;
        }
        return this.manager.exportResults(uri, isExportFormat(format) ? format : undefined);
      }),
      // A second argument names the target file (scripts and tests); otherwise the save dialog asks.
      reg('initLab.exportReport', async (arg?: unknown, to?: unknown) => {
        const uri = asUri(arg) ?? this.contextFile();
        if (!uri) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Open an experiment panel to export its report.'));
          return undefined;
        }
        return this.manager.exportReport(uri, asUri(to));
      }),
      reg('initLab.openExample', () => this.openExample()),
      reg('initLab.showPanel', (arg?: unknown) => {
        const uri = asUri(arg) ?? this.contextFile();
        if (uri) this.manager.showPanel(uri);
        else
          void vscode.window.showInformationMessage(vscode.l10n.t('Open an experiment file (*.initexp.json) first.'));
      }),
      reg('initLab.showLog', () => this.output.show()),
    ];
  }

  /** The file a command without arguments is about: the panel last looked at, else the active editor's file. */
  private contextFile(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && isExperimentDocument(doc)) return doc.uri;
    return this.manager.currentFile();
  }

  private async runExperiment(arg?: unknown, selected?: unknown): Promise<RunResult[]> {
    // Explorer multi-selection: run every selected experiment file (the first one's results are returned).
    if (Array.isArray(selected) && selected.length > 1) {
      const uris = selected.map(asUri).filter((u): u is vscode.Uri => u !== undefined && isExperimentUri(u));
      const all = uris.map((u) => this.manager.run(u));
      return (await Promise.all(all))[0] ?? [];
    }
    const uri = asUri(arg) ?? this.contextFile() ?? (await this.pickWorkspaceExperiment());
    return uri ? this.manager.run(uri) : [];
  }

  private async runSingle(arg: unknown, index: unknown): Promise<RunResult[]> {
    const uri = asUri(arg) ?? this.contextFile();
    if (!uri) return [];
    if (typeof index !== 'number') return this.manager.run(uri);
    return this.manager.run(uri, [index]);
  }

  private async pickWorkspaceExperiment(): Promise<vscode.Uri | undefined> {
    const files = await vscode.workspace.findFiles(EXPERIMENT_GLOB, '**/node_modules/**', 500);
    if (files.length === 0) {
      const create = vscode.l10n.t('New Experiment…');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('No experiment files (*.initexp.json) in this workspace.'),
        create,
      );
      if (choice === create) await this.newExperiment();
      return undefined;
    }
    if (files.length === 1) return files[0];
    const picked = await vscode.window.showQuickPick(
      files
        .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      { placeHolder: vscode.l10n.t('Choose an experiment to run') },
    );
    return picked?.uri;
  }

  /**
   * Opens a template as a new unsaved document; it never writes or overwrites a file. `arg` may name the template
   * (`"notebook.initexp.json"`, as the walkthrough's buttons do); otherwise a quick pick offers them all.
   */
  private async newExperiment(arg?: unknown): Promise<vscode.TextDocument | undefined> {
    const named = typeof arg === 'string' ? await findTemplate(this.extensionUri, arg) : undefined;
    const template = named ?? (await pickTemplate(this.extensionUri, vscode.l10n.t('Start from which experiment?')));
    if (!template) return undefined;
    const doc = await this.untitledFrom(template);
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  private async untitledFrom(template: Template): Promise<vscode.TextDocument> {
    const folder = vscode.window.activeTextEditor
      ? (vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) ??
        vscode.workspace.workspaceFolders?.[0])
      : vscode.workspace.workspaceFolders?.[0];
    // Any writable folder: `file` on the desktop, `vscode-remote` or `vscode-vfs` in VS Code for the Web.
    if (folder && vscode.workspace.fs.isWritableFileSystem(folder.uri.scheme)) {
      // An untitled document with a file name ending in .initexp.json gets diagnostics and CodeLenses at once,
      // and Save proposes that name; the name is chosen so that no existing file is there.
      const target = await this.freeName(folder.uri, experimentStem(template.fileName));
      const doc = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 0), template.text);
      await vscode.workspace.applyEdit(edit);
      return doc;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content: template.text });
    markUntitledExperiment(doc);
    return doc;
  }

  private async freeName(folder: vscode.Uri, stem: string): Promise<vscode.Uri> {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
    for (let k = 1; ; k++) {
      const candidate = vscode.Uri.joinPath(folder, `${k === 1 ? stem : `${stem}-${k}`}${EXPERIMENT_SUFFIX}`);
      if (open.has(candidate.path)) continue;
      try {
        await vscode.workspace.fs.stat(candidate);
      } catch {
        return candidate;
      }
    }
  }

  private async openExample(): Promise<vscode.TextEditor | undefined> {
    const template = await pickTemplate(this.extensionUri, vscode.l10n.t('Open which example?'));
    if (!template) return undefined;
    return vscode.window.showTextDocument(template.uri);
  }
}
