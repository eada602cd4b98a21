// The theory line: each scheme's weight variance against its draws, and the predicted stds against a Monte Carlo.
import * as assert from 'node:assert/strict';
import { activationSlope, forward } from '../../../../src/core/engine/network';
import type { Params } from '../../../../src/core/engine/network';
import { NumpyRandomState } from '../../../../src/core/numpy/rng';
import { initWeights, weightVariance } from '../../../../src/core/training/initializers';
import { INIT_SCHEMES } from '../../../../src/core/experiment/types';
import type { Dataset, HiddenActivation, InitSpec, NetworkSpec } from '../../../../src/core/experiment/types';
import { backwardLine, inputSecondMoment, TANH_LINEAR_MAX_STD, theoryLine } from '../../../../src/core/analysis/theory';

const net = (layers: number[], hidden: HiddenActivation, alpha = 0.01): NetworkSpec => ({
  layers,
  hiddenActivation: hidden,
  outputActivation: 'sigmoid',
  leakyReluAlpha: alpha,
});

function gaussianData(m: number, seed: number): Dataset {
  const rng = new NumpyRandomState(seed);
  return { m, X: new Float64Array(2 * m).map(() => rng.randn()), Y: new Float64Array(m) };
}

/**
 * √(mean over `draws` weight draws of E_data[z_l²]) per layer: the quantity the theory predicts. One draw's pooled
 * E[z²] of a 32-wide layer scatters by about √(2/32) = 25 % (the single output unit's by more), so 400 draws put
 * the mean within about 1–2 % (measured: at most 2.4 % off); TOLERANCE = 5 % leaves room for that, never for a
 * wrong factor such as relu's 1/2 or the truncated normal's 0.774.
 */
function monteCarlo(spec: NetworkSpec, init: InitSpec, data: Dataset, draws: number): number[] {
  const rng = new NumpyRandomState(11);
  const L = spec.layers.length - 1;
  const sums = new Array<number>(L).fill(0);
  for (let d = 0; d < draws; d++) {
    const p: Params = { layers: spec.layers, W: [], b: [] };
    for (let l = 1; l <= L; l++) {
      p.W.push(initWeights(init, spec.layers[l - 1], spec.layers[l], rng));
      p.b.push(new Float64Array(spec.layers[l]));
    }
    const { Z } = forward(p, data.X, data.m, spec.hiddenActivation, spec.leakyReluAlpha);
    Z.forEach((z, i) => {
      sums[i] += z.reduce((a, v) => a + v * v, 0) / z.length;
    });
  }
  return sums.map((s) => Math.sqrt(s / draws));
}
const TOLERANCE = 0.05;
const DRAWS = 400;

describe('theory line', () => {
  it('weightVariance matches the variance of the weights each scheme draws (within 3 %)', () => {
    const rng = new NumpyRandomState(5);
    for (const scheme of INIT_SCHEMES) {
      for (const spec of [{ scheme }, { scheme, std: 0.3, limit: 0.7, gain: 1.5 }] as InitSpec[]) {
        for (const [fanIn, fanOut] of [
          [120, 80],
          [60, 150],
        ]) {
          const W = initWeights(spec, fanIn, fanOut, rng);
          const v = W.reduce((a, x) => a + x * x, 0) / W.length;
          const expected = weightVariance(spec, fanIn, fanOut);
          if (expected === 0) assert.equal(v, 0, scheme);
          else assert.ok(Math.abs(v / expected - 1) < 0.03, `${scheme} ${fanIn}×${fanOut}: ${v} vs ${expected}`);
        }
      }
    }
  });

  it('layer 1 is exact: n₀·Var[W]·E[x²]', () => {
    const line = theoryLine(net([2, 10, 1], 'relu'), { scheme: 'normal', std: 0.5 }, 0.8);
    assert.ok(Math.abs(line.zStd[0]! - Math.sqrt(2 * 0.25 * 0.8)) < 1e-15);
    // Output layer: 10·0.25·(Var[z₁]/2).
    assert.ok(Math.abs(line.zStd[1]! - Math.sqrt(10 * 0.25 * (0.4 / 2))) < 1e-15);
    assert.equal(line.note, null);
  });

  it("He keeps a ReLU net's variance constant: 2/n · n · 1/2 = 1", () => {
    const line = theoryLine(net([2, 50, 50, 50, 1], 'relu'), { scheme: 'he' }, 1);
    // Var[z₁] = 2·(2/2)·1 = 2, then each layer keeps it: 50·(2/50)·(2/2) = 2.
    for (const z of line.zStd.slice(0, 3)) assert.ok(Math.abs(z! - Math.SQRT2) < 1e-12, String(z));
  });

  const cases: [string, NetworkSpec, InitSpec][] = [
    ['He normal, ReLU', net([2, 32, 32, 32, 1], 'relu'), { scheme: 'he' }],
    ['Xavier uniform, ReLU', net([2, 32, 32, 32, 1], 'relu'), { scheme: 'xavierUniform' }],
    [
      'truncated normal, leaky ReLU α = 0.3',
      net([2, 32, 32, 32, 1], 'leakyRelu', 0.3),
      { scheme: 'truncatedNormal', std: 0.2 },
    ],
    ['orthogonal, ReLU', net([2, 32, 24, 32, 1], 'relu'), { scheme: 'orthogonal', gain: 1.4 }],
    ['normal std 0.03, tanh (linear regime)', net([2, 32, 32, 32, 1], 'tanh'), { scheme: 'normal', std: 0.03 }],
  ];
  for (const [name, spec, init] of cases) {
    it(`agrees with a Monte Carlo of the scheme within ${100 * TOLERANCE} % per layer: ${name}`, function () {
      this.timeout(30_000);
      const data = gaussianData(64, 1);
      const line = theoryLine(spec, init, inputSecondMoment(data));
      const mc = monteCarlo(spec, init, data, DRAWS);
      line.zStd.forEach((t, i) => {
        assert.ok(t !== null);
        assert.ok(Math.abs(mc[i] / t - 1) < TOLERANCE, `layer ${i + 1}: Monte Carlo ${mc[i]} vs theory ${t}`);
      });
    });
  }

  it('stops with a reason where there is no closed form: saturated tanh, sigmoid', () => {
    const tanh = theoryLine(net([2, 50, 50, 1], 'tanh'), { scheme: 'normal', std: 1 }, 1);
    assert.ok(tanh.zStd[0]! > TANH_LINEAR_MAX_STD);
    assert.deepEqual(tanh.zStd.slice(1), [null, null]);
    assert.match(tanh.note ?? '', /layer 2 on: tanh saturates/);
    const sig = theoryLine(net([2, 8, 8, 1], 'sigmoid'), { scheme: 'xavier' }, 1);
    assert.equal(sig.zStd[1], null);
    assert.match(sig.note ?? '', /sigmoid/);
    assert.match(sig.formula, /no closed form/);
  });

  it('predicts zeros for W = 0', () => {
    assert.deepEqual(theoryLine(net([2, 4, 1], 'relu'), { scheme: 'zeros' }, 1).zStd, [0, 0]);
  });

  /**
   * √(mean over draws of E_data[dZ_l²]) per layer when the output's per-sample gradient is N(0, 1), independent of
   * the weights (what the backward line assumes): the engine's forward pass and slopes, a plain backward loop here.
   */
  function backwardMonteCarlo(spec: NetworkSpec, init: InitSpec, data: Dataset, draws: number): number[] {
    const rng = new NumpyRandomState(13);
    const L = spec.layers.length - 1;
    const { m } = data;
    const sums = new Array<number>(L).fill(0);
    for (let d = 0; d < draws; d++) {
      const p: Params = { layers: spec.layers, W: [], b: [] };
      for (let l = 1; l <= L; l++) {
        p.W.push(initWeights(init, spec.layers[l - 1], spec.layers[l], rng));
        p.b.push(new Float64Array(spec.layers[l]));
      }
      const { A } = forward(p, data.X, m, spec.hiddenActivation, spec.leakyReluAlpha);
      let dz = new Float64Array(m).map(() => rng.randn());
      sums[L - 1] += dz.reduce((a, v) => a + v * v, 0) / dz.length;
      for (let l = L; l > 1; l--) {
        const nOut = spec.layers[l];
        const nIn = spec.layers[l - 1];
        const W = p.W[l - 1];
        const next = new Float64Array(nIn * m);
        for (let i = 0; i < nIn; i++) {
          for (let k = 0; k < m; k++) {
            let s = 0;
            for (let j = 0; j < nOut; j++) s += W[j * nIn + i] * dz[j * m + k];
            next[i * m + k] = s * activationSlope(spec.hiddenActivation, A[l - 1][i * m + k], spec.leakyReluAlpha);
          }
        }
        sums[l - 2] += next.reduce((a, v) => a + v * v, 0) / next.length;
        dz = next;
      }
    }
    return sums.map((s) => Math.sqrt(s / draws));
  }

  const backwardCases: [string, NetworkSpec, InitSpec][] = [
    ['He normal, ReLU', net([2, 32, 32, 32, 1], 'relu'), { scheme: 'he' }],
    ['Xavier, ReLU (shrinks by √2 per layer)', net([2, 32, 32, 32, 1], 'relu'), { scheme: 'xavier' }],
    ['uniform, leaky ReLU α = 0.3, unequal widths', net([2, 24, 40, 32, 1], 'leakyRelu', 0.3), { scheme: 'heUniform' }],
    ['normal std 0.03, tanh (linear regime)', net([2, 32, 32, 32, 1], 'tanh'), { scheme: 'normal', std: 0.03 }],
  ];
  for (const [name, spec, init] of backwardCases) {
    it(`the backward line agrees with a Monte Carlo within ${100 * TOLERANCE} % per layer: ${name}`, function () {
      this.timeout(30_000);
      const data = gaussianData(64, 2);
      const forwardLine = theoryLine(spec, init, inputSecondMoment(data));
      const back = backwardLine(spec, init, forwardLine, 1);
      const mc = backwardMonteCarlo(spec, init, data, DRAWS);
      assert.equal(back.backwardNote, null);
      back.dzStd.forEach((t, i) => {
        assert.ok(t !== null, `layer ${i + 1} has no backward theory`);
        assert.ok(Math.abs(mc[i] / t - 1) < TOLERANCE, `layer ${i + 1}: Monte Carlo ${mc[i]} vs theory ${t}`);
      });
    });
  }

  it("the backward line by hand: LeCun (1/fan_in) on ReLU halves the gradient's variance per equal-width layer", () => {
    const spec = net([2, 10, 10, 1], 'relu');
    const back = backwardLine(spec, { scheme: 'lecun' }, theoryLine(spec, { scheme: 'lecun' }, 1), 0.5);
    // Output → layer 2: n₃·Var[W₃]·E[dZ₃²]·½ = 1·(1/10)·0.25·½; layer 2 → 1: 10·(1/10)·½ more.
    const v2 = 1 * (1 / 10) * 0.25 * 0.5;
    assert.ok(Math.abs(back.dzStd[1]! - Math.sqrt(v2)) < 1e-15);
    assert.ok(Math.abs(back.dzStd[0]! - Math.sqrt(v2 * 10 * (1 / 10) * 0.5)) < 1e-15);
    assert.equal(back.dzStd[2], 0.5);
  });

  it('the backward line stops with a reason: sigmoid, saturated tanh', () => {
    const sigSpec = net([2, 8, 8, 1], 'sigmoid');
    const sig = backwardLine(sigSpec, { scheme: 'xavier' }, theoryLine(sigSpec, { scheme: 'xavier' }, 1), 0.5);
    assert.deepEqual(sig.dzStd, [null, null, 0.5]);
    assert.match(sig.backwardNote ?? '', /layer 2 down: .*sigmoid/);
    const tanhSpec = net([2, 50, 50, 1], 'tanh');
    const init: InitSpec = { scheme: 'normal', std: 1 };
    const tanh = backwardLine(tanhSpec, init, theoryLine(tanhSpec, init, 1), 0.5);
    assert.deepEqual(tanh.dzStd, [null, null, 0.5]);
    assert.match(tanh.backwardNote ?? '', /tanh/);
  });
});
