// One webview panel showing one experiment file: ready handshake, state kept while hidden, typed messages.
import * as vscode from 'vscode';
import { experimentStem } from '../core/experiment/fileName';
import { reducePanel } from '../shared/panelState';
import type { HostToWebview, PanelState, WebviewToHost } from '../shared/protocol';
import { isWebviewToHost } from '../shared/guards';
import { panelHtml } from './panelHtml';

export const VIEW_TYPE = 'initLab.experiment';
/** A visible page that has not said `ready` after this long is reloaded once, then its panel replaced. */
export const PAGE_LOAD_TIMEOUT_MS = 8000;
/** Panels replaced in a row for one file: beyond this a blank panel stays, rather than a loop of new ones. */
export const MAX_PANEL_REPLACEMENTS = 2;

export interface PanelEvents {
  /** Every validated message from the webview except `ready`, which the panel answers itself. */
  onMessage(panel: ExperimentPanel, msg: Exclude<WebviewToHost, { kind: 'ready' }>): void;
  onInvalidMessage(panel: ExperimentPanel, raw: unknown): void;
  onDidDispose(panel: ExperimentPanel): void;
  /** The panel became, or stopped being, the active editor. */
  onDidChangeActive(panel: ExperimentPanel, active: boolean): void;
  /** The page never came up, even after a reload: only a new panel (a new webview frame) can help. */
  onPageStuck(panel: ExperimentPanel): void;
}

export function panelTitle(file: vscode.Uri): string {
  return `Init Lab: ${experimentStem(file.path)}`;
}

/** Webview options: scripts on, and local resources limited to the built bundles and the media folder. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** 128 random bits in hex, from Web Crypto (present in Node 20 and in the browser). */
function nonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ExperimentPanel {
  private ready = false;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly html: () => string;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private reloaded = false;

  /** Opens a new panel beside the editor (or in `column`, replacing a stuck panel: `replaces` counts those). */
  static create(
    extensionUri: vscode.Uri,
    file: vscode.Uri,
    state: PanelState,
    events: PanelEvents,
    column: vscode.ViewColumn = vscode.ViewColumn.Beside,
    replaces = 0,
  ): ExperimentPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      panelTitle(file),
      { viewColumn: column, preserveFocus: true },
      // The state lives in the host and is re-sent on `ready`, so a hidden panel need not keep its page alive.
      { ...webviewOptions(extensionUri), retainContextWhenHidden: false },
    );
    return new ExperimentPanel(panel, extensionUri, file, state, events, replaces);
  }

  /** Takes over a panel VS Code restored after a reload (see the serializer). */
  static adopt(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    file: vscode.Uri,
    state: PanelState,
    events: PanelEvents,
  ): ExperimentPanel {
    panel.webview.options = webviewOptions(extensionUri);
    return new ExperimentPanel(panel, extensionUri, file, state, events);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly file: vscode.Uri,
    private current: PanelState,
    private readonly events: PanelEvents,
    /** How many stuck panels this one replaces in a row. */
    readonly replaces = 0,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.html = () =>
      panelHtml({
        cspSource: panel.webview.cspSource,
        nonce: nonce(),
        scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
        codiconsUri: panel.webview
          .asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicons', 'codicon.css'))
          .toString(),
        title: panelTitle(file),
        lang: vscode.env.language,
        l10n: vscode.l10n.bundle,
      });
    const webview = panel.webview;
    // Set once; reassigning html reloads the page and loses its charts (only a page that never came up is reloaded).
    webview.html = this.html();
    this.watchLoad();
    this.subscriptions.push(
      webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        // A page destroyed while hidden sends `ready` again; one that survived gets the state now.
        if (panel.visible) this.postSnapshot();
        this.watchLoad();
        this.events.onDidChangeActive(this, panel.active);
      }),
      panel.onDidDispose(() => {
        this.disposed = true;
        clearTimeout(this.loadTimer);
        for (const s of this.subscriptions) s.dispose();
        this.events.onDidDispose(this);
      }),
    );
  }

  get state(): PanelState {
    return this.current;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Reduces `msg` into the kept state and forwards it if the page can draw it now. */
  apply(msg: HostToWebview): void {
    this.current = reducePanel(this.current, msg);
    // Hidden pages are not drawn; the snapshot sent when they become visible carries everything missed.
    if (this.ready && this.panel.visible) this.post(msg);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    if (!this.disposed) this.panel.dispose();
  }

  /**
   * Recovers a visible page that never says `ready`: reloads it once, then asks for a new panel. Why: when several
   * webviews of the extension come back at once after a window reload, each registers VS Code's webview service
   * worker and supersedes the previous one, so a page may wait for its worker forever or have its script request
   * fall through to the network (microsoft/vscode#326956); seen in code-server's web worker host, a blank panel.
   */
  private watchLoad(): void {
    clearTimeout(this.loadTimer);
    if (this.ready || this.disposed) return;
    this.loadTimer = setTimeout(() => {
      if (this.ready || this.disposed || !this.panel.visible) return;
      if (!this.reloaded) {
        this.reloaded = true;
        this.panel.webview.html = this.html();
        this.watchLoad();
      } else if (this.replaces < MAX_PANEL_REPLACEMENTS) this.events.onPageStuck(this);
    }, PAGE_LOAD_TIMEOUT_MS);
  }

  private postSnapshot(): void {
    if (this.ready && !this.disposed) this.post({ kind: 'snapshot', state: this.current });
  }

  private post(msg: HostToWebview): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(msg);
  }

  private receive(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      this.events.onInvalidMessage(this, raw);
      return;
    }
    if (raw.kind === 'ready') {
      this.ready = true;
      clearTimeout(this.loadTimer);
      this.postSnapshot();
      return;
    }
    this.events.onMessage(this, raw);
  }
}
