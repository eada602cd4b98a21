// The tiled step on two threads (tiledThreads.ts) against network.ts, with a real helper thread.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileThreadedTiledStep, type StepHelpers } from '../../../../src/core/engine/tiledThreads';
import { THREADED_MIN_WORK, createStepper } from '../../../../src/core/engine/stepper';
import { weightCount } from '../../../../src/core/experiment/limits';
import type { StepSpec } from '../../../../src/core/engine/step';
import { HIDDEN_ACTIVATIONS } from '../../../../src/core/experiment/types';
import { assertSameBits, checkAgainstPlain, randomProblem } from './reference';

/** Helper threads running src/worker/stepHelper.ts through tsx, as dist/stepHelper.js does once built. */
function testHelpers(): StepHelpers & { spawned: number; workers: Worker[] } {
  const entry = resolve(__dirname, '../../../../src/worker/stepHelper.ts');
  const helpers = {
    spawned: 0,
    workers: [] as Worker[],
    spawn(job: Parameters<StepHelpers['spawn']>[0]) {
      const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, {
        eval: true,
        workerData: job,
      });
      helpers.spawned++;
      helpers.workers.push(worker);
      return { terminate: () => void worker.terminate() };
    },
  };
  return helpers;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function exited(worker: Worker, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    worker.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

describe('tiled WebAssembly step on two threads', function () {
  this.timeout(60_000);

  const shapes: [number[], number][] = [
    [[2, 67, 33, 1], 131],
    [[2, 9, 9, 9, 9, 9, 1], 70],
    [[2, 3, 5, 1], 1],
  ];
  for (const [layers, m] of shapes) {
    it(`[${layers}], m = ${m}: a helper thread runs half of every stage; same bits as network.ts`, async () => {
      for (const hidden of HIDDEN_ACTIVATIONS) {
        const helpers = testHelpers();
        let threads = 0;
        const spec: StepSpec = { layers, m, hidden, alpha: 0.02, loss: 'notebook', learningRate: 0.3 };
        checkAgainstPlain(
          (full, X, Y, p) => {
            const t = compileThreadedTiledStep(full, X, Y, p, helpers, undefined, { firstStepWaitMs: 30_000 });
            return (
              t && {
                ...t,
                step: (withCost: boolean) => {
                  const c = t.step(withCost);
                  threads = t.threads();
                  return c;
                },
              }
            );
          },
          spec,
          6,
        );
        assert.equal(helpers.spawned, 1);
        assert.equal(threads, 2, `${hidden}: the helper never joined`);
        // The helper is stopped by dispose() only: checkAgainstPlain does not dispose, so terminate it here.
        for (const w of helpers.workers) await w.terminate();
      }
    });
  }

  it('dispose() tells the helper to quit: its thread exits', async () => {
    const layers = [2, 20, 20, 1],
      m = 64;
    const spec: StepSpec = { layers, m, hidden: 'tanh', alpha: 0.01, loss: 'stable', learningRate: 0.1 };
    const { p, X, Y } = randomProblem(layers, m, 3);
    const helpers = testHelpers();
    const t = compileThreadedTiledStep(spec, X, Y, p, helpers, undefined, { firstStepWaitMs: 30_000 });
    assert.ok(t);
    t.step(true);
    assert.equal(t.threads(), 2);
    const gone = exited(helpers.workers[0], 10_000);
    t.dispose();
    assert.ok(await gone, 'the helper thread did not exit');
  });

  it('a helper that never starts: after the timeout this thread runs both parts, with the same numbers', () => {
    const layers = [2, 8, 8, 1],
      m = 40;
    const spec: StepSpec = { layers, m, hidden: 'relu', alpha: 0.01, loss: 'stable', learningRate: 0.1 };
    let terminated = 0;
    const silent: StepHelpers = { spawn: () => ({ terminate: () => void terminated++ }) };
    checkAgainstPlain(
      (full, X, Y, init) => {
        const t = compileThreadedTiledStep(full, X, Y, init, silent, undefined, {
          startTimeoutMs: 200,
          firstStepWaitMs: 30_000,
        });
        return t;
      },
      spec,
      4,
    );
    assert.equal(terminated, 1);
  });

  it('a helper still starting: steps run alone meanwhile, without waiting; after the timeout it is stopped', () => {
    const layers = [2, 8, 8, 1],
      m = 40;
    const spec: StepSpec = { layers, m, hidden: 'tanh', alpha: 0.01, loss: 'stable', learningRate: 0.1 };
    const { p, X, Y } = randomProblem(layers, m, 4);
    let terminated = 0;
    const pending: StepHelpers = { spawn: () => ({ terminate: () => void terminated++ }) };
    const t = compileThreadedTiledStep(spec, X, Y, p, pending, undefined, { startTimeoutMs: 300 });
    assert.ok(t);
    for (let i = 0; i < 3; i++) t.step(true);
    assert.equal(t.threads(), 1);
    assert.equal(terminated, 0, 'given up before its time');
    sleep(350);
    t.step(true);
    assert.equal(terminated, 1, 'not stopped after the timeout');
    assert.equal(t.threads(), 1);
    t.dispose();
  });

  it('createStepper takes the helper only for a large enough tiled step; the run is the same either way', async () => {
    const small = [2, 16, 1];
    assert.ok(weightCount(small) * 100 < THREADED_MIN_WORK);
    const helpers = testHelpers();
    const spec = (layers: number[], m: number): StepSpec => ({
      layers,
      m,
      hidden: 'relu',
      alpha: 0.01,
      loss: 'stable',
      learningRate: 0.05,
    });
    const a = randomProblem(small, 100, 5);
    const s = createStepper(spec(small, 100), a.X, a.Y, a.p, 'wasmTiled', helpers);
    s.step(true);
    assert.equal(s.threads(), 1);
    assert.equal(helpers.spawned, 0);

    const wide = [2, 48, 48, 1];
    const m = Math.ceil(THREADED_MIN_WORK / weightCount(wide));
    const b = randomProblem(wide, m, 6);
    const two = createStepper(spec(wide, m), b.X, b.Y, b.p, 'auto', helpers);
    const one = createStepper(spec(wide, m), b.X, b.Y, b.p, 'auto');
    // The helper joins when it has started (steps run alone until then): step on, pausing, until it has.
    let it = 0;
    for (let twoSteps = 0; twoSteps < 3 && it < 400; it++) {
      assert.ok(Object.is(two.step(true), one.step(true)), `iteration ${it}`);
      if (two.threads() === 2) twoSteps++;
      else sleep(50);
    }
    assert.equal(two.engine, 'wasmTiled');
    assert.equal(two.threads(), 2, `the helper had not joined after ${it} steps`);
    assert.equal(one.threads(), 1);
    two.params.W.forEach((W, l) => assertSameBits(W, one.params.W[l], `W[${l}]`));
    const gone = exited(helpers.workers[0], 10_000);
    two.dispose();
    assert.ok(await gone);
  });
});
