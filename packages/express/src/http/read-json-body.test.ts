import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../logging/redactor';
import { rawRequest } from '../test-utils/raw-request';
import { type BodyResult, readJsonBody } from './read-json-body';
import { sendError } from './send-error';

const maxBytes = 1024;
let server: Server;
let url: string;
const outcomes: BodyResult[] = [];

function start(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => {
      resolve({ server: listening, url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` });
    });
  });
}

beforeAll(async () => {
  const app = express();
  app.post('/parsed', express.json(), async (request, response) => {
    const result = await readJsonBody(request, { maxBytes, timeoutMs: 300 });
    if (result.ok) response.json({ received: result.body });
    else if ('rejection' in result) sendError(response, result.rejection, { redactor: new Redactor() });
  });
  app.post('/', async (request, response) => {
    const result = await readJsonBody(request, { maxBytes, timeoutMs: 300 });
    outcomes.push(result);
    if (result.ok) response.json({ received: result.body, bytes: result.bytes });
    else if ('rejection' in result) {
      sendError(response, result.rejection, {
        redactor: new Redactor(),
        closeConnection: result.closeConnection,
      });
    }
  });
  ({ server, url } = await start(app));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = { 'content-type': 'application/json' };

function errorOf(body: string): { code: number; message: string; metadata?: Record<string, unknown> } {
  return (JSON.parse(body) as { error: { code: number; message: string } }).error;
}

describe('readJsonBody', () => {
  it('parses a JSON object and counts its bytes', async () => {
    const body = JSON.stringify({ model: 'openai/gpt-4o-mini', text: 'héllo' });
    const response = await rawRequest({ url, headers: json, pieces: [{ data: body }] });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      received: { model: 'openai/gpt-4o-mini', text: 'héllo' },
      bytes: Buffer.byteLength(body),
    });
  });

  it('accepts a body of exactly maxBytes', async () => {
    const padding = 'x'.repeat(maxBytes - '{"a":""}'.length);
    const response = await rawRequest({ url, headers: json, pieces: [{ data: `{"a":"${padding}"}` }] });
    expect(response.status).toBe(200);
  });

  it('answers 413 from Content-Length alone, before reading the body', async () => {
    const response = await rawRequest({
      url,
      headers: { ...json, 'content-length': String(maxBytes * 100) },
      pieces: [{ data: '{"a":"' }],
      leaveOpen: true,
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(errorOf(response.body)).toMatchObject({
      code: 413,
      message:
        'The request body is larger than this server accepts (1 KiB); send less (e.g. fewer or smaller images)',
      metadata: { error_type: 'body_too_large', max_bytes: maxBytes },
    });
  });

  it('answers 413 for a chunked body (no Content-Length), counting the bytes actually read', async () => {
    const pieces = Array.from({ length: 8 }, () => ({ data: 'x'.repeat(300), delayMs: 5 }));
    const response = await rawRequest({ url, headers: json, pieces: [{ data: '{"a":"' }, ...pieces] });
    expect(response.status).toBe(413);
  });

  it('answers 408 when the body arrives too slowly (slow loris)', async () => {
    const started = Date.now();
    const response = await rawRequest({
      url,
      headers: json,
      pieces: [{ data: '{"model":' }],
      leaveOpen: true,
    });
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errorOf(response.body).message).toMatch(/did not arrive within 300 ms \(9 bytes received\)/);
  });

  it.each([
    [{}, 415, /Content-Type: application\/json/],
    [{ 'content-type': 'text/plain' }, 415, /Content-Type: application\/json/],
    [{ ...json, 'content-encoding': 'gzip' }, 415, /Compressed request bodies \(gzip\)/],
  ])('answers %s with %i (CSRF-safe: only JSON bodies)', async (headers, status, message) => {
    const response = await rawRequest({ url, headers, pieces: [{ data: '{"a":1}' }] });
    expect(response.status).toBe(status);
    expect(errorOf(response.body).message).toMatch(message);
    // The body was never read: the connection closes instead of reading and discarding it.
    expect(response.headers.connection).toBe('close');
  });

  it('accepts application/json with a charset and +json types', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/vnd.api+json']) {
      const response = await rawRequest({
        url,
        headers: { 'content-type': type },
        pieces: [{ data: '{"a":1}' }],
      });
      expect(response.status).toBe(200);
    }
  });

  it.each([
    ['truncated JSON', '{"model": "x",', /could not parse/],
    ['an empty body', '', /empty/],
    ['an array', '[1,2]', /must be a JSON object/],
    ['a string', '"text"', /must be a JSON object/],
    ['a __proto__ key', '{"__proto__": {"polluted": true}}', /"__proto__" \(at __proto__\)/],
    [
      'a nested constructor key',
      '{"messages": [{"content": {"constructor": {"prototype": {}}}}]}',
      /"constructor" \(at messages\[0\]\.content\.constructor\)/,
    ],
    ['10,000 nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /must be a JSON object/],
    [
      '5,000 nested arrays in an object',
      `{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
      /nests deeper than 64 levels/,
    ],
  ])('answers 400 for %s', async (_name, body, message) => {
    const response = await rawRequest({
      url,
      headers: json,
      pieces: [{ data: body.slice(0, maxBytes * 20) }],
    });
    // The deep bodies exceed 1 KiB: they must be rejected either way without a stack overflow.
    expect([400, 413]).toContain(response.status);
    if (response.status === 400) expect(errorOf(response.body).message).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects deep nesting within the size limit without recursion', async () => {
    const body = `{"a":${'['.repeat(400)}${']'.repeat(400)}}`;
    const response = await rawRequest({ url, headers: json, pieces: [{ data: body }] });
    expect(response.status).toBe(400);
    expect(errorOf(response.body).message).toMatch(/nests deeper than 64 levels/);
  });

  it('answers 400 for invalid UTF-8', async () => {
    const response = await rawRequest({
      url,
      headers: json,
      pieces: [{ data: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) }],
    });
    expect(response.status).toBe(400);
    expect(errorOf(response.body).message).toMatch(/not valid UTF-8/);
  });

  it('reports a client that leaves mid-body (and sends nothing)', async () => {
    outcomes.length = 0;
    const attempt = rawRequest({
      url,
      headers: json,
      pieces: [{ data: '{"a":' }],
      leaveOpen: true,
      timeoutMs: 100,
    });
    await expect(attempt).rejects.toThrow();
    await expect.poll(() => outcomes.length).toBe(1);
    expect(outcomes[0]).toEqual({ ok: false, clientGone: true });
  });

  it('accepts a body express.json() already parsed, with the same checks', async () => {
    const ok = await rawRequest({ url: `${url}/parsed`, headers: json, pieces: [{ data: '{"a":1}' }] });
    expect(JSON.parse(ok.body)).toEqual({ received: { a: 1 } });
    const bad = await rawRequest({
      url: `${url}/parsed`,
      headers: json,
      pieces: [{ data: '{"b":{"__proto__":{"x":1}}}' }],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).message).toMatch(/__proto__/);
  });
});
