// One self-contained HTML report of an experiment's results: inline SVG charts, tables, verdicts and the file itself.
import type { SweepPoint } from '../experiment/types';
import { bytesToBase64 } from './metrics';
import { jsonNumber } from './report';
import type { BoundaryGrid, LayerSnapshot, Mechanism, RunResult } from './results';

export interface ReportRun {
  result: RunResult;
  /** "He normal: randn · √(2/fan_in)". */
  initLabel: string;
  /** Final weights per layer (histograms and statistics); empty when unknown. */
  layers: readonly LayerSnapshot[];
  boundary: BoundaryGrid | null;
  sweep?: SweepPoint;
  /** The signal flow and theory line, when the run measured them. */
  mechanism?: Mechanism;
}

export interface ReportInput {
  experimentName: string;
  description: string;
  /** The experiment file's name, shown in the title block. */
  fileName: string;
  /** The experiment file's text, reproduced at the end so the report says exactly what ran. */
  source: string;
  runs: readonly ReportRun[];
  /** Points as x, y, label triples. */
  train: { xyl: readonly number[] };
  test: { xyl: readonly number[] };
  /** When the report was made (ISO text); passed in so the core stays free of clocks. */
  generated: string;
}

/** Run colours, readable on white paper and in print; the panel uses the theme's own. */
const RUN_COLOURS = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#007b83', '#b06000', '#c5221f'];
const CLASS_0: [number, number, number] = [232, 113, 10];
const CLASS_1: [number, number, number] = [26, 115, 232];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const colour = (i: number): string => RUN_COLOURS[i % RUN_COLOURS.length];

/** A number for people: 4 significant digits, ∞ and NaN spelled out. */
export function formatValue(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export function htmlReport(input: ReportInput): string {
  const sweeps = sweepGroups(input.runs);
  const body = [
    `<header><h1>${esc(input.experimentName)}</h1>`,
    `<p class="meta">${esc(input.fileName)} · ${input.runs.length} run${input.runs.length === 1 ? '' : 's'} · generated ${esc(input.generated)} by Init Lab</p>`,
    input.description ? `<p>${esc(input.description)}</p>` : '',
    '</header>',
    section('Summary', summaryTable(input.runs)),
    section('Cost curves', costChart(input.runs)),
    ...sweeps.map((g) => section(`Sweep of ${esc(g.of)} over ${esc(g.key)}`, sweepChart(g, input.runs))),
    section('Runs', input.runs.map((r, i) => runSection(r, i, input)).join('\n')),
    section('Experiment file', `<pre class="source">${esc(input.source)}</pre>`),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${esc(input.experimentName)} — Init Lab report</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #202124; background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #dadce0; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta { color: #5f6368; margin: 0 0 .5rem; }
table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #dadce0; padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em; vertical-align: -.05em; }
.verdict { font-style: italic; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
svg { background: #fff; } svg text { font: 11px system-ui, sans-serif; fill: #3c4043; }
.source { background: #f8f9fa; border: 1px solid #dadce0; padding: .75rem; overflow: auto; font-size: 12px; }
.run { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } }
`;

function section(title: string, html: string): string {
  return `<section><h2>${title}</h2>\n${html}\n</section>`;
}

function swatch(i: number): string {
  return `<span class="swatch" style="background:${colour(i)}"></span>`;
}

function summaryTable(runs: readonly ReportRun[]): string {
  const rows = runs.map((r, i) => {
    const x = r.result;
    return (
      `<tr data-run="${i}"><td>${swatch(i)}${esc(x.name)}</td><td class="text">${esc(r.initLabel)}</td>` +
      `<td data-value="${x.trainAccuracy}">${pct(x.trainAccuracy)}</td><td data-value="${x.testAccuracy}">${pct(x.testAccuracy)}</td>` +
      `<td data-value="${esc(String(jsonNumber(x.finalCost)))}">${formatValue(x.finalCost)}</td><td>${x.iterations}${x.stopped ? ' (stopped)' : ''}</td>` +
      `<td class="verdict text">${esc(x.verdict.text)}</td></tr>`
    );
  });
  return (
    `<table class="summary"><thead><tr><th>Run</th><th>Initialization</th><th>Train accuracy</th><th>Test accuracy</th>` +
    `<th>Final cost</th><th>Iterations</th><th>Verdict</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}

// ------------------------------------------------------------------ charts

interface Axis {
  lo: number;
  hi: number;
  log: boolean;
}

/** A log axis when the values are positive and span more than two decades, else linear from 0 or the minimum. */
function axisFor(values: readonly number[], fromZero: boolean): Axis {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { lo: 0, hi: 1, log: false };
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo > 0 && hi / lo > 100) return { lo: Math.log10(lo), hi: Math.log10(hi), log: true };
  if (fromZero) lo = Math.min(0, lo);
  if (hi === lo) hi = lo + 1;
  return { lo, hi, log: false };
}

function place(a: Axis, v: number, from: number, to: number): number {
  const x = a.log ? Math.log10(v) : v;
  return from + ((x - a.lo) / (a.hi - a.lo)) * (to - from);
}

function ticks(a: Axis): number[] {
  if (a.log) {
    const out: number[] = [];
    for (let e = Math.ceil(a.lo); e <= Math.floor(a.hi); e++) out.push(10 ** e);
    return out.length >= 2 ? out : [10 ** a.lo, 10 ** a.hi];
  }
  // Round steps (1, 2 or 5 × 10ⁿ) giving about five ticks inside the range.
  const raw = (a.hi - a.lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(a.lo / step) * step; v <= a.hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const W = 640,
  H = 300,
  LEFT = 56,
  RIGHT = 16,
  TOP = 12,
  BOTTOM = 36;

/** Axes, grid and labels; `xTicks` false for a categorical x axis that labels its own points. */
function frame(x: Axis, y: Axis, xLabel: string, yLabel: string, xTicks = true): string {
  const parts: string[] = [
    `<rect x="${LEFT}" y="${TOP}" width="${W - LEFT - RIGHT}" height="${H - TOP - BOTTOM}" fill="none" stroke="#dadce0"/>`,
  ];
  for (const t of xTicks ? ticks(x) : []) {
    const px = place(x, t, LEFT, W - RIGHT).toFixed(1);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${H - BOTTOM}" y2="${H - BOTTOM + 4}" stroke="#5f6368"/><text x="${px}" y="${H - BOTTOM + 16}" text-anchor="middle">${formatValue(t)}</text>`,
    );
  }
  for (const t of ticks(y)) {
    const py = place(y, t, H - BOTTOM, TOP).toFixed(1);
    parts.push(
      `<line x1="${LEFT - 4}" x2="${W - RIGHT}" y1="${py}" y2="${py}" stroke="#f1f3f4"/><text x="${LEFT - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${formatValue(t)}</text>`,
    );
  }
  parts.push(`<text x="${(LEFT + W - RIGHT) / 2}" y="${H - 4}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(
    `<text transform="translate(12 ${(TOP + H - BOTTOM) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  return parts.join('');
}

function svg(kind: string, title: string, desc: string, inner: string, width = W, height = H): string {
  return (
    `<svg class="chart" data-chart="${kind}" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title><desc>${esc(desc)}</desc>${inner}</svg>`
  );
}

function costChart(runs: readonly ReportRun[]): string {
  const costs = runs.flatMap((r) => r.result.costs.map(([, c]) => c));
  const iterations = Math.max(1, ...runs.map((r) => r.result.iterations));
  const x: Axis = { lo: 0, hi: iterations, log: false };
  const y = axisFor(
    costs.filter((c) => c > 0 || !Number.isFinite(c)),
    true,
  );
  const lines = runs
    .map((r, i) => {
      // Non-finite costs (∞ at the start of a saturated run) leave a gap, as in the panel.
      const segments: string[][] = [[]];
      for (const [it, c] of r.result.costs) {
        if (!Number.isFinite(c) || (y.log && c <= 0)) {
          segments.push([]);
          continue;
        }
        segments[segments.length - 1].push(
          `${place(x, it, LEFT, W - RIGHT).toFixed(1)},${place(y, c, H - BOTTOM, TOP).toFixed(1)}`,
        );
      }
      return segments
        .filter((s) => s.length > 0)
        .map((s) =>
          s.length === 1
            ? `<circle cx="${s[0].split(',')[0]}" cy="${s[0].split(',')[1]}" r="2.5" fill="${colour(i)}"/>`
            : `<polyline points="${s.join(' ')}" fill="none" stroke="${colour(i)}" stroke-width="2"/>`,
        )
        .join('');
    })
    .join('');
  const legend = `<p>${runs.map((r, i) => `${swatch(i)}${esc(r.result.name)}`).join(' &nbsp; ')}</p>`;
  const desc = runs
    .map(
      (r) =>
        `${r.result.name}: cost ${formatValue(r.result.costs[0]?.[1] ?? NaN)} at iteration 0, ${formatValue(r.result.finalCost)} at the end`,
    )
    .join('; ');
  return (
    svg(
      'cost',
      'Cost against iteration for every run',
      desc,
      frame(x, y, 'iteration', y.log ? 'cost (log scale)' : 'cost') + lines,
    ) + legend
  );
}

interface SweepGroup {
  of: string;
  key: string;
  members: number[];
}

function sweepGroups(runs: readonly ReportRun[]): SweepGroup[] {
  const groups = new Map<string, SweepGroup>();
  runs.forEach((r, i) => {
    if (!r.sweep) return;
    const g = groups.get(r.sweep.of) ?? { of: r.sweep.of, key: r.sweep.key, members: [] };
    g.members.push(i);
    groups.set(r.sweep.of, g);
  });
  return [...groups.values()];
}

/** Final cost and accuracies against the swept value (numbers on a log axis when they span decades, names evenly). */
function sweepChart(g: SweepGroup, runs: readonly ReportRun[]): string {
  const members = g.members.map((i) => runs[i]);
  const values = members.map((r) => r.sweep?.value ?? 0);
  const numeric = values.every((v) => typeof v === 'number');
  const x: Axis = numeric ? axisFor(values as number[], false) : { lo: -0.5, hi: members.length - 0.5, log: false };
  const px = (k: number): number =>
    numeric ? place(x, values[k] as number, LEFT + 10, W - RIGHT - 10) : place(x, k, LEFT, W - RIGHT);
  const acc: Axis = { lo: 0, hi: 1, log: false };
  const series = [
    { label: 'train accuracy', colour: '#1a73e8', get: (r: ReportRun) => r.result.trainAccuracy },
    { label: 'test accuracy', colour: '#188038', get: (r: ReportRun) => r.result.testAccuracy },
  ];
  const marks = series
    .map((s) => {
      const pts = members.map((r, k) => `${px(k).toFixed(1)},${place(acc, s.get(r), H - BOTTOM, TOP).toFixed(1)}`);
      return (
        `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>` +
        pts.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3.5" fill="${s.colour}"/>`).join('')
      );
    })
    .join('');
  const labels = numeric
    ? ''
    : members
        .map(
          (r, k) =>
            `<text x="${px(k).toFixed(1)}" y="${H - BOTTOM + 16}" text-anchor="middle">${esc(String(r.sweep?.value))}</text>`,
        )
        .join('');
  const xFrame = frame(x, acc, `${g.key}${x.log ? ' (log scale)' : ''}`, 'accuracy', numeric);
  const rows = members.map(
    (r) =>
      `<tr><td>${esc(String(r.sweep?.value))}</td><td>${pct(r.result.trainAccuracy)}</td><td>${pct(r.result.testAccuracy)}</td><td>${formatValue(r.result.finalCost)}</td></tr>`,
  );
  const desc = members
    .map(
      (r) => `${g.key} = ${r.sweep?.value}: train ${pct(r.result.trainAccuracy)}, test ${pct(r.result.testAccuracy)}`,
    )
    .join('; ');
  return (
    svg('sweep', `Accuracy against ${g.key}`, desc, xFrame + labels + marks) +
    `<p>${series.map((s) => `<span class="swatch" style="background:${s.colour}"></span>${s.label}`).join(' &nbsp; ')}</p>` +
    `<table><thead><tr><th>${esc(g.key)}</th><th>Train accuracy</th><th>Test accuracy</th><th>Final cost</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function runSection(r: ReportRun, i: number, input: ReportInput): string {
  const x = r.result;
  const charts = [
    r.boundary ? boundaryChart(r.boundary, input, x.name) : '',
    r.mechanism ? signalChart(r.mechanism, x.name) : '',
    ...r.layers.map((l) => histogramChart(l, x.name)),
  ].join('');
  return (
    `<div class="run" data-run="${i}"><h3>${swatch(i)}${esc(x.name)}</h3>` +
    `<p>${esc(r.initLabel)} · train ${pct(x.trainAccuracy)} · test ${pct(x.testAccuracy)} · final cost ${formatValue(x.finalCost)}` +
    ` · ${x.iterations} iterations in ${formatValue(x.ms / 1000)} s</p><p class="verdict">${esc(x.verdict.text)}</p>` +
    `<div class="charts">${charts}</div>${layerTable(r.layers)}</div>`
  );
}

/** The boundary as a small bitmap (a data: URL, so no request leaves the page) under the points. */
function boundaryChart(g: BoundaryGrid, input: ReportInput, name: string): string {
  const S = 240;
  const sx = (v: number): number => ((v - g.xMin) / (g.xMax - g.xMin)) * S;
  const sy = (v: number): number => ((g.yMax - v) / (g.yMax - g.yMin)) * S;
  const points = (set: { xyl: readonly number[] }, hollow: boolean): string => {
    const out: string[] = [];
    for (let k = 0; k + 2 < set.xyl.length; k += 3) {
      const c = set.xyl[k + 2] > 0.5 ? CLASS_1 : CLASS_0;
      const fill = `rgb(${c.join(',')})`;
      out.push(
        `<circle cx="${sx(set.xyl[k]).toFixed(1)}" cy="${sy(set.xyl[k + 1]).toFixed(1)}" r="2.6" fill="${hollow ? 'none' : fill}" stroke="${hollow ? fill : '#fff'}" stroke-width="${hollow ? 1.4 : 0.6}"/>`,
      );
    }
    return out.join('');
  };
  const image = `<image href="data:image/bmp;base64,${boundaryBmp(g)}" x="0" y="0" width="${S}" height="${S}" preserveAspectRatio="none"/>`;
  return svg(
    'boundary',
    `Decision boundary of ${name}`,
    'P(y = 1) shaded from orange (0) to blue (1); training points filled, test points hollow.',
    image + points(input.train, false) + points(input.test, true),
    S,
    S,
  );
}

/** A 24-bit BMP of the grid (rows bottom-up, padded to 4 bytes), coloured from class 0 to class 1 over white. */
export function boundaryBmp(g: BoundaryGrid): string {
  const n = g.n;
  const probs = base64ToBytes(g.probs);
  const rowBytes = Math.ceil((n * 3) / 4) * 4;
  const size = 54 + rowBytes * n;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  dv.setUint32(2, size, true);
  dv.setUint32(10, 54, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, n, true);
  dv.setInt32(22, n, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, 24, true);
  dv.setUint32(34, rowBytes * n, true);
  for (let row = 0; row < n; row++) {
    // Grid row 0 is the top (yMax); BMP stores the bottom row first.
    const src = (n - 1 - row) * n;
    for (let col = 0; col < n; col++) {
      const p = probs[src + col] / 255;
      // Blend towards the winning class, white at p = 0.5, so the boundary is where the colour fades out.
      const c = p >= 0.5 ? CLASS_1 : CLASS_0;
      const t = Math.abs(p - 0.5) * 2 * 0.6;
      const o = 54 + row * rowBytes + col * 3;
      b[o] = Math.round(255 + (c[2] - 255) * t);
      b[o + 1] = Math.round(255 + (c[1] - 255) * t);
      b[o + 2] = Math.round(255 + (c[0] - 255) * t);
    }
  }
  return bytesToBase64(b);
}

function base64ToBytes(s: string): Uint8Array {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0,
    acc = 0,
    k = 0;
  for (const ch of clean) {
    acc = (acc << 6) | table.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 255;
    }
  }
  return out;
}

/** Std of z and of dZ per layer (log scale) at iteration 0 and at the end, with the theory line dashed. */
function signalChart(m: Mechanism, name: string): string {
  const w = 320,
    h = 240;
  const series = [
    { label: 'z at 0', colour: '#1a73e8', dash: '', values: m.initial.layers.map((l) => l.zStd) },
    { label: 'z at the end', colour: '#1a73e8', dash: '2 3', values: m.current.layers.map((l) => l.zStd) },
    { label: 'dZ at 0', colour: '#e8710a', dash: '', values: m.initial.layers.map((l) => l.dzStd) },
    { label: 'theory', colour: '#202124', dash: '6 4', values: m.theory.zStd },
  ];
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  if (all.length === 0) return '';
  const y: Axis = {
    lo: Math.floor(Math.log10(Math.min(...all))),
    hi: Math.ceil(Math.log10(Math.max(...all))),
    log: true,
  };
  if (y.hi === y.lo) y.hi = y.lo + 1;
  const n = m.initial.layers.length;
  const x = (k: number): number => 40 + (n > 1 ? (k / (n - 1)) * (w - 60) : (w - 60) / 2);
  const lines = series
    .map((s) => {
      const pts = s.values
        .map((v, k) => (v !== null && v > 0 ? `${x(k).toFixed(1)},${place(y, v, h - 30, 10).toFixed(1)}` : null))
        .filter((p): p is string => p !== null);
      return pts.length > 1
        ? `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2" stroke-dasharray="${s.dash}"/>`
        : '';
    })
    .join('');
  const yTicks = ticks(y)
    .map(
      (t) =>
        `<text x="34" y="${place(y, t, h - 30, 10).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${formatValue(t)}</text>`,
    )
    .join('');
  const xTicks = m.initial.layers
    .map((l, k) => `<text x="${x(k).toFixed(1)}" y="${h - 14}" text-anchor="middle">${l.layer}</text>`)
    .join('');
  const legend = series
    .map((s, k) => `<text x="${50 + k * 70}" y="${h - 1}" fill="${s.colour}">${s.label}</text>`)
    .join('');
  const desc = m.initial.layers
    .map(
      (l, k) =>
        `layer ${l.layer}: std z ${formatValue(l.zStd ?? NaN)} at 0, theory ${formatValue(m.theory.zStd[k] ?? NaN)}`,
    )
    .join('; ');
  return svg('signal', `Signal flow of ${name}: std per layer`, desc, yTicks + xTicks + lines + legend, w, h);
}

function histogramChart(l: LayerSnapshot, name: string): string {
  const w = 200,
    h = 120,
    pad = 14;
  const counts = l.histogram.counts;
  const max = Math.max(1, ...counts);
  const bw = (w - 2 * pad) / Math.max(1, counts.length);
  const bars = counts
    .map((c, k) => {
      const bh = ((h - 2 * pad - 10) * c) / max;
      return `<rect x="${(pad + k * bw).toFixed(1)}" y="${(h - pad - bh).toFixed(1)}" width="${Math.max(0.5, bw - 0.5).toFixed(1)}" height="${bh.toFixed(1)}" fill="#5f6368"/>`;
    })
    .join('');
  const axis =
    `<text x="${pad}" y="${h - 2}">${formatValue(l.histogram.min)}</text><text x="${w - pad}" y="${h - 2}" text-anchor="end">${formatValue(l.histogram.max)}</text>` +
    `<text x="${w / 2}" y="10" text-anchor="middle">W${l.layer} (${l.shape[0]}×${l.shape[1]})</text>`;
  return svg(
    'histogram',
    `Histogram of the weights W${l.layer} of ${name}`,
    `${counts.length} bins from ${formatValue(l.histogram.min)} to ${formatValue(l.histogram.max)}; mean ${formatValue(l.mean)}, std ${formatValue(l.std)}.`,
    bars + axis,
    w,
    h,
  );
}

function layerTable(layers: readonly LayerSnapshot[]): string {
  if (layers.length === 0) return '';
  const rows = layers.map(
    (l) =>
      `<tr><td>W${l.layer}</td><td>${l.shape[0]}×${l.shape[1]}</td><td>${formatValue(l.mean)}</td>` +
      `<td>${formatValue(l.std)}</td><td>${formatValue(l.unitSpread)}</td><td>${l.gradRms === null ? '—' : formatValue(l.gradRms)}</td></tr>`,
  );
  return `<table><thead><tr><th>Layer</th><th>Shape</th><th>Mean</th><th>Std</th><th>Unit spread</th><th>Gradient RMS</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
