// Overlaid live cost curves of all runs, with a log-scale toggle and explicit markers for ∞/NaN costs.
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { PreviousRun, RunView, WireCostPoint } from '../src/shared/protocol';
import type { Scale } from './chartScale';
import { el, setHidden } from './dom';
import { formatCost, formatInt, formatSig } from './format';
import { XyChart, type Area, type XySeries } from './xyChart';
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
  private readonly chart: XyChart;
  private nonFinite: NonFinite[][] = [];
  private series: XySeries[] = [];
  private theme: Theme;
  private logScale: boolean;
  /** What the series were built from, to rebuild them on a theme change; the x axis ends at totalIterations. */
  private last: {
    runs: readonly RunView[];
    totalIterations: number;
    previous: Readonly<Record<string, PreviousRun>>;
  } = { runs: [], totalIterations: 0, previous: {} };

  constructor(theme: Theme, logScale: boolean, onLogScale: (on: boolean) => void) {
    this.theme = theme;
    this.logScale = logScale;
    this.chart = new XyChart(
      {
        xTitle: l10n.t('iteration'),
        yTitle: l10n.t('cost'),
        yFromZero: true,
        maxXTicks: 8,
        maxYTicks: 7,
        xTick: formatInt,
        yTick: (v) => formatSig(v, 3),
        title: (x) => l10n.t('Iteration {0}', formatInt(x)),
        value: formatCost,
        overlay: (ctx, area, x, isVisible) => this.drawNonFinite(ctx, area, x, isVisible),
      },
      theme,
      l10n.t(
        'Cost per iteration for every run. Use the arrow keys to read the costs, and 1 to 9 to hide or show a run.',
      ),
    );
    this.canvas = this.chart.canvas;
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
      this.chart.live,
      this.note,
    ]);
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
    this.last = { runs, totalIterations, previous };
    const data = runs.map(curveData);
    this.nonFinite = data.map((d) => d.nonFinite);
    this.series = runs.map((run, i) => ({
      label: run.info.name,
      ...columns(data[i].finite),
      color: seriesColor(this.theme, i),
      width: 2,
    }));
    runs.forEach((run, i) => {
      const old = previous[run.info.name];
      if (!old) return;
      this.series.push({
        label: l10n.t('{0} (previous)', run.info.name),
        ...columns(curveData({ logged: [], curve: old.curve }).finite),
        color: fade(seriesColor(this.theme, i)),
        width: 1.5,
        dash: [5, 4],
      });
    });
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
    this.redraw();
  }

  setLogScale(on: boolean): void {
    this.logScale = on;
    if (this.logToggle.checked !== on) this.logToggle.checked = on;
    this.redraw();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.chart.setTheme(theme);
    this.update(this.last.runs, this.last.totalIterations, this.last.previous);
  }

  /** The chart on an opaque background, for PNG export. */
  paint(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
    ctx.drawImage(this.canvas, x, y, w, h);
  }

  private redraw(): void {
    const total = this.last.totalIterations;
    this.chart.setData(this.series, { xMin: 0, xMax: total > 0 ? total : undefined, yLog: this.logScale });
  }

  /** Downward triangles at the top edge where a cost was ∞/NaN, labelled once per cluster. */
  private drawNonFinite(
    ctx: CanvasRenderingContext2D,
    area: Area,
    xScale: Scale,
    isVisible: (i: number) => boolean,
  ): void {
    ctx.save();
    ctx.font = `600 ${Math.max(11, this.theme.fontSize - 1)}px ${this.theme.fontFamily}`;
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'center';
    this.nonFinite.forEach((points, i) => {
      if (!isVisible(i)) return;
      ctx.fillStyle = seriesColor(this.theme, i);
      let lastDrawn = -Infinity;
      let lastLabel = -Infinity;
      const top = area.top + 1 + i * 2;
      for (const p of points) {
        const px = xScale.toPx(p.x);
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

/** Points as the chart's two columns. */
function columns(points: readonly XY[]): { x: number[]; y: number[] } {
  return { x: points.map((p) => p.x), y: points.map((p) => p.y) };
}

/** A series colour at half strength, for the previous session's curves. */
function fade(color: string): string {
  const [r, g, b] = toRgb(color);
  return `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, 0.45)`;
}
