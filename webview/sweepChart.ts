// A sweep's outcome: train/test accuracy and final cost against the swept value, one chart per swept run.
import * as l10n from '@vscode/l10n';
import type { RunView, SweepPoint } from '../src/shared/protocol';
import { Chart } from './chartSetup';
import { el, setHidden } from './dom';
import { formatCost, formatPercent } from './format';
import type { Theme } from './theme';
import { seriesColor } from './theme';

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

interface XY {
  x: number;
  y: number;
}

/** One sweep: the chart, a table with the same numbers, and a click on a point scrolls to that run's card. */
class OneSweep {
  readonly root: HTMLElement;
  private readonly chart: Chart<'line', XY[]>;
  private readonly table: HTMLTableSectionElement;
  private group: SweepGroup;

  constructor(
    group: SweepGroup,
    theme: Theme,
    private readonly reveal: (runIndex: number) => void,
  ) {
    this.group = group;
    const canvas = el('canvas', {
      attrs: { role: 'img', tabindex: '0', 'aria-label': l10n.t('Accuracy and final cost against {0}', group.key) },
    });
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
      el('div', { className: 'sweep-canvas' }, [canvas]),
      details,
    ]);
    const numeric = group.members.every((m) => typeof m.point.value === 'number');
    const log = wantsLogAxis(group.members.map((m) => m.point.value));
    this.chart = new Chart<'line', XY[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        elements: { point: { radius: 4, hoverRadius: 6 }, line: { borderWidth: 2 } },
        onClick: (_e, items) => {
          const hit = items[0];
          if (hit) this.reveal(this.group.members[hit.index].runIndex);
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? `${group.key} = ${this.label(items[0].dataIndex)}` : ''),
              label: (item) =>
                item.datasetIndex === 2
                  ? l10n.t('final cost: {0}', formatCost(item.parsed.y ?? NaN))
                  : `${item.dataset.label ?? ''}: ${formatPercent(item.parsed.y ?? NaN)}`,
            },
          },
        },
        scales: {
          x: numeric
            ? {
                type: log ? 'logarithmic' : 'linear',
                title: { display: true, text: log ? l10n.t('{0} (log)', group.key) : group.key },
              }
            : {
                type: 'linear',
                min: -0.5,
                max: group.members.length - 0.5,
                ticks: { stepSize: 1, callback: (v) => this.label(Number(v)) },
                title: { display: true, text: group.key },
              },
          y: { min: 0, max: 1, title: { display: true, text: l10n.t('accuracy') } },
          cost: {
            position: 'right',
            min: 0,
            grid: { drawOnChartArea: false },
            title: { display: true, text: l10n.t('final cost') },
          },
        },
      },
    });
    this.update(group, theme);
  }

  private label(k: number): string {
    return String(this.group.members[k]?.point.value ?? '');
  }

  update(group: SweepGroup, theme: Theme): void {
    this.group = group;
    const numeric = group.members.every((m) => typeof m.point.value === 'number');
    const xOf = (k: number): number => (numeric ? (group.members[k].point.value as number) : k);
    const done = group.members.map((m, k) => ({ k, r: m.run.result })).filter((d) => d.r !== null);
    const series = (pick: (r: NonNullable<RunView['result']>) => number): XY[] =>
      done.map(({ k, r }) => ({ x: xOf(k), y: pick(r as NonNullable<RunView['result']>) }));
    const colours = [seriesColor(theme, 0), seriesColor(theme, 2), theme.muted];
    this.chart.data.datasets = [
      { label: l10n.t('train accuracy'), data: series((r) => r.trainAccuracy), yAxisID: 'y' },
      { label: l10n.t('test accuracy'), data: series((r) => r.testAccuracy), yAxisID: 'y' },
      {
        label: l10n.t('final cost'),
        data: series((r) => (typeof r.finalCost === 'number' ? r.finalCost : NaN)),
        yAxisID: 'cost',
        borderDash: [4, 3],
      },
    ].map((d, i) => ({ ...d, borderColor: colours[i], backgroundColor: colours[i] }));
    this.chart.update('none');
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
