// What every integration test needs: the activated extension's API and the files of the workspace the harness prepared.
import * as vscode from 'vscode';
import type { InitLabApi } from '../../src/host/api';

export const EXTENSION_ID = 'initlab.initlab';

export function extension(): vscode.Extension<InitLabApi> {
  const ext = vscode.extensions.getExtension<InitLabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Activates first: before activation, command results come back JSON-flattened and the API is absent. */
export async function api(): Promise<InitLabApi> {
  return extension().activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder (see test/harness/workspace.ts)');
  return folder.uri;
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}
