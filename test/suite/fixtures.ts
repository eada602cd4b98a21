// Files the harness writes into the suite's workspace, and the marker that tells the runner the suite has begun.

/** Printed by the suite when mocha starts; the runner echoes the extension host's console from there on. */
export const SUITE_MARKER = '[initlab-integration]';

/**
 * The user setting by which the harness names the window kind it opened (folder, noFolder, multiRoot), and the
 * marker the suite prints instead of running when it finds itself in another kind: code-server now and then
 * opens a `?workspace=` window whose folders never arrive, and the harness then loads that window again.
 */
export const EXPECTED_WINDOW_SETTING = 'initLabTest.expectedWindow';
export const WRONG_WINDOW_MARKER = '[initlab-wrong-window]';

/** Names the suite relies on; the harness writes them (test/harness/workspace.ts). */
export const INVALID_FILE = 'broken.initexp.json';
export const LONG_FILE = 'long.initexp.json';

/**
 * An experiment with two semantic errors at places the suite finds again with a JSON parser:
 * an input width of 3 (must be 2) and a misspelt scheme "hee" (nearest valid: "he").
 */
export const INVALID_TEXT = `{
  "name": "Broken on purpose",
  "rng": "numpy",
  "dataset": {
    "kind": "circles",
    "train": { "samples": 300, "noise": 0.05, "seed": 1 },
    "test": { "samples": 100, "noise": 0.05, "seed": 2 }
  },
  "network": { "layers": [3, 10, 5, 1], "hiddenActivation": "relu", "outputActivation": "sigmoid" },
  "training": { "learningRate": 0.01, "iterations": 15000, "logEvery": 1000, "loss": "notebook" },
  "runs": [
    { "name": "zeros", "init": { "scheme": "zeros" } },
    { "name": "He", "init": { "scheme": "hee" }, "seed": 3 }
  ]
}
`;

/**
 * Far too long to finish during the suite (about a minute of training, just under the core's work limit of
 * iterations × samples × parameters = 5·10¹⁰), so Stop and re-run have something to cancel.
 */
export const LONG_TEXT = `{
  "name": "Long run to cancel",
  "rng": "numpy",
  "dataset": {
    "kind": "moons",
    "train": { "samples": 1000, "noise": 0.2, "seed": 1 },
    "test": { "samples": 200, "noise": 0.2, "seed": 2 }
  },
  "network": { "layers": [2, 32, 32, 32, 1], "hiddenActivation": "relu", "outputActivation": "sigmoid" },
  "training": { "learningRate": 0.01, "iterations": 20000, "logEvery": 1000, "loss": "stable" },
  "runs": [
    { "name": "He slow", "init": { "scheme": "he" }, "seed": 3 }
  ]
}
`;

/**
 * The multi-root window (test/harness/workspace.ts): two folders with the same small experiment; the workspace file
 * sets one boundary resolution and the second folder's own settings another, which must win for its files.
 */
export const MULTI_ROOT = {
  folders: ['first', 'second'],
  file: 'quick.initexp.json',
  workspaceResolution: 30,
  secondFolderResolution: 20,
} as const;

export const QUICK_TEXT = `{
  "name": "Quick",
  "rng": "numpy",
  "dataset": {
    "kind": "circles",
    "train": { "samples": 100, "noise": 0.05, "seed": 1 },
    "test": { "samples": 50, "noise": 0.05, "seed": 2 }
  },
  "network": { "layers": [2, 4, 1], "hiddenActivation": "relu", "outputActivation": "sigmoid" },
  "training": { "learningRate": 0.1, "iterations": 200, "logEvery": 100, "loss": "notebook" },
  "runs": [{ "name": "He", "init": { "scheme": "he" }, "seed": 3 }]
}
`;

/**
 * The web pass cannot start the CLI from its extension host (no processes there): the harness runs it in Node
 * first and leaves its --json output beside the experiment under this name.
 */
export function cliOutputName(experimentFile: string): string {
  return experimentFile.replace(/\.initexp\.json$/, '.cli.json');
}
