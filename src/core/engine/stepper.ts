// Chooses the engine of a run's training step: the WebAssembly step where it can be built, else the JS one.
import type { Params } from './network';
import { cloneParams } from './network';
import type { StepBuffers, StepSpec } from './step';
import { allocateBuffers, compileStep } from './step';
import { WASM_MAX_WEIGHTS, compileWasmStep } from './wasmStep';

export type Engine = 'wasm' | 'js';

/** Every engine, fastest first on the networks it applies to. */
export const ENGINES: readonly Engine[] = ['wasm', 'js'];

/** Whether `engine` can run a network of these widths (where WebAssembly SIMD exists at all). */
export function engineApplies(engine: Engine, layers: readonly number[]): boolean {
  if (engine === 'js') return true;
  let weights = 0;
  for (let l = 1; l < layers.length; l++) weights += layers[l] * layers[l - 1];
  return weights <= WASM_MAX_WEIGHTS;
}

/** One run's training state and its step; both engines are bit-identical (see the step tests). */
export interface Stepper {
  engine: Engine;
  params: Params;
  buffers: StepBuffers;
  step(withCost: boolean): number;
}

/**
 * `auto` prefers WebAssembly (≈ 2.5× the JS step on the course network) and falls back to the compiled JS step
 * when WebAssembly/SIMD is unavailable or the network is beyond the wasm generator's size limit.
 */
export function createStepper(spec: StepSpec, X: Float64Array, Y: Float64Array, init: Params, engine: Engine | 'auto' = 'auto'): Stepper {
  if (engine !== 'js') {
    const w = compileWasmStep(spec, X, Y, init);
    if (w) return { engine: 'wasm', params: w.params, buffers: w.buffers, step: w.step };
    if (engine === 'wasm') throw new Error('the WebAssembly step is not available for this network');
  }
  const params = cloneParams(init);
  const buffers = allocateBuffers(params.layers, X, spec.m);
  const step = compileStep(spec, Y);
  return { engine: 'js', params, buffers, step: (withCost) => step(params, buffers, withCost) };
}
