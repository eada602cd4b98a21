// Web pass only: proof that the extension runs in the web worker extension host, and Stop's latency there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/analysis/results';
import { api, extension, workspaceFile } from '../suite/context';
import { LONG_FILE } from '../suite/fixtures';
import { waitFor } from '../suite/wait';
import { HOST_HAS_PROCESS, HOST_IS_WORKER } from './probe';
import type { CliRun } from '../suite/cliJson';

/*
 * Exact equality with the CLI: training uses only IEEE +, −, ×, ÷, √ and the core's own exp, tanh and correctly
 * rounded exp/log/log1p (Chromium's Math.exp/Math.log differ from Node's in the last bit for about 10 % / 4 % of
 * inputs, measured, and used to make the costs differ by up to 8.9e-16), so even the chaotic random ×10 run agrees.
 */

export function webTests(reference: (file: vscode.Uri) => Promise<CliRun[]>): void {
  describe('VS Code for the Web: the web worker extension host', () => {
    it('runs the browser entry there: no Node `process`, a worker global scope, platform "web"', async () => {
      const initLab = await api();
      assert.equal(HOST_HAS_PROCESS, false, 'the extension host has a Node `process` global');
      assert.equal(HOST_IS_WORKER, true, 'the extension host is not a worker global scope');
      assert.equal(initLab.platform(), 'web');
      assert.equal(extension().extensionKind, vscode.ExtensionKind.UI);
    });

    /** Runs Export Results in `format` and accepts code-server's save dialog (the workbench's own quick input). */
    async function exportThroughDialog(file: vscode.Uri, format: 'json' | 'csv'): Promise<string> {
      const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('initLab.exportResults', file, format);
      let target: vscode.Uri | undefined;
      for (let k = 0; k < 40 && !target; k++) {
        await new Promise((r) => setTimeout(r, 250));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        target = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
      }
      assert.ok(target, `the ${format} export did not finish`);
      // (The file name is not checked: code-server's simple dialog proposes the previous save's name once there is
      // one; exportFileName's names are unit-tested.)
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    }

    it('Export Results writes JSON and CSV through workspace.fs after the save dialog', async function () {
      this.timeout(60_000);
      await api();
      const file = workspaceFile('notebook.initexp.json');
      const cli = await reference(file);
      const json = JSON.parse(await exportThroughDialog(file, 'json')) as { runs: { name: string }[] };
      assert.deepEqual(
        json.runs.map((r) => r.name),
        cli.map((r) => r.name),
      );
      // One row per logged cost of each run, under a header, with the CLI's very numbers.
      const rows = (await exportThroughDialog(file, 'csv')).trim().split(/\r?\n/);
      assert.equal(rows[0], 'run,iteration,cost,trainAccuracy,testAccuracy');
      const expected = cli.flatMap((r) => r.costs.map(([i, c]) => `${r.name},${i},${String(c)},${r.trainAccuracy}`));
      assert.equal(rows.length - 1, expected.length);
      rows.slice(1).forEach((row, k) => assert.ok(row.startsWith(expected[k]), `${row} vs ${expected[k]}`));
    });

    it('Stop ends a long run through a message between slices (a stopped result, not a terminated worker)', async function () {
      this.timeout(120_000);
      const initLab = await api();
      const uri = workspaceFile(LONG_FILE);
      const times: number[] = [];
      for (let k = 0; k < 3; k++) {
        const done = vscode.commands.executeCommand<RunResult[]>('initLab.runExperiment', uri);
        await waitFor(
          () => initLab.activeWorkers(uri) > 0 && (initLab.panelState(uri)?.runs[0]?.iteration ?? 0) >= 20 * (k + 1),
          20_000,
          'the long run to train',
        );
        const t0 = performance.now();
        initLab.stop(uri);
        const results = await done;
        times.push(performance.now() - t0);
        // A terminated worker would leave the run out: a result marked stopped means the worker saw the message.
        assert.equal(results.length, 1);
        assert.equal(results[0].stopped, true);
        assert.ok(results[0].iterations < 20_000, `iterations ${results[0].iterations}`);
      }
      console.log(`web stop latency (stop → stopped result): ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    });
  });
}
