// Integration, in a multi-root window: a folder's own setting wins over the workspace's for that folder's files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './context';
import { MULTI_ROOT } from './fixtures';

export function multiRootTests(): void {
  describe('settings in a multi-root workspace', () => {
    const fileIn = (index: number): vscode.Uri => {
      const folder = vscode.workspace.workspaceFolders?.[index];
      assert.ok(folder, `this pass needs workspace folder ${index} (test/harness/workspace.ts)`);
      return vscode.Uri.joinPath(folder.uri, MULTI_ROOT.file);
    };

    /** The decision-boundary grid size the panel got: the run reads `initLab.boundaryResolution` for its file. */
    async function resolutionUsedFor(uri: vscode.Uri): Promise<number | undefined> {
      const initLab = await api();
      const results = await initLab.runFile(uri);
      assert.equal(results.length, 1, `the run in ${uri.path} did not finish`);
      return initLab.panelState(uri)?.runs[0]?.boundary?.n;
    }

    it('opens both folders', () => {
      assert.deepEqual(
        vscode.workspace.workspaceFolders?.map((f) => f.name),
        [...MULTI_ROOT.folders],
      );
    });

    it("uses the workspace file's value in a folder without its own", async function () {
      this.timeout(60_000);
      assert.equal(await resolutionUsedFor(fileIn(0)), MULTI_ROOT.workspaceResolution);
    });

    it("uses the folder's own value where it sets one", async function () {
      this.timeout(60_000);
      assert.equal(await resolutionUsedFor(fileIn(1)), MULTI_ROOT.secondFolderResolution);
    });
  });
}
