// One fact in one place: the file pattern, the defaults and the scheme table agree with package.json and the schema.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INIT_SCHEMES } from '../../../../src/core/experiment/types';
import {
  DEFAULTS,
  EXPERIMENT_GLOB,
  EXPERIMENT_SUFFIX,
  experimentStem,
  isExperimentFileName,
} from '../../../../src/core/experiment/vocabulary';
import { SCHEMES, schemesTaking } from '../../../../src/core/training/initializers';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { ROOT } from '../../../paths';

type Json = Record<string, unknown>;
const read = (f: string): Json => JSON.parse(readFileSync(path.join(ROOT, f), 'utf8')) as Json;

describe('core/experiment: vocabulary', () => {
  it('recognises experiment file names and their stems', () => {
    assert.equal(isExperimentFileName('/ws/a/Notebook.INITEXP.json'), true);
    assert.equal(isExperimentFileName('/ws/package.json'), false);
    assert.equal(isExperimentFileName('/ws/initexp.json'), false);
    assert.equal(experimentStem('/ws/notebook.initexp.json'), 'notebook');
    assert.equal(experimentStem('C:\\ws\\deep.initexp.json'), 'deep');
    assert.equal(experimentStem('/ws/other.json'), 'other');
    assert.equal(EXPERIMENT_GLOB, `**/*${EXPERIMENT_SUFFIX}`);
  });

  it('package.json spells the same file pattern in every place it needs one', () => {
    const text = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const pkg = JSON.parse(text) as {
      contributes: { jsonValidation: { fileMatch: string }[]; languages: { filenamePatterns: string[] }[] };
    };
    assert.equal(pkg.contributes.jsonValidation[0].fileMatch, `*${EXPERIMENT_SUFFIX}`);
    assert.deepEqual(pkg.contributes.languages[0].filenamePatterns, [`*${EXPERIMENT_SUFFIX}`]);
    // Menus test the file name with a regular expression; each must be the suffix, escaped.
    const escaped = EXPERIMENT_SUFFIX.replace(/\./g, '\\\\.');
    for (const m of text.matchAll(/resourceFilename =~ \/([^/]+)\//g)) assert.equal(m[1], `${escaped}$`);
  });

  it('the schema documents the defaults the validator applies', () => {
    const schema = read('schemas/initexp.schema.json') as {
      properties: Record<string, Json & { properties?: Record<string, Json> }>;
    };
    const p = schema.properties;
    assert.equal(p.rng.default, DEFAULTS.rng);
    assert.equal(p.network.properties?.hiddenActivation.default, DEFAULTS.hiddenActivation);
    assert.equal(p.network.properties?.outputActivation.default, DEFAULTS.outputActivation);
    assert.equal(p.network.properties?.leakyReluAlpha.default, DEFAULTS.leakyReluAlpha);
    assert.equal(p.training.properties?.logEvery.default, DEFAULTS.logEvery);
    assert.equal(p.training.properties?.loss.default, DEFAULTS.loss);
  });

  it('a file that omits every optional setting gets the defaults', () => {
    const parsed = parseExperiment(
      JSON.stringify({
        name: 'x',
        dataset: { kind: 'moons', train: { samples: 10, noise: 0, seed: 1 }, test: { samples: 10, noise: 0, seed: 2 } },
        network: { layers: [2, 3, 1] },
        training: { learningRate: 0.1, iterations: 2000 },
        runs: [{ name: 'a', init: { scheme: 'he' } }],
      }),
    );
    assert.ok(parsed.ok);
    const e = parsed.experiment;
    assert.deepEqual(
      {
        rng: e.rng,
        hiddenActivation: e.network.hiddenActivation,
        outputActivation: e.network.outputActivation,
        leakyReluAlpha: e.network.leakyReluAlpha,
        logEvery: e.training.logEvery,
        loss: e.training.loss,
      },
      { ...DEFAULTS },
    );
  });

  it('the scheme table covers the format and the validator derives std/limit applicability from it', () => {
    assert.deepEqual(Object.keys(SCHEMES).sort(), [...INIT_SCHEMES].sort());
    assert.deepEqual(schemesTaking('std'), ['normal', 'truncatedNormal']);
    assert.deepEqual(schemesTaking('limit'), ['uniform']);
    const base = (init: Json): string =>
      JSON.stringify({
        name: 'x',
        dataset: { kind: 'moons', train: { samples: 10, noise: 0, seed: 1 }, test: { samples: 10, noise: 0, seed: 2 } },
        network: { layers: [2, 3, 1] },
        training: { learningRate: 0.1, iterations: 10, logEvery: 1 },
        runs: [{ name: 'a', init }],
      });
    for (const scheme of INIT_SCHEMES) {
      for (const param of ['std', 'limit'] as const) {
        const r = parseExperiment(
          base({
            scheme,
            [param]: 0.5,
            ...(SCHEMES[scheme].param?.name === 'std' && param === 'limit' ? { std: 1 } : {}),
            ...(SCHEMES[scheme].param?.name === 'limit' && param === 'std' ? { limit: 1 } : {}),
          }),
        );
        const takes = SCHEMES[scheme].param?.name === param;
        assert.equal(r.ok, takes, `${scheme} with ${param}`);
        if (!r.ok && !takes)
          assert.ok(
            r.errors.some((e) => e.rule === 'init.inapplicable' && e.message.includes(SCHEMES[scheme].scaleText)),
          );
      }
    }
  });
});
