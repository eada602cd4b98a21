// The tiled step on two threads: both instantiate one module on one shared memory and meet at a barrier per stage.
//
// Why the numbers cannot change: the module is split (tiledStep.ts, `parts: 2`) so that every sum lies wholly in
// one part — part p owns half of the samples' products and half of the units' dW and db — and each part's code is
// the same whichever thread runs it. So a step on two threads, or both parts on one thread, gives the same bits as
// the one-part module and network.ts. The platform supplies the second thread (StepHelpers); the core stays pure.
import type { Params } from './network';
import type { StepSpec } from './step';
import type { TiledOptions } from './tiledStep';
import { CONTROL_BYTES, DEFAULT_TILED_OPTIONS, loadTiledStep, tiledImports } from './tiledStep';

/** What a helper thread needs: the compiled module and the shared memory (both can cross a thread boundary). */
export interface HelperJob {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Layers of weights (L): the helper runs fwd1, then back1_L … back1_1. */
  layers: number;
}

/** A platform's threads (worker_threads in Node); absent where there is no shared memory (the web). */
export interface StepHelpers {
  /** Starts a thread that calls runStepHelper(job); null when none can be started. */
  spawn(job: HelperJob): { terminate(): void } | null;
}

/** Int32 slots of the control block at the start of the memory. */
const COUNT = 0,
  GENERATION = 1,
  COMMAND = 2,
  START = 3;
const QUIT = 1;
/** START: 0 until claimed, once, by the helper (it has started) or by the trainer (it gave up waiting). */
const STARTED = 1,
  GAVE_UP = -1;
/** Polls before sleeping: a barrier is usually met within microseconds, while a futex wake costs tens. */
const SPINS = 1_000_000;
/** The helper has this long to start (a thread, a module instance); steps run without it until it has. */
const START_TIMEOUT_MS = 10_000;
/** A barrier that waits longer than this means the other thread died: fail loudly rather than hang. */
const STAGE_TIMEOUT_MS = 120_000;

function control(memory: WebAssembly.Memory): Int32Array {
  return new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);
}

/** Two-party barrier; false when the other party did not arrive within `timeoutMs`. */
function arrive(ctl: Int32Array, timeoutMs: number): boolean {
  const generation = Atomics.load(ctl, GENERATION);
  if (Atomics.add(ctl, COUNT, 1) === 1) {
    Atomics.store(ctl, COUNT, 0);
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    return true;
  }
  for (let i = 0; i < SPINS; i++) if (Atomics.load(ctl, GENERATION) !== generation) return true;
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(ctl, GENERATION) === generation) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(ctl, GENERATION, generation, left) === 'timed-out') {
      return Atomics.load(ctl, GENERATION) !== generation;
    }
  }
  return true;
}

type Fn = () => void;

function stageFns(instance: WebAssembly.Instance, part: number, L: number): { fwd: Fn; back: Fn[] } {
  const ex = instance.exports as Record<string, Fn>;
  const back: Fn[] = [];
  for (let l = L; l >= 1; l--) back.push(ex[`back${part}_${l}`]);
  return { fwd: ex[`fwd${part}`], back };
}

/** The helper thread's whole life: part 1 of every step until told to quit. */
export function runStepHelper(job: HelperJob): void {
  const instance = new WebAssembly.Instance(job.module, tiledImports(job.memory));
  const ctl = control(job.memory);
  const { fwd, back } = stageFns(instance, 1, job.layers);
  // Too late: the trainer runs both parts itself and this thread must not touch the memory.
  if (Atomics.compareExchange(ctl, START, 0, STARTED) !== 0) return;
  Atomics.notify(ctl, START);
  const wait = (): void => {
    if (!arrive(ctl, STAGE_TIMEOUT_MS)) throw new Error('the training thread stopped responding');
  };
  for (;;) {
    wait();
    if (Atomics.load(ctl, COMMAND) === QUIT) return;
    fwd();
    wait();
    for (const b of back) {
      b();
      wait();
    }
  }
}

export interface ThreadedTiledStep {
  params: Params;
  grads: { W: Float64Array[]; b: Float64Array[] };
  step(withCost: boolean): number;
  /** Threads the last step ran on (1 until the helper has joined, and for good once it could not start). */
  threads(): number;
  /** Stops the helper thread. */
  dispose(): void;
}

export interface HelperTiming {
  /** A helper not started after this long is stopped for good (default START_TIMEOUT_MS). */
  startTimeoutMs?: number;
  /** How long the first step may wait for the helper before running both parts itself (default 0). */
  firstStepWaitMs?: number;
}

/**
 * The two-part tiled step with a helper thread; null when shared WebAssembly memory is unavailable here, the
 * network does not fit, or no thread could be started.
 */
export function compileThreadedTiledStep(
  spec: StepSpec,
  X: Float64Array,
  Y: Float64Array,
  init: Params,
  helpers: StepHelpers,
  opts: TiledOptions = DEFAULT_TILED_OPTIONS,
  { startTimeoutMs = START_TIMEOUT_MS, firstStepWaitMs = 0 }: HelperTiming = {},
): ThreadedTiledStep | null {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return null;
  const loaded = loadTiledStep(spec, X, Y, init, opts, { parts: 2, shared: true });
  if (!loaded) return null;
  const L = spec.layers.length - 1;
  const ex = loaded.instance.exports as Record<string, Fn> & { cost: () => number };
  const { fwd, back } = stageFns(loaded.instance, 0, L);
  const solo = loaded.instance.exports.run as (withCost: number) => number;
  const ctl = control(loaded.memory);
  let helper: { terminate(): void } | null;
  try {
    helper = helpers.spawn({ module: loaded.module, memory: loaded.memory, layers: L });
  } catch {
    helper = null;
  }
  if (!helper) return null;
  let alive = true;
  let joined = false;
  let lastThreads = 1;
  const spawnedAt = Date.now();
  const stop = (): void => {
    alive = false;
    helper?.terminate();
    helper = null;
  };
  /**
   * Whether the helper has claimed START, waiting up to `waitMs` for it. Until it has, this thread runs both parts
   * (a thread and its module instance take 100–200 ms to start, which used to stall the first step); after the start
   * timeout this thread claims START itself and stops the helper.
   */
  const helperJoined = (waitMs: number): boolean => {
    if (joined || !alive) return joined && alive;
    const until = Math.min(Date.now() + waitMs, spawnedAt + startTimeoutMs);
    while (Atomics.load(ctl, START) === 0 && Date.now() < until) Atomics.wait(ctl, START, 0, 20);
    if (Atomics.load(ctl, START) === 0 && Date.now() - spawnedAt < startTimeoutMs) return false;
    if (Atomics.compareExchange(ctl, START, 0, GAVE_UP) === 0) {
      stop();
      return false;
    }
    joined = Atomics.load(ctl, START) === STARTED;
    return joined;
  };
  const meet = (): void => {
    if (!arrive(ctl, STAGE_TIMEOUT_MS)) {
      stop();
      throw new Error('the helper training thread stopped responding');
    }
  };
  let steps = 0;
  const step = (withCost: boolean): number => {
    lastThreads = helperJoined(steps++ === 0 ? firstStepWaitMs : 0) ? 2 : 1;
    if (lastThreads === 1) return solo(withCost ? 1 : 0);
    ex.pack();
    meet();
    fwd();
    meet();
    const cost = withCost ? ex.cost() : NaN;
    for (const b of back) {
      b();
      meet();
    }
    ex.update();
    return cost;
  };
  return {
    params: loaded.params,
    grads: loaded.grads,
    step,
    threads: () => lastThreads,
    dispose: () => {
      if (!alive) return;
      if (joined) {
        Atomics.store(ctl, COMMAND, QUIT);
        arrive(ctl, 1000);
      } else if (Atomics.compareExchange(ctl, START, 0, GAVE_UP) !== 0) {
        // It joined after the last step: it waits at the barrier for a command.
        Atomics.store(ctl, COMMAND, QUIT);
        arrive(ctl, 1000);
      }
      stop();
    },
  };
}
