// Runs the headless CLI (dist/cli.js) from inside the extension host, as the independent reference for results.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extension } from './context';
import { decodeCliJson, type CliRun } from './cliJson';

export type { CliRun };

export async function runCli(file: string): Promise<{ name: string; runs: CliRun[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-suite-cli-'));
  const out = join(dir, 'out.json');
  const cli = join(extension().extensionPath, 'dist', 'cli.js');
  try {
    // The extension host's executable is Node under code-server and Electron under test-electron.
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [cli, 'run', file, '--json', out],
        { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
        (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
      );
    });
    return decodeCliJson(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
