// Decision-boundary view: an n×n probability image (scaled up by CSS), the 0.5 contour above it, the points on top.
//
// Three layers so that a live update redraws only what changed: the image and the contour follow every snapshot,
// the points (hundreds of arcs) only a new dataset, size or theme.
import type { BoundaryGrid, Bounds, PointSet } from '../src/shared/protocol';
import { el } from './dom';
import type { Rgb, Theme } from './theme';
import { mix, toRgb } from './theme';

/** How far the class colours are blended into the background at p = 0 or 1; points stay readable on top. */
const MAX_TINT = 0.66;

export class Heatmap {
  readonly root: HTMLElement;
  readonly image: HTMLCanvasElement;
  /** The 0.5 level set, redrawn with every grid. */
  readonly contour: HTMLCanvasElement;
  /** The points, on top (it carries the view's accessible name). */
  readonly overlay: HTMLCanvasElement;
  private lut = new Uint8ClampedArray(256 * 4);
  /** The same colours as 32-bit pixels, one store per grid cell. */
  private lut32 = new Uint32Array(this.lut.buffer);
  private imageData: ImageData | undefined;
  private grid: BoundaryGrid | null = null;
  private bytes: Uint8Array | null = null;
  private train: PointSet = { xyl: [] };
  private test: PointSet = { xyl: [] };
  private theme: Theme;
  private resizeObserver: ResizeObserver;
  /** The element's CSS size, kept by the ResizeObserver: reading layout on every update would force it. */
  private size: { width: number; height: number } | null = null;
  /** What the points layer shows; equal keys mean it is still right. */
  private pointsKey = '';
  private pointsOf: PointSet | null = null;
  private pointsOfTest: PointSet | null = null;

  constructor(label: string, theme: Theme) {
    this.theme = theme;
    this.image = el('canvas', { className: 'heatmap-image', attrs: { 'aria-hidden': 'true' } });
    this.overlay = el('canvas', {
      className: 'heatmap-overlay',
      attrs: { role: 'img', 'aria-label': label },
    });
    this.contour = el('canvas', { className: 'heatmap-contour', attrs: { 'aria-hidden': 'true' } });
    this.root = el('div', { className: 'heatmap' }, [this.image, this.contour, this.overlay]);
    this.buildLut();
    // The contour and the points are drawn at device resolution, so they follow the element's size.
    this.resizeObserver = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) this.size = { width: box.width, height: box.height };
      this.drawVector();
    });
    this.resizeObserver.observe(this.root);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.buildLut();
    this.pointsKey = '';
    this.draw();
  }

  setData(grid: BoundaryGrid | null, train: PointSet, test: PointSet): void {
    if (grid !== this.grid) {
      this.grid = grid;
      this.bytes = grid ? decodeBase64(grid.probs) : null;
    }
    this.train = train;
    this.test = test;
    this.draw();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
  }

  draw(): void {
    this.drawImage();
    this.drawVector();
  }

  /** Data bounds shown: the grid's, or (before the first snapshot) the points' own. */
  bounds(): Bounds {
    if (this.grid) return this.grid;
    return pointBounds(this.train, this.test);
  }

  private buildLut(): void {
    const bg = toRgb(this.theme.background);
    const pos = toRgb(this.theme.positive);
    const neg = toRgb(this.theme.negative);
    for (let b = 0; b < 256; b++) {
      // Diverging map: p < 0.5 towards the label-0 colour, p > 0.5 towards the label-1 colour.
      const p = b / 255;
      const t = Math.min(1, Math.abs(p - 0.5) * 2);
      const c: Rgb = mix(bg, p >= 0.5 ? pos : neg, MAX_TINT * Math.pow(t, 0.8));
      this.lut.set([Math.round(c[0]), Math.round(c[1]), Math.round(c[2]), 255], b * 4);
    }
  }

  private drawImage(): void {
    const ctx = this.image.getContext('2d');
    if (!ctx) return;
    const n = this.grid && this.bytes ? this.grid.n : 1;
    if (this.image.width !== n) this.image.width = n;
    if (this.image.height !== n) this.image.height = n;
    // One ImageData per grid size, reused: a snapshot only rewrites its pixels.
    if (this.imageData?.width !== n) this.imageData = ctx.createImageData(n, n);
    const img = this.imageData;
    const pixels = new Uint32Array(img.data.buffer);
    // No boundary yet: the neutral colour, as for p = 0.5.
    if (this.bytes) for (let k = 0; k < n * n; k++) pixels[k] = this.lut32[this.bytes[k]];
    else pixels[0] = this.lut32[128];
    ctx.putImageData(img, 0, 0);
  }

  /** Sizes a layer to the element at device resolution; false when the element has no size (hidden). */
  private fit(canvas: HTMLCanvasElement): { w: number; h: number; dpr: number } | null {
    const size = this.size ?? this.root.getBoundingClientRect();
    if (size.width === 0) return null;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    return { w, h, dpr };
  }

  private drawVector(): void {
    this.drawContourLayer();
    this.drawPoints();
  }

  private drawContourLayer(): void {
    const fit = this.fit(this.contour);
    const ctx = fit && this.contour.getContext('2d');
    if (!fit || !ctx) return;
    ctx.clearRect(0, 0, fit.w, fit.h);
    if (this.grid && this.bytes) this.drawContour(ctx, this.grid.n, this.bytes, fit.w, fit.h, fit.dpr);
  }

  private drawPoints(): void {
    const fit = this.fit(this.overlay);
    const ctx = fit && this.overlay.getContext('2d');
    if (!fit || !ctx) return;
    const { w, h, dpr } = fit;
    const b = this.bounds();
    const key = [w, h, b.xMin, b.xMax, b.yMin, b.yMax, this.train.xyl.length, this.test.xyl.length].join(',');
    // Same size, bounds and point sets (they change only with a new experiment): already drawn.
    if (key === this.pointsKey && this.pointsOf === this.train && this.pointsOfTest === this.test) return;
    this.pointsKey = key;
    this.pointsOf = this.train;
    this.pointsOfTest = this.test;
    ctx.clearRect(0, 0, w, h);
    const sx = (x: number): number => ((x - b.xMin) / (b.xMax - b.xMin)) * w;
    const sy = (y: number): number => ((b.yMax - y) / (b.yMax - b.yMin)) * h;
    const pos = this.theme.positive;
    const neg = this.theme.negative;
    const r = Math.max(2.2, Math.min(4, w / 90));
    ctx.lineWidth = 1.6 * dpr;
    // Test points: hollow rings, so they are told apart from training points at a glance.
    for (let k = 0; k + 2 < this.test.xyl.length; k += 3) {
      const [x, y, label] = [this.test.xyl[k], this.test.xyl[k + 1], this.test.xyl[k + 2]];
      ctx.beginPath();
      ctx.arc(sx(x), sy(y), r * dpr, 0, 2 * Math.PI);
      ctx.strokeStyle = this.theme.background;
      ctx.lineWidth = 3.2 * dpr;
      ctx.stroke();
      ctx.strokeStyle = label > 0.5 ? pos : neg;
      ctx.lineWidth = 1.6 * dpr;
      ctx.stroke();
    }
    ctx.lineWidth = 0.9 * dpr;
    ctx.strokeStyle = this.theme.background;
    for (let k = 0; k + 2 < this.train.xyl.length; k += 3) {
      const [x, y, label] = [this.train.xyl[k], this.train.xyl[k + 1], this.train.xyl[k + 2]];
      ctx.beginPath();
      ctx.arc(sx(x), sy(y), r * dpr, 0, 2 * Math.PI);
      ctx.fillStyle = label > 0.5 ? pos : neg;
      ctx.fill();
      ctx.stroke();
    }
  }

  /** The p = 0.5 level set by marching squares over the grid's pixel centres. */
  private drawContour(
    ctx: CanvasRenderingContext2D,
    n: number,
    bytes: Uint8Array,
    w: number,
    h: number,
    dpr: number,
  ): void {
    const level = 127.5;
    const cw = w / n;
    const ch = h / n;
    const px = (c: number): number => (c + 0.5) * cw;
    const py = (r: number): number => (r + 0.5) * ch;
    ctx.beginPath();
    for (let r = 0; r + 1 < n; r++) {
      for (let c = 0; c + 1 < n; c++) {
        const a = bytes[r * n + c],
          b = bytes[r * n + c + 1];
        const d = bytes[(r + 1) * n + c],
          e = bytes[(r + 1) * n + c + 1];
        // Most cells lie wholly on one side of the boundary: nothing to draw, nothing to allocate.
        const above = a > level;
        if (b > level === above && d > level === above && e > level === above) continue;
        const pts: [number, number][] = [];
        // Crossings on the four cell edges, linearly interpolated.
        if (a > level !== b > level) pts.push([px(c + (level - a) / (b - a)), py(r)]);
        if (b > level !== e > level) pts.push([px(c + 1), py(r + (level - b) / (e - b))]);
        if (d > level !== e > level) pts.push([px(c + (level - d) / (e - d)), py(r + 1)]);
        if (a > level !== d > level) pts.push([px(c), py(r + (level - a) / (d - a))]);
        for (let i = 0; i + 1 < pts.length; i += 2) {
          ctx.moveTo(pts[i][0], pts[i][1]);
          ctx.lineTo(pts[i + 1][0], pts[i + 1][1]);
        }
      }
    }
    ctx.strokeStyle = this.theme.foreground;
    ctx.globalAlpha = 0.75;
    ctx.lineWidth = 1.4 * dpr;
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
}

export function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function pointBounds(...sets: PointSet[]): Bounds {
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (const s of sets) {
    for (let k = 0; k + 2 < s.xyl.length; k += 3) {
      xMin = Math.min(xMin, s.xyl[k]);
      xMax = Math.max(xMax, s.xyl[k]);
      yMin = Math.min(yMin, s.xyl[k + 1]);
      yMax = Math.max(yMax, s.xyl[k + 1]);
    }
  }
  if (!(xMin <= xMax)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  // Same padding rule as the core's bounds so the view does not jump when the first grid arrives.
  const half = (Math.max(xMax - xMin, yMax - yMin, 1e-9) / 2) * 1.1;
  const cx = (xMin + xMax) / 2,
    cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** Draws the heatmap with its layers into a 2-D context (for PNG export). */
export function paintHeatmap(ctx: CanvasRenderingContext2D, h: Heatmap, x: number, y: number, size: number): void {
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(h.image, x, y, size, size);
  ctx.drawImage(h.contour, x, y, size, size);
  ctx.drawImage(h.overlay, x, y, size, size);
}
