// Publishes the core's validation errors of open experiment files as editor diagnostics.
import * as vscode from 'vscode';
import { parseExperiment, type ExperimentError } from '../core/experiment';

const EXPERIMENT_FILE = /\.initexp\.json$/i;

export function isExperimentDocument(doc: vscode.TextDocument): boolean {
  return EXPERIMENT_FILE.test(doc.uri.path);
}

export function toDiagnostic(e: ExperimentError): vscode.Diagnostic {
  const r = e.range;
  const d = new vscode.Diagnostic(new vscode.Range(r.line, r.character, r.endLine, r.endCharacter), e.message, vscode.DiagnosticSeverity.Error);
  d.source = 'Init Lab';
  d.code = e.rule;
  return d;
}

export class ExperimentDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('initLab');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.update(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.update(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  /** Re-validates `doc` (if it is an experiment file) and publishes its errors. */
  update(doc: vscode.TextDocument): void {
    if (!isExperimentDocument(doc)) return;
    const parsed = parseExperiment(doc.getText());
    this.collection.set(doc.uri, parsed.ok ? [] : parsed.errors.map(toDiagnostic));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
