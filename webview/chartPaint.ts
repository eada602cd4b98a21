// Canvas painting of the panel's chart (xyChart.ts): a series as a line, bars or a band, markers and the tooltip box.
import { decimate, type Scale } from './chartScale';
import type { XySeries } from './xyChart';

export function drawSeries(ctx: CanvasRenderingContext2D, s: XySeries, xs: Scale, ys: Scale): void {
  const n = Math.min(s.x.length, s.y.length);
  if (n === 0) return;
  // Many points per pixel column (long runs): the first, lowest, highest and last of each column are enough.
  const y = ys.log ? Array.from(s.y, (v) => (v > 0 ? v : NaN)) : s.y;
  const span = xs.toPx(xs.max) - xs.toPx(xs.min);
  const picks = n > 2 * span ? decimate(n, y, (i) => Math.floor(xs.toPx(s.x[i]))) : undefined;
  ctx.strokeStyle = s.color;
  ctx.lineWidth = s.width;
  ctx.lineJoin = 'round';
  ctx.setLineDash(s.dash ? [...s.dash] : []);
  ctx.beginPath();
  let pen = false;
  const count = picks ? picks.length : n;
  for (let k = 0; k < count; k++) {
    const i = picks ? picks[k] : k;
    const v = y[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const px = xs.toPx(s.x[i]);
    const py = ys.toPx(v);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
  if (s.marker) {
    const r = s.markerRadius ?? 2.5;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(y[i])) drawMarker(ctx, s.marker, xs.toPx(s.x[i]), ys.toPx(y[i]), r, s.color);
    }
  }
}

/** The band between `upper` and `lower` (same x), one polygon per stretch where both are finite. */
export function drawFill(ctx: CanvasRenderingContext2D, upper: XySeries, lower: XySeries, xs: Scale, ys: Scale): void {
  const n = Math.min(upper.x.length, upper.y.length, lower.y.length);
  ctx.fillStyle = upper.fillColor ?? upper.color;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const ok = i < n && Number.isFinite(upper.y[i]) && Number.isFinite(lower.y[i]);
    if (ok && start < 0) start = i;
    if (ok || start < 0) continue;
    ctx.beginPath();
    for (let k = start; k < i; k++) ctx.lineTo(xs.toPx(upper.x[k]), ys.toPx(upper.y[k]));
    for (let k = i - 1; k >= start; k--) ctx.lineTo(xs.toPx(upper.x[k]), ys.toPx(lower.y[k]));
    ctx.closePath();
    ctx.fill();
    start = -1;
  }
}

export function drawBars(ctx: CanvasRenderingContext2D, s: XySeries, xs: Scale, ys: Scale, focus: number): void {
  const n = Math.min(s.x.length, s.y.length);
  const base = ys.toPx(Math.max(ys.min, 0));
  for (let i = 0; i < n; i++) {
    const v = s.y[i];
    if (!(v > 0)) continue;
    // Whole pixels, so neighbouring bars neither overlap nor leave hairline gaps.
    const left = Math.round(xs.toPx(s.x[i] - 0.5));
    const right = Math.round(xs.toPx(s.x[i] + 0.5));
    const top = ys.toPx(v);
    ctx.fillStyle = i === focus ? (s.focusColor ?? s.color) : s.color;
    ctx.fillRect(left, top, right - left, base - top);
  }
}

export function drawMarker(
  ctx: CanvasRenderingContext2D,
  kind: 'circle' | 'triangle',
  x: number,
  y: number,
  r: number,
  color: string,
): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  if (kind === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r * 1.1, y + r * 0.8);
    ctx.lineTo(x - r * 1.1, y + r * 0.8);
    ctx.closePath();
  }
  ctx.fill();
}

/** The tooltip: a title and one line per value with its series' colour, beside x (left of it near the right edge). */
export function drawTooltip(
  ctx: CanvasRenderingContext2D,
  text: { title: string; lines: string[]; colors: string[] },
  px: number,
  top: number,
  box: { font: string; size: number; width: number; height: number },
): void {
  const { title, lines, colors } = text;
  ctx.font = box.font;
  const lineH = box.size + 5;
  const textW = Math.max(ctx.measureText(title).width, ...lines.map((l) => ctx.measureText(l).width + 14));
  const boxW = textW + 16;
  const boxH = (lines.length + 1) * lineH + 10;
  let bx = px + 12;
  if (bx + boxW > box.width - 2) bx = px - 12 - boxW;
  bx = Math.max(2, bx);
  const by = Math.max(2, Math.min(top + 4, box.height - boxH - 2));
  ctx.fillStyle = 'rgba(0, 0, 0, 0.8)';
  ctx.beginPath();
  ctx.roundRect(bx, by, boxW, boxH, 4);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${box.font}`;
  ctx.fillText(title, bx + 8, by + 5 + lineH / 2);
  ctx.font = box.font;
  lines.forEach((l, i) => {
    const cy = by + 5 + (i + 1.5) * lineH;
    ctx.fillStyle = colors[i];
    ctx.fillRect(bx + 8, cy - 4, 8, 8);
    ctx.fillStyle = '#fff';
    ctx.fillText(l, bx + 22, cy);
  });
}
