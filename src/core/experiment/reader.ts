// Reads the nodes of a parsed JSON document into typed values, reporting each problem with its JSON path and range.
import type { Node } from 'jsonc-parser';
import { LineIndex, formatPath, type PathSegment } from './jsonSource';
import { didYouMean, type ExperimentError, type ExperimentRule } from './errors';
import { formatCount } from './limits';
import { suggestName, type Aliases } from './suggest';
import { KEY_ALIASES, MAX_SEED } from './vocabulary';

export interface Anchor {
  offset: number;
  length: number;
}

export interface NumberRule {
  /** Noun phrase for messages: "the learning rate". */
  what: string;
  integer?: boolean;
  /** Greater than 0 (rule "positive"). */
  positive?: boolean;
  /** Inclusive bounds (rule "range"), optionally with an exclusive upper bound. */
  min?: number;
  max?: number;
  maxExclusive?: boolean;
  /** Why the range exists, appended to its message. */
  why?: string;
  limit?: { max: number; rule: ExperimentRule; unit: string; why: string };
}

/** Properties of one JSON object, keyed by name, with their key nodes kept for ranges. */
export type Props = Map<string, { key: Node; value: Node }>;

/** The value readers the section checks are built from; it collects every issue instead of stopping at the first. */
export abstract class NodeReader {
  protected readonly lines: LineIndex;
  protected readonly issues: ExperimentError[] = [];

  constructor(protected readonly text: string) {
    this.lines = new LineIndex(text);
  }

  // ------------------------------------------------------------ value readers

  /** Type-checks an object, reports duplicate and unknown keys, and returns its properties. */
  protected object(node: Node, path: PathSegment[], allowed: readonly string[], expected: string): Props | undefined {
    if (node.type !== 'object') {
      this.typeError(node, path, expected);
      return undefined;
    }
    const props: Props = new Map();
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (key === undefined || typeof key.value !== 'string') continue;
      const name: string = key.value;
      if (value === undefined) continue; // only possible with a syntax error, reported already
      if (props.has(name)) {
        this.report(
          key,
          [...path, name],
          'json.duplicateKey',
          `"${name}" appears twice in this object; JSON keeps only one of them, so remove the other`,
        );
      }
      if (!allowed.includes(name)) {
        const suggestion = suggestName(
          name,
          allowed.filter((k) => k !== '$schema'),
          KEY_ALIASES,
        );
        const message =
          suggestion !== undefined
            ? `unknown property "${name}"${didYouMean(suggestion)}`
            : `unknown property "${name}"; allowed here: ${allowed.join(', ')}`;
        this.report(key, [...path, name], 'unknownProperty', message, { suggestion });
        continue;
      }
      props.set(name, { key, value });
    }
    return props;
  }

  /** The value of a required property, or a "required" error anchored on the object's key (or its "{"). */
  protected required(
    props: Props,
    objectNode: Node,
    path: PathSegment[],
    key: string,
    purpose: string,
  ): Node | undefined {
    const p = props.get(key);
    if (p !== undefined) return p.value;
    this.report(
      this.missingAnchor(objectNode),
      [...path, key],
      'required',
      `missing required property "${key}" (${purpose})`,
    );
    return undefined;
  }

  protected string(node: Node, path: PathSegment[]): string | undefined {
    if (node.type !== 'string' || typeof node.value !== 'string') {
      this.typeError(node, path, 'a string in double quotes');
      return undefined;
    }
    return node.value;
  }

  protected boolean(node: Node, path: PathSegment[]): boolean | undefined {
    if (node.type !== 'boolean' || typeof node.value !== 'boolean') {
      this.typeError(node, path, 'true or false');
      return undefined;
    }
    return node.value;
  }

  protected nonEmptyString(node: Node | undefined, path: PathSegment[], what: string): string | undefined {
    if (node === undefined) return undefined;
    const s = this.string(node, path);
    if (s === undefined) return undefined;
    if (s.trim() === '') {
      this.report(node, path, 'nonEmpty', `${what} must not be empty`);
      return undefined;
    }
    return s;
  }

  protected enumValue<T extends string>(
    node: Node,
    path: PathSegment[],
    values: readonly T[],
    noun: string,
    aliases: Aliases = {},
  ): T | undefined {
    const s = this.string(node, path);
    if (s === undefined) return undefined;
    const match = values.find((v) => v === s);
    if (match !== undefined) return match;
    const suggestion = suggestName(s, values, aliases);
    const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
    const message =
      suggestion !== undefined
        ? `unknown ${noun} "${shown}"${didYouMean(suggestion)}`
        : `unknown ${noun} "${shown}"; expected one of: ${values.join(', ')}`;
    this.report(node, path, 'enum', message, { suggestion });
    return undefined;
  }

  protected seed(node: Node | undefined, path: PathSegment[]): number | undefined {
    return this.number(node, path, {
      what: 'a seed',
      integer: true,
      min: 0,
      max: MAX_SEED,
      why: 'it is the range np.random.seed accepts',
    });
  }

  /** Checks type, finiteness, integrality, sign, range and limit, in that order, reporting the first failure. */
  protected number(node: Node | undefined, path: PathSegment[], rule: NumberRule): number | undefined {
    if (node === undefined) return undefined;
    if (node.type !== 'number' || typeof node.value !== 'number') {
      this.typeError(node, path, rule.integer ? 'a whole number' : 'a number');
      return undefined;
    }
    const value: number = node.value;
    const raw = this.source(node);
    if (!Number.isFinite(value)) {
      this.report(node, path, 'finite', `${rule.what} must be a finite number; ${raw} overflows to infinity`);
      return undefined;
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.report(node, path, 'integer', `${rule.what} must be a whole number; found ${raw}`);
      return undefined;
    }
    if (rule.positive && !(value > 0)) {
      this.report(node, path, 'positive', `${rule.what} must be greater than 0; found ${raw}`);
      return undefined;
    }
    const belowMin = rule.min !== undefined && value < rule.min;
    const aboveMax = rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max);
    if (belowMin || aboveMax) {
      const why = rule.why === undefined ? '' : ` (${rule.why})`;
      this.report(node, path, 'range', `${rule.what} must be ${describeRange(rule)}${why}; found ${raw}`);
      return undefined;
    }
    if (rule.limit !== undefined && value > rule.limit.max) {
      const l = rule.limit;
      this.report(
        node,
        path,
        l.rule,
        `${formatCount(value)} is above the limit of ${formatCount(l.max)} ${l.unit}, because ${l.why}`,
      );
      return undefined;
    }
    return value;
  }

  // ------------------------------------------------------------ reporting

  protected typeError(node: Node, path: PathSegment[], expected: string): void {
    let message = `expected ${expected}; found ${this.describe(node)}`;
    if (
      node.type === 'string' &&
      typeof node.value === 'string' &&
      /number/.test(expected) &&
      node.value.trim() !== '' &&
      Number.isFinite(Number(node.value))
    ) {
      message += '; remove the quotes to make it a number';
    }
    this.report(this.anchor(node), path, 'type', message);
  }

  protected describe(node: Node): string {
    switch (node.type) {
      case 'string': {
        const s = String(node.value);
        return `the string "${s.length > 30 ? `${s.slice(0, 30)}…` : s}"`;
      }
      case 'number':
        return `the number ${this.source(node)}`;
      case 'boolean':
        return String(node.value);
      case 'null':
        return 'null';
      case 'object':
        return 'an object {…}';
      case 'array':
        return 'a list […]';
      case 'property':
        return 'a property';
    }
  }

  protected source(node: Node): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }

  /** Scalars are marked whole; objects and lists by their key, or their first character, to keep squiggles short. */
  protected anchor(node: Node): Anchor {
    if (node.type !== 'object' && node.type !== 'array') return node;
    const parent = node.parent;
    const key = parent?.type === 'property' ? parent.children?.[0] : undefined;
    return key ?? { offset: node.offset, length: 1 };
  }

  /** Where to mark a property missing from an object: the object's own key, or its "{". */
  protected missingAnchor(objectNode: Node): Anchor {
    return this.anchor(objectNode);
  }

  protected childValue(objectNode: Node, key: string): Node | undefined {
    if (objectNode.type !== 'object') return undefined;
    for (const prop of objectNode.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (k?.value === key) return v;
    }
    return undefined;
  }

  protected report(
    at: Anchor,
    path: PathSegment[],
    rule: ExperimentRule,
    message: string,
    extra: { severity?: 'error' | 'warning'; suggestion?: string } = {},
  ): void {
    // jsonc-parser can report a span past the end (an unclosed comment); editors need it inside the text.
    const offset = Math.max(0, Math.min(at.offset, this.text.length));
    const length = Math.max(0, Math.min(at.length, this.text.length - offset));
    const issue: ExperimentError = {
      path: formatPath(path),
      message,
      rule,
      severity: extra.severity ?? 'error',
      range: this.lines.range(offset, length),
    };
    if (extra.suggestion !== undefined) issue.suggestion = extra.suggestion;
    this.issues.push(issue);
  }
}

function describeRange(rule: NumberRule): string {
  const min = rule.min;
  const max = rule.max;
  if (min !== undefined && max !== undefined) {
    return rule.maxExclusive
      ? `at least ${formatCount(min)} and below ${formatCount(max)}`
      : `between ${formatCount(min)} and ${formatCount(max)}`;
  }
  if (min !== undefined) return `${formatCount(min)} or more`;
  if (max !== undefined) return rule.maxExclusive ? `below ${formatCount(max)}` : `${formatCount(max)} or less`;
  return 'in range';
}
