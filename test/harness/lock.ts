// A lock between processes (a directory holding its owner's pid), so suites started together install things once.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { say } from './log';

const POLL_MS = 500;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(lockDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tryAcquire(lockDir: string): boolean {
  try {
    mkdirSync(lockDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  writeFileSync(join(lockDir, 'pid'), String(process.pid));
  return true;
}

/**
 * Runs `work` while holding `lockDir`; waits (up to `timeoutMs`) while another live process holds it.
 * A lock left by a process that died is taken over. mkdir is atomic, so only one process wins.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 20 * 60_000): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true });
  const t0 = Date.now();
  let reported = false;
  while (!tryAcquire(lockDir)) {
    const pid = owner(lockDir);
    // No pid yet: the owner is between mkdir and writing it; give it a moment before calling the lock stale.
    if (pid !== undefined ? !alive(pid) : Date.now() - t0 > 5_000) {
      say(`taking over ${lockDir} (left by ${pid === undefined ? 'an unknown process' : `dead process ${pid}`})`);
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`${lockDir} still held by process ${pid} after ${timeoutMs} ms`);
    if (!reported) say(`waiting for process ${pid ?? '?'} (holds ${lockDir}) ...`);
    reported = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
