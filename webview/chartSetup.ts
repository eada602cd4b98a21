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
