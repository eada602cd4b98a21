// A promise that the first of several callers settles: a run's outcome can come from its result, an error or its end.

export interface SettleOnce<T> {
  readonly promise: Promise<T>;
  /** Settles with `value` unless already settled (later calls are ignored). */
  settle(value: T): void;
  /** Whether a value has been settled. */
  readonly settled: boolean;
}

export function settleOnce<T>(): SettleOnce<T> {
  let done = false;
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return {
    promise,
    settle(value: T): void {
      if (done) return;
      done = true;
      resolve(value);
    },
    get settled(): boolean {
      return done;
    },
  };
}
