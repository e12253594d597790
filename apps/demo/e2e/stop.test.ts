import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_PATHS } from '../src/shared/chat-path';
import { DemoPage } from './harness/demo-page';
import { launchBrowser, type TestBrowser } from './harness/launch-browser';
import { saveScreenshot } from './harness/screenshots';
import { startTestDemo } from './harness/start-test-demo';

let server: Awaited<ReturnType<typeof startTestDemo>>;
let browser: TestBrowser;
let demo: DemoPage;

beforeAll(async () => {
  server = await startTestDemo();
  browser = await launchBrowser();
  demo = new DemoPage((await browser.newPage()).page, server.url);
  await demo.open();
  await demo.page.locator('#tools').uncheck();
  await demo.chooseScenario('slow-tokens');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the Stop button', () => {
  for (const path of CHAT_PATHS) {
    it(`${path} path: stops the stream mid-answer, keeps the text, and the provider sees the disconnect`, async () => {
      await demo.choosePath(path);
      const startedAt = Date.now();
      await demo.send('Tell me a story about streaming.');
      const reply = demo.lastReply();
      // Mid-stream: some text arrived, more is coming (a token every 150 ms).
      await demo.page.waitForFunction(() => {
        const replies = document.querySelectorAll('[data-role="assistant"]');
        const text =
          replies[replies.length - 1]?.querySelector('[data-testid="message-text"]')?.textContent ?? '';
        return text.length >= 15;
      });
      const stoppedAt = Date.now();
      await demo.page.getByTestId('stop').click();

      await server.emulator!.waitFor(
        (requests) =>
          requests.some(
            (request) =>
              request.path.endsWith('/chat/completions') &&
              request.startedAt >= startedAt &&
              request.clientDisconnectedAt !== undefined,
          ),
        { timeoutMs: 2_000 },
      );
      const request = server.emulator!.requests.find(
        (candidate) => candidate.startedAt >= startedAt && candidate.clientDisconnectedAt !== undefined,
      )!;
      expect(request.clientDisconnectedAt! - stoppedAt).toBeLessThan(1_000);
      expect(request.status).toBe(200);

      await demo.waitUntilIdle();
      await reply.getByTestId('reply-stopped').waitFor();
      const kept = await demo.replyText(reply);
      expect(kept.length).toBeGreaterThanOrEqual(15);
      await demo.page.waitForTimeout(400);
      expect(await demo.replyText(reply)).toBe(kept);
      expect(await reply.getByTestId('reply-error').count()).toBe(0);
      if (path === 'langchain') await saveScreenshot(demo.page, 'stop');
    });
  }
});
