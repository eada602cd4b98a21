// Installs what the real-VS-Code tests need (apt packages, code-server in a cache folder), idempotently.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { say, step } from './log';

/** code-server 4.100.3 is VS Code 1.100.3 and runs on Node 20; newer releases may need a newer Node. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep release this code-server depends on, and the asset its postinstall fetches. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const APT_PACKAGES = ['libkrb5-dev', 'ripgrep', 'chromium'];

export interface Tools {
  /** Entry script of code-server, run with this Node. */
  codeServerEntry: string;
  chromium: string;
  cacheDir: string;
}

export function cacheRoot(): string {
  return process.env.INITLAB_E2E_CACHE ?? join(homedir(), '.cache', 'initlab-e2e');
}

function run(cmd: string, args: string[], cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // npm's own output goes to stderr so the test reporters' stdout stays clean. Without a terminal,
    // npx (used by node-pty's postinstall to fetch node-gyp) refuses to install unless told yes.
    const env = { ...process.env, npm_config_yes: 'true' };
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

function aptMissing(): string[] {
  return APT_PACKAGES.filter((p) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', p], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString().includes('install ok installed');
    } catch {
      return true;
    }
  });
}

async function ensureAptPackages(): Promise<void> {
  const missing = aptMissing();
  if (missing.length === 0) {
    say(`apt packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(', ')}; install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  await step('apt-get update', () => run('apt-get', ['update', '-q']));
  await step(`apt-get install ${missing.join(' ')}`, () =>
    run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]));
}

/** @vscode/ripgrep's postinstall downloads a binary from a host we cannot reach; seed its cache with Debian's rg. */
function seedRipgrepCache(): void {
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(dir, RIPGREP_ASSET);
  if (existsSync(archive)) return;
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'initlab-rg-'));
  copyFileSync('/usr/bin/rg', join(staging, 'rg'));
  execFileSync('tar', ['-czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
  say(`seeded ripgrep download cache ${archive}`);
}

async function ensureCodeServer(dir: string): Promise<string> {
  const pkgDir = join(dir, 'node_modules', 'code-server');
  const marker = join(dir, 'installed.txt');
  const entry = join(pkgDir, 'out', 'node', 'entry.js');
  const asar = join(pkgDir, 'lib', 'vscode', 'node_modules.asar');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(entry) && existsSync(asar)) {
    say(`code-server ${CODE_SERVER_VERSION} cached in ${dir}`);
    return entry;
  }
  rmSync(marker, { force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'initlab-e2e-cache', private: true }, null, 2));
  seedRipgrepCache();
  // --unsafe-perm: as root, npm would otherwise run code-server's postinstall (which links node_modules.asar) as nobody.
  await step(`npm install code-server@${CODE_SERVER_VERSION} into ${dir}`, () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--unsafe-perm', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], dir));
  if (!existsSync(entry) || !existsSync(asar)) {
    throw new Error(`code-server install incomplete: ${existsSync(entry) ? asar : entry} is missing (did its postinstall run?)`);
  }
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  return entry;
}

function chromiumPath(): string {
  const candidates = [process.env.INITLAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); set INITLAB_CHROMIUM`);
  return found;
}

/** Makes sure every tool is present; fast (no network) when the cache is warm. */
export async function ensureTools(): Promise<Tools> {
  return step('install check', async () => {
    await ensureAptPackages();
    const cacheDir = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
    const codeServerEntry = await ensureCodeServer(cacheDir);
    return { codeServerEntry, chromium: chromiumPath(), cacheDir };
  });
}

if (require.main === module) {
  ensureTools().then(
    (t) => say(`ready: ${JSON.stringify(t)}`),
    (e: unknown) => { say(String(e instanceof Error ? e.stack : e)); process.exit(1); },
  );
}
