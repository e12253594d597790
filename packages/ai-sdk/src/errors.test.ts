import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { OpenRouterError, RateLimitError } from '@openrouter-adapters/core';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEmulatorHarness } from './test-utils/emulator-harness';
import { fetchWithScenarioOnFirst } from './test-utils/scenario-fetch';

describe('errors and retries', () => {
  it('surfaces HTTP errors as APICallError with core’s typed error as cause and the upstream message', async () => {
    const harness = createEmulatorHarness({ maxRetries: 0 });
    const error = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Fail please',
      headers: { 'X-Emulator-Scenario': 'http-error; code=502' },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(502);
    expect(apiError.isRetryable).toBe(true);
    expect(apiError.url).toBe(`${harness.baseURL}/chat/completions`);
    expect(apiError.responseHeaders?.['content-type']).toContain('application/json');
    expect(OpenRouterError.isInstance(apiError.cause)).toBe(true);
    const cause = apiError.cause as OpenRouterError;
    expect(cause.status).toBe(502);
    expect(apiError.message).toContain(cause.message);
    expect(cause.message).not.toBe('Provider returned error');
    expect(apiError.requestBodyValues).toMatchObject({ model: 'openai/gpt-4o-mini' });
    expect(await harness.requests()).toHaveLength(1);
  });

  it('retries a 429 with Retry-After once, in core only', async () => {
    const harness = createEmulatorHarness();
    const provider = harness.createProvider({ fetch: fetchWithScenarioOnFirst('rate-limit; retry_after=1') });
    const startedAt = Date.now();
    const result = await generateText({
      model: provider('openai/gpt-4o-mini'),
      prompt: 'Hi [[reply: after retry]]',
    });
    expect(result.text).toBe('after retry');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    const requests = await harness.requests();
    expect(requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('does not multiply retries: errors core already retried reach the AI SDK as not retryable', async () => {
    const harness = createEmulatorHarness({ maxRetries: 1, initialRetryDelayMs: 1 });
    const error = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Hi',
      headers: { 'X-Emulator-Scenario': 'rate-limit; retry_after=0' },
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(429);
    expect((error as APICallError).isRetryable).toBe(false);
    expect(RateLimitError.isInstance((error as APICallError).cause)).toBe(true);
    expect(((error as APICallError).cause as RateLimitError).isRetryable).toBe(true);
    // core: 1 + 1 retry. Had the AI SDK retried too (maxRetries 2), the emulator would see 6.
    expect(await harness.requests()).toHaveLength(2);
  });

  it('lets the AI SDK retry instead when core retries are off', async () => {
    const harness = createEmulatorHarness({ maxRetries: 0 });
    const error = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Hi',
      headers: { 'X-Emulator-Scenario': 'rate-limit; retry_after=0' },
      maxRetries: 1,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(await harness.requests()).toHaveLength(2);
  });

  for (const scenario of ['error-in-200-body', 'mid-stream-error; after=2']) {
    it(`surfaces an error inside a 200 body (${scenario}) and never retries it (the upstream may already have billed)`, async () => {
      const harness = createEmulatorHarness();
      const error = await generateText({
        model: harness.provider('openai/gpt-4o-mini'),
        prompt: 'Tell me [[reply: alpha beta gamma delta]]',
        headers: { 'X-Emulator-Scenario': scenario },
        maxRetries: 1,
      }).catch((caught: unknown) => caught);
      const apiError = APICallError.isInstance(error)
        ? error
        : ((error as { lastError?: unknown }).lastError as APICallError);
      expect(APICallError.isInstance(apiError)).toBe(true);
      expect(apiError.statusCode).toBe(502);
      expect(OpenRouterError.isInstance(apiError.cause)).toBe(true);
      expect(apiError.message).toContain((apiError.cause as OpenRouterError).message);
      // Nothing is retried once a 2xx response arrived: not by core, not by the AI SDK.
      expect(apiError.isRetryable).toBe(false);
      expect(await harness.requests()).toHaveLength(1);
      if (scenario.startsWith('mid-stream-error')) {
        // The partial output stays available on core's error.
        expect((apiError.cause as OpenRouterError).partial?.text.length).toBeGreaterThan(0);
      }
    });
  }

  it('rejects invalid OpenRouter options with one InvalidArgumentError naming every problem', async () => {
    const harness = createEmulatorHarness();
    const error = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: 'Hi',
      providerOptions: {
        openrouter: { provider: { sortt: 'price' }, reasoning: { effort: 'extreme' }, temprature: 1 },
      },
    }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('providerOptions.openrouter');
    expect(message).toContain('provider.sortt');
    expect(message).toContain('reasoning.effort');
    expect(message).toContain('temprature');
    expect(await harness.requests()).toHaveLength(0);
  });

  it('rejects invalid provider settings when the provider is created', () => {
    const harness = createEmulatorHarness();
    expect(() => harness.createProvider({ provider: { only: ['openai'], ignore: ['openai'] } })).toThrow(
      InvalidArgumentError,
    );
  });

  it('rejects invalid client settings (retries, timeouts) with InvalidArgumentError', () => {
    const harness = createEmulatorHarness();
    expect(() => harness.createProvider({ maxRetries: -1, timeoutMs: 0 })).toThrow(InvalidArgumentError);
  });

  it('refuses extraBody fields that would override what the provider sets', async () => {
    const harness = createEmulatorHarness();
    const error = await generateText({
      model: harness.provider('openai/gpt-4o-mini', {
        extraBody: { model: 'other/model', prediction: { type: 'content', content: 'x' } },
      }),
      prompt: 'Hi',
    }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('model');
    expect(await harness.requests()).toHaveLength(0);
  });
});
