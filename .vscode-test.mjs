// @vscode/test-cli configuration (`npm run test:vscode`): the integration suite in desktop VS Code, for machines that
// can download it. npm test runs the same suite in code-server instead (test/harness/runSuite.ts): no download here.
import { createRequire } from 'node:module';
import { defineConfig } from '@vscode/test-cli';

const require = createRequire(import.meta.url);
// Built by `npm run build` from test/harness/workspace.ts: the same workspaces the code-server harness opens.
const { createWorkspace, createMultiRootWorkspace } = require('./out/test/harness/workspace.js');

const common = {
  files: 'out/test/suite/testCli.js',
  version: process.env.INITLAB_VSCODE_VERSION ?? '1.100.3',
  mocha: { ui: 'bdd', timeout: 30_000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
};

export default defineConfig([
  { ...common, label: 'folder', workspaceFolder: createWorkspace() },
  { ...common, label: 'noFolder' },
  { ...common, label: 'multiRoot', workspaceFolder: createMultiRootWorkspace().workspaceFile },
]);
