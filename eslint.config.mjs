// Lint rules: typescript-eslint recommended, no `any`, exhaustive switches on protocol unions, and the layer rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Node's built-in modules, with and without the `node:` prefix: only the host, the worker and the CLI may use them. */
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'perf_hooks', 'util', 'url'];

/** `no-restricted-imports` for one layer: the modules it must not import, each with the reason shown by ESLint. */
function layer(files, rules) {
  const patterns = rules.map(([group, message]) => ({ group, message }));
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Imports point downward only: webview → shared → core; host, worker and CLI → shared, core.
  layer(
    ['src/core/**/*.ts'],
    [
      [['vscode'], 'src/core is pure: no VS Code API.'],
      [NODE_BUILTINS, 'src/core is pure: no Node built-ins (it runs in workers, browsers and tests alike).'],
      [['**/shared/**', '**/host/**', '**/worker/**', '**/webview/**', '**/cli'], 'src/core imports nothing above it.'],
    ],
  ),
  layer(
    ['src/shared/**/*.ts'],
    [
      [['vscode'], 'src/shared runs in the webview and the worker too: no VS Code API.'],
      [NODE_BUILTINS, 'src/shared runs in the webview too: no Node built-ins.'],
      [['**/host/**', '**/worker/**', '**/webview/**', '**/cli'], 'src/shared imports only src/core.'],
    ],
  ),
  layer(
    ['webview/**/*.ts'],
    [
      [['vscode'], 'The webview talks to VS Code only through messages (vscodeApi.ts).'],
      [NODE_BUILTINS, 'The webview runs in a browser: no Node built-ins.'],
      [['**/src/core/**', '**/src/host/**', '**/src/worker/**', '**/src/cli'], 'The webview imports only src/shared.'],
    ],
  ),
  layer(
    ['src/worker/**/*.ts', 'src/cli.ts'],
    [
      [['vscode'], 'The worker and the CLI run without VS Code.'],
      [
        ['**/host/**', '**/webview/**'],
        'The worker and the CLI use src/core and src/shared, not the host or the webview.',
      ],
    ],
  ),
  // VS Code for the Web: the browser entry's own modules and the Web Worker (the shared host modules are checked by
  // the browser build itself, which cannot resolve a Node built-in).
  layer(
    ['src/host/extensionWeb.ts', 'src/host/webPlatform.ts', 'src/host/webWorkerRunner.ts'],
    [[NODE_BUILTINS, 'The web entry runs in a web worker extension host: no Node built-ins.']],
  ),
  layer(
    ['src/worker/webTrainWorker.ts'],
    [
      [['vscode'], 'The worker runs without VS Code.'],
      [NODE_BUILTINS, 'The Web Worker runs in a browser: no Node built-ins.'],
      [['**/host/**', '**/webview/**'], 'The worker uses src/core and src/shared, not the host or the webview.'],
    ],
  ),
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { ...globals.node } } },
);
