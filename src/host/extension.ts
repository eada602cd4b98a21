// Extension entry point: wires diagnostics, CodeLens, commands, panels, serializer and status bar together.
import * as vscode from 'vscode';
import { createApi, type InitLabApi } from './api';
import { ExperimentCodeLensProvider } from './codeLens';
import { Commands } from './commands';
import { ExperimentDiagnostics } from './diagnostics';
import { EXPERIMENT_SELECTOR, isExperimentDocument, trackUntitledExperiments } from './experimentDocuments';
import { VIEW_TYPE } from './experimentPanel';
import { Output } from './output';
import { PanelManager } from './panelManager';
import { ExperimentPanelSerializer } from './serializer';
import { TrainingStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): InitLabApi {
  const output = new Output();
  const diagnostics = new ExperimentDiagnostics();
  const statusBar = new TrainingStatusBar();
  const manager = new PanelManager({ extensionUri: context.extensionUri, output, diagnostics, statusBar });
  context.subscriptions.push(
    output, diagnostics, statusBar, manager, trackUntitledExperiments(),
    ...new Commands(manager, context.extensionUri, output).register(),
    vscode.languages.registerCodeLensProvider(EXPERIMENT_SELECTOR, new ExperimentCodeLensProvider()),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, new ExperimentPanelSerializer(manager)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isExperimentDocument(doc)) manager.onDidSave(doc);
    }),
  );
  return createApi(manager);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the manager stops the workers).
}
