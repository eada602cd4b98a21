// Per-layer weight histograms (pre-binned by the worker) as small chart.js bar charts that update live, with the
// distribution the scheme drew the weights from as a dashed line over them.
import * as l10n from '@vscode/l10n';
import type { LayerSnapshot } from '../src/shared/protocol';
import { Chart } from './chartSetup';
import { el, setText } from './dom';
import { formatSig } from './format';
import type { Theme } from './theme';
import { withAlpha } from './theme';

interface LayerChart {
  root: HTMLElement;
  caption: HTMLElement;
  canvas: HTMLCanvasElement;
  chart: Chart<'bar' | 'line', number[], string>;
  snapshot: LayerSnapshot | null;
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

  update(layers: readonly LayerSnapshot[]): void {
    while (this.charts.length > layers.length) this.charts.pop()?.chart.destroy();
    while (this.root.children.length > this.charts.length) this.root.lastElementChild?.remove();
    layers.forEach((snap, i) => {
      const lc = this.charts[i] ?? this.add();
      this.fill(lc, snap);
    });
  }

  invalidate(): void {
    for (const lc of this.charts) lc.snapshot = null;
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
              title: (items) => (items.length && lc.snapshot ? this.binTitle(lc.snapshot, items[0].dataIndex) : ''),
              label: (item) =>
                item.datasetIndex === 0
                  ? l10n.t('{0} weights', item.parsed.y ?? 0)
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
    const lc: LayerChart = { root, caption, canvas, chart, snapshot: null };
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
    const scales = chart.options.scales;
    for (const s of [scales?.x, scales?.y]) {
      if (!s) continue;
      if (s.ticks) s.ticks.color = this.theme.muted;
      if (s.grid) s.grid.color = this.theme.grid;
      if (s.border) s.border.color = this.theme.grid;
    }
  }

  private fill(lc: LayerChart, snap: LayerSnapshot): void {
    if (lc.snapshot === snap) return;
    lc.snapshot = snap;
    const { min, max, counts } = snap.histogram;
    const width = (max - min) / Math.max(1, counts.length);
    lc.chart.data.labels = counts.map((_, i) => formatSig(min + (i + 0.5) * width, 2));
    lc.chart.data.datasets[0].data = counts;
    lc.chart.data.datasets[1].data = snap.expected ?? [];
    lc.chart.update('none');
    const [rows, cols] = snap.shape;
    setText(lc.caption, `W${snap.layer} · ${rows}×${cols}`);
    const what = l10n.t(
      'Histogram of the {0} weights of layer {1}, from {2} to {3}',
      rows * cols,
      snap.layer,
      formatSig(min),
      formatSig(max),
    );
    lc.canvas.setAttribute(
      'aria-label',
      snap.expected ? `${what}. ${l10n.t("Dashed: how the scheme's own draw would spread them.")}` : what,
    );
  }

  private binTitle(snap: LayerSnapshot, i: number): string {
    const { min, max, counts } = snap.histogram;
    const w = (max - min) / Math.max(1, counts.length);
    return `[${formatSig(min + i * w)}, ${formatSig(min + (i + 1) * w)})`;
  }
}
