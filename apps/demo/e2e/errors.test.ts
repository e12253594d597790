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
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function replyError(): Promise<string> {
  const error = demo.lastReply().getByTestId('reply-error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

describe('errors in plain words', () => {
  for (const path of CHAT_PATHS) {
    it(`${path} path: a provider error mid-stream keeps the partial answer and explains`, async () => {
      await demo.choosePath(path);
      await demo.chooseScenario('mid-stream-error');
      await demo.send('Tell me about routing.');
      await demo.waitUntilIdle();
      expect(await replyError()).toMatch(
        /^The provider failed in the middle of the answer \(FakeProvider|OpenAI|Azure\)?.*error 502.*The partial answer is kept above/,
      );
      // The tokens that arrived before the failure stay on the page.
      expect((await demo.replyText()).length).toBeGreaterThan(5);
      expect(await demo.lastReply().getByTestId('reply-path').count()).toBe(1);
    });

    it(`${path} path: a rate limit says so and when to retry`, async () => {
      await demo.choosePath(path);
      await demo.chooseScenario('rate-limit');
      await demo.send('Hello again.');
      await demo.waitUntilIdle();
      expect(await replyError()).toMatch(/^Rate limited: .*Try again in 30 s\./);
    });
  }

  it('a model outside the allowlist (here: as a fallback) is refused before anything is sent', async () => {
    await demo.chooseScenario('');
    await demo.choosePath('browser');
    await demo.setFallbacks('x-ai/grok-4');
    const before = server.emulator!.requests.length;
    await demo.send('Hi there.');
    await demo.waitUntilIdle();
    expect(await replyError()).toMatch(/^Model not allowed: `x-ai\/grok-4` is not allowed on this server/);
    expect(server.emulator!.requests.length).toBe(before);
    await demo.setFallbacks('');
  });

  it('the data policy (no data collection) leaves a free model without a provider, and says so', async () => {
    await demo.choosePath('ai-sdk');
    await demo.chooseModel('meta-llama/llama-3.3-70b-instruct:free');
    await demo.send('Hi there.');
    await demo.waitUntilIdle();
    expect(await replyError()).toMatch(/^No provider can serve this request: .*data/i);
    await demo.chooseModel('openai/gpt-4o-mini');
    await saveScreenshot(demo.page, 'errors');
  });
});

describe('the per-visitor budget', () => {
  it('stops a visitor whose budget is spent, in plain words', async () => {
    const small = await startTestDemo({ budgetUsdPerDay: 0.00002 });
    const page = new DemoPage((await browser.newPage()).page, small.url);
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
