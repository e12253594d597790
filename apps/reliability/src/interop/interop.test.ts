import { type AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { createOpenRouter } from '@openrouter-adapters/ai-sdk';
import { MODEL_IDS } from '@openrouter-adapters/emulator';
import { ChatOpenRouter } from '@openrouter-adapters/langchain';
import { generateText, isStepCount, jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { type GatewayStack, startGatewayStack } from '../harness/start-gateway-stack';

const capture = createCapture();
const serverKey = createApiKey();
let gateway: GatewayStack;
const checks: string[] = [];

const weatherSchema: {
  type: 'object';
  properties: { location: { type: 'string' } };
  required: string[];
  additionalProperties: false;
} = {
  type: 'object',
  properties: { location: { type: 'string' } },
  required: ['location'],
  additionalProperties: false,
};

/** Asserts that the emulator served `generationId` (the id the client saw is the one upstream issued). */
function servedUpstream(generationId: unknown): void {
  expect(typeof generationId).toBe('string');
  expect(gateway.emulator.requests.some((request) => request.generationId === generationId)).toBe(true);
}

beforeAll(async () => {
  gateway = await startGatewayStack({ capture, serverKey });
});

afterAll(async () => {
  await gateway.close();
  recordResults('interop', {
    checks,
    middlewareUsageEvents: gateway.usage.length,
    incompleteUsageEvents: gateway.usage.filter((event) => !event.completed).length,
    capture: capture.summary(),
  });
});

describe('interop: our AI SDK provider through our Express middleware', () => {
  const provider = () => createOpenRouter({ baseURL: gateway.baseURL, maxRetries: 0 });

  it('generateText and streamText, with usage and the served generation id', async () => {
    const generated = await generateText({
      model: provider()(MODEL_IDS.gpt4oMini),
      prompt: 'interop ai-sdk generate',
    });
    expect(generated.text.length).toBeGreaterThan(0);
    expect(generated.finishReason).toBe('stop');
    expect(generated.usage.inputTokens).toBeGreaterThan(0);
    servedUpstream(
      (generated.providerMetadata?.openrouter as { generationId?: string } | undefined)?.generationId,
    );

    const streamed = streamText({ model: provider()(MODEL_IDS.gpt4oMini), prompt: 'interop ai-sdk stream' });
    const text = await streamed.text;
    expect(text.length).toBeGreaterThan(0);
    expect(await streamed.finishReason).toBe('stop');
    expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
    capture.add('ai-sdk results', [generated.text, text, await streamed.providerMetadata]);
    checks.push('ai-sdk generateText + streamText via middleware');
  });

  it('tools, streamed and not, and a multi-step agent loop', async () => {
    const tools = {
      get_weather: tool({
        description: 'Get the weather for a city',
        inputSchema: jsonSchema<{ location: string }>(weatherSchema),
        execute: async ({ location }) => ({ location, temperatureC: 21 }),
      }),
    };
    const oneStep = await generateText({
      model: provider()(MODEL_IDS.gpt4oMini),
      prompt: 'What is the weather in Paris? [[tool: get_weather]]',
      tools: {
        get_weather: tool({
          description: 'Get the weather for a city',
          inputSchema: jsonSchema<{ location: string }>(weatherSchema),
        }),
      },
    });
    expect(oneStep.finishReason).toBe('tool-calls');
    expect(oneStep.toolCalls[0]?.input).toEqual({ location: 'Paris' });

    const streamed = streamText({
      model: provider()(MODEL_IDS.gpt4oMini),
      prompt: 'What is the weather in Paris?',
      tools,
      stopWhen: isStepCount(3),
    });
    const parts: string[] = [];
    for await (const part of streamed.fullStream) parts.push(part.type);
    expect(parts).toContain('tool-input-delta');
    expect(parts).toContain('tool-result');
    expect((await streamed.steps).length).toBe(2);
    expect(await streamed.text).toContain('21');

    const agent = await generateText({
      model: provider()(MODEL_IDS.gpt4oMini),
      prompt: 'Weather in Paris?',
      tools,
      stopWhen: isStepCount(3),
    });
    expect(agent.steps.length).toBe(2);
    expect(agent.text.length).toBeGreaterThan(0);
    capture.add('ai-sdk tool results', [oneStep.toolCalls, agent.steps.map((step) => step.content)]);
    checks.push('ai-sdk tools (stream + generate) and a 2-step agent via middleware');
  });

  it("Claude's signed reasoning survives the round trip through the middleware", async () => {
    const tools = {
      get_weather: tool({
        description: 'Get the weather for a city',
        inputSchema: jsonSchema<{ location: string }>(weatherSchema),
        execute: async ({ location }) => ({ location, temperatureC: 19 }),
      }),
    };
    // Step 2 sends step 1's signed reasoning back; the emulator rejects altered or missing signatures.
    const result = await generateText({
      model: provider()(MODEL_IDS.claudeSonnet, { reasoning: { effort: 'low' } }),
      prompt: 'Think, then check the weather in Oslo.',
      tools,
      stopWhen: isStepCount(3),
    });
    expect(result.steps.length).toBe(2);
    expect(result.steps[0]?.reasoningText?.length ?? 0).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
    checks.push('ai-sdk Claude reasoning + tool round trip (signatures verified upstream) via middleware');
  });
});

describe('interop: our LangChain model through our Express middleware', () => {
  const model = () => new ChatOpenRouter(MODEL_IDS.gpt4oMini, { baseURL: gateway.baseURL, maxRetries: 0 });

  it('invoke and stream, with usage metadata', async () => {
    const reply = await model().invoke('interop langchain invoke');
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.usage_metadata?.input_tokens).toBeGreaterThan(0);
    servedUpstream(reply.response_metadata.generation_id);
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await model().stream('interop langchain stream'))
      merged = merged ? merged.concat(chunk) : chunk;
    expect(merged?.text.length).toBeGreaterThan(0);
    expect(merged?.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(merged?.response_metadata.finish_reason).toBe('stop');
    capture.add('langchain results', [reply, merged]);
    checks.push('langchain invoke + stream via middleware');
  });

  it('bindTools: tool calls streamed and not, then the tool result round trip', async () => {
    const withTools = model().bindTools([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Get the weather', parameters: weatherSchema },
      },
    ]);
    const question = new HumanMessage('What is the weather in Paris?');
    const call = await withTools.invoke([question]);
    expect(call.tool_calls?.[0]?.name).toBe('get_weather');
    expect(call.tool_calls?.[0]?.args).toEqual({ location: 'Paris' });

    let streamed: AIMessageChunk | undefined;
    for await (const chunk of await withTools.stream([question]))
      streamed = streamed ? streamed.concat(chunk) : chunk;
    expect(streamed?.tool_call_chunks?.length).toBeGreaterThan(0);
    expect(streamed?.tool_calls?.[0]?.args).toEqual({ location: 'Paris' });

    const toolCall = call.tool_calls?.[0];
    const answer = await withTools.invoke([
      question,
      call,
      new ToolMessage({
        tool_call_id: toolCall?.id ?? '',
        content: JSON.stringify({ location: 'Paris', temperatureC: 23 }),
      }),
    ]);
    expect(answer.text).toContain('23');
    capture.add('langchain tool results', [call, streamed, answer]);
    checks.push('langchain bindTools (invoke + stream) and tool-result round trip via middleware');
  });
});

describe('interop: the official openai client through our Express middleware', () => {
  const client = () =>
    new OpenAI({ baseURL: gateway.baseURL, apiKey: 'placeholder-not-a-key', maxRetries: 0, logLevel: 'off' });
  const tools = [
    {
      type: 'function' as const,
      function: { name: 'get_weather', description: 'Get the weather', parameters: weatherSchema },
    },
  ];

  it('chat completions streamed and not, with tools', async () => {
    const completion = await client().chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'interop openai create' }],
    });
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    servedUpstream(completion.id);

    const toolCall = await client().chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
    });
    const call = toolCall.choices[0]?.message.tool_calls?.[0];
    expect(toolCall.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({
      location: 'Paris',
    });

    const stream = await client().chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [{ role: 'user', content: 'Weather in Paris? [[tool: get_weather]]' }],
      tools,
      stream: true,
      stream_options: { include_usage: true },
    });
    let argumentsText = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? [])
        argumentsText += delta.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(JSON.parse(argumentsText)).toEqual({ location: 'Paris' });
    expect(finish).toBe('tool_calls');
    expect(usage?.total_tokens).toBeGreaterThan(0);

    const answer = await client().chat.completions.create({
      model: MODEL_IDS.gpt4oMini,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        toolCall.choices[0]!.message,
        { role: 'tool', tool_call_id: call?.id ?? '', content: '{"temperatureC":17}' },
      ],
      tools,
    });
    expect(answer.choices[0]?.message.content).toContain('17');
    capture.add('openai results', [completion, toolCall, answer]);
    checks.push('openai chat (create + stream) with tools and a tool-result turn via middleware');
  });

  it('models.list, embeddings and legacy completions', async () => {
    const models = [];
    for await (const model of client().models.list()) models.push(model.id);
    expect(models).toContain(MODEL_IDS.gpt4oMini);
    const embedding = await client().embeddings.create({
      model: MODEL_IDS.embeddingSmall,
      input: ['alpha', 'beta'],
    });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0]?.embedding.length).toBe(1536);
    const legacy = await client().completions.create({
      model: MODEL_IDS.gpt4oMini,
      prompt: 'Once upon a time',
    });
    expect(legacy.choices[0]?.text.length).toBeGreaterThan(0);
    capture.add('openai other endpoints', [models, legacy]);
    checks.push('openai models.list + embeddings + legacy completions via middleware');
  });
});

describe('emulator contract the agent loops rely on', () => {
  it('a [[tool: name]] directive still yields a final answer once the tool results came back', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: weatherSchema } }];
    const post = async (messages: unknown[]) =>
      (await (
        await fetch(`${gateway.emulator.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${serverKey}` },
          body: JSON.stringify({ model: MODEL_IDS.gpt4oMini, messages, tools }),
        })
      ).json()) as {
        choices: Array<{
          finish_reason: string;
          message: { content: string | null; tool_calls?: Array<{ id: string }> };
        }>;
      };
    const prompt = 'What is the weather in Paris? [[tool: get_weather]]';
    const first = await post([{ role: 'user', content: prompt }]);
    const call = first.choices[0]!.message;
    const second = await post([
      { role: 'user', content: prompt },
      call,
      { role: 'tool', tool_call_id: call.tool_calls?.[0]?.id, content: '{"temperatureC":17}' },
    ]);
    // README: "After tool results come back, the reply is a final answer that quotes them."
    expect(
      second.choices[0]?.finish_reason,
      'the emulator answered the tool result with another tool call, so agent loops never end',
    ).toBe('stop');
    expect(second.choices[0]?.message.content).toContain('17');
  });
});

describe('interop: secrets', () => {
  it('every usage event completed and no key anywhere', () => {
    expect(gateway.usage.length).toBeGreaterThan(10);
    expect(gateway.usage.every((event) => event.completed)).toBe(true);
    expectNoLeaks(capture);
  });
});
