// Entry of dist/lab.js (the desktop's lazily loaded working part): the lab on the Node platform.
import type * as vscode from 'vscode';
import { startLab, type Lab } from './lab';
import { nodePlatform } from './nodePlatform';

export function startNodeLab(context: vscode.ExtensionContext): Lab {
  return startLab(context, nodePlatform(context.extensionUri));
}
