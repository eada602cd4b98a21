// Absolute paths of the repository's folders that tests read, so a test file can move without rewriting them.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const GOLDEN = path.join(ROOT, 'test', 'golden');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
