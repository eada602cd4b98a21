// The web platform (VS Code for the Web, code-server's web worker host): Web Workers, cores from the browser.
import * as vscode from 'vscode';
import type { Platform } from './platform';
import { startWebWorkerRun } from './webWorkerRunner';

/**
 * The worker script's text, read once. Extension files may live on a remote file system (code-server) or on an
 * https CDN (vscode.dev): the first is read through workspace.fs, the second fetched. Either way the worker starts
 * from a Blob URL, since a worker's script must be same-origin with the host.
 */
async function workerScriptUrl(uri: vscode.Uri): Promise<string> {
  let text: string;
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const res = await fetch(uri.toString(true));
    if (!res.ok) throw new Error(`could not load the training worker (${res.status} ${res.statusText})`);
    text = await res.text();
  } else {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }
  return URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
}

export function webPlatform(extensionUri: vscode.Uri): Platform {
  let script: Promise<string> | undefined;
  const scriptUrl = (): Promise<string> => {
    // A failed load is not cached: the next run tries again.
    script ??= workerScriptUrl(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js')).catch((e: unknown) => {
      script = undefined;
      throw e;
    });
    return script;
  };
  return {
    kind: 'web',
    cores: Math.max(1, navigator.hardwareConcurrency || 1),
    startRun: (request) => startWebWorkerRun(scriptUrl, request),
  };
}
