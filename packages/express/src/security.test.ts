import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidOptionsError } from '@openrouter-adapters/core';
import { MODEL_IDS } from '@openrouter-adapters/emulator';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRouter } from './open-router';
import {
  captured,
  findLeaks,
  type Harness,
  readText,
  serverKey,
  startHarness,
} from './test-utils/gateway-harness';

/**
 * A hostile upstream that echoes the Authorization header it receives everywhere it can: in
 * error bodies, SSE frames, JSON bodies and response headers. The middleware must not pass the
 * key on (defence in depth: OpenRouter never does this).
 */
function hostileUpstream(): Promise<{ server: Server; baseURL: string }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const auth = request.headers.authorization ?? '';
    const key = auth.replace(/^Bearer /, '');
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const stream = body.includes('"stream":true');
      const headers = {
        'x-echo-auth': auth,
        'set-cookie': `upstream=${key}`,
        'x-generation-id': 'gen-hostile-1',
      };
      if (body.includes('stream error please')) {
        response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
        response.write(
          `data: ${JSON.stringify({ id: 'gen-hostile-1', object: 'chat.completion.chunk', created: 1, model: 'openai/gpt-4o-mini', choices: [{ index: 0, delta: { content: `partial ${key}` }, finish_reason: null }] })}\n\n`,
        );
        response.end(
          `data: ${JSON.stringify({ id: 'gen-hostile-1', object: 'chat.completion.chunk', created: 1, model: 'openai/gpt-4o-mini', error: { code: 502, message: `upstream saw ${auth}` }, choices: [{ index: 0, delta: {}, finish_reason: 'error' }] })}\n\ndata: [DONE]\n\n`,
        );
      } else if (body.includes('error please')) {
        response.writeHead(400, { ...headers, 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: { code: 400, message: `Bad key ${key}`, metadata: { raw: `{"auth":"${auth}"}` } },
          }),
        );
      } else if (stream) {
        response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
        const chunk = (content: string, extra: Record<string, unknown> = {}) =>
          `data: ${JSON.stringify({ id: 'gen-hostile-1', object: 'chat.completion.chunk', created: 1, model: 'openai/gpt-4o-mini', choices: [{ index: 0, delta: { content }, finish_reason: null }], ...extra })}\n\n`;
        response.write(chunk(`your key is ${key}`));
        response.write(
          chunk('', {
            choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.000001 },
          }),
        );
        response.end('data: [DONE]\n\n');
      } else {
        response.writeHead(200, { ...headers, 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            id: 'gen-hostile-1',
            object: 'chat.completion',
            created: 1,
            model: 'openai/gpt-4o-mini',
            choices: [
              { index: 0, message: { role: 'assistant', content: `key ${key}` }, finish_reason: 'stop' },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.000001 },
          }),
        );
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1` }),
    );
  });
}

let hostile: { server: Server; baseURL: string };
let harness: Harness;

beforeAll(async () => {
  hostile = await hostileUpstream();
  harness = await startHarness({ middleware: { baseURL: hostile.baseURL } });
});

afterAll(async () => {
  await harness.close();
  hostile.server.closeAllConnections();
  await new Promise((resolve) => hostile.server.close(resolve));
  expect(findLeaks()).toEqual([]);
});

async function post(content: string, stream: boolean) {
  const response = await fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, stream, messages: [{ role: 'user', content }] }),
  });
  const text = await readText(response);
  captured.push(JSON.stringify([...response.headers.entries()]));
  return { response, text };
}

describe('the server key never reaches a client, even from an upstream that echoes it', () => {
  it('is removed from error responses', async () => {
    const { response, text } = await post('error please', false);
    expect(response.status).toBe(400);
    expect(text).not.toContain(serverKey);
    expect(text).toContain('[redacted]');
  });

  it('is removed from SSE frames and from non-streamed bodies', async () => {
    const streamed = await post('hello', true);
    expect(streamed.text).not.toContain(serverKey);
    expect(streamed.text).toContain('your key is [redacted]');
    const whole = await post('hello', false);
    expect(whole.text).not.toContain(serverKey);
    expect(JSON.parse(whole.text).choices[0].message.content).toBe('key [redacted]');
  });

  it('is removed from in-band stream errors, their partial output and what onError receives', async () => {
    const { text } = await post('stream error please', true);
    expect(text).not.toContain(serverKey);
    expect(text).toContain('upstream saw Bearer [redacted]');
    const streamError = harness.errors.find((entry) => entry.context.phase === 'stream')!;
    expect(streamError).toBeDefined();
    const error = streamError.error as Error & { partial?: unknown };
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify(error.partial)).not.toContain(serverKey);
  });

  it('never copies upstream headers outside the allowlist', async () => {
    const { response } = await post('hello', false);
    expect(response.headers.get('x-echo-auth')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-generation-id')).toBe('gen-hostile-1');
  });

  it('is absent from every log line, error and usage event', () => {
    expect(harness.logs.length + harness.errors.length + harness.usage.length).toBeGreaterThan(0);
    const everything =
      JSON.stringify([harness.logs, harness.usage]) +
      harness.errors.map((entry) => String(entry.error)).join('');
    expect(everything).not.toContain(serverKey);
  });
});

describe('errors that belong to the application go to next(error)', () => {
  let appHarness: Harness;

  beforeAll(async () => {
    appHarness = await startHarness({
      middleware: {
        authorize: (request) => {
          if (request.headers['x-user'] === 'boom') throw new Error('session store down');
          return (request.headers['x-user'] as string | undefined) ?? false;
        },
        resolveApiKey: (request) => (request.headers['x-bad-key'] ? (42 as unknown as string) : undefined),
        models: (request) => (request.headers['x-bad-models'] ? (['bad id'] as string[]) : ['openai/*']),
      },
    });
  });

  afterAll(() => appHarness.close());

  async function call(headers: Record<string, string>) {
    const response = await fetch(`${appHarness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content: 'hi' }] }),
    });
    return { status: response.status, body: await readText(response) };
  }

  it('passes a throwing authorize to the app’s error handler', async () => {
    const result = await call({ 'x-user': 'boom' });
    expect(result.status).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ appError: 'session store down' });
  });

  it('passes bad values returned by option functions to the app’s error handler', async () => {
    const badKey = await call({ 'x-user': 'u', 'x-bad-key': '1' });
    expect(badKey.status).toBe(500);
    expect(JSON.parse(badKey.body).appError).toMatch(/must return a non-empty string or undefined/);
    const badModels = await call({ 'x-user': 'u', 'x-bad-models': '1' });
    expect(badModels.status).toBe(500);
    expect(JSON.parse(badModels.body).appError).toMatch(/contains spaces/);
  });

  it('rejects with 401 when authorize returns false', async () => {
    const result = await call({});
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body).error.message).toMatch(/Sign in to use this API/);
  });
});

describe('options are validated when the middleware is created', () => {
  it('lists every problem in one InvalidOptionsError', () => {
    let error: unknown;
    try {
      openRouter({
        baseURL: 'ftp://nope',
        apiKey: '',
        models: ['openai/gpt*'],
        maxTokens: -5,
        maxBodyBytes: 0,
        limits: { requestsPerMinut: 3 } as never,
        forwardHeaders: ['authorization', 'x-ok'],
        allowParams: ['maxTokens'],
        defaults: { provider: { data_collection: 'deny' } } as never,
        signIn: { keyStore: {} as never },
      });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidOptionsError.isInstance(error)).toBe(true);
    const paths = (error as InvalidOptionsError).issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'baseURL',
        'apiKey',
        'models',
        'maxTokens',
        'maxBodyBytes',
        'limits.requestsPerMinut',
        'forwardHeaders',
        'allowParams',
        'signIn',
        'signIn.keyStore',
      ]),
    );
    expect(paths.some((path) => path.startsWith('defaults.provider'))).toBe(true);
    expect((error as Error).message).toMatch(/"authorization" can never be forwarded/);
  });

  it('names a store that lacks part of the Store interface, and a bad budgetQueueTimeoutMs', () => {
    const store = { increment: async () => ({ value: 0, resetAtMs: 0 }), get: async () => undefined };
    let error: unknown;
    try {
      openRouter({ apiKey: serverKey, store: store as never, budgetQueueTimeoutMs: -1 });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionsError).issues).toEqual([
      {
        path: 'store',
        message:
          'must implement the Store interface (memoryStore() or redisStore({ client })); missing consume, set, delete, close',
      },
      { path: 'budgetQueueTimeoutMs', message: 'must be a positive number, got -1' },
    ]);
  });

  it('is an Express middleware function with a close()', async () => {
    const middleware = openRouter({ apiKey: serverKey });
    const app = express();
    app.use('/x', middleware);
    expect(typeof middleware).toBe('function');
    expect(middleware.name).toBe('openRouterMiddleware');
    await middleware.close();
  });
});
