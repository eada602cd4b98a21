// Number formatting for the panel: costs (including ∞/NaN), accuracies, durations and small statistics.
import * as l10n from '@vscode/l10n';
import type { WireNumber } from '../src/shared/protocol';

/** A cost as the learner should read it: non-finite values spelled out rather than hidden. */
export function formatCost(c: WireNumber | number): string {
  if (c === 'Infinity' || c === Infinity) return '∞';
  if (c === '-Infinity' || c === -Infinity) return '−∞';
  if (c === 'NaN' || (typeof c === 'number' && Number.isNaN(c))) return 'NaN';
  return formatSig(c, 4);
}

/** Fixed significant digits, switching to exponent form for very small or large magnitudes. */
export function formatSig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return formatCost(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  const text = a < 1e-3 || a >= 1e5 ? x.toExponential(digits - 1) : Number(x.toPrecision(digits)).toString();
  return text.replace(/-/g, '−');
}

export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return `${(100 * p).toFixed(1)} %`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return l10n.t('{0} ms', Math.round(ms));
  if (ms < 60_000) return l10n.t('{0} s', (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
  const m = Math.floor(ms / 60_000);
  return l10n.t('{0} min {1} s', m, Math.round((ms - m * 60_000) / 1000));
}

/** Iteration counts with thin-space thousands separators (15 000), unambiguous in every locale. */
export function formatInt(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** The last path segment, for the header: the host sends a URI (percent-encoded) or a path with either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  const last = parts[parts.length - 1] || path;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(path) ? decodeURIComponent(last) : last;
  } catch {
    return last;
  }
}
