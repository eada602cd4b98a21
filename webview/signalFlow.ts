// A run's "Signal flow" chart: std of z and of dZ per layer (log scale) at iteration 0 and now, both theories dashed.
import * as l10n from '@vscode/l10n';
import type { Mechanism, SignalSnapshot } from '../src/shared/protocol';
import { el, setHidden, setText } from './dom';
import { formatInt, formatSig } from './format';
import { XyChart, type XySeries } from './xyChart';
import type { Theme } from './theme';
import { withAlpha } from './theme';

let formulaIds = 0;

type Series = 'zStart' | 'zNow' | 'theory' | 'dzStart' | 'dzNow' | 'dzTheory';
const SERIES: Series[] = ['zStart', 'zNow', 'theory', 'dzStart', 'dzNow', 'dzTheory'];

/** Log scales cannot show 0 or a missing figure: both become gaps (NaN) in the chart. */
const positive = (x: number | null | undefined): number => (x !== null && x !== undefined && x > 0 ? x : NaN);
const cell = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : formatSig(x, 2);
const share = (x: number | null): string => (x === null ? '—' : `${Math.round(100 * x)} %`);

/** The theory's own words: the forward recursion, then the backward one (older workers sent only the forward). */
function theoryText(m: Mechanism): { formula: string; notes: string[] } {
  const t = m.theory;
  const formula = [t.formula, t.backwardFormula].filter(Boolean).join('\n');
  const notes = [t.note, t.backwardNote].filter((n): n is string => typeof n === 'string' && n !== '');
  return { formula, notes };
}

function seriesLabel(s: Series, now: number): string {
  switch (s) {
    case 'zStart':
      return l10n.t('signal z, iteration 0');
    case 'zNow':
      return l10n.t('signal z, iteration {0}', formatInt(now));
    case 'theory':
      return l10n.t('theory of z (scheme)');
    case 'dzStart':
      return l10n.t('gradient dZ, iteration 0');
    case 'dzNow':
      return l10n.t('gradient dZ, iteration {0}', formatInt(now));
    case 'dzTheory':
      return l10n.t('theory of dZ (scheme, from the output)');
  }
}

/** Unit health of one layer as words, or '' for the output layer and activations without such figures. */
export function healthText(s: SignalSnapshot, index: number): string {
  const l = s.layers[index];
  if (!l) return '';
  if (l.dead !== null) return l10n.t('{0} dead', share(l.dead));
  if (l.saturated !== null) return l10n.t('{0} saturated', share(l.saturated));
  return '';
}

/** A sentence for screen readers: how the signal and the gradient change from the first to the last layer. */
export function signalSummary(m: Mechanism): string {
  const first = m.initial.layers[0];
  const last = m.initial.layers[m.initial.layers.length - 1];
  if (!first || !last) return l10n.t('No signal flow yet.');
  return l10n.t(
    "At iteration 0 the std of z goes from {0} in layer 1 to {1} in layer {2} (theory {3}), and the gradient's from {4} at the output to {5} in layer 1 (theory {6}).",
    cell(first.zStd),
    cell(last.zStd),
    last.layer,
    cell(m.theory.zStd[m.theory.zStd.length - 1]),
    cell(last.dzStd),
    cell(first.dzStd),
    cell(m.theory.dzStd?.[0]),
  );
}

export class SignalFlowChart {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly chart: XyChart;
  /** The series as last built from a mechanism (their looks come from style()). */
  private data: { label: string; y: number[]; hidden: boolean }[] = [];
  private readonly formula: HTMLElement;
  private readonly formulaButton: HTMLButtonElement;
  private readonly note: HTMLElement;
  private readonly tableBody: HTMLTableSectionElement;
  private readonly nowHeader: HTMLElement[];
  private theme: Theme;
  private color: string;
  private mechanism: Mechanism | null = null;

  constructor(theme: Theme, color: string) {
    this.theme = theme;
    this.color = color;
    this.chart = new XyChart(
      {
        xTitle: l10n.t('layer'),
        yTitle: l10n.t('std'),
        category: true,
        maxXTicks: 12,
        maxYTicks: 6,
        xTick: (i) => String(i + 1),
        yTick: (v) => formatSig(v, 2),
        title: (i) => this.tooltipTitle(i),
        value: cell,
        legendScale: 0.9,
      },
      theme,
      l10n.t('Signal flow: no data yet'),
    );
    this.canvas = this.chart.canvas;
    this.formula = el('p', { className: 'signal-formula', attrs: { id: `signal-formula-${++formulaIds}` } });
    this.formula.hidden = true;
    this.formulaButton = el('button', {
      className: 'link-button',
      text: l10n.t('Show the theory'),
      attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': this.formula.id },
    });
    this.formulaButton.addEventListener('click', () => this.toggleFormula());
    this.note = el('p', { className: 'signal-note', attrs: { role: 'note' } });
    this.tableBody = el('tbody');
    const th = (t: string, title: string): HTMLElement => el('th', { text: t, attrs: { scope: 'col', title } });
    this.nowHeader = [
      th(l10n.t('z now'), l10n.t('Std of z at the latest snapshot')),
      th(l10n.t('dZ now'), l10n.t('Std of the per-sample gradient dZ now')),
    ];
    const table = el('table', { className: 'signal-table' }, [
      el('caption', {
        className: 'visually-hidden',
        text: l10n.t('Signal flow per layer: standard deviations and unit health'),
      }),
      el('thead', {}, [
        el('tr', {}, [
          th(l10n.t('Layer'), l10n.t('Layer l: z = W·a + b, a = g(z)')),
          th(l10n.t('z it. 0'), l10n.t('Std of the pre-activations z on the training set at iteration 0')),
          th(
            l10n.t('theory'),
            l10n.t('Std of z that the scheme predicts by variance propagation (— where it has no closed form)'),
          ),
          this.nowHeader[0],
          th(l10n.t('dZ it. 0'), l10n.t('Std of the back-propagated gradient dZ (per sample) at iteration 0')),
          th(
            l10n.t('dZ theory'),
            l10n.t(
              "Std of dZ that the scheme predicts going back from the output's measured one (— where it has no closed form)",
            ),
          ),
          this.nowHeader[1],
          th(
            l10n.t('units now'),
            l10n.t(
              'Dead ReLU units (never active on the training set) or saturated tanh/sigmoid units (|z| > 3 on most samples)',
            ),
          ),
        ]),
      ]),
      this.tableBody,
    ]);
    this.root = el('section', { className: 'signal', attrs: { 'aria-label': l10n.t('Signal flow') } }, [
      el('div', { className: 'signal-bar' }, [el('h4', { text: l10n.t('Signal flow') }), this.formulaButton]),
      this.formula,
      el('div', { className: 'signal-canvas' }, [this.canvas]),
      this.chart.live,
      this.note,
      el('details', { className: 'signal-numbers' }, [
        el('summary', { text: l10n.t('Numbers per layer') }),
        el('div', { className: 'table-wrap' }, [table]),
      ]),
    ]);
  }

  update(m: Mechanism | null | undefined): void {
    const mech = m ?? null;
    if (mech === this.mechanism) return;
    this.mechanism = mech;
    setHidden(this.root, mech === null);
    if (!mech) return;
    const { initial, current, theory } = mech;
    const now = current.iteration;
    const data: Record<Series, number[]> = {
      zStart: initial.layers.map((l) => positive(l.zStd)),
      zNow: current.layers.map((l) => positive(l.zStd)),
      theory: theory.zStd.map(positive),
      dzStart: initial.layers.map((l) => positive(l.dzStd)),
      dzNow: current.layers.map((l) => positive(l.dzStd)),
      dzTheory: (theory.dzStd ?? []).map(positive),
    };
    this.data = SERIES.map((s) => ({
      label: seriesLabel(s, now),
      y: data[s],
      // At iteration 0 "now" is the start: one line each, not two on top of each other.
      hidden: now === initial.iteration && (s === 'zNow' || s === 'dzNow'),
    }));
    this.draw();
    const { formula, notes } = theoryText(mech);
    setText(this.formula, [formula, ...notes].join('\n'));
    const zeros = initial.layers.every((l) => l.zStd === 0)
      ? [l10n.t('Every z is 0 (W = 0): nothing to draw on a log scale.')]
      : [];
    setText(this.note, [...zeros, ...notes].join(' '));
    setHidden(this.note, zeros.length === 0 && notes.length === 0);
    this.canvas.setAttribute(
      'aria-label',
      l10n.t(
        'Signal flow chart. {0} Use the arrow keys to read each layer, and 1 to 6 to hide or show a line.',
        signalSummary(mech),
      ),
    );
    setText(this.nowHeader[0], l10n.t('z it. {0}', formatInt(now)));
    setText(this.nowHeader[1], l10n.t('dZ it. {0}', formatInt(now)));
    this.fillTable(mech);
  }

  setTheme(theme: Theme, color: string): void {
    this.theme = theme;
    this.color = color;
    this.chart.setTheme(theme);
    this.draw();
  }

  /** Draws the chart into a composed image (Save PNG). */
  paint(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
    if (this.canvas.width > 0 && this.canvas.height > 0 && this.mechanism) ctx.drawImage(this.canvas, x, y, w, h);
  }

  get hasData(): boolean {
    return this.mechanism !== null;
  }

  destroy(): void {
    this.chart.destroy();
  }

  private toggleFormula(): void {
    const open = this.formula.hidden;
    this.formula.hidden = !open;
    this.formulaButton.setAttribute('aria-expanded', String(open));
    setText(this.formulaButton, open ? l10n.t('Hide the theory') : l10n.t('Show the theory'));
  }

  private tooltipTitle(i: number): string {
    const m = this.mechanism;
    const health = m ? healthText(m.current, i) : '';
    const layer = l10n.t('layer {0}', i + 1);
    return health ? `${layer} · ${health}` : layer;
  }

  /** The series with their looks: z in the run's colour, dZ in the theme's gradient colour, theories dashed. */
  private draw(): void {
    const t = this.theme;
    const gradient = t.negative;
    const look: Record<Series, Pick<XySeries, 'color' | 'dash' | 'width' | 'marker'>> = {
      zStart: { color: withAlpha(this.color, 0.5), width: 1.5, marker: 'circle' },
      zNow: { color: this.color, width: 2, marker: 'circle' },
      theory: { color: t.foreground, dash: [6, 4], width: 1.5 },
      dzStart: { color: withAlpha(gradient, 0.5), width: 1.5, marker: 'triangle' },
      dzNow: { color: gradient, width: 2, marker: 'triangle' },
      dzTheory: { color: gradient, dash: [2, 3], width: 1.5 },
    };
    const series = this.data.map((d, i) => ({
      ...look[SERIES[i]],
      label: d.label,
      x: d.y.map((_, k) => k),
      y: d.y,
      hidden: d.hidden,
    }));
    this.chart.setData(series, { yLog: true });
  }

  private fillTable(m: Mechanism): void {
    const rows = m.initial.layers.map((l, i) => {
      const now = m.current.layers[i];
      const td = (t: string): HTMLElement => el('td', { className: 'num', text: t });
      return el('tr', {}, [
        el('th', { text: String(l.layer), attrs: { scope: 'row' } }),
        td(cell(l.zStd)),
        td(cell(m.theory.zStd[i])),
        td(cell(now?.zStd)),
        td(cell(l.dzStd)),
        td(cell(m.theory.dzStd?.[i])),
        td(cell(now?.dzStd)),
        td(healthText(m.current, i) || '—'),
      ]);
    });
    this.tableBody.replaceChildren(...rows);
  }
}
