import { describe, expect, it } from 'vitest';
import type { ChatPath } from '../src/shared/chat-path';
import { saveScreenshot } from './harness/screenshots';
import { startDemoSession } from './harness/start-demo-session';

const session = startDemoSession({ tools: true });

describe('the demo page, emulator mode', () => {
  it('says it runs against the emulator and lists the allowed models with price, context and a free badge', async () => {
    const { page } = session.demo;
    expect(await page.getByTestId('mode').textContent()).toContain('Emulator mode');
    const options = page.getByTestId('model-option');
    const ids = await options.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-model-id')),
    );
    expect(ids).toEqual(
      expect.arrayContaining(['openai/gpt-4o-mini', 'meta-llama/llama-3.3-70b-instruct:free']),
    );
    const gpt = page.locator('[data-model-id="openai/gpt-4o-mini"]');
    expect(await gpt.textContent()).toMatch(/\$0\.15 in · \$0\.60 out per 1M tokens · 128K context/);
    const free = page.locator('[data-model-id="meta-llama/llama-3.3-70b-instruct:free"]');
    expect(await free.getByTestId('free-badge').textContent()).toBe('free');
    expect(await gpt.getByTestId('free-badge').count()).toBe(0);
  });

  const paths: Array<{ path: ChatPath; label: string }> = [
    { path: 'browser', label: 'Browser → middleware' },
    { path: 'ai-sdk', label: 'Server → AI SDK' },
    { path: 'langchain', label: 'Server → LangChain' },
  ];

  for (const [index, { path, label }] of paths.entries()) {
    it(`answers on the ${path} path: streamed text, the calculator call with its result, model, provider and cost`, async () => {
      await session.demo.choosePath(path);
      await session.demo.chooseModel('openai/gpt-4o-mini');
      const textLengths = await session.demo.watchTextGrowth();
      const before = session.server.emulator!.requests.length;
      await session.demo.send(`What is "${1234 + index} * 5678"? Use the calculator.`);
      await session.demo.waitUntilIdle();

      const reply = session.demo.lastReply();
      // Streamed: the text grew in many steps, not all at once.
      const lengths = await textLengths();
      expect(lengths.length).toBeGreaterThanOrEqual(5);
      expect(lengths).toEqual([...lengths].sort((left, right) => left - right));
      // The tool call and its result (computed by the calculator, not the model).
      const tool = reply.getByTestId('tool-call');
      expect(await tool.getAttribute('data-state')).toBe('output-available');
      expect(await tool.textContent()).toContain(`${1234 + index} * 5678`);
      expect(await reply.getByTestId('tool-result').textContent()).toContain(String((1234 + index) * 5678));
      expect(await session.demo.replyText(reply)).toContain(String((1234 + index) * 5678));
      // Who served it and what it cost.
      expect(await reply.getByTestId('reply-path').textContent()).toBe(label);
      expect(await reply.getByTestId('reply-model').textContent()).toContain('openai/gpt-4o-mini');
      expect(['OpenAI', 'Azure']).toContain(await reply.getByTestId('reply-provider').textContent());
      expect(await reply.getByTestId('reply-cost').textContent()).toMatch(/^\$0\.000\d+$/);
      expect(await reply.getByTestId('reply-tokens').textContent()).toMatch(/\d+ in · \d+ out/);
      expect(await reply.getByTestId('reply-error').count()).toBe(0);

      // Two model requests (tool call, then the answer), both through the middleware with the
      // server's key and its data policy.
      const requests = session.server
        .emulator!.requests.slice(before)
        .filter((request) => request.path.endsWith('/chat/completions'));
      expect(requests).toHaveLength(2);
      for (const request of requests) {
        expect(request.headers.authorization).toMatch(/^Bearer sk-or-v1-dem\.\.\./);
        expect((request.body as { provider?: unknown }).provider).toMatchObject({ data_collection: 'deny' });
      }
    });
  }

  it('keeps a running total of every reply', async () => {
    const total = await session.demo.page.getByTestId('running-total').textContent();
    expect(total).toMatch(/Total: \$0\.000\d+ · [\d,]+ tokens · 3 replies$/);
    expect(await session.demo.page.getByTestId('budget').textContent()).toMatch(
      /Your budget today: \$0\.000\d+ of \$0\.25 spent$/,
    );
    await saveScreenshot(session.demo.page, 'chat-three-paths');
    expect(session.consoleErrors).toEqual([]);
  });
});
