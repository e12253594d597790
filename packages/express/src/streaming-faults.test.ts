import { request as httpRequest } from 'node:http';
import { MODEL_IDS } from '@openrouter-adapters/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captured, findLeaks, type Harness, readText, startHarness } from './test-utils/gateway-harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    middleware: {
      forwardHeaders: ['x-emulator-scenario'],
      idleTimeoutMs: 400,
      limits: { concurrentStreams: 1 },
    },
  });
});

beforeEach(() => {
  harness.usage.length = 0;
  harness.errors.length = 0;
  harness.emulator.reset();
});

afterAll(async () => {
  await harness.close();
  expect(findLeaks()).toEqual([]);
});

function chat(init: {
  scenario?: string;
  content?: string;
  stream?: boolean;
  model?: string;
  signal?: AbortSignal;
  models?: string[];
}) {
  return fetch(`${harness.baseURL}/chat/completions`, {
    method: 'POST',
    signal: init.signal,
    headers: {
      'content-type': 'application/json',
      ...(init.scenario ? { 'x-emulator-scenario': init.scenario } : {}),
    },
    body: JSON.stringify({
      model: init.model ?? MODEL_IDS.gpt4oMini,
      ...(init.models ? { models: init.models } : {}),
      stream: init.stream ?? true,
      messages: [{ role: 'user', content: init.content ?? 'Tell me a story [[tokens: 40]]' }],
    }),
  });
}

type Chunk = { error?: { code: number; message: string }; choices?: Array<{ finish_reason: string | null }> };

function events(text: string): Chunk[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Chunk);
}

/** Reads `count` network chunks of a streamed body, then leaves the reader open. */
async function readSome(response: Response, count: number): Promise<string> {
  const reader = response.body!.getReader();
  let text = '';
  for (let index = 0; index < count; index++) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  captured.push(text);
  return text;
}

// The 100 ms bound is measured in one process shared by client, middleware and emulator; on a
// loaded machine a scheduler stall can exceed it, so each timing test gets two more tries.
describe('client disconnects', { retry: 2 }, () => {
  it('abort mid-stream reaches the emulator within 100 ms, frees the stream slot and still reports usage', async () => {
    const controller = new AbortController();
    const response = await chat({
      scenario: 'slow-tokens; interval_ms=40',
      content: 'Long story [[tokens: 200]]',
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const seen = await readSome(response, 3);
    expect(seen).toContain('data: ');
    const abortedAt = Date.now();
    controller.abort();
    await harness.emulator.waitFor(
      (requests) => requests.some((request) => request.clientDisconnectedAt !== undefined),
      {
        timeoutMs: 2_000,
      },
    );
    const upstream = harness.emulator.requests.find((request) => request.clientDisconnectedAt !== undefined)!;
    expect(upstream.clientDisconnectedAt! - abortedAt).toBeLessThan(100);

    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({
      completed: false,
      incompleteReason: 'client-aborted',
      usage: undefined,
      charged: { estimated: true },
    });
    expect(harness.usage[0]!.charged.tokens).toBeGreaterThan(0);
    expect(harness.usage[0]!.charged.usd).toBeGreaterThan(0);
    expect(harness.usage[0]!.generationId).toMatch(/^gen-/);

    // concurrentStreams is 1: a new stream is admitted at once because the slot was released.
    const next = await chat({});
    expect(next.status).toBe(200);
    await readText(next);
  });

  it('abort while waiting for the first token (keep-alives) reaches the emulator within 100 ms', async () => {
    const controller = new AbortController();
    const response = await chat({
      scenario: 'slow-first-token; delay_ms=5000; keepalive_ms=100',
      signal: controller.signal,
    });
    const seen = await readSome(response, 1);
    expect(seen).toContain(': OPENROUTER PROCESSING');
    const abortedAt = Date.now();
    controller.abort();
    await harness.emulator.waitFor(
      (requests) => requests.some((request) => request.clientDisconnectedAt !== undefined),
      {
        timeoutMs: 2_000,
      },
    );
    const upstream = harness.emulator.requests.find((request) => request.clientDisconnectedAt !== undefined)!;
    expect(upstream.clientDisconnectedAt! - abortedAt).toBeLessThan(100);
  });

  it('abort of a non-streamed request before its answer reaches the emulator within 100 ms', async () => {
    const controller = new AbortController();
    const attempt = chat({
      scenario: 'slow-first-token; delay_ms=5000',
      stream: false,
      signal: controller.signal,
    });
    await harness.emulator.waitFor((requests) => requests.length === 1, { timeoutMs: 2_000 });
    const abortedAt = Date.now();
    controller.abort();
    await expect(attempt).rejects.toThrow();
    await harness.emulator.waitFor((requests) => requests[0]?.clientDisconnectedAt !== undefined, {
      timeoutMs: 2_000,
    });
    expect(harness.emulator.requests[0]!.clientDisconnectedAt! - abortedAt).toBeLessThan(100);
  });
});

describe('keep-alives and backpressure', () => {
  it('passes keep-alive comments through while the first token is pending', async () => {
    const text = await readText(await chat({ scenario: 'slow-first-token; delay_ms=300; keepalive_ms=50' }));
    expect(text.match(/: OPENROUTER PROCESSING/g)?.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('data: [DONE]');
  });

  it('stops reading upstream while the client does not read, then delivers everything', async () => {
    const body = JSON.stringify({
      model: MODEL_IDS.gpt4oMini,
      stream: true,
      messages: [{ role: 'user', content: 'A very long answer [[tokens: 100000]]' }],
    });
    const url = new URL(`${harness.baseURL}/chat/completions`);
    const received: Buffer[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          response.pause();
          setTimeout(async () => {
            // The client read nothing for a second: upstream must still be mid-stream (held back by backpressure).
            try {
              expect(harness.emulator.requests[0]?.endedAt).toBeUndefined();
            } catch (error) {
              reject(error);
              return;
            }
            response.on('data', (chunk: Buffer) => received.push(chunk));
            response.on('end', resolve);
            response.resume();
          }, 1_000);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    await done;
    const text = Buffer.concat(received).toString('utf8');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(harness.emulator.requests[0]?.endedAt).toBeDefined();
  }, 30_000);
});

describe('failures after the first byte end the stream with an in-band error, never a clean end', () => {
  it('forwards an upstream in-band error untouched (and the openai client throws)', async () => {
    const text = await readText(await chat({ scenario: 'mid-stream-error; after=3; code=502' }));
    const last = events(text).at(-1)!;
    expect(last.error?.code).toBe(502);
    expect(last.choices?.[0]?.finish_reason).toBe('error');
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({ completed: false, incompleteReason: 'upstream-error' });
    expect(harness.errors.map((entry) => entry.context.phase)).toContain('stream');

    const client = new OpenAI({
      baseURL: harness.baseURL,
      apiKey: 'placeholder',
      maxRetries: 0,
      defaultHeaders: { 'x-emulator-scenario': 'mid-stream-error; after=3' },
    });
    const stream = await client.chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    ).rejects.toThrow();
  });

  it('ends a stream whose upstream connection dropped with an explicit error event and [DONE]', async () => {
    const response = await chat({ scenario: 'disconnect; after=3' });
    expect(response.status).toBe(200);
    const text = await readText(response);
    const last = events(text).at(-1)!;
    expect(last.error).toMatchObject({
      code: 502,
      message: expect.stringMatching(/upstream connection failed mid-stream/),
    });
    expect(last.choices?.[0]?.finish_reason).toBe('error');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({
      completed: false,
      incompleteReason: 'upstream-reset',
      charged: { estimated: true },
    });
  });

  it('ends a truncated stream (EOF before a finish) with an explicit error event', async () => {
    const text = await readText(await chat({ scenario: 'truncate; after=3' }));
    const last = events(text).at(-1)!;
    expect(last.error?.message).toMatch(/ended before the answer was finished/);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({ completed: false, incompleteReason: 'truncated' });
  });

  it('ends a stream that goes silent longer than idleTimeoutMs with an explicit error event', async () => {
    const started = Date.now();
    const text = await readText(await chat({ scenario: 'slow-tokens; interval_ms=2000' }));
    expect(Date.now() - started).toBeLessThan(1_500);
    const last = events(text).at(-1)!;
    expect(last.error).toMatchObject({ code: 504, message: expect.stringMatching(/went silent for 400 ms/) });
    await harness.emulator.waitFor((requests) => requests[0]?.clientDisconnectedAt !== undefined, {
      timeoutMs: 1_000,
    });
  });

  it('forwards a malformed chunk as is (the bytes are upstream’s) and reports the stream incomplete', async () => {
    const text = await readText(await chat({ scenario: 'malformed-chunk; after=2' }));
    expect(text).toContain('data: [DONE]');
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({ completed: false, incompleteReason: 'malformed-chunk' });
  });

  it('forwards an in-band error without id or choices (error-in-200-body, streamed)', async () => {
    const text = await readText(await chat({ scenario: 'error-in-200-body; code=503' }));
    expect(events(text)[0]?.error?.code).toBe(503);
  });
});

describe('failures before the first byte', () => {
  it('retries upstream before the first byte, then answers the 429 with Retry-After', async () => {
    const response = await chat({ scenario: 'rate-limit; retry_after=1' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as { error: { code: number; message: string } };
    captured.push(JSON.stringify(body));
    expect(body.error.code).toBe(429);
    expect(
      harness.emulator.requests.filter((request) => request.path.endsWith('/chat/completions')),
    ).toHaveLength(3);
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]).toMatchObject({
      completed: false,
      incompleteReason: 'upstream-error',
      charged: { tokens: 0, usd: 0 },
    });
  }, 15_000);

  it('turns a 200 body holding only an error into that error (non-streamed)', async () => {
    const response = await chat({ scenario: 'error-in-200-body; code=502', stream: false });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: number } };
    captured.push(JSON.stringify(body));
    expect(body.error.code).toBe(502);
  });

  it('answers upstream HTTP errors with OpenRouter’s envelope and the provider’s real message', async () => {
    const response = await chat({ scenario: 'http-error; code=400', stream: false });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: number; message: string } };
    captured.push(JSON.stringify(body));
    expect(body.error.code).toBe(400);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(harness.emulator.requests).toHaveLength(1);
  });

  it('serves through the models fallback when the first model always fails', async () => {
    const response = await chat({
      model: MODEL_IDS.always503,
      models: [MODEL_IDS.always503, MODEL_IDS.gpt4oMini],
      stream: false,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model: string };
    captured.push(JSON.stringify(body));
    expect(body.model).toBe(MODEL_IDS.gpt4oMini);
  });

  it('tolerates leading whitespace keep-alives in a non-streamed answer', async () => {
    const response = await chat({ scenario: 'leading-whitespace; count=3', stream: false });
    expect(response.status).toBe(200);
    const text = await readText(response);
    expect(JSON.parse(text)).toMatchObject({ object: 'chat.completion' });
    await expect.poll(() => harness.usage.length).toBe(1);
    expect(harness.usage[0]?.usage?.totalTokens).toBeGreaterThan(0);
  });
});
