// Status bar item shown while any experiment trains; clicking it reveals the panel.
import * as vscode from 'vscode';

export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('initLab.training', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = vscode.l10n.t('Init Lab training');
    this.item.command = 'initLab.showPanel';
  }

  /** `running` sessions in total, `percent` of their iterations done; 0 sessions hides the item. */
  update(running: number, percent: number): void {
    if (running === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Init Lab: training {0}%', Math.floor(percent))}`;
    this.item.tooltip = vscode.l10n.t('{0} experiment(s) training — click to show the panel', running);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
