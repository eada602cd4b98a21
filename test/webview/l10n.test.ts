// The panel under the pseudo-locale bundle (l10n/bundle.l10n.qps-ploc.json): no English word of its own is left.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview } from '../../src/shared/protocol';
import { ensureChromium } from '../harness/install';
import { session } from './fixtureData';
import { startFixture, type Fixture } from './fixtureServer';

const ROOT = resolve(__dirname, '../..');

/** Every string in the host's messages: data (names, descriptions, verdicts the worker wrote) may stay English here. */
function dataStrings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) dataStrings(v, into);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) dataStrings(v, into);
  return into;
}

/** The whole panel. */
const LOCALISED = ['body'];

/** The visible text and the text assistive technology reads (labels, titles) of `scopes`, light DOM only. */
async function panelTexts(page: Page, scopes: readonly string[] = LOCALISED): Promise<string[]> {
  return page.evaluate((selectors) => {
    const out: string[] = [];
    for (const root of selectors.flatMap((s) => [...document.querySelectorAll(s)])) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (parent && !parent.closest('script, style') && n.textContent?.trim()) out.push(n.textContent.trim());
      }
      for (const e of [root, ...root.querySelectorAll('*')]) {
        for (const a of ['aria-label', 'title', 'label', 'placeholder', 'aria-roledescription', 'aria-valuetext']) {
          const v = e.getAttribute(a);
          if (v?.trim()) out.push(v.trim());
        }
      }
    }
    return out;
  }, scopes);
}

async function send(page: Page, msgs: readonly HostToWebview[]): Promise<void> {
  await page.evaluate((ms) => {
    for (const m of ms) window.postMessage(m, '*');
  }, msgs);
  await page.evaluate(
    () =>
      new Promise<void>((done) =>
        setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done())), 0),
      ),
  );
  // The panel may hold a redraw back to keep within its share of the main thread (webview/frameBudget.ts).
  await page.waitForFunction(() => document.body.dataset.pending !== '1');
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

describe('webview under the pseudo locale', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let fixture: Fixture;
  const pseudo = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.qps-ploc.json'), 'utf8')) as Record<
    string,
    string
  >;
  const messages = session();

  before(async function () {
    this.timeout(15 * 60_000);
    const executablePath = await ensureChromium();
    fixture = await startFixture(ROOT, 'dark', pseudo);
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(fixture.url);
    await page.waitForFunction(() => (window as unknown as { __fake: { posted: unknown[] } }).__fake.posted.length > 0);
    await send(page, messages);
  });

  after(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it('uses the bundle it was given', async () => {
    const texts = await panelTexts(page);
    assert.ok(texts.includes(pseudo['Stop']), `the Stop button should read "${pseudo['Stop']}"`);
    assert.ok(!texts.includes('Stop'));
  });

  it('shows no untranslated word of its own', async () => {
    // Longest first, so a name is removed whole before a shorter one inside it.
    const names = [...dataStrings(messages)].flatMap((s) =>
      s.startsWith('file:') ? [decodeURIComponent(s.split('/').pop() ?? '')] : [],
    );
    const data = [...dataStrings(messages), ...names].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
    const english: string[] = [];
    for (const text of await panelTexts(page)) {
      let rest = text;
      for (const d of data) rest = rest.split(d).join(' ');
      // Pseudo-translation turns every ASCII letter into an accented one; units and symbols (∞, σ, %) are not words.
      const words = rest.match(/[A-Za-z]{2,}/g);
      if (words) english.push(`${words.join(' ')}   ← in "${text}"`);
    }
    assert.deepEqual(english, [], `untranslated text in the panel:\n${english.join('\n')}`);
  });
});
