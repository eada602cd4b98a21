// CodeLenses on experiment files: "▶ Run all" at the top and "▶ Run this" above each run object.
import * as vscode from 'vscode';
import { isExperimentDocument } from './experimentDocuments';
import { runLocations } from './runLocations';

export class ExperimentCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isExperimentDocument(doc)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, {
        title: vscode.l10n.t('▶ Run all'),
        tooltip: vscode.l10n.t('Train every run of this experiment'),
        command: 'initLab.runExperiment',
        arguments: [doc.uri],
      }),
    ];
    for (const run of runLocations(doc.getText())) {
      const pos = doc.positionAt(run.offset);
      lenses.push(
        new vscode.CodeLens(new vscode.Range(pos, pos), {
          title: vscode.l10n.t('▶ Run this'),
          tooltip: run.name
            ? vscode.l10n.t('Train only the run "{0}"', run.name)
            : vscode.l10n.t('Train only this run'),
          command: 'initLab.runSingle',
          arguments: [doc.uri, run.index],
        }),
      );
    }
    return lenses;
  }
}
