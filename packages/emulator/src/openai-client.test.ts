import { parseJson } from '@openrouter-adapters/core';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from './catalogue/model-ids';
import type { Emulator } from './server/emulator-types';
import { startEmulator } from './server/start-emulator';

/** The compatibility bar OpenRouter itself sets: the official `openai` client works unchanged. */
describe('official openai client against the emulator', () => {
  let emulator: Emulator;
  let client: OpenAI;
  beforeAll(async () => {
    emulator = await startEmulator({ requireAuth: true, apiKeys: [{ key: 'sk-or-v1-openai' }] });
    client = new OpenAI({
      apiKey: 'sk-or-v1-openai',
      baseURL: emulator.baseURL,
      maxRetries: 0,
      timeout: 10_000,
    });
  });
  afterAll(() => emulator.close());

  const tools = [
    {
      type: 'function' as const,
      function: {
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
    },
  ];

  it('creates a chat completion', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    expect(completion.id).toMatch(/^gen-/);
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a chat completion', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL_IDS.claudeSonnet,
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text.length).toBeGreaterThan(10);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });
  });

  it('calls tools, streamed and not, and continues after the tool result', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function tool call');
    expect(parseJson(call.function.arguments)).toEqual({ city: 'Paris' });

    const runner = client.chat.completions.stream({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
    });
    const streamed = await runner.finalChatCompletion();
    expect(streamed.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });

    const final = await client.chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '21°C and sunny' },
      ],
    });
    expect(final.choices[0]?.message.content).toContain('21°C and sunny');
  });

  it('lists models', async () => {
    const page = await client.models.list();
    const ids = page.data.map((model) => model.id);
    expect(ids).toContain(MODEL_IDS.gpt4oMini);
  });

  it('creates embeddings (float and base64 decoded by the client)', async () => {
    const response = await client.embeddings.create({
      model: MODEL_IDS.embeddingSmall,
      input: 'hello',
      dimensions: 64,
    });
    expect(response.data[0]?.embedding).toHaveLength(64);
  });

  it('surfaces OpenRouter errors as the client’s typed errors', async () => {
    await expect(
      client.chat.completions.create({ model: 'acme/none', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('acme/none is not a valid model ID'),
    });
    const stranger = new OpenAI({ apiKey: 'sk-or-v1-unknown', baseURL: emulator.baseURL, maxRetries: 0 });
    await expect(
      stranger.models.list().then(() =>
        stranger.chat.completions.create({
          model: MODEL_IDS.gpt4oMini,
          messages: [{ role: 'user', content: 'x' }],
        }),
      ),
    ).rejects.toMatchObject({ status: 401 });
  });
});
