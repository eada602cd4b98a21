// Builds one esbuild bundle per runtime entry point (extension host, worker, CLI, webview, test suite).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // jsonc-parser's UMD "main" build requires './impl/*' dynamically, which a bundle cannot resolve: prefer ESM.
  mainFields: ['module', 'main'],
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const browser = {
  bundle: true,
  platform: 'browser',
  mainFields: ['browser', 'module', 'main'],
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  // Activation reads only extension.js; it requires lab.js (the working part) on first use: two separate files.
  { ...node, entryPoints: { extension: 'src/host/extension.ts' }, outdir: 'dist', external: ['vscode', './lab.js'] },
  { ...node, entryPoints: { lab: 'src/host/labNode.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...node, entryPoints: { worker: 'src/worker/trainWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { stepHelper: 'src/worker/stepHelper.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    ...browser,
    format: 'iife',
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    loader: { '.css': 'text' },
  },
  // VS Code for the Web: the web worker extension host loads one CommonJS file (no lazy second bundle there), and
  // training runs in a Web Worker started from dist/web/worker.js.
  {
    ...browser,
    format: 'cjs',
    entryPoints: { extension: 'src/host/extensionWeb.ts' },
    outdir: 'dist/web',
    external: ['vscode'],
  },
  { ...browser, format: 'iife', entryPoints: { worker: 'src/worker/webTrainWorker.ts' }, outdir: 'dist/web' },
];
// The integration suite runs inside VS Code's extension host (index: the harnesses' entry; testCli: @vscode/test-cli's,
// which also needs the workspace builder); built only when present.
if (existsSync('test/suite/index.ts')) {
  builds.push({
    ...node,
    entryPoints: {
      'suite/index': 'test/suite/index.ts',
      'suite/testCli': 'test/suite/testCli.ts',
      'harness/workspace': 'test/harness/workspace.ts',
    },
    outdir: 'out/test',
    external: ['vscode', 'mocha'],
    sourcemap: true,
    minify: false,
  });
}

// The web pass of the integration suite runs in the web worker extension host: one browser bundle, with mocha's
// browser build and a small stand-in for node:assert/strict (the only Node module the shared tests use).
if (existsSync('test/suiteWeb/index.ts')) {
  const assertShim = {
    name: 'assert-shim',
    setup(build) {
      build.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: resolve('test/suiteWeb/assert.ts') }));
    },
  };
  builds.push({
    ...browser,
    format: 'cjs',
    entryPoints: { 'suiteWeb/index': 'test/suiteWeb/index.ts' },
    outdir: 'out/test',
    external: ['vscode'],
    plugins: [assertShim],
    sourcemap: true,
    minify: false,
  });
}

// The codicon font and stylesheet the panel's toolbar icons use, served from dist/ (the .vsix has no node_modules):
// only the glyphs of webview/toolbarIcons.ts (the whole font was 61 KB of the .vsix, the subset is about 2).
mkdirSync('dist/codicons', { recursive: true });
await writeCodiconSubset('node_modules/@vscode/codicons/dist', 'dist/codicons');

async function writeCodiconSubset(from, to) {
  const names = [...readFileSync('webview/toolbarIcons.ts', 'utf8').matchAll(/:\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
  const css = readFileSync(`${from}/codicon.css`, 'utf8');
  // The stylesheet's head (font face, base class, modifiers) ends where the per-icon rules begin.
  const firstIcon = css.search(/^\.codicon-[a-z0-9-]+:before/m);
  const rules = names.map((name) => {
    const rule = css.match(new RegExp(`^\\.codicon-${name}:before \\{ content: "\\\\([0-9a-f]+)" \\}$`, 'm'));
    if (!rule) throw new Error(`codicon "${name}" (webview/toolbarIcons.ts) is not in @vscode/codicons`);
    return { name, line: rule[0], codePoint: parseInt(rule[1], 16) };
  });
  writeFileSync(`${to}/codicon.css`, `${css.slice(0, firstIcon)}${rules.map((r) => r.line).join('\n')}\n`);
  const font = await subsetFont(
    readFileSync(`${from}/codicon.ttf`),
    String.fromCodePoint(...rules.map((r) => r.codePoint)),
    {
      targetFormat: 'truetype',
    },
  );
  writeFileSync(`${to}/codicon.ttf`, font);
}

const present = builds.filter((b) => Object.values(b.entryPoints).every((p) => existsSync(p)));
if (watch) {
  const contexts = await Promise.all(present.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
