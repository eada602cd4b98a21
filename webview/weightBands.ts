// Each layer's weights over the run as nested percentile bands (TensorBoard's "distributions"): how the spread of
// W[l] moved from its initialization while training.
import * as l10n from '@vscode/l10n';
import { BAND_PERCENTILES } from '../src/shared/protocol';
import type { BandPoint, LayerSnapshot } from '../src/shared/protocol';
import { el, setText } from './dom';
import { formatInt, formatSig } from './format';
import type { Theme } from './theme';
import { withAlpha } from './theme';
import { XyChart, type XySeries } from './xyChart';

const MEDIAN = BAND_PERCENTILES.indexOf(50);

/** Opacity of the band between percentile k−1 and k: darkest around the median, as the normal's density is. */
function bandAlpha(k: number): number {
  const fromMedian = k <= MEDIAN ? MEDIAN - k : k - 1 - MEDIAN;
  return [0.5, 0.34, 0.2, 0.1][Math.min(3, fromMedian)];
}

function percentileName(k: number): string {
  const p = BAND_PERCENTILES[k];
  if (p === 0) return l10n.t('min');
  if (p === 100) return l10n.t('max');
  if (p === 50) return l10n.t('median');
  return `p${p}`;
}

const range = (q: number[] | null | undefined, lo: number, hi: number): string =>
  q ? `[${formatSig(q[lo], 2)}, ${formatSig(q[hi], 2)}]` : '—';

/** The text alternative of one layer's bands: how its median, middle 68 % and range moved. */
export function bandSummary(bands: readonly BandPoint[], index: number, layer: number): string {
  const first = bands.find((b) => b.layers[index]);
  const last = [...bands].reverse().find((b) => b.layers[index]);
  if (!first || !last) return l10n.t('Weights of layer {0} over time: no finite weights yet', layer);
  const a = first.layers[index] ?? null;
  const b = last.layers[index] ?? null;
  const inner = BAND_PERCENTILES.indexOf(15.87);
  const outer = BAND_PERCENTILES.indexOf(84.13);
  return l10n.t(
    'Percentiles of the weights of layer {0} from iteration {1} to {2}: median {3} → {4}, middle 68 % {5} → {6}, range {7} → {8}',
    layer,
    formatInt(first.iteration),
    formatInt(last.iteration),
    formatSig(a?.[MEDIAN] ?? NaN, 2),
    formatSig(b?.[MEDIAN] ?? NaN, 2),
    range(a, inner, outer),
    range(b, inner, outer),
    range(a, 0, BAND_PERCENTILES.length - 1),
    range(b, 0, BAND_PERCENTILES.length - 1),
  );
}

interface LayerBand {
  caption: HTMLElement;
  chart: XyChart;
  /** The layer's percentiles per band point (NaN where the layer had no finite weights). */
  columns: number[][];
  iterations: number[];
}

export class WeightBands {
  readonly root: HTMLElement;
  private charts: LayerBand[] = [];
  private shown: readonly BandPoint[] | null = null;
  private theme: Theme;
  private color: string;

  constructor(theme: Theme, color: string) {
    this.theme = theme;
    this.color = color;
    this.root = el('div', { className: 'histograms bands' });
    this.root.hidden = true;
  }

  get canvases(): HTMLCanvasElement[] {
    return this.charts.map((c) => c.chart.canvas);
  }

  update(bands: readonly BandPoint[], layers: readonly LayerSnapshot[]): void {
    if (bands === this.shown && this.charts.length === layers.length) return;
    this.shown = bands;
    while (this.charts.length > layers.length) this.charts.pop()?.chart.destroy();
    while (this.root.children.length > this.charts.length) this.root.lastElementChild?.remove();
    layers.forEach((snap, i) => {
      const lb = this.charts[i] ?? this.add();
      lb.iterations = bands.map((b) => b.iteration);
      lb.columns = BAND_PERCENTILES.map((_, k) => bands.map((b) => b.layers[i]?.[k] ?? NaN));
      this.draw(lb);
      setText(lb.caption, `W${snap.layer} · ${l10n.t('percentiles')}`);
      lb.chart.canvas.setAttribute('aria-label', bandSummary(bands, i, snap.layer));
    });
  }

  invalidate(): void {
    this.shown = null;
  }

  setTheme(theme: Theme, color: string): void {
    this.theme = theme;
    this.color = color;
    for (const lb of this.charts) {
      lb.chart.setTheme(theme);
      this.draw(lb);
    }
  }

  destroy(): void {
    for (const lb of this.charts) lb.chart.destroy();
    this.charts = [];
  }

  private add(): LayerBand {
    const caption = el('div', { className: 'hist-caption' });
    const chart = new XyChart(
      {
        xTitle: '',
        yTitle: '',
        legend: false,
        maxXTicks: 3,
        maxYTicks: 3,
        xTick: formatInt,
        yTick: (v) => formatSig(v, 2),
        title: (x) => l10n.t('iteration {0}', formatInt(x)),
        value: (v) => formatSig(v, 3),
        // Highest percentile first, as the bands stack on screen.
        tooltipReversed: true,
      },
      this.theme,
      '',
    );
    this.root.appendChild(
      el('figure', { className: 'band' }, [
        caption,
        el('div', { className: 'band-canvas' }, [chart.canvas]),
        chart.live,
      ]),
    );
    const lb: LayerBand = { caption, chart, columns: [], iterations: [] };
    this.charts.push(lb);
    return lb;
  }

  /** One line per percentile, the median strongest, each band filled down to the percentile below it. */
  private draw(lb: LayerBand): void {
    const series: XySeries[] = BAND_PERCENTILES.map((_, k) => ({
      label: percentileName(k),
      x: lb.iterations,
      y: lb.columns[k] ?? [],
      color: k === MEDIAN ? this.color : withAlpha(this.color, 0.35),
      width: k === MEDIAN ? 1.5 : 0.5,
      ...(k > 0 ? { fillTo: k - 1, fillColor: withAlpha(this.color, bandAlpha(k)) } : {}),
    }));
    lb.chart.setData(series);
  }
}
