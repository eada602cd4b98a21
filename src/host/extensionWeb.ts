// Web entry point (package.json "browser"): one bundle, since the web worker extension host loads a single file; the
// lab is still started on first use, on the web platform (Web Workers, no Node API).
import type * as vscode from 'vscode';
import type { InitLabApi } from './api';
import { activateLab } from './extension';
import { startLab } from './lab';
import { webPlatform } from './webPlatform';

export function activate(context: vscode.ExtensionContext): InitLabApi {
  return activateLab(context, 'web', () => (ctx) => startLab(ctx, webPlatform(ctx.extensionUri)));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the manager stops the workers).
}
