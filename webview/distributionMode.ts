// What the per-layer distributions show (weights, activations, gradients, weights over time) and the switch between them.
import * as l10n from '@vscode/l10n';
import { el } from './dom';

export type DistributionMode = 'weights' | 'activations' | 'gradients' | 'bands';

/** In the switch's order; the first is the default. */
export const DISTRIBUTION_MODES: readonly DistributionMode[] = ['weights', 'activations', 'gradients', 'bands'];

export function isDistributionMode(x: unknown): x is DistributionMode {
  return typeof x === 'string' && (DISTRIBUTION_MODES as readonly string[]).includes(x);
}

export function modeLabel(mode: DistributionMode): string {
  switch (mode) {
    case 'weights':
      return l10n.t('Weights');
    case 'activations':
      return l10n.t('Activations');
    case 'gradients':
      return l10n.t('Gradients');
    case 'bands':
      return l10n.t('Weights over time');
  }
}

function modeTitle(mode: DistributionMode): string {
  switch (mode) {
    case 'weights':
      return l10n.t("Histogram of each weight matrix W[l] now, with the scheme's own distribution dashed");
    case 'activations':
      return l10n.t("Histogram of each layer's activations a = g(z) on the training set");
    case 'gradients':
      return l10n.t("Histogram of each layer's back-propagated gradient dZ per sample on the training set");
    case 'bands':
      return l10n.t('Percentiles of each weight matrix over the iterations: min–max, ±1.5σ, ±1σ, ±σ/2 and the median');
  }
}

/**
 * A segmented control (an ARIA radio group): one tab stop on the chosen mode, the arrow keys move and choose, as
 * VS Code's own radio groups do.
 */
export class ModeSwitch {
  readonly root: HTMLElement;
  private readonly buttons: HTMLButtonElement[];
  private mode: DistributionMode;

  constructor(mode: DistributionMode, onChange: (mode: DistributionMode) => void) {
    this.mode = mode;
    this.buttons = DISTRIBUTION_MODES.map((m) => {
      const b = el('button', {
        className: 'mode-option',
        text: modeLabel(m),
        attrs: { type: 'button', role: 'radio', title: modeTitle(m), 'data-mode': m },
      });
      b.addEventListener('click', () => this.choose(m, onChange));
      return b;
    });
    this.root = el(
      'div',
      { className: 'mode-switch', attrs: { role: 'radiogroup', 'aria-label': l10n.t('Show per layer') } },
      this.buttons,
    );
    this.root.addEventListener('keydown', (e) => {
      const i = DISTRIBUTION_MODES.indexOf(this.mode);
      const n = DISTRIBUTION_MODES.length;
      const next =
        e.key === 'ArrowRight' || e.key === 'ArrowDown'
          ? (i + 1) % n
          : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
            ? (i + n - 1) % n
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? n - 1
                : -1;
      if (next < 0) return;
      e.preventDefault();
      this.choose(DISTRIBUTION_MODES[next], onChange);
      this.buttons[next].focus();
    });
    this.set(mode);
  }

  /** Shows `mode` as chosen without telling anyone (another card's switch chose it). */
  set(mode: DistributionMode): void {
    this.mode = mode;
    this.buttons.forEach((b, i) => {
      const on = DISTRIBUTION_MODES[i] === mode;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
    });
  }

  private choose(mode: DistributionMode, onChange: (mode: DistributionMode) => void): void {
    if (mode === this.mode) return;
    this.set(mode);
    onChange(mode);
  }
}
