// The panel's own canvas chart (cost curves, signal flow, per-layer histograms and bands, sweeps): lines, bars and bands
// over an x axis, a second y axis on the right when asked; one draw is a few hundred canvas calls and no layout pass.
import * as l10n from '@vscode/l10n';
import { linearTicks, logTicks, makeScale, nearestIndex, niceLinear, yDomain, yExtent, type Scale } from './chartScale';
import { drawBars, drawFill, drawMarker, drawSeries, drawTooltip } from './chartPaint';
import { el } from './dom';
import type { Theme } from './theme';

export interface XySeries {
  /** Lines join the points; bars stand from 0 at each category (a histogram's bins). Default: line. */
  kind?: 'line' | 'bars';
  label: string;
  /** Ascending. */
  x: ArrayLike<number>;
  /** NaN (or, on a log axis, a value ≤ 0) leaves a gap. */
  y: ArrayLike<number>;
  color: string;
  width: number;
  dash?: readonly number[];
  /** Drawn at every point (not only on hover). */
  marker?: 'circle' | 'triangle';
  /** Hidden unless the reader shows it from the legend. */
  hidden?: boolean;
  /** The tooltip's line for a value of this series (default: "label: value"). */
  describe?: (y: number) => string;
  /** A bar under the pointer or the keyboard (default: the series colour). */
  focusColor?: string;
  /** The area down to series `fillTo` (same x) is filled with `fillColor`: nested percentile bands. */
  fillTo?: number;
  fillColor?: string;
  /** Marker radius (default 2.5). */
  markerRadius?: number;
  /** Plotted against the right-hand y axis (XyChartSpec.right). */
  axis?: 'right';
}

/** How the axes show the data: fixed ends, log scales. */
export interface XyView {
  xMin?: number;
  xMax?: number;
  xLog?: boolean;
  yLog?: boolean;
  /** Fixed ends of the left y axis (accuracies: 0 to 1). */
  yMin?: number;
  yMax?: number;
}

/** The plot area inside the axes, in CSS pixels. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface XyChartSpec {
  /** Axis titles ('' for none: small multiples). */
  xTitle: string;
  yTitle: string;
  /** Default true; small multiples go without. */
  legend?: boolean;
  /** Only whole-number ticks on y (counts). */
  yIntegers?: boolean;
  /** A category axis: x are 0 … n−1, one tick each, no vertical grid. */
  category?: boolean;
  /** A linear y axis starts at 0 (costs, standard deviations are never negative). */
  yFromZero?: boolean;
  maxXTicks: number;
  maxYTicks: number;
  xTick(x: number): string;
  yTick(y: number): string;
  /** The tooltip's first line, for the points at x. */
  title(x: number): string;
  value(y: number): string;
  /** Legend font size relative to the ticks' (1: same). */
  legendScale?: number;
  /** Drawn over the lines, outside the plot's clip (markers at its top edge): e.g. values no axis can place. */
  overlay?(ctx: CanvasRenderingContext2D, area: Area, x: Scale, isVisible: (series: number) => boolean): void;
  /** A second y axis on the right, from 0, for the series with `axis: 'right'`. */
  right?: { title: string; tick(y: number): string };
  /** The tooltip lists the series last first (bands stacked from the top). */
  tooltipReversed?: boolean;
  /** A click on (or Enter at) a point: its series and index. */
  onPick?(series: number, index: number): void;
}

/** A series' point near the focus: which series, which point, its values. */
interface Value {
  series: XySeries;
  index: number;
  point: number;
  x: number;
  y: number;
}

/** The right-hand y axis of one draw. */
interface RightAxis {
  min: number;
  max: number;
  ticks: number[];
  labels: string[];
  width: number;
}

/** One draw's layout (see XyChart.layout). */
interface Frame {
  area: Area;
  xs: Scale;
  ys: Scale;
  /** The right-hand axis, when the chart has one. */
  ys2?: Scale;
  right?: RightAxis;
  xTicks: number[];
  xLabels: string[];
  yTicks: number[];
  yLabels: string[];
  /** The ticks' font and line height, and the legend's font. */
  font: string;
  line: number;
  tickSize: number;
  legendFont: string;
}

interface LegendBox {
  series: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

const PAD = 6;
const TOP_PAD = 14;
/** A legend item: its line sample, the gap before its label, the room after the label. */
const LEGEND_SWATCH = 22;
const LEGEND_GAP = 6;
const LEGEND_AFTER = 14;

/** The y scale a series is plotted against. */
function scaleOf(s: XySeries, f: Frame): Scale {
  return s.axis === 'right' && f.ys2 ? f.ys2 : f.ys;
}

export class XyChart {
  readonly canvas: HTMLCanvasElement;
  /** Read aloud when the keyboard walks the points: the owner puts it beside the canvas. */
  readonly live: HTMLElement;
  private series: readonly XySeries[] = [];
  private view: XyView = {};
  /** Series whose visibility the reader flipped from the legend, by index. */
  private readonly flipped = new Set<number>();
  /** The x under the pointer or the keyboard's point (undefined: no tooltip). */
  private focusX: number | undefined;
  private walkIndex = -1;
  private width = 0;
  private height = 0;
  /** The last draw's layout: where the pointer is in data terms. */
  private lastFrame: Frame | undefined;
  private legend: LegendBox[] = [];
  private legendKey = '';
  private legendHeight = 0;
  private theme: Theme;
  private readonly resize: ResizeObserver;

  constructor(
    private readonly spec: XyChartSpec,
    theme: Theme,
    ariaLabel: string,
  ) {
    this.theme = theme;
    this.canvas = el('canvas', { attrs: { role: 'img', 'aria-label': ariaLabel, tabindex: '0' } });
    this.canvas.style.display = 'block';
    this.canvas.style.width = '100%';
    this.canvas.style.height = '100%';
    this.live = el('p', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
    this.resize = new ResizeObserver(([entry]) => {
      const box = entry.contentRect;
      if (box.width === this.width && box.height === this.height) return;
      this.width = box.width;
      this.height = box.height;
      this.draw();
    });
    this.resize.observe(this.canvas);
    this.canvas.addEventListener('mousemove', (e) => this.pointAt(e.offsetX, e.offsetY));
    this.canvas.addEventListener('mouseleave', () => this.setFocus(undefined));
    this.canvas.addEventListener('click', (e) => this.click(e.offsetX, e.offsetY));
    this.canvas.addEventListener('keydown', (e) => this.key(e));
    this.canvas.addEventListener('blur', () => this.setFocus(undefined));
  }

  /** New data (drawn at once); `view` fixes axis ends (default: the data's) and log scales. */
  setData(series: readonly XySeries[], view: XyView = {}): void {
    if (series.length !== this.series.length) this.flipped.clear();
    this.series = series;
    this.view = view;
    this.draw();
  }

  /** Takes effect with the next setData: the owners rebuild their series then, as the colours come from the theme. */
  setTheme(theme: Theme): void {
    this.theme = theme;
  }

  destroy(): void {
    this.resize.disconnect();
  }

  isVisible(i: number): boolean {
    const s = this.series[i];
    return s !== undefined && !s.hidden !== this.flipped.has(i);
  }

  draw(): void {
    const { width: w, height: h, canvas } = this;
    if (w <= 0 || h <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    const bw = Math.round(w * dpr);
    const bh = Math.round(h * dpr);
    if (canvas.width !== bw || canvas.height !== bh) {
      canvas.width = bw;
      canvas.height = bh;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const frame = this.layout(ctx);
    if (!frame) return;
    this.lastFrame = frame;
    this.drawAxes(ctx, frame);
    this.drawData(ctx, frame);
    this.drawLegend(ctx, frame.legendFont);
    if (this.focusX !== undefined) this.drawFocus(ctx, this.focusX, frame);
  }

  /** Where everything goes: the legend's rows, the ticks and their labels, the plot area, the scales. */
  private layout(ctx: CanvasRenderingContext2D): Frame | undefined {
    const { width: w, height: h, spec } = this;
    const t = this.theme;
    const tickSize = Math.max(10, t.fontSize - 2);
    const legendSize = Math.round(tickSize * (spec.legendScale ?? 1));
    const legendFont = `${legendSize}px ${t.fontFamily}`;
    const legendH = this.layoutLegend(ctx, legendFont, legendSize, w);
    const log = this.view.yLog ?? false;
    const shown = this.series.filter((_, i) => this.isVisible(i));
    const [lo, hi] = yExtent(
      shown.filter((s) => s.axis !== 'right'),
      log,
    );
    const [yd0, yd1] = yDomain(lo, hi, log, spec.yFromZero ?? false, 0.04);
    const { yMin, yMax } = this.view;
    const fixed = yMin !== undefined || yMax !== undefined;
    const [y0, y1] = [yMin ?? yd0, yMax ?? yd1];
    const ticks = log ? logTicks(y0, y1, spec.maxYTicks) : fixed ? linearTicks(y0, y1, spec.maxYTicks) : undefined;
    const [ya, yb, yt] = ticks ? [y0, y1, ticks] : niceLinear(y0, y1, spec.maxYTicks);
    const yTicks = yt.filter((v) => !spec.yIntegers || Number.isInteger(v));
    const font = `${tickSize}px ${t.fontFamily}`;
    ctx.font = font;
    const yLabels = yTicks.map((v) => spec.yTick(v));
    const yLabelW = Math.max(0, ...yLabels.map((s) => ctx.measureText(s).width));
    const right = spec.right ? this.rightAxis(ctx, shown, spec.right) : undefined;
    const line = tickSize + 4;
    const [x0, x1] = this.xDomain();
    const xLog = this.view.xLog ?? false;
    const xTicks = this.xTicks(x0, x1, xLog);
    const xLabels = xTicks.map((v) => spec.xTick(v));
    // The last x label is centred on the axis's end: room for its right half.
    const lastHalf = xLabels.length ? ctx.measureText(xLabels[xLabels.length - 1]).width / 2 : 0;
    const titles = { x: spec.xTitle ? line : 0, y: spec.yTitle ? line : 0 };
    const small = spec.legend === false;
    const area: Area = {
      left: (small ? 2 : PAD) + titles.y + yLabelW + 6,
      top: small ? 4 : TOP_PAD,
      right: w - (small ? 2 : PAD) - (right ? right.width + 6 + line : Math.max(small ? 2 : 8, Math.ceil(lastHalf))),
      bottom: h - (small ? 0 : PAD) - legendH - line - titles.x - 2,
    };
    if (area.right - area.left < 20 || area.bottom - area.top < 20) return undefined;
    const xs = makeScale(x0, x1, area.left, area.right, xLog);
    const ys = makeScale(ya, yb, area.bottom, area.top, log);
    const ys2 = right ? makeScale(right.min, right.max, area.bottom, area.top, false) : undefined;
    return { area, xs, ys, ys2, right, xTicks, xLabels, yTicks, yLabels, font, legendFont, line, tickSize };
  }

  /** The right-hand axis: from 0 to its series' largest value, its ticks and their widest label. */
  private rightAxis(
    ctx: CanvasRenderingContext2D,
    shown: readonly XySeries[],
    axis: NonNullable<XyChartSpec['right']>,
  ): RightAxis {
    const [lo, hi] = yExtent(
      shown.filter((s) => s.axis === 'right'),
      false,
    );
    const [d0, d1] = yDomain(lo, hi, false, true, 0.04);
    const [min, max, ticks] = niceLinear(d0, d1, this.spec.maxYTicks);
    const labels = ticks.map((v) => axis.tick(v));
    const width = Math.max(0, ...labels.map((l) => ctx.measureText(l).width));
    return { min, max, ticks, labels, width };
  }

  private drawAxes(ctx: CanvasRenderingContext2D, f: Frame): void {
    const { area, xs, ys } = f;
    const spec = this.spec;
    const t = this.theme;
    ctx.lineWidth = 1;
    ctx.strokeStyle = t.grid;
    ctx.beginPath();
    for (const v of f.yTicks) {
      const py = Math.round(ys.toPx(v)) + 0.5;
      ctx.moveTo(area.left, py);
      ctx.lineTo(area.right, py);
    }
    if (!spec.category) {
      for (const v of f.xTicks) {
        const px = Math.round(xs.toPx(v)) + 0.5;
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
      }
    }
    ctx.moveTo(area.left + 0.5, area.top);
    ctx.lineTo(area.left + 0.5, area.bottom + 0.5);
    ctx.lineTo(area.right, area.bottom + 0.5);
    ctx.stroke();

    ctx.font = f.font;
    ctx.fillStyle = t.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    f.yTicks.forEach((v, i) => ctx.fillText(f.yLabels[i], area.left - 6, ys.toPx(v)));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    // Labels that would touch the one before are left out (narrow small multiples).
    let lastRight = -Infinity;
    f.xTicks.forEach((v, i) => {
      const half = ctx.measureText(f.xLabels[i]).width / 2;
      const px = xs.toPx(v);
      if (px - half < lastRight + 6) return;
      ctx.fillText(f.xLabels[i], px, area.bottom + 4);
      lastRight = px + half;
    });
    if (spec.xTitle) ctx.fillText(spec.xTitle, (area.left + area.right) / 2, area.bottom + 4 + f.line);
    if (spec.yTitle) {
      ctx.save();
      ctx.translate(PAD, (area.top + area.bottom) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = 'top';
      ctx.fillText(spec.yTitle, 0, 0);
      ctx.restore();
    }
    const { ys2, right } = f;
    if (ys2 && right && spec.right) {
      ctx.strokeStyle = t.grid;
      ctx.beginPath();
      ctx.moveTo(area.right - 0.5, area.top);
      ctx.lineTo(area.right - 0.5, area.bottom);
      ctx.stroke();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      right.ticks.forEach((v, i) => ctx.fillText(right.labels[i], area.right + 6, ys2.toPx(v)));
      ctx.save();
      ctx.translate(this.width - PAD, (area.top + area.bottom) / 2);
      ctx.rotate(Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(spec.right.title, 0, 0);
      ctx.restore();
    }
  }

  /** The series clipped to the plot area, bars under lines (a histogram under its expected curve), then the overlay. */
  private drawData(ctx: CanvasRenderingContext2D, f: Frame): void {
    const { area, xs, ys } = f;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top - 4, area.right - area.left, area.bottom - area.top + 8);
    ctx.clip();
    this.series.forEach((s, i) => {
      const to = s.fillTo === undefined ? undefined : this.series[s.fillTo];
      if (to && this.isVisible(i) && this.isVisible(s.fillTo ?? -1)) drawFill(ctx, s, to, xs, ys);
    });
    for (const bars of [true, false]) {
      this.series.forEach((s, i) => {
        if (!this.isVisible(i) || (s.kind === 'bars') !== bars) return;
        const y = scaleOf(s, f);
        if (bars) drawBars(ctx, s, xs, y, this.focusIndex(s));
        else drawSeries(ctx, s, xs, y);
      });
    }
    ctx.restore();
    this.spec.overlay?.(ctx, area, xs, (i) => this.isVisible(i));
  }

  private xDomain(): [number, number] {
    const { xMin, xMax } = this.view;
    if (this.spec.category) {
      const n = Math.max(0, ...this.series.map((s) => s.x.length));
      // Bars fill their category; points sit a little inside the ends.
      const edge = this.series.some((s) => s.kind === 'bars') ? 0.5 : 0.25;
      return [xMin ?? -edge, xMax ?? Math.max(n - 1, 0) + edge];
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this.series) {
      if (s.x.length === 0) continue;
      lo = Math.min(lo, s.x[0]);
      hi = Math.max(hi, s.x[s.x.length - 1]);
    }
    const min = xMin ?? (Number.isFinite(lo) ? lo : 0);
    const max = xMax ?? (Number.isFinite(hi) ? hi : 1);
    if (this.view.xLog) return min > 0 && max > min ? [min / 1.25, max * 1.25] : [0.1, 10];
    return [min, max > min ? max : min + 1];
  }

  private xTicks(x0: number, x1: number, log: boolean): number[] {
    if (log) return logTicks(x0, x1, this.spec.maxXTicks);
    if (!this.spec.category) return linearTicks(x0, x1, this.spec.maxXTicks);
    const out: number[] = [];
    const first = Math.max(0, Math.ceil(x0));
    const last = Math.floor(x1);
    const every = Math.ceil((last - first + 1) / this.spec.maxXTicks);
    for (let i = first; i <= last; i += every) out.push(i);
    return out;
  }

  /** Places the legend's items in rows under the chart; returns its height. */
  private layoutLegend(ctx: CanvasRenderingContext2D, font: string, size: number, w: number): number {
    // The same labels in the same box lay out the same: measured once, not on every live redraw.
    const key = [font, w, this.height, ...this.series.map((s) => s.label)].join('\u0000');
    if (key === this.legendKey) return this.legendHeight;
    this.legendKey = key;
    this.legendHeight = this.measureLegend(ctx, font, size, w);
    return this.legendHeight;
  }

  private measureLegend(ctx: CanvasRenderingContext2D, font: string, size: number, w: number): number {
    ctx.font = font;
    this.legend = [];
    if (this.spec.legend === false) return 0;
    const rowH = size + 8;
    let x = PAD;
    let row = 0;
    const rows: LegendBox[][] = [[]];
    this.series.forEach((s, i) => {
      const iw = LEGEND_SWATCH + LEGEND_GAP + ctx.measureText(s.label).width + LEGEND_AFTER;
      if (x + iw > w - PAD && rows[row].length > 0) {
        rows.push([]);
        row++;
        x = PAD;
      }
      const box = { series: i, x, y: row * rowH, w: iw, h: rowH };
      rows[row].push(box);
      x += iw;
    });
    if (this.series.length === 0) return 0;
    const height = rows.length * rowH;
    // Rows centred, and placed at the bottom of the canvas.
    for (const r of rows) {
      const used = r.reduce((a, b) => a + b.w, 0);
      const shift = (w - used) / 2 - PAD;
      for (const b of r) {
        b.x += shift;
        b.y += this.height - PAD - height;
        this.legend.push(b);
      }
    }
    return height;
  }

  private drawLegend(ctx: CanvasRenderingContext2D, font: string): void {
    ctx.font = font;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const b of this.legend) {
      const s = this.series[b.series];
      const on = this.isVisible(b.series);
      const cy = b.y + b.h / 2;
      ctx.globalAlpha = on ? 1 : 0.45;
      ctx.strokeStyle = s.color;
      ctx.lineWidth = Math.min(3, s.width);
      ctx.setLineDash(s.dash ? [...s.dash] : []);
      ctx.beginPath();
      ctx.moveTo(b.x, cy);
      ctx.lineTo(b.x + LEGEND_SWATCH, cy);
      ctx.stroke();
      ctx.setLineDash([]);
      if (s.marker) drawMarker(ctx, s.marker, b.x + LEGEND_SWATCH / 2, cy, 2.5, s.color);
      ctx.fillStyle = this.theme.foreground;
      const tx = b.x + LEGEND_SWATCH + LEGEND_GAP;
      ctx.fillText(s.label, tx, cy);
      // Struck through, as the reader hid it (the label's width, as measured for the layout).
      if (!on) ctx.fillRect(tx, Math.round(cy), b.w - LEGEND_SWATCH - LEGEND_GAP - LEGEND_AFTER, 1);
    }
    ctx.globalAlpha = 1;
  }

  /** A guide at x, the nearest point of each visible series marked, and a tooltip of their values. */
  private drawFocus(ctx: CanvasRenderingContext2D, x: number, f: Frame): void {
    const { xs, area, font, tickSize: size } = f;
    const rows = this.valuesAt(x);
    if (rows.length === 0) return;
    const px = xs.toPx(rows[0].x);
    ctx.strokeStyle = this.theme.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(Math.round(px) + 0.5, area.top);
    ctx.lineTo(Math.round(px) + 0.5, area.bottom);
    ctx.stroke();
    for (const r of rows) {
      const y = scaleOf(r.series, f);
      if (r.series.kind === 'bars' || !Number.isFinite(r.y) || (y.log && r.y <= 0)) continue;
      const radius = Math.max(4, (r.series.markerRadius ?? 0) + 1.5);
      drawMarker(ctx, r.series.marker ?? 'circle', xs.toPx(r.x), y.toPx(r.y), radius, r.series.color);
    }
    const title = this.spec.title(rows[0].x);
    if (this.spec.tooltipReversed) rows.reverse();
    const lines = rows.map((r) => this.describe(r.series, r.y));
    drawTooltip(ctx, { title, lines, colors: rows.map((r) => r.series.color) }, px, area.top, {
      font,
      size,
      width: this.width,
      height: this.height,
    });
  }

  /** Each visible series' point nearest x (the nearest of all first), for the tooltip and the live region. */
  private valuesAt(x: number): Value[] {
    const rows: (Value & { d: number })[] = [];
    this.series.forEach((s, i) => {
      if (!this.isVisible(i)) return;
      const k = nearestIndex(s.x, x);
      if (k < 0) return;
      rows.push({ series: s, index: i, point: k, x: s.x[k], y: s.y[k], d: Math.abs(s.x[k] - x) });
    });
    const best = Math.min(...rows.map((r) => r.d));
    // Series sampled elsewhere (far from the nearest x) are left out rather than shown at another x.
    const xsNear = rows.filter((r) => r.d === best)[0]?.x;
    return rows.filter((r) => xsNear !== undefined && Math.abs(r.x - xsNear) <= Math.max(1e-9, 2 * best + 1e-9));
  }

  private setFocus(x: number | undefined): void {
    if (x === this.focusX) return;
    this.focusX = x;
    this.draw();
  }

  private pointAt(px: number, py: number): void {
    this.canvas.style.cursor = this.legendAt(px, py) ? 'pointer' : '';
    const xs = this.lastFrame?.xs;
    const a = this.lastFrame?.area;
    if (!xs || !a || px < a.left - 4 || px > a.right + 4 || py < a.top - 8 || py > a.bottom + 4) {
      this.setFocus(undefined);
      return;
    }
    const x = xs.fromPx(px);
    this.setFocus(this.spec.category ? Math.round(x) : x);
  }

  private legendAt(px: number, py: number): LegendBox | undefined {
    return this.legend.find((b) => px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h);
  }

  /** A click on the legend flips its series; on a point (within 12 px), picks it. */
  private click(px: number, py: number): void {
    const hit = this.legendAt(px, py);
    if (hit) {
      this.flip(hit.series);
      return;
    }
    const { spec, lastFrame: frame } = this;
    if (!spec.onPick || !frame || this.focusX === undefined) return;
    const xs = frame.xs;
    const near = this.valuesAt(this.focusX)
      .map((r) => {
        return { r, d: Math.hypot(xs.toPx(r.x) - px, scaleOf(r.series, frame).toPx(r.y) - py) };
      })
      .filter((h) => h.d <= 12)
      .sort((a, b) => a.d - b.d)[0];
    if (near) spec.onPick(near.r.index, near.r.point);
  }

  /** Shows a hidden series or hides a shown one (the legend's click, a digit key), and says which. */
  private flip(i: number): void {
    if (this.flipped.has(i)) this.flipped.delete(i);
    else this.flipped.add(i);
    this.draw();
    const label = this.series[i].label;
    this.live.textContent = this.isVisible(i) ? l10n.t('{0} shown', label) : l10n.t('{0} hidden', label);
  }

  /**
   * Arrow keys walk the first visible series' points (Page keys a tenth at a time), Home/End, Escape hides the
   * tooltip; with a legend, the digit keys 1–9 show or hide the legend's first nine series.
   */
  private key(e: KeyboardEvent): void {
    if (e.key === 'Enter' && this.spec.onPick && this.walkIndex >= 0) {
      const first = this.series.findIndex((_, i) => this.isVisible(i));
      if (first >= 0) {
        e.preventDefault();
        this.spec.onPick(first, this.walkIndex);
      }
      return;
    }
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : -1;
    if (digit >= 0 && this.spec.legend !== false && digit < this.series.length) {
      e.preventDefault();
      this.flip(digit);
      return;
    }
    const walk = this.series.find((_, i) => this.isVisible(i));
    const n = walk?.x.length ?? 0;
    if (!walk || n === 0) return;
    const page = Math.max(1, Math.round(n / 10));
    const i = this.walkIndex;
    const next: Record<string, number> = {
      ArrowRight: i < 0 ? 0 : i + 1,
      ArrowLeft: i < 0 ? 0 : i - 1,
      PageDown: i + page,
      PageUp: i - page,
      Home: 0,
      End: n - 1,
      Escape: -1,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    this.walkIndex = e.key === 'Escape' ? -1 : Math.max(0, Math.min(n - 1, next[e.key]));
    const x = this.walkIndex < 0 ? undefined : walk.x[this.walkIndex];
    this.setFocus(x);
    this.live.textContent =
      x === undefined
        ? ''
        : [this.spec.title(x), ...this.valuesAt(x).map((r) => this.describe(r.series, r.y))].join('; ');
  }

  private describe(s: XySeries, y: number): string {
    return s.describe ? s.describe(y) : `${s.label}: ${this.spec.value(y)}`;
  }

  /** The index of the bar under the pointer or the keyboard in `s` (−1: none). */
  private focusIndex(s: XySeries): number {
    return this.focusX === undefined ? -1 : nearestIndex(s.x, this.focusX);
  }
}
