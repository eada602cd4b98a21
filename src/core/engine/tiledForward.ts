// The tiled module's forward pass alone: predictions for many inputs at once (the decision-boundary grid).
//
// Why: the live view draws the boundary from a forward pass over a 100 × 100 grid at every snapshot; in JS a tanh
// net spent about 10 ms on it (a call to fastMath.tanh per unit and point), the WebAssembly forward a fraction. The
// numbers are the training step's own forward pass, so they equal network.ts's and step.ts's `compileForward` bit
// for bit (tested), and either can serve.
import type { Params } from './network';
import type { ForwardFn, StepSpec } from './step';
import { instantiateTiled, tiledForwardModule, writeInputs } from './tiledStep';

/** A forward pass for `spec.m` inputs, or null where WebAssembly SIMD is unavailable or the network does not fit. */
export function compileTiledForward(spec: Pick<StepSpec, 'layers' | 'm' | 'hidden' | 'alpha'>): ForwardFn | null {
  if (typeof WebAssembly === 'undefined') return null;
  const { layers, m } = spec;
  const built = tiledForwardModule({ ...spec, loss: 'notebook', learningRate: 0 });
  const ready = built && instantiateTiled(built);
  if (!built || !ready) return null;
  const { layout } = built;
  const { memory } = ready;
  const run = ready.instance.exports.run as () => void;
  const L = layers.length - 1;
  const view = (offset: number, length: number): Float64Array => new Float64Array(memory.buffer, offset, length);
  const W = layout.W.map((at, l) => view(at, layers[l + 1] * layers[l]));
  const b = layout.b.map((at, l) => view(at, layers[l + 1]));
  // The output unit of sample k sits at the start of row k of A_L.
  const AL = view(layout.A[L], layout.rows * layout.width[L]);
  const out = new Float64Array(m);
  return (params: Params, X: Float64Array): Float64Array => {
    for (let l = 0; l < L; l++) {
      W[l].set(params.W[l]);
      b[l].set(params.b[l]);
    }
    writeInputs(memory, layout, layers[0], X, m);
    run();
    for (let k = 0; k < m; k++) out[k] = AL[k * layout.width[L]];
    return out;
  };
}
