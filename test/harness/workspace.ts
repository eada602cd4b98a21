// Builds the throwaway workspace the integration suite opens: the examples plus generated invalid and long files.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INVALID_FILE, INVALID_TEXT, LONG_FILE, LONG_TEXT } from '../suite/fixtures';

export const REPO = resolve(__dirname, '..', '..');

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
