// The panel's report pairs each result with its own run card, by name, also when some runs never started.
import * as assert from 'node:assert/strict';
import { emptyPanelState, emptyRunView } from '../../../src/shared/panelState';
import { reportRuns } from '../../../src/host/reportRuns';
import type { RunResult } from '../../../src/core/analysis/results';

const result = (name: string): RunResult => ({
  name,
  costs: [[0, 0.7]],
  trainAccuracy: 1,
  testAccuracy: 1,
  finalCost: 0.1,
  ms: 1,
  iterations: 1,
  divergedAt: null,
  stopped: false,
  verdict: { kind: 'learnsWell', text: '' },
});

describe('host: report runs', () => {
  it('takes layers, boundary and label from the card of the same name', () => {
    const state = {
      ...emptyPanelState('f'),
      runs: ['a', 'b', 'c'].map((n) => ({ ...emptyRunView({ name: n, initLabel: `${n}-init` }), iteration: 1 })),
    };
    const boundary = { n: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, probs: 'AA==' };
    state.runs[2] = { ...state.runs[2], boundary };
    // Run b was stopped before it started: it has no result.
    const runs = reportRuns([result('a'), result('c')], state);
    assert.deepEqual(
      runs.map((r) => [r.result.name, r.initLabel, r.boundary]),
      [
        ['a', 'a-init', null],
        ['c', 'c-init', boundary],
      ],
    );
  });
});
