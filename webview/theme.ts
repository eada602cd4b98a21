// Reads the colours of the current VS Code theme from its CSS variables and reports theme changes.

export type Rgb = [number, number, number];
export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export interface Theme {
  kind: ThemeKind;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  border: string;
  fontFamily: string;
  fontSize: number;
  /** Run colours, cycled by run index. */
  series: string[];
  /** Class colours of the decision boundary: label 1 and label 0 (TensorFlow Playground's blue/orange). */
  positive: string;
  negative: string;
  error: string;
  warning: string;
}

// Fallbacks are VS Code's own defaults for the Dark Modern theme, used only outside VS Code.
const FALLBACK: Record<string, string> = {
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
  '--vscode-widget-border': '#313131',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
};

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim() || FALLBACK[name] || '';
}

export function themeKind(body: HTMLElement): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'highContrastLight';
  if (c.contains('vscode-high-contrast')) return 'highContrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const v = (name: string): string => cssVar(style, name);
  const kind = themeKind(document.body);
  const border = style.getPropertyValue('--vscode-contrastBorder').trim() || v('--vscode-widget-border');
  return {
    kind,
    background: v('--vscode-editor-background'),
    foreground: v('--vscode-foreground'),
    muted: v('--vscode-descriptionForeground'),
    grid: withAlpha(v('--vscode-charts-lines'), kind === 'highContrast' || kind === 'highContrastLight' ? 0.6 : 0.18),
    border,
    fontFamily: v('--vscode-font-family'),
    fontSize: parseFloat(v('--vscode-font-size')) || 13,
    // Blue / red / green first so the course's three runs read as "neutral / bad / good" at a glance.
    series: [
      '--vscode-charts-blue',
      '--vscode-charts-red',
      '--vscode-charts-green',
      '--vscode-charts-purple',
      '--vscode-charts-orange',
      '--vscode-charts-yellow',
    ].map(v),
    positive: v('--vscode-charts-blue'),
    negative: v('--vscode-charts-orange'),
    error: v('--vscode-errorForeground'),
    warning: v('--vscode-editorWarning-foreground'),
  };
}

export function seriesColor(theme: Theme, index: number): string {
  return theme.series[index % theme.series.length];
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as RGB, resolved by the browser itself (hex, rgb(), named colours...). */
export function toRgb(css: string): Rgb {
  if (!probe) {
    const c = document.createElement('canvas');
    c.width = c.height = 1;
    probe = c.getContext('2d', { willReadFrequently: true });
  }
  if (!probe) return [128, 128, 128];
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#000';
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const d = probe.getImageData(0, 0, 1, 1).data;
  return [d[0], d[1], d[2]];
}

export function withAlpha(css: string, alpha: number): string {
  const [r, g, b] = toRgb(css);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * Calls `onChange` when the theme changes: VS Code swaps the body class (vscode-light/dark/high-contrast)
 * and rewrites the --vscode-* variables in the <html> style attribute, sometimes only the latter.
 */
export function watchTheme(onChange: () => void): MutationObserver {
  let pending = false;
  const observer = new MutationObserver(() => {
    // Both attributes change together on a theme switch: read the theme once, after both.
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return observer;
}
