// Chooses the engine of a run's training step by network size: unrolled WebAssembly, tiled WebAssembly, or JS.
import { weightCount } from '../experiment/limits';
import type { Params } from './network';
import { cloneParams } from './network';
import type { StepSpec } from './step';
import { allocateBuffers, compileStep } from './step';
import { WASM_MAX_WEIGHTS, compileWasmStep } from './wasmStep';
import { compileTiledStep } from './tiledStep';
import { compileThreadedTiledStep, type StepHelpers } from './tiledThreads';

/** `wasm`: the per-network unrolled module; `wasmTiled`: the layer-major tiled one; `js`: the compiled JS step. */
export type Engine = 'wasm' | 'wasmTiled' | 'js';

/** Every engine, in the order `auto` considers them. */
export const ENGINES: readonly Engine[] = ['wasm', 'wasmTiled', 'js'];

/** One run's training state and its step; all engines are bit-identical (see the engine tests). */
export interface Stepper {
  engine: Engine;
  params: Params;
  /** Gradients of the last iteration (for live metrics). */
  grads: { W: Float64Array[]; b: Float64Array[] };
  step(withCost: boolean): number;
  /** Threads the step runs on (2 only for a large tiled step given helpers). */
  threads(): number;
  /** Frees what the step holds beyond memory (a helper thread); the stepper is not used after. */
  dispose(): void;
}

/**
 * Work per step (weights × samples) from which a tiled step takes a second thread when one is offered: below it the
 * barriers (L + 2 per step) cost more than half a step saves (measured by `npm run bench`).
 */
export const THREADED_MIN_WORK = 2 ** 21;

function single(s: Omit<Stepper, 'threads' | 'dispose'>): Stepper {
  return { ...s, threads: () => 1, dispose: () => undefined };
}

/** Whether `engine` can run a network of these widths (where WebAssembly SIMD exists at all). */
export function engineApplies(engine: Engine, layers: readonly number[]): boolean {
  switch (engine) {
    case 'js':
      return true;
    case 'wasmTiled':
      return layers[layers.length - 1] === 1;
    case 'wasm':
      return weightCount(layers) <= WASM_MAX_WEIGHTS;
  }
}

/**
 * Up to this many weights the unrolled module (weights in registers, no loop overhead) is faster; above it the tiled
 * one (where they cross is measured by `npm run bench`, whose table lists both engines for each shape).
 */
export const UNROLLED_MAX_WEIGHTS = 128;

/** The engine `auto` picks for these widths. */
export function preferredEngine(layers: readonly number[]): Engine {
  if (weightCount(layers) <= UNROLLED_MAX_WEIGHTS || !engineApplies('wasmTiled', layers)) return 'wasm';
  return 'wasmTiled';
}

function build(
  engine: Engine,
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  helpers: StepHelpers | undefined,
): Stepper | null {
  switch (engine) {
    case 'wasm': {
      const w = engineApplies('wasm', spec.layers) ? compileWasmStep(spec, X, Y, init) : null;
      return w && single({ engine, params: w.params, grads: { W: w.buffers.dW, b: w.buffers.db }, step: w.step });
    }
    case 'wasmTiled': {
      if (!engineApplies('wasmTiled', spec.layers)) return null;
      if (helpers && weightCount(spec.layers) * spec.m >= THREADED_MIN_WORK) {
        const two = compileThreadedTiledStep(spec, X, Y, init, helpers);
        if (two) return { engine, ...two };
      }
      const t = compileTiledStep(spec, X, Y, init);
      return t && single({ engine, params: t.params, grads: t.grads, step: t.step });
    }
    case 'js': {
      const params = cloneParams(init);
      const buffers = allocateBuffers(params.layers, X, spec.m);
      const step = compileStep(spec, Y);
      const grads = { W: buffers.dW, b: buffers.db };
      return single({ engine, params, grads, step: (withCost) => step(params, buffers, withCost) });
    }
  }
}

/**
 * `auto` takes the preferred WebAssembly engine for the size and falls back to the compiled JS step when
 * WebAssembly/SIMD is unavailable here; a named engine that cannot run this network is an error. With `helpers`
 * (a platform's threads) a large tiled step also runs on a second thread, with the same numbers.
 */
export function createStepper(
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  engine: Engine | 'auto' = 'auto',
  helpers?: StepHelpers,
): Stepper {
  const wanted = engine === 'auto' ? preferredEngine(spec.layers) : engine;
  const s =
    build(wanted, spec, X, Y, init, helpers) ?? (engine === 'auto' ? build('js', spec, X, Y, init, helpers) : null);
  if (!s) throw new Error(`the ${wanted} engine is not available for this network`);
  return s;
}
