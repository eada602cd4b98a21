// The panel's persistence throttle: status changes are saved at once, progress at most once per interval.
import * as assert from 'node:assert/strict';
import { PERSIST_INTERVAL_MS, PersistThrottle, persistsAtOnce, type Timers } from '../../../webview/persistence';

/** A manual clock: timers fire only when the test advances time. */
class FakeTimers implements Timers {
  private t = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((q) => q.id !== handle);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.queue.filter((q) => q.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue = this.queue.filter((q) => q !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

describe('webview: persistence throttle', () => {
  it('saves status changes at once and progress only on the interval', () => {
    assert.equal(persistsAtOnce('snapshot'), true);
    assert.equal(persistsAtOnce('runDone'), true);
    assert.equal(persistsAtOnce('status'), true);
    assert.equal(persistsAtOnce('progress'), false);
  });

  it('writes 15 progress messages per second for 10 s about once a second, and the last one is never lost', () => {
    const timers = new FakeTimers();
    const writes: number[] = [];
    const p = new PersistThrottle(() => writes.push(timers.now()), timers);
    for (let i = 0; i < 150; i++) {
      p.request(false);
      timers.advance(1000 / 15);
    }
    timers.advance(PERSIST_INTERVAL_MS);
    assert.ok(writes.length >= 10 && writes.length <= 11, `${writes.length} writes`);
    for (let i = 1; i < writes.length; i++) assert.ok(writes[i] - writes[i - 1] >= PERSIST_INTERVAL_MS - 1e-9);
    // The trailing write comes after the last request.
    assert.ok(writes[writes.length - 1] >= 149 * (1000 / 15));
  });

  it('writes at once on an urgent request and drops the pending trailing write', () => {
    const timers = new FakeTimers();
    let writes = 0;
    const p = new PersistThrottle(() => writes++, timers);
    p.request(false); // first: at once (nothing written for an interval)
    timers.advance(100);
    p.request(false); // pending
    p.request(true); // status change: now
    assert.equal(writes, 2);
    timers.advance(5 * PERSIST_INTERVAL_MS);
    assert.equal(writes, 2, 'the urgent write replaced the pending one');
  });
});
