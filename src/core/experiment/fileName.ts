// The experiment file pattern, with no dependencies: the extension's small activation bundle imports it too.

/** Experiment files end with this suffix; package.json's patterns (`*.initexp.json`) spell the same, checked by a test. */
export const EXPERIMENT_SUFFIX = '.initexp.json';
/** A workspace glob that finds every experiment file. */
export const EXPERIMENT_GLOB = `**/*${EXPERIMENT_SUFFIX}`;

/** Whether a file name or path names an experiment file (case-insensitive, like the file systems learners use). */
export function isExperimentFileName(name: string): boolean {
  return name.toLowerCase().endsWith(EXPERIMENT_SUFFIX);
}

/** `dir/notebook.initexp.json` → `notebook`: the stem export files are named after. */
export function experimentStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = isExperimentFileName(base) ? base.slice(0, -EXPERIMENT_SUFFIX.length) : base.replace(/\.json$/i, '');
  return stem || 'experiment';
}
