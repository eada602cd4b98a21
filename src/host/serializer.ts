// Restores experiment panels after a window reload from the state their page saved with setState.
import * as vscode from 'vscode';
import { isPanelState } from '../shared/guards';
import type { PanelManager } from './panelManager';

export class ExperimentPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(private readonly manager: PanelManager) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const file =
      typeof state === 'object' && state !== null && 'file' in state ? (state as { file: unknown }).file : undefined;
    if (typeof file !== 'string' || file === '') {
      // Nothing says which experiment this was; an empty panel would only confuse.
      panel.dispose();
      return;
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(file, true);
    } catch {
      panel.dispose();
      return;
    }
    // A state from an older page version may not match; the file alone still gives a usable panel.
    this.manager.restorePanel(panel, uri, isPanelState(state) ? state : undefined);
  }
}
