import { parseJson } from '@openrouter-adapters/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, collectStream, postJson, postSse } from '../test-utils/http';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false }));

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const url = (): string => `${emulator.baseURL}/chat/completions`;

const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1, maximum: 7 },
      },
      required: ['location', 'unit'],
      additionalProperties: false,
    },
  },
};
const time = {
  type: 'function',
  function: {
    name: 'get_time',
    parameters: {
      type: 'object',
      properties: { timezone: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
      required: ['timezone', 'at'],
    },
  },
};
const tools = [weather, time];
const schemaOf = (name: string): Record<string, unknown> =>
  (tools.find((tool) => tool.function.name === name) as AnyJson).function.parameters;
const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: MODEL_IDS.gpt4oMini,
  messages: [{ role: 'user', content }],
  tools,
  ...extra,
});

function expectValidArguments(call: { function: { name: string; arguments: string } }): AnyJson {
  const parsed = parseJson(call.function.arguments);
  expect(ajv.validate(schemaOf(call.function.name), parsed)).toBe(true);
  return parsed;
}

describe('tool calling', () => {
  it('auto: calls the tool the prompt mentions, with arguments valid for its schema and taken from the prompt', async () => {
    const response = await postJson(url(), ask('What is the weather in Lisbon for 3 days?'));
    const choice = response.body.choices[0];
    expect(choice).toMatchObject({ finish_reason: 'tool_calls', native_finish_reason: 'tool_calls' });
    expect(choice.message.tool_calls).toHaveLength(1);
    const [call] = choice.message.tool_calls;
    expect(call).toMatchObject({
      id: expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(expectValidArguments(call)).toMatchObject({ location: 'Lisbon', days: 3 });
  });

  it('auto with several matching tools: parallel calls unless parallel_tool_calls is false', async () => {
    const parallel = await postJson(url(), ask('Check the weather in Oslo and the time there'));
    const calls = parallel.body.choices[0].message.tool_calls;
    expect(calls.map((call: AnyJson) => call.function.name)).toEqual(['get_weather', 'get_time']);
    for (const call of calls) expectValidArguments(call);
    expect(new Set(calls.map((call: AnyJson) => call.id)).size).toBe(2);
    const single = await postJson(
      url(),
      ask('Check the weather in Oslo and the time there', { parallel_tool_calls: false }),
    );
    expect(single.body.choices[0].message.tool_calls).toHaveLength(1);
  });

  it('auto with no mention: answers in text; none: answers in text; [[no-tools]]: text', async () => {
    const greeting = await postJson(url(), ask('Hello!'));
    expect(greeting.body.choices[0].message.tool_calls).toBeUndefined();
    expect(greeting.body.choices[0].finish_reason).toBe('stop');
    expect(greeting.body.choices[0].message.content).toContain('Hello!');
    const none = await postJson(url(), ask('weather in Rome', { tool_choice: 'none' }));
    expect(none.body.choices[0].message.tool_calls).toBeUndefined();
    expect(none.body.choices[0].finish_reason).toBe('stop');
    const directive = await postJson(url(), ask('weather in Rome [[no-tools]]'));
    expect(directive.body.choices[0].message.tool_calls).toBeUndefined();
  });

  it('required and named tool_choice always call; [[tool: name]] picks the tool', async () => {
    const named = await postJson(
      url(),
      ask('weather in Rome', { tool_choice: { type: 'function', function: { name: 'get_time' } } }),
    );
    expect(named.body.choices[0].message.tool_calls.map((call: AnyJson) => call.function.name)).toEqual([
      'get_time',
    ]);
    const required = await postJson(url(), {
      ...ask('x'),
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"temp": 21}' },
      ],
      tool_choice: 'required',
    });
    expect(required.body.choices[0].finish_reason).toBe('tool_calls');
    const directive = await postJson(url(), ask('weather [[tool: get_time]]'));
    expect(directive.body.choices[0].message.tool_calls[0].function.name).toBe('get_time');
  });

  it('after tool results: a final answer that mentions them', async () => {
    const response = await postJson(url(), {
      model: MODEL_IDS.gpt4oMini,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_x',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris","unit":"celsius"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_x', content: '{"temperature": 18, "sky": "cloudy"}' },
      ],
    });
    const choice = response.body.choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.message.content).toContain('get_weather returned {"temperature": 18, "sky": "cloudy"}');
  });

  it('streams tool calls: id, type and name on the first fragment, arguments over several chunks', async () => {
    const body = ask('weather in Lisbon and the time');
    const streamed = await postSse(url(), body);
    const plain = await postJson(url(), body);
    const fragments = streamed.chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    const byIndex = new Map<number, AnyJson[]>();
    for (const fragment of fragments)
      byIndex.set(fragment.index, [...(byIndex.get(fragment.index) ?? []), fragment]);
    expect(byIndex.size).toBe(2);
    for (const list of byIndex.values()) {
      expect(list[0]).toMatchObject({
        id: expect.any(String),
        type: 'function',
        function: { name: expect.any(String), arguments: '' },
      });
      expect(list.length).toBeGreaterThanOrEqual(3);
      for (const later of list.slice(1)) expect(later.id).toBeUndefined();
    }
    const collected = collectStream(streamed.chunks);
    expect(collected.finishReason).toBe('tool_calls');
    const plainCalls = plain.body.choices[0].message.tool_calls;
    expect(collected.toolCalls.map((call) => call.arguments)).toEqual(
      plainCalls.map((call: AnyJson) => call.function.arguments),
    );
    for (const call of collected.toolCalls) expectValidArguments({ function: call });
    expect(collected.usage).toEqual(plain.body.usage);
  });

  it('Claude-style providers say what they do before calling (content + tool_use)', async () => {
    const response = await postJson(url(), { ...ask('weather in Bergen'), model: MODEL_IDS.claudeSonnet });
    const choice = response.body.choices[0];
    expect(choice.native_finish_reason).toBe('tool_use');
    expect(choice.message.content).toBe("I'll use the get_weather tool.");
    expect(choice.message.tool_calls[0].id).toMatch(/^toolu_01/);
  });

  it('tools on a model whose providers lack tool support → 404 "No endpoints found that support tool use"', async () => {
    const emulatorWithoutTools = await startEmulator({
      catalogue: {
        models: [
          {
            id: 'acme/plain',
            canonicalSlug: 'acme/plain',
            name: 'Plain',
            created: 1,
            description: 'no tools',
            kind: 'chat',
            contextLength: 1000,
            inputModalities: ['text'],
            outputModalities: ['text'],
            tokenizer: 'Other',
            instructType: null,
            supportedParameters: ['temperature'],
            providers: [
              {
                name: 'Together',
                slug: 'together',
                pricing: { prompt: '0.000001', completion: '0.000001' },
                contextLength: 1000,
                maxCompletionTokens: 100,
                quantization: 'fp16',
                dataCollection: 'deny',
                zdr: false,
                supportedParameters: ['temperature'],
                latency: { p50: 1, p75: 1, p90: 1, p99: 1 },
                throughput: { p50: 50, p75: 40, p90: 30, p99: 20 },
                uptime: 99,
                supportsImplicitCaching: false,
              },
            ],
          },
        ],
      },
    });
    try {
      const response = await postJson(`${emulatorWithoutTools.baseURL}/chat/completions`, {
        ...ask('weather'),
        model: 'acme/plain',
      });
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/^No endpoints found that support tool use/);
      expect(response.body.error.availability).toMatchObject({
        code: 'constraint_filtered',
        retryable: false,
      });
    } finally {
      await emulatorWithoutTools.close();
    }
  });
});

describe('structured outputs', () => {
  const schema = {
    type: 'object',
    properties: {
      title: { type: 'string', minLength: 3 },
      year: { type: 'integer', minimum: 1900, maximum: 2100 },
      genres: { type: 'array', items: { type: 'string', enum: ['drama', 'comedy', 'horror'] }, minItems: 1 },
      rating: {
        type: 'object',
        properties: { score: { type: 'number', minimum: 0, maximum: 10 } },
        required: ['score'],
      },
    },
    required: ['title', 'year', 'genres', 'rating'],
    additionalProperties: false,
  };

  it('json_schema → content that validates, streamed and not', async () => {
    const body = {
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'A film from 1994, please' }],
      response_format: { type: 'json_schema', json_schema: { name: 'film', strict: true, schema } },
    };
    const plain = await postJson(url(), body);
    const value = parseJson(plain.body.choices[0].message.content);
    expect(ajv.validate(schema, value)).toBe(true);
    expect(value).toMatchObject({ year: 1994 });
    const streamed = await postSse(url(), body);
    expect(collectStream(streamed.chunks).content).toBe(plain.body.choices[0].message.content);
  });

  it('json_object → a JSON object', async () => {
    const response = await postJson(url(), {
      model: MODEL_IDS.geminiFlash,
      messages: [{ role: 'user', content: 'Reply in JSON' }],
      response_format: { type: 'json_object' },
      reasoning: { enabled: false },
    });
    const value = parseJson(response.body.choices[0].message.content);
    expect(value).toEqual(expect.objectContaining({ answer: expect.any(String) }));
  });
});
