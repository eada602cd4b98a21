// What every integration test needs: the extension's id and the files of the workspace the harness prepared.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'initlab.initlab';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder (see test/harness/workspace.ts)');
  return folder.uri;
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}
