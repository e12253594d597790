import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** apps/demo/screenshots: the READMEs show these files. */
export const SCREENSHOTS_DIRECTORY: string = fileURLToPath(new URL('../../screenshots/', import.meta.url));

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIRECTORY, { recursive: true });
  const path = `${SCREENSHOTS_DIRECTORY}${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}
