// Assembles the README's animation (media/live-run.webp) from the frames the UI test recorded, at their real pace.
//
// npm run test:ui (dark theme) leaves test-results/ui/animation/frame-NNN.png and frames.json; this script turns them
// into one animated WebP with the Debian `webp` tools (installed as root when missing), 960 pixels wide, lossy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackages } from '../test/harness/apt';
import { cacheRoot } from '../test/harness/install';
import { REPO } from '../test/harness/workspace';

const FRAMES = join(REPO, 'test-results', 'ui', 'animation');
const OUT = join(REPO, 'media', 'live-run.webp');
const WIDTH = 960;
/** The finished panel stays up this long before the loop starts again. */
const HOLD_LAST_MS = 3500;

interface Frame {
  file: string;
  at: number;
  status: string;
}

async function main(): Promise<void> {
  await ensurePackages(['webp'], [], cacheRoot());
  const frames = JSON.parse(readFileSync(join(FRAMES, 'frames.json'), 'utf8')) as Frame[];
  if (frames.length < 2)
    throw new Error(`${FRAMES}/frames.json has ${frames.length} frames: run npm run test:ui first`);
  const scratch = mkdtempSync(join(tmpdir(), 'initlab-animation-'));
  try {
    const args = ['-loop', '0', '-lossy', '-q', '55', '-m', '6'];
    frames.forEach((f, k) => {
      const small = join(scratch, `${k}.webp`);
      // Lossless after the resize, so the only loss is the final encoder's.
      execFileSync('cwebp', ['-quiet', '-lossless', '-resize', String(WIDTH), '0', join(FRAMES, f.file), '-o', small]);
      const duration = k + 1 < frames.length ? frames[k + 1].at - f.at : HOLD_LAST_MS;
      args.push('-d', String(Math.max(40, duration)), small);
    });
    execFileSync('img2webp', [...args, '-o', OUT], { stdio: 'inherit' });
    console.log(`${OUT}: ${frames.length} frames, ${(statSync(OUT).size / 1024).toFixed(0)} KiB`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
