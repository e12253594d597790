import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function ask(text: string): Promise<{ model: string; provider: string }> {
  await demo.send(text);
  await demo.waitUntilIdle();
  const reply = demo.lastReply();
  expect(await reply.getByTestId('reply-error').count()).toBe(0);
  return {
    model: (await reply.getByTestId('reply-model').textContent()) ?? '',
    provider: (await reply.getByTestId('reply-provider').textContent()) ?? '',
  };
}

describe('routing controls', () => {
  it('sorting providers by price or throughput changes who serves (Llama 3.3 70B: DeepInfra vs Groq)', async () => {
    await demo.chooseModel('meta-llama/llama-3.3-70b-instruct');
    await demo.choosePath('browser');
    await demo.page.locator('#sort').selectOption('price');
    expect((await ask('Cheapest, please.')).provider).toBe('DeepInfra');
    await demo.choosePath('ai-sdk');
    await demo.page.locator('#sort').selectOption('throughput');
    expect((await ask('Fastest, please.')).provider).toBe('Groq');
    await demo.choosePath('langchain');
    await demo.page.locator('#sort').selectOption('price');
    expect((await ask('Cheapest again.')).provider).toBe('DeepInfra');
    const sent = server
      .emulator!.requests.filter((request) => request.path.endsWith('/chat/completions'))
      .at(-1);
    expect((sent!.body as { provider: unknown }).provider).toEqual({
      sort: 'price',
      data_collection: 'deny',
    });
    await demo.page.locator('#sort').selectOption('default');
  });

  it('a fallback model serves when the first one cannot (here: the free model under the data policy)', async () => {
    await demo.chooseModel('meta-llama/llama-3.3-70b-instruct:free');
    await demo.setFallbacks('openai/gpt-4o-mini');
    await demo.choosePath('langchain');
    const served = await ask('Who answers?');
    expect(served.model).toBe('openai/gpt-4o-mini (asked for meta-llama/llama-3.3-70b-instruct:free)');
    await demo.setFallbacks('');
  });

  it('zero data retention narrows the providers (GPT-4o-mini: Azure only)', async () => {
    await demo.chooseModel('openai/gpt-4o-mini');
    await demo.choosePath('browser');
    await demo.page.locator('#zdr').check();
    expect((await ask('ZDR only.')).provider).toBe('Azure');
    await demo.page.locator('#zdr').uncheck();
  });

  it('when a provider is down, OpenRouter routes to the next one', async () => {
    await demo.choosePath('ai-sdk');
    await demo.chooseScenario('provider-down');
    expect((await ask('Is OpenAI up?')).provider).toBe('Azure');
    await demo.chooseScenario('');
    await saveScreenshot(demo.page, 'routing');
  });
});
