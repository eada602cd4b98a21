// The experiment panel's HTML: a strict CSP (nonce'd script only), an empty app root and the webview bundle.
// (The bundle installs its own styles through a constructed stylesheet; the page links only the codicon font.)
import { L10N_ELEMENT_ID, type L10nBundle } from '../shared/l10n';

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  cspSource: string;
  /** A fresh random nonce per page load (base64 or hex). */
  nonce: string;
  /** `asWebviewUri` of dist/webview.js. */
  scriptUri: string;
  /** `asWebviewUri` of dist/codicons/codicon.css: the toolbar's icons (vscode-elements looks it up by its id). */
  codiconsUri: string;
  title: string;
  /** `vscode.env.language`, for the page's `lang`. */
  lang?: string;
  /** `vscode.l10n.bundle`: the page's strings in the display language (absent: English). */
  l10n?: L10nBundle;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** JSON inside <script type="application/json">: only `<` could end the element early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return (
    [
      "default-src 'none'",
      `img-src ${cspSource} data:`,
      `style-src ${cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${cspSource}`,
    ].join('; ') + ';'
  );
}

export function panelHtml(o: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce))
    throw new Error('panelHtml: the nonce must be at least 16 base64/hex characters');
  const nonce = escapeHtml(o.nonce);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(o.title)}</title>
  <link rel="stylesheet" id="vscode-codicon-stylesheet" nonce="${nonce}" href="${escapeHtml(o.codiconsUri)}">
</head>
<body>
  <div id="app"></div>
  <script type="application/json" id="${L10N_ELEMENT_ID}">${scriptJson(o.l10n ?? {})}</script>
  <script nonce="${nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
