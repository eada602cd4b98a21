// The panel's main-thread cost per live update: the built webview in headless Chromium, fed the notebook's three runs
// at 15 snapshots/s each, timed through the DevTools protocol (Performance.getMetrics). Run alone or from bench.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { HostToWebview } from '../src/shared/protocol';
import { ensureChromium } from '../test/harness/install';
import { TOTAL, initialState, progress } from '../test/webview/fixtureData';
import { startFixture } from '../test/webview/fixtureServer';

const ROOT = resolve(__dirname, '..');
/** The notebook's three runs (the fixture's fourth diverges on purpose). */
const RUNS = 3;
const PER_SECOND = 15;
const SECONDS = 8;

/** A laptop-sized panel (the cards' lower parts scrolled away), and one tall enough to show every chart at once. */
export const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 1280, height: 2400 },
] as const;

export interface WebviewBench {
  viewport: { width: number; height: number };
  messages: number;
  frames: number;
  /** Main-thread task time (script, style, layout, paint) per progress message and per drawn frame, ms. */
  perMessageMs: number;
  perFrameMs: number;
  scriptPerFrameMs: number;
  layoutPerFrameMs: number;
  /** Main-thread task time over the wall time of the stream. */
  busyShare: number;
  /** Over repeated runs: the least and greatest time per message, and how many runs. */
  range?: [number, number, number];
}

/** Progress messages as a live session sends them: every run advances a little per snapshot, interleaved. */
function stream(): HostToWebview[] {
  const steps = PER_SECOND * SECONDS;
  const out: HostToWebview[] = [];
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < RUNS; i++)
      out.push(progress(i, Math.floor((s * TOTAL) / steps), Math.floor(((s + 1) * TOTAL) / steps)));
  }
  return out;
}

export async function benchWebview(viewport: { width: number; height: number } = VIEWPORTS[0]): Promise<WebviewBench> {
  if (!existsSync(join(ROOT, 'dist', 'webview.js'))) throw new Error('dist/webview.js is missing: run npm run build');
  const fixture = await startFixture(ROOT, 'dark');
  const browser = await chromium.launch({
    executablePath: await ensureChromium(),
    headless: true,
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport });
    await page.goto(fixture.url);
    await page.waitForFunction(() => document.body.dataset.frames !== undefined || document.readyState === 'complete');
    const state = initialState();
    const snapshot: HostToWebview = { kind: 'snapshot', state: { ...state, runs: state.runs.slice(0, RUNS) } };
    await page.evaluate((m) => window.postMessage(m, '*'), snapshot);
    const msgs = stream();
    // Into the page first, so the timed part has no DevTools round trips per message.
    await page.evaluate((ms) => ((window as unknown as { __msgs: unknown[] }).__msgs = ms), msgs);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m: { name: string; value: number }) => [
          m.name,
          m.value,
        ]),
      );
    const frames0 = await page.evaluate(() => Number(document.body.dataset.frames ?? '0'));
    const before = await metrics();
    const wall0 = Date.now();
    await page.evaluate(
      ([interval]) =>
        new Promise<void>((done) => {
          const all = (window as unknown as { __msgs: unknown[] }).__msgs;
          let k = 0;
          const timer = setInterval(() => {
            window.postMessage(all[k++], '*');
            if (k === all.length) {
              clearInterval(timer);
              requestAnimationFrame(() => requestAnimationFrame(() => done()));
            }
          }, interval);
        }),
      [1000 / (PER_SECOND * RUNS)] as const,
    );
    const after = await metrics();
    const wallMs = Date.now() - wall0;
    const frames = (await page.evaluate(() => Number(document.body.dataset.frames ?? '0'))) - frames0;
    const d = (name: string): number => 1000 * (after[name] - before[name]);
    return {
      viewport,
      messages: msgs.length,
      frames,
      perMessageMs: d('TaskDuration') / msgs.length,
      perFrameMs: d('TaskDuration') / Math.max(1, frames),
      scriptPerFrameMs: d('ScriptDuration') / Math.max(1, frames),
      layoutPerFrameMs: (d('LayoutDuration') + d('RecalcStyleDuration')) / Math.max(1, frames),
      busyShare: d('TaskDuration') / wallMs,
    };
  } finally {
    await browser.close();
    await fixture.close();
  }
}

export function webviewTable(rows: readonly WebviewBench[]): string[] {
  return [
    `| webview, ${RUNS} runs × ${PER_SECOND} updates/s, ${SECONDS} s | viewport | messages | frames drawn | main thread per message (median; range) | per frame (script / style+layout) | main thread busy |`,
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (b) =>
        `| notebook fixture | ${b.viewport.width}×${b.viewport.height} | ${b.messages} | ${b.frames} | ` +
        `${b.perMessageMs.toFixed(2)} ms${b.range ? ` (${b.range[0].toFixed(2)}–${b.range[1].toFixed(2)}, ${b.range[2]} runs)` : ''} | ` +
        `${b.perFrameMs.toFixed(2)} ms (${b.scriptPerFrameMs.toFixed(2)} / ${b.layoutPerFrameMs.toFixed(2)}) | ` +
        `${(100 * b.busyShare).toFixed(0)} % |`,
    ),
  ];
}

/**
 * Every viewport of VIEWPORTS, `reps` times in turn (BENCH_WEBVIEW_REPS, default 3: one 8 s stream moves by ±10 % on a
 * shared machine); for each viewport the run with the median time per message, and the range over all.
 */
export async function benchWebviewViewports(
  reps = Number(process.env.BENCH_WEBVIEW_REPS ?? 3),
): Promise<WebviewBench[]> {
  const runs: WebviewBench[][] = VIEWPORTS.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (const [i, v] of VIEWPORTS.entries()) runs[i].push(await benchWebview(v));
  }
  return runs.map((all) => {
    const sorted = [...all].sort((a, b) => a.perMessageMs - b.perMessageMs);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const range: [number, number, number] = [
      sorted[0].perMessageMs,
      sorted[sorted.length - 1].perMessageMs,
      all.length,
    ];
    return { ...median, range };
  });
}

if (require.main === module) {
  void benchWebviewViewports().then(
    (b) => console.log(webviewTable(b).join('\n')),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
