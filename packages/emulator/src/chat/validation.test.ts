import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../catalogue/model-ids';
import type { Emulator } from '../server/emulator-types';
import { startEmulator } from '../server/start-emulator';
import { type AnyJson, getJson, postJson } from '../test-utils/http';

let emulator: Emulator;
let authed: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
  authed = await startEmulator({ requireAuth: true, apiKeys: [{ key: 'sk-or-v1-good' }] });
});
afterAll(async () => {
  await emulator.close();
  await authed.close();
});

const user = [{ role: 'user', content: 'hi' }];
const expectError = (
  response: { status: number; body: Record<string, AnyJson> },
  status: number,
  message: RegExp | string,
): void => {
  expect(response.status).toBe(status);
  expect(response.body.error.code).toBe(status);
  expect(Object.keys(response.body.error)).toEqual(expect.arrayContaining(['code', 'message', 'metadata']));
  if (typeof message === 'string') expect(response.body.error.message).toBe(message);
  else expect(response.body.error.message).toMatch(message);
};

describe('chat request validation', () => {
  const post = (body: unknown) => postJson(`${emulator.baseURL}/chat/completions`, body);

  it('unknown model → 400 "<id> is not a valid model ID" (also in `models` and for bad variants)', async () => {
    expectError(await post({ model: 'acme/nope', messages: user }), 400, 'acme/nope is not a valid model ID');
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, models: ['acme/other'], messages: user }),
      400,
      'acme/other is not a valid model ID',
    );
    expectError(
      await post({ model: `${MODEL_IDS.gpt4oMini}:turbo`, messages: user }),
      400,
      'openai/gpt-4o-mini:turbo is not a valid model ID',
    );
    expectError(
      await post({ model: 'emulator/no-such-scenario', messages: user }),
      400,
      /is not a valid model ID \(unknown emulator scenario/,
    );
  });

  it('an embedding model on chat → 400', async () => {
    expectError(
      await post({ model: MODEL_IDS.embeddingSmall, messages: user }),
      400,
      /is an embedding model/,
    );
  });

  it('missing or empty messages → 400', async () => {
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini }),
      400,
      'Input required: specify "prompt" or "messages"',
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: [] }),
      400,
      /^Input required: specify "prompt" or "messages"/,
    );
  });

  it('bodies that are not JSON (or not objects, or empty) → 400', async () => {
    expectError(await post('{"model": '), 400, /^Request body is not valid JSON/);
    expectError(await post('[1,2]'), 400, 'Request body must be a JSON object');
    expectError(await post(''), 400, /empty/);
  });

  it('missing model → 400', async () => {
    expectError(await post({ messages: user }), 400, /No model specified/);
  });

  it('bad messages → 400 naming the message', async () => {
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'robot', content: 'x' }] }),
      400,
      /messages\[0\].*role/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: [{ role: 'user', content: 42 }] }),
      400,
      /messages\[0\].*content/,
    );
    expectError(
      await post({
        model: MODEL_IDS.gpt4oMini,
        messages: [{ role: 'user', content: [{ type: 'hologram' }] }],
      }),
      400,
      /unsupported type "hologram"/,
    );
  });

  it('a tool message whose tool_call_id matches no earlier call → 400', async () => {
    const response = await post({
      model: MODEL_IDS.gpt4oMini,
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_2', content: 'sunny' },
      ],
    });
    expectError(response, 400, /messages\[2\]: tool_call_id "call_2" does not match any tool call/);
    const ok = await post({
      model: MODEL_IDS.gpt4oMini,
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    });
    expect(ok.status).toBe(200);
  });

  it('unknown provider keys and bad provider values → 400', async () => {
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, provider: { fastest: true } }),
      400,
      /unrecognized key\(s\) `fastest`/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, provider: { sort: 'cheapest' } }),
      400,
      /provider\.sort/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, provider: { data_collection: 'maybe' } }),
      400,
      /data_collection/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, provider: { order: 'openai' } }),
      400,
      /provider\.order/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, provider: { max_price: { tokens: 1 } } }),
      400,
      /max_price\.tokens/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, provider: { quantizations: ['fp3'] } }),
      400,
      /quantizations/,
    );
  });

  it('reasoning_effort contradicting reasoning.effort → 400; effort with max_tokens → 400', async () => {
    expectError(
      await post({
        model: MODEL_IDS.claudeSonnet,
        messages: user,
        reasoning_effort: 'low',
        reasoning: { effort: 'high' },
      }),
      400,
      /Conflicting reasoning settings: `reasoning_effort` is "low" but `reasoning.effort` is "high"/,
    );
    const same = await post({
      model: MODEL_IDS.claudeSonnet,
      messages: user,
      reasoning_effort: 'low',
      reasoning: { effort: 'low' },
    });
    expect(same.status).toBe(200);
    expectError(
      await post({
        model: MODEL_IDS.claudeSonnet,
        messages: user,
        reasoning: { effort: 'low', max_tokens: 100 },
      }),
      400,
      /Only one of/,
    );
    expectError(
      await post({ model: MODEL_IDS.claudeSonnet, messages: user, reasoning: { effort: 'ultra' } }),
      400,
      /reasoning\.effort/,
    );
  });

  it('bad numbers, stop, tools and tool_choice → 400', async () => {
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, temperature: 3 }),
      400,
      /`temperature` must be at most 2/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, max_tokens: 1.5 }),
      400,
      /`max_tokens` must be an integer/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, stream: 'yes' }),
      400,
      /`stream` must be a boolean/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, stop: ['a', 'b', 'c', 'd', 'e'] }),
      400,
      /stop/,
    );
    expectError(
      await post({
        model: MODEL_IDS.gpt4oMini,
        messages: user,
        tools: [{ type: 'function', function: { name: 'bad name!' } }],
      }),
      400,
      /tools\[0\]/,
    );
    expectError(
      await post({
        model: MODEL_IDS.gpt4oMini,
        messages: user,
        tools: [{ type: 'function', function: { name: 'a' } }],
        tool_choice: { type: 'function', function: { name: 'b' } },
      }),
      400,
      /names the function "b", which is not in `tools`/,
    );
    expectError(
      await post({ model: MODEL_IDS.gpt4oMini, messages: user, tool_choice: 'required' }),
      400,
      /no `tools`/,
    );
    expectError(
      await post({
        model: MODEL_IDS.gpt4oMini,
        messages: user,
        response_format: { type: 'json_schema', json_schema: {} },
      }),
      400,
      /json_schema/,
    );
  });

  it('unknown scenarios and parameters → 400 (a typo never disables a fault silently)', async () => {
    const unknown = await postJson(
      `${emulator.baseURL}/chat/completions`,
      { model: MODEL_IDS.gpt4oMini, messages: user },
      { 'x-emulator-scenario': 'mid-stream-eror' },
    );
    expectError(unknown, 400, /unknown scenario `mid-stream-eror`/);
    const badParam = await postJson(
      `${emulator.baseURL}/chat/completions`,
      { model: MODEL_IDS.gpt4oMini, messages: user },
      { 'x-emulator-scenario': 'disconnect; aftr=2' },
    );
    expectError(badParam, 400, /has no parameter `aftr`/);
    const orphan = await postJson(
      `${emulator.baseURL}/chat/completions`,
      { model: MODEL_IDS.gpt4oMini, messages: user },
      { 'x-emulator-scenario': 'after=2' },
    );
    expectError(orphan, 400, /parameters without a scenario name/);
  });
});

describe('authentication (requireAuth)', () => {
  it('missing key → 401 "No auth credentials found"; unknown key → 401 "User not found."', async () => {
    const url = `${authed.baseURL}/chat/completions`;
    const body = { model: MODEL_IDS.gpt4oMini, messages: user };
    expectError(await postJson(url, body), 401, 'No auth credentials found');
    expectError(await postJson(url, body, { authorization: 'Bearer sk-or-v1-bad' }), 401, 'User not found.');
    expect((await postJson(url, body, { authorization: 'Bearer sk-or-v1-good' })).status).toBe(200);
    expectError(await getJson(`${authed.baseURL}/key`), 401, 'No auth credentials found');
    expectError(
      await getJson(`${authed.baseURL}/generation?id=gen-1`, { authorization: 'Bearer nope' }),
      401,
      'User not found.',
    );
  });

  it('keeps /models public', async () => {
    expect((await getJson(`${authed.baseURL}/models`)).status).toBe(200);
  });

  it('accepts any key or none without requireAuth', async () => {
    const url = `${emulator.baseURL}/chat/completions`;
    expect((await postJson(url, { model: MODEL_IDS.gpt4oMini, messages: user })).status).toBe(200);
    expect(
      (
        await postJson(
          url,
          { model: MODEL_IDS.gpt4oMini, messages: user },
          { authorization: 'Bearer whatever' },
        )
      ).status,
    ).toBe(200);
  });
});
