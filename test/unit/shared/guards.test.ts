// Unit tests of the shared protocol guards and the panel HTML (no browser needed).
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, panelHtml } from '../../../src/host/panelHtml';
import type { HostToWebview } from '../../../src/shared/protocol';
import { isBoundaryGrid, isHostToWebview, isPanelState } from '../../../src/shared/guards';
import { L10N_ELEMENT_ID } from '../../../src/shared/l10n';
import { initialState, progress, runDone, session } from '../../webview/fixtureData';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('isHostToWebview', () => {
  it('accepts every message of a realistic session after a JSON round trip', () => {
    for (const m of session()) assert.ok(isHostToWebview(clone(m)), m.kind);
  });

  it('rejects unknown kinds and non-objects', () => {
    for (const x of [null, undefined, 1, 'snapshot', [], {}, { kind: 'hello' }, { kind: 'status' }]) {
      assert.equal(isHostToWebview(x), false, JSON.stringify(x));
    }
  });

  it('rejects a status outside the protocol and a non-string message', () => {
    assert.equal(isHostToWebview({ kind: 'status', status: 'running', message: 'ok' }), true);
    assert.equal(isHostToWebview({ kind: 'status', status: 'exploded', message: '' }), false);
    assert.equal(isHostToWebview({ kind: 'status', status: 'done', message: 3 }), false);
  });

  it('rejects progress whose boundary bytes do not match n×n', () => {
    const m = clone(progress(2, 0, 1000)) as Extract<HostToWebview, { kind: 'progress' }>;
    assert.ok(isHostToWebview(m));
    assert.equal(isBoundaryGrid({ ...m.progress.boundary, n: m.progress.boundary.n + 1 }), false);
    assert.equal(
      isHostToWebview({ ...m, progress: { ...m.progress, boundary: { ...m.progress.boundary, probs: 'AAAA' } } }),
      false,
    );
  });

  it('rejects a cost that is neither a finite number nor a non-finite string', () => {
    const m = clone(progress(1, 0, 1000)) as Extract<HostToWebview, { kind: 'progress' }>;
    m.progress.logged = [[0, null as unknown as number]];
    assert.equal(isHostToWebview(m), false);
    m.progress.logged = [[0, 'Infinity']];
    assert.equal(isHostToWebview(m), true);
  });

  it('rejects a result with an unknown verdict kind', () => {
    const m = clone(runDone(2)) as Extract<HostToWebview, { kind: 'runDone' }>;
    assert.ok(isHostToWebview(m));
    assert.equal(isHostToWebview({ ...m, result: { ...m.result, verdict: { kind: 'great', text: '' } } }), false);
    assert.equal(isHostToWebview({ ...m, runIndex: -1 }), false);
  });

  it('validates persisted state, with extra view preferences allowed', () => {
    assert.ok(isPanelState({ ...initialState(), webviewUi: { logScale: true } }));
    assert.equal(isPanelState({ ...initialState(), runs: [{}] }), false);
    assert.equal(isPanelState({ ...initialState(), train: { xyl: [1, 2] } }), false);
  });
});

describe('panelHtml', () => {
  const nonce = 'abcdefghijklmnopqrstuvwxyz012345';
  const html = panelHtml({
    cspSource: 'https://x.vscode-cdn.net',
    nonce,
    scriptUri: 'https://x/dist/webview.js',
    codiconsUri: 'https://x/dist/codicons/codicon.css',
    title: 'A <b>&</b> "t"',
  });

  it('has a strict CSP: nonce scripts only, no unsafe-inline or eval', () => {
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', nonce);
    assert.equal(
      csp,
      `default-src 'none'; img-src https://x.vscode-cdn.net data:; style-src https://x.vscode-cdn.net 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src https://x.vscode-cdn.net;`,
    );
    assert.ok(html.includes('http-equiv="Content-Security-Policy"'));
    assert.ok(!/unsafe-(inline|eval)/.test(html));
  });

  it('loads the bundle with the nonce and escapes the title', () => {
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/dist/webview.js"></script>`));
    assert.ok(html.includes('<title>A &lt;b&gt;&amp;&lt;/b&gt; &quot;t&quot;</title>'));
    const executable = (html.match(/<script(?![^>]*type="application\/json")/g) ?? []).length;
    assert.equal(executable, 1, "one executable script: the nonce'd bundle");
    assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
  });

  it('carries the translations as inert JSON that no translation can break out of', () => {
    const l10n = { Stop: '</script><script>alert(1)</script>', Ready: 'Prêt <b>' };
    const page = panelHtml({ cspSource: 'x', nonce, scriptUri: 'y', codiconsUri: 'z', title: 't', lang: 'fr', l10n });
    assert.ok(page.includes('<html lang="fr">'));
    assert.equal((page.match(/<\/script>/g) ?? []).length, 2, 'only the two script elements close');
    const data = /<script type="application\/json" id="([^"]+)">([^<]*)<\/script>/.exec(page);
    assert.ok(data, 'no JSON script element');
    assert.equal(data[1], L10N_ELEMENT_ID);
    assert.deepEqual(JSON.parse(data[2]), l10n);
  });

  it('refuses a short or malformed nonce', () => {
    assert.throws(() => panelHtml({ cspSource: 'x', nonce: 'short', scriptUri: 'y', codiconsUri: 'z', title: 't' }));
    assert.throws(() =>
      panelHtml({ cspSource: 'x', nonce: 'abcdefghijklmnop"><script>', scriptUri: 'y', codiconsUri: 'z', title: 't' }),
    );
  });
});
