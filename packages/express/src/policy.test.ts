import { MODEL_IDS } from '@openrouter-adapters/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  captured,
  findLeaks,
  type Harness,
  readText,
  serverKey,
  startHarness,
} from './test-utils/gateway-harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    middleware: {
      models: ['openai/*', MODEL_IDS.claudeSonnet, MODEL_IDS.llamaFree],
      maxTokens: 64,
      denyParams: ['plugins'],
      forwardHeaders: ['x-session-id'],
      defaults: {
        provider: { dataCollection: 'deny', zdr: true, ignore: ['deepinfra'], maxPrice: { prompt: 5 } },
        transforms: ['middle-out'],
        appName: 'Gateway test app',
        appUrl: 'https://gateway.example',
      },
    },
  });
});

beforeEach(() => harness.emulator.reset());

afterAll(async () => {
  await harness.close();
  expect(findLeaks()).toEqual([]);
});

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  const text = await readText(response);
  return {
    status: response.status,
    json: JSON.parse(text) as {
      error?: { code: number; message: string; metadata?: Record<string, unknown> };
    },
  };
}

describe('model allowlist: bypass attempts are rejected and never reach upstream', () => {
  it.each([
    ['a model outside the list', { model: MODEL_IDS.geminiFlash }],
    [
      'a disallowed model hidden in the models fallback array',
      { model: MODEL_IDS.gpt4oMini, models: [MODEL_IDS.gpt4oMini, MODEL_IDS.geminiFlash] },
    ],
    ['only a fallback array with a disallowed entry', { models: [MODEL_IDS.geminiFlash] }],
    ['a variant of a listed variant’s base', { model: MODEL_IDS.llama }],
    ['another variant of a listed variant', { model: `${MODEL_IDS.llama}:nitro` }],
    ['an upper-case trick', { model: 'Anthropic/claude-sonnet-4.6' }],
    ['an author case trick', { model: 'OPENAI/gpt-4o-mini' }],
    ['leading whitespace', { model: ` ${MODEL_IDS.claudeSonnet}` }],
    ['trailing whitespace', { model: `${MODEL_IDS.claudeSonnet}\t` }],
    ['a zero-width space', { model: `openai/gpt-4o-mini\u200b` }],
    ['a Cyrillic look-alike', { model: 'аnthropic/claude-sonnet-4.6' }],
    ['an alias of a non-listed family', { model: '~anthropic/claude-opus-latest' }],
    ['the auto router', { model: MODEL_IDS.auto }],
    ['no model at all (the account default would serve)', {}],
  ])('%s', async (_name, body) => {
    const { status, json } = await post(body);
    expect([400, 403]).toContain(status);
    expect(json.error?.message).toMatch(/not allowed|Name a model/);
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it('allows listed ids, author patterns and variants of allowed bases', async () => {
    for (const model of [MODEL_IDS.gpt4oMini, `${MODEL_IDS.gpt4oMini}:nitro`, MODEL_IDS.claudeSonnet]) {
      const { status } = await post({ model });
      expect(status, model).toBe(200);
    }
    // The free model reaches upstream, where the server's zero-data-retention defaults leave it no endpoint.
    const free = await post({ model: MODEL_IDS.llamaFree });
    expect(free.status).toBe(404);
    expect(free.json.error?.metadata).not.toMatchObject({ limit_source: 'gateway' });
    expect(harness.emulator.requests).toHaveLength(4);
  });
});

describe('parameters, clamp and server defaults reach upstream as the server wants', () => {
  it('clamps max_tokens and sets it when missing', async () => {
    await post({ model: MODEL_IDS.gpt4oMini, max_tokens: 100_000 });
    await post({ model: MODEL_IDS.gpt4oMini });
    expect(
      harness.emulator.requests.map((request) => (request.body as { max_tokens: number }).max_tokens),
    ).toEqual([64, 64]);
  });

  it('rejects denied parameters without calling upstream', async () => {
    const { status, json } = await post({ model: MODEL_IDS.gpt4oMini, plugins: [{ id: 'web' }] });
    expect(status).toBe(400);
    expect(json.error?.message).toBe('This server does not accept the parameter `plugins`; remove it');
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it('merges provider defaults so a client cannot loosen them (dataCollection "deny" stays deny)', async () => {
    const { status } = await post({
      model: MODEL_IDS.gpt4oMini,
      transforms: [],
      provider: {
        data_collection: 'allow',
        zdr: false,
        ignore: ['groq'],
        max_price: { prompt: 100 },
        sort: 'latency',
      },
    });
    expect(status).toBe(200);
    const sent = harness.emulator.requests[0]!.body as Record<string, unknown>;
    expect(sent.provider).toEqual({
      data_collection: 'deny',
      zdr: true,
      ignore: ['deepinfra', 'groq'],
      max_price: { prompt: 5 },
      sort: 'latency',
    });
    // An ordinary default the client may change.
    expect(sent.transforms).toEqual([]);
  });

  it('fills defaults the client did not send, and sets the attribution headers server-side', async () => {
    await post({ model: MODEL_IDS.gpt4oMini });
    const upstream = harness.emulator.requests[0]!;
    expect(upstream.body).toMatchObject({
      transforms: ['middle-out'],
      provider: { data_collection: 'deny', zdr: true },
    });
    expect(upstream.headers['x-openrouter-title']).toBe('Gateway test app');
    expect(upstream.headers['http-referer']).toBe('https://gateway.example');
  });
});

describe('headers', () => {
  it('never forwards client headers except the server’s allowlist', async () => {
    const { status } = await post(
      { model: MODEL_IDS.gpt4oMini },
      {
        authorization: 'Bearer sk-or-v1-client-supplied-key-0000000000',
        'x-emulator-scenario': 'http-error; code=500',
        'x-forwarded-host': 'evil.example',
        'http-referer': 'https://evil.example',
        'x-openrouter-title': 'Evil',
        cookie: 'session=1',
        'x-session-id': 'session-42',
      },
    );
    expect(status).toBe(200);
    const headers = harness.emulator.requests[0]!.headers;
    expect(headers['x-emulator-scenario']).toBeUndefined();
    expect(headers['x-forwarded-host']).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['http-referer']).toBe('https://gateway.example');
    expect(headers['x-openrouter-title']).toBe('Gateway test app');
    expect(headers['x-session-id']).toBe('session-42');
    expect(headers.authorization).toBeDefined();
    expect(headers.authorization).not.toContain('client-supplied');
    expect(JSON.stringify(headers)).not.toContain(serverKey);
  });

  it('passes only allowlisted upstream response headers to the client', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content: 'hi' }] }),
    });
    captured.push(await response.text());
    const allowed = [
      'connection',
      'content-length',
      'content-type',
      'date',
      'keep-alive',
      'server-timing',
      'x-generation-id',
    ];
    const names = [...response.headers.keys()];
    for (const name of names) expect(allowed, `unexpected response header ${name}`).toContain(name);
    expect(names).toContain('x-generation-id');
  });
});
