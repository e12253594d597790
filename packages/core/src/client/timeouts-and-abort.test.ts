import { describe, expect, it } from 'vitest';
import { AbortError } from '../errors/abort-error';
import type { OpenRouterError } from '../errors/openrouter-error';
import { TimeoutError } from '../errors/timeout-error';
import {
  activeTimers,
  chatCompletion,
  chatStreamFrames,
  type Handler,
  sendJson,
  useTestServer,
} from './__fixtures__/test-server';
import { createOpenRouterClient } from './create-openrouter-client';

const serve = useTestServer();

const body = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
const never: Handler = () => undefined;

async function rejection(promise: Promise<unknown>): Promise<OpenRouterError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: OpenRouterError) => error,
  );
}

/** Lets pending timer callbacks and socket closes settle, then counts active timers. */
async function timersAfterSettling(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return activeTimers();
}

describe('timeouts', () => {
  it('connectTimeoutMs: no headers in time → TimeoutError(connect), retried, then thrown', async () => {
    const baseline = activeTimers();
    const local = await serve(never);
    const client = createOpenRouterClient({
      baseURL: local.baseURL,
      connectTimeoutMs: 100,
      initialRetryDelayMs: 1,
    });
    const started = Date.now();
    const error = await rejection(client.chat.send(body, { maxRetries: 1 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).kind).toBe('connect');
    expect((error as TimeoutError).timeoutMs).toBe(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Generous bound: on a loaded machine the server may notice the closed sockets late.
    await local.waitFor(
      (requests) => requests.length === 2 && requests.every((request) => request.disconnectedAt),
      5_000,
    );
    expect(await timersAfterSettling()).toBeLessThanOrEqual(baseline);
  });

  it('timeoutMs: the whole request incl. retries and body → TimeoutError(total)', async () => {
    const baseline = activeTimers();
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(' '); // headers and one whitespace byte, then nothing
    });
    const client = createOpenRouterClient({ baseURL: local.baseURL, timeoutMs: 150 });
    const started = Date.now();
    const error = await rejection(client.chat.send(body));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).kind).toBe('total');
    expect(Date.now() - started).toBeLessThan(1_000);
    await local.waitFor((requests) => requests[0]?.disconnectedAt !== undefined);
    expect(await timersAfterSettling()).toBeLessThanOrEqual(baseline);
  });

  it('timeoutMs also bounds the waits between retries', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 503, { error: { code: 503, message: 'x' } }, { 'Retry-After': '3' }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL, timeoutMs: 200 });
    const error = await rejection(client.chat.send(body));
    expect((error as TimeoutError).kind).toBe('total');
    expect(local.requests).toHaveLength(1);
  });

  it('idleTimeoutMs: silence mid-stream → TimeoutError(idle) error event with the partial text', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const frames = chatStreamFrames(['Hel', 'lo']);
      response.write(frames[0]);
      response.write(frames[1]);
    });
    const baseline = activeTimers();
    const client = createOpenRouterClient({ baseURL: local.baseURL, idleTimeoutMs: 150 });
    const stream = await client.chat.stream(body);
    const events = [];
    for await (const event of stream) events.push(event);
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    const error = last?.type === 'error' ? last.error : undefined;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).kind).toBe('idle');
    expect(error?.partial?.text).toBe('Hello');
    await local.waitFor((requests) => requests[0]?.disconnectedAt !== undefined);
    expect(await timersAfterSettling()).toBeLessThanOrEqual(baseline);
  });

  it('keep-alive comments reset the idle timeout', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const interval = setInterval(() => {
        response.write(': OPENROUTER PROCESSING\n\n');
        if (++sent === 5) {
          clearInterval(interval);
          for (const frame of chatStreamFrames(['done'])) response.write(frame);
          response.end();
        }
      }, 60);
    });
    const stream = await createOpenRouterClient({ baseURL: local.baseURL, idleTimeoutMs: 150 }).chat.stream(
      body,
    );
    const result = await stream.result();
    expect(result.text).toBe('done');
  });
});

describe('abort', () => {
  it('an already-aborted signal rejects with AbortError before any request', async () => {
    const local = await serve(never);
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    const reason = new Error('user left');
    const controller = new AbortController();
    controller.abort(reason);
    const error = await rejection(client.chat.send(body, { signal: controller.signal }));
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.cause).toBe(reason);
    await rejection(client.chat.stream(body, { signal: controller.signal }));
    await rejection(client.models.list(undefined, { signal: controller.signal }));
    expect(local.requests).toHaveLength(0);
  });

  it('aborting during a backoff wait stops at once', async () => {
    const baseline = activeTimers();
    const local = await serve((_request, response) =>
      sendJson(response, 429, { error: { code: 429, message: 'slow down' } }, { 'Retry-After': '30' }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL, maxRetryDelayMs: 60_000 });
    const controller = new AbortController();
    const pending = client.chat.send(body, { signal: controller.signal });
    await local.waitFor((requests) => requests.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    controller.abort();
    const error = await rejection(pending);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(100);
    expect(local.requests).toHaveLength(1);
    expect(await timersAfterSettling()).toBeLessThanOrEqual(baseline);
  });

  it('aborting while waiting for headers → AbortError, and the server sees the disconnect', async () => {
    const local = await serve(never);
    const controller = new AbortController();
    const pending = createOpenRouterClient({ baseURL: local.baseURL }).chat.send(body, {
      signal: controller.signal,
    });
    await local.waitFor((requests) => requests.length === 1);
    controller.abort();
    expect(AbortError.isInstance(await rejection(pending))).toBe(true);
    await local.waitFor((requests) => requests[0]?.disconnectedAt !== undefined);
  });

  it('aborting mid-stream → AbortError event with the partial, and the server sees the disconnect', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const frames = chatStreamFrames(['Partial ', 'text']);
      response.write(frames[0]);
      response.write(frames[1]);
    });
    const baseline = activeTimers();
    const controller = new AbortController();
    const stream = await createOpenRouterClient({ baseURL: local.baseURL }).chat.stream(body, {
      signal: controller.signal,
    });
    const events = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'chunk' && events.length === 2) controller.abort();
    }
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    const error = last?.type === 'error' ? last.error : undefined;
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error?.partial?.text).toBe('Partial text');
    await local.waitFor((requests) => requests[0]?.disconnectedAt !== undefined, 1_000);
    expect(await timersAfterSettling()).toBeLessThanOrEqual(baseline);
  });

  it('cancel() closes the connection', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chatStreamFrames(['a'])[0]);
    });
    const stream = await createOpenRouterClient({ baseURL: local.baseURL }).chat.stream(body);
    await stream.cancel();
    await local.waitFor((requests) => requests[0]?.disconnectedAt !== undefined, 1_000);
  });

  it('aborting the signal given to request() cancels the raw body', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': OPENROUTER PROCESSING\n\n');
    });
    const controller = new AbortController();
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    const { response } = await client.request(
      { method: 'POST', path: '/chat/completions', body, stream: true },
      { signal: controller.signal },
    );
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    await expect(reader?.read()).rejects.toBeDefined();
    await local.waitFor((requests) => requests[0]?.disconnectedAt !== undefined, 1_000);
  });
});

describe('streams', () => {
  it('chat.stream forces stream: true, streams events and resolves the result', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-generation-id': 'gen-stream-1' });
      for (const frame of chatStreamFrames(['Hello', ', ', 'world'])) response.write(frame);
      response.end();
    });
    const stream = await createOpenRouterClient({ baseURL: local.baseURL }).chat.stream({
      ...body,
      stream: false,
    });
    expect(JSON.parse(local.requests[0]?.body ?? '').stream).toBe(true);
    expect(local.requests[0]?.headers.accept).toBe('text/event-stream');
    expect(stream.response).toMatchObject({ status: 200, generationId: 'gen-stream-1', attempts: 1 });
    const result = await stream.result();
    expect(result.text).toBe('Hello, world');
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.outputTokens).toBe(3);
  });

  it('an HTTP error before the stream starts rejects the promise with the typed error (and is retried)', async () => {
    const local = await serve((_request, response, index) => {
      if (index === 0) return sendJson(response, 503, { error: { code: 503, message: 'busy' } });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const frame of chatStreamFrames(['ok'])) response.write(frame);
      response.end();
    });
    const client = createOpenRouterClient({ baseURL: local.baseURL, initialRetryDelayMs: 1 });
    const stream = await client.chat.stream(body);
    expect(stream.response.attempts).toBe(2);
    expect((await stream.result()).text).toBe('ok');
    const failing = await serve((_request, response) =>
      sendJson(response, 401, { error: { code: 401, message: 'User not found.' } }),
    );
    const error = await rejection(createOpenRouterClient({ baseURL: failing.baseURL }).chat.stream(body));
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toBe('User not found.');
    await local.close();
  });

  it('never retries after the stream started: a mid-stream error is an event', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chatStreamFrames(['Partial'])[0]);
      response.write(
        `data: ${JSON.stringify({ id: 'gen-stream-1', error: { code: 502, message: 'Provider disconnected' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}\n\n`,
      );
      response.end('data: [DONE]\n\n');
    });
    const stream = await createOpenRouterClient({ baseURL: local.baseURL }).chat.stream(body);
    const error = await rejection(stream.result());
    expect(error.name).toBe('StreamError');
    expect(error.status).toBe(502);
    expect(error.partial?.text).toBe('Partial');
    expect(local.requests).toHaveLength(1);
  });

  it('completions.stream accumulates legacy text chunks', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const text of ['Once ', 'upon']) {
        response.write(
          `data: ${JSON.stringify({ id: 'gen-c', choices: [{ index: 0, text, finish_reason: null }] })}\n\n`,
        );
      }
      response.write(
        `data: ${JSON.stringify({ id: 'gen-c', choices: [{ index: 0, text: '', finish_reason: 'length' }] })}\n\n`,
      );
      response.end('data: [DONE]\n\n');
    });
    const stream = await createOpenRouterClient({ baseURL: local.baseURL }).completions.stream({
      model: 'm',
      prompt: 'x',
    });
    const result = await stream.result();
    expect(result.text).toBe('Once upon');
    expect(result.finishReason).toBe('length');
    expect(JSON.parse(local.requests[0]?.body ?? '')).toEqual({ model: 'm', prompt: 'x', stream: true });
  });

  it('leaves no timers behind after a completed non-streamed call and a completed stream', async () => {
    const local = await serve((request, response) => {
      if (JSON.parse(request.body).stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const frame of chatStreamFrames(['x'])) response.write(frame);
        response.end();
        return;
      }
      sendJson(response, 200, chatCompletion('x'));
    });
    const baseline = activeTimers();
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    await client.chat.send(body);
    await (await client.chat.stream(body)).result();
    expect(await timersAfterSettling()).toBeLessThanOrEqual(baseline);
  });
});
