// Debian packages the tests need: which are missing, and installing them as root (apt-get update once per install).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withLock } from './lock';
import { say, step } from './log';

function installed(pkg: string): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .includes('install ok installed');
  } catch {
    return false;
  }
}

export function missingPackages(packages: readonly string[]): string[] {
  return packages.filter((p) => !installed(p));
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // apt's output goes to stderr so the test reporters' stdout stays clean.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const child = spawn(cmd, args, { env, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

/** What a person who is not root must run, spelled out so it can be pasted. */
function notRootError(missing: readonly string[]): Error {
  const chromiumHint = missing.includes('chromium') ? '\n(or point INITLAB_CHROMIUM at a Chromium binary)' : '';
  return new Error(
    `missing Debian packages: ${missing.join(', ')}. Install them as root:\n` +
      `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}${chromiumHint}`,
  );
}

/**
 * Makes sure `needed` are installed. As root, installs them in one apt-get run, together with `alsoMissing`
 * (packages a later suite will need) so that `npm test` updates the package lists once. Not root: an error
 * naming the packages and the command. `lockDir` serializes concurrent callers; each re-checks under the lock.
 */
export async function ensurePackages(
  needed: readonly string[],
  alsoMissing: readonly string[],
  lockDir: string,
): Promise<void> {
  const missing = missingPackages(needed);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw notRootError(missing);
  if (!['/usr/bin/apt-get', '/bin/apt-get'].some((p) => existsSync(p))) {
    throw new Error(`no apt-get here: install ${missing.join(', ')} (or their equivalents) some other way`);
  }
  await withLock(join(lockDir, 'apt.lock'), async () => {
    const todo = missingPackages([...new Set([...needed, ...alsoMissing])]);
    if (todo.length === 0) {
      say(`Debian packages installed meanwhile by another process: ${needed.join(', ')}`);
      return;
    }
    // Other apt users on the machine (unattended upgrades, other checkouts) hold dpkg's lock for a while: wait for it.
    const wait = ['-o', 'DPkg::Lock::Timeout=600'];
    await step('apt-get update', () => run('apt-get', [...wait, 'update', '-q']));
    await step(`apt-get install ${todo.join(' ')}`, () =>
      run('apt-get', [...wait, 'install', '-y', '-q', '--no-install-recommends', ...todo]),
    );
  });
}
