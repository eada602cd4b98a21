// Registers only the chart.js pieces the panel uses (keeps the bundle small) and applies theme defaults.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Theme } from './theme';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Decimation,
  Filler,
  Legend,
  Tooltip,
);

export { Chart };

export function applyChartDefaults(theme: Theme): void {
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = Math.max(10, theme.fontSize - 2);
  Chart.defaults.color = theme.muted;
  Chart.defaults.borderColor = theme.grid;
}

/** The parts of a chart.js axis that take theme colours (any scale type fits). */
interface ThemedAxis {
  ticks?: { color?: unknown };
  grid?: { color?: unknown };
  border?: { color?: unknown };
  title?: { color?: unknown };
}

/** Theme colours on a chart's x and y axes: muted ticks and titles, grid-coloured grid lines and borders. */
export function colourAxes(scales: { x?: ThemedAxis; y?: ThemedAxis } | undefined, theme: Theme): void {
  for (const axis of [scales?.x, scales?.y]) {
    if (!axis) continue;
    if (axis.ticks) axis.ticks.color = theme.muted;
    if (axis.grid) axis.grid.color = theme.grid;
    if (axis.border) axis.border.color = theme.grid;
    if (axis.title) axis.title.color = theme.muted;
  }
}
