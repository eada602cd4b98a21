// Integration: the "Get started" walkthrough opens, and every button of every step runs a command that works.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/analysis/results';
import { api, extension, workspaceFile } from './context';
import { waitFor } from './wait';

interface Step {
  id: string;
  description: string;
  media: { image: string };
  completionEvents: string[];
}

/** The manifest's walkthrough with its texts resolved from package.nls.json. */
async function walkthrough(): Promise<{ id: string; steps: Step[] }> {
  const ext = extension();
  const read = async (name: string): Promise<Record<string, unknown>> =>
    JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, name))),
    ) as Record<string, unknown>;
  const nls = (await read('package.nls.json')) as Record<string, string>;
  const pkg = (await read('package.json')) as { contributes: { walkthroughs: { id: string; steps: Step[] }[] } };
  const w = pkg.contributes.walkthroughs[0];
  const text = (s: string): string => s.replace(/^%(.+)%$/, (_, k: string) => nls[k] ?? s);
  return { id: w.id, steps: w.steps.map((s) => ({ ...s, description: text(s.description) })) };
}

/** `[label](command:id?args)` links: the buttons VS Code draws under a step. */
function buttons(description: string): { command: string; args: unknown[] }[] {
  return [...description.matchAll(/\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map((m) => ({
    command: m[1],
    args: m[2] ? (JSON.parse(decodeURIComponent(m[2])) as unknown[]) : [],
  }));
}

export function walkthroughTests(): void {
  describe('walkthrough', () => {
    it('has six steps, each with an image, a completion event and a button', async () => {
      const w = await walkthrough();
      assert.deepEqual(
        w.steps.map((s) => s.id),
        ['open', 'run', 'verdicts', 'edit', 'sweep', 'report'],
      );
      for (const s of w.steps) {
        assert.ok(buttons(s.description).length >= 1, `${s.id} has no button`);
        assert.ok(s.completionEvents.length >= 1, `${s.id} has no completion event`);
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, s.media.image));
      }
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension().id}#${w.id}`, false);
    });

    it('every button works: open the notebook, run it, show it, open and start the sweep, export the report', async function () {
      this.timeout(120_000);
      const initLab = await api();
      const steps = (await walkthrough()).steps;
      const step = (id: string): { command: string; args: unknown[] }[] =>
        buttons(steps.find((s) => s.id === id)?.description ?? '');

      const [open] = step('open');
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>(open.command, ...open.args);
      assert.ok(doc?.isUntitled && doc.getText().includes('"He"'), 'the notebook opens as a new unsaved document');

      const [run] = step('run');
      const results = (await vscode.commands.executeCommand<RunResult[]>(run.command, ...run.args)) ?? [];
      assert.deepEqual(
        results.map((r) => r.name),
        ['zeros', 'random x10', 'He'],
      );
      assert.deepEqual(
        results.map((r) => r.verdict.kind),
        ['symmetry', 'exploding', 'learnsWell'],
      );

      for (const id of ['verdicts', 'edit']) {
        for (const b of step(id)) await vscode.commands.executeCommand(b.command, ...b.args);
        assert.ok(initLab.panelFor(doc.uri), `${id}: the notebook's panel is open`);
      }

      const report = workspaceFile('walkthrough.report.html');
      const [exportButton] = step('report');
      await vscode.commands.executeCommand(exportButton.command, doc.uri, report);
      const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(report));
      assert.ok(
        html.includes('data-chart="cost"') && html.includes('Learns well'),
        'the report has the cost chart and the verdicts',
      );

      const [openSweep, runSweep] = step('sweep');
      const sweepDoc = await vscode.commands.executeCommand<vscode.TextDocument>(openSweep.command, ...openSweep.args);
      assert.ok(sweepDoc?.getText().includes('"sweep"'));
      const sweeping = vscode.commands.executeCommand<RunResult[]>(runSweep.command, ...runSweep.args);
      await waitFor(
        () => (initLab.panelState(sweepDoc.uri)?.runs.length ?? 0) === 6,
        20_000,
        'the sweep to expand into six runs',
      );
      assert.deepEqual(
        initLab
          .panelState(sweepDoc.uri)
          ?.runs.slice(0, 2)
          .map((r) => r.info.name),
        ['normal: std = 0.01', 'normal: std = 0.1'],
      );
      initLab.stop(sweepDoc.uri);
      await sweeping;

      for (const d of [sweepDoc, doc]) {
        await vscode.window.showTextDocument(d);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await vscode.workspace.fs.delete(report);
    });
  });
}
