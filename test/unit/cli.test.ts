// The CLI contract of docs/format.md: notebook-style log, --json document, exit codes, nothing written on bad input.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const NOTEBOOK = path.join(ROOT, 'test', 'golden', 'notebook.initexp.json');

function cli(...args: string[]): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('CLI (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    if (!existsSync(CLI)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'initlab-cli-'));
  });

  it('runs the course notebook: notebook log on stderr, --json as in docs/format.md', () => {
    const out = path.join(dir, 'notebook.json');
    const r = cli('run', NOTEBOOK, '--json', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Cost after iteration 0: 0\.8830537463419761\n/);
    assert.match(r.stderr, /Cost after iteration 0: inf\n/);
    assert.match(r.stderr, /On the train set: Accuracy: 0\.99333/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(doc.name, 'Course notebook: zeros vs large random vs He');
    assert.deepEqual(
      doc.runs.map((x: { name: string }) => x.name),
      ['zeros', 'random x10', 'He'],
    );
    const [zeros, x10, he] = doc.runs;
    assert.equal(zeros.trainAccuracy, 0.5);
    assert.deepEqual(x10.costs[0], [0, 'Infinity']);
    assert.equal(he.costs.length, 15);
    assert.deepEqual(he.costs[0], [0, 0.8830537463419761]);
    assert.ok(Math.abs(he.finalCost - 0.07357895962677366) < 1e-9 * 0.0736);
    assert.equal(he.testAccuracy, 0.96);
    assert.equal(typeof he.ms, 'number');
  });

  it('exits 2 on an invalid experiment, names the JSON path and the rule, writes nothing', () => {
    const bad = path.join(dir, 'bad.initexp.json');
    const text = readFileSync(NOTEBOOK, 'utf8').replace('"scheme": "he"', '"scheme": "He"');
    writeFileSync(bad, text);
    const out = path.join(dir, 'bad-out.json');
    const r = cli('run', bad, '--json', out);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\$\.runs\[2\]\.init\.scheme/);
    assert.match(r.stderr, /"he"/);
    assert.match(r.stderr, /bad\.initexp\.json:\d+:\d+:/);
    assert.equal(existsSync(out), false);
    assert.equal(readFileSync(bad, 'utf8'), text, 'the input file is untouched');
  });

  it('refuses to write --json over the experiment file itself', () => {
    const copy = path.join(dir, 'same.initexp.json');
    const text = readFileSync(NOTEBOOK, 'utf8');
    writeFileSync(copy, text);
    const r = cli('run', copy, '--json', copy);
    assert.equal(r.code, 1);
    assert.equal(readFileSync(copy, 'utf8'), text);
  });

  it('exits 1 on a missing file and on bad usage, with a message', () => {
    const missing = cli('run', path.join(dir, 'nope.initexp.json'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no such file/);
    const usage = cli('frobnicate');
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /unknown command/);
  });

  it('validate reports a valid file without training', () => {
    const r = cli('validate', NOTEBOOK);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /valid \(3 runs\)/);
  });
});
