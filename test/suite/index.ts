// Entry of the integration suite: VS Code's extension host calls run() (code-server payload route or test-electron).
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { activationTests } from './activation.test';
import { cspTests } from './csp.test';
import { editingTests } from './editing.test';
import { invalidTests } from './invalid.test';
import { lifecycleTests } from './lifecycle.test';
import { multiRootTests } from './multiRoot.test';
import { noFolderTests } from './noFolder.test';
import { runTests } from './run.test';
import { walkthroughTests } from './walkthrough.test';
import { SUITE_MARKER } from './fixtures';

/**
 * Each file exports a function declaring its tests; they are called once mocha has installed describe/it.
 * The harness opens three windows in turn (test/harness/runSuite.ts); each runs the files meant for it.
 * In the folder window the CSP check comes last so that it covers every panel the other tests opened.
 */
const TEST_FILES = {
  folder: [activationTests, runTests, invalidTests, editingTests, lifecycleTests, walkthroughTests, cspTests],
  noFolder: [noFolderTests],
  multiRoot: [multiRootTests],
} as const satisfies Record<string, readonly (() => void)[]>;

function windowKind(): keyof typeof TEST_FILES {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return 'noFolder';
  return folders.length > 1 ? 'multiRoot' : 'folder';
}

export function run(): Promise<void> {
  // INITLAB_SUITE_GREP (inherited from the harness's environment) runs a subset while debugging.
  const grep = process.env.INITLAB_SUITE_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'initlab-integration', mocha);
  const kind = windowKind();
  for (const declare of TEST_FILES[kind]) declare();
  console.log(
    `${SUITE_MARKER} ${mocha.suite.total()} tests (${kind} window) in VS Code ${vscode.version} (${vscode.env.appName})`,
  );
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
