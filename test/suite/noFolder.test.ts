// Integration, in a window without a folder: New Experiment opens an untitled template that runs, has CodeLenses and diagnostics.
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/analysis/results';
import { api } from './context';
import { waitFor } from './wait';

export function noFolderTests(): void {
  describe('New Experiment without a folder', () => {
    let doc: vscode.TextDocument | undefined;
    const ours = (): vscode.Diagnostic[] =>
      doc ? vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Init Lab') : [];

    it('opens the template as an untitled JSON-with-comments document', async () => {
      await api();
      assert.equal(vscode.workspace.workspaceFolders, undefined, 'this pass must run in a window without a folder');
      await vscode.commands.executeCommand('initLab.newExperiment', 'notebook.initexp.json');
      doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc, 'New Experiment left no active editor');
      assert.equal(doc.isUntitled, true);
      assert.equal(doc.uri.scheme, 'untitled');
      assert.equal(doc.languageId, 'jsonc');
      assert.match(doc.getText(), /"runs"/);
    });

    it('runs from the Run command like a saved file', async function () {
      this.timeout(90_000);
      const initLab = await api();
      const results = (await vscode.commands.executeCommand<RunResult[]>('initLab.runExperiment')) ?? [];
      const runs = (parse(doc!.getText()) as { runs: { name: string }[] }).runs;
      assert.deepEqual(
        results.map((r) => [r.name, r.stopped]),
        runs.map((r) => [r.name, false]),
        'every run of the template finishes',
      );
      assert.equal(initLab.panelState(doc!.uri)?.status, 'done');
    });

    it('has the Run CodeLenses', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        doc!.uri,
      );
      const commands = lenses.map((l) => l.command?.command);
      assert.ok(commands.includes('initLab.runExperiment'), `lenses: ${JSON.stringify(commands)}`);
      assert.ok(commands.filter((c) => c === 'initLab.runSingle').length >= 3, 'one "Run this" lens per run');
    });

    it('gets diagnostics when it turns invalid', async () => {
      const text = doc!.getText();
      const at = text.indexOf('"layers": [2');
      assert.ok(at >= 0, 'the template has no "layers": [2');
      const edit = new vscode.WorkspaceEdit();
      const pos = doc!.positionAt(at + '"layers": ['.length);
      edit.replace(doc!.uri, new vscode.Range(pos, pos.translate(0, 1)), '3');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => ours().length > 0, 10_000, 'Init Lab diagnostics on the untitled experiment');
      assert.match(ours()[0].message, /must be 2/);
    });
  });
}
