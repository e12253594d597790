import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { collectStream, postJson, postSse } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const url = (): string => `${emulator.baseURL}/chat/completions`;
const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: MODEL_IDS.gpt4oMini,
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('POST /chat/completions (non-streamed)', () => {
  it('answers with OpenRouter’s body: generation id = X-Generation-Id, provider, native finish reason, usage with cost', async () => {
    const response = await postJson(url(), ask('Tell me about tide pools'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = response.body;
    expect(body.id).toMatch(/^gen-\d{10}-[A-Za-z0-9]{20}$/);
    expect(response.headers.get('x-generation-id')).toBe(body.id);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: MODEL_IDS.gpt4oMini,
      provider: 'OpenAI',
      choices: [
        { index: 0, finish_reason: 'stop', native_finish_reason: 'stop', message: { role: 'assistant' } },
      ],
    });
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(5);
    expect(body.choices[0].message.content).toContain('tide pools');
    const usage = body.usage;
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.cost).toBeCloseTo(
      usage.prompt_tokens * 0.00000015 + usage.completion_tokens * 0.0000006,
      12,
    );
    expect(usage).toMatchObject({
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('is deterministic: the same request gets the same reply and usage', async () => {
    const first = await postJson(url(), ask('Deterministic please', { temperature: 0.3 }));
    const second = await postJson(url(), ask('Deterministic please', { temperature: 0.3 }));
    const other = await postJson(url(), ask('Something else entirely'));
    expect(second.body.choices[0].message.content).toBe(first.body.choices[0].message.content);
    expect(second.body.usage).toEqual(first.body.usage);
    expect(second.body.id).not.toBe(first.body.id);
    expect(other.body.choices[0].message.content).not.toBe(first.body.choices[0].message.content);
  });

  it('honours the reply and token directives', async () => {
    const exact = await postJson(url(), ask('[[reply: Exactly this, nothing else.]]'));
    expect(exact.body.choices[0].message.content).toBe('Exactly this, nothing else.');
    const sized = await postJson(url(), ask('Be long [[tokens: 120]]'));
    expect(sized.body.usage.completion_tokens).toBe(120);
    const empty = await postJson(url(), ask('[[tokens: 0]]'));
    expect(empty.body.choices[0].message.content).toBe('');
    const filtered = await postJson(url(), ask('[[finish: content_filter]]'));
    expect(filtered.body.choices[0]).toMatchObject({
      finish_reason: 'content_filter',
      native_finish_reason: 'content_filter',
    });
  });

  it('truncates at max_tokens with finish_reason "length" and cuts at stop sequences', async () => {
    const limited = await postJson(url(), ask('[[tokens: 50]]', { max_tokens: 7 }));
    expect(limited.body.usage.completion_tokens).toBe(7);
    expect(limited.body.choices[0]).toMatchObject({
      finish_reason: 'length',
      native_finish_reason: 'length',
    });
    const stopped = await postJson(url(), ask('[[reply: one two STOP three]]', { stop: ['STOP'] }));
    expect(stopped.body.choices[0].message.content).toBe('one two ');
    expect(stopped.body.choices[0].finish_reason).toBe('stop');
  });

  it('returns logprobs when asked on a provider that supports them', async () => {
    const response = await postJson(url(), ask('[[reply: Hi there]]', { logprobs: true, top_logprobs: 1 }));
    const logprobs = response.body.choices[0].logprobs;
    expect(logprobs.content.map((entry: { token: string }) => entry.token).join('')).toBe('Hi there');
    expect(logprobs.content[0]).toMatchObject({ token: 'Hi', bytes: [72, 105] });
  });

  it('counts images and every message in prompt tokens', async () => {
    const text = await postJson(url(), ask('describe'));
    const image = await postJson(url(), {
      model: MODEL_IDS.gpt4oMini,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'describe' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
      ],
    });
    expect(image.body.usage.prompt_tokens - text.body.usage.prompt_tokens).toBe(85);
  });

  it('rejects prompts over the context length with OpenRouter’s message', async () => {
    const response = await postJson(url(), ask('hello', { max_tokens: 200_000 }));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /^This endpoint's maximum context length is 128000 tokens\. However, you requested about \d+ tokens/,
    );
  });

  it('adds citations with the web plugin, :online or the directive', async () => {
    const plugin = await postJson(url(), ask('latest news on tides', { plugins: [{ id: 'web' }] }));
    const message = plugin.body.choices[0].message;
    expect(message.annotations).toHaveLength(2);
    expect(message.annotations[0]).toMatchObject({
      type: 'url_citation',
      url_citation: { url: expect.stringMatching(/^https:\/\/example\.com\//) },
    });
    expect(plugin.body.usage.server_tool_use_details).toEqual({ web_search_requests: 1 });
    const online = await postJson(url(), { ...ask('news'), model: `${MODEL_IDS.gpt4oMini}:online` });
    expect(online.body.choices[0].message.annotations).toHaveLength(2);
    const directive = await postJson(url(), ask('[[citations]] sources please'));
    expect(directive.body.choices[0].message.annotations).toHaveLength(2);
    expect(directive.body.usage.server_tool_use_details).toBeUndefined();
  });
});

describe('POST /chat/completions (streamed)', () => {
  it('frames SSE like OpenRouter: keep-alive comment, role in every delta, provider on every chunk, finish → usage → [DONE]', async () => {
    const result = await postSse(url(), ask('Stream me a story'));
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('text/event-stream');
    expect(result.raw.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    expect(result.done).toBe(true);
    const id = result.headers.get('x-generation-id');
    expect(id).toMatch(/^gen-\d{10}-[A-Za-z0-9]{20}$/);
    for (const chunk of result.chunks) {
      expect(chunk).toMatchObject({
        id,
        provider: 'OpenAI',
        model: MODEL_IDS.gpt4oMini,
        object: 'chat.completion.chunk',
      });
      for (const choice of chunk.choices) expect(choice.delta.role).toBe('assistant');
    }
    const usageChunks = result.chunks.filter((chunk) => chunk.usage);
    expect(usageChunks).toHaveLength(1);
    const last = result.chunks[result.chunks.length - 1]!;
    const finish = result.chunks[result.chunks.length - 2]!;
    expect(last.usage).toBeDefined();
    expect(last.choices[0]).toMatchObject({ finish_reason: null, delta: { content: '' } });
    expect(finish.choices[0]).toMatchObject({ finish_reason: 'stop', native_finish_reason: 'stop' });
    expect(result.chunks.slice(0, -2).every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
  });

  it('streams the same content and usage as the non-streamed reply', async () => {
    const body = ask('Same either way');
    const plain = await postJson(url(), body);
    const streamed = await postSse(url(), body);
    const collected = collectStream(streamed.chunks);
    expect(collected.content).toBe(plain.body.choices[0].message.content);
    expect(collected.usage).toEqual(plain.body.usage);
    const contentChunks = streamed.chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    expect(contentChunks.length).toBe(plain.body.usage.completion_tokens);
  });

  it('shapes the usage chunk on request (usage-shape scenario)', async () => {
    const empty = await postSse(url(), ask('shape'), { 'x-emulator-scenario': 'usage-shape; choices=empty' });
    expect(empty.chunks.at(-1)).toMatchObject({ choices: [], usage: expect.any(Object) });
    const repeated = await postSse(url(), ask('shape'), {
      'x-emulator-scenario': 'usage-shape; choices=repeat-stop',
    });
    expect(repeated.chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
    expect(repeated.chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
  });

  it('sends a debug chunk with choices: [] when debug.echo_upstream_body is set', async () => {
    const result = await postSse(url(), ask('debug', { debug: { echo_upstream_body: true } }));
    expect(result.chunks[0]).toMatchObject({ choices: [], debug: { echo_upstream_body: { stream: true } } });
  });

  it('streams logprobs per token', async () => {
    const result = await postSse(url(), ask('[[reply: a b]]', { logprobs: true }));
    const withLogprobs = result.chunks.filter((chunk) => chunk.choices[0]?.logprobs);
    expect(withLogprobs.map((chunk) => chunk.choices[0].logprobs.content[0].token)).toEqual(['a', ' b']);
  });

  it('streams annotations before the finish chunk', async () => {
    const result = await postSse(url(), ask('[[citations]] sources'));
    const annotated = result.chunks.findIndex((chunk) => chunk.choices[0]?.delta.annotations);
    expect(annotated).toBeGreaterThan(0);
    expect(annotated).toBe(result.chunks.length - 3);
  });
});

describe('POST /completions (legacy)', () => {
  const completions = (): string => `${emulator.baseURL}/completions`;

  it('answers text completions, streamed and not, with the same text and usage', async () => {
    const body = { model: MODEL_IDS.llama, prompt: 'Once upon a time', max_tokens: 20 };
    const plain = await postJson(completions(), body);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({
      object: 'text_completion',
      model: MODEL_IDS.llama,
      provider: 'DeepInfra',
    });
    expect(plain.body.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'length',
      native_finish_reason: 'length',
    });
    expect(typeof plain.body.choices[0].text).toBe('string');
    const streamed = await postSse(completions(), body);
    expect(streamed.done).toBe(true);
    const text = streamed.chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('');
    expect(text).toBe(plain.body.choices[0].text);
    expect(streamed.chunks.at(-1)?.usage).toEqual(plain.body.usage);
    expect(streamed.chunks.every((chunk) => chunk.object === 'text_completion')).toBe(true);
  });

  it('accepts prompt arrays and rejects a missing prompt', async () => {
    const array = await postJson(completions(), { model: MODEL_IDS.llama, prompt: ['a', 'b'] });
    expect(array.status).toBe(200);
    const missing = await postJson(completions(), { model: MODEL_IDS.llama });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('Input required: specify "prompt" or "messages"');
  });

  it('applies scenarios to legacy completions too', async () => {
    const result = await postSse(
      completions(),
      { model: MODEL_IDS.llama, prompt: 'x [[tokens: 10]]' },
      { 'x-emulator-scenario': 'mid-stream-error; after=3' },
    );
    expect(result.chunks).toHaveLength(4);
    expect(result.chunks[3]).toMatchObject({ error: { code: 502 }, choices: [{ finish_reason: 'error' }] });
  });
});
