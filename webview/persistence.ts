// When the panel writes its state for a reload: at once on a status change, else at most once per interval.
import type { HostToWebview } from '../src/shared/protocol';

/** Progress messages arrive up to 15 times a second per run; a reload loses at most this much of them. */
export const PERSIST_INTERVAL_MS = 1000;

/** Messages after which the saved state must not lag: a run started, finished, or the session's status changed. */
export function persistsAtOnce(kind: HostToWebview['kind']): boolean {
  switch (kind) {
    case 'snapshot':
    case 'runDone':
    case 'status':
      return true;
    case 'progress':
      return false;
  }
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Throttles `write` (which serialises the whole state, boundary grids included): `request(true)` writes now,
 * `request(false)` writes at most once per `intervalMs`, trailing, so the last update is never lost.
 */
export class PersistThrottle {
  private last = -Infinity;
  private pending: unknown;

  constructor(
    private readonly write: () => void,
    private readonly timers: Timers,
    private readonly intervalMs = PERSIST_INTERVAL_MS,
  ) {}

  request(urgent: boolean): void {
    const wait = this.last + this.intervalMs - this.timers.now();
    if (urgent || wait <= 0) {
      this.flush();
      return;
    }
    this.pending ??= this.timers.setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.pending !== undefined) this.timers.clearTimeout(this.pending);
    this.pending = undefined;
    this.last = this.timers.now();
    this.write();
  }
}
