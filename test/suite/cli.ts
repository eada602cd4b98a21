// Runs the headless CLI (dist/cli.js) from inside the extension host, as the independent reference for results.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extension } from './context';

export interface CliRun {
  name: string;
  costs: [number, number][];
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: number;
}

type WireNumber = number | 'Infinity' | '-Infinity' | 'NaN';
interface CliJson {
  name: string;
  runs: {
    name: string;
    costs: [number, WireNumber][];
    trainAccuracy: number;
    testAccuracy: number;
    finalCost: WireNumber;
  }[];
}

/** The CLI contract spells non-finite costs as strings (docs/format.md); decoded here without the extension's helpers. */
function num(x: WireNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

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
    const json = JSON.parse(readFileSync(out, 'utf8')) as CliJson;
    return {
      name: json.name,
      runs: json.runs.map((r) => ({
        name: r.name,
        costs: r.costs.map(([i, c]) => [i, num(c)]),
        trainAccuracy: r.trainAccuracy,
        testAccuracy: r.testAccuracy,
        finalCost: num(r.finalCost),
      })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
