import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/**
 * Where the browser tests save screenshots: `apps/demo/screenshots` (the READMEs show these files)
 * when `UPDATE_SCREENSHOTS=1`, otherwise the git-ignored `apps/demo/test-results/screenshots`, so
 * an ordinary test run leaves the working tree clean.
 */
export const SCREENSHOTS_DIRECTORY: string = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1' ? '../../screenshots/' : '../../test-results/screenshots/',
    import.meta.url,
  ),
);

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIRECTORY, { recursive: true });
  const path = `${SCREENSHOTS_DIRECTORY}${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}
