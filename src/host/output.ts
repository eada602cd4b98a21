// The "Init Lab" output channel: notebook-style run logs and diagnostics such as CSP reports.
import * as vscode from 'vscode';

export class Output implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Init Lab');

  line(text: string): void {
    this.channel.appendLine(text);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
