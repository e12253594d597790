import { randomBytes } from 'node:crypto';
import { type Emulator, MODEL_IDS, startEmulator } from '@openrouter-adapters/emulator';
import type { Request } from 'express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenRouterMiddlewareOptions } from './options/middleware-options';
import {
  captured,
  findLeaks,
  type Harness,
  readText,
  secrets,
  serverKey,
  startHarness,
} from './test-utils/gateway-harness';
import { rawRequest } from './test-utils/raw-request';

const userKey = `sk-or-v1-${randomBytes(32).toString('hex')}`;
secrets.add(userKey);

let emulator: Emulator;
const harnesses: Harness[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    latency: 'none',
    requireAuth: true,
    apiKeys: [
      { key: serverKey, limit: null },
      { key: userKey, limit: null },
    ],
  });
});

afterAll(async () => {
  for (const harness of harnesses) await harness.close();
  await emulator.close();
  expect(findLeaks()).toEqual([]);
});

async function gateway(
  middleware: OpenRouterMiddlewareOptions,
  before?: (app: express.Express) => void,
): Promise<Harness> {
  const harness = await startHarness({ emulator, middleware, before });
  harnesses.push(harness);
  return harness;
}

async function chat(
  harness: Harness,
  init: {
    stream?: boolean;
    scenario?: string;
    headers?: Record<string, string>;
    body?: Record<string, unknown>;
  } = {},
) {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.scenario ? { 'x-emulator-scenario': init.scenario } : {}),
      ...init.headers,
    },
    body: JSON.stringify({
      model: MODEL_IDS.gpt4oMini,
      stream: init.stream ?? false,
      messages: [{ role: 'user', content: 'hi [[tokens: 5]]' }],
      ...init.body,
    }),
  });
  const text = await readText(response);
  return { status: response.status, headers: response.headers, text };
}

function countUpstream(path: string): number {
  return emulator.requests.filter((request) => request.path.endsWith(path)).length;
}

describe('timeoutMs', () => {
  it('ends a stream that runs longer with an explicit in-band error', async () => {
    const harness = await gateway({ timeoutMs: 400, forwardHeaders: ['x-emulator-scenario'] });
    const started = Date.now();
    const { status, text } = await chat(harness, {
      stream: true,
      scenario: 'slow-tokens; interval_ms=100',
      body: { messages: [{ role: 'user', content: 'x [[tokens: 50]]' }] },
    });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(text).toMatch(/"finish_reason":"error"/);
    expect(text).toMatch(/took longer than this server allows/);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('answers 504 when upstream does not answer in time', async () => {
    const harness = await gateway({ timeoutMs: 300, forwardHeaders: ['x-emulator-scenario'] });
    const { status, text } = await chat(harness, { scenario: 'slow-first-token; delay_ms=3000' });
    expect(status).toBe(504);
    expect(JSON.parse(text).error.message).toBe('The request took longer than this server allows (300 ms)');
  });
});

describe('maxBodyBytes', () => {
  it('rejects a larger body with 413 before anything reaches upstream', async () => {
    const harness = await gateway({ maxBodyBytes: 2_000 });
    const before = countUpstream('/chat/completions');
    const { status, text } = await chat(harness, {
      body: { messages: [{ role: 'user', content: 'x'.repeat(5_000) }] },
    });
    expect(status).toBe(413);
    expect(JSON.parse(text).error.message).toMatch(/larger than this server accepts \(2000 bytes\)/);
    const chunked = await rawRequest({
      url: `${harness.baseURL}/chat/completions`,
      headers: { 'content-type': 'application/json' },
      pieces: Array.from({ length: 10 }, () => ({ data: 'y'.repeat(500) })),
    });
    captured.push(chunked.body);
    expect(chunked.status).toBe(413);
    expect(countUpstream('/chat/completions')).toBe(before);
  });
});

describe('bodyTimeoutMs', () => {
  it('answers 408 to a body that trickles in too slowly, without calling upstream', async () => {
    const harness = await gateway({ bodyTimeoutMs: 200 });
    const before = countUpstream('/chat/completions');
    const started = Date.now();
    const response = await rawRequest({
      url: `${harness.baseURL}/chat/completions`,
      headers: { 'content-type': 'application/json' },
      pieces: [{ data: '{"model":' }],
      leaveOpen: true,
    });
    captured.push(response.body);
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(JSON.parse(response.body).error.message).toMatch(/did not arrive within 200 ms/);
    expect(countUpstream('/chat/completions')).toBe(before);
  });
});

describe('bodies parsed by express.json() before the middleware', () => {
  it('are accepted and checked the same way', async () => {
    const harness = await gateway({}, (app) => app.use(express.json()));
    expect((await chat(harness)).status).toBe(200);
    const polluted = await rawRequest({
      url: `${harness.baseURL}/chat/completions`,
      headers: { 'content-type': 'application/json' },
      pieces: [
        {
          data: '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"__proto__":{"x":1}}',
        },
      ],
    });
    captured.push(polluted.body);
    expect(polluted.status).toBe(400);
  });
});

describe('retry', () => {
  it('retry: false sends exactly one upstream request', async () => {
    const harness = await gateway({ retry: false, forwardHeaders: ['x-emulator-scenario'] });
    const before = countUpstream('/chat/completions');
    expect((await chat(harness, { scenario: 'http-error; code=503' })).status).toBe(503);
    expect(countUpstream('/chat/completions') - before).toBe(1);
  });

  it('retries retryable upstream errors maxRetries times', async () => {
    const harness = await gateway({
      retry: { maxRetries: 1, initialDelayMs: 5 },
      forwardHeaders: ['x-emulator-scenario'],
    });
    const before = countUpstream('/chat/completions');
    expect((await chat(harness, { scenario: 'http-error; code=502' })).status).toBe(502);
    expect(countUpstream('/chat/completions') - before).toBe(2);
  });
});

describe('resolveApiKey', () => {
  it('uses the user’s own key when it returns one, the server key otherwise', async () => {
    const harness = await gateway({
      apiKey: undefined,
      authorize: (request: Request) => (request.headers['x-user'] as string | undefined) ?? false,
      resolveApiKey: (_request, { userId }) => (userId === 'own-key' ? userKey : undefined),
    });
    const own = await chat(harness, { headers: { 'x-user': 'own-key' } });
    expect(own.status).toBe(200);
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({ userId: 'own-key', userKey: true });
    // No server key configured: a user without a key of their own gets a clear 401.
    const none = await chat(harness, { headers: { 'x-user': 'someone' } });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).error.message).toBe('No OpenRouter key is available for this request');
  });
});

describe('caches', () => {
  it('modelsCacheTtlMs: /models is fetched once per TTL', async () => {
    const harness = await gateway({ modelsCacheTtlMs: 300 });
    const before = countUpstream('/models');
    await Promise.all([1, 2, 3].map(async () => readText(await fetch(`${harness.baseURL}/models`))));
    expect(countUpstream('/models') - before).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await readText(await fetch(`${harness.baseURL}/models`));
    expect(countUpstream('/models') - before).toBe(2);
  });

  it('generationTtlMs: a generation’s owner is forgotten after it', async () => {
    const harness = await gateway({ generationTtlMs: 1_000 });
    const { headers } = await chat(harness);
    const id = headers.get('x-generation-id')!;
    expect((await fetch(`${harness.baseURL}/generation?id=${id}`).then(readTextWithStatus)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await fetch(`${harness.baseURL}/generation?id=${id}`).then(readTextWithStatus)).status).toBe(404);
  });
});

async function readTextWithStatus(response: Response): Promise<{ status: number; text: string }> {
  return { status: response.status, text: await readText(response) };
}

describe('freeOnly and allowParams as functions of the request', () => {
  it('applies per-request policy values', async () => {
    const harness = await gateway({
      freeOnly: (request) => request.headers['x-tier'] !== 'paid',
      allowParams: (request) => (request.headers['x-tier'] === 'paid' ? ['temperature'] : []),
    });
    const freeUser = await chat(harness, { body: { temperature: 0.2 } });
    expect(freeUser.status).toBe(400);
    expect(JSON.parse(freeUser.text).error.message).toMatch(/parameter `temperature`/);
    const freeModel = await chat(harness);
    expect(freeModel.status).toBe(403);
    expect(JSON.parse(freeModel.text).error.message).toMatch(/only serves free models/);
    expect((await chat(harness, { headers: { 'x-tier': 'paid' }, body: { temperature: 0.2 } })).status).toBe(
      200,
    );
  });
});

describe('fetch and logger', () => {
  it('sends upstream requests through the injected fetch', async () => {
    const seen: string[] = [];
    const harness = await gateway({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect((await chat(harness)).status).toBe(200);
    expect(seen).toEqual([`${emulator.baseURL}/chat/completions`]);
  });

  it('gives the logger redacted lines only', async () => {
    const harness = await gateway({ forwardHeaders: ['x-emulator-scenario'] });
    await chat(harness, { scenario: 'http-error; code=500' });
    expect(harness.logs.some((line) => line.level === 'error')).toBe(true);
    expect(JSON.stringify(harness.logs)).not.toContain(serverKey);
  });
});
