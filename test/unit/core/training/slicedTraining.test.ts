// Training in slices (the Web Worker's way of seeing Stop without shared memory) gives the numbers of one go.
import * as assert from 'node:assert/strict';
import { prepareRun } from '../../../../src/core/training/run';
import { startTraining, trainRun } from '../../../../src/core/training/train';
import { notebookLike } from '../../host/helpers';

describe('core: training in slices', () => {
  const experiment = notebookLike(600);

  for (const runIndex of [1, 2]) {
    it(`run ${runIndex}: pausing at every check changes no number (costs, accuracies, verdict)`, () => {
      const whole = trainRun(prepareRun(experiment, runIndex), { checkEvery: 7, onCheck: () => false });
      const sliced = startTraining(prepareRun(experiment, runIndex), { checkEvery: 7, onCheck: () => false });
      let slices = 1;
      while (!sliced.advance(() => true)) slices++;
      const result = sliced.result();
      // 600 iterations, a check every 7 that is not the last: 85 pauses.
      assert.equal(slices, Math.floor(599 / 7) + 1);
      // Everything but the wall time.
      assert.deepEqual({ ...result, ms: 0 }, { ...whole, ms: 0 });
    });
  }

  it('a stop seen at a check ends training there: stopped, with the iterations done', () => {
    let checks = 0;
    const training = startTraining(prepareRun(experiment, 2), { checkEvery: 10, onCheck: () => ++checks === 3 });
    assert.equal(training.advance(), true);
    const result = training.result();
    assert.equal(result.stopped, true);
    assert.equal(result.iterations, 30);
  });

  it('result() before training is over is refused', () => {
    const training = startTraining(prepareRun(experiment, 2), { checkEvery: 10, onCheck: () => false });
    assert.equal(
      training.advance(() => true),
      false,
    );
    assert.throws(() => training.result(), /before training is over/);
  });
});
