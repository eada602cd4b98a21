// Installs translations for text made outside the extension host (worker, webview): @vscode/l10n, fed by the host.
//
// The host calls `vscode.l10n.t`; the worker's verdicts and the webview call `l10n.t` from '@vscode/l10n' directly
// (`npm run l10n` finds exactly those two kinds of call and exports one bundle). The host passes the bundle VS Code
// loaded for the display language (`vscode.l10n.bundle`) to each of them, which install it here.
import * as l10n from '@vscode/l10n';

/** `l10n/bundle.l10n.<locale>.json`: English message → translation (a comment makes the value an object). */
export type L10nBundle = Readonly<Record<string, string | { readonly message: string; readonly comment: string[] }>>;

/** Installs the translations (undefined: English, the messages as written). */
export function useBundle(bundle: L10nBundle | undefined): void {
  l10n.config({ contents: { ...bundle } });
}

/** Whether the object is a bundle: message strings mapped to strings (what arrives from the host is checked). */
export function isL10nBundle(x: unknown): x is L10nBundle {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  return Object.values(x).every(
    (v) =>
      typeof v === 'string' ||
      (typeof v === 'object' &&
        v !== null &&
        typeof (v as { message?: unknown }).message === 'string' &&
        Array.isArray((v as { comment?: unknown }).comment)),
  );
}
