// Export files and log lines: the JSON has the CLI's documented shape (docs/format.md), the CSV one row per logged cost.
import * as assert from 'node:assert/strict';
import { prepareRun } from '../../../src/core/training/run';
import { trainRun } from '../../../src/core/training/train';
import { experimentStem } from '../../../src/core/experiment/vocabulary';
import { exportFileName, exportResults } from '../../../src/host/exporters';
import { runReportLines } from '../../../src/core/analysis/report';
import { runLocations } from '../../../src/host/runLocations';
import { notebookLike } from './helpers';

describe('host: exports, log lines and run locations', () => {
  const experiment = notebookLike(2001);
  const results = [0, 1, 2].map((i) => trainRun(prepareRun(experiment, i)));

  it('JSON: { name, runs: [{ name, costs, trainAccuracy, testAccuracy, finalCost, ms, ... }] } with non-finite costs as strings', () => {
    const file = exportResults('json', 'notebook-like', results);
    assert.equal(file.suffix, '.results.json');
    const doc = JSON.parse(file.text) as { name: string; runs: Record<string, unknown>[] };
    assert.equal(doc.name, 'notebook-like');
    assert.equal(doc.runs.length, 3);
    for (const [k, run] of doc.runs.entries()) {
      for (const key of ['name', 'costs', 'trainAccuracy', 'testAccuracy', 'finalCost', 'ms'])
        assert.ok(key in run, key);
      assert.equal(run.name, results[k].name);
      assert.equal(run.trainAccuracy, results[k].trainAccuracy);
      assert.equal(run.testAccuracy, results[k].testAccuracy);
      assert.deepEqual((run.costs as unknown[]).length, results[k].costs.length);
    }
    // random x10 starts at an infinite cost (as in the notebook): JSON spells it "Infinity".
    assert.equal(results[1].costs[0][1], Infinity);
    assert.deepEqual((doc.runs[1].costs as unknown[])[0], [0, 'Infinity']);
    assert.deepEqual(doc.runs[2].costs, results[2].costs);
  });

  it('proposes each export file name once, from the experiment file (no doubled stem or extension)', () => {
    for (const file of ['/ws/notebook.initexp.json', 'C:\\ws\\notebook.initexp.json', 'notebook.initexp.json']) {
      assert.equal(exportFileName(file, 'png'), 'notebook.results.png');
      assert.equal(exportFileName(file, 'json'), 'notebook.results.json');
      assert.equal(exportFileName(file, 'csv'), 'notebook.results.csv');
    }
    assert.equal(exportFileName('/ws/Untitled-1', 'png'), 'Untitled-1.results.png');
    assert.equal(exportFileName('/ws/.initexp.json', 'png'), 'experiment.results.png');
  });

  it('CSV: a header, then one row per logged cost of every run', () => {
    const file = exportResults('csv', 'notebook-like', results);
    assert.equal(file.suffix, '.results.csv');
    const rows = file.text.trim().split(/\r?\n/);
    const header = rows[0].split(',');
    assert.deepEqual(header.slice(0, 3), ['run', 'iteration', 'cost']);
    assert.equal(
      rows.length - 1,
      results.reduce((n, r) => n + r.costs.length, 0),
    );
    const heRows = rows
      .slice(1)
      .map((r) => r.split(','))
      .filter((r) => r[0] === 'He');
    assert.deepEqual(
      heRows.map((r) => [Number(r[1]), Number(r[2])]),
      results[2].costs,
    );
    assert.ok(rows.some((r) => r.startsWith('random x10,0,Infinity')));
  });

  it('names exports after the experiment file', () => {
    assert.equal(experimentStem('/w/examples/notebook.initexp.json'), 'notebook');
    assert.equal(experimentStem('C:\\w\\deep.initexp.json'), 'deep');
    assert.equal(experimentStem('Untitled-1'), 'Untitled-1');
  });

  it('logs a header, notebook-style lines, then time and verdict (the CLI prints the same)', () => {
    const lines = runReportLines(results[2], 'He normal');
    assert.equal(lines[0], '== He: He normal');
    assert.equal(lines[1], `Cost after iteration 0: ${results[2].costs[0][1]}`);
    assert.equal(lines[2], `Cost after iteration 1000: ${results[2].costs[1][1]}`);
    assert.ok(lines.includes(`On the train set: Accuracy: ${results[2].trainAccuracy}`));
    assert.ok(lines.some((l) => /^Time: [\d.]+ ms \([\d.]+ µs\/iteration, (wasm|wasmTiled|js) engine\)$/.test(l)));
    assert.equal(lines[lines.length - 1], `Verdict: ${results[2].verdict.text}`);
    assert.equal(runReportLines(results[1], 'x')[1], 'Cost after iteration 0: inf');
  });

  it('finds the run objects of an experiment file for the CodeLenses', () => {
    const text =
      '{\n  "name": "x",\n  "runs": [\n    { "name": "zeros", "init": { "scheme": "zeros" } },\n    {\n      "name": "He" }\n  ]\n}\n';
    const locs = runLocations(text);
    assert.deepEqual(
      locs.map((l) => [l.index, l.name, text[l.offset]]),
      [
        [0, 'zeros', '{'],
        [1, 'He', '{'],
      ],
    );
    assert.equal(locs[1].offset, text.indexOf('{\n      "name": "He"'));
    // Broken JSON still yields the runs that parse, and no runs array yields none.
    assert.deepEqual(
      runLocations('{ "runs": [ { "name": "a" }, { "name": ').map((l) => l.name),
      ['a', undefined],
    );
    assert.deepEqual(runLocations('{ "runs": 3 }'), []);
    assert.deepEqual(runLocations(''), []);
  });
});
