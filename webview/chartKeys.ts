// Keyboard reading of a chart: the arrow keys walk its points with the tooltip, showing what the mouse would.
import type { ActiveDataPoint } from 'chart.js';

/** The part of a chart.js chart that walking needs (any chart type fits). */
interface Walkable {
  data: { labels?: unknown[]; datasets: { hidden?: boolean; data: unknown[] }[] };
  setActiveElements(active: ActiveDataPoint[]): void;
  tooltip?: { setActiveElements(active: ActiveDataPoint[], at: { x: number; y: number }): void } | null;
  update(mode: 'none'): void;
}

/** The point after `key` among `count` points, from `index` (−1: none shown); undefined when the key is not ours. */
export function nextPoint(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
      return index < 0 ? 0 : Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'Escape':
      return -1;
    default:
      return undefined;
  }
}

/** Shows point `i` of every visible dataset that has a value there, with its tooltip (none when i < 0). */
export function showPoint(chart: Walkable, i: number): void {
  const active =
    i < 0
      ? []
      : chart.data.datasets
          .map((ds, datasetIndex) => ({ datasetIndex, index: i, visible: !ds.hidden && ds.data[i] != null }))
          .filter((a) => a.visible)
          .map(({ datasetIndex, index }) => ({ datasetIndex, index }));
  chart.setActiveElements(active);
  chart.tooltip?.setActiveElements(active, { x: 0, y: 0 });
  chart.update('none');
}

/**
 * Makes `canvas` focusable and walks `chart`'s points with the arrow keys, Home and End; Escape or
 * leaving the canvas hides the tooltip.
 */
export function walkWithKeys(canvas: HTMLCanvasElement, chart: Walkable): void {
  let index = -1;
  canvas.tabIndex = 0;
  canvas.addEventListener('keydown', (e) => {
    // Category charts walk their labels; charts of {x, y} points walk the first dataset's points.
    const count = chart.data.labels?.length || chart.data.datasets[0]?.data.length || 0;
    const next = count ? nextPoint(e.key, index, count) : undefined;
    if (next === undefined) return;
    e.preventDefault();
    index = next;
    showPoint(chart, index);
  });
  canvas.addEventListener('blur', () => {
    index = -1;
    showPoint(chart, -1);
  });
}
