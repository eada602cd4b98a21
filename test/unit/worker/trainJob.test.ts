// The worker's job: live snapshots stay within their share of the run's time however often they are asked for.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { WorkerToHost } from '../../../src/shared/protocol';
import { LIVE_VIEW_BUDGET, runJob } from '../../../src/worker/trainJob';
import { notebookLike } from '../host/helpers';

describe('worker: train job', () => {
  it(`keeps snapshot work under ${100 * LIVE_VIEW_BUDGET} % of the run when each snapshot is slow`, () => {
    // Every snapshot "costs" 5 ms on the job's clock, as a large boundary grid would on a slow machine.
    const SNAPSHOT_MS = 5;
    let extra = 0;
    const now = (): number => performance.now() + extra;
    const messages: WorkerToHost[] = [];
    const started = now();
    // Long enough (about a second here) that the budget holds several snapshots beside the first and the final one.
    runJob(notebookLike(60_000), 2, {
      snapshotIntervalMs: 1, // asks for 1,000 snapshots a second
      boundaryResolution: 20,
      shouldStop: () => false,
      now,
      post: (m) => {
        messages.push(m);
        if (m.kind === 'progress') extra += SNAPSHOT_MS;
      },
    });
    const total = now() - started;
    const snapshots = messages.filter((m) => m.kind === 'progress').length;
    // The first snapshot (the initial weights) is sent at once; the others, the final one included, fit the budget.
    assert.ok(snapshots >= 3, `${snapshots} snapshots`);
    assert.ok(
      (snapshots - 1) * SNAPSHOT_MS <= LIVE_VIEW_BUDGET * total + 1e-9,
      `${snapshots} snapshots × ${SNAPSHOT_MS} ms in ${total.toFixed(0)} ms`,
    );
    assert.equal(messages[messages.length - 1].kind, 'done');
  });

  it('a costly start (cold code in a fresh worker) does not hold the next snapshots back', () => {
    // The first snapshot "costs" 80 ms on the job's clock, the later ones 1 ms: counted against the budget, the
    // first would hold the second back for 80 ms / budget (2 s at 4 %).
    let extra = 0;
    const now = (): number => performance.now() + extra;
    const at: number[] = [];
    runJob(notebookLike(60_000), 2, {
      snapshotIntervalMs: 50,
      boundaryResolution: 20,
      shouldStop: () => false,
      now,
      post: (m) => {
        if (m.kind !== 'progress') return;
        at.push(now());
        extra += at.length === 1 ? 80 : 1;
      },
    });
    assert.ok(at.length >= 4, `${at.length} snapshots`);
    const gap = at[1] - at[0];
    assert.ok(gap < 80 / LIVE_VIEW_BUDGET / 4, `the second snapshot came ${gap.toFixed(0)} ms after the first`);
  });
});
