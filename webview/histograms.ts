// Per-layer histograms (binned by the worker) of the weights, activations or gradients as small chart.js bar charts
// that update live; over the weights, the distribution the scheme drew them from as a dashed line.
import * as l10n from '@vscode/l10n';
import type { Histogram, LayerSnapshot, Mechanism } from '../src/shared/protocol';
import { Chart, colourAxes } from './chartSetup';
import { walkWithKeys } from './chartKeys';
import type { DistributionMode } from './distributionMode';
import { el, setText } from './dom';
import { formatSig } from './format';
import type { Theme } from './theme';
import { withAlpha } from './theme';

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
  canvas: HTMLCanvasElement;
  chart: Chart<'bar' | 'line', number[], string>;
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
    return this.charts.map((c) => c.canvas);
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
      this.style(lc.chart);
      lc.chart.update('none');
    }
  }

  destroy(): void {
    for (const lc of this.charts) lc.chart.destroy();
    this.charts = [];
  }

  private add(): LayerChart {
    const caption = el('div', { className: 'hist-caption' });
    const canvas = el('canvas', { attrs: { role: 'img' } });
    const root = el('figure', { className: 'hist' }, [caption, el('div', { className: 'hist-canvas' }, [canvas])]);
    this.root.appendChild(root);
    const chart = new Chart<'bar' | 'line', number[], string>(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [] }, { type: 'line', data: [] }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) =>
                items.length && lc.shown?.histogram ? binTitle(lc.shown.histogram, items[0].dataIndex) : '',
              label: (item) =>
                item.datasetIndex === 0
                  ? (lc.shown?.countLabel(item.parsed.y ?? 0) ?? '')
                  : l10n.t('scheme: {0} expected', formatSig(item.parsed.y ?? 0, 2)),
            },
          },
        },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 3 }, grid: { display: false } },
          y: { beginAtZero: true, ticks: { maxTicksLimit: 3, precision: 0 } },
        },
      },
    });
    const lc: LayerChart = { root, caption, canvas, chart, shown: null };
    walkWithKeys(canvas, chart);
    this.style(chart);
    this.charts.push(lc);
    return lc;
  }

  private style(chart: Chart<'bar' | 'line', number[], string>): void {
    // A new dataset object: chart.js caches options resolved from the old one, so mutating it would not recolour.
    const [bars, scheme] = chart.data.datasets;
    chart.data.datasets = [
      {
        type: 'bar',
        data: bars.data,
        barPercentage: 1,
        categoryPercentage: 1,
        borderWidth: 0,
        backgroundColor: withAlpha(this.color, 0.75),
        hoverBackgroundColor: this.color,
        order: 2,
      },
      {
        type: 'line',
        data: scheme?.data ?? [],
        borderColor: this.theme.foreground,
        backgroundColor: this.theme.foreground,
        borderWidth: 1.25,
        borderDash: [4, 3],
        pointRadius: 0,
        pointHoverRadius: 3,
        tension: 0.3,
        order: 1,
      },
    ];
    colourAxes(chart.options.scales, this.theme);
  }

  private fill(lc: LayerChart, d: LayerDistribution): void {
    if (lc.shown?.source === d.source && lc.shown.caption === d.caption) return;
    lc.shown = d;
    const counts = d.histogram?.counts ?? [];
    const min = d.histogram?.min ?? 0;
    const width = d.histogram ? (d.histogram.max - min) / Math.max(1, counts.length) : 0;
    lc.chart.data.labels = counts.map((_, i) => formatSig(min + (i + 0.5) * width, 2));
    lc.chart.data.datasets[0].data = counts;
    lc.chart.data.datasets[1].data = d.expected ?? [];
    lc.chart.update('none');
    setText(lc.caption, d.caption);
    lc.canvas.setAttribute('aria-label', d.description);
  }
}

function binTitle(h: Histogram, i: number): string {
  const w = (h.max - h.min) / Math.max(1, h.counts.length);
  return `[${formatSig(h.min + i * w)}, ${formatSig(h.min + (i + 1) * w)})`;
}
