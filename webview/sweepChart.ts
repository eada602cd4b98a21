// A sweep's outcome: train/test accuracy and final cost against the swept value, one chart per swept run.
import * as l10n from '@vscode/l10n';
import type { RunView, SweepPoint } from '../src/shared/protocol';
import { el, setHidden } from './dom';
import { formatCost, formatPercent, formatSig } from './format';
import type { Theme } from './theme';
import { seriesColor } from './theme';
import { XyChart, type XySeries } from './xyChart';

/** The runs of one sweep (same `of`), in sweep order, with their index among the panel's runs. */
export interface SweepGroup {
  of: string;
  key: SweepPoint['key'];
  members: { runIndex: number; point: SweepPoint; run: RunView }[];
}

export function sweepGroups(runs: readonly RunView[]): SweepGroup[] {
  const groups = new Map<string, SweepGroup>();
  runs.forEach((run, runIndex) => {
    const point = run.info.sweep;
    if (!point) return;
    const g = groups.get(point.of) ?? { of: point.of, key: point.key, members: [] };
    g.members.push({ runIndex, point, run });
    groups.set(point.of, g);
  });
  for (const g of groups.values()) g.members.sort((a, b) => a.point.index - b.point.index);
  return [...groups.values()];
}

/** Numbers that span more than two decades go on a log axis ("how small is too small" needs it). */
export function wantsLogAxis(values: readonly (number | string)[]): boolean {
  if (!values.every((v) => typeof v === 'number' && v > 0)) return false;
  const nums = values as number[];
  return Math.max(...nums) / Math.min(...nums) > 100;
}

/** One sweep: the chart, a table with the same numbers, and a click on a point scrolls to that run's card. */
class OneSweep {
  readonly root: HTMLElement;
  private readonly chart: XyChart;
  private readonly table: HTMLTableSectionElement;
  private group: SweepGroup;
  /** For each plotted point (done runs only), its member's index in the sweep. */
  private plotted: number[] = [];

  constructor(
    group: SweepGroup,
    theme: Theme,
    private readonly reveal: (runIndex: number) => void,
  ) {
    this.group = group;
    const numeric = group.members.every((m) => typeof m.point.value === 'number');
    const log = wantsLogAxis(group.members.map((m) => m.point.value));
    this.chart = new XyChart(
      {
        xTitle: log ? l10n.t('{0} (log)', group.key) : group.key,
        yTitle: l10n.t('accuracy'),
        category: !numeric,
        maxXTicks: 8,
        maxYTicks: 6,
        xTick: (v) => (numeric ? formatSig(v, 3) : this.label(v)),
        yTick: (v) => formatSig(v, 2),
        title: (x) => `${group.key} = ${numeric ? formatSig(x, 4) : this.label(x)}`,
        value: (v) => formatPercent(v),
        right: { title: l10n.t('final cost'), tick: (v) => formatSig(v, 3) },
        onPick: (_series, point) => {
          const member = this.group.members[this.plotted[point]];
          if (member) this.reveal(member.runIndex);
        },
      },
      theme,
      l10n.t(
        'Accuracy and final cost against {0}. Use the arrow keys to read each value, Enter to go to its run.',
        group.key,
      ),
    );
    const body = el('tbody');
    this.table = body;
    const details = el('details', { className: 'sweep-table' }, [
      el('summary', { text: l10n.t('Numbers per value') }),
      el('table', {}, [
        el('thead', {}, [
          el('tr', {}, [
            el('th', { text: group.key }),
            el('th', { text: l10n.t('Train accuracy') }),
            el('th', { text: l10n.t('Test accuracy') }),
            el('th', { text: l10n.t('Final cost') }),
          ]),
        ]),
        body,
      ]),
    ]);
    this.root = el('div', { className: 'sweep' }, [
      el('h3', { text: l10n.t('{0}: sweep of {1}', group.of, group.key) }),
      el('div', { className: 'sweep-canvas' }, [this.chart.canvas]),
      this.chart.live,
      details,
    ]);
    this.update(group, theme);
  }

  private label(k: number): string {
    return String(this.group.members[k]?.point.value ?? '');
  }

  update(group: SweepGroup, theme: Theme): void {
    this.group = group;
    const numeric = group.members.every((m) => typeof m.point.value === 'number');
    const log = wantsLogAxis(group.members.map((m) => m.point.value));
    const xOf = (k: number): number => (numeric ? (group.members[k].point.value as number) : k);
    // Points in x order (a numeric sweep may list its values in any order).
    const done = group.members
      .map((m, k) => ({ k, r: m.run.result }))
      .filter((d): d is { k: number; r: NonNullable<RunView['result']> } => d.r !== null)
      .sort((a, b) => xOf(a.k) - xOf(b.k));
    this.plotted = done.map((d) => d.k);
    const x = done.map((d) => xOf(d.k));
    const line = (label: string, color: string, y: number[], extra: Partial<XySeries> = {}): XySeries => ({
      label,
      x,
      y,
      color,
      width: 2,
      marker: 'circle',
      markerRadius: 4,
      ...extra,
    });
    this.chart.setTheme(theme);
    this.chart.setData(
      [
        line(
          l10n.t('train accuracy'),
          seriesColor(theme, 0),
          done.map((d) => d.r.trainAccuracy),
        ),
        line(
          l10n.t('test accuracy'),
          seriesColor(theme, 2),
          done.map((d) => d.r.testAccuracy),
        ),
        line(
          l10n.t('final cost'),
          theme.muted,
          done.map((d) => (typeof d.r.finalCost === 'number' ? d.r.finalCost : NaN)),
          {
            axis: 'right',
            dash: [4, 3],
            describe: (v) => l10n.t('final cost: {0}', formatCost(v)),
          },
        ),
      ],
      numeric ? { xLog: log, yMin: 0, yMax: 1 } : { xMin: -0.5, xMax: group.members.length - 0.5, yMin: 0, yMax: 1 },
    );
    this.table.replaceChildren(
      ...group.members.map((m) => {
        const r = m.run.result;
        return el('tr', {}, [
          el('td', { text: String(m.point.value) }),
          el('td', { text: r ? formatPercent(r.trainAccuracy) : '…' }),
          el('td', { text: r ? formatPercent(r.testAccuracy) : '…' }),
          el('td', { text: r ? formatCost(typeof r.finalCost === 'number' ? r.finalCost : NaN) : '…' }),
        ]);
      }),
    );
  }

  destroy(): void {
    this.chart.destroy();
  }
}

/** Every sweep of the panel; hidden when the experiment has none. Charts are rebuilt only when the sweeps change. */
export class SweepCharts {
  readonly root: HTMLElement;
  private charts: OneSweep[] = [];
  private key = '';

  constructor(
    private theme: Theme,
    private readonly reveal: (runIndex: number) => void,
  ) {
    this.root = el('section', { className: 'sweeps', attrs: { 'aria-label': l10n.t('Sweeps') } });
    setHidden(this.root, true);
  }

  update(runs: readonly RunView[]): void {
    const groups = sweepGroups(runs);
    const key = groups.map((g) => `${g.of}|${g.key}|${g.members.map((m) => m.point.value).join(',')}`).join(';');
    if (key !== this.key) {
      this.key = key;
      for (const c of this.charts) c.destroy();
      this.charts = groups.map((g) => new OneSweep(g, this.theme, this.reveal));
      this.root.replaceChildren(el('h2', { text: l10n.t('Sweeps') }), ...this.charts.map((c) => c.root));
    } else {
      groups.forEach((g, i) => this.charts[i].update(g, this.theme));
    }
    setHidden(this.root, groups.length === 0);
  }

  setTheme(theme: Theme, runs: readonly RunView[]): void {
    this.theme = theme;
    this.key = '';
    this.update(runs);
  }
}
