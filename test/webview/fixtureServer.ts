// A tiny HTTP server for the webview test: the panel HTML from panelHtml() plus a fake acquireVsCodeApi, and dist/.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { panelHtml } from '../../src/host/panelHtml';
import type { L10nBundle } from '../../src/shared/l10n';
import { THEMES, type ThemeName } from './themes';

export interface Fixture {
  url: string;
  /** The state the fake getState() returns on the next page load (what VS Code's serializer restores). */
  setInitialState(state: unknown): void;
  close(): Promise<void>;
}

const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA';

/** Runs in the page before the bundle, like VS Code's own preload: records messages and state. */
function fakeApiScript(initialState: unknown, theme: ThemeName): string {
  const json = JSON.stringify(initialState ?? null).replace(/</g, '\\u003c');
  const themes = JSON.stringify(THEMES);
  return `(() => {
  const themes = ${themes};
  let state = ${json} ?? undefined;
  const rec = { posted: [], setStateCalls: 0, acquireCalls: 0, get state() { return state; } };
  window.__fake = rec;
  window.acquireVsCodeApi = () => {
    rec.acquireCalls++;
    if (rec.acquireCalls > 1) throw new Error('An instance of the VS Code API has already been acquired');
    return {
      postMessage: (m) => { rec.posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => state,
      setState: (s) => { state = JSON.parse(JSON.stringify(s)); rec.setStateCalls++; return s; },
    };
  };
  // VS Code sets the theme through the CSSOM (allowed by the CSP), never through inline style attributes.
  window.__setTheme = (name) => {
    const t = themes[name];
    const root = document.documentElement;
    for (const [k, v] of Object.entries(t.vars)) root.style.setProperty(k, v);
    document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
    document.body.classList.add(t.bodyClass);
  };
  window.__setTheme(${JSON.stringify(theme)});
})();`;
}

/** `l10n`: the translations the page gets, as the host passes `vscode.l10n.bundle` (absent: English). */
export async function startFixture(root: string, theme: ThemeName = 'dark', l10n?: L10nBundle): Promise<Fixture> {
  let initialState: unknown = null;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      const html = panelHtml({
        cspSource: origin,
        nonce: NONCE,
        scriptUri: '/dist/webview.js',
        codiconsUri: '/dist/codicons/codicon.css',
        title: 'Init Lab test',
        l10n,
      });
      const t = (url.searchParams.get('theme') as ThemeName | null) ?? theme;
      const fake = `<script nonce="${NONCE}">${fakeApiScript(initialState, t)}</script>\n  `;
      const i = html.indexOf('<script nonce=');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html.slice(0, i) + fake + html.slice(i));
      return;
    }
    const served: Record<string, string> = {
      '/dist/webview.js': 'text/javascript',
      '/dist/webview.js.map': 'application/json',
      '/dist/codicons/codicon.css': 'text/css',
      '/dist/codicons/codicon.ttf': 'font/ttf',
    };
    const type = served[url.pathname];
    if (type) {
      res.writeHead(200, { 'content-type': type });
      res.end(readFileSync(join(root, url.pathname)));
      return;
    }
    // Browsers ask for a favicon; VS Code's webviews do not have one either.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    setInitialState: (s) => {
      initialState = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
