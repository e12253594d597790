import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, getJson, postJson, postSse } from '../test-utils/http';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    apiKeys: [{ key: 'sk-or-v1-tiny', limit: 0.0001 }, { key: 'sk-or-v1-unlimited' }],
    managementKeys: ['sk-or-v1-mgmt'],
  });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const chat = (content = 'hello') => ({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content }] });

describe('GET /generation', () => {
  it('reflects what was served, streamed or not, and whether the client cancelled', async () => {
    const plain = await postJson(`${emulator.baseURL}/chat/completions`, chat(), {
      'http-referer': 'https://app.example',
      'x-session-id': 's1',
    });
    const generation = await getJson(`${emulator.baseURL}/generation?id=${plain.body.id}`);
    expect(generation.body.data).toMatchObject({
      id: plain.body.id,
      model: MODEL_IDS.gpt4oMini,
      provider_name: 'OpenAI',
      streamed: false,
      cancelled: false,
      tokens_prompt: plain.body.usage.prompt_tokens,
      tokens_completion: plain.body.usage.completion_tokens,
      total_cost: plain.body.usage.cost,
      finish_reason: 'stop',
      native_finish_reason: 'stop',
      origin: 'https://app.example',
      session_id: 's1',
      api_type: 'completions',
      provider_responses: [{ provider_name: 'OpenAI', status: 200 }],
    });
    const streamed = await postSse(`${emulator.baseURL}/chat/completions`, chat());
    const streamedGeneration = await getJson(`${emulator.baseURL}/generation?id=${streamed.chunks[0]?.id}`);
    expect(streamedGeneration.body.data).toMatchObject({ streamed: true, cancelled: false });

    const controller = new AbortController();
    const response = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-scenario': 'slow-tokens; interval_ms=100' },
      body: JSON.stringify({ ...chat('[[tokens: 50]]'), stream: true }),
      signal: controller.signal,
    });
    const id = response.headers.get('x-generation-id');
    await response.body!.getReader().read();
    controller.abort();
    await emulator.waitFor((requests) => requests.at(-1)?.clientDisconnectedAt !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cancelled = await getJson(`${emulator.baseURL}/generation?id=${id}`);
    expect(cancelled.body.data.cancelled).toBe(true);
    expect(cancelled.body.data.tokens_completion).toBeLessThan(50);
  });

  it('404s for unknown ids, 400 without id, and during generationDelayMs', async () => {
    expect((await getJson(`${emulator.baseURL}/generation?id=gen-0-nothing`)).status).toBe(404);
    expect((await getJson(`${emulator.baseURL}/generation`)).status).toBe(400);
    const lagging = await startEmulator({ generationDelayMs: 300 });
    try {
      const response = await postJson(`${lagging.baseURL}/chat/completions`, chat());
      const early = await getJson(`${lagging.baseURL}/generation?id=${response.body.id}`);
      expect(early.status).toBe(404);
      expect(early.body.error.message).toMatch(/not found/);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await getJson(`${lagging.baseURL}/generation?id=${response.body.id}`)).status).toBe(200);
    } finally {
      await lagging.close();
    }
  });
});

describe('GET /key and GET /credits', () => {
  it('key usage grows with each request’s cost; a spent limit → 402', async () => {
    const before = await getJson(`${emulator.baseURL}/key`, bearer('sk-or-v1-tiny'));
    expect(before.body.data).toMatchObject({
      label: 'sk-or-v1-****',
      limit: 0.0001,
      usage: 0,
      limit_remaining: 0.0001,
      is_management_key: false,
    });
    let spent = 0;
    let status = 200;
    let last: AnyJson;
    for (let index = 0; index < 50 && status === 200; index++) {
      last = await postJson(
        `${emulator.baseURL}/chat/completions`,
        chat('[[tokens: 100]]'),
        bearer('sk-or-v1-tiny'),
      );
      status = last.status;
      if (status === 200) spent += last.body.usage.cost;
    }
    expect(status).toBe(402);
    expect(last.body.error.message).toMatch(/^Insufficient credits/);
    const after = await getJson(`${emulator.baseURL}/key`, bearer('sk-or-v1-tiny'));
    expect(after.body.data.usage).toBeCloseTo(spent, 12);
    expect(after.body.data.limit_remaining).toBe(0);
    expect(
      (await postJson(`${emulator.baseURL}/chat/completions`, chat(), bearer('sk-or-v1-unlimited'))).status,
    ).toBe(200);
  });

  it('max_tokens the remaining limit cannot pay for → 402 with OpenRouter’s wording', async () => {
    const response = await postJson(
      `${emulator.baseURL}/chat/completions`,
      { ...chat(), max_tokens: 10_000 },
      bearer('sk-or-v1-tiny'),
    );
    expect(response.status).toBe(402);
    expect(response.body.error.message).toMatch(
      /^This request requires more credits, or fewer max_tokens\. You requested up to 10000 tokens, but can only afford 166\./,
    );
  });

  it('credits: 403 without a management key; totals with one', async () => {
    const denied = await getJson(`${emulator.baseURL}/credits`, bearer('sk-or-v1-unlimited'));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Only management keys can perform this operation');
    await postJson(`${emulator.baseURL}/chat/completions`, chat(), bearer('sk-or-v1-unlimited'));
    const credits = await getJson(`${emulator.baseURL}/credits`, bearer('sk-or-v1-mgmt'));
    expect(credits.status).toBe(200);
    expect(credits.body.data.total_credits).toBe(100);
    expect(credits.body.data.total_usage).toBeGreaterThan(0);
  });
});
