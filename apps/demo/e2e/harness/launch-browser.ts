import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (never a downloaded browser); `CHROMIUM_PATH` overrides the path. */
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export type TestBrowser = {
  context: BrowserContext;
  /** A new tab with a fresh visitor (cookies cleared), console errors collected. */
  newPage(): Promise<{ page: Page; consoleErrors: string[] }>;
  close(): Promise<void>;
};

/** Launches chromium with a fresh, temporary user-data-dir (removed on close). */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run \`sh scripts/ensure-system-deps.sh\` (installs Debian's chromium; npm test does it) or set CHROMIUM_PATH. Browsers are never downloaded.`,
    );
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'demo-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    async newPage() {
      await context.clearCookies();
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(String(error)));
      return { page, consoleErrors };
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
