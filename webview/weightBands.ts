// Each layer's weights over the run as nested percentile bands (TensorBoard's "distributions"): how the spread of
// W[l] moved from its initialization while training.
import * as l10n from '@vscode/l10n';
import { BAND_PERCENTILES } from '../src/shared/protocol';
import type { BandPoint, LayerSnapshot } from '../src/shared/protocol';
import { Chart, colourAxes } from './chartSetup';
import { walkWithKeys } from './chartKeys';
import { el, setText } from './dom';
import { formatInt, formatSig } from './format';
import type { Theme } from './theme';
import { withAlpha } from './theme';

type Point = { x: number; y: number | null };
type BandChart = Chart<'line', Point[], unknown>;

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
  canvas: HTMLCanvasElement;
  chart: BandChart;
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
    return this.charts.map((c) => c.canvas);
  }

  update(bands: readonly BandPoint[], layers: readonly LayerSnapshot[]): void {
    if (bands === this.shown && this.charts.length === layers.length) return;
    this.shown = bands;
    while (this.charts.length > layers.length) this.charts.pop()?.chart.destroy();
    while (this.root.children.length > this.charts.length) this.root.lastElementChild?.remove();
    layers.forEach((snap, i) => {
      const lb = this.charts[i] ?? this.add();
      lb.chart.data.datasets.forEach((ds, k) => {
        ds.data = bands.map((b) => ({ x: b.iteration, y: b.layers[i]?.[k] ?? null }));
      });
      lb.chart.update('none');
      setText(lb.caption, `W${snap.layer} · ${l10n.t('percentiles')}`);
      lb.canvas.setAttribute('aria-label', bandSummary(bands, i, snap.layer));
    });
  }

  invalidate(): void {
    this.shown = null;
  }

  setTheme(theme: Theme, color: string): void {
    this.theme = theme;
    this.color = color;
    for (const lb of this.charts) {
      this.style(lb.chart);
      lb.chart.update('none');
    }
  }

  destroy(): void {
    for (const lb of this.charts) lb.chart.destroy();
    this.charts = [];
  }

  private add(): LayerBand {
    const caption = el('div', { className: 'hist-caption' });
    const canvas = el('canvas', { attrs: { role: 'img' } });
    this.root.appendChild(
      el('figure', { className: 'band' }, [caption, el('div', { className: 'band-canvas' }, [canvas])]),
    );
    const chart: BandChart = new Chart<'line', Point[], unknown>(canvas, {
      type: 'line',
      data: { datasets: BAND_PERCENTILES.map(() => ({ data: [] })) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: {
            // Highest percentile first, as the bands stack on screen.
            itemSort: (a, b) => b.datasetIndex - a.datasetIndex,
            callbacks: {
              title: (items) => (items.length ? l10n.t('iteration {0}', formatInt(items[0].parsed.x ?? 0)) : ''),
              label: (item) => `${percentileName(item.datasetIndex)}: ${formatSig(item.parsed.y ?? NaN, 3)}`,
            },
          },
        },
        scales: {
          x: { type: 'linear', ticks: { maxTicksLimit: 3, maxRotation: 0 }, grid: { display: false } },
          y: { ticks: { maxTicksLimit: 3 } },
        },
      },
    });
    walkWithKeys(canvas, chart);
    const lb: LayerBand = { caption, canvas, chart };
    this.style(chart);
    this.charts.push(lb);
    return lb;
  }

  private style(chart: BandChart): void {
    // New dataset objects: chart.js caches options resolved from the old ones (see histograms.ts).
    chart.data.datasets = BAND_PERCENTILES.map((_, k) => ({
      data: chart.data.datasets[k]?.data ?? [],
      borderColor: k === MEDIAN ? this.color : withAlpha(this.color, 0.35),
      borderWidth: k === MEDIAN ? 1.5 : 0.5,
      backgroundColor: withAlpha(this.color, k === 0 ? 0 : bandAlpha(k)),
      // Each band fills down to the percentile below it.
      fill: k === 0 ? false : '-1',
      pointRadius: 0,
      pointHoverRadius: 2.5,
      spanGaps: false,
    }));
    colourAxes(chart.options.scales, this.theme);
  }
}
