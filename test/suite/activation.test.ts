// Integration: the extension activates lazily (never for plain JSON), loads its working part on first use, and
// contributes its commands to the real VS Code. It runs first, before any test opens an experiment file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { VIEW_TYPE } from '../../src/host/experimentPanel';
import { EXTENSION_ID, extension, workspaceFile } from './context';
import { waitFor } from './wait';

export function activationTests(): void {
  describe('activation', () => {
    it('activates on experiment files, their language and restored panels only', () => {
      const events = (extension().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
      for (const eager of ['*', 'onStartupFinished', 'onLanguage:json']) {
        assert.ok(!events.includes(eager), `activates on ${eager}: ${events.join(', ')}`);
      }
      // *.initexp.json is contributed as jsonc, so opening one outside a workspace fires onLanguage:jsonc.
      for (const needed of ['workspaceContains:**/*.initexp.json', 'onLanguage:jsonc', `onWebviewPanel:${VIEW_TYPE}`]) {
        assert.ok(events.includes(needed), `no ${needed} in ${events.join(', ')}`);
      }
    });

    it('does not load its working part for plain JSON files', async () => {
      const initLab = await extension().activate();
      assert.equal(initLab.labLoaded(), false, 'the working part was loaded before any experiment file was opened');
      // A .json file on disk, shown in an editor, and untitled JSON and JSONC documents (JSONC fires onLanguage:jsonc).
      const plain = workspaceFile('plain-settings.json');
      await vscode.workspace.fs.writeFile(plain, new TextEncoder().encode('{ "editor.tabSize": 2 }\n'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plain));
      await vscode.workspace.openTextDocument({ language: 'json', content: '{ "a": 1 }' });
      await vscode.workspace.openTextDocument({ language: 'jsonc', content: '// a comment\n{ "a": 1 }' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(initLab.labLoaded(), false, 'opening a plain JSON file loaded the working part');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(plain);
      console.log(`activation: ${initLab.timings().activateMs.toFixed(1)} ms (activate(), working part not loaded)`);
    });

    it('loads its working part once an .initexp.json file is open', async () => {
      const ext = extension();
      const doc = await vscode.workspace.openTextDocument(workspaceFile('notebook.initexp.json'));
      await vscode.window.showTextDocument(doc);
      await waitFor(() => ext.isActive, 10_000, 'extension to activate on opening the file');
      const initLab = ext.exports;
      await waitFor(() => initLab.labLoaded(), 10_000, 'the working part to load on opening the file');
      const ms = initLab.timings().labLoadMs;
      console.log(`activation: working part (dist/lab.js) loaded in ${ms?.toFixed(1)} ms on first use`);
    });

    it('contributes every command declared in package.json', async () => {
      const ext = extension();
      await ext.activate();
      const declared = declaredCommands(ext.packageJSON);
      assert.ok(declared.length >= 4, `package.json declares only ${declared.join(', ')}`);
      for (const id of ['initLab.runExperiment', 'initLab.stop', 'initLab.rerun']) {
        assert.ok(declared.includes(id), `package.json does not declare ${id}`);
      }
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = declared.filter((id) => !registered.has(id));
      assert.deepEqual(missing, [], `declared in package.json but not registered by ${EXTENSION_ID}`);
    });
  });
}

function declaredCommands(pkg: unknown): string[] {
  const contributes = (pkg as { contributes?: { commands?: { command: string }[] } }).contributes;
  return (contributes?.commands ?? []).map((c) => c.command);
}
