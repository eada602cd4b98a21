// UI test: the packaged extension in code-server, driven through Chromium the way a learner uses it, in two themes.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { Browser, Frame, Page } from 'playwright-core';
import { resetResultsDir, resultsDir } from '../harness/artifacts';
import { launchBrowser, newWorkbenchPage, waitForWorkbench } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { ensureTools, type Tools } from '../harness/install';
import { step } from '../harness/log';
import { REPO, createWorkspace } from '../harness/workspace';
import { WEB_HOST_SETTINGS } from '../harness/webHost';
import {
  describeFrames,
  findPanelFrame,
  readPanel,
  revealCards,
  waitForPanel,
  type CanvasPixels,
  type PanelReport,
} from './panel';
import {
  closePalette,
  explorerContextMenu,
  luminance,
  openFromExplorer,
  paletteTitles,
  runCommand,
  waitForThemeColours,
} from './workbench';

const NOTEBOOK = 'notebook.initexp.json';
/** The notebook trained 40× longer (a few seconds per run with the WebAssembly step), so a screenshot can catch it mid-training. */
const LONG_ITERATIONS = 600_000;
const LONG_NOTEBOOK = 'notebook-long.initexp.json';
const RUN_TITLE = 'Init Lab: Run Experiment';
/** The notebook at 8× its iterations: long enough for the README's animation to show it train, short enough to finish. */
const ANIMATED_NOTEBOOK = 'notebook-8x.initexp.json';
/** The animation's frame interval (a screenshot takes about 150 ms of it). */
const FRAME_MS = 400;
/** `css` is the class VS Code puts on the workbench for the theme's base (vs = light, vs-dark = dark). */
const THEMES = [
  { key: 'dark', id: 'Default Dark Modern', css: 'vs-dark' },
  { key: 'light', id: 'Default Light Modern', css: 'vs' },
] as const;

interface CliRun {
  name: string;
  trainAccuracy: number;
  testAccuracy: number;
}

function exec(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: REPO, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`)) : resolve(stdout),
    );
  });
}

/** How the panel prints an accuracy (one decimal, then " %"), computed here from the CLI's number. */
const percent = (p: number): string => `${(100 * p).toFixed(1)} %`;

/**
 * Opens the course notebook from the explorer, runs it from the Command Palette and waits until every card is done
 * and drawn: drawing follows the data on animation frames, so the pixels are waited for too (the assertions then
 * say what is missing).
 */
async function runNotebookFromPalette(page: Page, runs: number): Promise<{ frame: Frame; report: PanelReport }> {
  await openFromExplorer(page, NOTEBOOK);
  await runCommand(page, RUN_TITLE);
  const frame = await findPanelFrame(page, NOTEBOOK);
  await waitForPanel(
    frame,
    (r) =>
      r.status === 'done' &&
      r.cards.length === runs &&
      r.cards.every((c) => c.trainAccuracy !== '—' && c.heatmap.painted > 0 && c.costCurve.inRunColour > 50),
    90_000,
  );
  // The cards' per-layer charts are drawn once scrolled to, as a user would.
  const report = await revealCards(frame, runs, 30_000);
  return { frame, report };
}

function assertDrawn(what: string, px: CanvasPixels, minFraction: number): void {
  const area = px.width * px.height;
  assert.ok(area > 0, `${what}: canvas has no size`);
  assert.ok(px.painted / area >= minFraction, `${what}: only ${px.painted} of ${area} pixels painted`);
}

function assertCards(report: PanelReport, cli: readonly CliRun[]): void {
  assert.deepEqual(
    report.cards.map((c) => c.name),
    cli.map((r) => r.name),
    'one card per run, named as in the file',
  );
  report.cards.forEach((card, k) => {
    assert.equal(card.trainAccuracy, percent(cli[k].trainAccuracy), `${card.name}: train accuracy shown`);
    assert.equal(card.testAccuracy, percent(cli[k].testAccuracy), `${card.name}: test accuracy shown`);
    // The probability shading fills the whole square; the points and 0.5 contour sit on the overlay.
    assertDrawn(`${card.name} decision boundary`, card.heatmap, 0.9);
    assertDrawn(`${card.name} data points`, card.points, 0.005);
    assert.ok(
      card.histograms.length >= 3,
      `${card.name}: one histogram per weight matrix, got ${card.histograms.length}`,
    );
    card.histograms.forEach((h, l) =>
      assert.ok(h.inRunColour > 20, `${card.name}: histogram of W${l + 1} has no bars in the run's colour`),
    );
    assert.ok(
      card.costCurve.inRunColour > 50,
      `${card.name}: no cost curve in the run's colour (${card.costCurve.inRunColour} px)`,
    );
  });
}

/** Starts the 40× longer notebook from the explorer's context menu, checks it draws live, and stops it from the panel. */
async function runLongFromExplorerAndStop(
  page: Page,
  shot: (name: string) => Promise<unknown>,
  cli: readonly CliRun[],
): Promise<void> {
  await explorerContextMenu(page, LONG_NOTEBOOK, 'Run Experiment');
  const frame = await findPanelFrame(page, LONG_NOTEBOOK);
  // Runs beyond the parallel-worker limit wait their turn, so "live" means some card is already drawing.
  const live = await waitForPanel(
    frame,
    (r) =>
      r.status === 'running' &&
      r.cards.length === 3 &&
      r.cards.some((c) => c.heatmap.painted > 0 && c.histograms.some((h) => h.inRunColour > 0)),
    60_000,
    // The first card's per-layer charts, scrolled to: they are drawn live once in view.
    'article.card .layers',
  );
  await shot('live');
  assert.equal(live.status, 'running', 'the run finished before anything was drawn');
  assert.deepEqual(
    live.cards.map((c) => c.name),
    cli.map((r) => r.name),
  );
  assert.ok(
    live.cards.every((c) => c.trainAccuracy === '—'),
    'accuracies appear only at the end',
  );
  // Commands appear only when they can act: Stop is offered while something trains, and only then.
  const whileRunning = await paletteTitles(page, 'Init Lab: ');
  await shot('palette-running');
  await closePalette(page);
  assert.ok(whileRunning.includes('Init Lab: Stop'), `palette while training: ${whileRunning.join(', ')}`);
  // The panel's own Stop button, clicked as a person would.
  await frame.getByRole('button', { name: 'Stop training' }).click();
  const stopped = await waitForPanel(frame, (r) => r.status === 'stopped', 5_000);
  await shot('stopped');
  const afterStop = await paletteTitles(page, 'Init Lab: ');
  await shot('palette-idle');
  await closePalette(page);
  assert.ok(!afterStop.includes('Init Lab: Stop'), `palette after the stop: ${afterStop.join(', ')}`);
  assert.ok(afterStop.includes('Init Lab: Export Report…'), `palette after the stop: ${afterStop.join(', ')}`);
  assert.equal(stopped.status, 'stopped');
  // "12 345 / 60 000" (thin-space groups): at least one run must have been cut short.
  const counts = stopped.cards.map((c) => c.iteration.split('/').map((part) => Number(part.replace(/\D/g, ''))));
  assert.ok(
    counts.some(([done, total]) => total === LONG_ITERATIONS && done < total),
    `no run was cut short: ${stopped.cards.map((c) => c.iteration).join(', ')}`,
  );
}

/** Reloads the window with the finished notebook panel open: the panel must come back with its results drawn. */
async function reloadRestoresNotebook(
  page: Page,
  shot: (name: string) => Promise<unknown>,
  cli: readonly CliRun[],
): Promise<void> {
  // Bring the notebook's panel to the front: only visible webviews have a page to read. (Not "notebook-long"'s.)
  const tab = page.locator('.tabs-container .tab', { hasText: /Init Lab: notebook(?![-\w])/ }).first();
  await tab.click();
  const before = await readPanel(await findPanelFrame(page, NOTEBOOK));
  assert.equal(before.status, 'done');
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForEvent('load', { timeout: 30_000 }).catch(() => undefined);
  await waitForWorkbench(page);
  // The restored tab may not be the active one after a reload: bring it to the front again.
  await tab.waitFor({ timeout: 30_000 });
  await tab.click();
  const frame = await findPanelFrame(page, NOTEBOOK, 60_000);
  const after = await waitForPanel(
    frame,
    (r) =>
      r.cards.length === before.cards.length && r.cards.every((c) => c.heatmap.painted > 0 && c.trainAccuracy !== '—'),
    30_000,
  );
  await shot('restored');
  assert.equal(after.status, 'done');
  assert.deepEqual(
    after.cards.map((c) => [c.name, c.trainAccuracy, c.testAccuracy]),
    cli.map((r) => [r.name, percent(r.trainAccuracy), percent(r.testAccuracy)]),
  );
  after.cards.forEach((c) => assertDrawn(`${c.name} restored decision boundary`, c.heatmap, 0.9));
}

describe('Init Lab in a real VS Code (code-server + Chromium)', function () {
  let tools: Tools;
  let vsix = '';
  let ws = '';
  let cli: CliRun[] = [];
  let browser: Browser;
  const scratch = mkdtempSync(join(tmpdir(), 'initlab-ui-'));

  before(async function () {
    this.timeout(600_000);
    resetResultsDir('ui');
    tools = await ensureTools();
    vsix = join(scratch, 'initlab.vsix');
    // The package script makes a production build; the vsix is what a user installs.
    await step('npm run package', () => exec('npm', ['run', 'package', '--', '--out', vsix]));
    assert.ok(existsSync(vsix));
    const notebook = readFileSync(join(REPO, 'examples', NOTEBOOK), 'utf8');
    const long = applyEdits(notebook, [
      ...modify(notebook, ['name'], 'Course notebook, 40× longer', {}),
      ...modify(notebook, ['training', 'iterations'], LONG_ITERATIONS, {}),
      ...modify(notebook, ['training', 'logEvery'], 2_000, {}),
    ]);
    const animated = applyEdits(notebook, [
      ...modify(notebook, ['name'], 'Course notebook: zeros vs large random vs He (8× longer)', {}),
      ...modify(notebook, ['training', 'iterations'], 120_000, {}),
    ]);
    ws = createWorkspace({ [LONG_NOTEBOOK]: long, [ANIMATED_NOTEBOOK]: animated });
    const out = join(scratch, 'cli.json');
    await step('CLI reference run', () =>
      exec(process.execPath, [join(REPO, 'dist', 'cli.js'), 'run', join(ws, NOTEBOOK), '--json', out]),
    );
    cli = (JSON.parse(readFileSync(out, 'utf8')) as { runs: CliRun[] }).runs;
    browser = await launchBrowser(tools.chromium);
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  describe('VS Code for the Web: the web worker extension host', () => {
    let server: CodeServer;
    let page: Page;
    const consoleLines: string[] = [];
    const webShot = (name: string) => page.screenshot({ path: join(resultsDir('ui'), `web-${name}.png`) });

    before(async function () {
      this.timeout(120_000);
      server = await step('start code-server (web worker host)', () =>
        startCodeServer(ws, {
          codeServerEntry: tools.codeServerEntry,
          vsix,
          settings: { 'workbench.colorTheme': THEMES[0].id, ...WEB_HOST_SETTINGS },
        }),
      );
      page = await newWorkbenchPage(browser);
      // The web worker host logs to the page's console: kept for the failure report.
      page.on('console', (m) => consoleLines.push(`${new Date().toISOString()} [${m.type()}] ${m.text()}`));
      await page.goto(`${server.origin}/?folder=${encodeURIComponent(ws)}`);
      await step('workbench loads', () => waitForWorkbench(page));
    });

    afterEach(async function () {
      if (this.currentTest?.state !== 'failed') return;
      const dir = resultsDir('ui', 'failure-web');
      await page.screenshot({ path: join(dir, 'workbench.png') }).catch(() => undefined);
      writeFileSync(join(dir, 'console.log'), consoleLines.join('\n'));
      writeFileSync(join(dir, 'frames.json'), JSON.stringify(await describeFrames(page), null, 1));
      server.saveLogs(dir);
    });

    after(async () => {
      await page?.context().close();
      await server?.stop();
    });

    it("runs the notebook from the Command Palette there and shows the CLI's accuracies", async () => {
      const { report } = await runNotebookFromPalette(page, cli.length);
      await page.screenshot({ path: join(resultsDir('ui'), 'web-notebook-done.png') });
      // The README's screenshot: the panel alone (npm run readme-media makes a small WebP of it for the .vsix).
      const box = await page.locator('iframe.webview').last().boundingBox();
      await page.screenshot({ path: join(resultsDir('ui'), 'web-panel.png'), ...(box ? { clip: box } : {}) });
      assertCards(report, cli);
      // The Node extension host logs every activation there: JSON's language features yes, Init Lab not.
      const nodeHostLog = readdirSync(join(server.userDataDir, 'logs'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('remoteexthost.log'))
        .map((f) => readFileSync(join(server.userDataDir, 'logs', f), 'utf8'))
        .join('\n');
      assert.match(nodeHostLog, /_doActivateExtension vscode\.json-language-features/);
      assert.doesNotMatch(nodeHostLog, /_doActivateExtension initlab\.initlab/);
    });

    it("saves the panel as a PNG through the host's save dialog", async () => {
      const frame = await findPanelFrame(page, NOTEBOOK);
      const target = join(ws, 'notebook.results.png');
      rmSync(target, { force: true });
      await frame.getByRole('button', { name: /^Save an image/ }).click();
      // code-server's save dialog is the workbench's quick input, proposing the file beside the experiment.
      await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 10_000 });
      await webShot('png-dialog');
      await page.keyboard.press('Enter');
      // The remote file system creates the file before its bytes arrive: wait for content, not for the name.
      const deadline = Date.now() + 15_000;
      const size = (): number => (existsSync(target) ? statSync(target).size : 0);
      let seen = -1;
      while ((size() === 0 || size() !== seen) && Date.now() < deadline) {
        seen = size();
        await new Promise((r) => setTimeout(r, 300));
      }
      assert.ok(size() > 0, `no PNG at ${target}`);
      const bytes = readFileSync(target);
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(bytes.length > 20_000, `a PNG of ${bytes.length} bytes`);
    });

    it('runs a longer experiment from the explorer context menu, draws it live, and stops from the panel', () =>
      runLongFromExplorerAndStop(page, webShot, cli));

    it('restores the finished notebook panel after Developer: Reload Window', () =>
      reloadRestoresNotebook(page, webShot, cli));
  });

  for (const theme of THEMES.filter((t) => !process.env.INITLAB_UI_THEME || t.key === process.env.INITLAB_UI_THEME)) {
    describe(`${theme.id} theme`, () => {
      let server: CodeServer;
      let page: Page;
      const shots = (): string => resultsDir('ui');
      const shot = (name: string) => page.screenshot({ path: join(shots(), `${theme.key}-${name}.png`) });

      before(async function () {
        this.timeout(120_000);
        server = await step(`start code-server (${theme.key})`, () =>
          startCodeServer(ws, {
            codeServerEntry: tools.codeServerEntry,
            vsix,
            settings: { 'workbench.colorTheme': theme.id },
          }),
        );
        page = await newWorkbenchPage(browser);
        await page.goto(`${server.origin}/?folder=${encodeURIComponent(ws)}`);
        await step('workbench loads', () => waitForWorkbench(page));
        await page.locator(`.monaco-workbench.${theme.css}`).waitFor({ timeout: 20_000 });
        await waitForThemeColours(page, theme.key === 'dark');
      });

      afterEach(async function () {
        if (this.currentTest?.state !== 'failed') return;
        const dir = resultsDir('ui', `failure-${theme.key}`);
        await page.screenshot({ path: join(dir, 'workbench.png') }).catch(() => undefined);
        server.saveLogs(dir);
      });

      after(async () => {
        await page?.context().close();
        await server?.stop();
      });

      it("runs the notebook from the Command Palette and shows the CLI's results", async () => {
        const { frame, report } = await runNotebookFromPalette(page, cli.length);
        await shot('notebook-done');
        writeFileSync(join(shots(), `${theme.key}-notebook-done.json`), JSON.stringify(report, null, 1));
        assert.equal(report.status, 'done');
        assertCards(report, cli);
        // The panel follows the workbench theme through VS Code's CSS variables.
        const panelBg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(
          luminance(panelBg) < 0.5,
          theme.key === 'dark',
          `panel background ${panelBg} in the ${theme.key} theme`,
        );
      });

      it('runs a longer experiment from the explorer context menu, draws it live, and stops from the panel', () =>
        runLongFromExplorerAndStop(page, shot, cli));

      if (theme.key === 'dark') {
        it('restores the finished notebook panel after Developer: Reload Window', () =>
          reloadRestoresNotebook(page, shot, cli));

        it("given the whole window, the panel shows every run in full (the README's screenshot)", async () => {
          // A tall window and the panel alone in the editor area, as on a large screen.
          await page.setViewportSize({ width: 1500, height: 1480 });
          await page.locator('.tabs-container .tab', { hasText: 'Init Lab: notebook' }).first().click();
          await runCommand(page, 'View: Close Editors in Other Groups');
          const frame = await findPanelFrame(page, NOTEBOOK);
          const report = await waitForPanel(
            frame,
            (r) =>
              r.cards.length === cli.length &&
              r.cards.every((c) => c.heatmap.painted > 0 && c.histograms.every((h) => h.inRunColour > 20)),
            30_000,
          );
          await shot('full-panel');
          report.cards.forEach((c) => assertDrawn(`${c.name} decision boundary`, c.heatmap, 0.9));
          // Cards sit side by side once the panel is wide: the first row holds more than one run.
          const tops = await frame
            .locator('article.card')
            .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().top));
          assert.ok(tops.length === 3 && tops[1] === tops[0], `card tops ${tops.join(', ')}`);
        });

        it("a run draws live beside its file, frame after frame (the README's animation)", async () => {
          // A laptop-sized window; frames go to test-results/ui/animation/ for `npm run readme-media`.
          await page.setViewportSize({ width: 1280, height: 800 });
          const dir = resetResultsDir(join('ui', 'animation'));
          await openFromExplorer(page, ANIMATED_NOTEBOOK);
          await runCommand(page, RUN_TITLE);
          const frame = await findPanelFrame(page, ANIMATED_NOTEBOOK);
          // The pointer rests on empty editor space, so no hover tooltip covers a frame.
          await page.mouse.move(600, 700);
          const frames: { file: string; at: number; status: string; iterations: string[] }[] = [];
          const t0 = Date.now();
          for (let k = 0; k < 60; k++) {
            const tick = Date.now();
            const report = await readPanel(frame);
            const file = `frame-${String(k).padStart(3, '0')}.png`;
            await page.screenshot({ path: join(dir, file) });
            frames.push({
              file,
              at: tick - t0,
              status: report.status,
              iterations: report.cards.map((c) => c.iteration),
            });
            if (report.status === 'done') break;
            await new Promise((r) => setTimeout(r, Math.max(0, FRAME_MS - (Date.now() - tick))));
          }
          writeFileSync(join(dir, 'frames.json'), JSON.stringify(frames, null, 1));
          const running = frames.filter((f) => f.status === 'running');
          assert.ok(running.length >= 5, `only ${running.length} frames caught it training`);
          assert.equal(frames[frames.length - 1].status, 'done', 'the run did not finish within 60 frames');
          // Live means the numbers move between frames while it trains.
          const progress = new Set(running.map((f) => f.iterations.join('|')));
          assert.ok(progress.size >= 5, `the iteration counts changed only ${progress.size} times`);
        });
      }
    });
  }
});
