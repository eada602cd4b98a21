// Timed, prefixed progress lines for the harness, so a CI log shows each step and how long it took.

const started = Date.now();

export function say(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[e2e ${t}s] ${message}\n`);
}

/** Runs `work`, printing its name before and its duration after (also when it fails). */
export async function step<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const t0 = Date.now();
  say(`${name} ...`);
  try {
    const result = await work();
    say(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  } catch (e) {
    say(`${name}: FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    throw e;
  }
}
