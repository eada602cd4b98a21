// Drives the VS Code workbench in Chromium as a person would: Command Palette, explorer, context menu, reload.
import type { Page } from 'playwright-core';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * F1, type the command's title, click its row. The list is computed when the palette opens, and a webview taking
 * the focus can close the palette between two steps (seen once right after clicking a panel's tab), so retry.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    const row = page
      .locator('.quick-input-widget .monaco-list-row', { has: page.getByText(title, { exact: true }) })
      .first();
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await row.click();
      return;
    } catch {
      await page.keyboard.press('Escape');
      await sleep(500);
    }
  }
  throw new Error(`the Command Palette never offered "${title}"`);
}

/** The commands the Command Palette offers for `query` (what a person sees after typing it), then closes it. */
export async function paletteTitles(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${query}`);
  // The list is computed when the palette opens and filtered as the text arrives; let it settle.
  await sleep(800);
  const titles = await page
    .locator('.quick-input-widget .monaco-list-row .label-name')
    .evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
  return titles;
}

/** Closes the Command Palette. */
export async function closePalette(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

export function explorerRow(page: Page, fileName: string) {
  return page
    .locator('.explorer-folders-view .monaco-list-row', { has: page.getByText(fileName, { exact: true }) })
    .first();
}

/** Single-click a file in the explorer: it opens in the editor. */
export async function openFromExplorer(page: Page, fileName: string): Promise<void> {
  const row = explorerRow(page, fileName);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 10_000 });
}

/** Right-click a file in the explorer and pick `item` from its context menu. */
export async function explorerContextMenu(page: Page, fileName: string, item: string): Promise<void> {
  const row = explorerRow(page, fileName);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click({ button: 'right' });
  const menu = page.locator('.monaco-menu');
  const entry = menu.locator('.action-item', { has: page.getByText(item, { exact: true }) }).first();
  await entry.waitFor({ state: 'visible', timeout: 10_000 });
  // The menu ignores a click that comes right after it opened (it guards against the opening right-click).
  await sleep(400);
  await entry.hover();
  await entry.click();
  try {
    await menu.waitFor({ state: 'hidden', timeout: 2_000 });
  } catch {
    // Still open: the hovered item has the focus, so Enter picks it as a keyboard user would.
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

/** Relative luminance (0 = black, 1 = white) of a CSS colour as the browser computed it. */
export function luminance(css: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) return NaN;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Waits until the side bar is painted in the theme's base (the class on the workbench can come before the colours). */
export async function waitForThemeColours(page: Page, dark: boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let bg = '';
  while (Date.now() < deadline) {
    bg = await page
      .locator('.part.sidebar')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    if (luminance(bg) < 0.5 === dark) return;
    await sleep(250);
  }
  throw new Error(`the workbench never took the ${dark ? 'dark' : 'light'} theme's colours (side bar ${bg})`);
}
