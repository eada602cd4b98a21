// Experiment parsing and validation: one test per rule (path, rule, message, source range), defaults, examples, garbage.
import { ROOT } from '../../../paths';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  LIMITS,
  formatExperimentError,
  parseExperiment,
  type ExperimentError,
  type ExperimentRule,
  type ParseResult,
} from '../../../../src/core/experiment/parse';
import { editDistance, suggestName } from '../../../../src/core/experiment/suggest';

const EXAMPLES = path.join(ROOT, 'examples');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };

/** A small valid experiment; each test breaks one thing in a fresh copy. */
function base(): Doc {
  return {
    name: 'Test',
    dataset: {
      kind: 'circles',
      train: { samples: 300, noise: 0.05, seed: 1 },
      test: { samples: 100, noise: 0.05, seed: 2 },
    },
    network: { layers: [2, 10, 5, 1] },
    training: { learningRate: 0.01, iterations: 15000 },
    runs: [
      { name: 'zeros', init: { scheme: 'zeros' } },
      { name: 'He', init: { scheme: 'he' }, seed: 3 },
    ],
  };
}

function obj(doc: Doc, key: string): Doc {
  const v = doc[key];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${key} is not an object`);
  return v;
}

function runs(doc: Doc): Doc[] {
  return doc.runs as Doc[];
}

function text(doc: Doc): string {
  return JSON.stringify(doc, null, 2);
}

function failures(src: string): ExperimentError[] {
  const r = parseExperiment(src);
  assert.equal(r.ok, false, `expected errors for:\n${src}`);
  return r.ok ? [] : r.errors;
}

/** Offset of `token` at or after the first occurrence of `after` (the token itself is located in the text). */
function locate(src: string, token: string, after = ''): number {
  const start = after === '' ? 0 : src.indexOf(after);
  assert.ok(start >= 0, `context ${after} not found`);
  const at = src.indexOf(token, start);
  assert.ok(at >= 0, `token ${token} not found`);
  return at;
}

/** 0-based line and UTF-16 character of an offset, computed independently of the parser. */
function position(src: string, offset: number): { line: number; character: number } {
  const before = src.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

interface Expectation {
  path: string;
  rule: ExperimentRule;
  /** Substrings that the message must contain. */
  says: string[];
  /** The exact source text the range must cover, found in `src` by `locate(src, token, after)`. */
  token: string;
  after?: string;
  severity?: 'error' | 'warning';
}

function expectIssue(src: string, issues: ExperimentError[], want: Expectation): ExperimentError {
  const found = issues.find((e) => e.path === want.path && e.rule === want.rule);
  assert.ok(found, `no ${want.rule} at ${want.path}; got:\n${issues.map(formatExperimentError).join('\n')}`);
  for (const s of want.says) assert.ok(found.message.includes(s), `message "${found.message}" lacks "${s}"`);
  assert.ok(!found.message.includes(want.path), 'the message must not repeat the path');
  const offset = locate(src, want.token, want.after);
  const start = position(src, offset);
  const end = position(src, offset + want.token.length);
  assert.deepEqual(found.range, {
    offset,
    length: want.token.length,
    line: start.line,
    character: start.character,
    endLine: end.line,
    endCharacter: end.character,
  });
  assert.equal(found.severity, want.severity ?? 'error');
  return found;
}

function expectOne(doc: Doc | string, want: Expectation): ExperimentError {
  const src = typeof doc === 'string' ? doc : text(doc);
  return expectIssue(src, failures(src), want);
}

function experimentOf(r: ParseResult): NonNullable<Extract<ParseResult, { ok: true }>['experiment']> {
  if (!r.ok) throw new Error(r.errors.map(formatExperimentError).join('\n'));
  return r.experiment;
}

describe('parseExperiment', () => {
  describe('valid input and defaults', () => {
    it('fills every default and keeps the given values', () => {
      const r = parseExperiment(text(base()));
      const e = experimentOf(r);
      assert.deepEqual(e, {
        name: 'Test',
        rng: 'numpy',
        dataset: {
          kind: 'circles',
          train: { samples: 300, noise: 0.05, seed: 1 },
          test: { samples: 100, noise: 0.05, seed: 2 },
        },
        network: { layers: [2, 10, 5, 1], hiddenActivation: 'relu', outputActivation: 'sigmoid', leakyReluAlpha: 0.01 },
        training: { learningRate: 0.01, iterations: 15000, logEvery: 1000, loss: 'stable' },
        runs: [
          { name: 'zeros', init: { scheme: 'zeros' } },
          { name: 'He', init: { scheme: 'he' }, seed: 3 },
        ],
      });
      assert.ok(r.ok && r.warnings.length === 0);
    });

    it('keeps optional values that are given: description, rng, activations, alpha, logEvery, loss, std, limit, gain', () => {
      const d = base();
      d.description = 'look here';
      d.rng = 'seedrandom';
      d.network = { layers: [2, 4, 1], hiddenActivation: 'leakyRelu', outputActivation: 'sigmoid', leakyReluAlpha: 0 };
      d.training = { learningRate: 0.5, iterations: 10, logEvery: 3, loss: 'notebook' };
      d.runs = [
        { name: 'n', init: { scheme: 'normal', std: 10, gain: 2 } },
        { name: 'u', init: { scheme: 'uniform', limit: 0.05 }, seed: 4294967295 },
        { name: 't', init: { scheme: 'truncatedNormal' }, seed: 0 },
      ];
      const e = experimentOf(parseExperiment(text(d)));
      assert.equal(e.description, 'look here');
      assert.equal(e.rng, 'seedrandom');
      assert.deepEqual(e.network, {
        layers: [2, 4, 1],
        hiddenActivation: 'leakyRelu',
        outputActivation: 'sigmoid',
        leakyReluAlpha: 0,
      });
      assert.deepEqual(e.training, { learningRate: 0.5, iterations: 10, logEvery: 3, loss: 'notebook' });
      assert.deepEqual(e.runs, [
        { name: 'n', init: { scheme: 'normal', std: 10, gain: 2 } },
        { name: 'u', init: { scheme: 'uniform', limit: 0.05 }, seed: 4294967295 },
        // truncatedNormal may omit std: the core applies Keras' default.
        { name: 't', init: { scheme: 'truncatedNormal' }, seed: 0 },
      ]);
    });

    it('accepts comments, trailing commas, CRLF line ends and a $schema property', () => {
      const src =
        '// my notes\r\n{\r\n  "$schema": "../schemas/initexp.schema.json",\r\n  /* block */ "name": "c",\r\n' +
        text(base()).slice(1).replace('"name": "Test",', '').replace(/\n\}$/, ',\n}');
      const e = experimentOf(parseExperiment(src));
      assert.equal(e.name, 'c');
    });

    it('accepts every limit exactly at its maximum', () => {
      const d = base();
      obj(obj(d, 'dataset'), 'train').samples = LIMITS.maxSamples;
      obj(obj(d, 'dataset'), 'test').samples = LIMITS.maxSamples;
      obj(d, 'training').iterations = 10;
      obj(d, 'network').layers = [2, ...new Array<number>(LIMITS.maxLayers - 3).fill(10), 1];
      d.runs = Array.from({ length: LIMITS.maxRuns }, (_, i) => ({ name: `r${i}`, init: { scheme: 'he' } }));
      experimentOf(parseExperiment(text(d)));
      const w = base();
      obj(w, 'network').layers = [2, LIMITS.maxWidth, 1];
      obj(w, 'training').iterations = LIMITS.maxIterations;
      obj(obj(w, 'dataset'), 'train').samples = 10;
      experimentOf(parseExperiment(text(w)));
    });
  });

  describe('examples', () => {
    const files = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.initexp.json'))
      .sort();

    it('has the required examples', () => {
      for (const f of ['notebook', 'small-random', 'uniform-and-vanishing', 'xavier-vs-he-tanh', 'xavier-vs-he-relu']) {
        assert.ok(files.includes(`${f}.initexp.json`), f);
      }
    });

    for (const f of files) {
      it(`${f} parses without errors or warnings and has a one-line description`, () => {
        const r = parseExperiment(readFileSync(path.join(EXAMPLES, f), 'utf8'));
        const e = experimentOf(r);
        assert.ok(r.ok && r.warnings.length === 0, JSON.stringify(r));
        assert.ok(e.description !== undefined && e.description.length > 20 && !e.description.includes('\n'));
        assert.ok(e.description.startsWith('What to look for'), e.description);
      });
    }

    it('notebook.initexp.json is the shared reference plus a description', () => {
      // test/golden/notebook.initexp.json is the course notebook's experiment as the NumPy reference runs it (docs/format.md).
      const reference = JSON.parse(
        readFileSync(path.join(ROOT, 'test', 'golden', 'notebook.initexp.json'), 'utf8'),
      ) as Doc;
      const example = JSON.parse(readFileSync(path.join(EXAMPLES, 'notebook.initexp.json'), 'utf8')) as Doc;
      assert.equal(typeof example.description, 'string');
      delete example.description;
      assert.deepEqual(example, reference);
    });
  });

  describe('one test per rule', () => {
    it('json.syntax: empty text', () => {
      const errors = failures('');
      assert.equal(errors.length, 1);
      expectIssue('', errors, { path: '$', rule: 'json.syntax', says: ['empty'], token: '' });
    });

    it('json.syntax: truncated text reports only the syntax error, at the end', () => {
      const full = text(base());
      const src = full.slice(0, full.indexOf('"network"'));
      const errors = failures(src);
      assert.ok(
        errors.every((e) => e.rule === 'json.syntax'),
        'no "required" noise from a half-parsed tree',
      );
      const last = errors[errors.length - 1];
      assert.match(last.message, /ends too early/);
      assert.equal(last.range.offset, src.length);
    });

    it('json.syntax: garbage, NaN and single quotes', () => {
      expectOne('hello', { path: '$', rule: 'json.syntax', says: ['unexpected "hello"'], token: 'hello' });
      const nan = text(base()).replace('0.01', 'NaN');
      expectOne(nan, { path: '$', rule: 'json.syntax', says: ['JSON has no NaN'], token: 'NaN' });
      expectOne("{ 'name': 1 }", { path: '$', rule: 'json.syntax', says: ['double quotes'], token: "'name'" });
    });

    it('json.syntax: absurd nesting is reported, not a stack overflow', () => {
      const src = '['.repeat(200_000);
      const errors = failures(src);
      assert.equal(errors.length, 1);
      assert.equal(errors[0].rule, 'json.syntax');
      assert.match(errors[0].message, /nested more than 64 levels/);
      assert.equal(errors[0].range.offset, 64);
    });

    it('type: the top level must be an object', () => {
      expectOne('[1, 2]', {
        path: '$',
        rule: 'type',
        says: ['expected an experiment object', 'found a list'],
        token: '[',
      });
      expectOne('42', { path: '$', rule: 'type', says: ['found the number 42'], token: '42' });
    });

    it('type: a quoted number gets a hint, an object where a list belongs is marked at its key', () => {
      const d = base();
      obj(d, 'training').learningRate = '0.01';
      expectOne(d, {
        path: '$.training.learningRate',
        rule: 'type',
        says: ['expected a number', 'found the string "0.01"', 'remove the quotes'],
        token: '"0.01"',
      });
      const l = base();
      obj(l, 'network').layers = { a: 1 };
      expectOne(l, {
        path: '$.network.layers',
        rule: 'type',
        says: ['expected a list of layer widths'],
        token: '"layers"',
      });
      const n = base();
      n.name = 7;
      expectOne(n, { path: '$.name', rule: 'type', says: ['expected a string', 'found the number 7'], token: '7' });
    });

    it('required: marked on the enclosing key, or on "{" for the root and list items', () => {
      const d = base();
      delete d.dataset;
      expectOne(d, { path: '$.dataset', rule: 'required', says: ['missing required property "dataset"'], token: '{' });
      const s = base();
      runs(s)[1].init = { gain: 2 };
      expectOne(s, {
        path: '$.runs[1].init.scheme',
        rule: 'required',
        says: ['missing required property "scheme"'],
        token: '"init"',
        after: '"He"',
      });
      const r = base();
      delete runs(r)[0].name;
      expectOne(r, { path: '$.runs[0].name', rule: 'required', says: ['"name"'], token: '{', after: '"runs"' });
    });

    it('required: std for normal and limit for uniform', () => {
      const d = base();
      runs(d)[0].init = { scheme: 'normal' };
      expectOne(d, {
        path: '$.runs[0].init.std',
        rule: 'required',
        says: ['scheme "normal" needs "std"'],
        token: '"init"',
      });
      const u = base();
      runs(u)[0].init = { scheme: 'uniform' };
      expectOne(u, {
        path: '$.runs[0].init.limit',
        rule: 'required',
        says: ['needs "limit"', 'U(-limit, limit)'],
        token: '"init"',
      });
    });

    it('enum: a wrong case, a snake_case name and an alias get a suggestion', () => {
      const d = base();
      runs(d)[1].init = { scheme: 'He' };
      const e = expectOne(d, {
        path: '$.runs[1].init.scheme',
        rule: 'enum',
        says: ['unknown scheme "He"; did you mean "he"?'],
        token: '"He"',
        after: '"scheme": "He"',
      });
      assert.equal(e.suggestion, 'he');
      assert.equal(
        formatExperimentError(e),
        '$.runs[1].init.scheme: unknown scheme "He" (rule enum); did you mean "he"?',
      );
      const x = base();
      runs(x)[0].init = { scheme: 'xavier_uniform' };
      assert.equal(
        expectOne(x, {
          path: '$.runs[0].init.scheme',
          rule: 'enum',
          says: ['did you mean "xavierUniform"?'],
          token: '"xavier_uniform"',
        }).suggestion,
        'xavierUniform',
      );
      const k = base();
      runs(k)[0].init = { scheme: 'kaiming' };
      assert.equal(
        expectOne(k, { path: '$.runs[0].init.scheme', rule: 'enum', says: ['did you mean "he"?'], token: '"kaiming"' })
          .suggestion,
        'he',
      );
      const a = base();
      obj(a, 'network').hiddenActivation = 'ReLU';
      expectOne(a, {
        path: '$.network.hiddenActivation',
        rule: 'enum',
        says: ['unknown activation "ReLU"; did you mean "relu"?'],
        token: '"ReLU"',
      });
      const c = base();
      obj(c, 'dataset').kind = 'circle';
      expectOne(c, { path: '$.dataset.kind', rule: 'enum', says: ['did you mean "circles"?'], token: '"circle"' });
    });

    it('enum: without a close match the valid values are listed', () => {
      const d = base();
      obj(d, 'training').loss = 'mse';
      const e = expectOne(d, {
        path: '$.training.loss',
        rule: 'enum',
        says: ['unknown loss "mse"; expected one of: notebook, stable'],
        token: '"mse"',
      });
      assert.equal(e.suggestion, undefined);
    });

    it('unknownProperty: a misspelled key gets a suggestion and is marked on the key', () => {
      const d = base();
      obj(d, 'network').hiddenActivaton = 'tanh';
      const e = expectOne(d, {
        path: '$.network.hiddenActivaton',
        rule: 'unknownProperty',
        says: ['unknown property "hiddenActivaton"; did you mean "hiddenActivation"?'],
        token: '"hiddenActivaton"',
      });
      assert.equal(e.suggestion, 'hiddenActivation');
      const n = base();
      obj(n, 'training').num_iterations = 100;
      assert.equal(
        expectOne(n, {
          path: '$.training.num_iterations',
          rule: 'unknownProperty',
          says: ['did you mean "iterations"?'],
          token: '"num_iterations"',
        }).suggestion,
        'iterations',
      );
      const q = base();
      q['weird key'] = 1;
      expectOne(q, {
        path: '$["weird key"]',
        rule: 'unknownProperty',
        says: ['allowed here: $schema, name, description'],
        token: '"weird key"',
      });
    });

    it('json.duplicateKey: a key given twice', () => {
      const src = text(base()).replace('"name": "Test",', '"name": "A",\n  "name": "B",');
      expectOne(src, {
        path: '$.name',
        rule: 'json.duplicateKey',
        says: ['"name" appears twice'],
        token: '"name"',
        after: '"A"',
      });
    });

    it('integer: fractional sizes, seeds and iterations', () => {
      const d = base();
      obj(obj(d, 'dataset'), 'train').samples = 300.5;
      expectOne(d, {
        path: '$.dataset.train.samples',
        rule: 'integer',
        says: ['the number of samples must be a whole number; found 300.5'],
        token: '300.5',
      });
      const l = base();
      obj(l, 'network').layers = [2, 2.5, 1];
      expectOne(l, {
        path: '$.network.layers[1]',
        rule: 'integer',
        says: ['a layer width must be a whole number; found 2.5'],
        token: '2.5',
      });
      const s = base();
      runs(s)[1].seed = 3.5;
      expectOne(s, { path: '$.runs[1].seed', rule: 'integer', says: ['a seed must be a whole number'], token: '3.5' });
    });

    it('finite: a number that overflows to Infinity', () => {
      const src = text(base()).replace('"learningRate": 0.01', '"learningRate": 1e999');
      expectOne(src, {
        path: '$.training.learningRate',
        rule: 'finite',
        says: ['must be a finite number; 1e999 overflows'],
        token: '1e999',
      });
    });

    it('positive: zero or negative sizes, rates and scales', () => {
      const cases: [(d: Doc) => void, string, string, string, string][] = [
        [
          (d) => {
            obj(d, 'training').learningRate = -0.1;
          },
          '$.training.learningRate',
          'the learning rate must be greater than 0; found -0.1',
          '-0.1',
          '"learningRate"',
        ],
        [
          (d) => {
            obj(obj(d, 'dataset'), 'test').samples = 0;
          },
          '$.dataset.test.samples',
          'the number of samples must be greater than 0; found 0',
          '0',
          '"samples": 0',
        ],
        [
          (d) => {
            obj(d, 'network').layers = [2, 0, 1];
          },
          '$.network.layers[1]',
          'a layer width must be greater than 0; found 0',
          '0',
          '2,',
        ],
        [
          (d) => {
            obj(d, 'training').iterations = 0;
          },
          '$.training.iterations',
          'greater than 0; found 0',
          '0',
          '"iterations"',
        ],
        [
          (d) => {
            obj(d, 'training').logEvery = 0;
          },
          '$.training.logEvery',
          'logEvery must be greater than 0',
          '0',
          '"logEvery"',
        ],
        [
          (d) => {
            runs(d)[1].init = { scheme: 'normal', std: 0 };
          },
          '$.runs[1].init.std',
          'std must be greater than 0',
          '0',
          '"std"',
        ],
        [
          (d) => {
            runs(d)[1].init = { scheme: 'uniform', limit: -1 };
          },
          '$.runs[1].init.limit',
          'limit must be greater than 0; found -1',
          '-1',
          '"limit"',
        ],
        [
          (d) => {
            runs(d)[1].init = { scheme: 'he', gain: 0 };
          },
          '$.runs[1].init.gain',
          'gain must be greater than 0',
          '0',
          '"gain"',
        ],
      ];
      for (const [mutate, p, says, token, after] of cases) {
        const d = base();
        mutate(d);
        expectOne(d, { path: p, rule: 'positive', says: [says], token, after });
      }
    });

    it('range: noise, seeds and leakyReluAlpha', () => {
      const n = base();
      obj(obj(n, 'dataset'), 'train').noise = -0.1;
      expectOne(n, {
        path: '$.dataset.train.noise',
        rule: 'range',
        says: ['the noise must be 0 or more', 'found -0.1'],
        token: '-0.1',
      });
      const s = base();
      runs(s)[1].seed = 2 ** 32;
      expectOne(s, {
        path: '$.runs[1].seed',
        rule: 'range',
        says: ['between 0 and 4,294,967,295', 'found 4294967296'],
        token: '4294967296',
      });
      const t = base();
      obj(obj(t, 'dataset'), 'test').seed = -1;
      expectOne(t, { path: '$.dataset.test.seed', rule: 'range', says: ['found -1'], token: '-1' });
      const a = base();
      obj(a, 'network').hiddenActivation = 'leakyRelu';
      obj(a, 'network').leakyReluAlpha = 1;
      expectOne(a, {
        path: '$.network.leakyReluAlpha',
        rule: 'range',
        says: ['at least 0 and below 1', 'found 1'],
        token: '1',
        after: '"leakyReluAlpha"',
      });
    });

    it('nonEmpty: no runs, blank names', () => {
      const d = base();
      d.runs = [];
      expectOne(d, { path: '$.runs', rule: 'nonEmpty', says: ['needs at least one run'], token: '"runs"' });
      const r = base();
      runs(r)[0].name = '  ';
      expectOne(r, { path: '$.runs[0].name', rule: 'nonEmpty', says: ['a run name must not be empty'], token: '"  "' });
      const e = base();
      e.name = '';
      expectOne(e, { path: '$.name', rule: 'nonEmpty', says: ['the experiment name must not be empty'], token: '""' });
    });

    it('layers.length, layers.input, layers.output', () => {
      const d = base();
      obj(d, 'network').layers = [2];
      expectOne(d, {
        path: '$.network.layers',
        rule: 'layers.length',
        says: ['needs at least 2 widths', 'found 1'],
        token: '"layers"',
      });
      const i = base();
      obj(i, 'network').layers = [3, 4, 1];
      expectOne(i, {
        path: '$.network.layers[0]',
        rule: 'layers.input',
        says: ['must be 2', 'two features', 'found 3'],
        token: '3',
        after: '"layers"',
      });
      const o = base();
      obj(o, 'network').layers = [2, 4, 2];
      expectOne(o, {
        path: '$.network.layers[2]',
        rule: 'layers.output',
        says: ['must be 1', 'found 2'],
        token: '2',
        after: '4,',
      });
    });

    it('runs.uniqueName: the second use of a name, even when its run has other errors', () => {
      const d = base();
      runs(d)[1] = { init: { scheme: 'nope' }, name: 'zeros' };
      const errors = failures(text(d));
      expectIssue(text(d), errors, {
        path: '$.runs[1].name',
        rule: 'runs.uniqueName',
        says: ['run name "zeros" is already used by $.runs[0]'],
        token: '"zeros"',
        after: '"nope"',
      });
      assert.ok(errors.some((e) => e.rule === 'enum'));
    });

    it('init.inapplicable: a field the scheme does not use is an error, marked on its key', () => {
      const d = base();
      runs(d)[1].init = { scheme: 'he', std: 2 };
      expectOne(d, {
        path: '$.runs[1].init.std',
        rule: 'init.inapplicable',
        says: ['"std" only applies to schemes normal and truncatedNormal', '√(2/fan_in)', 'use "gain"'],
        token: '"std"',
      });
      const n = base();
      runs(n)[1].init = { scheme: 'normal', std: 1, limit: 1 };
      expectOne(n, {
        path: '$.runs[1].init.limit',
        rule: 'init.inapplicable',
        says: ['"limit" only applies to scheme uniform'],
        token: '"limit"',
      });
      const z = base();
      runs(z)[0].init = { scheme: 'zeros', gain: 2 };
      expectOne(z, {
        path: '$.runs[0].init.gain',
        rule: 'init.inapplicable',
        says: ['"gain" has no effect on scheme zeros'],
        token: '"gain"',
      });
    });
  });

  describe('limits, each with its own message naming the limit and the value', () => {
    it('limit.samples', () => {
      const d = base();
      obj(obj(d, 'dataset'), 'train').samples = LIMITS.maxSamples + 1;
      expectOne(d, {
        path: '$.dataset.train.samples',
        rule: 'limit.samples',
        says: ['10,001 is above the limit of 10,000 samples per dataset part'],
        token: '10001',
      });
    });

    it('limit.iterations', () => {
      const d = base();
      obj(d, 'training').iterations = LIMITS.maxIterations + 1;
      expectOne(d, {
        path: '$.training.iterations',
        rule: 'limit.iterations',
        says: ['1,000,001 is above the limit of 1,000,000 iterations'],
        token: '1000001',
      });
    });

    it('limit.width', () => {
      const d = base();
      obj(d, 'network').layers = [2, LIMITS.maxWidth + 1, 1];
      expectOne(d, {
        path: '$.network.layers[1]',
        rule: 'limit.width',
        says: ['1,025 is above the limit of 1,024 units per layer'],
        token: '1025',
      });
    });

    it('limit.layers', () => {
      const d = base();
      obj(d, 'network').layers = [2, ...new Array<number>(LIMITS.maxLayers - 1).fill(3), 1];
      expectOne(d, {
        path: '$.network.layers',
        rule: 'limit.layers',
        says: ['33 layers is above the limit of 32 layers'],
        token: '"layers"',
      });
    });

    it('limit.runs', () => {
      const d = base();
      d.runs = Array.from({ length: LIMITS.maxRuns + 1 }, (_, i) => ({ name: `r${i}`, init: { scheme: 'he' } }));
      expectOne(d, {
        path: '$.runs',
        rule: 'limit.runs',
        says: ['13 runs is above the limit of 12 runs'],
        token: '"runs"',
      });
    });

    it('limit.parameters', () => {
      const d = base();
      obj(d, 'network').layers = [2, 1024, 1024, 1];
      obj(obj(d, 'dataset'), 'train').samples = 10;
      obj(obj(d, 'dataset'), 'test').samples = 10;
      // (2+1)·1024 + (1024+1)·1024 + (1024+1)·1 weights and biases.
      const count = 3 * 1024 + 1025 * 1024 + 1025;
      expectOne(d, {
        path: '$.network.layers',
        rule: 'limit.parameters',
        says: [`${count.toLocaleString('en-US')} weights and biases`, 'limit of 1,000,000 parameters'],
        token: '"layers"',
      });
    });

    it('limit.activations', () => {
      const d = base();
      obj(obj(d, 'dataset'), 'train').samples = 10_000;
      obj(d, 'network').layers = [2, 400, 1];
      obj(d, 'training').iterations = 1;
      expectOne(d, {
        path: '$.network.layers',
        rule: 'limit.activations',
        says: ['10,000 samples × 403 units = 4,030,000 activation values', 'limit of 4,000,000'],
        token: '"layers"',
      });
    });

    it('limit.work', () => {
      const d = base();
      obj(obj(d, 'dataset'), 'train').samples = 1000;
      obj(d, 'network').layers = [2, 50, 50, 1];
      obj(d, 'training').iterations = 1_000_000;
      const parameters = 3 * 50 + 51 * 50 + 51;
      const work = 1_000_000 * 1000 * parameters;
      expectOne(d, {
        path: '$.training.iterations',
        rule: 'limit.work',
        says: [
          `1,000,000 iterations × 1,000 training samples × ${parameters.toLocaleString('en-US')} parameters = ${work.toLocaleString('en-US')} multiply-adds`,
          'limit of 50,000,000,000',
        ],
        token: '1000000',
      });
    });
  });

  describe('warnings', () => {
    it('ignored: leakyReluAlpha without leakyRelu still runs, with a warning on the key', () => {
      const d = base();
      obj(d, 'network').leakyReluAlpha = 0.2;
      const src = text(d);
      const r = parseExperiment(src);
      assert.ok(r.ok);
      expectIssue(src, r.warnings, {
        path: '$.network.leakyReluAlpha',
        rule: 'ignored',
        says: ['ignored because hiddenActivation is "relu"'],
        token: '"leakyReluAlpha"',
        severity: 'warning',
      });
      assert.equal(
        formatExperimentError(r.warnings[0]),
        `$.network.leakyReluAlpha: ${r.warnings[0].message} (warning, rule ignored)`,
      );
    });

    it('training.fewLogs: logEvery not below iterations, given or by default', () => {
      const d = base();
      obj(d, 'training').iterations = 500;
      const src = text(d);
      const r = parseExperiment(src);
      assert.ok(r.ok);
      expectIssue(src, r.warnings, {
        path: '$.training.iterations',
        rule: 'training.fewLogs',
        says: ['only the cost at iteration 0', 'logEvery (1000, the default)', 'e.g. 50'],
        token: '500',
        severity: 'warning',
      });
    });

    it('warnings travel with errors when the experiment is invalid', () => {
      const d = base();
      obj(d, 'network').leakyReluAlpha = 0.2;
      obj(d, 'training').learningRate = 0;
      const errors = failures(text(d));
      assert.deepEqual(
        errors.map((e) => [e.rule, e.severity]),
        [
          ['ignored', 'warning'],
          ['positive', 'error'],
        ],
      );
    });
  });

  describe('robustness', () => {
    it('returns every independent error at once, in source order', () => {
      const d = base();
      d.rng = 'NumPy';
      obj(obj(d, 'dataset'), 'train').samples = -1;
      obj(d, 'network').layers = [3, 10, 1];
      obj(d, 'training').learningRate = 'fast';
      runs(d)[0].init = { scheme: 'zero' };
      runs(d)[1].name = 'zeros';
      const errors = failures(text(d));
      // "rng" was added last to the object, so it comes last in the text.
      assert.deepEqual(
        errors.map((e) => `${e.path} ${e.rule}`),
        [
          '$.dataset.train.samples positive',
          '$.network.layers[0] layers.input',
          '$.training.learningRate type',
          '$.runs[0].init.scheme enum',
          '$.runs[1].name runs.uniqueName',
          '$.rng enum',
        ],
      );
    });

    it('positions count UTF-16 code units after non-ASCII text, as VS Code does', () => {
      const d = base();
      d.name = '🙂 émoji';
      obj(d, 'training').learningRate = -1;
      const src = text(d);
      expectOne(src, { path: '$.training.learningRate', rule: 'positive', says: ['found -1'], token: '-1' });
    });

    it('a non-string argument is a type error, not an exception', () => {
      const r = parseExperiment(undefined as unknown as string);
      assert.ok(!r.ok && r.errors[0].rule === 'type');
    });

    it('never throws on garbage, truncations or corrupted examples, and every error is well-formed', () => {
      const samples = [
        '',
        ' ',
        '{',
        '}',
        '[',
        ']',
        'null',
        'true',
        '"x"',
        '0',
        '-',
        '{"',
        '{"name"',
        '{"name":',
        '{"name":}',
        '{,}',
        '[,]',
        '{"runs": [null, 1, "x", [], {}]}',
        '{"network": {"layers": [null, "2", true, [], {}]}}',
        '\u0000\uffff',
        '/*',
        '//',
        '{"dataset": {"kind": 5, "train": [], "test": null}}',
        '{"__proto__": {"x": 1}, "constructor": 1}',
        '{"runs": [{"name": "a", "init": {"scheme": "toString"}}]}',
        'x'.repeat(10_000),
        '"'.repeat(999),
      ];
      const example = readFileSync(path.join(EXAMPLES, 'notebook.initexp.json'), 'utf8');
      for (let cut = 0; cut < example.length; cut += 7) samples.push(example.slice(0, cut));
      // Deterministic corruption: a linear congruential generator picks positions and replacement characters.
      let state = 12345;
      const next = (n: number): number => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state % n;
      };
      const alphabet = '{}[]:,"0123456789.-eE \n\\/*abcxyz';
      for (let k = 0; k < 400; k++) {
        const chars = example.split('');
        for (let j = 0; j < 1 + next(4); j++) chars[next(chars.length)] = alphabet[next(alphabet.length)];
        samples.push(chars.join(''));
      }
      for (const src of samples) {
        const r = parseExperiment(src);
        const issues = r.ok ? r.warnings : r.errors;
        if (!r.ok) assert.ok(r.errors.length > 0);
        for (const e of issues) {
          assert.notEqual(e.rule, 'internal', `${e.message} for ${JSON.stringify(src.slice(0, 80))}`);
          assert.ok(e.path.startsWith('$') && e.message.length > 0);
          assert.ok(e.range.offset >= 0 && e.range.offset + e.range.length <= src.length, JSON.stringify(e));
          assert.deepEqual([e.range.line, e.range.character], Object.values(position(src, e.range.offset)));
        }
      }
    });
  });
});

describe('nearest-name suggestions', () => {
  it('edit distance counts insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('he', 'eh'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('tanh', 'tanh'), 0);
  });

  it('suggests by folded case and separators, alias, unique prefix or small distance, and nothing otherwise', () => {
    const schemes = ['zeros', 'normal', 'uniform', 'truncatedNormal', 'he', 'lecun', 'xavier', 'xavierUniform'];
    assert.equal(suggestName('XAVIER-UNIFORM', schemes), 'xavierUniform');
    assert.equal(suggestName('glorot', schemes, { glorot: 'xavier' }), 'xavier');
    assert.equal(suggestName('trunc', schemes), 'truncatedNormal');
    assert.equal(suggestName('lecunn', schemes), 'lecun');
    assert.equal(suggestName('hello world', schemes), undefined);
    assert.equal(suggestName('', schemes), undefined);
    assert.equal(suggestName('constructor', schemes, {}), undefined);
  });
});
