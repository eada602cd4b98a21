// The "Init Lab" log channel (a LogOutputChannel with levels): run logs, invalid files, malformed messages, CSP reports.
import * as vscode from 'vscode';

export class Output implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Init Lab', { log: true });

  /** Run logs and outcomes: what a learner reads to follow a run. */
  info(text: string): void {
    this.channel.info(text);
  }

  /** Something the learner should fix (an invalid file) or that went wrong but was contained. */
  warn(text: string): void {
    this.channel.warn(text);
  }

  error(text: string): void {
    this.channel.error(text);
  }

  /** Details for whoever debugs the extension (shown at the Debug log level). */
  debug(text: string): void {
    this.channel.debug(text);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
