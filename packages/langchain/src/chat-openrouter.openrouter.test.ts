/**
 * What the incumbents lose and we keep, proven against the emulator over loopback HTTP:
 * reasoning round trips, fallbacks, in-band errors with partial text, cost, routing options on the
 * wire, one retry layer, aborts that reach the server, attribution, the content-block protocol.
 */
import {
  BaseCallbackHandler,
  type HandleLLMNewTokenCallbackFields,
  type NewTokenIndices,
} from '@langchain/core/callbacks/base';
import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { classifyRateLimitError } from '@langchain/core/utils/async_caller';
import { concat } from '@langchain/core/utils/stream';
import {
  AuthenticationError,
  BadRequestError,
  InvalidOptionsError,
  OpenRouterError,
  RateLimitError,
  StreamError,
  StreamTruncatedError,
} from '@openrouter-adapters/core';
import type { RecordedRequest } from '@openrouter-adapters/emulator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_API_KEY, useEmulator } from './test-utils/emulator-fixture';

const weatherTool = tool(
  (input: { location: string }) => `It is 70 degrees and sunny in ${input.location}.`,
  {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    schema: z.object({ location: z.string().describe('The city name') }),
  },
);

const WEATHER_QUESTION = "What's the weather in San Francisco? Use the get_current_weather tool.";

async function collect(stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk> {
  let full: AIMessageChunk | undefined;
  for await (const chunk of stream) full = full === undefined ? chunk : concat(full, chunk);
  if (full === undefined) throw new Error('the stream produced no chunk');
  return full;
}

describe('ChatOpenRouter on OpenRouter semantics (against the emulator)', () => {
  const fixture = useEmulator();

  for (const streaming of [false, true]) {
    it(`round-trips Anthropic reasoning signatures across a tool turn (${streaming ? 'stream' : 'invoke'})`, async () => {
      const model = fixture
        .model('anthropic/claude-sonnet-4.6', { reasoning: { maxTokens: 1024 } })
        .bindTools([weatherTool], { tool_choice: 'get_current_weather' });
      const history: Array<HumanMessage | AIMessage | ToolMessage> = [new HumanMessage(WEATHER_QUESTION)];
      const first = streaming ? await collect(await model.stream(history)) : await model.invoke(history);
      const details = first.additional_kwargs.reasoning_details as Array<Record<string, unknown>>;
      expect(details.length).toBeGreaterThan(0);
      expect(details.some((detail) => typeof detail.signature === 'string' && detail.signature !== '')).toBe(
        true,
      );
      expect(first.contentBlocks.filter((block) => block.type === 'reasoning').length).toBeGreaterThan(0);
      expect(first.usage_metadata?.output_token_details?.reasoning).toBeGreaterThan(0);
      const call = first.tool_calls?.[0];
      expect(call?.name).toBe('get_current_weather');

      history.push(first, new ToolMessage({ tool_call_id: call?.id ?? '', content: 'Sunny, 70 degrees.' }));
      const second = await fixture
        .model('anthropic/claude-sonnet-4.6', { reasoning: { maxTokens: 1024 } })
        .bindTools([weatherTool])
        .invoke(history);
      expect(second.text).not.toBe('');
      const sent = fixture.chatBody(-1);
      expect(sent.messages[1]?.reasoning_details).toEqual(details);

      // The control: the emulator verifies signatures, so an altered detail is refused.
      const tampered = new AIMessage({
        content: first.content,
        tool_calls: first.tool_calls,
        additional_kwargs: {
          reasoning_details: details.map((detail) =>
            typeof detail.text === 'string' ? { ...detail, text: `${detail.text} (edited)` } : detail,
          ),
        },
      });
      const refused = await fixture
        .model('anthropic/claude-sonnet-4.6', { reasoning: { maxTokens: 1024 } })
        .bindTools([weatherTool])
        .invoke([history[0] as HumanMessage, tampered, history[2] as ToolMessage])
        .catch((error: unknown) => error);
      expect(BadRequestError.isInstance(refused)).toBe(true);
    });
  }

  it('round-trips Gemini thought signatures tied to tool call ids', async () => {
    const model = fixture
      .model('google/gemini-2.5-flash')
      .bindTools([weatherTool], { tool_choice: 'get_current_weather' });
    const first = await collect(await model.stream(WEATHER_QUESTION));
    const call = first.tool_calls?.[0];
    const details = first.additional_kwargs.reasoning_details as Array<Record<string, unknown>>;
    expect(details.some((detail) => detail.type === 'reasoning.encrypted' && detail.id === call?.id)).toBe(
      true,
    );
    const answer = await fixture
      .model('google/gemini-2.5-flash')
      .bindTools([weatherTool])
      .invoke([
        new HumanMessage(WEATHER_QUESTION),
        first,
        new ToolMessage({ tool_call_id: call?.id ?? '', content: 'Sunny.' }),
      ]);
    expect(answer.text).not.toBe('');
  });

  it('reports the model that served a models fallback', async () => {
    const model = fixture.model('emulator/always-503', { models: ['openai/gpt-4o-mini'] });
    const invoked = await model.invoke('Hello');
    expect(invoked.response_metadata.model).toBe('openai/gpt-4o-mini');
    const streamed = await collect(await model.stream('Hello'));
    expect(streamed.response_metadata.model).toBe('openai/gpt-4o-mini');
    expect(fixture.chatBody(0).models).toEqual(['openai/gpt-4o-mini']);
  });

  it('raises an in-band stream error as a typed StreamError with the partial text', async () => {
    const model = fixture.model('openai/gpt-4o-mini', {
      headers: { 'X-Emulator-Scenario': 'mid-stream-error; after=3; code=502' },
    });
    let received = '';
    let caught: unknown;
    try {
      for await (const chunk of await model.stream('[[tokens: 40]] Tell me a story')) received += chunk.text;
    } catch (error) {
      caught = error;
    }
    expect(StreamError.isInstance(caught)).toBe(true);
    const error = caught as StreamError;
    expect(error.status).toBe(502);
    expect(error.partial?.text).not.toBe('');
    expect(error.partial?.text).toBe(received);
    expect(typeof error.headers).toBe('object');
  });

  it('raises a truncated stream as StreamTruncatedError with the partial text', async () => {
    const model = fixture.model('openai/gpt-4o-mini', {
      headers: { 'X-Emulator-Scenario': 'truncate; after=3' },
    });
    const caught = await collect(await model.stream('[[tokens: 40]] Tell me a story')).catch(
      (error: unknown) => error,
    );
    expect(StreamTruncatedError.isInstance(caught)).toBe(true);
    expect((caught as StreamTruncatedError).partial?.text).not.toBe('');
  });

  it('raises failures of non-streamed calls as typed errors carrying status and headers', async () => {
    const inBand = await fixture
      .model('openai/gpt-4o-mini', { headers: { 'X-Emulator-Scenario': 'mid-stream-error; after=3' } })
      .invoke('[[tokens: 40]] Tell me a story')
      .catch((error: unknown) => error);
    expect(OpenRouterError.isInstance(inBand)).toBe(true);
    expect((inBand as OpenRouterError).partial?.text).not.toBe('');
    const errorBody = await fixture
      .model('openai/gpt-4o-mini', { headers: { 'X-Emulator-Scenario': 'error-in-200-body; code=502' } })
      .invoke('Hello')
      .catch((error: unknown) => error);
    expect(OpenRouterError.isInstance(errorBody)).toBe(true);
    expect((errorBody as OpenRouterError).status).toBe(502);
    const unauthorized = await fixture
      .model('openai/gpt-4o-mini', { headers: { 'X-Emulator-Scenario': 'http-error; code=401' } })
      .invoke('Hello')
      .catch((error: unknown) => error);
    expect(AuthenticationError.isInstance(unauthorized)).toBe(true);
    expect((unauthorized as AuthenticationError).status).toBe(401);
    expect((unauthorized as AuthenticationError).headers?.['content-type']).toContain('application/json');
    expect(JSON.stringify(unauthorized)).not.toContain(TEST_API_KEY);
  });

  it('reports cost, provider, generation id and finish reasons in response_metadata', async () => {
    const model = fixture.model();
    const invoked = await model.invoke('Hello');
    const streamed = await collect(await model.stream('Hello'));
    for (const message of [invoked, streamed]) {
      const metadata = message.response_metadata;
      expect(metadata.model_provider).toBe('openrouter');
      expect(metadata.cost).toBeGreaterThan(0);
      expect(metadata.is_byok).toBe(false);
      expect(typeof metadata.provider).toBe('string');
      expect(metadata.generation_id).toMatch(/^gen-/);
      expect(metadata.finish_reason).toBe('stop');
      expect(typeof metadata.native_finish_reason).toBe('string');
    }
    const requests = fixture.chatRequests();
    expect(invoked.response_metadata.generation_id).toBe(requests[0]?.generationId);
    expect(streamed.id).toBe(requests[1]?.generationId);
    const byok = await fixture
      .model('openai/gpt-4o-mini', { headers: { 'X-Emulator-Scenario': 'byok' } })
      .invoke('Hello');
    expect(byok.response_metadata.is_byok).toBe(true);
    expect(byok.response_metadata.upstream_cost).toBeGreaterThan(0);
  });

  it('reports cache reads and writes in usage details', async () => {
    const model = fixture.model('anthropic/claude-sonnet-4.6', {
      headers: { 'X-Emulator-Scenario': 'cache' },
    });
    const prompt = `${'Long shared context. '.repeat(200)} Question?`;
    const first = await model.invoke(prompt);
    const second = await collect(await model.stream(prompt));
    expect(first.usage_metadata?.input_token_details?.cache_creation).toBeGreaterThan(0);
    expect(second.usage_metadata?.input_token_details?.cache_read).toBeGreaterThan(0);
  });

  it('sends per-call routing options to the wire in snake_case, overriding the constructor', async () => {
    const model = fixture.model('openai/gpt-4o-mini', {
      provider: { sort: 'price' },
      temperature: 0.2,
      sessionId: 'session-1',
    });
    await model.invoke('Hello', {
      provider: { order: ['openai'], dataCollection: 'deny', allowFallbacks: false },
      temperature: 0.7,
      requestMetadata: { team: 'search' },
      user: 'user-42',
      reasoning: { effort: 'low' },
    });
    const body = fixture.chatBody(0);
    expect(body.model).toBe('openai/gpt-4o-mini');
    expect(body.provider).toMatchObject({
      order: ['openai'],
      data_collection: 'deny',
      allow_fallbacks: false,
    });
    expect(body.temperature).toBe(0.7);
    expect(body.session_id).toBe('session-1');
    expect(body.metadata).toEqual({ team: 'search' });
    expect(body.user).toBe('user-42');
    expect(body.reasoning).toEqual({ effort: 'low' });
    expect(body).not.toHaveProperty('requestMetadata');
  });

  it('rejects invalid per-call options with a typed error and sends nothing', async () => {
    const caught = await fixture
      .model()
      .invoke('Hello', { provider: { bogus: true } as never })
      .catch((error: unknown) => error);
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect(fixture.chatRequests()).toHaveLength(0);
  });

  it('attributes requests to this project and never leaks the key to the server log', async () => {
    await fixture.model().invoke('Hello');
    const headers = fixture.chatRequests()[0]?.headers ?? {};
    expect(headers['x-openrouter-title']).toBe('openrouter-adapters');
    expect(headers['http-referer']).toBe('https://github.com/openrouter-adapters/openrouter-adapters');
    await fixture
      .model('openai/gpt-4o-mini', { appName: 'My App', appUrl: 'https://example.com' })
      .invoke('Hello');
    const custom = fixture.chatRequests()[1]?.headers ?? {};
    expect(custom['x-openrouter-title']).toBe('My App');
    expect(custom['http-referer']).toBe('https://example.com');
  });

  it('retries a 429 in core only: one retry layer', async () => {
    const model = fixture.model('openai/gpt-4o-mini', {
      maxRetries: 2,
      headers: { 'X-Emulator-Scenario': 'rate-limit; retry_after=0' },
    });
    const caught = await model.invoke('Hello').catch((error: unknown) => error);
    expect(RateLimitError.isInstance(caught)).toBe(true);
    expect((caught as RateLimitError).status).toBe(429);
    expect(fixture.chatRequests()).toHaveLength(3);
    // LangChain's own retry helpers classify it from `status` and `headers` (Retry-After).
    expect(classifyRateLimitError(caught)).toMatchObject({ action: 'wait', retryAfterMs: 0 });

    fixture.emulator.reset();
    const noRetry = fixture.model('openai/gpt-4o-mini', {
      maxRetries: 0,
      headers: { 'X-Emulator-Scenario': 'rate-limit; retry_after=0' },
    });
    const streamed = await (async () => {
      for await (const _ of await noRetry.stream('Hello')) {
        // unreachable: the request is refused before the first byte
      }
    })().catch((error: unknown) => error);
    expect(RateLimitError.isInstance(streamed)).toBe(true);
    expect(fixture.chatRequests()).toHaveLength(1);
  });

  it('aborting mid-stream reaches the server as a disconnect', async () => {
    const model = fixture.model('openai/gpt-4o-mini', {
      headers: { 'X-Emulator-Scenario': 'slow-tokens; interval_ms=50' },
    });
    const controller = new AbortController();
    const received: string[] = [];
    const caught = await (async () => {
      for await (const chunk of await model.stream('[[tokens: 200]] Tell me a story', {
        signal: controller.signal,
      })) {
        received.push(chunk.text);
        if (received.length === 2) controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(Error);
    await fixture.emulator.waitFor(
      (requests: RecordedRequest[]) => requests.some((request) => request.clientDisconnectedAt !== undefined),
      {
        timeoutMs: 5_000,
      },
    );
  });

  it('stopping iteration early cancels the HTTP body', async () => {
    const model = fixture.model('openai/gpt-4o-mini', {
      headers: { 'X-Emulator-Scenario': 'slow-tokens; interval_ms=50' },
    });
    for await (const chunk of await model.stream('[[tokens: 200]] Tell me a story')) {
      if (chunk.text !== '') break;
    }
    await fixture.emulator.waitFor(
      (requests: RecordedRequest[]) => requests.some((request) => request.clientDisconnectedAt !== undefined),
      {
        timeoutMs: 5_000,
      },
    );
  });

  it('gives streaming callbacks every chunk, text and tool-call fragments alike', async () => {
    const tokens: string[] = [];
    const chunks: AIMessageChunk[] = [];
    class Recorder extends BaseCallbackHandler {
      name = 'Recorder';
      override handleLLMNewToken(
        token: string,
        _index: NewTokenIndices,
        _runId: string,
        _parent?: string,
        _tags?: string[],
        fields?: HandleLLMNewTokenCallbackFields,
      ): void {
        tokens.push(token);
        const chunk = fields?.chunk;
        if (chunk !== undefined && 'message' in chunk && AIMessageChunk.isInstance(chunk.message))
          chunks.push(chunk.message);
      }
    }
    const model = fixture.model('openai/gpt-4o-mini', { streaming: true }).bindTools([weatherTool]);
    const text = await fixture
      .model('openai/gpt-4o-mini', { streaming: true })
      .invoke('[[tokens: 20]] Hello', { callbacks: [new Recorder()] });
    expect(tokens.join('')).toBe(text.text);
    const called = await model.invoke(WEATHER_QUESTION, { callbacks: [new Recorder()], tool_choice: 'any' });
    expect(called.tool_calls?.[0]?.name).toBe('get_current_weather');
    expect(
      chunks.some((chunk) => chunk.tool_call_chunks?.some((part) => part.id === called.tool_calls?.[0]?.id)),
    ).toBe(true);
  });

  it('streams the content-block protocol (streamEvents without a version) and round-trips its message', async () => {
    const model = fixture.model('anthropic/claude-sonnet-4.6', { reasoning: { maxTokens: 1024 } });
    const stream = model.streamEvents(WEATHER_QUESTION, {
      tools: [weatherTool],
      tool_choice: 'get_current_weather',
    });
    const reasoning = await stream.reasoning;
    const toolCalls = await stream.toolCalls;
    const usage = await stream.usage;
    const message = await stream;
    expect(reasoning).not.toBe('');
    expect(toolCalls[0]?.name).toBe('get_current_weather');
    expect(usage?.output_tokens).toBeGreaterThan(0);
    expect(message.response_metadata.finish_reason).toBe('tool_use');
    expect(message.response_metadata.model).toBe('anthropic/claude-sonnet-4.6');
    expect(message.tool_calls?.[0]?.id).toBe(toolCalls[0]?.id);
    const answer = await fixture
      .model('anthropic/claude-sonnet-4.6', { reasoning: { maxTokens: 1024 } })
      .bindTools([weatherTool])
      .invoke([
        new HumanMessage(WEATHER_QUESTION),
        message,
        new ToolMessage({ tool_call_id: toolCalls[0]?.id ?? '', content: 'Sunny.' }),
      ]);
    expect(answer.text).not.toBe('');
  });
});
