// PacedDraw: a part of the panel redraws only on screen, at most once per interval, and always catches up.
import * as assert from 'node:assert/strict';
import { PacedDraw } from '../../../webview/pacedDraw';

function counted(intervalMs: number): { part: PacedDraw; draws: () => number } {
  let n = 0;
  return { part: new PacedDraw(() => n++, intervalMs), draws: () => n };
}

describe('webview paced drawing', () => {
  it('draws a requested part at once the first time, and nothing when nothing was requested', () => {
    const { part, draws } = counted(250);
    assert.equal(part.run(0), Infinity);
    part.request();
    assert.equal(part.run(10), Infinity);
    assert.equal(draws(), 1);
    assert.equal(part.run(20), Infinity);
    assert.equal(draws(), 1);
  });

  it('holds a second redraw until its interval has passed, then draws the latest once', () => {
    const { part, draws } = counted(250);
    part.request();
    part.run(1000);
    part.request();
    part.request();
    assert.equal(part.run(1100), 150);
    assert.equal(part.waiting, true);
    assert.equal(draws(), 1);
    assert.equal(part.run(1250), Infinity);
    assert.equal(draws(), 2);
    assert.equal(part.waiting, false);
  });

  it('off screen, owes the redraw without waiting on time; back on screen, draws it', () => {
    const { part, draws } = counted(0);
    part.setVisible(false);
    part.request();
    assert.equal(part.waiting, false);
    assert.equal(part.run(5), Infinity);
    assert.equal(draws(), 0);
    part.setVisible(true);
    assert.equal(part.waiting, true);
    part.run(6);
    assert.equal(draws(), 1);
  });

  it('flush draws what is owed even off screen or within the interval, and only then', () => {
    const { part, draws } = counted(250);
    part.flush(0);
    assert.equal(draws(), 0);
    part.request();
    part.run(0);
    part.request();
    part.setVisible(false);
    part.flush(1);
    assert.equal(draws(), 2);
    part.setVisible(true);
    assert.equal(part.run(300), Infinity);
    assert.equal(draws(), 2);
  });
});
