// Integration: the extension activates on an experiment file and contributes its commands to the real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceFile } from './context';
import { waitFor } from './wait';

export function activationTests(): void {
  describe('activation', () => {
    it('is loaded and activates for experiment files only', () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
      const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
      assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), `activates on every startup: ${events.join(', ')}`);
      assert.ok(events.some((e) => e.includes('initexp') || e === 'onLanguage:json'), `no activation event for experiment files: ${events.join(', ')}`);
    });

    // The workspace contains experiment files, so activation may already have happened (workspaceContains).
    it('is active once an .initexp.json file is open', async () => {
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
