// One run's card: boundary heatmap, accuracies, cost, time, verdict (divergence shown loudly), histograms, layer table.
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
import { LayerHistograms } from './histograms';
import { healthText, SignalFlowChart } from './signalFlow';
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
      return 'learns well';
    case 'slow':
      return 'slow';
    case 'symmetry':
      return 'symmetric';
    case 'vanishing':
      return 'vanishing';
    case 'exploding':
      return 'exploding';
    case 'diverged':
      return 'diverged';
    case 'stopped':
      return 'stopped';
    case 'deadUnits':
      return 'dead units';
    case 'saturated':
      return 'saturated';
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
  readonly signal: SignalFlowChart;
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

  constructor(index: number, theme: Theme) {
    this.index = index;
    this.theme = theme;
    this.swatch = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
    this.title = el('h3', { className: 'run-name' });
    this.initLabel = el('div', { className: 'init-label' });
    this.badge = el('vscode-badge', { className: 'run-badge' });
    const head = el('header', { className: 'card-head' }, [
      this.swatch,
      el('div', { className: 'card-titles' }, [this.title, this.initLabel]),
      this.badge,
    ]);

    this.heatmap = new Heatmap('Decision boundary', theme);
    const legend = el('div', { className: 'heatmap-legend', attrs: { 'aria-hidden': 'true' } }, [
      el('span', { className: 'dot filled' }),
      el('span', { text: 'train' }),
      el('span', { className: 'dot hollow' }),
      el('span', { text: 'test' }),
      el('span', { className: 'contour-key' }),
      el('span', { text: 'p = 0.5' }),
    ]);

    const stat = (label: string, cls: string): [HTMLElement, HTMLElement, HTMLElement] => {
      const dt = el('dt', { text: label });
      const dd = el('dd', { className: cls, text: '—' });
      return [el('div', { className: 'stat' }, [dt, dd]), dd, dt];
    };
    const [trainS, trainV] = stat('Train accuracy', 'acc');
    const [testS, testV] = stat('Test accuracy', 'acc');
    const [costS, costV, costL] = stat('Final cost', 'num');
    const [timeS, timeV] = stat('Time', 'num');
    const [iterS, iterV] = stat('Iteration', 'num');
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
    this.why = el('details', { className: 'verdict-why' }, [el('summary', { text: 'Why?' }), this.whyText]);
    this.why.hidden = true;
    this.signal = new SignalFlowChart(theme, seriesColor(theme, index));

    this.histograms = new LayerHistograms(theme, seriesColor(theme, index));
    this.tableBody = el('tbody');
    const th = (t: string, title: string): HTMLElement => el('th', { text: t, attrs: { scope: 'col', title } });
    const table = el('table', { className: 'layer-table' }, [
      el('caption', { className: 'visually-hidden', text: 'Statistics of each weight matrix' }),
      el('thead', {}, [
        el('tr', {}, [
          th('Layer', 'Weight matrix W[l] and its shape (units × inputs)'),
          th('mean', 'Mean of the weights'),
          th('std', 'Standard deviation of the weights'),
          th(
            'unit spread',
            'Largest difference between two units of the layer: 0 means every unit is identical (symmetry not broken)',
          ),
          th(
            'grad RMS',
            'Root-mean-square of the last gradient dW: tiny values in early layers mean vanishing gradients',
          ),
          th(
            'units',
            'Unit health on the training set: dead ReLU units (never active) or saturated tanh/sigmoid units (|z| > 3 on most samples)',
          ),
        ]),
      ]),
      this.tableBody,
    ]);
    this.layersSection = el('section', { className: 'layers', attrs: { 'aria-label': 'Weights per layer' } }, [
      el('h4', { text: 'Weights per layer' }),
      this.histograms.root,
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
    this.root.setAttribute('aria-label', `Run ${run.info.name}`);
    if (!prev || prev.run.boundary !== run.boundary || prev.ctx.train !== ctx.train || prev.ctx.test !== ctx.test) {
      this.heatmap.setData(run.boundary, ctx.train, ctx.test);
      this.heatmap.overlay.setAttribute(
        'aria-label',
        `Decision boundary of ${run.info.name} with ${ctx.train.xyl.length / 3} training and ${ctx.test.xyl.length / 3} test points`,
      );
    }
    if (!prev || prev.run.mechanism !== run.mechanism) this.signal.update(run.mechanism);
    if (!prev || prev.run.layers !== run.layers || prev.run.mechanism !== run.mechanism) {
      this.histograms.update(run.layers);
      this.fillTable(run.layers, run.mechanism ?? null);
      setHidden(this.layersSection, run.layers.length === 0);
    }
    this.fillStats(run, ctx);
  }

  /** Forgets what was drawn, so the next update redraws every part (after the panel was hidden). */
  redraw(): void {
    this.last = null;
    this.histograms.invalidate();
    this.signal.update(null);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.applyColor();
    this.heatmap.setTheme(theme);
    this.histograms.setTheme(theme, seriesColor(theme, this.index));
    this.signal.setTheme(theme, seriesColor(theme, this.index));
  }

  destroy(): void {
    this.heatmap.destroy();
    this.histograms.destroy();
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
      setText(this.costLabel, 'Final cost');
      setText(this.stats.cost, formatCost(r.finalCost));
      setText(this.stats.time, formatMs(r.ms));
    } else {
      const { finite, nonFinite } = curveData(run);
      const lastF = finite[finite.length - 1];
      const lastN = nonFinite[nonFinite.length - 1];
      const latest = lastN && (!lastF || lastN.x > lastF.x) ? lastN.label : lastF ? formatSig(lastF.y, 4) : '—';
      setText(this.stats.train, '—');
      setText(this.stats.test, '—');
      setText(this.costLabel, 'Cost');
      setText(this.stats.cost, latest);
      setText(this.stats.time, '—');
    }
    this.stats.cost.classList.toggle('non-finite', /∞|NaN/.test(this.stats.cost.textContent ?? ''));
    const p = ctx.previous;
    setHidden(this.previousLine, !p);
    if (p) {
      setText(
        this.previousLine,
        `Previous run: train ${formatPercent(p.trainAccuracy)}, test ${formatPercent(p.testAccuracy)}, final cost ${formatCost(p.finalCost)}`,
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
          ? `⚠ Diverged${r.divergedAt !== null ? ` at iteration ${formatInt(r.divergedAt)}` : ''}`
          : `⚠ Exploding start: first cost ${formatCost(r.costs[0]?.[1] ?? 'NaN')}`,
      );
      setHidden(this.alert, false);
    } else if (live) {
      setText(this.alert, `⚠ Diverging: the cost became ${live.label} at iteration ${formatInt(live.at)}`);
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
      setText(this.verdict, started ? 'Training…' : 'Waiting to start…');
      setText(this.badge, started && total > 0 ? `${Math.floor((100 * run.iteration) / total)} %` : 'queued');
    } else {
      setText(this.verdict, ctx.status === 'stopped' ? 'Stopped before finishing.' : '');
      setText(this.badge, ctx.status === 'stopped' ? 'stopped' : '—');
    }
    this.badge.setAttribute('aria-label', `Run status: ${this.badge.textContent ?? ''}`);
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
        symmetric ? 'Every unit of this layer is identical: symmetry not broken' : undefined,
      );
      // A diverged layer's statistics cover its finite weights only; say how many are not.
      const broken = s.nonFinite > 0 ? ` ⚠ ${s.nonFinite} NaN/∞` : '';
      return el('tr', {}, [
        el('th', {
          text: `W${s.layer} ${s.shape[0]}×${s.shape[1]}${broken}`,
          className: broken ? 'flag' : '',
          attrs: broken
            ? { scope: 'row', title: `${s.nonFinite} weights of this layer are NaN or infinite` }
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
