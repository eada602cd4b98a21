// Runs the same integration suite under @vscode/test-electron, for machines with desktop VS Code (not part of npm test).
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { say } from './log';
import { REPO, createWorkspace } from './workspace';

async function main(): Promise<number> {
  for (const f of ['dist/extension.js', 'out/test/suite/index.js']) {
    if (!existsSync(join(REPO, f))) throw new Error(`${f} is missing: run "npm run build" first`);
  }
  const ws = createWorkspace();
  // Same isolation as the code-server route: fresh user data, no other extensions, no trust prompt.
  const userData = mkdtempSync(join(tmpdir(), 'initlab-electron-'));
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
    }),
  );
  try {
    return await runTests({
      // An installed VS Code (VSCODE_EXECUTABLE_PATH) avoids the download; otherwise test-electron fetches this version.
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
      version: process.env.INITLAB_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: join(REPO, 'out', 'test', 'suite', 'index'),
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
    });
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(String(e instanceof Error ? e.message : e));
    process.exit(1);
  },
);
