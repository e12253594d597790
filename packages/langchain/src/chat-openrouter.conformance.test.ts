/**
 * Our equivalent of `@langchain/standard-tests`' chat-model integration suite (not published on
 * npm), run against the emulator over loopback HTTP: every check that suite makes, plus the
 * aborted-signal checks of the Python suite.
 */
import { InMemoryCache } from '@langchain/core/caches';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import {
  AIMessage,
  AIMessageChunk,
  getBufferString,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { StructuredTool, type StructuredToolParams, tool } from '@langchain/core/tools';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { concat } from '@langchain/core/utils/stream';
import { AbortError } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useEmulator } from './test-utils/emulator-fixture';

const adderSchema = z
  .object({
    a: z.number().int().describe('The first integer to add.'),
    b: z.number().int().describe('The second integer to add.'),
  })
  .describe('Add two integers');

class AdderTool extends StructuredTool {
  name = 'AdderTool';
  description = 'Add two integers';
  schema = adderSchema;
  async _call(input: { a: number; b: number }): Promise<string> {
    return JSON.stringify({ result: input.a + input.b });
  }
}

const MATH_ADDITION_PROMPT = ChatPromptTemplate.fromMessages([
  ['system', 'You are bad at math and must ALWAYS call the {toolName} function.'],
  ['human', 'What is the sum of 1836281973 and 19973286?'],
]);

const weatherSchema = z.object({ location: z.string().describe('The city name, e.g. San Francisco') });
const weatherTool = tool(
  (_: { location: string }) => 'The weather in San Francisco is 70 degrees and sunny.',
  {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    schema: weatherSchema,
  },
);
const currentTimeTool = tool((_: { location: string }) => '12:02 PM', {
  name: 'get_current_time',
  description: 'Get the current time in a given location',
  schema: weatherSchema,
});

const TEST_IMAGE_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const TEST_AUDIO_BASE64 = 'UklGRigAAABXQVZFZm10IBAAAAABAAEARKwAAIhYAQACABAAAABkYXRhAgAAAAEA';

/** Captures what LangChain hands to callbacks at chat model start (tracing metadata). */
class CaptureHandler extends BaseCallbackHandler {
  name = 'CaptureHandler';
  extraParams: Record<string, unknown> = {};
  override handleChatModelStart(
    _llm: unknown,
    _messages: unknown,
    _runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
  ): void {
    this.extraParams = extraParams ?? {};
  }
}

async function collect(
  stream: AsyncIterable<AIMessageChunk>,
): Promise<{ full: AIMessageChunk; count: number }> {
  let full: AIMessageChunk | undefined;
  let count = 0;
  for await (const chunk of stream) {
    expect(chunk).toBeInstanceOf(AIMessageChunk);
    count += 1;
    full = full === undefined ? chunk : concat(full, chunk);
  }
  if (full === undefined) throw new Error('the stream produced no chunk');
  return { full, count };
}

describe('ChatOpenRouter standard integration suite (against the emulator)', () => {
  const fixture = useEmulator();

  it('invoke returns an AIMessage with non-empty text', async () => {
    const result = await fixture.model().invoke('Hello');
    expect(result).toBeInstanceOf(AIMessage);
    expect(typeof result.text).toBe('string');
    expect(result.text).not.toBe('');
  });

  it('stream yields AIMessageChunks with content', async () => {
    let characters = 0;
    let chunks = 0;
    for await (const chunk of await fixture.model().stream('Hello')) {
      expect(chunk).toBeInstanceOf(AIMessageChunk);
      expect(chunk.content).toBeDefined();
      chunks += 1;
      characters += typeof chunk.content === 'string' ? chunk.content.length : chunk.content.length;
    }
    expect(chunks).toBeGreaterThan(1);
    expect(characters).toBeGreaterThan(0);
  });

  it('batch returns one message per input', async () => {
    const results = await fixture.model().batch(['Hello', 'Hey']);
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result).toBeInstanceOf(AIMessage);
      expect(result.text).not.toBe('');
    }
  });

  it('streamEvents (v2) starts, streams and ends with the concatenated content', async () => {
    const events = [];
    for await (const event of fixture.model().streamEvents('Hello', { version: 'v2' })) events.push(event);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[0]?.event).toBe('on_chat_model_start');
    expect(events.at(-1)?.event).toBe('on_chat_model_end');
    expect(events[Math.floor(events.length / 2)]?.event).toBe('on_chat_model_stream');
    const streamed = events
      .filter((event) => event.event === 'on_chat_model_stream')
      .map((event) => (event.data.chunk as AIMessageChunk).text)
      .join('');
    const output = events.at(-1)?.data.output as AIMessageChunk;
    expect(output.text).toBe(streamed);
    expect(streamed).not.toBe('');
  });

  it('handles a conversation and back-to-back messages of the same role', async () => {
    const model = fixture.model();
    const conversation = await model.invoke([
      new HumanMessage('hello'),
      new AIMessage('hello'),
      new HumanMessage('how are you'),
    ]);
    expect(conversation.text).not.toBe('');
    const doubled = await model.invoke([
      new SystemMessage('hello'),
      new SystemMessage('hello'),
      new HumanMessage('hello'),
      new HumanMessage('hello'),
      new AIMessage('hello'),
      new AIMessage('hello'),
      new HumanMessage('how are you'),
    ]);
    expect(doubled.text).not.toBe('');
  });

  it('reports usage_metadata and the served model on invoke', async () => {
    const result = await fixture.model().invoke('Hello');
    const usage = result.usage_metadata;
    expect(usage).toBeDefined();
    expect(usage?.input_tokens).toBeGreaterThan(0);
    expect(usage?.output_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0));
    expect(typeof result.response_metadata.model).toBe('string');
    expect(result.response_metadata.model).not.toBe('');
  });

  it('reports usage_metadata on concatenated stream chunks (from the usage-only final chunk)', async () => {
    const { full } = await collect(await fixture.model().stream('Hello'));
    expect(full.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(full.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(typeof full.usage_metadata?.total_tokens).toBe('number');
    expect(full.response_metadata.model).toBe('openai/gpt-4o-mini');
  });

  it('accepts stop as a call option and as a constructor field', async () => {
    const result = await fixture.model().invoke('hi', { stop: ['you'] });
    expect(result).toBeInstanceOf(AIMessage);
    const custom = await fixture.model('openai/gpt-4o-mini', { stop: ['you'] }).invoke('hi');
    expect(custom).toBeInstanceOf(AIMessage);
    const bodies = fixture.chatRequests().map((request) => request.body as Record<string, unknown>);
    expect(bodies.map((body) => body.stop)).toEqual([['you'], ['you']]);
  });

  it('calls a bound tool with schema-valid arguments', async () => {
    const model = fixture.model().bindTools([new AdderTool()], { tool_choice: 'AdderTool' });
    const result = await model.invoke('What is the value of adderTool(1, 2)? Use the tool.');
    expect(result).toBeInstanceOf(AIMessage);
    expect(result.tool_calls).toHaveLength(1);
    const call = result.tool_calls?.[0];
    expect(call?.name).toBe('AdderTool');
    expect(call?.type).toBe('tool_call');
    expect(typeof call?.id).toBe('string');
    expect(call?.args).toEqual({ a: expect.any(Number), b: expect.any(Number) });
  });

  it('binds RunnableToolLike tools (args exactly {a, b})', async () => {
    const runnableLike = RunnableLambda.from((_: unknown) => undefined).asTool({
      name: 'math_addition',
      description: 'Add two integers',
      schema: adderSchema,
    });
    const result = await MATH_ADDITION_PROMPT.pipe(
      fixture.model().bindTools([runnableLike], { tool_choice: 'any' }),
    ).invoke({ toolName: 'math_addition' });
    expect(result.tool_calls).toHaveLength(1);
    const call = result.tool_calls?.[0];
    expect(call?.name).toBe('math_addition');
    expect(call?.args).toEqual({ a: expect.any(Number), b: expect.any(Number) });
    expect(Object.keys(call?.args ?? {}).sort()).toEqual(['a', 'b']);
    expect(call?.id).toBeDefined();
    expect(call?.type).toBe('tool_call');
  });

  it('binds OpenAI-format tools', async () => {
    const result = await MATH_ADDITION_PROMPT.pipe(
      fixture.model().bindTools(
        [
          {
            type: 'function',
            function: {
              name: 'math_addition',
              description: 'Add two integers',
              parameters: toJsonSchema(adderSchema) as Record<string, unknown>,
            },
          },
        ],
        { tool_choice: 'any' },
      ),
    ).invoke({ toolName: 'math_addition' });
    expect(result.tool_calls?.[0]?.name).toBe('math_addition');
  });

  it('continues tool message histories with string content', async () => {
    const adder = new AdderTool();
    const functionResult = await adder.invoke({ a: 1, b: 2 });
    const result = await fixture
      .model()
      .bindTools([adder])
      .invoke([
        new HumanMessage('What is 1 + 2'),
        new AIMessage({
          content: '',
          tool_calls: [{ name: 'AdderTool', args: { a: 1, b: 2 }, id: 'abc123', type: 'tool_call' }],
        }),
        new ToolMessage(functionResult, 'abc123', 'AdderTool'),
      ]);
    expect(result).toBeInstanceOf(AIMessage);
    expect(result.text).not.toBe('');
  });

  it('continues tool message histories with list content (tool_use blocks not forwarded raw)', async () => {
    const adder = new AdderTool();
    const functionResult = await adder.invoke({ a: 1, b: 2 });
    const result = await fixture
      .model()
      .bindTools([adder])
      .invoke([
        new HumanMessage('What is 1 + 2'),
        new AIMessage({
          content: [
            { type: 'text', text: 'some text' },
            { type: 'tool_use', id: 'abc123', name: 'AdderTool', input: { a: 1, b: 2 } },
          ],
          tool_calls: [{ name: 'AdderTool', args: { a: 1, b: 2 }, id: 'abc123', type: 'tool_call' }],
        }),
        new ToolMessage(functionResult, 'abc123', 'AdderTool'),
      ]);
    expect(result).toBeInstanceOf(AIMessage);
    const sent = fixture.chatBody(0);
    expect(sent.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'some text' }],
      tool_calls: [
        { id: 'abc123', type: 'function', function: { name: 'AdderTool', arguments: '{"a":1,"b":2}' } },
      ],
    });
  });

  it('accepts structured few-shot examples with tool calls', async () => {
    const adder = new AdderTool();
    const functionResult = await adder.invoke({ a: 1, b: 2 });
    const result = await fixture
      .model()
      .bindTools([adder])
      .invoke([
        new HumanMessage('What is 1 + 2'),
        new AIMessage({
          content: '',
          tool_calls: [{ name: 'AdderTool', args: { a: 1, b: 2 }, id: 'abc123', type: 'tool_call' }],
        }),
        new ToolMessage(functionResult, 'abc123', 'AdderTool'),
        new AIMessage(functionResult),
        new HumanMessage('What is 3 + 4'),
      ]);
    expect(result).toBeInstanceOf(AIMessage);
  });

  for (const includeRaw of [false, true]) {
    it(`withStructuredOutput${includeRaw ? ' (includeRaw)' : ''} parses and traces ls_structured_output_format`, async () => {
      const handler = new CaptureHandler();
      const structured = includeRaw
        ? fixture.model().withStructuredOutput(adderSchema, { name: 'math_addition', includeRaw: true })
        : fixture.model().withStructuredOutput(adderSchema, { name: 'math_addition' });
      const result = (await MATH_ADDITION_PROMPT.pipe(structured).invoke(
        { toolName: 'math_addition' },
        { callbacks: [handler] },
      )) as Record<string, unknown>;
      const parsed = (includeRaw ? result.parsed : result) as { a: unknown; b: unknown };
      if (includeRaw) expect(result.raw).toBeInstanceOf(AIMessage);
      expect(typeof parsed.a).toBe('number');
      expect(typeof parsed.b).toBe('number');
      const format = (handler.extraParams.options as Record<string, unknown>).ls_structured_output_format;
      expect(format).toEqual({
        kwargs: { method: 'function_calling' },
        schema: { title: 'math_addition', ...(toJsonSchema(adderSchema) as Record<string, unknown>) },
      });
    });
  }

  it('withStructuredOutput supports jsonSchema and jsonMode with their tracing metadata', async () => {
    const answerSchema = z.object({ answer: z.string(), topic: z.string() }).describe('An answer');
    for (const [method, traced, responseFormat] of [
      ['jsonSchema', 'json_schema', 'json_schema'],
      ['jsonMode', 'json_mode', 'json_object'],
    ] as const) {
      const handler = new CaptureHandler();
      const result = await fixture
        .model()
        .withStructuredOutput(answerSchema, { name: 'answer', method })
        .invoke('Answer briefly: what is SSE?', { callbacks: [handler] });
      expect(answerSchema.parse(result)).toEqual(result);
      const format = (handler.extraParams.options as Record<string, unknown>).ls_structured_output_format as {
        kwargs: { method: string };
        schema: Record<string, unknown>;
      };
      expect(format.kwargs).toEqual({ method: traced });
      expect(format.schema).toMatchObject({
        title: 'answer',
        ...(toJsonSchema(answerSchema) as Record<string, unknown>),
      });
      expect((fixture.chatBody(-1).response_format as { type: string }).type).toBe(responseFormat);
      expect(fixture.chatBody(-1)).not.toHaveProperty('tools');
    }
  });

  it('withStructuredOutput handles a complex schema (enums, nested objects, records)', async () => {
    const complexSchema = z.object({
      decision: z.enum(['UseAPI', 'UseFallback']),
      explanation: z.string(),
      apiDetails: z.object({
        serviceName: z.string(),
        endpointName: z.string(),
        parameters: z.record(z.string(), z.unknown()),
        extractionPath: z.string(),
      }),
    });
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', "You're a helpful assistant. Always use the {toolName} tool."],
      [
        'human',
        'I want to use the UseAPI because it is faster. Service name: {serviceName}. Endpoint name: {endpointName}. Parameters: {parameters}. Extraction path: {extractionPath}',
      ],
    ]);
    for (const method of ['functionCalling', 'jsonSchema'] as const) {
      const structured = fixture.model().withStructuredOutput<z.infer<typeof complexSchema>>(complexSchema, {
        name: 'service_tool',
        method,
      });
      const result = await prompt.pipe(structured).invoke({
        toolName: 'service_tool',
        serviceName: 'MyService',
        endpointName: 'MyEndpoint',
        parameters: JSON.stringify({ param1: 'value1', param2: 'value2' }),
        extractionPath: 'Users/johndoe/data',
      });
      expect(complexSchema.parse(result)).toEqual(result);
      expect(['UseAPI', 'UseFallback']).toContain(result.decision);
      expect(typeof result.apiDetails).toBe('object');
    }
  });

  it('serves cache hits for complex message types', async () => {
    const model = fixture.model('openai/gpt-4o-mini', { cache: new InMemoryCache() });
    const humanMessage = new HumanMessage({ content: [{ type: 'text', text: 'Hello there!' }] });
    const prompt = getBufferString([humanMessage]);
    const llmKey = model._getSerializedCacheKeyParametersForCall({} as never);
    await model.invoke([humanMessage]);
    const cacheValue = await model.cache?.lookup(prompt, llmKey);
    expect(cacheValue).toHaveLength(1);
    const cachedMessage = (cacheValue?.[0] as unknown as { message: AIMessage } | undefined)?.message;
    expect(cachedMessage).toBeInstanceOf(AIMessage);
    const result = await model.invoke([humanMessage]);
    expect(result).toEqual(cachedMessage);
    expect(await model.cache?.lookup(prompt, llmKey)).toEqual(cacheValue);
    expect(fixture.chatRequests()).toHaveLength(1);
  });

  it('streams tool calls with usage', async () => {
    const stream = await MATH_ADDITION_PROMPT.pipe(
      fixture.model().bindTools([new AdderTool()], { tool_choice: 'any' }),
    ).stream({ toolName: 'AdderTool' });
    const { full } = await collect(stream);
    expect(full.tool_calls?.[0]?.name).toBe('AdderTool');
    expect(full.tool_call_chunks?.[0]).toMatchObject({
      index: 0,
      id: full.tool_calls?.[0]?.id,
      name: 'AdderTool',
    });
    expect(full.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(full.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  for (const streaming of [false, true]) {
    it(`completes a tool round trip (${streaming ? 'stream' : 'invoke'})`, async () => {
      const model = fixture.model().bindTools([weatherTool]);
      const messages: Array<HumanMessage | AIMessage | ToolMessage> = [
        new HumanMessage(
          "What's the weather like in San Francisco right now? Use the 'get_current_weather' tool to find the answer.",
        ),
      ];
      const first = streaming
        ? (await collect(await model.stream(messages, { tool_choice: 'get_current_weather' }))).full
        : await model.invoke(messages, { tool_choice: 'get_current_weather' });
      const call = first.tool_calls?.[0];
      expect(call?.name).toBe('get_current_weather');
      messages.push(first);
      messages.push(
        new ToolMessage({
          tool_call_id: call?.id ?? '',
          name: call?.name,
          content: await weatherTool.invoke(call?.args as { location: string }),
        }),
      );
      const final = streaming
        ? (await collect(await model.stream(messages))).full
        : await model.invoke(messages);
      expect(final.content).not.toBe('');
      expect(final.tool_calls ?? []).toHaveLength(0);
    });
  }

  it('calls tools in parallel (invoke, stream, history)', async () => {
    const model = fixture
      .model()
      .bindTools([weatherTool, currentTimeTool], { tool_choice: 'any', parallelToolCalls: true });
    const prompt =
      "What's the weather and current time in San Francisco?\nEnsure you ALWAYS call the 'get_current_weather' tool for weather and 'get_current_time' tool for time.";
    const invoked = await model.invoke(prompt);
    expect(invoked.tool_calls?.length).toBeGreaterThanOrEqual(2);
    const names = invoked.tool_calls?.map((call) => call.name);
    expect(names).toContain('get_current_weather');
    expect(names).toContain('get_current_time');
    const ids = invoked.tool_calls?.map((call) => call.id);
    expect(new Set(ids).size).toBe(ids?.length);

    const { full } = await collect(await model.stream(prompt));
    expect(full.tool_calls?.map((call) => call.name)).toEqual(
      expect.arrayContaining(['get_current_weather', 'get_current_time']),
    );
    expect(full.tool_call_chunks?.map((chunk) => chunk.index)).toEqual(
      full.tool_call_chunks?.map((_, index) => index),
    );

    const weatherCall = invoked.tool_calls?.find((call) => call.name === 'get_current_weather');
    const timeCall = invoked.tool_calls?.find((call) => call.name === 'get_current_time');
    const answer = await fixture
      .model()
      .bindTools([weatherTool, currentTimeTool])
      .invoke([
        new HumanMessage(prompt),
        invoked,
        new ToolMessage({
          name: 'get_current_weather',
          tool_call_id: weatherCall?.id ?? '',
          content: '24 degrees with hail.',
        }),
        new ToolMessage({ name: 'get_current_time', tool_call_id: timeCall?.id ?? '', content: '12:02 PM.' }),
      ]);
    expect(answer.tool_calls ?? []).toHaveLength(0);
    expect(answer.text).not.toBe('');
  });

  it('accepts StructuredToolParams schemas (invoke and stream)', async () => {
    const params: StructuredToolParams = {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      schema: weatherSchema,
    };
    const model = fixture.model().bindTools([params], { tool_choice: 'any' });
    const invoked = await model.invoke("What's the weather like in San Francisco today?");
    expect(invoked.tool_calls?.[0]?.name).toBe('get_current_weather');
    expect(invoked.tool_calls?.[0]?.args).toHaveProperty('location');
    const { full } = await collect(await model.stream("What's the weather like in San Francisco today?"));
    expect(full.tool_calls?.[0]?.name).toBe('get_current_weather');
    expect(full.tool_calls?.[0]?.args).toHaveProperty('location');
  });

  it('accepts standard text, image, audio and file content blocks', async () => {
    const model = fixture.model();
    const blocks: unknown[][] = [
      [{ type: 'text', source_type: 'text', text: 'Hello from a text content block!' }],
      [
        { type: 'text', text: 'Describe this.' },
        { type: 'image', source_type: 'url', url: 'https://example.com/red.png' },
      ],
      [{ type: 'image', source_type: 'base64', data: TEST_IMAGE_BASE64, mime_type: 'image/png' }],
      [{ type: 'image', source_type: 'url', url: `data:image/png;base64,${TEST_IMAGE_BASE64}` }],
      [{ type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' }],
      [{ type: 'audio', source_type: 'base64', data: TEST_AUDIO_BASE64, mime_type: 'audio/wav' }],
      [
        {
          type: 'audio',
          source_type: 'url',
          url: `data:audio/wav;base64,${TEST_AUDIO_BASE64}`,
          mime_type: 'audio/wav',
        },
      ],
      [
        {
          type: 'file',
          source_type: 'url',
          url: 'data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==',
          mime_type: 'text/plain',
          metadata: { filename: 'hello.txt' },
        },
      ],
      [
        {
          type: 'file',
          source_type: 'url',
          url: 'https://example.com/dummy.pdf',
          mime_type: 'application/pdf',
          metadata: { filename: 'dummy.pdf' },
        },
      ],
      [
        {
          type: 'file',
          source_type: 'text',
          text: 'Hello, World! (file as text block)',
          metadata: { filename: 'hello.txt' },
        },
      ],
      [
        {
          type: 'file',
          data: 'JVBERi0xLjQK',
          mimeType: 'application/pdf',
          metadata: { filename: 'inline.pdf' },
        },
      ],
      [{ type: 'video', url: 'https://example.com/clip.mp4' }],
    ];
    for (const content of blocks) {
      const result = await model.invoke([new HumanMessage({ content: content as never })]);
      expect(result.text).not.toBe('');
    }
    const sentTypes = fixture
      .chatRequests()
      .map(
        (request) =>
          (request.body as { messages: Array<{ content: Array<{ type: string }> }> }).messages[0]?.content.at(
            -1,
          )?.type,
      );
    expect(sentTypes).toEqual([
      'text',
      'image_url',
      'image_url',
      'image_url',
      'image_url',
      'input_audio',
      'input_audio',
      'file',
      'file',
      'file',
      'file',
      'video_url',
    ]);
  });

  it('rejects an already-aborted signal before any request (invoke and stream)', async () => {
    const model = fixture.model();
    await expect(model.invoke('Hello', { signal: AbortSignal.abort() })).rejects.toThrow();
    await expect(
      (async () => {
        for await (const _ of await model.stream('Hello', { signal: AbortSignal.abort() })) {
          // nothing
        }
      })(),
    ).rejects.toThrow();
    const invokeError = await model
      .invoke('Hello', { signal: AbortSignal.abort() })
      .catch((error: unknown) => error);
    expect(AbortError.isInstance(invokeError)).toBe(true);
    expect(fixture.chatRequests()).toHaveLength(0);
  });
});
