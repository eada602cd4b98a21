// The webview's side of localisation (it imports only src/shared): installing the host's bundle, and where it is found.
export { useBundle, isL10nBundle, type L10nBundle } from '../core/l10n';

/** The page element holding the panel's translations as JSON (written by the host's panelHtml, read by the webview). */
export const L10N_ELEMENT_ID = 'initlab-l10n';
