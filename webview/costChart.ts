// Overlaid live cost curves of all runs, with a log-scale toggle and explicit markers for ∞/NaN costs.
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { Plugin } from 'chart.js';
import type { PreviousRun, RunView, WireCostPoint } from '../src/shared/protocol';
import { Chart } from './chartSetup';
import { el, setHidden } from './dom';
import { formatCost, formatInt } from './format';
import type { Theme } from './theme';
import { seriesColor, toRgb } from './theme';

interface XY {
  x: number;
  y: number;
}
interface NonFinite {
  x: number;
  label: '∞' | '−∞' | 'NaN';
}

export interface CurveData {
  finite: XY[];
  nonFinite: NonFinite[];
}

/** Logged and dense samples merged by iteration; non-finite costs kept apart since no axis can place them. */
export function curveData(run: Pick<RunView, 'logged' | 'curve'>): CurveData {
  const byIter = new Map<number, WireCostPoint[1]>();
  for (const [i, c] of run.curve) byIter.set(i, c);
  for (const [i, c] of run.logged) byIter.set(i, c);
  const iters = [...byIter.keys()].sort((a, b) => a - b);
  const finite: XY[] = [];
  const nonFinite: NonFinite[] = [];
  for (const x of iters) {
    const c = byIter.get(x);
    if (typeof c === 'number') finite.push({ x, y: c });
    else nonFinite.push({ x, label: c === 'Infinity' ? '∞' : c === '-Infinity' ? '−∞' : 'NaN' });
  }
  return { finite, nonFinite };
}

export class CostChart {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly logToggle: VscodeCheckbox;
  private readonly note: HTMLElement;
  private readonly chart: Chart<'line', XY[]>;
  private nonFinite: NonFinite[][] = [];
  /** For each previous-session dataset (after the runs'), the index of the run it belongs to. */
  private previousOf: number[] = [];
  private theme: Theme;
  private logScale: boolean;

  constructor(theme: Theme, logScale: boolean, onLogScale: (on: boolean) => void) {
    this.theme = theme;
    this.logScale = logScale;
    this.canvas = el('canvas', { attrs: { role: 'img', 'aria-label': l10n.t('Cost per iteration for every run') } });
    const toggle = el('vscode-checkbox', {
      attrs: { toggle: '', label: l10n.t('Log scale'), 'aria-label': l10n.t('Log-scale cost axis') },
    });
    toggle.checked = logScale;
    toggle.addEventListener('change', () => {
      this.setLogScale(toggle.checked);
      onLogScale(toggle.checked);
    });
    this.logToggle = toggle;
    this.note = el('p', { className: 'chart-note', attrs: { role: 'note' } });
    this.note.hidden = true;
    this.root = el('section', { className: 'cost', attrs: { 'aria-label': l10n.t('Cost curves') } }, [
      el('div', { className: 'section-bar' }, [el('h2', { text: l10n.t('Cost') }), toggle]),
      el('div', { className: 'cost-canvas' }, [this.canvas]),
      this.note,
    ]);
    const markers: Plugin<'line'> = { id: 'initlabNonFinite', afterDatasetsDraw: (c) => this.drawNonFinite(c) };
    this.chart = new Chart<'line', XY[]>(this.canvas, {
      type: 'line',
      data: { datasets: [] },
      plugins: [markers],
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 2, tension: 0 } },
        layout: { padding: { top: 14 } },
        plugins: {
          // Long runs send thousands of samples; min-max keeps spikes that LTTB could smooth away.
          decimation: { enabled: true, algorithm: 'min-max' },
          legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line', boxWidth: 24 } },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? l10n.t('Iteration {0}', formatInt(items[0].parsed.x ?? 0)) : ''),
              label: (item) => `${item.dataset.label ?? ''}: ${formatCost(item.parsed.y ?? NaN)}`,
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            min: 0,
            title: { display: true, text: l10n.t('iteration') },
            ticks: { maxTicksLimit: 8 },
          },
          // Costs are never negative: a linear axis starts at 0 (grace would otherwise pad below it).
          y: {
            type: logScale ? 'logarithmic' : 'linear',
            min: logScale ? undefined : 0,
            title: { display: true, text: l10n.t('cost') },
            grace: '4%',
          },
        },
      },
    });
    this.applyTheme();
  }

  get isLogScale(): boolean {
    return this.logScale;
  }

  /** `previous`: the last session's curves, drawn faint and dashed after the runs' own (same colour, by name). */
  update(
    runs: readonly RunView[],
    totalIterations: number,
    previous: Readonly<Record<string, PreviousRun>> = {},
  ): void {
    const data = runs.map(curveData);
    this.nonFinite = data.map((d) => d.nonFinite);
    const ds = this.chart.data.datasets;
    ds.length = runs.length;
    runs.forEach((run, i) => {
      const color = seriesColor(this.theme, i);
      const existing = ds[i] as (typeof ds)[number] | undefined;
      if (existing) {
        existing.data = data[i].finite;
        existing.label = run.info.name;
      } else {
        ds[i] = { label: run.info.name, data: data[i].finite, borderColor: color, backgroundColor: color };
      }
    });
    this.previousOf = [];
    runs.forEach((run, i) => {
      const old = previous[run.info.name];
      if (!old) return;
      this.previousOf.push(i);
      const color = fade(seriesColor(this.theme, i));
      ds.push({
        label: l10n.t('{0} (previous)', run.info.name),
        data: curveData({ logged: [], curve: old.curve }).finite,
        borderColor: color,
        backgroundColor: color,
        borderDash: [5, 4],
        borderWidth: 1.5,
      });
    });
    const x = this.chart.options.scales?.x;
    if (x) x.max = totalIterations > 0 ? totalIterations : undefined;
    const counts = this.nonFinite.map((m, i) => ({ name: runs[i].info.name, m })).filter((r) => r.m.length > 0);
    setHidden(this.note, counts.length === 0);
    if (counts.length) {
      const list = counts
        .map((r) =>
          l10n.t(
            '{0}: {1} × {2}, first at {3}',
            r.name,
            r.m.length,
            [...new Set(r.m.map((p) => p.label))].join('/'),
            formatInt(r.m[0].x),
          ),
        )
        .join('; ');
      this.note.textContent = l10n.t(
        "▼ at the top of the chart: iterations whose cost was not a finite number and cannot be plotted ({0}). The notebook's loss is ∞ when a saturated output gives log(0).",
        list,
      );
    }
    this.chart.update('none');
  }

  setLogScale(on: boolean): void {
    this.logScale = on;
    if (this.logToggle.checked !== on) this.logToggle.checked = on;
    const y = this.chart.options.scales?.y;
    if (y) {
      y.type = on ? 'logarithmic' : 'linear';
      y.min = on ? undefined : 0;
    }
    this.chart.update('none');
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.applyTheme();
    this.chart.update('none');
  }

  /** The chart on an opaque background, for PNG export. */
  paint(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
    ctx.drawImage(this.canvas, x, y, w, h);
  }

  destroy(): void {
    this.chart.destroy();
  }

  private applyTheme(): void {
    const t = this.theme;
    const runs = this.chart.data.datasets.length - this.previousOf.length;
    this.chart.data.datasets.forEach((d, i) => {
      const color = i < runs ? seriesColor(t, i) : fade(seriesColor(t, this.previousOf[i - runs]));
      d.borderColor = color;
      d.backgroundColor = color;
    });
    const o = this.chart.options;
    const legend = o.plugins?.legend?.labels;
    if (legend) legend.color = t.foreground;
    for (const s of [o.scales?.x, o.scales?.y]) {
      if (!s) continue;
      if (s.ticks) s.ticks.color = t.muted;
      if (s.grid) s.grid.color = t.grid;
      if (s.border) s.border.color = t.grid;
      if (s.title) s.title.color = t.muted;
    }
  }

  /** Downward triangles at the top edge where a cost was ∞/NaN, labelled once per cluster. */
  private drawNonFinite(chart: Chart): void {
    const xScale = chart.scales.x;
    const area = chart.chartArea;
    if (!xScale || !area) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = `600 ${Math.max(11, this.theme.fontSize - 1)}px ${this.theme.fontFamily}`;
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'center';
    this.nonFinite.forEach((points, i) => {
      if (!chart.isDatasetVisible(i)) return;
      const color = seriesColor(this.theme, i);
      ctx.fillStyle = color;
      let lastDrawn = -Infinity;
      let lastLabel = -Infinity;
      const top = area.top + 1 + i * 2;
      for (const p of points) {
        const px = xScale.getPixelForValue(p.x);
        if (px < area.left - 1 || px > area.right + 1 || px - lastDrawn < 3) continue;
        lastDrawn = px;
        ctx.beginPath();
        ctx.moveTo(px - 5, top);
        ctx.lineTo(px + 5, top);
        ctx.lineTo(px, top + 8);
        ctx.closePath();
        ctx.fill();
        if (px - lastLabel > 40) {
          ctx.fillText(p.label, Math.max(area.left + 6, px), top - 1);
          lastLabel = px;
        }
      }
    });
    ctx.restore();
  }
}

/** A series colour at half strength, for the previous session's curves. */
function fade(color: string): string {
  const [r, g, b] = toRgb(color);
  return `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, 0.45)`;
}
