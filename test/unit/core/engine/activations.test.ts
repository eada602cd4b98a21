// Each activation's function and its JS source (which the compiled step uses) agree bit for bit.
import * as assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../../../src/core/engine/activations';
import { exp, tanh } from '../../../../src/core/engine/fastMath';
import { HIDDEN_ACTIVATIONS } from '../../../../src/core/experiment/types';

type Compiled = (tanhFn: typeof tanh, expFn: typeof exp, alpha: number, x: number) => number;
const compile = (body: string): Compiled => new Function('tanh', 'exp', 'alpha', 'x', `return ${body};`) as Compiled;

describe('core/engine: activations', () => {
  const inputs = [0, -0, 1e-300, -1e-300, 0.5, -0.5, 3, -3, 20, -20, 800, -800, Infinity, -Infinity, NaN];
  for (let k = 0; k < 200; k++) inputs.push(Math.sin(k * 12.9898) * 10);

  it('covers every hidden activation of the format', () => {
    assert.deepEqual(Object.keys(ACTIVATIONS).sort(), [...HIDDEN_ACTIVATIONS].sort());
  });

  for (const kind of HIDDEN_ACTIVATIONS) {
    it(`${kind}: apply/applySource and slope/slopeSource give the same doubles`, () => {
      const a = ACTIVATIONS[kind];
      const apply = compile(a.applySource('x'));
      const slope = compile(a.slopeSource('x'));
      for (const alpha of [0.01, 0.2]) {
        for (const x of inputs) {
          assert.ok(Object.is(apply(tanh, exp, alpha, x), a.apply(x, alpha)), `${kind}(${x})`);
          const y = a.apply(x, alpha);
          assert.ok(Object.is(slope(tanh, exp, alpha, y), a.slope(y, alpha)), `${kind}'(${y})`);
        }
      }
    });
  }
});
