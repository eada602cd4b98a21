// Where the real-VS-Code tests leave screenshots and logs for people to look at (gitignored test-results/).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './workspace';

export function resultsDir(...parts: string[]): string {
  const dir = join(REPO, 'test-results', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Empties one test's folder at the start of a run, so artifacts of an earlier failure cannot be mistaken for new ones. */
export function resetResultsDir(name: string): string {
  rmSync(join(REPO, 'test-results', name), { recursive: true, force: true });
  return resultsDir(name);
}
