// Publishes the core's validation errors and warnings of open experiment files as editor diagnostics, with quick fixes.
import * as vscode from 'vscode';
import { parseExperiment, type ExperimentError } from '../core/experiment/parse';
import { EXPERIMENT_SELECTOR, isExperimentDocument } from './experimentDocuments';

/** Diagnostics remember the core's suggestion so the quick fix can offer it. */
class ExperimentDiagnostic extends vscode.Diagnostic {
  constructor(
    range: vscode.Range,
    message: string,
    severity: vscode.DiagnosticSeverity,
    readonly suggestion?: string,
  ) {
    super(range, message, severity);
  }
}

export function toDiagnostic(e: ExperimentError): vscode.Diagnostic {
  const r = e.range;
  const severity = e.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
  const d = new ExperimentDiagnostic(
    new vscode.Range(r.line, r.character, r.endLine, r.endCharacter),
    e.message,
    severity,
    e.suggestion,
  );
  d.source = 'Init Lab';
  d.code = e.rule;
  return d;
}

/** "Change to "he"": replaces a misspelled name or value with the one the validator suggests. */
export class SuggestionQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (!(d instanceof ExperimentDiagnostic) || d.suggestion === undefined) continue;
      const quoted = doc.getText(d.range).startsWith('"');
      const text = quoted ? JSON.stringify(d.suggestion) : d.suggestion;
      const action = new vscode.CodeAction(vscode.l10n.t('Change to {0}', text), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, d.range, text);
      action.diagnostics = [d];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
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
      vscode.languages.registerCodeActionsProvider(EXPERIMENT_SELECTOR, new SuggestionQuickFixes(), {
        providedCodeActionKinds: SuggestionQuickFixes.kinds,
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  /** Re-validates `doc` (if it is an experiment file) and publishes its errors, or its warnings when valid. */
  update(doc: vscode.TextDocument): void {
    if (!isExperimentDocument(doc)) return;
    const parsed = parseExperiment(doc.getText());
    this.collection.set(doc.uri, (parsed.ok ? parsed.warnings : parsed.errors).map(toDiagnostic));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
