// Composes one PNG of the panel's results (cost chart, every run's boundary and signal flow) for the host's save dialog.
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

export function composePng(
  state: PanelState,
  chart: CostChart,
  heatmaps: readonly Heatmap[],
  theme: Theme,
  signals: readonly SignalFlowChart[] = [],
): string {
  const scale = 2;
  const cell = Math.floor((WIDTH - PAD * (PER_ROW + 1)) / PER_ROW);
  const rows = Math.ceil(heatmaps.length / PER_ROW);
  // Keep the chart's on-screen aspect ratio.
  const chartH = Math.round(((WIDTH - 2 * PAD) * chart.canvas.height) / Math.max(1, chart.canvas.width));
  // Each run's signal-flow chart goes under its boundary, keeping the on-screen aspect ratio of the first one.
  const drawn = signals.find((sg) => sg.hasData && sg.canvas.width > 0);
  const signalH = drawn ? Math.round((cell * drawn.canvas.height) / Math.max(1, drawn.canvas.width)) : 0;
  const cellH = cell + 64 + (signalH ? signalH + 8 : 0);
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
