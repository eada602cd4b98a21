// Starts an isolated code-server (own dirs, free port, no trust/welcome prompts) and always stops its process group.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say } from './log';

export interface CodeServerOptions {
  codeServerEntry: string;
  /** Extra user settings, merged over the ones that keep prompts away. */
  settings?: Record<string, unknown>;
  /** A packaged extension to install into the isolated extensions dir before starting. */
  vsix?: string;
}

export interface CodeServer {
  port: number;
  origin: string;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Replaces the extra user settings (over the base ones); windows opened afterwards read them. */
  setSettings(settings: Record<string, unknown>): void;
  /** Copies the server log and VS Code's own logs (extension host included) into `dir`. */
  saveLogs(dir: string): void;
  stop(): Promise<void>;
}

/** Settings without which a trust dialog or a welcome page takes the focus from the Command Palette. */
const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
};

const live = new Set<CodeServer>();
let signalsHooked = false;

/** Ctrl-C or a CI kill must not leave a server (and its extension host) behind. */
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      say(`${sig}: stopping ${live.size} code-server(s)`);
      void Promise.all([...live].map((s) => s.stop())).finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const s of live) killGroup(s as CodeServerImpl, 'SIGKILL');
  });
}

/** A port the OS just handed out: a fixed port might be answered by a stale server from an earlier run. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

interface CodeServerImpl extends CodeServer {
  child: ChildProcess;
  exited: Promise<void>;
}

/** Signals the server's whole process group, which outlives its leader while the extension host runs. */
function killGroup(s: CodeServerImpl, signal: NodeJS.Signals): void {
  if (s.child.pid === undefined) return;
  try {
    process.kill(-s.child.pid, signal);
  } catch {
    // The group is empty: nothing left to stop.
  }
}

function execNode(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}${stderr}`)) : resolve(stdout + stderr),
    );
  });
}

async function waitHealthy(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

export async function startCodeServer(folder: string, opts: CodeServerOptions): Promise<CodeServer> {
  hookSignals();
  const root = mkdtempSync(join(tmpdir(), 'initlab-cs-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const configFile = join(root, 'config.yaml');
  const logFile = join(root, 'server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(configFile, '');
  // Written only when they change: a rewrite is a file event the running server and windows react to.
  let written = '';
  const writeSettings = (settings: Record<string, unknown> | undefined): void => {
    const text = JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2);
    if (text !== written) writeFileSync(join(userDataDir, 'User', 'settings.json'), text);
    written = text;
  };
  writeSettings(opts.settings);
  // No marketplace is reachable; an empty gallery keeps code-server from trying.
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}' };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile];

  if (opts.vsix) {
    say(`installing ${opts.vsix} into ${extensionsDir}`);
    const out = await execNode([opts.codeServerEntry, ...common, '--install-extension', opts.vsix], env);
    if (!/successfully installed/i.test(out)) throw new Error(`--install-extension did not report success:\n${out}`);
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      opts.codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
      folder,
    ],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: CodeServerImpl = {
    port,
    origin,
    root,
    userDataDir,
    extensionsDir,
    logFile,
    child,
    exited,
    setSettings: writeSettings,
    saveLogs(dir: string) {
      mkdirSync(dir, { recursive: true });
      cpSync(logFile, join(dir, 'code-server.log'));
      const logs = join(userDataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, join(dir, 'vscode-logs'), { recursive: true });
    },
    async stop() {
      if (!live.delete(server)) return;
      killGroup(server, 'SIGTERM');
      const timer = setTimeout(() => killGroup(server, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      // The extension host is in the same group; make sure nothing of it survives the leader.
      killGroup(server, 'SIGKILL');
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  live.add(server);
  try {
    await waitHealthy(origin, child, 30_000);
  } catch (e) {
    server.saveLogs(join('test-results', 'code-server-start'));
    await server.stop();
    throw e;
  }
  say(`code-server ${origin} (pid ${child.pid}) serving ${folder}`);
  return server;
}
