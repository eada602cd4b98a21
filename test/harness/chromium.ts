// Where the Chromium binary is: INITLAB_CHROMIUM (CHROMIUM_PATH, its old name, still works), else Debian's paths.
import { existsSync } from 'node:fs';

export const CHROMIUM_ENV = 'INITLAB_CHROMIUM';
const OLD_CHROMIUM_ENV = 'CHROMIUM_PATH';
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The binary to launch, or undefined when none is installed (the Debian package `chromium` provides one). */
export function findChromium(): string | undefined {
  for (const name of [CHROMIUM_ENV, OLD_CHROMIUM_ENV]) {
    const path = process.env[name];
    if (!path) continue;
    // A path the user chose is never silently replaced by another browser.
    if (!existsSync(path)) throw new Error(`${name}=${path}: no such file`);
    return path;
  }
  return SYSTEM_PATHS.find((p) => existsSync(p));
}
