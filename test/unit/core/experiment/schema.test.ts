// The editor's JSON schema must agree with the core: same enums, limits and defaults; examples and snippets valid.
import { ROOT } from '../../../paths';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { LIMITS, parseExperiment } from '../../../../src/core/experiment/parse';
import {
  DATASET_KINDS,
  HIDDEN_ACTIVATIONS,
  INIT_SCHEMES,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  RNG_KINDS,
} from '../../../../src/core/experiment/types';

interface Schema {
  [key: string]: unknown;
  type?: string;
  enum?: string[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  items?: Schema | Schema[];
  additionalItems?: Schema;
  $ref?: string;
  description?: string;
  markdownDescription?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  minItems?: number;
  default?: unknown;
  defaultSnippets?: { label: string; body: unknown }[];
}

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'initexp.schema.json'), 'utf8')) as Schema;

function resolve(s: Schema): Schema {
  if (s.$ref === undefined) return s;
  const name = /^#\/definitions\/(.+)$/.exec(s.$ref)?.[1];
  const target = name === undefined ? undefined : schema.definitions?.[name];
  assert.ok(target, `unresolved ${s.$ref}`);
  return target;
}

/** The sub-schema at a property path, following $ref and list items ("[]"). */
function at(...keys: string[]): Schema {
  let s = schema;
  for (const k of keys) {
    if (k === '[]') {
      assert.ok(s.items !== undefined && !Array.isArray(s.items));
      s = resolve(s.items);
    } else {
      const next = s.properties?.[k];
      assert.ok(next, `no property ${k}`);
      s = resolve(next);
    }
  }
  return s;
}

/** VS Code's snippet syntax in defaultSnippets: "^raw" inserts raw JSON, ${1:x} and ${1|a,b|} insert their default. */
function expandSnippet(body: unknown): unknown {
  if (typeof body === 'string') {
    const plain = body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1');
    return plain.startsWith('^') ? (JSON.parse(plain.slice(1)) as unknown) : plain;
  }
  if (Array.isArray(body)) return body.map(expandSnippet);
  if (body !== null && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, expandSnippet(v)]));
  }
  return body;
}

function compile(): ValidateFunction {
  // Strict mode rejects unknown keywords; VS Code's own keywords are declared as such. Two strict checks are
  // off on purpose: "layers" pins only its first item (the input width), and the init scheme's if/then
  // branches require properties that are declared beside them rather than inside each branch.
  const ajv = new Ajv({ strict: true, strictTuples: false, strictRequired: false, allErrors: true });
  ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets']);
  return ajv.compile(schema);
}

const minimal = {
  name: 'x',
  dataset: { kind: 'circles', train: { samples: 30, noise: 0.1, seed: 1 }, test: { samples: 10, noise: 0.1, seed: 2 } },
  network: { layers: [2, 4, 1] },
  training: { learningRate: 0.1, iterations: 10 },
  runs: [{ name: 'He', init: { scheme: 'he' } }],
};

describe('schemas/initexp.schema.json', () => {
  let validate: ValidateFunction;

  it('is a draft-07 schema that compiles in strict mode', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    validate = compile();
  });

  it('lists exactly the core enums, each value with a description', () => {
    const pairs: [Schema, readonly string[]][] = [
      [at('rng'), RNG_KINDS],
      [at('dataset', 'kind'), DATASET_KINDS],
      [at('network', 'hiddenActivation'), HIDDEN_ACTIVATIONS],
      [at('network', 'outputActivation'), OUTPUT_ACTIVATIONS],
      [at('training', 'loss'), LOSSES],
      [at('runs', '[]', 'init', 'scheme'), INIT_SCHEMES],
    ];
    for (const [s, values] of pairs) {
      assert.deepEqual(s.enum, [...values]);
      if (values.length > 1) assert.equal(s.enumDescriptions?.length, values.length, `${values.join()} descriptions`);
      if (s.markdownEnumDescriptions !== undefined) assert.equal(s.markdownEnumDescriptions.length, values.length);
    }
  });

  it('mirrors the numeric limits of the validator', () => {
    assert.equal(at('dataset', 'train', 'samples').maximum, LIMITS.maxSamples);
    assert.equal(at('dataset', 'test', 'samples').maximum, LIMITS.maxSamples);
    assert.equal(at('training', 'iterations').maximum, LIMITS.maxIterations);
    const layers = at('network', 'layers');
    assert.equal(layers.maxItems, LIMITS.maxLayers);
    assert.equal(layers.minItems, 2);
    assert.equal(layers.additionalItems?.maximum, LIMITS.maxWidth);
    assert.equal(at('runs').maxItems, LIMITS.maxRuns);
    assert.equal(at('runs').minItems, 1);
    // Limits JSON Schema cannot express are stated in the layers description, with the same numbers.
    for (const n of [LIMITS.maxParameters, LIMITS.maxActivations, LIMITS.maxWork, LIMITS.maxLayers, LIMITS.maxWidth]) {
      const shown = n.toLocaleString('en-US');
      assert.ok(layers.description?.includes(shown), `layers description lacks ${shown}`);
      assert.ok(layers.markdownDescription?.includes(shown), `layers markdownDescription lacks ${shown}`);
    }
  });

  it('declares the same defaults the parser fills in', () => {
    const parsed = parseExperiment(JSON.stringify(minimal));
    assert.ok(parsed.ok);
    const e = parsed.experiment;
    assert.equal(at('rng').default, e.rng);
    assert.equal(at('network', 'hiddenActivation').default, e.network.hiddenActivation);
    assert.equal(at('network', 'outputActivation').default, e.network.outputActivation);
    assert.equal(at('network', 'leakyReluAlpha').default, e.network.leakyReluAlpha);
    assert.equal(at('training', 'logEvery').default, e.training.logEvery);
    assert.equal(at('training', 'loss').default, e.training.loss);
  });

  it('describes every property in plain text and Markdown', () => {
    const visit = (s: Schema, where: string): void => {
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        const target = resolve(child);
        if (key !== '$schema') {
          assert.ok(target.description, `${where}.${key} lacks a description`);
          assert.ok(target.markdownDescription, `${where}.${key} lacks a markdownDescription`);
        }
        if (child.$ref === undefined) visit(child, `${where}.${key}`);
      }
    };
    visit(schema, '$');
    for (const [name, def] of Object.entries(schema.definitions ?? {})) visit(def, `#${name}`);
  });

  it('accepts every example', () => {
    validate ??= compile();
    const files = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.initexp.json'));
    assert.ok(files.length >= 5);
    for (const f of files) {
      const doc = JSON.parse(readFileSync(path.join(ROOT, 'examples', f), 'utf8')) as unknown;
      assert.ok(validate(doc), `${f}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('offers snippets that expand to valid experiments and runs', () => {
    validate ??= compile();
    const root = schema.defaultSnippets ?? [];
    assert.ok(root.length >= 1);
    for (const snippet of root) {
      const doc = expandSnippet(snippet.body);
      assert.ok(validate(doc), `${snippet.label}: ${JSON.stringify(validate.errors)}`);
      const parsed = parseExperiment(JSON.stringify(doc));
      assert.ok(parsed.ok, `${snippet.label}: ${JSON.stringify(parsed)}`);
    }
    const runSnippets = at('runs', '[]').defaultSnippets ?? [];
    assert.ok(runSnippets.length >= 1);
    for (const snippet of [...runSnippets, ...(at('runs', '[]', 'init').defaultSnippets ?? [])]) {
      const body = expandSnippet(snippet.body) as Record<string, unknown>;
      const run = 'scheme' in body ? { name: 'snippet', init: body } : body;
      const doc = { ...minimal, runs: [run] };
      assert.ok(validate(doc), `${snippet.label}: ${JSON.stringify(validate.errors)}`);
      assert.ok(parseExperiment(JSON.stringify(doc)).ok, snippet.label);
    }
  });

  it('rejects what the validator rejects, wherever JSON Schema can express the rule', () => {
    validate ??= compile();
    const broken: [string, (d: typeof minimal & Record<string, unknown>) => void][] = [
      [
        'unknown scheme',
        (d) => {
          d.runs = [{ name: 'a', init: { scheme: 'He' } }];
        },
      ],
      [
        'std on he',
        (d) => {
          d.runs = [{ name: 'a', init: { scheme: 'he', std: 1 } as { scheme: string } }];
        },
      ],
      [
        'limit on normal',
        (d) => {
          d.runs = [{ name: 'a', init: { scheme: 'normal', std: 1, limit: 1 } as { scheme: string } }];
        },
      ],
      [
        'normal without std',
        (d) => {
          d.runs = [{ name: 'a', init: { scheme: 'normal' } }];
        },
      ],
      [
        'uniform without limit',
        (d) => {
          d.runs = [{ name: 'a', init: { scheme: 'uniform' } }];
        },
      ],
      [
        'gain on zeros',
        (d) => {
          d.runs = [{ name: 'a', init: { scheme: 'zeros', gain: 2 } as { scheme: string } }];
        },
      ],
      [
        'too many samples',
        (d) => {
          d.dataset.train.samples = LIMITS.maxSamples + 1;
        },
      ],
      [
        'fractional samples',
        (d) => {
          d.dataset.train.samples = 1.5;
        },
      ],
      [
        'negative noise',
        (d) => {
          d.dataset.test.noise = -1;
        },
      ],
      [
        'seed too large',
        (d) => {
          d.dataset.test.seed = 2 ** 32;
        },
      ],
      [
        'input width 3',
        (d) => {
          d.network.layers = [3, 4, 1];
        },
      ],
      [
        'one layer',
        (d) => {
          d.network.layers = [2];
        },
      ],
      [
        'too wide',
        (d) => {
          d.network.layers = [2, LIMITS.maxWidth + 1, 1];
        },
      ],
      [
        'zero learning rate',
        (d) => {
          d.training.learningRate = 0;
        },
      ],
      [
        'too many iterations',
        (d) => {
          d.training.iterations = LIMITS.maxIterations + 1;
        },
      ],
      [
        'no runs',
        (d) => {
          d.runs = [];
        },
      ],
      [
        'unknown property',
        (d) => {
          d.extra = 1;
        },
      ],
      [
        'missing dataset',
        (d) => {
          delete (d as Record<string, unknown>).dataset;
        },
      ],
    ];
    for (const [label, mutate] of broken) {
      const doc = structuredClone(minimal) as typeof minimal & Record<string, unknown>;
      mutate(doc);
      assert.equal(validate(doc), false, `schema accepts: ${label}`);
      assert.equal(parseExperiment(JSON.stringify(doc)).ok, false, `validator accepts: ${label}`);
    }
    assert.ok(validate(structuredClone(minimal)));
  });
});
