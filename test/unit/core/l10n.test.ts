// Localisation: the translator the worker and webview use, and the committed bundles against a fresh export.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as l10n from '@vscode/l10n';
import { isL10nBundle, useBundle } from '../../../src/core/l10n';
import { PLANS, runDone } from '../../webview/fixtureData';

const ROOT = resolve(__dirname, '../../..');
const readJson = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

describe('localisation', () => {
  after(() => useBundle(undefined));

  it('translates through the installed bundle, with arguments, and falls back to English', () => {
    useBundle({ '{0}/{1} runs': '{0} sur {1} essais', Stop: 'Arrêter' });
    assert.equal(l10n.t('{0}/{1} runs', 2, 3), '2 sur 3 essais');
    assert.equal(l10n.t('Stop'), 'Arrêter');
    assert.equal(l10n.t('Re-run'), 'Re-run', 'a message missing from the bundle stays English');
    useBundle(undefined);
    assert.equal(l10n.t('{0}/{1} runs', 2, 3), '2/3 runs');
  });

  it('accepts only message maps as bundles', () => {
    assert.ok(isL10nBundle({ a: 'b', c: { message: 'd', comment: ['why'] } }));
    for (const bad of [null, [], 'x', { a: 1 }, { a: { message: 2, comment: [] } }, { a: { message: 'm' } }])
      assert.equal(isL10nBundle(bad), false, JSON.stringify(bad));
  });

  it("the worker's verdicts and their reasons come out in the bundle's language (pseudo locale: no English word)", () => {
    useBundle(readJson(join(ROOT, 'l10n', 'bundle.l10n.qps-ploc.json')) as Record<string, string>);
    try {
      const texts = PLANS.flatMap((_, i) => {
        const done = runDone(i);
        assert.ok(done.kind === 'runDone');
        return [done.result.verdict.text, done.result.verdict.why ?? ''];
      }).filter(Boolean);
      assert.ok(texts.length >= PLANS.length);
      for (const text of texts) {
        // Numbers stay numbers (1.2e-5, NaN); every word of the message itself is pseudo-translated.
        const english = text.replace(/NaN|\d(\.\d+)?e[-+]?\d+/g, ' ').match(/[A-Za-z]{2,}/g);
        assert.equal(english, null, `untranslated words ${JSON.stringify(english)} in "${text}"`);
      }
    } finally {
      useBundle(undefined);
    }
  });

  it('l10n/ holds what `npm run l10n` exports today, and the pseudo locale has every message', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'initlab-l10n-'));
    try {
      const cli = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, './src', './webview'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      const fresh = readJson(join(out, 'bundle.l10n.json'));
      const committed = readJson(join(ROOT, 'l10n', 'bundle.l10n.json'));
      assert.deepEqual(committed, fresh, 'l10n/bundle.l10n.json is stale: run `npm run l10n`');
      const pseudo = readJson(join(ROOT, 'l10n', 'bundle.l10n.qps-ploc.json'));
      assert.deepEqual(Object.keys(pseudo).sort(), Object.keys(fresh).sort());
      const nls = readJson(join(ROOT, 'package.nls.json'));
      assert.deepEqual(Object.keys(readJson(join(ROOT, 'package.nls.qps-ploc.json'))).sort(), Object.keys(nls).sort());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
