import { beforeAll, describe, expect, it } from 'vitest';
import { CHAT_PATHS } from '../src/shared/chat-path';
import { saveScreenshot } from './harness/screenshots';
import { startDemoSession } from './harness/start-demo-session';

const session = startDemoSession();

beforeAll(async () => {
  await session.demo.chooseScenario('slow-tokens');
});

describe('the Stop button', () => {
  for (const path of CHAT_PATHS) {
    it(`${path} path: stops the stream mid-answer, keeps the text, and the provider sees the disconnect`, async () => {
      await session.demo.choosePath(path);
      const startedAt = Date.now();
      await session.demo.send('Tell me a story about streaming.');
      const reply = session.demo.lastReply();
      // Mid-stream: some text arrived, more is coming (a token every 150 ms).
      await session.demo.page.waitForFunction(() => {
        const replies = document.querySelectorAll('[data-role="assistant"]');
        const text =
          replies[replies.length - 1]?.querySelector('[data-testid="message-text"]')?.textContent ?? '';
        return text.length >= 15;
      });
      const stoppedAt = Date.now();
      await session.demo.page.getByTestId('stop').click();

      await session.server.emulator!.waitFor(
        (requests) =>
          requests.some(
            (request) =>
              request.path.endsWith('/chat/completions') &&
              request.startedAt >= startedAt &&
              request.clientDisconnectedAt !== undefined,
          ),
        { timeoutMs: 2_000 },
      );
      const request = session.server.emulator!.requests.find(
        (candidate) => candidate.startedAt >= startedAt && candidate.clientDisconnectedAt !== undefined,
      )!;
      expect(request.clientDisconnectedAt! - stoppedAt).toBeLessThan(1_000);
      expect(request.status).toBe(200);

      await session.demo.waitUntilIdle();
      await reply.getByTestId('reply-stopped').waitFor();
      const kept = await session.demo.replyText(reply);
      expect(kept.length).toBeGreaterThanOrEqual(15);
      await session.demo.page.waitForTimeout(400);
      expect(await session.demo.replyText(reply)).toBe(kept);
      expect(await reply.getByTestId('reply-error').count()).toBe(0);
      if (path === 'langchain') await saveScreenshot(session.demo.page, 'stop');
    });
  }
});
