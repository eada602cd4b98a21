// Integration: running the course notebook from the Run command shows a panel and gives exactly the CLI's numbers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/analysis/results';
import type { CliRun } from './cliJson';
import { api, workspaceFile } from './context';
import { waitFor } from './wait';

/** `reference`: the CLI's results for the file, computed outside the extension (the independent reference). */
export function runTests(reference: (file: vscode.Uri) => Promise<CliRun[]>): void {
  describe('running examples/notebook.initexp.json', () => {
    const file = (): vscode.Uri => workspaceFile('notebook.initexp.json');
    let cli: CliRun[] = [];
    let results: RunResult[] = [];

    before(async function () {
      this.timeout(60_000);
      cli = await reference(file());
      assert.equal(cli.length, 3, "the CLI should report the notebook's three runs");
    });

    it('the Run command opens the panel and resolves when all runs are done', async function () {
      this.timeout(90_000);
      const initLab = await api();
      results = (await vscode.commands.executeCommand<RunResult[]>('initLab.runExperiment', file())) ?? [];
      assert.ok(initLab.panelFor(file()), 'no panel is open for the file');
      await waitFor(() => initLab.isWebviewReady(file()), 20_000, "the panel's page to send ready");
      assert.equal(results.length, 3);
      assert.deepEqual(
        results.map((r) => r.stopped),
        [false, false, false],
      );
      const state = initLab.panelState(file());
      assert.equal(state?.status, 'done', `panel status ${state?.status}: ${state?.message}`);
      assert.deepEqual(
        state.runs.map((r) => r.result?.name),
        cli.map((r) => r.name),
        'the panel shows a result per run',
      );
    });

    it('reports the same costs and accuracies as the CLI for all three runs', () => {
      assert.deepEqual(
        results.map((r) => r.name),
        cli.map((r) => r.name),
      );
      results.forEach((r, k) => {
        const c = cli[k];
        // Same core, same float64 operations, same seeds: equality is exact, Infinity included (strict deepEqual uses Object.is).
        assert.deepEqual(r.costs, c.costs, `${r.name}: logged costs differ from the CLI's`);
        assert.equal(r.trainAccuracy, c.trainAccuracy, `${r.name}: train accuracy`);
        assert.equal(r.testAccuracy, c.testAccuracy, `${r.name}: test accuracy`);
        assert.equal(r.finalCost, c.finalCost, `${r.name}: final cost`);
      });
    });

    it("matches the course notebook's published numbers (docs/format.md)", () => {
      const byName = new Map(results.map((r) => [r.name, r]));
      const zeros = byName.get('zeros');
      const he = byName.get('He');
      assert.ok(zeros && he, `runs named "zeros" and "He" expected, got ${[...byName.keys()].join(', ')}`);
      assert.equal(zeros.trainAccuracy, 0.5);
      assert.equal(zeros.testAccuracy, 0.5);
      assert.equal(he.costs[0][0], 0);
      assert.ok(Math.abs(he.costs[0][1] / 0.8830537463419761 - 1) < 1e-9, `He cost at 0: ${he.costs[0][1]}`);
      const at14000 = he.costs.find(([i]) => i === 14000);
      assert.ok(at14000 && Math.abs(at14000[1] / 0.07357895962677366 - 1) < 1e-9, `He cost at 14000: ${at14000?.[1]}`);
      assert.equal(he.trainAccuracy, 0.9933333333333333);
      assert.equal(he.testAccuracy, 0.96);
    });
  });
}
