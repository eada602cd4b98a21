// The built webview bundle in headless Chromium, fed fake host messages: drawing, messages, CSP, state, themes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, PanelState, PreviousRun, WebviewToHost } from '../../src/shared/protocol';
import { emptyPanelState, reducePanel } from '../../src/shared/panelState';
import { curveData } from '../../webview/costChart';
import { formatCost, formatInt, formatPercent, formatSig } from '../../webview/format';
import { ensureChromium } from '../harness/install';
import { DIVERGED_AT, LAYERS, PLANS, progress, session, TOTAL } from './fixtureData';
import { startFixture, type Fixture } from './fixtureServer';
import { THEMES } from './themes';

const ROOT = resolve(__dirname, '../..');
const RESULTS = join(ROOT, 'test-results');

interface FakeApi {
  posted: WebviewToHost[];
  setStateCalls: number;
  state: unknown;
}
declare global {
  interface Window {
    __fake: FakeApi;
    __setTheme(name: string): void;
  }
}

function hexRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Pixels of each matching canvas that are drawn (alpha > 16) and differ from `bg` by more than `tol` (sum of |Δ|). */
async function inkCounts(page: Page, selector: string, bg: [number, number, number], tol = 30): Promise<number[]> {
  return page.$$eval(
    selector,
    (els, [bgc, t]) =>
      (els as HTMLCanvasElement[]).map((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || c.width === 0 || c.height === 0) return 0;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] <= 16) continue;
          if (Math.abs(d[i] - bgc[0]) + Math.abs(d[i + 1] - bgc[1]) + Math.abs(d[i + 2] - bgc[2]) > t) n++;
        }
        return n;
      }),
    [bg, tol] as const,
  );
}

/** Pixels of the canvas whose colour is within `tol` of `rgb` (drawn, any alpha above 64). */
async function colorCount(
  page: Page,
  selector: string,
  rgb: [number, number, number],
  tol = 40,
  minAlpha = 64,
): Promise<number> {
  return page.$eval(
    selector,
    (c, [col, t, a]) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!d) return 0;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > a && Math.abs(d[i] - col[0]) + Math.abs(d[i + 1] - col[1]) + Math.abs(d[i + 2] - col[2]) <= t)
          n++;
      }
      return n;
    },
    [rgb, tol, minAlpha] as const,
  );
}

/** Keeps a copy of a canvas's pixels in the page (moving megabytes of pixels out would be slow). */
async function snapCanvas(page: Page, selector: string, key: string): Promise<void> {
  await page.$eval(
    selector,
    (c, k) => {
      const canvas = c as HTMLCanvasElement;
      const w = window as unknown as { __snaps?: Record<string, Uint8ClampedArray> };
      w.__snaps ??= {};
      w.__snaps[k] =
        canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    },
    key,
  );
}

/** Pixels that differ between two kept copies (-1 if the canvas changed size). */
async function differingPixels(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(
    ([ka, kb]) => {
      const snaps = (window as unknown as { __snaps: Record<string, Uint8ClampedArray> }).__snaps;
      const x = snaps[ka],
        y = snaps[kb];
      if (x.length !== y.length) return -1;
      let n = 0;
      for (let i = 0; i < x.length; i += 4) {
        if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2] || x[i + 3] !== y[i + 3]) n++;
      }
      return n;
    },
    [a, b] as const,
  );
}

/** Lets queued message events run, then waits two animation frames so the coalesced draw has happened. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done())), 0);
      }),
  );
  // The panel may hold a redraw back to keep within its share of the main thread (webview/frameBudget.ts).
  await page.waitForFunction(() => document.visibilityState === 'hidden' || document.body.dataset.pending !== '1');
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

const VIEWPORT = { width: 1280, height: 900 };

/**
 * Runs `fn` with the whole panel on screen (a viewport as tall as the page): parts scrolled out of view wait to be
 * drawn until they are seen (webview/pacedDraw.ts), and these checks read every card at once.
 */
async function wholePage<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, height) });
  try {
    await settle(page);
    return await fn();
  } finally {
    await page.setViewportSize(VIEWPORT);
  }
}

async function send(page: Page, msgs: HostToWebview[]): Promise<void> {
  await page.evaluate((ms) => {
    for (const m of ms) window.postMessage(m, '*');
  }, msgs);
  await settle(page);
}

async function posted(page: Page): Promise<WebviewToHost[]> {
  return page.evaluate(() => window.__fake.posted);
}

async function frames(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.body.dataset.frames ?? '0'));
}

/** A script that makes the page report `state` as its visibility, as a hidden VS Code panel would. */
function visibility(state: 'hidden' | 'visible'): string {
  return `Object.defineProperty(document, 'visibilityState', { configurable: true, value: '${state}' });
    document.dispatchEvent(new Event('visibilitychange'));`;
}

async function cardTexts(page: Page): Promise<string[]> {
  return page.$$eval('.card', (cards) => cards.map((c) => (c as HTMLElement).innerText));
}

describe('webview in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let fixture: Fixture;
  const consoleErrors: string[] = [];
  const all = session();
  const snapshot = all[0];
  const firstHalf = all.filter((m) => m.kind === 'progress' && m.progress.iteration <= 5000);
  const secondHalf = all.filter((m) => m.kind === 'progress' && m.progress.iteration > 5000);
  const results = all.filter((m) => m.kind === 'runDone' || m.kind === 'status');
  const dark = THEMES.dark.vars;
  const darkBg = hexRgb(dark['--vscode-editor-background']);

  before(async function () {
    if (!existsSync(join(ROOT, 'dist/webview.js'))) {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    }
    // The shared setup step: installs Chromium on first use (as root), else says what to install.
    this.timeout(15 * 60_000);
    const executablePath = await ensureChromium();
    mkdirSync(RESULTS, { recursive: true });
    fixture = await startFixture(ROOT, 'dark');
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    page = await browser.newPage({ viewport: VIEWPORT });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(fixture.url);
    await page.waitForFunction(() => window.__fake.posted.length > 0);
  });

  after(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it('posts ready first, before the host has sent anything', async () => {
    const msgs = await posted(page);
    assert.deepEqual(msgs, [{ kind: 'ready' }]);
  });

  it('shows the runs of a snapshot and draws live progress', async () => {
    await send(page, [snapshot, ...firstHalf]);
    const texts = await cardTexts(page);
    assert.equal(texts.length, PLANS.length);
    PLANS.forEach((p, i) => assert.ok(texts[i].includes(p.name), `card ${i} names ${p.name}`));
    assert.match(await page.locator('.exp-name').innerText(), /Course notebook/);
    assert.equal(await page.locator('.file-link').innerText(), 'notebook.initexp.json');
    assert.equal(await page.locator('.status-pill').innerText(), 'Training');
    // The diverging run shows it live, before its verdict arrives.
    const alert = page.locator('.card').nth(3).locator('.alert');
    assert.ok(await alert.isVisible());
    assert.match(await alert.innerText(), /Diverging: the cost became NaN at iteration 3.200/);
    // Its NaN output weights are counted in the layer table, not silently dropped (drawn once scrolled to).
    const table = page.locator('.card').nth(3).locator('.layer-table tbody');
    await table.scrollIntoViewIfNeeded();
    await settle(page);
    assert.match(await table.innerText(), /W3 1×5 ⚠ 5 NaN\/∞/);
    await page.screenshot({ path: join(RESULTS, 'webview-dark-training.png'), fullPage: true });
  });

  it('Stop posts stop while training', async () => {
    const before = (await posted(page)).length;
    await page.locator('vscode-button[aria-label="Stop training"]').click();
    const msgs = await posted(page);
    assert.deepEqual(msgs.slice(before), [{ kind: 'stop' }]);
  });

  it('coalesces a burst of messages into one frame', async () => {
    const f0 = await frames(page);
    const burst = [0, 1, 2].flatMap((i) => [progress(i, 5000, 6000), progress(i, 6000, 7000), progress(i, 7000, 7500)]);
    // Delivered within one task, as a busy host's messages arrive between two frames; window.postMessage would
    // queue one task each, and a loaded machine may paint between those tasks.
    await page.evaluate((ms) => {
      for (const m of ms) window.dispatchEvent(new MessageEvent('message', { data: m }));
    }, burst);
    await settle(page);
    const f1 = await frames(page);
    assert.equal(f1 - f0, 1, `${burst.length} messages drew ${f1 - f0} frames`);
  });

  it('draws nothing while hidden and redraws when visible again', async () => {
    await page.evaluate(visibility('hidden'));
    const f0 = await frames(page);
    await send(page, [progress(2, 7500, 8000)]);
    await settle(page);
    assert.equal(await frames(page), f0, 'no frame drawn while hidden');
    await page.evaluate(visibility('visible'));
    await settle(page);
    assert.ok((await frames(page)) > f0, 'redrawn when visible');
    assert.match(await page.locator('.card').nth(2).locator('.stat dd').nth(4).innerText(), /^8.000 \/ 15.000$/);
  });

  it('leaves charts scrolled out of view until they are seen, then draws them current', async () => {
    // A short viewport: the header and cost chart are on screen, the cards' signal flow below them.
    await page.setViewportSize({ width: VIEWPORT.width, height: 400 });
    try {
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      const card = page.locator('.card').nth(2);
      const nowHeader = card.locator('.signal-table thead th').nth(3);
      // (formatInt's thousands separator is locale's: a dot in the patterns matches it.)
      assert.match((await nowHeader.textContent()) ?? '', /^z it\. 8.000$/);
      await send(page, [progress(2, 8000, 9000)]);
      // The card's numbers are current at once; its chart and table wait while out of view.
      assert.match((await card.locator('.stat dd').nth(4).textContent()) ?? '', /^9.000 \/ 15.000$/);
      assert.match((await nowHeader.textContent()) ?? '', /^z it\. 8.000$/, 'not redrawn out of view');
      await card.locator('.signal').scrollIntoViewIfNeeded();
      await settle(page);
      assert.match((await nowHeader.textContent()) ?? '', /^z it\. 9.000$/, 'drawn once scrolled to');
    } finally {
      await page.setViewportSize(VIEWPORT);
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  });

  it('shows results: accuracies, final costs, verdicts and the divergence', async () => {
    await send(page, [...secondHalf, ...results]);
    const texts = await cardTexts(page);
    for (let i = 0; i < PLANS.length; i++) {
      const done = results.find((m) => m.kind === 'runDone' && m.runIndex === i);
      assert.ok(done && done.kind === 'runDone');
      assert.ok(
        texts[i].includes(formatPercent(PLANS[i].trainAccuracy)),
        `${PLANS[i].name} train accuracy in ${texts[i]}`,
      );
      assert.ok(texts[i].includes(formatPercent(PLANS[i].testAccuracy)), `${PLANS[i].name} test accuracy`);
      assert.ok(texts[i].includes(done.result.verdict.text), `${PLANS[i].name} verdict "${done.result.verdict.text}"`);
    }
    assert.ok(texts[2].includes('99.3 %') && texts[2].includes('96.0 %'));
    assert.match(texts[0], /Symmetry not broken/);
    // random ×10: the first cost is ∞, and that is said on the card and on the chart.
    const exploding = page.locator('.card').nth(1);
    assert.match(await exploding.locator('.alert').innerText(), /Exploding start: first cost ∞/);
    assert.ok(await exploding.evaluate((e) => e.classList.contains('is-diverged')));
    const diverged = page.locator('.card').nth(3);
    assert.match(await diverged.locator('.alert').innerText(), /^⚠ Diverged at iteration 3.200$/);
    assert.ok(await diverged.evaluate((e) => e.classList.contains('is-diverged')));
    assert.equal(await diverged.locator('.run-badge').innerText(), 'diverged');
    assert.equal(await diverged.locator('.stat dd.non-finite').innerText(), 'NaN');
    assert.ok(
      await page
        .locator('.card')
        .nth(2)
        .evaluate((e) => !e.classList.contains('is-diverged')),
    );
    const note = await page.locator('.chart-note').innerText();
    assert.match(note, /random x10: 3 × ∞, first at 0/);
    assert.match(note, new RegExp(`normal std 50: \\d+ × NaN, first at 3.200`));
    assert.equal(await page.locator('.status-pill').innerText(), 'Done');
    assert.equal(DIVERGED_AT, 3200);
  });

  it('draws the cost curves, every heatmap, overlay and histogram', async () => {
    await wholePage(page, async () => {
      const [costInk] = await inkCounts(page, '.cost canvas', darkBg);
      assert.ok(costInk > 2000, `cost chart ink ${costInk}`);
      // Every run's curve is on the chart in its own theme colour.
      const series = ['--vscode-charts-blue', '--vscode-charts-red', '--vscode-charts-green', '--vscode-charts-purple'];
      for (const [i, v] of series.entries()) {
        const n = await colorCount(page, '.cost canvas', hexRgb(dark[v]));
        assert.ok(n > 150, `curve of run ${i} has ${n} pixels of ${dark[v]}`);
      }
      const heat = await inkCounts(page, '.heatmap-image', darkBg, 24);
      assert.equal(heat.length, PLANS.length);
      // zeros never moves off p = 0.5, which is drawn as the neutral background colour.
      assert.equal(heat[0], 0, 'zeros: no decision boundary');
      for (const i of [1, 2, 3]) assert.ok(heat[i] > 2000, `heatmap ${i} ink ${heat[i]} of 10000`);
      const overlay = await inkCounts(page, '.heatmap-overlay', darkBg);
      overlay.forEach((n, i) => assert.ok(n > 1000, `overlay ${i} ink ${n}`));
      const hist = await inkCounts(page, '.hist canvas', darkBg);
      assert.equal(hist.length, PLANS.length * 3);
      hist.forEach((n, i) => assert.ok(n > 100, `histogram ${i} ink ${n}`));
      // The bars are in the run's colour (blue for run 0, green for He).
      const bars = await colorCount(page, '.card:nth-child(3) .hist canvas', hexRgb(dark['--vscode-charts-green']));
      assert.ok(bars > 200, `He histogram bars ${bars}`);
      const rows = await page.locator('.card').nth(0).locator('.layer-table tbody tr').count();
      assert.equal(rows, 3);
      assert.equal(
        await page.locator('.card').nth(0).locator('td.flag').count(),
        2,
        'zeros: both hidden layers flagged symmetric',
      );
    });
  });

  it('draws a signal-flow chart per run: z and the dashed theory in the run colour and foreground, dZ in its own', async () => {
    await wholePage(page, async () => {
      const ink = await inkCounts(page, '.signal canvas', darkBg);
      assert.equal(ink.length, PLANS.length);
      for (const i of [1, 2, 3]) assert.ok(ink[i] > 1500, `signal chart ${i} ink ${ink[i]}`);
      // W = 0: every z is 0, which a log scale cannot show; the card says so instead of drawing nothing silently.
      assert.match(
        await page.locator('.card').nth(0).locator('.signal-note').innerText(),
        /nothing to draw on a log scale/,
      );
      const he = '.card:nth-child(3) .signal canvas';
      const z = await colorCount(page, he, hexRgb(dark['--vscode-charts-green']), 20);
      const dz = await colorCount(page, he, hexRgb(dark['--vscode-charts-orange']), 20);
      const theory = await colorCount(page, he, hexRgb(dark['--vscode-foreground']), 20);
      assert.ok(z > 150 && dz > 150 && theory > 60, `z ${z}, dZ ${dz}, theory ${theory} pixels`);
      // The layer table gained the unit health of each layer (ReLU: dead units).
      const units = await page.locator('.card').nth(2).locator('.layer-table tbody').innerText();
      assert.match(units, /% dead/);
    });
  });

  it("draws the scheme's distribution dashed over each weight histogram, and says so (none for zeros)", async () => {
    await wholePage(page, async () => {
      const fg = hexRgb(dark['--vscode-foreground']);
      // Opaque pixels only: the theme's grid colour is the foreground at half alpha, the scheme's line is opaque.
      const he = await colorCount(page, '.card:nth-child(3) .hist canvas', fg, 30, 200);
      const zeros = await colorCount(page, '.card:nth-child(1) .hist canvas', fg, 30, 200);
      assert.ok(he > 40, `He: ${he} pixels of the dashed scheme line`);
      assert.ok(zeros < 10, `zeros draws one value, no curve: ${zeros} pixels`);
      const label = (await page.locator('.card:nth-child(3) .hist canvas').first().getAttribute('aria-label')) ?? '';
      assert.match(label, /Dashed: how the scheme's own draw would spread them/);
      const zerosLabel =
        (await page.locator('.card:nth-child(1) .hist canvas').first().getAttribute('aria-label')) ?? '';
      assert.doesNotMatch(zerosLabel, /Dashed/);
    });
  });

  it('the signal flow has a table alternative with the numbers and the formula one click away', async () => {
    const card = page.locator('.card').nth(2);
    await card.locator('.signal-numbers summary').click();
    const rows = await card.locator('.signal-table tbody tr').allInnerTexts();
    assert.equal(rows.length, LAYERS.length - 1);
    const last = progress(2, TOTAL - 2500, TOTAL);
    assert.ok(last.kind === 'progress' && last.progress.mechanism);
    const m = last.progress.mechanism;
    rows.forEach((r, i) => {
      const cells = r.split('\t').map((c) => c.trim());
      assert.equal(cells[0], String(i + 1));
      assert.equal(cells[1], formatSig(m.initial.layers[i].zStd ?? NaN, 2), `layer ${i + 1} z at iteration 0`);
      assert.equal(cells[2], formatSig(m.theory.zStd[i] ?? NaN, 2), `layer ${i + 1} theory`);
      assert.equal(cells[3], formatSig(m.current.layers[i].zStd ?? NaN, 2), `layer ${i + 1} z now`);
      const dzTheory = m.theory.dzStd?.[i];
      assert.ok(dzTheory !== undefined && dzTheory !== null, `layer ${i + 1} has a backward theory (ReLU, He)`);
      assert.equal(cells[5], formatSig(dzTheory, 2), `layer ${i + 1} dZ theory`);
      assert.equal(cells[6], formatSig(m.current.layers[i].dzStd ?? NaN, 2), `layer ${i + 1} dZ now`);
    });
    const header = await card.locator('.signal-table thead').innerText();
    assert.match(header, /z it\. 15.000/);
    const button = card.locator('.signal .link-button');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await card.locator('.signal-formula').isVisible(), false);
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const formula = await card.locator('.signal-formula').innerText();
    assert.match(formula, /Var\[z_l\] = n_\{l−1\}·Var\[W_l\]·E\[a_\{l−1\}²\]/);
    assert.match(formula, /E\[relu\(z\)²\] = Var\[z\]\/2/);
    assert.match(formula, /Var\[dA_\{l−1\}\] = n_l·Var\[W_l\]·E\[dZ_l²\]/);
    assert.match(formula, /E\[relu′\(z\)²\] = 1\/2/);
    assert.match(
      (await card.locator('.signal canvas').getAttribute('aria-label')) ?? '',
      /std of z goes from .* in layer 1/,
    );
    await card.locator('.signal-numbers summary').click();
  });

  it("the signal flow is keyboard reachable: arrow keys show each layer's values", async () => {
    const canvas = '.card:nth-child(3) .signal canvas';
    assert.equal(await page.locator(canvas).getAttribute('tabindex'), '0');
    await page.locator(canvas).focus();
    await snapCanvas(page, canvas, 'signalBefore');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    await snapCanvas(page, canvas, 'signalTooltip');
    const changed = await differingPixels(page, 'signalBefore', 'signalTooltip');
    assert.ok(changed > 300, `tooltip drew ${changed} pixels`);
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await settle(page);
  });

  it('the cost chart shows the values under the pointer, and nothing once it leaves', async () => {
    const canvas = page.locator('.cost canvas');
    await canvas.scrollIntoViewIfNeeded();
    await snapCanvas(page, '.cost canvas', 'hoverBefore');
    const box = await canvas.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    await settle(page);
    await snapCanvas(page, '.cost canvas', 'hoverOn');
    assert.ok((await differingPixels(page, 'hoverBefore', 'hoverOn')) > 300, 'a guide and a tooltip are drawn');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height + 40);
    await settle(page);
    await snapCanvas(page, '.cost canvas', 'hoverOff');
    assert.equal(await differingPixels(page, 'hoverBefore', 'hoverOff'), 0, 'leaving the chart hides the tooltip');
  });

  it("the cost chart is keyboard reachable: the arrow keys read every run's cost, on the chart and aloud", async () => {
    const canvas = '.cost canvas';
    assert.equal(await page.locator(canvas).getAttribute('tabindex'), '0');
    await page.locator(canvas).focus();
    await snapCanvas(page, canvas, 'costBefore');
    await page.keyboard.press('End');
    await settle(page);
    await snapCanvas(page, canvas, 'costTooltip');
    assert.ok((await differingPixels(page, 'costBefore', 'costTooltip')) > 300, 'the tooltip shows');
    // What a screen reader hears: the last iteration and the cost of every run that reached it (the diverged run
    // stopped being plotted at its NaN, so it is not read at the end).
    const state = session().reduce(reducePanel, emptyPanelState(''));
    const curves = state.runs.map((r) => ({ name: r.info.name, curve: curveData(r).finite }));
    const end = curves[0].curve[curves[0].curve.length - 1].x;
    const last = curves
      .filter((r) => r.curve[r.curve.length - 1]?.x === end)
      .map((r) => `${r.name}: ${formatCost(r.curve[r.curve.length - 1].y)}`);
    assert.ok(last.length >= 3 && end > TOTAL * 0.99, `${last.length} runs reached iteration ${end}`);
    const heard = async (): Promise<string> => (await page.locator('.cost [aria-live]').textContent()) ?? '';
    assert.equal(await heard(), [`Iteration ${formatInt(end)}`, ...last].join('; '));
    await page.keyboard.press('Home');
    const first = state.runs[0];
    assert.match(await heard(), new RegExp(`^Iteration 0; ${first.info.name}: `));
    // The digit keys do what a click on the legend does: hide a run, then show it again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('1');
    await settle(page);
    assert.equal(await heard(), `${first.info.name} hidden`);
    await snapCanvas(page, canvas, 'costHidden');
    assert.ok((await differingPixels(page, 'costBefore', 'costHidden')) > 300, 'the first run is no longer drawn');
    await page.keyboard.press('1');
    assert.equal(await heard(), `${first.info.name} shown`);
    await page.keyboard.press('Escape');
    await settle(page);
    await snapCanvas(page, canvas, 'costAfter');
    assert.equal(await differingPixels(page, 'costBefore', 'costAfter'), 0, 'Escape hides the tooltip');
    assert.equal(await heard(), '');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });

  it('the per-layer switch shows activations, gradients and weights over time, from the keyboard, and is kept', async () => {
    const card = page.locator('.card').nth(2);
    const radios = card.locator('.mode-switch [role="radio"]');
    assert.deepEqual(await radios.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-checked'))), [
      'true',
      'false',
      'false',
      'false',
    ]);
    const last = progress(2, TOTAL - 2500, TOTAL);
    assert.ok(last.kind === 'progress' && last.progress.mechanism);
    const signal = last.progress.mechanism.current.layers;
    const he = hexRgb(dark['--vscode-charts-green']);
    const labels = async (): Promise<string[]> =>
      card.locator('.hist canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
    const captions = async (): Promise<string[]> => card.locator('.hist-caption').allInnerTexts();

    await radios.first().focus();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    assert.equal(await radios.nth(1).getAttribute('aria-checked'), 'true');
    assert.equal(
      await page.locator('.card:nth-child(1) .mode-switch [aria-checked="true"]').innerText(),
      'Activations',
      'every card follows',
    );
    (await labels()).forEach((l, i) => {
      const h = signal[i].aHist;
      assert.ok(h, `layer ${i + 1} has an activation histogram`);
      assert.match(l, new RegExp(`activations of layer ${i + 1} .*at iteration ${TOTAL}`));
      assert.ok(l.endsWith(`from ${formatSig(h.min)} to ${formatSig(h.max)}`), l);
    });
    assert.match((await captions())[0], /^A1 · \d+×\d+$/);
    assert.ok((await colorCount(page, '.card:nth-child(3) .hist canvas', he)) > 100, 'bars in the run colour');

    await page.keyboard.press('ArrowRight');
    await settle(page);
    (await labels()).forEach((l, i) => {
      const h = signal[i].dzHist;
      assert.ok(h, `layer ${i + 1} has a gradient histogram`);
      assert.match(l, new RegExp(`gradients dZ of layer ${i + 1}`));
      assert.ok(l.endsWith(`from ${formatSig(h.min)} to ${formatSig(h.max)}`), l);
    });
    assert.match((await captions())[0], /^dZ1 · /);
    await page.locator('vscode-button[aria-label^="Save an image"]').click();

    await radios.nth(2).focus();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    assert.equal(await card.locator('.hist canvas').first().isVisible(), false, 'histograms give way to the bands');
    const bands = card.locator('.band canvas');
    assert.equal(await bands.count(), LAYERS.length - 1);
    const ink = await inkCounts(page, '.card:nth-child(3) .band canvas', darkBg);
    ink.forEach((n, i) => assert.ok(n > 300, `band chart of layer ${i + 1}: ${n} pixels`));
    // The text alternative reads the same percentiles the reducer kept from the snapshots.
    let state = emptyPanelState('');
    for (const m of all) state = reducePanel(state, m);
    const kept = state.runs[2].bands ?? [];
    const median = (k: number, l: number): string => formatSig(kept[k].layers[l]?.[4] ?? NaN, 2);
    const summary = (await bands.first().getAttribute('aria-label')) ?? '';
    assert.ok(
      summary.includes(`median ${median(0, 0)} → ${median(kept.length - 1, 0)}`),
      `${summary} (kept ${kept.length} points)`,
    );
    // Keyboard: the arrow keys walk the iterations with the tooltip.
    const canvas = '.card:nth-child(3) .band canvas';
    await bands.first().focus();
    await snapCanvas(page, canvas, 'bandBefore');
    await page.keyboard.press('End');
    await settle(page);
    await snapCanvas(page, canvas, 'bandTooltip');
    assert.ok((await differingPixels(page, 'bandBefore', 'bandTooltip')) > 300, 'the tooltip shows');
    await page.keyboard.press('Escape');
    await page.locator('vscode-button[aria-label^="Save an image"]').click();
    const pngs = (await posted(page)).filter((m) => m.kind === 'savePng').slice(-2);
    assert.equal(pngs.length, 2);
    assert.notEqual(pngs[0].kind === 'savePng' && pngs[0].dataUrl, pngs[1].kind === 'savePng' && pngs[1].dataUrl);
    const ui = await page.evaluate(() => (window.__fake.state as { webviewUi?: { distribution?: string } }).webviewUi);
    assert.equal(ui?.distribution, 'bands', 'the choice is saved with the state');

    await radios.nth(3).focus();
    await page.keyboard.press('Home');
    await settle(page);
    assert.match((await captions())[0], /^W1 · /);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });

  it('the log-scale toggle changes the chart', async () => {
    await snapCanvas(page, '.cost canvas', 'linear');
    await page.locator('vscode-checkbox').click();
    await settle(page);
    await snapCanvas(page, '.cost canvas', 'log');
    const changed = await differingPixels(page, 'linear', 'log');
    assert.ok(changed > 1000, `${changed} pixels changed`);
    assert.equal(
      await page.locator('vscode-checkbox').evaluate((e) => (e as HTMLElement & { checked: boolean }).checked),
      true,
    );
  });

  it('draws the previous session dashed beside each run, and Clear Previous posts clearHistory', async () => {
    const now = session().reduce(reducePanel, emptyPanelState(''));
    const flat: PreviousRun = {
      curve: [
        [0, 0.25],
        [TOTAL, 0.25],
      ],
      trainAccuracy: 0.5,
      testAccuracy: 0.25,
      finalCost: 0.25,
    };
    assert.equal(await page.locator('vscode-button[aria-label^="Forget the previous"]').isHidden(), true);
    await snapCanvas(page, '.cost canvas', 'without-previous');
    await send(page, [{ kind: 'snapshot', state: { ...now, previous: { [PLANS[0].name]: flat } } }]);
    await settle(page);
    await snapCanvas(page, '.cost canvas', 'with-previous');
    const changed = await differingPixels(page, 'without-previous', 'with-previous');
    assert.ok(changed > 200, `${changed} pixels changed`);
    // The card shows the previous accuracies beside the new ones; only the run with a previous outcome does.
    const lines = await page.$$eval('article.card .previous', (ps) =>
      ps.map((p) => ((p as HTMLElement).hidden ? null : p.textContent)),
    );
    assert.equal(lines[0], `Previous run: train ${formatPercent(0.5)}, test ${formatPercent(0.25)}, final cost 0.25`);
    assert.ok(
      lines.slice(1).every((l) => l === null),
      lines.join(' | '),
    );
    const before = (await posted(page)).length;
    await page.locator('vscode-button[aria-label^="Forget the previous"]').click();
    assert.deepEqual((await posted(page)).slice(before), [{ kind: 'clearHistory' }]);
    await send(page, [{ kind: 'snapshot', state: now }]);
    await settle(page);
  });

  it('plots a sweep: accuracies against the swept value, with its numbers in a table', async () => {
    const now = session().reduce(reducePanel, emptyPanelState(''));
    assert.equal(await page.locator('section.sweeps').isHidden(), true, 'no sweep, no sweep section');
    const values = [0.01, 1, 10];
    const swept: PanelState = {
      ...now,
      runs: now.runs.map((r, i) =>
        i < 3 ? { ...r, info: { ...r.info, sweep: { of: 'normal', key: 'init.std', value: values[i], index: i } } } : r,
      ),
    };
    await send(page, [{ kind: 'snapshot', state: swept }]);
    await settle(page);
    assert.equal(await page.locator('section.sweeps').isVisible(), true);
    assert.equal(await page.locator('section.sweeps h3').textContent(), 'normal: sweep of init.std');
    const rows = await page.$$eval('section.sweeps tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent)),
    );
    assert.deepEqual(
      rows.map((r) => r.slice(0, 3)),
      now.runs
        .slice(0, 3)
        .map((r, i) => [
          String(values[i]),
          formatPercent(r.result?.trainAccuracy ?? NaN),
          formatPercent(r.result?.testAccuracy ?? NaN),
        ]),
    );
    const [ink] = await inkCounts(page, 'section.sweeps canvas', [0, 0, 0], 0);
    assert.ok(ink > 500, `${ink} pixels drawn`);
    // From the keyboard: End reads the largest value's numbers aloud, Enter goes to its run's card.
    await page.locator('section.sweeps canvas').focus();
    await page.keyboard.press('End');
    const third = now.runs[2].result;
    assert.ok(third);
    assert.equal(
      await page.locator('section.sweeps [aria-live]').textContent(),
      [
        'init.std = 10',
        `train accuracy: ${formatPercent(third.trainAccuracy)}`,
        `test accuracy: ${formatPercent(third.testAccuracy)}`,
        `final cost: ${formatCost(third.finalCost)}`,
      ].join('; '),
    );
    await page.keyboard.press('Enter');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      `Run ${now.runs[2].info.name}`,
    );
    await send(page, [{ kind: 'snapshot', state: now }]);
    await settle(page);
    assert.equal(await page.locator('section.sweeps').isHidden(), true);
  });

  it('shows more than six runs as compact cards, with signal flow and weights folded away', async () => {
    const now = session().reduce(reducePanel, emptyPanelState(''));
    const many: PanelState = {
      ...now,
      runs: [...now.runs, ...now.runs].map((r, i) => ({ ...r, info: { ...r.info, name: `${r.info.name} #${i}` } })),
    };
    await send(page, [{ kind: 'snapshot', state: many }]);
    await settle(page);
    assert.equal(await page.locator('section.cards.compact article.card').count(), many.runs.length);
    assert.equal(await page.locator('section.cards article.card .layers').first().isVisible(), false);
    await send(page, [{ kind: 'snapshot', state: now }]);
    await settle(page);
    assert.equal(await page.locator('section.cards.compact').count(), 0);
    assert.equal(await page.locator('section.cards article.card .layers').first().isVisible(), true);
  });

  it('buttons post the right messages, also from the keyboard', async () => {
    const before = (await posted(page)).length;
    await page.locator('vscode-button[aria-label="Run the experiment again"]').click();
    await page.locator('vscode-button[aria-label="Export the results as JSON"]').click();
    await page.locator('vscode-button[aria-label="Export the cost curves as CSV"]').click();
    await page.locator('.file-link').click();
    await page.locator('vscode-button[aria-label="Run the experiment again"]').focus();
    await page.keyboard.press('Enter');
    // Stop is disabled once training is over: a click does nothing.
    assert.equal(
      await page
        .locator('vscode-button[aria-label="Stop training"]')
        .evaluate((e) => (e as HTMLElement & { disabled: boolean }).disabled),
      true,
    );
    await page.locator('vscode-button[aria-label="Stop training"]').dispatchEvent('click');
    await page.locator('vscode-button[aria-label^="Save an image"]').click();
    const msgs = (await posted(page)).slice(before);
    assert.deepEqual(msgs.slice(0, 5), [
      { kind: 'rerun' },
      { kind: 'export', format: 'json' },
      { kind: 'export', format: 'csv' },
      { kind: 'openFile' },
      { kind: 'rerun' },
    ]);
    assert.equal(msgs.length, 6);
    const png = msgs[5];
    assert.ok(png.kind === 'savePng');
    // The host names the file (exporters.exportFileName); the page sends only the image.
    assert.deepEqual(Object.keys(png).sort(), ['dataUrl', 'kind']);
    assert.ok(png.dataUrl.startsWith('data:image/png;base64,'));
    const bytes = Buffer.from(png.dataUrl.slice('data:image/png;base64,'.length), 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.length > 20_000, `PNG of ${bytes.length} bytes`);
    writeFileSync(join(RESULTS, 'webview-export.png'), bytes);
    // The signal-flow charts are in it: the He run's green z line under its boundary (the only green down there).
    const green = await page.evaluate(
      async ([url, rgb]) => {
        const img = new Image();
        img.src = url;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d');
        if (!ctx) return -1;
        ctx.drawImage(img, 0, 0);
        // Run 2's column below the cost chart and the run names: the boundaries there are blue and orange only.
        const x0 = Math.round(c.width * (2 / 3)),
          y0 = Math.round(c.height * 0.3);
        const d = ctx.getImageData(x0, y0, c.width - x0, c.height - y0).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) <= 30) n++;
        }
        return n;
      },
      [png.dataUrl, hexRgb(dark['--vscode-charts-green'])] as const,
    );
    assert.ok(green > 200, `${green} green pixels of the He run's signal flow in the PNG`);
  });

  it('the toolbar is one tab stop: arrow keys, Home and End move between its enabled buttons, with codicons', async () => {
    const stops = await page.$$eval('[role="toolbar"] vscode-button', (bs) =>
      bs.map((b) => (b as HTMLElement).tabIndex),
    );
    assert.equal(stops.filter((t) => t === 0).length, 1, `tab stops: ${stops.join(',')}`);
    await page.locator('vscode-button[aria-label="Run the experiment again"]').focus();
    const focused = (): Promise<string | null> =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'Export the results as JSON');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), 'Run the experiment again');
    // Stop is disabled once training is over, so Left from Re-run wraps to the last enabled button.
    await page.keyboard.press('ArrowLeft');
    assert.match((await focused()) ?? '', /^Save an image/);
    await page.keyboard.press('Home');
    assert.equal(await focused(), 'Run the experiment again');
    const icons = await page.$$eval('[role="toolbar"] vscode-button', (bs) => bs.map((b) => b.getAttribute('icon')));
    assert.ok(
      icons.every((i) => i !== null && i !== ''),
      `buttons without an icon: ${icons.join(',')}`,
    );
    // The codicon font was served and applied inside the button's shadow root.
    const font = await page.locator('vscode-button[icon="refresh"]').evaluate((b) => {
      const icon = b.shadowRoot?.querySelector('vscode-icon')?.shadowRoot?.querySelector('.codicon');
      return icon ? getComputedStyle(icon).fontFamily : '';
    });
    assert.match(font, /codicon/);
  });

  it('ignores invalid messages', async () => {
    const f0 = await frames(page);
    const warnings: string[] = [];
    const onConsole = (m: { type(): string; text(): string }): void => {
      if (m.type() === 'warning') warnings.push(m.text());
    };
    page.on('console', onConsole);
    await page.evaluate(() => {
      window.postMessage({ kind: 'progress', progress: { runIndex: 0 } }, '*');
      window.postMessage({ kind: 'status', status: 'exploded', message: '' }, '*');
      window.postMessage({ kind: 'nonsense' }, '*');
      window.postMessage('hello', '*');
    });
    await settle(page);
    page.off('console', onConsole);
    assert.equal(await frames(page), f0);
    assert.equal(warnings.filter((w) => w.includes('ignored an invalid message')).length, 4);
    assert.equal(await page.locator('.status-pill').innerText(), 'Done');
  });

  it('re-reads colours when the theme changes, and looks right in dark and light', async () => {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await page.screenshot({ path: join(RESULTS, 'webview-dark.png'), fullPage: true });
    await snapCanvas(page, '.card:nth-child(3) .heatmap-image', 'heatDark');
    await page.evaluate(() => window.__setTheme('light'));
    await settle(page);
    const light = THEMES.light.vars;
    await snapCanvas(page, '.card:nth-child(3) .heatmap-image', 'heatLight');
    const recoloured = await differingPixels(page, 'heatDark', 'heatLight');
    assert.ok(recoloured > 5000, `heatmap recoloured: ${recoloured} of 10000 pixels`);
    const green = await colorCount(page, '.cost canvas', hexRgb(light['--vscode-charts-green']), 20);
    assert.ok(green > 150, `He curve in the light theme's green: ${green}`);
    const barsLight = await colorCount(
      page,
      '.card:nth-child(3) .hist canvas',
      hexRgb(light['--vscode-charts-green']),
      20,
    );
    assert.ok(barsLight > 200, `He histogram bars in the light theme's green: ${barsLight}`);
    const zerosLight = await inkCounts(page, '.heatmap-image', hexRgb(light['--vscode-editor-background']), 24);
    assert.equal(zerosLight[0], 0);
    await page.screenshot({ path: join(RESULTS, 'webview-light.png'), fullPage: true });
    await page.evaluate(() => window.__setTheme('dark'));
    await settle(page);
  });

  it('stays readable at a narrow width', async () => {
    await page.setViewportSize({ width: 380, height: 900 });
    await settle(page);
    await new Promise((r) => setTimeout(r, 100));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    const widths = await page.$$eval('.card', (cs) => cs.map((c) => c.getBoundingClientRect().width));
    widths.forEach((w) => assert.ok(w <= 380 && w > 300, `card width ${w}`));
    await page.screenshot({ path: join(RESULTS, 'webview-narrow.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    await settle(page);
  });

  it('persisted its state and a reload restores it from getState', async () => {
    await new Promise((r) => setTimeout(r, 150));
    const saved = await page.evaluate(() => ({ state: window.__fake.state, calls: window.__fake.setStateCalls }));
    assert.ok(saved.calls >= 1);
    const s = saved.state as PanelState & { webviewUi?: { logScale: boolean } };
    assert.equal(s.status, 'done');
    assert.equal(s.runs.length, PLANS.length);
    assert.deepEqual(
      s.runs.map((r) => r.result?.verdict.kind),
      ['symmetry', 'exploding', 'learnsWell', 'diverged'],
    );
    assert.equal(s.webviewUi?.logScale, true);
    const verdicts = s.runs.map((r) => r.result?.verdict.text ?? '');

    fixture.setInitialState(saved.state);
    const errorsBefore = consoleErrors.length;
    await page.reload();
    await page.waitForFunction(() => window.__fake.posted.length > 0);
    await settle(page);
    assert.deepEqual(await posted(page), [{ kind: 'ready' }]);
    const texts = await cardTexts(page);
    assert.equal(texts.length, PLANS.length);
    verdicts.forEach((v, i) => assert.ok(texts[i].includes(v), `restored verdict ${i}`));
    const heat = await inkCounts(page, '.heatmap-image', darkBg, 24);
    assert.ok(heat[2] > 2000);
    const hist = await inkCounts(page, '.hist canvas', darkBg);
    hist.forEach((n) => assert.ok(n > 100));
    const [costInk] = await inkCounts(page, '.cost canvas', darkBg);
    assert.ok(costInk > 2000);
    assert.equal(
      await page.locator('vscode-checkbox').evaluate((e) => (e as HTMLElement & { checked: boolean }).checked),
      true,
    );
    assert.equal(consoleErrors.length, errorsBefore);
  });

  it('reported no CSP violation and logged no console error', async () => {
    const msgs = await posted(page);
    assert.deepEqual(
      msgs.filter((m) => m.kind === 'cspViolation'),
      [],
    );
    assert.deepEqual(consoleErrors, []);
    // The reporter itself works: an inline style attribute is blocked by the CSP and reported.
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.innerHTML = '<span style="color: red">x</span>';
      document.body.appendChild(d);
    });
    await page.waitForFunction(() => window.__fake.posted.some((m) => m.kind === 'cspViolation'));
    const v = (await posted(page)).find((m) => m.kind === 'cspViolation');
    assert.ok(v && v.kind === 'cspViolation' && v.directive.startsWith('style-src'));
  });

  it('leaves a screenshot of each theme in test-results/', () => {
    for (const theme of ['dark', 'light']) assert.ok(statSync(join(RESULTS, `webview-${theme}.png`)).size > 10_000);
  });
});
