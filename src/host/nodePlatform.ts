// The desktop platform: worker_threads workers running dist/worker.js, cores from os.cpus().
import * as os from 'node:os';
import type * as vscode from 'vscode';
import { Uri } from 'vscode';
import type { Platform } from './platform';
import { startWorkerRun } from './workerRunner';

export function nodePlatform(extensionUri: vscode.Uri): Platform {
  const workerPath = Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
  return {
    kind: 'node',
    cores: Math.max(1, os.cpus().length),
    startRun: (request) => startWorkerRun({ ...request, workerPath }),
  };
}
