// The signal flow as text: the CLI's per-layer table of stds, the theory line and unit health.
import type { LayerSignal, Mechanism } from './results';

/** Two significant digits; exponent form below 10⁻³ and from 10⁴ so every cell fits its column. */
function num(x: number | null): string {
  if (x === null) return '—';
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? x.toExponential(1) : String(Number(x.toPrecision(2)));
}
const share = (x: number | null): string => (x === null ? '—' : `${Math.round(100 * x)}%`);

function row(label: string, cells: string[]): string {
  return `  ${label.padEnd(20)}${cells.map((c) => c.padStart(8)).join('')}`;
}

/** One line per figure, one column per layer (1..L), iteration 0 first, then the latest snapshot. */
export function signalFlowLines(m: Mechanism): string[] {
  const L = m.initial.layers.length;
  const pick = (layers: LayerSignal[], f: (l: LayerSignal) => string): string[] => layers.map(f);
  const { initial: i0, current: now } = m;
  const lines = [
    `Signal flow (std on the training set; input std ${num(i0.inputStd)}; gradients per sample):`,
    row(
      'layer',
      Array.from({ length: L }, (_, k) => String(k + 1)),
    ),
    row(
      'z, iteration 0',
      pick(i0.layers, (l) => num(l.zStd)),
    ),
    row('z, theory', m.theory.zStd.map(num)),
    row(
      'a, iteration 0',
      pick(i0.layers, (l) => num(l.aStd)),
    ),
    row(
      'dZ, iteration 0',
      pick(i0.layers, (l) => num(l.dzStd)),
    ),
  ];
  if (i0.layers.some((l) => l.saturated !== null))
    lines.push(
      row(
        'saturated, it. 0',
        pick(i0.layers, (l) => share(l.saturated)),
      ),
    );
  if (i0.layers.some((l) => l.dead !== null))
    lines.push(
      row(
        'dead, iteration 0',
        pick(i0.layers, (l) => share(l.dead)),
      ),
    );
  if (now.iteration !== i0.iteration) {
    const at = `it. ${now.iteration}`;
    lines.push(
      row(
        `z, ${at}`,
        pick(now.layers, (l) => num(l.zStd)),
      ),
    );
    lines.push(
      row(
        `dZ, ${at}`,
        pick(now.layers, (l) => num(l.dzStd)),
      ),
    );
    if (now.layers.some((l) => l.saturated !== null))
      lines.push(
        row(
          `saturated, ${at}`,
          pick(now.layers, (l) => share(l.saturated)),
        ),
      );
    if (now.layers.some((l) => l.dead !== null))
      lines.push(
        row(
          `dead, ${at}`,
          pick(now.layers, (l) => share(l.dead)),
        ),
      );
  }
  if (m.theory.note) lines.push(`  ${m.theory.note}`);
  return lines;
}
