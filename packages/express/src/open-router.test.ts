import { createOpenRouterClient } from '@openrouter-adapters/core';
import { MODEL_IDS } from '@openrouter-adapters/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    middleware: { models: ['openai/*', 'anthropic/*', MODEL_IDS.llamaFree] },
  });
});

afterAll(async () => {
  await harness.close();
  expect(findLeaks()).toEqual([]);
});

/** The official client, pointed at the middleware's mount path with a key the gateway ignores. */
function openai(): OpenAI {
  return new OpenAI({
    baseURL: harness.baseURL,
    apiKey: 'client-side-placeholder',
    maxRetries: 0,
    timeout: 10_000,
  });
}

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
    },
  },
};

/** Ids and timestamps differ per request; everything else of the same request is deterministic. */
function normalize(text: string): string {
  return text.replace(/gen-[0-9]+-[A-Za-z0-9]+/g, 'gen-ID').replace(/"created":\d+/g, '"created":0');
}

describe('the official openai client through the middleware', () => {
  it('creates a chat completion with the server key (the client key never reaches upstream)', async () => {
    const completion = await openai().chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'Say hello [[reply: Hello from the emulator]]' }],
    });
    captured.push(JSON.stringify(completion));
    expect(completion.choices[0]?.message.content).toBe('Hello from the emulator');
    expect(completion.model).toBe(MODEL_IDS.gpt4oMini);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const upstream = harness.emulator.requests.at(-1)!;
    expect(upstream.status).toBe(200);
    expect(upstream.headers.authorization).not.toContain('client-side-placeholder');
    expect(JSON.stringify(upstream.headers)).not.toContain(serverKey);
  });

  it('streams a chat completion whose text and usage equal the non-streamed one', async () => {
    const request = {
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user' as const, content: 'Tell me about streams' }],
    };
    const whole = await openai().chat.completions.create(request);
    const stream = await openai().chat.completions.create({ ...request, stream: true });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(usage?.total_tokens).toBe(whole.usage?.total_tokens);
  });

  it('returns tool calls (stream and not)', async () => {
    const request = {
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: 'required' as const,
    };
    const completion = await openai().chat.completions.create(request);
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    const args = JSON.parse(call?.type === 'function' ? call.function.arguments : '{}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(args).sort()).toEqual(['city', 'unit']);

    const stream = await openai().chat.completions.create({ ...request, stream: true });
    const fragments: string[] = [];
    let name: string | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name ??= delta?.function?.name ?? undefined;
      if (delta?.function?.arguments) fragments.push(delta.function.arguments);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('get_weather');
    expect(fragments.length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.join(''))).toEqual(args);
    expect(finish).toBe('tool_calls');
  });

  it('lists only the models the policy allows', async () => {
    const page = await openai().models.list();
    const ids = page.data.map((model) => model.id);
    captured.push(JSON.stringify(ids));
    expect(ids).toContain(MODEL_IDS.gpt4oMini);
    expect(ids).toContain(MODEL_IDS.claudeSonnet);
    expect(ids).toContain(MODEL_IDS.llamaFree);
    expect(ids).not.toContain(MODEL_IDS.llama);
    expect(ids).not.toContain(MODEL_IDS.geminiFlash);
    expect(
      ids.every(
        (id) => id.startsWith('openai/') || id.startsWith('anthropic/') || id === MODEL_IDS.llamaFree,
      ),
    ).toBe(true);
  });

  it('creates embeddings and legacy completions', async () => {
    const embedding = await openai().embeddings.create({
      model: MODEL_IDS.embeddingSmall,
      input: ['one', 'two'],
    });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0]?.embedding.length).toBeGreaterThan(100);

    const completion = await openai().completions.create({
      model: MODEL_IDS.gpt4oMini,
      prompt: 'Once upon a time',
      max_tokens: 20,
    });
    expect(completion.choices[0]?.text.length).toBeGreaterThan(0);
    const stream = await openai().completions.create({
      model: MODEL_IDS.gpt4oMini,
      prompt: 'Once upon a time',
      max_tokens: 20,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe(completion.choices[0]?.text);
  });

  it('surfaces a policy rejection as the typed error the client expects', async () => {
    const attempt = openai().chat.completions.create({
      model: MODEL_IDS.geminiFlash,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    await expect(attempt).rejects.toThrow(/google\/gemini-2\.5-flash` is not allowed on this server/);
  });
});

describe('core’s client (under the AI SDK provider and the LangChain model) through the middleware', () => {
  it('sends, streams, lists models and reads its generation with baseURL = the mount path', async () => {
    const client = createOpenRouterClient({
      baseURL: harness.baseURL,
      apiKey: 'ignored-by-the-gateway',
      maxRetries: 0,
    });
    const messages = [{ role: 'user' as const, content: 'Hi [[reply: Same answer both ways]]' }];
    const sent = await client.chat.send({ model: MODEL_IDS.claudeSonnet, messages });
    expect(sent.text).toBe('Same answer both ways');
    expect(sent.usage?.totalTokens).toBeGreaterThan(0);

    const stream = await client.chat.stream({
      model: MODEL_IDS.claudeSonnet,
      messages,
      reasoning: { effort: 'low' },
    });
    const result = await stream.result();
    captured.push(JSON.stringify(result));
    expect(result.text).toBe('Same answer both ways');
    expect(result.reasoningDetails.length).toBeGreaterThan(0);
    expect(result.usage?.cost).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');

    const models = await client.models.list();
    expect(models.map((model) => model.id)).toContain(MODEL_IDS.claudeSonnet);
    const generation = await client.generation.get(result.generationId!);
    expect(generation).toMatchObject({ id: result.generationId, model: MODEL_IDS.claudeSonnet });
  });
});

describe('streaming over plain HTTP', () => {
  const body = (stream: boolean) =>
    JSON.stringify({
      model: MODEL_IDS.claudeSonnet,
      stream,
      reasoning: { effort: 'low' },
      messages: [{ role: 'user', content: 'Explain SSE briefly' }],
    });

  it('forwards the stream byte-identical to a direct request (ids and timestamps aside)', async () => {
    const direct = await fetch(`${harness.emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serverKey}` },
      body: body(true),
    });
    const through = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(true),
    });
    const [directText, throughText] = await Promise.all([direct.text(), readText(through)]);
    expect(through.status).toBe(200);
    expect(throughText).toContain('data: [DONE]');
    expect(throughText).toContain('"reasoning_details"');
    expect(normalize(throughText)).toBe(normalize(directText));
  });

  it('sends streaming headers at once: event-stream, no-cache, no proxy buffering, X-Generation-Id, Server-Timing', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(true),
    });
    const text = await readText(response);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const generationId = response.headers.get('x-generation-id');
    expect(generationId).toMatch(/^gen-/);
    expect(text).toContain(`"id":"${generationId}"`);
    expect(response.headers.get('server-timing')).toMatch(
      /^gateway;dur=\d+\.\d+;desc="openrouter middleware", upstream;dur=\d+\.\d+$/,
    );
  });

  it('answers non-streamed requests with upstream bytes, X-Generation-Id and Server-Timing', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(false),
    });
    const text = await readText(response);
    const json = JSON.parse(text) as { id: string; usage: { cost: number } };
    expect(response.headers.get('x-generation-id')).toBe(json.id);
    expect(response.headers.get('server-timing')).toMatch(/gateway;dur=/);
    expect(json.usage.cost).toBeGreaterThan(0);
  });

  it('reports usage once per request: user, model served, provider, tokens, cost, generation id, duration, completed', async () => {
    harness.usage.length = 0;
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(true),
    });
    await readText(response);
    await expect.poll(() => harness.usage.length).toBe(1);
    const [event] = harness.usage;
    expect(event).toMatchObject({
      userId: 'ip:127.0.0.1',
      endpoint: 'chat/completions',
      requestedModel: MODEL_IDS.claudeSonnet,
      model: MODEL_IDS.claudeSonnet,
      provider: expect.any(String),
      generationId: response.headers.get('x-generation-id'),
      stream: true,
      completed: true,
      incompleteReason: undefined,
      userKey: false,
      charged: { tokens: event?.usage?.totalTokens, usd: event?.usage?.cost, estimated: false },
    });
    expect(event?.usage?.reasoningTokens).toBeGreaterThan(0);
    expect(event?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes unknown paths to the next handler and answers a wrong method with 405', async () => {
    const unknown = await fetch(`${harness.baseURL}/not-a-route`);
    expect(unknown.status).toBe(404);
    const wrongMethod = await fetch(`${harness.baseURL}/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await wrongMethod.json()).toEqual({
      error: {
        code: 405,
        message: 'Use POST /api/openrouter/chat/completions',
        metadata: { error_type: 'method_not_allowed', limit_source: 'gateway' },
      },
    });
  });
});
