import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './harness/screenshots';
import { startDemoSession } from './harness/start-demo-session';

const session = startDemoSession();

async function ask(text: string): Promise<{ model: string; provider: string }> {
  await session.demo.send(text);
  await session.demo.waitUntilIdle();
  const reply = session.demo.lastReply();
  expect(await reply.getByTestId('reply-error').count()).toBe(0);
  return {
    model: (await reply.getByTestId('reply-model').textContent()) ?? '',
    provider: (await reply.getByTestId('reply-provider').textContent()) ?? '',
  };
}

describe('routing controls', () => {
  it('sorting providers by price or throughput changes who serves (Llama 3.3 70B: DeepInfra vs Groq)', async () => {
    await session.demo.chooseModel('meta-llama/llama-3.3-70b-instruct');
    await session.demo.choosePath('browser');
    await session.demo.page.locator('#sort').selectOption('price');
    expect((await ask('Cheapest, please.')).provider).toBe('DeepInfra');
    await session.demo.choosePath('ai-sdk');
    await session.demo.page.locator('#sort').selectOption('throughput');
    expect((await ask('Fastest, please.')).provider).toBe('Groq');
    await session.demo.choosePath('langchain');
    await session.demo.page.locator('#sort').selectOption('price');
    expect((await ask('Cheapest again.')).provider).toBe('DeepInfra');
    const sent = session.server
      .emulator!.requests.filter((request) => request.path.endsWith('/chat/completions'))
      .at(-1);
    expect((sent!.body as { provider: unknown }).provider).toEqual({
      sort: 'price',
      data_collection: 'deny',
    });
    await session.demo.page.locator('#sort').selectOption('default');
  });

  it('a fallback model serves when the first one cannot (here: the free model under the data policy)', async () => {
    await session.demo.chooseModel('meta-llama/llama-3.3-70b-instruct:free');
    await session.demo.setFallbacks('openai/gpt-4o-mini');
    await session.demo.choosePath('langchain');
    const served = await ask('Who answers?');
    expect(served.model).toBe('openai/gpt-4o-mini (asked for meta-llama/llama-3.3-70b-instruct:free)');
    await session.demo.setFallbacks('');
  });

  it('zero data retention narrows the providers (GPT-4o-mini: Azure only)', async () => {
    await session.demo.chooseModel('openai/gpt-4o-mini');
    await session.demo.choosePath('browser');
    await session.demo.page.locator('#zdr').check();
    expect((await ask('ZDR only.')).provider).toBe('Azure');
    await session.demo.page.locator('#zdr').uncheck();
  });

  it('when a provider is down, OpenRouter routes to the next one', async () => {
    await session.demo.choosePath('ai-sdk');
    await session.demo.chooseScenario('provider-down');
    expect((await ask('Is OpenAI up?')).provider).toBe('Azure');
    await session.demo.chooseScenario('');
    await saveScreenshot(session.demo.page, 'routing');
  });
});
