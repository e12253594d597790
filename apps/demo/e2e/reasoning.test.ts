import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPage } from './harness/demo-page';
import { launchBrowser, type TestBrowser } from './harness/launch-browser';
import { saveScreenshot } from './harness/screenshots';
import { startTestDemo } from './harness/start-test-demo';

let server: Awaited<ReturnType<typeof startTestDemo>>;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startTestDemo();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Reasoning models need their `reasoning_details` back on the next turn (Claude's signatures,
 * Gemini's thought signatures tied to tool calls); the emulator rejects a conversation that lost or
 * altered them. Each turn here goes through a different path, so every path must carry what the
 * previous one produced.
 */
describe('one conversation across the three paths, with a reasoning model and tools', () => {
  for (const model of ['anthropic/claude-sonnet-4.6', 'google/gemini-2.5-flash']) {
    it(`${model}: reasoning shown collapsible, tool calls, signatures sent back on every path`, async () => {
      const demo = new DemoPage((await browser.newPage()).page, server.url);
      await demo.open();
      await demo.chooseModel(model);
      await demo.chooseReasoning('low');
      const turns = [
        { path: 'browser', prompt: 'What is "12 * 34"? Use the calculator.' },
        { path: 'langchain', prompt: 'And what is "56 + 78"? Use the calculator.' },
        { path: 'ai-sdk', prompt: 'Finally, what is "(12 * 34) - (56 + 78)"? Use the calculator.' },
      ] as const;
      const since = Date.now();
      for (const [index, turn] of turns.entries()) {
        await demo.choosePath(turn.path);
        await demo.send(turn.prompt);
        await demo.waitUntilIdle();
        const reply = demo.lastReply();
        expect(await reply.getByTestId('reply-error').count(), await demo.page.content()).toBe(0);
        expect(await reply.getByTestId('tool-result').textContent()).toContain(['408', '134', '274'][index]);
        expect(await reply.getByTestId('reply-model').textContent()).toContain(model);
      }
      // Every request after the first turn carried reasoning details back, and none was rejected.
      const chats = server.emulator!.requests.filter(
        (request) => request.path.endsWith('/chat/completions') && request.startedAt >= since,
      );
      expect(chats).toHaveLength(6);
      expect(chats.every((request) => request.status === 200)).toBe(true);
      for (const request of chats.slice(1)) {
        const messages = (
          request.body as { messages: Array<{ role: string; reasoning_details?: unknown[] }> }
        ).messages;
        expect(
          messages.some(
            (message) => message.role === 'assistant' && (message.reasoning_details?.length ?? 0) > 0,
          ),
        ).toBe(true);
      }
      if (model.startsWith('anthropic/')) {
        const reasoning = demo.lastReply().getByTestId('reasoning').first();
        expect(await reasoning.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
        await reasoning.locator('summary').click();
        expect((await reasoning.textContent())!.length).toBeGreaterThan(20);
        expect(await demo.lastReply().getByTestId('reply-tokens').textContent()).toMatch(/\(\d+ reasoning\)/);
        await saveScreenshot(demo.page, 'reasoning-and-tools');
      }
      await demo.page.close();
    });
  }
});
