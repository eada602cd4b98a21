// What the validator reports: rule identifiers, located errors and warnings, and the one-line form logs print.
import type { SourceRange } from './jsonSource';
import type { Experiment } from './types';

/** Stable identifiers of the rules, for tests, diagnostic codes and documentation. */
export type ExperimentRule =
  | 'json.syntax'
  | 'json.duplicateKey'
  | 'type'
  | 'required'
  | 'enum'
  | 'unknownProperty'
  | 'integer'
  | 'finite'
  | 'positive'
  | 'range'
  | 'nonEmpty'
  | 'layers.length'
  | 'layers.input'
  | 'layers.output'
  | 'runs.uniqueName'
  | 'init.inapplicable'
  | 'limit.samples'
  | 'limit.parameters'
  | 'limit.iterations'
  | 'limit.layers'
  | 'limit.width'
  | 'limit.runs'
  | 'limit.activations'
  | 'limit.work'
  | 'sweep.oneSetting'
  | 'sweep.values'
  | 'sameDraw.seed'
  | 'limit.sweep'
  | 'ignored'
  | 'training.fewLogs'
  | 'internal';

export interface ExperimentError {
  /** JSONPath-like location: `$.runs[1].init.scheme`. */
  path: string;
  /** One sentence for a learner, without the path (callers print `path: message`). */
  message: string;
  rule: ExperimentRule;
  /** Warnings (an ignored setting, a sparse log) do not stop a run; errors do. */
  severity: 'error' | 'warning';
  range: SourceRange;
  /** For a misspelled name: the valid value or property it most likely meant (usable as a quick fix). */
  suggestion?: string;
}

/**
 * `errors` lists errors and warnings together, in source order; `warnings` accompanies a valid experiment.
 * When the text is not well-formed JSON only the syntax errors are returned: the recovered tree would
 * add misleading "missing property" errors.
 */
export type ParseResult =
  { ok: true; experiment: Experiment; warnings: ExperimentError[] } | { ok: false; errors: ExperimentError[] };

/** `$.runs[1].init.scheme: unknown scheme "He" (rule enum); did you mean "he"?` for logs and the CLI. */
export function formatExperimentError(e: ExperimentError): string {
  const hint = e.suggestion === undefined ? '' : didYouMean(e.suggestion);
  const base = hint !== '' && e.message.endsWith(hint) ? e.message.slice(0, -hint.length) : e.message;
  const label = e.severity === 'warning' ? `warning, rule ${e.rule}` : `rule ${e.rule}`;
  return `${e.path}: ${base} (${label})${base === e.message ? '' : hint}`;
}

export function didYouMean(suggestion: string): string {
  return `; did you mean "${suggestion}"?`;
}
