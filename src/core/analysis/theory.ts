// The theory lines: the per-layer std of z (forward) and of the gradient dZ (backward) that an initialization scheme
// predicts by variance propagation.
import { describeInit, weightVariance } from '../training/initializers';
import type { Dataset, HiddenActivation, InitSpec, NetworkSpec } from '../experiment/types';
import type { TheoryLine } from './results';

/**
 * Largest predicted std of z at which tanh still counts as linear: for z ~ N(0, 0.3²), E[tanh(z)²] is 0.855·Var[z]
 * (std 7.5 % below the linear line per layer); at std 1 it is only 0.39·Var[z], so a line drawn further would be wrong.
 */
export const TANH_LINEAR_MAX_STD = 0.3;

/** E[x²] over every entry of the training inputs: what the first layer's variance is made of. */
export function inputSecondMoment(data: Dataset): number {
  let s = 0;
  for (const v of data.X) s += v * v;
  return data.X.length ? s / data.X.length : 0;
}

/** E[a²] from Var[z] for a hidden activation, or the reason there is no closed form. */
function activationMoment(hidden: HiddenActivation, alpha: number, varZ: number): number | string {
  switch (hidden) {
    // Exact for any z symmetric about 0, which z = W·a is when the weights are (every scheme here draws them so).
    case 'relu':
      return varZ / 2;
    case 'leakyRelu':
      return ((1 + alpha * alpha) / 2) * varZ;
    case 'tanh':
      return Math.sqrt(varZ) <= TANH_LINEAR_MAX_STD
        ? varZ
        : `tanh saturates once std(z) > ${TANH_LINEAR_MAX_STD} (here ${Math.sqrt(varZ).toPrecision(2)}): ` +
            'E[tanh(z)²] has no closed form there, and the linear rule would overstate it';
    case 'sigmoid':
      return 'E[sigmoid(z)²] has no closed form (sigmoid is not ≈ linear around 0: its mean is 1/2)';
  }
}

function activationRule(hidden: HiddenActivation, alpha: number): string {
  switch (hidden) {
    case 'relu':
      return 'E[relu(z)²] = Var[z]/2';
    case 'leakyRelu':
      return `E[leaky(z)²] = (1+α²)/2·Var[z] (α = ${alpha})`;
    case 'tanh':
      return `E[tanh(z)²] ≈ Var[z] (tanh ≈ linear near 0; drawn while std(z) ≤ ${TANH_LINEAR_MAX_STD})`;
    case 'sigmoid':
      return 'E[sigmoid(z)²]: no closed form';
  }
}

/**
 * Var[z₁] = n₀·Var[W₁]·E[x²] (exact: the input layer is linear), then Var[z_l] = n_{l−1}·Var[W_l]·E[a_{l−1}²] with
 * E[a²] from Var[z] by the activation's rule; biases start at 0. The expectation is over the weights' draw, so one
 * draw scatters around the line, the more so the narrower the layers.
 */
export function theoryLine(network: NetworkSpec, init: InitSpec, inputMoment: number): TheoryLine {
  const { layers, hiddenActivation: hidden, leakyReluAlpha: alpha } = network;
  const L = layers.length - 1;
  const zStd: (number | null)[] = [];
  let note: string | null = null;
  let moment = inputMoment;
  for (let l = 1; l <= L; l++) {
    const varZ = layers[l - 1] * weightVariance(init, layers[l - 1], layers[l]) * moment;
    zStd.push(Math.sqrt(varZ));
    if (l === L) break;
    const next = activationMoment(hidden, alpha, varZ);
    if (typeof next === 'string') {
      note = `No theory from layer ${l + 1} on: ${next}.`;
      while (zStd.length < L) zStd.push(null);
      break;
    }
    moment = next;
  }
  const formula =
    'Var[z₁] = n₀·Var[W₁]·E[x²];  Var[z_l] = n_{l−1}·Var[W_l]·E[a_{l−1}²];  ' +
    `${activationRule(hidden, alpha)};  b = 0;  Var[W] from ${describeInit(init)}`;
  return { zStd, formula, note };
}

/** E[g'(z)²] for a hidden activation, given the forward line's std of z there, or why there is no closed form. */
function slopeMoment(hidden: HiddenActivation, alpha: number, zStd: number | null): number | string {
  switch (hidden) {
    // z is symmetric about 0: half the units pass the gradient (slope 1), half block it (0, or α).
    case 'relu':
      return 1 / 2;
    case 'leakyRelu':
      return (1 + alpha * alpha) / 2;
    case 'tanh':
      if (zStd === null) return 'the forward line stops there, so the spread of z — and of tanh′(z) — is unknown';
      return zStd <= TANH_LINEAR_MAX_STD
        ? 1
        : `tanh′(z)² falls below 1 once std(z) > ${TANH_LINEAR_MAX_STD} (here ${zStd.toPrecision(2)}): no closed form`;
    case 'sigmoid':
      return "E[sigmoid′(z)²] has no closed form (sigmoid′ is at most 1/4 and depends on z's spread)";
  }
}

function slopeRule(hidden: HiddenActivation, alpha: number): string {
  switch (hidden) {
    case 'relu':
      return 'E[relu′(z)²] = 1/2';
    case 'leakyRelu':
      return `E[leaky′(z)²] = (1+α²)/2 (α = ${alpha})`;
    case 'tanh':
      return `E[tanh′(z)²] ≈ 1 (tanh ≈ linear near 0; drawn while std(z) ≤ ${TANH_LINEAR_MAX_STD})`;
    case 'sigmoid':
      return 'E[sigmoid′(z)²]: no closed form';
  }
}

/**
 * The backward line from the output's per-sample gradient std: Var[dA_{l−1}] = n_l·Var[W_l]·E[dZ_l²] (a sum over
 * the n_l units a unit feeds), then E[dZ_{l−1}²] = E[dA_{l−1}²]·E[g′(z_{l−1})²] — He et al.'s backward case, with
 * the gradient taken as independent of the weights and of z, and of mean ≈ 0 (balanced labels).
 */
export function backwardLine(
  network: NetworkSpec,
  init: InitSpec,
  forward: TheoryLine,
  outputDzStd: number,
): Pick<Required<TheoryLine>, 'dzStd' | 'backwardFormula' | 'backwardNote'> {
  const { layers, hiddenActivation: hidden, leakyReluAlpha: alpha } = network;
  const L = layers.length - 1;
  const dzStd: (number | null)[] = new Array<number | null>(L).fill(null);
  dzStd[L - 1] = outputDzStd;
  let note: string | null = null;
  let moment = outputDzStd * outputDzStd;
  for (let l = L; l > 1; l--) {
    const slope = slopeMoment(hidden, alpha, forward.zStd[l - 2]);
    if (typeof slope === 'string') {
      note = `No backward theory from layer ${l - 1} down: ${slope}.`;
      break;
    }
    moment = layers[l] * weightVariance(init, layers[l - 1], layers[l]) * moment * slope;
    dzStd[l - 2] = Math.sqrt(moment);
  }
  const backwardFormula =
    'dZ_L measured at iteration 0;  Var[dA_{l−1}] = n_l·Var[W_l]·E[dZ_l²];  ' +
    `E[dZ_{l−1}²] = E[dA_{l−1}²]·E[g′(z_{l−1})²];  ${slopeRule(hidden, alpha)}`;
  return { dzStd, backwardFormula, backwardNote: note };
}

/** The theory line of a run's scheme on its training data; with the output's gradient std, the backward line too. */
export function theoryFor(
  network: NetworkSpec,
  init: InitSpec,
  train: Dataset,
  outputDzStd?: number | null,
): TheoryLine {
  const line = theoryLine(network, init, inputSecondMoment(train));
  if (outputDzStd === undefined || outputDzStd === null) return line;
  return { ...line, ...backwardLine(network, init, line, outputDzStd) };
}
