// Panel header: file, experiment name and description, status, overall progress, and the action buttons.
import * as l10n from '@vscode/l10n';
import { TOOLBAR_ICONS } from './toolbarIcons';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeProgressBar } from '@vscode-elements/elements/dist/vscode-progress-bar/vscode-progress-bar.js';
import type { PanelState, PanelStatus, WebviewToHost } from '../src/shared/protocol';
import { el, setHidden, setText } from './dom';
import { baseName, formatInt } from './format';
import { rovingToolbar } from './toolbar';

export interface HeaderActions {
  post(msg: WebviewToHost): void;
  savePng(): void;
}

function statusLabel(status: PanelStatus): string {
  switch (status) {
    case 'idle':
      return l10n.t('Ready');
    case 'running':
      return l10n.t('Training');
    case 'done':
      return l10n.t('Done');
    case 'stopped':
      return l10n.t('Stopped');
    case 'invalid':
      return l10n.t('Invalid experiment');
    case 'error':
      return l10n.t('Error');
  }
}

/** Overall progress: completed iterations of all runs over all runs' total. */
export function overallProgress(state: PanelState): number {
  if (state.totalIterations <= 0 || state.runs.length === 0) return 0;
  const done = state.runs.reduce(
    (s, r) => s + Math.min(r.result ? state.totalIterations : r.iteration, state.totalIterations),
    0,
  );
  return done / (state.totalIterations * state.runs.length);
}

export class Header {
  readonly root: HTMLElement;
  readonly buttons: Record<
    'stop' | 'rerun' | 'exportJson' | 'exportCsv' | 'exportReport' | 'savePng' | 'clearHistory',
    VscodeButton
  >;
  private readonly fileButton: HTMLButtonElement;
  private readonly name: HTMLElement;
  private readonly description: HTMLElement;
  private readonly status: HTMLElement;
  private readonly message: HTMLElement;
  private readonly progress: VscodeProgressBar;
  private readonly progressText: HTMLElement;

  constructor(actions: HeaderActions) {
    const button = (label: string, aria: string, icon: string, onClick: () => void, secondary = true): VscodeButton => {
      // The codicon comes from the stylesheet the page links as #vscode-codicon-stylesheet.
      const b = el('vscode-button', { text: label, attrs: { 'aria-label': aria, title: aria, icon } });
      b.secondary = secondary;
      b.addEventListener('click', () => {
        if (!b.disabled) onClick();
      });
      return b;
    };
    this.buttons = {
      stop: button(l10n.t('Stop'), l10n.t('Stop training'), TOOLBAR_ICONS.stop, () => actions.post({ kind: 'stop' })),
      rerun: button(
        l10n.t('Re-run'),
        l10n.t('Run the experiment again'),
        TOOLBAR_ICONS.rerun,
        () => actions.post({ kind: 'rerun' }),
        false,
      ),
      exportJson: button(l10n.t('JSON'), l10n.t('Export the results as JSON'), TOOLBAR_ICONS.exportJson, () =>
        actions.post({ kind: 'export', format: 'json' }),
      ),
      exportCsv: button(l10n.t('CSV'), l10n.t('Export the cost curves as CSV'), TOOLBAR_ICONS.exportCsv, () =>
        actions.post({ kind: 'export', format: 'csv' }),
      ),
      exportReport: button(
        l10n.t('Report'),
        l10n.t('Export an HTML report of the results, readable offline'),
        TOOLBAR_ICONS.exportReport,
        () => actions.post({ kind: 'exportReport' }),
      ),
      clearHistory: button(
        l10n.t('Clear Previous'),
        l10n.t("Forget the previous run's curves and accuracies"),
        TOOLBAR_ICONS.clearHistory,
        () => actions.post({ kind: 'clearHistory' }),
      ),
      savePng: button(
        l10n.t('PNG'),
        l10n.t('Save an image of the cost chart and the decision boundaries'),
        TOOLBAR_ICONS.savePng,
        actions.savePng,
      ),
    };
    this.fileButton = el('button', {
      className: 'file-link',
      attrs: { type: 'button', title: l10n.t('Open the experiment file') },
    });
    this.fileButton.addEventListener('click', () => actions.post({ kind: 'openFile' }));
    this.name = el('h1', { className: 'exp-name' });
    this.description = el('p', { className: 'exp-description' });
    this.status = el('span', { className: 'status-pill' });
    this.message = el('span', { className: 'status-message' });
    this.progress = el('vscode-progress-bar', { attrs: { 'aria-label': l10n.t('Training progress') } });
    this.progress.max = 1;
    this.progressText = el('span', { className: 'progress-text' });
    const b = this.buttons;
    const order = [b.stop, b.rerun, b.exportJson, b.exportCsv, b.exportReport, b.savePng, b.clearHistory];
    const toolbar = el(
      'div',
      { className: 'actions', attrs: { role: 'toolbar', 'aria-label': l10n.t('Experiment actions') } },
      order,
    );
    rovingToolbar(toolbar, () => order);
    this.root = el('header', { className: 'panel-header' }, [
      el('div', { className: 'title-row' }, [
        el('div', { className: 'titles' }, [this.fileButton, this.name]),
        toolbar,
      ]),
      this.description,
      el('div', { className: 'status-row', attrs: { role: 'status', 'aria-live': 'polite' } }, [
        this.status,
        this.message,
        this.progressText,
      ]),
      this.progress,
    ]);
  }

  update(state: PanelState): void {
    setText(this.fileButton, baseName(state.file) || l10n.t('experiment'));
    this.fileButton.setAttribute('aria-label', l10n.t('Open {0}', state.file));
    setText(this.name, state.experimentName || baseName(state.file) || 'Init Lab');
    setText(this.description, state.description);
    setHidden(this.description, !state.description);
    setText(this.status, statusLabel(state.status));
    this.status.dataset.status = state.status;
    setText(this.message, state.message);
    const running = state.status === 'running';
    const p = overallProgress(state);
    this.progress.value = p;
    setHidden(this.progress, !running);
    const done = state.runs.filter((r) => r.result).length;
    setText(
      this.progressText,
      state.runs.length
        ? [
            l10n.t('{0}/{1} runs', done, state.runs.length),
            ...(running ? [`${Math.floor(100 * p)} %`] : []),
            l10n.t('{0} iterations each', formatInt(state.totalIterations)),
          ].join(' · ')
        : '',
    );
    this.buttons.stop.disabled = !running;
    const hasResults = done > 0;
    this.buttons.exportJson.disabled = !hasResults;
    this.buttons.exportCsv.disabled = !hasResults;
    this.buttons.exportReport.disabled = !hasResults;
    setHidden(this.buttons.clearHistory, Object.keys(state.previous ?? {}).length === 0);
  }
}
