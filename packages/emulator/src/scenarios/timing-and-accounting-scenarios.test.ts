import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { collectStream, parseSse, postJson, postSse } from '../test-utils/http';

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

describe('timing scenarios', () => {
  it('slow-first-token: waits delay_ms, sending keep-alive comments at most keepalive_ms apart', async () => {
    const started = Date.now();
    const response = await streamRequest(scenario('slow-first-token; delay_ms=600; keepalive_ms=150'));
    const { pieces } = await readTimed(response);
    const text = pieces.map((piece) => piece.text).join('');
    const firstData = pieces.find((piece) => piece.text.includes('data: {'));
    expect(firstData!.at - started).toBeGreaterThanOrEqual(550);
    const keepAlives = pieces.filter(
      (piece) => piece.text.includes(': OPENROUTER PROCESSING') && piece.at < firstData!.at,
    );
    expect(keepAlives.length).toBeGreaterThanOrEqual(4);
    const times = [started, ...keepAlives.map((piece) => piece.at), firstData!.at];
    for (let index = 1; index < times.length; index++)
      expect((times[index] as number) - (times[index - 1] as number)).toBeLessThan(300);
    expect(parseSse(text).done).toBe(true);
  });

  it('slow-first-token on a non-streamed request: whitespace keep-alives, then the JSON body', async () => {
    const started = Date.now();
    const response = await postJson(
      url(),
      body(),
      scenario('slow-first-token; delay_ms=400; keepalive_ms=100'),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(response.status).toBe(200);
    expect(response.text.startsWith('\n')).toBe(true);
    expect(response.body.choices[0].message.content).toBeTruthy();
  });

  it('slow-tokens: interval_ms between chunks', async () => {
    const started = Date.now();
    const result = await postSse(url(), body('x [[tokens: 4]]'), scenario('slow-tokens; interval_ms=80'));
    expect(result.done).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 80 - 20);
  });

  it('realistic latency uses the provider’s statistics', async () => {
    const realistic = await startEmulator({ latency: 'realistic' });
    try {
      const started = Date.now();
      const result = await postSse(`${realistic.baseURL}/chat/completions`, {
        ...body('x [[tokens: 3]]'),
        model: MODEL_IDS.llama,
        provider: { order: ['groq'] },
      });
      expect(result.done).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    } finally {
      await realistic.close();
    }
  });

  it('fixed latency option applies to every request', async () => {
    const slow = await startEmulator({ latency: { firstTokenMs: 150, tokenIntervalMs: 10 } });
    try {
      const started = Date.now();
      await postSse(`${slow.baseURL}/chat/completions`, body('x [[tokens: 5]]'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      await slow.close();
    }
  });
});

describe('accounting scenarios', () => {
  it('cache: the second identical request reads what the first wrote (Claude bills cache writes)', async () => {
    const request = body('A long shared prompt '.repeat(20), MODEL_IDS.claudeSonnet);
    const first = await postJson(url(), request, scenario('cache'));
    const firstDetails = first.body.usage.prompt_tokens_details;
    expect(firstDetails.cached_tokens).toBe(0);
    expect(firstDetails.cache_write_tokens).toBe(first.body.usage.prompt_tokens);
    const second = await postJson(url(), request, scenario('cache'));
    expect(second.body.usage.prompt_tokens_details).toMatchObject({
      cached_tokens: second.body.usage.prompt_tokens,
      cache_write_tokens: 0,
    });
    expect(second.body.usage.cost).toBeLessThan(first.body.usage.cost);
    const extended = await postJson(
      url(),
      {
        ...request,
        messages: [
          ...request.messages,
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'more' },
        ],
      },
      scenario('cache'),
    );
    expect(extended.body.usage.prompt_tokens_details.cached_tokens).toBe(second.body.usage.prompt_tokens);
    expect(extended.body.usage.prompt_tokens_details.cache_write_tokens).toBe(
      extended.body.usage.prompt_tokens - second.body.usage.prompt_tokens,
    );
  });

  it('cache on OpenAI models: reads are discounted, writes are free; cache_control markers enable caching without the scenario', async () => {
    const request = body('shared prefix '.repeat(30));
    await postJson(url(), request, scenario('cache'));
    const second = await postJson(url(), request, scenario('cache'));
    expect(second.body.usage.prompt_tokens_details).toMatchObject({
      cached_tokens: second.body.usage.prompt_tokens,
      cache_write_tokens: 0,
    });
    const marked = {
      model: MODEL_IDS.claudeSonnet,
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'cache me '.repeat(30), cache_control: { type: 'ephemeral' } }],
        },
      ],
    };
    const write = await postJson(url(), marked);
    expect(write.body.usage.prompt_tokens_details.cache_write_tokens).toBeGreaterThan(0);
    const read = await postJson(url(), marked);
    expect(read.body.usage.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
    const streamed = await postSse(url(), marked);
    expect(collectStream(streamed.chunks).usage?.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
  });

  it('byok: is_byok, a 5 % fee as cost and the provider price as upstream cost', async () => {
    const normal = await postJson(url(), body());
    const byok = await postJson(url(), body(), scenario('byok'));
    expect(byok.body.usage.is_byok).toBe(true);
    expect(byok.body.usage.cost_details.upstream_inference_cost).toBeCloseTo(normal.body.usage.cost, 12);
    expect(byok.body.usage.cost).toBeCloseTo(normal.body.usage.cost * 0.05, 12);
  });

  it('several scenarios in one header', async () => {
    const result = await postSse(url(), body(), scenario('byok, mid-stream-error; after=1'));
    expect(result.chunks).toHaveLength(2);
    expect(emulator.requests.at(-1)?.scenarios).toEqual(['byok', 'mid-stream-error']);
  });
});
