// When the next coalesced redraw may start: drawing gets at most a share of the main thread, like the worker's budget.
//
// Three runs at 15 snapshots/s ask for up to 45 redraws a second; on a slow machine each can take tens of ms of chart
// work, which would leave no time for hover, scrolling or typing. The panel then draws less often, never less fresh.
// A least interval between redraws caps the rate where drawing is cheap: beyond the rate at which the data
// changes, more frames only show the same runs' updates one at a time.

export class FrameBudget {
  private lastEnd = Number.NEGATIVE_INFINITY;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastCost = 0;

  /**
   * `share`: the fraction of the main thread drawing may use (0 < share ≤ 1); `minIntervalMs`: the least time from
   * one redraw's start to the next one's (0: none).
   */
  constructor(
    private readonly share: number,
    private readonly minIntervalMs = 0,
  ) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`FrameBudget share must be in (0, 1], got ${share}`);
    if (!(minIntervalMs >= 0)) throw new RangeError(`FrameBudget interval must be ≥ 0, got ${minIntervalMs}`);
  }

  /** How long (ms) a redraw wanted at `now` should wait so that drawing stays within its share and rate. */
  delay(now: number): number {
    const rest = this.lastCost * (1 / this.share - 1);
    return Math.max(0, this.lastEnd + rest - now, this.lastStart + this.minIntervalMs - now);
  }

  /** Records a redraw that ran from `start` to `end` (ms). */
  record(start: number, end: number): void {
    this.lastStart = start;
    this.lastCost = Math.max(0, end - start);
    this.lastEnd = end;
  }
}
