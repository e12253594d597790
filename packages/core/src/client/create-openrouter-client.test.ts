import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../errors/invalid-options-error';
import { ProviderError } from '../errors/provider-error';
import { RateLimitError } from '../errors/rate-limit-error';
import { ResponseParseError } from '../errors/response-parse-error';
import { chatCompletion, sendJson, useTestServer } from './__fixtures__/test-server';
import { CORE_VERSION } from './constants';
import { createOpenRouterClient } from './create-openrouter-client';

const serve = useTestServer();

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('createOpenRouterClient: headers', () => {
  it('sends the key, attribution, the version-stamped identifier, client and per-call headers', async () => {
    const local = await serve((_request, response) => sendJson(response, 200, chatCompletion('ok')));
    const client = createOpenRouterClient({
      apiKey: 'sk-or-v1-test-key-123456',
      baseURL: local.baseURL,
      appName: 'My App',
      appUrl: 'https://example.com',
      appCategories: ['cli-agent', 'programming-app'],
      clientName: 'ai-sdk/9.9.9',
      headers: { 'X-Custom': 'client', 'X-Overridden': 'client' },
    });
    await client.chat.send(
      { model: 'openai/gpt-4o-mini', messages },
      { headers: { 'X-Overridden': 'call', 'X-OpenRouter-Metadata': 'enabled' } },
    );
    const headers = local.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe('Bearer sk-or-v1-test-key-123456');
    expect(headers['http-referer']).toBe('https://example.com');
    expect(headers['x-openrouter-title']).toBe('My App');
    expect(headers['x-openrouter-categories']).toBe('cli-agent,programming-app');
    expect(headers['x-openrouter-client']).toBe(`openrouter-adapters-core/${CORE_VERSION} ai-sdk/9.9.9`);
    expect(headers['user-agent']).toBe(`openrouter-adapters-core/${CORE_VERSION} ai-sdk/9.9.9`);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-custom']).toBe('client');
    expect(headers['x-overridden']).toBe('call');
    expect(headers['x-openrouter-metadata']).toBe('enabled');
    expect(CORE_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads a lazy apiKey on each request and sends no Authorization without a key', async () => {
    const local = await serve((_request, response) => sendJson(response, 200, chatCompletion('ok')));
    let calls = 0;
    const lazy = createOpenRouterClient({
      baseURL: local.baseURL,
      apiKey: async () => `sk-lazy-${++calls}-abcdef`,
    });
    await lazy.chat.send({ messages });
    await lazy.chat.send({ messages });
    const none = createOpenRouterClient({ baseURL: local.baseURL });
    await none.chat.send({ messages });
    expect(local.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-lazy-1-abcdef',
      'Bearer sk-lazy-2-abcdef',
      undefined,
    ]);
  });

  it('rejects invalid options and header values with one InvalidOptionsError', async () => {
    let caught: unknown;
    try {
      createOpenRouterClient({ baseURL: 'not a url', maxRetries: -1, timeoutMs: Number.NaN });
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues.map((issue) => issue.path)).toEqual([
      'baseURL',
      'maxRetries',
      'timeoutMs',
    ]);
    const local = await serve((_request, response) => sendJson(response, 200, chatCompletion('ok')));
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    await expect(
      client.chat.send({ messages }, { headers: { 'X-Bad': 'a\r\nInjected: yes' } }),
    ).rejects.toSatisfy(
      (error) => InvalidOptionsError.isInstance(error) && error.message.includes('headers.X-Bad'),
    );
    expect(local.requests).toHaveLength(0);
  });
});

describe('createOpenRouterClient: chat.send', () => {
  it('forces stream: false and returns the result with raw body and response metadata', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 200, chatCompletion('Hello!', 'gen-abc'), { 'X-Generation-Id': 'gen-abc' }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    const result = await client.chat.send({ model: 'openai/gpt-4o-mini', messages, stream: true });
    expect(JSON.parse(local.requests[0]?.body ?? '')).toEqual({
      model: 'openai/gpt-4o-mini',
      messages,
      stream: false,
    });
    expect(local.requests[0]?.path).toBe('/api/v1/chat/completions');
    expect(result.text).toBe('Hello!');
    expect(result.finishReason).toBe('stop');
    expect(result.provider).toBe('OpenAI');
    expect(result.raw.id).toBe('gen-abc');
    expect(result.response).toMatchObject({
      status: 200,
      generationId: 'gen-abc',
      url: `${local.baseURL}/chat/completions`,
      attempts: 1,
    });
    expect(result.response?.headers['x-generation-id']).toBe('gen-abc');
  });

  it('tolerates leading whitespace keep-alives before the JSON body', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('\n\n   \n');
      setTimeout(() => response.end(`\n${JSON.stringify(chatCompletion('late'))}`), 20);
    });
    const result = await createOpenRouterClient({ baseURL: local.baseURL }).chat.send({ messages });
    expect(result.text).toBe('late');
    expect(result.generationId).toBe('gen-test-1');
  });

  it('throws the typed error for a 200 body that holds only an error (status from error.code), without retrying', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 200, {
        error: {
          code: 429,
          message: 'Provider returned error',
          metadata: { provider_name: 'Groq', raw: '{"error":{"message":"Rate limit reached for model"}}' },
        },
      }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL, initialRetryDelayMs: 1 });
    const error = await client.chat.send({ messages }).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).status).toBe(429);
    expect((error as RateLimitError).message).toBe(
      'Provider returned error (Groq): Rate limit reached for model',
    );
    expect(local.requests).toHaveLength(1);
  });

  it('throws a choice-level error with the partial result', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 200, {
        ...chatCompletion('Half an ans'),
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Half an ans' },
            finish_reason: 'error',
            error: { code: 502, message: 'Upstream stopped' },
          },
        ],
      }),
    );
    const error = await createOpenRouterClient({ baseURL: local.baseURL })
      .chat.send({ messages })
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as ProviderError).message).toBe('Upstream stopped');
    expect((error as ProviderError).partial?.text).toBe('Half an ans');
  });

  it('throws ResponseParseError for a body that is not JSON', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>oops</html>');
    });
    const error = await createOpenRouterClient({ baseURL: local.baseURL })
      .chat.send({ messages })
      .catch((caught: unknown) => caught);
    expect(ResponseParseError.isInstance(error)).toBe(true);
    expect((error as ResponseParseError).kind).toBe('invalid-json');
  });
});

describe('createOpenRouterClient: other resources', () => {
  it('lists models with query filters and returns the data array', async () => {
    const local = await serve((_request, response) => sendJson(response, 200, { data: [{ id: 'a/b' }] }));
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    const models = await client.models.list({
      supported_parameters: 'tools,reasoning',
      output_modalities: 'text',
      category: 'programming',
      limit: 10,
      q: undefined,
    });
    expect(models).toEqual([{ id: 'a/b' }]);
    const request = local.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/api/v1/models');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      supported_parameters: 'tools,reasoning',
      output_modalities: 'text',
      category: 'programming',
      limit: '10',
    });
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('builds the endpoints path from the model id with encoded segments', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 200, { data: { id: 'x', name: 'x', architecture: {}, endpoints: [] } }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    await client.models.endpoints('meta-llama/llama-3.3-70b-instruct:free');
    await client.models.endpoints('~anthropic/claude sonnet');
    expect(local.requests.map((request) => request.path)).toEqual([
      '/api/v1/models/meta-llama/llama-3.3-70b-instruct:free/endpoints',
      '/api/v1/models/~anthropic/claude%20sonnet/endpoints',
    ]);
    await expect(client.models.endpoints('no-slash')).rejects.toSatisfy(InvalidOptionsError.isInstance);
  });

  it('gets key, credits, embeddings and legacy completions', async () => {
    const local = await serve((request, response) => {
      if (request.path.endsWith('/key')) return sendJson(response, 200, { data: { label: 'k', usage: 1 } });
      if (request.path.endsWith('/credits'))
        return sendJson(response, 200, { data: { total_credits: 10, total_usage: 2 } });
      if (request.path.endsWith('/embeddings')) {
        return sendJson(response, 200, {
          object: 'list',
          data: [{ object: 'embedding', index: 0, embedding: [0.1] }],
          model: 'm',
        });
      }
      return sendJson(response, 200, {
        id: 'gen-c',
        created: 1,
        model: 'm',
        choices: [{ index: 0, text: 'completed', finish_reason: 'stop' }],
      });
    });
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    expect(await client.key.get()).toEqual({ label: 'k', usage: 1 });
    expect(await client.credits.get()).toEqual({ total_credits: 10, total_usage: 2 });
    const embeddings = await client.embeddings.create({ model: 'm', input: 'hello' });
    expect(embeddings.data[0]?.embedding).toEqual([0.1]);
    expect(embeddings.response.status).toBe(200);
    const completion = await client.completions.send({ model: 'm', prompt: 'Say' });
    expect(completion.choices[0]?.text).toBe('completed');
    expect(completion.response.generationId).toBe('gen-c');
    expect(JSON.parse(local.requests[3]?.body ?? '')).toEqual({ model: 'm', prompt: 'Say', stream: false });
  });

  it('retries the early 404 of /generation with ~1 s spacing', async () => {
    const local = await serve((request, response, index) => {
      if (index < 2)
        return sendJson(response, 404, { error: { code: 404, message: 'Generation not found' } });
      sendJson(response, 200, { data: { id: request.query.get('id'), total_cost: 0.001 } });
    });
    const client = createOpenRouterClient({ baseURL: local.baseURL, maxRetries: 0 });
    const generation = await client.generation.get('gen-xyz');
    expect(generation).toMatchObject({ id: 'gen-xyz' });
    expect(local.requests).toHaveLength(3);
    const gap = (local.requests[2]?.receivedAt ?? 0) - (local.requests[1]?.receivedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(900);
  });

  it('stops the /generation retries when aborted', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 404, { error: { code: 404, message: 'nope' } }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    const controller = new AbortController();
    const started = Date.now();
    const pending = client.generation.get('gen-1', { signal: controller.signal });
    await local.waitFor((requests) => requests.length === 1);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toSatisfy((error) => (error as Error).name === 'AbortError');
    expect(Date.now() - started).toBeLessThan(900);
    expect(local.requests).toHaveLength(1);
  });

  it('request() returns the raw response with its body untouched', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'x-generation-id': 'gen-raw' });
      response.end('raw bytes');
    });
    const client = createOpenRouterClient({ baseURL: local.baseURL });
    const { response, meta } = await client.request({
      method: 'POST',
      path: '/chat/completions',
      body: { a: 1 },
      query: { x: 1 },
    });
    expect(await response.text()).toBe('raw bytes');
    expect(meta).toMatchObject({ status: 200, generationId: 'gen-raw', attempts: 1 });
    expect(local.requests[0]?.query.get('x')).toBe('1');
    expect(local.requests[0]?.body).toBe('{"a":1}');
  });
});
