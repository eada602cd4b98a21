// The extension's working part, loaded on first use (dist/lab.js): diagnostics, CodeLens, commands, panels, status bar.
import * as vscode from 'vscode';
import { useBundle } from '../core/l10n';
import { ExperimentCodeLensProvider } from './codeLens';
import { Commands } from './commands';
import { ExperimentDiagnostics } from './diagnostics';
import { EXPERIMENT_SELECTOR, isExperimentDocument, trackUntitledExperiments } from './experimentDocuments';
import { Output } from './output';
import { PanelManager } from './panelManager';
import type { Platform } from './platform';
import { ExperimentPanelSerializer } from './serializer';
import { TrainingStatusBar } from './statusBar';

export interface Lab {
  readonly manager: PanelManager;
  /** Restores panels after a reload; extension.ts registers it at activation, before any panel is restored. */
  readonly serializer: vscode.WebviewPanelSerializer<unknown>;
}

/** Creates everything and registers the real commands; extension.ts has disposed their stand-ins just before. */
export function startLab(context: vscode.ExtensionContext, platform: Platform): Lab {
  // Host modules without the VS Code API (session.ts, the core) translate through @vscode/l10n.
  useBundle(vscode.l10n.bundle);
  const output = new Output();
  const diagnostics = new ExperimentDiagnostics();
  const statusBar = new TrainingStatusBar();
  const manager = new PanelManager({
    extensionUri: context.extensionUri,
    platform,
    output,
    diagnostics,
    statusBar,
  });
  context.subscriptions.push(
    output,
    diagnostics,
    statusBar,
    manager,
    trackUntitledExperiments(),
    ...new Commands(manager, context.extensionUri, output).register(),
    vscode.languages.registerCodeLensProvider(EXPERIMENT_SELECTOR, new ExperimentCodeLensProvider()),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isExperimentDocument(doc)) manager.onDidSave(doc);
    }),
  );
  return { manager, serializer: new ExperimentPanelSerializer(manager) };
}
