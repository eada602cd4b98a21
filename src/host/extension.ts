// Desktop entry point, kept light: it watches for experiment files and registers stand-ins for the commands and the
// panel serializer; the working part (labNode.ts, bundled as dist/lab.js) is loaded when one of them is first needed.
import * as vscode from 'vscode';
import { createApi, type ActivationTimings, type InitLabApi, type LabLoader } from './api';
import { VIEW_TYPE } from './experimentPanel';
import { isExperimentDocument } from './experimentDocuments';
import type { Lab } from './lab';
import type { PlatformKind } from './platform';

/** Starts the working part; the entry point decides how it is loaded and on which platform it runs. */
export type LabStarter = (context: vscode.ExtensionContext) => Lab;

/** The command ids package.json declares: one stand-in each, so the list cannot drift from the manifest. */
function declaredCommands(context: vscode.ExtensionContext): string[] {
  const pkg = context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (pkg.contributes?.commands ?? []).map((c) => c.command);
}

class LazyLab implements LabLoader, vscode.Disposable {
  private lab: Lab | undefined;
  private loadMs: number | undefined;
  private readonly standIns: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly activateMs: () => number,
    private readonly loadLab: () => LabStarter,
  ) {
    // A stand-in loads the lab, whose own registration replaces it, and replays the call; all synchronously, so no
    // call can fall between the two registrations.
    this.standIns = declaredCommands(context).map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }

  loaded(): Lab | undefined {
    return this.lab;
  }

  load(): Lab {
    if (this.lab) return this.lab;
    const t0 = performance.now();
    for (const standIn of this.standIns.splice(0)) standIn.dispose();
    this.lab = this.loadLab()(this.context);
    this.loadMs = performance.now() - t0;
    return this.lab;
  }

  timings(): ActivationTimings {
    return { activateMs: this.activateMs(), labLoadMs: this.loadMs };
  }

  dispose(): void {
    for (const standIn of this.standIns) standIn.dispose();
  }
}

/** Activation shared by both entry points (extension.ts, extensionWeb.ts). */
export function activateLab(
  context: vscode.ExtensionContext,
  platform: PlatformKind,
  loadLab: () => LabStarter,
): InitLabApi {
  const t0 = performance.now();
  let activateMs = 0;
  const lab = new LazyLab(context, () => activateMs, loadLab);
  // Any JSONC file activates the extension (package.json: onLanguage:jsonc); only experiment files load the lab.
  const onDocument = (doc: vscode.TextDocument): void => {
    // (Untitled templates are marked by the lab's own copy of experimentDocuments; the lab is loaded by then.)
    if (isExperimentDocument(doc)) lab.load();
  };
  context.subscriptions.push(
    lab,
    vscode.workspace.onDidOpenTextDocument(onDocument),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => lab.load().serializer.deserializeWebviewPanel(panel, state),
    }),
  );
  vscode.workspace.textDocuments.forEach(onDocument);
  activateMs = performance.now() - t0;
  return createApi(lab, platform);
}

export function activate(context: vscode.ExtensionContext): InitLabApi {
  return activateLab(context, 'node', () => {
    // A separate bundle (scripts/build.mjs keeps it out of this one), so activation does not even read it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startNodeLab } = require('./lab.js') as typeof import('./labNode');
    return startNodeLab;
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the manager stops the workers).
}
