// Makes the README's images from what the UI test captured: the animation of a live run (media/live-run.webp, at the
// frames' real pace) and the panel in VS Code for the Web (media/screenshot-web.webp).
//
// npm run test:ui leaves test-results/ui/animation/frame-NNN.png with frames.json, and test-results/ui/web-panel.png;
// this script turns them into lossy WebP with the Debian `webp` tools (installed as root when missing): small,
// because the .vsix carries media/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackages } from '../test/harness/apt';
import { cacheRoot } from '../test/harness/install';
import { REPO } from '../test/harness/workspace';

const FRAMES = join(REPO, 'test-results', 'ui', 'animation');
const OUT = join(REPO, 'media', 'live-run.webp');
const WEB_PANEL = join(REPO, 'test-results', 'ui', 'web-panel.png');
const WEB_OUT = join(REPO, 'media', 'screenshot-web.webp');
const WIDTH = 720;
/** Frames kept from the recording (every second or third at the UI test's 400 ms pace). */
const MAX_FRAMES = 7;
/** The finished panel stays up this long before the loop starts again. */
const HOLD_LAST_MS = 3500;

interface Frame {
  file: string;
  at: number;
  status: string;
}

async function main(): Promise<void> {
  await ensurePackages(['webp'], [], cacheRoot());
  const recorded = JSON.parse(readFileSync(join(FRAMES, 'frames.json'), 'utf8')) as Frame[];
  // At most MAX_FRAMES, evenly spread, the last one kept: each frame costs the .vsix a few KB.
  const step = Math.max(1, Math.ceil(recorded.length / MAX_FRAMES));
  const frames = recorded.filter((_, k) => k % step === 0 || k === recorded.length - 1);
  if (frames.length < 2)
    throw new Error(`${FRAMES}/frames.json has ${frames.length} frames: run npm run test:ui first`);
  const scratch = mkdtempSync(join(tmpdir(), 'initlab-animation-'));
  try {
    const args = ['-loop', '0', '-lossy', '-q', '45', '-m', '6'];
    frames.forEach((f, k) => {
      const small = join(scratch, `${k}.webp`);
      // Lossless after the resize, so the only loss is the final encoder's.
      execFileSync('cwebp', ['-quiet', '-lossless', '-resize', String(WIDTH), '0', join(FRAMES, f.file), '-o', small]);
      const duration = k + 1 < frames.length ? frames[k + 1].at - f.at : HOLD_LAST_MS;
      args.push('-d', String(Math.max(40, duration)), small);
    });
    execFileSync('img2webp', [...args, '-o', OUT], { stdio: 'inherit' });
    console.log(`${OUT}: ${frames.length} frames, ${(statSync(OUT).size / 1024).toFixed(0)} KiB`);
    execFileSync('cwebp', ['-quiet', '-q', '38', '-resize', '560', '0', WEB_PANEL, '-o', WEB_OUT]);
    console.log(`${WEB_OUT}: ${(statSync(WEB_OUT).size / 1024).toFixed(0)} KiB`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
