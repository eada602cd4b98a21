// Entry of the integration suite: VS Code's extension host calls run() (code-server payload route or test-electron).
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { declareSuite, expectedWindowKind, foldersKnown, windowKind } from './declare';
import { SUITE_MARKER, WRONG_WINDOW_MARKER } from './fixtures';

export async function run(): Promise<void> {
  await foldersKnown();
  const expected = expectedWindowKind();
  const found = windowKind();
  if (expected !== undefined && expected !== found) {
    // Not a test failure: the window did not open as asked, and the harness loads it again on this marker.
    const folders = vscode.workspace.workspaceFolders?.map((f) => f.uri.toString());
    console.log(
      `${WRONG_WINDOW_MARKER} expected a ${expected} window, got ${found} (folders: ${JSON.stringify(folders)})`,
    );
    throw new Error(`the window is not a ${expected} window`);
  }
  // INITLAB_SUITE_GREP (inherited from the harness's environment) runs a subset while debugging.
  const grep = process.env.INITLAB_SUITE_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'initlab-integration', mocha);
  const kind = declareSuite();
  console.log(
    `${SUITE_MARKER} ${mocha.suite.total()} tests (${kind} window) in VS Code ${vscode.version} (${vscode.env.appName})`,
  );
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
