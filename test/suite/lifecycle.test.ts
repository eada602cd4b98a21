// Integration: Stop, re-run and closing the panel each end a long run's worker promptly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/analysis/results';
import type { InitLabApi } from '../../src/host/api';
import { api, workspaceFile } from './context';
import { LONG_FILE } from './fixtures';
import { waitFor } from './wait';

/**
 * Training is well under way: a worker exists and the panel has seen it pass iteration 20. (The first
 * iterations of a fresh worker are slow while V8 compiles the step; a learner presses Stop later than that.)
 */
function training(initLab: InitLabApi, uri: vscode.Uri): boolean {
  return initLab.activeWorkers(uri) > 0 && (initLab.panelState(uri)?.runs[0]?.iteration ?? 0) >= 20;
}

function startLongRun(): { uri: vscode.Uri; done: Thenable<RunResult[]> } {
  const uri = workspaceFile(LONG_FILE);
  return { uri, done: vscode.commands.executeCommand<RunResult[]>('initLab.runExperiment', uri) };
}

export function lifecycleTests(): void {
  describe('stopping long runs', () => {
    afterEach(async () => {
      // Whatever an assertion left running must not slow the next test.
      const initLab = await api();
      initLab.stop();
      await waitFor(() => initLab.activeWorkers() === 0, 5_000, 'every worker to exit after the test');
    });

    it('the Stop command cancels a long run within a second', async () => {
      const initLab = await api();
      const { uri, done } = startLongRun();
      await waitFor(() => training(initLab, uri), 20_000, 'the long run to start training');
      const t0 = Date.now();
      await vscode.commands.executeCommand('initLab.stop', uri);
      const results = await done;
      await waitFor(() => initLab.activeWorkers(uri) === 0, 1_000, 'the worker to exit');
      const ms = Date.now() - t0;
      assert.ok(ms < 1000, `stopping took ${ms} ms`);
      assert.equal(results.length, 1);
      assert.equal(results[0].stopped, true);
      assert.ok(
        results[0].iterations < 20_000,
        `a stopped run reports the iterations it did: ${results[0].iterations}`,
      );
      assert.equal(initLab.panelState(uri)?.status, 'stopped');
      // It trains alone and is large (2,144 weights × 1,000 samples): on the desktop its step takes a second thread
      // (dist/stepHelper.js, stopped with it); the web worker host has no shared memory, so one thread there.
      const desktop = typeof process !== 'undefined';
      assert.equal(results[0].engine, 'wasmTiled');
      assert.equal(results[0].threads, desktop ? 2 : 1, `threads of the lone run (desktop: ${desktop})`);
    });

    it('re-running replaces the previous run instead of adding a second one', async () => {
      const initLab = await api();
      const first = startLongRun();
      await waitFor(() => training(initLab, first.uri), 20_000, 'the first run to start training');
      const panel = initLab.panelFor(first.uri);
      let most = 0;
      const sampler = setInterval(() => {
        most = Math.max(most, initLab.activeWorkers(first.uri));
      }, 5);
      try {
        const second = vscode.commands.executeCommand<RunResult[]>('initLab.rerun', first.uri);
        const firstResults = await first.done;
        assert.equal(firstResults[0]?.stopped, true, 'the first run should have been stopped by the re-run');
        await waitFor(() => training(initLab, first.uri), 20_000, 'the re-run to start training');
        assert.equal(most, 1, 'the old and the new run were training at the same time');
        assert.equal(initLab.panelFor(first.uri), panel, "re-running should reuse the file's panel");
        await vscode.commands.executeCommand('initLab.stop', first.uri);
        assert.equal((await second)[0]?.stopped, true);
      } finally {
        clearInterval(sampler);
      }
    });

    it('two runs of one file issued in the same tick never train at once: the later one wins', async () => {
      const initLab = await api();
      const uri = workspaceFile(LONG_FILE);
      let most = 0;
      const sampler = setInterval(() => {
        most = Math.max(most, initLab.activeWorkers(uri));
      }, 5);
      try {
        // No await between the calls: both reach PanelManager.run() before either has opened the document.
        const first = initLab.runFile(uri);
        const second = initLab.runFile(uri);
        assert.deepEqual(await first, [], 'the superseded call trains nothing');
        await waitFor(() => training(initLab, uri), 20_000, 'the later run to start training');
        assert.equal(most, 1, 'two sessions were training the same file at once');
        initLab.stop(uri);
        const results = await second;
        assert.equal(results.length, 1);
        assert.equal(results[0].stopped, true);
        assert.equal(most, 1, 'two sessions were training the same file at once');
      } finally {
        clearInterval(sampler);
      }
    });

    it('closing the panel stops its worker', async () => {
      const initLab = await api();
      const { uri, done } = startLongRun();
      await waitFor(() => training(initLab, uri), 20_000, 'the long run to start training');
      const panel = initLab.panelFor(uri);
      assert.ok(panel);
      const t0 = Date.now();
      panel.dispose();
      await waitFor(() => initLab.activeWorkers(uri) === 0, 1_000, 'the worker to exit after the panel closed');
      const results = await done;
      assert.ok(Date.now() - t0 < 1000);
      assert.equal(results[0]?.stopped, true);
      assert.equal(initLab.panelFor(uri), undefined);
    });
  });
}
