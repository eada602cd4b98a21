// Parses and validates an `.initexp.json` text into an Experiment, or lists every problem with its JSON path and source range.
import type { Node } from 'jsonc-parser';
import {
  DATASET_KINDS,
  HIDDEN_ACTIVATIONS,
  INIT_SCHEMES,
  LOSSES,
  OUTPUT_ACTIVATIONS,
  RNG_KINDS,
  SWEEP_KEYS,
  type DatasetPart,
  type DatasetSpec,
  type Experiment,
  type HiddenActivation,
  type InitScheme,
  type InitSpec,
  type NetworkSpec,
  type RunSpec,
  type SweepKey,
  type TrainingSpec,
} from './types';
import { parseJsonSource, type PathSegment, type SourceRange } from './jsonSource';
import type { ParseResult } from './errors';
import { LIMITS, formatCount, parameterCount } from './limits';
import { NodeReader } from './reader';
import {
  ACTIVATION_ALIASES,
  DATASET_KEYS,
  DEFAULTS,
  INIT_KEYS,
  NETWORK_KEYS,
  PART_KEYS,
  ROOT_KEYS,
  RUN_KEYS,
  SCHEME_ALIASES,
  TRAINING_KEYS,
} from './vocabulary';
import { SCHEMES, schemesTaking } from '../training/initializers';

export { LIMITS } from './limits';
export type { SourceRange } from './jsonSource';
/** The init field each swept setting replaces (learningRate and the scheme are not init parameters). */
const SWEPT_INIT_PARAM: Record<SweepKey, 'std' | 'limit' | 'gain' | undefined> = {
  'init.std': 'std',
  'init.limit': 'limit',
  'init.gain': 'gain',
  'init.scheme': undefined,
  learningRate: undefined,
};

/** How an expanded run's name shows its swept value: "deep tanh: std = 0.01". */
const SWEEP_LABELS: Record<SweepKey, string> = {
  'init.std': 'std',
  'init.limit': 'limit',
  'init.gain': 'gain',
  'init.scheme': 'scheme',
  learningRate: 'learning rate',
};

/** The run with one swept value applied. */
function withSwept(base: RunSpec, key: SweepKey, value: number | string): RunSpec {
  switch (key) {
    case 'init.scheme':
      return { ...base, init: { ...base.init, scheme: value as InitScheme } };
    case 'learningRate':
      return { ...base, learningRate: value as number };
    case 'init.std':
    case 'init.limit':
    case 'init.gain':
      return { ...base, init: { ...base.init, [SWEPT_INIT_PARAM[key] as string]: value as number } };
  }
}

/** Why a scheme needs its std or limit, for the "required" error. */
const MISSING_PARAM: Record<'std' | 'limit', (scheme: string) => string> = {
  std: (s) =>
    `scheme "${s}" needs "std", the standard deviation of the weights (the course uses 0.01 for small and 10 for large random weights)`,
  limit: (s) => `scheme "${s}" needs "limit": weights are drawn from U(-limit, limit), e.g. 0.05`,
};

export { formatExperimentError, type ExperimentError, type ExperimentRule, type ParseResult } from './errors';

/** Never throws: any input, however broken, yields a result. */
export function parseExperiment(text: string): ParseResult {
  if (typeof text !== 'string') {
    const range: SourceRange = { offset: 0, length: 0, line: 0, character: 0, endLine: 0, endCharacter: 0 };
    return {
      ok: false,
      errors: [
        { path: '$', message: 'expected the text of an experiment file', rule: 'type', severity: 'error', range },
      ],
    };
  }
  try {
    return new Checker(text).check();
  } catch (err) {
    // A bug in a rule must not take the editor or the CLI down; report it where the learner looks.
    const range: SourceRange = { offset: 0, length: 0, line: 0, character: 0, endLine: 0, endCharacter: 0 };
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      errors: [
        {
          path: '$',
          message: `internal validator error (please report it): ${detail}`,
          rule: 'internal',
          severity: 'error',
          range,
        },
      ],
    };
  }
}

class Checker extends NodeReader {
  check(): ParseResult {
    const { root, syntax } = parseJsonSource(this.text);
    for (const s of syntax) this.report(s, [], 'json.syntax', s.message);
    if (syntax.length === 0 && root === undefined) {
      this.report({ offset: 0, length: 0 }, [], 'json.syntax', 'the file holds no JSON value');
    }
    if (this.issues.length > 0 || root === undefined) return this.finish(undefined);
    return this.finish(this.experiment(root));
  }

  private finish(experiment: Experiment | undefined): ParseResult {
    const sorted = [...this.issues].sort((a, b) => a.range.offset - b.range.offset);
    const hasError = sorted.some((e) => e.severity === 'error');
    if (experiment !== undefined && !hasError) return { ok: true, experiment, warnings: sorted };
    return { ok: false, errors: sorted };
  }

  // ------------------------------------------------------------ sections

  private experiment(root: Node): Experiment | undefined {
    const props = this.object(root, [], ROOT_KEYS, 'an experiment object { "name": …, "dataset": …, … }');
    if (props === undefined) return undefined;
    const $schema = props.get('$schema');
    if ($schema !== undefined) this.string($schema.value, ['$schema']);
    const name = this.nonEmptyString(
      this.required(props, root, [], 'name', "the experiment's title"),
      ['name'],
      'the experiment name',
    );
    const descNode = props.get('description');
    const description = descNode === undefined ? undefined : this.string(descNode.value, ['description']);
    const rngNode = props.get('rng');
    const rng =
      rngNode === undefined ? DEFAULTS.rng : this.enumValue(rngNode.value, ['rng'], RNG_KINDS, 'random generator');

    const datasetNode = this.required(props, root, [], 'dataset', 'which points to classify');
    const dataset = datasetNode === undefined ? undefined : this.dataset(datasetNode);
    const networkNode = this.required(props, root, [], 'network', 'the layer widths');
    const network = networkNode === undefined ? undefined : this.network(networkNode);
    const trainingNode = this.required(props, root, [], 'training', 'learning rate and iterations');
    const training = trainingNode === undefined ? undefined : this.training(trainingNode);
    const runsNode = this.required(props, root, [], 'runs', 'the initializations to compare');
    const sameDrawNode = props.get('sameDraw');
    const sameDraw = sameDrawNode === undefined ? false : this.boolean(sameDrawNode.value, ['sameDraw']);
    let runs = runsNode === undefined ? undefined : this.runs(runsNode);
    if (runs !== undefined && runsNode !== undefined && sameDraw === true) runs = this.sameDrawRuns(runs, runsNode);

    this.crossLimits(dataset, network, training, networkNode, trainingNode);

    if (
      name === undefined ||
      rng === undefined ||
      dataset?.spec === undefined ||
      network?.spec === undefined ||
      training?.spec === undefined ||
      runs === undefined
    )
      return undefined;
    if (descNode !== undefined && description === undefined) return undefined;
    if (sameDraw === undefined) return undefined;
    const experiment: Experiment = {
      name,
      rng,
      dataset: dataset.spec,
      network: network.spec,
      training: training.spec,
      runs,
    };
    if (description !== undefined) experiment.description = description;
    return experiment;
  }

  private dataset(node: Node): { spec?: DatasetSpec; train?: DatasetPart; test?: DatasetPart } {
    const path = ['dataset'];
    const props = this.object(node, path, DATASET_KEYS, 'an object { "kind", "train", "test" }');
    if (props === undefined) return {};
    const kindNode = this.required(props, node, path, 'kind', 'e.g. "circles" or "moons"');
    const kind =
      kindNode === undefined ? undefined : this.enumValue(kindNode, [...path, 'kind'], DATASET_KINDS, 'dataset kind');
    const trainNode = this.required(props, node, path, 'train', 'the training points');
    const train = trainNode === undefined ? undefined : this.datasetPart(trainNode, [...path, 'train']);
    const testNode = this.required(props, node, path, 'test', 'the test points');
    const test = testNode === undefined ? undefined : this.datasetPart(testNode, [...path, 'test']);
    const spec = kind !== undefined && train !== undefined && test !== undefined ? { kind, train, test } : undefined;
    return { spec, train, test };
  }

  private datasetPart(node: Node, path: PathSegment[]): DatasetPart | undefined {
    const props = this.object(node, path, PART_KEYS, 'an object { "samples", "noise", "seed" }');
    if (props === undefined) return undefined;
    const samples = this.number(this.required(props, node, path, 'samples', 'how many points'), [...path, 'samples'], {
      what: 'the number of samples',
      integer: true,
      positive: true,
      limit: {
        max: LIMITS.maxSamples,
        rule: 'limit.samples',
        unit: 'samples per dataset part',
        why: 'it keeps training and drawing responsive',
      },
    });
    const noise = this.number(
      this.required(props, node, path, 'noise', 'std of the Gaussian noise, e.g. 0.05'),
      [...path, 'noise'],
      {
        what: 'the noise',
        min: 0,
        why: 'it is the standard deviation of the Gaussian noise added to the points',
      },
    );
    const seed = this.seed(this.required(props, node, path, 'seed', 'makes the points reproducible'), [
      ...path,
      'seed',
    ]);
    if (samples === undefined || noise === undefined || seed === undefined) return undefined;
    return { samples, noise, seed };
  }

  private network(node: Node): { spec?: NetworkSpec; layers?: number[] } {
    const path = ['network'];
    const props = this.object(node, path, NETWORK_KEYS, 'an object { "layers", "hiddenActivation", … }');
    if (props === undefined) return {};
    const layersNode = this.required(props, node, path, 'layers', 'widths from input to output, e.g. [2, 10, 5, 1]');
    const layers = layersNode === undefined ? undefined : this.layers(layersNode);
    const hiddenNode = props.get('hiddenActivation');
    const hidden: HiddenActivation | undefined =
      hiddenNode === undefined
        ? DEFAULTS.hiddenActivation
        : this.enumValue(
            hiddenNode.value,
            [...path, 'hiddenActivation'],
            HIDDEN_ACTIVATIONS,
            'activation',
            ACTIVATION_ALIASES,
          );
    const outputNode = props.get('outputActivation');
    const output =
      outputNode === undefined
        ? DEFAULTS.outputActivation
        : this.enumValue(
            outputNode.value,
            [...path, 'outputActivation'],
            OUTPUT_ACTIVATIONS,
            'output activation',
            ACTIVATION_ALIASES,
          );
    const alphaNode = props.get('leakyReluAlpha');
    const alpha =
      alphaNode === undefined
        ? DEFAULTS.leakyReluAlpha
        : this.number(alphaNode.value, [...path, 'leakyReluAlpha'], {
            what: 'leakyReluAlpha',
            min: 0,
            max: 1,
            maxExclusive: true,
            why: 'it is the slope for negative inputs: 0 is ReLU, 1 would be linear',
          });
    if (alphaNode !== undefined && alpha !== undefined && hidden !== undefined && hidden !== 'leakyRelu') {
      this.report(
        alphaNode.key,
        [...path, 'leakyReluAlpha'],
        'ignored',
        `leakyReluAlpha is ignored because hiddenActivation is "${hidden}", not "leakyRelu"`,
        { severity: 'warning' },
      );
    }
    if (layers === undefined || hidden === undefined || output === undefined || alpha === undefined) return { layers };
    return { spec: { layers, hiddenActivation: hidden, outputActivation: output, leakyReluAlpha: alpha }, layers };
  }

  private layers(node: Node): number[] | undefined {
    const path = ['network', 'layers'];
    if (node.type !== 'array') {
      this.typeError(node, path, 'a list of layer widths like [2, 10, 5, 1]');
      return undefined;
    }
    const items = node.children ?? [];
    const widths: (number | undefined)[] = items.map((item, i) =>
      this.number(item, [...path, i], {
        what: 'a layer width',
        integer: true,
        positive: true,
        limit: {
          max: LIMITS.maxWidth,
          rule: 'limit.width',
          unit: 'units per layer',
          why: 'wider layers make each iteration too slow',
        },
      }),
    );
    let ok = true;
    if (items.length < 2) {
      this.report(
        this.anchor(node),
        path,
        'layers.length',
        `needs at least 2 widths, the input (2) and the output (1), e.g. [2, 10, 5, 1]; found ${items.length}`,
      );
      ok = false;
    }
    if (items.length > LIMITS.maxLayers) {
      this.report(
        this.anchor(node),
        path,
        'limit.layers',
        `${formatCount(items.length)} layers is above the limit of ${formatCount(LIMITS.maxLayers)} layers (input and output included); deeper nets are too slow to watch`,
      );
      ok = false;
    }
    const first = widths[0];
    if (items.length >= 1 && first !== undefined && first !== 2) {
      this.report(
        items[0],
        [...path, 0],
        'layers.input',
        `the first width is the input layer and must be 2, because every dataset point has two features (x1, x2); found ${first}`,
      );
      ok = false;
    }
    const last = widths[widths.length - 1];
    if (items.length >= 2 && last !== undefined && last !== 1) {
      this.report(
        items[items.length - 1],
        [...path, items.length - 1],
        'layers.output',
        `the last width is the output layer and must be 1: one sigmoid unit gives P(label = 1); found ${last}`,
      );
      ok = false;
    }
    if (widths.some((w) => w === undefined)) return undefined;
    const valid = widths as number[];
    const parameters = parameterCount(valid);
    if (parameters > LIMITS.maxParameters) {
      this.report(
        this.anchor(node),
        path,
        'limit.parameters',
        `these layers have ${formatCount(parameters)} weights and biases, above the limit of ${formatCount(LIMITS.maxParameters)} parameters`,
      );
      ok = false;
    }
    return ok ? valid : undefined;
  }

  private training(node: Node): { spec?: TrainingSpec; iterations?: number } {
    const path = ['training'];
    const props = this.object(node, path, TRAINING_KEYS, 'an object { "learningRate", "iterations", … }');
    if (props === undefined) return {};
    const learningRate = this.number(
      this.required(props, node, path, 'learningRate', 'the gradient-descent step, e.g. 0.01'),
      [...path, 'learningRate'],
      {
        what: 'the learning rate',
        positive: true,
      },
    );
    const iterationsNode = this.required(
      props,
      node,
      path,
      'iterations',
      'how many gradient-descent steps, e.g. 15000',
    );
    const iterations = this.number(iterationsNode, [...path, 'iterations'], {
      what: 'the number of iterations',
      integer: true,
      positive: true,
      limit: {
        max: LIMITS.maxIterations,
        rule: 'limit.iterations',
        unit: 'iterations',
        why: 'longer runs would keep the machine busy for too long',
      },
    });
    const logEveryNode = props.get('logEvery');
    const logEvery =
      logEveryNode === undefined
        ? DEFAULTS.logEvery
        : this.number(logEveryNode.value, [...path, 'logEvery'], {
            what: 'logEvery',
            integer: true,
            positive: true,
          });
    const lossNode = props.get('loss');
    const loss =
      lossNode === undefined ? DEFAULTS.loss : this.enumValue(lossNode.value, [...path, 'loss'], LOSSES, 'loss');
    if (iterations !== undefined && logEvery !== undefined && iterations > 1 && logEvery >= iterations) {
      const anchor = logEveryNode?.value ?? iterationsNode;
      if (anchor !== undefined) {
        this.report(
          anchor,
          logEveryNode === undefined ? [...path, 'iterations'] : [...path, 'logEvery'],
          'training.fewLogs',
          `only the cost at iteration 0 will be logged, because logEvery (${logEvery}${logEveryNode === undefined ? ', the default' : ''}) is not below iterations (${iterations}); set logEvery to e.g. ${Math.max(1, Math.floor(iterations / 10))}`,
          { severity: 'warning' },
        );
      }
    }
    if (learningRate === undefined || iterations === undefined || logEvery === undefined || loss === undefined)
      return { iterations };
    return { spec: { learningRate, iterations, logEvery, loss }, iterations };
  }

  private runs(node: Node): RunSpec[] | undefined {
    const path = ['runs'];
    if (node.type !== 'array') {
      this.typeError(node, path, 'a list of runs like [{ "name": "He", "init": { "scheme": "he" } }]');
      return undefined;
    }
    const items = node.children ?? [];
    let ok = true;
    if (items.length === 0) {
      this.report(
        this.anchor(node),
        path,
        'nonEmpty',
        'needs at least one run, e.g. { "name": "He", "init": { "scheme": "he" } }',
      );
      ok = false;
    }
    if (items.length > LIMITS.maxRuns) {
      this.report(
        this.anchor(node),
        path,
        'limit.runs',
        `${formatCount(items.length)} runs is above the limit of ${formatCount(LIMITS.maxRuns)} runs per experiment; split it into several files`,
      );
      ok = false;
    }
    const firstByName = new Map<string, number>();
    const runs: RunSpec[] = [];
    items.forEach((item, i) => {
      const expanded = this.runSpec(item, [...path, i]);
      if (expanded === undefined) ok = false;
      else runs.push(...expanded);
      // Names are compared even when the rest of the run is invalid, so every problem shows at once.
      const nameNode = this.childValue(item, 'name');
      if (nameNode?.type !== 'string' || typeof nameNode.value !== 'string' || nameNode.value.trim() === '') return;
      const name: string = nameNode.value;
      const earlier = firstByName.get(name.trim());
      if (earlier === undefined) {
        firstByName.set(name.trim(), i);
        return;
      }
      this.report(
        nameNode,
        [...path, i, 'name'],
        'runs.uniqueName',
        `run name "${name}" is already used by $.runs[${earlier}]; each run needs its own name so its curve and card can be told apart`,
      );
      ok = false;
    });
    if (!ok) return undefined;
    const expandedNames = new Set<string>();
    for (const run of runs) {
      if (expandedNames.has(run.name)) {
        this.report(
          this.anchor(node),
          path,
          'runs.uniqueName',
          `two runs are named "${run.name}" once the sweeps are expanded; rename one of the runs`,
        );
        return undefined;
      }
      expandedNames.add(run.name);
    }
    if (runs.length > LIMITS.maxExpandedRuns) {
      this.report(
        this.anchor(node),
        path,
        'limit.runs',
        `the sweeps expand to ${formatCount(runs.length)} runs, above the limit of ${formatCount(LIMITS.maxExpandedRuns)} runs per experiment; sweep fewer values or split the file`,
      );
      return undefined;
    }
    return runs;
  }

  /**
   * `"sameDraw": true` at the top: every run reseeds with one seed (the first one a run gives, else 0), so each
   * layer's standard normal (or uniform) tensor is the same in every run and only the scheme's scale differs.
   */
  private sameDrawRuns(runs: RunSpec[], runsNode: Node): RunSpec[] | undefined {
    const seed = runs.find((r) => r.seed !== undefined)?.seed ?? 0;
    let ok = true;
    (runsNode.children ?? []).forEach((item, i) => {
      const seedNode = this.childValue(item, 'seed');
      if (seedNode?.type === 'number' && seedNode.value !== seed) {
        this.report(
          seedNode,
          ['runs', i, 'seed'],
          'sameDraw.seed',
          `with "sameDraw": true every run draws from one seed, ${seed} (the first one given); remove this seed or make it ${seed}`,
        );
        ok = false;
      }
    });
    return ok ? runs.map((r) => ({ ...r, seed, sameDraw: true })) : undefined;
  }

  /** One run object of the file: a single run, or the runs its sweep expands into (in the sweep's order). */
  private runSpec(node: Node, path: PathSegment[]): RunSpec[] | undefined {
    const props = this.object(node, path, RUN_KEYS, 'a run object { "name", "init", "seed" }');
    if (props === undefined) return undefined;
    const name = this.nonEmptyString(
      this.required(props, node, path, 'name', 'the label of this run'),
      [...path, 'name'],
      'a run name',
    );
    const sweepNode = props.get('sweep');
    const swept = sweepNode === undefined ? undefined : this.sweepKey(sweepNode.value, [...path, 'sweep']);
    const initNode = this.required(props, node, path, 'init', 'the initialization, e.g. { "scheme": "he" }');
    const init = initNode === undefined ? undefined : this.init(initNode, [...path, 'init'], swept?.key);
    const seedNode = props.get('seed');
    const seed = seedNode === undefined ? undefined : this.seed(seedNode.value, [...path, 'seed']);
    const sameDrawNode = props.get('sameDraw');
    const sameDraw = sameDrawNode === undefined ? false : this.boolean(sameDrawNode.value, [...path, 'sameDraw']);
    if (sameDrawNode !== undefined && sameDraw === true && sweepNode === undefined) {
      this.report(
        sameDrawNode.key,
        [...path, 'sameDraw'],
        'ignored',
        'a run-level "sameDraw" applies to the runs of its sweep; this run has no "sweep" (use "sameDraw" at the top of the file to share one draw across all runs)',
        { severity: 'warning' },
      );
    }
    if (
      name === undefined ||
      init === undefined ||
      (seedNode !== undefined && seed === undefined) ||
      sameDraw === undefined
    )
      return undefined;
    const base: RunSpec = { name, init };
    if (seed !== undefined) base.seed = seed;
    if (swept === undefined) return sweepNode === undefined ? [base] : undefined;
    const values = this.sweepValues(swept.node, [...path, 'sweep', swept.key], swept.key, init);
    if (values === undefined) return undefined;
    // A sweep with sameDraw gives every value the same seed (the run's, else 0), so only the swept setting differs.
    const sharedSeed = sameDraw ? (seed ?? 0) : seed;
    return values.map((value, index) => {
      const run: RunSpec = {
        ...withSwept(base, swept.key, value),
        name: `${name}: ${SWEEP_LABELS[swept.key]} = ${value}`,
      };
      if (sharedSeed !== undefined) run.seed = sharedSeed;
      if (sameDraw) run.sameDraw = true;
      run.sweep = { of: name, key: swept.key, value, index };
      return run;
    });
  }

  /** `"sweep": { "init.std": [...] }`: exactly one setting, named from SWEEP_KEYS. */
  private sweepKey(node: Node, path: PathSegment[]): { key: SweepKey; node: Node } | undefined {
    const props = this.object(
      node,
      path,
      SWEEP_KEYS,
      'an object with one setting and its values, e.g. { "init.std": [0.01, 0.1, 1] }',
    );
    if (props === undefined) return undefined;
    const entries = [...props.entries()];
    if (entries.length !== 1) {
      this.report(
        this.anchor(node),
        path,
        'sweep.oneSetting',
        `a sweep varies exactly one setting (one of ${SWEEP_KEYS.join(', ')}); found ${entries.length}`,
      );
      return undefined;
    }
    const [key, { value }] = entries[0];
    return { key: key as SweepKey, node: value };
  }

  /** The swept values: a non-empty list without repeats, each valid for the setting and for the run's init. */
  private sweepValues(node: Node, path: PathSegment[], key: SweepKey, init: InitSpec): (number | string)[] | undefined {
    if (node.type !== 'array' || (node.children ?? []).length === 0) {
      this.report(
        this.anchor(node),
        path,
        'sweep.values',
        `expected a non-empty list of values for ${key}, e.g. [0.01, 0.1, 1]`,
      );
      return undefined;
    }
    const items = node.children ?? [];
    const values: (number | string)[] = [];
    let ok = true;
    items.forEach((item, i) => {
      const v =
        key === 'init.scheme'
          ? this.sweptScheme(item, [...path, i], init)
          : this.number(item, [...path, i], { what: `a value of ${key}`, positive: true });
      if (v === undefined) ok = false;
      else if (values.includes(v)) {
        this.report(
          item,
          [...path, i],
          'sweep.values',
          `${JSON.stringify(v)} appears twice in this sweep; each value makes one run`,
        );
        ok = false;
      } else values.push(v);
    });
    return ok ? values : undefined;
  }

  /** A scheme in a scheme sweep must accept the run's std/limit, and get the one it needs. */
  private sweptScheme(node: Node, path: PathSegment[], init: InitSpec): string | undefined {
    const scheme = this.enumValue(node, path, INIT_SCHEMES, 'scheme', SCHEME_ALIASES);
    if (scheme === undefined) return undefined;
    const info = SCHEMES[scheme];
    for (const param of ['std', 'limit'] as const) {
      if (init[param] !== undefined && info.param?.name !== param) {
        this.report(
          node,
          path,
          'init.inapplicable',
          `"${scheme}" does not take the run's "${param}" (it uses ${info.scaleText}); remove "${param}" from init or this value`,
        );
        return undefined;
      }
    }
    if (info.param?.required && init[info.param.name] === undefined) {
      this.report(node, path, 'required', MISSING_PARAM[info.param.name](scheme));
      return undefined;
    }
    return scheme;
  }

  /** `swept`: a setting the run's sweep provides, so the init may omit it (and must not give it twice). */
  private init(node: Node, path: PathSegment[], swept?: SweepKey): InitSpec | undefined {
    const props = this.object(node, path, INIT_KEYS, 'an object like { "scheme": "he" }');
    if (props === undefined) return undefined;
    const schemeNode = this.required(props, node, path, 'scheme', 'e.g. "he", "lecun", "xavier", "normal" or "zeros"');
    const scheme =
      schemeNode === undefined
        ? undefined
        : this.enumValue(schemeNode, [...path, 'scheme'], INIT_SCHEMES, 'scheme', SCHEME_ALIASES);
    const positive = (key: 'std' | 'limit' | 'gain', what: string): { present: boolean; value?: number } => {
      const p = props.get(key);
      if (p === undefined) return { present: false };
      return { present: true, value: this.number(p.value, [...path, key], { what, positive: true }) };
    };
    const std = positive('std', 'std');
    const limit = positive('limit', 'limit');
    const gain = positive('gain', 'gain');
    let ok =
      scheme !== undefined &&
      (!std.present || std.value !== undefined) &&
      (!limit.present || limit.value !== undefined) &&
      (!gain.present || gain.value !== undefined);
    // A scheme sweep checks each swept scheme against this init instead (sweptScheme).
    if (scheme !== undefined && swept !== 'init.scheme') {
      const misplaced = (key: 'std' | 'limit' | 'gain', message: string): void => {
        const p = props.get(key);
        if (p === undefined) return;
        this.report(p.key, [...path, key], 'init.inapplicable', message);
        ok = false;
      };
      // What each scheme takes comes from the scheme table (training/initializers.ts), never restated here.
      const info = SCHEMES[scheme];
      const scaleHint = `"${scheme}" uses ${info.scaleText}${scheme === 'zeros' ? '' : '; use "gain" to scale it'}`;
      for (const param of ['std', 'limit'] as const) {
        if (info.param?.name === param) continue;
        const takers = schemesTaking(param);
        misplaced(
          param,
          `"${param}" only applies to scheme${takers.length > 1 ? 's' : ''} ${takers.join(' and ')}; ${scaleHint}`,
        );
      }
      if (scheme === 'zeros')
        misplaced('gain', '"gain" has no effect on scheme zeros: every weight is 0 whatever it is multiplied by');
      // A scheme whose param is optional (truncatedNormal) falls back on the default of its scale function.
      const sweptParam = swept === undefined ? undefined : SWEPT_INIT_PARAM[swept];
      if (info.param?.required && !props.has(info.param.name) && sweptParam !== info.param.name) {
        this.report(
          this.missingAnchor(node),
          [...path, info.param.name],
          'required',
          MISSING_PARAM[info.param.name](scheme),
        );
        ok = false;
      }
      if (
        sweptParam !== undefined &&
        sweptParam !== 'gain' &&
        info.param?.name !== sweptParam &&
        schemeNode !== undefined
      ) {
        const takers = schemesTaking(sweptParam);
        this.report(
          schemeNode,
          [...path, 'scheme'],
          'init.inapplicable',
          `the run sweeps "${sweptParam}", which only applies to scheme${takers.length > 1 ? 's' : ''} ${takers.join(' and ')}; ${scaleHint}`,
        );
        ok = false;
      }
      if (sweptParam === 'gain' && scheme === 'zeros' && schemeNode !== undefined) {
        this.report(
          schemeNode,
          [...path, 'scheme'],
          'init.inapplicable',
          'sweeping "gain" has no effect on scheme zeros: every weight is 0',
        );
        ok = false;
      }
      const overridden = sweptParam === undefined ? undefined : props.get(sweptParam);
      if (overridden !== undefined) {
        this.report(
          overridden.key,
          [...path, sweptParam as string],
          'ignored',
          `"${sweptParam}" is ignored: the run's sweep sets it for each of its runs`,
          { severity: 'warning' },
        );
      }
    }
    if (!ok || scheme === undefined) return undefined;
    const spec: InitSpec = { scheme };
    if (std.value !== undefined) spec.std = std.value;
    if (limit.value !== undefined) spec.limit = limit.value;
    if (gain.value !== undefined) spec.gain = gain.value;
    return spec;
  }

  /** Limits that depend on several sections: memory for activations and total training work. */
  private crossLimits(
    dataset: { train?: DatasetPart; test?: DatasetPart } | undefined,
    network: { layers?: number[] } | undefined,
    training: { iterations?: number } | undefined,
    networkNode: Node | undefined,
    trainingNode: Node | undefined,
  ): void {
    const layers = network?.layers;
    const train = dataset?.train;
    const test = dataset?.test;
    if (layers === undefined || train === undefined || test === undefined) return;
    const samples = Math.max(train.samples, test.samples);
    const units = layers.reduce((a, b) => a + b, 0);
    const activations = samples * units;
    const layersNode = networkNode === undefined ? undefined : this.childValue(networkNode, 'layers');
    if (activations > LIMITS.maxActivations && layersNode !== undefined) {
      this.report(
        this.anchor(layersNode),
        ['network', 'layers'],
        'limit.activations',
        `${formatCount(samples)} samples × ${formatCount(units)} units = ${formatCount(activations)} activation values, above the limit of ${formatCount(LIMITS.maxActivations)} (memory); use fewer samples or narrower layers`,
      );
    }
    const iterations = training?.iterations;
    const iterationsNode = trainingNode === undefined ? undefined : this.childValue(trainingNode, 'iterations');
    if (iterations === undefined || iterationsNode === undefined) return;
    const parameters = parameterCount(layers);
    const work = iterations * train.samples * parameters;
    if (work > LIMITS.maxWork) {
      this.report(
        iterationsNode,
        ['training', 'iterations'],
        'limit.work',
        `${formatCount(iterations)} iterations × ${formatCount(train.samples)} training samples × ${formatCount(parameters)} parameters = ${formatCount(work)} multiply-adds per run, above the limit of ${formatCount(LIMITS.maxWork)} (minutes of training); use fewer iterations, samples or units`,
      );
    }
  }
}
