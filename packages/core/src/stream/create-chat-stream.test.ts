import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseMeta } from '../client/response-meta';
import { AbortError } from '../errors/abort-error';
import { ConnectionError } from '../errors/connection-error';
import { OpenRouterError } from '../errors/openrouter-error';
import { RateLimitError } from '../errors/rate-limit-error';
import { StreamError } from '../errors/stream-error';
import { TimeoutError } from '../errors/timeout-error';
import { loadFixture } from '../test-utils/load-fixture';
import { startTestServer, type TestServer } from '../test-utils/start-test-server';
import type { ChatStreamEvent } from './chat-stream-event';
import { createChatStream } from './create-chat-stream';

const chunk = (content: string, extra: Record<string, unknown> = {}): string =>
  `data: ${JSON.stringify({ id: 'gen-test', choices: [{ index: 0, delta: { content }, finish_reason: null }], ...extra })}\n\n`;
const finish = `data: ${JSON.stringify({ id: 'gen-test', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: (response: ServerResponse) => void, contentType = 'text/event-stream') {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'x-generation-id': 'gen-test' });
    response.flushHeaders();
    handler(response);
  });
  return server;
}

async function open(options: Parameters<typeof createChatStream>[2] = {}) {
  if (server === undefined) throw new Error('no server');
  const response = await fetch(`${server.url}/api/v1/chat/completions`, { method: 'POST' });
  const meta: ResponseMeta = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    generationId: response.headers.get('x-generation-id') ?? undefined,
    url: response.url,
    attempts: 1,
  };
  return createChatStream(response, meta, options);
}

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const errorOf = (events: readonly ChatStreamEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== 'error') throw new Error(`expected an error event, got ${last?.type}`);
  return last.error;
};

/**
 * Records timers scheduled with `delayMs` (our idle timer's delay; fetch and the test server use
 * others) and reports how many are still pending: neither fired nor cleared.
 */
function trackTimers(delayMs: number): { pending(): number; restore(): void } {
  const { setTimeout: originalSet, clearTimeout: originalClear } = globalThis;
  const pending = new Set<unknown>();
  globalThis.setTimeout = ((callback: () => void, delay?: number, ...rest: unknown[]) => {
    if (delay !== delayMs) return originalSet(callback, delay, ...rest);
    const handle = originalSet(() => {
      pending.delete(handle);
      callback();
    }, delay);
    pending.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(handle);
    originalClear(handle);
  }) as typeof clearTimeout;
  return {
    pending: () => pending.size,
    restore: () => {
      globalThis.setTimeout = originalSet;
      globalThis.clearTimeout = originalClear;
    },
  };
}

describe('createChatStream over HTTP', () => {
  it('iterates a recorded stream; result() afterwards returns the same result; no timer is left', async () => {
    const bytes = loadFixture('stream', 'claude-reasoning-tools.sse');
    await serve((response) => {
      // Network-sized pieces with pauses, as a real server sends them.
      let offset = 0;
      const next = (): void => {
        if (offset >= bytes.length) return void response.end();
        response.write(bytes.subarray(offset, offset + 700));
        offset += 700;
        setTimeout(next, 2);
      };
      next();
    });
    const timers = trackTimers(4_321);
    const stream = await open({ idleTimeoutMs: 4_321 });
    const events = await collect(stream);
    timers.restore();
    const last = events.at(-1);
    expect(last?.type).toBe('end');
    const result = await stream.result();
    expect(last?.type === 'end' && last.result).toBe(result);
    expect(result).toMatchObject({
      text: 'Let me check the weather for you.',
      finishReason: 'tool_calls',
      generationId: 'gen-1760000001-claudeReasonTools',
    });
    expect(result.response?.headers['x-generation-id']).toBe('gen-test');
    expect(timers.pending()).toBe(0);
  });

  it('result() alone drains the stream', async () => {
    await serve((response) => response.end(`${chunk('Hi')}${chunk(' there')}${finish}data: [DONE]\n\n`));
    const stream = await open();
    await expect(stream.result()).resolves.toMatchObject({ text: 'Hi there', finishReason: 'stop' });
    expect(() => stream[Symbol.asyncIterator]()).toThrow(OpenRouterError);
  });

  it('cancels the body after [DONE] even when the server keeps the connection open', async () => {
    const active = await serve((response) => {
      response.write(`${chunk('done')}${finish}data: [DONE]\n\n`);
      setInterval(() => response.write(': OPENROUTER PROCESSING\n\n'), 20).unref();
    });
    const stream = await open();
    const events = await collect(stream);
    expect(events.at(-1)?.type).toBe('end');
    expect(await (await active.request()).closed).toBe(true);
  });

  it('times out after idleTimeoutMs of silence with the partial result, and the server sees the disconnect', async () => {
    const active = await serve((response) => response.write(chunk('partial')));
    const timers = trackTimers(150);
    const stream = await open({ idleTimeoutMs: 150 });
    const started = Date.now();
    const events = await collect(stream);
    timers.restore();
    const error = errorOf(events);
    expect(TimeoutError.isInstance(error) && error.kind).toBe('idle');
    expect(error.message).toContain('150 ms');
    expect(error.partial?.text).toBe('partial');
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(stream.result()).rejects.toBe(error);
    expect(await (await active.request()).closed).toBe(true);
    expect(timers.pending()).toBe(0);
  });

  it('keep-alive comments reset the idle timer', async () => {
    await serve((response) => {
      let count = 0;
      const timer = setInterval(() => {
        if (++count < 8) return void response.write(': OPENROUTER PROCESSING\n\n');
        clearInterval(timer);
        response.end(chunk('late') + finish);
      }, 60);
    });
    const events = await collect(await open({ idleTimeoutMs: 200 }));
    expect(events.filter((event) => event.type === 'ping')).toHaveLength(7);
    expect(events.at(-1)).toMatchObject({ type: 'end', result: { text: 'late' } });
  });

  it('the idle timeout counts the silence since the last byte, not since the first read', async () => {
    await serve((response) => {
      response.write(chunk('a'));
      setTimeout(() => response.write(': OPENROUTER PROCESSING\n\n'), 150);
    });
    const stream = await open({ idleTimeoutMs: 200 });
    const started = performance.now();
    const events = await collect(stream);
    const elapsed = performance.now() - started;
    expect(TimeoutError.isInstance(errorOf(events))).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['chunk', 'ping', 'error']);
    // The ping at ~150 ms restarted the 200 ms window: the timeout comes at ~350 ms.
    expect(elapsed).toBeGreaterThanOrEqual(320);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a consumer that pauses between reads is not an idle upstream', async () => {
    await serve((response) => {
      response.write(chunk('a'));
      setTimeout(() => response.end(chunk('b') + finish), 100);
    });
    const stream = await open({ idleTimeoutMs: 150 });
    const events: ChatStreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (events.length === 1) await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(events.at(-1)).toMatchObject({ type: 'end', result: { text: 'ab' } });
  });

  it('an abort mid-stream ends with AbortError and the partial result, and cancels the body', async () => {
    const active = await serve((response) => {
      response.write(chunk('first'));
      setInterval(() => response.write(': OPENROUTER PROCESSING\n\n'), 20).unref();
    });
    const controller = new AbortController();
    const stream = await open({ signal: controller.signal, idleTimeoutMs: 5_000 });
    const events: ChatStreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'chunk') controller.abort(new Error('user pressed stop'));
    }
    const error = errorOf(events);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.partial?.text).toBe('first');
    expect(await (await active.request()).closed).toBe(true);
  });

  it('an already aborted signal ends the stream at once and cancels the body', async () => {
    const active = await serve((response) => response.write(chunk('never read')));
    const stream = await open({ signal: AbortSignal.abort() });
    const events = await collect(stream);
    expect(events).toHaveLength(1);
    expect(AbortError.isInstance(errorOf(events))).toBe(true);
    expect(await (await active.request()).closed).toBe(true);
  });

  it('a connection reset mid-stream is a ConnectionError with the partial result', async () => {
    await serve((response) => {
      response.write(chunk('cut'));
      setTimeout(() => response.socket?.destroy(), 50);
    });
    const events = await collect(await open({ idleTimeoutMs: 5_000 }));
    const error = errorOf(events);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.partial?.text).toBe('cut');
  });

  it('breaking out of the loop cancels the body; result() then rejects with AbortError', async () => {
    const active = await serve((response) => {
      response.write(chunk('one') + chunk('two'));
      setInterval(() => response.write(chunk('more')), 20).unref();
    });
    const stream = await open();
    for await (const event of stream) {
      if (event.type === 'chunk') break;
    }
    expect(await (await active.request()).closed).toBe(true);
    await expect(stream.result()).rejects.toSatisfy(
      (error) => AbortError.isInstance(error) && /^one/.test(error.partial?.text ?? ''),
    );
  });

  it('cancel() ends an iteration in progress', async () => {
    await serve((response) => {
      response.write(chunk('a'));
      setInterval(() => response.write(': OPENROUTER PROCESSING\n\n'), 20).unref();
    });
    const stream = await open();
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.type);
      if (seen.length === 3) await stream.cancel();
    }
    expect(seen.slice(0, 3)).toEqual(['chunk', 'ping', 'ping']);
    expect(seen).toHaveLength(3);
    await expect(stream.result()).rejects.toSatisfy(AbortError.isInstance);
  });

  it('an in-band error arrives as one StreamError event; result() rejects with it', async () => {
    await serve((response) =>
      response.end(
        chunk('so far') +
          chunk('', { error: { code: 502, message: 'Provider returned error' } }) +
          'data: [DONE]\n\n',
      ),
    );
    const stream = await open();
    const events = await collect(stream);
    const error = errorOf(events);
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 502, partial: { text: 'so far' } });
    await expect(stream.result()).rejects.toBe(error);
  });

  it('a JSON error body where SSE was expected becomes the typed error', async () => {
    await serve(
      (response) => response.end(JSON.stringify({ error: { code: 429, message: 'Rate limit exceeded' } })),
      'application/json',
    );
    const events = await collect(await open());
    const error = errorOf(events);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Rate limit exceeded');
  });

  it('a whole completion where SSE was expected (stream ignored) becomes one chunk and end', async () => {
    const body = {
      id: 'gen-json',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'whole',
            tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    };
    await serve((response) => response.end(JSON.stringify(body)), 'application/json; charset=utf-8');
    const events = await collect(await open());
    expect(events.map((event) => event.type)).toEqual(['chunk', 'end']);
    expect(events.at(-1)).toMatchObject({
      type: 'end',
      result: {
        text: 'whole',
        toolCalls: [{ id: 't', name: 'f', arguments: '{}' }],
        usage: { totalTokens: 3 },
      },
    });
  });

  it('EOF before any finish reason is a StreamTruncatedError', async () => {
    await serve((response) => response.end(chunk('no finish')));
    const stream = await open();
    await expect(stream.result()).rejects.toSatisfy(
      (error) => StreamError.isInstance(error) && (error as Error).name === 'StreamTruncatedError',
    );
  });
});
