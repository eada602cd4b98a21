// FrameBudget: a due redraw waits so that drawing takes at most its share of the main thread.
import * as assert from 'node:assert/strict';
import { FrameBudget } from '../../../webview/frameBudget';

describe('webview frame budget', () => {
  it('lets the first redraw run at once', () => {
    assert.equal(new FrameBudget(0.25).delay(0), 0);
  });

  it('after a 20 ms draw at a 25 % share, waits until 60 ms of other work have passed', () => {
    const b = new FrameBudget(0.25);
    b.record(100, 120);
    assert.equal(b.delay(120), 60);
    assert.equal(b.delay(150), 30);
    assert.equal(b.delay(180), 0);
    assert.equal(b.delay(500), 0);
  });

  it('keeps drawing at frame rate when draws are cheap', () => {
    const b = new FrameBudget(0.25);
    b.record(0, 1);
    // One frame later (16.7 ms) the 3 ms of rest are long over.
    assert.equal(b.delay(17.7), 0);
  });

  it('over a stream of requests, drawing stays within its share', () => {
    const b = new FrameBudget(0.25);
    let now = 0;
    let busy = 0;
    while (now < 10_000) {
      now += b.delay(now);
      const cost = 30 + 20 * Math.sin(now); // draws of 10–50 ms
      b.record(now, now + cost);
      busy += cost;
      now += cost;
    }
    // Each wait is set by the draw before it, so a costlier draw can overrun the share by at most one draw (50 ms).
    assert.ok(busy <= 0.25 * now + 50, `drawing took ${((100 * busy) / now).toFixed(1)} % of the time`);
    assert.ok(busy / now > 0.2, 'and still draws as often as the share allows');
  });

  it('with a least interval, cheap draws wait for it from the start of the last one', () => {
    const b = new FrameBudget(0.25, 1000 / 15);
    b.record(100, 102);
    assert.equal(b.delay(102), 100 + 1000 / 15 - 102);
    assert.equal(b.delay(100 + 1000 / 15), 0);
    // A costly draw still waits for its share, past the interval.
    b.record(200, 260);
    assert.equal(b.delay(260), 180);
  });

  it('refuses a share outside (0, 1] and a negative interval', () => {
    assert.throws(() => new FrameBudget(0), RangeError);
    assert.throws(() => new FrameBudget(1.5), RangeError);
    assert.throws(() => new FrameBudget(0.25, -1), RangeError);
  });
});
