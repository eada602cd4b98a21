// The one setup step of every suite needing system tools (and of `npm start`): Chromium and code-server, idempotently.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackages } from './apt';
import { CHROMIUM_ENV, findChromium } from './chromium';
import { withLock } from './lock';
import { say, step } from './log';

/** code-server 4.100.3 is VS Code 1.100.3 and runs on Node 20; newer releases may need a newer Node. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep release this code-server depends on, and the asset its postinstall fetches. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
/** Needed only to install code-server: Kerberos headers for its `kerberos` native module, `rg` for @vscode/ripgrep. */
const CODE_SERVER_BUILD_PACKAGES = ['libkrb5-dev', 'ripgrep'];

export interface Tools {
  /** Entry script of code-server, run with this Node. */
  codeServerEntry: string;
  chromium: string;
  cacheDir: string;
}

export function cacheRoot(): string {
  return process.env.INITLAB_E2E_CACHE ?? join(homedir(), '.cache', 'initlab-e2e');
}

function codeServerDir(): string {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
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

/** The code-server entry script when the cache holds a complete install of this version. */
function cachedCodeServer(dir: string): string | undefined {
  const pkgDir = join(dir, 'node_modules', 'code-server');
  const marker = join(dir, 'installed.txt');
  const entry = join(pkgDir, 'out', 'node', 'entry.js');
  const asar = join(pkgDir, 'lib', 'vscode', 'node_modules.asar');
  const complete =
    existsSync(marker) &&
    readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION &&
    existsSync(entry) &&
    existsSync(asar);
  return complete ? entry : undefined;
}

async function installCodeServer(dir: string): Promise<string> {
  const marker = join(dir, 'installed.txt');
  rmSync(marker, { force: true });
  mkdirSync(dir, { recursive: true });
  // The two install scripts code-server needs, approved for npm 11's allowScripts: its postinstall installs VS Code's
  // own modules, argon2's fetches or builds its native module (code-server loads it at startup).
  const allowScripts = { 'code-server': true, argon2: true };
  const manifest = { name: 'initlab-e2e-cache', private: true, allowScripts };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  seedRipgrepCache();
  // code-server's postinstall.sh refuses to run as root unless npm_config_unsafe_perm is set, which this flag does
  // (npm 11 has no such setting any more, but still hands it to install scripts).
  const pkg = `code-server@${CODE_SERVER_VERSION}`;
  const args = ['install', '--no-audit', '--no-fund', '--unsafe-perm', '--save-exact', pkg];
  await step(`npm install ${pkg} into ${dir}`, () => run('npm', args, dir));
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const asar = join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules.asar');
  if (!existsSync(entry) || !existsSync(asar)) {
    const missing = existsSync(entry) ? asar : entry;
    throw new Error(`code-server install incomplete: ${missing} is missing (did its postinstall run?)`);
  }
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  return entry;
}

interface Needs {
  chromium: boolean;
  codeServer: boolean;
}

/** Checks, and installs what is missing; no network and about no time when everything is there. */
async function ensure(needs: Needs): Promise<Partial<Tools>> {
  const names = [needs.chromium ? 'Chromium' : '', needs.codeServer ? 'code-server' : ''].filter((n) => n).join(', ');
  return step(`tools check (${names})`, async () => {
    const dir = codeServerDir();
    const chromiumPackages = findChromium() ? [] : ['chromium'];
    const buildPackages = cachedCodeServer(dir) ? [] : CODE_SERVER_BUILD_PACKAGES;
    const needed = [...(needs.chromium ? chromiumPackages : []), ...(needs.codeServer ? buildPackages : [])];
    // The webview suite runs first in `npm test`: when it installs Chromium as root, code-server's build packages
    // come along, so that apt's lists are updated once.
    await ensurePackages(needed, needs.chromium ? buildPackages : [], cacheRoot());
    const tools: Partial<Tools> = { cacheDir: dir };
    if (needs.chromium) {
      tools.chromium = findChromium();
      if (!tools.chromium) throw new Error(`Chromium package in, yet no /usr/bin/chromium; set ${CHROMIUM_ENV}`);
      say(`Chromium: ${tools.chromium}`);
    }
    if (needs.codeServer) {
      tools.codeServerEntry = cachedCodeServer(dir);
      if (tools.codeServerEntry) say(`code-server ${CODE_SERVER_VERSION} cached in ${dir}`);
      // Two suites started together must not run npm in the same folder at once; the second finds the install done.
      const install = async (): Promise<string> => cachedCodeServer(dir) ?? installCodeServer(dir);
      tools.codeServerEntry ??= await withLock(`${dir}.lock`, install);
    }
    return tools;
  });
}

function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not installed`);
  return value;
}

/** What the headless webview suite needs: a Chromium binary. */
export async function ensureChromium(): Promise<string> {
  return defined((await ensure({ chromium: true, codeServer: false })).chromium, 'Chromium');
}

/** What `npm start` needs (the person brings the browser): code-server's entry script. */
export async function ensureCodeServer(): Promise<string> {
  return defined((await ensure({ chromium: false, codeServer: true })).codeServerEntry, 'code-server');
}

/** What the real-VS-Code suites need: Chromium and code-server. */
export async function ensureTools(): Promise<Tools> {
  const tools = await ensure({ chromium: true, codeServer: true });
  const chromium = defined(tools.chromium, 'Chromium');
  return { chromium, codeServerEntry: defined(tools.codeServerEntry, 'code-server'), cacheDir: codeServerDir() };
}

// `npm run tools` (add --chromium-only for the webview suite's needs): the same step, run ahead of the tests.
if (require.main === module) {
  (process.argv.includes('--chromium-only') ? ensureChromium() : ensureTools()).then(
    (t) => say(`ready: ${JSON.stringify(t)}`),
    (e: unknown) => {
      say(String(e instanceof Error ? e.message : e));
      process.exit(1);
    },
  );
}
