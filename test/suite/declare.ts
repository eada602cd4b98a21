// Which integration tests a window runs: the harness opens three kinds of window, and each declares its own files.
import * as vscode from 'vscode';
import { activationTests } from './activation.test';
import { cspTests } from './csp.test';
import { editingTests } from './editing.test';
import { invalidTests } from './invalid.test';
import { lifecycleTests } from './lifecycle.test';
import { multiRootTests } from './multiRoot.test';
import { noFolderTests } from './noFolder.test';
import { runTests } from './run.test';
import { runCli } from './cli';
import { EXPECTED_WINDOW_SETTING } from './fixtures';
import { walkthroughTests } from './walkthrough.test';

/**
 * Each file exports a function declaring its tests; they are called once mocha has installed describe/it.
 * The harness opens three windows in turn (test/harness/runSuite.ts); each runs the files meant for it.
 * In the folder window the CSP check comes last so that it covers every panel the other tests opened.
 */
export const TEST_FILES = {
  folder: [
    activationTests,
    () => runTests(async (file) => (await runCli(file.fsPath)).runs),
    invalidTests,
    editingTests,
    lifecycleTests,
    walkthroughTests,
    cspTests,
  ],
  noFolder: [noFolderTests],
  multiRoot: [multiRootTests],
} as const satisfies Record<string, readonly (() => void)[]>;

export function windowKind(): keyof typeof TEST_FILES {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return 'noFolder';
  return folders.length > 1 ? 'multiRoot' : 'folder';
}

/**
 * Resolves once the window's folders are known: a multi-root window can start its extension host with the
 * workspace open but its folders not yet added (`[]`, seen once in a fresh-clone CI run, which then declared the
 * no-folder tests there), while a window without a folder has none at all (`undefined`).
 */
export async function foldersKnown(timeoutMs = 30_000): Promise<void> {
  const pending = (): boolean => vscode.workspace.workspaceFolders?.length === 0;
  if (!pending()) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (!pending()) done();
    });
    function done(): void {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

/**
 * The kind the harness says it opened (a user setting it writes), or undefined when no harness said
 * (test-electron opens one folder window and names none).
 */
export function expectedWindowKind(): keyof typeof TEST_FILES | undefined {
  const said = vscode.workspace.getConfiguration().get<string>(EXPECTED_WINDOW_SETTING);
  if (said === undefined) return undefined;
  if (!(said in TEST_FILES)) throw new Error(`${EXPECTED_WINDOW_SETTING} is "${said}", not a window kind`);
  return said as keyof typeof TEST_FILES;
}

/** Declares (describe/it) the tests of the window this extension host is in; mocha's globals must be installed. */
export function declareSuite(): keyof typeof TEST_FILES {
  const kind = windowKind();
  for (const declare of TEST_FILES[kind]) declare();
  return kind;
}
