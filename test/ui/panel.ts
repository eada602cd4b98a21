// Reads an Init Lab panel from inside its webview (two iframes deep): status, cards, texts and canvas pixels.
import type { Frame, Page } from 'playwright-core';

/** Pixels of one canvas: how many are painted at all, and how many are close to a given series colour. */
export interface CanvasPixels {
  width: number;
  height: number;
  painted: number;
  /** Pixels within a small distance of the run's colour (its bars, its curve). */
  inRunColour: number;
  colours: number;
}

export interface CardReport {
  name: string;
  trainAccuracy: string;
  testAccuracy: string;
  iteration: string;
  heatmap: CanvasPixels;
  points: CanvasPixels;
  histograms: CanvasPixels[];
  /** The run's curve in the shared cost chart. */
  costCurve: CanvasPixels;
}

export interface PanelReport {
  status: string;
  file: string;
  cards: CardReport[];
}

/** The innermost frame of the panel whose header names `fileName` (hidden panels have no live frame). */
export async function findPanelFrame(page: Page, fileName: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame
        .evaluate(
          (name) => (document.querySelector('.panel-header .file-link')?.textContent ?? '').includes(name),
          fileName,
        )
        .catch(() => false);
      if (found) return frame;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no Init Lab panel for ${fileName} appeared within ${timeoutMs} ms`);
}

/** For a failure report: every frame's URL and what its page holds (an empty #app is a page that never drew). */
export async function describeFrames(page: Page): Promise<{ url: string; title: string; app: string }[]> {
  return Promise.all(
    page.frames().map(async (frame) => ({
      url: frame.url(),
      title: await frame.title().catch(() => '?'),
      app: await frame
        .evaluate(() => {
          const app = document.getElementById('app');
          return app ? `#app: ${app.childElementCount} children, ${app.textContent?.length ?? 0} chars` : 'no #app';
        })
        .catch((e: unknown) => `unreadable: ${String(e)}`),
    })),
  );
}

/** tsx compiles this file with esbuild's keepNames, which wraps inner functions in a `__name` helper the page lacks. */
const NAME_SHIM = 'globalThis.__name ??= (f) => f';

/**
 * What the panel shows; `reveal`: a selector scrolled into view first, as a user scrolls to it (parts out of view
 * are drawn once they are seen, webview/pacedDraw.ts, so a later reading finds them drawn).
 */
export async function readPanel(frame: Frame, reveal?: string): Promise<PanelReport> {
  await frame.evaluate(NAME_SHIM);
  if (reveal) await frame.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'nearest' }), reveal);
  return frame.evaluate(() => {
    const rgb = (css: string): [number, number, number] | null => {
      const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
    };
    const pixels = (c: HTMLCanvasElement | null, colour: [number, number, number] | null) => {
      const empty = { width: c?.width ?? 0, height: c?.height ?? 0, painted: 0, inRunColour: 0, colours: 0 };
      const ctx = c && c.width > 0 && c.height > 0 ? c.getContext('2d') : null;
      if (!c || !ctx) return empty;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      let painted = 0;
      let inRunColour = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        painted++;
        if (seen.size < 256) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        if (colour && Math.abs(d[i] - colour[0]) + Math.abs(d[i + 1] - colour[1]) + Math.abs(d[i + 2] - colour[2]) < 24)
          inRunColour++;
      }
      return { ...empty, painted, inRunColour, colours: seen.size };
    };
    const costCanvas = document.querySelector<HTMLCanvasElement>('.cost-canvas canvas');
    const cards = [...document.querySelectorAll<HTMLElement>('article.card')].map((card) => {
      const colour = rgb(getComputedStyle(card.querySelector('.swatch') ?? card).backgroundColor);
      const acc = [...card.querySelectorAll('.stats dd.acc')].map((e) => (e.textContent ?? '').trim());
      const nums = [...card.querySelectorAll('.stats dd.num')].map((e) => (e.textContent ?? '').trim());
      return {
        name: (card.querySelector('.run-name')?.textContent ?? '').trim(),
        trainAccuracy: acc[0] ?? '',
        testAccuracy: acc[1] ?? '',
        iteration: nums[nums.length - 1] ?? '',
        heatmap: pixels(card.querySelector('canvas.heatmap-image'), null),
        points: pixels(card.querySelector('canvas.heatmap-overlay'), null),
        histograms: [...card.querySelectorAll<HTMLCanvasElement>('.hist-canvas canvas')].map((c) => pixels(c, colour)),
        costCurve: pixels(costCanvas, colour),
      };
    });
    return {
      status: document.querySelector<HTMLElement>('.status-pill')?.dataset.status ?? '',
      file: (document.querySelector('.panel-header .file-link')?.textContent ?? '').trim(),
      cards,
    };
  });
}

/**
 * Polls the panel until `done(report)` holds, scrolling `reveal` into view before each reading; returns the last
 * report either way for the assertion message.
 */
export async function waitForPanel(
  frame: Frame,
  done: (r: PanelReport) => boolean,
  timeoutMs: number,
  reveal?: string,
): Promise<PanelReport> {
  const deadline = Date.now() + timeoutMs;
  let report = await readPanel(frame, reveal);
  while (!done(report) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    report = await readPanel(frame, reveal);
  }
  return report;
}

/** A card's per-layer charts are all drawn in its run's colour (none yet counts as not drawn). */
export function histogramsDrawn(card: CardReport | undefined): boolean {
  return !!card && card.histograms.length > 0 && card.histograms.every((h) => h.inRunColour > 20);
}

/**
 * Scrolls to each card's per-layer charts in turn until they are drawn, then back to the top; returns the report
 * of the whole panel then (the charts keep their pixels when scrolled away).
 */
export async function revealCards(frame: Frame, runs: number, timeoutMs: number): Promise<PanelReport> {
  for (let k = 0; k < runs; k++) {
    await waitForPanel(
      frame,
      (r) => histogramsDrawn(r.cards[k]),
      timeoutMs,
      `article.card:nth-of-type(${k + 1}) .layers`,
    );
  }
  return readPanel(frame, '.panel-header');
}
