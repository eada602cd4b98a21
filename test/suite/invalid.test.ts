// Integration: an invalid experiment gets diagnostics on the offending JSON values and runs nothing.
import * as assert from 'node:assert/strict';
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';
import { api, workspaceFile } from './context';
import { INVALID_FILE } from './fixtures';
import { waitFor } from './wait';

/** Where a value sits in the document, found with jsonc-parser rather than the extension's own code. */
function valueRange(doc: vscode.TextDocument, path: JSONPath): vscode.Range {
  const node = findNodeAtLocation(parseTree(doc.getText())!, path);
  assert.ok(node, `no JSON value at ${JSON.stringify(path)}`);
  return new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
}

export function invalidTests(): void {
  describe('an invalid experiment file', () => {
    const file = (): vscode.Uri => workspaceFile(INVALID_FILE);
    const ours = (): vscode.Diagnostic[] =>
      vscode.languages.getDiagnostics(file()).filter((d) => d.source === 'Init Lab');

    it('shows a diagnostic on each offending value', async () => {
      await api();
      const doc = await vscode.workspace.openTextDocument(file());
      await vscode.window.showTextDocument(doc);
      await waitFor(() => ours().length > 0, 10_000, 'Init Lab diagnostics on the invalid file');
      const diags = ours();
      assert.equal(diags.length, 2, diags.map((d) => `${d.range.start.line}:${d.message}`).join('\n'));

      const width = diags.find((d) => d.range.isEqual(valueRange(doc, ['network', 'layers', 0])));
      assert.ok(
        width,
        `no diagnostic exactly on layers[0]; got ${diags.map((d) => JSON.stringify(d.range)).join(', ')}`,
      );
      assert.match(width.message, /must be 2/);
      assert.equal(width.severity, vscode.DiagnosticSeverity.Error);

      const scheme = diags.find((d) => d.range.isEqual(valueRange(doc, ['runs', 1, 'init', 'scheme'])));
      assert.ok(
        scheme,
        `no diagnostic exactly on runs[1].init.scheme; got ${diags.map((d) => JSON.stringify(d.range)).join(', ')}`,
      );
      assert.match(scheme.message, /"hee".*"he"/, 'the message names the bad scheme and suggests the nearest one');
    });

    it('runs nothing and says so in the panel', async () => {
      const initLab = await api();
      const results = await vscode.commands.executeCommand<unknown[]>('initLab.runExperiment', file());
      assert.deepEqual(results, []);
      assert.equal(initLab.isRunning(file()), false);
      assert.equal(initLab.activeWorkers(file()), 0);
      assert.equal(initLab.panelState(file())?.status, 'invalid');
      assert.equal(initLab.lastResults(file()), undefined, 'an invalid file must not produce results');
    });

    it('clears its diagnostics once the file is fixed', async () => {
      const doc = await vscode.workspace.openTextDocument(file());
      const edit = new vscode.WorkspaceEdit();
      edit.replace(file(), valueRange(doc, ['network', 'layers', 0]), '2');
      edit.replace(file(), valueRange(doc, ['runs', 1, 'init', 'scheme']), '"he"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => ours().length === 0, 10_000, 'diagnostics to clear after the fix');
      // Leave the file as the harness wrote it: revert the unsaved edit.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}
