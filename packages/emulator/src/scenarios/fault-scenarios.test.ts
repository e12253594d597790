import { parseJson } from '@openrouter-adapters/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, getJson, parseSse, postJson, postSse } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());
const url = (): string => `${emulator.baseURL}/chat/completions`;
const body = (content = 'Tell me something [[tokens: 12]]', model: string = MODEL_IDS.gpt4oMini) => ({
  model,
  messages: [{ role: 'user', content }],
});
const scenario = (value: string) => ({ 'x-emulator-scenario': value });

/** Reads a stream as timed pieces until it ends or fails (for timing and socket-level faults). */
async function readTimed(
  response: Response,
): Promise<{ pieces: Array<{ at: number; text: string }>; error?: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const pieces: Array<{ at: number; text: string }> = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { pieces };
      pieces.push({ at: Date.now(), text: decoder.decode(value, { stream: true }) });
    }
  } catch (error) {
    return { pieces, error };
  }
}

const streamRequest = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
  fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...body(), stream: true, ...extra }),
    signal: AbortSignal.timeout(10_000),
  });

describe('mid-stream-error', () => {
  it('streams `after` chunks then an in-band error chunk with finish_reason "error", then [DONE]', async () => {
    const result = await postSse(url(), body(), scenario('mid-stream-error; after=3; code=429'));
    expect(result.status).toBe(200);
    expect(result.chunks).toHaveLength(4);
    expect(result.chunks[3]).toMatchObject({
      id: result.chunks[0]?.id,
      provider: 'OpenAI',
      error: {
        code: 429,
        message: expect.any(String),
        metadata: { error_type: 'rate_limit_exceeded', provider_name: 'OpenAI' },
      },
      choices: [{ index: 0, finish_reason: 'error', native_finish_reason: 'error' }],
    });
    expect(result.done).toBe(true);
    expect(result.chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('done=false ends with EOF instead of [DONE]; defaults are after=2, code=502', async () => {
    const result = await postSse(url(), body(), scenario('mid-stream-error; done=false'));
    expect(result.done).toBe(false);
    expect(result.chunks).toHaveLength(3);
    expect(result.chunks[2]?.error.code).toBe(502);
  });

  it('non-streamed: 200 with a choice-level error and the partial content, billed for what was generated', async () => {
    const response = await postJson(
      url(),
      body('[[reply: one two three four]]'),
      scenario('mid-stream-error; after=2; code=500'),
    );
    expect(response.status).toBe(200);
    expect(response.body.choices[0]).toMatchObject({
      finish_reason: 'error',
      native_finish_reason: 'error',
      message: { content: 'one two' },
      error: { code: 500 },
    });
    expect(response.body.usage.completion_tokens).toBe(2);
  });

  it('works as model emulator/mid-stream-error with parameters from the header', async () => {
    const result = await postSse(
      url(),
      body('x', 'emulator/mid-stream-error'),
      scenario('after=1; code=503'),
    );
    expect(result.chunks).toHaveLength(2);
    expect(result.chunks[1]).toMatchObject({ provider: 'FakeProvider', error: { code: 503 } });
  });
});

describe('rate-limit, unavailable, http-error', () => {
  it('rate-limit: a 429 before the first byte, Retry-After only when retry_after is given', async () => {
    const withRetry = await postJson(url(), body(), scenario('rate-limit; retry_after=7'));
    expect(withRetry.status).toBe(429);
    expect(withRetry.headers.get('retry-after')).toBe('7');
    expect(withRetry.body.error).toMatchObject({
      code: 429,
      message: 'Rate limit exceeded',
      metadata: { retry_after_seconds: 7, provider_name: 'OpenAI' },
    });
    expect(withRetry.body.error.metadata.raw).toMatch(/is temporarily rate-limited upstream/);
    const without = await postJson(url(), body(), scenario('rate-limit'));
    expect(without.headers.get('retry-after')).toBeNull();
    const streamed = await postSse(url(), body(), scenario('rate-limit'));
    expect(streamed.status).toBe(429);
    expect(streamed.headers.get('content-type')).toBe('application/json');
  });

  it('times=N applies a scenario to the first N requests only (a retry then succeeds)', async () => {
    const headers = scenario('rate-limit; retry_after=0; times=2');
    expect((await postJson(url(), body(), headers)).status).toBe(429);
    expect((await postJson(url(), body(), headers)).status).toBe(429);
    expect((await postJson(url(), body(), headers)).status).toBe(200);
    emulator.reset();
    expect((await postJson(url(), body(), headers)).status).toBe(429);
  });

  it('unavailable without a provider: 503 with availability (retryable) and Retry-After', async () => {
    const response = await postJson(url(), body(), scenario('unavailable; retry_after=2'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body.error.availability).toMatchObject({
      code: 'temporarily_unavailable',
      retryable: true,
      retry_after: 2,
    });
    const fallback = await postJson(
      url(),
      { ...body(), models: [MODEL_IDS.gpt4oMini, MODEL_IDS.llama] },
      scenario('unavailable'),
    );
    expect(fallback.status).toBe(503);
  });

  it('unavailable with a provider: routing falls back to the next provider', async () => {
    const response = await postJson(url(), body(), scenario('unavailable; provider=OpenAI'));
    expect(response.body.provider).toBe('Azure');
    const generation = await getJson(`${emulator.baseURL}/generation?id=${response.body.id}`);
    expect(generation.body.data.provider_responses.map((attempt: AnyJson) => attempt.status)).toEqual([
      503, 200,
    ]);
  });

  it('http-error: any 4xx/5xx with OpenRouter’s wording', async () => {
    const expectations: Array<[number, RegExp]> = [
      [400, /^Invalid request parameters$/],
      [401, /^No auth credentials found$/],
      [402, /^Insufficient credits/],
      [404, /^No endpoints found for openai\/gpt-4o-mini\.$/],
      [408, /^Operation timed out/],
      [413, /^Request payload too large$/],
      [422, /^Invalid argument$/],
      [500, /^Internal Server Error$/],
      [502, /^Provider returned error$/],
      [503, /^Service temporarily unavailable$/],
      [504, /^Gateway Timeout$/],
      [524, /^Request timed out/],
      [529, /^Provider returned error$/],
    ];
    for (const [code, message] of expectations) {
      const response = await postJson(url(), body(), scenario(`http-error; code=${code}`));
      expect(response.status).toBe(code);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('http-error 502 nests the provider’s error as JSON strings in metadata.raw', async () => {
    const response = await postJson(url(), body(), scenario('http-error; code=502'));
    const raw = parseJson(response.body.error.metadata.raw) as AnyJson;
    const inner = parseJson(raw.error.message) as AnyJson;
    expect(inner.error.message).toMatch(/upstream connect error/);
    expect(response.body.error.metadata.provider_name).toBe('OpenAI');
  });

  it('http-error 403 carries moderation metadata, 404 availability, custom messages and Retry-After', async () => {
    const moderation = await postJson(url(), body(), scenario('http-error; code=403'));
    expect(moderation.body.error.metadata).toMatchObject({
      reasons: ['harassment'],
      flagged_input: expect.any(String),
    });
    const notFound = await postJson(url(), body(), scenario('http-error; code=404'));
    expect(notFound.body.error.availability).toMatchObject({ code: 'no_endpoints' });
    const custom = await postJson(
      url(),
      body(),
      scenario('http-error; code=503; message=Down for maintenance; retry_after=30'),
    );
    expect(custom.body.error.message).toBe('Down for maintenance');
    expect(custom.headers.get('retry-after')).toBe('30');
    const invalid = await postJson(url(), body(), scenario('http-error; code=200'));
    expect(invalid.status).toBe(400);
  });

  it('always-503 as a header and free-tier-daily-limit', async () => {
    const down = await postJson(url(), body(), scenario('always-503'));
    expect(down.status).toBe(503);
    const daily = await postJson(url(), body(), scenario('free-tier-daily-limit'));
    expect(daily.status).toBe(429);
    expect(daily.body.error.message).toMatch(/^Rate limit exceeded: free-models-per-day/);
    expect(daily.headers.get('x-ratelimit-limit')).toBe('50');
    expect(daily.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(daily.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now());
  });
});

describe('connection-level scenarios', () => {
  it('disconnect: the socket is destroyed after `after` chunks (not recorded as a client disconnect)', async () => {
    const response = await streamRequest(scenario('disconnect; after=2'));
    const { pieces, error } = await readTimed(response);
    expect(error).toBeDefined();
    const { chunks } = parseSse(pieces.map((piece) => piece.text).join(''));
    expect(chunks).toHaveLength(2);
    await emulator.waitFor((requests) => requests[0]?.endedAt !== undefined);
    expect(emulator.requests[0]?.clientDisconnectedAt).toBeUndefined();
    const generation = await getJson(`${emulator.baseURL}/generation?id=${chunks[0]?.id}`);
    expect(generation.body.data.tokens_completion).toBe(2);
  });

  it('disconnect on a non-streamed request: no response at all', async () => {
    await expect(postJson(url(), body(), scenario('disconnect'))).rejects.toThrow();
  });

  it('malformed-chunk: one data line with truncated JSON, then the stream continues to [DONE]', async () => {
    const response = await streamRequest(scenario('malformed-chunk; after=1'));
    const raw = await response.text();
    const events = raw.split('\n\n').filter((block) => block.startsWith('data: '));
    const broken = events.filter((event) => {
      try {
        const payload = event.slice(6);
        if (payload !== '[DONE]') parseJson(payload);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(events.indexOf(broken[0] as string)).toBe(1);
    expect(events.at(-1)).toBe('data: [DONE]');
    const plain = await postJson(url(), body(), scenario('malformed-chunk'));
    expect(plain.status).toBe(200);
    expect(() => parseJson(plain.text)).toThrow();
  });

  it('error-in-200-body: a 200 whose body is only {error}; streamed as one {error} event then [DONE]', async () => {
    const plain = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...scenario('error-in-200-body; code=429') },
      body: JSON.stringify(body()),
    });
    expect(plain.status).toBe(200);
    const parsed = parseJson(await plain.text()) as AnyJson;
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(parsed.error.code).toBe(429);
    const streamed = await postSse(url(), body(), scenario('error-in-200-body'));
    expect(streamed.status).toBe(200);
    expect(streamed.chunks).toEqual([{ error: { message: expect.any(String), code: 502 } }]);
    expect(streamed.done).toBe(true);
  });

  it('leading-whitespace: the non-streamed JSON body is preceded by whitespace keep-alives', async () => {
    const response = await postJson(url(), body(), scenario('leading-whitespace; count=4'));
    expect(response.text.startsWith('\n\n\n\n{')).toBe(true);
    expect(response.body.object).toBe('chat.completion');
  });

  it('truncate: EOF before any finish, no usage, no [DONE]', async () => {
    const result = await postSse(url(), body(), scenario('truncate; after=3'));
    expect(result.chunks).toHaveLength(3);
    expect(result.done).toBe(false);
    expect(result.chunks.every((chunk) => chunk.choices[0].finish_reason === null && !chunk.usage)).toBe(
      true,
    );
    const allContent = await postSse(url(), body(), scenario('truncate'));
    expect(allContent.chunks).toHaveLength(12);
    const plain = await postJson(url(), body(), scenario('truncate'));
    expect(() => parseJson(plain.text)).toThrow();
  });

  it('keepalives: comments between chunks', async () => {
    const result = await postSse(url(), body('x [[tokens: 4]]'), scenario('keepalives; every=2'));
    expect(result.comments.length).toBeGreaterThanOrEqual(3);
    expect(result.done).toBe(true);
  });
});
