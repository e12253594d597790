import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEmulatorHarness } from './test-utils/emulator-harness';

describe('OpenRouter options (camelCase in, validated by core, snake_case on the wire)', () => {
  it('forwards every option family at call level', async () => {
    const harness = createEmulatorHarness();
    await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Options [[reply: ok]]',
      providerOptions: {
        openrouter: {
          models: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.6'],
          provider: {
            order: ['openai'],
            allowFallbacks: true,
            requireParameters: false,
            dataCollection: 'deny',
            maxPrice: { prompt: 100, completion: 200 },
          },
          plugins: [{ id: 'web', maxResults: 3 }],
          webSearch: { searchContextSize: 'low' },
          promptCaching: { key: 'conversation-42' },
          transforms: ['middle-out'],
          sessionId: 'session-7',
          user: 'user-7',
          metadata: { team: 'search' },
          trace: { traceId: 'trace-1', spanName: 'answer' },
          parallelToolCalls: false,
          verbosity: 'low',
        },
      },
    });
    const [body] = await harness.chatBodies();
    expect(body).toMatchObject({
      model: 'openai/gpt-4o-mini',
      models: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.6'],
      provider: {
        order: ['openai'],
        allow_fallbacks: true,
        require_parameters: false,
        data_collection: 'deny',
        max_price: { prompt: 100, completion: 200 },
      },
      plugins: [{ id: 'web', max_results: 3 }],
      web_search_options: { search_context_size: 'low' },
      prompt_cache_key: 'conversation-42',
      transforms: ['middle-out'],
      session_id: 'session-7',
      user: 'user-7',
      metadata: { team: 'search' },
      trace: { trace_id: 'trace-1', span_name: 'answer' },
      parallel_tool_calls: false,
      verbosity: 'low',
    });
  });

  it('sends OpenRouter’s web search server tool and returns its cited sources', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Latest news? [[citations]]',
      tools: { webSearch: harness.provider.tools.webSearch({ maxResults: 3, engine: 'exa' }) },
    });
    const sources = await result.sources;
    expect(sources.length).toBeGreaterThan(0);
    expect(sources[0]).toMatchObject({
      type: 'source',
      sourceType: 'url',
      url: expect.stringMatching(/^https?:/),
    });
    const [body] = await harness.chatBodies();
    expect(body?.tools).toEqual([
      { type: 'openrouter:web_search', parameters: { max_results: 3, engine: 'exa' } },
    ]);
  });

  it('warns about call settings it cannot send instead of dropping them silently', async () => {
    const harness = createEmulatorHarness();
    const result = await harness.provider('openai/gpt-4o-mini').doGenerate({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'Hi [[reply: ok]]' }] },
        {
          role: 'assistant',
          content: [
            { type: 'custom', kind: 'other.thing' },
            { type: 'text', text: 'Hello' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Again [[reply: ok]] [[no-tools]]' }] },
      ],
      tools: [
        {
          type: 'function',
          name: 'lookup',
          inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
          inputExamples: [{ input: { q: 'x' } }],
        },
        { type: 'provider', id: 'anthropic.code_execution', name: 'code', args: {} },
      ],
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'assistant custom parts' }),
      expect.objectContaining({ type: 'unsupported', feature: 'inputExamples' }),
      expect.objectContaining({ type: 'unsupported', feature: 'provider tool anthropic.code_execution' }),
    ]);
    const [body] = await harness.chatBodies();
    expect(body?.tools).toEqual([
      {
        type: 'function',
        function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
      },
    ]);
  });

  it('reports prompt-cache reads and writes in usage', async () => {
    const harness = createEmulatorHarness();
    const model = harness.provider('anthropic/claude-sonnet-4.6');
    const long = `${harness.testId} ${'Background. '.repeat(400)}`;
    const call = {
      model,
      messages: [
        {
          role: 'user' as const,
          content: [
            {
              type: 'text' as const,
              text: long,
              providerOptions: { openrouter: { cacheControl: { type: 'ephemeral' } } },
            },
            { type: 'text' as const, text: 'Question [[reply: ok]]' },
          ],
        },
      ],
      headers: { 'X-Emulator-Scenario': 'cache' },
    };
    const first = await generateText(call);
    const second = await generateText(call);
    expect(first.usage.inputTokenDetails.cacheWriteTokens).toBeGreaterThan(0);
    expect(second.usage.inputTokenDetails.cacheReadTokens).toBeGreaterThan(0);
    for (const usage of [first.usage, second.usage]) {
      expect(usage.inputTokenDetails.noCacheTokens).toBe(
        (usage.inputTokens ?? 0) -
          (usage.inputTokenDetails.cacheReadTokens ?? 0) -
          (usage.inputTokenDetails.cacheWriteTokens ?? 0),
      );
    }
  });
});
