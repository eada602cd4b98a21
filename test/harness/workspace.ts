// Builds the throwaway workspace the integration suite opens: the examples plus generated invalid and long files.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { INVALID_FILE, INVALID_TEXT, LONG_FILE, LONG_TEXT, MULTI_ROOT, QUICK_TEXT } from '../suite/fixtures';

/** The repository: the nearest folder above this file with a package.json (from test/harness or, built, out/test/harness). */
function findRepo(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPO = findRepo(__dirname);

/** The integration suite's extra files: one invalid experiment and one too long to finish. */
export const SUITE_FILES: Readonly<Record<string, string>> = { [INVALID_FILE]: INVALID_TEXT, [LONG_FILE]: LONG_TEXT };

/** Copies examples/ into a fresh temporary folder, adds `extra` files (name → text), and returns the folder. */
export function createWorkspace(extra: Readonly<Record<string, string>> = SUITE_FILES): string {
  const ws = mkdtempSync(join(tmpdir(), 'initlab-ws-'));
  cpSync(join(REPO, 'examples'), ws, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(ws, name), text);
  // Also removed when Ctrl-C ends the run before the caller's own cleanup.
  process.once('exit', () => rmSync(ws, { recursive: true, force: true }));
  return ws;
}

/** Two folders and a `.code-workspace` file naming them, with settings at both levels (see MULTI_ROOT). */
export function createMultiRootWorkspace(): { root: string; workspaceFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'initlab-multi-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  for (const folder of MULTI_ROOT.folders) {
    mkdirSync(join(root, folder, '.vscode'), { recursive: true });
    writeFileSync(join(root, folder, MULTI_ROOT.file), QUICK_TEXT);
  }
  writeFileSync(
    join(root, MULTI_ROOT.folders[1], '.vscode', 'settings.json'),
    JSON.stringify({ 'initLab.boundaryResolution': MULTI_ROOT.secondFolderResolution }, null, 2),
  );
  const workspaceFile = join(root, 'multi.code-workspace');
  const workspace = {
    folders: MULTI_ROOT.folders.map((path) => ({ path })),
    settings: { 'initLab.boundaryResolution': MULTI_ROOT.workspaceResolution },
  };
  writeFileSync(workspaceFile, JSON.stringify(workspace, null, 2));
  return { root, workspaceFile };
}
