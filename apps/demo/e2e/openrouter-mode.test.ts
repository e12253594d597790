import { randomBytes } from 'node:crypto';
import { type Emulator, startEmulator } from '@openrouter-adapters/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_PATHS } from '../src/shared/chat-path';
import { DemoPage } from './harness/demo-page';
import { launchBrowser, type TestBrowser } from './harness/launch-browser';
import { startTestDemo } from './harness/start-test-demo';

/**
 * With OPENROUTER_API_KEY the demo talks to OpenRouter. Here an emulator that only accepts one key
 * stands in for OpenRouter (no internet in tests): the page must say "OpenRouter", hide the fault
 * menu, forward no client headers upstream, and the key must never reach the browser.
 */
const key = `sk-or-v1-${randomBytes(32).toString('hex')}`;
let openRouter: Emulator;
let server: Awaited<ReturnType<typeof startTestDemo>>;
let browser: TestBrowser;
const seenByBrowser: string[] = [];
const environmentKey = process.env.OPENROUTER_API_KEY;

beforeAll(async () => {
  // As in production, the key is also in the environment (the adapters must not pick it up).
  process.env.OPENROUTER_API_KEY = key;
  openRouter = await startEmulator({
    requireAuth: true,
    apiKeys: [{ key }],
    latency: { firstTokenMs: 30, tokenIntervalMs: 10 },
  });
  server = await startTestDemo({ openRouterApiKey: key, openRouterBaseURL: openRouter.baseURL });
  browser = await launchBrowser();
});

afterAll(async () => {
  if (environmentKey === undefined) delete process.env.OPENROUTER_API_KEY;
  else process.env.OPENROUTER_API_KEY = environmentKey;
  await browser?.close();
  await server?.close();
  await openRouter?.close();
});

describe('OpenRouter mode (OPENROUTER_API_KEY set)', () => {
  it('says so, answers on every path with the server key, and never lets the key reach the browser', async () => {
    const { page } = await browser.newPage();
    page.on('response', async (response) => {
      seenByBrowser.push(response.url(), JSON.stringify(await response.allHeaders()));
      try {
        seenByBrowser.push(await response.text());
      } catch {
        // Redirects and aborted responses have no body.
      }
    });
    const demo = new DemoPage(page, server.url);
    await demo.open();
    expect(server.mode).toBe('openrouter');
    expect(await page.getByTestId('mode').textContent()).toMatch(/^OpenRouter/);
    expect(await page.locator('#scenario').count()).toBe(0);

    for (const path of CHAT_PATHS) {
      await demo.choosePath(path);
      await demo.send(`What is "${path.length} * 7"? Use the calculator.`);
      await demo.waitUntilIdle();
      const reply = demo.lastReply();
      expect(await reply.getByTestId('reply-error').count()).toBe(0);
      expect(await reply.getByTestId('tool-result').textContent()).toContain(String(path.length * 7));
    }
    const chats = openRouter.requests.filter((request) => request.path.endsWith('/chat/completions'));
    expect(chats).toHaveLength(6);
    expect(chats.every((request) => request.status === 200)).toBe(true);

    // A client cannot smuggle headers upstream: the scenario header is not forwarded here.
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/openrouter/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'rate-limit' },
        body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      return response.status;
    });
    expect(status).toBe(200);
    expect(openRouter.requests.at(-1)?.scenarios ?? []).toEqual([]);
    expect(openRouter.requests.at(-1)?.headers['x-emulator-scenario']).toBeUndefined();

    await page.close();
    // Key-leak scan over every response the browser received (URLs, headers, bodies, streams).
    expect(seenByBrowser.length).toBeGreaterThan(10);
    const leaks = seenByBrowser.filter((text) => text.includes(key) || text.includes(key.slice(9, 30)));
    expect(leaks).toEqual([]);
    expect(server.logs.join('\n')).not.toContain(key);
  });
});
