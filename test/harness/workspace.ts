// Builds the throwaway workspace the integration suite opens: the examples plus generated invalid and long files.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INVALID_FILE, INVALID_TEXT, LONG_FILE, LONG_TEXT } from '../suite/fixtures';

export const REPO = resolve(__dirname, '..', '..');

/** Copies examples/ into a fresh temporary folder, adds the generated files, and returns the folder. */
export function createWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'initlab-ws-'));
  cpSync(join(REPO, 'examples'), ws, { recursive: true });
  writeFileSync(join(ws, INVALID_FILE), INVALID_TEXT);
  writeFileSync(join(ws, LONG_FILE), LONG_TEXT);
  return ws;
}
