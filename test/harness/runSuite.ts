// Runs the mocha integration suite (test/suite) inside code-server's extension host and exits with its code.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { format, promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { resetResultsDir, resultsDir } from './artifacts';
import { launchBrowser, newWorkbenchPage } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { ensureTools } from './install';
import { say, step } from './log';
import { EXPECTED_WINDOW_SETTING, SUITE_MARKER, WRONG_WINDOW_MARKER, cliOutputName } from '../suite/fixtures';
import type { TEST_FILES } from '../suite/declare';
import { REPO, createMultiRootWorkspace, createWorkspace } from './workspace';
import { WEB_HOST_SETTINGS } from './webHost';

/** Runs the CLI on `file` in `folder` and leaves its --json output beside it (see cliOutputName). */
async function writeCliReference(folder: string, file: string): Promise<void> {
  await promisify(execFile)(process.execPath, [
    join(REPO, 'dist', 'cli.js'),
    'run',
    join(folder, file),
    '--json',
    join(folder, cliOutputName(file)),
  ]);
}

const SUITE_TIMEOUT_MS = Number(process.env.INITLAB_SUITE_TIMEOUT_MS ?? 240_000);

/** The `payload` query makes the web workbench behave like desktop `--extensionDevelopmentPath/--extensionTestsPath`. */
export function payloadUrl(server: CodeServer, query: string, extensionPath: string, testsPath: string): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  return `${server.origin}/?${query}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function saveFailure(page: Page | undefined, server: CodeServer | undefined, hostLog: string[]): Promise<void> {
  const dir = resultsDir('integration');
  if (page) await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined);
  server?.saveLogs(dir);
  writeFileSync(join(dir, 'extension-host-console.log'), hostLog.join('\n'));
  say(`failure artifacts in ${dir}`);
}

/** One workbench window the suite runs in; the suite picks its tests by the kind of window it finds itself in. */
interface Pass {
  name: string;
  /** The window's query: `folder=…`, `workspace=…` (a .code-workspace file) or `ew=true` (no folder). */
  query: string;
  /** The suite's entry (default: the Node suite, out/test/suite/index). */
  testsPath?: string;
  /** User settings for this window (replacing the previous pass's). */
  settings?: Record<string, unknown>;
  /** The kind of window the query opens, told to the Node suite, which checks it before declaring its tests. */
  window?: keyof typeof TEST_FILES;
}

/** How often a pass is loaded when its window does not open as asked (see WRONG_WINDOW_MARKER). */
const WINDOW_ATTEMPTS = 3;

/** How a pass ended: the suite's exit code, and whether it found itself in another kind of window than asked. */
interface PassEnd {
  code: number;
  wrongWindow: boolean;
}

/** Loads the workbench with the suite as its test payload, and resolves with the suite's exit code. */
async function runPass(server: CodeServer, page: Page, pass: Pass, hostLog: string[]): Promise<PassEnd> {
  let finish: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    finish = resolve;
  });
  // Both must exist before the workbench loads: it checks for them when the suite starts and ends.
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  let suiteStarted = false;
  let suiteEnded = false;
  let wrongWindow = false;
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
    // The workbench forwards console calls as their argument lists (format string first).
    const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
    hostLog.push(`[${pass.name}] [${level}] ${text}`);
    // Workbench chatter before the suite starts stays in the saved log; the suite's own output goes to stdout.
    suiteStarted ||= text.includes(SUITE_MARKER);
    if (text.includes(WRONG_WINDOW_MARKER)) {
      wrongWindow = true;
      say(`${pass.name}: ${text}`);
    }
    if (suiteStarted && !suiteEnded) process.stdout.write(`${text.replace(/\n$/, '')}\n`);
  });
  const t0 = Date.now();
  server.setSettings({ ...pass.settings, ...(pass.window ? { [EXPECTED_WINDOW_SETTING]: pass.window } : {}) });
  const testsPath = pass.testsPath ?? join(REPO, 'out', 'test', 'suite', 'index');
  await page.goto(payloadUrl(server, pass.query, REPO, testsPath));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      say(`${pass.name}: suite did not finish within ${SUITE_TIMEOUT_MS} ms`);
      resolve(124);
    }, SUITE_TIMEOUT_MS);
  });
  const code = await Promise.race([exitCode, timeout]);
  clearTimeout(timer);
  // The window's shutdown chatter stays in the saved log only.
  suiteEnded = true;
  say(`${pass.name}: integration suite exited ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { code, wrongWindow };
}

async function main(): Promise<number> {
  for (const f of [
    'dist/extension.js',
    'dist/web/extension.js',
    'out/test/suite/index.js',
    'out/test/suiteWeb/index.js',
  ]) {
    if (!existsSync(join(REPO, f))) throw new Error(`${f} is missing: run "npm run build" first`);
  }
  resetResultsDir('integration');
  const tools = await ensureTools();
  const ws = createWorkspace();
  const multiRoot = createMultiRootWorkspace();
  const webWs = createWorkspace();
  // The web pass's extension host cannot start processes: the CLI's reference output is made here, in Node.
  await step('CLI reference for the web pass', () => writeCliReference(webWs, 'notebook.initexp.json'));
  const allPasses: Pass[] = [
    { name: 'folder', query: `folder=${encodeURIComponent(ws)}`, window: 'folder' },
    { name: 'no folder', query: 'ew=true', window: 'noFolder' },
    { name: 'multi-root', query: `workspace=${encodeURIComponent(multiRoot.workspaceFile)}`, window: 'multiRoot' },
    {
      name: 'web',
      query: `folder=${encodeURIComponent(webWs)}`,
      testsPath: join(REPO, 'out', 'test', 'suiteWeb', 'index.js'),
      settings: WEB_HOST_SETTINGS,
    },
  ];
  // INITLAB_SUITE_PASSES=web (comma-separated names) runs only some windows while debugging.
  const only = process.env.INITLAB_SUITE_PASSES?.split(',');
  const passes = only ? allPasses.filter((p) => only.includes(p.name)) : allPasses;
  const hostLog: string[] = [];
  let server: CodeServer | undefined;
  let page: Page | undefined;
  const browser = await step('launch chromium', () => launchBrowser(tools.chromium));
  try {
    server = await step('start code-server', () => startCodeServer(ws, { codeServerEntry: tools.codeServerEntry }));
    for (const pass of passes) {
      let end: PassEnd = { code: 1, wrongWindow: true };
      for (let attempt = 1; attempt <= WINDOW_ATTEMPTS && end.wrongWindow; attempt++) {
        if (attempt > 1) say(`${pass.name}: loading the window again (attempt ${attempt} of ${WINDOW_ATTEMPTS})`);
        // A fresh page per window: exposed functions cannot be registered twice on one page.
        await page?.context().close();
        page = await newWorkbenchPage(browser);
        end = await runPass(server, page, pass, hostLog);
      }
      const code = end.code;
      if (code !== 0) {
        await saveFailure(page, server, hostLog);
        return code;
      }
    }
    return 0;
  } catch (e) {
    await saveFailure(page, server, hostLog);
    throw e;
  } finally {
    await browser.close().catch(() => undefined);
    await server?.stop();
    rmSync(ws, { recursive: true, force: true });
    rmSync(webWs, { recursive: true, force: true });
    rmSync(multiRoot.root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(String(e instanceof Error ? e.stack : e));
    process.exit(1);
  },
);
