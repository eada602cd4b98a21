// Integration: the extension activates on an experiment file and contributes its commands to the real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceFile } from './context';
import { waitFor } from './wait';

export function activationTests(): void {
  describe('activation', () => {
    it('is loaded and does not activate on every startup', () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
      const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
      assert.ok(!events.includes('*'), 'activationEvents must not be "*": the extension is only needed for experiment files');
    });

    it('activates when an .initexp.json file is opened', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      const doc = await vscode.workspace.openTextDocument(workspaceFile('notebook.initexp.json'));
      await vscode.window.showTextDocument(doc);
      await waitFor(() => ext.isActive, 10_000, 'extension to activate on opening the file');
    });

    it('contributes every command declared in package.json', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      await ext.activate();
      const declared = declaredCommands(ext.packageJSON);
      assert.ok(declared.length >= 4, `package.json declares only ${declared.join(', ')}`);
      for (const id of ['initLab.runExperiment', 'initLab.stop', 'initLab.rerun']) {
        assert.ok(declared.includes(id), `package.json does not declare ${id}`);
      }
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = declared.filter((id) => !registered.has(id));
      assert.deepEqual(missing, [], 'declared in package.json but not registered by activate()');
    });
  });
}

function declaredCommands(pkg: unknown): string[] {
  const contributes = (pkg as { contributes?: { commands?: { command: string }[] } }).contributes;
  return (contributes?.commands ?? []).map((c) => c.command);
}
