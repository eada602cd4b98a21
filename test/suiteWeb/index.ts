// Entry of the web pass: the folder window's integration tests, run in the web worker extension host with mocha's
// browser build (that host loads one CommonJS file and has no Node API). The course notebook must give the CLI's
// numbers exactly, as on the desktop: run.test.ts runs here too, against the CLI output the harness made in Node.
import { HOST_HAS_PROCESS } from './probe';
import 'mocha/mocha';
import * as vscode from 'vscode';
import { activationTests } from '../suite/activation.test';
import { cspTests } from '../suite/csp.test';
import { editingTests } from '../suite/editing.test';
import { cliOutputName, SUITE_MARKER } from '../suite/fixtures';
import { decodeCliJson } from '../suite/cliJson';
import { invalidTests } from '../suite/invalid.test';
import { lifecycleTests } from '../suite/lifecycle.test';
import { runTests } from '../suite/run.test';
import { walkthroughTests } from '../suite/walkthrough.test';
import { webTests } from './web.test';

/** The harness ran the CLI in Node and left its output beside the experiment (cliOutputName). */
async function cliReference(file: vscode.Uri) {
  const out = vscode.Uri.joinPath(file, '..', cliOutputName(file.path.slice(file.path.lastIndexOf('/') + 1)));
  return decodeCliJson(new TextDecoder().decode(await vscode.workspace.fs.readFile(out))).runs;
}

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 30_000, color: false });
  for (const declare of [
    activationTests,
    () => runTests(cliReference),
    () => webTests(cliReference),
    invalidTests,
    editingTests,
    lifecycleTests,
    walkthroughTests,
    cspTests,
  ])
    declare();
  console.log(
    `${SUITE_MARKER} web pass in VS Code ${vscode.version} (${vscode.env.appName}); host has process: ${HOST_HAS_PROCESS}`,
  );
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
