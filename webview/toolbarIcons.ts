// The codicon of each toolbar button: scripts/build.mjs reads this table to ship only these glyphs of the font.
export const TOOLBAR_ICONS = {
  stop: 'debug-stop',
  rerun: 'refresh',
  exportJson: 'json',
  exportCsv: 'table',
  exportReport: 'file-code',
  clearHistory: 'clear-all',
  savePng: 'device-camera',
} as const;
