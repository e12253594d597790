import { describe, expect, it } from 'vitest';
import { CHAT_PATHS } from '../src/shared/chat-path';
import { DemoPage } from './harness/demo-page';
import { saveScreenshot } from './harness/screenshots';
import { startDemoSession } from './harness/start-demo-session';
import { startTestDemo } from './harness/start-test-demo';

const session = startDemoSession();

async function replyError(): Promise<string> {
  const error = session.demo.lastReply().getByTestId('reply-error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

describe('errors in plain words', () => {
  for (const path of CHAT_PATHS) {
    it(`${path} path: a provider error mid-stream keeps the partial answer and explains`, async () => {
      await session.demo.choosePath(path);
      await session.demo.chooseScenario('mid-stream-error');
      await session.demo.send('Tell me about routing.');
      await session.demo.waitUntilIdle();
      expect(await replyError()).toMatch(
        /^The provider failed in the middle of the answer \(FakeProvider|OpenAI|Azure\)?.*error 502.*The partial answer is kept above/,
      );
      // The tokens that arrived before the failure stay on the page.
      expect((await session.demo.replyText()).length).toBeGreaterThan(5);
      expect(await session.demo.lastReply().getByTestId('reply-path').count()).toBe(1);
    });

    it(`${path} path: a rate limit says so and when to retry`, async () => {
      await session.demo.choosePath(path);
      await session.demo.chooseScenario('rate-limit');
      await session.demo.send('Hello again.');
      await session.demo.waitUntilIdle();
      expect(await replyError()).toMatch(/^Rate limited: .*Try again in 30 s\./);
    });
  }

  it('a model outside the allowlist (here: as a fallback) is refused before anything is sent', async () => {
    await session.demo.chooseScenario('');
    await session.demo.choosePath('browser');
    await session.demo.setFallbacks('x-ai/grok-4');
    const before = session.server.emulator!.requests.length;
    await session.demo.send('Hi there.');
    await session.demo.waitUntilIdle();
    expect(await replyError()).toMatch(/^Model not allowed: `x-ai\/grok-4` is not allowed on this server/);
    expect(session.server.emulator!.requests.length).toBe(before);
    await session.demo.setFallbacks('');
  });

  it('the data policy (no data collection) leaves a free model without a provider, and says so', async () => {
    await session.demo.choosePath('ai-sdk');
    await session.demo.chooseModel('meta-llama/llama-3.3-70b-instruct:free');
    await session.demo.send('Hi there.');
    await session.demo.waitUntilIdle();
    expect(await replyError()).toMatch(/^No provider can serve this request: .*data/i);
    await session.demo.chooseModel('openai/gpt-4o-mini');
    await saveScreenshot(session.demo.page, 'errors');
  });
});

describe('the per-visitor budget', () => {
  it('stops a visitor whose budget is spent, in plain words', async () => {
    const small = await startTestDemo({ budgetUsdPerDay: 0.00002 });
    const page = new DemoPage((await session.browser.newPage()).page, small.url);
    try {
      await page.open();
      await page.page.locator('#tools').uncheck();
      await page.send('Spend a little.');
      await page.waitUntilIdle();
      expect(await page.lastReply().getByTestId('reply-error').count()).toBe(0);
      await page.choosePath('langchain');
      await page.send('And a little more.');
      await page.waitUntilIdle();
      const error = page.lastReply().getByTestId('reply-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(
        /^Budget spent: \$0\.0000\d+ of \$0\.00002\d* per day\. It resets in/,
      );
    } finally {
      await page.page.close();
      await small.close();
    }
  });
});
