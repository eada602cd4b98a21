// Installs the panel's translations before any other module runs (main.ts imports this first): text is made in functions.
import { isL10nBundle, L10N_ELEMENT_ID, useBundle } from '../src/shared/l10n';

function readBundle(): unknown {
  const text = document.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const bundle = readBundle();
// English (an empty bundle) when the host sent none or something malformed: the page still works.
useBundle(isL10nBundle(bundle) && Object.keys(bundle).length > 0 ? bundle : undefined);
