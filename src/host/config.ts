// The extension's settings (`initLab.*`), read fresh each time so changes apply to the next run.
import * as vscode from 'vscode';

export interface InitLabConfig {
  runOnSave: boolean;
  maxParallelRuns: number;
  snapshotsPerSecond: number;
  boundaryResolution: number;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(x)));
}

/** `cores`: the platform's core count, what `maxParallelRuns: 0` means. */
export function readConfig(cores: number, scope?: vscode.Uri): InitLabConfig {
  const c = vscode.workspace.getConfiguration('initLab', scope);
  const parallel = c.get<number>('maxParallelRuns', 0);
  return {
    runOnSave: c.get<boolean>('runOnSave', true),
    // 0 = one worker per CPU core: runs are CPU-bound, more workers than cores only share the same cores.
    maxParallelRuns: parallel > 0 ? clamp(parallel, 1, 64) : Math.max(1, cores),
    snapshotsPerSecond: clamp(c.get<number>('snapshotsPerSecond', 15), 1, 30),
    boundaryResolution: clamp(c.get<number>('boundaryResolution', 100), 10, 300),
  };
}
