// The CLI's HTML report in headless Chromium: every chart drawn, no request leaves the page, numbers equal `--json`.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from '../harness/install';
import { ROOT } from '../paths';

/** Small but complete: a symmetric run, a two-value std sweep (one vanishing, one learning) and He. */
const EXPERIMENT = {
  name: 'Report test: zeros, a std sweep and He',
  description: 'What to look for: zeros stays at 0.693; std 0.01 barely moves; He learns.',
  dataset: {
    kind: 'circles',
    train: { samples: 120, noise: 0.05, seed: 1 },
    test: { samples: 60, noise: 0.05, seed: 2 },
  },
  network: { layers: [2, 8, 4, 1], hiddenActivation: 'relu' },
  training: { learningRate: 0.05, iterations: 1500, logEvery: 100, loss: 'notebook' },
  runs: [
    { name: 'zeros', init: { scheme: 'zeros' } },
    { name: 'normal', init: { scheme: 'normal' }, seed: 3, sweep: { 'init.std': [0.01, 1] } },
    { name: 'He', init: { scheme: 'he' }, seed: 3 },
  ],
};

interface CliRun {
  name: string;
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: number | string;
}

describe('HTML report (dist/cli.js report) in Chromium', function () {
  this.timeout(120_000);
  let dir: string;
  let browser: Browser;
  let page: Page;
  let cli: CliRun[];
  const blocked: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'initlab-report-'));
    const file = join(dir, 'report.initexp.json');
    writeFileSync(file, JSON.stringify(EXPERIMENT, null, 2));
    const cliPath = join(ROOT, 'dist', 'cli.js');
    execFileSync(process.execPath, [cliPath, 'report', file, '--out', join(dir, 'report.html')], { stdio: 'pipe' });
    execFileSync(process.execPath, [cliPath, 'run', file, '--json', join(dir, 'results.json')], { stdio: 'pipe' });
    cli = (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { runs: CliRun[] }).runs;
    browser = await chromium.launch({ executablePath: await ensureChromium(), args: ['--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const url = `file://${join(dir, 'report.html')}`;
    // Everything but the document itself is refused and recorded: a self-contained report asks for nothing.
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    await page.goto(url);
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('makes no request beyond the document', () => {
    assert.deepEqual(blocked, []);
  });

  it('has one summary row per run with the accuracies and final cost of `run --json`', async () => {
    const rows = await page.$$eval('table.summary tbody tr', (trs) =>
      trs.map((tr) => ({
        name: tr.children[0].textContent?.trim(),
        values: [...tr.querySelectorAll('td[data-value]')].map((td) => td.getAttribute('data-value')),
      })),
    );
    assert.deepEqual(
      rows.map((r) => r.name),
      ['zeros', 'normal: std = 0.01', 'normal: std = 1', 'He'],
    );
    assert.deepEqual(
      rows.map((r) => r.name),
      cli.map((r) => r.name),
    );
    rows.forEach((r, i) =>
      assert.deepEqual(r.values, [String(cli[i].trainAccuracy), String(cli[i].testAccuracy), String(cli[i].finalCost)]),
    );
  });

  it('draws every chart: cost curves, the sweep, a boundary and a histogram per layer for each run', async () => {
    const kinds = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getAttribute('data-chart')));
    const count = (k: string): number => kinds.filter((x) => x === k).length;
    assert.equal(count('cost'), 1);
    assert.equal(count('sweep'), 1);
    assert.equal(count('boundary'), 4);
    assert.equal(count('histogram'), 4 * 3);
    // Signal flow for every run (zeros draws only its output gradient: every z is 0).
    assert.equal(count('signal'), 4);
    // Non-blank: each chart's own pixels, rendered by Chromium, hold more than a frame's worth of ink.
    const charts = await page.$$('svg.chart');
    for (const [i, chart] of charts.entries()) {
      const png = (await chart.screenshot()).toString('base64');
      const ink = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        if (!ctx) return 0;
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let k = 0; k < d.length; k += 4) if (d[k] + d[k + 1] + d[k + 2] < 600) n++;
        return n / (c.width * c.height);
      }, png);
      assert.ok(ink > 0.01, `chart ${i} (${kinds[i]}) is blank: ${(100 * ink).toFixed(2)} % ink`);
    }
  });

  it('gives every chart a title and a text description, and reproduces the experiment file', async () => {
    const texts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((s) => [s.querySelector('title')?.textContent ?? '', s.querySelector('desc')?.textContent ?? '']),
    );
    for (const [title, desc] of texts) assert.ok(title.length > 5 && desc.length > 5, `${title} / ${desc}`);
    const source = await page.textContent('pre.source');
    assert.deepEqual(JSON.parse(source ?? ''), EXPERIMENT);
  });

  it('embeds each boundary as a data: URL bitmap inside its SVG', async () => {
    const sizes = await page.$$eval('svg[data-chart="boundary"] image', (imgs) =>
      imgs.map((i) => i.getAttribute('href')?.slice(0, 22)),
    );
    assert.deepEqual(sizes, Array(4).fill('data:image/bmp;base64,'));
  });
});
