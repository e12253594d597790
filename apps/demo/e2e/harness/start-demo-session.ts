import { afterAll, beforeAll } from 'vitest';
import { DemoPage } from './demo-page';
import { launchBrowser, type TestBrowser } from './launch-browser';
import { startTestDemo } from './start-test-demo';

export type DemoSession = {
  server: Awaited<ReturnType<typeof startTestDemo>>;
  browser: TestBrowser;
  /** The page, open on the demo. */
  demo: DemoPage;
  /** Console errors of that page. */
  consoleErrors: string[];
};

/**
 * One demo server (emulator mode) and one browser for a test file, with the page open (the
 * calculator tool off unless `tools`), closed after the file. The fields are set before the
 * file's first test.
 */
export function startDemoSession(options: { tools?: boolean } = {}): DemoSession {
  const session = {} as DemoSession;
  beforeAll(async () => {
    session.server = await startTestDemo();
    session.browser = await launchBrowser();
    const opened = await session.browser.newPage();
    session.consoleErrors = opened.consoleErrors;
    session.demo = new DemoPage(opened.page, session.server.url);
    await session.demo.open();
    if (options.tools !== true) await session.demo.page.locator('#tools').uncheck();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
