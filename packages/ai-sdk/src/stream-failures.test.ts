import { APICallError } from '@ai-sdk/provider';
import { StreamError } from '@openrouter-adapters/core';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { collectStream } from './test-utils/collect-stream';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const LONG_REPLY = '[[reply: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu]]';

describe('streams that fail after they started', () => {
  it('keeps the partial text of a mid-stream error and finishes with `error`', async () => {
    const harness = createEmulatorHarness();
    const errors: unknown[] = [];
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: `Tell me ${LONG_REPLY}`,
      headers: { 'X-Emulator-Scenario': 'mid-stream-error; after=3; code=502' },
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const parts = await collectStream(result.fullStream);
    const text = await result.text;
    expect(text.length).toBeGreaterThan(0);
    expect('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'.startsWith(text)).toBe(true);
    expect(await result.finishReason).toBe('error');
    const errorPart = parts.find((part) => part.type === 'error');
    expect(errorPart).toBeDefined();
    const error = errorPart?.type === 'error' ? errorPart.error : undefined;
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).statusCode).toBe(502);
    expect(StreamError.isInstance((error as APICallError).cause)).toBe(true);
    expect(errors).toHaveLength(1);
    const finish = parts.find((part) => part.type === 'finish-step');
    expect(finish?.type === 'finish-step' && finish.providerMetadata?.openrouter?.error).toMatchObject({
      code: 502,
    });
    // Never retried after the first token.
    expect(await harness.requests()).toHaveLength(1);
  });

  it('ends a truncated stream (EOF before any finish) with `interrupted`, keeping the text', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: `Tell me ${LONG_REPLY}`,
      headers: { 'X-Emulator-Scenario': 'truncate; after=4' },
      onError: () => undefined,
    });
    const parts = await collectStream(result.fullStream);
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(await result.finishReason).toBe('interrupted');
    expect((await result.text).length).toBeGreaterThan(0);
  });

  it('ends a stream whose connection dropped with `interrupted`', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: `Tell me ${LONG_REPLY}`,
      headers: { 'X-Emulator-Scenario': 'disconnect; after=3' },
      onError: () => undefined,
    });
    await collectStream(result.fullStream);
    expect(await result.finishReason).toBe('interrupted');
    expect((await result.text).length).toBeGreaterThan(0);
  });

  it('reports a malformed chunk as an error part instead of dropping it', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: `Tell me ${LONG_REPLY}`,
      headers: { 'X-Emulator-Scenario': 'malformed-chunk; after=2' },
      onError: () => undefined,
    });
    const parts = await collectStream(result.fullStream);
    expect(parts.some((part) => part.type === 'error')).toBe(true);
    expect(await result.finishReason).toBe('error');
  });

  it('aborts: the emulator records the client disconnect right away', async () => {
    const harness = createEmulatorHarness();
    const controller = new AbortController();
    let abortedAt = 0;
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: `Tell me ${LONG_REPLY}`,
      headers: { 'X-Emulator-Scenario': 'slow-tokens; interval_ms=200' },
      abortSignal: controller.signal,
      onError: () => undefined,
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) {
      parts.push(part.type);
      if (part.type === 'text-delta' && abortedAt === 0) {
        abortedAt = Date.now();
        controller.abort();
      }
    }
    expect(parts).toContain('abort');
    const [request] = await harness.waitForRequests(
      (requests) => requests[0]?.clientDisconnectedAt !== undefined,
    );
    expect(request?.clientDisconnectedAt).toBeDefined();
    expect((request?.clientDisconnectedAt ?? 0) - abortedAt).toBeLessThan(500);
  });

  it('fails a stream that goes silent for longer than idleTimeoutMs with an error part, keeping the text', async () => {
    const harness = createEmulatorHarness({ idleTimeoutMs: 150 });
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini'),
      prompt: `Tell me ${LONG_REPLY}`,
      headers: { 'X-Emulator-Scenario': 'slow-tokens; interval_ms=600' },
      onError: () => undefined,
    });
    const parts = await collectStream(result.fullStream);
    const errorPart = parts.find((part) => part.type === 'error');
    expect(errorPart?.type === 'error' && APICallError.isInstance(errorPart.error)).toBe(true);
    expect(await result.finishReason).toBe('error');
    expect((await result.text).length).toBeGreaterThan(0);
    const [request] = await harness.waitForRequests(
      (requests) => requests[0]?.clientDisconnectedAt !== undefined,
    );
    expect(request?.clientDisconnectedAt).toBeDefined();
  });
});
