// Integration: the editing loop — CodeLenses run all or one run, saving re-runs an open panel, quick fixes repair names.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/analysis/results';
import { api, workspaceFile } from './context';
import { waitFor } from './wait';

/** A two-run experiment short enough to run several times (two runs of 3000 iterations). */
const SHORT = `{
  "name": "Save loop",
  "dataset": {
    "kind": "circles",
    "train": { "samples": 300, "noise": 0.05, "seed": 1 },
    "test": { "samples": 100, "noise": 0.05, "seed": 2 }
  },
  "network": { "layers": [2, 10, 5, 1] },
  "training": { "learningRate": 0.01, "iterations": 3000, "logEvery": 1000, "loss": "notebook" },
  "runs": [
    { "name": "small random", "init": { "scheme": "normal", "std": 0.01 }, "seed": 3 },
    { "name": "He", "init": { "scheme": "He" }, "seed": 3 }
  ]
}
`;

async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export function editingTests(): void {
  describe('the editing loop', () => {
    it('New Experiment… opens the chosen template as an unsaved file beside the existing one, writing nothing', async function () {
      this.timeout(30_000);
      await api();
      const pending = vscode.commands.executeCommand<vscode.TextDocument | undefined>('initLab.newExperiment');
      // The quick pick lists the course notebook first; accept it as a person pressing Enter would.
      await new Promise((r) => setTimeout(r, 1000));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const doc = await pending;
      assert.ok(doc, 'no document was opened');
      assert.equal(doc.uri.scheme, 'untitled');
      // notebook.initexp.json exists in the workspace, so the proposed name is the next free one.
      assert.match(doc.uri.path, /\/notebook-2\.initexp\.json$/);
      const example = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(workspaceFile('notebook.initexp.json')),
      );
      assert.equal(doc.getText(), example);
      await assert.rejects(
        Promise.resolve(vscode.workspace.fs.stat(workspaceFile('notebook-2.initexp.json'))),
        'nothing is written to disk',
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a quick fix replaces a misspelt scheme with the suggested one and clears the error', async function () {
      this.timeout(30_000);
      await api();
      const uri = await writeFile('save-loop.initexp.json', SHORT);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await waitFor(() => vscode.languages.getDiagnostics(uri).length > 0, 10_000, 'the diagnostic on "He"');
      const [diag] = vscode.languages.getDiagnostics(uri);
      assert.equal(doc.getText(diag.range), '"He"');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diag.range,
      );
      const fix = actions.find((a) => a.title === 'Change to "he"');
      assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(doc.getText(), /"scheme": "he"/);
      await doc.save();
      await waitFor(() => vscode.languages.getDiagnostics(uri).length === 0, 10_000, 'the diagnostics to clear');
    });

    it('offers "Run all" at the top and "Run this" above each run; "Run this" trains only that run', async function () {
      this.timeout(60_000);
      const uri = workspaceFile('save-loop.initexp.json');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const commands = lenses.map((l) => [l.command?.command, l.range.start.line, l.command?.arguments?.[1]]);
      const lineOf = (needle: string): number => SHORT.slice(0, SHORT.indexOf(needle)).split('\n').length - 1;
      assert.deepEqual(commands, [
        ['initLab.runExperiment', 0, undefined],
        ['initLab.runSingle', lineOf('{ "name": "small random"'), 0],
        ['initLab.runSingle', lineOf('{ "name": "He"'), 1],
      ]);
      const he = lenses[2].command!;
      const results = (await vscode.commands.executeCommand<RunResult[]>(he.command, ...(he.arguments ?? []))) ?? [];
      assert.deepEqual(
        results.map((r) => r.name),
        ['He'],
      );
      assert.equal(results[0].iterations, 3000);
    });

    it('saving the file while its panel is open re-runs it with the new settings', async function () {
      this.timeout(60_000);
      const initLab = await api();
      const uri = workspaceFile('save-loop.initexp.json');
      const all = await initLab.runFile(uri);
      assert.deepEqual(
        all.map((r) => r.costs.length),
        [3, 3],
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      const at = doc.getText().indexOf('"iterations": 3000');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        uri,
        new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"iterations": 3000'.length)),
        '"iterations": 5000',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      const before = initLab.lastResults(uri);
      await doc.save();
      // The save starts a new session; its results replace the previous ones when it ends.
      await waitFor(
        () => {
          const now = initLab.lastResults(uri);
          return now !== before && now !== undefined && now.length === 2 && now.every((r) => r.iterations === 5000);
        },
        45_000,
        'the re-run with 5000 iterations',
      );
      assert.deepEqual(
        initLab.lastResults(uri)!.map((r) => r.costs.map(([i]) => i)),
        [
          [0, 1000, 2000, 3000, 4000],
          [0, 1000, 2000, 3000, 4000],
        ],
      );
    });
  });
}
