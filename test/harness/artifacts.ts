// Where the real-VS-Code tests leave screenshots and logs for people to look at (gitignored test-results/).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './workspace';

export function resultsDir(...parts: string[]): string {
  const dir = join(REPO, 'test-results', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
