// `npm start`: builds, then opens a real VS Code with the extension on examples/ (desktop `code`, else code-server).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(repo, 'examples');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, cmd)));
}

if (onPath('code') && !process.argv.includes('--code-server')) {
  run(process.execPath, ['scripts/build.mjs']);
  console.log(`Opening VS Code with the extension in development mode on ${examples}`);
  spawn('code', [`--extensionDevelopmentPath=${repo}`, examples], { stdio: 'ignore', detached: true }).unref();
} else {
  // No desktop VS Code: serve the packaged extension from code-server. The tests' setup step (test/harness/install.ts,
  // TypeScript loaded through tsx) installs it into a cache folder on first use, first, so a missing package is
  // reported before the build.
  const { tsImport } = await import('tsx/esm/api');
  const harness = (file) => tsImport(pathToFileURL(join(repo, 'test/harness', file)).href, import.meta.url);
  const { ensureCodeServer } = await harness('install.ts');
  const { startCodeServer } = await harness('codeServer.ts');
  const codeServerEntry = await ensureCodeServer().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
  run('npm', ['run', '--silent', 'package']);
  const vsix = readdirSync(repo)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(repo, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const server = await startCodeServer(examples, { codeServerEntry, vsix });
  const url = `${server.origin}/?folder=${encodeURIComponent(examples)}`;
  console.log(`\nInit Lab is running in code-server with ${vsix.split('/').pop()} installed.`);
  console.log(`Open ${url}\n(right-click notebook.initexp.json → Run Experiment). Press Ctrl-C to stop.`);
  // The harness stops the server (and its extension host) on Ctrl-C; keep this process alive until then.
  setInterval(() => undefined, 1 << 30);
}
