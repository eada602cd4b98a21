// Chooses the engine of a run's training step by network size: unrolled WebAssembly, tiled WebAssembly, or JS.
import { weightCount } from '../experiment/limits';
import type { Params } from './network';
import { cloneParams } from './network';
import type { StepSpec } from './step';
import { allocateBuffers, compileStep } from './step';
import { WASM_MAX_WEIGHTS, compileWasmStep } from './wasmStep';
import { compileTiledStep } from './tiledStep';

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

function build(engine: Engine, spec: StepSpec, X: Float64Array, Y: Float64Array, init: Params): Stepper | null {
  switch (engine) {
    case 'wasm': {
      const w = engineApplies('wasm', spec.layers) ? compileWasmStep(spec, X, Y, init) : null;
      return w && { engine, params: w.params, grads: { W: w.buffers.dW, b: w.buffers.db }, step: w.step };
    }
    case 'wasmTiled': {
      const t = engineApplies('wasmTiled', spec.layers) ? compileTiledStep(spec, X, Y, init) : null;
      return t && { engine, params: t.params, grads: t.grads, step: t.step };
    }
    case 'js': {
      const params = cloneParams(init);
      const buffers = allocateBuffers(params.layers, X, spec.m);
      const step = compileStep(spec, Y);
      const grads = { W: buffers.dW, b: buffers.db };
      return { engine, params, grads, step: (withCost) => step(params, buffers, withCost) };
    }
  }
}

/**
 * `auto` takes the preferred WebAssembly engine for the size and falls back to the compiled JS step when
 * WebAssembly/SIMD is unavailable here; a named engine that cannot run this network is an error.
 */
export function createStepper(
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  engine: Engine | 'auto' = 'auto',
): Stepper {
  const wanted = engine === 'auto' ? preferredEngine(spec.layers) : engine;
  const s = build(wanted, spec, X, Y, init) ?? (engine === 'auto' ? build('js', spec, X, Y, init) : null);
  if (!s) throw new Error(`the ${wanted} engine is not available for this network`);
  return s;
}
