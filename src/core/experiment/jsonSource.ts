// JSON-with-comments text → syntax tree with offsets, plus editor ranges, JSON paths and learner-readable syntax errors.
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';

/** A span of the source; line and character are 0-based UTF-16 positions, as in VS Code. */
export interface SourceRange {
  offset: number;
  length: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** Maps offsets to line/character positions (\n, \r\n and \r all end a line, as in VS Code). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  range(offset: number, length: number): SourceRange {
    const start = this.position(offset);
    const end = this.position(offset + length);
    return {
      offset,
      length,
      line: start.line,
      character: start.character,
      endLine: end.line,
      endCharacter: end.character,
    };
  }
}

export type PathSegment = string | number;

/** `$.runs[1].init.scheme`; keys that are not identifiers are quoted: `$["my key"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
}

export interface ParsedSource {
  /** Undefined when the text holds no value at all (empty, or only comments). */
  root: Node | undefined;
  syntax: SyntaxProblem[];
}

/**
 * Experiments nest four levels deep ($.runs[0].init); anything far deeper is garbage, and jsonc-parser
 * recurses per level, so very deep input would overflow the stack before we could report it.
 */
export const MAX_NESTING = 64;

/**
 * Comments and trailing commas are accepted, as in VS Code's own settings files: learners annotate
 * experiments, and a stray comma should not block a run. Everything else must be strict JSON.
 */
export function parseJsonSource(text: string): ParsedSource {
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep !== undefined) {
    return {
      root: undefined,
      syntax: [
        {
          offset: tooDeep,
          length: 1,
          message: `nested more than ${MAX_NESTING} levels deep; an experiment needs only a few levels`,
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const syntax = errors.map((e) => ({ offset: e.offset, length: e.length, message: describeSyntaxError(e, text) }));
  return { root, syntax };
}

/** Offset of the first bracket opening a level deeper than MAX_NESTING, found with the (iterative) scanner. */
function findExcessiveNesting(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > MAX_NESTING) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function describeSyntaxError(e: ParseError, text: string): string {
  const atEnd = text.slice(e.offset).trim() === '';
  const found = text.slice(e.offset, e.offset + Math.min(e.length, 20));
  const code = printParseErrorCode(e.error);
  switch (code) {
    case 'InvalidSymbol':
      if (/^[+-]?(NaN|Infinity)$/.test(found)) return `JSON has no ${found}; write a finite number`;
      if (/^[+.]/.test(found))
        return `"${found}" is not a JSON number; write numbers like 0.5 or 1e-3 (no leading "+" or ".")`;
      if (found.startsWith("'")) return 'JSON strings use double quotes ("), not single quotes';
      return `unexpected "${found}"; expected a JSON value: a number, a "string", true, false, null, {…} or […]`;
    case 'InvalidNumberFormat':
      return `"${found}" is not a valid JSON number; write numbers like 0.5, 10 or 1e-3`;
    case 'PropertyNameExpected':
      return 'expected a property name in double quotes, like "name"';
    case 'ValueExpected':
      if (text.trim() === '') return 'the file is empty; an experiment is a JSON object { "name": …, "dataset": …, … }';
      if (atEnd) return 'the file ends too early: a value is missing';
      return 'expected a value here';
    case 'ColonExpected':
      return 'expected ":" after the property name';
    case 'CommaExpected':
      return 'expected "," between two items';
    case 'CloseBraceExpected':
      return atEnd
        ? 'the file ends too early: an object is missing its closing "}"'
        : 'expected "," or "}" to continue or close the object';
    case 'CloseBracketExpected':
      return atEnd
        ? 'the file ends too early: a list is missing its closing "]"'
        : 'expected "," or "]" to continue or close the list';
    case 'EndOfFileExpected':
      return 'unexpected text after the end of the experiment; a file holds exactly one JSON object';
    case 'InvalidCommentToken':
      return 'invalid comment; use // to the end of the line or /* … */';
    case 'UnexpectedEndOfComment':
      return 'a /* comment is never closed with */';
    case 'UnexpectedEndOfString':
      return 'a string is not closed: add the closing double quote (strings cannot span lines)';
    case 'UnexpectedEndOfNumber':
      return 'a number is cut off, e.g. "1e" or "-" without digits';
    case 'InvalidUnicode':
      return 'invalid \\u escape in a string; it needs four hex digits, like \\u00e9';
    case 'InvalidEscapeCharacter':
      return 'invalid escape in a string; write \\\\ for a backslash';
    case 'InvalidCharacter':
      return 'a control character (such as a tab or line break) inside a string must be escaped';
    case '<unknown ParseErrorCode>':
      return 'invalid JSON here';
  }
}
