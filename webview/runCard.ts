// One run's card: boundary heatmap, accuracies, cost, time, verdict (divergence shown loudly), histograms, layer table.
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type {
  LayerSnapshot,
  Mechanism,
  PanelStatus,
  PointSet,
  PreviousRun,
  RunView,
  VerdictKind,
} from '../src/shared/protocol';
import { curveData } from './costChart';
import { el, setHidden, setText } from './dom';
import { formatCost, formatInt, formatMs, formatPercent, formatSig } from './format';
import { Heatmap } from './heatmap';
import type { DistributionMode } from './distributionMode';
import { ModeSwitch } from './distributionMode';
import { LayerHistograms, layerDistributions } from './histograms';
import type { LayerFigure } from './pngExport';
import { WeightBands } from './weightBands';
import { healthText, SignalFlowChart } from './signalFlow';
import type { OnScreen } from './pacedDraw';
import { PacedDraw } from './pacedDraw';
import type { Theme } from './theme';
import { seriesColor } from './theme';

export interface CardContext {
  train: PointSet;
  test: PointSet;
  totalIterations: number;
  status: PanelStatus;
  /** This run's outcome in the previous session, shown beside the new one (absent = none). */
  previous?: PreviousRun;
}

/** How a card draws within the panel: what is on screen, and how to ask for a frame when a part becomes due. */
export interface CardPacing {
  onScreen: OnScreen;
  /** Asks the panel for a redraw (a part scrolled into view, or its interval passed). */
  wake(): void;
}

/**
 * Least time between two redraws of a card's signal flow and per-layer charts: they change slowly, and each redraw
 * costs a canvas upload, while the cost curve and the boundary follow every frame.
 */
export const DETAIL_INTERVAL_MS = 250;

type Severity = 'ok' | 'warn' | 'error' | 'info';

function severity(kind: VerdictKind): Severity {
  switch (kind) {
    case 'learnsWell':
      return 'ok';
    case 'slow':
    case 'symmetry':
    case 'vanishing':
    case 'deadUnits':
    case 'saturated':
      return 'warn';
    case 'exploding':
    case 'diverged':
      return 'error';
    case 'stopped':
      return 'info';
  }
}

function shortLabel(kind: VerdictKind): string {
  switch (kind) {
    case 'learnsWell':
      return l10n.t('learns well');
    case 'slow':
      return l10n.t('slow');
    case 'symmetry':
      return l10n.t('symmetric');
    case 'vanishing':
      return l10n.t('vanishing');
    case 'exploding':
      return l10n.t('exploding');
    case 'diverged':
      return l10n.t('diverged');
    case 'stopped':
      return l10n.t('stopped');
    case 'deadUnits':
      return l10n.t('dead units');
    case 'saturated':
      return l10n.t('saturated');
  }
}

/** First iteration whose cost is not finite after a finite one: a run diverging right now, before its verdict. */
export function liveDivergence(run: Pick<RunView, 'logged' | 'curve'>): { at: number; label: string } | null {
  const { finite, nonFinite } = curveData(run);
  if (!finite.length) return null;
  const firstFinite = finite[0].x;
  const p = nonFinite.find((q) => q.x > firstFinite);
  return p ? { at: p.x, label: p.label } : null;
}

export class RunCard {
  readonly root: HTMLElement;
  readonly heatmap: Heatmap;
  readonly histograms: LayerHistograms;
  readonly bands: WeightBands;
  readonly signal: SignalFlowChart;
  private readonly modeSwitch: ModeSwitch;
  private mode: DistributionMode;
  private readonly swatch: HTMLElement;
  private readonly title: HTMLElement;
  private readonly initLabel: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly stats: Record<'train' | 'test' | 'cost' | 'time' | 'iter', HTMLElement>;
  private readonly costLabel: HTMLElement;
  private readonly previousLine: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly verdict: HTMLElement;
  private readonly why: HTMLElement;
  private readonly whyText: HTMLElement;
  private readonly tableBody: HTMLTableSectionElement;
  private readonly layersSection: HTMLElement;
  private theme: Theme;
  private index: number;
  private last: { run: RunView; ctx: CardContext } | null = null;
  private readonly boundaryDraw: PacedDraw;
  private readonly signalDraw: PacedDraw;
  private readonly layersDraw: PacedDraw;
  private readonly unobserve: (() => void)[];

  /** `onMode`: the learner chose what the per-layer charts show (every card follows, see setMode). */
  constructor(
    index: number,
    theme: Theme,
    mode: DistributionMode,
    onMode: (mode: DistributionMode) => void,
    pacing: CardPacing,
  ) {
    this.index = index;
    this.theme = theme;
    this.mode = mode;
    this.swatch = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
    this.title = el('h3', { className: 'run-name' });
    this.initLabel = el('div', { className: 'init-label' });
    this.badge = el('vscode-badge', { className: 'run-badge' });
    const head = el('header', { className: 'card-head' }, [
      this.swatch,
      el('div', { className: 'card-titles' }, [this.title, this.initLabel]),
      this.badge,
    ]);

    this.heatmap = new Heatmap(l10n.t('Decision boundary'), theme);
    const legend = el('div', { className: 'heatmap-legend', attrs: { 'aria-hidden': 'true' } }, [
      el('span', { className: 'dot filled' }),
      el('span', { text: l10n.t('train') }),
      el('span', { className: 'dot hollow' }),
      el('span', { text: l10n.t('test') }),
      el('span', { className: 'contour-key' }),
      el('span', { text: 'p = 0.5' }),
    ]);

    const stat = (label: string, cls: string): [HTMLElement, HTMLElement, HTMLElement] => {
      const dt = el('dt', { text: label });
      const dd = el('dd', { className: cls, text: '—' });
      return [el('div', { className: 'stat' }, [dt, dd]), dd, dt];
    };
    const [trainS, trainV] = stat(l10n.t('Train accuracy'), 'acc');
    const [testS, testV] = stat(l10n.t('Test accuracy'), 'acc');
    const [costS, costV, costL] = stat(l10n.t('Final cost'), 'num');
    const [timeS, timeV] = stat(l10n.t('Time'), 'num');
    const [iterS, iterV] = stat(l10n.t('Iteration'), 'num');
    iterS.classList.add('wide');
    this.stats = { train: trainV, test: testV, cost: costV, time: timeV, iter: iterV };
    this.costLabel = costL;
    const statList = el('dl', { className: 'stats' }, [trainS, testS, costS, timeS, iterS]);
    this.previousLine = el('p', { className: 'previous' });
    this.previousLine.hidden = true;

    this.alert = el('div', { className: 'alert', attrs: { role: 'status' } });
    this.alert.hidden = true;
    this.verdict = el('p', { className: 'verdict' });
    this.whyText = el('p');
    this.why = el('details', { className: 'verdict-why' }, [el('summary', { text: l10n.t('Why?') }), this.whyText]);
    this.why.hidden = true;
    this.signal = new SignalFlowChart(theme, seriesColor(theme, index));

    this.histograms = new LayerHistograms(theme, seriesColor(theme, index));
    this.bands = new WeightBands(theme, seriesColor(theme, index));
    this.modeSwitch = new ModeSwitch(mode, onMode);
    this.tableBody = el('tbody');
    const th = (t: string, title: string): HTMLElement => el('th', { text: t, attrs: { scope: 'col', title } });
    const table = el('table', { className: 'layer-table' }, [
      el('caption', { className: 'visually-hidden', text: l10n.t('Statistics of each weight matrix') }),
      el('thead', {}, [
        el('tr', {}, [
          th(l10n.t('Layer'), l10n.t('Weight matrix W[l] and its shape (units × inputs)')),
          th(l10n.t('mean'), l10n.t('Mean of the weights')),
          th(l10n.t('std'), l10n.t('Standard deviation of the weights')),
          th(
            l10n.t('unit spread'),
            l10n.t(
              'Largest difference between two units of the layer: 0 means every unit is identical (symmetry not broken)',
            ),
          ),
          th(
            l10n.t('grad RMS'),
            l10n.t('Root-mean-square of the last gradient dW: tiny values in early layers mean vanishing gradients'),
          ),
          th(
            l10n.t('units'),
            l10n.t(
              'Unit health on the training set: dead ReLU units (never active) or saturated tanh/sigmoid units (|z| > 3 on most samples)',
            ),
          ),
        ]),
      ]),
      this.tableBody,
    ]);
    this.layersSection = el('section', { className: 'layers', attrs: { 'aria-label': l10n.t('Per layer') } }, [
      el('div', { className: 'layers-bar' }, [el('h4', { text: l10n.t('Per layer') }), this.modeSwitch.root]),
      this.histograms.root,
      this.bands.root,
      el('div', { className: 'table-wrap' }, [table]),
    ]);

    this.root = el('article', { className: 'card' }, [
      head,
      el('div', { className: 'card-main' }, [
        el('figure', { className: 'boundary' }, [this.heatmap.root, legend]),
        el('div', { className: 'card-side' }, [statList, this.previousLine, this.alert, this.verdict, this.why]),
      ]),
      this.signal.root,
      this.layersSection,
    ]);
    this.applyColor();

    this.boundaryDraw = new PacedDraw(() => this.drawBoundary(), 0);
    this.signalDraw = new PacedDraw(() => this.signal.update(this.last?.run.mechanism), DETAIL_INTERVAL_MS);
    this.layersDraw = new PacedDraw(() => this.drawLayers(), DETAIL_INTERVAL_MS);
    const { onScreen, wake } = pacing;
    this.unobserve = [
      this.boundaryDraw.watch(onScreen, this.heatmap.root, wake),
      this.signalDraw.watch(onScreen, this.signal.root, wake),
      this.layersDraw.watch(onScreen, this.layersSection, wake),
    ];
  }

  update(run: RunView, ctx: CardContext): void {
    const prev = this.last;
    this.last = { run, ctx };
    if (
      prev?.run === run &&
      prev.ctx.status === ctx.status &&
      prev.ctx.train === ctx.train &&
      prev.ctx.previous === ctx.previous
    ) {
      return;
    }
    setText(this.title, run.info.name);
    setText(this.initLabel, run.info.initLabel);
    this.root.setAttribute('aria-label', l10n.t('Run {0}', run.info.name));
    if (!prev || prev.run.boundary !== run.boundary || prev.ctx.train !== ctx.train || prev.ctx.test !== ctx.test) {
      this.boundaryDraw.request();
    }
    // Shown or hidden at once: a hidden part is never on screen, so it would never be drawn.
    setHidden(this.signal.root, !run.mechanism);
    setHidden(this.layersSection, run.layers.length === 0);
    if (!prev || prev.run.mechanism !== run.mechanism) this.signalDraw.request();
    if (
      !prev ||
      prev.run.layers !== run.layers ||
      prev.run.mechanism !== run.mechanism ||
      prev.run.bands !== run.bands
    ) {
      this.layersDraw.request();
    }
    this.fillStats(run, ctx);
  }

  /**
   * Draws the parts that are due and on screen; returns how long (ms) until another part may be drawn, Infinity when
   * none is owed on screen.
   */
  drawDue(now: number): number {
    return Math.min(this.boundaryDraw.run(now), this.signalDraw.run(now), this.layersDraw.run(now));
  }

  /** Draws every part still owed, on screen or not (before a PNG export). */
  flush(now: number): void {
    for (const part of [this.boundaryDraw, this.signalDraw, this.layersDraw]) part.flush(now);
  }

  /** Shows `mode` in the per-layer charts (chosen on this card or another). */
  setMode(mode: DistributionMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.modeSwitch.set(mode);
    if (this.last) this.drawDistributions(this.last.run);
  }

  /** The per-layer charts of the current mode, with their captions (for Save PNG). */
  get distributionFigures(): LayerFigure[] {
    const canvases = this.mode === 'bands' ? this.bands.canvases : this.histograms.canvases;
    return canvases.map((canvas) => ({
      canvas,
      caption: canvas.closest('figure')?.querySelector('.hist-caption')?.textContent ?? '',
    }));
  }

  private drawBoundary(): void {
    if (!this.last) return;
    const { run, ctx } = this.last;
    this.heatmap.setData(run.boundary, ctx.train, ctx.test);
    this.heatmap.overlay.setAttribute(
      'aria-label',
      l10n.t(
        'Decision boundary of {0} with {1} training and {2} test points',
        run.info.name,
        ctx.train.xyl.length / 3,
        ctx.test.xyl.length / 3,
      ),
    );
  }

  private drawLayers(): void {
    if (!this.last) return;
    const { run } = this.last;
    this.drawDistributions(run);
    this.fillTable(run.layers, run.mechanism ?? null);
  }

  private drawDistributions(run: RunView): void {
    const mode = this.mode;
    setHidden(this.bands.root, mode !== 'bands');
    setHidden(this.histograms.root, mode === 'bands');
    if (mode === 'bands') this.bands.update(run.bands ?? [], run.layers);
    else this.histograms.update(layerDistributions(mode, run.layers, run.mechanism ?? null));
  }

  /** Forgets what was drawn, so the next update redraws every part (after the panel was hidden). */
  redraw(): void {
    this.last = null;
    this.histograms.invalidate();
    this.bands.invalidate();
    this.signal.update(null);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.applyColor();
    this.heatmap.setTheme(theme);
    this.histograms.setTheme(theme, seriesColor(theme, this.index));
    this.bands.setTheme(theme, seriesColor(theme, this.index));
    this.signal.setTheme(theme, seriesColor(theme, this.index));
  }

  destroy(): void {
    for (const stop of this.unobserve) stop();
    this.heatmap.destroy();
    this.histograms.destroy();
    this.bands.destroy();
    this.signal.destroy();
    this.root.remove();
  }

  private applyColor(): void {
    const c = seriesColor(this.theme, this.index);
    this.swatch.style.backgroundColor = c;
    this.root.style.setProperty('--run-color', c);
    this.heatmap.root.style.setProperty('--positive', this.theme.positive);
    this.root.style.setProperty('--positive', this.theme.positive);
    this.root.style.setProperty('--negative', this.theme.negative);
  }

  private fillStats(run: RunView, ctx: CardContext): void {
    const r = run.result;
    const total = ctx.totalIterations;
    setText(
      this.stats.iter,
      total > 0 ? `${formatInt(run.iteration)} / ${formatInt(total)}` : formatInt(run.iteration),
    );
    if (r) {
      setText(this.stats.train, formatPercent(r.trainAccuracy));
      setText(this.stats.test, formatPercent(r.testAccuracy));
      setText(this.costLabel, l10n.t('Final cost'));
      setText(this.stats.cost, formatCost(r.finalCost));
      setText(this.stats.time, formatMs(r.ms));
    } else {
      const { finite, nonFinite } = curveData(run);
      const lastF = finite[finite.length - 1];
      const lastN = nonFinite[nonFinite.length - 1];
      const latest = lastN && (!lastF || lastN.x > lastF.x) ? lastN.label : lastF ? formatSig(lastF.y, 4) : '—';
      setText(this.stats.train, '—');
      setText(this.stats.test, '—');
      setText(this.costLabel, l10n.t('Cost'));
      setText(this.stats.cost, latest);
      setText(this.stats.time, '—');
    }
    this.stats.cost.classList.toggle('non-finite', /∞|NaN/.test(this.stats.cost.textContent ?? ''));
    const p = ctx.previous;
    setHidden(this.previousLine, !p);
    if (p) {
      setText(
        this.previousLine,
        l10n.t(
          'Previous run: train {0}, test {1}, final cost {2}',
          formatPercent(p.trainAccuracy),
          formatPercent(p.testAccuracy),
          formatCost(p.finalCost),
        ),
      );
    }

    const kind = r?.verdict.kind;
    const sev: Severity | 'running' | 'idle' = kind ? severity(kind) : ctx.status === 'running' ? 'running' : 'idle';
    this.root.dataset.severity = sev;
    this.root.classList.toggle('is-diverged', kind === 'diverged' || kind === 'exploding');

    // Divergence is the one thing a learner must not miss: a banner, not just a line of text.
    const live = r ? null : liveDivergence(run);
    if (r && (r.verdict.kind === 'diverged' || r.verdict.kind === 'exploding')) {
      setText(
        this.alert,
        r.verdict.kind === 'diverged'
          ? r.divergedAt !== null
            ? l10n.t('⚠ Diverged at iteration {0}', formatInt(r.divergedAt))
            : l10n.t('⚠ Diverged')
          : l10n.t('⚠ Exploding start: first cost {0}', formatCost(r.costs[0]?.[1] ?? 'NaN')),
      );
      setHidden(this.alert, false);
    } else if (live) {
      setText(this.alert, l10n.t('⚠ Diverging: the cost became {0} at iteration {1}', live.label, formatInt(live.at)));
      setHidden(this.alert, false);
    } else {
      setHidden(this.alert, true);
    }

    setText(this.whyText, r?.verdict.why ?? '');
    setHidden(this.why, !r?.verdict.why);
    if (r) {
      setText(this.verdict, r.verdict.text);
      setText(this.badge, shortLabel(r.verdict.kind));
    } else if (ctx.status === 'running') {
      const started = run.iteration > 0 || run.layers.length > 0;
      setText(this.verdict, started ? l10n.t('Training…') : l10n.t('Waiting to start…'));
      setText(this.badge, started && total > 0 ? `${Math.floor((100 * run.iteration) / total)} %` : l10n.t('queued'));
    } else {
      setText(this.verdict, ctx.status === 'stopped' ? l10n.t('Stopped before finishing.') : '');
      setText(this.badge, ctx.status === 'stopped' ? l10n.t('stopped') : '—');
    }
    this.badge.setAttribute('aria-label', l10n.t('Run status: {0}', this.badge.textContent ?? ''));
  }

  private fillTable(layers: readonly LayerSnapshot[], mechanism: Mechanism | null): void {
    const rows = layers.map((s, i) => {
      const td = (t: string, cls = 'num', title?: string): HTMLElement =>
        el('td', { className: cls, text: t, attrs: title ? { title } : {} });
      // A one-unit layer has nothing to be symmetric with; only wider layers are flagged.
      const symmetric = s.unitSpread === 0 && s.shape[0] > 1;
      const spreadCell = td(
        formatSig(s.unitSpread),
        symmetric ? 'num flag' : 'num',
        symmetric ? l10n.t('Every unit of this layer is identical: symmetry not broken') : undefined,
      );
      // A diverged layer's statistics cover its finite weights only; say how many are not.
      const broken = s.nonFinite > 0 ? ` ⚠ ${s.nonFinite} NaN/∞` : '';
      return el('tr', {}, [
        el('th', {
          text: `W${s.layer} ${s.shape[0]}×${s.shape[1]}${broken}`,
          className: broken ? 'flag' : '',
          attrs: broken
            ? { scope: 'row', title: l10n.t('{0} weights of this layer are NaN or infinite', s.nonFinite) }
            : { scope: 'row' },
        }),
        td(formatSig(s.mean)),
        td(formatSig(s.std)),
        spreadCell,
        td(s.gradRms === null ? '—' : formatSig(s.gradRms)),
        td(mechanism ? healthText(mechanism.current, i) || '—' : '—'),
      ]);
    });
    this.tableBody.replaceChildren(...rows);
  }
}
