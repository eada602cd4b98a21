// Composes one PNG of the panel's results (cost chart; every run's boundary, signal flow and per-layer charts in the
// mode shown) for the host's save dialog.
import * as l10n from '@vscode/l10n';
import type { PanelState } from '../src/shared/protocol';
import type { CostChart } from './costChart';
import { formatCost, formatPercent } from './format';
import type { Heatmap } from './heatmap';
import { paintHeatmap } from './heatmap';
import type { SignalFlowChart } from './signalFlow';
import type { Theme } from './theme';
import { seriesColor } from './theme';

const WIDTH = 1100;
const PAD = 24;
const PER_ROW = 3;
/** Per-layer charts side by side under a run's boundary; more wrap to the next line. */
const LAYERS_PER_ROW = 4;
const LAYER_GAP = 6;

/** Room for a per-layer chart's caption above it. */
const CAPTION_H = 14;

/** One small per-layer chart and its caption (e.g. "W1 · 10×2"). */
export interface LayerFigure {
  canvas: HTMLCanvasElement;
  caption: string;
}

/** Where the per-layer charts of a cell `cell` wide go: their size and how many lines they take. */
function layerGrid(figures: readonly LayerFigure[], cell: number): { w: number; h: number; lines: number } {
  const drawn = figures.find((f) => f.canvas.width > 0 && f.canvas.height > 0)?.canvas;
  if (!drawn) return { w: 0, h: 0, lines: 0 };
  const perRow = Math.min(LAYERS_PER_ROW, figures.length);
  const w = (cell - LAYER_GAP * (perRow - 1)) / perRow;
  return { w, h: CAPTION_H + Math.round((w * drawn.height) / drawn.width), lines: Math.ceil(figures.length / perRow) };
}

export function composePng(
  state: PanelState,
  chart: CostChart,
  heatmaps: readonly Heatmap[],
  theme: Theme,
  signals: readonly SignalFlowChart[] = [],
  layerCharts: readonly (readonly LayerFigure[])[] = [],
): string {
  const scale = 2;
  const cell = Math.floor((WIDTH - PAD * (PER_ROW + 1)) / PER_ROW);
  const rows = Math.ceil(heatmaps.length / PER_ROW);
  // Keep the chart's on-screen aspect ratio.
  const chartH = Math.round(((WIDTH - 2 * PAD) * chart.canvas.height) / Math.max(1, chart.canvas.width));
  // Each run's signal-flow chart goes under its boundary, keeping the on-screen aspect ratio of the first one.
  const drawn = signals.find((sg) => sg.hasData && sg.canvas.width > 0);
  const signalH = drawn ? Math.round((cell * drawn.canvas.height) / Math.max(1, drawn.canvas.width)) : 0;
  const grids = layerCharts.map((c) => layerGrid(c, cell));
  const layersH = Math.max(0, ...grids.map((g) => (g.lines ? g.lines * (g.h + LAYER_GAP) + 8 : 0)));
  const cellH = cell + 64 + (signalH ? signalH + 8 : 0) + layersH;
  const height = PAD + 30 + chartH + PAD + rows * (cellH + PAD);
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.scale(scale, scale);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = theme.foreground;
  ctx.textBaseline = 'top';
  ctx.font = `600 18px ${theme.fontFamily}`;
  ctx.fillText(state.experimentName || state.file, PAD, PAD);
  chart.paint(ctx, PAD, PAD + 30, WIDTH - 2 * PAD, chartH);
  heatmaps.forEach((h, i) => {
    const run = state.runs[i];
    if (!run) return;
    const x = PAD + (i % PER_ROW) * (cell + PAD);
    const y = PAD + 30 + chartH + PAD + Math.floor(i / PER_ROW) * (cellH + PAD);
    ctx.fillStyle = seriesColor(theme, i);
    ctx.fillRect(x, y + 4, 10, 10);
    ctx.fillStyle = theme.foreground;
    ctx.font = `600 14px ${theme.fontFamily}`;
    ctx.fillText(run.info.name, x + 16, y + 2);
    paintHeatmap(ctx, h, x, y + 24, cell);
    ctx.font = `12px ${theme.fontFamily}`;
    ctx.fillStyle = theme.muted;
    const r = run.result;
    const line = r
      ? l10n.t(
          'train {0} · test {1} · cost {2}',
          formatPercent(r.trainAccuracy),
          formatPercent(r.testAccuracy),
          formatCost(r.finalCost),
        )
      : l10n.t('iteration {0}', run.iteration);
    ctx.fillText(line, x, y + 30 + cell);
    if (r) {
      ctx.fillStyle = theme.foreground;
      ctx.fillText(fit(ctx, r.verdict.text, cell), x, y + 46 + cell);
    }
    if (signalH) signals[i]?.paint(ctx, x, y + 64 + cell, cell, signalH);
    const g = grids[i];
    const top = y + 64 + cell + (signalH ? signalH + 8 : 0) + 8;
    ctx.font = `11px ${theme.fontFamily}`;
    ctx.fillStyle = theme.muted;
    layerCharts[i]?.forEach(({ canvas: c, caption }, l) => {
      if (!g || c.width === 0 || c.height === 0) return;
      const perRow = Math.min(LAYERS_PER_ROW, layerCharts[i].length);
      const lx = x + (l % perRow) * (g.w + LAYER_GAP);
      const ly = top + Math.floor(l / perRow) * (g.h + LAYER_GAP);
      ctx.fillText(fit(ctx, caption, g.w), lx, ly);
      ctx.drawImage(c, lx, ly + CAPTION_H, g.w, g.h - CAPTION_H);
    });
  });
  return canvas.toDataURL('image/png');
}

/** Truncates text with an ellipsis to fit `width` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0,
    hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}
