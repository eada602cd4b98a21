// Headless Debian Chromium through playwright-core, and the waits that tell the VS Code workbench is usable.
import { chromium, type Browser, type Page } from 'playwright-core';

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // As root Chromium needs --no-sandbox (playwright adds it); no GPU here, so software GL for the canvases.
    args: ['--disable-gpu', '--use-gl=swiftshader', '--disable-dev-shm-usage', '--no-first-run'],
  });
}

export async function newWorkbenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  return context.newPage();
}

/** The workbench is usable once its status bar shows and extensions have been loaded. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('code/didLoadExtensions').length > 0 ||
      performance.getEntriesByType('mark').some((m) => m.name.includes('didLoadExtensions')),
    undefined,
    { timeout: timeoutMs, polling: 200 },
  );
}
