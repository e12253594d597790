import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { getJson, postJson } from '../test-utils/http';
import type { Emulator } from './emulator-types';
import { startEmulator } from './start-emulator';

const chat = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] };

describe('startEmulator', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('listens on a random loopback port and exposes url, baseURL and authURL', async () => {
    emulator = await startEmulator();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.baseURL).toBe(`${emulator.url}/api/v1`);
    expect(emulator.authURL).toBe(`${emulator.url}/auth`);
    expect(emulator.port).toBeGreaterThan(0);
    const index = await getJson(`${emulator.url}/`);
    expect(index.status).toBe(200);
    expect(index.body.name).toBe('openrouter-emulator');
  });

  it('records requests with parsed body, redacted headers, status, timing and generation id', async () => {
    emulator = await startEmulator();
    const response = await postJson(`${emulator.baseURL}/chat/completions?trace=1`, chat, {
      authorization: 'Bearer sk-or-v1-0123456789abcdef',
      'x-api-key': 'secret-value',
      cookie: 'session=abc',
      'x-provider-api-keys': '{"anthropic":"sk-ant-secret"}',
      'x-title': 'tests',
    });
    expect(response.status).toBe(200);
    await emulator.waitFor((requests) => requests[0]?.endedAt !== undefined);
    const [record] = emulator.requests;
    expect(record).toMatchObject({
      id: 'req_1',
      method: 'POST',
      path: '/api/v1/chat/completions',
      query: { trace: '1' },
      body: chat,
      status: 200,
      generationId: response.body.id,
      model: 'openai/gpt-4o-mini',
      provider: 'OpenAI',
    });
    expect(record?.headers.authorization).toBe('Bearer sk-or-v1-012...def');
    expect(record?.headers['x-api-key']).toBe('[redacted]');
    expect(record?.headers.cookie).toBe('[redacted]');
    expect(record?.headers['x-provider-api-keys']).toBe('[redacted]');
    expect(JSON.stringify(emulator.requests)).not.toContain('sk-ant-secret');
    expect(record?.headers['x-title']).toBe('tests');
    expect(JSON.stringify(emulator.requests)).not.toContain('0123456789abcdef');
    expect(record?.endedAt).toBeGreaterThanOrEqual(record?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(record?.clientDisconnectedAt).toBeUndefined();
  });

  it('records a body that is not JSON as raw text', async () => {
    emulator = await startEmulator();
    const response = await postJson(`${emulator.baseURL}/chat/completions`, '{not json');
    expect(response.status).toBe(400);
    expect(emulator.requests[0]?.body).toBe('{not json');
  });

  it('detects a client disconnect within 100 ms and records when it happened', async () => {
    emulator = await startEmulator();
    const controller = new AbortController();
    const response = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'slow-tokens; interval_ms=200' },
      body: JSON.stringify({ ...chat, stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    const abortedAt = Date.now();
    controller.abort();
    await emulator.waitFor((requests) => requests[0]?.clientDisconnectedAt !== undefined, {
      timeoutMs: 1000,
    });
    const disconnectedAt = emulator.requests[0]?.clientDisconnectedAt as number;
    expect(disconnectedAt - abortedAt).toBeLessThan(100);
    expect(emulator.requests[0]?.endedAt).toBeDefined();
  });

  it('detects a client that leaves while a non-streamed reply is still being prepared', async () => {
    emulator = await startEmulator();
    const controller = new AbortController();
    const pending = fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-emulator-scenario': 'slow-first-token; delay_ms=2000',
      },
      body: JSON.stringify(chat),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await emulator.waitFor((requests) => requests.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = Date.now();
    controller.abort();
    await pending;
    await emulator.waitFor((requests) => requests[0]?.clientDisconnectedAt !== undefined, {
      timeoutMs: 1000,
    });
    expect((emulator.requests[0]?.clientDisconnectedAt as number) - abortedAt).toBeLessThan(100);
  });

  it('waitFor rejects with a clear error on timeout', async () => {
    emulator = await startEmulator();
    await expect(emulator.waitFor((requests) => requests.length > 0, { timeoutMs: 50 })).rejects.toThrow(
      /did not hold within 50 ms \(0 requests recorded/,
    );
  });

  it('reset clears requests, spend, generations and counters but keeps the live array', async () => {
    emulator = await startEmulator({ apiKeys: [{ key: 'sk-or-v1-limited', limit: 1 }] });
    const auth = { authorization: 'Bearer sk-or-v1-limited' };
    const first = await postJson(`${emulator.baseURL}/chat/completions`, chat, auth);
    const live = emulator.requests;
    const keyBefore = await getJson(`${emulator.baseURL}/key`, auth);
    expect(keyBefore.body.data.usage).toBeGreaterThan(0);
    emulator.reset();
    expect(live).toHaveLength(0);
    expect(emulator.requests).toBe(live);
    const keyAfter = await getJson(`${emulator.baseURL}/key`, auth);
    expect(keyAfter.body.data.usage).toBe(0);
    const generation = await getJson(`${emulator.baseURL}/generation?id=${first.body.id}`, auth);
    expect(generation.status).toBe(404);
  });

  it('caps the request log', async () => {
    emulator = await startEmulator({ maxRecordedRequests: 3 });
    for (let index = 0; index < 5; index++) await getJson(`${emulator.baseURL}/models`);
    expect(emulator.requests.map((request) => request.id)).toEqual(['req_3', 'req_4', 'req_5']);
  });

  it('close() ends open streams and leaves no handles behind', async () => {
    const before = process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap').length;
    emulator = await startEmulator();
    const response = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'slow-tokens; interval_ms=1000' },
      body: JSON.stringify({ ...chat, stream: true }),
    });
    const reading = response.text().catch((error: unknown) => error);
    const started = Date.now();
    await emulator.close();
    emulator = undefined;
    await reading;
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap').length;
    expect(after).toBeLessThanOrEqual(before);
  });

  it('answers CORS preflights and unknown routes with OpenRouter envelopes', async () => {
    emulator = await startEmulator();
    const preflight = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://example.com',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    const missing = await getJson(`${emulator.baseURL}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 404 });
    const wrongMethod = await getJson(`${emulator.baseURL}/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.message).toMatch(/POST/);
  });

  it('rejects bodies over maxBodyBytes with a 413', async () => {
    emulator = await startEmulator({ maxBodyBytes: 100 });
    const response = await postJson(`${emulator.baseURL}/chat/completions`, {
      ...chat,
      messages: [{ role: 'user', content: 'x'.repeat(500) }],
    });
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/too large/);
  });

  it('validates its options', async () => {
    await expect(startEmulator({ latency: { firstTokenMs: -1 } })).rejects.toThrow(/firstTokenMs/);
    await expect(startEmulator({ keepAliveIntervalMs: 0 })).rejects.toThrow(/keepAliveIntervalMs/);
  });

  it('rejects malformed HTTP with a 400 instead of hanging', async () => {
    emulator = await startEmulator();
    const { port } = emulator;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest({
        port,
        host: '127.0.0.1',
        method: 'GET',
        path: '/api/v1/models',
        headers: { 'content-length': 'abc' },
      });
      request.on('response', (response) => {
        resolve(response.statusCode);
        response.resume();
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(400);
  });

  it('hashResponses records every body byte written: streamed, JSON, errors, and up to a client disconnect', async () => {
    emulator = await startEmulator({ hashResponses: true });
    const long = { ...chat, stream: true, messages: [{ role: 'user', content: 'Hello [[tokens: 120]]' }] };
    const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
    const streamed = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'keepalives' },
      body: JSON.stringify(long),
    });
    const streamedBody = new Uint8Array(await streamed.arrayBuffer());
    expect(streamed.status).toBe(200);
    expect(new TextDecoder().decode(streamedBody)).toContain(': OPENROUTER PROCESSING');
    const json = await fetch(`${emulator.baseURL}/models`);
    const jsonBody = new Uint8Array(await json.arrayBuffer());
    const failed = await fetch(`${emulator.baseURL}/chat/completions`, { method: 'POST', body: '{not json' });
    const failedBody = new Uint8Array(await failed.arrayBuffer());
    await emulator.waitFor(
      (requests) => requests.filter((request) => request.endedAt !== undefined).length === 3,
    );
    const [streamedRecord, jsonRecord, failedRecord] = emulator.requests;
    expect(streamedRecord).toMatchObject({
      responseBytes: streamedBody.byteLength,
      responseSha256: digest(streamedBody),
    });
    expect(streamedBody.byteLength).toBeGreaterThan(100);
    expect(jsonRecord).toMatchObject({
      responseBytes: jsonBody.byteLength,
      responseSha256: digest(jsonBody),
    });
    expect(failedRecord).toMatchObject({
      status: 400,
      responseBytes: failedBody.byteLength,
      responseSha256: digest(failedBody),
    });

    // A client that leaves mid-stream: the digest covers what was written until then.
    const controller = new AbortController();
    const partial = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'slow-tokens; interval_ms=100' },
      body: JSON.stringify(long),
      signal: controller.signal,
    });
    await partial.body!.getReader().read();
    controller.abort();
    await emulator.waitFor((requests) => requests[3]?.endedAt !== undefined, { timeoutMs: 1000 });
    expect(emulator.requests[3]?.clientDisconnectedAt).toBeDefined();
    expect(emulator.requests[3]?.responseBytes).toBeGreaterThan(0);
    expect(emulator.requests[3]?.responseBytes).toBeLessThan(streamedBody.byteLength);
    expect(emulator.requests[3]?.responseSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records no digest without hashResponses', async () => {
    emulator = await startEmulator();
    await getJson(`${emulator.baseURL}/models`);
    await emulator.waitFor((requests) => requests[0]?.endedAt !== undefined);
    expect(emulator.requests[0]).not.toHaveProperty('responseSha256');
    expect(emulator.requests[0]).not.toHaveProperty('responseBytes');
  });

  it('reports each finished request to onRequest', async () => {
    const seen: string[] = [];
    emulator = await startEmulator({
      onRequest: (request) => seen.push(`${request.method} ${request.path} ${request.status}`),
    });
    await getJson(`${emulator.baseURL}/models`);
    await emulator.waitFor(() => seen.length === 1);
    expect(seen).toEqual(['GET /api/v1/models 200']);
  });
});
