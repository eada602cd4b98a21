// Per-layer histograms (binned by the worker) of the weights, activations or gradients as small bar charts that update
// live; over the weights, the distribution the scheme drew them from as a dashed line.
import * as l10n from '@vscode/l10n';
import type { Histogram, LayerSnapshot, Mechanism } from '../src/shared/protocol';
import type { DistributionMode } from './distributionMode';
import { el, setText } from './dom';
import { formatSig } from './format';
import type { Theme } from './theme';
import { withAlpha } from './theme';
import { XyChart, type XySeries } from './xyChart';

/** One layer's histogram as a mode shows it. */
export interface LayerDistribution {
  /** What it was made from: the chart redraws only when this changes. */
  source: object;
  caption: string;
  /** Null: no finite values to bin (a diverged layer, or a worker that sent none). */
  histogram: Histogram | null;
  /** The scheme's expected counts in the same bins (weights only). */
  expected: number[] | null;
  /** The text alternative. */
  description: string;
  /** Tooltip line for a bin of `n` values. */
  countLabel: (n: number) => string;
}

type HistogramMode = Exclude<DistributionMode, 'bands'>;

const total = (h: Histogram): number => h.counts.reduce((a, c) => a + c, 0);

/** What each layer's chart shows in `mode`: W from the snapshot, A and dZ from the latest signal flow. */
export function layerDistributions(
  mode: HistogramMode,
  layers: readonly LayerSnapshot[],
  mechanism: Mechanism | null,
): LayerDistribution[] {
  return layers.map((snap, i) => {
    const units = snap.shape[0];
    if (mode === 'weights') {
      const { min, max } = snap.histogram;
      const [rows, cols] = snap.shape;
      const what = l10n.t(
        'Histogram of the {0} weights of layer {1}, from {2} to {3}',
        rows * cols,
        snap.layer,
        formatSig(min),
        formatSig(max),
      );
      return {
        source: snap,
        caption: `W${snap.layer} · ${rows}×${cols}`,
        histogram: snap.histogram,
        expected: snap.expected ?? null,
        description: snap.expected
          ? `${what}. ${l10n.t("Dashed: how the scheme's own draw would spread them.")}`
          : what,
        countLabel: (n) => l10n.t('{0} weights', n),
      };
    }
    const signal = mechanism?.current.layers[i];
    const h = (mode === 'activations' ? signal?.aHist : signal?.dzHist) ?? null;
    const samples = h ? Math.round(total(h) / Math.max(1, units)) : 0;
    const name = mode === 'activations' ? `A${snap.layer}` : `dZ${snap.layer}`;
    const iteration = mechanism?.current.iteration ?? 0;
    const description = !h
      ? l10n.t('Layer {0}: no finite values to show', snap.layer)
      : mode === 'activations'
        ? l10n.t(
            'Histogram of the activations of layer {0} ({1} units × {2} samples) at iteration {3}, from {4} to {5}',
            snap.layer,
            units,
            samples,
            iteration,
            formatSig(h.min),
            formatSig(h.max),
          )
        : l10n.t(
            'Histogram of the per-sample gradients dZ of layer {0} ({1} units × {2} samples) at iteration {3}, from {4} to {5}',
            snap.layer,
            units,
            samples,
            iteration,
            formatSig(h.min),
            formatSig(h.max),
          );
    return {
      source: signal ?? snap,
      caption: h ? `${name} · ${units}×${samples}` : `${name} · —`,
      histogram: h,
      expected: null,
      description,
      countLabel: (n) => (mode === 'activations' ? l10n.t('{0} activations', n) : l10n.t('{0} gradients', n)),
    };
  });
}

interface LayerChart {
  root: HTMLElement;
  caption: HTMLElement;
  chart: XyChart;
  shown: LayerDistribution | null;
}

export class LayerHistograms {
  readonly root: HTMLElement;
  private charts: LayerChart[] = [];
  private theme: Theme;
  private color: string;

  constructor(theme: Theme, color: string) {
    this.theme = theme;
    this.color = color;
    this.root = el('div', { className: 'histograms' });
  }

  get canvases(): HTMLCanvasElement[] {
    return this.charts.map((c) => c.chart.canvas);
  }

  update(layers: readonly LayerDistribution[]): void {
    while (this.charts.length > layers.length) this.charts.pop()?.chart.destroy();
    while (this.root.children.length > this.charts.length) this.root.lastElementChild?.remove();
    layers.forEach((d, i) => {
      const lc = this.charts[i] ?? this.add();
      this.fill(lc, d);
    });
  }

  invalidate(): void {
    for (const lc of this.charts) lc.shown = null;
  }

  setTheme(theme: Theme, color: string): void {
    this.theme = theme;
    this.color = color;
    for (const lc of this.charts) {
      lc.chart.setTheme(theme);
      this.draw(lc);
    }
  }

  destroy(): void {
    for (const lc of this.charts) lc.chart.destroy();
    this.charts = [];
  }

  private add(): LayerChart {
    const caption = el('div', { className: 'hist-caption' });
    const chart: XyChart = new XyChart(
      {
        xTitle: '',
        yTitle: '',
        legend: false,
        category: true,
        yFromZero: true,
        yIntegers: true,
        maxXTicks: 3,
        maxYTicks: 3,
        xTick: (i) => binCentre(lc.shown?.histogram ?? null, i),
        yTick: (v) => formatSig(v, 3),
        title: (i) => (lc.shown?.histogram ? binTitle(lc.shown.histogram, i) : ''),
        value: (v) => formatSig(v, 3),
      },
      this.theme,
      '',
    );
    const root = el('figure', { className: 'hist' }, [
      caption,
      el('div', { className: 'hist-canvas' }, [chart.canvas]),
      chart.live,
    ]);
    this.root.appendChild(root);
    const lc: LayerChart = { root, caption, chart, shown: null };
    this.charts.push(lc);
    return lc;
  }

  private fill(lc: LayerChart, d: LayerDistribution): void {
    if (lc.shown?.source === d.source && lc.shown.caption === d.caption) return;
    lc.shown = d;
    this.draw(lc);
    setText(lc.caption, d.caption);
    lc.chart.canvas.setAttribute('aria-label', d.description);
  }

  /** The bins in the run's colour and, over the weights, the scheme's expected counts dashed. */
  private draw(lc: LayerChart): void {
    const d = lc.shown;
    const counts = d?.histogram?.counts ?? [];
    const x = counts.map((_, i) => i);
    const series: XySeries[] = [
      {
        kind: 'bars',
        label: '',
        x,
        y: counts,
        color: withAlpha(this.color, 0.75),
        focusColor: this.color,
        width: 0,
        describe: (n) => d?.countLabel(n) ?? '',
      },
    ];
    if (d?.expected?.length) {
      series.push({
        label: '',
        x: d.expected.map((_, i) => i),
        y: d.expected,
        color: this.theme.foreground,
        width: 1.25,
        dash: [4, 3],
        describe: (v) => l10n.t('scheme: {0} expected', formatSig(v, 2)),
      });
    }
    lc.chart.setData(series);
  }
}

/** Where bin position `i` of a histogram is on the value axis (i + 0.5: a bin's centre). */
function binAt(h: Histogram, i: number): number {
  return h.min + i * ((h.max - h.min) / Math.max(1, h.counts.length));
}

/** A bin's centre as an axis label. */
function binCentre(h: Histogram | null, i: number): string {
  return h ? formatSig(binAt(h, i + 0.5), 2) : '';
}

function binTitle(h: Histogram, i: number): string {
  return `[${formatSig(binAt(h, i))}, ${formatSig(binAt(h, i + 1))})`;
}
